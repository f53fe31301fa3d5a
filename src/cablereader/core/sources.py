"""Which document of a corpus is the source: the one the others share most text with.

Every document's word 5-grams are counted across the corpus.  A document's *reuse*
is the number of (gram, other document) pairs it takes part in: how much text the
others share with it.  The source has the most.  One case needs a second look: an
article that reprints the whole source shares everything the source shares, plus
whatever it shares with other articles, so its reuse can be a little higher.  Among
the documents within :data:`CLOSE_SHARE` of the highest reuse, the one whose own text
is most reused, relative to its length, is the source: the reprint is longer.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from cablereader.core.documents import Document
from cablereader.core.text import WORD_RE, code_point

GRAM_WORDS = 5
CLOSE_SHARE = 0.9


def _grams(text: str, codes: dict[str, str]) -> set[str]:
    # Words only (punctuation and typography do not matter here), each spelled as one
    # character, so a 5-gram is a 5-character string: cheap to hash and count.
    spelled = []
    for word in WORD_RE.findall(text.casefold()):
        code = codes.get(word)
        if code is None:
            code = codes[word] = code_point(len(codes))
        spelled.append(code)
    joined = "".join(spelled)
    return {joined[i : i + GRAM_WORDS] for i in range(len(joined) - GRAM_WORDS + 1)}


def reuse(documents: Sequence[Document]) -> list[tuple[int, int]]:
    """For each document, (shared gram pairs, number of its own grams)."""
    codes: dict[str, str] = {}
    gram_sets = [_grams(d.text, codes) for d in documents]
    holders: Counter[str] = Counter()
    for grams in gram_sets:
        holders.update(grams)
    shared = {gram: count - 1 for gram, count in holders.items() if count > 1}
    shared_keys = shared.keys()
    return [(sum(map(shared.__getitem__, grams & shared_keys)), len(grams)) for grams in gram_sets]


def detect_source(documents: Sequence[Document]) -> Document:
    """The document the others share most text with (the first, when none share any)."""
    if not documents:
        raise ValueError("no documents")
    if len(documents) == 1:
        return documents[0]
    scores = reuse(documents)
    best = max(shared for shared, _ in scores)
    if best == 0:
        return documents[0]
    close = [i for i, (shared, _) in enumerate(scores) if shared >= CLOSE_SHARE * best]
    chosen = max(close, key=lambda i: (scores[i][0] / max(1, scores[i][1]), -i))
    return documents[chosen]
