from pathlib import Path

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

    def handle(self, *args, file, summit_slug, **options):
        path = Path(file)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from None
        try:
            result = import_schedule(document=read_schedule(text), summit_slug=summit_slug)
        except (ScheduleFormatError, ScheduleImportError) as error:
            details = "".join(f"\n  - {line}" for line in getattr(error, "details", ()))
            raise CommandError(f"{path}: {error} Nothing was imported.{details}") from None
        self.stdout.write(self.style.SUCCESS(result.summary()))
