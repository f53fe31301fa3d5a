"""The evidence report as plain data: what is said about each article, before any layout.

Built by :mod:`~cablereader.core.evidence.collect` from the core's analysis (and the
project's annotations, where there is a project); rendered to HTML by
:mod:`~cablereader.core.evidence.html`, which the PDF export renders again through Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cablereader.core.quotation import BALANCED
from cablereader.core.verify import (
    ALTERED,
    ARTICLE,
    FRAGMENT,
    IN_REPRINT,
    NOT_IN_SOURCE,
    VERBATIM,
    VERDICTS,
)

# A verdict is never told by colour alone: each has a symbol and a word.
VERDICT_SYMBOLS = {VERBATIM: "✓", ALTERED: "≠", FRAGMENT: "◦", NOT_IN_SOURCE: "✗"}
VERDICT_WORDS = {
    VERBATIM: "verbatim",
    ALTERED: "altered",
    FRAGMENT: "fragment",
    NOT_IN_SOURCE: "not in source",
}


@dataclass(frozen=True)
class Mark:
    """A changed stretch inside a passage, as offsets relative to the passage's start."""

    start: int
    end: int


@dataclass(frozen=True)
class QuoteEvidence:
    """One quotation of an article with its verdict and, if found, its source passage."""

    number: int
    start: int
    end: int
    text: str
    verdict: str
    similarity: float
    words: int
    source_start: int | None = None
    source_end: int | None = None
    source_text: str = ""
    # Words the article has where the source has others (inserted), and source words
    # the article changed or left out (struck).
    inserted: tuple[Mark, ...] = ()
    struck: tuple[Mark, ...] = ()
    changes: str = ""  # the changes in one line: ``[-tell-]{+predict+}``
    # Whether the quotation marks were balanced, and whether the quotation is the
    # article's own or inside its reprint of the source (not counted then).
    marks: str = BALANCED
    context: str = ARTICLE
    source_document: str = ""  # the source it was found in (empty: in none)

    @property
    def in_reprint(self) -> bool:
        return self.context == IN_REPRINT

    @property
    def symbol(self) -> str:
        return VERDICT_SYMBOLS[self.verdict]

    @property
    def verdict_word(self) -> str:
        return VERDICT_WORDS[self.verdict]


@dataclass(frozen=True)
class AnnotationEvidence:
    """One of the user's annotations, with its tags, note and counterpart in the source."""

    start: int | None  # None for an orphan (its passage is no longer in the text)
    end: int | None
    text: str
    tags: tuple[str, ...]
    note: str
    author: str
    modified: str
    source_start: int | None = None
    source_end: int | None = None
    source_text: str = ""
    verdict: str = ""


@dataclass(frozen=True)
class ArticleEvidence:
    """Everything the report says about one article."""

    name: str
    title: str
    coverage: float
    counts: dict[str, int]
    quotes: tuple[QuoteEvidence, ...]
    annotations: tuple[AnnotationEvidence, ...] = ()
    # What is known about where the article came from (outlet, date, URL, file...).
    metadata: tuple[tuple[str, str], ...] = ()
    witness_variants: int | None = None  # set when the article reprints the source

    @property
    def total_quotes(self) -> int:
        """The article's own quotations (``counts`` leaves out those inside a reprint)."""
        return sum(self.counts.get(v, 0) for v in VERDICTS)

    @property
    def reprint_quotes(self) -> int:
        """Quotations inside the article's reprint of the source: listed, not counted."""
        return sum(1 for quote in self.quotes if quote.in_reprint)


@dataclass(frozen=True)
class EvidenceReport:
    """The whole report: the source, then one section per article, in corpus order."""

    title: str
    source_name: str
    source_title: str
    generated: str
    articles: tuple[ArticleEvidence, ...]
    source_annotations: tuple[AnnotationEvidence, ...] = field(default=())
    project: str = ""
