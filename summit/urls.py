from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from . import views

admin.site.site_header = _("Summit portal administration")
admin.site.site_title = _("Summit portal")

urlpatterns = [
    path(settings.ADMIN_PATH, admin.site.urls),
    path("api/", include("api.urls")),
    # Choosing a language only sets a cookie: exempt from CSRF so public pages carry no
    # token (no csrftoken cookie, no Vary: Cookie) and stay cacheable.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # Browsers ask for /favicon.ico on pages without an icon link (the admin, feeds).
    path("favicon.ico", views.favicon),
    path("sw.js", views.service_worker, name="service_worker"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("offline/", views.offline, name="offline"),
    # markdownx's own views are open to anyone: articles serves them to news editors only.
    path("markdownx/", include("articles.editor_urls")),
    path("news/", include("articles.urls")),
    path("", include("events.urls")),
]

if settings.DEBUG:
    urlpatterns += [path("media/<path:path>", views.media)]
