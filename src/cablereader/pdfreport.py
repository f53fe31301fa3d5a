"""The evidence report as PDF: the report's HTML laid out by Qt's rich-text engine.

Qt lives here, outside the core: ``QTextDocument`` paginates the same HTML the HTML
export writes (page breaks before articles included) and ``QPdfWriter`` writes real
text with the fonts embedded (subsets), so the PDF's text can be selected, searched
and copied.  A4 or US Letter.  Works without a display: with none, Qt runs offscreen.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from pathlib import Path

from cablereader import __version__

PAGE_SIZES = ("a4", "letter")
BODY_POINTS = 9.5
# A page object in the PDF Qt writes (not the /Pages tree node).
_PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def _headless_if_needed() -> None:
    """Use Qt's offscreen platform where there is no display (as the headless commands do)."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def _ensure_application() -> None:
    _headless_if_needed()
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        # Kept on the module so it outlives this call; Qt wants one per process.
        global _APPLICATION
        _APPLICATION = QGuiApplication(["cablereader-pdf"])


_APPLICATION: object | None = None


def render_pdf(html: str, *, page_size: str = "a4", title: str = "") -> tuple[bytes, int]:
    """``html`` as PDF bytes, and the number of pages."""
    if page_size not in PAGE_SIZES:
        raise ValueError(f"page size {page_size!r}: use one of {', '.join(PAGE_SIZES)}")
    _ensure_application()
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF
    from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    size = QPageSize.PageSizeId.A4 if page_size == "a4" else QPageSize.PageSizeId.Letter
    writer.setPageSize(QPageSize(size))
    # QTextDocument.print_() puts a 2 cm margin around the text of its own.
    writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    writer.setResolution(300)
    writer.setTitle(title)
    writer.setCreator(f"CableReader {__version__}")
    document = QTextDocument()
    font = QFont("DejaVu Sans")
    font.setPointSizeF(BODY_POINTS)
    document.setDefaultFont(font)
    document.setHtml(html)
    # Not paginated here: print_() lays a copy out on the writer's pages, at its
    # resolution, and numbers the pages.
    document.print_(writer)
    del writer  # finishes the PDF into the buffer
    buffer.close()
    pdf = bytes(data.data())
    return pdf, len(_PAGE_OBJECT.findall(pdf))


def write_report_pdf(
    html: str, path: str | os.PathLike[str], *, page_size: str = "a4", title: str = ""
) -> int:
    """Write ``html`` as a PDF file (whole or not at all); return the number of pages."""
    pdf, pages = render_pdf(html, page_size=page_size, title=title)
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(pdf)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return pages
