"""The garbage collector is paused while a request is handled (summit/startup.py)."""

import gc
import threading

import pytest

from summit.startup import CollectorPausedPerRequest, collector_paused


@pytest.fixture(autouse=True)
def collector_on():
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_a_request_runs_with_the_collector_paused_and_resumes_it_after():
    seen = []

    def application(environ, start_response):
        seen.append(gc.isenabled())
        start_response("200 OK", [])
        return [b"ok"]

    body = CollectorPausedPerRequest(application)({}, lambda status, headers: None)
    assert body == [b"ok"] and seen == [False]
    assert gc.isenabled()


def test_an_error_in_the_request_resumes_the_collector():
    def application(environ, start_response):
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        CollectorPausedPerRequest(application)({}, lambda status, headers: None)
    assert gc.isenabled()


def test_overlapping_requests_share_the_pause():
    inside, release = threading.Event(), threading.Event()

    def slow():
        with collector_paused():
            inside.set()
            release.wait(5)

    thread = threading.Thread(target=slow)
    thread.start()
    inside.wait(5)
    with collector_paused():
        pass
    assert not gc.isenabled()  # the other request is still in flight
    release.set()
    thread.join(5)
    assert gc.isenabled()


def test_a_collector_turned_off_before_stays_off():
    gc.disable()
    with collector_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()
