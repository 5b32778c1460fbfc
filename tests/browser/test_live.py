"""The live strip, the "live" marks and the talk page under a frozen browser clock.

The server renders each page at 08:00 on day one (nothing near: the strip is hidden), as a
cache would keep it; the browser's clock then decides, and moves on without a reload.
"""

from datetime import timedelta

import pytest
import time_machine
from playwright.sync_api import expect

from tests.factories import StreamFactory, shanghai

from .conftest import DAY_ONE, DESKTOP, PHONE

SERVER_TIME = shanghai(DAY_ONE, 8)


@pytest.fixture
def streams(site):
    return StreamFactory(summit=site.summit, forum=site.forums[0], channel_name="科学智能AISI",
                         url="https://live.bilibili.com/22222")


@pytest.fixture
def cached_server():
    """The server's clock stays at 08:00: every page is rendered as a cache would keep it."""
    with time_machine.travel(SERVER_TIME, tick=False):
        yield


def strip_titles(page, group):
    return page.locator(f'[data-strip-group="{group}"] .live-item__title').all_inner_texts()


def card_place(card):
    """The card's size and place within its day (the strip above may grow or shrink)."""
    return card.evaluate("""card => {
        const box = card.getBoundingClientRect();
        const day = card.closest('.day').getBoundingClientRect();
        return [box.x, box.y - day.y, box.width, box.height];
    }""")


def button_texts(area):
    return [" ".join(text.split()) for text in area.locator(".button").all_inner_texts()]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_strip_and_marks_follow_the_browser_clock(open_page, site, streams, cached_server,
                                                  viewport):
    first, second = site.talks[0], site.talks[1]  # main forum, 09:00–09:30 and 09:40–10:10
    page, watch = open_page(viewport)
    page.clock.install(time=first.start - timedelta(minutes=5, seconds=30))  # 08:54:30
    page.goto(f"{site.url}/schedule/")
    strip = page.locator("[data-live-strip]")
    expect(strip).to_be_visible()
    # Waits for the script's first pass over /live.json (slow on a loaded machine).
    expect(page.locator('[data-strip-group="next"] .live-item__title')).to_have_text(
        [first.title, second.title])
    assert page.locator('[data-strip-group="live"]').is_hidden()
    card = page.locator(".talk", has=page.locator(f'[data-talk="{first.slug}"]'))
    box = card_place(card)
    assert card.locator("[data-live-mark]").is_hidden()

    page.clock.run_for(60_000)  # 08:55:30: five minutes before, the talk joins
    expect(page.locator('[data-strip-group="live"] .live-item__title')).to_have_text(
        [first.title])
    assert strip_titles(page, "next") == [second.title]
    on_air = page.locator('[data-strip-group="live"]')
    assert button_texts(on_air) == ["哔哩哔哩（B站） 科学智能AISI"]
    assert card.locator("[data-live-mark]").is_visible()
    assert card_place(card) == box  # the mark moves nothing in its day

    page.clock.run_for(20 * 60_000)  # 09:15:30: during
    assert strip_titles(page, "live") == [first.title]

    page.clock.run_for(20 * 60_000)  # 09:35:30: the first ended, the second is about to start
    expect(page.locator('[data-strip-group="live"] .live-item__title')).to_have_text(
        [second.title])
    assert card.locator("[data-live-mark]").is_hidden()
    assert strip_titles(page, "next") == [site.talks[2].title]  # 10:20, within the hour
    assert watch.errors == []


def test_talk_page_counts_down_then_streams_then_no_replay(open_page, site, streams,
                                                           cached_server):
    talk = site.talks[0]
    page, watch = open_page(DESKTOP)
    page.clock.install(time=talk.start - timedelta(minutes=25))
    page.goto(site.url + talk.get_absolute_url())
    countdown = page.locator("[data-countdown]")
    expect(countdown).to_have_text("25 分钟后开始")
    watch_live = page.locator('section[data-phase="live"]')
    assert watch_live.is_hidden()

    page.clock.run_for(10 * 60_000)
    expect(countdown).to_have_text("15 分钟后开始")
    page.clock.run_for(12 * 60_000)  # 3 minutes before: the streams open
    expect(watch_live).to_be_visible()
    assert button_texts(watch_live) == ["哔哩哔哩（B站） 科学智能AISI"]
    page.clock.run_for(40 * 60_000)  # over
    expect(page.locator('.notice--ended[data-phase="after"]')).to_be_visible()
    assert (watch_live.is_hidden(), countdown.is_hidden()) == (True, True)
    assert watch.errors == []


def test_without_javascript_the_server_strip_is_right_on_load(open_page, site, streams):
    page, _ = open_page(DESKTOP, java_script_enabled=False)
    with time_machine.travel(site.talks[0].start + timedelta(minutes=10), tick=False):
        page.goto(f"{site.url}/")
    assert strip_titles(page, "live") == [site.talks[0].title]
    assert strip_titles(page, "next") == [site.talks[1].title]
