"""Which format a file is in: by its content first, by its suffix where content is
silent (Markdown looks like plain text) or contradicts it (a damaged ``.docx``).

An HTML page saved as ``.txt`` is HTML; a PDF named ``.txt`` is a PDF.
"""

from __future__ import annotations

import codecs
import re

from cablereader.core.formats.provenance import DOCX, EML, HTML, MARKDOWN, MHTML, ODT, PDF, RTF

# Suffix -> format, for folder walks and for files whose content does not say.
SUFFIX_FORMATS: dict[str, str] = {
    ".html": HTML,
    ".htm": HTML,
    ".xhtml": HTML,
    ".mhtml": MHTML,
    ".mht": MHTML,
    ".pdf": PDF,
    ".docx": DOCX,
    ".odt": ODT,
    ".rtf": RTF,
    ".eml": EML,
    ".md": MARKDOWN,
    ".markdown": MARKDOWN,
}
# Formats whose content is recognisable: a file with their suffix and other content
# is damaged (or misnamed), and is read as what it is, or refused.
BINARY_FORMATS = frozenset({PDF, DOCX, ODT})

_HTML_START_RE = re.compile(
    rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])",
    re.I | re.S,
)
_HEADER_RE = re.compile(rb"^[A-Za-z][A-Za-z0-9-]*:[ \t]?\S", re.M)
_MAIL_HEADERS = (b"from", b"to", b"subject", b"date", b"message-id", b"received", b"return-path")
_ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def _ascii_head(data: bytes) -> bytes:
    """The first 4 KB as bytes with a UTF-16 or UTF-8 BOM decoded away."""
    head = data[:4096]
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if head.startswith(bom):
            return head[len(bom) :].decode(codec, "ignore").encode("ascii", "ignore")
    return head


def _zip_format(data: bytes) -> str | None:
    # Imported here: zipfile (with bz2, lzma, shutil) costs ~8 ms of start-up otherwise.
    import io
    import zipfile

    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return None
    if "word/document.xml" in names:
        return DOCX
    if "content.xml" in names and (
        "mimetype" not in names or (data[30:38] == b"mimetype" and _ODT_MIMETYPE in data[:100])
    ):
        return ODT
    return None


def _mail_format(head: bytes) -> str | None:
    """EML or MHTML when the file starts with a block of RFC 5322 header lines."""
    header_block = re.split(rb"\r?\n\r?\n", head, maxsplit=1)[0]
    lines = [line for line in header_block.splitlines() if line and not line[:1].isspace()]
    if len(lines) < 2 or not all(_HEADER_RE.match(line) for line in lines):
        return None
    names = {line.split(b":", 1)[0].strip().lower() for line in lines}
    content_type = next(
        (line.lower() for line in lines if line.lower().startswith(b"content-type:")), b""
    )
    if b"multipart/related" in content_type and b"mime-version" in names:
        return MHTML if not names & {b"to", b"received", b"message-id"} else EML
    if len(names & set(_MAIL_HEADERS)) >= 2:
        return EML
    return None


def detect_format(data: bytes, suffix: str) -> str | None:
    """The format of ``data`` (named with ``suffix``), or ``None`` for plain text."""
    suffix = suffix.lower()
    head = _ascii_head(data)
    if b"%PDF-" in data[:1024]:
        return PDF
    if data.startswith(b"PK\x03\x04"):
        found = _zip_format(data)
        if found is not None:
            return found
    if head.lstrip().startswith(b"{\\rtf"):
        return RTF
    if _HTML_START_RE.match(head):
        return HTML
    mail = _mail_format(head)
    if mail is not None:
        return MHTML if suffix in (".mhtml", ".mht") else mail
    # Content does not say; the suffix does (Markdown, and damaged files of a format).
    return SUFFIX_FORMATS.get(suffix)
