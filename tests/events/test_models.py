import re
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.utils import translation

from events.models import Forum, Stream, Summit, Talk
from tests.crafted_images import (
    gif_with_comments,
    gif_with_trailer,
    jpeg_with_gps,
    leftovers,
    stored_bytes,
)
from tests.events.slide_files import HTML, PDF, SVG, keynote, odp, ole, pptx
from tests.factories import (
    ForumFactory,
    SpeakerFactory,
    SummitFactory,
    TalkFactory,
    TalkSpeakerFactory,
    shanghai,
)

pytestmark = pytest.mark.django_db


def test_talk_end_before_start_is_refused_by_the_database(summit):
    talk = TalkFactory(forum=ForumFactory(summit=summit))
    with pytest.raises(IntegrityError):
        Talk.objects.filter(pk=talk.pk).update(end=talk.start - timedelta(minutes=1))


def test_only_one_summit_is_current_after_saving_another():
    first = SummitFactory()
    second = SummitFactory(slug="ai4s-2023", name="AI for Science Summit 2023", is_current=True)
    first.refresh_from_db()
    assert (first.is_current, second.is_current) == (False, True)
    assert Summit.objects.filter(is_current=True).count() == 1


def test_first_summit_becomes_current_even_if_unchecked():
    summit = SummitFactory(is_current=False)
    assert summit.is_current is True


def test_unchecking_the_only_current_summit_is_refused(summit):
    summit.is_current = False
    with pytest.raises(ValidationError) as error:
        summit.full_clean()
    assert "is_current" in error.value.message_dict


def test_talk_outside_its_forum_names_the_forum(summit):
    forum = ForumFactory(summit=summit, title="Biocomputing")
    talk = TalkFactory.build(
        forum=forum, start=shanghai(forum.date, 19), end=shanghai(forum.date, 20)
    )
    with pytest.raises(ValidationError) as error:
        talk.full_clean()
    assert "Biocomputing" in error.value.message_dict["start"][0]


def test_talk_outside_the_summit_dates_is_refused(summit):
    forum = ForumFactory(summit=summit)
    day = summit.end_date + timedelta(days=1)
    talk = TalkFactory.build(forum=forum, start=shanghai(day, 10), end=shanghai(day, 11))
    with pytest.raises(ValidationError) as error:
        talk.full_clean()
    assert "2022-08-11" in error.value.message_dict["start"][0]


def test_overlapping_talks_in_one_forum_name_the_clash(summit):
    forum = ForumFactory(summit=summit)
    TalkFactory(
        forum=forum, title="First", start=shanghai(forum.date, 10), end=shanghai(forum.date, 11)
    )
    clash = TalkFactory.build(
        forum=forum, start=shanghai(forum.date, 10, 30), end=shanghai(forum.date, 11, 30)
    )
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            clash.full_clean()
        assert error.value.message_dict["start"] == [
            "This time overlaps “First” (2022-08-08 10:00–11:00) in the same forum."
        ]


def test_adjacent_talks_do_not_clash(summit):
    forum = ForumFactory(summit=summit)
    TalkFactory(forum=forum, start=shanghai(forum.date, 10), end=shanghai(forum.date, 11))
    later = TalkFactory.build(
        forum=forum, start=shanghai(forum.date, 11), end=shanghai(forum.date, 12)
    )
    later.full_clean()


def test_speaker_in_two_overlapping_talks_is_refused(summit):
    speaker = SpeakerFactory(name="王测试")
    first = TalkFactory(forum=ForumFactory(summit=summit), title="Morning keynote")
    TalkSpeakerFactory(talk=first, speaker=speaker)
    other = TalkFactory(forum=ForumFactory(summit=summit), start=first.start, end=first.end)
    link = TalkSpeakerFactory.build(talk=other, speaker=speaker)
    with pytest.raises(ValidationError) as error:
        link.full_clean()
    assert "王测试" in error.value.messages[0]
    assert "Morning keynote" in error.value.messages[0]


def test_cancelled_talk_does_not_block_the_slot(summit):
    forum = ForumFactory(summit=summit)
    TalkFactory(forum=forum, status=Talk.Status.CANCELLED,
                start=shanghai(forum.date, 10), end=shanghai(forum.date, 11))
    same_slot = TalkFactory.build(
        forum=forum, start=shanghai(forum.date, 10), end=shanghai(forum.date, 11)
    )
    same_slot.full_clean()


def test_moving_a_talk_onto_its_speakers_busy_slot_is_refused(summit):
    speaker = SpeakerFactory(name="李示例")
    busy = TalkFactory(forum=ForumFactory(summit=summit), title="Busy slot",
                       start=shanghai(summit.start_date, 14), end=shanghai(summit.start_date, 15))
    TalkSpeakerFactory(talk=busy, speaker=speaker)
    moving = TalkFactory(forum=ForumFactory(summit=summit),
                         start=shanghai(summit.start_date, 10), end=shanghai(summit.start_date, 11))
    TalkSpeakerFactory(talk=moving, speaker=speaker)
    moving.start, moving.end = busy.start, busy.end
    with translation.override("en"), pytest.raises(ValidationError) as error:
        moving.full_clean()
    assert error.value.message_dict["start"] == [
        "李示例 is already in “Busy slot” (2022-08-08 14:00–15:00), which overlaps this talk."
    ]


def test_summit_dates_cannot_leave_a_forum_outside(summit):
    ForumFactory(summit=summit, title="Last day forum", date=date(2022, 8, 11))
    summit.end_date = date(2022, 8, 10)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        summit.full_clean()
    assert error.value.messages == [
        "The forum “Last day forum” on 2022-08-11 would fall outside the summit's dates."
    ]


def test_summit_time_zone_must_be_a_known_zone(summit):
    summit.time_zone = "Mars/Olympus_Mons"
    with translation.override("en"), pytest.raises(ValidationError) as error:
        summit.full_clean()
    assert error.value.message_dict["time_zone"] == ["Unknown time zone: Mars/Olympus_Mons."]


@pytest.mark.parametrize("name", ["slides.html", "slides.svg", "slides.exe"])
def test_talk_slides_must_be_a_presentation_file(summit, name):
    talk = TalkFactory.build(forum=ForumFactory(summit=summit),
                             slides=SimpleUploadedFile(name, b"<script>alert(1)</script>"))
    with pytest.raises(ValidationError) as error:
        talk.full_clean()
    assert list(error.value.message_dict) == ["slides"]


@pytest.mark.parametrize(("name", "content"), [
    ("deck.pdf", PDF), ("deck.PPTX", pptx()), ("deck.odp", odp()), ("deck.key", keynote()),
    ("deck.ppt", ole()),
])
def test_talk_slides_of_each_format_are_accepted(summit, name, content):
    talk = TalkFactory.build(forum=ForumFactory(summit=summit),
                             slides=SimpleUploadedFile(name, content))
    talk.full_clean()


@pytest.mark.parametrize(("name", "content"), [
    ("deck.pdf", HTML), ("deck.key", SVG), ("deck.odp", pptx()), ("deck.ppt", PDF),
    ("deck.pptx", pptx(macros=True)), ("deck.ppt", ole("WordDocument")),
])
def test_talk_slides_whose_content_is_not_their_extension_are_refused(summit, name, content):
    talk = TalkFactory.build(forum=ForumFactory(summit=summit),
                             slides=SimpleUploadedFile(name, content))
    with translation.override("en"), pytest.raises(ValidationError) as error:
        talk.full_clean()
    extension = name.rsplit(".", 1)[1]
    assert error.value.message_dict["slides"] == [
        f"This file is not a real .{extension} presentation: upload a PDF, PowerPoint, "
        "Keynote or OpenDocument file."
    ]


def test_talk_with_stored_slides_is_not_checked_again(summit):
    talk = TalkFactory(forum=ForumFactory(summit=summit),
                       slides=SimpleUploadedFile("deck.pdf", PDF))
    talk.slides.storage.delete(talk.slides.name)  # e.g. a database restored without media
    talk.title = "Renamed"
    talk.full_clean()


@pytest.mark.parametrize(("name", "crafted", "extension"), [
    ("banner.gif", gif_with_trailer, "gif"), ("banner.png", gif_with_trailer, "gif"),
    ("banner.gif", gif_with_comments, "gif"), ("banner.jpg", jpeg_with_gps, "jpg"),
])
def test_summit_banner_is_stored_reencoded_under_a_random_name(name, crafted, extension):
    summit = SummitFactory.build(banner=SimpleUploadedFile(name, crafted(), "image/png"))
    summit.full_clean()
    summit.save()
    summit.refresh_from_db()

    data = stored_bytes(summit.banner)

    assert re.fullmatch(rf"summits/[0-9a-f]{{32}}\.{extension}", summit.banner.name)
    assert (leftovers(data), data == crafted()) == ([], False)


def test_summit_banner_that_is_no_image_is_refused():
    summit = SummitFactory.build(banner=SimpleUploadedFile("banner.png", b"<html>", "image/png"))
    with translation.override("en"), pytest.raises(ValidationError) as error:
        summit.full_clean()
    assert error.value.message_dict["banner"] == ["The file is not a valid image."]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize(("model", "field", "values"), [
    (Forum, "kind", ["main", "sub", "unknown"]),
    (Talk, "kind", ["keynote", "talk", "panel", "opening", "closing", "break", "?"]),
    (Stream, "platform", ["site", "bilibili", "wechat", "youtube", "other", "elsewhere"]),
])
def test_choice_labels_are_djangos(language, model, field, values):
    from django.db.models import Model

    generic = Model._get_FIELD_display  # what Django's get_FOO_display() calls
    with translation.override(language):
        for value in values:
            obj = model(**{field: value})
            shown = getattr(obj, f"get_{field}_display")()
            assert shown == generic(obj, model._meta.get_field(field)), value
