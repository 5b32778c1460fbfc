from io import BytesIO

import pytest
from PIL import Image

from summit.images import reencoded
from tests.crafted_images import gif_with_comments, gif_with_trailer, jpeg_with_gps, leftovers


def reencode(data):
    with Image.open(BytesIO(data)) as image:
        image.load()
        content, extension = reencoded(image)
    return content.read(), extension


@pytest.mark.parametrize(("crafted", "extension"), [
    (gif_with_trailer, "gif"), (gif_with_comments, "gif"), (jpeg_with_gps, "jpg"),
])
def test_reencoded_keeps_no_payload_metadata_or_comment(crafted, extension):
    data, found_extension = reencode(crafted())

    assert (leftovers(data), found_extension) == ([], extension)


def test_reencoded_gif_keeps_its_frames_and_timing():
    data, _ = reencode(gif_with_comments())

    with Image.open(BytesIO(data)) as image:
        timing = (image.n_frames, image.info["duration"], image.info["loop"])
    assert (timing, data.count(b"\x21\xfe"), data[-1:]) == ((3, 80, 0), 0, b";")
