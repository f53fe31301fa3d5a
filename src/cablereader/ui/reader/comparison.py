"""The central view: source and article side by side, linked by the gutter.

Two modes share the same panes: *article* mode shows an article against a source with
its passages and quotations; *compare* mode shows any two documents (two witnesses of
one text, such as the cable and its reprint in an article) and their differences.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cablereader.core.alignment import Alignment, Difference, Passage
from cablereader.core.analysis import ArticleAnalysis
from cablereader.core.analysis.witness import witness_passage
from cablereader.core.documents import Document
from cablereader.core.verify import QuoteCheck
from cablereader.ui.reader import highlight
from cablereader.ui.reader.linkgutter import LinkGutter
from cablereader.ui.reader.linking import PaneLinker
from cablereader.ui.reader.overview import OverviewStrip
from cablereader.ui.reader.panes import DocumentPane
from cablereader.ui.reader.reprint import ReprintBanner
from cablereader.ui.reader.sourceselector import SourceSelector, source_header_row
from cablereader.ui.reader.summary import summary_text

ARTICLE_MODE = "article"
COMPARE_MODE = "compare"

_EMPTY_LEFT = "The source appears here once a corpus is open."
_EMPTY_RIGHT = (
    "Select an article in the Documents list to see what it took from the source.\n\n"
    "To open your own documents, use File ▸ Import documents… or drop files here."
)


def _header() -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(False)
    label.setContentsMargins(6, 4, 6, 4)
    label.setMinimumWidth(50)
    return label


class ComparisonView(QWidget):
    """Source pane, link gutter and article pane, with overview strips and headers."""

    summaryChanged = Signal(str)
    compareRequested = Signal()  # the reprint banner's "Compare" link
    activePassageChanged = Signal()  # read linker.active

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source_pane = DocumentPane("sourcePane", "sourcePane")
        self.source_pane.setAccessibleDescription("The source document, read-only")
        self.source_pane.setPlaceholderText(_EMPTY_LEFT)
        self.article_pane = DocumentPane("articlePane", "articlePane")
        self.article_pane.setAccessibleDescription("The article, read-only")
        self.article_pane.setPlaceholderText(_EMPTY_RIGHT)
        self.source_strip = OverviewStrip("sourceOverview")
        self.article_strip = OverviewStrip("articleOverview")
        self.gutter = LinkGutter(self.source_pane, self.article_pane)
        self.linker = PaneLinker(self.source_pane, self.article_pane, self)
        self.source_header = _header()
        self.article_header = _header()

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.setSpacing(0)
        self.source_selector = SourceSelector()
        left_layout.addLayout(source_header_row(self.source_header, self.source_selector))
        left_row = QHBoxLayout()
        left_row.setSpacing(2)
        left_row.addWidget(self.source_strip)
        left_row.addWidget(self.source_pane)
        left_layout.addLayout(left_row)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(0)
        header_row = QHBoxLayout()
        header_row.setContentsMargins(0, 0, 4, 0)
        header_row.addWidget(self.article_header, 1)
        # Compare mode's way out, where the eye is (Esc and the Corpus menu too).
        self.close_button = QToolButton()
        self.close_button.setObjectName("closeComparisonButton")
        self.close_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.close_button.hide()
        header_row.addWidget(self.close_button)
        right_layout.addLayout(header_row)
        right_row = QHBoxLayout()
        right_row.setSpacing(2)
        right_row.addWidget(self.article_pane)
        right_row.addWidget(self.article_strip)
        right_layout.addLayout(right_row)

        self.reprint_banner = ReprintBanner()
        self.reprint_banner.compareRequested.connect(self.compareRequested.emit)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("paneSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.gutter)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setStretchFactor(2, 1)
        self.splitter.setSizes([600, 64, 600])

        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        self._layout.addWidget(self.reprint_banner)
        self._layout.addWidget(self.splitter, 1)

        self.mode = ARTICLE_MODE
        self.left_document: Document | None = None
        self.right_document: Document | None = None
        self.alignment: Alignment | None = None
        self.displayed: Alignment | None = None
        self.quotes: tuple[QuoteCheck, ...] = ()
        self.analysis: ArticleAnalysis | None = None
        self.ignore_typography = False
        self._quote_starts: list[int] = []
        # More to say on hover (the annotations there): (document name, offset) -> text.
        self.extra_tooltip: Callable[[str, int], str | None] | None = None

        self.source_strip.positionRequested.connect(self.source_pane.centre_on)
        self.article_strip.positionRequested.connect(self.article_pane.centre_on)
        self.source_pane.viewChanged.connect(
            lambda: self.source_strip.set_view(*self.source_pane.visible_range())
        )
        self.article_pane.viewChanged.connect(
            lambda: self.article_strip.set_view(*self.article_pane.visible_range())
        )
        # A selection left in the other pane would look like part of the new one.
        self.source_pane.pressed.connect(self.article_pane.clear_selection)
        self.article_pane.pressed.connect(self.source_pane.clear_selection)
        self.gutter.linkClicked.connect(self._link_clicked)
        self.linker.activeChanged.connect(self._active_changed)
        self.source_pane.tooltip_provider = self._source_tooltip
        self.article_pane.tooltip_provider = self._article_tooltip
        self._update_headers()

    def set_close_action(self, action: QAction) -> None:
        """The button shown in compare mode triggers ``action`` (Close Comparison)."""
        self.close_button.setDefaultAction(action)

    def add_bottom(self, widget: QWidget) -> None:
        """Put a widget (the find bar) under the panes."""
        self._layout.addWidget(widget)

    # ---- content --------------------------------------------------------------

    def clear(self) -> None:
        self.mode = ARTICLE_MODE
        self.left_document = self.right_document = None
        self.alignment = self.displayed = None
        self.analysis = None
        self.quotes = ()
        self.source_pane.set_text("")
        self.article_pane.set_text("")
        self._apply()

    def show_source(self, source: Document) -> None:
        """Show the source alone (no article chosen yet, or still analysing)."""
        if self.left_document is None or self.left_document.sha256 != source.sha256:
            self.source_pane.set_text(source.text)
        self.left_document = source
        self._update_headers()

    def show_article(
        self, source: Document, article: Document, analysis: ArticleAnalysis | None
    ) -> None:
        self.mode = ARTICLE_MODE
        self._set_documents(source, article)
        self.analysis = analysis
        self.alignment = analysis.alignment if analysis is not None else None
        self.quotes = analysis.quotes if analysis is not None else ()
        self._apply()

    def show_pair(self, a: Document, b: Document, alignment: Alignment) -> None:
        self.mode = COMPARE_MODE
        self.source_selector.hide()  # it lists an article's sources
        self._set_documents(a, b)
        self.analysis = None
        self.alignment = alignment
        self.quotes = ()
        self._apply()

    def _set_documents(self, left: Document, right: Document) -> None:
        if self.left_document is None or self.left_document.sha256 != left.sha256:
            self.source_pane.set_text(left.text)
        if (
            self.right_document is None
            or self.right_document.sha256 != right.sha256
            or self.right_document.name != right.name
        ):
            self.article_pane.set_text(right.text)
        self.left_document, self.right_document = left, right

    def set_ignore_typography(self, ignore: bool) -> None:
        self.ignore_typography = ignore
        self._apply()

    def set_font_size(self, point_size: float) -> None:
        self.source_pane.set_reading_font(point_size)
        self.article_pane.set_reading_font(point_size)

    def witness_passage(self) -> Passage | None:
        """In compare mode, the passage carrying most of the left text, if there is one.

        Two witnesses of one text (the cable and its reprint) share one long passage;
        its differences are the variants.  Other passages are quotations around it.
        """
        shown = self.displayed
        if self.mode != COMPARE_MODE or shown is None:
            return None
        return witness_passage(shown)

    def listed_differences(self) -> tuple[Difference, ...]:
        """The differences to list: a witness's variants, or every difference shown."""
        witness = self.witness_passage()
        if witness is not None:
            return witness.differences
        return self.displayed.differences if self.displayed is not None else ()

    def difference_count(self) -> int:
        return len(self.listed_differences())

    def _apply(self) -> None:
        alignment = self.alignment
        if alignment is not None and self.ignore_typography:
            alignment = alignment.ignoring_typography()
        self.displayed = alignment
        self._quote_starts = [q.start for q in self.quotes]
        palette = self.palette()
        if alignment is None:
            built = highlight.Highlights()
        else:
            built = highlight.build(
                alignment,
                self.quotes,
                palette,
                show_typography=not self.ignore_typography,
                changes_of=self.witness_passage(),
                reprint=witness_passage(alignment) if self.mode == ARTICLE_MODE else None,
            )
        for layer in ("reprint", "passage", "change", "quote", "emphasis"):
            self.source_pane.set_layer(layer, built.left.get(layer, []))
            self.article_pane.set_layer(layer, built.right.get(layer, []))
        self.gutter.set_links(built.links)
        self.source_strip.set_marks(self.source_pane.text_length(), built.left_marks)
        self.article_strip.set_marks(self.article_pane.text_length(), built.right_marks)
        self.linker.set_alignment(alignment)
        self.reprint_banner.show_for(
            alignment if self.mode == ARTICLE_MODE else None, self.left_document
        )
        self._update_headers()
        self.summaryChanged.emit(self.summary())

    # ---- navigation -----------------------------------------------------------

    def next_passage(self) -> Passage | None:
        return self.linker.step(forward=True)

    def previous_passage(self) -> Passage | None:
        return self.linker.step(forward=False)

    def show_passage(self, passage: Passage) -> None:
        self.linker.show_passage(passage)

    def show_quote(self, check: QuoteCheck) -> None:
        """Select a quotation in the article and its match in the source, level."""
        with self.linker.quiet():
            self.article_pane.select_offsets(check.start, check.end, ensure_visible=False)
            self.article_pane.centre_on(check.start)
            if check.source_start is not None and check.source_end is not None:
                self.source_pane.select_offsets(
                    check.source_start, check.source_end, ensure_visible=False
                )
                self._level(self.source_pane, check.source_start, check.start)
        self.linker.set_active(self.linker.passage_at("b", check.start))

    def show_difference(self, diff: Difference) -> None:
        with self.linker.quiet():
            self.article_pane.select_offsets(diff.b_start, diff.b_end, ensure_visible=False)
            self.source_pane.select_offsets(diff.a_start, diff.a_end, ensure_visible=False)
            self.article_pane.centre_on(diff.b_start)
            self._level(self.source_pane, diff.a_start, diff.b_start)
        passage = self.linker.passage_at("b", diff.b_start)
        if passage is not None:
            self.linker.set_active(passage)

    def _level(self, pane: DocumentPane, offset: int, article_offset: int) -> None:
        """Scroll ``pane`` so ``offset`` is level with ``article_offset`` in the article."""
        box = self.article_pane.line_box(article_offset)
        y = box.top if box is not None else pane.viewport().height() / 3
        pane.scroll_offset_to(offset, y)

    def _link_clicked(self, key: object) -> None:
        if self.displayed is not None and isinstance(key, int):
            self.linker.show_passage(self.displayed.passages[key])

    def _active_changed(self) -> None:
        passage = self.linker.active
        left, right = highlight.emphasis(passage, self.palette())
        self.source_pane.set_layer("emphasis", left)
        self.article_pane.set_layer("emphasis", right)
        key = None
        if passage is not None and self.displayed is not None:
            try:
                key = self.displayed.passages.index(passage)
            except ValueError:
                key = None
        self.gutter.set_emphasised(key)
        self.source_strip.set_emphasis((passage.a_start, passage.a_end) if passage else None)
        self.article_strip.set_emphasis((passage.b_start, passage.b_end) if passage else None)
        self.activePassageChanged.emit()

    # ---- text for people --------------------------------------------------------

    def quote_at(self, offset: int) -> QuoteCheck | None:
        i = bisect_right(self._quote_starts, offset) - 1
        while i >= 0:
            check = self.quotes[i]
            if check.start <= offset < check.end:
                return check
            if check.end < offset - 2000:
                break
            i -= 1
        return None

    def _extra(self, document: Document | None, offset: int) -> list[str]:
        if self.extra_tooltip is None or document is None:
            return []
        text = self.extra_tooltip(document.name, offset)
        return [text] if text else []

    def _article_tooltip(self, offset: int) -> str | None:
        parts = self._extra(self.right_document, offset)
        check = self.quote_at(offset)
        if check is not None:
            parts.append(highlight.describe_quote(check))
        passage = self.linker.passage_at("b", offset)
        if passage is not None:
            other = "source" if self.mode == ARTICLE_MODE else "left document"
            parts.append(highlight.describe_passage(passage, other=other))
        return "\n\n".join(parts) or None

    def _source_tooltip(self, offset: int) -> str | None:
        parts = self._extra(self.left_document, offset)
        passage = self.linker.passage_at("a", offset)
        if passage is not None:
            other = "article" if self.mode == ARTICLE_MODE else "right document"
            parts.append(highlight.describe_passage(passage, other=other))
        return "\n\n".join(parts) or None

    def summary(self) -> str:
        """What the panes show, in words, for the status bar."""
        return summary_text(self, compare=self.mode == COMPARE_MODE)

    def _update_headers(self) -> None:
        for header, document, left in (
            (self.source_header, self.left_document, True),
            (self.article_header, self.right_document, False),
        ):
            named = left and self.source_selector.isVisibleTo(self)  # the selector names it
            header.setText(self._header_text(None if named else document, left=left))
            header.setToolTip(f"File: {document.name}" if document is not None else "")
        self.close_button.setVisible(self.mode == COMPARE_MODE and self.right_document is not None)

    def _header_text(self, document: Document | None, *, left: bool) -> str:
        if self.mode == COMPARE_MODE:
            role = "Witness A" if left else "Witness B"
        else:
            role = "Source" if left else "Article"
        if document is None:
            return f"<b>{role}</b>"
        # The title, not the file name (often a hash): the name is in the tooltip.
        return f"<b>{role}</b> &nbsp;{escape(document.title or document.name)}"

    def passages(self) -> Sequence[Passage]:
        return self.displayed.passages if self.displayed is not None else ()
