"""iCalendar (RFC 5545) files of the programme, built with the ``icalendar`` library."""

from datetime import UTC, date
from functools import lru_cache

from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone, vCategory, vDatetime, vText, vUri

from summit.text import html_to_text
from summit.translated import reader

from ..models import Forum, Speaker, Talk

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
    lines = Lines(summit.tzinfo)
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
    """Values recurring across a calendar, each made once: the speaker and stream lines of
    the descriptions, and the typed start and end times parallel talks share.

    Properties are added as icalendar's own types (``vText``, ``vDatetime``...), the ones
    ``Component.add`` would pick: it then skips inferring the type and, for a time, its
    zone (which it did again on writing each one). ``to_ical`` only reads a value, so
    events can share one.
    """

    def __init__(self, tz):
        self.tz = tz
        self.speakers, self.streams, self.moments, self.forums = {}, {}, {}, {}
        # Translated fields read without asking for the language each time.
        self.title, self.abstract_html = reader(Talk, "title"), reader(Talk, "abstract_html")
        self.forum_title = reader(Forum, "title")
        self.name, self.honorific = reader(Speaker, "name"), reader(Speaker, "honorific")
        self.affiliation = reader(Speaker, "affiliation")

    def speaker(self, link):
        if link.speaker_id not in self.speakers:
            self.speakers[link.speaker_id] = self.speaker_line(link.speaker)
        return self.speakers[link.speaker_id]

    def watch(self, streams):
        key = tuple(stream.pk for stream in streams)
        if key not in self.streams:
            self.streams[key] = [f"{stream}: {stream.url}" for stream in streams]
        return self.streams[key]

    def moment(self, value):
        """``value`` in the summit's zone."""
        if value not in self.moments:
            self.moments[value] = vDatetime(value.astimezone(self.tz))
        return self.moments[value]

    def speaker_line(self, speaker):
        """'Name (Latin name), Honorific, Affiliation'."""
        parts = [speaker.display_name_of(self.name(speaker))]
        parts += [value for value in (self.honorific(speaker), self.affiliation(speaker))
                  if value]
        return ", ".join(parts)

    def forum(self, forum):
        """The forum's CATEGORIES value."""
        if forum.pk not in self.forums:
            self.forums[forum.pk] = vCategory([self.forum_title(forum)])
        return self.forums[forum.pk]


def utc(value):
    """A time of record (DTSTAMP, CREATED, LAST-MODIFIED): RFC 5545 wants them in UTC, which
    ``Component.add`` converts a datetime to."""
    return vDatetime(value.astimezone(UTC))


def talk_event(talk, summit, streams, absolute_url, lines):
    url = absolute_url(talk.get_absolute_url())
    event = Event()
    event.add("uid", vText(talk_uid(talk, summit)))
    # No METHOD on the calendar, so DTSTAMP is the talk's last revision (RFC 5545 3.8.7.2);
    # this keeps the file identical between requests.
    updated = utc(talk.updated)
    event.add("dtstamp", updated)
    event.add("last-modified", updated)
    event.add("created", utc(talk.created))
    event.add("dtstart", lines.moment(talk.start))
    event.add("dtend", lines.moment(talk.end))
    event.add("summary", vText(lines.title(talk)))
    event.add("description", vText(talk_description(talk, streams, url, lines)))
    event.add("url", vUri(url))
    if streams:
        event.add("location", vText(streams[0].url))
    elif summit.venue:
        event.add("location", vText(summit.venue))
    event.add("categories", lines.forum(talk.forum))
    event.add("status", vText("CANCELLED" if talk.is_cancelled else "CONFIRMED"))
    return event


def talk_description(talk, streams, url, lines):
    parts = []
    if talk.is_cancelled:
        parts.append(_("This talk has been cancelled."))
    # Line breaks stay: calendar apps show the abstract in paragraphs.
    abstract = html_to_text(lines.abstract_html(talk), collapse=False).strip()
    if abstract:
        parts.append(abstract)
    if talk.speaker_links:
        speakers = [lines.speaker(link) for link in talk.speaker_links]
        parts.append("\n".join([_("Speakers:"), *speakers]))
    if streams:
        parts.append("\n".join([_("Watch:"), *lines.watch(streams)]))
    parts.append(url)
    return "\n\n".join(parts)

