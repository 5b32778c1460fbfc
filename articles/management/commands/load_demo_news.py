"""Sample news for the demo summit (after ``load_demo``); a second run changes nothing."""

from django.core.files.base import ContentFile
from django.core.management.base import CommandError
from django.db import transaction
from django.urls import reverse

from articles import demo
from articles.models import Article, Category
from events import demo as events_demo
from events.models import Forum, Summit, Talk
from events.queries import speaker_links
from summit.management.demo_command import DemoCommand


class Command(DemoCommand):
    help = "Load sample news articles about the demo summit (run load_demo first; idempotent)."

    def handle(self, *args, **options):
        summit = Summit.objects.filter(slug=events_demo.SUMMIT["slug"]).first()
        if summit is None:
            raise CommandError(
                "No demo summit to write about: run `python manage.py load_demo` first."
            )
        with transaction.atomic():
            articles = [self.article(summit, spec) for spec in demo.ARTICLES]
            # Sample articles an older version of this command made, with their images.
            self.drop_stale(Article.objects.filter(slug__startswith=demo.SLUG_PREFIX),
                            articles, ["cover", "cover_card", "cover_wide"])
        published = Article.objects.published().filter(pk__in=[a.pk for a in articles])
        self.stdout.write(self.style.SUCCESS(
            f"Demo news: {len(articles)} articles, {published.count()} published "
            f"({self.outcome()}). See {reverse('articles:list')}"
        ))

    def article(self, summit, spec):
        forums = [self.forum(summit, slug) for slug in spec.get("forums", [])]
        talks = [self.talk(summit, forum, title) for forum, title in spec.get("talks", [])]
        values = {
            "title_zh_hans": spec["title"], "summary_zh_hans": spec["summary"],
            "body_zh_hans": demo.body(spec, talks),
            "title_en": spec.get("title_en", ""), "summary_en": spec.get("summary_en", ""),
            "body_en": demo.body_en(spec, talks),
            "status": spec.get("status", Article.Status.PUBLISHED),
            "publish_at": spec["publish_at"], "pinned": spec.get("pinned", False),
            "byline": demo.BYLINE, "tags": demo.TAGS, "cover_alt": spec.get("cover_alt", ""),
        }
        article = self.upsert(Article, {"slug": demo.SLUG_PREFIX + spec["slug"]}, values)
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
        talk = (Talk.objects.filter(forum__summit=summit, forum__slug=forum_slug,
                                    title_zh_hans=title)
                .prefetch_related(speaker_links()).first())
        if talk is None:
            raise CommandError(
                f"The demo summit has no talk “{title}” in forum “{forum_slug}”: "
                "run load_demo again."
            )
        return talk

