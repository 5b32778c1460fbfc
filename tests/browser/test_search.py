"""The header's search box on a real page: Chinese and English words find the same talks."""

import pytest
from playwright.sync_api import expect

from .conftest import DESKTOP, PHONE, SUBJECTS
from .test_accessibility import serious

ENGLISH = {  # the subjects that speak of 材料 say "materials" in English
    SUBJECTS[1]: "Machine-learning potentials for first-principles computing in catalytic "
                 "materials",
    SUBJECTS[2]: "Scientific foundation models and automated labs: closed-loop materials research",
}


@pytest.fixture
def translated(site):
    site.forums[1].title_en = "Sub-forum one: AI-driven materials science and synthesis"
    site.forums[1].save()
    for talk in site.talks:
        subject = talk.title_zh_hans.rsplit("（", 1)[0]
        talk.title_en = ENGLISH.get(subject, f"Talk {talk.slug}")
        talk.save()
    return site


def search_from_header(page, words):
    page.locator("#site-search-q").fill(words)
    page.locator("#site-search-q").press("Enter")
    page.wait_for_url("**/search/?q=*")
    links = page.locator("#search-talks ~ ol .search-result__title a")
    return sorted(links.evaluate_all("links => links.map(link => link.pathname)"))


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_header_search_finds_the_same_talks_in_both_languages(open_page, translated, viewport):
    page, watch = open_page(viewport)
    page.goto(translated.url + "/")
    expect(page.get_by_role("searchbox", name="搜索报告、嘉宾和新闻")).to_be_visible()
    chinese = search_from_header(page, "材料")
    expect(page.locator("#search-talks ~ ol mark").first).to_have_text("材料")
    english = search_from_header(page, "materials")
    # The materials forum's four talks, and the two other forums' talks on materials.
    expected = sorted(f"/talks/{forum.slug}-{index}/"
                      for forum in translated.forums for index in range(4)
                      if forum.slug == "materials" or index in (1, 2))
    assert chinese == english == expected
    assert serious(page) == []  # axe on a results page (test_accessibility opens the empty one)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"]
    assert watch.errors == []


def test_search_page_works_in_english_without_script(open_page, translated):
    page, _ = open_page(DESKTOP, java_script_enabled=False)
    page.goto(translated.url + "/en/schedule/")
    assert search_from_header(page, "materials") == sorted(
        f"/en/talks/{forum.slug}-{index}/" for forum in translated.forums for index in range(4)
        if forum.slug == "materials" or index in (1, 2))
    expect(page.locator("#search-talks ~ ol mark").first).to_have_text("materials")
