from datetime import UTC, date, datetime

import pytest

from articles.models import Article
from tests.articles.conftest import ArticleFactory, CategoryFactory
from tests.factories import (
    ForumFactory,
    SummitFactory,
    TalkFactory,
    build_programme,
    shanghai,
)

NOW = datetime(2022, 8, 9, 2, 0, tzinfo=UTC)


@pytest.fixture
def news(programme, time_machine):
    time_machine.move_to(NOW, tick=False)
    category = CategoryFactory(name="峰会动态", slug="summit-news")
    published = ArticleFactory(
        title="Opening day", slug="opening-day", summary="It began.", body="Some **news**.",
        byline="Press office", cover_url="https://img.example.org/cover.jpg",
        publish_at=datetime(2022, 8, 8, 4, 30, tzinfo=UTC),
    )
    published.categories.add(category)
    published.talks.add(programme["keynote"])
    ArticleFactory(title="Draft", slug="draft", status=Article.Status.DRAFT)
    ArticleFactory(
        title="Tomorrow", slug="tomorrow", publish_at=datetime(2022, 8, 9, 2, 1, tzinfo=UTC)
    )
    return published


def test_article_list_contents_exact(client, news):
    assert client.get("/api/articles/").json() == {
        "count": 1, "page": 1, "page_size": 50, "num_pages": 1, "next": None, "previous": None,
        "results": [
            {
                "slug": "opening-day",
                "title": "Opening day",
                "summary": "It began.",
                "byline": "Press office",
                "body_html": "<p>Some <strong>news</strong>.</p>",
                "cover": "https://img.example.org/cover.jpg",
                "published_at": "2022-08-08T12:30:00+08:00",
                "categories": ["峰会动态"],
                "talks": [{"slug": "keynote", "title": "AI for Science",
                           "url": "http://testserver/talks/keynote/"}],
                "url": "http://testserver/news/opening-day/",
            }
        ],
    }


def test_article_list_shows_scheduled_article_once_its_time_comes(client, news, time_machine):
    time_machine.move_to(datetime(2022, 8, 9, 2, 1, tzinfo=UTC), tick=False)
    slugs = [a["slug"] for a in client.get("/api/articles/").json()["results"]]
    assert slugs == ["tomorrow", "opening-day"]


def test_no_draft_or_future_article_in_any_api_response(client, news):
    for path in ["/api/", "/api/summits/", "/api/forums/", "/api/talks/", "/api/speakers/",
                 "/api/articles/"]:
        body = client.get(path).content.decode()
        assert "Draft" not in body and "Tomorrow" not in body, path


@pytest.mark.parametrize("count", [1, 60])
def test_article_list_queries_do_not_grow(client, summit, django_assert_num_queries, count):
    _, talks = build_programme(summit, 2)
    for n in range(count):
        article = ArticleFactory(slug=f"a-{n}")
        article.categories.add(CategoryFactory(slug=f"c-{n % 3}"))
        article.talks.add(*talks)
    with django_assert_num_queries(4):
        response = client.get("/api/articles/?page_size=200")
    assert response.json()["count"] == count


def test_article_list_leaves_out_talks_of_summit_in_preparation(client, news):
    upcoming = SummitFactory(slug="ai4s-2023", is_current=False, start_date=date(2023, 8, 8),
                             end_date=date(2023, 8, 9))
    hidden = TalkFactory(forum=ForumFactory(summit=upcoming, date=date(2023, 8, 8)),
                         title="Hidden talk", slug="hidden",
                         start=shanghai(date(2023, 8, 8), 9), end=shanghai(date(2023, 8, 8), 10))
    news.talks.add(hidden)
    results = client.get("/api/articles/").json()["results"]
    assert [talk["slug"] for talk in results[0]["talks"]] == ["keynote"]
