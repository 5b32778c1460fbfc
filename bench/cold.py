"""Time one cold request (empty page cache) per schedule output at N talks, in-process.

    python bench/cold.py [N] [--profile PATH]   # N talks (default 56); PATH: pyinstrument
    python bench/cold.py [N] --no-gc-freeze     # without summit/startup.py's gc.freeze()
    python bench/cold.py [N] --no-gc-pause      # the collector running during requests

Builds ``build_programme(N)`` on a throwaway SQLite database with production settings,
then for each URL clears the cache and takes the median CPU time of a few cold requests
(CPU time, not wall time: the bench machine is shared and wall time is noise). Each
request runs with the collector paused, as summit/wsgi.py serves it, and its time
includes the young-generation collection that follows it.
"""

import gc
import logging
import shutil
import statistics
import sys
import time

from production import WORKDIR, setup

setup()

from django.core.cache import caches  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from summit.startup import collector_paused  # noqa: E402

URLS = ["/schedule/", "/schedule.json", "/schedule.xml", "/schedule.ics"]
RUNS = 5


def cold(client, url):
    for cache in caches.all():
        cache.clear()
    started = time.process_time()
    if "--no-gc-pause" in sys.argv:
        response = client.get(url)
    else:
        with collector_paused():  # as summit/wsgi.py serves a request
            response = client.get(url)
        gc.collect(0)  # the pass the next allocations would start
    elapsed = (time.process_time() - started) * 1000
    assert response.status_code == 200, (url, response.status_code)
    return elapsed, len(response.content)


def main():
    args = sys.argv[1:]
    profile = args[args.index("--profile") + 1] if "--profile" in args else None
    size = int(next((a for a in args if a.isdigit()), 56))
    try:
        call_command("migrate", verbosity=0)
        from tests.factories import SummitFactory, build_programme

        build_programme(SummitFactory(), size)
        logging.getLogger("django.request").setLevel(logging.CRITICAL)
        from summit.startup import tune_garbage_collector

        if "--no-gc-freeze" not in sys.argv:
            tune_garbage_collector()  # as summit/wsgi.py does once the application is loaded
        client = Client(HTTP_HOST="localhost")
        prefix = "/en" if client.get("/en/schedule/").status_code == 200 else ""
        for url in URLS:
            path = prefix + url if url.endswith("/") else url
            cold(client, path)  # templates compiled, connection open
            timings = sorted(cold(client, path)[0] for _ in range(RUNS))
            size_bytes = cold(client, path)[1]
            print(f"{size} talks {path:<16} cpu median {statistics.median(timings):7.1f} ms "
                  f"min {timings[0]:7.1f} ms  {size_bytes:>9} bytes")
            if profile:
                from pyinstrument import Profiler

                for cache in caches.all():
                    cache.clear()
                with Profiler(interval=0.0005) as profiler:
                    client.get(path)
                name = url.strip("/").replace("/", "_") or "root"
                with open(f"{profile}-{size}-{name}.txt", "w") as out:
                    out.write(profiler.output_text(unicode=False, color=False, show_all=False))
    finally:
        shutil.rmtree(WORKDIR, ignore_errors=True)


if __name__ == "__main__":
    main()
