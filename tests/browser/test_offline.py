"""The service worker: the schedule, the agenda and opened talk pages read offline."""

from playwright.sync_api import expect

from .conftest import DESKTOP, PHONE

CONTROLLED = "navigator.serviceWorker.controller !== null"


def first_visit(page, site, path):
    page.goto(site.url + path)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")


def test_schedule_agenda_and_opened_talk_open_offline(open_page, site):
    page, watch = open_page(PHONE)
    talk = site.talks[5]
    first_visit(page, site, talk.get_absolute_url())  # one visit, and it is the talk's
    page.locator("[data-talk] button.star").click()
    # The worker keeps what the first page loaded; give it a moment to save.
    wanted = [f"/agenda/?talks={talk.slug}", talk.get_absolute_url(), "/schedule/"]
    page.wait_for_function("""wanted => caches.open('summit-pages-1').then(cache => cache.keys())
        .then(keys => keys.map(key => new URL(key.url)))
        .then(urls => urls.map(url => url.pathname + url.search))
        .then(kept => wanted.every(path => kept.includes(path)))""", arg=wanted)
    page.context.set_offline(True)

    page.goto(f"{site.url}/schedule/")
    expect(page.locator("h1")).to_have_text("日程")
    assert page.locator(".talk__title").count() == len(site.talks)
    assert page.evaluate("getComputedStyle(document.body).fontSize") == "16px"  # styled
    expect(page.locator("[data-offline-note]")).to_be_visible()

    page.goto(f"{site.url}/agenda/")
    page.wait_for_url(f"{site.url}/agenda/?talks={talk.slug}")
    expect(page.locator(".talk__title")).to_have_text([talk.title])

    page.goto(site.url + talk.get_absolute_url())
    expect(page.locator("h1")).to_have_text(talk.title)

    page.goto(f"{site.url}/speakers/")  # never opened: the plain offline page
    expect(page.locator("h1")).to_have_text("您已离线")
    assert watch.errors == []


def test_online_visit_replaces_the_saved_copy(open_page, site):
    page, _ = open_page(DESKTOP)
    first_visit(page, site, "/schedule/")
    page.reload()
    page.wait_for_function(CONTROLLED)
    site.talks[0].title = "A title changed after the first visit"
    site.talks[0].save()
    page.goto(f"{site.url}/schedule/")  # online: fresh from the server, and saved again
    assert page.locator("[data-offline-note]").is_hidden()
    page.context.set_offline(True)
    page.goto(f"{site.url}/schedule/")
    expect(page.locator(".talk__title").first).to_have_text(
        "A title changed after the first visit")
    expect(page.locator("[data-offline-note]")).to_be_visible()


def test_admin_and_forms_are_never_kept(open_page, site):
    page, _ = open_page(DESKTOP)
    first_visit(page, site, "/schedule/")
    page.reload()
    page.wait_for_function(CONTROLLED)
    page.goto(f"{site.url}/admin/login/")
    kept = page.evaluate("""caches.open('summit-pages-1').then(cache => cache.keys())
        .then(keys => keys.map(request => new URL(request.url).pathname))""")
    assert sorted(set(kept)) == ["/agenda/", "/offline/", "/schedule/"]
    page.context.set_offline(True)
    page.goto(f"{site.url}/admin/login/")
    expect(page.locator("h1")).to_have_text("您已离线")
