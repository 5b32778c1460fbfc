from datetime import UTC, datetime
from io import BytesIO

import factory
import pytest
import time_machine
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles.models import Article, Category

NOW = datetime(2022, 8, 9, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai, during the summit


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Article number {n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    summary = "A short summary."
    body = "Some **news**."
    status = Article.Status.PUBLISHED
    publish_at = datetime(2022, 8, 1, 2, 0, tzinfo=UTC)
    byline = "Press office"


def image_upload(name="photo.png", fmt="PNG", size=(800, 450), color=(2, 30, 170)):
    out = BytesIO()
    Image.new("RGB", size, color).save(out, format=fmt)
    content_type = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif",
                    "WEBP": "image/webp"}[fmt]
    return SimpleUploadedFile(name, out.getvalue(), content_type=content_type)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield NOW


@pytest.fixture
def news_editor(db):
    user = User.objects.create_user("editor", password="pw-editor-123", is_staff=True)
    user.groups.add(Group.objects.get(name="News editors"))
    return user


@pytest.fixture
def editor_client(client, news_editor):
    """A logged-in news editor whose pages come in English (the source strings)."""
    client.force_login(news_editor)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def visible_and_hidden(db, frozen):
    """One published, one draft, one scheduled for later, all in one category."""
    category = CategoryFactory(name="News", slug="news-test")
    published = ArticleFactory(title="Published one", slug="published-one")
    draft = ArticleFactory(title="Draft one", slug="draft-one", status=Article.Status.DRAFT)
    scheduled = ArticleFactory(
        title="Scheduled one", slug="scheduled-one",
        publish_at=datetime(2022, 8, 9, 2, 1, tzinfo=UTC),
    )
    for article in (published, draft, scheduled):
        article.categories.add(category)
    return {"category": category, "published": published, "draft": draft,
            "scheduled": scheduled}


