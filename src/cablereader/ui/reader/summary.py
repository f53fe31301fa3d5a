"""The status bar's summary of what the panes show, in words people read."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from cablereader.core.alignment import Alignment, Difference, Passage
from cablereader.core.analysis import ArticleAnalysis
from cablereader.core.documents import Document
from cablereader.core.verify import ALTERED, FRAGMENT, NOT_IN_SOURCE, VERBATIM
from cablereader.ui.common.palette import VERDICTS


class ShownPair(Protocol):
    """What the comparison view shows, as far as a summary needs it."""

    displayed: Alignment | None
    right_document: Document | None
    analysis: ArticleAnalysis | None
    ignore_typography: bool

    def listed_differences(self) -> Sequence[Difference]: ...

    def witness_passage(self) -> Passage | None: ...


def count(n: int, noun: str) -> str:
    """ "1 difference", "2 differences"."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def summary_text(view: ShownPair, *, compare: bool) -> str:
    """What the panes show, in words, for the status bar."""
    shown = view.displayed
    if view.right_document is None or shown is None:
        return ""
    if compare:
        listed = view.listed_differences()
        textual = sum(1 for d in listed if not d.typographic)
        what = "variant" if view.witness_passage() else "difference"
        text = f"{count(len(shown), 'aligned passage')} · {count(textual, 'textual ' + what)}"
        if view.witness_passage():
            text += " in the shared text"
        if not view.ignore_typography and len(listed) != textual:
            text += f" ({len(listed)} with typography)"
        return text
    analysis = view.analysis
    if analysis is None:
        return "Analysing…"
    counts = analysis.own_verdict_counts()  # those inside a reprint are listed apart
    own = sum(counts.values())
    in_reprint = len(analysis.quotes) - own
    words = {
        VERBATIM: "verbatim",
        ALTERED: "altered",
        FRAGMENT: "fragment" if counts[FRAGMENT] == 1 else "fragments",
        NOT_IN_SOURCE: "not in the source",
    }
    quotes = ", ".join(f"{counts[v]} {words[v]}" for v in VERDICTS if counts[v])
    passages = count(len(shown), "passage")
    text = f"{passages} from the source, coverage {analysis.coverage:.0%}"
    if own:
        text += f" · {count(own, 'quotation')}: {quotes}"
    else:
        text += " · no quotations"
    if in_reprint:
        text += f" (and {in_reprint} inside its reprint of the source, not counted)"
    return text
