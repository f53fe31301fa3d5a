"""What each pane highlights for one pair of documents, built from the core's results.

Styles never rely on colour alone: verbatim passages are tinted; altered ones are
tinted and dotted-underlined; words changed inside them are struck out on the source
side and underlined (stronger tint) on the article side; quotations not found in the source get
a wave underline of their own; typographic differences, when shown, a dotted one.

A reprint of the source (one passage carrying most of it, article 001 in the sample) is
drawn faint and neutral, under everything else: tinted like a quotation it would paint
both panes and the gutter one colour and drown the quotations (issue 15).  Its variants
are still marked, and the passages of the article's own quotations are drawn above it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtGui import QColor, QPalette, QTextCharFormat

from cablereader.core.alignment import ALTERED, Alignment, Passage
from cablereader.core.verify import FRAGMENT, NOT_IN_SOURCE, QuoteCheck
from cablereader.ui.common.palette import (
    added_colour,
    is_dark,
    removed_colour,
    verdict_background,
    verdict_colour,
    verdict_text,
)
from cablereader.ui.reader.linkgutter import Link
from cablereader.ui.reader.overview import Mark
from cablereader.ui.reader.panes import Span

_UNDERLINE = QTextCharFormat.UnderlineStyle
EMPHASIS_MAX_CHARS = 1500
# The reprint's tint and its band in the gutter and the overview: present, not loud.
REPRINT_TINT_ALPHA = 22
REPRINT_BAND_ALPHA = 70


@dataclass
class Highlights:
    left: dict[str, list[Span]] = field(default_factory=dict)
    right: dict[str, list[Span]] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)
    left_marks: list[Mark] = field(default_factory=list)
    right_marks: list[Mark] = field(default_factory=list)


def _tint(colour: QColor, alpha: int) -> QColor:
    tinted = QColor(colour)
    tinted.setAlpha(alpha)
    return tinted


def passage_format(kind: str, palette: QPalette, *, emphasised: bool = False) -> QTextCharFormat:
    fmt = QTextCharFormat()
    background = verdict_background(kind, palette)
    if emphasised:
        # Stronger, but light text on a dark theme must stay readable over it.
        limit = 110 if is_dark(palette) else 255
        background.setAlpha(min(limit, round(background.alpha() * 1.8)))
    fmt.setBackground(background)
    if kind == ALTERED:
        fmt.setUnderlineStyle(_UNDERLINE.DotLine)
        fmt.setUnderlineColor(verdict_colour(kind, palette))
    return fmt


def reprint_format(palette: QPalette) -> QTextCharFormat:
    """A faint neutral tint: this stretch is the source, reprinted."""
    fmt = QTextCharFormat()
    fmt.setBackground(_tint(palette.color(QPalette.ColorRole.Text), REPRINT_TINT_ALPHA))
    return fmt


def reprint_colour(palette: QPalette) -> QColor:
    """The reprint's band in the gutter and its mark in the overview strips."""
    return _tint(palette.color(QPalette.ColorRole.Text), REPRINT_BAND_ALPHA)


def change_format(side: str, typographic: bool, palette: QPalette) -> QTextCharFormat:
    fmt = QTextCharFormat()
    if typographic:
        grey = palette.color(QPalette.ColorRole.PlaceholderText)
        fmt.setUnderlineStyle(_UNDERLINE.DotLine)
        fmt.setUnderlineColor(grey)
        return fmt
    colour = removed_colour(palette) if side == "a" else added_colour(palette)
    # Strong enough to find at normal zoom inside an amber passage (a thin wave was not).
    fmt.setBackground(_tint(colour, 150 if is_dark(palette) else 120))
    fmt.setForeground(colour.darker(140) if not is_dark(palette) else colour.lighter(130))
    if side == "a":
        fmt.setFontStrikeOut(True)
    else:
        fmt.setUnderlineStyle(_UNDERLINE.SingleUnderline)
        fmt.setUnderlineColor(colour)
    return fmt


def quote_format(verdict: str, palette: QPalette) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setBackground(verdict_background(verdict, palette))
    fmt.setUnderlineStyle(
        _UNDERLINE.WaveUnderline if verdict == NOT_IN_SOURCE else _UNDERLINE.DashUnderline
    )
    fmt.setUnderlineColor(verdict_colour(verdict, palette))
    return fmt


def build(
    alignment: Alignment,
    quotes: Sequence[QuoteCheck],
    palette: QPalette,
    *,
    show_typography: bool,
    changes_of: Passage | None = None,
    reprint: Passage | None = None,
) -> Highlights:
    """Spans for both panes, gutter links and overview marks of one pair.

    With ``changes_of``, only that passage's changes are marked (two witnesses: the
    variants of the shared text, not the edits of quotations around it).  ``reprint``
    is the passage by which an article reprints the source: it goes in the panes'
    ``reprint`` layer and is linked first, so everything else is drawn above it.
    """
    out = Highlights()
    left_reprint: list[Span] = []
    right_reprint: list[Span] = []
    reprint_links: list[Link] = []
    reprint_marks: tuple[list[Mark], list[Mark]] = ([], [])
    left_passages: list[Span] = []
    right_passages: list[Span] = []
    left_changes: list[Span] = []
    right_changes: list[Span] = []
    formats = {kind: passage_format(kind, palette) for kind in ("verbatim", ALTERED)}
    change_formats = {
        (side, typo): change_format(side, typo, palette) for side in "ab" for typo in (False, True)
    }
    for index, passage in enumerate(alignment.passages):
        if reprint is not None and passage == reprint:
            fmt, colour = reprint_format(palette), reprint_colour(palette)
            lefts, rights, links = left_reprint, right_reprint, reprint_links
            left_marks, right_marks = reprint_marks
        else:
            fmt = formats.get(passage.kind, formats["verbatim"])
            colour = verdict_colour(passage.kind, palette)
            lefts, rights, links = left_passages, right_passages, out.links
            left_marks, right_marks = out.left_marks, out.right_marks
        lefts.append(Span(passage.a_start, passage.a_end, fmt))
        rights.append(Span(passage.b_start, passage.b_end, fmt))
        links.append(
            Link(passage.a_start, passage.a_end, passage.b_start, passage.b_end, colour, index)
        )
        left_marks.append(Mark(passage.a_start, passage.a_end, colour))
        right_marks.append(Mark(passage.b_start, passage.b_end, colour))
        if changes_of is not None and passage != changes_of:
            continue
        for diff in passage.differences:
            if diff.typographic and not show_typography:
                continue
            if diff.a_end > diff.a_start:
                left_changes.append(
                    Span(diff.a_start, diff.a_end, change_formats[("a", diff.typographic)])
                )
            if diff.b_end > diff.b_start:
                right_changes.append(
                    Span(diff.b_start, diff.b_end, change_formats[("b", diff.typographic)])
                )
    quote_spans = []
    for check in quotes:
        if check.verdict in (NOT_IN_SOURCE, FRAGMENT):
            quote_spans.append(Span(check.start, check.end, quote_format(check.verdict, palette)))
            if check.verdict == NOT_IN_SOURCE:
                out.right_marks.append(
                    Mark(check.start, check.end, verdict_colour(NOT_IN_SOURCE, palette))
                )
    out.links[:0] = reprint_links
    out.left_marks[:0] = reprint_marks[0]
    out.right_marks[:0] = reprint_marks[1]
    out.left = {"reprint": left_reprint, "passage": left_passages, "change": left_changes}
    out.right = {
        "reprint": right_reprint,
        "passage": right_passages,
        "change": right_changes,
        "quote": quote_spans,
    }
    return out


def emphasis(passage: Passage | None, palette: QPalette) -> tuple[list[Span], list[Span]]:
    """Spans that make the active passage stand out on both sides."""
    # A passage longer than a screenful is not made to stand out: tinting whole pages
    # darker hides the changed words; the gutter band still shows which one it is.
    if passage is None or passage.b_end - passage.b_start > EMPHASIS_MAX_CHARS:
        return [], []
    fmt = passage_format(passage.kind, palette, emphasised=True)
    return [Span(passage.a_start, passage.a_end, fmt)], [Span(passage.b_start, passage.b_end, fmt)]


def describe_passage(passage: Passage, *, other: str = "source") -> str:
    """Tooltip text: what the passage is, how similar, and its textual changes."""
    label = "Altered passage" if passage.kind == ALTERED else "Verbatim passage"
    lines = [f"{label} — {passage.similarity:.0%} similar to the {other}"]
    changes = passage.textual_differences
    for diff in changes[:6]:
        removed = diff.a_text.strip() or "∅"
        added = diff.b_text.strip() or "∅"
        lines.append(f"  “{_clip(removed)}” → “{_clip(added)}”")
    if len(changes) > 6:
        lines.append(f"  … and {len(changes) - 6} more changes")
    return "\n".join(lines)


def describe_quote(check: QuoteCheck) -> str:
    text = f"Quotation: {verdict_text(check.verdict)}"
    if check.verdict != NOT_IN_SOURCE:
        text += f" ({check.similarity:.0%} similar)"
    diff = check.diff_text()
    if diff:
        text += f"\nChanges: {_clip(diff, 160)}"
    return text


def _clip(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
