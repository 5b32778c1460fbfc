"""Speakers, their photos and square renditions."""

import logging
import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from summit import links, search
from summit.history import DefaultLanguageSaveMixin, tracked_history
from summit.images import RenditionsMixin, open_image, reencode_upload
from summit.markdown import render_markdown_fields, validate_markdown_size
from summit.slugs import unique_slug
from summit.text import CleanTextMixin

from .. import opengraph
from ..images import RENDITION_SIZES, square_rendition
from .common import validate_image
from .summit import Summit

logger = logging.getLogger(__name__)


class SpeakerQuerySet(models.QuerySet):
    def public(self):
        """Speakers with a talk in, or chairing a forum of, a public summit."""
        return self.appearing_in(Summit.objects.public())

    def appearing_in(self, summits):
        """Speakers with a talk in, or chairing a forum of, one of ``summits`` (a queryset
        or ids)."""
        # Reverse lookups only: forum.py and talk.py import this module, not the other way.
        # A correlated EXISTS on the link tables: after a search's cheap match, PostgreSQL
        # checks only the matched speakers (the IN form joined every link of every talk
        # first: 4 ms at 2000 talks). summit/settings.py turns PostgreSQL's JIT off, which
        # otherwise compiles this plan on its row estimate (55 ms).
        talk_links = self.model.talks.through._default_manager
        chair_links = self.model.chaired_forums.through._default_manager
        return self.filter(
            Exists(talk_links.filter(speaker=OuterRef("pk"), talk__forum__summit__in=summits))
            | Exists(chair_links.filter(speaker=OuterRef("pk"), forum__summit__in=summits))
        )

    def search(self, terms):
        """Speakers with every word of ``terms`` in their name (Chinese, English or Latin
        spelling) or affiliation, best first (summit/search.py)."""
        names = ("name_zh_hans", "name_en", "name_latin")
        return search.search(self, terms, titles=names)

    def of_summit(self, summit):
        """Speakers with a talk in, or chairing a forum of, ``summit``."""
        return self.filter(
            Q(talks__forum__summit=summit) | Q(chaired_forums__summit=summit)
        ).distinct()


class Speaker(DefaultLanguageSaveMixin, CleanTextMixin, RenditionsMixin, models.Model):
    name = models.CharField(_("name"), max_length=120)
    name_latin = models.CharField(
        _("name in Latin script"), max_length=120, blank=True, help_text=_("e.g. Zhang Wei")
    )
    slug = models.SlugField(_("slug"), unique=True, max_length=120)
    honorific = models.CharField(
        _("honorific"), max_length=60, blank=True, help_text=_("e.g. Academician, Professor")
    )
    affiliation = models.CharField(_("affiliation"), max_length=200, blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)
    bio = models.TextField(
        _("biography"), blank=True, help_text=_("Markdown."), validators=[validate_markdown_size]
    )
    bio_html = models.TextField(editable=False, blank=True)
    photo = models.ImageField(
        _("photo"), upload_to="speakers/", blank=True, validators=[validate_image]
    )
    photo_96 = models.ImageField(upload_to="speakers/96/", blank=True, editable=False)
    photo_320 = models.ImageField(upload_to="speakers/320/", blank=True, editable=False)
    photo_url = models.URLField(
        _("photo URL"), blank=True,
        help_text=_("A portrait hosted elsewhere (e.g. from an imported programme); "
                    "an uploaded photo takes precedence."),
    )
    website = models.URLField(_("website"), blank=True)
    guid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    search_text = search.document("name_zh_hans", "name_en", "name_latin",
                                  "affiliation_zh_hans", "affiliation_en")
    search_vector = search.english_vector("affiliation_en")

    objects = SpeakerQuerySet.as_manager()

    markdown_fields = {"bio": "bio_html"}  # source -> stored HTML
    image_field, rendition_fields = "photo", ("photo_96", "photo_320")

    history = tracked_history(
        ("name", "honorific", "affiliation", "position", "bio", "bio_html"),
        ("bio_html", "photo_96", "photo_320", "search_text", "search_vector"),
    )

    class Meta:
        ordering = ["name_latin", "name"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            base = slugify(self.name_latin or self.name)[:100]
            self.slug = unique_slug(Speaker.objects, base, fallback="speaker")
        render_markdown_fields(self)
        reencode_upload(self, "photo")
        photo_changed = self.image_changed()
        super().save(*args, **kwargs)
        if photo_changed:
            self.make_renditions()

    def get_absolute_url(self):
        return links.slug_url("events:speaker_detail", self.slug)

    def make_renditions(self):
        """(Re)build the square renditions from ``photo``, or clear them."""
        self.delete_renditions()
        if self.photo:
            try:
                with self.photo.open("rb") as source:
                    image = open_image(source)
                    for size in RENDITION_SIZES:
                        name = f"{self.slug}-{uuid.uuid4().hex[:8]}.jpg"
                        getattr(self, f"photo_{size}").save(
                            name, square_rendition(image, size), save=False
                        )
            except (OSError, ValidationError):
                # The stored photo is gone or unreadable (e.g. a database restored without
                # its media): keep the row editable; the page falls back to initials.
                logger.warning("Speaker %s: photo %s unreadable", self.pk, self.photo.name)
        self.store_rendition_names()

    @property
    def initials(self):
        source = self.name_latin or self.name
        parts = source.split()
        if len(parts) > 1 and source.isascii():
            return (parts[0][0] + parts[-1][0]).upper()
        return source[:1].upper()

    @property
    def display_name(self):
        return self.display_name_of(self.name)

    def display_name_of(self, name):
        """The name as shown, given ``name`` in the page's language: "张三 (Zhang San)"."""
        if self.name_latin and self.name_latin != name:
            return f"{name} ({self.name_latin})"
        return name

    @property
    def picture_url(self):
        """The portrait shown off its page: the 320 px rendition's URL (a path on this site),
        else the external ``photo_url``; "" when there is neither."""
        return self.photo_320.url if self.photo_320 else self.photo_url

    def share_card(self, page):
        """The card link previews show for this speaker's page (summit/share.py)."""
        return opengraph.speaker_card(self, page)
