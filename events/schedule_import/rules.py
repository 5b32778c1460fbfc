"""The admin's programme rules, applied to an import after its talks are saved.

Checked once everything is written (inside the import's transaction), so talks that swap
places in a re-import do not clash with their own old times; every clash is listed.
"""

from ..models import Talk
from .slots import ScheduleImportError


def check_programme(saved):
    """Raise ScheduleImportError listing each overlap in a forum and each double-booked
    speaker among ``saved`` [(slot, talk)], as Talk.clean and TalkSpeaker.clean refuse."""
    problems, reported = [], set()
    for slot, talk in saved:
        if talk.is_cancelled:
            continue
        for other in Talk.objects.forum_clashes(talk):
            if _first_time(reported, "forum", talk, other):
                problems.append(f"{slot.label} ({talk.local_range()}) overlaps "
                                f"{_name(other)} in room '{slot.room}'.")
        for link in talk.talk_speakers.select_related("speaker"):
            speaker = link.speaker
            for other in Talk.objects.speaker_clashes(speaker, talk.start, talk.end, talk.pk):
                if _first_time(reported, speaker.pk, talk, other):
                    problems.append(f"{slot.label} ({talk.local_range()}): person "
                                    f"'{speaker.name}' is also in {_name(other)}.")
    if problems:
        places = "1 place" if len(problems) == 1 else f"{len(problems)} places"
        raise ScheduleImportError(
            f"the programme breaks the admin's rules in {places}.", details=problems
        )


def _first_time(reported, kind, talk, other):
    """Each pair of talks is one problem, whichever of the two is checked first."""
    key = (kind, frozenset((talk.pk, other.pk)))
    if key in reported:
        return False
    reported.add(key)
    return True


def _name(talk):
    return f"'{talk.title}' ({talk.local_range()})"
