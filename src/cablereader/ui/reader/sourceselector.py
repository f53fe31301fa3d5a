"""The source pane's selector: which of the sources an article draws on is shown.

With one source it stays hidden.  With several, it lists the sources the current
article takes text from, each with its share of the article, the primary first when
it shares the most; choosing one shows the article against it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLayout, QWidget

from cablereader.ui.common.text import plain_tooltip

# Longer titles are shortened in the list (the tooltip gives them whole).
_TITLE_CHARS = 34


class SourceSelector(QComboBox):
    """The sources of the article shown, with their shares; emits ``sourceChosen``."""

    sourceChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sourceSelector")
        self.setAccessibleName("sourceSelector")
        self.setAccessibleDescription("Which source the source pane shows")
        self.setToolTip(
            "The sources this article quotes or copies, with the share of the article "
            "taken from each: choose one to show it"
        )
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.hide()
        self.activated.connect(self._chosen)

    def set_sources(self, shares: Sequence[tuple[str, str, float]], current: str) -> None:
        """List ``(name, title, share)`` and select source ``current``; hidden for fewer
        than two.  Each item shows the title (shortened) and the share; its tooltip the
        file name."""
        blocker = QSignalBlocker(self)
        try:
            self.clear()
            for index, (name, title, share) in enumerate(shares):
                shown = title if len(title) <= _TITLE_CHARS else title[: _TITLE_CHARS - 1] + "…"
                self.addItem(f"{shown} · {share * 100:.0f} %", name)
                self.setItemData(
                    index, plain_tooltip(f"{title}\n{name}"), Qt.ItemDataRole.ToolTipRole
                )
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
