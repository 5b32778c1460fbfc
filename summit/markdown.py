"""The one path from user text to HTML: Markdown, then a bleach allow-list.

Every Markdown field (programme and news), the markdownx editor preview and imported
HTML bodies go through :func:`clean_html`, so there is a single place to audit.
"""

import posixpath
import re
from html import unescape
from urllib.parse import unquote, urlsplit

import bleach
import markdown as md
from bleach.html5lib_shim import Filter
from bleach.linkifier import LinkifyFilter, build_url_re
from django.apps import apps
from django.conf import settings
from django.http.request import validate_host

from summit.page_cache import version as page_version

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
INVISIBLE_ELEMENTS = re.compile(
    r"<(script|style|template|noscript|title|textarea)\b[^>]*>.*?</\1\s*>",
    re.IGNORECASE | re.DOTALL,
)
# Linkify plain text only for web addresses: never mailto-less schemes such as data:.
URL_RE = build_url_re(protocols=["http", "https"])


def _image_source_allowed(value):
    # bleach hands attribute values over with character references still in them.
    parts = urlsplit(unescape(value).strip())
    if parts.scheme.lower() in {"http", "https"}:
        return bool(parts.netloc)
    if parts.scheme or parts.netloc:
        return False
    # Only this site's uploaded media may be referenced without a host, judged on the path
    # the browser will request: it reads %2e%2e as ".." and "\\" as "/" (urlsplit, like
    # browsers, drops tabs and newlines).
    path = unquote(parts.path)
    if "\\" in path:
        return False
    return posixpath.normpath(path).startswith(settings.MEDIA_URL)


def _allow_attribute(tag, name, value):
    if tag in HEADINGS:
        return name == "id" and bool(SAFE_ID.match(value))
    if tag == "a":
        return name in {"href", "title"}
    if tag == "img":
        if name == "src":
            return _image_source_allowed(value)
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
    host = urlsplit(url).hostname
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
            if token["type"] in {"StartTag", "EmptyTag"} and token["name"] == "img":
                parts = urlsplit(unescape(token["data"].get((None, "src"), "")).strip())
                if parts.scheme.lower() in {"http", "https"} and parts.netloc:
                    token["data"][(None, "referrerpolicy")] = "no-referrer"
            yield token


CLEANER = bleach.Cleaner(
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

MARKDOWN_EXTENSIONS = ["tables", "fenced_code", "sane_lists", "toc"]


def clean_html(html):
    """Return ``html`` reduced to the allow-list: safe to mark_safe and render."""
    return CLEANER.clean(INVISIBLE_ELEMENTS.sub("", html or "")).strip()


def render_markdown(text):
    """Render user Markdown to sanitised HTML (also markdownx's preview function)."""
    html = md.markdown(text or "", extensions=MARKDOWN_EXTENSIONS, output_format="html")
    return clean_html(html)


def render_markdown_fields(instance):
    """Store the sanitised HTML of each of the model's ``markdown_fields`` on ``instance``."""
    for source, html in instance.markdown_fields.items():
        setattr(instance, html, render_markdown(getattr(instance, source)))


def rerender_stored_html():
    """Render every stored Markdown field again (after this allow-list changed).

    Models opt in with ``markdown_fields = {"source": "source_html"}``; rows are updated
    in bulk, so no save() side effects (history, timestamps) follow. Returns rows changed
    per model label.
    """
    changed = {}
    for model in apps.get_models():
        fields = getattr(model, "markdown_fields", None)
        if not fields:
            continue
        stale = []
        for row in model._base_manager.only(*fields, *fields.values()).iterator():
            fresh = {html: render_markdown(getattr(row, source)) for source, html in fields.items()}
            if any(getattr(row, html) != value for html, value in fresh.items()):
                for html, value in fresh.items():
                    setattr(row, html, value)
                stale.append(row)
        model._base_manager.bulk_update(stale, list(fields.values()), batch_size=500)
        changed[model._meta.label] = len(stale)
    page_version.bump()  # bulk_update sends no signal
    return changed
