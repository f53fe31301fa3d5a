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

from bisect import bisect_right, insort
from dataclasses import dataclass
from itertools import islice

SEED_WORDS = 5
# A seed that occurs this often in the source is boilerplate, not evidence.
MAX_SEED_OCCURRENCES = 64
# Gaps (in words, on either side) always bridged between two runs of a chain...
MIN_GAP_BRIDGED = 8
# ...and, between long runs, up to this share of the longer neighbour, so two witnesses
# of one text chain across a dropped sentence or an added heading.
GAP_SHARE = 0.1


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
    for b in range(len(b_codes) - n + 1):
        positions = index.positions(b_codes[b : b + n])
        if not positions or len(positions) > MAX_SEED_OCCURRENCES:
            continue
        for a in positions:
            if a > 0 and b > 0 and a_codes[a - 1] == b_codes[b - 1]:
                continue  # inside a run that started earlier
            length = n + _common_length(a_codes, a + n, b_codes, b + n)
            runs.append(Run(a, b, length))
    return runs


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
