"""The results of an analysis: plain frozen data, picklable (the worker processes send
them back) and written to the cache as JSON records (see ``records``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from cablereader.core.alignment import Alignment, Passage
from cablereader.core.documents import Document
from cablereader.core.verify import QuoteCheck, counted_verdicts

ProgressCallback = Callable[[int, int, str], None]


class AnalysisCancelled(Exception):
    """Raised by :func:`analyse_corpus` when its ``cancelled`` callback says so."""


@dataclass(frozen=True)
class SourceUse:
    """What an article took from one more source of a corpus with several: its
    passages there (``alignment``, against that source), their share of the article,
    and the passage carrying most of that source when the article reprints it."""

    alignment: Alignment
    coverage: float
    witness: Passage | None

    @property
    def source(self) -> str:
        return self.alignment.a_name


@dataclass(frozen=True)
class ArticleAnalysis:
    """One article against the source.

    ``alignment`` holds every passage taken from the source: those found by seed
    chaining and, where a verified quotation is too short for that, the quotation's own
    match.  ``coverage`` is the share of the article's non-space characters inside
    those passages.  ``witness`` is set when one passage covers most of the source:
    the article then carries a second witness of the source's text (a reprint), and
    that passage's differences are the variants between the two.

    In a corpus with several sources, ``alignment`` and ``witness`` are against the
    primary source, ``others`` holds what the article took from each other source it
    draws on, ``coverage`` is the share taken from all of them, and each quotation
    names the source it was found in (:attr:`QuoteCheck.source_document`).
    """

    name: str
    alignment: Alignment
    quotes: tuple[QuoteCheck, ...]
    coverage: float
    witness: Passage | None
    others: tuple[SourceUse, ...] = ()
    primary_coverage: float | None = None  # when there are others: the primary's share

    @property
    def passages(self) -> tuple[Passage, ...]:
        return self.alignment.passages

    @property
    def uses(self) -> tuple[SourceUse, ...]:
        """Every source the article draws on, the primary first (even when it takes
        nothing from it), each with its alignment and share."""
        share = self.coverage if self.primary_coverage is None else self.primary_coverage
        own = SourceUse(self.alignment, share, self.witness)
        return (own, *self.others)

    def against(self, source: str) -> SourceUse | None:
        """What the article took from ``source``; ``None`` when it takes nothing."""
        for use in self.uses:
            if use.source == source:
                return use
        return None

    def seen_from(self, source: str) -> ArticleAnalysis:
        """The article as a reader shows it against ``source``: that source's passages,
        share and reprint; quotations found in another source keep their verdict but
        have no place in this one (their source span is left out).  ``KeyError`` when
        the article takes nothing from ``source`` (the primary always counts)."""
        use = self.against(source)
        if use is None:
            raise KeyError(f"{self.name} takes nothing from {source}")
        quotes = tuple(
            check
            if check.source_document in (None, source)
            else replace(check, source_start=None, source_end=None, differences=())
            for check in self.quotes
        )
        return ArticleAnalysis(self.name, use.alignment, quotes, use.coverage, use.witness)

    def source_shares(self) -> dict[str, float]:
        """Share of the article taken from each source it draws on, largest first."""
        shares = {use.source: use.coverage for use in self.uses if use.alignment.passages}
        return dict(sorted(shares.items(), key=lambda item: -item[1]))

    def verdict_counts(self) -> dict[str, int]:
        """Every quotation by verdict, those inside a reprint included."""
        return counted_verdicts(self.quotes, include_reprint=True)

    def own_verdict_counts(self) -> dict[str, int]:
        """The article's own quotations by verdict (those inside its reprint left out)."""
        return counted_verdicts(self.quotes)


@dataclass(frozen=True)
class CorpusAnalysis:
    """Every article against the sources.  ``source`` is the primary source;
    ``others`` the further sources, in the order they were given; ``witnesses`` maps a
    source that is a second witness of another's text (a second transcription of the
    cable) to that other, whose text its quotations are judged against."""

    source: Document
    articles: tuple[ArticleAnalysis, ...]
    others: tuple[Document, ...] = ()
    witnesses: tuple[tuple[str, str], ...] = ()

    @property
    def sources(self) -> tuple[Document, ...]:
        return (self.source, *self.others)

    def source_named(self, name: str) -> Document:
        for source in self.sources:
            if source.name == name:
                return source
        raise KeyError(name)

    def witness_of(self, name: str) -> str | None:
        """The source that ``name`` is a second witness of, if it is one."""
        return dict(self.witnesses).get(name)

    def article(self, name: str) -> ArticleAnalysis:
        for analysis in self.articles:
            if analysis.name == name:
                return analysis
        raise KeyError(name)
