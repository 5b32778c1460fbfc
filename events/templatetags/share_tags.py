"""Sharing cards (OpenGraph, Twitter) and schema.org Event JSON-LD for the public pages.

The card describes the most specific object the page has in its context: an article, a
talk, a speaker, a forum, else the summit. It reads only what the view already loaded
(no queries). JSON-LD goes into a ``<script type="application/ld+json">`` data block with
``<``, ``>`` and ``&`` escaped, so user text cannot close the element.
"""

import html
import json
from dataclasses import dataclass

from django import template
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from events.models import Summit, Talk

from .events_tags import utc_offset_label

register = template.Library()

DEFAULT_IMAGE = "img/share-default.png"
DESCRIPTION_LENGTH = 200
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}
ATTENDANCE_MODES = {
    Summit.Format.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    Summit.Format.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    Summit.Format.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}


@dataclass
class ShareCard:
    type: str
    title: str
    description: str
    url: str
    image: str
    twitter_card: str
    site_name: str
    json_ld: str = ""


def text_of(html_fragment):
    """Plain text of sanitised HTML, entities decoded (the template escapes it again)."""
    return " ".join(html.unescape(strip_tags(html_fragment or "")).split())


def describe(*parts):
    text = " · ".join(part for part in parts if part)
    return Truncator(text).chars(DESCRIPTION_LENGTH)


def json_ld(data):
    """``data`` as JSON safe to put inside a script element."""
    return mark_safe(  # noqa: S308 - escaped just above for the script context
        json.dumps(data, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
    )


class CardBuilder:
    def __init__(self, context):
        self.context = context
        self.request = context["request"]
        self.summit = context.get("summit") or context.get("current_summit")

    def absolute(self, path):
        return self.request.build_absolute_uri(path) if path else ""

    def file(self, field):
        return self.absolute(field.url) if field else ""

    def summit_image(self, summit):
        return self.file(summit.banner) if summit else ""

    def card(self, *, og_type, title, description, image="", square=False, data=None):
        return ShareCard(
            type=og_type,
            title=title,
            description=description,
            url=self.absolute(self.request.path),
            image=image or self.summit_image(self.summit) or self.absolute(static(DEFAULT_IMAGE)),
            twitter_card="summary" if square and image else "summary_large_image",
            site_name=self.summit.name if self.summit else "",
            json_ld=json_ld(data) if data else "",
        )

    def build(self):
        context = self.context
        for name in ("article", "talk", "speaker", "forum"):
            if context.get(name) is not None:
                return getattr(self, f"for_{name}")(context[name])
        if self.summit is None:
            return None
        return self.for_summit(self.summit)

    def for_article(self, article):
        cover = self.file(article.cover_wide) or self.file(article.cover) or article.cover_url
        return self.card(
            og_type="article",
            title=article.title,
            description=describe(article.summary or text_of(article.body_html)),
            image=cover,
        )

    def for_talk(self, talk):
        summit = talk.forum.summit
        speakers = [link.speaker for link in getattr(talk, "speaker_links", [])]
        offset = utc_offset_label(talk.start.astimezone(summit.tzinfo))
        return self.card(
            og_type="website",
            title=talk.title,
            description=describe(
                f"{talk.local_range()} ({offset})",
                "、".join(speaker.name for speaker in speakers),
                text_of(talk.abstract_html),
            ),
            image=self.summit_image(summit),
            data=self.talk_event(talk, summit, speakers),
        )

    def for_speaker(self, speaker):
        return self.card(
            og_type="profile",
            title=speaker.display_name,
            description=describe(
                ", ".join(
                    part for part in (speaker.honorific, speaker.position, speaker.affiliation)
                    if part
                ),
                text_of(speaker.bio_html),
            ),
            image=self.file(speaker.photo_320),
            square=True,
        )

    def for_forum(self, forum):
        return self.card(
            og_type="website",
            title=forum.title,
            description=describe(
                f"{forum.date:%Y-%m-%d} {forum.start_time:%H:%M}–{forum.end_time:%H:%M}",
                forum.topic,
                text_of(forum.description_html),
            ),
            image=self.summit_image(forum.summit),
        )

    def for_summit(self, summit):
        on_home = getattr(self.request.resolver_match, "view_name", "") == "events:home"
        return self.card(
            og_type="website",
            title=summit.name,
            description=describe(
                summit.theme,
                f"{summit.start_date:%Y-%m-%d} – {summit.end_date:%Y-%m-%d}",
                text_of(summit.description_html),
            ),
            data=self.summit_event(summit) if on_home else None,
        )

    # schema.org Event data

    def stream_url(self):
        streams = self.context.get("streams") or []
        return streams[0].url if streams else ""

    def location(self, summit, online_url):
        place = {"@type": "Place", "name": summit.venue or summit.name}
        if summit.venue:
            place["address"] = summit.venue
        virtual = {"@type": "VirtualLocation", "url": online_url}
        return {
            Summit.Format.ONLINE: virtual,
            Summit.Format.IN_PERSON: place,
            Summit.Format.HYBRID: [place, virtual],
        }[summit.format]

    def organizers(self, summit):
        names = summit.organizer_list or summit.host_list or [summit.name]
        return [{"@type": "Organization", "name": name} for name in names]

    def event(self, summit, *, name, description, start, end, url, cancelled=False):
        return {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": name,
            "description": description,
            "startDate": start,
            "endDate": end,
            "eventStatus": "https://schema.org/EventCancelled"
            if cancelled else "https://schema.org/EventScheduled",
            "eventAttendanceMode": ATTENDANCE_MODES[summit.format],
            "location": self.location(summit, self.stream_url() or url),
            "image": [self.summit_image(summit) or self.absolute(static(DEFAULT_IMAGE))],
            "url": url,
            "organizer": self.organizers(summit),
        }

    def summit_event(self, summit):
        forums = self.context.get("forums") or []
        if forums:
            start = min(f.starts_at for f in forums).isoformat()
            end = max(f.ends_at for f in forums).isoformat()
        else:  # no programme yet: the dates alone
            start, end = summit.start_date.isoformat(), summit.end_date.isoformat()
        return self.event(
            summit,
            name=summit.name,
            description=describe(summit.theme, text_of(summit.description_html)),
            start=start,
            end=end,
            url=self.absolute(reverse("events:home")),
        )

    def talk_event(self, talk, summit, speakers):
        tz = summit.tzinfo
        data = self.event(
            summit,
            name=talk.title,
            description=describe(text_of(talk.abstract_html)) or talk.title,
            start=talk.start.astimezone(tz).isoformat(),
            end=talk.end.astimezone(tz).isoformat(),
            url=self.absolute(talk.get_absolute_url()),
            cancelled=talk.status == Talk.Status.CANCELLED,
        )
        data["inLanguage"] = talk.language
        data["performer"] = [self.person(speaker) for speaker in speakers]
        data["superEvent"] = {
            "@type": "Event", "name": summit.name, "url": self.absolute(reverse("events:home"))
        }
        return data

    def person(self, speaker):
        person = {
            "@type": "Person",
            "name": speaker.name,
            "url": self.absolute(speaker.get_absolute_url()),
        }
        if speaker.name_latin and speaker.name_latin != speaker.name:
            person["alternateName"] = speaker.name_latin
        if speaker.affiliation:
            person["affiliation"] = {"@type": "Organization", "name": speaker.affiliation}
        if speaker.photo_320:
            person["image"] = self.file(speaker.photo_320)
        return person


@register.simple_tag(takes_context=True)
def share_card(context):
    """The page's :class:`ShareCard`, or None when there is nothing to describe."""
    if context.get("request") is None:
        return None
    return CardBuilder(context).build()
