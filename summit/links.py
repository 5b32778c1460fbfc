"""Absolute links for the API, the exports and share cards."""

from urllib.parse import urlsplit


def absolute_url(url, build_absolute_uri):
    """``url`` made absolute with ``build_absolute_uri`` (a request's); an absolute URL stays
    exactly as it is: build_absolute_uri would re-encode it, and an imported URL must not
    change."""
    parts = urlsplit(url)
    return url if parts.scheme and parts.netloc else build_absolute_uri(url)
