"""Hostile image files as the security review uploaded them, built with Pillow."""

from io import BytesIO

from PIL import Image

SCRIPT = b"<script>alert(document.domain)</script>"
COMMENT = b"<svg onload=alert(1)>"
CAMERA = "Secret Camera Model"  # an EXIF text the re-encoded file must not carry
GPS_IFD = 0x8825


def _gif(frames=1, comment=None):
    images = []
    for index in range(frames):
        image = Image.new("P", (64, 48), index % 3)
        image.putpalette([200, 20, 20, 20, 200, 20, 20, 20, 200] + [0] * 759)
        images.append(image)
    out = BytesIO()
    options = {"comment": comment} if comment else {}
    images[0].save(out, format="GIF", save_all=True, append_images=images[1:], duration=80,
                   loop=0, **options)
    return out.getvalue()


def gif_with_trailer():
    """A valid GIF followed by HTML: a browser sniffing it as HTML would run the script."""
    return _gif() + SCRIPT


def gif_with_comments():
    """An animated GIF carrying a comment block before its first and its second frame."""
    data = _gif(frames=3, comment=COMMENT)
    second = data.find(b"\x21\xf9", data.find(b"\x21\xf9") + 1)  # the second frame's header
    block = b"\x21\xfe" + bytes([len(COMMENT)]) + COMMENT + b"\x00"
    return data[:second] + block + data[second:]


def jpeg_with_gps():
    """A JPEG whose EXIF holds GPS coordinates and a camera model, plus a comment."""
    exif = Image.Exif()
    exif[0x0110] = CAMERA
    exif[GPS_IFD] = {1: "N", 2: (39.0, 54.0, 27.0), 3: "E", 4: (116.0, 23.0, 30.0)}
    out = BytesIO()
    Image.new("RGB", (80, 60), (30, 120, 200)).save(out, format="JPEG", exif=exif,
                                                      comment=COMMENT)
    return out.getvalue()


def stored_bytes(field):
    with field.open("rb") as file:
        return file.read()


def leftovers(data):
    """What of the crafted payloads survives in ``data``: must be an empty list."""
    found = [marker for marker in (SCRIPT, COMMENT, CAMERA.encode(), b"Exif") if marker in data]
    with Image.open(BytesIO(data)) as image:
        image.load()
        if image.getexif():
            found.append("EXIF tags")
        if image.info.get("comment"):
            found.append("comment")
    return found
