"""On PostgreSQL, timestamps are read by psycopg's compiled loader (summit/postgresql.py),
giving exactly the aware UTC datetimes Django's own loader gives."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from psycopg.pq import Format

from summit.postgresql import TIMESTAMPTZ, UTCTimestampLoader
from tests.articles.conftest import ArticleFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL connection"),
]


def test_each_connection_and_cursor_reads_timestamps_with_the_compiled_loader():
    connection.ensure_connection()
    assert connection.connection.adapters.get_loader(TIMESTAMPTZ, Format.TEXT) is (
        UTCTimestampLoader)
    with connection.cursor() as cursor:  # Django left the cursor's loader alone
        assert cursor.adapters.get_loader(TIMESTAMPTZ, Format.TEXT) is UTCTimestampLoader
        cursor.execute("SELECT %s::timestamptz", ["2022-08-08 09:30:15.123456+08"])
        loader = cursor.cursor._tx.get_loader(TIMESTAMPTZ, Format.TEXT)
        value = cursor.fetchone()[0]
    assert type(loader).__module__.startswith("psycopg_binary") is False  # ours wraps it
    assert loader.load.__self__.__class__.__module__.startswith("psycopg_binary")
    assert value == datetime.datetime(2022, 8, 8, 1, 30, 15, 123456, tzinfo=datetime.UTC)
    assert value.tzinfo is datetime.UTC


@pytest.mark.parametrize("moment", [
    datetime.datetime(2022, 8, 8, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai")),
    datetime.datetime(1, 1, 1, 0, 0, 0, 1, tzinfo=datetime.UTC),
    datetime.datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=datetime.UTC),
    datetime.datetime(2024, 2, 29, 23, 59, 59, tzinfo=ZoneInfo("America/St_Johns")),
])
def test_a_saved_moment_reads_back_the_same_in_utc(moment):
    article = ArticleFactory(publish_at=moment)
    article.refresh_from_db()
    assert article.publish_at == moment
    assert article.publish_at.tzinfo is datetime.UTC
