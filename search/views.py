from django.views.generic import TemplateView

from events.views.mixins import SummitMixin
from summit.search import parse_query

from . import queries


class SearchView(SummitMixin, TemplateView):
    """``/search/?q=``: a plain GET page (no cookie, so it can be cached per address);
    any query, however odd, gets this page and a sentence saying what happened."""

    template_name = "search/results.html"
    summit_required = False  # the news can be searched before a programme exists

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        terms = parse_query(self.request.GET.get("q", ""))
        context["terms"] = terms
        context["results"] = queries.search_site(terms, context["now"]) if terms else None
        return context
