"""Indexes for search on PostgreSQL (summit/search_indexes.py): nothing on SQLite.

The field lists are those of the models' ``search`` QuerySet methods.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

from summit.search_indexes import search_indexes


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0009_translated_markdown_size'),
    ]

    operations = [
        TrigramExtension(),  # CREATE EXTENSION pg_trgm; a no-op on other databases
        search_indexes(
            "talk", "events_talk",
            fields=["title_zh_hans", "title_en", "abstract_zh_hans", "abstract_en"],
            english=["title_en"],
        ),
        search_indexes(
            "forum", "events_forum",
            fields=["title_zh_hans", "title_en", "topic", "description_zh_hans",
                    "description_en"],
            english=["title_en", "description_en"],
        ),
        search_indexes(
            "speaker", "events_speaker",
            fields=["name_zh_hans", "name_en", "name_latin", "affiliation_zh_hans",
                    "affiliation_en"],
            english=["affiliation_en"],
        ),
    ]
