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


# The language a visitor gets


NAV = (
    '<a href="/" aria-current="page">{home}</a>\n'
    '      <a href="/schedule/">{schedule}</a>'
)


@pytest.mark.django_db
def test_home_is_chinese_without_accept_language(client, summit):
    html = client.get(reverse("events:home")).content.decode()
    assert '<html lang="zh-hans">' in html
    assert NAV.format(home="首页", schedule="日程") in html
    assert ">Schedule<" not in html


@pytest.mark.django_db
def test_home_is_english_with_accept_language_en(client, summit):
    html = client.get(reverse("events:home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="en">' in html
    assert NAV.format(home="Home", schedule="Schedule") in html
    assert ">日程<" not in html


@pytest.fixture
def keynote_and_break(summit):
    forum = ForumFactory(summit=summit)
    TalkFactory(forum=forum, kind=Talk.Kind.KEYNOTE,
                start=shanghai(DAY_ONE, 9), end=shanghai(DAY_ONE, 9, 30))
    TalkFactory(forum=forum, kind=Talk.Kind.BREAK,
                start=shanghai(DAY_ONE, 10), end=shanghai(DAY_ONE, 10, 20))


@pytest.mark.django_db
def test_schedule_is_chinese_without_accept_language(client, keynote_and_break):
    html = client.get(reverse("events:schedule")).content.decode()
    assert '<html lang="zh-hans">' in html
    assert '<a href="/schedule/" aria-current="page">日程</a>' in html
    assert '<span class="label label--keynote">主旨报告</span>' in html
    assert "label--break" not in html  # a break's title says it all: no kind label
    assert '<span class="label label--sub">分论坛</span>' in html


@pytest.mark.django_db
def test_schedule_is_english_with_accept_language_en(client, keynote_and_break):
    html = client.get(reverse("events:schedule"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="en">' in html
    assert '<a href="/schedule/" aria-current="page">Schedule</a>' in html
    assert '<span class="label label--keynote">Keynote</span>' in html
    assert "label--break" not in html


# The switcher


@pytest.mark.django_db
def test_switcher_posts_to_set_language_with_the_current_path(
    client, keynote_and_break
):
    html = client.get(reverse("events:schedule"), {"day": "2022-08-08"}).content.decode()
    form = re.search(r'<form class="lang-switch".*?</form>', html, re.S).group(0)
    assert form.startswith(
        '<form class="lang-switch" action="/i18n/setlang/" method="post" aria-label="语言">'
        '<input type="hidden" name="next" value="/schedule/?day=2022-08-08">'
    )
    assert '<input type="hidden" name="next" value="/schedule/?day=2022-08-08">' in form
    assert re.findall(r"<(span|button)[^>]*>([^<]*)<", form) == [
        ("span", "中文"), ("button", "English"),
    ]
    assert ('<button class="lang-switch__option" type="submit" name="language" value="en" '
            'lang="en">English</button>') in form


@pytest.mark.django_db
def test_switcher_offers_chinese_on_english_pages(client, summit):
    html = client.get(reverse("events:home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    form = re.search(r'<form class="lang-switch".*?</form>', html, re.S).group(0)
    assert re.findall(r"<(span|button)[^>]*>([^<]*)<", form) == [
        ("button", "中文"), ("span", "English"),
    ]


@pytest.mark.django_db
def test_set_language_switches_to_english_then_back(summit):
    client = Client(enforce_csrf_checks=True)  # the switcher carries no token
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/schedule/"})
    assert response.status_code == 302
    assert response["Location"] == "/schedule/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    html = client.get(reverse("events:schedule")).content.decode()
    assert '<html lang="en">' in html
    assert '<a href="/schedule/" aria-current="page">Schedule</a>' in html

    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    html = client.get(reverse("events:home")).content.decode()
    assert '<html lang="zh-hans">' in html
    assert NAV.format(home="首页", schedule="日程") in html


@pytest.mark.django_db
def test_public_page_sets_no_csrf_cookie_and_stays_cacheable(client, summit):
    response = client.get(reverse("events:home"))
    assert settings.CSRF_COOKIE_NAME not in response.cookies
    assert "Cookie" not in response.get("Vary", "")


@pytest.mark.django_db
def test_set_language_refuses_a_foreign_next(client, summit):
    response = client.post(
        "/i18n/setlang/", {"language": "en", "next": "https://evil.example/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"
