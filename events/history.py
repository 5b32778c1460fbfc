"""The public change log: what staff changed in the programme after it was published.

Built from django-simple-history's records of Talk and TalkSpeaker (see models.py) in a
fixed number of queries, whatever the number of changes.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Subquery
from django.utils.translation import gettext as _

from .models import Forum, Talk, TalkSpeaker
from .models.common import format_local_range

# Speakers linked within this time after a talk was added belong to the addition itself
# (the admin saves the talk, then its speaker inline, in one request).
SAME_EDIT = timedelta(minutes=1)


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class Change:
    key: str
    when: datetime
    talk_id: int
    title: str
    action: str  # "changed", "added", "removed", "cancelled", "reinstated"
    fields: list = field(default_factory=list)
    url: str = ""

    @property
    def summary(self):
        labels = {
            "added": _("Added to the programme"),
            "removed": _("Removed from the programme"),
            "cancelled": _("Cancelled"),
            "reinstated": _("Reinstated"),
        }
        if self.action in labels:
            return labels[self.action]
        return ", ".join(change.label for change in self.fields)


def programme_changes(summit, *, limit=200):
    """Changes to the summit's talks after ``programme_published_at``, newest first."""
    published = summit.programme_published_at
    if published is None:
        return []
    forums = dict(Forum.objects.filter(summit=summit).values_list("pk", "title"))
    records = _talk_records(published, forums)
    added_at = {r.id: r.history_date for r in records
                if r.history_type == "+" and r.history_date > published}
    changes = _talk_changes(summit, records, published, forums)
    changes += _speaker_changes(summit, published, added_at)
    changes.sort(key=lambda change: (change.when, change.key), reverse=True)
    changes = changes[:limit]
    _attach_talks(changes)
    return changes


def _talk_records(published, forums):
    history = Talk.history.model
    touched = history.objects.filter(
        history_date__gt=published, forum_id__in=list(forums)
    ).values("id")
    return list(
        history.objects.filter(id__in=Subquery(touched))
        .order_by("id", "history_date", "history_id")
    )


def _talk_changes(summit, records, published, forums):
    changes, previous = [], None
    for record in records:
        if previous is not None and previous.id != record.id:
            previous = None
        if record.history_date > published:
            change = _talk_change(summit, previous, record, forums)
            if change:
                changes.append(change)
        previous = record
    return changes


def _talk_change(summit, previous, record, forums):
    change = Change(key=f"talk-{record.history_id}", when=record.history_date,
                    talk_id=record.id, title=record.title, action="changed")
    if record.history_type == "+" or previous is None:
        change.action = "added"
        change.fields = [
            FieldChange(_("Time"), "", _time_range(summit, record)),
            FieldChange(_("Forum"), "", forums.get(record.forum_id, "")),
        ]
        return change
    if record.history_type == "-":
        change.action = "removed"
        return change
    if (previous.start, previous.end) != (record.start, record.end):
        change.fields.append(FieldChange(
            _("Time"), _time_range(summit, previous), _time_range(summit, record)))
    if previous.forum_id != record.forum_id:
        change.fields.append(FieldChange(
            _("Forum"), forums.get(previous.forum_id, ""), forums.get(record.forum_id, "")))
    if previous.title != record.title:
        change.fields.append(FieldChange(_("Title"), previous.title, record.title))
    if previous.status != record.status:
        change.action = "cancelled" if record.status == Talk.Status.CANCELLED else "reinstated"
        change.fields.append(FieldChange(
            _("Status"), previous.get_status_display(), record.get_status_display()))
    return change if change.fields else None


def _speaker_changes(summit, published, added_at):
    history = TalkSpeaker.history.model
    records = (
        history.objects.filter(
            history_date__gt=published, history_type__in=["+", "-"],
            talk_id__in=Subquery(Talk.objects.filter(forum__summit=summit).values("pk")),
        )
        .select_related("speaker")
        .order_by("history_date", "history_id")
    )
    changes = []
    for record in records:
        created = added_at.get(record.talk_id)
        if created and record.history_date - created <= SAME_EDIT:
            continue
        name = record.speaker.name if record.speaker else "?"
        old, new = ("", name) if record.history_type == "+" else (name, "")
        changes.append(Change(
            key=f"speaker-{record.history_id}", when=record.history_date,
            talk_id=record.talk_id, title="", action="changed",
            fields=[FieldChange(_("Speakers"), old, new)],
        ))
    return changes


def _attach_talks(changes):
    """Current titles and links for the listed talks, in one query."""
    talks = (
        Talk.objects.filter(pk__in={c.talk_id for c in changes})
        .only("pk", "title", "slug").order_by()
    )
    by_id = {talk.pk: talk for talk in talks}
    for change in changes:
        talk = by_id.get(change.talk_id)
        if talk:
            change.url = talk.get_absolute_url()
            change.title = change.title or talk.title


def _time_range(summit, record):
    return format_local_range(record.start, record.end, summit.tzinfo)
