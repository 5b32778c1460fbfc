"""Saving a checked schedule: its summit, forums, talks and speakers."""

import re
import uuid
import zoneinfo
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import Q
from django.utils.text import slugify

from summit.markdown import check_markdown_size
from summit.slugs import unique_slug

from ..exports.frab import room_guids_by_day
from ..models import Forum, Speaker, Summit, Talk, TalkSpeaker
from .slots import (
    ScheduleImportError,
    forum_hours,
    kind_of,
    list_of,
    parse_date,
    room_days,
    text_of,
)

# Rooms without a guid of their own (or a frab room spanning days) get a forum guid
# derived from this namespace, so re-importing the same file finds the same forums.
FORUM_NAMESPACE = uuid.UUID("5a0c3f8e-7c1b-4d8e-9f57-3c1d2b6e8a41")
SPEAKER_NAMESPACE = uuid.UUID("8d3e2b71-4f0a-4c5e-b6a9-1e7f0c2d9b54")
SLUG = re.compile(r"^[-a-z0-9_]+$")
KINDS = {kind.value for kind in Talk.Kind}
LANGUAGES = {language.value for language in Talk.Language}


@dataclass
class ImportResult:
    """What an import created and updated, counted per kind of row."""

    summit: Summit
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    notes: list = field(default_factory=list)  # what the operator should know, one a line

    def summary(self):
        parts = [
            f"{label}: {self.created[label]} created, {self.updated[label]} updated"
            for label in ("forums", "talks", "speakers")
        ]
        lines = [f"Imported into summit '{self.summit.slug}': " + "; ".join(parts) + "."]
        return "\n".join(lines + [f"Note: {note}" for note in self.notes])


def save_summit(*, conference, summit_slug):
    """The summit named by ``summit_slug`` or the acronym; (summit, created)."""
    for key in ("acronym", "title", "time_zone_name"):
        text_of(conference, key, "conference")
    slug = summit_slug or slugify(str(conference.get("acronym") or "").replace("_", "-"))
    if not slug:
        raise ScheduleImportError("conference: no acronym; name a summit with --summit SLUG.")
    summit = Summit.objects.filter(slug=slug).first()
    if summit:
        return summit, False
    title = str(conference.get("title") or "").strip()
    if not title:
        raise ScheduleImportError("conference: 'title' is missing; a new summit needs a name.")
    start = parse_date(conference.get("start"), "conference 'start'")
    end = parse_date(conference.get("end"), "conference 'end'")
    if end < start:
        raise ScheduleImportError(f"conference: end {end} is before start {start}.")
    tz_name = conference.get("time_zone_name") or settings.TIME_ZONE
    if tz_name not in zoneinfo.available_timezones():
        raise ScheduleImportError(f"conference: time_zone_name '{tz_name}' is not a time zone.")
    summit = Summit(name=title[:200], slug=slug, start_date=start, end_date=end,
                    time_zone=tz_name, is_current=False)
    summit.save()
    return summit, True


def save_forums(*, summit, conference, slots, result):
    """One forum per (room, local date); a room listed for a day without events too."""
    tz = summit.tzinfo
    guids = room_guids_by_day(conference)
    descriptions = {room.get("name"): room for room in conference.get("rooms") or []}
    windows = room_days(conference, slots, tz)
    order = {room: index for index, room in enumerate(descriptions)}
    names_on_dates = Counter(name for name, _ in windows)
    forums = {}
    for (name, day_date), info in windows.items():
        start, end = forum_hours(day_date, info, tz)
        if start is None:
            continue  # an empty room on a day whose hours span midnight: nothing to show
        guid = guids.get((info["day"], name)) if info["day"] == day_date.isoformat() else None
        if guid is None:
            # With the summit in the seed, another conference's room of the same name on
            # the same day is another forum.
            seed = f"{summit.slug}|{name}|{day_date.isoformat()}"
            guid = uuid.uuid5(FORUM_NAMESPACE, seed)
        room = descriptions.get(name) or {}
        forums[(name, day_date)] = _save_forum(
            summit, name=name, day_date=day_date, guid=guid, start=start, end=end,
            order=order.get(name, len(order)), room=room,
            multi_day=names_on_dates[name] > 1, result=result,
        )
    return forums


def _save_forum(summit, *, name, day_date, guid, start, end, order, room, multi_day, result):
    forum = Forum.objects.filter(guid=guid).first()
    if forum and forum.summit_id != summit.pk:
        raise ScheduleImportError(
            f"room '{name}' on {day_date}: guid {guid} belongs to a forum of another summit."
        )
    if forum is None:
        forum = Forum.objects.filter(summit=summit, date=day_date, title=name).first()
    is_new = forum is None
    if is_new:
        forum = Forum(summit=summit, guid=guid, kind=Forum.Kind.SUB)
        forum.slug = _forum_slug(summit, room.get("slug"), name, day_date if multi_day else None)
    forum.title = name[:200] or str(day_date)
    forum.date, forum.start_time, forum.end_time, forum.order = day_date, start, end, order
    description = room.get("description")
    if isinstance(description, str):
        forum.description = description
    forum.save()
    (result.created if is_new else result.updated)["forums"] += 1
    return forum


def _forum_slug(summit, wanted, name, day_date):
    if isinstance(wanted, str) and SLUG.match(wanted) and not day_date:
        base = wanted
    else:
        base = slugify(name)[:100] or "forum"
        if day_date:
            base = f"{base}-{day_date.isoformat()}"
    return unique_slug(Forum.objects.filter(summit=summit), base)


def save_talk(*, slot, forum, acronym, speakers, result):
    """Create or update the talk of ``slot`` in ``forum``, with its speakers in order."""
    data = slot.data
    talk = Talk.objects.filter(guid=data["guid"]).select_related("forum").first()
    if talk and talk.forum.summit_id != forum.summit_id:
        raise ScheduleImportError(f"{slot.label}: the guid belongs to a talk of another summit.")
    is_new = talk is None
    if is_new:
        talk = Talk(guid=data["guid"])
    talk.forum, talk.title = forum, data["title"].strip()
    # The reader turns the export's "[Cancelled] " title prefix into this flag.
    talk.status = Talk.Status.CANCELLED if data.get("cancelled") else Talk.Status.SCHEDULED
    talk.start, talk.end = slot.start, slot.end
    kind = str(data.get("type") or "").lower()
    talk.kind = kind if kind in KINDS else (talk.kind if not is_new else Talk.Kind.TALK)
    if data.get("language") in LANGUAGES:
        talk.language = data["language"]
    abstract, description = data.get("abstract") or "", data.get("description") or ""
    talk.abstract = "\n\n".join(part for part in (abstract, description) if part)
    check_markdown_size(talk.abstract, what=f"{slot.label}: abstract", error=ScheduleImportError)
    _links(talk, data, slot.label)
    talk.slug = _talk_slug(talk, data.get("slug"), acronym)
    talk.save()
    (result.created if is_new else result.updated)["talks"] += 1
    persons = list_of(data, "persons", slot.label)
    _sync_speakers(talk, [speakers.get(person, slot.label) for person in persons])
    return talk


def _links(talk, data, label):
    validate = URLValidator(schemes=["http", "https"])
    found = {}
    for link in list_of(data, "links", label):
        if not isinstance(link, dict) or link.get("type") not in ("media", "slides"):
            continue
        try:
            validate(link.get("url") or "")
        except ValidationError:
            raise ScheduleImportError(f"{label}: link {link.get('url')!r} is not a URL.") from None
        found.setdefault(link["type"], link["url"])
    talk.replay_url = found.get("media", "")
    talk.slides_url = found.get("slides", "")


def _talk_slug(talk, wanted, acronym):
    wanted = str(wanted or "").lower()
    if acronym and wanted.startswith(f"{acronym.lower()}-"):
        wanted = wanted[len(acronym) + 1:]
    wanted = wanted[:120]
    taken = Talk.objects.filter(slug=wanted).exclude(guid=talk.guid)
    if wanted and SLUG.match(wanted) and not taken.exists():
        return wanted
    if talk.slug and not talk._state.adding:
        return talk.slug
    return unique_slug(Talk.objects, slugify(talk.title)[:100], fallback="talk")


def _sync_speakers(talk, speakers):
    links = {link.speaker_id: link for link in talk.talk_speakers.all()}
    wanted = []
    for order, speaker in enumerate(speakers):
        if speaker.pk in wanted:
            continue
        wanted.append(speaker.pk)
        link = links.get(speaker.pk)
        if link is None:
            TalkSpeaker.objects.create(talk=talk, speaker=speaker, order=order)
        elif link.order != order:
            link.order = order
            link.save()
    for speaker_id, link in links.items():
        if speaker_id not in wanted:
            link.delete()  # one by one, so the change log records the removal


class SpeakerCache:
    """Persons become speakers: matched by guid, then by name; each once per import.

    Only speakers of the target summit, or of no summit yet, are matched and updated: a
    file never renames or rewrites a speaker another summit shows. A person whose guid is
    a speaker of other summits only becomes a speaker of her own for this summit, with a
    guid derived from the summit and the file's guid (so a re-import finds her again),
    and the import's summary says so.
    """

    def __init__(self, result, base_url=""):
        self.result = result
        self.summit = result.summit
        self.base_url = base_url if isinstance(base_url, str) else ""
        self.seen = {}

    def get(self, person, label):
        if not isinstance(person, dict):
            raise ScheduleImportError(f"{label}: a person is not an object.")
        name = person.get("name") or person.get("public_name") or ""
        if not isinstance(name, str):
            raise ScheduleImportError(f"{label}: a person's name is {kind_of(name)}, not text.")
        name = name.strip()
        if not name:
            raise ScheduleImportError(f"{label}: a person has no name.")
        guid = self._guid(person.get("guid"), label)
        key = guid or name
        if key not in self.seen:
            self.seen[key] = self._save(person, name, guid)
        return self.seen[key]

    def _avatar(self, value, name):
        """The person's avatar as an absolute http(s) URL (the schema allows relative)."""
        if not isinstance(value, str) or not value.strip():
            return ""
        url = urljoin(self.base_url, value.strip())
        parts = urlsplit(url)
        # Not URLValidator: it refuses single-label hosts, and exports name their own host.
        if parts.scheme not in ("http", "https") or not parts.netloc or not url.isprintable() \
                or " " in url:
            raise ScheduleImportError(f"person '{name}': avatar {value!r} is not a URL.")
        if len(url) > Speaker._meta.get_field("photo_url").max_length:
            raise ScheduleImportError(f"person '{name}': avatar URL is too long.")
        return url

    def _guid(self, value, label):
        if not value:
            return None
        try:
            return uuid.UUID(str(value))
        except ValueError:
            raise ScheduleImportError(f"{label}: person guid {value!r} is not a UUID.") from None

    def _matchable(self):
        """Speakers of the target summit, and speakers of no summit yet."""
        speakers = Speaker.objects.all()
        unplaced = speakers.filter(talks__isnull=True, chaired_forums__isnull=True)
        return speakers.filter(Q(pk__in=speakers.of_summit(self.summit).values("pk"))
                               | Q(pk__in=unplaced.values("pk")))

    def _by_guid(self, guid, name):
        """The matchable speaker with ``guid``; else (None, the guid a new one gets)."""
        speaker = self._matchable().filter(guid=guid).first()
        if speaker or not Speaker.objects.filter(guid=guid).exists():
            return speaker, guid
        derived = uuid.uuid5(SPEAKER_NAMESPACE, f"{self.summit.slug}|{guid}")
        self.result.notes.append(
            f"person '{name}': guid {guid} is a speaker of another summit, left unchanged; "
            "this summit has a speaker of its own for this person."
        )
        return self._matchable().filter(guid=derived).first(), derived

    def _save(self, person, name, guid):
        speaker = None
        if guid:
            speaker, guid = self._by_guid(guid, name)
        by_guid = speaker is not None
        if speaker is None:
            speaker = self._matchable().filter(name=name[:120]).order_by("pk").first()
        is_new = speaker is None
        if is_new:
            speaker = Speaker(name=name[:120], guid=guid or uuid.uuid4())
        if by_guid:
            speaker.name = name[:120]
        biography = person.get("biography")
        if isinstance(biography, str) and (by_guid or is_new or not speaker.bio):
            speaker.bio = biography
        avatar = self._avatar(person.get("avatar"), name)
        if avatar and (by_guid or is_new or not speaker.photo_url):
            speaker.photo_url = avatar
        speaker.save()
        (self.result.created if is_new else self.result.updated)["speakers"] += 1
        return speaker
