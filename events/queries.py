"""Reads spanning several programme models.

The schedule is built once here (days -> forums -> talks with speakers) and every
output renders from it: the HTML pages, calendars, frab XML/JSON and the API.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import models
from django.db.models import Prefetch
from django.http import Http404
from django.utils.functional import cached_property
from modeltranslation.utils import get_translation_fields

from summit import rows

from . import live
from .models import Forum, Speaker, Stream, Summit, Talk, TalkSpeaker


def current_summit(request=None):
    """The summit the public site shows (the one marked current, else the newest).

    Given a request, the summit is looked up once and kept on it, so a page, its header and
    its footer share one query.
    """
    if request is None:
        return Summit.objects.order_by("-is_current", "-start_date").first()
    if not hasattr(request, "_current_summit"):
        request._current_summit = current_summit()
    return request._current_summit


def current_summit_or_404(request=None):
    """The current summit, or a 404 when none has been set up yet."""
    summit = current_summit(request)
    if summit is None:
        raise Http404("No summit has been set up yet.")
    return summit


# Columns no programme page or export reads: the search document (~1.4 KB a talk) and
# its English vector.
UNREAD_COLUMNS = ("search_text", "search_vector")
# Nor do they read these of a talk's speakers (the speaker's own page does): a schedule
# loads a speaker row for every talk, and each column costs when the row becomes a model.
SPEAKER_UNREAD_COLUMNS = (
    *UNREAD_COLUMNS, "photo", "photo_96", "website", "position", "bio_html",
    *get_translation_fields("position", "bio_html"),
)


def speaker_links():
    """Prefetch for a talk's speakers in order, onto ``talk.speaker_links``."""
    return Prefetch(
        "talk_speakers",
        queryset=TalkSpeaker.objects.select_related("speaker").order_by("order", "pk"),
        to_attr="speaker_links",
    )


# What a schedule reads of forums, their chairs, talks, the talks' speaker links and
# speakers: instances made from these columns (summit/rows.py).
FORUM_COLUMNS = rows.columns(Forum, skip=UNREAD_COLUMNS)
CHAIR_COLUMNS = rows.columns(Speaker, skip=UNREAD_COLUMNS)
TALK_COLUMNS = rows.columns(Talk, skip=UNREAD_COLUMNS)
LINK_COLUMNS = rows.columns(TalkSpeaker)
LINK_SPEAKER_COLUMNS = rows.columns(Speaker, skip=SPEAKER_UNREAD_COLUMNS)


def add_chairs(forums):
    """Each forum's chairs by name, as ``prefetch_related("chairs")`` leaves them for
    ``forum.chairs.all()``, in one query and without a model ``__init__`` per row."""
    by_forum = {forum.pk: [] for forum in forums}
    if forums:
        found = (
            Speaker.objects.filter(chaired_forums__in=list(by_forum))
            .order_by("name")  # modeltranslation: by the page's language
            .rewrite(False).values_list("chaired_forums", *CHAIR_COLUMNS)
        )
        speakers = {}
        for forum_id, *row in found:
            speaker = speakers.get(row[0])
            if speaker is None:
                speaker = speakers[row[0]] = rows.instance(Speaker, CHAIR_COLUMNS, row, found.db)
            by_forum[forum_id].append(speaker)
    for forum in forums:
        rows.set_prefetched(forum, "chairs", by_forum[forum.pk])


def add_speaker_links(talks):
    """Each talk's speaker links in order on ``talk.speaker_links``, each with its speaker
    (one per person, shared by their talks) and its talk, as ``speaker_links()`` prefetches
    them, in one query and without a model ``__init__`` per row."""
    by_talk = {talk.pk: talk for talk in talks}
    for talk in talks:
        talk.speaker_links = []
    if not talks:
        return
    names = (*LINK_COLUMNS, *(f"speaker__{name}" for name in LINK_SPEAKER_COLUMNS))
    found = (
        TalkSpeaker.objects.filter(talk__in=list(by_talk)).order_by("order", "pk")
        .values_list(*names)
    )
    link_width, speakers, db = len(LINK_COLUMNS), {}, found.db
    for row in found:
        link = rows.instance(TalkSpeaker, LINK_COLUMNS, row[:link_width], db)
        speaker = speakers.get(link.speaker_id)
        if speaker is None:
            speaker = speakers[link.speaker_id] = rows.instance(
                Speaker, LINK_SPEAKER_COLUMNS, row[link_width:], db)
        talk = by_talk[link.talk_id]
        link._state.fields_cache = {"speaker": speaker, "talk": talk}
        talk.speaker_links.append(link)


def talks_with_speakers():
    return Talk.objects.select_related("forum__summit").prefetch_related(speaker_links())


@dataclass
class ForumSchedule:
    forum: Forum
    talks: list = field(default_factory=list)
    streams: list = field(default_factory=list)  # the forum's, then the summit's


@dataclass
class DaySchedule:
    date: date
    forums: list = field(default_factory=list)

    @property
    def talks(self):
        return [talk for entry in self.forums for talk in entry.talks]

    @property
    def groups(self):
        """The day's forums in clusters whose time windows overlap, earliest cluster first.

        Forums in one cluster run in parallel (columns side by side); consecutive clusters
        follow each other. Within a cluster the forums keep the day's order (main first).
        """
        position = {id(entry): index for index, entry in enumerate(self.forums)}
        clusters, cluster_end = [], None
        for entry in sorted(self.forums, key=lambda e: (e.forum.start_time, position[id(e)])):
            if clusters and entry.forum.start_time < cluster_end:
                clusters[-1].append(entry)
                cluster_end = max(cluster_end, entry.forum.end_time)
            else:
                clusters.append([entry])
                cluster_end = entry.forum.end_time
        return [sorted(cluster, key=lambda e: position[id(e)]) for cluster in clusters]


@dataclass
class Schedule:
    summit: Summit
    days: list
    forums: list
    streams: list

    @property
    def talks(self):
        return [talk for day in self.days for talk in day.talks]

    @property
    def dates(self):
        return [day.date for day in self.days]

    def streams_for(self, forum):
        """The forum's own streams first, then the summit-wide ones."""
        by_forum = self._streams_by_forum
        return distinct_streams(by_forum.get(forum.pk, []) + by_forum.get(None, []))

    @cached_property
    def _streams_by_forum(self):
        # Grouped once: scanning every stream for each forum grew with forums x streams.
        grouped = {}
        for stream in self.streams:
            grouped.setdefault(stream.forum_id, []).append(stream)
        return grouped


def build_schedule(summit, *, day=None, forum_slug=None, kind=None, terms=None,
                   chairs=False):
    """The summit's programme grouped by day and forum, in a fixed number of queries.

    ``kind`` and ``terms`` (summit/search.py) narrow the talks; forums left without a
    talk are then dropped. ``chairs=True`` loads each forum's chairs for
    ``forum.chairs.all()`` (one query more: only the forum page and the API show them).
    """
    forums = (
        Forum.objects.filter(summit=summit)
        # "main" sorts before "sub"; pk breaks ties so every export is deterministic
        .order_by("date", "kind", "order", "start_time", "pk")
    )
    if day:
        forums = forums.filter(date=day)
    if forum_slug:
        forums = forums.filter(slug=forum_slug)
    forums = rows.instances(forums, FORUM_COLUMNS)
    for forum in forums:
        forum.summit = summit
    if chairs:
        add_chairs(forums)
    by_id = {f.pk: ForumSchedule(forum=f) for f in forums}
    talks = Talk.objects.filter(forum__in=[f.pk for f in forums]).order_by("start", "pk")
    if kind:
        talks = talks.filter(kind=kind)
    if terms:
        talks = talks.search(terms).order_by("start", "pk")
    talks = rows.instances(talks, TALK_COLUMNS)
    for talk in talks:
        entry = by_id[talk.forum_id]
        talk.forum = entry.forum  # reuse the loaded forum: no query per talk
        entry.talks.append(talk)
    add_speaker_links(talks)
    if kind or terms:
        forums = [f for f in forums if by_id[f.pk].talks]
    days = {}
    for f in forums:
        days.setdefault(f.date, DaySchedule(date=f.date)).forums.append(by_id[f.pk])
    streams = list(Stream.objects.filter(summit=summit).select_related("forum"))
    schedule = Schedule(summit=summit, days=list(days.values()), forums=forums, streams=streams)
    for entry in by_id.values():
        entry.streams = schedule.streams_for(entry.forum)
    return schedule


def has_forum(summit, slug):
    return Forum.objects.filter(summit=summit, slug=slug).exists()


def public_summits():
    """Public summits, newest first, with their summit-wide streams on ``summit_streams``."""
    return (
        Summit.objects.public()
        .prefetch_related(
            Prefetch(
                "streams",
                queryset=Stream.objects.filter(forum__isnull=True),
                to_attr="summit_streams",
            )
        )
        .order_by("-start_date", "pk")
    )


def summit_streams(summit):
    """Streams of the whole summit (not tied to one forum)."""
    return list(Stream.objects.filter(summit=summit, forum__isnull=True))


def strip_talks(summit):
    """The summit's talks that can be on the live strip (not breaks, not cancelled)."""
    return (
        Talk.objects.of_summit(summit).not_cancelled().exclude(kind=Talk.Kind.BREAK)
        .select_related("forum__summit").order_by("start", "forum__order", "pk")
    )


def with_forum_streams(talks, summit):
    """``talks`` with ``talk.streams``: each one's forum streams, then the summit's (1 query)."""
    streams = list(Stream.objects.filter(summit=summit).order_by("order", "pk"))
    for talk in talks:
        own = [s for s in streams if s.forum_id == talk.forum_id]
        talk.streams = distinct_streams(own + [s for s in streams if s.forum_id is None])
    return talks


def live_strip(summit, now, forum=None):
    """(on air, up next) at ``now``, with their streams: the live strip as rendered."""
    talks = strip_talks(summit).filter(end__gt=now, start__lte=now + live.WINDOW)
    if forum is not None:
        talks = talks.filter(forum=forum)
    return live.split(with_forum_streams(list(talks), summit), now)


def streams_for_forum(forum):
    """The forum's own streams, then the summit-wide ones."""
    return distinct_streams(
        Stream.objects.filter(summit_id=forum.summit_id)
        .filter(models.Q(forum=forum) | models.Q(forum__isnull=True))
        .order_by(models.F("forum").asc(nulls_last=True), "order", "pk")
    )


def distinct_streams(streams):
    """Streams in order, without a summit-wide channel repeating a forum's own one."""
    seen, result = set(), []
    for stream in streams:
        if stream.url not in seen:
            seen.add(stream.url)
            result.append(stream)
    return result


def forum_index(summit):
    """Every forum of the summit with its talk count: home cards and schedule filters."""
    return list(
        Forum.objects.filter(summit=summit)
        .select_related("summit")
        .annotate(
            talk_count=models.Count(
                "talks", filter=~models.Q(talks__status=Talk.Status.CANCELLED)
            )
        )
        .order_by("date", "kind", "order", "start_time")
    )


def summit_speakers(summit):
    """Speakers and chairs taking part in the summit, for the speaker list."""
    return list(Speaker.objects.of_summit(summit).order_by("name_latin", "name"))


def summit_speakers_with_roles(summit):
    """The summit's speakers and chairs with their talks and chaired forums in it.

    Each speaker gets ``summit_links`` (talk links, in time order) and ``summit_chaired``.
    A queryset, so a paginator counts and slices it in SQL.
    """
    return (
        Speaker.objects.of_summit(summit)
        .order_by("name_latin", "name", "pk")
        .prefetch_related(
            Prefetch(
                "talk_links",
                queryset=TalkSpeaker.objects.filter(talk__forum__summit=summit)
                .select_related("talk")
                .order_by("talk__start", "pk"),
                to_attr="summit_links",
            ),
            Prefetch(
                "chaired_forums",
                queryset=Forum.objects.filter(summit=summit).select_related("summit")
                .order_by("date", "start_time"),
                to_attr="summit_chaired",
            ),
        )
    )


def speaker_talks(speaker):
    """The speaker's public talks in time order, with forum, summit and co-speakers."""
    return list(
        talks_with_speakers().public().filter(talk_speakers__speaker=speaker).order_by("start")
    )


def chaired_forums(speaker):
    """Forums of public summits the speaker chairs."""
    return list(
        speaker.chaired_forums.filter(summit__in=Summit.objects.public())
        .select_related("summit").order_by("date", "start_time")
    )


def next_change(now):
    """The next instant after ``now`` at which a programme page changes by time alone: a
    talk joins the strip, comes "up next", starts or ends, a forum begins or ends, a summit's first
    day begins or its last day ends (the home page's live strip and "ended" note)."""
    talks = Talk.objects.aggregate(
        starts=models.Min("start", filter=models.Q(start__gt=now)),
        ends=models.Min("end", filter=models.Q(end__gt=now)),
        # A talk joins the live strip LEAD before its start and "up next" WINDOW before.
        joins=models.Min("start", filter=models.Q(start__gt=now + live.LEAD)),
        next_up=models.Min("start", filter=models.Q(start__gt=now + live.WINDOW)),
    )
    shifts = {"joins": live.LEAD, "next_up": live.WINDOW}
    instants = [moment - shifts.get(name, timedelta(0))
                for name, moment in talks.items() if moment]
    # A day back covers every zone's offset from UTC.
    since = now.date() - timedelta(days=1)
    for day, start, end, zone in Forum.objects.filter(date__gte=since).values_list(
            "date", "start_time", "end_time", "summit__time_zone"):
        tz = ZoneInfo(zone)
        instants += [datetime.combine(day, start, tzinfo=tz), datetime.combine(day, end, tzinfo=tz)]
    for first, last, zone in Summit.objects.filter(end_date__gte=since).values_list(
            "start_date", "end_date", "time_zone"):
        tz = ZoneInfo(zone)
        instants += [datetime.combine(first, time(), tzinfo=tz),
                     datetime.combine(last + timedelta(days=1), time(), tzinfo=tz)]
    return min((moment for moment in instants if moment > now), default=None)
