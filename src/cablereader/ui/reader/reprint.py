"""The banner over an article that reprints the source (article 001 in the sample).

A reprint is one long passage shared with the source: highlighted like a quotation it
paints both panes one colour and hides the quotations.  The banner says what it is and
offers compare mode, where its variants are listed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QWidget

from cablereader.core.alignment import Alignment
from cablereader.core.analysis.witness import witness_passage
from cablereader.core.documents import Document
from cablereader.ui.common.palette import added_colour


class ReprintBanner(QLabel):
    """ "This article reprints the source (¶ a–b), N variants — Compare"."""

    compareRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reprintBanner")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setContentsMargins(8, 4, 8, 4)
        self.setWordWrap(True)
        self.setToolTip(
            "The reprint is one long passage shared with the source; compare mode lists "
            "every word in which the two texts differ."
        )
        self.linkActivated.connect(lambda _link: self.compareRequested.emit())
        self.hide()

    def show_for(self, alignment: Alignment | None, source: Document | None) -> None:
        """Show the banner if ``alignment`` (article mode) holds a reprint of ``source``."""
        reprint = witness_passage(alignment) if alignment is not None else None
        if reprint is None or source is None:
            self.hide()
            return
        text = source.text
        first = text.count("\n\n", 0, reprint.a_start) + 1
        last = text.count("\n\n", 0, max(reprint.a_start, reprint.a_end - 1)) + 1
        variants = sum(1 for d in reprint.differences if not d.typographic)
        noun = "variant" if variants == 1 else "variants"
        # Legible on a dark theme too (custom dark palettes often keep the light Link).
        link = added_colour(self.palette()).name()
        self.setText(
            f"<b>This article reprints the source</b> (¶ {first}–{last}), "
            f"{variants} {noun} — <a href='compare' style='color:{link}'>Compare</a> "
            "(Ctrl+Shift+D) lists "
            "them. Its quotations are in the Quotations panel."
        )
        self.show()
