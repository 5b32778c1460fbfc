"""The printed programme: no navigation or buttons, a page per day, forums whole."""

import re

from tests.factories import StreamFactory

from .conftest import DESKTOP

HIDDEN = ".site-nav, .lang-switch, .filters, .add-to-calendar, .talk .star, .skip-link"


def pdf_pages(page):
    return len(re.findall(rb"/Type\s*/Page[^s]", page.pdf(format="A4")))


def test_printed_schedule(open_page, site):
    StreamFactory(summit=site.summit, forum=site.forums[1], channel_name="深度势能",
                  url="https://live.bilibili.com/33333")
    page, _ = open_page(DESKTOP)
    page.goto(f"{site.url}/schedule/")
    page.emulate_media(media="print")
    shown = page.evaluate("""selector => [...document.querySelectorAll(selector)]
        .filter(element => element.getClientRects().length).length""", HIDDEN)
    assert shown == 0
    days = page.evaluate("""() => [...document.querySelectorAll('.day')]
        .map(day => getComputedStyle(day).breakBefore)""")
    assert days == ["auto", "page"]
    # The parallel forums: no scroll box, one after the other, every talk in view.
    box = page.locator(".day__forums--parallel")
    assert box.evaluate("b => [getComputedStyle(b).overflowY, b.scrollHeight - b.clientHeight]") \
        == ["visible", 0]
    first, second = (page.locator(".day__forums--parallel .forum-column").nth(index)
                     .bounding_box() for index in range(2))
    assert second["y"] >= first["y"] + first["height"]
    # Times keep their zone; the stream address prints as text.
    assert page.locator(".talk .tz").first.inner_text() == "(Asia/Shanghai, UTC+8)"
    assert page.locator(".print-streams").first.inner_text() == \
        "哔哩哔哩（B站） · 深度势能: https://live.bilibili.com/33333"
    assert pdf_pages(page) >= 3  # day one, then day two starting on a new page


def test_printed_day_and_agenda(open_page, site):
    page, _ = open_page(DESKTOP)
    page.emulate_media(media="print")
    page.goto(f"{site.url}/schedule/?day=2022-08-08")
    assert pdf_pages(page) >= 1
    assert page.locator(".site-nav").is_hidden()
    slugs = ",".join(talk.slug for talk in (site.talks[0], site.talks[5]))
    page.goto(f"{site.url}/agenda/?talks={slugs}")
    assert page.evaluate("""() => [...document.querySelectorAll('.agenda-day')]
        .map(day => getComputedStyle(day).breakBefore)""") == ["auto", "page"]
    assert page.locator(".site-nav").is_hidden()
    assert page.locator(".agenda-actions").is_hidden()
    assert pdf_pages(page) == 2
