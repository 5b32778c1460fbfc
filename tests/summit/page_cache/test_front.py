"""The WSGI front (summit/page_cache/front.py): the 304 Django gives, without Django's request
cycle, and everything else passed to Django untouched."""

from unittest.mock import Mock

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory

from summit.page_cache.front import NotModifiedFront
from summit.page_cache.middleware import STATE_KEY
from tests.factories import TalkFactory

pytestmark = pytest.mark.django_db


class Recorder:
    """A WSGI application standing in for Django: records what reached it."""

    def __init__(self, application=None):
        self.application = application
        self.calls = []

    def __call__(self, environ, start_response):
        self.calls.append(environ)
        if self.application is None:
            start_response("200 OK", [("Content-Type", "text/plain")])
            return [b"from django"]
        # As Django's test client does: the request signals must not close the test's
        # database connection.
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            return list(self.application(environ, start_response))
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)


def call(application, method="get", path="/schedule/", **headers):
    environ = getattr(RequestFactory(), method)(path, headers=headers).environ
    answer = {}

    def start_response(status, response_headers, exc_info=None):
        answer["status"], answer["headers"] = status, dict(response_headers)

    body = b"".join(application(environ, start_response))
    return answer["status"], answer["headers"], body, environ


@pytest.fixture
def talk(summit):
    return TalkFactory(forum__summit=summit, title="蛋白质结构预测")


@pytest.fixture
def django_app():
    return Recorder(WSGIHandler())


def test_front_gives_the_304_django_gives_without_calling_django(client, page_cache, talk,
                                                                  django_app):
    etag = client.get("/schedule/")["ETag"]
    through_django = client.get("/schedule/", headers={"if-none-match": etag})
    status, headers, body, _ = call(NotModifiedFront(django_app), if_none_match=etag)
    assert (status, body, django_app.calls) == ("304 Not Modified", b"", [])
    assert through_django.status_code == 304
    assert headers == dict(through_django.items())
    assert {"ETag", "Cache-Control", "Vary", "X-Content-Type-Options", "Referrer-Policy",
            "Cross-Origin-Opener-Policy"} <= set(headers)


def test_front_passes_an_old_tag_to_django_with_the_state_it_read(client, page_cache, talk,
                                                                  django_app, monkeypatch):
    etag = client.get("/schedule/")["ETag"]
    talk.title = "分子动力学"
    talk.save()
    reads = Mock(wraps=page_cache.current_state)
    monkeypatch.setattr(page_cache, "current_state", reads)
    status, headers, body, environ = call(NotModifiedFront(django_app), if_none_match=etag)
    assert status == "200 OK"
    assert headers["ETag"] != etag
    assert "分子动力学" in body.decode()
    assert len(django_app.calls) == 1 and STATE_KEY in environ
    reads.assert_called_once_with()  # read once, by the front; Django reused it


@pytest.mark.parametrize("case", [
    {},  # no If-None-Match: a plain request
    {"method": "post"},
    {"cookie": "sessionid=abc"},  # staff: never from the cache
    {"authorization": "Basic eDp5"},
    {"path": "/admin/login/"},  # a prefix the cache skips
    {"host": "evil.example"},  # Django refuses the host (and logs it)
], ids=["plain", "post", "session", "authorization", "admin", "bad-host"])
def test_front_leaves_everything_else_to_django(client, page_cache, talk, case):
    etag = client.get("/schedule/")["ETag"]
    headers = {"if_none_match": etag} if case else {}
    headers.update({key: value for key, value in case.items() if key not in ("method", "path")})
    django = Recorder()
    status, _, body, _ = call(NotModifiedFront(django), case.get("method", "get"),
                              case.get("path", "/schedule/"), **headers)
    assert (status, body, len(django.calls)) == ("200 OK", b"from django", 1)


def test_front_lets_django_redirect_plain_http(client, page_cache, talk, settings):
    etag = client.get("/schedule/")["ETag"]
    settings.SECURE_SSL_REDIRECT = True
    django = Recorder()
    call(NotModifiedFront(django), if_none_match=etag)
    assert len(django.calls) == 1


def test_front_does_nothing_with_the_cache_off(client, talk, settings):
    settings.PAGE_CACHE_SECONDS = 0
    django = Recorder()
    call(NotModifiedFront(django), if_none_match='"anything"')
    assert len(django.calls) == 1


@pytest.mark.parametrize("headers", [
    {"if_none_match": "*"},
    {"if_none_match": '"x", ' * 2000},  # a huge list of tags
    {"if_none_match": "W/\"\x7f\", garbage"},
    {"if_none_match": '"a"', "cookie": "sessionid"},  # a malformed cookie
], ids=["star", "huge", "odd-characters", "odd-cookie"])
def test_front_takes_odd_revalidations_calmly(client, page_cache, talk, headers):
    django = Recorder()
    status, _, body, _ = call(NotModifiedFront(django), **headers)
    assert (status, body, len(django.calls)) == ("200 OK", b"from django", 1)


def test_front_survives_a_path_that_is_not_utf8(page_cache, talk):
    django = Recorder()
    environ = RequestFactory().get("/schedule/", headers={"if_none_match": '"a"'}).environ
    environ["PATH_INFO"] = "/sch\xffedule/"  # bytes as latin-1: not UTF-8
    answer = []
    NotModifiedFront(django)(environ, lambda status, headers: answer.append(status))
    assert answer == ["200 OK"] and len(django.calls) == 1
