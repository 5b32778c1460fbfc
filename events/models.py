import logging
import uuid
import zoneinfo
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models, transaction
from django.db.models import F, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from summit.markdown import render_markdown

from .images import RENDITION_SIZES, open_image, square_rendition

logger = logging.getLogger(__name__)


def validate_time_zone(value):
    """Any IANA zone this machine knows; the list is not frozen into a migration."""
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("Unknown time zone: %(zone)s.") % {"zone": value})


def validate_slides(file):
    if file.size is not None and file.size > SLIDES_MAX_BYTES:
        raise ValidationError(_("The slides file is too large: at most 50 MB."))


SLIDES_MAX_BYTES = 50 * 1024 * 1024
SLIDES_EXTENSIONS = ["pdf", "ppt", "pptx", "key", "odp"]


def validate_image(file):
    open_image(file)


class SummitQuerySet(models.QuerySet):
    def public(self):
        """The current summit and the editions that ended before it started.

        A summit being prepared for later stays hidden everywhere: pages, calendars,
        formats, sitemap and API. One SQL condition, so it adds no query.
        """
        current_start = Summit.objects.filter(is_current=True).values("start_date")[:1]
        return self.filter(Q(is_current=True) | Q(end_date__lt=Subquery(current_start)))


class Summit(models.Model):
    class Format(models.TextChoices):
        ONLINE = "online", _("Online")
        IN_PERSON = "in_person", _("In person")
        HYBRID = "hybrid", _("Hybrid")

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    slug = models.SlugField(_("slug"), unique=True)
    theme = models.CharField(_("theme"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
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
        self.description_html = render_markdown(self.description)
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


class SpeakerQuerySet(models.QuerySet):
    def public(self):
        """Speakers with a talk in, or chairing a forum of, a public summit."""
        summits = Summit.objects.public()
        return self.filter(
            Q(pk__in=TalkSpeaker.objects.filter(talk__forum__summit__in=summits)
              .values("speaker_id"))
            | Q(pk__in=Forum.chairs.through.objects.filter(forum__summit__in=summits)
                .values("speaker_id"))
        )


class Speaker(models.Model):
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
    bio = models.TextField(_("biography"), blank=True, help_text=_("Markdown."))
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

    objects = SpeakerQuerySet.as_manager()

    markdown_fields = {"bio": "bio_html"}  # source -> stored HTML

    class Meta:
        ordering = ["name_latin", "name"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Speaker, self.name_latin or self.name, "speaker")
        self.bio_html = render_markdown(self.bio)
        photo_changed = self._photo_changed()
        super().save(*args, **kwargs)
        if photo_changed:
            self.make_renditions()

    def get_absolute_url(self):
        return reverse("events:speaker_detail", kwargs={"slug": self.slug})

    def _photo_changed(self):
        if not self.photo:
            return bool(self.photo_96)
        if self.pk is None or not self.photo_96:
            return True
        stored = Speaker.objects.filter(pk=self.pk).values_list("photo", flat=True).first()
        return stored != self.photo.name

    def make_renditions(self):
        """(Re)build the square renditions from ``photo``, or clear them."""
        for size in RENDITION_SIZES:
            field = getattr(self, f"photo_{size}")
            if field:
                field.delete(save=False)
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
        Speaker.objects.filter(pk=self.pk).update(
            photo_96=self.photo_96.name or "", photo_320=self.photo_320.name or ""
        )

    @property
    def initials(self):
        source = self.name_latin or self.name
        parts = source.split()
        if len(parts) > 1 and source.isascii():
            return (parts[0][0] + parts[-1][0]).upper()
        return source[:1].upper()

    @property
    def display_name(self):
        if self.name_latin and self.name_latin != self.name:
            return f"{self.name} ({self.name_latin})"
        return self.name


class Forum(models.Model):
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
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
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

    markdown_fields = {"description": "description_html"}  # source -> stored HTML

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
        self.description_html = render_markdown(self.description)
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


class TalkQuerySet(models.QuerySet):
    def public(self):
        """Talks of public summits only (see ``SummitQuerySet.public``)."""
        return self.filter(forum__summit__in=Summit.objects.public())

    def of_summit(self, summit):
        return self.filter(forum__summit=summit)

    def live_at(self, moment):
        return self.filter(start__lte=moment, end__gt=moment)

    def overlapping(self, start, end):
        return self.filter(start__lt=end, end__gt=start)

    def speaker_clash(self, speaker, start, end, exclude_talk=None):
        """The first scheduled talk of ``speaker`` overlapping ``start``–``end``, or None."""
        return (
            self.filter(talk_speakers__speaker=speaker).overlapping(start, end)
            .exclude(pk=exclude_talk).exclude(status=Talk.Status.CANCELLED)
            .select_related("forum__summit").first()
        )


class Talk(models.Model):
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
        Forum, on_delete=models.CASCADE, related_name="talks", verbose_name=_("forum")
    )
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), unique=True, max_length=120)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.TALK)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    abstract = models.TextField(_("abstract"), blank=True, help_text=_("Markdown."))
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

    objects = TalkQuerySet.as_manager()
    # Feeds the public change log (events/history.py) once the programme is published.
    history = HistoricalRecords(excluded_fields=["abstract_html", "created", "updated"])

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
        if not self.slug:
            self.slug = unique_slug(Talk, self.title, "talk")
        self.abstract_html = render_markdown(self.abstract)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("events:talk_detail", kwargs={"slug": self.slug})

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
        clash = (
            Talk.objects.filter(forum=forum).overlapping(self.start, self.end)
            .exclude(pk=self.pk).exclude(status=Talk.Status.CANCELLED).first()
        )
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
        tz = self.forum.summit.tzinfo
        start, end = self.start.astimezone(tz), self.end.astimezone(tz)
        return f"{start:%Y-%m-%d %H:%M}–{end:%H:%M}"

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    def is_live(self, now=None):
        now = now or timezone.now()
        return not self.is_cancelled and self.start <= now < self.end

    def is_over(self, now=None):
        return (now or timezone.now()) >= self.end


class TalkSpeaker(models.Model):
    class Role(models.TextChoices):
        SPEAKER = "speaker", _("Speaker")
        MODERATOR = "moderator", _("Moderator")
        PANELIST = "panelist", _("Panelist")

    talk = models.ForeignKey(Talk, on_delete=models.CASCADE, related_name="talk_speakers")
    speaker = models.ForeignKey(
        Speaker, on_delete=models.CASCADE, related_name="talk_links", verbose_name=_("speaker")
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


class Stream(models.Model):
    class Platform(models.TextChoices):
        SITE = "site", _("Conference site")
        BILIBILI = "bilibili", _("Bilibili")
        WECHAT = "wechat", _("WeChat Channels")
        YOUTUBE = "youtube", _("YouTube")
        OTHER = "other", _("Other")

    summit = models.ForeignKey(
        Summit, on_delete=models.CASCADE, related_name="streams", verbose_name=_("summit")
    )
    forum = models.ForeignKey(
        Forum, on_delete=models.CASCADE, related_name="streams", null=True, blank=True,
        verbose_name=_("forum"), help_text=_("Leave empty for a stream of the whole summit."),
    )
    platform = models.CharField(_("platform"), max_length=10, choices=Platform.choices)
    channel_name = models.CharField(_("channel name"), max_length=120, blank=True)
    url = models.URLField(_("URL"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("stream")
        verbose_name_plural = _("streams")

    def __str__(self):
        label = self.get_platform_display()
        return f"{label} · {self.channel_name}" if self.channel_name else label

    def get_absolute_url(self):
        if self.forum_id:
            return self.forum.get_absolute_url()
        return reverse("events:home")

    def clean(self):
        if self.forum_id and self.summit_id and self.forum.summit_id != self.summit_id:
            raise ValidationError({"forum": _("This forum belongs to another summit.")})


def unique_slug(model, text, fallback):
    """A slug for ``text`` not yet used by ``model`` (Chinese-only text falls back)."""
    base = slugify(text)[:100] or f"{fallback}-{uuid.uuid4().hex[:6]}"
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug
