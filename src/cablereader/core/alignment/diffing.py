"""Word-level differences inside a matched pair of passages.

This is the one place that calls diff-match-patch.  It never diffs whole documents
(order-preserving and slow, see DESIGN); it diffs a passage pair that the seed
chaining has already found, or a short quote against a short source window.

Texts are cut into tokens (a word, a run of whitespace, or one other character), each
distinct token is spelled as one code character, and diff-match-patch runs on the coded
strings.  Its semantic cleanup then works at token level, so one swapped word is one
difference, and a changed apostrophe inside "Pakistan’s" is just that apostrophe.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import diff_match_patch

from cablereader.core.text import code_point, normalize

TOKEN_RE = re.compile(r"\w+|\s+|[^\w\s]")

EQUAL = diff_match_patch.diff_match_patch.DIFF_EQUAL
DELETE = diff_match_patch.diff_match_patch.DIFF_DELETE
INSERT = diff_match_patch.diff_match_patch.DIFF_INSERT

# Long enough for any passage pair; a pathological pair still returns a valid, if
# coarse, diff instead of hanging the analysis.
DIFF_TIMEOUT_S = 2.0


@dataclass(frozen=True)
class Difference:
    """One non-equal region inside an aligned passage.

    Offsets are into the two documents' texts.  ``typographic`` is true when the two
    sides differ only in quote marks, apostrophes, dashes, ellipses, case or whitespace.
    """

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    a_text: str
    b_text: str
    typographic: bool


def _new_differ() -> diff_match_patch.diff_match_patch:
    differ = diff_match_patch.diff_match_patch()
    differ.Diff_Timeout = DIFF_TIMEOUT_S
    return differ


_DIFFER = _new_differ()


def diff_codes(a: str, b: str, *, semantic: bool = False) -> list[tuple[int, str]]:
    """diff-match-patch on two coded strings (one character per token or word)."""
    diffs: list[tuple[int, str]] = _DIFFER.diff_main(a, b, False)
    if semantic:
        _DIFFER.diff_cleanupSemantic(diffs)
    return diffs


def _typography_free(text: str) -> str:
    # Normalised (quotes, dashes, ellipses, case folded), double and single quote marks
    # treated alike, whitespace removed.
    return "".join(normalize(text).text.replace('"', "'").split())


def is_typographic(a_text: str, b_text: str) -> bool:
    """True if the texts differ only in quote marks, dashes, ellipses, case or whitespace."""
    return _typography_free(a_text) == _typography_free(b_text)


def tokenize(text: str) -> list[str]:
    return TOKEN_RE.findall(text)


def token_diff(a_text: str, b_text: str) -> list[tuple[int, str]]:
    """Token-level diff of two texts, after semantic cleanup, as (op, text) pairs."""
    a_tokens = tokenize(a_text)
    b_tokens = tokenize(b_text)
    codes: dict[str, str] = {}
    decode: list[str] = []

    def spell(tokens: list[str]) -> str:
        out = []
        for token in tokens:
            code = codes.get(token)
            if code is None:
                code = code_point(len(decode))
                codes[token] = code
                decode.append(token)
            out.append(code)
        return "".join(out)

    coded = diff_codes(spell(a_tokens), spell(b_tokens), semantic=True)
    first = ord(code_point(0))
    result: list[tuple[int, str]] = []
    for op, chunk in coded:
        text = "".join(decode[_code_index(ord(c), first)] for c in chunk)
        result.append((op, text))
    return result


def _code_index(number: int, first: int) -> int:
    if number >= 0xE000:
        number -= 0x800
    return number - first


def differences(
    a_text: str, b_text: str, a_offset: int = 0, b_offset: int = 0
) -> Iterator[Difference]:
    """The non-equal regions between two passage texts, at document offsets.

    A deletion next to an insertion is one difference (a replacement).
    """
    a_pos, b_pos = a_offset, b_offset
    pending: list[tuple[int, str]] = []

    def flush() -> Iterator[Difference]:
        nonlocal a_pos, b_pos
        if not pending:
            return
        a_part = "".join(t for op, t in pending if op == DELETE)
        b_part = "".join(t for op, t in pending if op == INSERT)
        yield from _split_at_line_breaks(a_part, b_part, a_pos, b_pos)
        a_pos += len(a_part)
        b_pos += len(b_part)
        pending.clear()

    for op, text in token_diff(a_text, b_text):
        if op == EQUAL:
            yield from flush()
            a_pos += len(text)
            b_pos += len(text)
        else:
            pending.append((op, text))
    yield from flush()


_LINE_BREAK_RE = re.compile(r"[^\S\n]*\n\s*")


def _split_at_line_breaks(a_part: str, b_part: str, a_pos: int, b_pos: int) -> Iterator[Difference]:
    """One replacement, or several when both sides break lines the same number of times.

    Semantic cleanup merges an edit at the end of one paragraph with an edit at the start
    of the next ("(Transcription) as published by …" / a dropped first sentence).  The
    line breaks are the anchors a reader sees, so pair them up and report each side's
    pieces separately.
    """
    a_breaks = list(_LINE_BREAK_RE.finditer(a_part))
    b_breaks = list(_LINE_BREAK_RE.finditer(b_part))
    if not a_breaks or len(a_breaks) != len(b_breaks):
        yield _difference(a_part, b_part, a_pos, b_pos)
        return
    a_cuts = [0] + [c for m in a_breaks for c in m.span()] + [len(a_part)]
    b_cuts = [0] + [c for m in b_breaks for c in m.span()] + [len(b_part)]
    for i in range(len(a_cuts) - 1):
        a0, a1, b0, b1 = a_cuts[i], a_cuts[i + 1], b_cuts[i], b_cuts[i + 1]
        if a_part[a0:a1] != b_part[b0:b1]:
            yield _difference(a_part[a0:a1], b_part[b0:b1], a_pos + a0, b_pos + b0)


def _difference(a_part: str, b_part: str, a_pos: int, b_pos: int) -> Difference:
    return Difference(
        a_pos,
        a_pos + len(a_part),
        b_pos,
        b_pos + len(b_part),
        a_part,
        b_part,
        is_typographic(a_part, b_part),
    )
