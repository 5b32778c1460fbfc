"""Atom feed of the programme's change log."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _

from summit.feeds import AtomFeed

from . import queries
from .history import programme_changes

FEED_LENGTH = 50


class ProgrammeChangesFeed(Feed):
    feed_type = AtomFeed

    def get_object(self, request):
        return queries.current_summit_or_404(request)

    def title(self, summit):
        return _("Programme changes · %(summit)s") % {"summit": summit.name}

    def subtitle(self, summit):
        return _("Changes to talks after the programme of %(summit)s was published.") % {
            "summit": summit.name
        }

    def link(self, summit):
        return reverse("events:schedule_changes")

    def feed_guid(self, summit):
        return f"urn:summit:{summit.slug}:changes"

    def items(self, summit):
        return programme_changes(summit, limit=FEED_LENGTH)

    def item_title(self, change):
        return f"{change.title}: {change.summary}"

    def item_description(self, change):
        # Atom carries this as HTML: every value is escaped, only <br> is ours.
        lines = []
        for item in change.fields:
            old, new = escape(item.old) or "—", escape(item.new) or "—"
            lines.append(f"{escape(item.label)}: {old} → {new}")
        return "<br>".join(lines) or escape(change.summary)

    def item_link(self, change):
        return change.url or f"{reverse('events:schedule_changes')}#{change.key}"

    def item_guid(self, change):
        # History ids are unique across summits; the feed instance is shared by threads.
        return f"urn:summit:change:{change.key}"

    item_guid_is_permalink = False

    def item_pubdate(self, change):
        return change.when

    def item_updateddate(self, change):
        return change.when
