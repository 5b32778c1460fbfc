"""The admin works under the site's Content-Security-Policy."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from .conftest import DESKTOP


@pytest.fixture
def admin_page(open_page, site):
    User.objects.create_superuser("boss", password="right-horse-battery")
    page, watch = open_page(DESKTOP)
    page.goto(site.url + reverse("admin:login"))
    page.fill("#id_username", "boss")
    page.fill("#id_password", "right-horse-battery")
    page.click("input[type=submit]")
    page.wait_for_url(site.url + reverse("admin:index"))
    return page, watch


def test_admin_pages_run_under_the_csp_without_violations(admin_page, site):
    page, watch = admin_page
    talk = site.talks[0]
    paths = [
        reverse("admin:index"),
        reverse("admin:events_talk_changelist"),
        reverse("admin:events_talk_change", args=[talk.pk]),
        reverse("admin:events_speaker_changelist"),
        reverse("admin:events_forum_change", args=[site.forums[0].pk]),
        reverse("admin:articles_article_change", args=[site.article.pk]),
        reverse("admin:articles_article_coverage"),
    ]
    headers = {path: page.goto(site.url + path).header_value("content-security-policy")
               for path in paths}
    directives = {path: [d.strip() for d in csp.split(";")] for path, csp in headers.items()}
    assert {"missing csp": [p for p, csp in directives.items() if "script-src 'self'" not in csp],
            "responses >= 400": watch.bad_responses, "script errors": watch.errors} == {
        "missing csp": [], "responses >= 400": [], "script errors": []}


def test_markdown_preview_and_autocomplete_work_under_the_csp(admin_page, site):
    page, watch = admin_page
    page.goto(site.url + reverse("admin:articles_article_add"))
    page.fill("#id_body_zh_hans", "Hello **bold** world\n\n<img src=x onerror=alert(1)>")
    page.wait_for_selector(".markdownx-preview strong")
    preview = page.inner_html(".markdownx-preview")
    page.click("#id_talks + .select2")  # the admin's autocomplete widget
    page.wait_for_selector(".select2-results__option >> text=" + site.talks[0].title[:10])
    assert ("<strong>bold</strong>" in preview, "onerror" in preview, watch.errors) == (
        True, False, [])
