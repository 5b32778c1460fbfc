from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from search.views import SearchView

from . import i18n, views

admin.site.site_header = _("Summit portal administration")
admin.site.site_title = _("Summit portal")

# Outside the language prefix: the admin, the API (?lang=), the editor's endpoints, the one
# sitemap (it lists both languages) and robots.txt.
urlpatterns = [
    path(settings.ADMIN_PATH, admin.site.urls),
    path("api/", include("api.urls")),
    # The old language form posted here: it now redirects to the page in that language.
    path("i18n/setlang/", i18n.set_language, name="set_language"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # Browsers ask for /favicon.ico on pages without an icon link (the admin, feeds).
    path("favicon.ico", views.favicon),
    path("sw.js", views.service_worker, name="service_worker"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("offline/", views.offline, name="offline"),
    # markdownx's own views are open to anyone: articles serves them to news editors only.
    path("markdownx/", include("articles.editor_urls")),
]

# Every public page and download: Chinese at the root, English under /en/.
urlpatterns += i18n_patterns(
    # One page without a namespace of its own: reverse("search"), /search/ and /en/search/.
    path("search/", SearchView.as_view(), name="search"),
    path("news/", include("articles.urls")),
    path("", include("events.urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    urlpatterns += [path("media/<path:path>", views.media)]

# Plain pages that leak nothing, JSON under /api/, 503 when the database is down.
handler400 = "summit.errors.bad_request"
handler403 = "summit.errors.permission_denied"
handler404 = "summit.errors.page_not_found"
handler500 = "summit.errors.server_error"
