from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from defusedxml import ElementTree as ET
from django.utils import translation

from events.history import programme_changes
from events.models import Talk, TalkSpeaker
from tests.factories import (
    ForumFactory,
    SpeakerFactory,
    TalkFactory,
    TalkSpeakerFactory,
    build_programme,
    shanghai,
)

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
BEFORE = datetime(2022, 7, 1, 2, 0, tzinfo=UTC)
PUBLISHED = datetime(2022, 7, 2, 2, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _english_site(db):
    """English labels (the feed's absolute links use the request's host)."""
    with translation.override("en"):
        yield


def at(hours):
    """A moment ``hours`` after publication (10:00 Shanghai on 2 July + hours)."""
    return time_machine.travel(PUBLISHED + timedelta(hours=hours), tick=False)


@pytest.fixture
def programme(summit):
    with time_machine.travel(BEFORE, tick=False):
        main = ForumFactory(summit=summit, title="Main forum", slug="main")
        side = ForumFactory(summit=summit, title="Side forum", slug="side")
        talk = TalkFactory(forum=main, title="Protein folding", slug="protein-folding",
                           start=shanghai(main.date, 9), end=shanghai(main.date, 9, 30))
        TalkSpeakerFactory(talk=talk, speaker=SpeakerFactory(name="张伟"))
        talk.title = "Protein folding (draft title changed before publishing)"
        talk.save()
    summit.programme_published_at = PUBLISHED
    summit.save()
    return main, side, Talk.objects.get(pk=talk.pk)


def fields(change):
    return [(f.label, f.old, f.new) for f in change.fields]


def test_changes_list_time_forum_title_newest_first(summit, programme):
    main, side, talk = programme
    with at(1):
        talk.start, talk.end = shanghai(main.date, 10), shanghai(main.date, 10, 30)
        talk.save()
    with at(2):
        talk.forum, talk.title = side, "Protein design"
        talk.save()

    changes = programme_changes(summit)

    assert [(c.action, c.when, c.title, c.url) for c in changes] == [
        ("changed", PUBLISHED + timedelta(hours=2), "Protein design", "/en/talks/protein-folding/"),
        ("changed", PUBLISHED + timedelta(hours=1),
         "Protein folding (draft title changed before publishing)", "/en/talks/protein-folding/"),
    ]
    assert fields(changes[0]) == [
        ("Forum", "Main forum", "Side forum"),
        ("Title", "Protein folding (draft title changed before publishing)", "Protein design"),
    ]
    assert fields(changes[1]) == [("Time", "2022-08-08 09:00–09:30", "2022-08-08 10:00–10:30")]


def test_changes_cancellation_and_reinstatement(summit, programme):
    _, _, talk = programme
    with at(1):
        talk.status = Talk.Status.CANCELLED
        talk.save()
    with at(2):
        talk.status = Talk.Status.SCHEDULED
        talk.save()

    changes = programme_changes(summit)

    assert [c.action for c in changes] == ["reinstated", "cancelled"]
    assert fields(changes[1]) == [("Status", "Scheduled", "Cancelled")]


def test_changes_ignore_saves_without_listed_changes_and_before_publication(summit, programme):
    _, _, talk = programme
    with at(1):
        talk.abstract = "A new abstract."
        talk.save()

    assert programme_changes(summit) == []


def test_changes_empty_while_programme_unpublished(summit, programme):
    _, _, talk = programme
    summit.programme_published_at = None
    summit.save()
    talk.title = "Changed"
    talk.save()

    assert programme_changes(summit) == []


def test_changes_speakers_added_and_removed(summit, programme):
    _, _, talk = programme
    with at(1):
        TalkSpeakerFactory(talk=talk, speaker=SpeakerFactory(name="李娜"))
    with at(2):
        TalkSpeaker.objects.get(talk=talk, speaker__name="张伟").delete()

    changes = programme_changes(summit)

    assert [fields(c) for c in changes] == [
        [("Speakers", "张伟", "")],
        [("Speakers", "", "李娜")],
    ]
    assert [c.title for c in changes] == [talk.title, talk.title]


def test_changes_new_talk_is_one_addition(summit, programme):
    main, _, _ = programme
    with at(3):
        new = TalkFactory(forum=main, title="Late addition", start=shanghai(main.date, 11),
                          end=shanghai(main.date, 11, 30))
        TalkSpeakerFactory(talk=new)

    [change] = programme_changes(summit)

    assert (change.action, change.title) == ("added", "Late addition")
    assert fields(change) == [("Time", "", "2022-08-08 11:00–11:30"), ("Forum", "", "Main forum")]


def test_changes_page_renders_in_summit_zone(client, summit, programme):
    main, _, talk = programme
    with at(1):
        talk.status = Talk.Status.CANCELLED
        talk.save()

    response = client.get("/en/schedule/changes/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<time datetime="2022-07-02T11:00:00+08:00">2022-07-02 11:00</time>' in html
    assert '<span class="label label--cancelled">Cancelled</span>' in html
    assert "<del>Scheduled</del> → <ins>Cancelled</ins>" in html
    assert 'href="/en/talks/protein-folding/"' in html


def test_changes_page_unpublished_says_so(client, summit):
    response = client.get("/en/schedule/changes/")

    assert response.status_code == 200
    assert "The programme has not been published yet." in response.content.decode()


def test_changes_feed_is_atom_with_escaped_entries(client, summit, programme):
    _, _, talk = programme
    with at(1):
        talk.title = "<b>Bold</b> & folding"
        talk.save()

    response = client.get("/en/schedule/changes/atom/")

    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    root = ET.fromstring(response.content)
    [entry] = root.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "<b>Bold</b> & folding: Title"
    assert entry.findtext(f"{ATOM}summary") == (
        "Title: Protein folding (draft title changed before publishing) → "
        "&lt;b&gt;Bold&lt;/b&gt; &amp; folding"
    )
    assert entry.find(f"{ATOM}link").get("href") == "http://testserver/en/talks/protein-folding/"
    assert entry.findtext(f"{ATOM}id").startswith("urn:summit:change:talk-")
    assert entry.findtext(f"{ATOM}updated") == "2022-07-02T03:00:00+00:00"


@pytest.mark.parametrize("count", [2, 40])
def test_changes_page_and_feed_queries_do_not_grow(client, summit, django_assert_num_queries,
                                                   count):
    with time_machine.travel(BEFORE, tick=False):
        _, talks = build_programme(summit, count)
    summit.programme_published_at = PUBLISHED
    summit.save()
    with at(1):
        for talk in talks:
            talk.title += " (moved)"
            talk.start += timedelta(minutes=5)
            talk.end += timedelta(minutes=5)
            talk.save()
            TalkSpeakerFactory(talk=talk)

    with django_assert_num_queries(5):
        page = client.get("/schedule/changes/")
    with django_assert_num_queries(5):
        feed = client.get("/schedule/changes/atom/")

    assert page.content.decode().count('class="card change"') == 2 * count
    assert len(ET.fromstring(feed.content).findall(f"{ATOM}entry")) == min(2 * count, 50)


def test_changes_feed_refuses_writes(client, summit):
    assert client.post("/schedule/changes/atom/").status_code == 405


def test_changes_feed_survives_history_rows_holding_control_characters(client, summit,
                                                                      programme):
    _, _, talk = programme
    with at(1):
        talk.title = "Renamed"
        talk.save()
    talk.history.filter(title="Renamed").update(title="Re\x0bnamed")

    response = client.get("/en/schedule/changes/atom/")

    assert response.status_code == 200
    [entry] = ET.fromstring(response.content).findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "Renamed: Title"
