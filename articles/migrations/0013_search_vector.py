"""The article's English full-text vector in a stored column (summit/search.py
``english_vector``), with a GIN index on PostgreSQL in place of 0010's index over the same
expression (summit/search_indexes.py)."""

from django.db import migrations

from summit.search import english_vector
from summit.search_indexes import search_vector_index


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0012_search_text'),
        ('events', '0013_search_vector'),
    ]

    operations = [
        migrations.AddField(
            model_name='article', name='search_vector',
            field=english_vector("title_en", "summary_en"),
        ),
        search_vector_index("article", "articles_article"),
    ]
