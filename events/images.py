"""Square portrait renditions made with Pillow when a speaker photo is uploaded."""

from PIL import Image, ImageOps

from summit.images import jpeg_file

RENDITION_SIZES = (96, 320)


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
    return jpeg_file(square)
