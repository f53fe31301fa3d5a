"""Keeps the two panes linked: the active passage, caret linking and scroll sync.

Moving the caret into a passage (a click, or the keyboard) makes it active: both sides
are emphasised and the other pane scrolls so that the counterpart of the caret's line
sits level with it.  While scrolling is locked, scrolling either pane keeps the other
at the matching place (:func:`cablereader.core.alignment.mapping.follow`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QObject, Signal

from cablereader.core.alignment import Alignment, Passage
from cablereader.core.alignment.mapping import A_SIDE, B_SIDE, follow, map_offset
from cablereader.ui.reader.panes import DocumentPane


class PaneLinker(QObject):
    """Links a left (source) pane and a right (article) pane through an alignment."""

    # No argument: read ``active``.  (PySide6 miscounts references to None sent through
    # an ``object`` signal, so None is never emitted.)
    activeChanged = Signal()

    def __init__(self, left: DocumentPane, right: DocumentPane, parent: QObject | None = None):
        super().__init__(parent)
        self.left = left
        self.right = right
        self.alignment: Alignment | None = None
        self.active: Passage | None = None
        self.locked = True
        self._syncing = False
        left.caretMoved.connect(lambda offset: self._caret_moved(A_SIDE, offset))
        right.caretMoved.connect(lambda offset: self._caret_moved(B_SIDE, offset))
        left.verticalScrollBar().valueChanged.connect(lambda _: self._scrolled(A_SIDE))
        right.verticalScrollBar().valueChanged.connect(lambda _: self._scrolled(B_SIDE))

    @contextmanager
    def quiet(self) -> Iterator[None]:
        """Programmatic scrolling and selection inside: no linked scrolling echoes."""
        was = self._syncing
        self._syncing = True
        try:
            yield
        finally:
            self._syncing = was

    def set_alignment(self, alignment: Alignment | None) -> None:
        self.alignment = alignment
        self.set_active(None)

    def set_locked(self, locked: bool) -> None:
        self.locked = locked
        if locked:
            self._scrolled(B_SIDE)

    def set_active(self, passage: Passage | None) -> None:
        if passage != self.active:
            self.active = passage
            self.activeChanged.emit()

    def _pane(self, side: str) -> DocumentPane:
        return self.left if side == A_SIDE else self.right

    def passage_at(self, side: str, offset: int) -> Passage | None:
        if self.alignment is None:
            return None
        if side == B_SIDE:
            return self.alignment.passage_at_b(offset)
        found = self.alignment.passages_at_a(offset)
        return found[0] if found else None

    def _caret_moved(self, side: str, offset: int) -> None:
        passage = self.passage_at(side, offset)
        if passage is None:
            return
        self.set_active(passage)
        self.align_other(side, offset, passage)

    def align_other(self, side: str, offset: int, passage: Passage) -> None:
        """Scroll the other pane so the counterpart of ``offset`` is level with it."""
        pane = self._pane(side)
        other = self._pane(B_SIDE if side == A_SIDE else A_SIDE)
        box = pane.line_box(offset)
        y = box.top if box is not None else other.viewport().height() / 3
        target = map_offset(passage, offset, side)
        with self.quiet():
            other.scroll_offset_to(target, y)

    def show_passage(self, passage: Passage, *, select: bool = False) -> None:
        """Make ``passage`` active and bring both of its sides into view, level."""
        with self.quiet():
            if select:
                self.right.select_offsets(passage.b_start, passage.b_end, ensure_visible=False)
            self.right.centre_on(passage.b_start)
            box = self.right.line_box(passage.b_start)
            y = box.top if box is not None else self.left.viewport().height() / 3
            self.left.scroll_offset_to(passage.a_start, y)
        self.set_active(passage)

    def step(self, forward: bool) -> Passage | None:
        """The next (or previous) passage in the article, from the active one or the caret."""
        if self.alignment is None or not self.alignment.passages:
            return None
        if self.active is not None:
            position = self.active.b_start
        else:
            # From the caret: a passage starting right at it counts as the next one.
            position = self.right.caret_offset() - (1 if forward else 0)
        if forward:
            found = self.alignment.next_passage(position)
        else:
            found = self.alignment.previous_passage(position)
        if found is not None:
            self.show_passage(found)
        return found

    def _scrolled(self, side: str) -> None:
        if self._syncing or not self.locked or self.alignment is None:
            return
        pane = self._pane(side)
        other = self._pane(B_SIDE if side == A_SIDE else A_SIDE)
        bar = pane.verticalScrollBar()
        if bar.value() <= bar.minimum():
            # At the top: the other pane goes to its top as well.
            with self.quiet():
                other.verticalScrollBar().setValue(other.verticalScrollBar().minimum())
            return
        middle = pane.viewport().height() / 2
        offset = pane.offset_at_height(middle)
        target = follow(self.alignment, offset, side)
        with self.quiet():
            other.scroll_offset_to(target, middle)
