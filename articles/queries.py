"""Reads for the news pages, the home page, talk pages and the coverage report."""

from django.db.models import Count, IntegerField, Min, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce

from events.models import Forum, Summit, Talk

from .models import Article
from .recaps import recap_key


def article_for_page(queryset, slug=None, pk=None):
    """One article with its categories, covered talks (with forums) and forums."""
    lookup = {"slug": slug} if slug is not None else {"pk": pk}
    return (
        queryset.select_related("author")
        .prefetch_related(
            "categories",
            Prefetch(
                "talks",
                # Only public summits: a hidden edition's talks and forums stay hidden.
                queryset=Talk.objects.public().select_related("forum__summit").order_by("start"),
                to_attr="covered_talks",
            ),
            Prefetch(
                "forums",
                queryset=Forum.objects.filter(summit__in=Summit.objects.public())
                .select_related("summit").order_by("date", "start_time"),
                to_attr="covered_forums",
            ),
        )
        .get(**lookup)
    )


def published_articles():
    """Published articles, newest first, with author, categories and public talks."""
    return (
        Article.objects.published()
        .select_related("author")
        .prefetch_related(
            "categories",
            # A hidden summit's talks stay out of the API, as out of the pages.
            Prefetch("talks", queryset=Talk.objects.public().order_by("start")),
        )
        .order_by("-publish_at", "-pk")
    )


def pinned_notice(now=None):
    """The newest pinned published article, shown as a notice on the home page."""
    return Article.objects.published(now).filter(pinned=True).first()


def latest_news(now=None, limit=3):
    """The latest published articles for the home page, apart from the pinned notice."""
    published = Article.objects.published(now)
    notice = published.filter(pinned=True).values("pk")[:1]
    return list(published.for_cards().exclude(pk__in=notice)[:limit])


def talk_news(talk, now=None):
    return list(Article.objects.published(now).filter(talks=talk).distinct())


def next_publication(now):
    """When the next scheduled article comes out (None if none is scheduled)."""
    return (Article.objects.filter(status=Article.Status.PUBLISHED, publish_at__gt=now)
            .aggregate(next=Min("publish_at"))["next"])


def _count_on_talk(articles):
    counted = (
        articles.filter(talks=OuterRef("pk"))
        .order_by()
        .values("talks")
        .annotate(n=Count("pk", distinct=True))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def talk_coverage(summit, *, missing_only=False, now=None):
    """Every talk (not break) of ``summit`` with ``article_count``, the published articles
    on it, and ``draft_count``, those not published yet (drafts in progress)."""
    published = Article.objects.published(now)
    talks = (
        Talk.objects.filter(forum__summit=summit)
        .exclude(kind=Talk.Kind.BREAK)  # nothing to write up
        .select_related("forum")
        .annotate(article_count=_count_on_talk(published),
                  draft_count=_count_on_talk(Article.objects.exclude(pk__in=published)))
        .order_by("start", "forum__order")
    )
    if missing_only:
        talks = talks.filter(article_count=0)
    return talks


def forum_recaps(summit):
    """The forums of ``summit`` with ``uncovered``, their talks no article covers yet, and
    ``recap``, the recap article made for them (or None): two queries."""
    forums = list(
        Forum.objects.filter(summit=summit)
        .annotate(uncovered=Count("talks", distinct=True, filter=Q(talks__articles=None)
                                  & ~Q(talks__kind=Talk.Kind.BREAK)
                                  & ~Q(talks__status=Talk.Status.CANCELLED)))
        .order_by("date", "start_time", "order")
    )
    keys = {recap_key(forum): forum for forum in forums}
    recaps = Article.objects.filter(source_key__in=keys).only("pk", "title", "status",
                                                               "source_key")
    found = {article.source_key: article for article in recaps}
    for key, forum in keys.items():
        forum.recap = found.get(key)
    return forums
