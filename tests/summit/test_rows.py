"""Instances made from rows (summit/rows.py) are the instances the ORM would have made."""

import pytest
from django.utils import translation

from events.models import Forum, Speaker, Talk
from events.queries import FORUM_COLUMNS, TALK_COLUMNS, add_chairs, add_speaker_links
from summit import rows
from tests.factories import ForumFactory, SpeakerFactory, TalkFactory, TalkSpeakerFactory

pytestmark = pytest.mark.django_db


def test_columns_are_the_stored_ones_less_those_skipped():
    names = rows.columns(Talk, skip=("search_text",))
    assert {"title", "title_zh_hans", "title_en", "forum_id", "start", "guid"} <= set(names)
    assert "search_text" not in names


def test_an_instance_from_rows_reads_as_the_orm_instance_does():
    talk = TalkFactory(title_zh_hans="蛋白质", title_en="Proteins", replay_url="https://b23.tv/x")
    with translation.override("en"):  # the raw columns, not modeltranslation's fallbacks
        loaded = Talk.objects.get(pk=talk.pk)
        [made] = rows.instances(Talk.objects.filter(pk=talk.pk), TALK_COLUMNS)
    assert type(made) is Talk and made.pk == talk.pk
    for name in TALK_COLUMNS:
        assert made.__dict__[name] == loaded.__dict__[name], name
    assert made.__dict__.keys() - {"_state"} == loaded.__dict__.keys() - {
        "_state", "search_text", "search_vector"}
    for language in ("zh-hans", "en"):
        with translation.override(language):
            assert made.title == loaded.title
    assert made.start.tzinfo is not None  # Django's converters ran
    assert made.replay == loaded.replay and made.get_absolute_url() == loaded.get_absolute_url()
    assert made._state.adding is False and made._state.db == "default"
    # A column left out loads on first use, as with defer().
    assert made.get_deferred_fields() == loaded.get_deferred_fields() | {"search_text",
                                                                         "search_vector"}
    assert made.search_text == loaded.search_text


def test_speaker_links_come_in_order_with_shared_speakers_and_no_further_query(
        django_assert_num_queries):
    first, second = TalkFactory(), TalkFactory()
    shared, other = SpeakerFactory(name_en="Shared"), SpeakerFactory()
    TalkSpeakerFactory(talk=first, speaker=other, order=2)
    TalkSpeakerFactory(talk=first, speaker=shared, order=1, role="moderator")
    TalkSpeakerFactory(talk=second, speaker=shared)
    talks = rows.instances(Talk.objects.filter(pk__in=[first.pk, second.pk]).order_by("pk"),
                           TALK_COLUMNS)
    with django_assert_num_queries(1):
        add_speaker_links(talks)
    with django_assert_num_queries(0):
        made_first, made_second = talks
        assert [link.speaker.pk for link in made_first.speaker_links] == [shared.pk, other.pk]
        assert made_first.speaker_links[0].role == "moderator"
        assert made_first.speaker_links[0].speaker is made_second.speaker_links[0].speaker
        assert all(link.talk is talk for talk in talks for link in talk.speaker_links)
        with translation.override("en"):
            assert made_first.speaker_links[0].speaker.name == "Shared"
    assert isinstance(made_first.speaker_links[0].speaker, Speaker)


def test_no_talks_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        add_speaker_links([])


@pytest.mark.parametrize(("language", "expected"), [("zh-hans", ["乙", "甲"]), ("en", ["A", "B"])])
def test_chairs_by_name_in_the_page_language_without_a_query(
        language, expected, django_assert_num_queries):
    forum, other = ForumFactory(), ForumFactory()
    forum.chairs.set([SpeakerFactory(name_zh_hans="乙", name_en="B"),  # U+4E59 < U+7532
                      SpeakerFactory(name_zh_hans="甲", name_en="A")])
    with translation.override(language):
        forums = rows.instances(Forum.objects.filter(pk__in=[forum.pk, other.pk]).order_by("pk"),
                                FORUM_COLUMNS)
        with django_assert_num_queries(1):
            add_chairs(forums)
        with django_assert_num_queries(0):
            assert [chair.name for chair in forums[0].chairs.all()] == expected
            assert list(forums[1].chairs.all()) == []
        assert list(forums[1].chairs.order_by("pk")) == []  # still the forum's own relation
