"""Plain-text helpers shared by the exports."""

import html

from django.utils.html import strip_tags


def plain_text(rendered_html):
    """Sanitised HTML (e.g. ``talk.abstract_html``) as plain text for calendars."""
    return html.unescape(strip_tags(rendered_html)).strip()


def speaker_line(link):
    """'Name (Latin name), Honorific, Affiliation' for one TalkSpeaker row."""
    speaker = link.speaker
    parts = [speaker.display_name]
    parts += [value for value in (speaker.honorific, speaker.affiliation) if value]
    return ", ".join(parts)
