from datetime import UTC, datetime, timedelta

import pytest

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


