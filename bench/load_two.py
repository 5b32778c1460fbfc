"""The load half of bench/two_servers.py (``--load``).

Two wrk processes, 32 connections each, one per server, for ``seconds``: each connection
alternates the home page and the schedule (two_servers.lua counts every answer other than
200 or 304). Meanwhile staff start a save of a talk's title through the admin every second
(the servers taking turns, a new talk each time, each save in its own thread). It passes
with no socket error, no answer other than 200 or 304, every save accepted and every
talk's last title on both servers' pages afterwards.
"""

import os
import re
import subprocess
import threading
import time
from pathlib import Path

LUA = Path(__file__).with_name("two_servers.lua")


def wrk(base, seconds):
    command = ["wrk", "-t1", "-c32", f"-d{seconds}s", "--latency", "--timeout", "10s",
               "-H", "Accept-Encoding: br, gzip", "-s", str(LUA), base]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)


def numbers(out):
    """What wrk printed: requests, rate, p50 and p99, socket errors, other answers."""
    found = {"requests": 0, "rate": 0.0, "p50": "-", "p99": "-", "errors": 0, "non2xx": 0,
             "other": None}
    for line in out.splitlines():
        parts = line.split()
        if "requests in" in line:
            found["requests"] = int(parts[0])
        elif line.startswith("Requests/sec:"):
            found["rate"] = float(parts[1])
        elif parts[:1] in (["50%"], ["99%"]):
            found["p" + parts[0].rstrip("%")] = parts[1]
        elif line.strip().startswith("Socket errors:"):
            found["errors"] = sum(int(n) for n in re.findall(r"\d+", line))
        elif line.startswith("Non-2xx or 3xx responses:"):
            found["non2xx"] = int(parts[-1])
        elif line.startswith("other than 200/304:"):
            found["other"] = int(parts[-1])
    return found


def edit_every_second(staff, bases, talks, stop, saves):
    """A save starts every second, on A then B then A..., each on the next talk, whether
    or not the last one has finished (a slow save under load must not thin the edits out):
    saves gets (pk, url, title, status, seconds) for each."""
    started = time.monotonic()
    editors = []
    while not stop.is_set():
        count = len(editors)
        editor = threading.Thread(target=save, args=(staff.copy(bases[count % 2]),
                                                     talks[count % len(talks)], count, saves))
        editor.start()
        editors.append(editor)
        stop.wait(max(0.0, started + len(editors) - time.monotonic()))
    for editor in editors:
        editor.join(timeout=60)


def save(session, talk, count, saves):
    pk, url = talk
    title = f"Load edit {count} on {'AB'[count % 2]}"
    began = time.monotonic()
    status = session.edit(f"/admin/events/talk/{pk}/change/", {"title_zh_hans": title})
    saves.append((pk, url, title, status, time.monotonic() - began))


def load(bases, staff, talks, seconds, check, page):
    for base in bases:  # the pages in the cache, as a crowd would find them
        for path in ("/", "/schedule/"):
            page(base, path)
    stop, saves = threading.Event(), []
    editor = threading.Thread(target=edit_every_second,
                              args=(staff, bases, talks, stop, saves))
    runs = [wrk(base, seconds) for base in bases]
    editor.start()
    outputs = [run.communicate(timeout=seconds + 60)[0] for run in runs]
    stop.set()
    editor.join(timeout=90)
    found = [numbers(out) for out in outputs]
    for base, result in zip(bases, found, strict=True):
        print(f"  wrk -c32 {seconds}s on {base}: {result['requests']} requests, "
              f"{result['rate']:.0f}/s, p50 {result['p50']}, p99 {result['p99']}, "
              f"socket errors {result['errors']}, non-2xx/3xx {result['non2xx']}, "
              f"other than 200/304 {result['other']}", flush=True)
    total = sum(r["requests"] for r in found)
    print(f"  both: {total} requests, {sum(r['rate'] for r in found):.0f}/s", flush=True)
    if os.environ.get("BENCH_VERBOSE"):
        print("\n".join(outputs))
    check("64 connections for the whole run: no socket error, only 200 or 304",
          total > 0 and all(r["errors"] == 0 and r["non2xx"] == 0 and r["other"] == 0
                            for r in found),
          f"{total} requests")
    slowest = max((save[4] for save in saves), default=0)
    check(f"a staff edit saved every second through the admin ({len(saves)} saves)",
          len(saves) >= seconds - 1 and all(save[3] == 302 for save in saves),
          f"answers {sorted({save[3] for save in saves})}, slowest save {slowest:.2f} s")
    last = {}
    for pk, url, title, _, _ in saves:
        last[pk] = (url, title)
    missing = [(base, url, title) for url, title in last.values() for base in bases
               if title not in page(base, url)[2]]
    check("every edit is on both servers' pages afterwards", not missing and bool(last),
          f"{len(last)} talks x 2 servers; missing {missing[:3]}")
