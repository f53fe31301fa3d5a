"""Normalised views of a text, with an exact map back to original offsets.

Matching runs on a normalised view: case folded, typographic quotes, apostrophes,
dashes, ellipses and no-break spaces unified, whitespace runs collapsed to one space,
accents composed (Unicode NFC) and invisible characters (zero-width spaces, joiners,
soft hyphens, byte-order marks: the default-ignorable code points) dropped.
Everything the user sees is drawn at original offsets, so every normalised position
maps back into the original text.

The map is stored as breakpoints rather than one integer per character: between two
breakpoints, normalised and original offsets advance together, which keeps the map
small for book-length documents.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import repeat

# One-to-one replacements: typographic variants fold onto their ASCII counterparts.
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\u301d\u301e\uff02"
_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u2039\u203a\u02bc\uff07`\u00b4"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_SPACES = (
    "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
)

_FOLD_TABLE: dict[int, str] = {}
_FOLD_TABLE.update({ord(c): '"' for c in _DOUBLE_QUOTES})
_FOLD_TABLE.update({ord(c): "'" for c in _SINGLE_QUOTES})
_FOLD_TABLE.update({ord(c): "-" for c in _DASHES})
_FOLD_TABLE.update({ord(c): " " for c in _SPACES})

# Characters that change length when normalised, and whitespace runs to collapse.
_ELLIPSIS = "\u2026"
_IRREGULAR = re.compile(r"\s{2,}|[^\S ]|\u2026")
# Default-ignorable code points (Unicode's DerivedCoreProperties): invisible, so a
# reader cannot see them, but they split words ("Paki\u200bstan").
_IGNORABLE = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0000-\U000e0fff"
)
# Combining marks that NFC may compose with the letter before them (é as e + ◌́).
_COMBINING = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u3099\u309a"
_EXOTIC = re.compile(f"[{_IGNORABLE}{_COMBINING}]")
_IGNORABLE_RE = re.compile(f"[{_IGNORABLE}]")
# The slow path, for texts with such characters: a whitespace run (invisible characters
# inside it go with it), an ellipsis, or a character with the marks and invisible
# characters that follow it, composed as one piece.
_IRREGULAR_EXOTIC = re.compile(
    f"(\\s[\\s{_IGNORABLE}]*)|(\u2026)|([^{_IGNORABLE}][{_IGNORABLE}{_COMBINING}]+)", re.DOTALL
)

# A word for matching: letters and digits, with inner apostrophes kept out so that
# "Pakistan's" and "Pakistan’s" give the same words.
WORD_RE = re.compile(r"\w+")


def _fold_char(char: str) -> str:
    """Case-fold one character without changing its length (ß stays ß, not "ss")."""
    folded = char.casefold()
    if len(folded) == 1:
        return folded
    lowered = char.lower()
    return lowered if len(lowered) == 1 else char


def fold_case(text: str) -> str:
    """Lower-case a text, one character for one character."""
    lowered = text.casefold()
    if len(lowered) == len(text):
        # The common case: no character expanded, so positions are unchanged.
        # (An expansion and a contraction cancelling out is not possible: casefold
        # never shortens a character.)
        return lowered
    return "".join(_fold_char(c) for c in text)


@dataclass(frozen=True)
class NormalizedText:
    """A normalised view of ``original`` and the map between the two.

    ``_norm_points[i]`` and ``_orig_points[i]`` mark where an irregular piece (one whose
    normalised length differs from its original length) starts; ``_norm_lens[i]`` and
    ``_orig_lens[i]`` are the two lengths.  Outside those pieces offsets advance one
    for one.
    """

    original: str
    text: str
    _norm_points: tuple[int, ...] = field(repr=False)
    _orig_points: tuple[int, ...] = field(repr=False)
    _norm_lens: tuple[int, ...] = field(repr=False)
    _orig_lens: tuple[int, ...] = field(repr=False)

    def to_original(self, pos: int) -> int:
        """Original offset of the character at normalised offset ``pos`` (a start)."""
        i = bisect_right(self._norm_points, pos) - 1
        if i < 0:
            return pos
        start = self._norm_points[i]
        if pos < start + self._norm_lens[i]:
            return self._orig_points[i]
        return self._orig_points[i] + self._orig_lens[i] + (pos - start - self._norm_lens[i])

    def to_original_end(self, end: int) -> int:
        """Original offset just past the character at normalised offset ``end - 1``."""
        if end <= 0:
            return 0
        i = bisect_right(self._norm_points, end - 1) - 1
        if i < 0:
            return end
        start = self._norm_points[i]
        if end - 1 < start + self._norm_lens[i]:
            return self._orig_points[i] + self._orig_lens[i]
        return self._orig_points[i] + self._orig_lens[i] + (end - start - self._norm_lens[i])

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original span whose characters normalise to ``text[start:end]``."""
        if end <= start:
            pos = self.to_original(start) if start < len(self.text) else len(self.original)
            return pos, pos
        return self.to_original(start), self.to_original_end(end)

    def from_original(self, pos: int) -> int:
        """Normalised offset of original offset ``pos`` (start of the piece holding it)."""
        i = bisect_right(self._orig_points, pos) - 1
        if i < 0:
            return pos
        start = self._orig_points[i]
        if pos < start + self._orig_lens[i]:
            return self._norm_points[i]
        return self._norm_points[i] + self._norm_lens[i] + (pos - start - self._orig_lens[i])


_FOLD_RE = re.compile("[" + re.escape("".join(map(chr, _FOLD_TABLE))) + "]")


def _fold_typography(text: str) -> str:
    # A regex visits only the characters to replace; str.translate walks every
    # character through a dict, several times slower on ordinary prose.
    return _FOLD_RE.sub(lambda m: _FOLD_TABLE[ord(m.group())], text)


def has_hidden_differences(text: str) -> bool:
    """Whether ``text`` holds invisible characters or decomposed accents."""
    return _EXOTIC.search(text) is not None


def _composing_prefix(visible: str) -> int:
    """How many characters at the start of ``visible`` NFC composes into one (at least 1).

    Only a prefix is composed, never the whole cluster when it does not come out as one
    character: "y" + two acute accents is "ý" + an acute, and the "ý" must then be what
    the first two characters give on their own, or a span ending after them would
    normalise differently from the same span inside the whole text.
    """
    for count in range(len(visible), 1, -1):
        if len(unicodedata.normalize("NFC", visible[:count])) == 1:
            return count
    return 1


def _cluster_pieces(cluster: str) -> list[tuple[int, str]]:
    """A character with the marks and invisible characters after it, as pieces of
    (original length, normalised text): the longest start of it that NFC composes into
    one character, then each remaining visible character as it is; invisible characters
    are dropped, each counted with the piece before it."""
    visible = _IGNORABLE_RE.sub("", cluster)
    composed = _composing_prefix(visible)
    pieces: list[tuple[int, str]] = []
    seen = 0
    for char in cluster:
        if _IGNORABLE_RE.match(char):
            length, kept = pieces[-1]
            pieces[-1] = (length + 1, kept)
        elif seen < composed and pieces:
            length, kept = pieces[-1]
            pieces[-1] = (length + 1, kept)
            seen += 1
        else:
            pieces.append((1, char))
            seen += 1
    if composed > 1:
        length, _ = pieces[0]
        pieces[0] = (length, unicodedata.normalize("NFC", visible[:composed]))
    return pieces


def normalize(original: str) -> NormalizedText:
    """Build the normalised view of ``original``."""
    folded = fold_case(_fold_typography(original))
    exotic = _EXOTIC.search(folded) is not None
    pattern = _IRREGULAR_EXOTIC if exotic else _IRREGULAR
    pieces: list[str] = []
    norm_points: list[int] = []
    orig_points: list[int] = []
    norm_lens: list[int] = []
    orig_lens: list[int] = []
    last = 0
    norm_pos = 0
    for match in pattern.finditer(folded):
        start, end = match.span()
        if start > last:
            pieces.append(folded[last:start])
            norm_pos += start - last
        if not exotic or match.group(3) is None:
            replacement = "..." if match.group() == _ELLIPSIS else " "
            parts = [(end - start, replacement)]
        else:
            parts = _cluster_pieces(match.group())
        for orig_len, replacement in parts:
            pieces.append(replacement)
            if len(replacement) != orig_len:
                norm_points.append(norm_pos)
                orig_points.append(start)
                norm_lens.append(len(replacement))
                orig_lens.append(orig_len)
            norm_pos += len(replacement)
            start += orig_len
        last = end
    pieces.append(folded[last:])
    return NormalizedText(
        original,
        "".join(pieces),
        tuple(norm_points),
        tuple(orig_points),
        tuple(norm_lens),
        tuple(orig_lens),
    )


# The code of a word the vocabulary does not know; no known word has it.
UNKNOWN_CODE = "\x01"


def code_point(index: int) -> str:
    """The ``index``-th code character: past Latin-1, skipping surrogates."""
    number = 0x100 + index
    if number >= 0xD800:
        number += 0x800
    if number > 0x10FFFF:
        raise OverflowError("too many distinct tokens to code")
    return chr(number)


@dataclass(frozen=True)
class Words:
    """The words of a normalised text, with their normalised spans.

    ``codes`` spells each word as one character (see :class:`Vocabulary`), so a run of
    words can be searched with ``str.find`` and diffed with diff-match-patch.
    """

    norm: NormalizedText
    words: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    codes: str

    def __len__(self) -> int:
        return len(self.words)

    def start_of(self, index: int) -> int:
        """Original offset where word ``index`` starts (the text's end past the last)."""
        if index >= len(self.starts):
            return len(self.norm.original)
        return self.norm.to_original(self.starts[index])

    def end_of(self, index: int) -> int:
        """Original offset just past word ``index``."""
        return self.norm.to_original_end(self.ends[index])

    def original_span(self, first: int, last: int) -> tuple[int, int]:
        """Original span from the start of word ``first`` to the end of word ``last - 1``."""
        if last <= first:
            pos = self.start_of(first)
            return pos, pos
        return self.norm.span_to_original(self.starts[first], self.ends[last - 1])


class Vocabulary:
    """Gives every distinct word its own code character.

    Coded strings are ordinary ``str`` values (the surrogate range is skipped), so a
    run of words can be found with ``str.find`` and diffed with diff-match-patch.
    """

    def __init__(self) -> None:
        self._codes: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self._codes)

    def code(self, word: str) -> str:
        code = self._codes.get(word)
        if code is None:
            code = code_point(len(self._codes))
            self._codes[word] = code
        return code

    def words(self, norm: NormalizedText, *, grow: bool = True) -> Words:
        """Split a normalised text into words and code them.

        With ``grow=False`` the vocabulary is left unchanged (so it can be shared by
        threads and processes): words it does not know all get :data:`UNKNOWN_CODE`,
        which matches nothing.  That is all an article needs, since it is only ever
        compared with the source the vocabulary was built from.
        """
        # Built with C-level helpers (findall, map): this runs on every word of every
        # document, and per-match Python code is most of the cost.
        words = tuple(WORD_RE.findall(norm.text))
        spans = list(map(re.Match.span, WORD_RE.finditer(norm.text)))
        codes = self._codes
        if grow:
            spelled = "".join([codes.get(w) or self.code(w) for w in words])
        else:
            spelled = "".join(map(codes.get, words, repeat(UNKNOWN_CODE, len(words))))
        starts, ends = (tuple(column) for column in zip(*spans, strict=True)) if spans else ((), ())
        return Words(norm, words, starts, ends, spelled)
