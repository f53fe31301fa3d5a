"""Code-point offsets (ours, everywhere) and UTF-16 positions (Qt's text widgets).

Python strings index code points; QTextDocument positions count UTF-16 units, so a
character outside the Basic Multilingual Plane (most emoji, some CJK) takes two.  The
map is the identity for the usual text with none of them, and otherwise a bisect over
the offsets of those characters.
"""

from __future__ import annotations

import re
from bisect import bisect_left

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Utf16Map:
    """Converts between code-point offsets and UTF-16 positions in one text."""

    def __init__(self, text: str) -> None:
        # Code-point offsets of the characters that take two UTF-16 units.
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]
        # The UTF-16 position of each of them.
        self._astral_utf16 = [offset + i for i, offset in enumerate(self._astral)]
        self.length = len(text)

    @property
    def identity(self) -> bool:
        return not self._astral

    def to_utf16(self, offset: int) -> int:
        """The UTF-16 position of code-point ``offset``."""
        if not self._astral:
            return offset
        return offset + bisect_left(self._astral, offset)

    def to_code_point(self, position: int) -> int:
        """The code-point offset of UTF-16 ``position`` (inside a pair: the character)."""
        if not self._astral:
            return position
        before = bisect_left(self._astral_utf16, position)
        # A position between the two halves of a pair counts as the pair's start.
        if before and self._astral_utf16[before - 1] == position - 1:
            return position - before
        return position - before
