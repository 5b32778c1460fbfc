"""Serve every public page, calendar, export, feed, sitemap and API answer from a shared cache.

An anonymous GET or HEAD is looked up by its scheme, host and full path with its query
string (never a cookie or ``Accept-Language``: the language comes from the address) and
content coding. The stored copy names the public version and the next time boundary
(``version.py``) it was made under; a copy made under another one is not used, so an edit
shows on the next request, and the slot is overwritten by the next render. Keeping the
version in the copy rather than in the key lets a hit read the version and the page in one
round trip to the cache.

A response is kept only when it is 200 (or 404, briefly), sets no cookie, used no CSRF token
or session, and did not ask not to be cached (``never_cache`` previews). Requests carrying a
session cookie (logged-in staff) or ``Authorization`` are never served from the cache.

After a change, one worker renders a page while the others wait for its copy (a lock taken
with ``cache.add``). The copy is kept per content coding; a coding missing from the cache is
made from the identity copy, never by rendering again.
"""

import hashlib
import time

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags

from . import encoding, version

SAFE_METHODS = ("GET", "HEAD")
STORED_STATUSES = {200: None, 404: 60}  # status -> lifetime cap in seconds (None: no cap)
LOCK_SECONDS = 30  # a worker that dies while rendering holds the lock this long at most
WAIT_SECONDS = 10  # how long others wait for that render before rendering themselves
POLL_SECONDS = 0.02
# Headers that describe one coding of the body: set afresh on each answer.
PER_ANSWER = {"content-length", "content-encoding", "etag", "cache-control", "x-cache"}


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE_SECONDS or not cacheable_request(request):
            return self.get_response(request)
        if (answer := not_modified(request)) is not None:
            return answer
        coding = encoding.chosen_encoding(request.META.get("HTTP_ACCEPT_ENCODING", ""))
        address = page_address(request)
        if STATE_KEY in request.META:  # a revalidation with an old tag: the state was read
            state, found = request.META[STATE_KEY], {}
        else:
            state, found = version.current_state(slot(address, coding))
        now = timezone.now().timestamp()
        base = page_key(address, state)
        etag = entity_tag(base, coding)
        page = found.get(slot(address, coding))
        if page is None or page.base != base:
            page = (self.cached_page(address, base, coding)
                    or self.render(request, address, base, coding, state, now))
        if isinstance(page, Page):
            return self.answer(page, etag, state, now)
        return page  # not storable: sent as the view made it

    def cached_page(self, address, base, coding):
        """The copy made under ``base`` in this coding, else made from the identity copy."""
        store = version.cache()
        found = store.get_many([slot(address, coding), slot(address, encoding.IDENTITY)])
        page = found.get(slot(address, coding))
        if page is not None and page.base == base:
            return page
        page = found.get(slot(address, encoding.IDENTITY))
        if page is None or page.base != base:
            return None
        if coding != encoding.IDENTITY:
            page = page.encoded(coding)
            store.set(slot(address, coding), page, timeout=page.timeout)
        return page

    def render(self, request, address, base, coding, state, now):
        """Render once for every worker: take the lock, or wait for the worker holding it.

        Gives the stored Page, or the view's own response when it may not be stored.
        """
        store = version.cache()
        lock = f"{base}:lock"
        locked = store.add(lock, 1, timeout=LOCK_SECONDS)
        if not locked:
            page = self.wait_for(address, base, coding, lock)
            if page is not None:
                return page
        try:
            response = self.get_response(request)
            if not storable(request, response):
                return response
            page = Page.from_response(response, base,
                                      lifetime(response.status_code, state, now))
            store.set(slot(address, encoding.IDENTITY), page, timeout=page.timeout)
            if coding != encoding.IDENTITY:
                page = page.encoded(coding)
                store.set(slot(address, coding), page, timeout=page.timeout)
            page.hit = False
            return page
        finally:
            if locked:
                store.delete(lock)

    def wait_for(self, address, base, coding, lock):
        """The page another worker is rendering, or None when it gives up or fails."""
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(POLL_SECONDS)
            page = self.cached_page(address, base, coding)
            if page is not None:
                return page
            if version.cache().get(lock) is None:  # done, not storable, or failed
                return self.cached_page(address, base, coding)
        return None

    def answer(self, page, etag, state, now):
        response = HttpResponse(page.body, status=page.status)
        for name, value in page.headers:
            response[name] = value
        if page.coding != encoding.IDENTITY:
            response["Content-Encoding"] = page.coding
        response["Content-Length"] = str(len(page.body))
        response["X-Cache"] = "hit" if page.hit else "miss"
        if page.status == 200:
            response["ETag"] = etag
        response["Cache-Control"] = shared_cache_control(state, now)
        return response



# What a cached answer varies on besides its address (which carries the language).
VARY = ("Accept-Encoding",)
# Where the WSGI front leaves the state it read, for the middleware to reuse.
STATE_KEY = "summit.page_cache.state"


def not_modified(request):
    """The 304 for a revalidation (``If-None-Match``) that names the current copy of a
    public page, else None; whatever the answer, the state read is left on the request.

    Shared by the middleware and the WSGI front, which calls it before Django's request
    handling.
    """
    if (not settings.PAGE_CACHE_SECONDS or "HTTP_IF_NONE_MATCH" not in request.META
            or not cacheable_request(request)):
        return None
    coding = encoding.chosen_encoding(request.META.get("HTTP_ACCEPT_ENCODING", ""))
    if STATE_KEY not in request.META:  # read once per request, front or middleware
        request.META[STATE_KEY] = version.current_state()
    state = request.META[STATE_KEY]
    etag = entity_tag(page_key(page_address(request), state), coding)
    if etag not in parse_etags(request.META["HTTP_IF_NONE_MATCH"]):
        return None
    return answer_not_modified(etag, state, timezone.now().timestamp())


def answer_not_modified(etag, state, now):
    response = HttpResponseNotModified()
    response["ETag"] = etag
    response["Cache-Control"] = shared_cache_control(state, now)
    patch_vary_headers(response, VARY)
    response["X-Cache"] = "hit"
    return response


class Page:
    """One coding of a stored response: status, headers, body, and the ``base`` key (version
    and time boundary) it was made under."""

    def __init__(self, status, headers, body, coding, base, timeout):
        self.status, self.headers, self.body = status, headers, body
        self.coding, self.base, self.timeout, self.hit = coding, base, timeout, True

    def __getstate__(self):
        return (self.status, self.headers, self.body, self.coding, self.base, self.timeout)

    def __setstate__(self, state):
        self.status, self.headers, self.body, self.coding, self.base, self.timeout = state
        self.hit = True

    @classmethod
    def from_response(cls, response, base, timeout):
        patch_vary_headers(response, VARY)
        headers = [(name, value) for name, value in response.items()
                   if name.lower() not in PER_ANSWER]
        return cls(response.status_code, headers, response.content, encoding.IDENTITY, base,
                   timeout)

    def encoded(self, coding):
        content_type = dict((k.lower(), v) for k, v in self.headers).get("content-type", "")
        if not encoding.worth_compressing(content_type, len(self.body)):
            return self
        body = encoding.encode(self.body, coding)
        return Page(self.status, self.headers, body, coding, self.base, self.timeout)


def cacheable_request(request):
    if request.method not in SAFE_METHODS or "HTTP_AUTHORIZATION" in request.META:
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:  # staff, or anyone with a session
        return False
    return not request.path_info.startswith(settings.PAGE_CACHE_SKIP_PREFIXES)


def page_address(request):
    return f"{request.scheme}://{request.get_host()}{request.get_full_path()}"


def slot(address, coding):
    """Where the copy of one address in one coding is kept, whatever its version."""
    return f"page:{hashlib.sha256(address.encode()).hexdigest()}:{coding}"


def page_key(address, state):
    """The version, the time boundary and the address: names one rendering of a page."""
    raw = f"{state.version}|{state.boundary}|{address}"
    return "page:" + hashlib.sha256(raw.encode()).hexdigest()


def entity_tag(base, coding):
    """Strong, per coding: it changes with the version and the time boundary (in ``base``)."""
    return '"' + hashlib.sha256(f"{base}|{coding}".encode()).hexdigest()[:32] + '"'


def storable(request, response):
    if response.status_code not in STORED_STATUSES or response.streaming:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    if response.has_header("Cache-Control"):  # never_cache, private: the view decided
        return False
    vary = response.get("Vary", "").lower()
    return "cookie" not in vary  # the session or the CSRF token was read


def lifetime(status, state, now):
    """Seconds to keep a page: the configured lifetime, cut at the next time boundary."""
    seconds = settings.PAGE_CACHE_SECONDS
    if STORED_STATUSES[status]:
        seconds = min(seconds, STORED_STATUSES[status])
    left = state.seconds_left(now)
    if left is not None:
        seconds = min(seconds, left)
    return max(1, int(seconds + 0.999))


def shared_cache_control(state, now):
    """Browsers revalidate (ETag); a CDN or proxy may keep a copy briefly, never past the
    next time boundary, and serve it stale while it fetches a fresh one."""
    shared = settings.PAGE_CACHE_SHARED_SECONDS
    left = state.seconds_left(now)
    if left is not None:
        shared = max(0, min(shared, int(left)))
    return (f"public, max-age=0, s-maxage={shared}, "
            f"stale-while-revalidate={settings.PAGE_CACHE_STALE_SECONDS}")
