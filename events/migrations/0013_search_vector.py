"""Each searched model keeps its English full-text vector in a stored column (summit/search.py
``english_vector``), with a GIN index on PostgreSQL in place of 0010's index over the same
expression (summit/search_indexes.py)."""

from django.db import migrations

from summit.search import english_vector
from summit.search_indexes import search_vector_index


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0012_search_text'),
    ]

    operations = [
        migrations.AddField(
            model_name='forum', name='search_vector',
            field=english_vector("title_en", "description_en"),
        ),
        migrations.AddField(
            model_name='speaker', name='search_vector', field=english_vector("affiliation_en"),
        ),
        migrations.AddField(
            model_name='talk', name='search_vector', field=english_vector("title_en"),
        ),
        search_vector_index("forum", "events_forum"),
        search_vector_index("speaker", "events_speaker"),
        search_vector_index("talk", "events_talk"),
    ]
