"""Validators and helpers the programme models share."""

import functools
import zoneinfo

from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from summit.images import open_image

from ..slides import slides_format


def validate_time_zone(value):
    """Any IANA zone this machine knows; the list is not frozen into a migration."""
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("Unknown time zone: %(zone)s.") % {"zone": value})


def validate_slides(file):
    if getattr(file, "_committed", False):
        return  # a stored file was checked when it was uploaded
    if file.size is not None and file.size > SLIDES_MAX_BYTES:
        raise ValidationError(_("The slides file is too large: at most 50 MB."))
    extension = file.name.rsplit(".", 1)[-1].lower() if "." in file.name else ""
    # The file is served with the type its extension names: its content must be that type.
    if extension in SLIDES_EXTENSIONS and slides_format(file) != extension:
        raise ValidationError(
            _("This file is not a real .%(extension)s presentation: upload a PDF, PowerPoint, "
              "Keynote or OpenDocument file.") % {"extension": extension}
        )


SLIDES_MAX_BYTES = 50 * 1024 * 1024
SLIDES_EXTENSIONS = ["pdf", "ppt", "pptx", "key", "odp"]


def validate_image(file):
    open_image(file)


def format_local_range(start, end, zone):
    """``2022-08-08 09:00–09:30``: a time range as read in ``zone``."""
    start, end = start.astimezone(zone), end.astimezone(zone)
    return f"{start:%Y-%m-%d %H:%M}–{end:%H:%M}"


def choice_label(choices, value):
    """What ``get_FOO_display()`` gives for ``value`` of a field whose choices are the
    enum ``choices``: its label in the page's language, or the value itself when it is not
    a choice. Django's own translates every label of the field at each call (it hashes
    the lazy labels to build a dict); a schedule shows one per forum and per stream.
    """
    return _choice_labels(choices, get_language()).get(value, value)


@functools.lru_cache(maxsize=64)
def _choice_labels(choices, language):
    """``choices``' labels by value, translated into ``language`` (the active one)."""
    return {value: str(label) for value, label in choices.choices}
