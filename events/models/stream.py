"""Live streams of a summit or one of its forums."""


from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from summit.history import DefaultLanguageSaveMixin, tracked_history
from summit.text import CleanTextMixin

from .common import choice_label
from .forum import Forum
from .summit import Summit


class Stream(DefaultLanguageSaveMixin, CleanTextMixin, models.Model):
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

    history = tracked_history(("channel_name",))

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

    def get_platform_display(self):
        return choice_label(self.Platform, self.platform)

    def clean(self):
        if self.forum_id and self.summit_id and self.forum.summit_id != self.summit_id:
            raise ValidationError({"forum": _("This forum belongs to another summit.")})
