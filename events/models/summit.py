"""A summit (one edition of a conference) and which summits the public may see."""

import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from summit.history import DefaultLanguageSaveMixin, tracked_history
from summit.images import reencode_upload
from summit.markdown import render_markdown_fields, validate_markdown_size
from summit.text import CleanTextMixin

from .. import opengraph
from .common import validate_image, validate_time_zone


class SummitQuerySet(models.QuerySet):
    def public(self):
        """The current summit and the editions that ended before it started.

        A summit being prepared for later stays hidden everywhere: pages, calendars,
        formats, sitemap and API. One SQL condition, so it adds no query.
        """
        current_start = Summit.objects.filter(is_current=True).values("start_date")[:1]
        return self.filter(Q(is_current=True) | Q(end_date__lt=Subquery(current_start)))


class Summit(DefaultLanguageSaveMixin, CleanTextMixin, models.Model):
    class Format(models.TextChoices):
        ONLINE = "online", _("Online")
        IN_PERSON = "in_person", _("In person")
        HYBRID = "hybrid", _("Hybrid")

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    slug = models.SlugField(_("slug"), unique=True)
    theme = models.CharField(_("theme"), max_length=200, blank=True)
    description = models.TextField(
        _("description"), blank=True, help_text=_("Markdown."),
        validators=[validate_markdown_size],
    )
    description_html = models.TextField(editable=False, blank=True)
    series = models.CharField(
        _("series"), max_length=200, blank=True, help_text=_('e.g. "Zhongguancun Forum"')
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Asia/Shanghai", validators=[validate_time_zone],
        help_text=_("IANA name, e.g. Asia/Shanghai or Europe/Berlin."),
    )
    format = models.CharField(
        _("format"), max_length=16, choices=Format.choices, default=Format.ONLINE
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    hosts = models.TextField(_("hosts"), blank=True, help_text=_("One per line."))
    organizers = models.TextField(_("organizers"), blank=True, help_text=_("One per line."))
    website = models.URLField(_("website"), blank=True)
    banner = models.ImageField(
        _("banner image"), upload_to="summits/", blank=True, validators=[validate_image]
    )
    is_current = models.BooleanField(
        _("current summit"), default=False,
        help_text=_("The summit the public site shows. Exactly one summit is current."),
    )
    programme_published_at = models.DateTimeField(
        _("programme published at"), null=True, blank=True,
        help_text=_("Once set, changes to talks are listed on the public change log."),
    )

    objects = SummitQuerySet.as_manager()

    markdown_fields = {"description": "description_html"}  # source -> stored HTML

    history = tracked_history(
        ("name", "theme", "description", "description_html"),
        ("description_html",),
    )

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("summit")
        verbose_name_plural = _("summits")
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"], condition=Q(is_current=True), name="one_current_summit"
            ),
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="summit_ends_after_start"
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        render_markdown_fields(self)
        reencode_upload(self, "banner")
        with transaction.atomic():
            if not Summit.objects.exclude(pk=self.pk).filter(is_current=True).exists():
                self.is_current = True
            if self.is_current:
                Summit.objects.exclude(pk=self.pk).filter(is_current=True).update(
                    is_current=False
                )
            super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("events:home")

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The summit cannot end before it starts.")})
        if self.pk and self.start_date and self.end_date:
            outside = self.forums.exclude(date__range=(self.start_date, self.end_date)).first()
            if outside:
                raise ValidationError(
                    _("The forum “%(forum)s” on %(date)s would fall outside the summit's dates.")
                    % {"forum": outside, "date": outside.date}
                )
        if not self.is_current and self.pk:
            others = Summit.objects.filter(is_current=True).exclude(pk=self.pk)
            if not others.exists():
                raise ValidationError(
                    {"is_current": _("One summit must stay current: make another one current.")}
                )

    @property
    def tzinfo(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def host_list(self):
        return [line.strip() for line in self.hosts.splitlines() if line.strip()]

    @property
    def organizer_list(self):
        return [line.strip() for line in self.organizers.splitlines() if line.strip()]

    def is_on(self, now=None):
        today = (now or timezone.now()).astimezone(self.tzinfo).date()
        return self.start_date <= today <= self.end_date

    def share_card(self, page):
        """The card link previews show for a page about this summit (summit/share.py)."""
        return opengraph.summit_card(self, page)
