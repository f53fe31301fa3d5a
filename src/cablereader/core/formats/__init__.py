"""Importing documents of every format: web pages, PDF, Word, OpenDocument, RTF, e-mail,
Markdown, and text from the clipboard.  Pure Python, no Qt.

:func:`extract` turns a file's bytes into an :class:`Extraction` (the text, its format,
the extractor and version, metadata), choosing the format by content first, then by
suffix (:mod:`~cablereader.core.formats.detection`); ``None`` means plain text, which
:mod:`cablereader.core.documents` decodes itself.  One module per format; each raises
:class:`FormatError` with a reason a person can act on, never a library's exception.
"""

from __future__ import annotations

from collections.abc import Callable

from cablereader.core.formats.detection import SUFFIX_FORMATS, detect_format
from cablereader.core.formats.errors import (
    CancelCheck,
    ExtractionCancelled,
    FormatError,
    Progress,
)
from cablereader.core.formats.provenance import (
    CLIPBOARD_HTML,
    CLIPBOARD_TEXT,
    DOCX,
    EML,
    HTML,
    MARKDOWN,
    MHTML,
    ODT,
    PDF,
    RTF,
    TEXT,
    Extraction,
    Metadata,
    Provenance,
)

__all__ = [
    "CLIPBOARD_HTML",
    "CLIPBOARD_TEXT",
    "FORMAT_NAMES",
    "IMPORT_SUFFIXES",
    "TEXT",
    "CancelCheck",
    "Extraction",
    "ExtractionCancelled",
    "FormatError",
    "Metadata",
    "Progress",
    "Provenance",
    "detect_format",
    "extract",
    "formats_help",
]

Extractor = Callable[[bytes, "Progress | None", "CancelCheck | None"], Extraction]


def _html(data: bytes, progress: Progress | None, cancelled: CancelCheck | None) -> Extraction:
    from cablereader.core.formats.html import extract_html

    return extract_html(data)


def _mhtml(data: bytes, progress: Progress | None, cancelled: CancelCheck | None) -> Extraction:
    from cablereader.core.formats.mail import extract_mhtml

    return extract_mhtml(data)


def _eml(data: bytes, progress: Progress | None, cancelled: CancelCheck | None) -> Extraction:
    from cablereader.core.formats.mail import extract_eml

    return extract_eml(data)


def _pdf(data: bytes, progress: Progress | None, cancelled: CancelCheck | None) -> Extraction:
    from cablereader.core.formats.pdf import extract_pdf

    return extract_pdf(data, progress, cancelled)


def _docx(data: bytes, progress: Progress | None, cancelled: CancelCheck | None) -> Extraction:
    from cablereader.core.formats.docx import extract_docx

    return extract_docx(data)


def _odt(data: bytes, progress: Progress | None, cancelled: CancelCheck | None) -> Extraction:
    from cablereader.core.formats.odt import extract_odt

    return extract_odt(data)


def _rtf(data: bytes, progress: Progress | None, cancelled: CancelCheck | None) -> Extraction:
    from cablereader.core.formats.rtf import extract_rtf

    return extract_rtf(data)


def _markdown(data: bytes, progress: Progress | None, cancelled: CancelCheck | None) -> Extraction:
    from cablereader.core.formats.markdown import extract_markdown

    return extract_markdown(data)


# The registry: format -> extractor.  The format modules are imported on first use, so
# starting the app does not pay for lxml, pdfminer or python-docx.
EXTRACTORS: dict[str, Extractor] = {
    HTML: _html,
    MHTML: _mhtml,
    EML: _eml,
    PDF: _pdf,
    DOCX: _docx,
    ODT: _odt,
    RTF: _rtf,
    MARKDOWN: _markdown,
}

# What people call each format, for messages, --help and the README.
FORMAT_NAMES: dict[str, str] = {
    TEXT: "plain text",
    HTML: "web page (HTML)",
    MHTML: "web archive (MHTML)",
    EML: "e-mail (EML)",
    PDF: "PDF",
    DOCX: "Word (DOCX)",
    ODT: "OpenDocument (ODT)",
    RTF: "RTF",
    MARKDOWN: "Markdown",
}

# Every suffix an import picks up in a folder walk.
IMPORT_SUFFIXES: tuple[str, ...] = (".txt", *SUFFIX_FORMATS)


def extract(
    data: bytes,
    suffix: str,
    *,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> Extraction | None:
    """The text of ``data`` (a file named with ``suffix``), or ``None`` if plain text.

    ``progress(done, total)`` and ``cancelled()`` are used by long extractions (PDF,
    page by page); a cancel raises :class:`ExtractionCancelled`.
    """
    found = detect_format(data, suffix)
    if found is None:
        return None
    return EXTRACTORS[found](data, progress, cancelled)


def formats_help() -> str:
    """One sentence listing the formats read and their suffixes (for --help)."""
    by_format: dict[str, list[str]] = {}
    for suffix, name in SUFFIX_FORMATS.items():
        by_format.setdefault(name, []).append(suffix)
    parts = ["plain text (.txt)"] + [
        f"{FORMAT_NAMES[name].split(' (')[0]} ({' '.join(suffixes)})"
        for name, suffixes in by_format.items()
    ]
    return (
        "Documents can be " + ", ".join(parts) + "; a file's format is told by its "
        "content first (a web page saved as .txt is read as a web page), then its suffix."
    )
