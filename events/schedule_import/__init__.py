"""Importing a frab schedule.xml or c3voc schedule.json into a summit.

``readers`` turns either file into one dict shape, ``slots`` checks its events' times,
and ``saving`` writes the summit, forums, talks and speakers.
"""

from django.conf import settings
from django.db import transaction
from django.utils import translation

from .readers import ScheduleFormatError, read_schedule
from .rules import check_programme
from .saving import ImportResult, SpeakerCache, save_forums, save_summit, save_talk
from .slots import (
    ScheduleImportError,
    check_rooms,
    check_unique_guids,
    list_of,
    parse_slot,
    rooms_of,
)

__all__ = [
    "ImportResult", "ScheduleFormatError", "ScheduleImportError", "import_schedule",
    "read_schedule",
]


def import_schedule(*, document, summit_slug=None, language=None):
    """Create or update a summit's forums, talks and speakers from a schedule document.

    ``document`` is the dict from ``readers.read_schedule``. All or nothing: any error
    raises ScheduleImportError naming the element, and the database is unchanged. The
    admin's rules hold: overlapping talks in a room and double-booked speakers are refused.
    Texts (titles, abstracts, names, bios) fill the fields of ``language`` (Chinese by
    default) and leave the other language's alone.
    """
    conference = document["schedule"]["conference"]
    check_rooms(conference)
    with translation.override(language or settings.LANGUAGE_CODE), transaction.atomic():
        summit, created = save_summit(conference=conference, summit_slug=summit_slug)
        result = ImportResult(summit=summit)
        result.created["summits"] += created
        slots = [parse_slot(summit, event, room, day)
                 for day in list_of(conference, "days", "conference")
                 for room, events in rooms_of(day).items()
                 for event in list_of({"events": events}, "events", f"room '{room}'")]
        check_unique_guids(slots)
        forums = save_forums(summit=summit, conference=conference, slots=slots, result=result)
        speakers = SpeakerCache(result, document["schedule"].get("base_url"))
        acronym = str(conference.get("acronym") or "")
        saved = []
        for slot in slots:
            forum = forums[(slot.room, slot.start.astimezone(summit.tzinfo).date())]
            talk = save_talk(slot=slot, forum=forum, acronym=acronym, speakers=speakers,
                             result=result)
            saved.append((slot, talk))
        check_programme(saved)
    return result
