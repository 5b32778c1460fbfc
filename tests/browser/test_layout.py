import pytest

from .conftest import DESKTOP, PHONE

NARROW = {"width": 360, "height": 740}


def forum_columns(page, site):
    page.goto(f"{site.url}/schedule/")
    columns = page.locator(".day__forums--parallel .forum-column")
    assert columns.count() == 2
    return [columns.nth(index).bounding_box() for index in range(2)]


def test_schedule_parallel_forums_side_by_side_on_desktop(open_page, site):
    page, _ = open_page(DESKTOP)
    first, second = forum_columns(page, site)
    assert first["y"] == second["y"]
    assert second["x"] >= first["x"] + first["width"]
    assert first["width"] >= 300


def test_schedule_parallel_forums_stacked_on_phone(open_page, site):
    page, _ = open_page(PHONE)
    first, second = forum_columns(page, site)
    assert second["y"] >= first["y"] + first["height"]
    assert second["x"] == first["x"]


def test_public_pages_fit_360px_without_horizontal_scroll(open_page, site):
    page, _ = open_page(NARROW)
    widths = {}
    for path in site.public_paths():
        page.goto(site.url + path)
        widths[path] = page.evaluate("document.documentElement.scrollWidth")
    assert {path: width for path, width in widths.items() if width > NARROW["width"]} == {}


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_body_text_is_16px_and_links_primary_blue(open_page, site, viewport):
    page, _ = open_page(viewport)
    page.goto(f"{site.url}/schedule/")
    style = page.evaluate("""() => {
        const css = (selector, property) =>
            getComputedStyle(document.querySelector(selector)).getPropertyValue(property);
        return {
            body: css("body", "font-size"),
            lineHeight: css("body", "line-height"),
            forumLink: css(".forum-column__title a", "color"),
            speakerLink: css(".talk__speakers a", "color"),
            headerRule: css(".site-header", "border-top-color"),
        };
    }""")
    assert style == {
        "body": "16px",
        "lineHeight": "25.6px",
        "forumLink": "rgb(2, 30, 170)",
        "speakerLink": "rgb(2, 30, 170)",
        "headerRule": "rgb(2, 30, 170)",
    }


def test_keynote_content_lines_up_with_other_talks(open_page, site):
    page, _ = open_page(DESKTOP)
    page.goto(f"{site.url}/forums/main/")
    lefts = page.evaluate("""() => [...document.querySelectorAll('.talk__title')]
        .map(title => title.getBoundingClientRect().left)""")
    assert len(set(lefts)) == 1, lefts  # the first talk is a keynote


def test_phone_footer_keeps_its_vertical_padding(open_page, site):
    page, _ = open_page(PHONE)
    page.goto(f"{site.url}/speakers/")
    padding = page.evaluate("""() => {
        const style = getComputedStyle(document.querySelector('.site-footer__inner'));
        return [style.paddingTop, style.paddingBottom, style.paddingLeft];
    }""")
    assert padding == ["32px", "32px", "16px"]
