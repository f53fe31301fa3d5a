"""How one quotation differs from its source passage, as the rich text the diff view shows.

Apart from the table: it is plain text building, with no widget, and every string in
it comes from a document, so it is escaped here, in one place.
"""

from __future__ import annotations

import html

from PySide6.QtGui import QColor, QPalette

from cablereader.core.verify import ALTERED, FRAGMENT, NOT_IN_SOURCE, VERBATIM, QuoteCheck
from cablereader.ui.common.palette import (
    VERDICT_DESCRIPTIONS,
    added_colour,
    muted_colour,
    removed_colour,
    solid,
    verdict_colour,
    verdict_text,
)
from cablereader.ui.quotes.fidelity import fidelity_html


def _tint(colour: QColor, palette: QPalette) -> str:
    """A light tint of ``colour`` over the base, as a hex name (rich text has no alpha)."""
    tint = QColor(colour)
    tint.setAlpha(40)
    return solid(tint, palette).name()


def _muted(palette: QPalette) -> str:
    return muted_colour(palette).name()


def _escape(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def _leading_space(text: str) -> str:
    return text[: len(text) - len(text.lstrip())]


def _trailing_space(text: str) -> str:
    return text[len(text.rstrip()) :]


def _marked_quote(check: QuoteCheck, removed_style: str, added_style: str) -> str:
    """The quotation as HTML, with the source's words struck and its own underlined."""
    text = check.text
    offset = check.start
    out: list[str] = []
    pos = 0
    for diff in sorted(check.differences, key=lambda d: d.b_start):
        start = min(max(diff.b_start - offset, pos), len(text))
        end = min(max(diff.b_end - offset, start), len(text))
        out.append(_escape(text[pos:start]))
        removed, added = diff.a_text.strip(), diff.b_text.strip()
        # The spaces around a change belong to the sentence, not to the change.
        context = diff.b_text if added else diff.a_text
        out.append(_escape(_leading_space(context)))
        if removed:
            out.append(f'<span style="{removed_style}">{_escape(removed)}</span>')
        if removed and added and removed[-1].isalnum() and added[0].isalnum():
            out.append(" ")  # two words run together would read as one
        if added:
            out.append(f'<span style="{added_style}">{_escape(added)}</span>')
        out.append(_escape(_trailing_space(context)))
        pos = end
    out.append(_escape(text[pos:]))
    return "".join(out).strip()


def quote_diff_html(check: QuoteCheck, source_passage: str | None, palette: QPalette) -> str:
    """HTML describing how one quotation compares with its source passage.

    For an altered quotation: the quotation with the source's replaced words struck
    through (red) and the quotation's own words underlined (green), plus a legend;
    colour is never the only mark, so the strike and underline carry the meaning.
    """
    colour = verdict_colour(check.verdict, palette).name()
    muted = _muted(palette)
    words = "word" if check.words == 1 else "words"
    parts = [
        f'<p><b style="color:{colour}">{html.escape(verdict_text(check.verdict))}</b>'
        f" · similarity {check.similarity:.2f} · {check.words} {words}</p>"
    ]
    if check.verdict == ALTERED and check.differences:
        removed, added = removed_colour(palette), added_colour(palette)
        removed_bg, added_bg = _tint(removed, palette), _tint(added, palette)
        removed_style = (
            f"color:{removed.name()}; background-color:{removed_bg}; text-decoration:line-through"
        )
        added_style = (
            f"color:{added.name()}; background-color:{added_bg}; text-decoration:underline"
        )
        parts.append(f"<p>{_marked_quote(check, removed_style, added_style)}</p>")
        parts.append(
            f'<p style="color:{muted}">'
            f'<span style="{removed_style}">struck through</span>: source words the'
            f' quotation changed or left out · <span style="{added_style}">underlined</span>:'
            " the quotation's words instead</p>"
        )
    elif check.verdict == ALTERED:
        parts.append("<p>Differs from the source only in ways the word diff cannot show.</p>")
    elif check.verdict == VERBATIM:
        parts.append("<p>Identical to the source (ignoring typography).</p>")
    elif check.verdict == FRAGMENT:
        parts.append(f"<p>{html.escape(VERDICT_DESCRIPTIONS[FRAGMENT])}.</p>")
    elif check.verdict == NOT_IN_SOURCE:
        parts.append("<p>No matching passage in the source.</p>")
    if source_passage is not None and check.source_start is not None:
        parts.append(
            f'<p style="color:{muted}">Source passage (characters {check.source_start:,}–'
            f"{check.source_end if check.source_end is not None else check.source_start:,}):"
            f"</p><p>{_escape(source_passage)}</p>"
        )
    parts.append(fidelity_html(check, muted))  # marks, reprint, house style (issue 12)
    return "".join(parts)
