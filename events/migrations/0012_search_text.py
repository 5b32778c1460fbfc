"""Each searched model keeps its searched fields, upper-cased, in one stored column
(summit/search.py ``document``), with one trigram index on PostgreSQL in place of the
per-field ones of 0010 (summit/search_indexes.py)."""

from django.db import migrations

from summit.search import document
from summit.search_indexes import search_text_index


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0011_history_everywhere'),
    ]

    operations = [
        migrations.AddField(
            model_name='forum', name='search_text',
            field=document("title_zh_hans", "title_en", "topic", "description_zh_hans",
                           "description_en"),
        ),
        migrations.AddField(
            model_name='speaker', name='search_text',
            field=document("name_zh_hans", "name_en", "name_latin", "affiliation_zh_hans",
                           "affiliation_en"),
        ),
        migrations.AddField(
            model_name='talk', name='search_text',
            field=document("title_zh_hans", "title_en", "abstract_zh_hans", "abstract_en"),
        ),
        search_text_index("forum", "events_forum", replaces=5),
        search_text_index("speaker", "events_speaker", replaces=5),
        search_text_index("talk", "events_talk", replaces=4),
    ]
