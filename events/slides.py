"""What an uploaded slides file really is, read from its content, never from its name.

Small magic checks instead of a library: ``filetype`` knows neither Keynote nor the
stream that makes an OLE file a PowerPoint deck, and ``python-magic`` needs libmagic.
"""

import zipfile

PDF_MAGIC = b"%PDF-"
OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")
# The directory entry every PowerPoint 97-2003 file has, in the UTF-16 OLE stores names in.
PPT_STREAM = "PowerPoint Document".encode("utf-16-le")
ODP_MIMETYPE = b"application/vnd.oasis.opendocument.presentation"
KEYNOTE_INDEXES = {"Index/Document.iwa", "index.apxl", "index.apxl.gz"}  # Keynote 6+, '09
CHUNK = 1 << 20


def slides_format(file):
    """``pdf``, ``ppt``, ``pptx``, ``odp`` or ``key`` from the file's bytes; None when it
    is none of them (HTML named deck.pdf, SVG named .key, a macro-enabled deck...)."""
    file.seek(0)
    head = file.read(len(OLE_MAGIC))
    file.seek(0)
    if head.startswith(PDF_MAGIC):
        return "pdf"
    if head == OLE_MAGIC:
        return "ppt" if _contains(file, PPT_STREAM) else None
    if head.startswith(b"PK\x03\x04"):
        return _zip_format(file)
    return None


def _zip_format(file):
    try:
        with zipfile.ZipFile(file) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            if {"[Content_Types].xml", "ppt/presentation.xml"} <= names:
                # A .pptm renamed .pptx would carry its macros into PowerPoint.
                return None if "ppt/vbaProject.bin" in names else "pptx"
            first = infos[0] if infos else None
            # ODF: an uncompressed "mimetype" member first, naming the document type.
            if first and first.filename == "mimetype" and first.file_size <= 100:
                return "odp" if archive.read(first).strip() == ODP_MIMETYPE else None
            return "key" if names & KEYNOTE_INDEXES else None
    except (zipfile.BadZipFile, EOFError, ValueError):
        return None
    finally:
        file.seek(0)


def _contains(file, needle):
    tail = b""
    while chunk := file.read(CHUNK):
        if needle in tail + chunk:
            file.seek(0)
            return True
        tail = chunk[-len(needle):]
    file.seek(0)
    return False
