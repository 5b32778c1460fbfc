"""Formatting of programme times and dates for the public pages.

Times are always shown in the summit's own zone, with the zone named, because many
readers are in another time zone and must not guess.
"""

import html

from django import template
from django.template import engines
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from summit import links, translated

from .. import live

register = template.Library()


def _is_chinese():
    return (get_language() or "").startswith("zh")


def utc_offset_label(moment):
    """``UTC+8``, ``UTC+5:30``, ``UTC-3`` for an aware datetime."""
    minutes = int(moment.utcoffset().total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


@register.filter
def day_label(value):
    """A day in the navigation and headings: ``8月8日 星期一`` / ``Monday 8 August``."""
    if _is_chinese():
        return date_format(value, "n月j日 l")
    return date_format(value, "l j F")


@register.filter
def date_span(summit):
    """The summit's dates as one short range."""
    start, end = summit.start_date, summit.end_date
    if start == end:
        return date_format(start, "DATE_FORMAT")
    same_month = (start.year, start.month) == (end.year, end.month)
    if _is_chinese():
        tail = date_format(end, "j日" if same_month else "n月j日")
        return f"{date_format(start, 'Y年n月j日')}至{tail}"
    if same_month:
        return f"{start.day}–{date_format(end, 'j F Y')}"
    return f"{date_format(start, 'j F')} – {date_format(end, 'j F Y')}"


def _when_html(start, day, time_range, summit):
    # The range never breaks ("09:10–" / "09:35"); the line may break after the day.
    # format_html's work (conditional_escape of each value), without its lazy wrappers:
    # every card of a schedule writes one.
    iso, day, time_range, zone, offset = (html.escape(value) for value in (
        start.isoformat(), day, time_range, summit.time_zone, utc_offset_label(start)))
    return mark_safe(  # noqa: S308 - every value escaped just above
        f'<span class="when"><time datetime="{iso}">{day}<span class="when__range">'
        f'{time_range}</span></time> <span class="tz">({zone}, {offset})</span></span>'
    )


@register.simple_tag
def talk_time(talk, with_date=False):
    """``09:00–09:30 (Asia/Shanghai, UTC+8)`` in the summit's zone, as HTML."""
    summit = talk.forum.summit
    start = talk.start.astimezone(summit.tzinfo)
    end = talk.end.astimezone(summit.tzinfo)
    day = f"{day_label(start.date())} " if with_date else ""
    return _when_html(start, day, f"{start:%H:%M}–{end:%H:%M}", summit)


@register.simple_tag
def forum_time(forum):
    """A forum's date and time window with the zone named, as HTML."""
    time_range = f"{forum.start_time:%H:%M}–{forum.end_time:%H:%M}"
    return _when_html(forum.starts_at, f"{day_label(forum.date)} ", time_range, forum.summit)


@register.filter
def on_air(talk, now):
    """Whether a talk card carries the "live" mark when the page is rendered."""
    return bool(now) and not talk.is_cancelled and talk.kind != "break" and live.on_air(talk, now)


class ChoiceLabels(dict):
    """A field's choice labels by value, translated once; an unknown value shows as itself
    (as ``get_FOO_display`` does, which translates every label of the field at each call)."""

    def __init__(self, choices):
        super().__init__((value, str(label)) for value, label in choices)

    def __missing__(self, value):
        return value


def _card_kit(context):
    """What every card of the page would look up again (the zone, the link routes, the
    labels, a time shared by parallel talks), looked up once a render: a schedule page
    renders a list per forum."""
    kit = context.render_context.get(_card_kit)
    if kit is None:
        # the models (opengraph) import this module
        from ..models import Forum, Speaker, Stream, Talk, TalkSpeaker

        now = context.get("now")
        zone = timezone.get_current_timezone()  # Django's |date:'c' shows this zone
        times, spans, people, stream_lists = {}, {}, {}, {}
        channel_name = translated.reader(Stream, "channel_name")
        speaker_url = links.slug_urls("events:speaker_detail")
        name, honorific, affiliation = (
            translated.reader(Speaker, field) for field in ("name", "honorific", "affiliation"))

        def time_html(talk, with_date):
            key = (talk.start, talk.end, talk.forum.summit.time_zone, with_date)
            if key not in times:
                times[key] = talk_time(talk, with_date)
            return times[key]

        def span(talk):
            """(start, end) as ISO 8601 in the page's zone, shared by parallel talks."""
            key = (talk.start, talk.end)
            if key not in spans:
                spans[key] = (talk.start.astimezone(zone).isoformat(),
                              talk.end.astimezone(zone).isoformat())
            return spans[key]

        def person(speaker):
            """(link, name, honorific, affiliation) of a speaker, once a page."""
            if speaker.pk not in people:
                people[speaker.pk] = (speaker_url(speaker.slug), name(speaker),
                                      honorific(speaker), affiliation(speaker))
            return people[speaker.pk]

        def streams_html(streams):
            """The printed stream addresses, once per list (most forums share the summit's)."""
            key = tuple(stream.pk for stream in streams)
            if key not in stream_lists:
                stream_lists[key] = _print_streams_html(streams, channel_name)
            return stream_lists[key]

        kit = context.render_context[_card_kit] = {
            "is_on_air": lambda talk: on_air(talk, now),
            "span": span,
            "talk_time": time_html,
            "talk_url": links.slug_urls("events:talk_detail"),
            "person": person,
            "kinds": ChoiceLabels(Talk.Kind.choices),
            "roles": ChoiceLabels(TalkSpeaker.Role.choices),
            "labels": {"cancelled": gettext("Cancelled"), "replay": gettext("Replay"),
                       "live": gettext("Live"),
                       "to_be_announced": gettext("Talks to be announced.")},
            "title": translated.reader(Talk, "title"),
            "forum_title": translated.reader(Forum, "title"),
            "print_streams": streams_html,
        }
    return kit


@register.simple_tag(takes_context=True)
def talk_cards(context, talks, heading="h3", show_forum=False, with_date=False):
    """The talk cards of a list, rendered by Jinja2 (``summit/jinja2.py`` says why)."""
    template = engines["jinja2"].get_template("includes/talk_cards.html")
    return mark_safe(template.render({  # noqa: S308 - Jinja2 escaped every value
        **_card_kit(context),
        "talks": talks, "heading": heading, "show_forum": show_forum, "with_date": with_date,
    }))


@register.simple_tag(takes_context=True)
def schedule_days(context, schedule):
    """The schedule's days with their forum columns and cards, rendered by Jinja2."""
    template = engines["jinja2"].get_template("includes/schedule_days.html")
    return mark_safe(template.render({  # noqa: S308 - Jinja2 escaped every value
        **_card_kit(context), "day_label": day_label,
        "days": schedule.days, "heading": "h4", "show_forum": False, "with_date": False,
    }))



def _print_streams_html(streams, channel_name):
    template = engines["jinja2"].get_template("includes/print_streams.html")
    return mark_safe(template.render({  # noqa: S308 - Jinja2 escaped every value
        "streams": streams, "channel_name": channel_name}))


@register.simple_tag
def print_streams(streams):
    """A forum's stream addresses as text, for the printed programme."""
    from ..models import Stream

    return _print_streams_html(streams, translated.reader(Stream, "channel_name"))
