"""`manage.py restore FILE [--force]`: a `backup` file into a migrated, empty database."""

import shutil
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from .backup import DATA_NAME, MEDIA_NAME

# Rows the migrations themselves create; a database holding only these counts as empty.
MADE_BY_MIGRATIONS = {"contenttypes.contenttype", "auth.permission", "auth.group",
                      "auth.group_permissions", "articles.category"}


class Command(BaseCommand):
    help = "Restore a backup file into an empty (migrated) database and the media folder."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--force", action="store_true",
                            help="restore even though the database holds data")

    def handle(self, *args, file, force=False, **options):
        call_command("migrate", interactive=False, verbosity=0)
        if not force and (holding := non_empty_tables()):
            raise CommandError(
                "The database is not empty (" + ", ".join(holding[:5]) + "); restore into "
                "an empty database, or pass --force.")
        with tempfile.TemporaryDirectory() as work:
            try:
                with tarfile.open(file, "r:gz") as archive:
                    archive.extractall(work, filter="data")
            except (OSError, tarfile.TarError) as error:
                raise CommandError(f"Cannot read {file}: {error}") from error
            data = Path(work) / DATA_NAME
            if not data.exists():
                raise CommandError(f"{file} is not a backup: it holds no {DATA_NAME}.")
            with transaction.atomic():
                # The migrations' groups and categories come back from the file.
                for label in ("auth.Group", "articles.Category"):
                    apps.get_model(label).objects.all().delete()
                call_command("loaddata", str(data), verbosity=0)
            media = Path(work) / MEDIA_NAME
            if media.exists():
                shutil.copytree(media, settings.MEDIA_ROOT, dirs_exist_ok=True)
        self.stdout.write(f"Restored {file}.")


def non_empty_tables():
    return [model._meta.label for model in apps.get_models()
            if model._meta.label_lower not in MADE_BY_MIGRATIONS
            and model._meta.managed and model._default_manager.exists()]
