"""What a found quotation is: the :class:`Quotation` record, its kinds of mark, and
how its marks stand (balanced or broken).

Finding quotations is :mod:`cablereader.core.quotes`; this record is what the
verification, the verdicts and the reports read, so it stands apart from the finder.
"""

from __future__ import annotations

from dataclasses import dataclass

DOUBLE = "double"
SINGLE = "single"
GUILLEMET = "guillemet"
SINGLE_GUILLEMET = "single_guillemet"

BALANCED = "balanced"
UNCLOSED = "unclosed"
UNOPENED = "unopened"
MISMATCHED = "mismatched"
MARKS = (BALANCED, UNCLOSED, UNOPENED, MISMATCHED)


@dataclass(frozen=True)
class Quotation:
    """One quoted passage of an article.

    ``start``/``end`` delimit the quoted text without its marks; ``mark_start`` and
    ``mark_end`` include them (a missing mark adds nothing).  ``depth`` is 0 for a
    quotation in running text, 1 for one nested in another.  Parts of a quotation split
    by an attribution share a ``group`` (the index of the first part in the article's
    list); others have none.  ``marks`` is one of :data:`MARKS`.
    """

    start: int
    end: int
    mark_start: int
    mark_end: int
    text: str
    mark: str
    depth: int = 0
    group: int | None = None
    marks: str = BALANCED
