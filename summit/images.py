"""Opening, checking and re-encoding uploaded images with Pillow, for both apps."""

import warnings
from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

MAX_PIXELS = 40_000_000
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
REENCODE_MAX_WIDTH = 2000


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
        with warnings.catch_warnings():
            # Pillow only warns between 89 and 178 megapixels: refuse those too.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as probe:
                probe.verify()
            file.seek(0)
            image = Image.open(file)
        if image.format not in ALLOWED_FORMATS:
            raise ValidationError(_("Unsupported image format: use JPEG, PNG, WebP or GIF."))
        # Animated images decode every frame: 40 frames of 4000x4000 are 640 megapixels.
        if image.width * image.height * getattr(image, "n_frames", 1) > MAX_PIXELS:
            raise ValidationError(_("The image is too large (more than 40 megapixels)."))
        image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(_("The image is too large (more than 40 megapixels).")) from exc
    except (OSError, SyntaxError) as exc:
        raise ValidationError(_("The file is not a valid image.")) from exc
    finally:
        if was_closed:
            file.close()
        else:
            file.seek(0)
    return image


def jpeg_file(image):
    """``image`` encoded as a progressive JPEG, ready to save into an ImageField."""
    out = BytesIO()
    image.convert("RGB").save(out, format="JPEG", quality=85, optimize=True, progressive=True)
    return ContentFile(out.getvalue())


def reencoded(image):
    """``image`` saved again in its own format, without metadata or trailing bytes, at
    most REENCODE_MAX_WIDTH wide: returns (ContentFile, file extension of that format)."""
    fmt = image.format
    out = BytesIO()
    if fmt == "GIF":
        # Re-saving keeps the animation while dropping anything that is not image data.
        image.save(out, format="GIF", save_all=True)
    else:
        image = ImageOps.exif_transpose(image)
        image.thumbnail((REENCODE_MAX_WIDTH, REENCODE_MAX_WIDTH * 4), Image.Resampling.LANCZOS)
        if fmt == "JPEG":
            image.convert("RGB").save(out, format="JPEG", quality=85, optimize=True)
        else:
            image.save(out, format=fmt)
    return ContentFile(out.getvalue()), EXTENSIONS[fmt]


class RenditionsMixin:
    """Model mixin for an uploaded image with derived renditions stored beside it.

    ``image_field`` names the upload and ``rendition_fields`` its renditions; the model's
    ``make_renditions()`` builds them after a save that changed the upload.
    """

    image_field = ""
    rendition_fields = ()

    def image_changed(self):
        """Whether the upload differs from the stored one (renditions must be rebuilt)."""
        source, first = getattr(self, self.image_field), getattr(self, self.rendition_fields[0])
        if not source:
            return bool(first)
        if self.pk is None or not first:
            return True
        stored = (type(self)._default_manager.filter(pk=self.pk)
                  .values_list(self.image_field, flat=True).first())
        return stored != source.name

    def delete_renditions(self):
        for name in self.rendition_fields:
            field = getattr(self, name)
            if field:
                field.delete(save=False)

    def store_rendition_names(self):
        """Write the renditions' names without another save() (no history, no signals)."""
        names = {name: getattr(self, name).name or "" for name in self.rendition_fields}
        type(self)._default_manager.filter(pk=self.pk).update(**names)
