"""From the text lines of PDF pages to paragraphs: furniture dropped, lines joined.

Pure text work, separate from the PDF library: each page is a list of text blocks in
reading order (a block is the lines of one paragraph, or of its part in one column),
with each block's vertical position, so that running headers and footers can be told
from the article by where they sit and by repeating on page after page.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

_PAGE_NUMBER_RE = re.compile(r"^\s*(page\s*)?\d{1,4}(\s*(of|/)\s*\d{1,4})?\s*$", re.I)
_DIGITS_RE = re.compile(r"\d+")
# A line ending in a letter and a hyphen, continued by a line starting with a letter.
_HYPHEN_END_RE = re.compile(r"(\w+)-$")
_WORD_START_RE = re.compile(r"^(\w+)")
# Any hyphen ending a line after a non-space ("U.S.-" too); " -" is a dash, not a hyphen.
_LINE_END_HYPHEN_RE = re.compile(r"\S-$")
_SENTENCE_END = tuple(".!?:;”’\"')]…")


@dataclass(frozen=True)
class Block:
    """One text block of a page: its lines, top to bottom, and its top and bottom edge
    as a share of the page height (0 = bottom of the page, 1 = top)."""

    lines: tuple[str, ...]
    top: float
    bottom: float
    left: float = 0.0
    right: float = 1.0
    size: float = 0.0  # line height in points: the font size, roughly


# A block at least this share of the text width wide spans the columns (a headline).
_SPANNING_SHARE = 0.6
# Left edges further apart than this share of the text width start different columns.
_COLUMN_GAP_SHARE = 0.15


def reading_order(blocks: list[Block]) -> list[Block]:
    """``blocks`` of one page in reading order: columns left to right, each top down,
    with blocks spanning the columns (a headline) between the sections they divide.

    The order in the file is not trusted: programs write lines in any order.
    """
    if not blocks:
        return []
    width = max(b.right for b in blocks) - min(b.left for b in blocks)
    if width <= 0:
        return sorted(blocks, key=lambda b: -b.top)
    narrow = [b for b in blocks if b.right - b.left < _SPANNING_SHARE * width]
    starts: list[float] = []
    for left in sorted(b.left for b in narrow):
        if not starts or left - starts[-1] > _COLUMN_GAP_SHARE * width:
            starts.append(left)
    if len(starts) < 2:
        return sorted(blocks, key=lambda b: -b.top)

    def column(block: Block) -> int:
        return max((i for i, start in enumerate(starts) if start <= block.left + 1e-9), default=0)

    spanning = sorted((b for b in blocks if b not in narrow), key=lambda b: -b.top)
    ordered: list[Block] = []
    remaining = sorted(narrow, key=lambda b: (column(b), -b.top))
    for divider in [*spanning, None]:
        above = [b for b in remaining if divider is None or b.top > divider.top]
        ordered += above
        remaining = [b for b in remaining if b not in above]
        if divider is not None:
            ordered.append(divider)
    return ordered


def _furniture_key(text: str) -> str:
    return _DIGITS_RE.sub("#", " ".join(text.split()).casefold())


def _is_margin(block: Block) -> bool:
    return block.top > 0.9 or block.bottom < 0.1


def drop_furniture(pages: list[list[Block]]) -> list[list[Block]]:
    """Pages without running headers, footers and page numbers.

    Furniture is a one-line block in the top or bottom tenth of a page that is a page
    number, or whose text (digits aside) recurs in that margin on at least half of the
    pages (and on two at least), or that is set smaller than the text (a one-page
    document's header or footer).
    """
    sizes = sorted(b.size for page in pages for b in page if len(b.lines) > 1 and b.size > 0)
    body_size = sizes[len(sizes) // 2] if sizes else 0.0
    counts: Counter[str] = Counter()
    for page in pages:
        counts.update({_furniture_key(b.lines[0]) for b in page if _is_margin(b) and b.lines})
    recurring = {key for key, n in counts.items() if n >= max(2, (len(pages) + 1) // 2)}

    def furniture(block: Block) -> bool:
        if not _is_margin(block) or len(block.lines) != 1:
            return False
        line = block.lines[0]
        smaller = 0 < block.size < 0.9 * body_size
        return bool(_PAGE_NUMBER_RE.match(line)) or _furniture_key(line) in recurring or smaller

    return [[b for b in page if not furniture(b)] for page in pages]


def _join_hyphenated(head: str, tail: str, vocabulary: set[str]) -> str:
    """``head`` (ending in ``word-``) and ``tail`` joined across the line break.

    The document decides where it can: the joined word appearing elsewhere in it (and
    the hyphenated form not) means a typesetter's hyphen, dropped; the hyphenated form
    appearing elsewhere (``no-confidence``) means a real one, kept.  Otherwise the hyphen
    stays when the second part does not start in lower case (``U.S.-Pakistan``,
    ``2022-23``) or when both parts are words of the document on their own
    (``long-term``), and is dropped (``Minis-ter``).
    """
    first = _HYPHEN_END_RE.search(head)
    second = _WORD_START_RE.match(tail)
    if first is None or second is None:
        return f"{head}{tail}"
    left, right = first.group(1), second.group(1)
    joined, hyphenated = (left + right).casefold(), f"{left}-{right}".casefold()
    if joined in vocabulary and hyphenated not in vocabulary:
        keep = False
    elif hyphenated in vocabulary:
        keep = True
    else:
        keep = not right[:1].islower() or (
            left.casefold() in vocabulary and right.casefold() in vocabulary
        )
    return f"{head}{tail}" if keep else f"{head[:-1]}{tail}"


_VOCABULARY_RE = re.compile(r"\w+(?:-\w+)*")


def _vocabulary(pages: list[list[Block]]) -> set[str]:
    """The document's words (and hyphenated words and their parts), casefolded, leaving
    out the fragments on either side of a line-end hyphen."""
    words: set[str] = set()
    for page in pages:
        for block in page:
            after_hyphen = False
            for line in block.lines:
                tokens = [m.group() for m in _VOCABULARY_RE.finditer(line)]
                ends_hyphen = line.rstrip().endswith("-")
                if ends_hyphen and tokens:
                    tokens.pop()
                if after_hyphen and tokens:
                    tokens.pop(0)
                after_hyphen = ends_hyphen
                for token in tokens:
                    words.add(token.casefold())
                    words.update(part.casefold() for part in token.split("-"))
    return words


def _join_lines(lines: list[str], vocabulary: set[str]) -> str:
    text = ""
    for line in lines:
        line = " ".join(line.split())
        if not line:
            continue
        if not text:
            text = line
        elif _LINE_END_HYPHEN_RE.search(text) and _WORD_START_RE.match(line):
            text = _join_hyphenated(text, line, vocabulary)
        else:
            text = f"{text} {line}"
    return text


def paragraphs(pages: list[list[Block]]) -> list[str]:
    """The text of ``pages`` (furniture already dropped) as paragraphs.

    Lines of a block are one paragraph.  A block continues the previous one when the
    previous one does not end a sentence and this one starts in lower case, or starts a
    column or page (a paragraph broken by the column or page end).
    """
    vocabulary = _vocabulary(pages)
    result: list[list[str]] = []
    for page in pages:
        previous_top = -1.0  # a new page starts a column
        for block in reading_order(page):
            lines = [line for line in block.lines if line.strip()]
            if not lines:
                continue
            starts_column = block.top > previous_top
            previous_top = block.top
            previous = result[-1][-1].rstrip() if result else ""
            starts_lower = lines[0].lstrip()[:1].islower()
            if (
                previous
                and (starts_lower or starts_column)
                and not previous.endswith(_SENTENCE_END)
            ):
                result[-1].extend(lines)
            else:
                result.append(lines)
    return [text for text in (_join_lines(lines, vocabulary) for lines in result) if text]
