"""`manage.py backup [FILE]`: the database (dumpdata JSON, natural keys) and the uploaded
media in one .tar.gz, which `manage.py restore FILE` brings back into an empty database."""

import io
import tarfile
from datetime import datetime

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

# Rebuilt by migrate (contenttypes, permissions) or worthless in a restored site (sessions,
# login throttle counts, the admin's log). Groups keep their permissions by natural key.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "admin.logentry", "axes"]
DATA_NAME = "data.json"
MEDIA_NAME = "media"


class Command(BaseCommand):
    help = "Write the database and the uploaded media to one .tar.gz file."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="default: backup-<date>.tar.gz")

    def handle(self, *args, file=None, **options):
        path = file or f"backup-{datetime.now():%Y%m%d-%H%M%S}.tar.gz"
        data = io.StringIO()
        call_command("dumpdata", exclude=EXCLUDED, natural_foreign=True,
                     natural_primary=False, stdout=data, indent=None)
        payload = data.getvalue().encode()
        with tarfile.open(path, "w:gz") as archive:
            info = tarfile.TarInfo(DATA_NAME)
            info.size = len(payload)
            archive.addfile(info, io.BytesIO(payload))
            if settings.MEDIA_ROOT.exists():
                archive.add(settings.MEDIA_ROOT, arcname=MEDIA_NAME)
        self.stdout.write(path)
