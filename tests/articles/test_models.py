from io import BytesIO

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.utils import translation
from PIL import Image

from articles.models import Article, Category
from tests.crafted_images import gif_with_comments, jpeg_with_gps, leftovers, stored_bytes

from .conftest import ArticleFactory, image_upload

pytestmark = pytest.mark.django_db


def test_article_body_html_rendered_and_sanitised_on_save():
    article = ArticleFactory(body="Hi **there** <script>x()</script>")
    assert article.body_html == "<p>Hi <strong>there</strong> </p>"
    article.body = "Changed"
    article.save()
    assert Article.objects.get(pk=article.pk).body_html == "<p>Changed</p>"


def test_article_cover_makes_card_and_wide_renditions(settings):
    article = ArticleFactory(cover=image_upload("c.png", size=(2400, 1600)), cover_alt="Stage")
    article.refresh_from_db()
    with Image.open(article.cover_card.path) as card, Image.open(article.cover_wide.path) as wide:
        assert card.size == (640, 360)
        assert wide.size == (1280, 853)
    assert article.card_image_url == article.cover_card.url
    assert article.cover_on_page == article.cover_wide.url


def test_article_cover_removed_clears_renditions():
    article = ArticleFactory(cover=image_upload(), cover_alt="Stage")
    article.cover = ""
    article.cover_alt = ""
    article.save()
    article.refresh_from_db()
    assert (article.cover_card.name, article.cover_wide.name) == ("", "")


def test_article_cover_without_alt_refused_by_database():
    with pytest.raises(IntegrityError):
        ArticleFactory(cover="articles/covers/x.png", cover_alt="")


def test_article_cover_without_alt_refused_by_validation():
    article = Article(title="T", slug="t", cover="articles/covers/x.png")
    with pytest.raises(ValidationError) as info:
        article.clean()
    assert list(info.value.message_dict) == ["cover_alt"]


def test_article_cover_must_be_an_image():

    article = ArticleFactory.build(
        cover=SimpleUploadedFile("x.svg", b"<svg/>", content_type="image/svg+xml"),
        cover_alt="x",
    )
    with translation.override("en"):
        with pytest.raises(ValidationError) as info:
            article.full_clean()
        assert info.value.message_dict["cover"] == ["The file is not a valid image."]


def test_external_cover_not_repeated_when_body_opens_with_it():
    url = "https://p3.example.com/cover"
    article = ArticleFactory(cover_url=url, body=f'<p><img src="{url}"></p>')
    assert article.card_image_url == url
    assert article.cover_on_page == ""


def test_byline_falls_back_to_author_name(django_user_model):
    user = django_user_model.objects.create_user("wang", first_name="Wei", last_name="Wang")
    assert ArticleFactory(byline="", author=user).byline_text == "Wei Wang"


def test_byline_without_a_name_is_empty_not_the_username(django_user_model):
    user = django_user_model.objects.create_user("wang")
    assert ArticleFactory(byline="", author=user).byline_text == ""


def test_standard_categories_exist():
    assert list(Category.objects.values_list("slug", "name")) == [
        ("announcement", "公告"), ("news", "新闻"), ("recap", "回顾"),
    ]


def article_codenames(group_name):
    return sorted(
        Group.objects.get(name=group_name).permissions
        .filter(content_type__app_label="articles").values_list("codename", flat=True)
    )


def test_news_editors_get_every_article_permission():
    assert article_codenames("News editors") == [
        "add_article", "add_category", "change_article", "change_category",
        "delete_article", "delete_category", "view_article", "view_category",
    ]


def test_no_other_group_gets_article_permissions():
    others = Permission.objects.filter(content_type__app_label="articles",
                                       group__isnull=False).exclude(group__name="News editors")
    assert list(others) == []


def test_news_editors_cannot_change_the_programme():
    codenames = set(Group.objects.get(name="News editors").permissions
                    .filter(content_type__app_label="events").values_list("codename", flat=True))
    assert codenames and all(code.startswith("view_") for code in codenames)


def test_article_without_slug_gets_one_from_title_or_a_fallback():
    ArticleFactory(slug="closing-ceremony")
    assert ArticleFactory(title="Closing ceremony", slug="").slug == "closing-ceremony-2"
    assert ArticleFactory(title="闭幕式", slug="").slug.startswith("article-")


def test_article_lede_hidden_when_summary_repeats_the_opening():
    article = ArticleFactory(summary="8月8日至8月11日，峰会将于线上召开。本届…",
                             body="8月8日至8月11日，峰会将于线上召开。本届峰会的主题是……")
    assert article.lede == ""


def test_article_lede_kept_when_summary_is_its_own():
    article = ArticleFactory(summary="Four days, seven forums.", body="The summit opens on Monday.")
    assert article.lede == "Four days, seven forums."


def test_article_cover_stored_reencoded_under_its_real_format():
    out = BytesIO()
    Image.new("RGB", (320, 180), (2, 30, 170)).save(out, format="GIF")
    upload = SimpleUploadedFile(
        "c.pdf", out.getvalue() + b"<script>alert(1)</script>", content_type="application/pdf"
    )
    article = ArticleFactory(cover=upload, cover_alt="Stage")
    article.refresh_from_db()
    with article.cover.open("rb") as stored:
        data = stored.read()
    assert article.cover.name.endswith(".gif")
    assert b"<script>" not in data
    assert data.startswith(b"GIF8")


@pytest.mark.parametrize(("crafted", "extension"), [(gif_with_comments, "gif"),
                                                    (jpeg_with_gps, "jpg")])
def test_article_cover_keeps_no_comment_or_metadata(crafted, extension):
    upload = SimpleUploadedFile(f"c.{extension}", crafted(), content_type="image/png")
    article = ArticleFactory(cover=upload, cover_alt="Stage")
    article.refresh_from_db()

    assert (leftovers(stored_bytes(article.cover)), article.cover.name[-3:]) == ([], extension)
