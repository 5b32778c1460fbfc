"""Plain dicts for the public API: only what the public pages show.

Markdown fields are served as their stored, sanitised ``*_html`` (summit/markdown.py);
raw Markdown, ids, guids and staff-only fields never leave the server. Times carry the
summit's UTC offset, URLs are absolute.
"""


from django.utils import timezone

from summit.links import absolute_url


def absolute(request, path):
    """An absolute URL for a path on this site; an absolute URL stays exactly as it is."""
    if not path:
        return None
    return absolute_url(path, request.build_absolute_uri)


def file_url(request, field):
    """Absolute URL of an uploaded file, or None when the field is empty."""
    return absolute(request, field.url) if field else None


def fields(obj, *names):
    """The named attributes of ``obj`` as a dict, in the order given."""
    return {name: getattr(obj, name) for name in names}


def link(request, obj):
    return {"slug": obj.slug, "title": obj.title, "url": absolute(request, obj.get_absolute_url())}


def stream_data(stream):
    return {"platform": stream.platform, "channel_name": stream.channel_name, "url": stream.url}


def speaker_summary(request, speaker):
    return {
        **fields(speaker, "slug", "name", "name_latin", "honorific", "affiliation"),
        "photo": absolute(request, speaker.picture_url),
        "url": absolute(request, speaker.get_absolute_url()),
    }


def summit_data(request, summit, *, links):
    return {
        **fields(summit, "slug", "name", "short_name", "theme", "series", "description_html"),
        "start_date": summit.start_date.isoformat(),
        "end_date": summit.end_date.isoformat(),
        **fields(summit, "time_zone", "format", "venue"),
        "hosts": summit.host_list,
        "organizers": summit.organizer_list,
        "website": summit.website or None,
        "banner": file_url(request, summit.banner),
        "is_current": summit.is_current,
        # Only the current summit has public pages (and programme endpoints).
        "url": absolute(request, summit.get_absolute_url()) if summit.is_current else None,
        "streams": [stream_data(s) for s in summit.summit_streams],
        **links,
    }


def forum_data(request, forum, streams, *, talks_url):
    tz = forum.summit.tzinfo
    return {
        **fields(forum, "slug", "title", "kind", "topic", "description_html"),
        "date": forum.date.isoformat(),
        "start": forum.starts_at.astimezone(tz).isoformat(),
        "end": forum.ends_at.astimezone(tz).isoformat(),
        "chairs": [speaker_summary(request, chair) for chair in forum.chairs.all()],
        "co_organizers": forum.co_organizer_list,
        "streams": [stream_data(s) for s in streams],
        "url": absolute(request, forum.get_absolute_url()),
        "talks_url": talks_url,
    }


def talk_data(request, talk, *, now):
    tz = talk.forum.summit.tzinfo
    start = talk.start.astimezone(tz)
    return {
        **fields(talk, "slug", "title", "kind", "status", "language"),
        "day": start.date().isoformat(),
        "start": start.isoformat(),
        "end": talk.end.astimezone(tz).isoformat(),
        "forum": link(request, talk.forum),
        "speakers": [
            {**speaker_summary(request, talk_link.speaker), "role": talk_link.role}
            for talk_link in talk.speaker_links
        ],
        "abstract_html": talk.abstract_html,
        # The talk page offers the replay only once the talk is over.
        "replay_url": (talk.replay_url or None) if talk.is_over(now) else None,
        "slides_url": file_url(request, talk.slides) or talk.slides_url or None,
        "url": absolute(request, talk.get_absolute_url()),
    }


def speaker_data(request, speaker):
    return {
        **speaker_summary(request, speaker),
        **fields(speaker, "position", "bio_html"),
        "website": speaker.website or None,
        "talks": [
            {**link(request, talk_link.talk), "role": talk_link.role}
            for talk_link in speaker.summit_links
        ],
        "chaired_forums": [link(request, forum) for forum in speaker.summit_chaired],
    }


def article_data(request, article):
    return {
        **fields(article, "slug", "title", "summary"),
        "byline": article.byline_text,
        "body_html": article.body_html,
        # An imported cover may be stored here (--fetch-images): absolute either way.
        "cover": file_url(request, article.cover_wide) or absolute(request, article.cover_url),
        "published_at": timezone.localtime(article.publish_at).isoformat(),
        "categories": [category.name for category in article.categories.all()],
        "talks": [link(request, talk) for talk in article.talks.all()],
        "url": absolute(request, article.get_absolute_url()),
    }
