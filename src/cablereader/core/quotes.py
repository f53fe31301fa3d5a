"""Finding the quotations in an article.

Handles curly and straight double quotes, „low-high“ quotes, « guillemets » in French,
Swiss and German (»…«) use, ‹single guillemets›, single quotes used as quotation marks
(told apart from apostrophes), quotations nested in quotations, quotations that run
over several paragraphs (each paragraph reopening the quote, only the last one closing
it), and a quotation split by an attribution (“Otherwise,” he continued, “I think…”),
whose parts are grouped.

Marks are paired by where they stand (an opening mark has a space or nothing before it
and a word after it), not by their shape alone, since real pages open with ” and close
with “.  A line break never ends a quotation that goes on mid-sentence (hard-wrapped
text); a paragraph end does.  A quotation whose marks are broken is still reported,
with ``marks`` saying how: ``unclosed`` (it runs to the paragraph's end), ``unopened``
(a closing mark with no opening one: it starts at its sentence's start) or
``mismatched`` (marks that do not belong together).  Nothing is silently dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import pairwise

from cablereader.core.quotation import (
    BALANCED,
    DOUBLE,
    GUILLEMET,
    MISMATCHED,
    SINGLE,
    SINGLE_GUILLEMET,
    UNCLOSED,
    UNOPENED,
    Quotation,
)

_FAMILY = {
    "\u201c": DOUBLE,
    "\u201d": DOUBLE,
    "\u201e": DOUBLE,
    "\u201f": DOUBLE,
    '"': DOUBLE,
    "\u00ab": GUILLEMET,
    "\u00bb": GUILLEMET,
    "\u2018": SINGLE,
    "\u2019": SINGLE,
    "\u201a": SINGLE,
    "'": SINGLE,
    "\u2039": SINGLE_GUILLEMET,
    "\u203a": SINGLE_GUILLEMET,
}
# Opening and closing marks that belong together (English, German, French, Swiss).
_PAIRS = frozenset(
    {
        ("\u201c", "\u201d"),
        ("\u201e", "\u201c"),
        ("\u201e", "\u201d"),
        ("\u201f", "\u201d"),
        ('"', '"'),
        ("\u00ab", "\u00bb"),
        ("\u00bb", "\u00ab"),
        ("\u2018", "\u2019"),
        ("\u201a", "\u2018"),
        ("\u201a", "\u2019"),
        ("'", "'"),
        ("\u2039", "\u203a"),
        ("\u203a", "\u2039"),
    }
)
# Marks that may close a quotation opened by a mark of another family (» … ”).
_CROSS_CLOSING = frozenset({DOUBLE, GUILLEMET})
_MARKS_RE = re.compile("[\u201c\u201d\u201e\u201f\u00ab\u00bb\u2018\u2019\u201a\u2039\u203a\"'\n]")
# What may stand before an opening mark: nothing, space, an opening bracket or dash, or
# another opening mark.
_BEFORE_OPEN = frozenset(" \t\n([{\u2014\u2013-/:\u00a0\u202f\u201c\u201e\u00ab\u00bb\u2018\u201a")
_INNER_SPACE = frozenset(" \u00a0\u202f\u2009")  # « French spacing » inside guillemets
_ATTRIBUTION_WORDS = 8
_SENTENCE_END = re.compile(r"[.!?;:]")
# A line ending with one of these may end a paragraph; any other line break is a wrap.
_LINE_END_SENTENCE = re.compile(r"[.!?:\u2026][\"'\u201d\u2019\u00bb)\]]*[ \t]*$")
_BLANK_LINE = re.compile(r"\n[ \t\u00a0]*\n")
_SENTENCE_START = re.compile(r"[.!?]['\"\u201d\u2019)\]]*\s+")
_SENTENCE_STOP = re.compile(r"[.!?\u2026]['\"\u201d\u2019)\]]*(?=\s)")
# A quotation never closed runs to the end of its paragraph, but no further than this:
# text without line breaks (a page flattened to one line) has no paragraphs to end it.
MAX_UNCLOSED_CHARS = 2000


@dataclass
class _Open:
    kind: str
    pos: int  # offset of the opening mark
    mark: str
    children: list[Quotation]


def _is_word_char(char: str) -> bool:
    return char.isalnum()


class _Finder:
    def __init__(self, text: str) -> None:
        self.text = text
        self.found: list[Quotation] = []
        self.stack: list[_Open] = []
        self.paragraph_start = 0

    def run(self) -> list[Quotation]:
        text = self.text
        length = len(text)
        reopening = -1  # offset of a mark that continues a quotation into a new paragraph
        for match in _MARKS_RE.finditer(text):
            i = match.start()
            char = match.group()
            if char == "\n":
                reopening = self._line_break(i)
                continue
            if i == reopening:
                continue
            before = text[i - 1] if i > 0 else "\n"
            after = text[i + 1] if i + 1 < length else "\n"
            kind = _FAMILY[char]
            if kind in (GUILLEMET, SINGLE_GUILLEMET):
                before, after = self._skip_inner_space(i, before, after)
            role = self._role(char, kind, before, after)
            if role == "open":
                self.stack.append(_Open(kind, i, char, []))
            elif role == "close":
                self._close(i, char, kind)
        self._end_paragraph(length)
        return self.found

    def _skip_inner_space(self, i: int, before: str, after: str) -> tuple[str, str]:
        """« French spacing » puts a space inside the marks: read past it.

        German »…« has no spaces inside, so a space outside the marks decides nothing.
        """
        if self.text[i] in "\u00ab\u2039":
            if after.isspace() and not _is_word_char(before):
                return before, "x"  # opens, as in French and Swiss use
        elif before.isspace() and not _is_word_char(after):
            return "x", after  # » and › close
        return before, after

    def _role(self, char: str, kind: str, before: str, after: str) -> str | None:
        stack = self.stack
        open_kinds = {o.kind for o in stack}
        top = stack[-1].mark if stack else ""
        if char == "\u201c" and top == "\u201e":
            return "close"  # „German“ quotes close with the English opening mark
        if char == "\u2018" and top == "\u201a":
            return "close"  # ‚German‘ single quotes likewise
        if kind == SINGLE and after.isdigit():
            return None  # an elided century, ’90s or '90s, not a quotation
        left = (before in _BEFORE_OPEN or before.isspace()) and not after.isspace()
        right = not before.isspace() and before not in "([{" and not _is_word_char(after)
        if kind == SINGLE:
            if char in "\u2018\u201a":
                return None if _is_word_char(before) else "open"  # rock‘n’roll
            if char == "\u2019":
                # ’ is mostly an apostrophe: it closes only an open single quote, and
                # never inside a word (Pakistan’s).
                if _is_word_char(before) and _is_word_char(after):
                    return None
                return "close" if SINGLE in open_kinds else None
            # A straight ': decide by what surrounds it.
            if _is_word_char(before) and _is_word_char(after):
                return None  # Pakistan's
            can_open = left and _is_word_char(after)
            can_close = right and SINGLE in open_kinds
            if can_close and (not can_open or stack[-1].kind == SINGLE):
                return "close"
            return "open" if can_open else None
        if char == '"':
            if right and kind in open_kinds and (not left or stack[-1].kind == kind):
                return "close"
            if left:
                return "open"
            return "close" if right else None
        if char in "\u201c\u201e\u201f":
            return "close" if right and not left else "open"
        if char == "\u201d":
            return "open" if left and not right else "close"
        # Guillemets point either way (French «…», German »…«): where they stand decides.
        if left and not right:
            return "open"
        if right and not left:
            return "close"
        return "close" if kind in open_kinds else "open"

    def _close(self, i: int, char: str, kind: str) -> None:
        stack = self.stack
        depth = next((d for d in range(len(stack) - 1, -1, -1) if stack[d].kind == kind), -1)
        if depth < 0 and kind in _CROSS_CLOSING:
            depth = next(
                (d for d in range(len(stack) - 1, -1, -1) if stack[d].kind in _CROSS_CLOSING),
                -1,
            )
        if depth < 0:
            if kind in _CROSS_CLOSING and char != '"':
                self._unopened(i, kind)
            return
        # Quotations opened inside this one and never closed end with it.
        while len(stack) > depth + 1:
            self._emit_unclosed(stack.pop(), i)
        opened = stack.pop()
        marks = BALANCED if (opened.mark, char) in _PAIRS else MISMATCHED
        self._emit(opened.pos + 1, i, opened.pos, i + 1, opened.kind, marks)

    def _emit(
        self,
        start: int,
        end: int,
        mark_start: int,
        mark_end: int,
        kind: str,
        marks: str,
    ) -> None:
        text = self.text[start:end]
        if not text.strip():
            return
        quote = Quotation(start, end, mark_start, mark_end, text, kind, 0, None, marks)
        self.found.append(quote)
        if self.stack:
            self.stack[-1].children.append(quote)

    def _unopened(self, close: int, kind: str) -> None:
        """A closing mark with nothing open: the quotation starts at its sentence's start."""
        text = self.text
        floor = max(self.paragraph_start, close - MAX_UNCLOSED_CHARS)
        floor = max(floor, text.rfind("\n", floor, close) + 1)
        if self.found:
            floor = max(floor, min(self.found[-1].mark_end, close))
        start = floor
        # The sentence's start, not counting a full stop just before the mark.
        for match in _SENTENCE_START.finditer(text, floor, max(floor, close - 1)):
            start = match.end()
        while start < close and text[start].isspace():
            start += 1
        self._emit(start, close, start, close + 1, kind, UNOPENED)

    def _emit_unclosed(self, opened: _Open, end: int) -> None:
        text = self.text
        start = opened.pos + 1
        end = self._unclosed_end(opened, start, end)
        # An outer quotation whose inner one opened with the same mark, both closed by
        # one closing mark (a common typo), ends where the inner one does.
        same = [
            q for q in opened.children if text[q.mark_start] == opened.mark and q.mark_end <= end
        ]
        if same:
            last = same[-1]
            tail = text[last.mark_end : end].strip()
            ends_sentence = last.text.rstrip()[-1:] in ".!?,"
            if not tail or (ends_sentence and len(re.findall(r"\w+", tail)) <= _ATTRIBUTION_WORDS):
                self._emit(start, last.end, opened.pos, last.mark_end, opened.kind, MISMATCHED)
                return
        while end > start and text[end - 1].isspace():
            end -= 1
        self._emit(start, end, opened.pos, end, opened.kind, UNCLOSED)

    def _unclosed_end(self, opened: _Open, start: int, end: int) -> int:
        """Where a quotation never closed ends: its paragraph's end, unless a quotation
        opens in it after a sentence has ended (new prose, quoting someone else), or
        it would run past :data:`MAX_UNCLOSED_CHARS`; then at the last sentence's end."""
        text = self.text
        limit = min(end, start + MAX_UNCLOSED_CHARS)
        for child in opened.children:
            if child.mark_start >= limit:
                break
            if _SENTENCE_START.search(text, start, child.mark_start):
                limit = child.mark_start
                break
        if limit == end:
            return end
        stop = -1
        for match in _SENTENCE_STOP.finditer(text, start, limit):
            stop = match.end()
        return stop if stop > start else limit

    def _end_paragraph(self, end: int) -> None:
        while self.stack:
            self._emit_unclosed(self.stack.pop(), end)

    def _line_break(self, newline: int) -> int:
        """At a line break, end the paragraph unless the text only wraps there.

        By convention a quotation spanning paragraphs reopens each paragraph with an
        opening mark and closes only at its end; that mark belongs to the quotation.
        Returns the offset of such a reopening mark, or -1.
        """
        text = self.text
        if not self.stack:
            self.paragraph_start = newline + 1
            return -1
        nxt = newline + 1
        while nxt < len(text) and text[nxt].isspace():
            nxt += 1
        blank = _BLANK_LINE.match(text, newline) is not None
        if nxt < len(text) and _FAMILY.get(text[nxt]) == self.stack[0].kind:
            reopen_char = text[nxt]
            after = text[nxt + 1] if nxt + 1 < len(text) else "\n"
            if reopen_char not in "\u201d\u2019" and not after.isspace():
                for inner in self.stack[1:]:
                    self._emit_unclosed(inner, newline)
                del self.stack[1:]
                return nxt
        line_start = text.rfind("\n", 0, newline) + 1
        wraps = not blank and (
            not _LINE_END_SENTENCE.search(text, line_start, newline)
            or self._closes_on_next_line(newline + 1)
        )
        if not wraps:
            self._end_paragraph(newline)
            self.paragraph_start = newline + 1
        return -1

    def _closes_on_next_line(self, start: int) -> bool:
        """Whether the innermost open quotation's closing mark is on the next line."""
        text = self.text
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        kind = self.stack[-1].kind
        depth = 0
        for match in _MARKS_RE.finditer(text, start, end):
            char = match.group()
            if _FAMILY.get(char) != kind:
                continue
            i = match.start()
            before = text[i - 1] if i > 0 else "\n"
            after = text[i + 1] if i + 1 < len(text) else "\n"
            if not before.isspace() and not _is_word_char(after):
                if depth == 0:
                    return True
                depth -= 1
            elif not after.isspace() and (before.isspace() or before in _BEFORE_OPEN):
                depth += 1
        return False


def find_quotations(text: str) -> list[Quotation]:
    """All quotations in ``text``, in order of their opening marks."""
    found = _Finder(text).run()
    found.sort(key=lambda q: (q.mark_start, -q.mark_end))
    return _group_split_quotations(text, _with_depths(found))


def _with_depths(quotes: list[Quotation]) -> list[Quotation]:
    """Set each quotation's depth: how many other quotations contain it."""
    result = []
    enclosing: list[Quotation] = []
    for quote in quotes:
        while enclosing and enclosing[-1].mark_end <= quote.mark_start:
            enclosing.pop()
        while enclosing and enclosing[-1].end < quote.end:
            enclosing.pop()  # overlapping, not containing: an inferred extent
        result.append(replace(quote, depth=len(enclosing)))
        enclosing.append(quote)
    return result


def _group_split_quotations(text: str, quotes: list[Quotation]) -> list[Quotation]:
    """Give the parts of a quotation interrupted by an attribution a shared group."""
    result = list(quotes)
    top = [i for i, q in enumerate(result) if q.depth == 0]
    for left, right in pairwise(top):
        first, second = result[left], result[right]
        if first.mark_end > second.mark_start:
            continue
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
            result[left] = replace(first, group=group)
            result[right] = replace(second, group=group)
    return result
