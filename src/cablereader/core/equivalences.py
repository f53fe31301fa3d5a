"""The house-style equivalence table, and the canonical form of words it defines.

Spellings that outlets change as a matter of house style (British or American
spelling, numbers in words or figures, "per cent", "&", initialisms with or without
full stops) never make a quotation altered.  This is a rule about what counts as the
same word, not about how a text is normalised, so it stands apart from
:mod:`cablereader.core.text`, whose words it takes in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cablereader.core.text import Vocabulary, Words, normalize

# THE EQUIVALENCE TABLE: spellings that outlets change as a matter of house style and
# that therefore never make a quotation altered.  Each maps onto one canonical form; a
# quotation and the source are compared in canonical forms (the README documents this
# table).  Initialisms written with or without full stops (U.S./US, U.K./UK, U.N./UN)
# and abbreviations with or without one (Mr./Mr, Dr./Dr) need no entry: words are
# compared without punctuation, single letters each followed by "." are one initialism,
# and so is a word of two to four letters written in capitals (US, but not "us").

# Whole words, after case folding: British and variant spellings onto American ones,
# small numbers in words onto numerals.
WORD_EQUIVALENTS: dict[str, str] = {
    "defence": "defense",
    "offence": "offense",
    "licence": "license",
    "pretence": "pretense",
    "centre": "center",
    "centres": "centers",
    "theatre": "theater",
    "metre": "meter",
    "metres": "meters",
    "litre": "liter",
    "fibre": "fiber",
    "calibre": "caliber",
    "sombre": "somber",
    "spectre": "specter",
    "programme": "program",
    "programmes": "programs",
    "catalogue": "catalog",
    "dialogue": "dialog",
    "analogue": "analog",
    "judgement": "judgment",
    "ageing": "aging",
    "grey": "gray",
    "aluminium": "aluminum",
    "manoeuvre": "maneuver",
    "enrol": "enroll",
    "fulfil": "fulfill",
    "skilful": "skillful",
    "zero": "0",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "eleven": "11",
    "twelve": "12",
    "first": "1st",
    "second": "2nd",
    "third": "3rd",
    "fourth": "4th",
    "fifth": "5th",
}
# Two words written as one.
JOINED_EQUIVALENTS: dict[tuple[str, str], str] = {
    ("per", "cent"): "percent",
}
# Symbols that stand for a word: "&" between words, "%" after a number.
SYMBOL_EQUIVALENTS: dict[str, str] = {"&": "and", "%": "percent"}
# Spelling rules (British → American), applied to words not in the table.  The
# lookbehind keeps short words out (four, your, hour, rise, wise).
_DOUBLED_L_STEMS = (
    "travel|cancel|label|model|fuel|counsel|signal|level|total|channel|marvel|dial|"
    "quarrel|equal|jewel|tunnel|panel|label|rival|pedal|libel|shovel|funnel"
)
SPELLING_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?<=\w{3})our(s|ed|ing|able|ably|ite|ites|er|ers|ful|less|hood|ly)?$"), r"or\1"),
    (re.compile(r"(?<=\w{3})is(e|es|ed|ing|ation|ations|ational|er|ers)$"), r"iz\1"),
    (re.compile(r"(?<=\w{3})ys(e|es|ed|ing)$"), r"yz\1"),
    (re.compile(rf"^({_DOUBLED_L_STEMS})l(ed|ing|er|ers)$"), r"\1\2"),
)


def canonical_word(word: str) -> str:
    """The canonical spelling of one case-folded word (see the equivalence table)."""
    known = _CANONICAL_CACHE.get(word)
    if known is not None:
        return known
    canonical = WORD_EQUIVALENTS.get(word)
    if canonical is None:
        canonical = word
        for pattern, replacement in SPELLING_RULES:
            canonical = pattern.sub(replacement, canonical)
    if len(_CANONICAL_CACHE) < 200_000:
        _CANONICAL_CACHE[word] = canonical
    return canonical


_CANONICAL_CACHE: dict[str, str] = {}


@dataclass(frozen=True)
class CanonicalWords:
    """Words ``first``…``last`` of a :class:`Words` in house-style-neutral form.

    ``tokens[i]`` came from the words ``first_word[i]`` up to (not including)
    ``end_word[i]``: usually one word; two for "per cent" or "U.S."; none for a symbol
    standing for a word ("&").
    """

    tokens: tuple[str, ...]
    first_word: tuple[int, ...]
    end_word: tuple[int, ...]


def canonical_words(words: Words, first: int = 0, last: int | None = None) -> CanonicalWords:
    """The canonical tokens of ``words[first:last]``, with the words each came from."""
    last = len(words) if last is None else last
    text = words.norm.text
    starts, ends, spelled = words.starts, words.ends, words.words
    tokens: list[str] = []
    firsts: list[int] = []
    finals: list[int] = []

    def gap_after(index: int) -> str:
        following = starts[index + 1] if index + 1 < len(starts) else len(text)
        return text[ends[index] : following]

    # Checks per word are costly in Python: skip those that the whole run rules out.
    symbols = False
    capitals: set[str] = set()
    if first < last:
        norm_run = text[starts[first] : ends[last - 1] + 1]
        original_run = words.norm.original[slice(*words.original_span(first, last))]
        symbols = "&" in norm_run or "%" in norm_run
        capitals = {m.group().casefold() for m in _CAPITALS.finditer(original_run)}
    i = first
    while i < last:
        word = spelled[i]
        j = i
        # An initialism with full stops: single letters, each followed by "." (U.S.).
        while j < last and len(spelled[j]) == 1 and spelled[j].isalpha():
            gap = gap_after(j)
            if not gap.startswith("."):
                break
            j += 1
            if gap != ".":
                break
        if j - i >= 2:
            tokens.append(".".join(spelled[i:j]))
            firsts.append(i)
            finals.append(j)
            i = j
            continue
        if i + 1 < last and (word, spelled[i + 1]) in JOINED_EQUIVALENTS:
            tokens.append(JOINED_EQUIVALENTS[(word, spelled[i + 1])])
            firsts.append(i)
            finals.append(i + 2)
            i += 2
            continue
        if word in capitals and _written_in_capitals(words, i):
            tokens.append(".".join(word))  # US as U.S., but not the pronoun "us"
        else:
            tokens.append(canonical_word(word))
        firsts.append(i)
        finals.append(i + 1)
        if not symbols:
            pass
        elif i + 1 < last:
            gap = gap_after(i)
            if "&" in gap:
                tokens.append(SYMBOL_EQUIVALENTS["&"])
                firsts.append(i + 1)
                finals.append(i + 1)
            elif gap.lstrip().startswith("%") and word[-1:].isdigit():
                tokens.append(SYMBOL_EQUIVALENTS["%"])
                firsts.append(i + 1)
                finals.append(i + 1)
        elif gap_after(i).lstrip().startswith("%") and word[-1:].isdigit():
            tokens.append(SYMBOL_EQUIVALENTS["%"])
            firsts.append(i + 1)
            finals.append(i + 1)
        i += 1
    return CanonicalWords(tuple(tokens), tuple(firsts), tuple(finals))


_CAPITALS = re.compile(r"\b[A-Z]{2,4}\b")  # initialisms like US, found once per run


def _written_in_capitals(words: Words, index: int) -> bool:
    start, end = words.original_span(index, index + 1)
    return words.norm.original[start:end].isupper()


def canonical_text(text: str) -> tuple[str, ...]:
    """The canonical tokens of a piece of text (to tell a house-style difference)."""
    vocabulary = Vocabulary()
    return canonical_words(vocabulary.words(normalize(text))).tokens
