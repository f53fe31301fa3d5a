"""The results of an analysis: plain frozen data, picklable (the worker processes send
them back) and written to the cache as JSON records (see ``records``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cablereader.core.alignment import Alignment, Passage
from cablereader.core.documents import Document
from cablereader.core.verify import QuoteCheck, counted_verdicts

ProgressCallback = Callable[[int, int, str], None]


class AnalysisCancelled(Exception):
    """Raised by :func:`analyse_corpus` when its ``cancelled`` callback says so."""


@dataclass(frozen=True)
class ArticleAnalysis:
    """One article against the source.

    ``alignment`` holds every passage taken from the source: those found by seed
    chaining and, where a verified quotation is too short for that, the quotation's own
    match.  ``coverage`` is the share of the article's non-space characters inside
    those passages.  ``witness`` is set when one passage covers most of the source:
    the article then carries a second witness of the source's text (a reprint), and
    that passage's differences are the variants between the two.
    """

    name: str
    alignment: Alignment
    quotes: tuple[QuoteCheck, ...]
    coverage: float
    witness: Passage | None

    @property
    def passages(self) -> tuple[Passage, ...]:
        return self.alignment.passages

    def verdict_counts(self) -> dict[str, int]:
        """Every quotation by verdict, those inside a reprint included."""
        return counted_verdicts(self.quotes, include_reprint=True)

    def own_verdict_counts(self) -> dict[str, int]:
        """The article's own quotations by verdict (those inside its reprint left out)."""
        return counted_verdicts(self.quotes)


@dataclass(frozen=True)
class CorpusAnalysis:
    source: Document
    articles: tuple[ArticleAnalysis, ...]

    def article(self, name: str) -> ArticleAnalysis:
        for analysis in self.articles:
            if analysis.name == name:
                return analysis
        raise KeyError(name)
