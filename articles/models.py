import hashlib
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from markdownx.models import MarkdownxField

from events.models import Forum, Summit, Talk
from summit import search
from summit.history import DefaultLanguageSaveMixin, tracked_history
from summit.images import EXTENSIONS, RenditionsMixin, reencode_upload
from summit.markdown import render_markdown_fields, validate_markdown_size
from summit.share import describe
from summit.slugs import unique_slug
from summit.text import CleanTextMixin, html_to_text

from .images import card_rendition, validate_image_file, wide_rendition


def validate_cover(file):
    validate_image_file(file)


def cover_upload_to(instance, filename):
    # Article.save names a new cover after its detected format; anything else is not
    # trusted to choose how the file will be served.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension not in EXTENSIONS.values():
        extension = "jpg"
    return f"articles/covers/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{extension}"


class Category(CleanTextMixin, models.Model):
    name = models.CharField(_("name"), max_length=80, unique=True)
    name_en = models.CharField(
        _("English name"), max_length=80, blank=True,
        help_text=_("Shown on the English pages; the name is used when empty."),
    )
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    order = models.PositiveSmallIntegerField(_("display order"), default=0)

    history = tracked_history()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:category", kwargs={"slug": self.slug})

    @property
    def display_name(self):
        """The name in the page's language (English pages use ``name_en`` when set)."""
        if self.name_en and get_language() == "en":
            return self.name_en
        return self.name

    @staticmethod
    def slug_for(name):
        """An ASCII slug for ``name``; Chinese-only names get a stable short hash."""
        return slugify(name)[:60] or "c-" + hashlib.sha1(name.encode()).hexdigest()[:8]  # noqa: S324


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """The one definition of "published": status published and its time has come."""
        return self.filter(
            status=Article.Status.PUBLISHED, publish_at__lte=now or timezone.now()
        )

    def for_cards(self):
        return self.select_related("author").prefetch_related("categories")

    def search(self, terms):
        """Articles with every word of ``terms`` in their title, summary or body, in either
        language, best first (summit/search.py). Chain after ``published()``."""
        titles = ("title_zh_hans", "title_en")
        return search.search(self, terms, titles=titles)


class Article(DefaultLanguageSaveMixin, CleanTextMixin, RenditionsMixin, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(
        _("slug"), max_length=120, unique=True, blank=True,
        help_text=_(
            "The last part of the address /news/…/. Left empty, it is made from the title."
        ),
    )
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("One or two sentences for lists, feeds and sharing.")
    )
    body = MarkdownxField(
        _("body"), blank=True, help_text=_("Markdown."), validators=[validate_markdown_size]
    )
    body_html = models.TextField(editable=False, blank=True)
    cover = models.ImageField(
        _("cover image"), upload_to=cover_upload_to, blank=True, validators=[validate_cover],
        help_text=_("JPEG, PNG, WebP or GIF, at most 5 MB."),
    )
    cover_alt = models.CharField(
        _("cover description"), max_length=300, blank=True,
        help_text=_("What the cover shows, for readers who cannot see it. Required with a cover."),
    )
    cover_card = models.ImageField(upload_to="articles/covers/card/", blank=True, editable=False)
    cover_wide = models.ImageField(upload_to="articles/covers/wide/", blank=True, editable=False)
    cover_url = models.URLField(
        _("external cover URL"), max_length=500, blank=True,
        help_text=_("For imported posts whose cover stays on another site."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="articles", verbose_name=_("author"),
    )
    byline = models.CharField(
        _("byline"), max_length=200, blank=True, help_text=_("Shown as the author, e.g. a team.")
    )
    categories = models.ManyToManyField(
        Category, blank=True, related_name="articles", verbose_name=_("categories")
    )
    tags = models.CharField(_("tags"), max_length=300, blank=True, help_text=_("Comma-separated."))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    publish_at = models.DateTimeField(
        _("publish at"), default=timezone.now,
        help_text=_("A published article appears once this time has come."),
    )
    pinned = models.BooleanField(
        _("pinned"), default=False, help_text=_("Shown as a notice on the home page.")
    )
    summits = models.ManyToManyField(
        Summit, blank=True, related_name="articles", verbose_name=_("summits covered")
    )
    forums = models.ManyToManyField(
        Forum, blank=True, related_name="articles", verbose_name=_("forums covered")
    )
    talks = models.ManyToManyField(
        Talk, blank=True, related_name="articles", verbose_name=_("talks covered")
    )
    source_key = models.CharField(
        _("import source"), max_length=200, unique=True, null=True, blank=True, editable=False
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    search_text = search.document("title_zh_hans", "title_en", "summary_zh_hans", "summary_en",
                                  "body_zh_hans", "body_en")
    search_vector = search.english_vector("title_en", "summary_en")

    objects = ArticleQuerySet.as_manager()

    markdown_fields = {"body": "body_html"}  # source -> stored HTML
    image_field, rendition_fields = "cover", ("cover_card", "cover_wide")

    history = tracked_history(
        ("title", "summary", "body", "body_html"),
        ("body_html", "cover_card", "cover_wide", "created", "updated", "search_text",
         "search_vector"),
    )

    class Meta:
        ordering = ["-publish_at", "-pk"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        constraints = [
            models.CheckConstraint(
                condition=Q(cover="") | ~Q(cover_alt=""), name="article_cover_has_alt"
            ),
        ]
        indexes = [models.Index(fields=["status", "-publish_at"])]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Article.objects, slugify(self.title)[:100], fallback="article")
        render_markdown_fields(self)
        reencode_upload(self, "cover", check=validate_image_file)
        cover_changed = self.image_changed()
        super().save(*args, **kwargs)
        if cover_changed:
            self.make_renditions()

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    @property
    def lede(self):
        """The summary for the article page, unless it only repeats the body's opening."""
        summary = " ".join(self.summary.split()).rstrip("…. ")
        opening = html_to_text(self.body_html, unescape=False)
        return "" if summary and opening.startswith(summary) else self.summary

    def get_preview_url(self):
        return reverse("articles:preview", kwargs={"pk": self.pk})

    def clean(self):
        if self.cover and not self.cover_alt.strip():
            raise ValidationError({"cover_alt": _("Describe the cover image for screen readers.")})

    def make_renditions(self):
        """(Re)build the card and full-width renditions from ``cover``, or clear them."""
        self.delete_renditions()
        if self.cover:
            with self.cover.open("rb") as source:
                image = validate_image_file(source)
                stem = uuid.uuid4().hex
                self.cover_card.save(f"{stem}.jpg", card_rendition(image), save=False)
                self.cover_wide.save(f"{stem}.jpg", wide_rendition(image), save=False)
        self.store_rendition_names()

    def is_public(self, now=None):
        return self.status == self.Status.PUBLISHED and self.publish_at <= (now or timezone.now())

    @property
    def card_image_url(self):
        if self.cover_card:
            return self.cover_card.url
        return self.cover_url

    @property
    def cover_on_page(self):
        """The full-width cover, unless an imported post already opens with that image."""
        if self.cover_wide:
            return self.cover_wide.url
        if self.cover_url and self.cover_url not in self.body_html:
            return self.cover_url
        return ""

    @property
    def byline_text(self):
        if self.byline:
            return self.byline
        if self.author_id:
            # Never the username: it is half of a login, and logins are guessed.
            return self.author.get_full_name()
        return ""

    @property
    def tag_list(self):
        return [tag.strip() for tag in self.tags.split(",") if tag.strip()]

    def share_card(self, page):
        """The card link previews show for this article's page (summit/share.py)."""
        return page.card(
            og_type="article",
            title=self.title,
            description=describe(self.summary or html_to_text(self.body_html)),
            # An imported cover may be stored here (--fetch-images): absolute either way.
            image=page.file(self.cover_wide) or page.file(self.cover)
            or page.absolute(self.cover_url),
        )
