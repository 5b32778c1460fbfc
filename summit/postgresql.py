"""PostgreSQL timestamps read by psycopg's C loader rather than its Python one.

Django 5.2 gives each psycopg 3 connection a ``timestamptz`` loader derived from psycopg's
pure-Python loader, so that it can set the time zone itself
(django/db/backends/postgresql/psycopg_any.py; Django ticket #36960, psycopg issue #1273):
every timestamp is parsed by a regular expression in Python. At 2000 talks the schedule
reads 8,000 of them, and that parsing was the largest part of fetching the rows.

When the session's time zone is UTC (Django sets it so with ``USE_TZ`` and no database
``TIME_ZONE``), psycopg's own loader, the compiled one from psycopg-binary, returns the
same aware UTC datetimes. This module puts it in place of Django's for such connections.
"""

import datetime

from psycopg import adapters, postgres
from psycopg.adapt import Loader
from psycopg.pq import Format

TIMESTAMPTZ = postgres.types["timestamptz"].oid


class UTCTimestampLoader(Loader):
    """psycopg's default (compiled) ``timestamptz`` loader for a UTC session."""

    # Django's cursor() compares this with the connection's zone before it registers
    # its own loader on the cursor; equal, it leaves this one in place.
    timezone = datetime.UTC

    def __init__(self, oid, context=None):
        super().__init__(oid, context)
        # The compiled loader's own method, so each value costs no Python call.
        self.load = adapters.get_loader(oid, Format.TEXT)(oid, context).load

    def load(self, data):  # replaced per instance in __init__
        raise NotImplementedError


def use_compiled_timestamp_loader(sender, connection, **kwargs):
    """``connection_created`` receiver (summit/apps.py)."""
    if connection.vendor == "postgresql" and connection.timezone == datetime.UTC:
        connection.connection.adapters.register_loader(TIMESTAMPTZ, UTCTimestampLoader)
