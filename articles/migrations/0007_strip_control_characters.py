"""Rows saved before control characters were stripped on save lose them now."""

from django.db import migrations

from summit.markdown import strip_control_characters_from_rows


def strip(apps, schema_editor):
    for model in apps.get_app_config("articles").get_models():
        markdown_fields = {"body": "body_html"} if model._meta.model_name == "article" else {}
        strip_control_characters_from_rows(model, markdown_fields)


class Migration(migrations.Migration):
    dependencies = [("articles", "0006_markdown_size")]

    operations = [migrations.RunPython(strip, migrations.RunPython.noop)]
