"""The annotation table's view: the house table set-up, column widths, and its keys."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from cablereader.ui.annotations.annotationmodel import (
    DOCUMENT_COLUMN,
    MODIFIED_COLUMN,
    NOTE_COLUMN,
    PASSAGE_COLUMN,
    TAGS_COLUMN,
    VERDICT_COLUMN,
)
from cablereader.ui.common.tables import set_up_table_view

_ACTION_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace, Qt.Key.Key_Return, Qt.Key.Key_Enter)

_W = TypeVar("_W", bound=QWidget)


def named(widget: _W, name: str, accessible: str) -> _W:
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)
    return widget


class AnnotationView(QTableView):
    """Delete, Enter and Copy act on the table even if the window binds those keys too."""

    deletePressed = Signal()
    enterPressed = Signal()
    copyPressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "annotationTable", "annotationTable")
        set_up_table_view(self, QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def size_columns(self) -> None:
        """Widths for the short columns (once a model is set); passage and note stretch."""
        header = self.horizontalHeader()
        metrics = self.fontMetrics()
        widths = {
            DOCUMENT_COLUMN: "000_1b0248060f5a.txt",
            TAGS_COLUMN: "Missing context, Key",
            VERDICT_COLUMN: "✗ Not in source",
            MODIFIED_COLUMN: "2024-05-01 14:03",
        }
        for column, sample in widths.items():
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 24)
        header.setSectionResizeMode(PASSAGE_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(NOTE_COLUMN, QHeaderView.ResizeMode.Stretch)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if (plain and event.key() in _ACTION_KEYS) or event.matches(
                QKeySequence.StandardKey.Copy
            ):
                event.accept()  # deliver it as a key press here, not as a window shortcut
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copyPressed.emit()  # the whole passage, not the elided cell
            return
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.deletePressed.emit()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.enterPressed.emit()
            return
        super().keyPressEvent(event)
