"""A read-only document pane: word-wrapped prose with layered highlights.

Highlights are held per layer as sorted spans in code-point offsets and painted as
extra selections for the visible region only, so a book-length document with
thousands of passages scrolls as fast as an empty one.  The pane also answers the
geometric questions the link gutter, the overview strip and linked scrolling ask:
which text is visible, where a given offset is on screen, and how to bring an offset
to a given height.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip, QWidget

from cablereader.core.offsets import Utf16Map
from cablereader.ui.common.text import plain_tooltip

# Layers are painted in this order; later ones draw over earlier ones.
LAYERS = ("reprint", "elsewhere", "passage", "quote", "change", "annotation", "emphasis", "find")


def _in_word(char: str) -> bool:
    return char.isalnum() or char in "'’-_"


def word_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` widened so that it neither starts nor ends inside a word."""
    while 0 < start < len(text) and _in_word(text[start - 1]) and _in_word(text[start]):
        start -= 1
    while 0 < end < len(text) and _in_word(text[end - 1]) and _in_word(text[end]):
        end += 1
    return start, end


@dataclass(frozen=True)
class Span:
    """A highlighted stretch of the document, in code-point offsets."""

    start: int
    end: int
    format: QTextCharFormat


class _Layer:
    def __init__(self, spans: Sequence[Span]) -> None:
        self.spans = sorted(spans, key=lambda s: (s.start, s.end))
        self.starts = [s.start for s in self.spans]
        self.longest = max((s.end - s.start for s in self.spans), default=0)

    def overlapping(self, start: int, end: int) -> list[Span]:
        first = bisect_left(self.starts, start - self.longest)
        last = bisect_right(self.starts, end)
        return [s for s in self.spans[first:last] if s.end > start and s.start < end]


@dataclass(frozen=True)
class LineBox:
    """Where a text line is in the viewport (pixels)."""

    top: float
    bottom: float


class DocumentPane(QPlainTextEdit):
    """Shows one document; offsets in and out are code points."""

    viewChanged = Signal()  # scrolled, resized or re-highlighted
    caretMoved = Signal(int)  # code-point offset, on user moves only
    tagKeyPressed = Signal(str)  # a bare digit 1-9: tag the selection
    pressed = Signal()  # the user pressed a mouse button in the text

    def __init__(self, name: str, accessible: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName(accessible)
        self.setReadOnly(True)
        # A caret in a read-only pane: keyboard selection for tagging and linking.
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setCenterOnScroll(False)
        self.document().setDocumentMargin(12)
        self._utf16 = Utf16Map("")
        self._text = ""
        self._exact_drag = False
        self._layers: dict[str, _Layer] = {}
        # Margin markers: (start, end, colours), one stripe per colour.
        self._markers: list[tuple[int, int, tuple[QColor, ...]]] = []
        self._programmatic = 0
        self._refreshing = False
        self._dirty = False
        self.tooltip_provider: Callable[[int], str | None] | None = None
        self.verticalScrollBar().valueChanged.connect(self._view_changed)
        self.cursorPositionChanged.connect(self._on_cursor_moved)

    # ---- content ---------------------------------------------------------------

    def set_text(self, text: str) -> None:
        self._programmatic += 1
        try:
            self._utf16 = Utf16Map(text)
            self._text = text
            self._layers.clear()
            self.setPlainText(text)
        finally:
            self._programmatic -= 1
        self._refresh()

    def text_length(self) -> int:
        return self._utf16.length

    def set_layer(self, layer: str, spans: Sequence[Span]) -> None:
        self._layers[layer] = _Layer(spans)
        self._refresh()

    def set_markers(self, markers: Sequence[tuple[int, int, tuple[QColor, ...]]]) -> None:
        """Stripes in the left margin beside annotated text (one per tag)."""
        self._markers = sorted(markers, key=lambda m: m[0])
        self.viewport().update()

    def markers(self) -> list[tuple[int, int, tuple[QColor, ...]]]:
        return list(self._markers)

    def layer(self, layer: str) -> list[Span]:
        found = self._layers.get(layer)
        return list(found.spans) if found else []

    def set_reading_font(self, point_size: float) -> None:
        font = QFont(self.font())
        font.setPointSizeF(point_size)
        self.setFont(font)
        self._refresh()

    # ---- offsets and geometry -------------------------------------------------

    def to_position(self, offset: int) -> int:
        return self._utf16.to_utf16(max(0, min(offset, self._utf16.length)))

    def to_offset(self, position: int) -> int:
        return self._utf16.to_code_point(position)

    def caret_offset(self) -> int:
        return self.to_offset(self.textCursor().position())

    def selection_offsets(self) -> tuple[int, int]:
        cursor = self.textCursor()
        return self.to_offset(cursor.selectionStart()), self.to_offset(cursor.selectionEnd())

    def select_offsets(self, start: int, end: int, *, ensure_visible: bool = True) -> None:
        """Select ``[start, end)`` without counting as a user's caret move."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.to_position(start))
        cursor.setPosition(self.to_position(end), QTextCursor.MoveMode.KeepAnchor)
        self._programmatic += 1
        try:
            self.setTextCursor(cursor)
        finally:
            self._programmatic -= 1
        if ensure_visible:
            self.ensureCursorVisible()

    def clear_selection(self) -> None:
        """Drop the selection (keeping the caret) without counting as a user's move."""
        cursor = self.textCursor()
        if cursor.hasSelection():
            cursor.clearSelection()
            self._programmatic += 1
            try:
                self.setTextCursor(cursor)
            finally:
                self._programmatic -= 1

    def offset_at(self, point: QPoint) -> int:
        return self.to_offset(self.cursorForPosition(point).position())

    def offset_at_height(self, y: float) -> int:
        return self.offset_at(QPoint(8, round(y)))

    def visible_range(self) -> tuple[int, int]:
        """Code-point offsets of the first and past the last visible character."""
        height = self.viewport().height()
        block = self.firstVisibleBlock()
        first = block.position()
        top = self.blockBoundingGeometry(block).translated(self.contentOffset()).top()
        last = first
        while block.isValid() and top <= height:
            last = block.position() + block.length()
            top += self.blockBoundingRect(block).height()
            block = block.next()
        return self.to_offset(first), min(self.to_offset(last), self._utf16.length)

    def line_box(self, offset: int) -> LineBox | None:
        """The viewport box of the line holding ``offset``, if that line is on screen."""
        position = self.to_position(offset)
        target = self.document().findBlock(position)
        if not target.isValid():
            return None
        height = self.viewport().height()
        block = self.firstVisibleBlock()
        top = self.blockBoundingGeometry(block).translated(self.contentOffset()).top()
        while block.isValid() and top <= height:
            if block == target:
                layout = block.layout()
                line = layout.lineForTextPosition(position - block.position())
                if not line.isValid():
                    return LineBox(top, top + self.blockBoundingRect(block).height())
                return LineBox(top + line.y(), top + line.y() + line.height())
            top += self.blockBoundingRect(block).height()
            block = block.next()
        return None

    def span_box(
        self, start: int, end: int, view: tuple[int, int] | None = None
    ) -> tuple[float, float] | None:
        """Top and bottom (viewport pixels) of ``[start, end)``, clamped to the viewport.

        None when the span is wholly off screen.  A span that runs off the top or bottom
        gets the viewport edge (or just beyond it) there.  ``view`` is the
        :meth:`visible_range`, for callers that ask about many spans in one paint.
        """
        first, last = view if view is not None else self.visible_range()
        if end <= first or start >= last:
            return None
        height = float(self.viewport().height())
        top_box = self.line_box(start) if start >= first else None
        bottom_box = self.line_box(max(start, end - 1)) if end <= last else None
        top = top_box.top if top_box else -2.0
        bottom = bottom_box.bottom if bottom_box else height + 2.0
        return top, max(bottom, top + 1)

    def side_of(self, offset: int) -> int:
        """-1 if ``offset`` is above the visible text, 1 if below, 0 if on screen."""
        first, last = self.visible_range()
        return -1 if offset < first else (1 if offset >= last else 0)

    def scroll_offset_to(self, offset: int, y: float) -> None:
        """Scroll so that the line holding ``offset`` is at viewport height ``y``."""
        bar = self.verticalScrollBar()
        line_height = max(1, self.fontMetrics().lineSpacing())
        position = self.to_position(offset)
        block = self.document().findBlock(position)
        if not block.isValid():
            return
        # The scroll bar counts the wrapped lines of laid-out blocks and one line for
        # each block not laid out yet.  Only the lines between the top of the view and
        # the target need to be exact, so lay out a screenful of blocks above the target,
        # never the whole text before it (a second or more for a book-length document).
        self._lay_out_above(block, y)
        line = block.layout().lineForTextPosition(position - block.position())
        line_number = block.firstLineNumber() + (line.lineNumber() if line.isValid() else 0)
        bar.setValue(line_number - round(y / line_height))
        # Blocks above may have been laid out meanwhile, moving things: correct once.
        box = self.line_box(offset)
        if box is not None and abs(box.top - y) >= line_height:
            bar.setValue(bar.value() + round((box.top - y) / line_height))

    def _lay_out_above(self, block: QTextBlock, y: float) -> None:
        """Lay out ``block`` and the blocks above it that fill ``y`` pixels of the view."""
        layout = self.document().documentLayout()
        layout.blockBoundingRect(block)  # asking for its size lays a block out
        height = 0.0
        above = block.previous()
        while above.isValid() and height <= y:
            height += layout.blockBoundingRect(above).height()
            above = above.previous()

    def centre_on(self, offset: int) -> None:
        self.scroll_offset_to(offset, self.viewport().height() / 3)

    # ---- painting and events --------------------------------------------------

    def _refresh(self) -> None:
        # Setting extra selections can scroll (and so call back here): never re-enter,
        # redo the work instead if something changed meanwhile.
        if self._refreshing:
            self._dirty = True
            return
        self._refreshing = True
        try:
            self._dirty = True
            while self._dirty:
                self._dirty = False
                self.setExtraSelections(self._visible_selections())
        finally:
            self._refreshing = False
        self.viewChanged.emit()

    def _visible_selections(self) -> list[QTextEdit.ExtraSelection]:
        first, last = self.visible_range()
        selections = []
        for name in LAYERS:
            layer = self._layers.get(name)
            if layer is None:
                continue
            for span in layer.overlapping(first, last):
                selection = QTextEdit.ExtraSelection()
                cursor = QTextCursor(self.document())
                cursor.setPosition(self.to_position(max(span.start, first)))
                cursor.setPosition(
                    self.to_position(min(span.end, last)), QTextCursor.MoveMode.KeepAnchor
                )
                selection.cursor = cursor
                selection.format = span.format
                selections.append(selection)
        return selections

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._markers:
            return
        view = self.visible_range()
        first, last = view
        painter = QPainter(self.viewport())
        for start, end, colours in self._markers:
            if end <= first or start >= last:
                continue
            box = self.span_box(start, end, view)
            if box is None:
                continue
            top, bottom = box
            for i, colour in enumerate(colours[:3]):
                painter.fillRect(QRectF(1 + 3.5 * i, top, 3, bottom - top), colour)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._exact_drag = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        super().mousePressEvent(event)
        self.pressed.emit()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self._exact_drag:
            self.snap_selection_to_words()

    def snap_selection_to_words(self) -> None:
        """Widen the selection to whole words, so a tag never starts or ends mid-word.

        A drag is imprecise by a character or two; Alt-drag keeps the exact characters.
        """
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return
        anchor, caret = self.to_offset(cursor.anchor()), self.to_offset(cursor.position())
        start, end = word_bounds(self._text, min(anchor, caret), max(anchor, caret))
        if anchor <= caret:
            self.select_offsets(start, end, ensure_visible=False)
        else:
            self.select_offsets(end, start, ensure_visible=False)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if len(text) == 1 and text in "123456789" and modifiers == Qt.KeyboardModifier.NoModifier:
            self.tagKeyPressed.emit(text)
            event.accept()
            return
        super().keyPressEvent(event)

    def _view_changed(self) -> None:
        self._refresh()

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._refresh()

    def _on_cursor_moved(self) -> None:
        if not self._programmatic:
            self.caretMoved.emit(self.caret_offset())

    def viewportEvent(self, event: QEvent) -> bool:
        if isinstance(event, QHelpEvent) and self.tooltip_provider is not None:
            text = self.tooltip_provider(self.offset_at(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), plain_tooltip(text), self.viewport(), QRect())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)
