"""One address per language, seen in Chromium: the switch, hreflang and the English offer."""

from .conftest import DESKTOP, PHONE

ENGLISH_TITLE = "Protein structure prediction with deep learning"


def test_switch_to_english_on_a_talk_page_and_back(open_page, site):
    talk = site.talks[0]
    talk.title_en = ENGLISH_TITLE
    talk.save()
    page, watch = open_page(DESKTOP)
    page.goto(site.url + talk.get_absolute_url())
    chinese_title = page.locator("h1").inner_text()

    page.get_by_role("link", name="English", exact=True).click()
    page.wait_for_url(f"{site.url}/en/talks/{talk.slug}/")
    english = (page.locator("html").get_attribute("lang"), page.locator("h1").inner_text())

    page.get_by_role("link", name="中文", exact=True).click()
    page.wait_for_url(f"{site.url}/talks/{talk.slug}/")
    chinese = (page.locator("html").get_attribute("lang"), page.locator("h1").inner_text())

    assert english == ("en", ENGLISH_TITLE)
    assert chinese == ("zh-hans", chinese_title)
    assert chinese_title == talk.title_zh_hans
    assert watch.errors == []


def test_hreflang_links_resolve(open_page, site):
    page, watch = open_page(PHONE)
    alternates = {}
    for path in ("/", site.talks[0].get_absolute_url(), "/en/speakers/", "/en/news/"):
        page.goto(site.url + path)
        links = page.locator('link[rel="alternate"][hreflang]')
        for index in range(links.count()):
            link = links.nth(index)
            alternates[(path, link.get_attribute("hreflang"))] = link.get_attribute("href")
    statuses = {key: page.goto(url).status for key, url in alternates.items()}
    assert len(alternates) == 12
    assert statuses == dict.fromkeys(alternates, 200)
    assert alternates[("/en/speakers/", "zh-Hans")] == f"{site.url}/speakers/"
    assert watch.bad_responses == []


def test_root_offers_english_to_an_english_browser_without_redirecting(browser, site):
    context = browser.new_context(viewport=PHONE, locale="en-US")
    try:
        page = context.new_page()
        response = page.goto(site.url + "/")
        offer = page.locator(".language-offer")
        offer.wait_for()
        shown = (response.status, page.url, offer.locator("a").get_attribute("href"))
        page.goto(site.url + "/schedule/")  # once per browser
        again = page.locator(".language-offer").count()
    finally:
        context.close()
    assert shown == (200, site.url + "/", "/en/")
    assert again == 0


def test_root_offers_nothing_to_a_chinese_browser(open_page, site):
    page, watch = open_page(DESKTOP)  # zh-CN
    page.goto(site.url + "/")
    page.wait_for_load_state("load")
    assert page.locator(".language-offer").count() == 0
    assert watch.errors == []
