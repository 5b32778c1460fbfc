"""Opening, checking and re-encoding uploaded images with Pillow, for both apps."""

import uuid
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
# What an image needs to look and move as uploaded; every other info key is metadata
# (EXIF with GPS, XMP, ICC, comments) that a re-encoded copy must not carry.
DISPLAY_INFO = {"transparency", "duration", "loop", "background", "disposal"}


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
    """``image`` saved again in its own format, without metadata, comments or trailing
    bytes, at most REENCODE_MAX_WIDTH wide: returns (ContentFile, file extension)."""
    fmt = image.format
    out = BytesIO()
    if fmt == "GIF":
        # Re-saving keeps the animation while dropping anything that is not image data;
        # an empty comment also overrides the comment blocks each frame brings along.
        image.save(out, format="GIF", save_all=True, comment=b"")
    else:
        image = ImageOps.exif_transpose(image)  # a copy: the caller's image is untouched
        image.thumbnail((REENCODE_MAX_WIDTH, REENCODE_MAX_WIDTH * 4), Image.Resampling.LANCZOS)
        if fmt == "JPEG":
            image = image.convert("RGB")
        # JPEG writes the comment it finds in ``info``: keep only what affects the pixels.
        image.info = {key: value for key, value in image.info.items() if key in DISPLAY_INFO}
        options = {"quality": 85, "optimize": True} if fmt == "JPEG" else {}
        image.save(out, format=fmt, **options)
    return ContentFile(out.getvalue()), EXTENSIONS[fmt]


def reencode_upload(instance, field_name, *, check=open_image):
    """Replace a new upload in ``instance.<field_name>`` by its re-encoded copy under a
    random name, so neither trailing bytes (HTML after a GIF), metadata, the uploader's
    extension nor a guessable name survive. ``check`` opens and validates the file."""
    upload = getattr(instance, field_name)
    if not upload or upload._committed:
        return
    content, extension = reencoded(check(upload))
    content.name = f"{uuid.uuid4().hex}.{extension}"
    setattr(instance, field_name, content)


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
