from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import get_language

from summit import search
from summit.i18n import HREFLANG
from summit.text import html_to_text

register = template.Library()


@register.filter
def highlight(text, terms):
    """``text`` escaped, with the words of ``terms`` in ``<mark>``."""
    return search.highlight(text, terms.words)


@register.filter
def snippet(html, terms):
    """A highlighted passage of stored HTML (an abstract, a body) around its first match;
    "" when the words are not in it."""
    text = html_to_text(html)
    return search.snippet(text, terms.words) if search.contains_any(text, terms.words) else ""


@register.simple_tag
def other_language(obj, field, terms):
    """``obj``'s ``field`` in the page's other language when only that one holds a word of
    the query (a Chinese title found by "materials"), else ""."""
    shown = getattr(obj, field)
    if search.contains_any(shown, terms.words):
        return ""
    current = (get_language() or settings.LANGUAGE_CODE).replace("-", "_")
    for code, _name in settings.LANGUAGES:
        column = f"{field}_{code.replace('-', '_')}"
        value = getattr(obj, column, "")
        if code.replace("-", "_") != current and search.contains_any(value, terms.words):
            return format_html('<span lang="{}">{}</span>', HREFLANG.get(code, code),
                               search.highlight(value, terms.words))
    return ""
