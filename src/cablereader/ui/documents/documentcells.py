"""What each cell of the document list shows, for :mod:`~cablereader.ui.documents.documentmodel`.

Plain functions of a document, its analysis and a role: the model calls them when the
view asks for a cell.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QFont, QPalette

from cablereader.core.analysis import ArticleAnalysis
from cablereader.core.documents import Document
from cablereader.core.formats import Metadata
from cablereader.core.verify import VERDICTS
from cablereader.ui.common.palette import (
    VERDICT_DESCRIPTIONS,
    VERDICT_GLYPHS,
    VERDICT_LABELS,
    muted_colour,
    verdict_colour,
)

NAME_COLUMN = 0
COVERAGE_COLUMN = 1
VERDICT_COLUMNS = {verdict: 2 + i for i, verdict in enumerate(VERDICTS)}
WITNESS_COLUMN = 2 + len(VERDICTS)
COLUMN_COUNT = WITNESS_COLUMN + 1

SORT_ROLE = Qt.ItemDataRole.UserRole
NAME_ROLE = Qt.ItemDataRole.UserRole + 1  # the document's name (its identity)
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # GROUP, SOURCE, ARTICLE or PLACEHOLDER
GROUP, SOURCE, ARTICLE, PLACEHOLDER = "group", "source", "article", "placeholder"

WITNESS_GLYPH = "②"
WITNESS_TIP = "Contains a full reprint of the source: a second witness of its text"
PENDING = "…"  # figures not computed yet
PLACEHOLDER_TEXT = "Chosen by the analysis…"

DISPLAY = Qt.ItemDataRole.DisplayRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole
ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole
ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
FOREGROUND = Qt.ItemDataRole.ForegroundRole
FONT = Qt.ItemDataRole.FontRole
ACCESSIBLE_DESCRIPTION = Qt.ItemDataRole.AccessibleDescriptionRole
# Computed once: combining flags through Python's enum machinery costs per call.
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTRE = Qt.AlignmentFlag.AlignCenter
HEADING_FLAGS = Qt.ItemFlag.ItemIsEnabled
DOCUMENT_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def _header_specs() -> list[tuple[str, str, str]]:
    """(shown text, spoken text, tooltip) per column: a bare symbol must not be read out."""
    specs = [
        ("Document", "Document", "Title of the document (hover for its file)"),
        ("Coverage", "Coverage", "Share of the article's text taken from the source"),
    ]
    for verdict in VERDICT_COLUMNS:
        label = VERDICT_LABELS[verdict]
        tip = f"Quotations: {label} — {VERDICT_DESCRIPTIONS[verdict]}"
        specs.append((VERDICT_GLYPHS[verdict], label, tip))
    specs.append((WITNESS_GLYPH, "Witness", f"Witness: {WITNESS_TIP}"))
    return specs


_HEADERS = _header_specs()


# What a document's format said about it (issue 13), in the order a citation gives it.
METADATA_LABELS = (
    ("headline", "Headline"),
    ("outlet", "Outlet"),
    ("author", "Author"),
    ("date", "Date"),
    ("url", "URL"),
)


def metadata_line(metadata: Metadata | None) -> str:
    """Outlet, author and date on one line (read out with the name), or empty."""
    if metadata is None:
        return ""
    return " · ".join(part for part in (metadata.outlet, metadata.author, metadata.date) if part)


def document_tooltip(
    document: Document | None, name: str, role: str, metadata: Metadata | None = None
) -> str:
    lines = [f"<b>{html.escape(document.title if document else name)}</b>"]
    lines.append(html.escape(role))
    if metadata is not None:
        known = metadata.as_dict()
        for key, label in METADATA_LABELS:
            if known[key]:
                lines.append(f"{label}: {html.escape(known[key])}")
    lines.append(f"File: {html.escape(name)}")
    if document is not None:
        if document.path:
            lines.append(f"Path: {html.escape(document.path)}")
        lines.append(f"Encoding: {html.escape(document.encoding)}")
    return "<qt>" + "<br>".join(lines) + "</qt>"


def header_cell(section: int, role: int) -> Any:
    text, spoken, tip = _HEADERS[section]
    if role == DISPLAY:
        return text
    if role == TOOLTIP:
        return tip
    if role == ACCESSIBLE:
        return spoken
    if role == ALIGNMENT and section != NAME_COLUMN:
        return CENTRE
    return None


def group_cell(title: str, row: int, column: int, role: int, bold: QFont) -> Any:
    """A heading: "Source" or "Articles (n)", in bold, across the row."""
    if role == KIND_ROLE:
        return GROUP
    if column != NAME_COLUMN:
        return "" if role == DISPLAY else None
    if role == DISPLAY:
        return title
    if role == SORT_ROLE:
        return row
    if role == FONT:
        return bold
    return None


def placeholder_cell(column: int, role: int, palette: QPalette) -> Any:
    """Where the source goes before one is chosen."""
    if column != NAME_COLUMN:
        return None
    if role == KIND_ROLE:
        return PLACEHOLDER
    if role == DISPLAY:
        return PLACEHOLDER_TEXT
    if role == FOREGROUND:
        return QBrush(muted_colour(palette))
    return None


def name_cell(
    name: str, document: Document | None, kind: str, role: int, metadata: Metadata | None = None
) -> Any:
    title = document.title if document is not None else name
    if role == DISPLAY:
        return title
    if role == SORT_ROLE:
        return f"{title.casefold()}\0{name}"
    if role == TOOLTIP:
        role_name = "Source" if kind == SOURCE else "Article"
        return document_tooltip(document, name, role_name, metadata)
    if role == ACCESSIBLE_DESCRIPTION:
        return metadata_line(metadata) or None
    return None


def source_figure(column: int, role: int, *, primary: bool | None = None) -> Any:
    """A source's figures: none, it is what the others are measured against.
    ``primary``: of several sources, whether it is the primary (``None``: the only one)."""
    if column == COVERAGE_COLUMN:
        if role == DISPLAY:
            return "primary" if primary else "—"
        if role == SORT_ROLE:
            return -1.0
        if role == TOOLTIP:
            if primary is None:
                return "The source: the document the articles are compared with"
            if primary:
                return "The primary source: a quotation found in several sources names it first"
            return "A further source: the articles' quotations are traced to it too"
        return None
    if role == DISPLAY:
        return ""
    return -1 if role == SORT_ROLE else None


def pending_figure(column: int, role: int) -> Any:
    """A figure of an article not analysed yet."""
    if column == COVERAGE_COLUMN:
        if role == DISPLAY:
            return PENDING
        if role == SORT_ROLE:
            return -1.0
        if role == TOOLTIP:
            return "Not analysed yet"
        return None
    if role == DISPLAY:
        return ""  # blank, not "…": that is the fragment column's own symbol
    if role == SORT_ROLE:
        return 0 if column == WITNESS_COLUMN else -1
    return None


def figure(analysis: ArticleAnalysis, column: int, role: int, palette: QPalette) -> Any:
    """An analysed article's coverage, a quotation count, or its witness mark."""
    if column == COVERAGE_COLUMN:
        percent = analysis.coverage * 100
        if role == DISPLAY:
            return "<1 %" if 0 < percent < 0.5 else f"{percent:.0f} %"
        if role == SORT_ROLE:
            return float(analysis.coverage)
        if role == TOOLTIP:
            shares = analysis.source_shares()
            if len(shares) < 2:
                return f"{percent:.1f} % of the article's text is taken from the source"
            each = "; ".join(f"{share * 100:.1f} % from {name}" for name, share in shares.items())
            return f"{percent:.1f} % of the article's text is taken from the sources: {each}"
        return None
    if column == WITNESS_COLUMN:
        witness = analysis.witness is not None
        if role == DISPLAY:
            return WITNESS_GLYPH if witness else ""
        if role == SORT_ROLE:
            return int(witness)
        if witness and role == TOOLTIP:
            return WITNESS_TIP
        if witness and role == ACCESSIBLE:
            return "second witness"
        return None
    verdict = VERDICTS[column - 2]
    # The article's own quotations: those inside its reprint are the source's (issue 12).
    count = analysis.own_verdict_counts()[verdict]
    label = VERDICT_LABELS[verdict]
    if role == DISPLAY:
        return str(count)
    if role == SORT_ROLE:
        return count
    if role == TOOLTIP:
        return f"{count} quotation(s): {label}"
    if role == ACCESSIBLE:
        return f"{count} {label}"
    if role == FOREGROUND and count:
        return QBrush(verdict_colour(verdict, palette))
    return None
