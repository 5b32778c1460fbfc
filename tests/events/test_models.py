from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import translation

from events.models import Summit, Talk
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
