"""The one path from user text to HTML: Markdown, then a bleach allow-list.

Every Markdown field (programme and news), the markdownx editor preview and imported
HTML bodies go through :func:`clean_html`, so there is a single place to audit.
"""

from urllib.parse import urlsplit

import bleach
import markdown as md
from bleach.linkifier import LinkifyFilter
from django.conf import settings

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


def _image_source_allowed(value):
    parts = urlsplit(value)
    if parts.scheme in {"http", "https"}:
        return bool(parts.netloc)
    # Only this site's uploaded media may be referenced without a host.
    return not parts.scheme and not parts.netloc and value.startswith(settings.MEDIA_URL)


def _allow_attribute(tag, name, value):
    if tag in HEADINGS:
        return name == "id"
    if tag == "a":
        return name in {"href", "title"}
    if tag == "img":
        if name == "src":
            return _image_source_allowed(value)
        return name in {"alt", "title", "width", "height", "loading"}
    if tag in {"th", "td"}:
        return name in {"colspan", "rowspan"}
    if tag == "ol":
        return name == "start"
    return False


def _set_rel(attrs, new=False):
    href = attrs.get((None, "href"), "")
    rel = {"noopener"}
    host = urlsplit(href).netloc
    if host and host not in settings.ALLOWED_HOSTS:
        rel.add("nofollow")
    attrs[(None, "rel")] = " ".join(sorted(rel))
    return attrs


CLEANER = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=_allow_attribute,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    filters=[lambda source: LinkifyFilter(source, callbacks=[_set_rel], skip_tags={"pre", "code"})],
)

MARKDOWN_EXTENSIONS = ["tables", "fenced_code", "sane_lists", "toc"]


def clean_html(html):
    """Return ``html`` reduced to the allow-list: safe to mark_safe and render."""
    return CLEANER.clean(html or "")


def render_markdown(text):
    """Render user Markdown to sanitised HTML (also markdownx's preview function)."""
    html = md.markdown(text or "", extensions=MARKDOWN_EXTENSIONS, output_format="html")
    return clean_html(html)
