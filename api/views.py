"""The public read-only API: JSON lists of the current summit's programme.

Lists are paginated (api/pagination.py); every answer, errors included, is JSON with an
ETag (api/responses.py). The reads themselves live in the apps' ``queries.py``.
"""

import functools
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

import yaml
from django.urls import reverse
from django.utils import timezone

from articles import queries as article_queries
from events import queries
from summit.text import has_control_characters

from . import serializers
from .pagination import paginated
from .responses import ApiError, api_view, json_response

OPENAPI_PATH = Path(__file__).with_name("openapi.yaml")


def _absolute(request, name, **params):
    query = f"?{urlencode(params)}" if params else ""
    return request.build_absolute_uri(reverse(name) + query)


@api_view
def index(request):
    names = ["summit", "forum", "talk", "speaker", "article"]
    data = {f"{name}s": _absolute(request, f"api:{name}_list") for name in names}
    data["openapi"] = _absolute(request, "api:openapi")
    return json_response(data)


@functools.cache
def _openapi_document():
    return yaml.safe_load(OPENAPI_PATH.read_text(encoding="utf-8"))


@api_view
def openapi(request):
    servers = [{"url": _absolute(request, "api:index").rstrip("/")}]
    return json_response({**_openapi_document(), "servers": servers})


@api_view
def summit_list(request):
    """The public summits: the current one and the ones held before it."""
    current = queries.current_summit_or_404(request)
    programme = {
        "forums_url": _absolute(request, "api:forum_list"),
        "talks_url": _absolute(request, "api:talk_list"),
        "speakers_url": _absolute(request, "api:speaker_list"),
    }
    past = dict.fromkeys(programme)

    def serialize(summit):
        links = programme if summit.pk == current.pk else past
        return serializers.summit_data(request, summit, links=links)

    return json_response(paginated(request, queries.public_summits(), serialize))


@api_view
def forum_list(request):
    schedule = queries.build_schedule(queries.current_summit_or_404(request), chairs=True)

    def serialize(forum):
        return serializers.forum_data(
            request, forum, schedule.streams_for(forum),
            talks_url=_absolute(request, "api:talk_list", forum=forum.slug),
        )

    return json_response(paginated(request, schedule.forums, serialize))


def _parse_day(value):
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ApiError(f"'day' must be a date as YYYY-MM-DD, not {value!r}.") from None


@api_view
def talk_list(request):
    summit = queries.current_summit_or_404(request)
    day = _parse_day(request.GET.get("day"))
    forum_slug = request.GET.get("forum") or None
    if has_control_characters(forum_slug):  # PostgreSQL refuses NUL in a query
        raise ApiError(f"There is no forum {forum_slug!r} in this summit.")
    schedule = queries.build_schedule(summit, day=day, forum_slug=forum_slug)
    # The extra query runs only on this path: tell "no such forum" from "not that day".
    if forum_slug and not schedule.forums and not queries.has_forum(summit, forum_slug):
        raise ApiError(f"There is no forum {forum_slug!r} in this summit.")
    now = timezone.now()
    return json_response(
        paginated(request, schedule.talks,
                  lambda talk: serializers.talk_data(request, talk, now=now))
    )


@api_view
def speaker_list(request):
    """Speakers and chairs of the current summit, as on the speaker list page."""
    speakers = queries.summit_speakers_with_roles(queries.current_summit_or_404(request))
    return json_response(
        paginated(request, speakers, lambda s: serializers.speaker_data(request, s))
    )


@api_view
def article_list(request):
    articles = article_queries.published_articles()
    return json_response(
        paginated(request, articles, lambda a: serializers.article_data(request, a))
    )
