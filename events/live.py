"""What is on air: the rules the live strip, the "live" marks and the talk page share.

The server applies them when it renders a page; static/js/live.js applies the same rules in
the browser with the browser's clock, reading LEAD and WINDOW from the page, so a page
served from a cache or left open stays current.
"""

from datetime import timedelta

LEAD = timedelta(minutes=5)  # a talk joins the strip this long before it starts
WINDOW = timedelta(hours=1)  # "up next" looks this far ahead
COUNTDOWN = timedelta(days=1)  # the talk page counts down from this long before


def on_air(talk, now):
    """On air (or about to be): from LEAD before the start until the end."""
    return talk.start - LEAD <= now < talk.end


def coming_up(talk, now):
    return now < talk.start - LEAD and talk.start <= now + WINDOW


def split(talks, now):
    """(on air, up next) among ``talks``, each in time order."""
    return ([talk for talk in talks if on_air(talk, now)],
            [talk for talk in talks if coming_up(talk, now)])


def phase(talk, now):
    """"before", "live" or "after": which part of the talk page shows."""
    if now >= talk.end:
        return "after"
    return "live" if on_air(talk, now) else "before"
