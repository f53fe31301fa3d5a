"""What the quote check says beyond the verdict (issue 12), as the quotation table shows it.

- **Marks**: a quotation whose marks were broken (never closed, never opened, or marks
  that do not belong together) is still reported, its extent inferred; the table shows
  a warning icon and says how in the tooltip, so that a reader checks it.
- **Context**: a quotation inside the article's reprint of the source is the source
  quoting someone, not the article: it is listed apart (the *In the reprint* filter
  entry) and left out of the article's counts.
- **House style**: the differences that change no word (U.S./US, favour/favor) are
  listed under a verbatim or altered quotation's diff.

The filter works on one key per row, ``context:verdict``, matched by a regular
expression in C++ (no Python per row when filtering).
"""

from __future__ import annotations

import html
from functools import cache

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle

from cablereader.core.quotation import BALANCED, MISMATCHED, UNCLOSED, UNOPENED
from cablereader.core.verify import ARTICLE, IN_REPRINT, QuoteCheck

# The verdict filter's entry for the quotations inside the reprint.
REPRINT_FILTER = IN_REPRINT
REPRINT_LABEL = "In the reprint"
REPRINT_TIP = (
    "Quotations inside the article's reprint of the source: the source quoting someone, "
    "not the article. Not counted in the article's figures."
)

MARK_PROBLEMS = {
    UNCLOSED: "never closed: its end was inferred (the matching mark, else the end of the "
    "sentence or paragraph)",
    UNOPENED: "never opened: its start was inferred from a closing mark",
    MISMATCHED: "marks that do not belong together (a typo in the page's quotation marks)",
}


def filter_key(check: QuoteCheck) -> str:
    return f"{check.context}:{check.verdict}"


def filter_pattern(verdict: str | None) -> str:
    """The regular expression for a filter entry: a verdict, every verdict (None) of the
    article's own quotations, or :data:`REPRINT_FILTER`."""
    if verdict == REPRINT_FILTER:
        return f"^{IN_REPRINT}:"
    if verdict is None:
        return f"^{ARTICLE}:"
    return f"^{ARTICLE}:{verdict}$"


def shown_by(check: QuoteCheck, verdict: str | None) -> bool:
    """Whether the filter entry ``verdict`` shows ``check`` (as :func:`filter_pattern`)."""
    if verdict == REPRINT_FILTER:
        return check.context == IN_REPRINT
    return check.context == ARTICLE and verdict in (None, check.verdict)


def in_reprint(check: QuoteCheck) -> bool:
    return check.context == IN_REPRINT


def marks_problem(check: QuoteCheck) -> str | None:
    """What is wrong with the quotation's marks, or None when they are balanced."""
    if check.marks == BALANCED:
        return None
    return MARK_PROBLEMS.get(check.marks, check.marks)


def marks_tooltip(check: QuoteCheck) -> str | None:
    problem = marks_problem(check)
    return f"⚠ Quotation marks: {check.marks}: {problem}" if problem else None


@cache
def warning_icon() -> QIcon:
    return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)


def _difference(a_text: str, b_text: str) -> str:
    source, quote = " ".join(a_text.split()) or "∅", " ".join(b_text.split()) or "∅"
    return f"{html.escape(source)} → {html.escape(quote)}"


def fidelity_html(check: QuoteCheck, muted: str) -> str:
    """Paragraphs for the diff view: the marks, the context and the house-style changes."""
    parts = []
    problem = marks_problem(check)
    if problem:
        parts.append(f"<p>⚠ <b>Quotation marks {html.escape(check.marks)}</b>: {problem}.</p>")
    if in_reprint(check):
        parts.append(f'<p style="color:{muted}">{html.escape(REPRINT_TIP)}</p>')
    style = check.orthographic_differences
    if style:
        listed = "; ".join(_difference(d.a_text, d.b_text) for d in style)
        parts.append(
            f'<p style="color:{muted}">House style, not counted as changes (source → '
            f"quotation): {listed}</p>"
        )
    return "".join(parts)
