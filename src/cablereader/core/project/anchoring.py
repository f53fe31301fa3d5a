"""Finding an annotated passage again in a changed text (Hypothesis-client style).

An annotation stores its passage as a W3C TextQuote (``exact`` plus 32 characters of
``prefix`` and ``suffix``) and a TextPosition (the old ``start``).  When its document is
re-imported with a corrected text, :func:`anchor` looks for it:

1. At the old position: taken at once if the exact text and both contexts are there.
2. Every exact occurrence of the passage, and approximate matches (edit distance at
   most half the passage's length) found near the old position and wherever pieces of
   the passage occur.  Each is scored like the Hypothesis client's ``match-quote``:
   ``(50·quote + 20·prefix + 20·suffix + 2·closeness) / 92``, each part a 0–1
   similarity, closeness being nearness to the old position.
3. The best is taken only when it is convincing: the passage itself survived mostly
   intact (quote similarity at least :data:`MIN_QUOTE_SIMILARITY`), and its context
   confirms the place (prefix or suffix similarity at least
   :data:`MIN_CONTEXT_SIMILARITY`) unless the passage is long and occurs exactly once.
   Otherwise the annotation becomes an orphan: kept, listed, never silently moved or
   dropped.

Why thresholds on the parts rather than on the total: the context of a deleted passage
is still there on both sides of the gap, so a weak match of the passage with perfect
context scores as high as a good match with none; and random English context is still
~35% similar, so a short phrase ("the Ambassador") found elsewhere with unrelated
context scores well while being a guess.

Approximate matching is Myers' bit-parallel algorithm (as in Hypothesis'
``approx-string-match``), on Python integers: about 1 µs per text character,
so it is run on windows, not on whole documents.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

QUOTE_WEIGHT, PREFIX_WEIGHT, SUFFIX_WEIGHT, POSITION_WEIGHT = 50, 20, 20, 2
_TOTAL_WEIGHT = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT
MIN_QUOTE_SIMILARITY = 0.75
MIN_CONTEXT_SIMILARITY = 0.75
# An exact passage this long that occurs once is placed even if its context changed
# (the paragraph around it was rewritten, or it moved).  Shorter passages are only
# placed where they occur exactly: a few changed characters of a short passage are
# indistinguishable from a different passage.
UNIQUE_EXACT_MIN_CHARS = 16
MIN_APPROXIMATE_CHARS = 16
# Exact occurrences scored at most (the nearest to the old position): a one-word
# passage can occur thousands of times.
MAX_EXACT_CANDIDATES = 1000
_SEED_MAX_HITS = 50  # a piece of the passage found more often says little about where
_MAX_SEED_WINDOWS = 8
_BUCKET = 32


@dataclass(frozen=True)
class Anchor:
    """Where a passage was found: ``text[start:end]``, with the scores that placed it."""

    start: int
    end: int
    score: float
    quote_similarity: float
    prefix_similarity: float = 1.0
    suffix_similarity: float = 1.0


def anchor(
    text: str, exact: str, prefix: str = "", suffix: str = "", position: int | None = None
) -> Anchor | None:
    """The passage ``exact`` (with its context) in ``text``, or ``None``: an orphan.

    ``position`` is its old start offset, if known.
    """
    length = len(exact)
    # A passage may be longer than the new text and still match it within length/2 edits.
    if not exact or len(text) < length - length // 2:
        return None
    if (
        position is not None
        and 0 <= position <= len(text) - length
        and text.startswith(exact, position)
        and text[max(0, position - len(prefix)) : position] == prefix
        and text[position + length : position + length + len(suffix)] == suffix
    ):
        return Anchor(position, position + length, 1.0, 1.0)
    return _best(text, exact, prefix, suffix, position)


def _best(text: str, exact: str, prefix: str, suffix: str, position: int | None) -> Anchor | None:
    occurrences = _occurrences(text, exact)
    nearest = occurrences
    if position is not None and len(occurrences) > MAX_EXACT_CANDIDATES:
        nearest = sorted(occurrences, key=lambda s: abs(s - position))[:MAX_EXACT_CANDIDATES]
    scored = [
        _score(text, start, start + len(exact), 1.0, prefix, suffix, position)
        for start in nearest[:MAX_EXACT_CANDIDATES]
    ]
    best = max(scored, key=lambda a: a.score, default=None)
    in_context = best is not None and best.prefix_similarity == best.suffix_similarity == 1.0
    if not in_context and len(exact) >= MIN_APPROXIMATE_CHARS:
        # No exact match in its context: an approximate one may be better placed.
        spans = {(a.start, a.end) for a in scored}
        for start, end, errors in _approximate_matches(text, exact, position):
            if (start, end) not in spans:
                spans.add((start, end))
                quote = 1.0 - errors / len(exact)
                scored.append(_score(text, start, end, quote, prefix, suffix, position))
        best = max(scored, key=lambda a: (a.score, -a.start), default=None)
    if best is None or best.quote_similarity < MIN_QUOTE_SIMILARITY:
        return None
    confirmed = max(best.prefix_similarity, best.suffix_similarity) >= MIN_CONTEXT_SIMILARITY
    unique = (
        len(occurrences) == 1
        and best.quote_similarity == 1.0
        and len(exact) >= UNIQUE_EXACT_MIN_CHARS
    )
    return best if confirmed or unique else None


def _occurrences(text: str, exact: str) -> list[int]:
    found = []
    start = text.find(exact)
    while start != -1:
        found.append(start)
        start = text.find(exact, start + 1)
    return found


def _score(
    text: str,
    start: int,
    end: int,
    quote: float,
    prefix: str,
    suffix: str,
    position: int | None,
) -> Anchor:
    prefix_score = _context_similarity(text[max(0, start - len(prefix)) : start], prefix)
    suffix_score = _context_similarity(text[end : end + len(suffix)], suffix)
    if position is None or not text:
        closeness = 0.5
    else:
        closeness = 1.0 - min(1.0, abs(start - position) / len(text))
    total = (
        QUOTE_WEIGHT * quote
        + PREFIX_WEIGHT * prefix_score
        + SUFFIX_WEIGHT * suffix_score
        + POSITION_WEIGHT * closeness
    ) / _TOTAL_WEIGHT
    return Anchor(start, end, round(total, 6), round(quote, 6), prefix_score, suffix_score)


def _context_similarity(window: str, context: str) -> float:
    """How well ``context`` is found in ``window`` (1 when there is no context to match)."""
    if not context:
        return 1.0
    if window == context:
        return 1.0
    errors = min((e for _, e in match_ends(window, context, len(context))), default=len(context))
    return 1.0 - errors / len(context)


def match_ends(
    text: str, pattern: str, max_errors: int, *, anchored: bool = False
) -> list[tuple[int, int]]:
    """``(end, errors)`` for every end offset where ``pattern`` matches a substring of
    ``text`` ending there with at most ``max_errors`` edits (Myers 1999, Hyyrö's form).

    With ``anchored``, the substring must start at 0: ``errors`` is then the edit
    distance between ``pattern`` and ``text[:end]``.  One Python integer holds a whole
    column of the edit-distance matrix, whatever the pattern's length.
    """
    m = len(pattern)
    if m == 0:
        return [
            (j, j if anchored else 0)
            for j in range(len(text) + 1)
            if not anchored or j <= max_errors
        ]
    peq: dict[str, int] = {}
    for i, char in enumerate(pattern):
        peq[char] = peq.get(char, 0) | (1 << i)
    mask = (1 << m) - 1
    high = 1 << (m - 1)
    # Row 0 of the matrix: 0 everywhere when a match may start anywhere (searching),
    # 0, 1, 2... when it must start at 0 (then each column adds 1 at the top).
    carry = 1 if anchored else 0
    pv, mv, score = mask, 0, m
    ends: list[tuple[int, int]] = []
    for j, char in enumerate(text, start=1):
        eq = peq.get(char, 0)
        xv = eq | mv
        xh = ((((eq & pv) + pv) & mask) ^ pv) | eq
        ph = mv | (~(xh | pv) & mask)
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        ph = ((ph << 1) | carry) & mask
        mh = (mh << 1) & mask
        pv = mh | (~(xv | ph) & mask)
        mv = ph & xv
        if score <= max_errors:
            ends.append((j, score))
    return ends


def _local_minima(ends: list[tuple[int, int]], slack: int, limit: int) -> list[tuple[int, int]]:
    """The ``(offset, errors)`` pairs that are local minima, within ``slack`` of the best.

    Neighbouring ends of one match are one match; but an edit near a passage's edge is
    cheaper as a few substitutions than as the true insertion, so the minimum alone can
    cut the passage short: near-minima are kept for the full score to decide.
    """
    if not ends:
        return []
    best = min(errors for _, errors in ends)
    minima = [
        (offset, errors)
        for i, (offset, errors) in enumerate(ends)
        if errors <= best + slack
        and (i == 0 or ends[i - 1][0] != offset - 1 or ends[i - 1][1] >= errors)
        and (i + 1 == len(ends) or ends[i + 1][0] != offset + 1 or ends[i + 1][1] > errors)
    ]
    return sorted(minima, key=lambda item: item[1])[:limit]


def _approximate_matches(text: str, exact: str, position: int | None) -> list[tuple[int, int, int]]:
    """``(start, end, errors)`` of the best approximate matches in likely windows."""
    m = len(exact)
    max_errors = m // 2
    slack = max(3, m // 8)
    margin = max_errors + _BUCKET
    windows = [(start - margin, start + m + margin) for start in _seed_starts(text, exact)]
    if position is not None:
        windows.append((position - margin, position + m + margin))
    backwards_pattern = exact[::-1]
    found: dict[tuple[int, int], int] = {}
    for low, high in _merged(windows, len(text)):
        for end, errors in _local_minima(match_ends(text[low:high], exact, max_errors), slack, 6):
            end += low
            # Starts: the pattern read backwards from `end`, anchored there, gives the
            # exact edit distance of each span ending at `end`.
            lowest = max(0, end - m - errors - slack)
            backwards = text[lowest:end][::-1]
            limit = min(max_errors, errors + slack)
            spans = match_ends(backwards, backwards_pattern, limit, anchored=True)
            for length, distance in _local_minima(spans, slack, 4):
                span = (end - length, end)
                found[span] = min(distance, found.get(span, distance))
    return [(start, end, errors) for (start, end), errors in found.items()]


def _seed_starts(text: str, exact: str) -> list[int]:
    """Likely start offsets of ``exact`` in ``text``: where its pieces occur, by vote."""
    m = len(exact)
    size = 8 if m >= 40 else max(3, m // 5)
    if m < size:
        return []
    step = max(size // 2, (m - size) // 64 + 1)  # at most ~64 pieces, even for long passages
    votes: Counter[int] = Counter()
    for i in range(0, m - size + 1, step):
        piece = exact[i : i + size]
        hits: list[int] = []
        pos = text.find(piece)
        while pos != -1 and len(hits) <= _SEED_MAX_HITS:
            hits.append(pos)
            pos = text.find(piece, pos + 1)
        if len(hits) > _SEED_MAX_HITS:
            continue
        # Vote for where the passage would start; nearby diagonals share a bucket.
        for hit in hits:
            votes[(hit - i) // _BUCKET] += 1
    return [bucket * _BUCKET for bucket, _ in votes.most_common(_MAX_SEED_WINDOWS)]


def _merged(windows: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for low, high in sorted((max(0, lo), min(length, hi)) for lo, hi in windows):
        if high <= low:
            continue
        if merged and low <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged
