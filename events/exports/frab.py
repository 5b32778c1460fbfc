"""The frab ``schedule.xml`` and c3voc ``schedule.json`` formats.

Both render from one document built from ``queries.build_schedule``: the JSON is that
document, the XML is the same data in frab's element layout. The output is deterministic
(no generation timestamps; the version is a hash of the content) so that export, import
and export again give the same bytes.
"""

import hashlib
import io
import json
import xml.etree.ElementTree as ET  # noqa: S405 - we only build XML here, never parse it

import orjson

from summit import links
from summit.text import strip_control_characters
from summit.translated import reader

from ..models import Forum, Speaker, Talk

SCHEMA_URL = "https://c3voc.de/schedule/schema.json"
GENERATOR = {"name": "summit-portal", "version": "1.0"}
TIMESLOT = "00:05"
# Link titles stay English in every language: the files must not depend on the visitor.
LINK_TITLES = {"media": "Replay", "slides": "Slides"}
# The formats have no status: a cancelled talk stays in the file (so apps that stored it
# learn of the cancellation) with this fixed prefix, which the importer reads back.
CANCELLED_PREFIX = "[Cancelled] "


def frab_acronym(slug):
    """The summit slug in the acronym alphabet of the schema (no hyphen after the first char)."""
    return slug.lower().replace("-", "_")


def hhmm(delta):
    minutes = int(delta.total_seconds() // 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def event_ids(talks):
    """Positive 31-bit ids derived from the guids: stable across databases and imports."""
    ids, taken = {}, set()
    for talk in sorted(talks, key=lambda t: str(t.guid)):
        number = talk.guid.int % (2**31 - 1) + 1
        while number in taken:  # collisions are rare; probing in guid order stays stable
            number = number % (2**31 - 1) + 1
        taken.add(number)
        ids[talk.pk] = number
    return ids


def schedule_document(schedule, *, absolute_url, versioned=True):
    """The c3voc schedule.json document as a dict; ``absolute_url(path)`` makes URLs.

    ``versioned=False`` leaves the version (a hash of the whole content) empty, for the
    XML, which hashes its own content instead.
    """
    summit = schedule.summit
    acronym = frab_acronym(summit.slug)
    ids = event_ids(schedule.talks)
    names = room_names(schedule.forums)
    shared = Shared(summit, absolute_url)
    days = []
    for day in schedule.days:
        rooms = {}
        for entry in day.forums:
            rooms[names[entry.forum.pk]] = [
                event_entry(talk, acronym, ids[talk.pk], names, shared) for talk in entry.talks
            ]
        days.append({
            "index": (day.date - summit.start_date).days + 1,
            "date": day.date.isoformat(),
            "day_start": min(e.forum.starts_at for e in day.forums).isoformat(),
            "day_end": max(e.forum.ends_at for e in day.forums).isoformat(),
            "rooms": rooms,
        })
    conference = {
        "acronym": acronym,
        "title": summit.name,
        "start": summit.start_date.isoformat(),
        "end": summit.end_date.isoformat(),
        "daysCount": (summit.end_date - summit.start_date).days + 1,
        "timeslot_duration": TIMESLOT,
        "time_zone_name": summit.time_zone,
        "url": absolute_url(summit.get_absolute_url()),
        "rooms": [
            {"name": names[forum.pk], "slug": forum.slug, "guid": str(forum.guid),
             "description": forum.description}
            for forum in schedule.forums
        ],
        "days": days,
    }
    body = {"base_url": absolute_url("/"), "conference": conference}
    version = ""
    if versioned:
        version = hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()[:12]
    return {
        "$schema": SCHEMA_URL,
        "generator": GENERATOR,
        "schedule": {"version": version, **body},
    }


def room_names(forums):
    """Each forum is a room named by its title; two forums on one day get told apart."""
    seen, names = set(), {}
    for forum in forums:
        name = forum.title
        if (forum.date, name) in seen:
            name = f"{forum.title} ({forum.slug})"
        seen.add((forum.date, name))
        names[forum.pk] = name
    return names


def room_guids_by_day(conference):
    """{(date, room name): guid}: the i-th day a room name appears takes the i-th room
    of that name in ``conference["rooms"]``. A guid shared by several (date, room) pairs
    (a frab room spanning days, or a reused guid) maps to None: the importer derives one."""
    listed = {}
    for room in conference.get("rooms") or []:
        listed.setdefault(room.get("name"), []).append(room.get("guid"))
    pairs = {}
    for day in conference.get("days") or []:
        for name in (day.get("rooms") or {}):
            pairs.setdefault(name, []).append(day.get("date"))
    result = {}
    for name, dates in pairs.items():
        guids = listed.get(name, [])
        if len(guids) != len(dates):
            guids = [guids[0] if len(guids) == 1 else None] * len(dates)
        result.update({(date, name): guid for date, guid in zip(dates, guids, strict=True)})
    counts = {}
    for guid in result.values():
        counts[guid] = counts.get(guid, 0) + 1
    return {key: guid if guid and counts[guid] == 1 else None for key, guid in result.items()}


class Shared:
    """Parts of the document that recur, each made once: the talk route, the times of
    parallel talks, a forum's track, the person entry of a speaker with several talks
    (entries are only read)."""

    def __init__(self, summit, absolute_url):
        self.tz, self.absolute_url = summit.tzinfo, absolute_url
        self.talk_path = links.slug_urls("events:talk_detail")  # the route looked up once
        self.times, self.tracks, self.persons = {}, {}, {}
        # Translated fields read without asking for the language each time.
        self.title, self.abstract = reader(Talk, "title"), reader(Talk, "abstract")
        self.forum_title = reader(Forum, "title")
        self.name, self.bio = reader(Speaker, "name"), reader(Speaker, "bio")

    def times_of(self, talk):
        key = (talk.start, talk.end)
        if key not in self.times:
            start, end = talk.start.astimezone(self.tz), talk.end.astimezone(self.tz)
            self.times[key] = {"date": start.isoformat(), "start": f"{start:%H:%M}",
                               "end": end.isoformat(), "duration": hhmm(end - start)}
        return self.times[key]

    def track(self, forum):
        if forum.pk not in self.tracks:
            self.tracks[forum.pk] = self.forum_title(forum)
        return self.tracks[forum.pk]

    def person(self, speaker):
        if speaker.pk not in self.persons:
            self.persons[speaker.pk] = person_entry(speaker, self)
        return self.persons[speaker.pk]


def event_entry(talk, acronym, event_id, names, shared):
    absolute_url = shared.absolute_url
    links = []
    if talk.replay_url:
        links.append({"type": "media", "url": talk.replay_url, "title": LINK_TITLES["media"]})
    if talk.slides_url:
        links.append({"type": "slides", "url": talk.slides_url, "title": LINK_TITLES["slides"]})
    attachments = []
    if talk.slides:
        attachments.append({"type": "slides", "url": absolute_url(talk.slides.url),
                            "title": LINK_TITLES["slides"]})
    cancelled = talk.is_cancelled
    title = shared.title(talk)
    event = {
        "guid": str(talk.guid),
        "id": event_id,
        **shared.times_of(talk),  # date, start, end, duration
        "room": names[talk.forum_id],
        "slug": f"{acronym}-{talk.slug}",
        "url": absolute_url(shared.talk_path(talk.slug)),
        "title": f"{CANCELLED_PREFIX}{title}" if cancelled else title,
        "subtitle": "",
        "track": shared.track(talk.forum),
        "type": talk.kind,
        "language": talk.language,
        "abstract": shared.abstract(talk),
        "description": "",
        "persons": [shared.person(link.speaker) for link in talk.speaker_links],
        "links": links,
        "attachments": attachments,
    }
    if cancelled:
        event["do_not_record"] = True
    return event


def person_entry(speaker, shared):
    # "name" without "id" makes this a PretalxPerson only: the schema's oneOf needs exactly one.
    name = shared.name(speaker)
    person = {
        "guid": str(speaker.guid),
        "name": name,
        "public_name": name,
        "biography": shared.bio(speaker),
    }
    picture = speaker.picture_url
    if picture:
        # An imported avatar goes out as it came in, so the round trip holds.
        person["avatar"] = links.absolute_url(picture, shared.absolute_url)
    return person


def schedule_json(document):
    # orjson writes what json.dumps(ensure_ascii=False, indent=2) writes, in UTF-8, about ten
    # times faster: with an indent the standard library falls back to its Python encoder.
    return orjson.dumps(document, option=orjson.OPT_INDENT_2)


def schedule_xml(document):
    """The same document in the frab schedule.xml layout (validates against the XSD)."""
    data = document["schedule"]
    conference = data["conference"]
    root = ET.Element("schedule")
    ET.SubElement(root, "generator", name=GENERATOR["name"], version=GENERATOR["version"])
    _text(root, "version", "")  # filled in once the document is written
    conf = ET.SubElement(root, "conference")
    for key in ("acronym", "title", "start", "end"):
        _text(conf, key, conference[key])
    _text(conf, "days", conference["daysCount"])
    _text(conf, "timeslot_duration", conference["timeslot_duration"])
    _text(conf, "base_url", data["base_url"])
    _text(conf, "url", conference["url"])
    _text(conf, "time_zone_name", conference["time_zone_name"])
    guids = room_guids_by_day(conference)
    for day in conference["days"]:
        day_el = ET.SubElement(root, "day", index=str(day["index"]), date=day["date"],
                               start=day["day_start"], end=day["day_end"])
        for name, events in day["rooms"].items():
            room_el = ET.SubElement(day_el, "room", name=name)
            if guids[(day["date"], name)]:
                room_el.set("guid", guids[(day["date"], name)])
            for event in events:
                _event_xml(room_el, event)
    ET.indent(root)
    # The XML carries less than the JSON (no room slugs, no biographies): its version
    # hashes its own content (the document without its declaration, the version empty),
    # so an XML round trip reproduces it. Written once: the hash is then put in its place.
    written = _serialized(root, xml_declaration=True)
    body = memoryview(written)[written.index(b"\n") + 1:]  # after the declaration's line
    digest = hashlib.sha256(body).hexdigest()[:12]
    # The first "<version />" is the element: in any text or attribute "<" is escaped.
    return written.replace(b"<version />", f"<version>{digest}</version>".encode(), 1)


def _serialized(root, **options):
    """``ET.tostring(root, encoding="utf-8", ...)``, written as text and encoded once: to
    UTF-8 ElementTree writes through a TextIOWrapper call per tag, attribute and text.

    XML 1.0 cannot carry control characters, and rows saved before they were stripped on
    save may hold some: they are taken out of the written text, which is taking them out
    of every text and attribute (ElementTree writes none of its own).
    """
    stream = io.StringIO()  # no encoding of its own: the declaration names utf-8
    ET.ElementTree(root).write(stream, encoding="unicode", **options)
    return strip_control_characters(stream.getvalue()).encode("utf-8", "xmlcharrefreplace")


def _event_xml(parent, event):
    el = ET.SubElement(parent, "event", guid=event["guid"], id=str(event["id"]))
    for key in ("date", "start", "duration", "room", "slug", "url", "title", "subtitle",
                "track", "type", "language", "abstract", "description"):
        _text(el, key, event[key])
    if event.get("do_not_record"):
        recording = ET.SubElement(el, "recording")
        _text(recording, "license", "")
        _text(recording, "optout", "true")
    persons = ET.SubElement(el, "persons")
    for person in event["persons"]:
        _text(persons, "person", person["name"], guid=person["guid"])
    for group, tag in (("links", "link"), ("attachments", "attachment")):
        container = ET.SubElement(el, group)
        for ref in event[group]:
            _text(container, tag, ref["title"], href=ref["url"], type=ref["type"])


def _text(parent, tag, value, **attrs):
    el = ET.SubElement(parent, tag, **attrs)
    el.text = str(value)
    return el
