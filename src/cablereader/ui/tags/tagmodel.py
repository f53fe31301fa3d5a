"""The tag list's model: the project's tags in list order, with keys and usage counts.

The tooltip of a row is the tag's description, or its name where it has none (as
text: a name is never markup); the name is edited in place, the edit handed to the
list as :attr:`TagListModel.renameRequested`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor

from cablereader.core.project import Tag
from cablereader.ui.common.swatches import swatch
from cablereader.ui.common.tables import ColumnTableModel
from cablereader.ui.common.text import ModelIndex, plain_tooltip, rich_tooltip
from cablereader.ui.tags.tagdialogs import text_colour

NAME_COLUMN = 0
KEY_COLUMN = 1
USAGE_COLUMN = 2
HEADERS = ("Tag", "Key", "Uses")
HEADER_TIPS = (
    "The tag's name and colour",
    "Press this key with text selected to tag it",
    "How many annotations carry the tag",
)
TAG_ID_ROLE = Qt.ItemDataRole.UserRole


class TagListModel(ColumnTableModel):
    """Tags in list order with their usage counts; the name is editable in place."""

    HEADERS = HEADERS
    HEADER_TIPS = HEADER_TIPS

    renameRequested = Signal(int, str)  # tag id, new name (the list decides what to do)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tags: list[Tag] = []
        self._usage: dict[int, int] = {}
        self.editable = True

    def set_tags(self, tags: Sequence[Tag], usage: dict[int, int]) -> None:
        """Show these tags; a same-order list only updates its cells (an edit stays open)."""
        tags = list(tags)
        if [t.id for t in tags] == [t.id for t in self._tags]:
            self._tags, self._usage = tags, dict(usage)
            if tags:
                self.dataChanged.emit(self.index(0, 0), self.index(len(tags) - 1, USAGE_COLUMN))
            return
        self.beginResetModel()
        self._tags, self._usage = tags, dict(usage)
        self.endResetModel()

    def tags(self) -> list[Tag]:
        return list(self._tags)

    def tag(self, row: int) -> Tag:
        return self._tags[row]

    def usage(self, tag_id: int) -> int:
        return self._usage.get(tag_id, 0)

    def row_of(self, tag_id: int) -> int | None:
        return next((row for row, tag in enumerate(self._tags) if tag.id == tag_id), None)

    # -- QAbstractTableModel -----------------------------------------------------------

    def row_count(self) -> int:
        return len(self._tags)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == NAME_COLUMN and self.editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._tags):
            return None
        tag = self._tags[index.row()]
        column = index.column()
        if role == TAG_ID_ROLE:
            return tag.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return rich_tooltip(tag.description) if tag.description else plain_tooltip(tag.name)
        if column == NAME_COLUMN:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
                return tag.name
            if role == Qt.ItemDataRole.DecorationRole:
                return swatch(tag.colour)
        elif column == KEY_COLUMN:
            if role == Qt.ItemDataRole.DisplayRole:
                return tag.key or ""
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return f"key {tag.key}" if tag.key else "no key"
            if role == Qt.ItemDataRole.BackgroundRole and tag.key:
                return QColor(tag.colour)
            if role == Qt.ItemDataRole.ForegroundRole and tag.key:
                return text_colour(QColor(tag.colour))
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignCenter)
        elif column == USAGE_COLUMN:
            if role == Qt.ItemDataRole.DisplayRole:
                return str(self._usage.get(tag.id, 0))
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            role != Qt.ItemDataRole.EditRole
            or not index.isValid()
            or index.column() != NAME_COLUMN
            or not isinstance(value, str)
        ):
            return False
        tag = self._tags[index.row()]
        if value != tag.name:
            self.renameRequested.emit(tag.id, value)
        return False  # the name shown changes when the edit is committed (on_change)
