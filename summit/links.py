"""Absolute links for the API, the exports and share cards."""

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language


def absolute_url(url, build_absolute_uri):
    """``url`` made absolute with ``build_absolute_uri`` (a request's); an absolute URL stays
    exactly as it is: build_absolute_uri would re-encode it, and an imported URL must not
    change."""
    parts = urlsplit(url)
    return url if parts.scheme and parts.netloc else build_absolute_uri(url)


_SLUG = "slug-placeholder-9f3c"
_routes = {}


def slug_url(viewname, slug):
    """``reverse(viewname, kwargs={"slug": slug})`` for a route whose one argument is a slug.

    Reversing was the largest single cost of a big schedule page (three links a talk): the
    route is reversed once per URLconf, script prefix and language, then the slug is put
    in. Slugs are ASCII letters, digits, hyphens and underscores: nothing to quote.
    """
    return slug_urls(viewname)(slug)


def slug_urls(viewname):
    """``slug -> slug_url(viewname, slug)`` for the current URLconf, prefix and language, which
    it looks up once: a list of cards asks for hundreds of links."""
    key = (viewname, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix(),
           get_language())
    route = _routes.get(key)
    if route is None:
        route = _routes[key] = reverse(viewname, kwargs={"slug": _SLUG}).split(_SLUG)
    return lambda slug: slug.join(route)
