"""Reads for the news pages, the home page, talk pages and the coverage report."""

from django.db.models import Count, IntegerField, Min, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce

from events.models import Forum, Summit, Talk

from .models import Article


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


def talk_coverage(summit, *, missing_only=False, now=None):
    """Every talk (not break) of ``summit`` with ``article_count``: published articles on it."""
    count = (
        Article.objects.published(now)
        .filter(talks=OuterRef("pk"))
        .order_by()
        .values("talks")
        .annotate(n=Count("pk", distinct=True))
        .values("n")
    )
    talks = (
        Talk.objects.filter(forum__summit=summit)
        .exclude(kind=Talk.Kind.BREAK)  # nothing to write up
        .select_related("forum")
        .annotate(article_count=Coalesce(Subquery(count, output_field=IntegerField()), Value(0)))
        .order_by("start", "forum__order")
    )
    if missing_only:
        talks = talks.filter(article_count=0)
    return talks
