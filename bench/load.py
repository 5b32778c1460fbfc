"""Load the production stack with wrk (``make bench``).

For each programme size (56 and 2000 talks, forums in parallel) this builds a throwaway
SQLite database, collects static files into a temporary folder, starts gunicorn (2 workers,
debug off, Redis when it answers on 127.0.0.1:6379, else each worker's own memory) and
loads each page with wrk, bounded in time (``--seconds``) and in count (``--max``).

Per page it prints: a cold request (the median time of three, each on an empty cache;
bytes sent with Brotli, bytes unpacked), then
requests per second and p99 latency on a warm cache and on a cold one (every request a new
address, so every request renders), and each page's ratio to a static file of about the
schedule page's size served by the same workers. Then a 304 answer, and the workers' memory.

    python bench/load.py [--sizes 56,2000] [--seconds 5] [--max 20000]
"""

import argparse
import gzip
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import brotli
import redis
from production import ROOT, WORKDIR

HOST = "127.0.0.1"
ACCEPT = "br, gzip"
LUA = Path(__file__).with_name("load.lua")
PAGES = ["/", "/schedule/", "TALK", "SPEAKER", "/speakers/", "/news/", "/schedule.ics",
         "/schedule.xml", "/schedule.json"]


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def redis_url():
    url = "redis://127.0.0.1:6379/0"
    try:
        return url if redis.Redis.from_url(url, socket_connect_timeout=0.5).ping() else ""
    except redis.RedisError:
        return ""


def environment(size, folder):
    env = dict(os.environ)
    env.update(
        PYTHONPATH=str(ROOT), DJANGO_SETTINGS_MODULE="summit.settings",
        DATABASE_URL=f"sqlite:///{folder / 'bench.sqlite3'}",
        DJANGO_MEDIA_ROOT=str(folder / "media"), DJANGO_STATIC_ROOT=str(folder / "static"),
        DJANGO_DEBUG="false", DJANGO_SECRET_KEY="bench-only-not-a-secret",  # noqa: S106
        DJANGO_ALLOWED_HOSTS=f"{HOST},localhost", DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_LOG_LEVEL="ERROR", REDIS_URL=redis_url(),
        # This run's own keys: other runs (or sites) may share the Redis.
        DJANGO_CACHE_KEY_PREFIX=f"bench-{os.getpid()}-{size}",
    )
    return env


def manage(env, *args):
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], env=env, check=True,
                   stdout=subprocess.DEVNULL)


def build(size, env):
    """Migrate, build the programme and a few articles, collect static files."""
    manage(env, "migrate", "--noinput")
    script = (
        "import django; django.setup()\n"
        "from datetime import timedelta\n"
        "from django.utils import timezone\n"
        "from articles.models import Article\n"
        "from events.models import Speaker, Talk\n"
        "from tests.factories import SummitFactory, build_programme\n"
        f"build_programme(SummitFactory(), {size})\n"
        "for n in range(12):\n"
        "    Article.objects.create(title=f'News {n}', slug=f'news-{n}', summary='Summary.',\n"
        "        body='Some **news**.', status='published',\n"
        "        publish_at=timezone.now() - timedelta(days=n))\n"
        "print(Talk.objects.order_by('pk').first().get_absolute_url())\n"
        "print(Speaker.objects.order_by('pk').first().get_absolute_url())\n"
    )
    out = subprocess.run([sys.executable, "-c", script], env=env, check=True,
                         capture_output=True, text=True).stdout.split()
    manage(env, "collectstatic", "--noinput")
    return {"TALK": out[-2], "SPEAKER": out[-1]}


def add_static_twin(env, base, url):
    """A static file with the bytes of ``url``, and its .gz and .br as collectstatic makes
    them (WhiteNoise serves those to clients that accept them)."""
    body = fetch(base, url, encoding="identity")[2]
    target = Path(env["DJANGO_STATIC_ROOT"]) / "bench-twin.html"
    target.write_bytes(body)
    target.with_name(target.name + ".gz").write_bytes(gzip.compress(body, mtime=0))
    target.with_name(target.name + ".br").write_bytes(brotli.compress(body))
    return "/static/bench-twin.html"


def start_server(env, port, app="summit.wsgi"):
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", app, "--workers", "2",
         "--bind", f"{HOST}:{port}", "--log-level", "warning"],
        cwd=ROOT, env=env, start_new_session=True,
    )
    base = f"http://{HOST}:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/robots.txt", timeout=2)
            return server, base
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


def fetch(base, url, *, encoding=ACCEPT, etag=None):
    """(seconds, bytes on the wire, body as sent, headers) of one request."""
    request = urllib.request.Request(base + url, headers={"Accept-Encoding": encoding})
    if etag:
        request.add_header("If-None-Match", etag)
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            body = response.read()
            headers = response.headers
    except urllib.error.HTTPError as error:  # a 304
        body, headers = error.read(), error.headers
    return time.perf_counter() - started, len(body), body, headers


def cold_request(base, url, twin, times=3):
    """The ``fetch`` of the median time of ``times`` requests of ``url``, each on an empty
    cache (an address of its own; the static file needs none): one request alone moved by
    half on this shared machine."""
    answers = [fetch(base, url if url == twin else f"{url}?bench-cold={attempt}")
               for attempt in range(times)]
    return sorted(answers, key=lambda answer: answer[0])[times // 2]


def unpacked_size(body, headers):
    coding = headers.get("Content-Encoding")
    if coding == "br":
        return len(brotli.decompress(body))
    if coding == "gzip":
        return len(gzip.decompress(body))
    return len(body)


def wrk(base, url, seconds, limit, *, cold=False, headers=()):
    command = ["wrk", "-t2", "-c16", f"-d{seconds}s", "--latency", "--timeout", "30s",
               "-H", f"Accept-Encoding: {ACCEPT}", "-s", str(LUA)]
    for header in headers:
        command += ["-H", header]
    env = dict(os.environ, BENCH_MAX=str(limit), BENCH_COLD="1" if cold else "0")
    out = subprocess.run([*command, base + url], capture_output=True, text=True, env=env,
                         timeout=seconds + 60).stdout
    rate = p99 = None
    for line in out.splitlines():
        parts = line.split()
        if line.startswith("Requests/sec:"):
            rate = float(parts[1])
        elif parts[:1] == ["99%"]:
            p99 = parts[1]
        elif "requests in" in line and int(parts[0]) >= limit:
            # wrk divides by the whole duration even when the count stopped it earlier.
            p99 = f"{p99}*"
    return rate, p99


def drain(base):
    """Wait until the workers have finished the renders a cold run left queued."""
    for _ in range(240):
        if fetch(base, "/robots.txt")[0] < 0.2:
            return
        time.sleep(0.5)


def report(urls, single, warm, cold, not_modified):
    header = (f"{'page':<34} {'cold ms':>8} {'sent B':>9} {'page B':>9} "
              f"{'warm r/s':>9} {'p99':>8} {'cold r/s':>9} {'p99':>8} {'% static':>8}")
    print(header)
    print("-" * len(header))
    static_rate = warm[urls[0]][0] or 1
    for index, url in enumerate(urls):
        seconds, sent, body, headers = single[url]
        (rate, p99), (cold_rate, cold_p99) = warm[url], cold.get(url, (0, "-"))
        label = "static twin of /schedule/" if index == 0 else url
        print(f"{label[:34]:<34} {seconds * 1000:>8.0f} {sent:>9} "
              f"{unpacked_size(body, headers):>9} {rate or 0:>9.0f} {p99:>8} "
              f"{cold_rate or 0:>9.1f} {cold_p99:>8} {100 * (rate or 0) / static_rate:>7.0f}%")
    rate, p99 = not_modified
    print(f"{'304 for /schedule/':<34} {'':>8} {'':>9} {'':>9} {rate or 0:>9.0f} {p99:>8} "
          f"{'':>9} {'':>8} {100 * (rate or 0) / static_rate:>7.0f}%")


def worker_memory(server):
    """RSS in MB of each gunicorn worker (the master's children)."""
    out = subprocess.run(["ps", "-o", "pid=,rss=", "--ppid", str(server.pid)],
                         capture_output=True, text=True).stdout
    return [int(line.split()[1]) // 1024 for line in out.splitlines() if line.strip()]


def run_size(size, args):
    folder = Path(tempfile.mkdtemp(prefix=f"summit-load-{size}-", dir=WORKDIR))
    env = environment(size, folder)
    started = time.perf_counter()
    slugs = build(size, env)
    print(f"\n== {size} talks (built in {time.perf_counter() - started:.0f} s); cache: "
          f"{'Redis' if env['REDIS_URL'] else 'per-worker memory'}; wrk -t2 -c16, "
          f"{args.seconds} s or {args.max} requests; Accept-Encoding: {ACCEPT}")
    server, base = start_server(env, free_port())
    try:
        twin = add_static_twin(env, base, "/schedule/")
        server.send_signal(signal.SIGHUP)  # workers restart and WhiteNoise sees the twin
        time.sleep(3)
        fetch(base, twin)
        urls = [twin, *(slugs.get(page, page) for page in PAGES)]
        for _ in range(2):  # both workers load their templates: "cold" means the cache
            for url in urls[1:]:
                fetch(base, url + "?bench-prime=1")
        # Single cold requests first, cold runs last: a cold run leaves renders queued.
        single = {url: cold_request(base, url, twin) for url in urls}
        warm = {url: wrk(base, url, args.seconds, args.max) for url in urls}
        etag = fetch(base, "/schedule/")[3]["ETag"]
        not_modified = wrk(base, "/schedule/", args.seconds, args.max,
                           headers=[f"If-None-Match: {etag}"])
        cold = {}
        for url in urls[1:]:
            drain(base)
            cold[url] = wrk(base, url, args.seconds, args.max, cold=True)
        report(urls, single, warm, cold, not_modified)
        print(f"worker memory after serving it all: {worker_memory(server)} MB; "
              f"* the run hit --max requests: its rate is a lower bound")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        if env["REDIS_URL"]:  # this run's pages and versions
            store = redis.Redis.from_url(env["REDIS_URL"])
            for key in store.scan_iter(f"{env['DJANGO_CACHE_KEY_PREFIX']}:*", count=1000):
                store.delete(key)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="56,2000")
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--max", type=int, default=100000,
                        help="requests per wrk run at most (a capped rate is a lower bound)")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install wrk")
    try:
        for size in args.sizes.split(","):
            run_size(int(size), args)
    finally:
        shutil.rmtree(WORKDIR, ignore_errors=True)


if __name__ == "__main__":
    main()
