"""How a browser reads a link or image address, for the sanitiser's allow-list.

An attribute's address is judged the way a browser resolves it against the page: HTML
character references decoded, then the WHATWG URL parser (Ada, through ``ada-url``), which
removes ASCII tabs and newlines, strips leading and trailing C0 controls and spaces and
reads the scheme case-insensitively. ``urllib`` disagrees with browsers on such inputs:
``\\x01javascript:`` has no scheme for it and runs script in a browser.
"""

import posixpath
from html import unescape
from urllib.parse import unquote

from ada_url import URL, check_url
from django.conf import settings

# Two pages on different hosts: an address that takes each page's host names none of
# its own, so it stays on this site.
PAGES = ("https://page-one.invalid/p/", "https://page-two.invalid/p/")
LINK_SCHEMES = frozenset({"http:", "https:", "mailto:"})
WEB_SCHEMES = frozenset({"http:", "https:"})


def resolved(value):
    """The address as a browser on this site reads it: one ``URL`` per page, or None."""
    address = unescape(value or "")
    try:
        return [URL(address, page) for page in PAGES]
    except ValueError:
        return None


def on_this_site(urls):
    return all(url.host == URL(page).host for url, page in zip(urls, PAGES, strict=True))


def link_allowed(value):
    """http, https, mailto, relative and fragment addresses; nothing else."""
    urls = resolved(value)
    return urls is not None and urls[0].protocol in LINK_SCHEMES


def external_web_address(value):
    """True for an address that names its own scheme (http or https) and host."""
    address = unescape(value or "")
    return check_url(address) and URL(address).protocol in WEB_SCHEMES and bool(URL(address).host)


def image_allowed(value):
    """An external http(s) image, or an upload of this site's media."""
    urls = resolved(value)
    if urls is None:
        return False
    if not on_this_site(urls):
        return external_web_address(value)
    # Judged on the path a server will serve: it may read %2e%2e as ".." or %5c as "/".
    path = unquote(urls[0].pathname)
    return "\\" not in path and posixpath.normpath(path).startswith(settings.MEDIA_URL)


def host(value):
    """The host a link leads to, or "" for an address on this site."""
    urls = resolved(value)
    if urls is None or on_this_site(urls):
        return ""
    return urls[0].hostname
