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
    # A stored file is opened by seek(); close it again so validation leaks no handles.
    was_closed = getattr(file, "closed", False)
    try:
        file.seek(0)
    except FileNotFoundError as exc:
        raise ValidationError(
            _("The image file is missing from storage: upload it again or clear it.")
        ) from exc
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
        if was_closed:
            file.close()
        else:
            file.seek(0)
    return image


def square_rendition(image, size):
    """Centre-crop ``image`` to a square of ``size`` px and return JPEG bytes."""
    image = ImageOps.exif_transpose(image)
    if image.mode in ("P", "LA", "PA") or "transparency" in image.info:
        image = image.convert("RGBA")
    if image.mode == "RGBA":
        # JPEG has no alpha: transparent parts become white, not black.
        background = Image.new("RGB", image.size, (255, 255, 255))
        background.paste(image, mask=image.getchannel("A"))
        image = background
    square = ImageOps.fit(image.convert("RGB"), (size, size), method=Image.Resampling.LANCZOS)
    out = BytesIO()
    square.save(out, format="JPEG", quality=85, optimize=True, progressive=True)
    return ContentFile(out.getvalue())
