"""Rows saved before control characters were stripped on save lose them now."""

from django.db import migrations

from summit.markdown import strip_control_characters_from_rows

MARKDOWN_FIELDS = {
    "summit": {"description": "description_html"},
    "forum": {"description": "description_html"},
    "speaker": {"bio": "bio_html"},
    "talk": {"abstract": "abstract_html"},
}


def strip(apps, schema_editor):
    for model in apps.get_app_config("events").get_models():
        strip_control_characters_from_rows(model, MARKDOWN_FIELDS.get(model._meta.model_name, {}))


class Migration(migrations.Migration):
    dependencies = [("events", "0006_markdown_size")]

    operations = [migrations.RunPython(strip, migrations.RunPython.noop)]
