"""Record every public URL of the demo under a frozen clock, or compare with a recording.

A layout change must leave every page, export and API answer byte for byte the same, and
every query count too. This builds the demo (``load_demo`` + ``load_demo_news``) in a
throwaway SQLite database at a fixed instant, requests each public URL in Chinese and in
English, and stores status, content type, query count and body per URL.

    python bench/snapshot.py record DIR     # before the change
    python bench/snapshot.py compare DIR    # after it: lists every URL that differs
"""

import hashlib
import json
import logging
import os
import random
import shutil
import sys
import uuid
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import time_machine
from production import WORKDIR, setup

from tests.public_urls import public_urls

# Guids and upload names come from uuid4: seed them (before the models capture the
# function as a field default) so two runs of the same code give the same bytes.
_seeded = random.Random(2022)
uuid.uuid4 = lambda: uuid.UUID(int=_seeded.getrandbits(128), version=4)

# The demo is built, then read during the event (9 August, 10:15 in Beijing: the live
# strip, "up next" and "ended" notes show) and after it (every demo article is out).
BEIJING = ZoneInfo("Asia/Shanghai")
FROZEN = datetime(2022, 8, 9, 10, 15, tzinfo=BEIJING)
AFTER = datetime(2022, 9, 1, 9, 0, tzinfo=BEIJING)
LANGUAGES = ("zh-hans", "en")


def load_demo():
    from django.core.management import call_command

    with open(os.devnull, "w") as quiet:
        call_command("migrate", verbosity=0)
        call_command("load_demo", stdout=quiet)
        call_command("load_demo_news", stdout=quiet)


def fetch_all(label):
    """{"<label> <language>": {url: record}} for every public URL."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    logging.getLogger("django.request").setLevel(logging.CRITICAL)
    result = {}
    urls = public_urls()
    for language in LANGUAGES:
        client = Client(raise_request_exception=False, HTTP_HOST="localhost")
        client.cookies["django_language"] = language
        records = {}
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            body = b"".join(response) if response.streaming else response.content
            records[url] = {
                "status": response.status_code,
                "content_type": response.get("Content-Type", ""),
                "location": response.get("Location", ""),
                "queries": len(queries),
                "sha256": hashlib.sha256(body).hexdigest(),
                "body": body.decode("utf-8", "replace"),
            }
        result[f"{label} {language}"] = records
    return result


def snapshot():
    setup()
    with time_machine.travel(FROZEN, tick=False):
        load_demo()
        result = fetch_all("during")
    with time_machine.travel(AFTER, tick=False):
        result.update(fetch_all("after"))
    return result


def compare(old, new):
    """Lines describing every difference; empty when the two snapshots agree."""
    lines = []
    for language, records in old.items():
        fresh = new.get(language, {})
        for url, record in records.items():
            other = fresh.get(url)
            if other is None:
                lines.append(f"[{language}] {url}: missing now")
                continue
            for key in ("status", "content_type", "location", "queries", "sha256"):
                if record[key] != other[key]:
                    lines.append(f"[{language}] {url}: {key} {record[key]!r} -> {other[key]!r}")
        lines += [f"[{language}] {url}: new URL" for url in fresh.keys() - records.keys()]
    return lines


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("record", "compare"):
        sys.exit(__doc__)
    mode, folder = sys.argv[1], Path(sys.argv[2])
    try:
        current = snapshot()
    finally:
        shutil.rmtree(WORKDIR, ignore_errors=True)
    count = sum(len(records) for records in current.values())
    if mode == "record":
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "snapshot.json").write_text(json.dumps(current, ensure_ascii=False, indent=1))
        print(f"recorded {count} responses in {folder / 'snapshot.json'}")
        return
    old = json.loads((folder / "snapshot.json").read_text())
    differences = compare(old, current)
    for line in differences:
        print(line)
    print(f"{count} responses compared, {len(differences)} differences")
    sys.exit(1 if differences else 0)


if __name__ == "__main__":
    main()
