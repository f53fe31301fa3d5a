"""Where a run of quoted words sits in the source.

The source and the quotations are compared as canonical tokens (house style aside:
U.S./US, favour/favor, per cent/percent, see the equivalence table in
:mod:`cablereader.core.text`), each spelled as one code character.  A run is found
exactly with ``str.find``; failing that, two-token seeds vote for a place in the source
and a word-level diff against a window there measures how much agrees.  The window is
bounded by the run's length, and callers cut long quotations into bounded runs, so the
work per quotation grows with its length, never with the article's.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from cablereader.core.alignment.diffing import DELETE, EQUAL, INSERT, diff_codes
from cablereader.core.alignment.runs import SeedIndex
from cablereader.core.equivalences import CanonicalWords, canonical_words
from cablereader.core.text import UNKNOWN_CODE, Words, code_point

# Bigrams this common in the source ("of the") say nothing about where a quote is.
_MAX_BIGRAM_OCCURRENCES = 200
# In normalised text: what ends a sentence or a quotation.
_SENTENCE_END = re.compile(r'[.!?;:"]')
# Words too common to show that a short quotation was taken from a source phrase.
FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "or",
        "but",
        "nor",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "as",
        "into",
        "than",
        "then",
        "so",
        "if",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "not",
        "no",
        "he",
        "she",
        "they",
        "we",
        "you",
        "i",
        "me",
        "him",
        "her",
        "his",
        "hers",
        "them",
        "their",
        "theirs",
        "our",
        "ours",
        "my",
        "your",
        "us",
        "there",
        "here",
        "which",
        "who",
        "whom",
        "whose",
        "what",
        "when",
        "where",
        "why",
        "how",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
        "do",
        "does",
        "did",
        "has",
        "have",
        "had",
    ]
)


@dataclass(frozen=True)
class Located:
    """A match in the source, in canonical token indices (``last`` exclusive)."""

    first: int
    last: int
    matched: int
    longest_run: int
    exact: bool
    longest_at: int = -1  # where the longest shared run starts in the source

    def longest_is_sentence(self, sentence_ends: bytes) -> bool:
        """Whether the longest shared run is one or more whole sentences of the source."""
        at, end = self.longest_at, self.longest_at + self.longest_run
        if at < 0 or self.longest_run == 0:
            return False
        return (at == 0 or sentence_ends[at - 1] == 1) and sentence_ends[end - 1] == 1


@dataclass(frozen=True)
class CodedRun:
    """A run of quoted words as canonical codes, with the article words they came from."""

    codes: str
    canonical: CanonicalWords


class SourceMatcher:
    """The source as canonical codes, with a two-token seed index; never changed after
    it is built, so one matcher can serve several threads."""

    def __init__(self, source: Words) -> None:
        self.words = source
        self.canonical = canonical_words(source)
        self._codes: dict[str, str] = {}
        for token in self.canonical.tokens:
            if token not in self._codes:
                self._codes[token] = code_point(len(self._codes))
        self.codes = "".join(self._codes[t] for t in self.canonical.tokens)
        self.bigrams = SeedIndex(self.codes, 2)
        flags = _sentence_ends(source)
        self.sentence_ends = bytes(
            flags[end - 1] if end > 0 else 0 for end in self.canonical.end_word
        )

    def encode(self, article: Words, first: int, last: int) -> CodedRun:
        canonical = canonical_words(article, first, last)
        codes = "".join(self._codes.get(t, UNKNOWN_CODE) for t in canonical.tokens)
        return CodedRun(codes, canonical)

    def source_words(self, located: Located) -> tuple[int, int]:
        """The source word range of a match."""
        first = self.canonical.first_word[located.first]
        last = self.canonical.end_word[located.last - 1]
        return first, max(first + 1, last)

    def locate(self, codes: str, after: int, *, fuzzy: bool) -> Located | None:
        if not codes:
            return None
        position = self.codes.find(codes, after)
        if position < 0:
            position = self.codes.find(codes)
        if position >= 0:
            n = len(codes)
            return Located(position, position + n, n, n, True, position)
        if not fuzzy or len(codes) < 2:
            return None
        return self._locate_fuzzy(codes)

    def _locate_fuzzy(self, codes: str) -> Located | None:
        votes: Counter[int] = Counter()
        for k in range(len(codes) - 1):
            positions = self.bigrams.positions(codes[k : k + 2])
            if len(positions) > _MAX_BIGRAM_OCCURRENCES:
                continue
            for p in positions:
                votes[p - k] += 1
        if not votes:
            return None
        # The diagonal with most support nearby (a changed word shifts it a little).
        best = max(votes, key=lambda d: (sum(votes.get(d + s, 0) for s in range(-3, 4)), -d))
        slack = max(4, len(codes) // 3)
        lo = max(0, best - slack)
        hi = min(len(self.codes), best + len(codes) + slack)
        return _match_window(codes, self.codes[lo:hi], lo, self.sentence_ends)

    def locate_near(self, run: CodedRun) -> Located | None:
        """A source phrase that a short quotation matches but for one changed, added or
        dropped word, sharing at least two words that are not function words."""
        codes = run.codes
        n = len(codes)
        candidates: set[int] = set()
        for k in range(n - 1):
            for p in self.bigrams.positions(codes[k : k + 2])[:_MAX_BIGRAM_OCCURRENCES]:
                candidates.add(p - k)
        if n == 3:  # a substitution in the middle leaves no shared bigram
            for p in _positions(self.codes, codes[0])[:_MAX_BIGRAM_OCCURRENCES]:
                if self.codes[p + 2 : p + 3] == codes[2]:
                    candidates.add(p)
        content = {
            c
            for c, token in zip(codes, run.canonical.tokens, strict=True)
            if token not in FUNCTION_WORDS and c != UNKNOWN_CODE
        }
        best: Located | None = None
        best_score = (0, 0)
        for start in sorted(candidates):
            for length in (n - 1, n, n + 1):
                lo, hi = start, start + length
                for shift in (0, -1, 1):
                    a, b = lo + shift, hi + shift
                    if a < 0 or b > len(self.codes) or b - a < 2:
                        continue
                    window = self.codes[a:b]
                    if _one_edit(codes, window) and len(content & set(window)) >= 2:
                        matched = min(n, len(window)) - (1 if len(window) == n else 0)
                        found = Located(a, b, matched, _longest_common_run(codes, window), False)
                        # A changed word before an added or dropped one.
                        score = (found.matched, -abs(len(window) - n))
                        if best is None or score > best_score:
                            best, best_score = found, score
        return best


def _positions(codes: str, code: str) -> list[int]:
    out: list[int] = []
    position = codes.find(code)
    while position >= 0 and len(out) <= _MAX_BIGRAM_OCCURRENCES:
        out.append(position)
        position = codes.find(code, position + 1)
    return out


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` becomes ``b`` by exactly one substitution, insertion or deletion."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _longest_common_run(a: str, b: str) -> int:
    best = 0
    for i in range(len(a)):
        for j in range(len(b)):
            k = 0
            while i + k < len(a) and j + k < len(b) and a[i + k] == b[j + k]:
                k += 1
            best = max(best, k)
    return best


def _sentence_ends(words: Words) -> bytes:
    """For each word, 1 if a sentence or a quotation ends right after it."""
    text = words.norm.text
    starts = words.starts
    flags = bytearray(len(words))
    for i, end in enumerate(words.ends):
        following = starts[i + 1] if i + 1 < len(starts) else len(text)
        if _SENTENCE_END.search(text, end, following):
            flags[i] = 1
    return bytes(flags)


def _match_window(codes: str, window: str, offset: int, sentence_ends: bytes) -> Located | None:
    """Where in ``window`` the coded quote matches, by a word-level diff.

    Quote words before the first and after the last matching word stand where the
    source has words of its own, so the match is widened over as many source words,
    within the sentence: a quotation whose ending was rewritten is compared with the
    source's ending, not only with its shared beginning.
    """
    first = last = -1
    matched = longest = 0
    longest_at = -1
    head = tail = 0  # quote words outside the first and last match
    pos = 0
    for op, chunk in diff_codes(codes, window):
        if op == EQUAL:
            if first < 0:
                first = pos
            last = pos + len(chunk)
            matched += len(chunk)
            if len(chunk) > longest:
                longest, longest_at = len(chunk), offset + pos
            tail = 0
        elif op == DELETE:  # quote words the window lacks
            if first < 0:
                head += len(chunk)
            else:
                tail += len(chunk)
        if op in (EQUAL, INSERT):  # the window's side advances on these
            pos += len(chunk)
    if first < 0:
        return None
    for _ in range(head):
        if first == 0 or sentence_ends[offset + first - 1]:
            break
        first -= 1
    for _ in range(tail):
        if last == len(window) or sentence_ends[offset + last - 1]:
            break
        last += 1
    return Located(offset + first, offset + last, matched, longest, False, longest_at)
