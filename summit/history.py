"""Edit history for every model staff edit (django-simple-history), shared by both apps.

The per-language columns (``title_zh_hans``, ``title_en``) are added by modeltranslation
after the model class is built, so the historical tables record the untranslated column
only (``title``). ``DefaultLanguageSaveMixin`` saves in the default language, so that
column, and every history row, holds the Chinese text whatever the admin's language; the
admin's revert (summit/history_admin.py) puts it back into the Chinese column.
"""

from django.conf import settings
from django.utils import translation
from simple_history.models import HistoricalRecords

LANGUAGE_SUFFIXES = ("zh_hans", "en")


def tracked_history(translated=(), excluded=()):
    """History of a model: its translated fields are excluded per language (see above),
    ``excluded`` names columns rebuilt on save or by the database (stored HTML, renditions,
    timestamps, ``search_text``)."""
    return HistoricalRecords(excluded_fields=[
        *excluded,
        *(f"{field}_{code}" for field in translated for code in LANGUAGE_SUFFIXES),
    ])


class DefaultLanguageSaveMixin:
    """Saves (and records the history row) with the default language active."""

    def save(self, *args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            super().save(*args, **kwargs)
