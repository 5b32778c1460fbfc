"""The staff groups: "Programme editors" edit the programme; "News editors" get their
article permissions from the articles app's migration and may only view the programme
(needed for the admin's autocomplete of covered talks and forums)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PROGRAMME_MODELS = ["summit", "forum", "talk", "talkspeaker", "speaker", "stream"]
NEWS_VIEWABLE = ["summit", "forum", "talk", "speaker"]


def make_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    programme = Permission.objects.filter(
        content_type__app_label="events", content_type__model__in=PROGRAMME_MODELS
    )
    editors, _ = Group.objects.get_or_create(name="Programme editors")
    editors.permissions.add(*programme)
    news, _ = Group.objects.get_or_create(name="News editors")
    news.permissions.add(
        *programme.filter(codename__startswith="view_", content_type__model__in=NEWS_VIEWABLE)
    )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=["Programme editors", "News editors"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(make_groups, remove_groups)]
