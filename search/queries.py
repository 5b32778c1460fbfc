"""The search page's reads: each model's own ``search`` QuerySet method (the match and
its rank, summit/search.py) over what the public may see, a fixed number of queries."""

from dataclasses import dataclass

from articles.models import Article
from events.models import Forum, Speaker, Summit, Talk
from events.queries import speaker_links

LIMIT = 20  # per group; a longer list asks the reader to add a word


@dataclass
class Group:
    items: list
    more: bool  # there were more than LIMIT


@dataclass
class Results:
    talks: Group
    forums: Group
    speakers: Group
    articles: Group

    def __bool__(self):
        return any(group.items for group in (self.talks, self.forums, self.speakers,
                                             self.articles))


def _first(queryset):
    rows = list(queryset[:LIMIT + 1])
    return Group(items=rows[:LIMIT], more=len(rows) > LIMIT)


def search_site(terms, now=None):
    """Public talks (not breaks), forums, speakers and published articles matching
    ``terms``, best first: six queries, whatever the programme's size.

    The public summits' ids are read first: each group then names them, instead of
    compiling and running the "public" subquery (summit/models ``public``) four times
    (5-9 ms of a 45 ms search at 2000 talks, bench/search_timing.py).
    """
    summits = list(Summit.objects.public().values_list("pk", flat=True))
    talks = (
        Talk.objects.filter(forum__summit__in=summits).exclude(kind=Talk.Kind.BREAK)
        .search(terms).select_related("forum__summit").prefetch_related(speaker_links())
        .order_by("-search_rank", "start", "pk")
    )
    forums = (
        Forum.objects.filter(summit__in=summits).search(terms).select_related("summit")
        .order_by("-search_rank", "date", "start_time", "pk")
    )
    speakers = (Speaker.objects.appearing_in(summits).search(terms)
                .order_by("-search_rank", "name_latin", "pk"))
    articles = Article.objects.published(now).search(terms).order_by("-search_rank",
                                                                     "-publish_at", "-pk")
    return Results(talks=_first(talks), forums=_first(forums), speakers=_first(speakers),
                   articles=_first(articles))
