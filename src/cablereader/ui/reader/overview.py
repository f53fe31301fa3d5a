"""The overview strip beside a pane: where the passages are, and where you are.

Marks are placed by offset (a share of the document's length), so the strip is
stable while the text reflows.  Clicking or dragging asks the pane to show that place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QWidget


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    colour: QColor


class OverviewStrip(QWidget):
    """A thin vertical map of one document."""

    positionRequested = Signal(int)  # code-point offset

    WIDTH = 14

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFixedWidth(self.WIDTH)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(
            "Overview: coloured marks are passages shared with the other document.\n"
            "Click to go there."
        )
        self._length = 1
        self._marks: list[Mark] = []
        self._view = (0, 0)
        self._emphasis: tuple[int, int] | None = None

    def sizeHint(self) -> QSize:
        return QSize(self.WIDTH, 100)

    def set_marks(self, length: int, marks: Sequence[Mark]) -> None:
        self._length = max(1, length)
        self._marks = list(marks)
        self.update()

    def marks(self) -> list[Mark]:
        return list(self._marks)

    def set_view(self, first: int, last: int) -> None:
        if (first, last) != self._view:
            self._view = (first, last)
            self.update()

    def set_emphasis(self, span: tuple[int, int] | None) -> None:
        self._emphasis = span
        self.update()

    def _y(self, offset: int) -> float:
        return offset / self._length * (self.height() - 2) + 1

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.AlternateBase))
        width = self.width()
        for mark in self._marks:
            top = self._y(mark.start)
            height = max(2.0, self._y(mark.end) - top)
            painter.fillRect(QRectF(2, top, width - 4, height), mark.colour)
        if self._emphasis is not None:
            top = self._y(self._emphasis[0])
            height = max(3.0, self._y(self._emphasis[1]) - top)
            painter.setPen(palette.color(QPalette.ColorRole.Highlight))
            painter.drawRect(QRectF(0.5, top - 1, width - 1, height + 2))
        first, last = self._view
        if last > first:
            top = self._y(first)
            view = QRectF(0.5, top, width - 1, max(4.0, self._y(last) - top))
            shade = QColor(palette.color(QPalette.ColorRole.Text))
            shade.setAlpha(40)
            painter.fillRect(view, shade)
            outline = QColor(palette.color(QPalette.ColorRole.Text))
            outline.setAlpha(120)
            painter.setPen(outline)
            painter.drawRect(view)
        painter.end()

    def _request(self, event: QMouseEvent) -> None:
        share = min(max((event.position().y() - 1) / max(1, self.height() - 2), 0.0), 1.0)
        self.positionRequested.emit(round(share * self._length))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._request(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._request(event)
