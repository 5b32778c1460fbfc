"""Presentation files built in memory: the structure each format's check looks for."""

import zipfile
from io import BytesIO

from events.slides import OLE_MAGIC

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
HTML = b"<!doctype html><title>deck</title><script>alert(document.cookie)</script>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'


def zipped(members, *, first=None):
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        if first:
            archive.writestr(zipfile.ZipInfo(first[0]), first[1])  # stored, as ODF requires
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def pptx(*, macros=False):
    members = {"[Content_Types].xml": "<Types/>", "ppt/presentation.xml": "<p:presentation/>"}
    if macros:
        members["ppt/vbaProject.bin"] = "macro"
    return zipped(members)


def odp(mimetype="application/vnd.oasis.opendocument.presentation"):
    return zipped({"content.xml": "<office:document-content/>"}, first=("mimetype", mimetype))


def keynote():
    return zipped({"Index/Document.iwa": b"\x00iwa", "Metadata/Properties.plist": "<plist/>"})


def ole(stream="PowerPoint Document"):
    """An OLE compound file whose directory names ``stream`` (Word's is "WordDocument")."""
    entry = stream.encode("utf-16-le").ljust(64, b"\x00")
    return OLE_MAGIC + b"\x00" * 504 + entry + b"\x00" * 448
