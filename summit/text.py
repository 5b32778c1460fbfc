"""Plain text from the stored, sanitised HTML, for cards, calendars, feeds and summaries."""

import html

from django.utils.html import strip_tags


def html_to_text(fragment, *, unescape=True, collapse=True):
    """The text of an HTML fragment: tags dropped, entities decoded, whitespace collapsed.

    ``collapse=False`` keeps line breaks (calendars show paragraphs); ``unescape=False``
    keeps entities as written, for callers that compare with or emit escaped text.
    """
    text = strip_tags(fragment or "")
    if unescape:
        text = html.unescape(text)
    return " ".join(text.split()) if collapse else text
