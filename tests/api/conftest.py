from datetime import date, time

import pytest

from events.models import Forum, Talk
from tests.factories import (
    ForumFactory,
    SpeakerFactory,
    StreamFactory,
    TalkFactory,
    TalkSpeakerFactory,
    shanghai,
)

DAY1, DAY2 = date(2022, 8, 8), date(2022, 8, 9)


@pytest.fixture
def programme(summit):
    """Two forums on two days, one talk each (one cancelled), one speaker, one chair."""
    main = ForumFactory(
        summit=summit, kind=Forum.Kind.MAIN, title="主论坛", slug="main", topic="AI for Science",
        description="The **main** forum.", date=DAY1, start_time=time(9), end_time=time(12),
    )
    sub = ForumFactory(
        summit=summit, title="Materials", slug="materials", date=DAY2,
        start_time=time(14), end_time=time(17),
    )
    speaker = SpeakerFactory(
        name="鄂维南", name_latin="E Weinan", slug="e-weinan", honorific="Academician",
        affiliation="Peking University", position="Professor", bio="A *mathematician*.",
        website="https://example.org/e",
    )
    chair = SpeakerFactory(
        name="张三", name_latin="Zhang San", slug="zhang-san", honorific="", affiliation="DP",
        bio="",
    )
    main.chairs.add(chair)
    keynote = TalkFactory(
        forum=main, title="AI for Science", slug="keynote", kind=Talk.Kind.KEYNOTE,
        start=shanghai(DAY1, 9), end=shanghai(DAY1, 9, 45), abstract="An *abstract*.",
        replay_url="https://example.org/replay",
    )
    TalkSpeakerFactory(talk=keynote, speaker=speaker)
    cancelled = TalkFactory(
        forum=sub, title="Cancelled talk", slug="cancelled-talk", status=Talk.Status.CANCELLED,
        start=shanghai(DAY2, 14), end=shanghai(DAY2, 14, 30), abstract="", language="en",
        slides_url="https://example.org/slides.pdf",
    )
    StreamFactory(summit=summit, url="https://live.bilibili.com/example")
    StreamFactory(summit=summit, forum=sub, platform="site", channel_name="", url="https://example.org/live")
    return {"main": main, "sub": sub, "speaker": speaker, "chair": chair,
            "keynote": keynote, "cancelled": cancelled}
