import io
import json
from datetime import date, time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from PIL import Image

from events.models import Forum, Speaker, Summit, Talk, TalkSpeaker
from tests.events.schedule_formats import FIXTURES, shared_file
from tests.factories import (
    ForumFactory,
    SpeakerFactory,
    TalkFactory,
    TalkSpeakerFactory,
    build_programme,
    shanghai,
)

pytestmark = pytest.mark.django_db


def run_import(path, *args):
    out = io.StringIO()
    call_command("import_schedule", str(path), *args, stdout=out)
    return out.getvalue()


def counts():
    return tuple(model.objects.count() for model in (Summit, Forum, Talk, Speaker, TalkSpeaker))


def write(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def wipe():
    Talk.objects.all().delete()  # forums and speakers with talks are protected
    Summit.objects.all().delete()
    Speaker.objects.all().delete()
    assert counts() == (0, 0, 0, 0, 0)


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_round_trip_export_import_export_is_identical(client, summit, tmp_path, fmt):
    summit.programme_published_at = None
    forums, talks = build_programme(summit, 56)
    talks[3].replay_url = "https://www.bilibili.com/video/BV3"
    talks[3].slides_url = "https://slides.example/3.pdf"
    talks[3].save()
    talks[5].status = Talk.Status.CANCELLED  # stays in the file, marked, and comes back
    talks[5].save()
    portrayed = talks[7].speakers.first()
    portrayed.photo = SimpleUploadedFile("p.png", png_bytes(), "image/png")
    portrayed.save()
    first = client.get(f"/schedule.{fmt}").content
    path = write(tmp_path, f"schedule.{fmt}", first.decode())
    wipe()

    run_import(path, "--summit", "ai4s-2022")

    assert client.get(f"/schedule.{fmt}").content == first
    assert counts()[:3] == (1, 7, 56)
    cancelled = Talk.objects.get(guid=talks[5].guid)
    assert (cancelled.status, cancelled.title) == (Talk.Status.CANCELLED, talks[5].title)
    assert Talk.objects.filter(status=Talk.Status.CANCELLED).count() == 1
    avatar = "http://testserver" + portrayed.photo_320.url if fmt == "json" else ""
    assert Speaker.objects.get(guid=portrayed.guid).photo_url == avatar


def png_bytes():
    out = io.BytesIO()
    Image.new("RGB", (60, 60), (2, 30, 170)).save(out, format="PNG")
    return out.getvalue()


@pytest.mark.parametrize(("avatar", "stored"), [
    ("/media/ada.jpg", "https://pretalx.example/media/ada.jpg"),
    ("https://cdn.example/ada.jpg", "https://cdn.example/ada.jpg"),
    (None, ""),
])
def test_import_keeps_person_avatar_as_photo_url(tmp_path, avatar, stored):
    data = json.loads((FIXTURES / "pretalx-mini.json").read_text())
    data["schedule"]["conference"]["days"][0]["rooms"]["Hall A"][0]["persons"][0]["avatar"] = avatar

    run_import(write(tmp_path, "avatar.json", json.dumps(data)))

    assert Speaker.objects.get(name="Ada Example").photo_url == stored


def test_import_bad_avatar_is_an_error_naming_the_person(tmp_path):
    data = json.loads((FIXTURES / "pretalx-mini.json").read_text())
    person = data["schedule"]["conference"]["days"][0]["rooms"]["Hall A"][0]["persons"][0]
    person["avatar"] = "javascript:alert(1)"
    path = write(tmp_path, "avatar.json", json.dumps(data))

    with pytest.raises(CommandError) as error:
        run_import(path)

    assert str(error.value) == (
        f"{path}: person 'Ada Example': avatar 'javascript:alert(1)' is not a URL. "
        "Nothing was imported."
    )
    assert counts() == (0, 0, 0, 0, 0)


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_import_cancelled_prefix_sets_status_and_reimport_restores(client, summit, tmp_path,
                                                                   fmt):
    _, talks = build_programme(summit, 2, speakers_per_talk=0)
    title = talks[0].title
    talks[0].status = Talk.Status.CANCELLED
    talks[0].save()
    cancelled_file = write(tmp_path, f"a.{fmt}", client.get(f"/schedule.{fmt}").content.decode())
    talks[0].status = Talk.Status.SCHEDULED
    talks[0].save()
    scheduled_file = write(tmp_path, f"b.{fmt}", client.get(f"/schedule.{fmt}").content.decode())

    run_import(cancelled_file, "--summit", "ai4s-2022")
    talks[0].refresh_from_db()
    assert (talks[0].status, talks[0].title) == (Talk.Status.CANCELLED, title)
    run_import(scheduled_file, "--summit", "ai4s-2022")
    talks[0].refresh_from_db()
    assert talks[0].status == Talk.Status.SCHEDULED


def test_import_json_creates_summit_from_conference_block(tmp_path):
    output = run_import(FIXTURES / "pretalx-mini.json")

    assert output == (
        "Imported into summit 'minicon': forums: 3 created, 0 updated; talks: 4 created, "
        "0 updated; speakers: 2 created, 0 updated.\n"
    )
    summit = Summit.objects.get()
    assert (summit.slug, summit.name, summit.start_date, summit.end_date, summit.time_zone) == (
        "minicon", "MiniCon", date(2024, 5, 6), date(2024, 5, 7), "Europe/Berlin"
    )
    # Two rooms sharing a guid, Hall A over two days: one forum per room and day.
    assert list(Forum.objects.order_by("date", "title").values_list(
        "title", "slug", "date", "start_time", "end_time")) == [
        ("Hall A", "hall-a-2024-05-06", date(2024, 5, 6), time(10, 0), time(12, 30)),
        ("Hall B", "hall-b", date(2024, 5, 6), time(10, 30), time(11, 0)),
        ("Hall A", "hall-a-2024-05-07", date(2024, 5, 7), time(9, 30), time(10, 0)),
    ]
    opening = Talk.objects.get(guid="0f1e2d3c-4b5a-5968-8776-a1b2c3d4e5f6")
    assert (opening.title, opening.slug, opening.kind, opening.language) == (
        "Opening the box", "11-opening-the-box", "talk", "en"
    )
    assert opening.abstract == "Short abstract.\n\nLonger description."
    assert opening.replay_url == "https://media.example/v/11"
    assert opening.start.astimezone(summit.tzinfo).isoformat() == "2024-05-06T10:00:00+02:00"
    hands_on = Talk.objects.get(slug="12-hands-on")
    assert (hands_on.kind, hands_on.language) == ("talk", "zh")  # unknown values: defaults
    assert [s.name for s in hands_on.speakers.order_by("talk_links__order")] == [
        "Ada Example", "Grace Sample"
    ]
    assert Speaker.objects.get(name="Ada Example").bio == "Writes compilers."
    assert counts() == (1, 3, 4, 2, 4)


def test_import_json_forum_hours_use_day_bounds_only_on_the_same_date(tmp_path):
    """pretalx days run 04:00 to 03:59 the next day: the forum spans its talks then."""
    run_import(FIXTURES / "pretalx-mini.json")

    hall_b = Forum.objects.get(slug="hall-b")
    assert (hall_b.start_time, hall_b.end_time) == (time(10, 30), time(11, 0))


def test_import_xml_frab_rooms_across_days(tmp_path):
    run_import(FIXTURES / "frab-mini.xml")

    summit = Summit.objects.get(slug="frabcon")
    assert summit.time_zone == "Europe/Amsterdam"
    assert list(Forum.objects.order_by("date").values_list("title", "date", "start_time",
                                                           "end_time")) == [
        ("Saal 1", date(2024, 9, 1), time(9, 0), time(18, 0)),
        ("Saal 1", date(2024, 9, 2), time(9, 0), time(18, 0)),
    ]
    keynote = Talk.objects.get(slug="101-keynote")
    assert (keynote.kind, keynote.slides_url) == ("keynote", "https://slides.example/101.pdf")
    lightning = Talk.objects.get(title="Lightning talks")
    assert lightning.slug == "lightning-talks"
    assert [s.name for s in lightning.speakers.order_by("talk_links__order")] == [
        "Linus Example", "Margaret Example"
    ]
    assert counts() == (1, 2, 2, 2, 3)


def test_reimport_updates_by_guid_without_duplicates(tmp_path):
    run_import(FIXTURES / "pretalx-mini.json")
    before = counts()
    data = json.loads((FIXTURES / "pretalx-mini.json").read_text())
    event = data["schedule"]["conference"]["days"][0]["rooms"]["Hall A"][0]
    event["title"], event["date"] = "Opening the crate", "2024-05-06T10:15:00+02:00"
    event["persons"] = [{"public_name": "Grace Sample", "id": 6}]

    run_import(write(tmp_path, "again.json", json.dumps(data)))

    assert counts() == (before[0], before[1], before[2], before[3], before[4])
    talk = Talk.objects.get(guid=event["guid"])
    assert (talk.title, talk.start.isoformat()) == ("Opening the crate",
                                                    "2024-05-06T08:15:00+00:00")
    assert [s.name for s in talk.speakers.all()] == ["Grace Sample"]


def test_import_matches_existing_speaker_by_name(tmp_path):
    existing = SpeakerFactory(name="Ada Example", bio="Our own bio.", affiliation="ETH")

    run_import(FIXTURES / "pretalx-mini.json")

    ada = Speaker.objects.get(name="Ada Example")
    assert (ada.pk, ada.bio, ada.affiliation) == (existing.pk, "Our own bio.", "ETH")


def test_import_refuses_overlaps_and_double_booked_speakers_listing_each(tmp_path):
    data = json.loads((FIXTURES / "pretalx-mini.json").read_text())
    hall_a = data["schedule"]["conference"]["days"][0]["rooms"]["Hall A"]
    hall_a[1]["date"], hall_a[1]["start"] = "2024-05-06T10:15:00+02:00", "10:15"
    hall_b = data["schedule"]["conference"]["days"][0]["rooms"]["Hall B"]
    hall_b[0]["persons"] = [{"public_name": "Grace Sample", "id": 6}]  # also in Hands on
    path = write(tmp_path, "overlap.json", json.dumps(data))

    with pytest.raises(CommandError) as error:
        run_import(path)

    assert str(error.value).splitlines() == [
        f"{path}: the programme breaks the admin's rules in 3 places. Nothing was imported.",
        "  - event guid=0f1e2d3c-4b5a-5968-8776-a1b2c3d4e5f6 'Opening the box' (2024-05-06 "
        "10:00–10:45) overlaps 'Hands on' (2024-05-06 10:15–11:45) in room 'Hall A'.",
        "  - event guid=0f1e2d3c-4b5a-5968-8776-a1b2c3d4e5f6 'Opening the box' (2024-05-06 "
        "10:00–10:45): person 'Ada Example' is also in 'Hands on' (2024-05-06 10:15–11:45).",
        "  - event guid=1a2b3c4d-5e6f-5a7b-8c9d-0e1f2a3b4c5d 'Hands on' (2024-05-06 "
        "10:15–11:45): person 'Grace Sample' is also in 'Side story' (2024-05-06 10:30–11:00).",
    ]
    assert counts() == (0, 0, 0, 0, 0)


def test_import_refuses_a_clash_with_a_talk_already_in_the_forum(tmp_path):
    run_import(FIXTURES / "pretalx-mini.json")
    before = counts()
    forum = Forum.objects.get(slug="hall-b")
    TalkFactory(forum=forum, title="Added in the admin", start=forum.starts_at,
                end=forum.ends_at)

    with pytest.raises(CommandError, match=r"'Side story' \(2024-05-06 10:30–11:00\) overlaps "
                                           r"'Added in the admin'"):
        run_import(FIXTURES / "pretalx-mini.json")

    assert counts() == (before[0], before[1], before[2] + 1, before[3], before[4])


def test_import_of_swapped_talks_is_no_clash(tmp_path):
    run_import(FIXTURES / "pretalx-mini.json")
    data = json.loads((FIXTURES / "pretalx-mini.json").read_text())
    first, second = data["schedule"]["conference"]["days"][0]["rooms"]["Hall A"]
    first["date"], second["date"] = "2024-05-06T11:45:00+02:00", "2024-05-06T10:00:00+02:00"
    first["persons"] = []  # Ada is in both

    run_import(write(tmp_path, "swapped.json", json.dumps(data)))

    opening = Talk.objects.get(guid=first["guid"])
    assert opening.start.isoformat() == "2024-05-06T09:45:00+00:00"


@pytest.mark.parametrize(("change", "message"), [
    (lambda e: e.update(start="25:99"),
     "event guid=1a2b3c4d-5e6f-5a7b-8c9d-0e1f2a3b4c5d 'Hands on': start '25:99' is not a time."),
    (lambda e: e.update(duration="soon"),
     "event guid=1a2b3c4d-5e6f-5a7b-8c9d-0e1f2a3b4c5d 'Hands on': duration 'soon' is not HH:MM."),
    (lambda e: e.update(guid="not-a-uuid"),
     "event guid=not-a-uuid 'Hands on': guid 'not-a-uuid' is not a UUID."),
    (lambda e: e.update(date="2024-06-01T10:00:00+02:00"),
     "event guid=1a2b3c4d-5e6f-5a7b-8c9d-0e1f2a3b4c5d 'Hands on': 2024-06-01 is outside the "
     "summit's dates (2024-05-06 to 2024-05-07)."),
    (lambda e: e.update(title=""), "event guid=1a2b3c4d-5e6f-5a7b-8c9d-0e1f2a3b4c5d '': "
                                   "'title' is empty."),
    (lambda e: e["links"].append({"type": "media", "url": "javascript:alert(1)"}),
     "event guid=1a2b3c4d-5e6f-5a7b-8c9d-0e1f2a3b4c5d 'Hands on': link 'javascript:alert(1)' "
     "is not a URL."),
    (lambda e: e.update(title=42),
     "event guid=1a2b3c4d-5e6f-5a7b-8c9d-0e1f2a3b4c5d '42': 'title' is a number, not text."),
    (lambda e: e.update(abstract=["Bring", "a laptop"]),
     "event guid=1a2b3c4d-5e6f-5a7b-8c9d-0e1f2a3b4c5d 'Hands on': 'abstract' is a list, "
     "not text."),
    (lambda e: e.update(language=["de"]),
     "event guid=1a2b3c4d-5e6f-5a7b-8c9d-0e1f2a3b4c5d 'Hands on': 'language' is a list, "
     "not text."),
    (lambda e: e.update(date="2024-05-06T23:59:30+02:00", duration="00:00:30"),
     "event guid=1a2b3c4d-5e6f-5a7b-8c9d-0e1f2a3b4c5d 'Hands on': starts at 23:59:30 and ends "
     "at midnight; a forum ends by 23:59, so an event ending at midnight must start before "
     "then."),
    (lambda e: e.update(date="2024-05-06T23:59:30+02:00", duration="00:01"),
     "event guid=1a2b3c4d-5e6f-5a7b-8c9d-0e1f2a3b4c5d 'Hands on': runs past midnight; a forum "
     "lies within one day."),
    (lambda e: e["persons"][0].update(public_name=["Ada"]),
     "event guid=1a2b3c4d-5e6f-5a7b-8c9d-0e1f2a3b4c5d 'Hands on': a person's name is a list, "
     "not text."),
])
def test_import_error_changes_nothing_and_names_the_element(tmp_path, change, message):
    run_import(FIXTURES / "pretalx-mini.json")
    before = counts()
    titles = sorted(Talk.objects.values_list("title", flat=True))
    data = json.loads((FIXTURES / "pretalx-mini.json").read_text())
    data["schedule"]["conference"]["days"][0]["rooms"]["Hall A"][0]["title"] = "Renamed"
    change(data["schedule"]["conference"]["days"][0]["rooms"]["Hall A"][1])
    path = write(tmp_path, "broken.json", json.dumps(data))

    with pytest.raises(CommandError) as error:
        run_import(path)

    assert str(error.value) == f"{path}: {message} Nothing was imported."
    assert counts() == before
    assert sorted(Talk.objects.values_list("title", flat=True)) == titles


@pytest.mark.parametrize(("change", "message"), [
    (lambda c: c.update(rooms="Hall A"), "conference: 'rooms' is not a list."),
    (lambda c: c.update(rooms=["Hall A"]), "conference: a room is text, not an object."),
    (lambda c: c["rooms"][0].update(name=["Hall A"]),
     "room ['Hall A']: 'name' is a list, not text."),
    (lambda c: c["days"][0].update(rooms="Hall A"),
     "day '2024-05-06': 'rooms' is not an object."),
    (lambda c: c.update(title={"en": "MiniCon"}), "conference: 'title' is an object, not text."),
    (lambda c: c.update(time_zone_name=["Europe/Berlin"]),
     "conference: 'time_zone_name' is a list, not text."),
])
def test_import_conference_of_wrong_shape_is_a_one_line_error(tmp_path, change, message):
    data = json.loads((FIXTURES / "pretalx-mini.json").read_text())
    change(data["schedule"]["conference"])
    path = write(tmp_path, "shape.json", json.dumps(data))

    with pytest.raises(CommandError) as error:
        run_import(path)

    assert str(error.value) == f"{path}: {message} Nothing was imported."
    assert counts() == (0, 0, 0, 0, 0)


def test_import_bare_date_with_seconds_in_start_time(tmp_path):
    data = json.loads((FIXTURES / "pretalx-mini.json").read_text())
    event = data["schedule"]["conference"]["days"][0]["rooms"]["Hall B"][0]
    event["date"], event["start"] = "2024-05-06", "9:00:00"

    run_import(write(tmp_path, "seconds.json", json.dumps(data)))

    talk = Talk.objects.get(guid=event["guid"])
    assert talk.start.isoformat() == "2024-05-06T07:00:00+00:00"  # 09:00 in Berlin (CEST)


def test_import_error_in_a_new_summit_leaves_no_summit(tmp_path):
    data = json.loads((FIXTURES / "pretalx-mini.json").read_text())
    data["schedule"]["conference"]["days"][1]["rooms"]["Hall A"][0]["duration"] = "00:00"

    with pytest.raises(CommandError, match="duration '00:00' is not positive"):
        run_import(write(tmp_path, "zero.json", json.dumps(data)))

    assert counts() == (0, 0, 0, 0, 0)


@pytest.mark.parametrize(("content", "message"), [
    ('{"schedule": ', "JSON syntax error at line 1, column 14: Expecting value"),
    ("<schedule><day></schedule>", "XML syntax error at line 1, column 17."),
    ("BEGIN:VCALENDAR", "The file is neither JSON (schedule.json) nor XML (schedule.xml)."),
    ('{"schedule": {}}', "JSON has no schedule.conference object."),
    ("<html/>", "XML has no <schedule> root with a <conference> element."),
    ('{"schedule": ' + "[" * 200_000 + "]" * 200_000 + "}",
     "JSON nested too deeply to be a schedule."),
])
def test_import_rejects_files_that_are_not_schedules(tmp_path, content, message):
    path = write(tmp_path, "bad", content)

    with pytest.raises(CommandError) as error:
        run_import(path)

    assert str(error.value) == f"{path}: {message} Nothing was imported."


def test_import_into_named_summit_checks_its_dates(tmp_path, summit):
    with pytest.raises(CommandError, match="is outside the summit's dates"):
        run_import(FIXTURES / "pretalx-mini.json", "--summit", summit.slug)


def test_import_refuses_talk_guid_of_another_summit(tmp_path, summit):
    forum = ForumFactory(summit=summit)
    TalkFactory(forum=forum, guid="0f1e2d3c-4b5a-5968-8776-a1b2c3d4e5f6",
                start=shanghai(forum.date, 9), end=shanghai(forum.date, 10))

    with pytest.raises(CommandError, match="the guid belongs to a talk of another summit"):
        run_import(FIXTURES / "pretalx-mini.json")

    assert Summit.objects.count() == 1


def test_import_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        run_import(tmp_path / "missing.json")


def test_import_real_pretalx_export(tmp_path):
    source = shared_file("example-pretalx-democon.json")
    # pretalx's generated demo books one speaker into two overlapping talks.
    with pytest.raises(CommandError) as error:
        run_import(source)
    assert str(error.value).splitlines()[1:] == [
        "  - event guid=8def099f-0871-5d9f-95b8-de50f694e747 'Re-engineered bandwidth-monitored "
        "focus group' (2020-12-16 08:30–09:00): person 'Stephanie Hudson' is also in 'Inverse "
        "motivating array' (2020-12-16 08:00–09:30)."
    ]
    data = json.loads(source.read_text())
    for day in data["schedule"]["conference"]["days"]:
        for event in (e for events in day["rooms"].values() for e in events):
            if event["guid"] == "8def099f-0871-5d9f-95b8-de50f694e747":
                event["persons"] = [p for p in event["persons"]
                                    if p["public_name"] != "Stephanie Hudson"]
    path = write(tmp_path, "democon.json", json.dumps(data))

    run_import(path)
    run_import(path)  # again: updates, never duplicates

    summit = Summit.objects.get(slug="democon")
    assert (summit.name, summit.start_date, summit.end_date) == (
        "DemoCon", date(2020, 12, 14), date(2020, 12, 16)
    )
    assert counts() == (1, 6, 36, 27, 42)


def other_conference(acronym="otherconf"):
    """pretalx-mini as another conference's file: same rooms and days, its own events."""
    data = json.loads((FIXTURES / "pretalx-mini.json").read_text())
    data["schedule"]["conference"].update(acronym=acronym, title="Other Conference")
    for day in data["schedule"]["conference"]["days"]:
        for event in (e for events in day["rooms"].values() for e in events):
            event["guid"] = event["guid"][:-4] + "9999"
            event["slug"] = ""
    return data


def test_import_person_guid_of_another_summit_leaves_her_alone(tmp_path, summit):
    ada = SpeakerFactory(name="Ada Lovelace", bio="Our own bio.")
    TalkSpeakerFactory(talk=TalkFactory(forum=ForumFactory(summit=summit)), speaker=ada)
    data = other_conference()
    person = data["schedule"]["conference"]["days"][0]["rooms"]["Hall A"][0]["persons"][0]
    person.update(guid=str(ada.guid), public_name="Ada Renamed", biography="Their bio.")
    path = write(tmp_path, "other.json", json.dumps(data))

    output = run_import(path)
    run_import(path)  # a re-import finds this summit's speaker again

    ada.refresh_from_db()
    assert (ada.name, ada.bio) == ("Ada Lovelace", "Our own bio.")
    theirs = Talk.objects.get(guid=person_talk_guid(data)).speakers.get()
    assert (theirs.name, theirs.bio, theirs.pk != ada.pk) == ("Ada Renamed", "Their bio.", True)
    assert Speaker.objects.filter(name="Ada Renamed").count() == 1
    assert output.splitlines()[1] == (
        f"Note: person 'Ada Renamed': guid {ada.guid} is a speaker of another summit, left "
        "unchanged; this summit has a speaker of its own for this person."
    )


def person_talk_guid(data):
    return data["schedule"]["conference"]["days"][0]["rooms"]["Hall A"][0]["guid"]


def test_import_person_guid_of_a_speaker_without_summit_updates_her(tmp_path):
    ada = SpeakerFactory(name="Ada Lovelace", bio="Draft bio.")
    data = json.loads((FIXTURES / "pretalx-mini.json").read_text())
    person = data["schedule"]["conference"]["days"][0]["rooms"]["Hall A"][0]["persons"][0]
    person["guid"] = str(ada.guid)

    output = run_import(write(tmp_path, "mini.json", json.dumps(data)))

    ada.refresh_from_db()
    assert (ada.name, ada.bio, len(output.splitlines())) == (
        "Ada Example", "Writes compilers.", 1
    )


def test_import_matches_names_only_among_the_summits_speakers(tmp_path, summit):
    theirs = SpeakerFactory(name="Ada Example", bio="")
    TalkSpeakerFactory(talk=TalkFactory(forum=ForumFactory(summit=summit)), speaker=theirs)

    run_import(FIXTURES / "pretalx-mini.json")

    theirs.refresh_from_db()
    ours = Speaker.objects.exclude(pk=theirs.pk).get(name="Ada Example")
    assert (theirs.bio, ours.bio) == ("", "Writes compilers.")
    assert Talk.objects.filter(forum__summit__slug="minicon", speakers=theirs).count() == 0


def test_import_second_conference_with_same_rooms_on_same_days(tmp_path):
    run_import(FIXTURES / "pretalx-mini.json")

    run_import(write(tmp_path, "other.json", json.dumps(other_conference())))

    halls = Forum.objects.filter(title="Hall A", date=date(2024, 5, 6))
    assert sorted(halls.values_list("summit__slug", flat=True)) == ["minicon", "otherconf"]
    assert len(set(halls.values_list("guid", flat=True))) == 2
    assert counts() == (2, 6, 8, 4, 8)


def test_import_abstract_longer_than_the_cap_is_refused_and_nothing_imported(tmp_path):
    data = json.loads((FIXTURES / "pretalx-mini.json").read_text())
    data["schedule"]["conference"]["days"][0]["rooms"]["Hall A"][1]["abstract"] = "a" * 100_001
    path = write(tmp_path, "long.json", json.dumps(data))

    with pytest.raises(CommandError) as error:
        run_import(path)

    assert str(error.value) == (
        f"{path}: event guid=1a2b3c4d-5e6f-5a7b-8c9d-0e1f2a3b4c5d 'Hands on': abstract: This text "
        "is too long: at most 100,000 characters, it has 100,001. Nothing was imported."
    )
    assert Talk.objects.count() == 0


def test_import_strips_control_characters_from_text(tmp_path):
    data = json.loads((FIXTURES / "pretalx-mini.json").read_text())
    event = data["schedule"]["conference"]["days"][0]["rooms"]["Hall A"][1]
    event["title"], event["abstract"] = "Hands\x0b on", "Pasted\0 from Word"
    run_import(write(tmp_path, "word.json", json.dumps(data)))
    talk = Talk.objects.get(guid=event["guid"])
    assert (talk.title, talk.abstract) == ("Hands on", "Pasted from Word")


def test_english_file_fills_english_and_leaves_chinese_alone(client, summit, tmp_path):
    forums, talks = build_programme(summit, 3)
    chinese = client.get("/schedule.json").content.decode()
    speaker = talks[0].speakers.first()
    english = (chinese.replace(talks[0].title, "Alloy design")
               .replace(forums[0].title, "Materials").replace(speaker.name, "Zhang Wei"))
    run_import(write(tmp_path, "en.json", english), "--summit", summit.slug, "--language", "en")
    talk, forum = Talk.objects.get(pk=talks[0].pk), Forum.objects.get(pk=forums[0].pk)
    speaker.refresh_from_db()
    assert (talk.title_zh_hans, talk.title_en) == (talks[0].title, "Alloy design")
    assert (forum.title_zh_hans, forum.title_en) == (forums[0].title, "Materials")
    assert (speaker.name_zh_hans, speaker.name_en) == (talks[0].speakers.first().name_zh_hans,
                                                       "Zhang Wei")
    assert counts()[:3] == (1, 1, 3)  # updated by guid, nothing added

    run_import(write(tmp_path, "zh.json", chinese), "--summit", summit.slug)  # Chinese again
    talk.refresh_from_db()
    assert (talk.title_zh_hans, talk.title_en) == (talks[0].title, "Alloy design")
    exported = client.get("/en/schedule.json").content.decode()
    assert ('"title": "Alloy design"' in exported, talks[0].title in exported) == (True, False)


def test_import_language_must_be_one_of_the_site(summit, tmp_path):
    with pytest.raises(CommandError, match="invalid choice: 'fr'"):
        run_import(write(tmp_path, "x.json", "{}"), "--language", "fr")
