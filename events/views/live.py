"""The live strip: its context for the pages that show it, and the feed its script reads.

The feed holds every talk that can be on the strip with its times and streams, not what is
live now, so any cache may keep it: static/js/live.js decides with the browser's clock.
"""

import json

from django.http import JsonResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from .. import live, queries
from ..models import Stream

FEED_MAX_AGE = 300  # seconds: a programme change reaches open pages within minutes


def strip_context(summit, now, forum=None):
    """The template context of includes/live_strip.html; empty once the summit is over."""
    if now.astimezone(summit.tzinfo).date() > summit.end_date:
        return {}
    on_air, up_next = queries.live_strip(summit, now, forum=forum)
    labels = {value: str(label) for value, label in Stream.Platform.choices}
    return {
        "strip": True,
        "strip_live": on_air,
        "strip_next": up_next,
        "strip_forum": forum,
        "strip_lead": int(live.LEAD.total_seconds()),
        "strip_window": int(live.WINDOW.total_seconds()),
        "strip_platforms": json.dumps(labels, ensure_ascii=False),
    }


def talk_entry(talk):
    forum = talk.forum
    return {
        "slug": talk.slug,
        "title": talk.title,
        "url": talk.get_absolute_url(),
        "start": talk.start.isoformat(),
        "end": talk.end.isoformat(),
        "forum": {"slug": forum.slug, "title": forum.title, "url": forum.get_absolute_url()},
        "streams": [{"platform": stream.platform, "channel": stream.channel_name,
                     "url": stream.url} for stream in talk.streams],
    }


@require_safe
def live_feed(request):
    """Every talk the strip may show, language-neutral, in three queries."""
    summit = queries.current_summit_or_404(request)
    talks = queries.with_forum_streams(list(queries.strip_talks(summit)), summit)
    response = JsonResponse({"zone": summit.time_zone,
                             "talks": [talk_entry(talk) for talk in talks]})
    patch_cache_control(response, public=True, max_age=FEED_MAX_AGE)
    return response
