"""The card link previews show for a page: OpenGraph and Twitter tags, optional JSON-LD.

Each app builds the card for its own objects (a ``share_card(page)`` method on the model);
the ``share_card`` template tag picks the object and renders the card with
``templates/includes/share_meta.html``. Cards read only what the view already loaded.
"""

import json
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.http import HttpRequest
from django.templatetags.static import static
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from .links import absolute_url

DEFAULT_IMAGE = "img/share-default.png"
DESCRIPTION_LENGTH = 200
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


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


def describe(*parts):
    """The non-empty ``parts`` joined with `` · `` and cut to a card's description length."""
    text = " · ".join(part for part in parts if part)
    return Truncator(text).chars(DESCRIPTION_LENGTH)


def script_json(data):
    """``data`` as JSON safe to put inside a script element (``<``, ``>``, ``&`` escaped),
    so user text cannot close the element."""
    return mark_safe(  # noqa: S308 - escaped just above for the script context
        json.dumps(data, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
    )


@dataclass(frozen=True)
class SharePage:
    """The page a card is for: its request, what its view put in the context, and the
    site name and image (an absolute URL) a card falls back to."""

    request: HttpRequest
    context: Mapping = field(default_factory=dict)
    site_name: str = ""
    fallback_image: str = ""

    def absolute(self, url):
        """``url`` made absolute on this site; an absolute URL stays exactly as it is."""
        if not url:
            return ""
        return absolute_url(url, self.request.build_absolute_uri)

    def file(self, file_field):
        """The absolute URL of an uploaded file, or "" when the field is empty."""
        return self.absolute(file_field.url) if file_field else ""

    def default_image(self):
        return self.absolute(static(DEFAULT_IMAGE))

    def card(self, *, og_type, title, description, image="", square=False, data=None):
        """A card for this page; ``square`` images get the small Twitter card, ``data``
        (schema.org) goes out as JSON-LD."""
        return ShareCard(
            type=og_type,
            title=title,
            description=description,
            url=self.absolute(self.request.path),
            image=image or self.fallback_image or self.default_image(),
            twitter_card="summary" if square and image else "summary_large_image",
            site_name=self.site_name,
            json_ld=script_json(data) if data else "",
        )
