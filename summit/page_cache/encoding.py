"""Content coding of cached pages: Brotli or gzip when the client accepts it.

Only public pages come through here, and they carry no secret (no CSRF token, no session:
the middleware refuses to keep such a page), so compression cannot leak one (BREACH).
"""

import gzip
import re

import brotli

IDENTITY = "identity"
# Brotli's quality 5 and gzip's level 6 compress a 2 MB schedule in a few milliseconds;
# higher Brotli qualities cost seconds for a few percent less.
COMPRESSORS = {
    "br": lambda body: brotli.compress(body, quality=5),
    "gzip": lambda body: gzip.compress(body, compresslevel=6, mtime=0),
}
SMALLEST = 200  # bytes: below this, compression gains nothing
_TOKEN = re.compile(r"\s*([a-z*]+)\s*(?:;\s*q\s*=\s*([0-9.]+))?\s*", re.IGNORECASE)


def chosen_encoding(accept_encoding):
    """The coding to send for an ``Accept-Encoding`` header: br, then gzip, else identity."""
    accepted = {}
    for part in accept_encoding.split(","):
        match = _TOKEN.fullmatch(part)
        if match:
            try:
                accepted[match[1].lower()] = float(match[2]) if match[2] else 1.0
            except ValueError:
                continue
    for coding in COMPRESSORS:
        if accepted.get(coding, accepted.get("*", 0)) > 0:
            return coding
    return IDENTITY


def encode(body, coding):
    if coding == IDENTITY:
        return body
    return COMPRESSORS[coding](body)


def worth_compressing(content_type, size):
    return size >= SMALLEST and content_type.split(";")[0].strip() in COMPRESSIBLE


COMPRESSIBLE = {
    "text/html", "text/plain", "text/calendar", "text/css", "text/xml",
    "application/xml", "application/json", "application/rss+xml", "application/atom+xml",
    "application/javascript", "application/vnd.oai.openapi+json",
}
