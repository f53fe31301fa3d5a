"""The table model behind the quote table: one row per quotation of an article.

The model holds plain :class:`QuoteCheck` records and renders them; filtering and
sorting are left to a :class:`QSortFilterProxyModel` working on :data:`SORT_ROLE`
and :data:`FILTER_ROLE` (context and verdict), so neither runs Python code per comparison.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import (
    QObject,
    QRegularExpression,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QGuiApplication, QPalette

from cablereader.core.quotation import BALANCED
from cablereader.core.verify import NOT_IN_SOURCE, VERDICTS, QuoteCheck
from cablereader.ui.common.palette import (
    VERDICT_DESCRIPTIONS,
    VERDICT_LABELS,
    verdict_background,
    verdict_text,
)
from cablereader.ui.common.tables import ColumnTableModel
from cablereader.ui.common.text import ModelIndex, one_line, plain_tooltip, rich_tooltip
from cablereader.ui.quotes.fidelity import (
    filter_key,
    filter_pattern,
    in_reprint,
    marks_tooltip,
    warning_icon,
)

VERDICT_COLUMN = 0
SIMILARITY_COLUMN = 1
QUOTE_COLUMN = 2
SOURCE_COLUMN = 3
SOURCE_NAME_COLUMN = 4  # shown when the corpus has several sources
HEADERS = ("Verdict", "Similarity", "Quote", "Source passage", "Source")
HEADER_TIPS = (
    "How the quotation compares with the source",
    "Share of the quotation's words that agree with the source passage (0–1)",
    "The quoted words, without their quotation marks",
    "The passage of the source the quotation was matched to",
    "The source the quotation was found in (and any other that holds it)",
)

SORT_ROLE = Qt.ItemDataRole.UserRole
CHECK_ROLE = Qt.ItemDataRole.UserRole + 1
VERDICT_ROLE = Qt.ItemDataRole.UserRole + 2
FILTER_ROLE = Qt.ItemDataRole.UserRole + 3  # "context:verdict" (see fidelity)

# Sort key for quotations without a source passage: after every real offset.
_NO_SOURCE = 1 << 40


class QuoteTableModel(ColumnTableModel):
    """The quotations of one article with their verdicts and source passages."""

    HEADERS = HEADERS
    HEADER_TIPS = HEADER_TIPS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._checks: list[QuoteCheck] = []
        self._source_text = ""
        self._texts: Mapping[str, str] = {}  # by source name, with several sources
        self._titles: Mapping[str, str] = {}  # source titles by name (file names are hashes)
        self._palette = QGuiApplication.palette()

    # -- content -----------------------------------------------------------------------

    def set_checks(
        self,
        checks: Sequence[QuoteCheck],
        source_text: str | Mapping[str, str],
        titles: Mapping[str, str] | None = None,
    ) -> None:
        """``source_text``: the text the checks' source offsets point into, or each
        source's text by name (a corpus with several sources); ``titles``: the sources'
        titles by name, shown in the Source column."""
        self.beginResetModel()
        self._checks = list(checks)
        self._titles = dict(titles or {})
        if isinstance(source_text, str):
            self._source_text, self._texts = source_text, {}
        else:
            self._source_text, self._texts = next(iter(source_text.values()), ""), source_text
        self.endResetModel()

    def clear(self) -> None:
        self.set_checks((), "")

    def check(self, row: int) -> QuoteCheck:
        return self._checks[row]

    def checks(self) -> tuple[QuoteCheck, ...]:
        return tuple(self._checks)

    def row_of_start(self, start: int) -> int | None:
        """The row of the quotation starting at article offset ``start``."""
        for row, check in enumerate(self._checks):
            if check.start == start:
                return row
        return None

    def source_passage(self, check: QuoteCheck) -> str | None:
        """The source text the quotation was matched to, or None."""
        if check.source_start is None:
            return None
        end = check.source_end if check.source_end is not None else check.source_start
        text = self._texts.get(check.source_document or "", self._source_text)
        return text[check.source_start : end]

    def source_title(self, name: str) -> str:
        return self._titles.get(name) or name

    def verdict_counts(self) -> dict[str, int]:
        """The article's own quotations by verdict (those inside its reprint left out)."""
        counts = dict.fromkeys(VERDICTS, 0)
        for check in self._checks:
            if not in_reprint(check):
                counts[check.verdict] = counts.get(check.verdict, 0) + 1
        return counts

    def reprint_count(self) -> int:
        """Quotations inside the article's reprint of the source (listed apart)."""
        return sum(1 for check in self._checks if in_reprint(check))

    def set_palette(self, palette: QPalette) -> None:
        """Recolour the verdict cells (the theme changed)."""
        self._palette = QPalette(palette)
        if self._checks:
            self.dataChanged.emit(
                self.index(0, VERDICT_COLUMN),
                self.index(len(self._checks) - 1, VERDICT_COLUMN),
                [Qt.ItemDataRole.BackgroundRole],
            )

    # -- QAbstractTableModel -----------------------------------------------------------

    def row_count(self) -> int:
        return len(self._checks)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._checks):
            return None
        check = self._checks[index.row()]
        column = index.column()
        if role == CHECK_ROLE:
            return check
        if role == VERDICT_ROLE:
            return check.verdict
        if role == FILTER_ROLE:
            return filter_key(check)
        # ---- broken quotation marks: a warning icon and what is wrong (issue 12) ----
        if column == VERDICT_COLUMN and check.marks != BALANCED:
            if role == Qt.ItemDataRole.DecorationRole:
                return warning_icon()
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{self._tooltip(check, column)}\n{marks_tooltip(check)}"
            if role == Qt.ItemDataRole.AccessibleTextRole:
                label = VERDICT_LABELS.get(check.verdict, check.verdict)
                return f"{label}, quotation marks {check.marks}"
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(check, column)
        if role == SORT_ROLE:
            return self._sort_key(check, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(check, column)
        if role == Qt.ItemDataRole.AccessibleTextRole and column == VERDICT_COLUMN:
            return VERDICT_LABELS.get(check.verdict, check.verdict)
        if role == Qt.ItemDataRole.BackgroundRole and column == VERDICT_COLUMN:
            return verdict_background(check.verdict, self._palette)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == SIMILARITY_COLUMN:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, check: QuoteCheck, column: int) -> str | None:
        if column == VERDICT_COLUMN:
            return verdict_text(check.verdict)
        if column == SIMILARITY_COLUMN:
            return f"{check.similarity:.2f}"
        if column == QUOTE_COLUMN:
            return one_line(check.text)
        if column == SOURCE_COLUMN:
            passage = self.source_passage(check)
            if passage is not None:
                return one_line(passage)
            return "not found" if check.verdict == NOT_IN_SOURCE else "—"
        if column == SOURCE_NAME_COLUMN:
            if check.source_document is None:
                return "—"
            more = f" (+{len(check.also_in)})" if check.also_in else ""
            return one_line(self.source_title(check.source_document)) + more
        return None

    def _sort_key(self, check: QuoteCheck, column: int) -> int | float | str | None:
        if column == VERDICT_COLUMN:
            return VERDICTS.index(check.verdict) if check.verdict in VERDICTS else len(VERDICTS)
        if column == SIMILARITY_COLUMN:
            return float(check.similarity)
        if column == QUOTE_COLUMN:
            # Article order: what a reader expects from "sort by quote".
            return check.start
        if column == SOURCE_COLUMN:
            return check.source_start if check.source_start is not None else _NO_SOURCE
        if column == SOURCE_NAME_COLUMN:
            if check.source_document is None:
                return "\uffff"  # not found: last
            return self.source_title(check.source_document).casefold()
        return None

    def _tooltip(self, check: QuoteCheck, column: int) -> str | None:
        if column == VERDICT_COLUMN:
            label = verdict_text(check.verdict)
            return f"{label}: {VERDICT_DESCRIPTIONS.get(check.verdict, '')}"
        if column == SIMILARITY_COLUMN:
            return f"Similarity {check.similarity:.2f} over {check.words} words"
        if column == QUOTE_COLUMN:
            return rich_tooltip(check.text)
        if column == SOURCE_COLUMN:
            passage = self.source_passage(check)
            if passage is None:
                return "No matching passage in the source"
            return rich_tooltip(passage)
        if column == SOURCE_NAME_COLUMN:
            if check.source_document is None:
                return "Found in no source"
            also = ", ".join(self._named(name) for name in check.also_in)
            found = f"Found in {self._named(check.source_document)}"
            return plain_tooltip(found + (f"\nAlso in {also}" if also else ""))
        return None

    def _named(self, name: str) -> str:
        title = self.source_title(name)
        return title if title == name else f"{title} ({name})"


class VerdictFilterProxy(QSortFilterProxyModel):
    """Sorts numerically on :data:`SORT_ROLE` and keeps only one verdict when asked."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterRole(FILTER_ROLE)
        self.setFilterKeyColumn(VERDICT_COLUMN)
        self.setDynamicSortFilter(True)
        self._verdict: str | None = None
        self.setFilterRegularExpression(QRegularExpression(filter_pattern(None)))

    @property
    def verdict(self) -> str | None:
        return self._verdict

    def set_verdict(self, verdict: str | None) -> None:
        """Show only the article's quotations with this verdict; None shows all of them;
        ``fidelity.REPRINT_FILTER`` shows those inside its reprint of the source instead."""
        self._verdict = verdict
        self.setFilterRegularExpression(QRegularExpression(filter_pattern(verdict)))
