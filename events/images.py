"""Square portrait renditions made with Pillow when a speaker photo is uploaded."""

from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

RENDITION_SIZES = (96, 320)
MAX_PIXELS = 40_000_000
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


def open_image(file):
    """Open an uploaded file as an image, refusing non-images and decompression bombs."""
    file.seek(0)
    try:
        with Image.open(file) as probe:
            probe.verify()
        file.seek(0)
        image = Image.open(file)
        if image.format not in ALLOWED_FORMATS:
            raise ValidationError(_("Unsupported image format: use JPEG, PNG, WebP or GIF."))
        if image.width * image.height > MAX_PIXELS:
            raise ValidationError(_("The image is too large (more than 40 megapixels)."))
        image.load()
    except (OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ValidationError(_("The file is not a valid image.")) from exc
    finally:
        file.seek(0)
    return image


def square_rendition(image, size):
    """Centre-crop ``image`` to a square of ``size`` px and return WebP-free JPEG bytes."""
    image = ImageOps.exif_transpose(image).convert("RGB")
    square = ImageOps.fit(image, (size, size), method=Image.Resampling.LANCZOS)
    out = BytesIO()
    square.save(out, format="JPEG", quality=85, optimize=True, progressive=True)
    return ContentFile(out.getvalue())
