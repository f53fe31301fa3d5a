"""Finding shared passages in any order: word n-gram seeds, exact runs, chains.

Both documents are sequences of coded words (one character a word, see
:class:`~cablereader.core.text.Vocabulary`).  Every n-gram of the article that also
occurs in the source seeds an exact run, extended as far as the words agree.  Runs are
then chosen so that each article word belongs to one run at most (longest first), and
runs that follow each other in both documents with small gaps are chained into one
passage: a swapped word, a dropped or an inserted clause leaves a gap between two runs.
Chains may appear in any order relative to the source, so an article that quotes the
end of the cable before its start gives two passages that cross.
"""

from __future__ import annotations

import re
from bisect import bisect_right, insort
from dataclasses import dataclass
from itertools import islice

from cablereader.core.text import UNKNOWN_CODE

SEED_WORDS = 5
# A seed that occurs this often in the source is boilerplate, not evidence.
MAX_SEED_OCCURRENCES = 64
# Gaps (in words, on either side) always bridged between two runs of a chain...
MIN_GAP_BRIDGED = 8
# ...and, between long runs, up to this share of the longer neighbour, so two witnesses
# of one text chain across a dropped sentence or an added heading.
GAP_SHARE = 0.1


# Chains are widened along their diagonal over words that mostly agree, so a change
# within the first or last words of a copied sentence stays inside the passage.
EXTEND_MAX_WORDS = 8
_EXTEND_MATCH, _EXTEND_MISMATCH, _EXTEND_DROP = 2, -1, 3


@dataclass(frozen=True)
class Run:
    """``length`` words equal in both documents, from word ``a`` and word ``b``."""

    a: int
    b: int
    length: int

    @property
    def a_end(self) -> int:
        return self.a + self.length

    @property
    def b_end(self) -> int:
        return self.b + self.length


class SeedIndex:
    """Where each n-gram of a coded word string occurs."""

    def __init__(self, codes: str, n: int = SEED_WORDS) -> None:
        self.codes = codes
        self.n = n
        positions: dict[str, list[int]] = {}
        for i in range(len(codes) - n + 1):
            positions.setdefault(codes[i : i + n], []).append(i)
        self._positions = positions

    def positions(self, gram: str) -> list[int]:
        return self._positions.get(gram, [])


def _common_length(a: str, a_pos: int, b: str, b_pos: int) -> int:
    """Number of equal characters of ``a`` and ``b`` from the given positions."""
    limit = min(len(a) - a_pos, len(b) - b_pos)
    # Compare growing blocks first: long runs (a reprint) are the expensive case.
    length = 0
    step = 64
    while length < limit:
        size = min(step, limit - length)
        if a[a_pos + length : a_pos + length + size] == b[b_pos + length : b_pos + length + size]:
            length += size
            step *= 2
        elif size == 1:
            break
        else:
            step = max(1, size // 2)
    return length


def exact_runs(index: SeedIndex, b_codes: str) -> list[Run]:
    """Maximal runs of at least ``index.n`` equal words, in article order."""
    a_codes = index.codes
    n = index.n
    runs: list[Run] = []
    # An n-gram with a word the source never uses cannot match: look only inside
    # stretches of known words (articles are mostly their own prose).
    known = re.compile(f"[^{re.escape(UNKNOWN_CODE)}]{{{n},}}")
    for stretch in known.finditer(b_codes):
        _runs_in(index, a_codes, b_codes, stretch.start(), stretch.end(), runs)
    return runs


def _runs_in(
    index: SeedIndex, a_codes: str, b_codes: str, first: int, stop: int, runs: list[Run]
) -> None:
    n = index.n
    for b in range(first, stop - n + 1):
        positions = index.positions(b_codes[b : b + n])
        if not positions or len(positions) > MAX_SEED_OCCURRENCES:
            continue
        for a in positions:
            if a > 0 and b > 0 and a_codes[a - 1] == b_codes[b - 1]:
                continue  # inside a run that started earlier
            length = n + _common_length(a_codes, a + n, b_codes, b + n)
            runs.append(Run(a, b, length))


def select_runs(runs: list[Run]) -> list[Run]:
    """Keep each article word in one run at most, preferring longer runs.

    A run that overlaps a longer one is trimmed to the part outside it, and dropped if
    that part is shorter than a seed.
    """
    taken: list[tuple[int, int]] = []  # sorted, disjoint article word ranges
    chosen: list[Run] = []
    for run in sorted(runs, key=lambda r: (-r.length, r.b, r.a)):
        for piece in _uncovered(run, taken):
            if piece.length >= SEED_WORDS:
                chosen.append(piece)
                insort(taken, (piece.b, piece.b_end))
    chosen.sort(key=lambda r: (r.b, r.a))
    return chosen


def _uncovered(run: Run, taken: list[tuple[int, int]]) -> list[Run]:
    pieces = []
    start = run.b
    # Taken ranges are disjoint and sorted, so only those from the one before ours on
    # can overlap it.
    first = max(0, bisect_right(taken, (run.b, run.b)) - 1)
    for t_start, t_end in islice(taken, first, None):
        if t_end <= start:
            continue
        if t_start >= run.b_end:
            break
        if t_start > start:
            pieces.append(Run(run.a + start - run.b, start, t_start - start))
        start = max(start, t_end)
    if start < run.b_end:
        pieces.append(Run(run.a + start - run.b, start, run.b_end - start))
    return pieces


def _bridgeable(previous: Run, chain_words: int, run: Run) -> bool:
    gap_b = run.b - previous.b_end
    gap_a = run.a - previous.a_end
    if gap_a < 0 or gap_b < 0:
        return False
    limit = max(MIN_GAP_BRIDGED, int(GAP_SHARE * max(chain_words, run.length)))
    return gap_a <= limit and gap_b <= limit


def chain_runs(runs: list[Run]) -> list[list[Run]]:
    """Group runs (sorted by article position) into chains of nearby runs.

    A run joins the open chain it follows most closely; a chain whose last run is
    too far behind in the article can no longer be joined.
    """
    chains: list[list[Run]] = []
    words: list[int] = []
    for run in runs:
        best = -1
        best_gap = 0
        for i, chain in enumerate(chains):
            last = chain[-1]
            if _bridgeable(last, words[i], run):
                gap = (run.b - last.b_end) + (run.a - last.a_end)
                if best < 0 or gap < best_gap:
                    best, best_gap = i, gap
        if best >= 0:
            chains[best].append(run)
            words[best] += run.length
        else:
            chains.append([run])
            words.append(run.length)
    return chains


def _extension(a: str, b: str, a_word: int, b_word: int, step: int, b_limit: int) -> int:
    """How far (in words) the diagonal through ``a_word``/``b_word`` extends.

    Walks from those words in direction ``step`` (-1 or +1), scoring agreeing and
    differing words, and stops where the score drops well below its best (X-drop).
    The extension always ends on an agreeing word.
    """
    score = best = best_length = 0
    for k in range(EXTEND_MAX_WORDS):
        i, j = a_word + step * k, b_word + step * k
        if not (0 <= i < len(a)) or not (0 <= j < len(b)) or (j - b_limit) * step >= 0:
            break
        score += _EXTEND_MATCH if a[i] == b[j] else _EXTEND_MISMATCH
        if score > best:
            best, best_length = score, k + 1
        elif score < best - _EXTEND_DROP:
            break
    return best_length


def extend_chains(chains: list[list[Run]], a_codes: str, b_codes: str) -> list[list[Run]]:
    """Widen each chain at both ends (see :data:`EXTEND_MAX_WORDS`).

    A widened edge is marked by a zero-length run.  Chains never grow into each
    other in B: each may extend only up to its neighbours in B's order.
    """
    ordered = sorted(chains, key=lambda c: c[0].b)
    result: list[list[Run]] = []
    floor = 0
    for index, chain in enumerate(ordered):
        ceiling = ordered[index + 1][0].b if index + 1 < len(ordered) else len(b_codes)
        first, last = chain[0], chain[-1]
        left = _extension(a_codes, b_codes, first.a - 1, first.b - 1, -1, floor - 1)
        right = _extension(a_codes, b_codes, last.a_end, last.b_end, 1, ceiling)
        widened = list(chain)
        if left:
            widened.insert(0, Run(first.a - left, first.b - left, 0))
        if right:
            widened.append(Run(last.a_end + right, last.b_end + right, 0))
        floor = widened[-1].b_end
        result.append(widened)
    return result
