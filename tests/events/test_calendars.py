from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.template.loader import render_to_string
from django.utils import translation
from icalendar import Calendar

from events.models import Talk
from tests.factories import (
    ForumFactory,
    SpeakerFactory,
    StreamFactory,
    SummitFactory,
    TalkFactory,
    TalkSpeakerFactory,
    build_programme,
    shanghai,
)

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def fetch(client, url):
    response = client.get("/en" + url)  # the English calendar
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response, Calendar.from_ical(response.content)


@pytest.fixture
def talk(summit):
    forum = ForumFactory(summit=summit, title="Main forum", slug="main")
    talk = TalkFactory(forum=forum, title="Protein folding", slug="protein-folding",
                       abstract="Fish & *chips*.", start=shanghai(forum.date, 10),
                       end=shanghai(forum.date, 10, 45))
    speaker = SpeakerFactory(name="张伟", name_latin="Zhang Wei", honorific="Academician",
                             affiliation="Peking University")
    TalkSpeakerFactory(talk=talk, speaker=speaker)
    StreamFactory(summit=summit, forum=forum, url="https://live.bilibili.com/1",
                  channel_name="AISI")
    StreamFactory(summit=summit, platform="site", channel_name="",
                  url="https://summit.example/live")
    return Talk.objects.get(pk=talk.pk)


def test_schedule_ics_event_values_exact(client, talk):
    response, calendar = fetch(client, "/schedule.ics")

    assert response["Content-Disposition"] == 'attachment; filename="ai4s-2022.ics"'
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Shanghai"]
    assert str(calendar["X-WR-CALNAME"]) == "AI for Science Summit 2022"
    [event] = calendar.walk("VEVENT")
    assert str(event["UID"]) == f"talk-{talk.guid}@ai4s-2022"
    assert event.decoded("DTSTART") == datetime(2022, 8, 8, 10, 0, tzinfo=SHANGHAI)
    assert event["DTSTART"].params["TZID"] == "Asia/Shanghai"
    assert event.decoded("DTEND") == datetime(2022, 8, 8, 10, 45, tzinfo=SHANGHAI)
    assert event.decoded("DTSTAMP") == talk.updated.replace(microsecond=0)
    assert event.decoded("LAST-MODIFIED") == talk.updated.replace(microsecond=0)
    assert str(event["SUMMARY"]) == "Protein folding"
    assert str(event["URL"]) == "http://testserver/en/talks/protein-folding/"
    assert str(event["LOCATION"]) == "https://live.bilibili.com/1"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["DESCRIPTION"]) == (
        "Fish & chips.\n\n"
        "Speakers:\n张伟 (Zhang Wei), Academician, Peking University\n\n"
        "Watch:\nBilibili · AISI: https://live.bilibili.com/1\n"
        "Conference site: https://summit.example/live\n\n"
        "http://testserver/en/talks/protein-folding/"
    )


def test_schedule_ics_uid_and_bytes_stable_across_requests(client, talk):
    first, _ = fetch(client, "/schedule.ics")
    second, _ = fetch(client, "/schedule.ics")
    talk.title = "Protein folding, revised"
    talk.save()
    _, edited = fetch(client, "/schedule.ics")

    assert first.content == second.content
    assert [str(e["UID"]) for e in edited.walk("VEVENT")] == [f"talk-{talk.guid}@ai4s-2022"]


def test_schedule_ics_cancelled_talk_keeps_event_with_status(client, talk):
    talk.status = Talk.Status.CANCELLED
    talk.save()

    _, calendar = fetch(client, "/schedule.ics")

    [event] = calendar.walk("VEVENT")
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["DESCRIPTION"]).startswith("This talk has been cancelled.\n\nFish & chips.")


def test_schedule_ics_location_falls_back_to_summit_stream(client, summit):
    forum = ForumFactory(summit=summit)
    TalkFactory(forum=forum)
    StreamFactory(summit=summit, url="https://live.bilibili.com/summit")

    _, calendar = fetch(client, "/schedule.ics")

    assert [str(e["LOCATION"]) for e in calendar.walk("VEVENT")] == [
        "https://live.bilibili.com/summit"
    ]


def test_forum_ics_lists_only_that_forum(client, summit):
    forums, talks = build_programme(summit, 16)

    response, calendar = fetch(client, f"/forums/{forums[1].slug}.ics")

    assert response["Content-Disposition"] == (
        f'attachment; filename="ai4s-2022-{forums[1].slug}.ics"'
    )
    assert [str(e["UID"]) for e in calendar.walk("VEVENT")] == [
        f"talk-{t.guid}@ai4s-2022" for t in talks[8:16]
    ]
    assert str(calendar["X-WR-CALNAME"]) == f"AI for Science Summit 2022 · {forums[1].title}"


def test_forum_ics_unknown_slug_is_404(client, summit):
    assert client.get("/forums/nope.ics").status_code == 404


def test_talk_ics_has_one_event(client, talk):
    other = TalkFactory(forum=talk.forum, start=shanghai(talk.forum.date, 11),
                        end=shanghai(talk.forum.date, 11, 30))

    response, calendar = fetch(client, f"/talks/{other.slug}.ics")

    assert response["Content-Disposition"] == f'attachment; filename="{other.slug}.ics"'
    assert [str(e["UID"]) for e in calendar.walk("VEVENT")] == [f"talk-{other.guid}@ai4s-2022"]
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Shanghai"]


def test_talk_ics_of_past_summit_uses_that_summits_zone(client, summit):
    berlin = SummitFactory(slug="berlin-2023", name="Berlin", time_zone="Europe/Berlin",
                           is_current=False, start_date=date(2021, 8, 9),
                           end_date=date(2021, 8, 9))
    forum = ForumFactory(summit=berlin, date=date(2021, 8, 9))
    other = TalkFactory(forum=forum, start=datetime(2021, 8, 9, 7, 0, tzinfo=ZoneInfo("UTC")),
                        end=datetime(2021, 8, 9, 8, 0, tzinfo=ZoneInfo("UTC")))

    _, calendar = fetch(client, f"/talks/{other.slug}.ics")

    [event] = calendar.walk("VEVENT")
    assert event.decoded("DTSTART") == datetime(2021, 8, 9, 9, 0,
                                                tzinfo=ZoneInfo("Europe/Berlin"))
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert str(event["UID"]) == f"talk-{other.guid}@berlin-2023"


def test_talk_ics_of_summit_in_preparation_is_404(client, summit):
    upcoming = SummitFactory(slug="ai4s-2023", is_current=False, start_date=date(2023, 8, 8),
                             end_date=date(2023, 8, 9))
    talk = TalkFactory(forum=ForumFactory(summit=upcoming, date=date(2023, 8, 8)))
    assert client.get(f"/talks/{talk.slug}.ics").status_code == 404


def test_speaker_ics_leaves_out_summit_in_preparation(client, summit):
    speaker = SpeakerFactory(slug="ada")
    TalkSpeakerFactory(talk=TalkFactory(forum=ForumFactory(summit=summit)), speaker=speaker)
    upcoming = SummitFactory(slug="ai4s-2023", is_current=False, start_date=date(2023, 8, 8),
                             end_date=date(2023, 8, 9))
    hidden = TalkFactory(forum=ForumFactory(summit=upcoming, date=date(2023, 8, 8)))
    TalkSpeakerFactory(talk=hidden, speaker=speaker)

    _, calendar = fetch(client, "/speakers/ada.ics")

    assert [str(e["UID"]) for e in calendar.walk("VEVENT")] == [
        f"talk-{speaker.talks.get(forum__summit=summit).guid}@ai4s-2022"
    ]


def test_talk_ics_unknown_slug_is_404(client, summit):
    assert client.get("/talks/nope.ics").status_code == 404


def test_speaker_ics_lists_the_speakers_talks(client, summit):
    forums, talks = build_programme(summit, 8)
    speaker = SpeakerFactory(slug="ada")
    TalkSpeakerFactory(talk=talks[2], speaker=speaker)
    TalkSpeakerFactory(talk=talks[5], speaker=speaker)

    _, calendar = fetch(client, "/speakers/ada.ics")

    assert [str(e["UID"]) for e in calendar.walk("VEVENT")] == [
        f"talk-{talks[2].guid}@ai4s-2022", f"talk-{talks[5].guid}@ai4s-2022"
    ]


def test_speaker_ics_unknown_slug_is_404(client, summit):
    assert client.get("/speakers/nope.ics").status_code == 404


@pytest.mark.parametrize("count", [1, 56, 500])
def test_schedule_ics_queries_do_not_grow(client, summit, django_assert_num_queries, count):
    build_programme(summit, count, speakers_per_talk=1)

    with django_assert_num_queries(5):
        _, calendar = fetch(client, "/schedule.ics")

    assert len(calendar.walk("VEVENT")) == count


@pytest.mark.parametrize("count", [1, 56, 500])
def test_forum_talk_speaker_ics_queries_do_not_grow(client, summit, django_assert_num_queries,
                                                    count):
    forums, talks = build_programme(summit, count, speakers_per_talk=1)
    speaker = talks[0].talk_speakers.first().speaker

    with django_assert_num_queries(5):
        fetch(client, f"/forums/{forums[0].slug}.ics")
    with django_assert_num_queries(5):
        fetch(client, f"/talks/{talks[-1].slug}.ics")
    with django_assert_num_queries(6):
        fetch(client, f"/speakers/{speaker.slug}.ics")


ADD_TO_CALENDAR = ('<a class="button button--ghost" href="{}" download>Add to calendar '
                   '<span class="muted">(.ics)</span></a>')


@pytest.mark.parametrize(("page", "ics"), [
    ("/talks/protein-folding/", "/talks/protein-folding.ics"),
    ("/forums/main/", "/forums/main.ics"),
    ("/schedule/", "/schedule.ics"),
])
def test_pages_link_their_calendar(client, talk, page, ics):
    response = client.get("/en" + page)
    assert response.status_code == 200
    assert response.content.decode().count(ADD_TO_CALENDAR.format("/en" + ics)) == 1


def test_add_to_calendar_include_links_each_target(rf, talk):
    request = rf.get("/")
    speaker = talk.speakers.get()
    with translation.override("en"):
        html = {
            name: render_to_string("includes/add_to_calendar.html", {"target": target},
                                   request=request)
            for name, target in [("talk", talk), ("forum", talk.forum), ("speaker", speaker),
                                 ("schedule", "schedule")]
        }

    assert 'href="/en/talks/protein-folding.ics" download' in html["talk"]
    assert 'href="/en/forums/main.ics" download' in html["forum"]
    assert f'href="/en/speakers/{speaker.slug}.ics" download' in html["speaker"]
    assert 'href="/en/schedule.ics" download' in html["schedule"]
    assert 'href="webcal://testserver/en/schedule.ics"' in html["schedule"]
    assert 'href="/en/schedule.xml"' in html["schedule"]
    assert "webcal:" not in html["talk"]


@pytest.mark.parametrize("role", ["talk", "chair"])
def test_speaker_ics_of_speaker_only_in_summit_in_preparation_is_404(client, summit, role):
    speaker = SpeakerFactory(slug="ada")
    upcoming = SummitFactory(slug="ai4s-2023", is_current=False, start_date=date(2023, 8, 8),
                             end_date=date(2023, 8, 9))
    forum = ForumFactory(summit=upcoming, date=date(2023, 8, 8))
    if role == "talk":
        TalkSpeakerFactory(talk=TalkFactory(forum=forum), speaker=speaker)
    else:
        forum.chairs.add(speaker)
    assert client.get("/speakers/ada.ics").status_code == 404


def test_speaker_ics_of_speaker_without_any_summit_is_404(client, summit):
    SpeakerFactory(slug="ada")
    assert client.get("/speakers/ada.ics").status_code == 404


def test_speaker_ics_of_chair_of_public_forum_is_served(client, summit):
    ForumFactory(summit=summit).chairs.add(SpeakerFactory(slug="ada"))
    _, calendar = fetch(client, "/speakers/ada.ics")
    assert calendar.walk("VEVENT") == []


@pytest.mark.parametrize("zone", ["Asia/Shanghai", "Europe/Berlin", "America/St_Johns",
                                  "Etc/UTC", "UTC"])
def test_calendar_time_zone_is_the_one_icalendar_would_add(client, talk, zone):
    """The VTIMEZONE made once per process (calendars.vtimezone) gives the bytes that
    ``Calendar.add_missing_timezones`` gives; a UTC summit's file has none."""
    talk.forum.summit.__class__.objects.filter(pk=talk.forum.summit_id).update(time_zone=zone)
    response, calendar = fetch(client, "/schedule.ics")
    expected = Calendar.from_ical(response.content)
    expected.subcomponents = [c for c in expected.subcomponents if c.name != "VTIMEZONE"]
    expected.add_missing_timezones(first_date=date(2022, 1, 1), last_date=date(2023, 1, 1))
    assert response.content == expected.to_ical()
    utc = zone in {"UTC", "Etc/UTC"}
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ([] if utc else [zone])


def test_calendar_time_zone_is_made_once_per_zone(client, talk, monkeypatch):
    from events.exports import calendars

    made = []
    original = calendars.Timezone.from_tzid
    monkeypatch.setattr(calendars.Timezone, "from_tzid",
                        lambda *args, **kwargs: made.append(args) or original(*args, **kwargs))
    calendars.vtimezone.cache_clear()
    first = fetch(client, "/schedule.ics")[0].content
    assert fetch(client, f"/talks/{talk.slug}.ics")[0].content.count(b"BEGIN:VTIMEZONE") == 1
    assert fetch(client, "/schedule.ics")[0].content == first
    assert made == [("Asia/Shanghai",)]
