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
from collections.abc import Iterable, Sequence

from cablereader.core.documents import Document
from cablereader.core.text import WORD_RE, code_point

GRAM_WORDS = 5
CLOSE_SHARE = 0.9
# A 5-gram held by more than this share of a large corpus (and more than COMMON_MIN
# documents) is the trade's stock phrasing, not text taken from a source: it is not
# counted.  Without this, in a corpus with several sources, an article sharing boiler-
# plate with hundreds of others outweighs each source, quoted by a fifth of them.
COMMON_SHARE = 0.1
COMMON_MIN = 5


def common_limit(documents: int) -> float:
    """The most documents a counted 5-gram may be held by."""
    return max(COMMON_MIN, COMMON_SHARE * documents)


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
    return _reuse_scores(gram_sets, holders)


def _reuse_scores(gram_sets: Sequence[set[str]], holders: Counter[str]) -> list[tuple[int, int]]:
    limit = common_limit(len(gram_sets))
    shared = {gram: count - 1 for gram, count in holders.items() if 1 < count <= limit}
    shared_keys = shared.keys()
    return [(sum(map(shared.__getitem__, grams & shared_keys)), len(grams)) for grams in gram_sets]


def detect_source(documents: Sequence[Document]) -> Document:
    """The document the others share most text with (the first, when none share any)."""
    if not documents:
        raise ValueError("no documents")
    if len(documents) == 1:
        return documents[0]
    return documents[_most_reused(reuse(documents), range(len(documents)))]


def _most_reused(scores: Sequence[tuple[int, int]], among: Iterable[int]) -> int:
    """Of the documents ``among`` (indices into ``scores``), the most reused one."""
    candidates = list(among)
    best = max(scores[i][0] for i in candidates)
    if best == 0:
        return candidates[0]
    close = [i for i in candidates if scores[i][0] >= CLOSE_SHARE * best]
    return max(close, key=lambda i: (scores[i][0] / max(1, scores[i][1]), -i))


# Word 5-grams of a document's own text inside other documents' quotation marks that
# make it a quoted document (one could be a stock phrase), when they stand in at least
# QUOTED_PASSAGES quotations, or in one quotation at least QUOTED_LONG of them (a
# phrase of fourteen words or more, not two documents happening to share a saying).
QUOTED_GRAMS = 2
QUOTED_PASSAGES = 2
QUOTED_LONG = 10
# A document whose quotations hold this share of a source's own 5-grams quotes it.
QUOTING_SHARE = 0.1
# Two documents sharing this share of both their texts are witnesses of one text.
WITNESS_OVERLAP = 0.8


def detect_sources(documents: Sequence[Document]) -> list[Document]:
    """The sources of a corpus, the primary first, then in the documents' order.

    A document is quoted when word 5-grams of its own text (outside its quotation
    marks) stand inside other documents' quotation marks: at least
    :data:`QUOTED_GRAMS` of them in :data:`QUOTED_PASSAGES` quotations, or
    :data:`QUOTED_LONG` in one.
    The primary source is :func:`detect_source`'s pick.  Every other quoted document,
    from the most reused down, is a source too when it is a second witness of a source's text
    (the two share most of both texts), or when it quotes no source (nothing inside
    its quotation marks is a source's own text, outside that source's quotation
    marks) and others quote it for text of its own, not a source's: a statement, a
    testimony.  An article quoting the cable quotes a source; a reprint of the cable
    inside an article is the cable's text.
    """
    from cablereader.core.quotes import find_quotations  # the finder is heavier

    if len(documents) <= 1:
        return list(documents)
    codes: dict[str, str] = {}
    grams = [_grams(d.text, codes) for d in documents]
    quoted: list[set[str]] = []
    # The quotations (numbered across the corpus) each quoted 5-gram stands in.
    quoted_in: dict[str, set[int]] = {}
    passage = 0
    for document in documents:
        inside: set[str] = set()
        for quotation in find_quotations(document.text):
            words = _grams(quotation.text, codes)
            inside |= words
            for gram in words:
                quoted_in.setdefault(gram, set()).add(passage)
            passage += 1
        quoted.append(inside)
    holders: Counter[str] = Counter()
    for own in grams:
        holders.update(own)

    limit = common_limit(len(documents))

    # Stock phrases inside quotation marks are nobody's words in particular.
    counted = {gram: where for gram, where in quoted_in.items() if holders[gram] <= limit}

    def quoted_elsewhere(index: int, leaving_out: set[str]) -> bool:
        plain = (grams[index] & counted.keys()) - quoted[index] - leaving_out
        found = [counted[g] for g in plain]
        if sum(map(len, found)) < QUOTED_GRAMS:
            return False
        passages: Counter[int] = Counter()
        for where in found:
            passages.update(where)
        return len(passages) >= QUOTED_PASSAGES or max(passages.values()) >= QUOTED_LONG

    scores = _reuse_scores(grams, holders)
    primary = _most_reused(scores, range(len(documents)))
    candidates = [i for i in range(len(documents)) if quoted_elsewhere(i, set())]
    plain = [own - inside for own, inside in zip(grams, quoted, strict=True)]
    chosen = [primary]
    witnesses: set[int] = set()
    taken = set(grams[primary])
    for index in sorted(candidates, key=lambda i: (-scores[i][0], i)):
        if index == primary:
            continue
        if any(_witnesses(grams[index], grams[other]) for other in chosen):
            chosen.append(index)
            witnesses.add(index)
        elif quoted_elsewhere(index, taken):
            chosen.append(index)
            taken |= grams[index]
    # A document quoting a source's own words (not words the source itself quotes) is
    # an article, whichever of the two was looked at first.  A stray shared phrase or
    # two is not quoting: an article's quotations are mostly its source's words.
    sources_plain = [plain[i] for i in chosen]

    def quotes_a_source(i: int) -> bool:
        enough = max(QUOTED_GRAMS, QUOTING_SHARE * len(quoted[i]))
        return any(
            len(quoted[i] & other) >= enough
            for j, other in zip(chosen, sources_plain, strict=True)
            if j != i
        )

    chosen = [i for i in chosen if i == primary or i in witnesses or not quotes_a_source(i)]
    return [documents[primary], *(documents[i] for i in sorted(chosen[1:]))]


def _witnesses(a: set[str], b: set[str]) -> bool:
    return len(a & b) >= WITNESS_OVERLAP * max(len(a), len(b), 1)
