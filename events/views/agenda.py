"""The personal agenda: talks picked by slug (``?talks=a,b``), as a page and a calendar.

The list lives in the visitor's browser (static/js/agenda.js) and travels in the URL, so
the server keeps no state and the page can be bookmarked or shared.
"""

from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from summit.i18n import language_from_query

from .. import queries
from ..exports.views import calendar_download
from ..models import Talk
from .mixins import SummitMixin

MAX_TALKS = 200


def requested_slugs(raw):
    """The first ``MAX_TALKS`` distinct slugs of a comma-separated list, in order."""
    slugs = dict.fromkeys(part.strip() for part in raw.split(","))
    slugs.pop("", None)
    return list(slugs)[:MAX_TALKS]


def agenda_talks(schedule, slugs):
    """The schedule's talks (not breaks) whose slug is listed, in time order."""
    wanted = set(slugs)
    talks = [talk for talk in schedule.talks
             if talk.slug in wanted and talk.kind != Talk.Kind.BREAK]
    return sorted(talks, key=lambda talk: (talk.start, talk.pk))


def forum_streams(schedule, talks):
    """[(forum, streams)] for the forums of ``talks``: the printed agenda lists them."""
    wanted = {talk.forum_id for talk in talks}
    return [(entry.forum, entry.streams) for day in schedule.days for entry in day.forums
            if entry.forum.pk in wanted and entry.streams]


def by_day(talks, tz):
    """[(date, [talks])] in the summit's zone."""
    days = {}
    for talk in talks:
        days.setdefault(talk.start.astimezone(tz).date(), []).append(talk)
    return list(days.items())


class AgendaView(SummitMixin, TemplateView):
    template_name = "events/agenda.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        summit = context["summit"]
        slugs = requested_slugs(self.request.GET.get("talks", ""))
        talks, schedule = [], None
        if slugs:
            schedule = queries.build_schedule(summit)
            talks = agenda_talks(schedule, slugs)
        context.update(
            requested=bool(slugs),
            talks=talks,
            days=by_day(talks, summit.tzinfo),
            talks_param=",".join(talk.slug for talk in talks),
            forum_streams=forum_streams(schedule, talks) if talks else [],
        )
        return context


@require_safe
@language_from_query
def agenda_ics(request):
    summit = queries.current_summit_or_404(request)
    schedule = queries.build_schedule(summit)
    talks = agenda_talks(schedule, requested_slugs(request.GET.get("talks", "")))
    return calendar_download(request, schedule, talks, name=f"{summit.name} · {_('My agenda')}",
                             filename=f"{summit.slug}-agenda.ics")
