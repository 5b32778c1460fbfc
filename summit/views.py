"""Project-level views that span apps: the sitemap index of every app and robots.txt."""

from django.apps import apps
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.contrib.sites.requests import RequestSite
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from events import queries
from events.sitemaps import ForumSitemap, PageSitemap, SpeakerSitemap, TalkSitemap


class OnRequestHost:
    """Any sitemap, with URLs on the host the request came to, like the pages' canonical
    links, rather than on the Site row's domain (example.com until someone edits it)."""

    def __init__(self, sitemap, site):
        self._sitemap = sitemap
        self._site = site

    def get_urls(self, page=1, site=None, protocol=None):
        return self._sitemap.get_urls(page=page, site=self._site, protocol=protocol)

    def __getattr__(self, name):
        return getattr(self._sitemap, name)


def sitemaps():
    summit = queries.current_summit()
    maps = {
        "pages": PageSitemap(summit),
        "forums": ForumSitemap(summit),
        "talks": TalkSitemap(summit),
        "speakers": SpeakerSitemap(summit),
    }
    if apps.is_installed("articles"):
        from articles.sitemaps import ArticleSitemap  # published articles only

        maps["articles"] = ArticleSitemap()
    return maps


@require_safe
def sitemap(request):
    site = RequestSite(request)
    maps = {name: OnRequestHost(each, site) for name, each in sitemaps().items()}
    return sitemap_view(request, sitemaps=maps)


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /markdownx/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
