"""Two application servers sharing one Redis: each sees the other's pages and edits."""

import os
import time
import uuid
from unittest.mock import Mock

import pytest
import redis
from django.core.cache import caches

from tests.factories import TalkFactory

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def redis_is_up():
    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping()
    except redis.RedisError:
        return False


pytestmark = [
    pytest.mark.django_db,
    # CI runs Redis: there a missing server is a failure, not a skip.
    pytest.mark.skipif(not os.environ.get("CI") and not redis_is_up(),
                       reason="Redis is not running on 127.0.0.1:6379"),
]


@pytest.fixture
def two_servers(settings, page_cache):
    """Cache aliases ``server_a`` and ``server_b``: the settings two servers would have."""
    prefix = f"summit-test-{uuid.uuid4().hex}"
    server = {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL,
              "KEY_PREFIX": prefix}
    settings.CACHES = {**settings.CACHES, "server_a": dict(server), "server_b": dict(server)}
    yield settings
    caches["server_a"].delete_pattern("*")
    for alias in ("server_a", "server_b"):
        caches[alias].close()


def test_two_servers_sharing_one_redis_see_each_others_edits(client, two_servers, summit):
    talk = TalkFactory(forum__summit=summit, title="First title")
    two_servers.PAGE_CACHE_ALIAS = "server_a"
    assert client.get(talk.get_absolute_url())["X-Cache"] == "miss"
    two_servers.PAGE_CACHE_ALIAS = "server_b"
    assert client.get(talk.get_absolute_url())["X-Cache"] == "hit"  # rendered by server A
    talk.title = "Edited on server B"
    talk.save()
    two_servers.PAGE_CACHE_ALIAS = "server_a"
    page = client.get(talk.get_absolute_url())
    assert page["X-Cache"] == "miss"
    assert "Edited on server B" in page.content.decode()


def test_the_state_is_read_over_one_connection_of_the_threads_own(two_servers, summit):
    import threading

    from summit.page_cache import version

    store = caches["server_a"]
    first = version.own_connection(store)["client"]
    assert version.own_connection(store)["client"] is first  # kept, not taken from a pool
    assert version.own_connection(caches["server_b"])["client"] is not first
    elsewhere = []
    thread = threading.Thread(target=lambda: elsewhere.append(
        version.own_connection(caches["server_a"])["client"]))
    thread.start()
    thread.join()
    assert elsewhere[0] is not first
    two_servers.PAGE_CACHE_ALIAS = "server_a"
    state = version.current_state()
    assert version.current_state().version == state.version
    version.new_version()
    assert version.current_state().version == state.version + 1


def test_the_state_reads_as_a_miss_with_redis_gone(settings, page_cache):
    # A server that is not there: the read answers a miss instead of failing the request.
    settings.CACHES = {**settings.CACHES, "gone": {
        "BACKEND": "django_redis.cache.RedisCache", "LOCATION": "redis://127.0.0.1:9/0",
        "KEY_PREFIX": "gone", "OPTIONS": {"IGNORE_EXCEPTIONS": True,
                                          "SOCKET_CONNECT_TIMEOUT": 0.2}}}
    from summit.page_cache import version

    assert caches["gone"].get_many(["a"], **version.own_connection(caches["gone"])) == {}
    from summit.page_cache.watch import watched_values

    assert watched_values(caches["gone"], ["a"]) is None  # the ordinary read answers


@pytest.fixture
def watched(two_servers, monkeypatch):
    """Server A's state read through this thread's watch, with its Redis reads counted."""
    from summit.page_cache import version

    two_servers.PAGE_CACHE_ALIAS = "server_a"
    store = caches["server_a"]
    reads = Mock(wraps=store.client.get_many)
    monkeypatch.setattr(store.client, "get_many", reads)
    raw = redis.Redis.from_url(REDIS_URL)
    yield version, reads, raw, store.client.make_key(version.VERSION_KEY)
    raw.close()


def settle():
    time.sleep(0.05)  # Redis's message crosses the loopback


def test_the_state_is_kept_until_redis_says_a_key_changed(watched):
    version, reads, raw, version_key = watched
    first = version.current_state()
    settle()  # the clock just written by the first read sends its own message
    version.current_state()
    kept_reads = reads.call_count
    for _ in range(5):
        assert version.current_state().version == first.version
    assert reads.call_count == kept_reads  # no round trip while nothing changed
    raw.incr(version_key)  # an edit on another server
    settle()
    assert version.current_state().version == first.version + 1
    assert reads.call_count == kept_reads + 1


def test_a_lost_listener_drops_what_was_kept(watched):
    version, reads, raw, version_key = watched
    first = version.current_state()
    settle()
    for client in raw.client_list(_type="pubsub"):
        if client["name"].startswith("summit-state-watch-"):
            raw.client_kill_filter(_id=client["id"])
    raw.incr(version_key)
    assert version.current_state().version == first.version + 1  # read from Redis
    settle()
    assert version.current_state().version == first.version + 1  # a new watch


def test_a_kept_state_is_read_again_after_its_maximum_age(watched, monkeypatch):
    from summit.page_cache import watch

    version, reads, raw, version_key = watched
    version.current_state()
    settle()
    monkeypatch.setattr(watch, "MAX_AGE", 0.0)
    before = reads.call_count
    version.current_state()
    version.current_state()
    assert reads.call_count == before + 2


def test_a_revalidation_after_an_edit_elsewhere_gets_the_new_page(client, watched, summit):
    version, reads, raw, version_key = watched
    talk = TalkFactory(forum__summit=summit, title="First title")
    first = client.get(talk.get_absolute_url())
    etag = first["ETag"]
    settle()
    assert client.get(talk.get_absolute_url(), HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(talk.get_absolute_url(), HTTP_IF_NONE_MATCH=etag).status_code == 304
    raw.incr(version_key)  # what a save on another server does
    settle()
    again = client.get(talk.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200 and again["ETag"] != etag


def test_with_redis_gone_no_watch_is_tried_on_every_request(settings, monkeypatch):
    from summit.page_cache import watch

    settings.CACHES = {**settings.CACHES, "gone": {
        "BACKEND": "django_redis.cache.RedisCache", "LOCATION": "redis://127.0.0.1:9/0",
        "KEY_PREFIX": "gone", "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.2}}}
    attempts = Mock(wraps=watch.StateWatch)
    monkeypatch.setattr(watch, "StateWatch", attempts)
    for _ in range(3):
        assert watch.watched_values(caches["gone"], ["a"]) is None
    assert attempts.call_count == 1
