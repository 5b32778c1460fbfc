"""Give the "News editors" group (made by events 0002) every permission on the news
models, and create the three standard categories."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

NEWS_MODELS = ["article", "category"]
CATEGORIES = [("公告", "announcement", 0), ("新闻", "news", 1), ("回顾", "recap", 2)]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    news, _ = Group.objects.get_or_create(name="News editors")
    news.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="articles", content_type__model__in=NEWS_MODELS
        )
    )
    Category = apps.get_model("articles", "Category")
    for name, slug, order in CATEGORIES:
        Category.objects.get_or_create(slug=slug, defaults={"name": name, "order": order})


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name="News editors"):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="articles")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("events", "0002_editor_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
