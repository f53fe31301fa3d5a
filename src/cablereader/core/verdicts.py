"""What a verdict on a quotation is: the four verdicts, where a quotation stands, and
the :class:`QuoteCheck` record that carries them.

How a verdict is reached is :mod:`cablereader.core.verify`; this record is what the
analysis, its cache, the reports and the window read, so it stands apart from the
matching code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from cablereader.core.alignment import Difference
from cablereader.core.quotation import Quotation

VERBATIM = "verbatim"
ALTERED = "altered"
FRAGMENT = "fragment"
NOT_IN_SOURCE = "not_in_source"
VERDICTS = (VERBATIM, ALTERED, FRAGMENT, NOT_IN_SOURCE)

# Where a quotation stands: in the article's own text, or inside its reprint of the
# source (the source quoting someone, not the article reporting them).
ARTICLE = "article"
IN_REPRINT = "in_reprint"
CONTEXTS = (ARTICLE, IN_REPRINT)


@dataclass(frozen=True)
class QuoteCheck:
    """The verdict on one quotation, with where it sits in the source.

    ``differences`` are the changed words (for an altered quotation);
    ``style_differences`` the differences that change no word: house style (U.S./US,
    favour/favor: ``typographic`` false) and, with them, typography and invisible
    characters (``typographic`` true).  ``context`` is :data:`ARTICLE` or
    :data:`IN_REPRINT`; ``marks`` says whether the quotation marks were balanced.
    ``source_document`` names the source the quotation was found in (``source_start``
    and ``source_end`` are offsets into it); ``also_in`` the other sources that hold
    the same passage (a reprint of the cable, a statement repeating it).
    """

    quotation: Quotation
    words: int
    verdict: str
    similarity: float
    source_start: int | None = None
    source_end: int | None = None
    differences: tuple[Difference, ...] = ()
    style_differences: tuple[Difference, ...] = ()
    context: str = ARTICLE
    source_document: str | None = None
    also_in: tuple[str, ...] = ()

    @property
    def start(self) -> int:
        return self.quotation.start

    @property
    def end(self) -> int:
        return self.quotation.end

    @property
    def text(self) -> str:
        return self.quotation.text

    @property
    def marks(self) -> str:
        return self.quotation.marks

    @property
    def in_source(self) -> bool:
        return self.source_start is not None

    @property
    def orthographic_differences(self) -> tuple[Difference, ...]:
        return tuple(d for d in self.style_differences if not d.typographic)

    def diff_text(self) -> str:
        """The quotation with its changes marked, word-diff style: ``[-source-]{+quote+}``."""
        if not self.differences:
            return ""
        text = self.quotation.text
        offset = self.quotation.start
        out: list[str] = []
        pos = 0
        for diff in self.differences:
            start, end = diff.b_start - offset, diff.b_end - offset
            out.append(text[pos:start])
            # Keep the spaces around the change, as the reader sees them.
            context = diff.b_text if diff.b_text.strip() else diff.a_text
            out.append(context[: len(context) - len(context.lstrip())])
            if diff.a_text.strip():
                out.append(f"[-{diff.a_text.strip()}-]")
            if diff.b_text.strip():
                out.append(f"{{+{diff.b_text.strip()}+}}")
            out.append(context[len(context.rstrip()) :])
            pos = end
        out.append(text[pos:])
        return "".join(out).strip()


def quote_context(check: QuoteCheck, reprint: tuple[int, int] | None) -> str:
    """:data:`IN_REPRINT` when the quotation lies inside the article's reprint of the
    source (``reprint``: that passage's article span), else :data:`ARTICLE`."""
    if reprint is None:
        return ARTICLE
    start, end = reprint
    inside = start <= check.quotation.mark_start and check.quotation.mark_end <= end
    return IN_REPRINT if inside else ARTICLE


def with_contexts(
    checks: Sequence[QuoteCheck], reprint: tuple[int, int] | None
) -> tuple[QuoteCheck, ...]:
    """The checks with their :attr:`QuoteCheck.context` set for a reprint's span."""
    return tuple(
        check
        if quote_context(check, reprint) == check.context
        else replace(check, context=quote_context(check, reprint))
        for check in checks
    )


def counted_verdicts(
    checks: Sequence[QuoteCheck], *, include_reprint: bool = False
) -> dict[str, int]:
    """Verdict counts of an article's own quotations: those inside its reprint of the
    source are the source quoting someone, not the article, so they are left out
    unless ``include_reprint``."""
    counts = dict.fromkeys(VERDICTS, 0)
    for check in checks:
        if include_reprint or check.context == ARTICLE:
            counts[check.verdict] += 1
    return counts
