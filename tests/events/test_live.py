from datetime import UTC, datetime, timedelta

import pytest
from django.utils import translation

from events import live
from events.models import Talk

START = datetime(2022, 8, 8, 1, 0, tzinfo=UTC)


def talk():
    return Talk(start=START, end=START + timedelta(minutes=30))


@pytest.mark.parametrize(("minutes", "phase", "on_air", "coming_up"), [
    (-61, "before", False, False),  # more than an hour ahead
    (-60, "before", False, True),
    (-6, "before", False, True),
    (-5, "live", True, False),  # joins the strip five minutes early
    (0, "live", True, False),
    (29, "live", True, False),
    (30, "after", False, False),  # leaves when it ends
])
def test_rules_around_a_talk(minutes, phase, on_air, coming_up):
    now = START + timedelta(minutes=minutes)
    assert (live.phase(talk(), now), live.on_air(talk(), now), live.coming_up(talk(), now)) == (
        phase, on_air, coming_up)


@pytest.mark.parametrize(("before", "label"), [
    (timedelta(minutes=25), "Starts in 25 min"),
    (timedelta(minutes=24, seconds=1), "Starts in 25 min"),  # rounded up, never "0 min"
    (timedelta(seconds=10), "Starts in 1 min"),
    (timedelta(hours=2, minutes=5), "Starts in 2 h 5 min"),
    (timedelta(days=1), "Starts in 24 h 0 min"),
    (timedelta(days=1, seconds=1), ""),
    (timedelta(0), ""),
    (-timedelta(minutes=1), ""),
])
def test_countdown(before, label):
    with translation.override("en"):
        assert live.countdown(talk(), START - before) == label


def test_countdown_in_chinese():
    with translation.override("zh-hans"):
        assert live.countdown(talk(), START - timedelta(minutes=25)) == "25 分钟后开始"
