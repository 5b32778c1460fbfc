"""Error answers that leak nothing: plain pages, JSON under /api/, 503 with the database down.

The 500 and 503 pages render without the request's context processors (the current summit
needs the database) and without base.html, so they work whatever is broken. A database
error becomes a 503 with Retry-After: from a view through the middleware (which also works
in development), from any other middleware through ``server_error`` (handler500).
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _
from django.views import defaults

logger = logging.getLogger(__name__)
DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def is_api(request):
    return request.path.startswith("/api/")


def api_error(message, status):
    response = JsonResponse({"error": message}, status=status,
                            json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def plain_page(template, status):
    return HttpResponse(loader.get_template(template).render({"status": status}), status=status)


def database_unavailable(request):
    if is_api(request):
        response = api_error(_("The service is briefly unavailable. Try again shortly."), 503)
    else:
        response = plain_page("503.html", 503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            logger.error("Database unavailable: %s", exception)
            return database_unavailable(request)
        return None


def server_error(request):
    if isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        return database_unavailable(request)
    if is_api(request):
        return api_error(_("Internal server error."), 500)
    return plain_page("500.html", 500)


def page_not_found(request, exception):
    if is_api(request):
        return api_error(_("Not found."), 404)
    return defaults.page_not_found(request, exception)


def permission_denied(request, exception):
    if is_api(request):
        return api_error(_("Forbidden."), 403)
    return defaults.permission_denied(request, exception)


def bad_request(request, exception):
    if is_api(request):
        return api_error(_("Bad request."), 400)
    return defaults.bad_request(request, exception)
