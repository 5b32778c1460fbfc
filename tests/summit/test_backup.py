"""`manage.py backup` and `manage.py restore` (summit/management/commands/): a backup
restored into an emptied database serves every public page, export and upload exactly as
the original did, on SQLite and on PostgreSQL (the suite runs on both)."""

import io
import logging
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import Client

from events.models import Speaker
from tests.public_urls import public_urls

# The demo is built during the event and read after it (every demo article is out): the
# clock stands still, so only the data can make a page differ.
BUILT = datetime(2022, 8, 9, 10, 15, tzinfo=ZoneInfo("Asia/Shanghai"))
READ = datetime(2022, 9, 1, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
# Addresses outside the language prefix (summit/urls.py) are the same in both languages.
UNPREFIXED = ("/api/", "/sitemap.xml", "/robots.txt", "/favicon.ico", "/media/", "/sw.js",
              "/manifest.webmanifest")
EXTRA = ["/search/?q=AI", "/search/?q=%E6%95%B0%E6%8D%AE", "/offline/", "/sw.js",
         "/manifest.webmanifest", "/api/talks/?lang=en", "/api/speakers/?lang=en"]


def quiet():
    return io.StringIO()


def build_demo():
    call_command("load_demo", stdout=quiet())
    call_command("load_demo_news", stdout=quiet())


def addresses():
    """Every public address in both languages, and every uploaded file."""
    urls = public_urls() + EXTRA
    urls += [field.url for speaker in Speaker.objects.order_by("pk")
             for field in (speaker.photo, speaker.photo_96, speaker.photo_320) if field]
    english = [url if url.startswith(UNPREFIXED) else "/en" + url for url in urls]
    return sorted(set(urls + english))


def fetch_all(urls):
    """{url: (status, content type, location, body)} for every address."""
    logging.getLogger("django.request").setLevel(logging.CRITICAL)
    records = {}
    with time_machine.travel(READ, tick=False):
        client = Client(raise_request_exception=False)
        for url in urls:
            response = client.get(url)
            body = b"".join(response) if response.streaming else response.content
            records[url] = (response.status_code, response.get("Content-Type"),
                            response.get("Location"), body)
    return records


def media_files():
    root = Path(settings.MEDIA_ROOT)
    return {str(path.relative_to(root)): path.read_bytes()
            for path in sorted(root.rglob("*")) if path.is_file()}


@pytest.mark.django_db(transaction=True)
def test_a_restored_backup_serves_every_public_page_and_upload_identically(tmp_path):
    with time_machine.travel(BUILT, tick=False):
        build_demo()
    urls = addresses()
    before, uploads = fetch_all(urls), media_files()
    assert uploads, "the demo uploads speaker photos"
    assert {status for status, *_ in before.values()} >= {200, 404}
    backup = tmp_path / "site.tar.gz"
    call_command("backup", str(backup), stdout=quiet())

    call_command("flush", interactive=False)
    for path in Path(settings.MEDIA_ROOT).rglob("*"):
        if path.is_file():
            path.unlink()
    assert Speaker.objects.count() == 0 and not media_files()

    call_command("restore", str(backup), stdout=quiet())
    assert media_files() == uploads
    after = fetch_all(urls)
    differences = [f"{url}: {before[url][:3]} -> {answer[:3]}"
                   for url, answer in after.items() if answer != before[url]]
    assert differences == []
    assert len(after) == len(before) > 200


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_holding_data_unless_forced(tmp_path):
    with time_machine.travel(BUILT, tick=False):
        build_demo()
    backup = tmp_path / "site.tar.gz"
    call_command("backup", str(backup), stdout=quiet())
    speaker = Speaker.objects.order_by("pk").first()
    speaker.name = "Changed after the backup"
    speaker.save()

    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(backup), stdout=quiet())
    speaker.refresh_from_db()
    assert speaker.name == "Changed after the backup"

    call_command("restore", str(backup), "--force", stdout=quiet())
    speaker.refresh_from_db()
    assert speaker.name != "Changed after the backup"
