"""Model factories shared by every test package."""

from datetime import UTC, date, datetime, time, timedelta

import factory

from events.models import Forum, Speaker, Stream, Summit, Talk, TalkSpeaker

SUMMIT_START = date(2022, 8, 8)


class SummitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Summit
        django_get_or_create = ("slug",)

    name = "AI for Science Summit 2022"
    short_name = "AISS 2022"
    slug = "ai4s-2022"
    theme = "AI for Science：共创新未来"
    series = "Zhongguancun Forum"
    start_date = SUMMIT_START
    end_date = date(2022, 8, 11)
    time_zone = "Asia/Shanghai"
    format = Summit.Format.ONLINE
    is_current = True


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    name = factory.Sequence(lambda n: f"测试讲者{n}")
    name_latin = factory.Sequence(lambda n: f"Test Speaker {n}")
    slug = factory.Sequence(lambda n: f"test-speaker-{n}")
    honorific = "Professor"
    affiliation = "Example Institute"
    bio = "Sample speaker for tests."


class ForumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Forum

    summit = factory.SubFactory(SummitFactory)
    kind = Forum.Kind.SUB
    title = factory.Sequence(lambda n: f"Forum {n}")
    slug = factory.Sequence(lambda n: f"forum-{n}")
    date = SUMMIT_START
    start_time = time(9, 0)
    end_time = time(18, 0)


def shanghai(day, hour, minute=0):
    """An aware datetime for a wall-clock time in Asia/Shanghai (UTC+8, no DST)."""
    return datetime.combine(day, time(hour, minute), tzinfo=UTC) - timedelta(hours=8)


class TalkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Talk

    forum = factory.SubFactory(ForumFactory)
    title = factory.Sequence(lambda n: f"Talk number {n}")
    slug = factory.Sequence(lambda n: f"talk-{n}")
    kind = Talk.Kind.TALK
    start = factory.LazyAttribute(lambda o: shanghai(o.forum.date, 9))
    end = factory.LazyAttribute(lambda o: o.start + timedelta(minutes=30))
    abstract = "An *abstract*."


class TalkSpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TalkSpeaker

    talk = factory.SubFactory(TalkFactory)
    speaker = factory.SubFactory(SpeakerFactory)


class StreamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stream

    summit = factory.SubFactory(SummitFactory)
    platform = Stream.Platform.BILIBILI
    channel_name = "科学智能AISI"
    url = "https://live.bilibili.com/example"


def build_programme(summit, talks_count, speakers_per_talk=2):
    """A programme of ``talks_count`` talks spread over forums of 8 talks, with speakers."""
    forums, talks = [], []
    for index in range(talks_count):
        if index % 8 == 0:
            day = summit.start_date + timedelta(days=(index // 8) % 4)
            forums.append(ForumFactory(summit=summit, date=day,
                                       kind=Forum.Kind.MAIN if index == 0 else Forum.Kind.SUB))
        forum = forums[-1]
        start = shanghai(forum.date, 9) + timedelta(minutes=40 * (index % 8))
        talk = TalkFactory(forum=forum, start=start, end=start + timedelta(minutes=30))
        for order in range(speakers_per_talk):
            TalkSpeakerFactory(talk=talk, order=order)
        talks.append(talk)
    for forum in forums:
        forum.chairs.add(SpeakerFactory())
        StreamFactory(summit=summit, forum=forum)
    StreamFactory(summit=summit)
    return forums, talks
