"""iCalendar (RFC 5545) files of the programme, built with the ``icalendar`` library."""

from datetime import date
from functools import lru_cache

from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone

from summit.text import html_to_text

PRODID = "-//Summit portal//Programme//EN"


def talk_uid(talk, summit):
    """Stable across requests, hosts and edits: derived from the talk's guid only."""
    return f"talk-{talk.guid}@{summit.slug}"


def build_calendar(schedule, talks, *, name, absolute_url):
    """A VCALENDAR with one VEVENT per talk; ``absolute_url(path)`` makes links absolute."""
    summit = schedule.summit
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", summit.time_zone)
    streams = {entry.forum.pk: entry.streams for day in schedule.days for entry in day.forums}
    # The same lines recur across the programme: a forum's streams under every one of its
    # talks, a speaker under each of their talks. Each is written once.
    lines = Lines()
    for talk in talks:
        calendar.add_component(
            talk_event(talk, summit, streams.get(talk.forum_id, []), absolute_url, lines)
        )
    # Every event's times are in the summit's zone, so the first says which VTIMEZONE the
    # file needs (none when icalendar wrote UTC); one covering the summit's years is
    # enough. It goes first, where ``Calendar.add_missing_timezones`` would put it.
    first = calendar.subcomponents[0] if calendar.subcomponents else None
    tzid = first["DTSTART"].params.get("TZID") if first else None
    if tzid:
        calendar.subcomponents.insert(0, vtimezone(
            tzid, summit.start_date.year, summit.end_date.year + 1))
    return calendar.to_ical()


@lru_cache(maxsize=16)
def vtimezone(tzid, first_year, last_year):
    """The VTIMEZONE of ``tzid`` from 1 January of ``first_year`` to that of ``last_year``.

    Made once per process: icalendar finds a zone's transitions by asking its offset
    across the years, which took most of a one-talk calendar's time; the component is only
    read afterwards (``to_ical``), never changed.
    """
    return Timezone.from_tzid(tzid, first_date=date(first_year, 1, 1),
                              last_date=date(last_year, 1, 1))


class Lines:
    """Speaker and stream lines of the description, each made once a calendar."""

    def __init__(self):
        self.speakers, self.streams = {}, {}

    def speaker(self, link):
        if link.speaker_id not in self.speakers:
            self.speakers[link.speaker_id] = speaker_line(link)
        return self.speakers[link.speaker_id]

    def watch(self, streams):
        key = tuple(stream.pk for stream in streams)
        if key not in self.streams:
            self.streams[key] = [f"{stream}: {stream.url}" for stream in streams]
        return self.streams[key]


def talk_event(talk, summit, streams, absolute_url, lines):
    tz = summit.tzinfo
    url = absolute_url(talk.get_absolute_url())
    event = Event()
    event.add("uid", talk_uid(talk, summit))
    # No METHOD on the calendar, so DTSTAMP is the talk's last revision (RFC 5545 3.8.7.2);
    # this keeps the file identical between requests.
    event.add("dtstamp", talk.updated)
    event.add("last-modified", talk.updated)
    event.add("created", talk.created)
    event.add("dtstart", talk.start.astimezone(tz))
    event.add("dtend", talk.end.astimezone(tz))
    event.add("summary", talk.title)
    event.add("description", talk_description(talk, streams, url, lines))
    event.add("url", url)
    if streams:
        event.add("location", streams[0].url)
    elif summit.venue:
        event.add("location", summit.venue)
    event.add("categories", [talk.forum.title])
    event.add("status", "CANCELLED" if talk.is_cancelled else "CONFIRMED")
    return event


def talk_description(talk, streams, url, lines):
    parts = []
    if talk.is_cancelled:
        parts.append(_("This talk has been cancelled."))
    # Line breaks stay: calendar apps show the abstract in paragraphs.
    abstract = html_to_text(talk.abstract_html, collapse=False).strip()
    if abstract:
        parts.append(abstract)
    if talk.speaker_links:
        speakers = [lines.speaker(link) for link in talk.speaker_links]
        parts.append("\n".join([_("Speakers:"), *speakers]))
    if streams:
        parts.append("\n".join([_("Watch:"), *lines.watch(streams)]))
    parts.append(url)
    return "\n\n".join(parts)


def speaker_line(link):
    """'Name (Latin name), Honorific, Affiliation' for one TalkSpeaker row."""
    speaker = link.speaker
    parts = [speaker.display_name]
    parts += [value for value in (speaker.honorific, speaker.affiliation) if value]
    return ", ".join(parts)
