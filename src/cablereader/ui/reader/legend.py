"""A compact key to the highlight styles, for the toolbar: what the colours mean.

Each chip is its own label with its own tooltip, so hovering one says what it means.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from cablereader.core.verify import ALTERED, NOT_IN_SOURCE, VERBATIM
from cablereader.ui.common.palette import (
    added_colour,
    muted_colour,
    removed_colour,
    solid,
    verdict_background,
)

CHIP_TIPS = {
    "verbatim": "Verbatim: the article has the source's words, in the same order "
    "(quote marks, dashes and case aside).",
    "altered": "Altered: close to a source passage, with words changed; the changed "
    "words are marked in both panes.",
    "removed": "Removed: words of the source that the article left out or replaced "
    "(struck out in the source pane).",
    "added": "Added: words the article put in (underlined in the article pane).",
    "missing": "Not in source: a quotation with no matching source passage (red wave underline).",
    "elsewhere": "Other source: a passage the article takes from a source not shown "
    "(faint, dotted underline); click it to show that source.",
}


class Legend(QWidget):
    """Chips for verbatim, altered, removed and added words, and quotations not in the source."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("legend")
        self.chips: dict[str, QLabel] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 0, 8, 0)
        layout.setSpacing(6)
        for key, tip in CHIP_TIPS.items():
            chip = QLabel()
            chip.setObjectName(f"legend-{key}")
            chip.setTextFormat(Qt.TextFormat.RichText)
            chip.setToolTip(tip)
            chip.setAccessibleDescription(tip)
            layout.addWidget(chip)
            self.chips[key] = chip
        self.chips["elsewhere"].hide()  # shown with several sources
        self._render()

    def set_several_sources(self, several: bool) -> None:
        """Show the chip for passages of other sources when the corpus has several."""
        self.chips["elsewhere"].setVisible(several)

    def _render(self) -> None:
        palette = self.palette()
        verbatim = solid(verdict_background(VERBATIM, palette), palette).name()
        altered = solid(verdict_background(ALTERED, palette), palette).name()
        missing = solid(verdict_background(NOT_IN_SOURCE, palette), palette).name()
        removed = removed_colour(palette).name()
        added = added_colour(palette).name()

        def swatch(colour: str, text: str, style: str = "") -> str:
            return f"<span style='background:{colour};{style}'>&nbsp;{text}&nbsp;</span>"

        self.chips["verbatim"].setText(swatch(verbatim, "Verbatim"))
        self.chips["altered"].setText(swatch(altered, "Altered", "text-decoration:underline"))
        self.chips["removed"].setText(f"<s style='color:{removed}'>removed</s>")
        self.chips["added"].setText(f"<u style='color:{added}'><b>added</b></u>")
        self.chips["missing"].setText(swatch(missing, "Not in source"))
        muted = muted_colour(palette).name()
        self.chips["elsewhere"].setText(
            f"<span style='color:{muted};text-decoration:underline'>other source</span>"
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._render()
        super().changeEvent(event)
