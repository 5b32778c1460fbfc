from datetime import UTC, date, datetime
from xml.etree import ElementTree

import pytest

from articles.models import Article
from tests.articles.conftest import ArticleFactory
from tests.factories import (
    ForumFactory,
    SpeakerFactory,
    SummitFactory,
    TalkFactory,
    TalkSpeakerFactory,
    build_programme,
)

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def locations(response):
    # Our own response, not untrusted input.
    root = ElementTree.fromstring(response.content)  # noqa: S314
    return [
        (url.findtext("s:loc", namespaces=NS), url.findtext("s:lastmod", namespaces=NS))
        for url in root.findall("s:url", NS)
    ]


def test_sitemap_lists_current_summit_pages_and_published_articles(client, summit, time_machine):
    time_machine.move_to(datetime(2022, 8, 9, 2, 0, tzinfo=UTC), tick=False)
    forum = ForumFactory(summit=summit, slug="main")
    talk = TalkFactory(forum=forum, slug="keynote")
    TalkSpeakerFactory(talk=talk, speaker=SpeakerFactory(slug="speaker-a"))
    forum.chairs.add(SpeakerFactory(slug="chair-b"))
    other = SummitFactory(slug="old", is_current=False,
                          start_date=date(2021, 8, 1), end_date=date(2021, 8, 2))
    old_forum = ForumFactory(summit=other, slug="old-forum", date=date(2021, 8, 1))
    TalkSpeakerFactory(talk=TalkFactory(forum=old_forum, slug="old-talk"),
                       speaker=SpeakerFactory(slug="old-speaker"))
    ArticleFactory(slug="published", publish_at=datetime(2022, 8, 1, tzinfo=UTC))
    ArticleFactory(slug="draft", status=Article.Status.DRAFT)
    ArticleFactory(slug="scheduled", publish_at=datetime(2022, 8, 10, tzinfo=UTC))

    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    pages = [
        ("/", None), ("/schedule/", None), ("/speakers/", None), ("/forums/main/", None),
        ("/talks/keynote/", "2022-08-09"), ("/speakers/chair-b/", None),
        ("/speakers/speaker-a/", None), ("/news/published/", "2022-08-09"),
    ]
    # Each page in Chinese, then in English.
    assert locations(response) == [
        (f"http://testserver{prefix}{path}", lastmod)
        for path, lastmod in pages for prefix in ("", "/en")
    ]


def test_sitemap_names_each_page_alternates_in_both_languages(client, summit):
    root = ElementTree.fromstring(client.get("/sitemap.xml").content)  # noqa: S314
    home = root.findall("s:url", NS)[0]
    links = [(link.get("hreflang"), link.get("href"))
             for link in home.findall("{http://www.w3.org/1999/xhtml}link")]
    assert links == [
        ("zh-hans", "http://testserver/"), ("en", "http://testserver/en/"),
        ("x-default", "http://testserver/"),
    ]


def test_sitemap_leaves_out_summit_in_preparation(client, summit):
    upcoming = SummitFactory(slug="ai4s-2023", is_current=False, start_date=date(2023, 8, 8),
                             end_date=date(2023, 8, 9))
    forum = ForumFactory(summit=upcoming, slug="next-forum", date=date(2023, 8, 8))
    TalkSpeakerFactory(talk=TalkFactory(forum=forum, slug="next-talk"),
                       speaker=SpeakerFactory(slug="next-speaker"))

    urls = [loc for loc, _ in locations(client.get("/sitemap.xml"))]

    assert urls == ["http://testserver/", "http://testserver/en/",
                    "http://testserver/schedule/", "http://testserver/en/schedule/",
                    "http://testserver/speakers/", "http://testserver/en/speakers/"]


def test_sitemap_uses_the_request_host(client, summit):
    response = client.get("/sitemap.xml", HTTP_HOST="localhost")
    assert locations(response)[0] == ("http://localhost/", None)


def test_sitemap_without_a_summit_is_empty(client, db):
    assert locations(client.get("/sitemap.xml")) == []


@pytest.mark.parametrize("count", [1, 60])
def test_sitemap_queries_do_not_grow(client, summit, django_assert_num_queries, count):
    forums, talks = build_programme(summit, count)
    # i18n sitemaps read their items once (a list), where the plain ones counted them first
    with django_assert_num_queries(6):
        response = client.get("/sitemap.xml")
    speakers = 2 * len(talks) + len(forums)  # two per talk, one chair per forum
    assert len(locations(response)) == 2 * (3 + len(forums) + len(talks) + speakers)


def test_robots_txt_points_at_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == (
        "User-agent: *\n"
        "Disallow: /admin/\n"
        "Disallow: /markdownx/\n"
        "Sitemap: http://testserver/sitemap.xml\n"
    )
