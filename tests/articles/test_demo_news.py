import functools
import hashlib
from datetime import UTC, datetime
from io import BytesIO, StringIO

import pytest
import time_machine
from django.conf import settings
from django.core.management import CommandError, call_command
from PIL import Image

from articles import demo
from articles.models import Article
from events.models import Summit, Talk

# A fixed "now" after the summit and before the scheduled article's 2030 date.
NOW = datetime(2025, 3, 1, 4, 0, tzinfo=UTC)
PUBLISHED = ["demo-2022-aug-10-changes", "demo-2022-biocomputing-recap",
             "demo-2022-industry-recap", "demo-2022-main-forum-recap",
             "demo-2022-materials-recap", "demo-2022-programme"]
DRAFT_TITLE = "【草稿示例】化学与分子模拟分论坛回顾"
SCHEDULED_TITLE = "【定时发布示例】峰会全部报告回放整理完成"


def load(times=1):
    for _ in range(times):
        call_command("load_demo", stdout=StringIO())
        call_command("load_demo_news", stdout=StringIO())


@pytest.fixture(autouse=True)
def _covers_drawn_once(monkeypatch):
    """Drawing a cover takes a fraction of a second; the same motif gives the same bytes."""
    monkeypatch.setattr(demo, "cover_jpeg", CACHED_COVER)


CACHED_COVER = functools.cache(demo.cover_jpeg)


@pytest.fixture
def demo_news(db):
    with time_machine.travel(NOW, tick=False):
        load()
        yield


def checksum():
    rows = []
    for article in Article.objects.order_by("slug").prefetch_related(
            "categories", "summits", "forums", "talks"):
        rows.append((
            article.slug, article.title, article.summary, article.body_html, article.status,
            article.publish_at.isoformat(), article.pinned, article.byline, article.cover.name,
            article.cover_card.name, article.cover_wide.name, article.cover_alt,
            article.updated.isoformat(), sorted(c.slug for c in article.categories.all()),
            sorted(s.slug for s in article.summits.all()),
            sorted(f.slug for f in article.forums.all()),
            sorted(t.slug for t in article.talks.all()),
        ))
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def image_size(field):
    with Image.open(field.path) as image:
        return image.size


def media_files():
    root = settings.MEDIA_ROOT
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def test_load_demo_news_counts_split_published_draft_scheduled(demo_news):
    articles = Article.objects.filter(slug__startswith=demo.SLUG_PREFIX)

    assert articles.count() == 8
    assert sorted(Article.objects.published().values_list("slug", flat=True)) == PUBLISHED
    assert list(articles.filter(status="draft").values_list("title", flat=True)) == [
        DRAFT_TITLE]
    scheduled = articles.filter(status="published", publish_at__gt=NOW)
    assert list(scheduled.values_list("title", flat=True)) == [SCHEDULED_TITLE]
    assert list(articles.filter(pinned=True).values_list("slug", flat=True)) == [
        "demo-2022-programme"]


def test_load_demo_news_recaps_cover_their_forum_and_talks(demo_news):
    recap = Article.objects.get(slug="demo-2022-materials-recap")

    assert list(recap.forums.values_list("slug", flat=True)) == ["materials"]
    assert sorted(recap.talks.values_list("slug", flat=True)) == [
        "2022-materials-02", "2022-materials-03", "2022-materials-04", "2022-materials-06"]
    assert list(recap.categories.values_list("slug", flat=True)) == ["recap"]
    assert "<table>" in recap.body_html
    assert "<blockquote>" in recap.body_html
    assert "{speaker" not in recap.body and "{talk" not in recap.body
    assert recap.byline == "峰会组委会（示例）"


def test_load_demo_news_covers_are_drawn_with_renditions(demo_news):
    with_cover = Article.objects.exclude(cover="").order_by("slug")

    assert list(with_cover.values_list("slug", flat=True)) == [
        "demo-2022-biocomputing-recap", "demo-2022-industry-recap",
        "demo-2022-main-forum-recap", "demo-2022-materials-recap", "demo-2022-programme"]
    for article in with_cover:
        assert article.cover_alt
        assert [image_size(field) for field in (
            article.cover, article.cover_card, article.cover_wide)] == [
            (1600, 900), (640, 360), (1280, 720)]


def test_load_demo_news_pinned_announcement_on_home_page(demo_news, client):
    with time_machine.travel(NOW, tick=False):
        response = client.get("/")

    assert response.status_code == 200
    assert "科学智能峰会议程公布：8月8日至11日线上举行" in response.content.decode()


def test_load_demo_news_recap_on_covered_talk_page_draft_not(demo_news, client):
    with time_machine.travel(NOW, tick=False):
        covered = client.get(Talk.objects.get(slug="2022-materials-02").get_absolute_url())
        draft_covered = client.get(Talk.objects.get(slug="2022-chemistry-02").get_absolute_url())

    assert "材料计算分论坛回顾：机器学习正在改写材料研发的节奏" in covered.content.decode()
    assert DRAFT_TITLE not in draft_covered.content.decode()


def test_load_demo_news_draft_and_scheduled_absent_from_news_list(demo_news, client):
    with time_machine.travel(NOW, tick=False):
        pages = [client.get(url) for url in ("/news/", "/news/category/recap/",
                                             "/news/category/news/")]

    assert [page.status_code for page in pages] == [200, 200, 200]
    listing = pages[0].content.decode()
    for page in pages:
        assert DRAFT_TITLE not in page.content.decode()
        assert SCHEDULED_TITLE not in page.content.decode()
    assert [title in listing for title in
            Article.objects.published().values_list("title", flat=True)] == [True] * 6


def test_load_demo_news_second_run_changes_nothing(db):
    with time_machine.travel(NOW, tick=False):
        load()
        before = (Article.objects.count(), checksum(), media_files())
        load()
        after = (Article.objects.count(), checksum(), media_files())

    assert after == before
    assert before[0] == 8
    assert len([name for name in before[2] if name.startswith("articles/")]) == 15


def test_load_demo_news_redraws_a_missing_cover_only(demo_news):
    article = Article.objects.get(slug="demo-2022-programme")
    article.cover.storage.delete(article.cover.name)
    others = [name for name in media_files() if "articles/" in name]

    with time_machine.travel(NOW, tick=False):
        load()

    article.refresh_from_db()
    assert article.cover.storage.exists(article.cover.name)
    assert len([name for name in media_files() if "articles/" in name]) == len(others) + 1


def test_load_demo_news_without_summit_fails_with_message(db):
    assert not Summit.objects.exists()

    with pytest.raises(CommandError) as error:
        call_command("load_demo_news", stdout=StringIO())

    assert str(error.value) == (
        "No demo summit to write about: run `python manage.py load_demo` first.")
    assert Article.objects.count() == 0


def test_cover_jpeg_is_text_free_art_in_the_summit_blue():
    image = Image.open(BytesIO(demo.cover_jpeg("lattice")))

    assert (image.format, image.size) == ("JPEG", (1600, 900))
    red, green, blue = image.convert("RGB").resize((1, 1)).getpixel((0, 0))
    assert blue > 2 * (red + green)


def test_demo_news_is_in_english_except_the_chinese_only_announcement(db):
    load()
    untranslated = Article.objects.filter(title_en="").values_list("slug", flat=True)
    assert list(untranslated) == ["demo-2022-aug-10-changes"]
    assert Article.objects.exclude(slug="demo-2022-aug-10-changes").filter(
        body_html_en="").count() == 0
    recap = Article.objects.get(slug="demo-2022-main-forum-recap")
    talk = recap.talks.get(title_zh_hans="AI for Science：科学研究的新范式")
    assert f"“{talk.title_en}”" in recap.body_en


def test_chinese_only_article_falls_back_to_chinese_on_english_pages(client, db):
    load()
    with time_machine.travel(NOW, tick=False):
        html = client.get("/en/news/demo-2022-aug-10-changes/").content.decode()
        listing = client.get("/en/news/").content.decode()
    changes = Article.objects.get(slug="demo-2022-aug-10-changes")
    assert '<html lang="en">' in html
    assert f"{changes.title_zh_hans}" in html
    assert changes.title_zh_hans in listing
    assert "Main forum recap: when AI becomes a scientist&#x27;s new tool" in listing
