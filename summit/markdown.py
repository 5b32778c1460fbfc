"""The one path from user text to HTML: Markdown, then a bleach allow-list.

Every Markdown field (programme and news), the markdownx editor preview and imported
HTML bodies go through :func:`clean_html`, so there is a single place to audit.
"""

import re
from html import escape

import markdown as md
from bleach.html5lib_shim import Filter
from bleach.linkifier import LinkifyFilter, build_url_re
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http.request import validate_host
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname

from summit.page_cache import version as page_version

from . import addresses, html_tree
from .markdown_inline import LinearInlineExtension
from .markdown_linear import (
    LinearBlocksExtension,
    LinearLinksExtension,
    LinearTableExtension,
    OneTocExtension,
)
from .raw_html import LinearRawHtmlExtension, bound_nesting
from .text import strip_control_characters, strip_control_characters_from_fields, text_fields

ALLOWED_TAGS = frozenset(
    {
        "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr",
        "ul", "ol", "li", "dl", "dt", "dd",
        "strong", "b", "em", "i", "u", "s", "del", "ins", "sub", "sup", "mark", "small",
        "code", "pre", "kbd", "blockquote",
        "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
        "a", "img", "figure", "figcaption",
    }
)
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
HEADING_ID_PREFIX = "h-"
SAFE_ID = re.compile(r"^[\w-]{1,80}$")
SIZE = re.compile(r"^\d{1,4}$")
# Elements whose text is not content: bleach would keep it as escaped text, so it is
# removed first. This is cosmetic only; safety comes from the allow-list below.
INVISIBLE_OPENING = re.compile(r"<(script|style|template|noscript|title|textarea)\b[^<>]*>")
INVISIBLE_CLOSING = {
    name: re.compile(rf"</{name}\s*>")
    for name in ("script", "style", "template", "noscript", "title", "textarea")
}
# The longest Markdown accepted in a field, a preview or an import: a long article is
# about 30,000 characters; rendering stays under a second at this size.
MAX_MARKDOWN_CHARS = 100_000
# Linkify plain text only for web addresses: never mailto-less schemes such as data:.
URL_RE = build_url_re(protocols=["http", "https"])


def _allow_attribute(tag, name, value):
    if tag in HEADINGS:
        return name == "id" and bool(SAFE_ID.match(value))
    if tag == "a":
        return name == "title" or (name == "href" and addresses.link_allowed(value))
    if tag == "img":
        if name == "src":
            return addresses.image_allowed(value)
        if name in {"width", "height"}:
            return bool(SIZE.match(value))
        if name == "referrerpolicy":
            # WeChat and Toutiao refuse hotlinked images sent with a referrer.
            return value == "no-referrer"
        return name in {"alt", "title"}
    if tag in {"th", "td"}:
        return name in {"colspan", "rowspan"} and bool(SIZE.match(value))
    if tag == "ol":
        return name == "start" and bool(SIZE.match(value))
    return False


def is_external(url):
    host = addresses.host(url)
    return bool(host) and not validate_host(host, settings.ALLOWED_HOSTS)


def _set_rel(attrs, new=False):
    href = attrs.get((None, "href"), "")
    rel = ["nofollow", "noopener"] if is_external(href) else ["noopener"]
    attrs[(None, "rel")] = " ".join(rel)
    return attrs


class DropEmptyFilter(Filter):
    """Drops ``element``s holding no text and no image: the leftovers of editors
    such as WeChat's once their wrappers are stripped (p and a never nest in themselves)."""

    element = "p"

    def __iter__(self):
        buffer = None
        for token in super().__iter__():
            if buffer is None:
                if token["type"] == "StartTag" and token["name"] == self.element:
                    buffer = [token]
                else:
                    yield token
                continue
            buffer.append(token)
            if token["type"] == "EndTag" and token["name"] == self.element:
                if any(self._has_content(t) for t in buffer[1:-1]):
                    yield from buffer
                buffer = None
        if buffer:
            yield from buffer

    @staticmethod
    def _has_content(token):
        if token["type"] in {"Characters", "SpaceCharacters"}:
            return bool(token["data"].strip())
        # Inline wrappers (strong, span leftovers) around nothing are still nothing.
        return token["type"] in {"StartTag", "EmptyTag"} and token["name"] == "img"


class DropEmptyLinkFilter(DropEmptyFilter):
    element = "a"


class HeadingIdFilter(Filter):
    """Puts every heading id under ``h-`` so user text cannot take the page's own ids
    (the skip link's ``main``, form fields); in-page links (``#x``, the [TOC] list) follow."""

    def __iter__(self):
        for token in super().__iter__():
            if token["type"] in {"StartTag", "EmptyTag"}:
                attrs = token["data"]
                if token["name"] in HEADINGS and attrs.get((None, "id")):
                    attrs[(None, "id")] = _heading_id(attrs[(None, "id")])
                href = attrs.get((None, "href"), "")
                if token["name"] == "a" and href.startswith("#") and len(href) > 1:
                    attrs[(None, "href")] = "#" + _heading_id(href[1:])
            yield token


def _heading_id(value):
    return value if value.startswith(HEADING_ID_PREFIX) else HEADING_ID_PREFIX + value


class NoReferrerFilter(Filter):
    """External images are requested without a referrer: many image hosts (WeChat,
    Toutiao) refuse hotlinked images that send one."""

    def __iter__(self):
        for token in super().__iter__():
            if (
                token["type"] in {"StartTag", "EmptyTag"}
                and token["name"] == "img"
                and addresses.external_web_address(token["data"].get((None, "src"), ""))
            ):
                token["data"][(None, "referrerpolicy")] = "no-referrer"
            yield token


CLEANER = html_tree.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=_allow_attribute,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    filters=[
        lambda source: LinkifyFilter(
            source, callbacks=[_set_rel], skip_tags={"pre", "code"}, url_re=URL_RE
        ),
        DropEmptyLinkFilter,
        DropEmptyFilter,
        HeadingIdFilter,
        NoReferrerFilter,
    ],
)

MARKDOWN_EXTENSIONS = [
    LinearTableExtension(), "fenced_code", "sane_lists", OneTocExtension(),
    LinearLinksExtension(),
    LinearBlocksExtension(), LinearRawHtmlExtension(), LinearInlineExtension(),
]


def clean_html(html):
    """Return ``html`` reduced to the allow-list: safe to mark_safe and render."""
    # Control characters go first: stripped after judging, "java\x0bscript:" (a relative
    # address to a browser) would become "javascript:".
    html = strip_control_characters(html or "")
    # html5lib's time grows with the depth of nesting: bound it first.
    return CLEANER.clean(bound_nesting(drop_invisible_elements(html))).strip()


def drop_invisible_elements(html):
    """``html`` without script, style and the like, in one pass (a regex with a lazy
    ``.*?`` rescanned the rest of the text for each unclosed opening tag)."""
    lower, kept, position, unclosed = html.lower(), [], 0, set()
    for opening in INVISIBLE_OPENING.finditer(lower):
        name = opening.group(1)
        if opening.start() < position or name in unclosed:
            continue
        closing = INVISIBLE_CLOSING[name].search(lower, opening.end())
        if closing is None:
            unclosed.add(name)  # no later opening of this name is closed either
            continue
        kept.append(html[position : opening.start()])
        position = closing.end()
    kept.append(html[position:])
    return "".join(kept)


def render_markdown(text):
    """Render user Markdown to sanitised HTML (also markdownx's preview function)."""
    text = strip_control_characters(text or "")
    try:
        html = md.markdown(text, extensions=MARKDOWN_EXTENSIONS, output_format="html")
    except RecursionError:
        # Python-Markdown recurses once per level of nested lists or quotes.
        html = f"<p>{escape(text)}</p>"
    return clean_html(html)


def validate_markdown_size(text):
    """Refuse Markdown longer than MAX_MARKDOWN_CHARS, saying how long it may be."""
    if text and len(text) > MAX_MARKDOWN_CHARS:
        raise ValidationError(
            _("This text is too long: at most %(limit)s characters, it has %(length)s."),
            code="too_long",
            params={"limit": f"{MAX_MARKDOWN_CHARS:,}", "length": f"{len(text):,}"},
        )


def check_markdown_size(text, *, what, error):
    """For the importers: raise ``error("<what>: <why>")`` for Markdown that is too long
    (in English, like the importers' other messages)."""
    with translation.override(None):
        try:
            validate_markdown_size(text)
        except ValidationError as exc:
            raise error(f"{what}: {exc.messages[0]}") from None

def markdown_pairs(model):
    """(source, stored HTML) attribute pairs of ``model``'s ``markdown_fields``.

    A field translated with django-modeltranslation gives one pair per language
    (``body_en`` -> ``body_html_en``), so every language's Markdown is sanitised here.
    """
    try:
        translated = set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        translated = set()
    pairs = []
    for source, html in getattr(model, "markdown_fields", {}).items():
        if source in translated:
            pairs += [
                (build_localized_fieldname(source, code), build_localized_fieldname(html, code))
                for code, _name in settings.LANGUAGES
            ]
        else:
            pairs.append((source, html))
    return pairs


def render_markdown_fields(instance):
    """Store the sanitised HTML of each of the model's ``markdown_fields`` on ``instance``."""
    for source, html in markdown_pairs(type(instance)):
        setattr(instance, html, render_markdown(getattr(instance, source)))


def rerender_stored_html():
    """Render every stored Markdown field again (after this allow-list changed).

    Models opt in with ``markdown_fields = {"source": "source_html"}``; rows are updated
    in bulk, so no save() side effects (history, timestamps) follow. Returns rows changed
    per model label.
    """
    changed = {}
    for model in apps.get_models():
        pairs = markdown_pairs(model)
        if not pairs:
            continue
        sources, targets = [s for s, _h in pairs], [h for _s, h in pairs]
        stale = []
        for row in model._base_manager.only(*sources, *targets).iterator():
            fresh = {html: render_markdown(getattr(row, source)) for source, html in pairs}
            if any(getattr(row, html) != value for html, value in fresh.items()):
                for html, value in fresh.items():
                    setattr(row, html, value)
                stale.append(row)
        model._base_manager.bulk_update(stale, targets, batch_size=500)
        changed[model._meta.label] = len(stale)
    page_version.bump()  # bulk_update sends no signal
    return changed


def strip_control_characters_from_rows(model, markdown_fields):
    """Data migrations: strip control characters from every text field of ``model``'s rows,
    rendering ``markdown_fields`` ({source: html}) again from the cleaned source."""
    stale = []
    for row in model._base_manager.iterator():
        if strip_control_characters_from_fields(row):
            for source, html in markdown_fields.items():
                setattr(row, html, render_markdown(getattr(row, source)))
            stale.append(row)
    fields = [field.name for field in text_fields(model)]
    model._base_manager.bulk_update(stale, fields, batch_size=500)
    return len(stale)
