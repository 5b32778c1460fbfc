"""schema.org Event data (JSON-LD) for the summit's home page and each talk's page.

Search engines read it from the page's share card (``summit/share.py``). It reads only
what the view already loaded: the streams and forums in the page's context.
"""

from django.urls import reverse

from summit.share import describe
from summit.text import html_to_text

SCHEMA = "https://schema.org/"


def attendance_mode(summit):
    modes = {
        summit.Format.ONLINE: "OnlineEventAttendanceMode",
        summit.Format.IN_PERSON: "OfflineEventAttendanceMode",
        summit.Format.HYBRID: "MixedEventAttendanceMode",
    }
    return SCHEMA + modes[summit.format]


def location(summit, online_url):
    place = {"@type": "Place", "name": summit.venue or summit.name}
    if summit.venue:
        place["address"] = summit.venue
    virtual = {"@type": "VirtualLocation", "url": online_url}
    return {
        summit.Format.ONLINE: virtual,
        summit.Format.IN_PERSON: place,
        summit.Format.HYBRID: [place, virtual],
    }[summit.format]


def organizers(summit):
    names = summit.organizer_list or summit.host_list or [summit.name]
    return [{"@type": "Organization", "name": name} for name in names]


def stream_url(page):
    streams = page.context.get("streams") or []
    return streams[0].url if streams else ""


def event(page, summit, *, name, description, start, end, url, cancelled=False):
    """One schema.org Event of ``summit`` (the summit itself or one of its talks)."""
    return {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": name,
        "description": description,
        "startDate": start,
        "endDate": end,
        "eventStatus": SCHEMA + ("EventCancelled" if cancelled else "EventScheduled"),
        "eventAttendanceMode": attendance_mode(summit),
        "location": location(summit, stream_url(page) or url),
        "image": [page.file(summit.banner) or page.default_image()],
        "url": url,
        "organizer": organizers(summit),
    }


def summit_event(summit, page):
    """The summit as an Event, from its first forum's start to its last forum's end."""
    forums = page.context.get("forums") or []
    if forums:
        start = min(f.starts_at for f in forums).isoformat()
        end = max(f.ends_at for f in forums).isoformat()
    else:  # no programme yet: the dates alone
        start, end = summit.start_date.isoformat(), summit.end_date.isoformat()
    return event(
        page,
        summit,
        name=summit.name,
        description=describe(summit.theme, html_to_text(summit.description_html)),
        start=start,
        end=end,
        url=page.absolute(reverse("events:home")),
    )


def talk_event(talk, speakers, page):
    """A talk as an Event with its speakers as performers, part of its summit."""
    summit = talk.forum.summit
    tz = summit.tzinfo
    data = event(
        page,
        summit,
        name=talk.title,
        description=describe(html_to_text(talk.abstract_html)) or talk.title,
        start=talk.start.astimezone(tz).isoformat(),
        end=talk.end.astimezone(tz).isoformat(),
        url=page.absolute(talk.get_absolute_url()),
        cancelled=talk.is_cancelled,
    )
    data["inLanguage"] = talk.language
    data["performer"] = [person(speaker, page) for speaker in speakers]
    data["superEvent"] = {
        "@type": "Event", "name": summit.name, "url": page.absolute(reverse("events:home"))
    }
    return data


def person(speaker, page):
    data = {
        "@type": "Person",
        "name": speaker.name,
        "url": page.absolute(speaker.get_absolute_url()),
    }
    if speaker.name_latin and speaker.name_latin != speaker.name:
        data["alternateName"] = speaker.name_latin
    if speaker.affiliation:
        data["affiliation"] = {"@type": "Organization", "name": speaker.affiliation}
    if speaker.picture_url:
        data["image"] = page.absolute(speaker.picture_url)
    return data
