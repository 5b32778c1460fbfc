from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from events.queries import current_summit
from summit.feeds import AtomFeed, RssFeed
from summit.text import html_to_text

from .models import Article


class LatestArticlesFeed(Feed):
    feed_type = RssFeed
    link = reverse_lazy("articles:list")

    def title(self):
        summit = current_summit()
        return _("%(summit)s news") % {"summit": summit.name} if summit else _("News")

    def description(self):
        return _("Announcements, notices and write-ups of the talks.")

    def items(self):
        return Article.objects.published().for_cards()[:20]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary or Truncator(
            html_to_text(item.body_html, unescape=False, collapse=False)
        ).chars(200)

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated

    def item_author_name(self, item):
        return item.byline_text or None

    def item_categories(self, item):
        return [category.name for category in item.categories.all()]


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = AtomFeed

    def subtitle(self):
        return self.description()
