"""Align a source and an article into passages, in any order, with their differences."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from cablereader.core.alignment.diffing import Difference, differences
from cablereader.core.alignment.model import ALTERED, VERBATIM, Alignment, Passage
from cablereader.core.alignment.runs import (
    SEED_WORDS,
    Run,
    SeedIndex,
    chain_runs,
    exact_runs,
    extend_chains,
    select_runs,
)
from cablereader.core.text import Vocabulary, Words, normalize

# Fewer shared words than this is coincidence ("the prime minister of"), not a passage.
MIN_PASSAGE_WORDS = 6
# Punctuation that closes a passage on both sides is part of it ("…a public face.").
_TRAILING_PUNCTUATION = frozenset(".,;:!?)]")
_LEADING_PUNCTUATION = frozenset("([")
# A passage covering most of both documents is a second witness of the same text; a
# few stray words at either edge (a heading, a "Source:" line) are variants of it.
WITNESS_SHARE = 0.5
WITNESS_EDGE_WORDS = 12


@dataclass(frozen=True)
class AlignmentSide:
    """A document prepared for alignment: its coded words and, for a source, its seeds."""

    name: str
    words: Words
    seeds: SeedIndex | None

    @property
    def text(self) -> str:
        return self.words.norm.original


def prepare_source(name: str, text: str, vocabulary: Vocabulary) -> AlignmentSide:
    """A source: its words join the vocabulary, and its n-grams are indexed."""
    words = vocabulary.words(normalize(text))
    return AlignmentSide(name, words, SeedIndex(words.codes, SEED_WORDS))


def prepare_article(name: str, text: str, vocabulary: Vocabulary) -> AlignmentSide:
    """An article, coded with the source's vocabulary (left unchanged)."""
    return AlignmentSide(name, vocabulary.words(normalize(text), grow=False), None)


def align(a: AlignmentSide, b: AlignmentSide) -> Alignment:
    """Passages of ``b`` (an article) taken from ``a`` (a source), in ``b``'s order.

    Both sides must have been prepared with the same :class:`Vocabulary`, ``a`` by
    :func:`prepare_source`.
    """
    if a.seeds is None:
        raise ValueError(f"{a.name} was not prepared as a source")
    runs = select_runs(exact_runs(a.seeds, b.words.codes))
    chains = [c for c in chain_runs(runs) if sum(r.length for r in c) >= MIN_PASSAGE_WORDS]
    passages = [
        _passage(a.words, b.words, chain)
        for chain in extend_chains(chains, a.words.codes, b.words.codes)
    ]
    passages.sort(key=lambda p: (p.b_start, p.a_start))
    return Alignment(a.name, b.name, len(a.text), len(b.text), tuple(passages))


def align_texts(a_name: str, a_text: str, b_name: str, b_text: str) -> Alignment:
    """Convenience: align two texts with a vocabulary of their own."""
    vocabulary = Vocabulary()
    source = prepare_source(a_name, a_text, vocabulary)
    return align(source, prepare_article(b_name, b_text, vocabulary))


def _passage(a: Words, b: Words, chain: list[Run]) -> Passage:
    # The first and last runs may be zero-length marks of a widened edge.
    first, last = chain[0], chain[-1]
    a_start, a_end = a.start_of(first.a), a.end_of(last.a_end - 1)
    b_start, b_end = b.start_of(first.b), b.end_of(last.b_end - 1)
    a_text, b_text = a.norm.original, b.norm.original

    # Closing punctuation both sides share, e.g. the full stop after the last word.
    while (
        a_end < len(a_text)
        and b_end < len(b_text)
        and a_text[a_end] == b_text[b_end]
        and a_text[a_end] in _TRAILING_PUNCTUATION
    ):
        a_end += 1
        b_end += 1
    while (
        a_start > 0
        and b_start > 0
        and a_text[a_start - 1] == b_text[b_start - 1]
        and a_text[a_start - 1] in _LEADING_PUNCTUATION
    ):
        a_start -= 1
        b_start -= 1

    matched = sum(r.length for r in chain)
    if matched >= WITNESS_SHARE * min(len(a), len(b)):
        a_start, b_start = _witness_edge(a, first.a, a_start, b, first.b, b_start, start=True)
        a_end, b_end = _witness_edge(a, last.a_end, a_end, b, last.b_end, b_end, start=False)

    # Diff piece by piece (run, gap, run, ...): the runs anchor the pieces, so each
    # diff is small and no change can be matched across an anchor.
    cuts = [(a_start, b_start)]
    for previous, run in pairwise(chain):
        if not (previous.length and run.length):
            continue  # a widened edge belongs to the piece next to it
        cuts.append((a.end_of(previous.a_end - 1), b.end_of(previous.b_end - 1)))
        cuts.append((a.start_of(run.a), b.start_of(run.b)))
    cuts.append((a_end, b_end))
    found: list[Difference] = []
    for (a0, b0), (a1, b1) in pairwise(cuts):
        if a1 > a0 or b1 > b0:
            found.extend(differences(a_text[a0:a1], b_text[b0:b1], a0, b0))

    disagreeing = sum(len(d.a_text) + len(d.b_text) for d in found if not d.typographic)
    total = (a_end - a_start) + (b_end - b_start)
    similarity = 1.0 - disagreeing / total if total else 1.0
    kind = ALTERED if disagreeing else VERBATIM
    return Passage(
        a_start, a_end, b_start, b_end, kind, round(similarity, 4), tuple(found), matched
    )


def _witness_edge(
    a: Words, a_word: int, a_pos: int, b: Words, b_word: int, b_pos: int, *, start: bool
) -> tuple[int, int]:
    """Extend a witness passage to the documents' edge when only a few words remain.

    ``a_word``/``b_word`` are the first word inside the passage (``start``) or the first
    word after it; ``a_pos``/``b_pos`` its current character edge.
    """
    a_left = a_word if start else len(a) - a_word
    b_left = b_word if start else len(b) - b_word
    if min(a_left, b_left) > 0 or max(a_left, b_left) > WITNESS_EDGE_WORDS:
        return a_pos, b_pos
    if start:
        a_text, b_text = a.norm.original, b.norm.original
        return len(a_text) - len(a_text.lstrip()), len(b_text) - len(b_text.lstrip())
    return len(a.norm.original.rstrip()), len(b.norm.original.rstrip())
