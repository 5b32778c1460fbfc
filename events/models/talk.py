"""Talks, their speakers, and the rules that keep a programme consistent."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from summit import links, search
from summit.history import tracked_history
from summit.markdown import render_markdown_fields, validate_markdown_size
from summit.slugs import unique_slug
from summit.text import CleanTextMixin

from .. import opengraph, replays
from .common import SLIDES_EXTENSIONS, choice_label, format_local_range, validate_slides
from .forum import Forum
from .speaker import Speaker
from .summit import Summit


class TalkQuerySet(models.QuerySet):
    def public(self):
        """Talks of public summits only (see ``SummitQuerySet.public``)."""
        return self.filter(forum__summit__in=Summit.objects.public())

    def of_summit(self, summit):
        return self.filter(forum__summit=summit)

    def not_cancelled(self):
        """Talks going ahead: every status but cancelled."""
        return self.exclude(status=Talk.Status.CANCELLED)

    def live_at(self, moment):
        return self.filter(start__lte=moment, end__gt=moment)

    def overlapping(self, start, end):
        return self.filter(start__lt=end, end__gt=start)

    def forum_clashes(self, talk):
        """Scheduled talks of ``talk``'s forum overlapping it: the admin refuses any."""
        return (
            self.filter(forum=talk.forum_id).overlapping(talk.start, talk.end)
            .exclude(pk=talk.pk).not_cancelled().select_related("forum__summit")
        )

    def speaker_clashes(self, speaker, start, end, exclude_talk=None):
        """Scheduled talks of ``speaker`` overlapping ``start``–``end``."""
        return (
            self.filter(talk_speakers__speaker=speaker).overlapping(start, end)
            .exclude(pk=exclude_talk).not_cancelled().select_related("forum__summit")
        )

    def speaker_clash(self, speaker, start, end, exclude_talk=None):
        """The first of ``speaker_clashes``, or None."""
        return self.speaker_clashes(speaker, start, end, exclude_talk).first()

    def search(self, terms):
        """Talks with every word of ``terms`` in their title, abstract or forum's name, in
        either language (summit/search.py), best first: a forum's name finds its talks.
        """
        return search.search(
            self, terms, titles=("title_zh_hans", "title_en"),
            related=("forum__title_zh_hans", "forum__title_en", "forum__topic"),
        )


class Talk(CleanTextMixin, models.Model):
    class Kind(models.TextChoices):
        KEYNOTE = "keynote", _("Keynote")
        TALK = "talk", _("Talk")
        PANEL = "panel", _("Panel")
        OPENING = "opening", _("Opening remarks")
        CLOSING = "closing", _("Closing remarks")
        BREAK = "break", _("Break")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")

    class Language(models.TextChoices):
        CHINESE = "zh", _("Chinese")
        ENGLISH = "en", _("English")

    forum = models.ForeignKey(
        # A forum with talks cannot be deleted: its talks must be moved or deleted first.
        Forum, on_delete=models.PROTECT, related_name="talks", verbose_name=_("forum")
    )
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), unique=True, max_length=120)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.TALK)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    abstract = models.TextField(
        _("abstract"), blank=True, help_text=_("Markdown."), validators=[validate_markdown_size]
    )
    abstract_html = models.TextField(editable=False, blank=True)
    language = models.CharField(
        _("language"), max_length=5, choices=Language.choices, default=Language.CHINESE
    )
    speakers = models.ManyToManyField(
        Speaker, through="TalkSpeaker", related_name="talks", verbose_name=_("speakers")
    )
    replay_url = models.URLField(_("replay video URL"), blank=True)
    slides = models.FileField(
        _("slides file"), upload_to="slides/", blank=True,
        validators=[FileExtensionValidator(SLIDES_EXTENSIONS), validate_slides],
        help_text=_("PDF, PowerPoint, Keynote or OpenDocument, at most 50 MB."),
    )
    slides_url = models.URLField(_("slides URL"), blank=True)
    guid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    search_text = search.document("title_zh_hans", "title_en", "abstract_zh_hans",
                                  "abstract_en")
    search_vector = search.english_vector("title_en")

    objects = TalkQuerySet.as_manager()
    # Feeds the public change log (events/history.py) once the programme is published.
    # It records the untranslated columns, which save() keeps in the default language.
    history = tracked_history(("title", "abstract", "abstract_html"),
                              ("abstract_html", "created", "updated", "search_text",
                               "search_vector"))

    markdown_fields = {"abstract": "abstract_html"}  # source -> stored HTML

    class Meta:
        ordering = ["start", "forum__order"]
        verbose_name = _("talk")
        verbose_name_plural = _("talks")
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="talk_ends_after_start"),
        ]
        indexes = [models.Index(fields=["start", "end"])]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # Saved in the default language whatever the page's, so the history (and the
        # change log built from it) compares Chinese titles with Chinese titles.
        with translation.override(settings.LANGUAGE_CODE):
            if not self.slug:
                self.slug = unique_slug(Talk.objects, slugify(self.title)[:100], fallback="talk")
            render_markdown_fields(self)
            super().save(*args, **kwargs)

    def get_absolute_url(self):
        return links.slug_url("events:talk_detail", self.slug)

    def get_kind_display(self):
        return choice_label(self.Kind, self.kind)

    def clean(self):
        if not (self.start and self.end and self.forum_id):
            return
        if self.end <= self.start:
            raise ValidationError({"end": _("The talk must end after it starts.")})
        forum = self.forum
        summit = forum.summit
        local_start = self.start.astimezone(summit.tzinfo).date()
        local_end = self.end.astimezone(summit.tzinfo).date()
        if local_start < summit.start_date or local_end > summit.end_date:
            raise ValidationError(
                {"start": _("The talk must lie within the summit's dates (%(start)s to %(end)s).")
                 % {"start": summit.start_date, "end": summit.end_date}}
            )
        if self.start < forum.starts_at or self.end > forum.ends_at:
            message = _(
                "The talk must lie within its forum “%(forum)s”, %(date)s %(start)s–%(end)s."
            ) % {"forum": forum, "date": forum.date, "start": forum.start_time.strftime("%H:%M"),
                 "end": forum.end_time.strftime("%H:%M")}
            raise ValidationError({"start": message})
        if self.is_cancelled:
            return
        clash = Talk.objects.forum_clashes(self).first()
        if clash:
            raise ValidationError(
                {"start": _("This time overlaps “%(other)s” (%(range)s) in the same forum.")
                 % {"other": clash, "range": clash.local_range()}}
            )
        if self.pk:  # moving a talk must not double-book the speakers it already has
            for link in self.talk_speakers.select_related("speaker"):
                try:
                    TalkSpeaker.check_free(link.speaker, self.start, self.end, exclude_talk=self.pk)
                except ValidationError as error:
                    raise ValidationError({"start": error.messages}) from error

    def local_range(self):
        return format_local_range(self.start, self.end, self.forum.summit.tzinfo)

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    def is_live(self, now=None):
        now = now or timezone.now()
        return not self.is_cancelled and self.start <= now < self.end

    def is_over(self, now=None):
        return (now or timezone.now()) >= self.end

    @cached_property
    def replay(self):
        """The replay address read as a platform and a way to play it (events/replays.py)."""
        return replays.read_replay(self.replay_url)

    def share_card(self, page):
        """The card link previews show for this talk's page (summit/share.py)."""
        return opengraph.talk_card(self, page)


class TalkSpeaker(CleanTextMixin, models.Model):
    class Role(models.TextChoices):
        SPEAKER = "speaker", _("Speaker")
        MODERATOR = "moderator", _("Moderator")
        PANELIST = "panelist", _("Panelist")

    talk = models.ForeignKey(Talk, on_delete=models.CASCADE, related_name="talk_speakers")
    speaker = models.ForeignKey(
        # A speaker still giving talks cannot be deleted (the admin names the talks).
        Speaker, on_delete=models.PROTECT, related_name="talk_links", verbose_name=_("speaker")
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.SPEAKER)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("talk speaker")
        verbose_name_plural = _("talk speakers")
        constraints = [
            models.UniqueConstraint(fields=["talk", "speaker"], name="speaker_once_per_talk"),
        ]

    def __str__(self):
        return f"{self.speaker} – {self.talk}"

    def clean(self):
        if not (self.talk_id and self.speaker_id) or self.talk.is_cancelled:
            return
        self.check_free(self.speaker, self.talk.start, self.talk.end, exclude_talk=self.talk_id)

    @staticmethod
    def check_free(speaker, start, end, exclude_talk=None):
        """Raise a ValidationError naming the clash if ``speaker`` is busy at that time."""
        clash = Talk.objects.speaker_clash(speaker, start, end, exclude_talk=exclude_talk)
        if clash:
            raise ValidationError(
                _("%(speaker)s is already in “%(other)s” (%(range)s), which overlaps this talk.")
                % {"speaker": speaker, "other": clash, "range": clash.local_range()}
            )
