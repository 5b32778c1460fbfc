from io import BytesIO

import pytest

from events.slides import CHUNK, slides_format
from tests.events.slide_files import HTML, PDF, SVG, keynote, odp, ole, pptx, zipped


@pytest.mark.parametrize(("content", "found"), [
    (PDF, "pdf"), (pptx(), "pptx"), (odp(), "odp"), (keynote(), "key"), (ole(), "ppt"),
    (HTML, None), (SVG, None), (b"", None), (b"-----BEGIN PRIVATE KEY-----\n", None),
    (pptx(macros=True), None),  # a macro-enabled deck renamed .pptx
    (odp("application/vnd.oasis.opendocument.text"), None),  # a text document
    (ole("WordDocument"), None),  # a Word file renamed .ppt
    (zipped({"index.html": HTML}), None),  # a zip holding a web page
    (b"PK\x03\x04 not really a zip", None),
    (b"  %PDF-1.4", None),  # the magic must open the file
])
def test_slides_format_reads_the_content(content, found):
    assert slides_format(BytesIO(content)) == found


def test_slides_format_finds_the_powerpoint_stream_across_chunks():
    stream = "PowerPoint Document".encode("utf-16-le")
    content = ole("Other")[:512] + b"\x00" * (CHUNK - 512 - 10) + stream

    assert slides_format(BytesIO(content)) == "ppt"


def test_slides_format_leaves_the_file_at_its_start():
    file = BytesIO(pptx())
    slides_format(file)
    assert file.tell() == 0
