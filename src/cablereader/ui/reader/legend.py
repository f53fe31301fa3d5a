"""A compact key to the highlight styles, for the toolbar: what the colours mean."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QWidget

from cablereader.core.verify import ALTERED, NOT_IN_SOURCE, VERBATIM
from cablereader.ui.common.palette import added_colour, removed_colour, solid, verdict_background


class Legend(QLabel):
    """Swatches for verbatim, altered, changed words and quotations not in the source."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("legend")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setContentsMargins(8, 0, 8, 0)
        self.setToolTip(
            "Verbatim: the article has the source's words (typography aside).\n"
            "Altered: a passage close to the source with words changed (dotted underline).\n"
            "Changed words: struck out in the source, wave-underlined in the article.\n"
            "Not in source: a quotation with no matching source passage (red wave)."
        )
        self._render()

    def _swatch(self, colour: str, text: str, style: str = "") -> str:
        return f"<span style='background:{colour};{style}'>&nbsp;{text}&nbsp;</span>&nbsp;&nbsp;"

    def _render(self) -> None:
        palette = self.palette()
        verbatim = solid(verdict_background(VERBATIM, palette), palette).name()
        altered = solid(verdict_background(ALTERED, palette), palette).name()
        missing = solid(verdict_background(NOT_IN_SOURCE, palette), palette).name()
        removed = removed_colour(palette).name()
        added = added_colour(palette).name()
        self.setText(
            self._swatch(verbatim, "Verbatim")
            + self._swatch(altered, "Altered", "text-decoration:underline")
            + f"<s style='color:{removed}'>removed</s>&nbsp;"
            + f"<u style='color:{added}'>added</u>&nbsp;&nbsp;"
            + self._swatch(missing, "Not in source")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._render()
        super().changeEvent(event)
