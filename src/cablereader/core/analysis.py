"""What each article took from the source: passages, quote verdicts, coverage.

:class:`Analyzer` holds everything prepared from one source (its words, n-gram index,
quote verifier) and analyses articles against it; it never changes after it is built,
so one analyzer can serve several threads.  :func:`analyse_corpus` runs it over a whole
corpus with progress reports and cancellation.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cablereader.core.alignment import (
    ALTERED,
    VERBATIM,
    Alignment,
    Passage,
    align,
    prepare_article,
    prepare_source,
)
from cablereader.core.alignment.align import WITNESS_SHARE
from cablereader.core.documents import Document
from cablereader.core.quotes import find_quotations
from cablereader.core.sources import detect_source
from cablereader.core.text import Vocabulary
from cablereader.core.verify import QuoteCheck, QuoteVerifier, counted_verdicts, with_contexts

if TYPE_CHECKING:  # the cache imports this module
    from cablereader.core.analysiscache import AnalysisCache

ProgressCallback = Callable[[int, int, str], None]
# Below this many articles, starting worker processes costs more than it saves.
PARALLEL_MIN_ARTICLES = 64


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


class Analyzer:
    """Analyses articles against one source."""

    def __init__(self, source: Document) -> None:
        self.source = source
        self._vocabulary = Vocabulary()
        self._source_side = prepare_source(source.name, source.text, self._vocabulary)
        self._verifier = QuoteVerifier(self._source_side)

    def analyse(self, article: Document) -> ArticleAnalysis:
        side = prepare_article(article.name, article.text, self._vocabulary)
        alignment = align(self._source_side, side)
        quotes = tuple(self._verifier.verify(side, find_quotations(article.text)))
        passages = _with_quote_passages(alignment.passages, quotes, article.text)
        alignment = Alignment(
            alignment.a_name, alignment.b_name, alignment.a_length, alignment.b_length, passages
        )
        source_words = len(self._source_side.words)
        witness = max(
            (p for p in passages if p.matched_words >= WITNESS_SHARE * source_words),
            key=lambda p: p.matched_words,
            default=None,
        )
        quotes = with_contexts(
            quotes, None if witness is None else (witness.b_start, witness.b_end)
        )
        return ArticleAnalysis(
            article.name, alignment, quotes, coverage(article.text, passages), witness
        )


def _with_quote_passages(
    passages: tuple[Passage, ...], quotes: tuple[QuoteCheck, ...], text: str
) -> tuple[Passage, ...]:
    """Add the matches of verified quotations that no passage covers yet.

    An altered quotation also replaces the passages lying inside it: seed chaining finds
    only its unchanged stretches, while the quotation's own match spans all of it and
    lists its changed words.
    """
    added = list(passages)
    for check in quotes:
        if check.verdict not in (VERBATIM, ALTERED) or check.source_start is None:
            continue
        start, end = _strip_span(text, check.start, check.end)
        overlapping = [p for p in added if p.b_start < end and start < p.b_end]
        if overlapping:
            inside = all(start - 1 <= p.b_start and p.b_end <= end + 1 for p in overlapping)
            if check.verdict != ALTERED or not inside:
                continue
            added = [p for p in added if p not in overlapping]
        added.append(
            Passage(
                check.source_start,
                check.source_end if check.source_end is not None else check.source_start,
                start,
                end,
                check.verdict,
                check.similarity,
                check.differences,
                check.words,
            )
        )
    added.sort(key=lambda p: (p.b_start, p.a_start))
    return tuple(added)


_SPACE_RUN = re.compile(r"\s+")
_EDGE = " \t\n\"'“”‘’«».,;:!?"


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def _non_space(text: str) -> int:
    return len(text) - sum(map(len, _SPACE_RUN.findall(text)))


def coverage(text: str, passages: Sequence[Passage]) -> float:
    """Share of the non-space characters of ``text`` inside the passages' B spans."""
    total = _non_space(text)
    if total == 0:
        return 0.0
    covered = 0
    end_so_far = 0
    for passage in sorted(passages, key=lambda p: p.b_start):
        start = max(passage.b_start, end_so_far)
        if passage.b_end > start:
            covered += _non_space(text[start : passage.b_end])
            end_so_far = passage.b_end
    return round(covered / total, 4)


def analyse_corpus(
    documents: Sequence[Document],
    source: str | None = None,
    *,
    progress: ProgressCallback | None = None,
    cancelled: Callable[[], bool] | None = None,
    workers: int = 1,
    background: bool = False,
    cache: AnalysisCache | None = None,
) -> CorpusAnalysis:
    """Analyse every document but the source against the source.

    ``source`` names the source document; without it the source is detected.
    ``progress(done, total, name)`` is called after each article; ``cancelled()`` is
    polled before each one and stops the work with :class:`AnalysisCancelled`.
    With ``workers`` > 1 and a large corpus, articles are analysed in that many
    processes (the results are the same; only the time differs), at a lower CPU
    priority with ``background`` (an app keeping its window responsive).  With a
    ``cache``, articles already analysed against the same source text are taken from it
    (reported as done at once) and the new results are added to it.
    """
    if not documents:
        raise ValueError("no documents to analyse")
    if source is None:
        source_doc = detect_source(documents)
    else:
        matches = [d for d in documents if d.name == source]
        if not matches:
            raise KeyError(source)
        source_doc = matches[0]
    articles = [d for d in documents if d is not source_doc]
    known = cache.lookup(source_doc, articles) if cache is not None else {}
    todo = [article for index, article in enumerate(articles) if index not in known]
    if progress is not None and known:
        last = max(known)
        progress(len(known), len(articles), articles[last].name)
    fresh = _analyse(
        source_doc, todo, len(known), len(articles), workers, background, progress, cancelled
    )
    if cache is not None and fresh:
        cache.store(source_doc, zip(todo, fresh, strict=True))
    new = iter(fresh)
    results = [known[i] if i in known else next(new) for i in range(len(articles))]
    return CorpusAnalysis(source_doc, tuple(results))


def _analyse(
    source: Document,
    articles: list[Document],
    done_before: int,
    total: int,
    workers: int,
    background: bool,
    progress: ProgressCallback | None,
    cancelled: Callable[[], bool] | None,
) -> list[ArticleAnalysis]:
    """Analyse ``articles``, reporting progress as the last of ``total`` to be done."""
    report = progress
    if progress is not None and done_before:

        def report(done: int, _total: int, name: str) -> None:
            progress(done_before + done, total, name)

    if workers > 1 and len(articles) >= PARALLEL_MIN_ARTICLES:
        from cablereader.core.parallel import analyse_in_processes

        return analyse_in_processes(
            source, articles, workers, report, cancelled, background=background
        )
    if not articles:
        return []
    analyzer = Analyzer(source)
    results = []
    for done, article in enumerate(articles, start=1):
        if cancelled is not None and cancelled():
            raise AnalysisCancelled()
        results.append(analyzer.analyse(article))
        if report is not None:
            report(done, len(articles), article.name)
    return results
