"""Sample news for the demo summit (after ``load_demo``); a second run changes nothing."""

from collections import Counter

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse

from articles import demo
from articles.models import Article, Category
from events import demo as events_demo
from events.models import Forum, Summit, Talk
from events.queries import speaker_links


class Command(BaseCommand):
    help = "Load sample news articles about the demo summit (run load_demo first; idempotent)."

    def handle(self, *args, **options):
        summit = Summit.objects.filter(slug=events_demo.SUMMIT["slug"]).first()
        if summit is None:
            raise CommandError(
                "No demo summit to write about: run `python manage.py load_demo` first."
            )
        self.outcomes = Counter()
        with transaction.atomic():
            articles = [self.article(summit, spec) for spec in demo.ARTICLES]
            self.drop_stale(articles)
        published = Article.objects.published().filter(pk__in=[a.pk for a in articles])
        outcome = ", ".join(f"{n} {what}" for what, n in sorted(self.outcomes.items()))
        self.stdout.write(self.style.SUCCESS(
            f"Demo news: {len(articles)} articles, {published.count()} published ({outcome}). "
            f"See {reverse('articles:list')}"
        ))

    def article(self, summit, spec):
        forums = [self.forum(summit, slug) for slug in spec.get("forums", [])]
        talks = [self.talk(summit, forum, title) for forum, title in spec.get("talks", [])]
        values = {
            "title": spec["title"], "summary": spec["summary"], "body": demo.body(spec, talks),
            "status": spec.get("status", Article.Status.PUBLISHED),
            "publish_at": spec["publish_at"], "pinned": spec.get("pinned", False),
            "byline": demo.BYLINE, "tags": demo.TAGS, "cover_alt": spec.get("cover_alt", ""),
        }
        slug = demo.SLUG_PREFIX + spec["slug"]
        article = Article.objects.filter(slug=slug).first()
        created = article is None
        if created:
            article = Article(slug=slug)
        if created or any(getattr(article, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(article, name, value)
            article.full_clean()
            article.save()
            self.outcomes["created" if created else "updated"] += 1
        else:
            self.outcomes["unchanged"] += 1
        self.cover(article, spec.get("cover"))
        category = Category.objects.get_or_create(
            slug=spec["category"], defaults={"name": spec["category"]})[0]
        article.categories.set([category])
        article.summits.set([summit])
        article.forums.set(forums)
        article.talks.set(talks)
        return article

    def cover(self, article, motif):
        """Draw the cover only when it is missing, so files are never duplicated."""
        if motif is None:
            if article.cover:
                article.cover.delete(save=True)  # renditions go with it in save()
            return
        if not (article.cover and article.cover.storage.exists(article.cover.name)):
            jpeg = demo.cover_jpeg(motif)
            article.cover.save(f"{article.slug}.jpg", ContentFile(jpeg), save=True)
        elif not all(f and f.storage.exists(f.name)
                     for f in (article.cover_card, article.cover_wide)):
            article.make_renditions()

    def forum(self, summit, slug):
        forum = Forum.objects.filter(summit=summit, slug=slug).first()
        if forum is None:
            raise CommandError(f"The demo summit has no forum “{slug}”: run load_demo again.")
        return forum

    def talk(self, summit, forum_slug, title):
        talk = (Talk.objects.filter(forum__summit=summit, forum__slug=forum_slug, title=title)
                .prefetch_related(speaker_links()).first())
        if talk is None:
            raise CommandError(
                f"The demo summit has no talk “{title}” in forum “{forum_slug}”: "
                "run load_demo again."
            )
        return talk

    def drop_stale(self, articles):
        """Sample articles an older version of this command made, with their images."""
        stale = Article.objects.filter(slug__startswith=demo.SLUG_PREFIX).exclude(
            pk__in=[article.pk for article in articles])
        for article in stale:
            for field in (article.cover, article.cover_card, article.cover_wide):
                field.delete(save=False)
            article.delete()
            self.outcomes["deleted"] += 1
