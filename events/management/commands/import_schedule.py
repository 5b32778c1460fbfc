from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from events.schedule_import import (
    ScheduleFormatError,
    ScheduleImportError,
    import_schedule,
    read_schedule,
)


class Command(BaseCommand):
    help = (
        "Import a frab schedule.xml or c3voc schedule.json (e.g. a pretalx export) into a "
        "summit. Re-importing updates by guid; any error leaves the database unchanged."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path to schedule.json or schedule.xml.")
        parser.add_argument(
            "--summit", dest="summit_slug", default=None,
            help="Slug of the summit to import into (created from the file if missing). "
                 "Default: the file's conference acronym.",
        )
        parser.add_argument(
            "--language", choices=[code for code, _name in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE,
            help="The language the file is in: its texts fill that language's fields and "
                 "leave the other's alone. Default: %(default)s.",
        )

    def handle(self, *args, file, summit_slug, language, **options):
        path = Path(file)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from None
        try:
            result = import_schedule(document=read_schedule(text), summit_slug=summit_slug,
                                     language=language)
        except (ScheduleFormatError, ScheduleImportError) as error:
            details = "".join(f"\n  - {line}" for line in getattr(error, "details", ()))
            raise CommandError(f"{path}: {error} Nothing was imported.{details}") from None
        self.stdout.write(self.style.SUCCESS(result.summary()))
