"""Project-level views that span apps: the sitemap index of every app, robots.txt, /media/
in development, and what makes the site an installable app (manifest, service worker,
offline page)."""

import posixpath
from pathlib import Path

from django.conf import settings
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.contrib.staticfiles import finders
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django.views.static import serve

from articles.sitemaps import ArticleSitemap
from events import queries
from events.sitemaps import ForumSitemap, PageSitemap, SpeakerSitemap, TalkSitemap


def sitemaps():
    summit = queries.current_summit()
    return {
        "pages": PageSitemap(summit),
        "forums": ForumSitemap(summit),
        "talks": TalkSitemap(summit),
        "speakers": SpeakerSitemap(summit),
        "articles": ArticleSitemap(),
    }


@require_safe
def sitemap(request):
    # Without django.contrib.sites, URLs are built on the request's host (RequestSite).
    return sitemap_view(request, sitemaps=sitemaps())


@require_safe
def robots_txt(request):
    lines = ["User-agent: *"]
    # A moved admin stays unnamed here (its pages say noindex themselves): robots.txt is
    # the first file a scanner reads.
    if settings.ADMIN_PATH == "admin/":
        lines.append("Disallow: /admin/")
    lines += ["Disallow: /markdownx/",
              f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def favicon(request):
    # Resolved per request: with the manifest storage, static() needs collectstatic first.
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


# Uploads shown inline: every image upload is re-encoded by summit/images.py. Anything
# else (slides, and SVG, which can hold script) is only ever downloaded.
INLINE_MEDIA_EXTENSIONS = {".jpg", ".jpeg", ".png", ".webp", ".gif"}
MEDIA_CSP = "sandbox; default-src 'none'; img-src 'self'"


def media(request, path):
    """/media/ for development (DEBUG), with the headers README's production section asks
    of the reverse proxy: an upload never runs as a page of this site."""
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = MEDIA_CSP
    if posixpath.splitext(path)[1].lower() not in INLINE_MEDIA_EXTENSIONS:
        response.headers["Content-Disposition"] = content_disposition_header(
            True, posixpath.basename(path)
        )
    return response


@require_safe
def service_worker(request):
    """static/sw.js at the site's root, so it may serve every page (its scope is "/")."""
    path = finders.find("sw.js")
    if path is None:
        raise Http404("No service worker.")
    response = HttpResponse(Path(path).read_bytes(), content_type="text/javascript")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"  # browsers check for a new worker on each visit
    return response


@require_safe
def manifest(request):
    """The web app manifest: the current summit's name, the icons under static/img/."""
    summit = queries.current_summit(request)
    name = summit.name if summit else _("Summit")
    short_name = (summit.short_name or summit.name) if summit else name
    icons = [{"src": static(f"img/icon-{size}.png"), "sizes": f"{size}x{size}",
              "type": "image/png", "purpose": purpose}
             for size, purpose in ((192, "any"), (512, "any"), (512, "maskable"))]
    icons[-1]["src"] = static("img/icon-maskable-512.png")
    body = {
        "name": name, "short_name": short_name, "start_url": "/", "scope": "/",
        "display": "standalone", "background_color": "#ffffff", "theme_color": "#021EAA",
        "lang": request.LANGUAGE_CODE, "icons": icons,
    }
    return JsonResponse(body, content_type="application/manifest+json",
                        json_dumps_params={"ensure_ascii": False})


@require_safe
def offline(request):
    """What the service worker shows, offline, for a page it did not keep."""
    return render(request, "offline.html")
