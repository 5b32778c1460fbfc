"""Indexes for search on PostgreSQL (summit/search_indexes.py): nothing on SQLite.

The field lists are those of ``ArticleQuerySet.search``; events makes the pg_trgm extension.
"""

from django.db import migrations

from summit.search_indexes import search_indexes


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0009_translated_markdown_size'),
        ('events', '0010_search_indexes'),  # CREATE EXTENSION pg_trgm
    ]

    operations = [
        search_indexes(
            "article", "articles_article",
            fields=["title_zh_hans", "title_en", "summary_zh_hans", "summary_en",
                    "body_zh_hans", "body_en"],
            english=["title_en", "summary_en"],
        ),
    ]
