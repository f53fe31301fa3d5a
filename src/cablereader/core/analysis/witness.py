"""When an article is a second witness of the source's text (a reprint of it).

Stated once, here: the analysis marks such articles (the document list's ②), and compare
mode lists the witness passage's differences as the variants between the two texts.
"""

from __future__ import annotations

from cablereader.core.alignment import Alignment, Passage
from cablereader.core.alignment.align import WITNESS_SHARE


def witness_passage(alignment: Alignment) -> Passage | None:
    """The passage that carries most of the A text, if one carries at least
    ``WITNESS_SHARE`` of it; its differences are then the variants between the texts.

    Measured in A-text characters, so it reads the same on an alignment shown with
    typography ignored (its passages keep their spans).
    """
    if not alignment.passages:
        return None
    longest = max(alignment.passages, key=lambda p: p.a_end - p.a_start)
    if longest.a_end - longest.a_start >= WITNESS_SHARE * max(1, alignment.a_length):
        return longest
    return None
