"""The source pane's selector: which of the sources an article draws on is shown.

With one source it stays hidden.  With several, it lists the sources the current
article takes text from, each with its share of the article, the primary first when
it shares the most; choosing one shows the article against it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLayout, QWidget


class SourceSelector(QComboBox):
    """The sources of the article shown, with their shares; emits ``sourceChosen``."""

    sourceChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sourceSelector")
        self.setAccessibleName("sourceSelector")
        self.setAccessibleDescription("Which source the source pane shows")
        self.setToolTip("The sources this article quotes or copies, with their share of it")
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.hide()
        self.activated.connect(self._chosen)

    def set_sources(self, shares: Sequence[tuple[str, float]], current: str) -> None:
        """List ``(name, share)`` pairs and select ``current``; hidden for fewer than two."""
        blocker = QSignalBlocker(self)
        try:
            self.clear()
            for name, share in shares:
                self.addItem(f"{name} · {share * 100:.0f} % of the article", name)
            index = self.findData(current)
            self.setCurrentIndex(max(0, index))
        finally:
            blocker.unblock()
        self.setVisible(len(shares) > 1)

    def current_source(self) -> str | None:
        data = self.currentData()
        return data if isinstance(data, str) else None

    def _chosen(self, index: int) -> None:
        name = self.itemData(index)
        if isinstance(name, str):
            self.sourceChosen.emit(name)


def source_header_row(header: QLabel, selector: SourceSelector) -> QLayout:
    """The source pane's header line: its title, then the selector."""
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 4, 0)
    row.addWidget(header, 1)
    row.addWidget(selector)
    return row
