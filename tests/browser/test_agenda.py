from datetime import timedelta

import pytest

from events.models import Talk
from tests.factories import TalkFactory, shanghai

from .conftest import DESKTOP, PHONE


@pytest.fixture
def half_past_ten(site):
    """A 10:30 Shanghai talk in August: 04:30 in Berlin (CEST)."""
    forum = site.forums[0]
    start = shanghai(forum.date, 10, 30)
    return TalkFactory(forum=forum, slug="half-past-ten", title="Half past ten",
                       start=start, end=start + timedelta(minutes=20))


def star_of(page, slug):
    return page.locator(f'[data-talk="{slug}"] button.star')


def test_star_persists_and_fills_the_agenda(open_page, site):
    page, watch = open_page(DESKTOP)
    slug = site.talks[1].slug
    page.goto(f"{site.url}/schedule/")
    star = star_of(page, slug)
    assert star.get_attribute("aria-pressed") == "false"
    assert star.get_attribute("aria-label") == "加入我的日程"

    star.click()
    assert star.get_attribute("aria-pressed") == "true"
    assert star.get_attribute("aria-label") == "从我的日程中移除"
    page.reload()
    assert star_of(page, slug).get_attribute("aria-pressed") == "true"

    page.goto(f"{site.url}/agenda/")
    page.wait_for_url(f"{site.url}/agenda/?talks={slug}")
    titles = page.locator(".talk__title").all_inner_texts()
    assert titles == [site.talks[1].title]
    assert star_of(page, slug).get_attribute("aria-pressed") == "true"
    assert watch.errors == []


def test_clear_empties_the_agenda(open_page, site):
    page, watch = open_page(PHONE)
    page.goto(site.url + site.talks[0].get_absolute_url())
    page.locator('[data-talk] button.star').click()
    page.goto(f"{site.url}/agenda/")
    page.wait_for_url(f"{site.url}/agenda/?talks={site.talks[0].slug}")

    page.get_by_role("button", name="清空我的日程").click()
    page.wait_for_url(f"{site.url}/agenda/")
    assert page.locator(".talk").count() == 0
    assert page.locator("h2").first.inner_text() == "您的日程还是空的"
    assert watch.errors == []


def test_breaks_get_no_star(open_page, site):
    TalkFactory(forum=site.forums[0], slug="tea", kind=Talk.Kind.BREAK,
                start=shanghai(site.forums[0].date, 16), end=shanghai(site.forums[0].date, 16, 30))
    page, watch = open_page(DESKTOP)
    page.goto(f"{site.url}/schedule/")
    assert page.locator(".talk--break .star").count() == 0
    assert page.locator(".talk .star").count() == len(site.talks)
    assert watch.errors == []


def test_local_time_shown_for_another_zone(open_page, site, half_past_ten):
    page, watch = open_page(DESKTOP, timezone_id="Europe/Berlin")
    page.goto(site.url + half_past_ten.get_absolute_url())
    assert page.locator(".page-head__when .local-time").inner_text() == \
        "您的当地时间：04:30–04:50 (Europe/Berlin)"
    page.goto(f"{site.url}/schedule/")
    card = page.locator('.talk:has([data-talk="half-past-ten"]) .local-time')
    assert card.inner_text() == "您的当地时间：04:30–04:50 (Europe/Berlin)"
    assert watch.errors == []


def test_local_time_names_the_day_when_it_differs(open_page, site, half_past_ten):
    page, _ = open_page(DESKTOP, timezone_id="America/Los_Angeles")
    page.goto(site.url + half_past_ten.get_absolute_url())
    assert page.locator(".local-time").inner_text() == \
        "您的当地时间：8月7日 19:30–19:50 (America/Los_Angeles)"


def test_no_local_time_in_the_summit_zone(open_page, site, half_past_ten):
    page, watch = open_page(DESKTOP, timezone_id="Asia/Shanghai")
    page.goto(f"{site.url}/schedule/")
    assert page.locator(".star").count() == len(site.talks) + 1  # the script did run
    assert page.locator(".local-time").count() == 0
    assert watch.errors == []


def test_agenda_page_without_javascript(open_page, site):
    page, _ = open_page(DESKTOP, java_script_enabled=False)
    page.goto(f"{site.url}/schedule/")
    assert page.locator(".star").count() == 0
    page.goto(f"{site.url}/agenda/?talks={site.talks[0].slug},{site.talks[5].slug}")
    assert page.locator(".talk__title").all_inner_texts() == [
        site.talks[0].title, site.talks[5].title,
    ]
    assert page.locator("[data-agenda-clear]").is_hidden()
