from datetime import UTC, date, datetime

import pytest

from events.models import Summit
from tests.factories import SummitFactory, build_programme

AFTER = datetime(2022, 8, 12, tzinfo=UTC)

KEYNOTE = {
    "slug": "keynote",
    "title": "AI for Science",
    "kind": "keynote",
    "status": "scheduled",
    "language": "zh",
    "day": "2022-08-08",
    "start": "2022-08-08T09:00:00+08:00",
    "end": "2022-08-08T09:45:00+08:00",
    "forum": {"slug": "main", "title": "主论坛", "url": "http://testserver/forums/main/"},
    "speakers": [
        {
            "slug": "e-weinan",
            "name": "鄂维南",
            "name_latin": "E Weinan",
            "honorific": "Academician",
            "affiliation": "Peking University",
            "photo": None,
            "url": "http://testserver/speakers/e-weinan/",
            "role": "speaker",
        }
    ],
    "abstract_html": "<p>An <em>abstract</em>.</p>",
    "replay_url": "https://example.org/replay",
    "slides_url": None,
    "url": "http://testserver/talks/keynote/",
}
CANCELLED = {
    "slug": "cancelled-talk",
    "title": "Cancelled talk",
    "kind": "talk",
    "status": "cancelled",
    "language": "en",
    "day": "2022-08-09",
    "start": "2022-08-09T14:00:00+08:00",
    "end": "2022-08-09T14:30:00+08:00",
    "forum": {"slug": "materials", "title": "Materials", "url": "http://testserver/forums/materials/"},
    "speakers": [],
    "abstract_html": "",
    "replay_url": None,
    "slides_url": "https://example.org/slides.pdf",
    "url": "http://testserver/talks/cancelled-talk/",
}
CHAIR = {
    "slug": "zhang-san",
    "name": "张三",
    "name_latin": "Zhang San",
    "honorific": "",
    "affiliation": "DP",
    "photo": None,
    "url": "http://testserver/speakers/zhang-san/",
}
BILIBILI = {
    "platform": "bilibili", "channel_name": "科学智能AISI", "url": "https://live.bilibili.com/example"
}
SITE = {"platform": "site", "channel_name": "", "url": "https://example.org/live"}


def page(results, **extra):
    return {"count": len(results), "page": 1, "page_size": 50, "num_pages": 1,
            "next": None, "previous": None, "results": results, **extra}


def test_talk_list_contents_exact(client, programme, time_machine):
    time_machine.move_to(AFTER)
    response = client.get("/api/talks/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.json() == page([KEYNOTE, CANCELLED])


def test_talk_list_replay_hidden_until_talk_is_over(client, programme, time_machine):
    time_machine.move_to(datetime(2022, 8, 8, 1, 30, tzinfo=UTC))  # 09:30 in Shanghai
    keynote = client.get("/api/talks/?forum=main").json()["results"][0]
    assert keynote["replay_url"] is None


@pytest.mark.parametrize(
    ("query", "slugs"),
    [
        ("day=2022-08-08", ["keynote"]),
        ("day=2022-08-09", ["cancelled-talk"]),
        ("forum=materials", ["cancelled-talk"]),
        ("day=2022-08-08&forum=main", ["keynote"]),
        ("day=2022-08-09&forum=main", []),
        ("day=2022-08-11", []),
    ],
)
def test_talk_list_filters_by_day_and_forum(client, programme, query, slugs):
    data = client.get(f"/api/talks/?{query}").json()
    assert [talk["slug"] for talk in data["results"]] == slugs
    assert data["count"] == len(slugs)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("day=8.8.2022", "'day' must be a date as YYYY-MM-DD, not '8.8.2022'."),
        ("day=2022-02-30", "'day' must be a date as YYYY-MM-DD, not '2022-02-30'."),
        ("forum=nope", "There is no forum 'nope' in this summit."),
        ("page=two", "'page' must be a whole number, not 'two'."),
        ("page=0", "'page' must be 1 or more, not 0."),
        ("page_size=201", "'page_size' must be between 1 and 200, not 201."),
        # Control characters: PostgreSQL refuses NUL in a query, which answered 500.
        ("forum=%00", "There is no forum '\\x00' in this summit."),
        ("forum=main%0B", "There is no forum 'main\\x0b' in this summit."),
        ("day=%00", "'day' must be a date as YYYY-MM-DD, not '\\x00'."),
        ("page=%00", "'page' must be a whole number, not '\\x00'."),
    ],
)
def test_talk_list_bad_parameter_is_400_with_message(client, programme, query, message):
    response = client.get(f"/api/talks/?{query}")
    assert response.status_code == 400
    assert response.json() == {"error": message}


def test_speaker_photo_falls_back_to_photo_url(client, programme):
    programme["speaker"].photo_url = "https://cdn.example/e.jpg"
    programme["speaker"].save()
    [talk] = [t for t in client.get("/api/talks/").json()["results"] if t["slug"] == "keynote"]
    assert talk["speakers"][0]["photo"] == "https://cdn.example/e.jpg"


def test_forum_list_contents_exact(client, programme):
    response = client.get("/api/forums/")
    assert response.json() == page([
        {
            "slug": "main",
            "title": "主论坛",
            "kind": "main",
            "topic": "AI for Science",
            "description_html": "<p>The <strong>main</strong> forum.</p>",
            "date": "2022-08-08",
            "start": "2022-08-08T09:00:00+08:00",
            "end": "2022-08-08T12:00:00+08:00",
            "chairs": [CHAIR],
            "co_organizers": [],
            "streams": [BILIBILI],
            "url": "http://testserver/forums/main/",
            "talks_url": "http://testserver/api/talks/?forum=main",
        },
        {
            "slug": "materials",
            "title": "Materials",
            "kind": "sub",
            "topic": "",
            "description_html": "",
            "date": "2022-08-09",
            "start": "2022-08-09T14:00:00+08:00",
            "end": "2022-08-09T17:00:00+08:00",
            "chairs": [],
            "co_organizers": [],
            "streams": [SITE, BILIBILI],
            "url": "http://testserver/forums/materials/",
            "talks_url": "http://testserver/api/talks/?forum=materials",
        },
    ])


def test_speaker_list_contents_exact(client, programme):
    response = client.get("/api/speakers/")
    assert response.json() == page([
        {
            "slug": "e-weinan",
            "name": "鄂维南",
            "name_latin": "E Weinan",
            "honorific": "Academician",
            "affiliation": "Peking University",
            "photo": None,
            "url": "http://testserver/speakers/e-weinan/",
            "position": "Professor",
            "bio_html": "<p>A <em>mathematician</em>.</p>",
            "website": "https://example.org/e",
            "talks": [{"slug": "keynote", "title": "AI for Science", "role": "speaker",
                       "url": "http://testserver/talks/keynote/"}],
            "chaired_forums": [],
        },
        {
            **CHAIR,
            "position": "",
            "bio_html": "",
            "website": None,
            "talks": [],
            "chaired_forums": [{"slug": "main", "title": "主论坛",
                                "url": "http://testserver/forums/main/"}],
        },
    ])


def test_speaker_list_leaves_out_other_summits_speakers(client, programme):
    other = SummitFactory(slug="other", name="Other", is_current=False,
                          start_date=date(2021, 8, 1), end_date=date(2021, 8, 2))
    build_programme(other, 1)
    slugs = [s["slug"] for s in client.get("/api/speakers/").json()["results"]]
    assert slugs == ["e-weinan", "zhang-san"]


def test_summit_list_shows_current_and_past_but_not_upcoming(client, programme):
    SummitFactory(slug="past", name="Past", is_current=False,
                  start_date=date(2021, 8, 1), end_date=date(2021, 8, 2), website="https://x.org")
    SummitFactory(slug="next", name="Next", is_current=False,
                  start_date=date(2023, 8, 1), end_date=date(2023, 8, 2))
    results = client.get("/api/summits/").json()["results"]
    assert [s["slug"] for s in results] == ["ai4s-2022", "past"]
    current, past = results
    assert current == {
        "slug": "ai4s-2022",
        "name": "AI for Science Summit 2022",
        "short_name": "AISS 2022",
        "theme": "AI for Science：共创新未来",
        "series": "Zhongguancun Forum",
        "description_html": "",
        "start_date": "2022-08-08",
        "end_date": "2022-08-11",
        "time_zone": "Asia/Shanghai",
        "format": "online",
        "venue": "",
        "hosts": [],
        "organizers": [],
        "website": None,
        "banner": None,
        "is_current": True,
        "url": "http://testserver/",
        "streams": [BILIBILI],
        "forums_url": "http://testserver/api/forums/",
        "talks_url": "http://testserver/api/talks/",
        "speakers_url": "http://testserver/api/speakers/",
    }
    assert (past["url"], past["talks_url"], past["website"]) == (None, None, "https://x.org")


def test_lists_without_a_summit_are_404_json(client, db):
    assert Summit.objects.count() == 0
    response = client.get("/api/talks/")
    assert response.status_code == 404
    assert response.json() == {"error": "No summit has been set up yet."}


def test_index_links_every_list(client, db):
    assert client.get("/api/").json() == {
        "summits": "http://testserver/api/summits/",
        "forums": "http://testserver/api/forums/",
        "talks": "http://testserver/api/talks/",
        "speakers": "http://testserver/api/speakers/",
        "articles": "http://testserver/api/articles/",
        "openapi": "http://testserver/api/openapi.json",
    }


@pytest.mark.parametrize("count", [1, 60])
@pytest.mark.parametrize(
    ("path", "queries"),
    [("/api/talks/", 5), ("/api/forums/", 6), ("/api/speakers/", 5), ("/api/summits/", 4)],
)
def test_list_queries_do_not_grow(client, summit, django_assert_num_queries, count, path, queries):
    build_programme(summit, count)
    with django_assert_num_queries(queries):
        response = client.get(path + "?page_size=200")
    assert response.status_code == 200

