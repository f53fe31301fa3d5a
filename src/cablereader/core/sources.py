"""Which document of a corpus is the source: the one whose text the others reuse most.

Each document's word 5-grams are counted across the corpus.  A document's score is
the number of (gram, other document) pairs it shares, divided by its own number of
grams: the share of it that the others reuse, summed over them.  Dividing by its own
size matters: an article that reprints the whole source shares everything the source
shares (and a little more), but it is longer, so the source still scores higher.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from cablereader.core.documents import Document
from cablereader.core.text import WORD_RE, normalize

GRAM_WORDS = 5


def _grams(text: str) -> set[tuple[str, ...]]:
    words = WORD_RE.findall(normalize(text).text)
    return {tuple(words[i : i + GRAM_WORDS]) for i in range(len(words) - GRAM_WORDS + 1)}


def reuse_scores(documents: Sequence[Document]) -> list[float]:
    """For each document, how much of it the other documents reuse (see module doc)."""
    gram_sets = [_grams(d.text) for d in documents]
    holders: Counter[tuple[str, ...]] = Counter()
    for grams in gram_sets:
        holders.update(grams)
    scores = []
    for grams in gram_sets:
        shared = sum(holders[g] - 1 for g in grams)
        scores.append(shared / len(grams) if grams else 0.0)
    return scores


def detect_source(documents: Sequence[Document]) -> Document:
    """The document the others share most text with (the first, when none share any)."""
    if not documents:
        raise ValueError("no documents")
    if len(documents) == 1:
        return documents[0]
    scores = reuse_scores(documents)
    best = max(range(len(documents)), key=lambda i: (scores[i], -i))
    return documents[best]
