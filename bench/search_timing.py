"""Time the search on PostgreSQL at 2000 talks, and compare the routes for Chinese words.

Builds a throwaway database (``summit_bench_search`` on the server of ``BENCH_DATABASE_URL``,
default postgres://postgres@127.0.0.1:5432/), migrates it (the search indexes come from the
migrations), fills 2000 talks (tests/factories.py build_programme) with bilingual titles and
abstracts of realistic length, then prints, per query: the rows each group found and the
median and p95 milliseconds of ``search_site`` (all six queries) and of the whole page
(rendered every time: each request has an address of its own, so the page cache misses).
Last, for Chinese words, what trigram similarity finds against the search's LIKE.
Prints only; nothing is asserted.

    python bench/search_timing.py [N]          # N runs per query, default 30
    python bench/search_timing.py [N] --keep   # keep the database, reuse it next time
"""

import itertools
import os
import random
import statistics
import sys
import time

import production

BASE = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/")
NAME = "summit_bench_search"
os.environ["DATABASE_URL"] = BASE.rstrip("/") + "/" + NAME
production.setup()

import psycopg  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

TALKS = 2000
SUBJECTS = [  # (Chinese, English): one in five is about materials
    ("电池材料的高通量筛选", "high-throughput screening of battery materials"),
    ("蛋白质结构预测", "protein structure prediction"),
    ("神经算子与流体仿真", "neural operators for fluid simulation"),
    ("量子化学的神经网络方法", "neural network methods in quantum chemistry"),
    ("科学数据的开放共享", "open sharing of scientific data"),
]
FILLER_ZH = "本报告介绍相关方法、代表性应用与尚待解决的问题，并讨论未来的研究方向。"
FILLER_EN = ("The talk presents the methods, representative applications and open problems, "
             "and discusses where research may go next. ")
QUERIES = ["材料", "材料筛选", "蛋白质结构", "materials", "material", "protein structure",
           "Test Speaker 1234", "测试讲者77", "no such words anywhere"]


def recreate_database(keep):
    """True when a kept database is there to reuse; otherwise a new, empty one."""
    with psycopg.connect(BASE.rstrip("/") + "/postgres", autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [NAME]).fetchone()
        if keep and exists:
            return True
        admin.execute(f'DROP DATABASE IF EXISTS "{NAME}"')
        admin.execute(f'CREATE DATABASE "{NAME}"')
    return False


def fill():
    from events.models import Talk
    from tests.factories import SummitFactory, build_programme

    call_command("migrate", verbosity=0)
    _, talks = build_programme(SummitFactory(), TALKS)
    rng = random.Random(8)
    for index, talk in enumerate(talks):
        zh, en = SUBJECTS[index % len(SUBJECTS)]
        talk.title_zh_hans, talk.title_en = f"{zh}（{index}）", f"{en.capitalize()} ({index})"
        talk.abstract_zh_hans = f"本报告围绕“{zh}”展开。" + FILLER_ZH * rng.randint(3, 8)
        talk.abstract_en = f"About {en}. " + FILLER_EN * rng.randint(3, 8)
    Talk.objects.bulk_update(talks, ["title_zh_hans", "title_en", "abstract_zh_hans",
                                     "abstract_en"], batch_size=500)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # what autovacuum does after a bulk change


def timed(call, runs):
    call()  # warm
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return statistics.median(timings), timings[round(0.95 * (len(timings) - 1))]


def time_queries(runs):
    from search.queries import search_site
    from summit.search import parse_query

    client = Client(HTTP_HOST="localhost")
    print(f"{'query':<24} {'talks':>5} {'forums':>6} {'speakers':>8} {'news':>4} {'SQL':>3} "
          f"{'search ms':>9} {'p95':>5} {'page ms':>7} {'p95':>5}")
    for q in QUERIES:
        terms = parse_query(q)
        queries = []

        def count(execute, *args, queries=queries):
            queries.append(args[0])
            return execute(*args)

        with connection.execute_wrapper(count):
            results = search_site(terms)
        counts = [len(getattr(results, group).items) for group in
                  ("talks", "forums", "speakers", "articles")]
        search_ms = timed(lambda terms=terms: search_site(terms), runs)
        runs_made = itertools.count()  # a new address each time: never a cached page
        page_ms = timed(lambda q=q, n=runs_made: client.get("/search/", {"q": q, "run": next(n)}),
                        runs)
        print(f"{q:<24} {counts[0]:>5} {counts[1]:>6} {counts[2]:>8} {counts[3]:>4} "
              f"{len(queries):>3} {search_ms[0]:>9.1f} {search_ms[1]:>5.1f} "
              f"{page_ms[0]:>7.1f} {page_ms[1]:>5.1f}")


def compare_routes(runs):
    """Rows found, and ms, for the search's route (LIKE on the stored search_text, through
    its trigram index where the planner likes it) and for trigram similarity to the talks'
    Chinese titles, which misses short Chinese words."""
    routes = {
        "LIKE search_text": "search_text LIKE UPPER(%s)",
        "similarity %": "title_zh_hans %% %s",
        "word_similarity %>": "%s <%% title_zh_hans",
        "word_similarity > 0.3": "word_similarity(%s, title_zh_hans) > 0.3",
    }
    print(f"\n{'Chinese word':<12} " + " ".join(f"{name:>22}" for name in routes))
    for word in ["材料", "材料筛选", "蛋白质结构", "流体仿真"]:
        cells = []
        for name, condition in routes.items():
            argument = f"%{word}%" if name.startswith("LIKE") else word
            sql = f"SELECT count(*) FROM events_talk WHERE {condition}"  # noqa: S608

            def run(sql=sql, argument=argument):
                with connection.cursor() as cursor:
                    cursor.execute(sql, [argument])
                    return cursor.fetchone()[0]

            cells.append(f"{run():>5} rows {timed(run, runs)[0]:>6.1f} ms")
        print(f"{word:<12} " + " ".join(f"{cell:>22}" for cell in cells))
    with connection.cursor() as cursor:
        for word in ["材料", "材料筛选"]:
            cursor.execute("EXPLAIN SELECT id FROM events_talk WHERE search_text "
                           "LIKE UPPER(%s)", [f"%{word}%"])
            plan = " / ".join(row[0].strip() for row in cursor.fetchall()[:2])
            print(f"plan for LIKE %{word}%: {plan}")


def main():
    args = [arg for arg in sys.argv[1:] if arg != "--keep"]
    keep = "--keep" in sys.argv
    runs = int(args[0]) if args else 30
    reused = recreate_database(keep)
    try:
        started = time.perf_counter()
        if reused:
            call_command("migrate", verbosity=0)  # indexes changed since it was kept
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        else:
            fill()
        print(f"{TALKS} talks on PostgreSQL {connection.pg_version}, built in "
              f"{time.perf_counter() - started:.0f} s; {runs} runs per query.\n")
        time_queries(runs)
        compare_routes(runs)
    finally:
        connection.close()
        if not keep:
            with psycopg.connect(BASE.rstrip("/") + "/postgres", autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{NAME}"')


if __name__ == "__main__":
    main()
