"""What each article took from the sources: passages, quote verdicts, coverage.

:class:`Analyzer` holds everything prepared from the sources (their words, one n-gram
index and one quote verifier for all of them, see :mod:`.sourceset`) and analyses
articles against them; it never changes after it is built, so one analyzer can serve
several threads.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace

from cablereader.core.alignment import (
    ALTERED,
    VERBATIM,
    Alignment,
    AlignmentSide,
    Passage,
    align,
    prepare_article,
    prepare_source,
)
from cablereader.core.alignment.align import WITNESS_SHARE
from cablereader.core.analysis.results import ArticleAnalysis, SourceUse
from cablereader.core.analysis.sourceset import PassageFinder, SourceSet
from cablereader.core.analysis.witness import witness_passage
from cablereader.core.documents import Document
from cablereader.core.quotes import find_quotations
from cablereader.core.text import Vocabulary
from cablereader.core.verdicts import FRAGMENT
from cablereader.core.verify import QuoteCheck, QuoteVerifier, with_contexts


class Analyzer:
    """Analyses articles against one source, or several.

    ``source`` is the primary source; ``others`` the further ones.  A source named in
    ``witnesses`` (a second witness of another source's text) is not searched: what an
    article quotes from it is judged against the text it witnesses, and the witness is
    named among the quotation's ``also_in``.
    """

    def __init__(
        self,
        source: Document,
        others: Sequence[Document] = (),
        witnesses: Mapping[str, str] | None = None,
    ) -> None:
        self.source = source
        self.others = tuple(others)
        witnessed = dict(witnesses or {})
        searched = [source, *(d for d in self.others if d.name not in witnessed)]
        self._sources = SourceSet(searched)
        self._vocabulary = Vocabulary()
        self._source_side = prepare_source(self._sources.name, self._sources.text, self._vocabulary)
        self._verifier = QuoteVerifier(self._source_side)
        self._finder = PassageFinder((source, *self.others)) if self.others else None
        # Each source on its own too, for an article that reprints one of them: its
        # reprint is aligned to that source's very edges (see ``_reprints``).
        self._own_sides = (
            [prepare_source(d.name, d.text, self._vocabulary) for d in searched]
            if len(searched) > 1
            else []
        )
        # And a verifier for each, to judge a quotation against the source that a tie
        # gives it to (see ``_attributed``).
        self._own_verifiers = [QuoteVerifier(own) for own in self._own_sides]

    def analyse(self, article: Document) -> ArticleAnalysis:
        side = prepare_article(article.name, article.text, self._vocabulary)
        joined = align(self._source_side, side)
        quotes = tuple(self._verifier.verify(side, find_quotations(article.text)))
        aligned = self._with_reprints(joined.passages, side)
        passages = _with_quote_passages(aligned, quotes, article.text)
        joined = Alignment(joined.a_name, joined.b_name, joined.a_length, joined.b_length, passages)
        alignments = self._sources.split(joined)
        witnesses = [witness_passage(alignment) for alignment in alignments]
        reprint = next((w for w in witnesses if w is not None), None)
        quotes = tuple(self._attributed(check, side, aligned) for check in quotes)
        quotes = with_contexts(
            quotes, None if reprint is None else (reprint.b_start, reprint.b_end)
        )
        total = coverage(article.text, passages)
        if len(alignments) == 1:
            return ArticleAnalysis(article.name, alignments[0], quotes, total, witnesses[0])
        others = tuple(
            SourceUse(alignment, coverage(article.text, alignment.passages), witness)
            for alignment, witness in zip(alignments[1:], witnesses[1:], strict=True)
            if alignment.passages
        )
        primary = coverage(article.text, alignments[0].passages)
        return ArticleAnalysis(
            article.name, alignments[0], quotes, total, witnesses[0], others, primary
        )

    def _with_reprints(
        self, passages: tuple[Passage, ...], article: AlignmentSide
    ) -> tuple[Passage, ...]:
        """Realign an article with each source it reprints, on its own: a reprint's
        edges are found against the source's edges, which the joined text hides."""
        if not self._own_sides:
            return passages
        result = list(passages)
        for index, own in enumerate(self._own_sides):
            length = len(own.text)
            mine = [p for p in result if self._sources.index_at(p.a_start) == index]
            if not any(p.a_end - p.a_start >= WITNESS_SHARE * max(1, length) for p in mine):
                continue
            alone = [self._sources.joined_passage(index, p) for p in align(own, article).passages]
            result = [p for p in result if not _inside_any(p, alone)] + alone
        result.sort(key=lambda p: (p.b_start, p.a_start))
        return tuple(result)

    def _attributed(
        self, check: QuoteCheck, article: AlignmentSide, passages: Sequence[Passage]
    ) -> QuoteCheck:
        """``check`` given to the source it comes from, with the others holding it.

        The verifier finds the best match (an exact one before an altered one) and, on a
        tie, the first source in order (the primary first).  A tie between sources that
        hold the quotation word for word goes instead to the one the article takes the
        longer passage around it from (issue 14): the article reproduces that source's
        sentence, not just the words in quotation marks.
        """
        local = self._sources.local_check(check)
        if self._finder is None or local.source_document is None or local.verdict == FRAGMENT:
            return local
        index = self._sources.index_at(check.source_start or 0)
        source = self._sources.sources[index]
        start, end = local.source_start or 0, local.source_end or 0
        holders = self._finder.holders(source.text[start:end])
        better = (
            self._longer_passage_source(check, index, holders, passages)
            if len(holders) > 1  # a tie needs another source holding the words
            else None
        )
        if better is not None:
            [moved] = self._own_verifiers[better].verify(article, [check.quotation]) or [local]
            if moved.verdict == local.verdict and moved.similarity >= local.similarity:
                local = replace(moved, source_document=self._sources.sources[better].name)
        also = tuple(name for name in holders if name != local.source_document)
        return replace(local, also_in=also) if also else local

    def _longer_passage_source(
        self, check: QuoteCheck, index: int, holders: Sequence[str], passages: Sequence[Passage]
    ) -> int | None:
        """The searched source among ``holders`` that the article takes a longer passage
        from around ``check`` than from source ``index``, or None."""
        names = self._sources.names
        lengths = [0] * len(names)
        for passage in passages:
            if passage.b_start < check.end and check.start < passage.b_end:
                where = self._sources.index_at(passage.a_start)
                lengths[where] = max(lengths[where], passage.b_end - passage.b_start)
        best, longest = None, lengths[index]
        for name in holders:
            other = names.index(name) if name in names else None  # a witness is not searched
            if other is not None and lengths[other] > longest:
                best, longest = other, lengths[other]
        return best


def _inside_any(passage: Passage, others: Sequence[Passage]) -> bool:
    return any(o.b_start < passage.b_end and passage.b_start < o.b_end for o in others)


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
