"""The quote table: an article's quotations with their verdicts, and a diff of the one selected.

A verdict filter sits above the table (each entry shows its count), the table lists
verdict, similarity, quotation and source passage, and a read-only browser below shows
for the selected quotation how it differs from its source passage, word by word.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from cablereader.core.verify import VERDICTS, QuoteCheck
from cablereader.ui.common.palette import (
    VERDICT_DESCRIPTIONS,
    muted_colour,
    verdict_text,
)
from cablereader.ui.common.tables import set_up_table_view
from cablereader.ui.quotes.fidelity import (
    REPRINT_FILTER,
    REPRINT_LABEL,
    REPRINT_TIP,
    in_reprint,
    shown_by,
)
from cablereader.ui.quotes.quotediff import quote_diff_html
from cablereader.ui.quotes.quotemodel import (
    CHECK_ROLE,
    QUOTE_COLUMN,
    SIMILARITY_COLUMN,
    SOURCE_COLUMN,
    SOURCE_NAME_COLUMN,
    VERDICT_COLUMN,
    QuoteTableModel,
    VerdictFilterProxy,
)

__all__ = ["QuoteTable", "QuoteTableModel", "quote_diff_html"]

_PLACEHOLDER_SELECT = "Select a quotation to see how it compares with the source."
_PLACEHOLDER_EMPTY = "This article has no quotations."
_PLACEHOLDER_NONE = "No article selected."


class QuoteTable(QWidget):
    """Verdict filter, table of quotations and diff view of the selected one."""

    quoteActivated = Signal(object)  # the QuoteCheck that became current

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quotePanel")
        self._model = QuoteTableModel(self)
        self._model.set_palette(self.palette())
        self._proxy = VerdictFilterProxy(self)
        self._proxy.setSourceModel(self._model)
        self._has_article = False
        self._current: QuoteCheck | None = None
        self._refiltering = False
        self._placeholder_none = _PLACEHOLDER_NONE

        self._filter = QComboBox(self)
        self._filter.setObjectName("verdictFilter")
        self._filter.setAccessibleName("verdictFilter")
        self._filter.setToolTip("Show only quotations with this verdict")
        self._filter.addItem("All verdicts", None)
        for verdict in VERDICTS:
            self._filter.addItem(verdict_text(verdict), verdict)
            self._filter.setItemData(
                self._filter.count() - 1,
                VERDICT_DESCRIPTIONS[verdict],
                Qt.ItemDataRole.ToolTipRole,
            )
        # Quotations inside the article's reprint of the source, listed apart (issue 12).
        self._filter.addItem(REPRINT_LABEL, REPRINT_FILTER)
        self._filter.setItemData(self._filter.count() - 1, REPRINT_TIP, Qt.ItemDataRole.ToolTipRole)
        self._filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._summary = QLabel(self)
        self._summary.setObjectName("quoteSummary")
        filter_label = QLabel("&Show:", self)
        filter_label.setBuddy(self._filter)

        self._view = QTableView(self)
        self._view.setObjectName("quoteTable")
        self._view.setAccessibleName("quoteTable")
        self._view.setModel(self._proxy)
        self._setup_view()

        self._diff = QTextBrowser(self)
        self._diff.setObjectName("quoteDiff")
        self._diff.setAccessibleName("quoteDiff")
        self._diff.setOpenLinks(False)
        # Qt's default paragraph spacing is a blank line: too airy for a small pane.
        self._diff.document().setDefaultStyleSheet("p { margin-top: 3px; margin-bottom: 3px; }")
        self._diff.setMinimumHeight(self.fontMetrics().height() * 4)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setObjectName("quoteSplitter")
        splitter.addWidget(self._view)
        splitter.addWidget(self._diff)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        # Eight quotations at a glance, without resizing (an article has a handful).
        rows = self._view.verticalHeader().defaultSectionSize()
        header = self._view.horizontalHeader().sizeHint().height()
        self._view.setMinimumHeight(header + 8 * rows + 2 * self._view.frameWidth() + 2)

        top = QHBoxLayout()
        top.addWidget(filter_label)
        top.addWidget(self._filter)
        top.addStretch(1)
        top.addWidget(self._summary)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

        self._filter.currentIndexChanged.connect(self._on_filter_changed)
        self._view.selectionModel().currentChanged.connect(self._on_current_changed)
        self._update_counts()
        self._show_diff(None)

    def _setup_view(self) -> None:
        view = self._view
        set_up_table_view(view, QAbstractItemView.SelectionMode.SingleSelection)
        header = view.horizontalHeader()
        metrics = view.fontMetrics()
        header.setSectionResizeMode(VERDICT_COLUMN, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(VERDICT_COLUMN, metrics.horizontalAdvance("✗ Not in source") + 24)
        header.resizeSection(SIMILARITY_COLUMN, metrics.horizontalAdvance("Similarity") + 24)
        header.setSectionResizeMode(QUOTE_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(SOURCE_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(SOURCE_NAME_COLUMN, metrics.horizontalAdvance("M" * 14))
        view.setColumnHidden(SOURCE_NAME_COLUMN, True)  # shown with several sources

    # -- public API --------------------------------------------------------------------

    @property
    def model(self) -> QuoteTableModel:
        return self._model

    @property
    def proxy(self) -> VerdictFilterProxy:
        return self._proxy

    @property
    def view(self) -> QTableView:
        return self._view

    @property
    def diff_view(self) -> QTextBrowser:
        return self._diff

    @property
    def filter_combo(self) -> QComboBox:
        return self._filter

    def set_article(
        self,
        checks: Sequence[QuoteCheck],
        source_text: str | Mapping[str, str],
        titles: Mapping[str, str] | None = None,
    ) -> None:
        """Show these quotations; ``source_text`` is the text their source offsets point
        into, or each source's text by name (several sources: the Source column shows,
        with the sources' ``titles``)."""
        self._view.setColumnHidden(SOURCE_NAME_COLUMN, isinstance(source_text, str))
        self._has_article = True
        self._current = None
        # A filter chosen for one article would hide another's quotations ("0 of 5").
        self.set_verdict_filter(None)
        self._model.set_checks(checks, source_text, titles)
        self._update_counts()
        self._show_diff(None)

    def clear(self, placeholder: str = "") -> None:
        """No quotations to list; ``placeholder`` says why (default: no article chosen)."""
        self._placeholder_none = placeholder or _PLACEHOLDER_NONE
        self._has_article = False
        self._current = None
        self._model.clear()
        self._update_counts()
        self._show_diff(None)

    def select_quote(self, start: int) -> bool:
        """Make the quotation starting at article offset ``start`` current, if it is shown."""
        row = self._model.row_of_start(start)
        if row is None:
            return False
        index = self._proxy.mapFromSource(self._model.index(row, VERDICT_COLUMN))
        if not index.isValid() and self._proxy.verdict in (None, REPRINT_FILTER):
            # Listed apart (in the reprint, or not): follow the reader to its list.
            reprint = in_reprint(self._model.check(row))
            self.set_verdict_filter(REPRINT_FILTER if reprint else None)
            index = self._proxy.mapFromSource(self._model.index(row, VERDICT_COLUMN))
        if not index.isValid():
            return False  # filtered out
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self._view.selectionModel().setCurrentIndex(index, flags)
        self._view.scrollTo(index)
        return True

    def current_quote(self) -> QuoteCheck | None:
        index = self._view.currentIndex()
        if not index.isValid():
            return None
        check = index.data(CHECK_ROLE)
        return check if isinstance(check, QuoteCheck) else None

    def verdict_filter(self) -> str | None:
        return self._proxy.verdict

    def set_verdict_filter(self, verdict: str | None) -> None:
        """Show only quotations with ``verdict`` (one of VERDICTS); None shows all of the
        article's own; ``fidelity.REPRINT_FILTER`` those inside its reprint."""
        index = self._filter.findData(verdict) if verdict is not None else 0
        if index < 0:
            raise ValueError(f"unknown verdict: {verdict!r}")
        self._filter.setCurrentIndex(index)

    # -- internals ---------------------------------------------------------------------

    def _on_filter_changed(self, index: int) -> None:
        verdict = self._filter.itemData(index)
        kept = self._current
        # Hiding the current row makes the view move to a neighbour; the reader did not
        # choose that quotation, so it must not become current (nor be announced).
        self._refiltering = True
        try:
            self._proxy.set_verdict(verdict if isinstance(verdict, str) else None)
            if kept is not None and not shown_by(kept, self._proxy.verdict):
                self._view.selectionModel().clear()
        finally:
            self._refiltering = False
        self._current = self.current_quote()
        self._show_diff(self._current)
        self._update_summary()

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._refiltering:
            return
        check = current.data(CHECK_ROLE) if current.isValid() else None
        if not isinstance(check, QuoteCheck):
            self._current = None
            self._show_diff(None)
            return
        if check is self._current:
            return  # moved to another column of the same row
        self._current = check
        self._show_diff(check)
        self.quoteActivated.emit(check)

    def _update_counts(self) -> None:
        counts = self._model.verdict_counts()
        total = sum(counts.values())
        self._filter.setItemText(0, f"All verdicts ({total})")
        for i, verdict in enumerate(VERDICTS, start=1):
            self._filter.setItemText(i, f"{verdict_text(verdict)} ({counts[verdict]})")
        reprint = self._model.reprint_count()
        row = self._filter.findData(REPRINT_FILTER)
        self._filter.setItemText(row, f"{REPRINT_LABEL} ({reprint})")
        if reprint == 0 and self._proxy.verdict == REPRINT_FILTER:
            self._filter.setCurrentIndex(0)
        self._update_summary()

    def _update_summary(self) -> None:
        total = sum(self._model.verdict_counts().values())  # the article's own
        reprint = self._model.reprint_count()
        shown = self._proxy.rowCount()
        noun = "quotation" if total == 1 else "quotations"
        apart = f" · {reprint} in the reprint" if reprint else ""
        if not self._has_article:
            self._summary.clear()
        elif self._proxy.verdict == REPRINT_FILTER:
            self._summary.setText(f"{reprint} in the reprint · {total} {noun} of the article")
        elif shown == total:
            self._summary.setText(f"{total} {noun}{apart}")
        else:
            self._summary.setText(f"{shown} of {total} {noun}{apart}")

    def _show_diff(self, check: QuoteCheck | None) -> None:
        if check is None:
            if not self._has_article:
                text = self._placeholder_none
            elif self._model.rowCount() == 0:
                text = _PLACEHOLDER_EMPTY
            else:
                text = _PLACEHOLDER_SELECT
            muted = muted_colour(self.palette()).name()
            self._diff.setHtml(f'<p style="color:{muted}">{html.escape(text)}</p>')
            return
        passage = self._model.source_passage(check)
        self._diff.setHtml(quote_diff_html(check, passage, self.palette()))

    def changeEvent(self, event: QEvent) -> None:
        # A theme switch: verdict tints and diff colours are chosen per palette.
        if event.type() == QEvent.Type.PaletteChange:
            self._model.set_palette(self.palette())
            self._show_diff(self._current)
        super().changeEvent(event)
