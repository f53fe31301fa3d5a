"""Offsets carried across an alignment: from an article to the source and back.

Inside a passage, the equal stretches between differences map exactly and a
difference maps proportionally.  Between passages (for keeping two panes scrolled
together, Meld-style) a position is interpolated between the passages around it when
they are in the same order on both sides; when an article quotes out of order, the
nearer passage's edge is followed instead, since there is nothing in between to
interpolate.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from itertools import pairwise

from cablereader.core.alignment.model import Alignment, Passage

A_SIDE = "a"
B_SIDE = "b"


def _span(passage: Passage, side: str) -> tuple[int, int]:
    return (passage.a_start, passage.a_end) if side == A_SIDE else (passage.b_start, passage.b_end)


def _scale(pos: int, start: int, end: int, to_start: int, to_end: int) -> int:
    if end <= start:
        return to_start
    return to_start + round((pos - start) * (to_end - to_start) / (end - start))


def map_offset(passage: Passage, pos: int, from_side: str = B_SIDE) -> int:
    """The offset on the other side of ``passage`` that corresponds to ``pos``.

    ``pos`` is clamped to the passage first.
    """
    other = A_SIDE if from_side == B_SIDE else B_SIDE
    start, end = _span(passage, from_side)
    to_start, to_end = _span(passage, other)
    pos = min(max(pos, start), end)
    # (from, to) anchor pairs: the passage edges and each difference's edges.
    anchors = [(start, to_start)]
    for diff in passage.differences:
        d_from = (diff.a_start, diff.a_end) if from_side == A_SIDE else (diff.b_start, diff.b_end)
        d_to = (diff.b_start, diff.b_end) if from_side == A_SIDE else (diff.a_start, diff.a_end)
        anchors.append((d_from[0], d_to[0]))
        anchors.append((d_from[1], d_to[1]))
    anchors.append((end, to_end))
    anchors.sort()
    for (f0, t0), (f1, t1) in pairwise(anchors):
        if f0 <= pos <= f1:
            if f1 - f0 == t1 - t0:
                return min(max(t0 + (pos - f0), to_start), to_end)
            return min(max(_scale(pos, f0, f1, t0, t1), to_start), to_end)
    return to_end


def counterpart_span(
    passage: Passage, start: int, end: int, from_side: str = B_SIDE
) -> tuple[int, int]:
    """The span on the other side matching ``[start, end)`` (clamped to the passage)."""
    first = map_offset(passage, start, from_side)
    last = map_offset(passage, end, from_side)
    return (first, last) if first <= last else (last, first)


def follow(alignment: Alignment, pos: int, from_side: str = B_SIDE) -> int:
    """Where the other document should be when one is at ``pos``, for linked scrolling."""
    passages: Sequence[Passage] = alignment.passages
    other_length = alignment.a_length if from_side == B_SIDE else alignment.b_length
    if not passages:
        own_length = alignment.b_length if from_side == B_SIDE else alignment.a_length
        return _scale(pos, 0, max(1, own_length), 0, other_length)
    if from_side == A_SIDE:
        passages = sorted(passages, key=lambda p: (p.a_start, p.a_end))
    starts = [_span(p, from_side)[0] for p in passages]
    i = bisect_right(starts, pos) - 1
    # The passage covering pos, if any (with overlaps on the A side, the widest).
    covering = [p for p in passages[max(0, i - 8) : i + 1] if _contains(p, pos, from_side)]
    if covering:
        best = max(covering, key=lambda p: _span(p, from_side)[1])
        return map_offset(best, pos, from_side)
    other = A_SIDE if from_side == B_SIDE else B_SIDE
    before = passages[i] if i >= 0 else None
    after = passages[i + 1] if i + 1 < len(passages) else None
    if before is None and after is not None:
        start, _ = _span(after, from_side)
        return max(0, _span(after, other)[0] - (start - pos))
    if after is None and before is not None:
        _, end = _span(before, from_side)
        return min(other_length, _span(before, other)[1] + (pos - end))
    assert before is not None and after is not None
    gap_start, gap_end = _span(before, from_side)[1], _span(after, from_side)[0]
    to_start, to_end = _span(before, other)[1], _span(after, other)[0]
    if to_start <= to_end:
        return _scale(pos, gap_start, gap_end, to_start, to_end)
    return to_start if pos - gap_start <= gap_end - pos else to_end


def _contains(passage: Passage, pos: int, side: str) -> bool:
    start, end = _span(passage, side)
    return start <= pos < end
