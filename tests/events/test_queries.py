from datetime import timedelta

import pytest

from events import queries
from events.models import Forum, Stream, Talk
from tests.factories import (
    ForumFactory,
    SpeakerFactory,
    StreamFactory,
    TalkFactory,
    build_programme,
    shanghai,
)

pytestmark = pytest.mark.django_db


def test_build_schedule_puts_the_main_forum_first_on_its_day(summit):
    sub = ForumFactory(summit=summit, kind=Forum.Kind.SUB, order=0, title="Sub")
    main = ForumFactory(summit=summit, kind=Forum.Kind.MAIN, order=5, title="Main")
    schedule = queries.build_schedule(summit)
    assert [entry.forum for entry in schedule.days[0].forums] == [main, sub]


def test_build_schedule_fixed_queries_for_any_size(summit, django_assert_num_queries):
    build_programme(summit, 60)
    with django_assert_num_queries(4):
        schedule = queries.build_schedule(summit)
        speakers = [link.speaker.name for talk in schedule.talks for link in talk.speaker_links]
        summits = {talk.forum.summit.pk for talk in schedule.talks}
    assert (len(schedule.talks), len(speakers), summits) == (60, 120, {summit.pk})


def test_build_schedule_loads_the_chairs_when_asked(summit, django_assert_num_queries):
    forums, _ = build_programme(summit, 16)
    chair = SpeakerFactory()
    forums[1].chairs.add(chair)
    with django_assert_num_queries(5):
        schedule = queries.build_schedule(summit, chairs=True)
        chairs = [list(forum.chairs.all()) for forum in schedule.forums]
    assert chairs == [list(Forum.objects.get(pk=forum.pk).chairs.order_by("name"))
                      for forum in schedule.forums]
    assert chair in chairs[[f.pk for f in schedule.forums].index(forums[1].pk)]
    # A query chained on the loaded relation stays within it.
    assert set(schedule.forums[0].chairs.order_by("pk")) == set(chairs[0])


def test_forum_index_counts_talks_without_cancelled_ones(summit):
    forum = ForumFactory(summit=summit)
    day = forum.date
    TalkFactory(forum=forum, start=shanghai(day, 9), end=shanghai(day, 9, 30))
    TalkFactory(forum=forum, start=shanghai(day, 10), end=shanghai(day, 10, 30),
                status=Talk.Status.CANCELLED)
    assert [(f.pk, f.talk_count) for f in queries.forum_index(summit)] == [(forum.pk, 1)]


def test_streams_for_forum_lists_own_first_and_skips_repeated_channels(summit):
    forum = ForumFactory(summit=summit)
    wide = StreamFactory(summit=summit, platform=Stream.Platform.SITE, url="https://a.example/")
    StreamFactory(summit=summit, url="https://b.example/")  # same channel as the forum's
    own = StreamFactory(summit=summit, forum=forum, url="https://b.example/", order=9)
    ForumFactory(summit=summit)  # another forum's streams are not listed
    expected = [own, wide]
    assert queries.streams_for_forum(forum) == expected
    assert queries.build_schedule(summit).streams_for(forum) == expected


def test_summit_speakers_lists_speakers_and_chairs_once(summit):
    forums, talks = build_programme(summit, 2, speakers_per_talk=1)
    chair = forums[0].chairs.get()
    speakers = queries.summit_speakers(summit)
    assert sorted(s.pk for s in speakers) == sorted(
        [chair.pk] + [t.speakers.get().pk for t in talks]
    )


def test_live_strip_skips_cancelled_talks(summit):
    forums, talks = build_programme(summit, 3, speakers_per_talk=1)
    talks[1].status = Talk.Status.CANCELLED
    talks[1].save()
    now = talks[0].start + timedelta(minutes=25)
    assert queries.live_strip(summit, now) == ([talks[0]], [talks[2]])


def test_live_strip_does_not_announce_breaks(summit):
    forums, talks = build_programme(summit, 3, speakers_per_talk=1)
    talks[1].kind = Talk.Kind.BREAK
    talks[1].save()
    now = talks[0].start + timedelta(minutes=25)
    assert queries.live_strip(summit, now) == ([talks[0]], [talks[2]])


def test_live_strip_of_one_forum_with_its_streams(summit):
    forums, talks = build_programme(summit, 9, speakers_per_talk=1)
    other = talks[8]  # the second forum, same hour of its own day
    now = talks[0].start
    on_air, _ = queries.live_strip(summit, now, forum=forums[0])
    assert on_air == [talks[0]]
    assert [s.forum_id for s in on_air[0].streams] == [forums[0].pk]  # same URL once
    assert other not in queries.live_strip(summit, now)[0]


def test_live_strip_runs_two_queries(summit, django_assert_num_queries):
    build_programme(summit, 24, speakers_per_talk=1)
    with django_assert_num_queries(2):
        queries.live_strip(summit, shanghai(summit.start_date, 9, 10))


def test_next_change_walks_through_summit_day_talks_and_forum_end(summit):
    # Forum 09:00-18:00 on 8 August, one talk 10:00-10:30 (Asia/Shanghai).
    TalkFactory(forum__summit=summit, start=shanghai(summit.start_date, 10),
                end=shanghai(summit.start_date, 10, 30))
    moments = []
    moment = shanghai(summit.start_date, 0) - timedelta(days=3)
    while (moment := queries.next_change(moment)) is not None:
        moments.append(moment.astimezone(summit.tzinfo).strftime("%m-%d %H:%M"))
    # 09:00 is also when the talk comes "up next"; 09:55 when it joins the live strip.
    assert moments == ["08-08 00:00", "08-08 09:00", "08-08 09:55", "08-08 10:00",
                       "08-08 10:30", "08-08 18:00", "08-12 00:00"]
