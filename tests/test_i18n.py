"""The Simplified Chinese catalogue, the language a visitor gets, and the switcher."""

import gettext
import re
from datetime import date

import polib
import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from events.models import Talk, TalkSpeaker
from tests.factories import ForumFactory, TalkFactory, shanghai

CATALOGUE = settings.BASE_DIR / "locale" / "zh_Hans" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w+\}")
DAY_ONE = date(2022, 8, 8)


def entries():
    """The catalogue's live entries (obsolete ``#~`` ones are left to makemessages)."""
    return [e for e in polib.pofile(str(CATALOGUE / "django.po")) if not e.obsolete]


def translations(entry):
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


# The catalogue


def test_catalogue_has_no_untranslated_or_fuzzy_entry():
    po_entries = entries()
    untranslated = [e.msgid for e in po_entries if not all(translations(e))]
    fuzzy = [e.msgid for e in po_entries if "fuzzy" in e.flags]
    assert len(po_entries) > 250
    assert untranslated == []
    assert fuzzy == []


def test_catalogue_keeps_every_placeholder():
    changed = [
        e.msgid for e in entries()
        for msgstr in translations(e)
        if sorted(PLACEHOLDER.findall(msgstr)) != sorted(PLACEHOLDER.findall(e.msgid))
    ]
    assert changed == []


def test_catalogue_has_one_plural_form():
    po = polib.pofile(str(CATALOGUE / "django.po"))
    assert po.metadata["Plural-Forms"] == "nplurals=1; plural=0;"
    assert [e.msgid for e in entries() if e.msgid_plural and len(e.msgstr_plural) != 1] == []


def test_compiled_catalogue_matches_the_po_file():
    """Fails when django.po was edited without running compilemessages."""
    with open(CATALOGUE / "django.mo", "rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    stale = []
    for e in entries():
        if e.msgid_plural:
            got = compiled.ngettext(e.msgid, e.msgid_plural, 1)
            want = e.msgstr_plural[0]
        else:
            got, want = compiled.gettext(e.msgid), e.msgstr
        if got != want:
            stale.append(e.msgid)
    assert stale == []


def test_role_label_shares_the_plural_speaker_entry():
    """"Speaker" is both a role label and the singular of a plural heading: one entry."""
    with translation.override("zh-hans"):
        assert str(TalkSpeaker.Role.SPEAKER.label) == "嘉宾"
        assert str(TalkSpeaker.Role.MODERATOR.label) == "主持人"


# The language a visitor gets: from the address alone


NAV = (
    '<a href="/" aria-current="page">{home}</a>\n'
    '      <a href="/schedule/">{schedule}</a>'
)


@pytest.mark.django_db
def test_home_is_chinese_at_the_root_whatever_the_browser_prefers(client, summit):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # an old cookie is ignored
    response = client.get(reverse("events:home"), HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert '<html lang="zh-hans">' in html
    assert NAV.format(home="首页", schedule="日程") in html
    assert ">Schedule<" not in html
    assert response["Content-Language"] == "zh-hans"
    assert "Accept-Language" not in response.get("Vary", "")


@pytest.mark.django_db
def test_home_is_english_under_en_whatever_the_browser_prefers(client, summit):
    response = client.get("/en/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert (
        '<a href="/en/" aria-current="page">Home</a>\n'
        '      <a href="/en/schedule/">Schedule</a>'
    ) in html
    assert ">日程<" not in html
    assert response["Content-Language"] == "en"


@pytest.fixture
def keynote_and_break(summit):
    forum = ForumFactory(summit=summit)
    TalkFactory(forum=forum, kind=Talk.Kind.KEYNOTE,
                start=shanghai(DAY_ONE, 9), end=shanghai(DAY_ONE, 9, 30))
    TalkFactory(forum=forum, kind=Talk.Kind.BREAK,
                start=shanghai(DAY_ONE, 10), end=shanghai(DAY_ONE, 10, 20))


@pytest.mark.django_db
def test_schedule_is_chinese_at_the_root(client, keynote_and_break):
    html = client.get(reverse("events:schedule")).content.decode()
    assert '<html lang="zh-hans">' in html
    assert '<a href="/schedule/" aria-current="page">日程</a>' in html
    assert '<span class="label label--keynote">主旨报告</span>' in html
    assert "label--break" not in html  # a break's title says it all: no kind label
    assert '<span class="label label--sub">分论坛</span>' in html


@pytest.mark.django_db
def test_schedule_is_english_under_en(client, keynote_and_break):
    html = client.get("/en/schedule/").content.decode()
    assert '<html lang="en">' in html
    assert '<a href="/en/schedule/" aria-current="page">Schedule</a>' in html
    assert '<span class="label label--keynote">Keynote</span>' in html
    assert "label--break" not in html


@pytest.mark.django_db
def test_staff_tools_follow_the_browser_and_say_so(client, summit):
    response = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="en"' in response.content.decode()
    assert "Accept-Language" in response["Vary"]
    response = client.get("/admin/login/")
    assert '<html lang="zh-hans"' in response.content.decode()


# The switcher


def switcher(html):
    return re.search(r'<nav class="lang-switch".*?</nav>', html, re.S).group(0)


@pytest.mark.django_db
def test_switcher_links_to_the_same_page_in_english(client, keynote_and_break):
    html = client.get(reverse("events:schedule"), {"day": "2022-08-08"}).content.decode()
    assert switcher(html) == (
        '<nav class="lang-switch" aria-label="语言">\n'
        '  <span class="lang-switch__current" lang="zh-Hans" aria-current="true">中文</span>'
        '<a class="lang-switch__option" href="/en/schedule/?day=2022-08-08" hreflang="en" '
        'lang="en">English</a>\n</nav>'
    )


@pytest.mark.django_db
def test_switcher_offers_chinese_on_english_pages(client, summit):
    html = client.get("/en/speakers/").content.decode()
    assert re.findall(r'<(span|a) class="lang-switch__(\w+)"[^>]*>([^<]*)<', switcher(html)) == [
        ("a", "option", "中文"), ("span", "current", "English"),
    ]
    assert '<a class="lang-switch__option" href="/speakers/" hreflang="zh-Hans"' in html


@pytest.mark.django_db
def test_pages_name_their_alternates_and_canonical(client, keynote_and_break):
    talk = Talk.objects.first()
    for path in (talk.get_absolute_url(), "/en" + talk.get_absolute_url()):
        html = client.get(path).content.decode()
        assert f'<link rel="canonical" href="http://testserver{path}">' in html
        assert re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html) == [
            ("zh-Hans", f"http://testserver/talks/{talk.slug}/"),
            ("en", f"http://testserver/en/talks/{talk.slug}/"),
            ("x-default", f"http://testserver/talks/{talk.slug}/"),
        ]


@pytest.mark.django_db
def test_old_language_form_redirects_to_the_page_in_that_language_without_a_cookie(summit):
    client = Client(enforce_csrf_checks=True)  # the old switcher carried no token
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/schedule/"})
    assert (response.status_code, response["Location"]) == (302, "/en/schedule/")
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies

    response = client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/en/schedule/"})
    assert (response.status_code, response["Location"]) == (302, "/schedule/")
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


@pytest.mark.django_db
def test_public_page_sets_no_csrf_cookie_and_stays_cacheable(client, summit):
    for path in ("/", "/en/"):
        response = client.get(path)
        assert settings.CSRF_COOKIE_NAME not in response.cookies
        assert "Cookie" not in response.get("Vary", "")
        assert "Accept-Language" not in response.get("Vary", "")


@pytest.mark.django_db
def test_set_language_refuses_a_foreign_next(client, summit):
    response = client.post(
        "/i18n/setlang/", {"language": "en", "next": "https://evil.example/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/"
