"""Read a frab schedule.xml or c3voc schedule.json into one plain-dict shape.

The shape is the JSON format's (``{"schedule": {"conference": {...}}}``), so the importer
handles one structure whichever format came in. Only what the importer uses is read.
"""

import json
import xml.etree.ElementTree as ET  # noqa: S405 - only for ParseError; parsing is defused

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from ..exports.frab import CANCELLED_PREFIX


class ScheduleFormatError(ValueError):
    """The file is not a schedule document; the message says where and why."""


def read_schedule(text):
    """Parse ``text`` as JSON or XML, chosen by its first character."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("{"):
        return mark_cancelled(read_json(stripped))
    if stripped.startswith("<"):
        return mark_cancelled(read_xml(stripped))
    raise ScheduleFormatError("The file is neither JSON (schedule.json) nor XML (schedule.xml).")


def read_json(text):
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ScheduleFormatError(
            f"JSON syntax error at line {error.lineno}, column {error.colno}: {error.msg}"
        ) from None
    except RecursionError:
        # json's decoder recurses once per nested array or object.
        raise ScheduleFormatError("JSON nested too deeply to be a schedule.") from None
    conference = (document.get("schedule") or {}).get("conference") if isinstance(
        document, dict) else None
    if not isinstance(conference, dict):
        raise ScheduleFormatError("JSON has no schedule.conference object.")
    return document


def read_xml(text):
    try:
        root = fromstring(text)
    except ET.ParseError as error:
        line, column = error.position
        raise ScheduleFormatError(f"XML syntax error at line {line}, column {column}.") from None
    except DefusedXmlException as error:
        raise ScheduleFormatError(f"XML refused: {error}") from None
    if root.tag != "schedule" or root.find("conference") is None:
        raise ScheduleFormatError("XML has no <schedule> root with a <conference> element.")
    conf = root.find("conference")
    conference = {
        key: conf.findtext(key)
        for key in ("acronym", "title", "start", "end", "time_zone_name")
        if conf.find(key) is not None
    }
    rooms, days = [], []
    for day in root.findall("day"):
        day_rooms = {}
        for room in day.findall("room"):
            name = room.get("name") or ""
            rooms.append({"name": name, "guid": room.get("guid")})
            day_rooms[name] = [_xml_event(event) for event in room.findall("event")]
        days.append({
            "date": day.get("date"), "day_start": day.get("start"),
            "day_end": day.get("end"), "rooms": day_rooms,
        })
    conference.update(rooms=rooms, days=days)
    return {"schedule": {"version": root.findtext("version"), "conference": conference}}


def _xml_event(el):
    event = {"guid": el.get("guid"), "id": el.get("id")}
    for key in ("date", "start", "duration", "room", "slug", "title", "subtitle", "track",
                "type", "language", "abstract", "description"):
        if el.find(key) is not None:
            event[key] = el.findtext(key) or ""
    event["persons"] = [
        {"guid": person.get("guid"), "name": (person.text or "").strip()}
        for person in el.findall("persons/person")
    ]
    event["links"] = [
        {"url": link.get("href"), "type": link.get("type"), "title": link.text or ""}
        for link in el.findall("links/link")
    ]
    return event


def mark_cancelled(document):
    """Events titled "[Cancelled] ..." (our export's marker) get ``cancelled: True`` and
    lose the prefix, so export, import, export gives the same file. Other shapes are left
    for the importer to report."""
    days = document["schedule"]["conference"].get("days")
    for day in days if isinstance(days, list) else []:
        rooms = day.get("rooms") if isinstance(day, dict) else None
        for events in rooms.values() if isinstance(rooms, dict) else []:
            for event in events if isinstance(events, list) else []:
                if not isinstance(event, dict):
                    continue
                title = event.get("title")
                cancelled = isinstance(title, str) and title.startswith(CANCELLED_PREFIX)
                if cancelled:
                    event["title"] = title[len(CANCELLED_PREFIX):]
                event["cancelled"] = cancelled
    return document
