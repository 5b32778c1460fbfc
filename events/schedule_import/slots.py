"""The file's events as checked slots: dates, times and guids, before anything is saved."""

import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

HHMM = re.compile(r"^([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?$")
# An event's values that must be strings when present: a list or number there is a broken
# file, not something to print into a title.
EVENT_TEXT = ("title", "subtitle", "abstract", "description", "language", "type", "slug",
              "date", "start", "duration", "track")
DAY_END = time(23, 59)  # a forum's latest end: Forum.end_time cannot say midnight


class ScheduleImportError(ValueError):
    """A schedule file that cannot be imported; nothing was changed. ``details`` lists
    the problems when there are several (the message then introduces them)."""

    def __init__(self, message, details=()):
        super().__init__(message)
        self.details = list(details)


@dataclass
class Slot:
    """One event of the file, parsed and checked, before it touches the database."""

    data: dict
    label: str
    room: str
    start: datetime
    end: datetime


def list_of(container, key, where):
    """The list under ``key`` (missing is empty); ``where`` names it in the error."""
    value = container.get(key) or []
    if not isinstance(value, list):
        raise ScheduleImportError(f"{where}: '{key}' is not a list.")
    return value


def kind_of(value):
    """How an error names a JSON value that is not what it should be."""
    if isinstance(value, str):
        return "text"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    return "a list" if isinstance(value, list) else "an object"


def text_of(container, key, where):
    """The string under ``key``, or "" when missing or null."""
    value = container.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ScheduleImportError(f"{where}: '{key}' is {kind_of(value)}, not text.")
    return value


def check_rooms(conference):
    """The conference's room list: objects, each named by a string."""
    for room in list_of(conference, "rooms", "conference"):
        if not isinstance(room, dict):
            raise ScheduleImportError(f"conference: a room is {kind_of(room)}, not an object.")
        text_of(room, "name", f"room {room.get('name')!r}"[:80])


def rooms_of(day):
    """A day's {room name: events}."""
    rooms = day.get("rooms") if isinstance(day, dict) else None
    if not isinstance(rooms, dict):
        raise ScheduleImportError(f"day {day.get('date') if isinstance(day, dict) else day!r}: "
                                  "'rooms' is not an object.")
    return rooms


def parse_date(value, where):
    """The date at the start of ``value`` (a date or an ISO date-time)."""
    try:
        return date.fromisoformat(str(value or "")[:10])
    except ValueError:
        raise ScheduleImportError(f"{where}: {value!r} is not a date.") from None


def parse_slot(summit, event, room, day):
    """One event as a :class:`Slot`, its times checked against the summit's dates."""
    if not isinstance(event, dict):
        raise ScheduleImportError(f"room '{room}': an event is not an object.")
    guid, title = event.get("guid"), event.get("title")
    label = f"event guid={guid} '{title if isinstance(title, str | int | float) else ''}'"
    try:
        event["guid"] = uuid.UUID(str(guid))
    except ValueError:
        raise ScheduleImportError(f"{label}: guid {guid!r} is not a UUID.") from None
    for key in EVENT_TEXT:
        text_of(event, key, label)
    if not str(event.get("title") or "").strip():
        raise ScheduleImportError(f"{label}: 'title' is empty.")
    if len(event["title"]) > 300:
        raise ScheduleImportError(f"{label}: 'title' is longer than 300 characters.")
    start = _start(event, label, summit, day)
    duration = _hhmm(event.get("duration"), label, "duration")
    if duration <= timedelta(0):
        raise ScheduleImportError(f"{label}: duration {event.get('duration')!r} is not positive.")
    end = start + duration
    tz = summit.tzinfo
    local_start, local_end = start.astimezone(tz), end.astimezone(tz)
    if not summit.start_date <= local_start.date() <= summit.end_date:
        raise ScheduleImportError(
            f"{label}: {local_start:%Y-%m-%d} is outside the summit's dates "
            f"({summit.start_date} to {summit.end_date})."
        )
    if local_end.date() != local_start.date():
        if local_end.time() != time(0):
            raise ScheduleImportError(f"{label}: runs past midnight; a forum lies within one day.")
        if local_start.time() >= DAY_END:
            raise ScheduleImportError(
                f"{label}: starts at {local_start:%H:%M:%S} and ends at midnight; a forum "
                "ends by 23:59, so an event ending at midnight must start before then."
            )
    return Slot(data=event, label=label, room=str(room), start=start, end=end)


def _start(event, label, summit, day):
    start_text = event.get("start")
    clock = _hhmm(start_text, label, "start", clock=True) if start_text is not None else None
    value = str(event.get("date") or "")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ScheduleImportError(f"{label}: date {value!r} is not an ISO date-time.") from None
    if len(value) == 10:  # a bare date: the clock time comes from "start"
        if clock is None:
            raise ScheduleImportError(f"{label}: no 'start' time.")
        moment = datetime.combine(moment.date(), time()) + clock
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=summit.tzinfo)
    return moment


def _hhmm(value, label, key, clock=False):
    match = HHMM.match(str(value or ""))
    if not match:
        raise ScheduleImportError(f"{label}: {key} {value!r} is not HH:MM.")
    hours, minutes, seconds = (int(part or 0) for part in match.groups())
    if minutes > 59 or seconds > 59 or (clock and hours > 23):
        raise ScheduleImportError(f"{label}: {key} {value!r} is not a time.")
    return timedelta(hours=hours, minutes=minutes, seconds=seconds)


def check_unique_guids(slots):
    """Each event's guid once in the file: it is what a re-import finds the talk by."""
    seen = set()
    for slot in slots:
        if slot.data["guid"] in seen:
            raise ScheduleImportError(f"{slot.label}: the guid appears twice in the file.")
        seen.add(slot.data["guid"])


def room_days(conference, slots, tz):
    """{(room, local date): what sets its hours}, for a room listed on a day or holding
    an event on it; a forum is made for each."""
    windows = {}
    for day in conference.get("days") or []:
        bounds = _day_bounds(day, tz)
        for room in day["rooms"]:
            key = (str(room), parse_date(day.get("date"), f"day {day.get('date')!r}"))
            windows.setdefault(key, {"bounds": bounds, "day": day.get("date"), "slots": []})
    for slot in slots:
        key = (slot.room, slot.start.astimezone(tz).date())
        windows.setdefault(key, {"bounds": None, "day": None, "slots": []})["slots"].append(slot)
    return windows


def _day_bounds(day, tz):
    """The day's start and end, local, if both fall on the day's own date."""
    try:
        start = datetime.fromisoformat(str(day.get("day_start"))).astimezone(tz)
        end = datetime.fromisoformat(str(day.get("day_end"))).astimezone(tz)
    except ValueError:
        return None
    if start.date() != end.date() or end <= start:
        return None
    return start, end


def forum_hours(day_date, info, tz):
    """A forum's local (start, end) time: its events, widened to the day's hours."""
    starts = [slot.start.astimezone(tz) for slot in info["slots"]]
    ends = [slot.end.astimezone(tz) for slot in info["slots"]]
    bounds = info["bounds"]
    if bounds and bounds[0].date() == day_date:
        starts.append(bounds[0])
        ends.append(bounds[1])
    if not starts:
        return None, None
    end = max(ends)
    end_time = time(23, 59) if end.date() > day_date else end.time()
    return min(starts).time(), end_time
