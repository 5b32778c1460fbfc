"""Sitemaps of the current summit's public pages (django.contrib.sitemaps).

Each page is listed in Chinese and English, with hreflang alternates. Talks give
``lastmod`` (their ``updated``); forums and speakers have no timestamp.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils.functional import cached_property

from . import queries
from .models import Forum, Speaker, Talk


class SummitSitemap(Sitemap):
    """Pages of one summit: the given one, else the current one, in every language (each
    address with its alternates in the other languages)."""

    i18n = alternates = x_default = True

    def __init__(self, summit=None):
        if summit is not None:
            self.summit = summit

    @cached_property
    def summit(self):
        return queries.current_summit()


class PageSitemap(SummitSitemap):
    changefreq = "daily"
    priority = 1.0

    def items(self):
        if self.summit is None:
            return []
        return ["events:home", "events:schedule", "events:speaker_list"]

    def location(self, item):
        return reverse(item)


class ForumSitemap(SummitSitemap):
    priority = 0.8

    def items(self):
        return (
            Forum.objects.filter(summit=self.summit).select_related("summit")  # for the URL
            .order_by("date", "start_time", "pk")
        )


class TalkSitemap(SummitSitemap):
    def items(self):
        return Talk.objects.public().of_summit(self.summit).order_by("start", "pk")

    def lastmod(self, talk):
        return talk.updated


class SpeakerSitemap(SummitSitemap):
    def items(self):
        return Speaker.objects.of_summit(self.summit).order_by("slug")
