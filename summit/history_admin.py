"""The admin's history and revert for every edited model (django-simple-history).

Two gaps of the stock revert are closed here. A version whose forum (or other parent) was
deleted since cannot be saved, and used to answer 500: the admin now refuses with a message
naming what to restore first. And the historical tables keep the untranslated column only
(summit/history.py), so a reverted version's text goes back into the default language's
column, where the admin's form reads it; the English columns keep their current text.
"""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from modeltranslation.translator import NotRegistered, translator
from simple_history.admin import SimpleHistoryAdmin

DEFAULT_COLUMN = settings.LANGUAGE_CODE.replace("-", "_")


def missing_parents(record):
    """(field, name) for each object the historical ``record`` points at that is gone."""
    missing = []
    for field in record.instance_type._meta.concrete_fields:
        if not field.many_to_one:
            continue
        value = getattr(record, field.attname)
        target = field.related_model
        if value is None or target._base_manager.filter(pk=value).exists():
            continue
        missing.append((field, _last_known_name(target, value)))
    return missing


def _last_known_name(model, pk):
    history = getattr(model, "history", None)
    # A historical table's own pk is history_id: look the object up by its original pk.
    versions = history.filter(**{model._meta.pk.attname: pk}) if history else None
    last = versions.order_by("-history_date").first() if versions is not None else None
    return str(last.instance) if last else f"#{pk}"


class HistoryAdmin(SimpleHistoryAdmin):
    def history_form_view(self, request, object_id, version_id, extra_context=None):
        history = self.model.history.model
        record = get_object_or_404(
            history, **{self.model._meta.pk.attname: object_id, "history_id": version_id})
        gone = missing_parents(record)
        if gone:
            for field, name in gone:
                messages.error(request, _(
                    "This version cannot be restored: its %(parent)s “%(name)s” no longer "
                    "exists. Restore the %(parent)s first, then this version."
                ) % {"parent": field.related_model._meta.verbose_name, "name": name})
            opts = self.model._meta
            return redirect(reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_history",
                args=[object_id]))
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_form(self, request, obj=None, **kwargs):
        record = getattr(obj, "_history", None)  # set on instances built from history
        if record is not None:
            for name in _translated_fields(self.model):
                if hasattr(record, name):  # stored HTML is not recorded: save renders it
                    setattr(obj, f"{name}_{DEFAULT_COLUMN}", getattr(record, name))
        return super().get_form(request, obj, **kwargs)


def _translated_fields(model):
    try:
        return list(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return []
