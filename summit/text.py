"""Plain text: control characters kept out of stored text, and plain text from the stored,
sanitised HTML for cards, calendars, feeds and summaries."""

import html
import re

from django.db import models
from django.utils.html import strip_tags

# C0 controls other than tab, line feed and carriage return: XML 1.0 cannot carry them
# (feeds and exports fail), PostgreSQL refuses NUL, and text pasted from Word brings \x0b.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def strip_control_characters(text):
    """``text`` without C0 control characters other than tab and newline."""
    return CONTROL_CHARACTERS.sub("", text) if isinstance(text, str) else text


def has_control_characters(text):
    return bool(CONTROL_CHARACTERS.search(text or ""))


def text_fields(model):
    """The model's concrete CharField and TextField fields, including ones added later
    (slugs, URLs, translations)."""
    return [
        field for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
    ]


def strip_control_characters_from_fields(instance):
    """Strip control characters from every text field of ``instance``; the names changed."""
    changed = []
    for field in text_fields(type(instance)):
        value = getattr(instance, field.attname)
        cleaned = strip_control_characters(value)
        if cleaned != value:
            setattr(instance, field.attname, cleaned)
            changed.append(field.attname)
    return changed


class CleanTextMixin:
    """Text fields are saved without control characters, whoever saves the row: the admin,
    the importers, the demo commands."""

    def save(self, *args, **kwargs):
        strip_control_characters_from_fields(self)
        super().save(*args, **kwargs)


def html_to_text(fragment, *, unescape=True, collapse=True):
    """The text of an HTML fragment: tags dropped, entities decoded, whitespace collapsed.

    ``collapse=False`` keeps line breaks (calendars show paragraphs); ``unescape=False``
    keeps entities as written, for callers that compare with or emit escaped text.
    """
    text = strip_tags(fragment or "")
    if unescape:
        text = html.unescape(text)
    return " ".join(text.split()) if collapse else text
