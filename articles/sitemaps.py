from django.contrib.sitemaps import Sitemap

from .models import Article


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6
    i18n = alternates = x_default = True  # each article in both languages

    def items(self):
        return Article.objects.published().only("slug", "updated")

    def lastmod(self, item):
        return item.updated
