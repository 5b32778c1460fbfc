"""Forums: the main forum and the sub-forums of a summit."""

import uuid
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from summit import search
from summit.history import DefaultLanguageSaveMixin, tracked_history
from summit.markdown import render_markdown_fields, validate_markdown_size
from summit.text import CleanTextMixin

from .. import opengraph
from .common import choice_label
from .speaker import Speaker
from .summit import Summit


class ForumQuerySet(models.QuerySet):
    def public(self):
        """Forums of public summits only (see ``SummitQuerySet.public``)."""
        return self.filter(summit__in=Summit.objects.public())

    def search(self, terms):
        """Forums with every word of ``terms`` in their name, topic or description, in
        either language, best first (summit/search.py)."""
        titles = ("title_zh_hans", "title_en", "topic")
        return search.search(self, terms, titles=titles)


class Forum(DefaultLanguageSaveMixin, CleanTextMixin, models.Model):
    class Kind(models.TextChoices):
        MAIN = "main", _("Main forum")
        SUB = "sub", _("Sub-forum")

    summit = models.ForeignKey(
        Summit, on_delete=models.CASCADE, related_name="forums", verbose_name=_("summit")
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.SUB)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120)
    topic = models.CharField(_("topic"), max_length=200, blank=True)
    description = models.TextField(
        _("description"), blank=True, help_text=_("Markdown."),
        validators=[validate_markdown_size],
    )
    description_html = models.TextField(editable=False, blank=True)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"))
    order = models.PositiveIntegerField(_("display order"), default=0)
    chairs = models.ManyToManyField(
        Speaker, blank=True, related_name="chaired_forums", verbose_name=_("chairs/moderators")
    )
    co_organizers = models.TextField(_("co-organizers"), blank=True, help_text=_("One per line."))
    guid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    search_text = search.document("title_zh_hans", "title_en", "topic", "description_zh_hans",
                                  "description_en")
    search_vector = search.english_vector("title_en", "description_en")

    objects = ForumQuerySet.as_manager()

    markdown_fields = {"description": "description_html"}  # source -> stored HTML

    history = tracked_history(
        ("title", "description", "description_html"),
        ("description_html", "search_text", "search_vector"),
    )

    class Meta:
        ordering = ["date", "start_time", "order"]
        verbose_name = _("forum")
        verbose_name_plural = _("forums")
        constraints = [
            models.UniqueConstraint(fields=["summit", "slug"], name="forum_slug_unique_per_summit"),
            models.CheckConstraint(
                condition=Q(end_time__gt=F("start_time")), name="forum_ends_after_start"
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        render_markdown_fields(self)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        """``/forums/<slug>/`` in the current summit; a past edition's forum names its summit.

        Forum slugs are unique only within a summit. Lists of forums select_related the
        summit, so this adds no query.
        """
        if self.summit.is_current:
            return reverse("events:forum_detail", kwargs={"slug": self.slug})
        return reverse(
            "events:summit_forum_detail",
            kwargs={"summit_slug": self.summit.slug, "slug": self.slug},
        )

    def get_kind_display(self):
        return choice_label(self.Kind, self.kind)

    def clean(self):
        errors = {}
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = _("The forum must end after it starts.")
        if self.summit_id and self.date:
            summit = self.summit
            if not summit.start_date <= self.date <= summit.end_date:
                errors["date"] = _(
                    "%(date)s is outside the summit's dates (%(start)s to %(end)s)."
                ) % {"date": self.date, "start": summit.start_date, "end": summit.end_date}
        if errors:
            raise ValidationError(errors)

    @property
    def starts_at(self):
        return datetime.combine(self.date, self.start_time, tzinfo=self.summit.tzinfo)

    @property
    def ends_at(self):
        return datetime.combine(self.date, self.end_time, tzinfo=self.summit.tzinfo)

    @property
    def co_organizer_list(self):
        return [line.strip() for line in self.co_organizers.splitlines() if line.strip()]

    def share_card(self, page):
        """The card link previews show for this forum's page (summit/share.py)."""
        return opengraph.forum_card(self, page)
