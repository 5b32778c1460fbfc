"""Organizers' news admin: Markdown with live preview, publishing actions, coverage."""

from functools import partial

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from markdownx.models import MarkdownxField
from markdownx.widgets import AdminMarkdownxWidget
from modeltranslation.admin import TranslationAdmin

from events.models import Summit
from events.queries import current_summit
from summit.history_admin import HistoryAdmin
from summit.page_cache import version as page_version

from . import admin_views, recaps
from .models import Article, Category
from .queries import forum_recaps, talk_coverage


@admin.register(Category)
class CategoryAdmin(HistoryAdmin):
    list_display = ["name", "name_en", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Article)
class ArticleAdmin(TranslationAdmin, HistoryAdmin):
    # Title, summary and body show once per language (Chinese, then English), each body
    # with its own Markdown editor and preview.
    formfield_overrides = {
        MarkdownxField: {"widget": AdminMarkdownxWidget},
        models.URLField: {"assume_scheme": "https"},
    }
    list_display = ["title", "status", "publish_at", "category_list", "pinned", "preview_link"]
    list_filter = ["status", "categories", "pinned", "publish_at"]
    search_fields = ["title_zh_hans", "title_en", "summary_zh_hans", "summary_en",
                     "body_zh_hans", "body_en", "byline"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["summits", "forums", "talks"]
    filter_horizontal = ["categories"]
    actions = ["publish", "unpublish", "append_new_talks"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body"]}),
        (_("Publishing"), {"fields": ["status", "publish_at", "pinned", "categories", "tags",
                                      "author", "byline"]}),
        (_("Cover"), {"fields": ["cover", "cover_alt", "cover_url"]}),
        (_("What it covers"), {"fields": ["summits", "forums", "talks"],
                       "description": _("What this article reports on; it is listed on "
                                        "those talk pages.")}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("categories")

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("author", request.user.pk)
        return initial

    @admin.display(description=_("categories"))
    def category_list(self, obj):
        return ", ".join(category.name for category in obj.categories.all())

    @admin.display(description=_("preview"))
    def preview_link(self, obj):
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>',
                           obj.get_preview_url(), _("Preview"))

    @admin.action(description=_("Publish selected articles"), permissions=["change"])
    def publish(self, request, queryset):
        now = timezone.now()
        # A draft written last week and published now is news from now; a scheduled
        # time in the future is kept.
        queryset.filter(status=Article.Status.DRAFT, publish_at__lt=now).update(publish_at=now)
        updated = queryset.update(status=Article.Status.PUBLISHED, updated=now)
        page_version.bump()  # update() sends no signal
        self.message_user(request, ngettext("%d article published.", "%d articles published.",
                                            updated) % updated, messages.SUCCESS)

    @admin.action(description=_("Unpublish selected articles (back to draft)"),
                  permissions=["change"])
    def unpublish(self, request, queryset):
        updated = queryset.update(status=Article.Status.DRAFT)
        page_version.bump()
        self.message_user(request, ngettext("%d article unpublished.",
                                            "%d articles unpublished.", updated) % updated,
                          messages.SUCCESS)

    @admin.action(description=_("Add their forum's new talks to selected recap drafts"),
                  permissions=["change"])
    def append_new_talks(self, request, queryset):
        for article in queryset:
            try:
                talks = recaps.append_new_talks(article=article)
            except recaps.RecapRefused as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                admin_views.report_appended(self, request, article, talks)

    def get_urls(self):
        def view(function):
            return self.admin_site.admin_view(partial(function, model_admin=self))

        return [
            path("coverage/", self.admin_site.admin_view(self.coverage_view),
                 name="articles_article_coverage"),
            path("recap/<int:forum_id>/", view(admin_views.create_recap),
                 name="articles_article_recap"),
            path("recap/<int:forum_id>/append/", view(admin_views.append_to_recap),
                 name="articles_article_recap_append"),
            path("<int:object_id>/wechat/", view(admin_views.wechat),
                 name="articles_article_wechat"),
            *super().get_urls(),
        ]

    def chosen_summit(self, request):
        """The summit picked in ?summit=, else the current one (with a note if unknown)."""
        field = forms.ModelChoiceField(Summit.objects.all(), required=False)
        try:
            summit = field.clean(request.GET.get("summit"))
        except ValidationError:
            summit = None
            messages.warning(request, _("There is no such summit; showing the current one."))
        return summit or current_summit()

    def coverage_view(self, request):
        """Every talk of a summit with the number of published articles covering it."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        summit = self.chosen_summit(request)
        missing_only = request.GET.get("missing") == "1"
        talks = list(talk_coverage(summit, missing_only=missing_only)) if summit else []
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Talk coverage"),
            "summit": summit,
            "summits": Summit.objects.order_by("-start_date"),
            "talks": talks,
            "missing_only": missing_only,
            "written_up": sum(1 for talk in talks if talk.article_count),
            "in_progress": sum(1 for talk in talks if talk.draft_count and not talk.article_count),
            "forums": forum_recaps(summit) if summit else [],
        }
        response = TemplateResponse(request, "admin/articles/coverage.html", context)
        with timezone.override(summit.tzinfo if summit else None):
            return response.render()  # inside the zone, not activated for the thread
