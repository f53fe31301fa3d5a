"""Where an annotated passage sits in the sources, and the verdict there.

The annotation CSV, the annotation table, the evidence report and the REFI-QDA export
share this rule (see :mod:`.annotations` for the columns it fills).  With several
sources, an article's passage is matched in the source it was taken from: each shared
passage and quotation knows its source.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from typing import TypeVar

from cablereader.core.alignment.mapping import counterpart_span
from cablereader.core.alignment.model import Passage
from cablereader.core.analysis import ArticleAnalysis, CorpusAnalysis
from cablereader.core.csvfile import Cell
from cablereader.core.documents import Document
from cablereader.core.project.model import Annotation
from cablereader.core.verify import QuoteCheck

_T = TypeVar("_T")


class Counterparts:
    """Where annotated passages sit in the source, and the verdict there, for one analysis.

    Built once per analysis (it indexes every article), then asked per annotation: the
    CSV export and the annotation table share it.
    """

    def __init__(self, analysis: CorpusAnalysis | None) -> None:
        self.source: Document | None = analysis.source if analysis is not None else None
        self.sources: dict[str, Document] = (
            {s.name: s for s in analysis.sources} if analysis is not None else {}
        )
        self._indexes: dict[str, _ArticleIndex] = {}
        if analysis is not None:
            self._indexes = {a.name: _ArticleIndex(a) for a in analysis.articles}

    def of(self, annotation: Annotation) -> list[Cell]:
        """``source_document, source_start, source_end, source_passage, verdict``."""
        return _counterpart(annotation, self.sources, self._indexes.get(annotation.document))

    def verdict(self, annotation: Annotation) -> str:
        return str(self.of(annotation)[4] or "")


def _counterpart(
    annotation: Annotation, sources: dict[str, Document], index: _ArticleIndex | None
) -> list[Cell]:
    """``source_document, source_start, source_end, source_passage, verdict``."""
    empty: list[Cell] = ["", None, None, "", ""]
    if not sources or annotation.orphaned:
        return empty
    start, end = annotation.start, annotation.end
    own = sources.get(annotation.document)
    if own is not None:
        return [own.name, start, end, own.text[start:end], ""]
    if index is None:
        return empty
    found = index.passage(start, end)
    quote = index.quote(start, end)
    verdict = quote.verdict if quote is not None else found[0].kind if found else ""
    if found is None:
        return ["", None, None, "", verdict]
    passage, name = found
    source = sources[name]
    first, last = _source_span(passage, max(start, passage.b_start), min(end, passage.b_end))
    return [source.name, first, last, source.text[first:last], verdict]


def _source_span(passage: Passage, start: int, end: int) -> tuple[int, int]:
    """The counterpart of ``[start, end)`` in the source, whole differences included.

    Inside a difference offsets map proportionally ("react" in the middle of "be seen
    by Europe"), which would cut a source word; an edge inside a difference takes all
    of it instead.
    """
    first, last = counterpart_span(passage, start, end)
    for difference in passage.differences:
        if difference.b_start < start < difference.b_end:
            first = min(first, difference.a_start)
        if difference.b_start < end < difference.b_end:
            last = max(last, difference.a_end)
    return first, last


class _ArticleIndex:
    """An article's shared passages and quotations, searchable by overlap."""

    def __init__(self, analysis: ArticleAnalysis) -> None:
        # Passages of different sources do not overlap in the article either: the
        # analysis gives each stretch of it to one source.
        self.passages = sorted(
            ((p, use.source) for use in analysis.uses for p in use.alignment.passages),
            key=lambda item: item[0].b_start,
        )
        self.passage_starts = [p.b_start for p, _ in self.passages]
        self.quotes = sorted(analysis.quotes, key=lambda q: q.start)
        self.quote_starts = [q.start for q in self.quotes]
        # Quotations can nest, so one that starts well before a span may still reach it.
        self.longest_quote = max((q.end - q.start for q in self.quotes), default=0)

    def passage(self, start: int, end: int) -> tuple[Passage, str] | None:
        # Passages do not overlap in the article: only the one covering `start` and
        # those starting before `end` can overlap [start, end).
        first = max(0, bisect_right(self.passage_starts, start) - 1)
        last = bisect_left(self.passage_starts, end)
        return _most_overlapping(self.passages[first:last], start, end, _passage_span)

    def quote(self, start: int, end: int) -> QuoteCheck | None:
        first = bisect_left(self.quote_starts, start - self.longest_quote)
        last = bisect_left(self.quote_starts, end)
        return _most_overlapping(self.quotes[first:last], start, end, _quote_span)


def _passage_span(item: tuple[Passage, str]) -> tuple[int, int]:
    return item[0].b_start, item[0].b_end


def _quote_span(check: QuoteCheck) -> tuple[int, int]:
    return check.start, check.end


def _most_overlapping(
    items: Sequence[_T], start: int, end: int, span: Callable[[_T], tuple[int, int]]
) -> _T | None:
    best: _T | None = None
    best_overlap = 0
    for item in items:
        low, high = span(item)
        overlap = min(end, high) - max(start, low)
        if overlap > best_overlap:
            best, best_overlap = item, overlap
    return best
