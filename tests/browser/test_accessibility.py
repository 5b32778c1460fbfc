"""axe-core (vendored by axe-playwright-python) over every public page, in both languages
and at both widths, plus the live strip and a replay placeholder; and the polish it asked for.
"""

import pytest
import time_machine
from axe_playwright_python.sync_playwright import Axe
from django.urls import NoReverseMatch, reverse
from playwright.sync_api import expect

from tests.factories import StreamFactory

from .conftest import DESKTOP, PHONE

AXE = Axe()
LANGUAGES = ["zh-hans", "en"]
ZOOM_200 = {"width": 640, "height": 450}  # a 1280 px window at 200 %


def visit(page, site, path, language):
    """Open ``path`` (a Chinese address) in ``language``: English lives under /en/."""
    prefix = "/en" if language == "en" else ""
    return page.goto(site.url + prefix + path)


def search_path():
    try:
        return [reverse("search")]
    except NoReverseMatch:  # no search page yet: nothing to check
        return []


def every_page(site):
    talk = site.talks[0]
    return [
        "/", "/schedule/", site.forums[1].get_absolute_url(), talk.get_absolute_url(),
        "/speakers/", talk.speakers.first().get_absolute_url(),
        f"/agenda/?talks={talk.slug},{site.talks[5].slug}", *search_path(), "/news/",
        site.article.get_absolute_url(), "/schedule/changes/", "/no-such-page/",
    ]


def serious(page):
    violations = AXE.run(page).response["violations"]
    return [(violation["id"], violation["impact"], [node["target"] for node in violation["nodes"]])
            for violation in violations if violation["impact"] in {"serious", "critical"}]


@pytest.fixture
def replay_and_stream(site):
    StreamFactory(summit=site.summit, forum=site.forums[0], url="https://live.bilibili.com/2")
    talk = site.talks[3]
    talk.replay_url = "https://www.bilibili.com/video/BV1GJ411x7h7"
    talk.save()
    return talk


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_axe_finds_nothing_serious(open_page, site, replay_and_stream, language, viewport):
    page, watch = open_page(viewport)
    found = {}
    for path in every_page(site):
        visit(page, site, path, language)
        found[path] = serious(page)
    visit(page, site, replay_and_stream.get_absolute_url(), language)
    expect(page.locator("[data-replay-load]")).to_be_visible()
    found["talk (replay placeholder)"] = serious(page)
    # The live strip and the talk page while a talk is on air, on both clocks.
    live, _ = open_page(viewport)
    live.clock.install(time=site.talks[0].start)
    with time_machine.travel(site.talks[0].start, tick=True):
        visit(live, site, "/", language)
        expect(live.locator('[data-strip-group="live"]')).to_be_visible()
        found["/ (live strip)"] = serious(live)
        visit(live, site, site.talks[0].get_absolute_url(), language)
        expect(live.locator('section[data-phase="live"]')).to_be_visible()
        found["talk (live)"] = serious(live)
    assert {path: issues for path, issues in found.items() if issues} == {}
    assert watch.errors == [  # only the 404 page's own status
        "console: Failed to load resource: the server responded with a status of 404 (Not Found)"]


@pytest.mark.parametrize("viewport", [PHONE, ZOOM_200], ids=["390", "200%"])
def test_no_page_scrolls_sideways(open_page, site, replay_and_stream, viewport):
    page, _ = open_page(viewport)
    widths = {}
    for language in LANGUAGES:
        for path in [*every_page(site), "/offline/", replay_and_stream.get_absolute_url()]:
            visit(page, site, path, language)
            widths[language, path] = page.evaluate("document.documentElement.scrollWidth")
    assert {key: width for key, width in widths.items() if width > viewport["width"]} == {}


def test_language_switch_comes_after_the_navigation(open_page, site):
    page, _ = open_page(DESKTOP)
    visit(page, site, "/", "zh-hans")
    order = page.evaluate("""() => [...document.querySelectorAll(
        '.site-header a, .site-header button')].map(el => el.textContent.trim())""")
    assert order[-2:] == ["我的日程", "English"]
    nav = page.locator(".site-nav").bounding_box()
    switch = page.locator(".lang-switch").bounding_box()
    assert switch["x"] >= nav["x"] + nav["width"]  # and it still sits at the far right


def test_footer_links_to_my_agenda(open_page, site):
    page, _ = open_page(PHONE)
    visit(page, site, "/news/", "en")
    link = page.locator(".site-footer__nav").get_by_role("link", name="My agenda")
    assert link.get_attribute("href") == "/en/agenda/"


def test_one_speaker_card_has_no_gap_under_the_title(open_page, site):
    talk = site.talks[0]
    talk.title = "Short title"  # one line beside a taller time column
    talk.save()
    for link in talk.talk_speakers.all()[1:]:
        link.delete()
    page, _ = open_page(DESKTOP)
    visit(page, site, site.forums[0].get_absolute_url(), "zh-hans")
    gap = page.locator(".talk").first.evaluate("""card => {
        const title = card.querySelector('.talk__title').getBoundingClientRect();
        const speakers = card.querySelector('.talk__speakers').getBoundingClientRect();
        return Math.round(speakers.top - title.bottom);
    }""")
    margin = page.locator(".talk__title").first.evaluate(
        "title => parseFloat(getComputedStyle(title).marginBottom)")
    assert gap == round(margin)
