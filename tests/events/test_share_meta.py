import json
from datetime import UTC, datetime, time
from html.parser import HTMLParser
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.test import RequestFactory
from PIL import Image

from events import queries
from events.models import Forum, Summit, Talk
from tests.articles.conftest import ArticleFactory
from tests.factories import (
    ForumFactory,
    SpeakerFactory,
    StreamFactory,
    TalkFactory,
    TalkSpeakerFactory,
    shanghai,
)

DAY = datetime(2022, 8, 8).date()
BEFORE = datetime(2022, 8, 1, tzinfo=UTC)
DURING_KEYNOTE = datetime(2022, 8, 8, 1, 10, tzinfo=UTC)  # 09:10 in Shanghai
DEFAULT_IMAGE = "http://testserver/static/img/share-default.png"


class ShareTags(HTMLParser):
    """Collects the og:/twitter: meta tags and the JSON-LD blocks of a page."""

    def __init__(self, page):
        super().__init__()
        self.meta, self.json_ld, self._in_ld = {}, [], False
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        key = attrs.get("property") or attrs.get("name") or ""
        if tag == "meta" and key.startswith(("og:", "twitter:")):
            assert key not in self.meta, f"{key} twice"
            self.meta[key] = attrs["content"]
        self._in_ld = tag == "script" and attrs.get("type") == "application/ld+json"

    def handle_data(self, data):
        if self._in_ld:
            self.json_ld.append(json.loads(data))

    def handle_endtag(self, tag):
        self._in_ld = False


def png(name, size=(1200, 630)):
    out = BytesIO()
    Image.new("RGB", size, (2, 30, 170)).save(out, format="PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


@pytest.fixture
def site(summit, time_machine):
    time_machine.move_to(BEFORE, tick=False)
    summit.organizers = "Beijing Academy of AI for Science\nDP Technology"
    summit.description = "A summit on **AI for Science** & more."
    summit.banner = png("banner.png")
    summit.save()
    main = ForumFactory(summit=summit, kind=Forum.Kind.MAIN, title="主论坛", slug="main",
                        topic="AI & Science", date=DAY, start_time=time(9), end_time=time(12))
    ForumFactory(summit=summit, slug="late", date=datetime(2022, 8, 9).date(),
                 start_time=time(14), end_time=time(17, 30))
    speaker = SpeakerFactory(name="鄂维南", name_latin="E Weinan", slug="e-weinan",
                             honorific="Academician", position="Director",
                             affiliation="AISI", bio="Works on *machine learning*.")
    speaker.photo = png("e.png", size=(400, 400))
    speaker.save()
    speaker.refresh_from_db()
    keynote = TalkFactory(forum=main, title="AI for Science", slug="keynote",
                          start=shanghai(DAY, 9), end=shanghai(DAY, 9, 45),
                          abstract="Deep learning </script><b>meets</b> physics.")
    TalkSpeakerFactory(talk=keynote, speaker=speaker)
    StreamFactory(summit=summit, url="https://live.bilibili.com/22222")
    return {"summit": summit, "main": main, "speaker": speaker, "keynote": keynote,
            "banner": "http://testserver" + summit.banner.url,  # stored under a random name
            "photo": "http://testserver" + speaker.photo_320.url}


def tags(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return ShareTags(response.content.decode())


def test_home_card_and_summit_event(client, site):
    page = tags(client, "/")
    assert page.meta == {
        "og:type": "website",
        "og:title": "AI for Science Summit 2022",
        "og:description": "AI for Science：共创新未来 · 2022-08-08 – 2022-08-11 · "
                          "A summit on AI for Science & more.",
        "og:url": "http://testserver/",
        "og:image": site["banner"],
        "og:site_name": "AI for Science Summit 2022",
        "twitter:card": "summary_large_image",
        "twitter:title": "AI for Science Summit 2022",
        "twitter:description": "AI for Science：共创新未来 · 2022-08-08 – 2022-08-11 · "
                               "A summit on AI for Science & more.",
        "twitter:image": site["banner"],
    }
    assert page.json_ld == [{
        "@context": "https://schema.org",
        "@type": "Event",
        "name": "AI for Science Summit 2022",
        "description": "AI for Science：共创新未来 · A summit on AI for Science & more.",
        "startDate": "2022-08-08T09:00:00+08:00",
        "endDate": "2022-08-09T17:30:00+08:00",
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OnlineEventAttendanceMode",
        "location": {"@type": "VirtualLocation", "url": "https://live.bilibili.com/22222"},
        "image": [site["banner"]],
        "url": "http://testserver/",
        "organizer": [
            {"@type": "Organization", "name": "Beijing Academy of AI for Science"},
            {"@type": "Organization", "name": "DP Technology"},
        ],
    }]


def test_talk_card_and_event(client, site):
    page = tags(client, "/talks/keynote/")
    description = "2022-08-08 09:00–09:45 (UTC+8) · 鄂维南 · Deep learning meets physics."
    assert (page.meta["og:type"], page.meta["og:title"]) == ("website", "AI for Science")
    assert page.meta["og:description"] == description
    assert page.meta["og:url"] == "http://testserver/talks/keynote/"
    assert page.meta["og:image"] == site["banner"]
    [event] = page.json_ld
    assert event == {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": "AI for Science",
        "description": "Deep learning meets physics.",
        "startDate": "2022-08-08T09:00:00+08:00",
        "endDate": "2022-08-08T09:45:00+08:00",
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OnlineEventAttendanceMode",
        # Before the talk the page itself is where to watch: it shows the streams when live.
        "location": {"@type": "VirtualLocation", "url": "http://testserver/talks/keynote/"},
        "image": [site["banner"]],
        "url": "http://testserver/talks/keynote/",
        "organizer": [
            {"@type": "Organization", "name": "Beijing Academy of AI for Science"},
            {"@type": "Organization", "name": "DP Technology"},
        ],
        "inLanguage": "zh",
        "performer": [{
            "@type": "Person",
            "name": "鄂维南",
            "url": "http://testserver/speakers/e-weinan/",
            "alternateName": "E Weinan",
            "affiliation": {"@type": "Organization", "name": "AISI"},
            "image": site["photo"],
        }],
        "superEvent": {"@type": "Event", "name": "AI for Science Summit 2022",
                       "url": "http://testserver/"},
    }


def test_live_talk_event_points_at_the_stream(client, site, time_machine):
    time_machine.move_to(DURING_KEYNOTE, tick=False)
    [event] = tags(client, "/talks/keynote/").json_ld
    assert event["location"] == {"@type": "VirtualLocation",
                                 "url": "https://live.bilibili.com/22222"}


def test_cancelled_talk_event_says_cancelled(client, site):
    Talk.objects.filter(slug="keynote").update(status=Talk.Status.CANCELLED)
    [event] = tags(client, "/talks/keynote/").json_ld
    assert event["eventStatus"] == "https://schema.org/EventCancelled"


def test_in_person_and_hybrid_summits_have_a_place(client, site):
    Summit.objects.update(format=Summit.Format.HYBRID, venue="Zhongguancun Exhibition Center")
    [event] = tags(client, "/").json_ld
    assert event["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert event["location"] == [
        {"@type": "Place", "name": "Zhongguancun Exhibition Center",
         "address": "Zhongguancun Exhibition Center"},
        {"@type": "VirtualLocation", "url": "https://live.bilibili.com/22222"},
    ]
    Summit.objects.update(format=Summit.Format.IN_PERSON)
    [event] = tags(client, "/").json_ld
    assert event["location"]["@type"] == "Place"


def test_json_ld_cannot_be_broken_out_of(client, site):
    Talk.objects.filter(slug="keynote").update(title="Hi </script><script>alert(1)</script>")
    body = client.get("/talks/keynote/").content.decode()
    assert "</script><script>alert(1)" not in body
    assert "\\u003C/script\\u003E\\u003Cscript\\u003Ealert(1)" in body
    [event] = ShareTags(body).json_ld
    assert event["name"] == "Hi </script><script>alert(1)</script>"


def test_speaker_card_uses_the_photo(client, site):
    assert tags(client, "/speakers/e-weinan/").meta == {
        "og:type": "profile",
        "og:title": "鄂维南 (E Weinan)",
        "og:description": "Academician, Director, AISI · Works on machine learning.",
        "og:url": "http://testserver/speakers/e-weinan/",
        "og:image": site["photo"],
        "og:site_name": "AI for Science Summit 2022",
        "twitter:card": "summary",
        "twitter:title": "鄂维南 (E Weinan)",
        "twitter:description": "Academician, Director, AISI · Works on machine learning.",
        "twitter:image": site["photo"],
    }


def test_speaker_without_photo_falls_back_to_banner_then_default(client, site):
    speaker = site["speaker"]
    speaker.photo = None
    speaker.save()
    page = tags(client, "/speakers/e-weinan/")
    assert (page.meta["og:image"], page.meta["twitter:card"]) == (
        site["banner"], "summary_large_image"
    )
    Summit.objects.update(banner="")
    assert tags(client, "/speakers/e-weinan/").meta["og:image"] == DEFAULT_IMAGE


def test_forum_card(client, site):
    page = tags(client, "/forums/main/")
    assert page.meta["og:title"] == "主论坛"
    assert page.meta["og:description"] == "2022-08-08 09:00–12:00 · AI & Science"
    assert page.meta["og:url"] == "http://testserver/forums/main/"
    assert page.meta["og:image"] == site["banner"]
    assert page.json_ld == []


def test_article_card_uses_the_cover(client, site):
    article = ArticleFactory(title="Opening <day>", slug="opening", summary="It began.",
                             cover=png("cover.png"), cover_alt="The hall",
                             publish_at=datetime(2022, 7, 1, tzinfo=UTC))
    article.refresh_from_db()
    page = tags(client, "/news/opening/")
    assert page.meta["og:type"] == "article"
    assert page.meta["og:title"] == "Opening <day>"
    assert page.meta["og:description"] == "It began."
    assert page.meta["og:url"] == "http://testserver/news/opening/"
    assert page.meta["og:image"] == "http://testserver" + article.cover_wide.url
    assert page.meta["twitter:card"] == "summary_large_image"


def test_schedule_page_describes_the_summit_without_event(client, site):
    page = tags(client, "/schedule/")
    assert page.meta["og:title"] == "AI for Science Summit 2022"
    assert page.meta["og:url"] == "http://testserver/schedule/"
    assert page.json_ld == []


def test_share_card_runs_no_queries(site, django_assert_num_queries):
    talk = queries.talks_with_speakers().get(slug="keynote")
    request = RequestFactory().get("/talks/keynote/")
    with django_assert_num_queries(0):
        html = render_to_string(
            "includes/share_meta.html",
            {"talk": talk, "summit": site["summit"], "streams": []},
            request=None,
        ) + render_to_string("includes/share_meta.html", {"talk": talk, "request": request})
    assert ShareTags(html).meta["og:title"] == "AI for Science"
