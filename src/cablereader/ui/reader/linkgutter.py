"""The gutter between the two panes: a band from each passage to its counterpart.

Like Meld's link map, but for prose: passages are matched out of order, so bands may
cross.  Only links with a visible end (or crossing the whole view) are painted; an
end that is off screen is drawn to the edge it lies beyond.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QPointF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QWidget

from cablereader.ui.reader.panes import DocumentPane


@dataclass(frozen=True)
class Link:
    """One band: ``[a_start, a_end)`` of the left pane to ``[b_start, b_end)`` of the right."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    colour: QColor
    key: object = None


class LinkGutter(QWidget):
    """Draws the links between ``left`` and ``right``; a click picks a link."""

    linkClicked = Signal(object)  # the Link's key

    def __init__(self, left: DocumentPane, right: DocumentPane, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("linkGutter")
        self.setAccessibleName("linkGutter")
        self.setAccessibleDescription(
            "Bands linking each passage of the article to its place in the source"
        )
        self.setMinimumWidth(36)
        self.setToolTip(
            "Each band links a passage of the article to its place in the source.\n"
            "Click a band to select both passages."
        )
        self._left = left
        self._right = right
        self._links: list[Link] = []
        self._emphasised: object = None
        self._paths: list[tuple[QPainterPath, Link]] = []
        left.viewChanged.connect(self.update)
        right.viewChanged.connect(self.update)

    def sizeHint(self) -> QSize:
        return QSize(64, 100)

    def set_links(self, links: Sequence[Link]) -> None:
        self._links = list(links)
        self.update()

    def links(self) -> list[Link]:
        return list(self._links)

    def set_emphasised(self, key: object) -> None:
        self._emphasised = key
        self.update()

    def visible_links(self) -> list[Link]:
        """The links that the last paint drew (for tests and accessibility)."""
        return [link for _, link in self._paths]

    def _origin(self, pane: DocumentPane) -> float:
        """The gutter y of the top of ``pane``'s viewport (the same for every link)."""
        point = pane.viewport().mapTo(self.window(), QPoint(0, 0))
        return float(self.mapFrom(self.window(), point).y())

    def _ends(
        self, pane: DocumentPane, start: int, end: int, view: tuple[int, int], origin: float
    ) -> tuple[float, float, int]:
        """Gutter y of the top and bottom of a span, and where it is: -1 above, 1 below."""
        if end <= view[0]:
            return origin - 6, origin - 6, -1
        if start >= view[1]:
            y = origin + pane.viewport().height() + 6
            return y, y, 1
        box = pane.span_box(start, end, view)
        if box is None:
            return origin - 6, origin - 6, -1
        return origin + box[0], origin + box[1], 0

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().color(QPalette.ColorRole.Window))
        left, right = self._left, self._right
        left_view, right_view = left.visible_range(), right.visible_range()
        left_origin, right_origin = self._origin(left), self._origin(right)
        width = float(self.width())
        self._paths = []
        emphasised: tuple[QPainterPath, Link] | None = None
        for link in self._links:
            a_top, a_bottom, a_side = self._ends(
                left, link.a_start, link.a_end, left_view, left_origin
            )
            b_top, b_bottom, b_side = self._ends(
                right, link.b_start, link.b_end, right_view, right_origin
            )
            if a_side != 0 and a_side == b_side:
                continue
            path = QPainterPath(QPointF(0, a_top))
            mid = width / 2
            path.cubicTo(QPointF(mid, a_top), QPointF(mid, b_top), QPointF(width, b_top))
            path.lineTo(QPointF(width, b_bottom))
            path.cubicTo(QPointF(mid, b_bottom), QPointF(mid, a_bottom), QPointF(0, a_bottom))
            path.closeSubpath()
            self._paths.append((path, link))
            if link.key is not None and link.key == self._emphasised:
                emphasised = (path, link)
                continue
            self._draw(painter, path, link.colour, emphasised=False)
        if emphasised is not None:
            self._draw(painter, emphasised[0], emphasised[1].colour, emphasised=True)
        painter.end()

    def _draw(
        self, painter: QPainter, path: QPainterPath, colour: QColor, *, emphasised: bool
    ) -> None:
        # A translucent link colour (a reprint's band) makes a fainter band.
        strength = colour.alphaF()
        fill = QColor(colour)
        fill.setAlpha(round((170 if emphasised else 90) * strength))
        edge = QColor(colour)
        edge.setAlpha(round(255 * strength))
        pen = QPen(edge.darker(130) if emphasised else edge, 2.0 if emphasised else 1.0)
        painter.setPen(pen)
        painter.setBrush(fill)
        painter.drawPath(path)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        point = event.position()
        # The topmost band under the pointer: the emphasised one, else the last drawn.
        for path, link in reversed(self._paths):
            if path.contains(point):
                self.linkClicked.emit(link.key)
                return
