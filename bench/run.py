"""Time the public pages against a throwaway SQLite database (``make bench``).

Builds the demo programme (``load_demo``, or 60 factory talks when the command is
missing), then requests each page N times with Django's test client and prints one
row per page. Production-like settings: debug off, cached templates. Prints only.

    python bench/run.py [N]      # N requests per page, default 50
"""

import gzip
import logging
import os
import shutil
import statistics
import sys
import time

from production import WORKDIR, setup

setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.management.base import CommandError  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def load_programme():
    call_command("migrate", verbosity=0)
    try:
        with open(os.devnull, "w") as quiet:
            call_command("load_demo", stdout=quiet)
            call_command("load_demo_news", stdout=quiet)
        return "load_demo + load_demo_news"
    except CommandError:
        from events.queries import current_summit
        from tests.factories import SummitFactory, build_programme

        build_programme(current_summit() or SummitFactory(), 60)
        return "build_programme(60)"


def pages():
    from articles.models import Article
    from events.models import Forum, Speaker, Summit, Talk

    summit = Summit.objects.get(is_current=True)
    forum = Forum.objects.filter(summit=summit).order_by("kind", "date").first()
    talk = Talk.objects.of_summit(summit).order_by("start").first()
    speaker = Speaker.objects.filter(talks__forum__summit=summit).first()
    article = Article.objects.published().first()
    return [
        ("home", "/"),
        ("schedule", "/schedule/"),
        ("schedule ?day", f"/schedule/?day={summit.start_date:%Y-%m-%d}"),
        ("forum", forum.get_absolute_url()),
        ("talk", talk.get_absolute_url()),
        ("speakers", "/speakers/"),
        ("speaker", speaker.get_absolute_url()),
        ("news", "/news/"),
        ("article", article.get_absolute_url()),
        ("schedule.ics", "/schedule.ics"),
        ("schedule.json", "/schedule.json"),
        ("schedule.xml", "/schedule.xml"),
        ("api talks", "/api/talks/"),
        ("sitemap", "/sitemap.xml"),
        ("404", "/talks/no-such-talk/"),
    ]


def measure(client, url, runs):
    client.get(url)  # warm the template cache and the connection
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    body = response.content
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    return (response.status_code, len(body), len(gzip.compress(body)), len(queries),
            statistics.median(timings), p95)


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    try:
        source = load_programme()
        from events.models import Speaker, Talk

        print(f"Programme from {source}: {Talk.objects.count()} talks, "
              f"{Speaker.objects.count()} speakers; {runs} requests per page, "
              f"DEBUG={settings.DEBUG}, {connection.vendor}.\n")
        # A failing page shows up as a 500 row instead of a traceback.
        logging.getLogger("django.request").setLevel(logging.CRITICAL)
        client = Client(raise_request_exception=False, HTTP_HOST="localhost",
                        HTTP_ACCEPT_LANGUAGE="zh-hans")
        header = f"{'page':<14} {'url':<34} {'status':>6} {'bytes':>8} {'gzip':>7} " \
                 f"{'queries':>7} {'median ms':>9} {'p95 ms':>7}"
        print(header)
        print("-" * len(header))
        for name, url in pages():
            status, size, gz, count, median, p95 = measure(client, url, runs)
            print(f"{name:<14} {url[:34]:<34} {status:>6} {size:>8} {gz:>7} "
                  f"{count:>7} {median:>9.1f} {p95:>7.1f}")
    finally:
        shutil.rmtree(WORKDIR, ignore_errors=True)


if __name__ == "__main__":
    main()
