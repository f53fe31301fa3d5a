"""Finding the quotations in an article.

Handles curly and straight double quotes, „low-high“ quotes, « guillemets », single
quotes used as quotation marks (told apart from apostrophes), quotations nested in
quotations, quotations that run over several paragraphs (each paragraph reopening the
quote, only the last one closing it), and a quotation split by an attribution
(“Otherwise,” he continued, “I think…”), whose parts are grouped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

DOUBLE = "double"
SINGLE = "single"
GUILLEMET = "guillemet"

_OPENERS = {"\u201c": DOUBLE, "\u201e": DOUBLE, "\u00ab": GUILLEMET, "\u2018": SINGLE}
_CLOSERS = {"\u201d": DOUBLE, "\u00bb": GUILLEMET, "\u2019": SINGLE}
_STRAIGHT = {'"': DOUBLE, "'": SINGLE}
_MARKS = re.compile("[\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019\"'\n]")
# What may stand before an opening mark: nothing, space, or an opening bracket/dash.
_BEFORE_OPEN = frozenset(" \t\n([{\u2014\u2013-/:\u00a0")
_ATTRIBUTION_WORDS = 8
_SENTENCE_END = re.compile(r"[.!?;:]")


@dataclass(frozen=True)
class Quotation:
    """One quoted passage of an article.

    ``start``/``end`` delimit the quoted text without its marks; ``mark_start`` and
    ``mark_end`` include them.  ``depth`` is 0 for a quotation in running text, 1 for
    one nested in another.  Parts of a quotation split by an attribution share a
    ``group`` (the index of the first part in the article's list); others have none.
    """

    start: int
    end: int
    mark_start: int
    mark_end: int
    text: str
    mark: str
    depth: int = 0
    group: int | None = None


@dataclass
class _Open:
    kind: str
    pos: int  # offset of the opening mark
    mark: str


def _is_word_char(char: str) -> bool:
    return char.isalnum()


def find_quotations(text: str) -> list[Quotation]:
    """All quotations in ``text``, in order of their opening marks."""
    found: list[Quotation] = []
    stack: list[_Open] = []
    length = len(text)
    reopening = -1  # offset of a mark that continues a quotation into a new paragraph
    for match in _MARKS.finditer(text):
        i = match.start()
        char = match.group()
        before = text[i - 1] if i > 0 else "\n"
        after = text[i + 1] if i + 1 < length else "\n"
        if char == "\n":
            reopening = _end_paragraph(text, i, stack)
            continue
        if i == reopening:
            continue
        kind = _OPENERS.get(char) or _CLOSERS.get(char) or _STRAIGHT[char]
        role = _role(char, kind, before, after, stack)
        if role == "open":
            stack.append(_Open(kind, i, char))
        elif role == "close":
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth].kind == kind:
                    opened = stack[depth]
                    del stack[depth:]
                    start = opened.pos + 1
                    if text[start:i].strip():
                        found.append(
                            Quotation(start, i, opened.pos, i + 1, text[start:i], kind, depth)
                        )
                    break
    found.sort(key=lambda q: q.mark_start)
    return _group_split_quotations(text, found)


def _role(char: str, kind: str, before: str, after: str, stack: list[_Open]) -> str | None:
    open_kinds = {o.kind for o in stack}
    if char == "\u201c" and stack and stack[-1].mark == "\u201e":
        return "close"  # „German“ quotes close with the English opening mark
    if kind == SINGLE and after.isdigit():
        return None  # an elided century, ’90s or '90s, not a quotation
    if char in _OPENERS:
        if kind == SINGLE and _is_word_char(before):
            return None  # a misused apostrophe ("rock‘n’roll")
        return "open"
    if char in _CLOSERS:
        # ’ is mostly an apostrophe: it closes only an open single quote, and never
        # inside a word (Pakistan’s).
        if kind == SINGLE and _is_word_char(before) and _is_word_char(after):
            return None
        return "close" if kind in open_kinds else None
    # Straight marks: decide by what surrounds them.
    can_open = (before in _BEFORE_OPEN or before in _OPENERS) and not after.isspace()
    can_close = not before.isspace() and (not _is_word_char(after))
    if kind == SINGLE:
        if _is_word_char(before) and _is_word_char(after):
            return None  # Pakistan's
        can_open = can_open and _is_word_char(after)
        can_close = can_close and SINGLE in open_kinds
    if can_close and kind in open_kinds and (not can_open or stack[-1].kind == kind):
        return "close"
    if can_open:
        return "open"
    return None


def _end_paragraph(text: str, newline: int, stack: list[_Open]) -> int:
    """At a line break, keep open only a quotation that the next paragraph reopens.

    By convention a quotation spanning paragraphs reopens each paragraph with an opening
    mark and closes only at its end; that mark belongs to the quotation.  Returns the
    offset of the reopening mark, or -1.
    """
    if not stack:
        return -1
    nxt = newline + 1
    while nxt < len(text) and text[nxt].isspace():
        nxt += 1
    if nxt < len(text):
        reopen = _OPENERS.get(text[nxt]) or _STRAIGHT.get(text[nxt])
        if reopen == stack[0].kind:
            del stack[1:]
            return nxt
    stack.clear()
    return -1


def _group_split_quotations(text: str, quotes: list[Quotation]) -> list[Quotation]:
    """Give the parts of a quotation interrupted by an attribution a shared group."""
    result = list(quotes)
    top = [i for i, q in enumerate(result) if q.depth == 0]
    for left, right in pairwise(top):
        first, second = result[left], result[right]
        between = text[first.mark_end : second.mark_start]
        if "\n" in between:
            continue
        tail = first.text.rstrip()
        comma_before = tail.endswith(",") or between.lstrip().startswith(",")
        words = re.findall(r"\w+", between)
        if (
            comma_before
            and 0 < len(words) <= _ATTRIBUTION_WORDS
            and not _SENTENCE_END.search(between)
            and between.rstrip().endswith(",")
        ):
            group = first.group if first.group is not None else left
            result[left] = _with_group(first, group)
            result[right] = _with_group(second, group)
    return result


def _with_group(quote: Quotation, group: int) -> Quotation:
    return Quotation(
        quote.start,
        quote.end,
        quote.mark_start,
        quote.mark_end,
        quote.text,
        quote.mark,
        quote.depth,
        group,
    )
