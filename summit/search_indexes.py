"""The search indexes (summit/search.py) as migration operations that exist on PostgreSQL
only.

They are left out of the models' ``Meta.indexes`` on purpose: SQLite rebuilds a table from
the model state on many schema changes, and would then try to create GIN indexes it does
not have. So each index lives in the database alone (``SeparateDatabaseAndState`` with no
state), and only when the database is PostgreSQL.
"""

from django.db import migrations
from django.db.models.functions import Upper


class PostgreSQLOnly(migrations.SeparateDatabaseAndState):
    """Runs ``database_operations`` on PostgreSQL and nothing elsewhere; no model state."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def search_indexes(model_name, prefix, *, fields, english):
    """A GIN trigram index over ``UPPER(field)`` for each field (what ``icontains``
    compiles to on PostgreSQL) and a GIN index over the English full-text vector, exactly
    as ``summit.search.search`` builds it.

    One trigram index per field rather than one over all of them: the planner estimates a
    small index as cheap and combines them (BitmapOr) for a rare word; with one large
    index it read every row instead (14 ms against 0.1 ms at 2000 talks). No pending
    list (``fastupdate=False``): the programme changes rarely, and a GIN index with
    unmerged entries looks so costly to the planner that it reads the table instead.
    """
    from django.contrib.postgres.indexes import GinIndex, OpClass
    from django.contrib.postgres.search import SearchVector

    trigrams = [
        GinIndex(OpClass(Upper(field), name="gin_trgm_ops"), name=f"{prefix}_trgm_{number}",
                 fastupdate=False)
        for number, field in enumerate(fields, start=1)
    ]
    full_text = GinIndex(SearchVector(*english, config="english"), name=f"{prefix}_search_en",
                         fastupdate=False)
    return PostgreSQLOnly(database_operations=[
        migrations.AddIndex(model_name=model_name, index=index)
        for index in [*trigrams, full_text]
    ])


def search_text_index(model_name, prefix, *, replaces):
    """A GIN trigram index over the stored ``search_text`` column (summit/search.py), in
    place of the ``replaces`` per-field trigram indexes of ``search_indexes``: the match
    now reads that one column."""
    from django.contrib.postgres.indexes import GinIndex, OpClass
    from django.db.models import F

    return PostgreSQLOnly(database_operations=[
        *(migrations.RunSQL(f'DROP INDEX IF EXISTS "{prefix}_trgm_{number}"')
          for number in range(1, replaces + 1)),
        migrations.AddIndex(model_name=model_name, index=GinIndex(
            OpClass(F("search_text"), name="gin_trgm_ops"), name=f"{prefix}_trgm_text",
            fastupdate=False)),
    ])


def search_vector_index(model_name, prefix):
    """A GIN index over the stored ``search_vector`` column (summit/search.py), in place of
    the index over the same vector computed from the fields (``search_indexes``)."""
    from django.contrib.postgres.indexes import GinIndex
    from django.db.models import F

    return PostgreSQLOnly(database_operations=[
        migrations.RunSQL(f'DROP INDEX IF EXISTS "{prefix}_search_en"'),
        migrations.AddIndex(model_name=model_name, index=GinIndex(
            F("search_vector"), name=f"{prefix}_search_vector", fastupdate=False)),
    ])
