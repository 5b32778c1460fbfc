"""Staff admin for the programme: summits, forums, talks, speakers and streams."""

import zoneinfo
from datetime import date, datetime, time, timedelta

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, Q
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from summit.history_admin import HistoryAdmin

from . import queries
from .models import Forum, Speaker, Stream, Summit, Talk, TalkSpeaker


class SummitZoneMixin:
    """Forms read and show times in the summit's own zone, not the site's."""

    def summit_of(self, obj):
        raise NotImplementedError

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        obj = self.get_object(request, object_id) if object_id else None
        summit = self.summit_of(obj) if obj else queries.current_summit()
        zone = summit.tzinfo if summit else timezone.get_current_timezone()
        with timezone.override(zone):
            response = super().changeform_view(request, object_id, form_url, extra_context)
            if hasattr(response, "render"):
                response.render()  # render inside the zone, not after leaving it
        return response


class OptionalSlugMixin:
    """The slug may be left empty: the model makes one on save."""

    slug_help_text = None

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        # Someone with view rights only gets a form without editable fields.
        if "slug" in form.base_fields:
            form.base_fields["slug"].required = False
            form.base_fields["slug"].help_text = self.slug_help_text
        return form


# Django 6 makes https the default scheme for typed URLs; opt in now (and silence the warning).
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


# The translated fields (events/translation.py) show as one box per language, Chinese
# then English, next to each other (modeltranslation's TranslationAdmin).


class StreamInline(TranslationTabularInline):
    model = Stream
    formfield_overrides = URL_FIELDS
    extra = 0
    fields = ["platform", "channel_name", "url", "forum", "order"]
    autocomplete_fields = ["forum"]


@admin.register(Summit)
class SummitAdmin(TranslationAdmin, HistoryAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ["name", "short_name", "start_date", "end_date", "format", "is_current"]
    list_filter = ["format", "is_current"]
    search_fields = ["name_zh_hans", "name_en", "short_name", "theme_zh_hans", "theme_en",
                     "series"]
    prepopulated_fields = {"slug": ["short_name"]}
    inlines = [StreamInline]
    fieldsets = [
        (None, {"fields": ["name", "short_name", "slug", "theme", "series", "is_current"]}),
        (_("When and where"), {"fields": ["start_date", "end_date", "time_zone", "format",
                                          "venue", "website"]}),
        (_("About"), {"fields": ["description", "hosts", "organizers", "banner",
                                 "programme_published_at"]}),
    ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "time_zone":  # the zones this machine knows, read at runtime
            zones = sorted(zoneinfo.available_timezones())
            kwargs["widget"] = forms.Select(choices=[(zone, zone) for zone in zones])
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def has_delete_permission(self, request, obj=None):
        # Exactly one summit is current: make another one current before deleting this.
        # (Also blocks the bulk delete action, which checks each selected object.)
        if obj is not None and obj.is_current:
            return False
        return super().has_delete_permission(request, obj)



class TalkInlineFormSet(BaseInlineFormSet):
    """Refuse two talks of the submitted forum that overlap each other."""

    def clean(self):
        super().clean()
        kept = [
            form for form in self.forms
            if form.cleaned_data.get("start") and form.cleaned_data.get("end")
            and not self._should_delete_form(form)
            and form.instance.status != Talk.Status.CANCELLED
        ]
        kept.sort(key=lambda form: form.cleaned_data["start"])
        for earlier, later in zip(kept, kept[1:], strict=False):
            if later.cleaned_data["start"] < earlier.cleaned_data["end"]:
                later.add_error("start", _("This time overlaps “%(other)s” in the same forum.")
                                % {"other": earlier.instance.title})


class TalkInline(TranslationTabularInline):
    model = Talk
    formset = TalkInlineFormSet
    extra = 0
    fields = ["title", "kind", "start", "end"]  # the slug is made on save
    ordering = ["start"]
    show_change_link = True


@admin.register(Forum)
class ForumAdmin(SummitZoneMixin, TranslationAdmin, HistoryAdmin):
    list_display = ["title", "summit", "kind", "date", "start_time", "end_time", "order"]
    list_filter = ["summit", "kind", "date"]
    list_select_related = ["summit"]
    search_fields = ["title_zh_hans", "title_en", "topic"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["chairs"]
    inlines = [TalkInline]
    fields = ["summit", "kind", "title", "slug", "topic", "description", "date",
              "start_time", "end_time", "order", "chairs", "co_organizers"]

    def summit_of(self, forum):
        return forum.summit


class TalkSpeakerFormSet(BaseInlineFormSet):
    """Check speaker clashes against the talk's submitted times.

    ``TalkSpeaker.clean`` needs a saved talk, so on the add form (and for rows the
    model check skipped) the clash is looked up here with the form's cleaned start/end.
    """

    def clean(self):
        super().clean()
        talk = self.instance
        if not (talk.start and talk.end) or talk.status == Talk.Status.CANCELLED:
            return
        for form in self.forms:
            speaker = form.cleaned_data.get("speaker") if form.is_valid() else None
            if speaker is None or self._should_delete_form(form):
                continue
            try:
                TalkSpeaker.check_free(speaker, talk.start, talk.end, exclude_talk=talk.pk)
            except ValidationError as error:
                form.add_error(None, error)


class TalkSpeakerInline(admin.TabularInline):
    model = TalkSpeaker
    formset = TalkSpeakerFormSet
    extra = 1
    fields = ["speaker", "role", "order"]
    autocomplete_fields = ["speaker"]


class TalkDayFilter(admin.SimpleListFilter):
    """The talk's day as seen in its summit's time zone."""

    title = _("day")
    parameter_name = "day"

    def lookups(self, request, model_admin):
        days = set()
        for summit in Summit.objects.only("start_date", "end_date"):
            span = (summit.end_date - summit.start_date).days
            days.update(summit.start_date + timedelta(days=n) for n in range(span + 1))
        return [(day.isoformat(), day.strftime("%Y-%m-%d (%a)")) for day in sorted(days)]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        try:
            day = date.fromisoformat(self.value())
        except ValueError:
            return queryset.none()
        within_day = Q(pk__in=[])
        for summit in Summit.objects.filter(start_date__lte=day, end_date__gte=day):
            midnight = datetime.combine(day, time(0), tzinfo=summit.tzinfo)
            within_day |= Q(forum__summit=summit, start__gte=midnight,
                            start__lt=midnight + timedelta(days=1))
        return queryset.filter(within_day)


@admin.register(Talk)
class TalkAdmin(OptionalSlugMixin, SummitZoneMixin, TranslationAdmin, HistoryAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ["title_column", "when", "forum", "kind", "speaker_names"]
    list_filter = ["forum", TalkDayFilter, "kind", "status"]
    list_select_related = ["forum__summit"]
    search_fields = ["title_zh_hans", "title_en", "talk_speakers__speaker__name_zh_hans",
                     "talk_speakers__speaker__name_en", "talk_speakers__speaker__name_latin"]
    autocomplete_fields = ["forum"]
    inlines = [TalkSpeakerInline]
    slug_help_text = _("Leave empty to make one from the title.")
    readonly_fields = ["replay_read_as"]

    def get_fieldsets(self, request, obj=None):
        zone = timezone.get_current_timezone_name()  # the summit's, see SummitZoneMixin
        return [
            (None, {"fields": ["forum", "title_zh_hans", "title_en", "slug", "kind", "status",
                               "language"]}),
            (_("Time"), {"fields": ["start", "end"],
                         "description": _("Times are in the summit's time zone (%(zone)s).")
                         % {"zone": zone}}),
            (_("Content"), {"fields": ["abstract_zh_hans", "abstract_en", "replay_url",
                                       "replay_read_as", "slides",
                                       "slides_url"]}),
        ]

    def summit_of(self, talk):
        return talk.forum.summit

    def get_queryset(self, request):
        links = TalkSpeaker.objects.select_related("speaker")
        return super().get_queryset(request).prefetch_related(
            Prefetch("talk_speakers", queryset=links, to_attr="speaker_links")
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if "replay_url" in form.base_fields:
            form.base_fields["replay_url"].help_text = _(
                "A Bilibili video plays in the Bilibili player, a video file (.mp4, .webm) in "
                "the page; any other address is shown as a plain link.")
        return form

    @admin.display(description=_("title"), ordering="title")
    def title_column(self, talk):
        # Chinese titles may break after any character; keep the column readable.
        return format_html('<span class="admin-title-cell">{}{}</span>',
                           talk.title, _(" (cancelled)") if talk.is_cancelled else "")

    @admin.display(description=_("replay read as"))
    def replay_read_as(self, talk):
        # After saving, staff see how the talk page will play the address they pasted.
        replay = talk.replay if talk.pk else None
        if replay is None:
            return "—"
        return format_html("{} <code>{}</code>", replay.description, replay.embed_url or replay.url)

    @admin.display(description=_("time (summit's zone)"), ordering="start")
    def when(self, talk):
        return talk.local_range()

    @admin.display(description=_("speakers"))
    def speaker_names(self, talk):
        # Like the title: Chinese names wrap after any character in a narrow column.
        return format_html('<span class="admin-names-cell">{}</span>',
                           "、".join(link.speaker.name for link in talk.speaker_links))


@admin.register(Speaker)
class SpeakerAdmin(OptionalSlugMixin, TranslationAdmin, HistoryAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ["photo_preview", "name", "name_latin", "honorific", "affiliation"]
    list_display_links = ["photo_preview", "name"]
    search_fields = ["name_zh_hans", "name_en", "name_latin", "affiliation_zh_hans",
                     "affiliation_en"]
    readonly_fields = ["photo_preview"]
    fields = ["name", "name_latin", "slug", "honorific", "affiliation", "position", "bio",
              "photo", "photo_preview", "website"]
    slug_help_text = _("Leave empty to make one from the name.")

    @admin.display(description=_("preview"))
    def photo_preview(self, speaker):
        if not speaker.photo_96:
            return "—"
        return format_html('<img src="{}" width="48" height="48" alt="{}" class="admin-portrait">',
                           speaker.photo_96.url, speaker.name)


@admin.register(Stream)
class StreamAdmin(TranslationAdmin, HistoryAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ["__str__", "summit", "forum", "platform", "link", "order"]
    list_filter = ["summit", "platform"]
    list_select_related = ["summit", "forum"]
    search_fields = ["channel_name_zh_hans", "channel_name_en", "url"]
    autocomplete_fields = ["forum"]

    @admin.display(description=_("URL"))
    def link(self, stream):
        return format_html('<a href="{}" rel="noopener">{}</a>', stream.url, stream.url)
