"""The article's searched fields, upper-cased, in one stored column (summit/search.py
``document``), with one trigram index on PostgreSQL in place of the per-field ones of 0010
(summit/search_indexes.py)."""

from django.db import migrations

from summit.search import document
from summit.search_indexes import search_text_index


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0011_history_everywhere'),
        ('events', '0012_search_text'),
    ]

    operations = [
        migrations.AddField(
            model_name='article', name='search_text',
            field=document("title_zh_hans", "title_en", "summary_zh_hans", "summary_en",
                           "body_zh_hans", "body_en"),
        ),
        search_text_index("article", "articles_article", replaces=6),
    ]
