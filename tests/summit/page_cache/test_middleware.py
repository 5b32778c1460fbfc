import gzip
import threading
import time
from datetime import UTC, datetime, timedelta

import brotli
import pytest
import time_machine
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from django.urls import reverse

from articles.models import Article
from events import live
from summit.page_cache.middleware import PublicPageCacheMiddleware
from tests.articles.conftest import ArticleFactory
from tests.events.test_admin import talk_post
from tests.factories import TalkFactory, shanghai

pytestmark = pytest.mark.django_db

BEFORE_THE_SUMMIT = datetime(2022, 8, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def frozen():
    with time_machine.travel(BEFORE_THE_SUMMIT, tick=False) as traveller:
        yield traveller


@pytest.fixture
def talk(summit):
    return TalkFactory(forum__summit=summit, title="蛋白质结构预测")


def test_anonymous_page_is_kept_until_something_public_changes(client, page_cache, talk):
    first = client.get("/schedule/")
    second = client.get("/schedule/")
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    talk.title = "分子动力学"
    talk.save()
    third = client.get("/schedule/")
    assert third["X-Cache"] == "miss"
    assert "分子动力学" in third.content.decode()


def test_an_edit_in_the_admin_shows_on_the_very_next_request(client, staff, page_cache, talk):
    anonymous = Client()
    assert anonymous.get(talk.get_absolute_url())["X-Cache"] == "miss"
    assert anonymous.get(talk.get_absolute_url())["X-Cache"] == "hit"
    data = talk_post(talk.forum, title="Renamed in the admin", slug=talk.slug,
                     start=talk.start, end=talk.end)
    data.update({k: v.strftime("%Y-%m-%d" if k.endswith("_0") else "%H:%M:%S")
                 for k, v in (("start_0", talk.start.astimezone(talk.forum.summit.tzinfo)),
                              ("start_1", talk.start.astimezone(talk.forum.summit.tzinfo)),
                              ("end_0", talk.end.astimezone(talk.forum.summit.tzinfo)),
                              ("end_1", talk.end.astimezone(talk.forum.summit.tzinfo)))})
    response = staff.post(reverse("admin:events_talk_change", args=[talk.pk]), data)
    assert response.status_code == 302
    page = anonymous.get(talk.get_absolute_url())
    assert page["X-Cache"] == "miss"
    assert "Renamed in the admin" in page.content.decode()


def test_staff_never_get_a_cached_page_and_never_fill_the_cache(client, staff, page_cache, talk):
    anonymous = Client()
    staff_page = staff.get("/schedule/")
    assert "X-Cache" not in staff_page
    assert anonymous.get("/schedule/")["X-Cache"] == "miss"  # staff's page was not kept
    assert anonymous.get("/schedule/")["X-Cache"] == "hit"
    assert "X-Cache" not in staff.get("/schedule/")


def test_cached_page_carries_no_csrf_token_or_session_cookie(client, page_cache, talk):
    fresh = client.get("/")
    cached = client.get("/")
    assert cached["X-Cache"] == "hit"
    for header in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options",
                   "Content-Type", "Content-Language"):
        assert cached[header] == fresh[header]
    assert not cached.cookies
    assert not cached.has_header("Set-Cookie")
    assert b"csrfmiddlewaretoken" not in cached.content
    assert "cookie" not in cached["Vary"].lower()


def test_page_using_a_csrf_token_or_setting_a_cookie_is_never_kept(page_cache):
    renders = []

    def form_view(request):
        renders.append(request.path)
        return HttpResponse(f"<form>{get_token(request)}</form>")

    def cookie_view(request):
        renders.append(request.path)
        response = HttpResponse("<p>hello</p>")
        response.set_cookie("seen", "1")
        return response

    for view, path in ((form_view, "/form/"), (cookie_view, "/cookie/")):
        middleware = PublicPageCacheMiddleware(view)
        for _ in range(2):
            response = middleware(RequestFactory().get(path))
            assert "X-Cache" not in response
    assert renders == ["/form/", "/form/", "/cookie/", "/cookie/"]


def test_preview_and_admin_are_not_cached(client, page_cache, summit):
    article = ArticleFactory(status=Article.Status.DRAFT)
    preview = client.get(reverse("articles:preview", args=[article.pk]))
    login = client.get("/admin/login/")
    assert (preview.status_code, "X-Cache" in preview) == (302, False)
    assert (login.status_code, "X-Cache" in login) == (200, False)


def test_matching_if_none_match_gets_304_until_an_edit(client, page_cache, talk):
    etag = client.get("/schedule.json")["ETag"]
    again = client.get("/schedule.json", headers={"if-none-match": etag})
    assert (again.status_code, again.content, again["ETag"]) == (304, b"", etag)
    assert "s-maxage=" in again["Cache-Control"]
    talk.title = "Moved"
    talk.save()
    changed = client.get("/schedule.json", headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_compressed_copies_are_kept_per_coding(client, page_cache, talk):
    plain = client.get("/schedule.ics")
    br = client.get("/schedule.ics", headers={"accept-encoding": "gzip, br"})
    gz = client.get("/schedule.ics", headers={"accept-encoding": "gzip"})
    gz_again = client.get("/schedule.ics", headers={"accept-encoding": "gzip"})
    assert (br["Content-Encoding"], gz["Content-Encoding"]) == ("br", "gzip")
    assert brotli.decompress(br.content) == plain.content
    assert gzip.decompress(gz.content) == plain.content
    assert gz_again.content == gz.content
    assert (br["X-Cache"], gz_again["X-Cache"]) == ("hit", "hit")  # made from the plain copy
    assert "Content-Encoding" not in plain
    assert "Accept-Encoding" in br["Vary"]
    assert len({plain["ETag"], br["ETag"], gz["ETag"]}) == 3
    assert br["Content-Type"] == "text/calendar; charset=utf-8"


def test_scheduled_article_appears_at_its_time(client, page_cache, summit, frozen):
    publish_at = BEFORE_THE_SUMMIT + timedelta(minutes=30)
    ArticleFactory(title="Replays are online", publish_at=publish_at)
    assert "Replays are online" not in client.get("/news/").content.decode()
    assert client.get("/news/")["X-Cache"] == "hit"
    frozen.move_to(publish_at - timedelta(seconds=1))
    assert client.get("/news/")["X-Cache"] == "hit"
    frozen.move_to(publish_at)
    page = client.get("/news/")
    assert page["X-Cache"] == "miss"
    assert "Replays are online" in page.content.decode()


def test_live_note_is_right_from_the_cache_when_a_talk_joins_and_ends(client, page_cache,
                                                                       summit):
    talk = TalkFactory(forum__summit=summit, start=shanghai(summit.start_date, 10),
                       end=shanghai(summit.start_date, 10, 30))
    # The page holds every phase; the server shows the one of its time (the others hidden).
    shown = '<span class="badge badge--live" data-phase="live">'
    with time_machine.travel(talk.start - timedelta(minutes=10), tick=False) as traveller:
        before = client.get(talk.get_absolute_url())
        assert shown not in before.content.decode()
        traveller.move_to(talk.start - live.LEAD)  # on the strip from here
        on_air = client.get(talk.get_absolute_url())
        assert on_air["X-Cache"] == "miss"
        assert shown in on_air.content.decode()
        assert client.get(talk.get_absolute_url())["X-Cache"] == "hit"
        traveller.move_to(talk.end)
        over = client.get(talk.get_absolute_url())
        assert over["X-Cache"] == "miss"
        assert shown not in over.content.decode()
        assert "notice--ended" in over.content.decode()


def test_shared_cache_lifetime_stops_at_the_next_boundary(client, page_cache, summit):
    talk = TalkFactory(forum__summit=summit, start=shanghai(summit.start_date, 10),
                       end=shanghai(summit.start_date, 10, 30))
    with time_machine.travel(talk.start - timedelta(seconds=4), tick=False):
        response = client.get("/schedule/")
    assert response["Cache-Control"] == (
        "public, max-age=0, s-maxage=4, stale-while-revalidate=30")


def test_missing_page_is_kept_briefly(client, page_cache, summit):
    client.get("/talks/no-such-talk/")
    again = client.get("/talks/no-such-talk/")
    assert (again.status_code, again["X-Cache"]) == (404, "hit")
    assert "ETag" not in again


def test_language_comes_from_the_address_so_the_browser_cannot_split_the_cache(
        client, page_cache, talk):
    client.get("/schedule/")
    english_browser = client.get("/schedule/", HTTP_ACCEPT_LANGUAGE="en")
    client.cookies["django_language"] = "en"
    old_cookie = client.get("/schedule/")
    english = client.get("/en/schedule/")
    assert [r["X-Cache"] for r in (english_browser, old_cookie, english)] == ["hit", "hit", "miss"]
    assert [r["Content-Language"] for r in (english_browser, old_cookie, english)] == [
        "zh-hans", "zh-hans", "en"]
    assert "Accept-Language" not in english["Vary"]


def test_sixteen_simultaneous_requests_after_an_edit_cost_one_render(page_cache, talk):
    renders = []

    def slow_view(request):
        renders.append(request.path)
        time.sleep(0.2)  # long enough for the other fifteen to find the lock taken
        return HttpResponse("<p>the programme</p>" * 50)

    middleware = PublicPageCacheMiddleware(slow_view)
    talk.title = "Edited"
    talk.save()
    page_cache.current_state()  # the time boundary is read from the database here, once
    start = threading.Barrier(16)
    responses = []

    def visit():
        start.wait()
        responses.append(middleware(RequestFactory().get("/schedule/")))

    threads = [threading.Thread(target=visit) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert renders == ["/schedule/"]
    assert len(responses) == 16
    assert {response.content for response in responses} == {b"<p>the programme</p>" * 50}
    assert sorted(response["X-Cache"] for response in responses) == ["hit"] * 15 + ["miss"]


def test_a_hit_costs_one_round_trip_and_a_304_reads_no_page(client, page_cache, talk, monkeypatch):
    first = client.get("/schedule/")
    store = page_cache.cache()
    reads, depth = [], []  # the local-memory cache's get_many calls its own get: not a trip
    for name in ("get", "get_many"):
        original = getattr(store, name)

        def counted(*args, _original=original, _name=name, **kwargs):
            if not depth:
                reads.append((_name, args[0]))
            depth.append(_name)
            try:
                return _original(*args, **kwargs)
            finally:
                depth.pop()

        monkeypatch.setattr(store, name, counted)
    hit = client.get("/schedule/")
    assert (hit["X-Cache"], hit.content) == ("hit", first.content)
    assert [name for name, _ in reads] == ["get_many"]
    reads.clear()
    not_modified = client.get("/schedule/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert not_modified.status_code == 304
    assert reads == [("get_many", [page_cache.VERSION_KEY, page_cache.CLOCK_KEY])]


def test_a_copy_made_under_an_older_version_is_not_served(client, page_cache, talk):
    client.get("/schedule/")
    talk.title = "Edited title"
    talk.save()
    fresh = client.get("/schedule/")
    assert fresh["X-Cache"] == "miss"
    assert "Edited title" in fresh.content.decode()
