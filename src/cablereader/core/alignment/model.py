"""Plain, frozen results of an alignment, with the queries the UI and reports need."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field, replace

from cablereader.core.alignment.diffing import Difference

VERBATIM = "verbatim"
ALTERED = "altered"


@dataclass(frozen=True)
class Passage:
    """A passage of document A (the source) matched to one of document B (an article).

    ``kind`` is ``verbatim`` when the passages differ at most in typography, case and
    whitespace, else ``altered``.  ``similarity`` (0–1) is the share of the two
    passages' characters that agree, typographic variants counting as agreeing.
    ``differences`` lists every non-equal region, typographic ones included.
    """

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    kind: str
    similarity: float
    differences: tuple[Difference, ...] = ()
    matched_words: int = 0

    @property
    def textual_differences(self) -> tuple[Difference, ...]:
        return tuple(d for d in self.differences if not d.typographic)

    def ignoring_typography(self) -> Passage:
        return replace(self, differences=self.textual_differences)

    def contains_a(self, pos: int) -> bool:
        return self.a_start <= pos < self.a_end

    def contains_b(self, pos: int) -> bool:
        return self.b_start <= pos < self.b_end


@dataclass(frozen=True)
class Alignment:
    """The passages that document B shares with document A, in B's order.

    Passages never overlap in B; several may point at the same region of A (an
    article that quotes one sentence twice).
    """

    a_name: str
    b_name: str
    a_length: int
    b_length: int
    passages: tuple[Passage, ...]
    _b_starts: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_b_starts", tuple(p.b_start for p in self.passages))

    def __len__(self) -> int:
        return len(self.passages)

    def passage_at_b(self, pos: int) -> Passage | None:
        """The passage covering offset ``pos`` of B, if any."""
        i = bisect_right(self._b_starts, pos) - 1
        if i >= 0 and self.passages[i].contains_b(pos):
            return self.passages[i]
        return None

    def passages_at_a(self, pos: int) -> tuple[Passage, ...]:
        """Every passage covering offset ``pos`` of A."""
        return tuple(p for p in self.passages if p.contains_a(pos))

    def next_passage(self, b_pos: int) -> Passage | None:
        """The first passage starting after offset ``b_pos`` of B."""
        i = bisect_right(self._b_starts, b_pos)
        return self.passages[i] if i < len(self.passages) else None

    def previous_passage(self, b_pos: int) -> Passage | None:
        """The last passage starting before offset ``b_pos`` of B."""
        i = bisect_right(self._b_starts, b_pos - 1) - 1
        return self.passages[i] if i >= 0 else None

    def ignoring_typography(self) -> Alignment:
        """The same alignment with only textual differences listed."""
        return replace(self, passages=tuple(p.ignoring_typography() for p in self.passages))

    @property
    def differences(self) -> tuple[Difference, ...]:
        return tuple(d for p in self.passages for d in p.differences)
