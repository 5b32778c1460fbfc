from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from defusedxml import ElementTree as ET
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Category
from articles.sitemaps import ArticleSitemap
from tests.factories import (
    ForumFactory,
    SummitFactory,
    TalkFactory,
    build_programme,
    shanghai,
)

from .conftest import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db


def titles_in(response):
    return [a.title for a in response.context["articles"]]


def test_list_shows_only_published_articles(client, summit, visible_and_hidden):
    response = client.get(reverse("articles:list"))
    assert response.status_code == 200
    assert titles_in(response) == ["Published one"]
    assert b"Draft one" not in response.content
    assert b"Scheduled one" not in response.content


def test_list_newest_first_and_paginated(client, summit, frozen):
    for day in range(14):
        ArticleFactory(title=f"Day {day}", publish_at=datetime(2022, 7, 1 + day, tzinfo=UTC))
    first = client.get(reverse("articles:list"))
    second = client.get(reverse("articles:list") + "?page=2")
    assert titles_in(first) == [f"Day {day}" for day in range(13, 1, -1)]
    assert titles_in(second) == ["Day 1", "Day 0"]


def test_scheduled_article_appears_once_its_time_has_come(client, summit, visible_and_hidden):
    with time_machine.travel(datetime(2022, 8, 9, 2, 1, tzinfo=UTC), tick=False):
        response = client.get(reverse("articles:list"))
    assert titles_in(response) == ["Scheduled one", "Published one"]


def test_category_shows_only_published_articles_of_that_category(client, summit,
                                                                  visible_and_hidden):
    ArticleFactory(title="Other category")
    response = client.get(reverse("articles:category", args=["news-test"]))
    assert titles_in(response) == ["Published one"]


@pytest.mark.parametrize("prefix, shown", [("/en", "Recap"), ("", "回顾")])
def test_category_name_follows_the_page_language(client, summit, frozen, prefix, shown):
    recap = Category.objects.get(slug="recap")  # a standard category, made by migration
    ArticleFactory(title="A recap").categories.add(recap)
    html = client.get(prefix + recap.get_absolute_url()).content.decode()
    assert f"<h1>{shown}</h1>" in html
    assert f'<span class="label">{shown}</span>' in html


def test_category_unknown_is_404(client, summit):
    assert client.get(reverse("articles:category", args=["nope"])).status_code == 404


@pytest.mark.parametrize("slug, status", [
    ("published-one", 200), ("draft-one", 404), ("scheduled-one", 404), ("missing", 404),
])
def test_detail_visibility(client, summit, visible_and_hidden, slug, status):
    assert client.get(reverse("articles:detail", args=[slug])).status_code == status


def test_detail_shows_body_byline_date_in_summit_zone_and_covered_talks(client, summit, frozen):
    _, talks = build_programme(summit, 2)
    article = ArticleFactory(
        title="Recap", slug="recap", body="## Highlights\n\nGreat *talk*.",
        publish_at=datetime(2022, 8, 8, 16, 30, tzinfo=UTC),
    )
    article.talks.set(talks)
    article.forums.add(talks[0].forum)
    content = client.get(reverse("articles:detail", args=["recap"])).content.decode()
    assert '<h2 id="h-highlights">Highlights</h2>' in content
    assert "<p>Great <em>talk</em>.</p>" in content
    assert "2022-08-09 00:30" in content  # 16:30 UTC is 00:30 the next day in Shanghai
    assert "Press office" in content
    for talk in talks:
        assert f'href="{talk.get_absolute_url()}"' in content
    assert f'href="{talks[0].forum.get_absolute_url()}"' in content


def test_detail_external_cover_has_no_referrer(client, summit, frozen):
    ArticleFactory(slug="ext", cover_url="https://img.example.com/c.jpg", body="Text.")
    content = client.get(reverse("articles:detail", args=["ext"])).content.decode()
    expected = '<img src="https://img.example.com/c.jpg" alt="" referrerpolicy="no-referrer">'
    assert expected in content


def test_list_query_count_is_fixed(client, summit, frozen, django_assert_num_queries):
    category = CategoryFactory()
    ArticleFactory().categories.add(category)
    with django_assert_num_queries(5):
        assert client.get(reverse("articles:list")).status_code == 200
    for _ in range(30):
        ArticleFactory().categories.add(category, CategoryFactory())
    with django_assert_num_queries(5):
        response = client.get(reverse("articles:list"))
    assert len(response.context["articles"]) == 12


def test_detail_query_count_is_fixed(client, summit, frozen, django_assert_num_queries):
    _, talks = build_programme(summit, 16)
    few = ArticleFactory(slug="few")
    few.talks.add(talks[0])
    many = ArticleFactory(slug="many")
    many.talks.set(talks)
    many.forums.set({talk.forum for talk in talks})
    many.categories.add(CategoryFactory(), CategoryFactory())
    with django_assert_num_queries(5):
        assert client.get(reverse("articles:detail", args=["few"])).status_code == 200
    with django_assert_num_queries(5):
        response = client.get(reverse("articles:detail", args=["many"]))
    assert len(response.context["article"].covered_talks) == 16


@pytest.mark.parametrize("name", ["articles:rss", "articles:atom"])
def test_feeds_list_only_published(client, summit, visible_and_hidden, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert response.content.count(b"Published one") == 1
    assert b"Draft one" not in response.content
    assert b"Scheduled one" not in response.content


def test_atom_feed_is_atom(client, summit, visible_and_hidden):
    response = client.get(reverse("articles:atom"))
    assert response["Content-Type"].startswith("application/atom+xml")


def test_sitemap_lists_only_published(summit, visible_and_hidden):
    assert [a.slug for a in ArticleSitemap().items()] == ["published-one"]


def test_home_news_shows_pinned_and_latest_three_published(summit, visible_and_hidden,
                                                           django_assert_num_queries):
    pinned = ArticleFactory(title="Stream moved", pinned=True,
                            publish_at=datetime(2022, 7, 1, tzinfo=UTC))
    ArticleFactory(title="Hidden pinned", pinned=True, status=Article.Status.DRAFT)
    for n in range(3):
        ArticleFactory(title=f"Latest {n}", publish_at=datetime(2022, 8, 2 + n, tzinfo=UTC))
    with django_assert_num_queries(1):
        notice = render_to_string("includes/home_notice.html", {"summit": summit})
    with django_assert_num_queries(2):
        html = render_to_string("includes/home_news.html", {"summit": summit})
    assert f'href="{pinned.get_absolute_url()}">Stream moved</a>' in notice
    assert "Hidden pinned" not in notice
    for title in ("Latest 2", "Latest 1", "Latest 0"):
        assert title in html
    for title in ("Stream moved", "Published one", "Draft one", "Scheduled one", "Hidden pinned"):
        assert title not in html


def test_home_news_empty_renders_nothing(summit, db):
    assert render_to_string("includes/home_news.html", {"summit": summit}).strip() == ""
    assert render_to_string("includes/home_notice.html", {"summit": summit}).strip() == ""


def test_talk_news_lists_only_published_articles_covering_the_talk(
        summit, visible_and_hidden, django_assert_num_queries):
    talk, other = TalkFactory(), TalkFactory()
    for article in visible_and_hidden.values():
        if isinstance(article, Article):
            article.talks.add(talk)
    ArticleFactory(title="About another talk").talks.add(other)
    with django_assert_num_queries(1):
        html = render_to_string("includes/talk_news.html", {"talk": talk})
    assert "Published one" in html
    for title in ("Draft one", "Scheduled one", "About another talk"):
        assert title not in html


def test_talk_page_and_home_page_include_news(client, summit, frozen):
    _, talks = build_programme(summit, 1)
    article = ArticleFactory(title="Talk write-up")
    article.talks.add(talks[0])
    assert "Talk write-up" in client.get(talks[0].get_absolute_url()).content.decode()
    assert "Talk write-up" in client.get(reverse("events:home")).content.decode()


def test_nav_links_to_news(client, summit):
    content = client.get(reverse("articles:list")).content.decode()
    assert f'<a href="{reverse("articles:list")}" aria-current="page">' in content


def test_preview_shows_draft_to_news_editor_with_never_cache(editor_client, summit,
                                                             visible_and_hidden):
    draft = visible_and_hidden["draft"]
    response = editor_client.get(reverse("articles:preview", args=[draft.pk]))
    assert response.status_code == 200
    assert "Draft one" in response.content.decode()
    assert "no-cache" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_preview_anonymous_redirects_to_login(client, summit, visible_and_hidden):
    response = client.get(reverse("articles:preview", args=[visible_and_hidden["draft"].pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_preview_staff_without_permission_is_forbidden(client, summit, visible_and_hidden,
                                                       django_user_model):
    client.force_login(django_user_model.objects.create_user("staff", is_staff=True))
    response = client.get(reverse("articles:preview", args=[visible_and_hidden["draft"].pk]))
    assert response.status_code == 403


def test_published_queryset_boundary(summit, frozen):
    on_time = ArticleFactory(publish_at=frozen)
    ArticleFactory(publish_at=frozen + timedelta(seconds=1))
    assert list(Article.objects.published()) == [on_time]


def test_news_pages_leave_no_time_zone_active_after_the_request(client, summit):
    summit.time_zone = "Europe/Berlin"
    summit.save()
    client.get(reverse("articles:list"))
    assert timezone.get_current_timezone_name() == "Asia/Shanghai"  # settings.TIME_ZONE


@pytest.mark.parametrize("name", ["rss", "atom"])
def test_feeds_refuse_writes(client, summit, name):
    assert client.post(reverse(f"articles:{name}")).status_code == 405


def test_detail_leaves_out_talks_and_forums_of_summit_in_preparation(client, summit, frozen):
    upcoming = SummitFactory(slug="ai4s-2023", is_current=False, start_date=date(2023, 8, 8),
                             end_date=date(2023, 8, 9))
    hidden_forum = ForumFactory(summit=upcoming, title="Hidden forum", date=date(2023, 8, 8))
    hidden_talk = TalkFactory(forum=hidden_forum, title="Hidden talk",
                              start=shanghai(date(2023, 8, 8), 9),
                              end=shanghai(date(2023, 8, 8), 10))
    past = SummitFactory(slug="ai4s-2021", is_current=False, start_date=date(2021, 8, 8),
                         end_date=date(2021, 8, 9))
    past_forum = ForumFactory(summit=past, slug="materials", title="Past forum",
                              date=date(2021, 8, 8))
    past_talk = TalkFactory(forum=past_forum, title="Past talk",
                            start=shanghai(date(2021, 8, 8), 9), end=shanghai(date(2021, 8, 8), 10))
    article = ArticleFactory(slug="recap")
    article.talks.set([hidden_talk, past_talk])
    article.forums.set([hidden_forum, past_forum])

    response = client.get(reverse("articles:detail", args=["recap"]))
    content = response.content.decode()

    assert response.context["article"].covered_talks == [past_talk]
    assert response.context["article"].covered_forums == [past_forum]
    assert "Hidden" not in content
    assert f'<a href="/talks/{past_talk.slug}/">Past talk</a>' in content
    assert '<a href="/summits/ai4s-2021/forums/materials/">Past forum</a>' in content


def test_article_without_byline_never_shows_the_authors_username(client, summit, frozen,
                                                                  django_user_model):
    author = django_user_model.objects.create_user("wlogin7", password=None)
    article = ArticleFactory(byline="", author=author, title="Unsigned")
    pages = [article.get_absolute_url(), reverse("articles:list"), reverse("articles:rss"),
             reverse("articles:atom"), reverse("api:article_list"), "/"]
    for url in pages:
        response = client.get(url)
        assert (url, response.status_code) == (url, 200)
        assert b"wlogin7" not in response.content, url
    assert client.get(reverse("api:article_list")).json()["results"][0]["byline"] == ""

@pytest.mark.parametrize("name", ["articles:rss", "articles:atom"])
def test_feeds_survive_rows_holding_control_characters(client, summit, visible_and_hidden, name):
    # Written past save() (an old row, a raw update): the feed must still be XML.
    Article.objects.filter(slug="published-one").update(
        title="Published\x0b one", summary="Pasted\x0b from Word\x08", byline="A\x01B"
    )
    response = client.get(reverse(name))
    assert response.status_code == 200
    ET.fromstring(response.content)
    assert b"Published one" in response.content and b"Pasted from Word" in response.content


def test_english_list_and_detail_query_counts_are_fixed(client, summit, frozen,
                                                        django_assert_num_queries):
    category = CategoryFactory()
    first = ArticleFactory(title="中文标题")
    first.categories.add(category)
    with django_assert_num_queries(5):
        assert client.get("/en/news/").status_code == 200
    for index in range(30):
        article = ArticleFactory(title=f"标题 {index}")
        article.title_en, article.body_en = f"Title {index}", "An *English* body."
        article.save()
        article.categories.add(category, CategoryFactory())
    with django_assert_num_queries(5):
        response = client.get("/en/news/")
    html = response.content.decode()
    assert ("Title 29" in html, "标题 29" in html) == (True, False)
    with django_assert_num_queries(5):
        assert client.get(f"/en/news/{first.slug}/").status_code == 200
