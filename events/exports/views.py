"""Calendar and schedule-format downloads; each builds the schedule once, in fixed queries."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from summit.i18n import language_from_query

from .. import queries
from ..models import Speaker, Talk
from . import calendars, frab

ICS_TYPE = "text/calendar; charset=utf-8"


def download(body, content_type, filename, *, attachment=False):
    """A response that browsers save (or show) under ``filename``."""
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(attachment, filename)
    return response


def calendar_download(request, schedule, talks, *, name, filename):
    """``talks`` of ``schedule`` as an iCalendar attachment."""
    body = calendars.build_calendar(
        schedule, talks, name=name, absolute_url=request.build_absolute_uri
    )
    return download(body, ICS_TYPE, filename, attachment=True)


@require_safe
@language_from_query
def schedule_ics(request):
    summit = queries.current_summit_or_404(request)
    schedule = queries.build_schedule(summit)
    return calendar_download(request, schedule, schedule.talks, name=summit.name,
                             filename=f"{summit.slug}.ics")


@require_safe
@language_from_query
def forum_ics(request, slug):
    summit = queries.current_summit_or_404(request)
    schedule = queries.build_schedule(summit, forum_slug=slug)
    if not schedule.forums:
        raise Http404("No such forum.")
    forum = schedule.forums[0]
    return calendar_download(request, schedule, schedule.talks,
                             name=f"{summit.name} · {forum.title}",
                             filename=f"{summit.slug}-{forum.slug}.ics")


@require_safe
@language_from_query
def talk_ics(request, slug):
    talk = get_object_or_404(Talk.objects.public().select_related("forum__summit"), slug=slug)
    summit = talk.forum.summit
    schedule = queries.build_schedule(summit, forum_slug=talk.forum.slug)
    talks = [t for t in schedule.talks if t.pk == talk.pk]
    return calendar_download(request, schedule, talks, name=talk.title,
                             filename=f"{talk.slug}.ics")


@require_safe
@language_from_query
def speaker_ics(request, slug):
    """The speaker's talks in the current summit; 404 for one seen only in a hidden summit."""
    speaker = get_object_or_404(Speaker.objects.public(), slug=slug)
    summit = queries.current_summit_or_404(request)
    schedule = queries.build_schedule(summit)
    talks = [
        talk for talk in schedule.talks
        if any(link.speaker_id == speaker.pk for link in talk.speaker_links)
    ]
    return calendar_download(request, schedule, talks, name=f"{summit.name} · {speaker.name}",
                             filename=f"{summit.slug}-{speaker.slug}.ics")


def _document(request, *, versioned=True):
    summit = queries.current_summit_or_404(request)
    schedule = queries.build_schedule(summit)
    return summit, frab.schedule_document(schedule, absolute_url=request.build_absolute_uri,
                                          versioned=versioned)


@require_safe
@language_from_query
def schedule_xml(request):
    summit, document = _document(request, versioned=False)  # the XML hashes its own
    return download(frab.schedule_xml(document), "application/xml; charset=utf-8",
                    f"{summit.slug}-schedule.xml")


@require_safe
@language_from_query
def schedule_json(request):
    summit, document = _document(request)
    return download(frab.schedule_json(document), "application/json; charset=utf-8",
                    f"{summit.slug}-schedule.json")
