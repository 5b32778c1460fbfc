"""A replay's player loads only after the click; nothing reaches the platform before."""

import pytest
import time_machine
from playwright.sync_api import expect

from tests.factories import shanghai

from .conftest import DAY_ONE, DESKTOP, PHONE

AFTER = shanghai(DAY_ONE, 12)
BVID = "BV1GJ411x7h7"


def player_stub(route):
    route.fulfill(status=200, content_type="text/html",
                  body="<!doctype html><title>player</title><p>player</p>")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_bilibili_player_loads_only_after_the_click(open_page, site, viewport):
    talk = site.talks[0]
    talk.replay_url = f"https://www.bilibili.com/video/{BVID}"
    talk.save()
    page, watch = open_page(viewport)
    platform = []
    page.context.route("**/*bilibili.com/**", lambda route: (
        platform.append(route.request.url), player_stub(route)))
    with time_machine.travel(AFTER, tick=False):
        page.goto(site.url + talk.get_absolute_url())
    button = page.get_by_role("button", name="播放回放（Bilibili）")
    expect(button).to_be_visible()
    assert page.get_by_role("link", name="在哔哩哔哩观看回放").get_attribute("href") == \
        talk.replay_url
    page.wait_for_timeout(300)
    assert (platform, page.locator("iframe").count()) == ([], 0)

    button.click()
    frame = page.locator("iframe.replay__player")
    expect(frame).to_be_visible()
    assert frame.get_attribute("src") == \
        f"https://player.bilibili.com/player.html?bvid={BVID}&autoplay=0"
    page.wait_for_function("document.querySelector('iframe').contentDocument === null")
    assert platform == [f"https://player.bilibili.com/player.html?bvid={BVID}&autoplay=0"]
    assert watch.errors == []


def test_video_file_becomes_a_video_after_the_click(open_page, site):
    talk = site.talks[1]
    talk.replay_url = "https://media.example.org/keynote.mp4"
    talk.save()
    page, watch = open_page(DESKTOP)
    outside = []
    page.context.route("https://media.example.org/**", lambda route: (
        outside.append(route.request.url), route.abort()))
    with time_machine.travel(AFTER, tick=False):
        page.goto(site.url + talk.get_absolute_url())
    assert page.locator("video").count() == 0
    page.wait_for_timeout(300)
    assert outside == []
    page.get_by_role("button", name="播放回放（media.example.org）").click()
    expect(page.locator("video.replay__player source")).to_have_attribute(
        "src", "https://media.example.org/keynote.mp4")


def test_unknown_address_is_the_link_alone(open_page, site):
    talk = site.talks[2]
    talk.replay_url = "https://example.org/replays/keynote"
    talk.save()
    page, _ = open_page(DESKTOP)
    with time_machine.travel(AFTER, tick=False):
        page.goto(site.url + talk.get_absolute_url())
    assert page.locator("[data-replay]").count() == 0
    assert page.get_by_role("link", name="观看回放").get_attribute("href") == talk.replay_url


def test_without_javascript_only_the_link_shows(open_page, site):
    talk = site.talks[0]
    talk.replay_url = f"https://www.bilibili.com/video/{BVID}"
    talk.save()
    page, _ = open_page(DESKTOP, java_script_enabled=False)
    with time_machine.travel(AFTER, tick=False):
        page.goto(site.url + talk.get_absolute_url())
    assert page.locator("[data-replay-load]").is_hidden()
    assert page.get_by_role("link", name="在哔哩哔哩观看回放").is_visible()
