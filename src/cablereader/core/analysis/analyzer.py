"""What each article took from the source: passages, quote verdicts, coverage.

:class:`Analyzer` holds everything prepared from one source (its words, n-gram index,
quote verifier) and analyses articles against it; it never changes after it is built,
so one analyzer can serve several threads.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from cablereader.core.alignment import (
    ALTERED,
    VERBATIM,
    Alignment,
    Passage,
    align,
    prepare_article,
    prepare_source,
)
from cablereader.core.analysis.results import ArticleAnalysis
from cablereader.core.analysis.witness import witness_passage
from cablereader.core.documents import Document
from cablereader.core.quotes import find_quotations
from cablereader.core.text import Vocabulary
from cablereader.core.verify import QuoteCheck, QuoteVerifier, with_contexts


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
        witness = witness_passage(alignment)
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
