"""A page of the evidence report as a PNG, for the README (``python packaging/report_screenshot.py OUT.png``).

The sample corpus, article 001 with one annotation, laid out on A4 by the same Qt
rich-text engine the PDF export uses; the page shown is the one with the altered
quotation.  Offscreen: no display needed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import QFont, QGuiApplication, QImage, QPainter, QTextDocument

from cablereader.core.evidence import report_from_project, report_html
from cablereader.core.project import Project
from cablereader.core.sample import load_sample_corpus

REPRINT = "001_f20ffc1191894066.txt"
A4_AT_96_DPI = QSizeF(794, 1123)
SCALE = 1.4


def main(out: str) -> int:
    app = QGuiApplication(sys.argv[:1])
    with Project.create_in_memory(load_sample_corpus()) as project:
        text = project.document(REPRINT).text
        start = text.index("I cannot predict how Europe will react")
        project.add_annotation(
            REPRINT, start, start + 38, [2], note="“tell” became “predict”: check with the outlet."
        )
        html = report_html(report_from_project(project, articles=[REPRINT]))
    document = QTextDocument()
    font = QFont("DejaVu Sans")
    font.setPointSizeF(9.5)
    document.setDefaultFont(font)
    document.setHtml(html)
    document.setDocumentMargin(76)  # 2 cm, as QTextDocument.print_() leaves
    document.setPageSize(A4_AT_96_DPI)
    found = document.find("≠ altered ·")
    top = document.documentLayout().blockBoundingRect(found.block()).top()
    page = int(top // A4_AT_96_DPI.height())
    image = QImage(
        int(A4_AT_96_DPI.width() * SCALE),
        int(A4_AT_96_DPI.height() * SCALE),
        QImage.Format.Format_RGB32,
    )
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(SCALE, SCALE)
    painter.translate(0, -page * A4_AT_96_DPI.height())
    document.drawContents(
        painter,
        QRectF(0, page * A4_AT_96_DPI.height(), A4_AT_96_DPI.width(), A4_AT_96_DPI.height()),
    )
    painter.end()
    image.save(out)
    print(f"Wrote {out} (page {page + 1} of {document.pageCount()})")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "report-page.png"))
