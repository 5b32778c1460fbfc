import secrets

from axes.utils import reset as reset_failed_logins
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse


class Command(BaseCommand):
    help = "Create (or reset) the local 'admin' superuser with a fresh random password."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--host", default="http://127.0.0.1:8000")

    def handle(self, *args, username, host, **options):
        if not settings.DEBUG:
            # Resetting a password on a production site would lock its real admin out.
            raise CommandError("ensure_local_admin is for local development only "
                               "(DJANGO_DEBUG is off).")
        password = secrets.token_urlsafe(12)
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"is_staff": True, "is_superuser": True}
        )
        user.is_staff = user.is_superuser = True
        user.set_password(password)
        user.save()
        reset_failed_logins(username=username)  # a developer who locked themselves out
        self.stdout.write(
            self.style.SUCCESS(
                f"\nAdmin: {host}{reverse('admin:index')}  user: {username}  password: {password}\n"
                "(a new random password on every `make run`)\n"
            )
        )
