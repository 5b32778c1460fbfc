"""Revalidations answered in front of Django's request handling.

A browser (or a CDN) that holds a public page asks again with ``If-None-Match``; when the
tag still names the current copy the answer is a bodiless 304, and all it needs is the
version from the cache. Through Django, that answer also paid for the request cycle: the
request signals (which look at every database connection and cache), the middleware
chain, the URL configuration. This WSGI wrapper gives the same 304 (``not_modified`` of the
middleware, with the security middleware's headers) before all that, so a 304 costs less
than a static file (``make bench``).

Everything else goes to Django unchanged: a request without ``If-None-Match``, one the
cache middleware would not serve (staff, ``Authorization``, unsafe methods, skipped
prefixes), a host Django would refuse, a plain-HTTP request Django would redirect, and a
tag that no longer matches (the middleware then reuses the state read here).
"""

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest
from django.middleware.security import SecurityMiddleware

from .middleware import not_modified


class NotModifiedFront:
    def __init__(self, application):
        self.application = application
        self.security = SecurityMiddleware(lambda request: None)

    def __call__(self, environ, start_response):
        if "HTTP_IF_NONE_MATCH" not in environ:
            return self.application(environ, start_response)
        request = WSGIRequest(environ)
        try:
            if settings.SECURE_SSL_REDIRECT and not request.is_secure():
                return self.application(environ, start_response)  # Django redirects it
            response = not_modified(request)
        except DisallowedHost:  # Django answers it (400) and logs it
            return self.application(environ, start_response)
        if response is None:
            return self.application(environ, start_response)
        response = self.security.process_response(request, response)
        start_response(f"{response.status_code} {response.reason_phrase}",
                       list(response.items()))
        return []
