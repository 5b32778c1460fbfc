"""The share cards (OpenGraph, Twitter) of the programme's pages; see ``summit/share.py``.

Each model's ``share_card(page)`` method calls its builder here. Nothing here queries:
talks come with their ``speaker_links`` prefetched, the rest is in the page's context.
"""

from summit.share import describe
from summit.text import html_to_text

from .exports import schema_org
from .templatetags.events_tags import utc_offset_label


def summit_card(summit, page):
    """The summit's card; on the home page it carries the summit as a schema.org Event."""
    on_home = getattr(page.request.resolver_match, "view_name", "") == "events:home"
    return page.card(
        og_type="website",
        title=summit.name,
        description=describe(
            summit.theme,
            f"{summit.start_date:%Y-%m-%d} – {summit.end_date:%Y-%m-%d}",
            html_to_text(summit.description_html),
        ),
        data=schema_org.summit_event(summit, page) if on_home else None,
    )


def forum_card(forum, page):
    return page.card(
        og_type="website",
        title=forum.title,
        description=describe(
            f"{forum.date:%Y-%m-%d} {forum.start_time:%H:%M}–{forum.end_time:%H:%M}",
            forum.topic,
            html_to_text(forum.description_html),
        ),
        image=page.file(forum.summit.banner),
    )


def talk_card(talk, page):
    """The talk's card, with the talk as a schema.org Event."""
    summit = talk.forum.summit
    speakers = [link.speaker for link in getattr(talk, "speaker_links", [])]
    offset = utc_offset_label(talk.start.astimezone(summit.tzinfo))
    return page.card(
        og_type="website",
        title=talk.title,
        description=describe(
            f"{talk.local_range()} ({offset})",
            "、".join(speaker.name for speaker in speakers),
            html_to_text(talk.abstract_html),
        ),
        image=page.file(summit.banner),
        data=schema_org.talk_event(talk, speakers, page),
    )


def speaker_card(speaker, page):
    """A profile card with the speaker's picture, shown small and square."""
    return page.card(
        og_type="profile",
        title=speaker.display_name,
        description=describe(
            ", ".join(
                part for part in (speaker.honorific, speaker.position, speaker.affiliation)
                if part
            ),
            html_to_text(speaker.bio_html),
        ),
        image=page.absolute(speaker.picture_url),
        square=True,
    )
