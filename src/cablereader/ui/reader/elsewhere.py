"""Passages an article takes from a source other than the one shown (issue 14).

With several sources the source pane shows one at a time, and the article's passages
from the others would be invisible.  They are drawn faint with a dotted underline in
the article pane (under the shown source's passages), their tooltip names the source,
and a click in one turns the source pane to that source.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor, QPalette, QTextCharFormat

from cablereader.core.alignment import Alignment
from cablereader.ui.common.palette import muted_colour
from cablereader.ui.reader.comparison import ARTICLE_MODE, ComparisonView
from cablereader.ui.reader.panes import Span

LAYER = "elsewhere"
TINT_ALPHA = 18


@dataclass(frozen=True)
class OtherSource:
    """A source not shown, titled ``title``, and the article's passages from it."""

    source: str
    title: str
    alignment: Alignment


@dataclass(frozen=True)
class Elsewhere:
    """``[b_start, b_end)`` of the article comes from ``source`` (titled ``title``)."""

    b_start: int
    b_end: int
    source: str
    title: str


def elsewhere_format(palette: QPalette) -> QTextCharFormat:
    fmt = QTextCharFormat()
    tint = QColor(palette.color(QPalette.ColorRole.Text))
    tint.setAlpha(TINT_ALPHA)
    fmt.setBackground(tint)
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
    fmt.setUnderlineColor(muted_colour(palette))
    return fmt


class OtherSources(QObject):
    """The article pane's passages from other sources: drawn, described, clickable."""

    sourceRequested = Signal(str, int)  # the source's name, the article offset clicked

    def __init__(self, view: ComparisonView) -> None:
        super().__init__(view)
        self._view = view
        self._sources: list[OtherSource] = []
        pane = view.article_pane
        pane.caretMoved.connect(self._caret_moved)
        shown = pane.tooltip_provider

        def tooltip(offset: int) -> str | None:
            parts = [shown(offset) if shown is not None else None, self.describe(offset)]
            return "\n\n".join(p for p in parts if p) or None

        pane.tooltip_provider = tooltip

    def set_sources(self, sources: Sequence[OtherSource]) -> None:
        """Show the article's passages from these sources (those not shown)."""
        self._sources = list(sources)
        fmt = elsewhere_format(self._view.palette())
        spans = [Span(e.b_start, e.b_end, fmt) for e in self.passages()]
        self._view.article_pane.set_layer(LAYER, spans)

    def clear(self) -> None:
        self.set_sources(())

    def passages(self) -> list[Elsewhere]:
        """Every passage drawn, in article order."""
        found = [
            Elsewhere(p.b_start, p.b_end, other.source, other.title)
            for other in self._sources
            for p in other.alignment.passages
        ]
        return sorted(found, key=lambda e: (e.b_start, e.b_end))

    def at(self, offset: int) -> OtherSource | None:
        """The source not shown that the article takes the text at ``offset`` from."""
        for other in self._sources:
            if other.alignment.passage_at_b(offset) is not None:
                return other
        return None

    def describe(self, offset: int) -> str | None:
        if self._view.linker.passage_at("b", offset) is not None:
            return None
        found = self.at(offset)
        if found is None:
            return None
        return f"From another source: {found.title or found.source}\nClick to show it there."

    def _caret_moved(self, offset: int) -> None:
        view = self._view
        if view.mode != ARTICLE_MODE or view.article_pane.textCursor().hasSelection():
            return
        if view.linker.passage_at("b", offset) is not None:
            return  # the source shown has this passage too
        found = self.at(offset)
        if found is not None:
            self.sourceRequested.emit(found.source, offset)
