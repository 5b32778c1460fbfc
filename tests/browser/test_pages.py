from urllib.parse import urlsplit

import pytest

from .conftest import DESKTOP, PHONE


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_public_pages_self_hosted_and_error_free(open_page, site, viewport):
    page, watch = open_page(viewport)
    statuses = {path: page.goto(site.url + path).status for path in site.public_paths()}
    # data: URIs are inline, not network requests.
    hosts = {urlsplit(url).netloc for url in watch.requests if not url.startswith("data:")}
    assets = {f"{site.url}/static/css/site.css", f"{site.url}/static/img/favicon.svg"}
    assert {
        "statuses": statuses,
        "hosts": hosts,
        "responses >= 400": watch.bad_responses,
        "script errors": watch.errors,
        "assets seen": assets & set(watch.requests),
    } == {
        "statuses": dict.fromkeys(site.public_paths(), 200),
        "hosts": {site.host},
        "responses >= 400": [],
        "script errors": [],
        "assets seen": assets,
    }


def test_schedule_shows_every_talk_without_javascript(open_page, site):
    page, _ = open_page(DESKTOP, java_script_enabled=False)
    page.goto(f"{site.url}/schedule/")
    titles = page.locator(".talk__title")
    shown = sorted(titles.nth(index).inner_text() for index in range(titles.count())
                   if titles.nth(index).is_visible())
    assert shown == sorted(talk.title for talk in site.talks)
