"""Two application servers, one PostgreSQL, one Redis (``make bench-two``).

Creates a throwaway PostgreSQL database, migrates it, loads the demo and starts two
gunicorn servers (2 workers each, debug off) on two loopback ports against it and one
Redis (a key prefix of its own). Both serve the one media folder at /media/ (bench/
media_wsgi.py: what the reverse proxy does in production). Then it checks, printing PASS
or FAIL per line and exiting non-zero on a failure:

- an edit saved through the admin of one server is on the other's (cached) page at once;
- a staff session made on one works on the other;
- five failed logins on one lock the account on the other;
- a speaker photo uploaded through the admin of one is linked and served by both.

With ``--load`` it loads both servers instead (bench/load_two.py). Everything is bounded
in time and stopped, and the database and the Redis keys are dropped, at the end.

    python bench/two_servers.py [--load] [--seconds 30]
"""

import argparse
import io
import os
import re
import shutil
import signal
import subprocess
import sys
from contextlib import contextmanager

import psycopg
import redis
from admin_client import ADMIN, Session
from load import HOST, environment, free_port, manage, redis_url, start_server
from production import ROOT, WORKDIR

POSTGRES = os.environ.get("BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432")
STAFF = ("bench-staff", "bench-Pass-4-two-servers")
VICTIM = ("bench-victim", "bench-Pass-4-the-throttle")
RESULTS = []


def check(name, passed, detail=""):
    passed = bool(passed)
    RESULTS.append(passed)
    print(f"{'PASS' if passed else 'FAIL'}  {name}" + (f"  ({detail})" if detail else ""),
          flush=True)


@contextmanager
def database():
    name = f"summit_two_{os.getpid()}"
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{POSTGRES}/{name}"
    finally:
        with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def build(env):
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo")
    manage(env, "load_demo_news")
    manage(env, "collectstatic", "--noinput")
    script = (
        "import django; django.setup()\n"
        "from django.contrib.auth import get_user_model\n"
        "User = get_user_model()\n"
        f"User.objects.create_superuser({STAFF[0]!r}, password={STAFF[1]!r})\n"
        f"User.objects.create_superuser({VICTIM[0]!r}, password={VICTIM[1]!r})\n"
        "from events.models import Speaker, Talk\n"
        "for talk in Talk.objects.order_by('pk')[:40]:\n"
        "    print('talk', talk.pk, talk.get_absolute_url())\n"
        "speaker = Speaker.objects.order_by('pk').first()\n"
        "print('speaker', speaker.pk, speaker.get_absolute_url())\n"
    )
    out = subprocess.run([sys.executable, "-c", script], env=env, check=True, cwd=ROOT,
                         capture_output=True, text=True).stdout
    rows = [line.split() for line in out.splitlines() if line.startswith(("talk", "speaker"))]
    talks = [(int(pk), url) for kind, pk, url in rows if kind == "talk"]
    speaker = next((int(pk), url) for kind, pk, url in rows if kind == "speaker")
    return talks, speaker


def page(base, path):
    """An anonymous reader's (status, X-Cache, text) of a public page."""
    status, response, text = Session(base).get(path)
    return status, response.getheader("X-Cache", ""), text


def check_edit(staff, bases, talk):
    pk, url = talk
    page(bases[1], url)
    status, cache, before = page(bases[1], url)
    title = "Edited through server A"
    saved = staff.use(bases[0]).edit(f"{ADMIN}events/talk/{pk}/change/",
                                     {"title_zh_hans": title})
    status, _, after = page(bases[1], url)
    check("an edit saved on A is on B's page at once", saved == 302 and status == 200
          and title not in before and title in after and cache == "hit",
          f"B's page was a cache {cache or 'miss'} before; save answered {saved}")


def check_session(staff, bases):
    status, response, text = staff.use(bases[1]).get(ADMIN)
    check("a staff session made on A works on B", status == 200 and STAFF[0] in text,
          f"B's admin answered {status} {response.getheader('Location', '')}")


def check_throttle(bases):
    # A client of its own behind the (pretended) proxy: the lock must not shut the
    # loopback out of the other checks.
    # The right password works on B first: the refusal afterwards is the lock's.
    before = Session(bases[1], forwarded_for="203.0.113.9").login(*VICTIM)[0]
    client = Session(bases[0], forwarded_for="198.51.100.7")
    answers = [client.login(VICTIM[0], "wrong password")[0] for _ in range(5)]
    status, location = Session(bases[1], forwarded_for="203.0.113.9").login(*VICTIM)
    check("five failed logins on A lock the account on B", before == 302 and status == 429,
          f"the right password on B got {before}; five wrong ones on A got {answers}; "
          f"the right one on B then got {status} {location}")


def check_photo(staff, bases, speaker, media_root):
    from PIL import Image

    pk, url = speaker
    picture = io.BytesIO()
    Image.new("RGB", (400, 400), (200, 40, 90)).save(picture, "PNG")
    before = media_links(bases[0], url)
    saved = staff.use(bases[0]).edit(
        f"{ADMIN}events/speaker/{pk}/change/", {},
        files={"photo": ("bench-upload.png", picture.getvalue(), "image/png")})
    links = [media_links(base, url) for base in bases]
    new = sorted(links[0] - before)
    served = []
    for base in bases:
        for link in new:
            status, response, _ = Session(base).request("HEAD", link)
            served.append((status, response.getheader("Content-Type", "")))
    on_disk = [link for link in new if (media_root / link.removeprefix("/media/")).is_file()]
    check("a photo uploaded on A is linked and served by both",
          saved == 302 and bool(new) and links[0] == links[1] and on_disk == new
          and all(status == 200 and kind.startswith("image/") for status, kind in served),
          f"{len(new)} new files linked by both pages, {len(on_disk)} in the shared "
          f"folder, answers {sorted(set(served))}")


def media_links(base, path):
    return set(re.findall(r'/media/[^"\'\s,]+', page(base, path)[2]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--load", action="store_true", help="run the load test instead")
    parser.add_argument("--seconds", type=int, default=30)
    args = parser.parse_args()
    store_url = redis_url()
    if not store_url:
        raise SystemExit("Redis does not answer on 127.0.0.1:6379")
    servers = []
    try:
        with database() as url:
            env = environment("two", WORKDIR)
            env.update(DATABASE_URL=url, DJANGO_TRUSTED_PROXY_COUNT="1",
                       PYTHONPATH=f"{ROOT}{os.pathsep}{ROOT / 'bench'}",
                       DJANGO_ALLOWED_HOSTS=HOST, DJANGO_CSRF_TRUSTED_ORIGINS="")
            talks, speaker = build(env)
            bases = []
            for _ in range(2):
                server, base = start_server(env, free_port(), app="media_wsgi")
                servers.append(server)
                bases.append(base)
            print(f"servers {bases[0]} (A) and {bases[1]} (B); database {url}; "
                  f"Redis prefix {env['DJANGO_CACHE_KEY_PREFIX']}", flush=True)
            staff = Session(bases[0])
            status, location = staff.login(*STAFF)
            check("staff logs in on A", status == 302 and location == ADMIN,
                  f"{status} {location}")
            if args.load:
                from load_two import load

                load(bases, staff, talks, args.seconds, check, page)
            else:
                check_edit(staff, bases, talks[0])
                check_session(staff, bases)
                check_photo(staff, bases, speaker, WORKDIR / "media")
                check_throttle(bases)
            for server in servers:
                os.killpg(server.pid, signal.SIGTERM)
                server.wait(timeout=30)
            servers = []
    finally:
        for server in servers:
            os.killpg(server.pid, signal.SIGTERM)
        store = redis.Redis.from_url(store_url)
        for key in store.scan_iter(f"bench-{os.getpid()}-two:*", count=1000):
            store.delete(key)
        shutil.rmtree(WORKDIR, ignore_errors=True)
    print(f"{RESULTS.count(True)} passed, {RESULTS.count(False)} failed")
    sys.exit(0 if RESULTS and all(RESULTS) else 1)


if __name__ == "__main__":
    main()
