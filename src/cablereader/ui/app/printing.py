"""Printing and PDF export of what the window shows.

The pair of panes prints as one document: a heading per pane and its text with the
highlights the pane draws (passages, quotations, changed words, annotations) merged into
the text's own formats.  With the quotation table focused, the table prints instead.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import (
    QFont,
    QPageLayout,
    QPageSize,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
)
from PySide6.QtPrintSupport import QPrinter

from cablereader.ui.reader.comparison import ComparisonView
from cablereader.ui.reader.panes import DocumentPane

# Drawn on screen only: where the caret is, and the find bar's matches.
_SCREEN_ONLY = ("emphasis", "find")


def _highlighted_fragment(pane: DocumentPane) -> QTextDocumentFragment:
    copy = pane.document().clone()
    cursor = QTextCursor(copy)
    for name in ("passage", "quote", "change", "annotation"):
        for span in pane.layer(name):
            cursor.setPosition(pane.to_position(span.start))
            cursor.setPosition(pane.to_position(span.end), QTextCursor.MoveMode.KeepAnchor)
            fmt = QTextCharFormat(span.format)
            cursor.mergeCharFormat(fmt)
    cursor.select(QTextCursor.SelectionType.Document)
    return cursor.selection()


def pair_document(view: ComparisonView) -> QTextDocument:
    """Both panes, each under its heading, with their highlights."""
    document = QTextDocument()
    document.setDefaultFont(QFont(view.article_pane.font()))
    cursor = QTextCursor(document)
    panes = (
        (view.source_header.text(), view.left_document, view.source_pane),
        (view.article_header.text(), view.right_document, view.article_pane),
    )
    first = True
    for heading, shown, pane in panes:
        if shown is None:
            continue
        if not first:
            cursor.insertHtml("<br style='page-break-before: always'>")
        first = False
        cursor.insertHtml(f"<h2>{heading}</h2><p>{escape(shown.name)}</p>")
        cursor.insertBlock()
        cursor.insertFragment(_highlighted_fragment(pane))
        cursor.insertBlock()
    summary = view.summary()
    if summary:
        cursor.insertHtml(f"<p><i>{escape(summary)}</i></p>")
    return document


def table_document(model: QAbstractItemModel, title: str) -> QTextDocument:
    """A table model's rows, as shown (its display text), with a heading."""
    columns = range(model.columnCount())
    header = "".join(
        f"<th align='left'>{escape(str(model.headerData(c, Qt.Orientation.Horizontal)))}</th>"
        for c in columns
    )
    rows = []
    for row in range(model.rowCount()):
        cells = []
        for column in columns:
            value = model.index(row, column, QModelIndex()).data()
            cells.append(f"<td>{escape('' if value is None else str(value))}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    document = QTextDocument()
    document.setHtml(
        f"<h2>{escape(title)}</h2>"
        "<table border='1' cellspacing='0' cellpadding='3'>"
        f"<tr>{header}</tr>{''.join(rows)}</table>"
    )
    return document


def pdf_printer(path: str) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(path)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    return printer


def print_to(document: QTextDocument, printer: QPrinter) -> None:
    document.print_(printer)
