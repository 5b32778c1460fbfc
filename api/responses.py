"""JSON answers of the API: the error a view raises, the response, and the view decorator.

Every 200 response carries a strong ETag computed from its body (Django's
ConditionalGetMiddleware applied per view), so clients revalidate with If-None-Match
and get 304. No Last-Modified: no single timestamp covers the speakers, forums,
streams and deletions a list reflects, and a stale one would answer 304 wrongly.
Bad parameters get a 400 with a JSON ``error`` message, never a 500.
"""

import functools

from django.http import Http404, JsonResponse
from django.utils import translation
from django.views.decorators.http import conditional_page, require_safe

from summit.i18n import query_language


class ApiError(Exception):
    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


def json_response(data, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    # Public, read-only, no credentials: any site or app may read it from a browser.
    response["Access-Control-Allow-Origin"] = "*"
    return response


def api_view(view):
    """GET/HEAD only, ApiError and Http404 -> JSON error, body-hash ETag and conditional 304.

    Texts come in the language of ``?lang=`` (en, zh-hans), Chinese by default.
    """

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            language = query_language(request) or translation.get_language()
        except ValueError as error:
            return json_response({"error": str(error)}, status=400)
        with translation.override(language):
            try:
                response = view(request, *args, **kwargs)
            except ApiError as error:
                response = json_response({"error": error.message}, status=error.status)
            except Http404 as error:
                response = json_response({"error": str(error)}, status=404)
        response.headers["Content-Language"] = language
        return response

    return require_safe(conditional_page(wrapper))
