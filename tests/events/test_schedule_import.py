import io
import json
from datetime import date, time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from PIL import Image

from events.models import Forum, Speaker, Summit, Talk, TalkSpeaker
from tests.events.schedule_formats import FIXTURES, shared_file
from tests.factories import ForumFactory, SpeakerFactory, TalkFactory, build_programme, shanghai

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


def test_import_keeps_overlaps_as_the_file_says(tmp_path):
    data = json.loads((FIXTURES / "pretalx-mini.json").read_text())
    hall_a = data["schedule"]["conference"]["days"][0]["rooms"]["Hall A"]
    hall_a[1]["date"], hall_a[1]["start"] = "2024-05-06T10:15:00+02:00", "10:15"

    run_import(write(tmp_path, "overlap.json", json.dumps(data)))

    opening = Talk.objects.get(slug="11-opening-the-box")
    same_forum = Talk.objects.filter(forum=opening.forum)
    assert sorted(same_forum.overlapping(opening.start, opening.end)
                  .values_list("slug", flat=True)) == ["11-opening-the-box", "12-hands-on"]


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
    path = shared_file("example-pretalx-democon.json")

    run_import(path)
    run_import(path)  # again: updates, never duplicates

    summit = Summit.objects.get(slug="democon")
    assert (summit.name, summit.start_date, summit.end_date) == (
        "DemoCon", date(2020, 12, 14), date(2020, 12, 16)
    )
    assert counts() == (1, 6, 36, 27, 43)


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
