"""Cover renditions and editor uploads (checked and re-encoded by summit/images.py)."""

import uuid

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from summit.images import jpeg_file, open_image, reencoded

CARD_SIZE = (640, 360)
WIDE_WIDTH = 1280
UPLOAD_MAX_BYTES = 5 * 1024 * 1024


def validate_image_file(file):
    """Refuse anything that is not a JPEG, PNG, WebP or GIF of sane size."""
    if file.size is not None and file.size > UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("The file is too large: at most %(limit)d MB.") % {"limit": UPLOAD_MAX_BYTES >> 20}
        )
    return open_image(file)


def card_rendition(image):
    """The list card: a centre crop to 16:9."""
    image = ImageOps.exif_transpose(image)
    return jpeg_file(ImageOps.fit(image, CARD_SIZE, method=Image.Resampling.LANCZOS))


def wide_rendition(image):
    """The article page's full-width cover, never upscaled."""
    image = ImageOps.exif_transpose(image).copy()
    image.thumbnail((WIDE_WIDTH, WIDE_WIDTH * 2), Image.Resampling.LANCZOS)
    return jpeg_file(image)


def store_upload(file):
    """Validate an editor upload, re-encode it (dropping metadata) and return its URL."""
    content, extension = reencoded(validate_image_file(file))
    name = f"articles/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{extension}"
    stored = default_storage.save(name, content)
    return default_storage.url(stored)
