"""Failure answers: friendly 404/500 in both languages, 503 with the database down, JSON
under /api/, and a site that keeps serving (uncached) with Redis down."""

import json
import logging

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import RequestFactory

from summit import errors
from summit.settings import redis_cache

pytestmark = pytest.mark.django_db


@pytest.fixture
def production_errors(settings, client):
    """Django's error handlers as in production (debug off), answers instead of raising."""
    settings.DEBUG = False
    client.raise_request_exception = False
    return client


@pytest.fixture
def database_down(monkeypatch):
    def refuse(self, *args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1 port 5432 failed")
    monkeypatch.setattr(BaseDatabaseWrapper, "cursor", refuse)


@pytest.mark.parametrize(("path", "text"), [
    ("/no-such-page/", "页面不存在"), ("/en/no-such-page/", "Page not found"),
])
def test_404_page_is_friendly_in_both_languages(production_errors, summit, path, text):
    response = production_errors.get(path)
    assert response.status_code == 404
    assert text in response.content.decode()


@pytest.mark.parametrize(("path", "text", "lang"), [
    ("/", "出错了", 'lang="zh-hans"'), ("/en/", "Something went wrong", 'lang="en"'),
])
def test_500_page_is_friendly_in_both_languages_and_leaks_nothing(
        production_errors, summit, monkeypatch, path, text, lang):
    from events.views import pages
    def broken(*args, **kwargs):
        raise RuntimeError("secret-internal-detail")
    monkeypatch.setattr(pages.HomeView, "get", broken)
    response = production_errors.get(path)
    body = response.content.decode()
    assert response.status_code == 500
    assert text in body and lang in body
    assert "secret-internal-detail" not in body and "Traceback" not in body


def test_500_page_renders_without_the_database(django_assert_num_queries, database_down):
    with django_assert_num_queries(0):
        response = errors.server_error(RequestFactory().get("/"))
    assert response.status_code == 500


@pytest.mark.parametrize(("path", "text"), [
    ("/", "暂时无法访问"), ("/schedule/", "暂时无法访问"), ("/news/", "暂时无法访问"),
    ("/en/speakers/", "Briefly unavailable"),
])
def test_database_down_answers_503_with_retry_after(client, database_down, path, text):
    response = client.get(path)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert text in response.content.decode()


def test_database_down_in_the_api_answers_json(client, database_down):
    response = client.get("/api/summits/")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert "error" in response.json()


def test_database_error_outside_a_view_also_answers_503():
    request = RequestFactory().get("/api/talks/")
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = errors.server_error(request)
    assert (response.status_code, response["Retry-After"]) == (503, "30")
    assert "error" in json.loads(response.content)


@pytest.mark.parametrize(("path", "status"), [("/api/no-such/", 404), ("/api/talks/x/y/", 404)])
def test_api_errors_are_json(production_errors, path, status):
    response = production_errors.get(path)
    assert response.status_code == status
    assert response.json() == {"error": "未找到。"}


def test_api_server_error_is_json():
    response = errors.server_error(RequestFactory().get("/api/summits/"))
    assert response.status_code == 500
    assert json.loads(response.content) == {"error": "服务器内部错误。"}


def test_redis_down_keeps_serving_uncached_and_logs_once(settings, client, summit, caplog):
    settings.CACHES = {"default": redis_cache("redis://127.0.0.1:9/0")}  # nothing listens
    settings.PAGE_CACHE_SECONDS = 3600
    fault_log = logging.getLogger("summit.cache_faults")
    for once in fault_log.filters:
        once.last_logged = None
    with caplog.at_level(logging.ERROR, logger="summit.cache_faults"):
        statuses = [client.get(path).status_code for path in ["/", "/schedule/", "/", "/en/"]]
    assert statuses == [200, 200, 200, 200]
    faults = [r for r in caplog.records if r.name == "summit.cache_faults"]
    assert len(faults) == 1
    assert faults[0].getMessage().startswith("Cache unavailable, serving uncached")
