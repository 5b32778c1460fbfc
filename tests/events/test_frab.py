import json
from datetime import timedelta
from pathlib import Path

import pytest
from defusedxml import ElementTree as ET

from events.exports.frab import event_ids, schedule_json
from events.models import Forum, Talk
from tests.events import schedule_formats
from tests.events.schedule_formats import validate_json, validate_xml
from tests.factories import (
    ForumFactory,
    SpeakerFactory,
    TalkFactory,
    TalkSpeakerFactory,
    build_programme,
    shanghai,
)

pytestmark = pytest.mark.django_db


def get_json(client):
    response = client.get("/schedule.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return json.loads(response.content)


def get_xml(client):
    response = client.get("/schedule.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    return response.content


@pytest.fixture
def talk(summit):
    forum = ForumFactory(summit=summit, title="Main forum", slug="main",
                         description="The *main* forum.")
    talk = TalkFactory(forum=forum, title="Protein folding", slug="protein-folding",
                       abstract="Fish & *chips*.", language="en", kind=Talk.Kind.KEYNOTE,
                       start=shanghai(forum.date, 10), end=shanghai(forum.date, 11, 15),
                       replay_url="https://www.bilibili.com/video/BV1", slides_url="")
    speaker = SpeakerFactory(name="张伟", bio="Folds proteins.")
    TalkSpeakerFactory(talk=talk, speaker=speaker)
    return talk


def test_schedule_json_values_exact(client, talk):
    document = get_json(client)

    validate_json(document)
    schedule = document["schedule"]
    conference = schedule["conference"]
    assert {k: v for k, v in conference.items() if k not in ("days", "rooms")} == {
        "acronym": "ai4s_2022",
        "title": "AI for Science Summit 2022",
        "start": "2022-08-08",
        "end": "2022-08-11",
        "daysCount": 4,
        "timeslot_duration": "00:05",
        "time_zone_name": "Asia/Shanghai",
        "url": "http://testserver/",
    }
    assert schedule["base_url"] == "http://testserver/"
    assert conference["rooms"] == [{"name": "Main forum", "slug": "main",
                                    "guid": str(talk.forum.guid),
                                    "description": "The *main* forum."}]
    [day] = conference["days"]
    assert {k: v for k, v in day.items() if k != "rooms"} == {
        "index": 1, "date": "2022-08-08",
        "day_start": "2022-08-08T09:00:00+08:00", "day_end": "2022-08-08T18:00:00+08:00",
    }
    speaker = talk.speakers.get()
    assert day["rooms"] == {"Main forum": [{
        "guid": str(talk.guid),
        "id": event_ids([talk])[talk.pk],
        "date": "2022-08-08T10:00:00+08:00",
        "start": "10:00",
        "end": "2022-08-08T11:15:00+08:00",
        "duration": "01:15",
        "room": "Main forum",
        "slug": "ai4s_2022-protein-folding",
        "url": "http://testserver/talks/protein-folding/",
        "title": "Protein folding",
        "subtitle": "",
        "track": "Main forum",
        "type": "keynote",
        "language": "en",
        "abstract": "Fish & *chips*.",
        "description": "",
        "persons": [{"guid": str(speaker.guid), "name": "张伟", "public_name": "张伟",
                     "biography": "Folds proteins."}],
        "links": [{"type": "media", "url": "https://www.bilibili.com/video/BV1",
                   "title": "Replay"}],
        "attachments": [],
    }]}


def test_schedule_xml_values_exact(client, talk):
    content = get_xml(client)

    validate_xml(content)
    root = ET.fromstring(content)
    assert root.findtext("conference/acronym") == "ai4s_2022"
    assert root.findtext("conference/time_zone_name") == "Asia/Shanghai"
    day = root.find("day")
    assert dict(day.attrib) == {"index": "1", "date": "2022-08-08",
                                "start": "2022-08-08T09:00:00+08:00",
                                "end": "2022-08-08T18:00:00+08:00"}
    room = day.find("room")
    assert dict(room.attrib) == {"name": "Main forum", "guid": str(talk.forum.guid)}
    event = room.find("event")
    assert dict(event.attrib) == {"guid": str(talk.guid), "id": str(event_ids([talk])[talk.pk])}
    assert {child.tag: child.text for child in event if len(child) == 0} == {
        "date": "2022-08-08T10:00:00+08:00", "start": "10:00", "duration": "01:15",
        "room": "Main forum", "slug": "ai4s_2022-protein-folding",
        "url": "http://testserver/talks/protein-folding/", "title": "Protein folding",
        "subtitle": None, "track": "Main forum", "type": "keynote", "language": "en",
        "abstract": "Fish & *chips*.", "description": None, "attachments": None,
    }
    speaker = talk.speakers.get()
    assert [(p.get("guid"), p.text) for p in event.findall("persons/person")] == [
        (str(speaker.guid), "张伟")
    ]
    assert [(link.get("href"), link.get("type"), link.text)
            for link in event.findall("links/link")] == [
        ("https://www.bilibili.com/video/BV1", "media", "Replay")
    ]


def test_schedule_formats_keep_cancelled_talks_marked(client, summit):
    _, talks = build_programme(summit, 3)
    talks[1].status = Talk.Status.CANCELLED
    talks[1].save()

    document = get_json(client)
    content = get_xml(client)

    validate_json(document)
    validate_xml(content)
    events = [e for room in document["schedule"]["conference"]["days"][0]["rooms"].values()
              for e in room]
    assert [(e["guid"], e["title"], e.get("do_not_record")) for e in events] == [
        (str(talks[0].guid), talks[0].title, None),
        (str(talks[1].guid), f"[Cancelled] {talks[1].title}", True),
        (str(talks[2].guid), talks[2].title, None),
    ]
    xml_events = list(ET.fromstring(content).iter("event"))
    assert [(e.findtext("title"), e.findtext("recording/optout")) for e in xml_events] == [
        (talks[0].title, None), (f"[Cancelled] {talks[1].title}", "true"), (talks[2].title, None)
    ]


def test_schedule_formats_tell_apart_same_titled_forums_on_one_day(client, summit):
    first = ForumFactory(summit=summit, title="Panel", slug="panel-a")
    second = ForumFactory(summit=summit, title="Panel", slug="panel-b")
    TalkFactory(forum=first)
    TalkFactory(forum=second)

    document = get_json(client)
    content = get_xml(client)

    validate_json(document)
    validate_xml(content)
    assert list(document["schedule"]["conference"]["days"][0]["rooms"]) == [
        "Panel", "Panel (panel-b)"
    ]
    assert [r.get("guid") for r in ET.fromstring(content).findall("day/room")] == [
        str(first.guid), str(second.guid)
    ]


def test_schedule_formats_are_deterministic(client, summit):
    build_programme(summit, 9)

    assert client.get("/schedule.json").content == client.get("/schedule.json").content
    assert client.get("/schedule.xml").content == client.get("/schedule.xml").content


def test_schedule_version_changes_with_content(client, talk):
    before = get_json(client)["schedule"]["version"]
    talk.start += timedelta(minutes=5)
    talk.end += timedelta(minutes=5)
    talk.save()

    after = get_json(client)["schedule"]["version"]

    assert before != after
    assert len(after) == 12


def test_schedule_json_avatar_falls_back_to_photo_url(client, talk):
    speaker = talk.speakers.get()
    speaker.photo_url = "https://cdn.example/zw.jpg"
    speaker.save()

    document = get_json(client)

    validate_json(document)
    [event] = document["schedule"]["conference"]["days"][0]["rooms"]["Main forum"]
    assert event["persons"][0]["avatar"] == "https://cdn.example/zw.jpg"


def test_schedule_version_ignores_saves_that_change_nothing(client, talk):
    before = get_json(client)["schedule"]["version"]
    talk.save()  # bumps ``updated`` only
    talk.speakers.get().save()

    assert get_json(client)["schedule"]["version"] == before


def test_event_ids_unique_positive_and_stable(summit):
    _, talks = build_programme(summit, 40, speakers_per_talk=0)

    ids = event_ids(talks)

    assert len(set(ids.values())) == 40
    assert all(0 < number < 2**31 for number in ids.values())
    assert event_ids(list(reversed(talks))) == ids


@pytest.mark.parametrize("count", [56, 500])
def test_schedule_formats_valid_and_fixed_queries(client, summit, django_assert_num_queries,
                                                  count):
    _, talks = build_programme(summit, count, speakers_per_talk=1)

    with django_assert_num_queries(5):
        document = get_json(client)
    with django_assert_num_queries(5):
        content = get_xml(client)

    validate_json(document)
    validate_xml(content)
    days = document["schedule"]["conference"]["days"]
    json_guids = [e["guid"] for day in days for room in day["rooms"].values() for e in room]
    xml_guids = [e.get("guid") for e in ET.fromstring(content).iter("event")]
    assert sorted(json_guids) == sorted(str(t.guid) for t in talks)
    assert xml_guids == json_guids
    assert len(document["schedule"]["conference"]["rooms"]) == (count + 7) // 8


def test_missing_shared_schemas_fail_in_ci(monkeypatch):
    monkeypatch.setattr(schedule_formats, "SHARED_FORMATS", Path("/nonexistent"))
    monkeypatch.setenv("CI", "true")

    with pytest.raises(pytest.fail.Exception, match="CI must validate"):
        schedule_formats.shared_file("schedule.schema.json")


def test_missing_shared_schemas_skip_outside_ci(monkeypatch):
    monkeypatch.setattr(schedule_formats, "SHARED_FORMATS", Path("/nonexistent"))
    monkeypatch.delenv("CI", raising=False)

    with pytest.raises(pytest.skip.Exception):
        schedule_formats.shared_file("schedule.schema.json")


def test_schedule_xml_stays_well_formed_with_rows_holding_control_characters(client, talk):
    # Written past save() (an old row, a raw update): XML 1.0 cannot carry them.
    Talk.objects.filter(pk=talk.pk).update(title="Protein\x0b folding", abstract="Fish\x08")
    Forum.objects.filter(pk=talk.forum_id).update(title="Main\x1f forum")
    content = get_xml(client)
    validate_xml(content)
    room = ET.fromstring(content).find("day/room")
    assert (room.get("name"), room.findtext("event/title")) == ("Main forum", "Protein folding")


def test_schedule_json_writes_what_the_standard_library_writes():
    document = {"schedule": {"title": "蛋白质 “结构” <预测> & 'x'\n\u2028", "days": [],
                             "rooms": {}, "count": 3, "ok": True, "none": None,
                             "nested": [{"a": [1, 2]}, {}], "slash": "a/b\\c\t"}}
    expected = json.dumps(document, ensure_ascii=False, indent=2).encode()
    assert schedule_json(document) == expected
