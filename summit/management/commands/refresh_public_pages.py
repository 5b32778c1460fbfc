from django.core.management.base import BaseCommand

from summit.page_cache import version


class Command(BaseCommand):
    help = ("Supersede every cached public page (after a deploy: new templates, static files "
            "or translations that no saved object announces).")

    def handle(self, *args, **options):
        version.bump()
        self.stdout.write(f"Public version is now {version.current_version()}.")
