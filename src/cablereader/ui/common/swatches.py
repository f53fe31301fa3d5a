"""Colour swatches: the small squares that stand for a tag's colour in lists and menus."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap


def swatch(colour: str, size: int = 14) -> QIcon:
    """A filled square with a thin outline, so even a white tag shows on a white list."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    fill = QColor(colour)
    painter.setBrush(fill)
    painter.setPen(QPen(fill.darker(160), 1))
    painter.drawRect(0, 0, size - 1, size - 1)
    painter.end()
    return QIcon(pixmap)
