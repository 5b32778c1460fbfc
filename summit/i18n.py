"""One address per language: Chinese at the root, English under /en/.

The language of a public page comes from its address alone (no cookie, no
Accept-Language), so every address can be cached as it is. Downloads and the API also
take ``?lang=``. The staff's tools (the admin and the news editor's endpoints), which are
never cached, follow the browser's language.
"""

import functools
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt

# BCP 47 names for hreflang; x-default is the Chinese root.
HREFLANG = {"zh-hans": "zh-Hans", "en": "en"}
STAFF_PREFIXES = ("/admin/", "/markdownx/")


class AddressLocaleMiddleware:
    """Activates the language of the address (replaces Django's LocaleMiddleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = translation.get_language_from_path(request.path_info)
        from_browser = language is None and request.path_info.startswith(STAFF_PREFIXES)
        if from_browser:
            language = browser_language(request)
        language = language or settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        if from_browser:
            patch_vary_headers(response, ["Accept-Language"])
        return response


def browser_language(request):
    """The first supported language of the Accept-Language header, or None."""
    header = request.headers.get("Accept-Language", "")
    for code, _quality in translation.trans_real.parse_accept_lang_header(header):
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return None


def query_language(request):
    """The language ``?lang=`` asks for (en, zh-hans), None without one.

    Raises ValueError with a one-line message for a language the site does not have.
    """
    raw = request.GET.get("lang")
    if raw is None:
        return None
    try:
        return translation.get_supported_language_variant(raw.strip().lower()[:20])
    except LookupError:
        codes = ", ".join(code for code, _name in settings.LANGUAGES)
        raise ValueError(f"'lang' must be one of {codes}.") from None


def language_from_query(view):
    """Answers in the language of ``?lang=`` when given (downloads), else the address's."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            language = query_language(request)
        except ValueError as error:
            return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
        if language is None:
            return view(request, *args, **kwargs)
        with translation.override(language):
            response = view(request, *args, **kwargs)
        response.headers["Content-Language"] = language
        return response

    return wrapper


def translated_path(path, language):
    """``path`` (of the active language) in ``language``; that language's home when the
    path names no page."""
    translated = translate_url(path, language)
    if translated == path and language != translation.get_language():
        with translation.override(language):
            return reverse("events:home")
    return translated


def language_links(request):
    """Context for every page: the page in each language, for hreflang and the switch."""
    current = translation.get_language()
    path = request.path
    links = [
        {
            "code": code,
            "hreflang": HREFLANG.get(code, code),
            "path": path if code == current else translated_path(path, code),
            "switch": request.get_full_path() if code == current
            else translated_path(request.get_full_path(), code),
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]
    default = next(link for link in links if link["code"] == settings.LANGUAGE_CODE)
    return {"language_links": links, "default_language_path": default["path"]}


@csrf_exempt  # sets nothing: a plain redirect, so public pages need no CSRF token
def set_language(request):
    """The old switcher's form target: now a redirect to ``next`` in the chosen language.

    No cookie is set (and an old one is ignored): the address says the language.
    """
    next_url = request.POST.get("next", request.GET.get("next", "")) or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    language = request.POST.get("language", request.GET.get("language", ""))
    try:
        language = translation.get_supported_language_variant(language)
    except LookupError:
        return HttpResponseRedirect(next_url)
    path = urlsplit(next_url).path
    source = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
    with translation.override(source):
        return HttpResponseRedirect(translated_path(next_url, language))
