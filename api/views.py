"""The public read-only API: JSON lists of the current summit's programme.

Lists are paginated (``page``, ``page_size``, absolute ``next``/``previous`` links).
Every 200 response carries a strong ETag computed from its body (Django's
ConditionalGetMiddleware applied per view), so clients revalidate with If-None-Match
and get 304. No Last-Modified: no single timestamp covers the speakers, forums,
streams and deletions a list reflects, and a stale one would answer 304 wrongly.
Bad parameters get a 400 with a JSON ``error`` message, never a 500.
"""

import copy
import functools
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

import yaml
from django.apps import apps
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import conditional_page, require_safe

from events import queries
from events.models import Forum, Speaker, Stream, Summit, Talk, TalkSpeaker

from . import serializers

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
OPENAPI_PATH = Path(__file__).with_name("openapi.yaml")


class ApiError(Exception):
    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


def json_response(data, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    # Public, read-only, no credentials: any site or app may read it from a browser.
    response["Access-Control-Allow-Origin"] = "*"
    return response


def api_view(view):
    """GET/HEAD only, ApiError -> JSON error, body-hash ETag and conditional 304."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except ApiError as error:
            return json_response({"error": error.message}, status=error.status)

    return require_safe(conditional_page(wrapper))


def articles_enabled():
    return apps.is_installed("articles")


def _positive_int(request, name, default, maximum=None):
    raw = request.GET.get(name, "")
    if raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ApiError(f"'{name}' must be a whole number, not {raw!r}.") from None
    if value < 1 or (maximum and value > maximum):
        limit = f"between 1 and {maximum}" if maximum else "1 or more"
        raise ApiError(f"'{name}' must be {limit}, not {value}.")
    return value


def _page_link(request, number):
    params = request.GET.copy()
    params["page"] = number
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")


def paginated(request, items, serialize):
    """One page of ``items`` (a list or an ordered queryset) as the list envelope."""
    page_size = _positive_int(request, "page_size", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
    number = _positive_int(request, "page", 1)
    paginator = Paginator(items, page_size)
    if number > paginator.num_pages:
        raise ApiError(
            f"Page {number} does not exist: there are {paginator.num_pages}.", status=404
        )
    page = paginator.page(number)
    return {
        "count": paginator.count,
        "page": number,
        "page_size": page_size,
        "num_pages": paginator.num_pages,
        "next": _page_link(request, number + 1) if page.has_next() else None,
        "previous": _page_link(request, number - 1) if page.has_previous() else None,
        "results": [serialize(item) for item in page.object_list],
    }


def _current_summit():
    summit = queries.current_summit()
    if summit is None:
        raise ApiError("No summit has been set up yet.", status=404)
    return summit


def _absolute(request, name, **params):
    query = f"?{urlencode(params)}" if params else ""
    return request.build_absolute_uri(reverse(name) + query)


@api_view
def index(request):
    names = ["summit", "forum", "talk", "speaker"] + (["article"] if articles_enabled() else [])
    data = {f"{name}s": _absolute(request, f"api:{name}_list") for name in names}
    data["openapi"] = _absolute(request, "api:openapi")
    return json_response(data)


@functools.cache
def _openapi_document():
    return yaml.safe_load(OPENAPI_PATH.read_text(encoding="utf-8"))


@api_view
def openapi(request):
    document = copy.deepcopy(_openapi_document())
    document["servers"] = [{"url": _absolute(request, "api:index").rstrip("/")}]
    if not articles_enabled():
        del document["paths"]["/articles/"]
    return json_response(document)


@api_view
def summit_list(request):
    """The public summits: the current one and the ones held before it."""
    current = _current_summit()
    summits = (
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
    programme = {
        "forums_url": _absolute(request, "api:forum_list"),
        "talks_url": _absolute(request, "api:talk_list"),
        "speakers_url": _absolute(request, "api:speaker_list"),
    }
    past = dict.fromkeys(programme)

    def serialize(summit):
        links = programme if summit.pk == current.pk else past
        return serializers.summit_data(request, summit, links=links)

    return json_response(paginated(request, summits, serialize))


@api_view
def forum_list(request):
    schedule = queries.build_schedule(_current_summit())

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
    summit = _current_summit()
    day = _parse_day(request.GET.get("day"))
    forum_slug = request.GET.get("forum") or None
    schedule = queries.build_schedule(summit, day=day, forum_slug=forum_slug)
    # The extra query runs only on this path: tell "no such forum" from "not that day".
    if (
        forum_slug
        and not schedule.forums
        and not Forum.objects.filter(summit=summit, slug=forum_slug).exists()
    ):
        raise ApiError(f"There is no forum {forum_slug!r} in this summit.")
    now = timezone.now()
    return json_response(
        paginated(request, schedule.talks,
                  lambda talk: serializers.talk_data(request, talk, now=now))
    )


@api_view
def speaker_list(request):
    """Speakers and chairs of the current summit, as on the speaker list page."""
    summit = _current_summit()
    speakers = (
        Speaker.objects.filter(Q(talks__forum__summit=summit) | Q(chaired_forums__summit=summit))
        .distinct()
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
    return json_response(
        paginated(request, speakers, lambda s: serializers.speaker_data(request, s))
    )


@api_view
def article_list(request):
    if not articles_enabled():
        raise ApiError("News is not available.", status=404)
    from articles.models import Article  # only when the app is installed

    articles = (
        Article.objects.published()
        .select_related("author")
        .prefetch_related(
            "categories",
            # A hidden summit's talks stay out of the API, as out of the pages.
            Prefetch("talks", queryset=Talk.objects.public().order_by("start")),
        )
        .order_by("-publish_at", "-pk")
    )
    return json_response(
        paginated(request, articles, lambda a: serializers.article_data(request, a))
    )
