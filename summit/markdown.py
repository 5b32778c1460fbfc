"""The one path from user text to HTML: Markdown, then a bleach allow-list.

Every Markdown field (programme and news), the markdownx editor preview and imported
HTML bodies go through :func:`clean_html`, so there is a single place to audit.
"""

import re
from urllib.parse import urlsplit

import bleach
import markdown as md
from bleach.html5lib_shim import Filter
from bleach.linkifier import LinkifyFilter, build_url_re
from django.conf import settings
from django.http.request import validate_host

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
    parts = urlsplit(value.strip())
    if parts.scheme.lower() in {"http", "https"}:
        return bool(parts.netloc)
    # Only this site's uploaded media may be referenced without a host.
    return (
        not parts.scheme and not parts.netloc and value.startswith(settings.MEDIA_URL)
        and ".." not in value
    )


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
