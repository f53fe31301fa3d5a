"""The list of differences between the two documents shown (a witness's variants)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from cablereader.core.alignment import Difference
from cablereader.ui.common.text import plain_tooltip

_MAX_SHOWN = 5000


def _clip(text: str, limit: int = 120) -> str:
    shown = " ".join(text.split()) if text.strip() else ("(line break)" if "\n" in text else "␣")
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


class DifferenceList(QWidget):
    """Every non-equal region of the pair, in the right document's order."""

    differenceActivated = Signal(object)  # Difference

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel("No documents compared yet.")
        self.summary.setContentsMargins(6, 4, 6, 2)
        self.tree = QTreeWidget()
        self.tree.setObjectName("differenceList")
        self.tree.setAccessibleName("differenceList")
        self.tree.setHeaderLabels(["Left side", "Right side", "Kind"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setColumnWidth(0, 320)
        self.tree.setColumnWidth(1, 320)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree)
        self._differences: list[Difference] = []
        self.tree.currentItemChanged.connect(self._current_changed)

    def set_differences(self, differences: Sequence[Difference], left: str, right: str) -> None:
        self.tree.clear()
        self._differences = sorted(differences, key=lambda d: (d.b_start, d.a_start))
        self.tree.setHeaderLabels([left or "Left side", right or "Right side", "Kind"])
        textual = sum(1 for d in self._differences if not d.typographic)
        self.summary.setText(
            f"{len(self._differences)} differences: {textual} textual, "
            f"{len(self._differences) - textual} typographic (quotes, dashes, case, spacing)"
            if self._differences
            else "No differences in the aligned passages."
        )
        items = []
        for index, diff in enumerate(self._differences[:_MAX_SHOWN]):
            item = QTreeWidgetItem(
                [
                    _clip(diff.a_text) if diff.a_text else "(nothing)",
                    _clip(diff.b_text) if diff.b_text else "(nothing)",
                    "typographic" if diff.typographic else "textual",
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, index)
            item.setToolTip(0, plain_tooltip(diff.a_text))
            item.setToolTip(1, plain_tooltip(diff.b_text))
            items.append(item)
        self.tree.addTopLevelItems(items)

    def count(self) -> int:
        return len(self._differences)

    def _current_changed(self, item: QTreeWidgetItem | None, _previous: object) -> None:
        if item is not None:
            index = item.data(0, Qt.ItemDataRole.UserRole)
            self.differenceActivated.emit(self._differences[index])
