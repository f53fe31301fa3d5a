"""A verdict for every quotation of an article, against the source.

``verbatim``       the quoted words are the source's words, in order (case, typography
                   and punctuation aside; marked elisions — an ellipsis or [bracketed
                   words] — may skip source words);
``altered``        close to a source passage, but words were changed (they are listed);
``fragment``       one to three words found in the source: too short to say more;
``not_in_source``  nothing in the source is close enough.

A quotation split by an attribution is judged as one: its parts share the verdict.
Short quotations cannot be judged by a similarity score alone (a four-word question
can share half its words with any long text), so a quotation counts as altered only
when it also shares a run of consecutive words with the source passage.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from cablereader.core.alignment import AlignmentSide, Difference, differences
from cablereader.core.alignment.diffing import DELETE, EQUAL, INSERT, diff_codes
from cablereader.core.alignment.runs import SeedIndex
from cablereader.core.quotes import Quotation
from cablereader.core.text import Words

VERBATIM = "verbatim"
ALTERED = "altered"
FRAGMENT = "fragment"
NOT_IN_SOURCE = "not_in_source"
VERDICTS = (VERBATIM, ALTERED, FRAGMENT, NOT_IN_SOURCE)

FRAGMENT_MAX_WORDS = 3
ALTERED_MIN_SIMILARITY = 0.6
# An altered quotation shares at least this many consecutive words with the source
# (or, for very short quotations, half of its words).
ALTERED_MIN_RUN = 3
# Bigrams this common in the source ("of the") say nothing about where a quote is.
_MAX_BIGRAM_OCCURRENCES = 200
_CLOSING = frozenset(".,;:!?")
# In normalised text: what ends a sentence or a quotation.
_SENTENCE_END = re.compile(r'[.!?;:"]')


@dataclass(frozen=True)
class QuoteCheck:
    """The verdict on one quotation, with where it sits in the source."""

    quotation: Quotation
    words: int
    verdict: str
    similarity: float
    source_start: int | None = None
    source_end: int | None = None
    differences: tuple[Difference, ...] = ()

    @property
    def start(self) -> int:
        return self.quotation.start

    @property
    def end(self) -> int:
        return self.quotation.end

    @property
    def text(self) -> str:
        return self.quotation.text

    @property
    def in_source(self) -> bool:
        return self.source_start is not None

    def diff_text(self) -> str:
        """The quotation with its changes marked, word-diff style: ``[-source-]{+quote+}``."""
        if not self.differences:
            return ""
        text = self.quotation.text
        offset = self.quotation.start
        out: list[str] = []
        pos = 0
        for diff in self.differences:
            start, end = diff.b_start - offset, diff.b_end - offset
            out.append(text[pos:start])
            # Keep the spaces around the change, as the reader sees them.
            context = diff.b_text if diff.b_text.strip() else diff.a_text
            out.append(context[: len(context) - len(context.lstrip())])
            if diff.a_text.strip():
                out.append(f"[-{diff.a_text.strip()}-]")
            if diff.b_text.strip():
                out.append(f"{{+{diff.b_text.strip()}+}}")
            out.append(context[len(context.rstrip()) :])
            pos = end
        out.append(text[pos:])
        return "".join(out).strip()


@dataclass(frozen=True)
class _Located:
    first: int  # source word index of the first matched word
    last: int  # source word index just past the last matched word
    matched: int
    longest_run: int
    exact: bool


class QuoteVerifier:
    """Verifies quotations against one source; build once per source, reuse per article."""

    def __init__(self, source: AlignmentSide) -> None:
        self.source = source
        # Built now, never changed after: one verifier can serve several threads.
        self.bigrams = SeedIndex(source.words.codes, 2)
        self.sentence_ends = _sentence_ends(source.words)

    def verify(self, article: AlignmentSide, quotations: Sequence[Quotation]) -> list[QuoteCheck]:
        groups: dict[tuple[str, int], list[Quotation]] = {}
        for quotation in quotations:
            key = (
                ("group", quotation.group)
                if quotation.group is not None
                else ("single", quotation.mark_start)
            )
            groups.setdefault(key, []).append(quotation)
        checks: list[QuoteCheck] = []
        for parts in groups.values():
            checks.extend(self._verify_group(article.words, parts))
        checks.sort(key=lambda c: c.quotation.mark_start)
        return checks

    def _verify_group(self, article: Words, parts: list[Quotation]) -> list[QuoteCheck]:
        segments_per_part = [_segments(article, q) for q in parts]
        all_segments = [s for segments in segments_per_part for s in segments]
        total_words = sum(end - start for start, end in all_segments)
        if total_words == 0:
            return []
        located: list[_Located | None] = []
        after = 0
        for start, end in all_segments:
            codes = article.codes[start:end]
            found = self._locate(codes, after, fuzzy=total_words > FRAGMENT_MAX_WORDS)
            located.append(found)
            if found is not None:
                after = found.last
        exact = all(loc is not None and loc.exact for loc in located)
        in_order = all(
            a is not None and b is not None and a.last <= b.first for a, b in pairwise(located)
        )
        if exact and in_order:
            verdict = FRAGMENT if total_words <= FRAGMENT_MAX_WORDS else VERBATIM
            similarity = 1.0
        else:
            matched = sum(loc.matched for loc in located if loc)
            source_words = sum(loc.last - loc.first for loc in located if loc)
            similarity = 2 * matched / (total_words + source_words)
            longest = max((loc.longest_run for loc in located if loc), default=0)
            needed_run = min(ALTERED_MIN_RUN, max(1, (total_words + 1) // 2))
            if (
                total_words > FRAGMENT_MAX_WORDS
                and similarity >= ALTERED_MIN_SIMILARITY
                and longest >= needed_run
            ):
                verdict = ALTERED
            else:
                verdict = NOT_IN_SOURCE
        checks = []
        index = 0
        for quotation, segments in zip(parts, segments_per_part, strict=True):
            mine = located[index : index + len(segments)]
            index += len(segments)
            checks.append(self._check(article, quotation, segments, mine, verdict, similarity))
        return checks

    def _check(
        self,
        article: Words,
        quotation: Quotation,
        segments: list[tuple[int, int]],
        located: list[_Located | None],
        verdict: str,
        similarity: float,
    ) -> QuoteCheck:
        words = sum(end - start for start, end in segments)
        places = [loc for loc in located if loc is not None]
        if verdict == NOT_IN_SOURCE or not places:
            return QuoteCheck(quotation, words, verdict, round(similarity, 4))
        source = self.source.words
        found: list[Difference] = []
        if verdict == ALTERED:
            source_text = source.norm.original
            article_text = article.norm.original
            for (start, end), loc in zip(segments, located, strict=True):
                if loc is None or end <= start:
                    continue
                a0, a1 = source.start_of(loc.first), source.end_of(loc.last - 1)
                b0, b1 = article.start_of(start), article.end_of(end - 1)
                found.extend(
                    d
                    for d in differences(source_text[a0:a1], article_text[b0:b1], a0, b0)
                    if not d.typographic
                )
        first = min(loc.first for loc in places)
        last = max(loc.last for loc in places)
        source_end = source.end_of(last - 1)
        # A quotation that ends with punctuation ends a clause or sentence of the source
        # too: take the source's own mark (American style puts "," where it had ".").
        if quotation.text.rstrip()[-1:] in _CLOSING and (
            source.norm.original[source_end : source_end + 1] in _CLOSING
        ):
            source_end += 1
        return QuoteCheck(
            quotation,
            words,
            verdict,
            round(similarity, 4),
            source.start_of(first),
            source_end,
            tuple(found),
        )

    def _locate(self, codes: str, after: int, *, fuzzy: bool) -> _Located | None:
        source_codes = self.source.words.codes
        if not codes:
            return None
        position = source_codes.find(codes, after)
        if position < 0:
            position = source_codes.find(codes)
        if position >= 0:
            return _Located(position, position + len(codes), len(codes), len(codes), True)
        if not fuzzy or len(codes) < 2:
            return None
        return self._locate_fuzzy(codes)

    def _locate_fuzzy(self, codes: str) -> _Located | None:
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
        source_codes = self.source.words.codes
        lo = max(0, best - slack)
        hi = min(len(source_codes), best + len(codes) + slack)
        return _match_window(codes, source_codes[lo:hi], lo, self.sentence_ends)


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


def _match_window(codes: str, window: str, offset: int, sentence_ends: bytes) -> _Located | None:
    """Where in ``window`` the coded quote matches, by a word-level diff.

    Quote words before the first and after the last matching word stand where the
    source has words of its own, so the match is widened over as many source words,
    within the sentence: a quotation whose ending was rewritten is compared with the
    source's ending, not only with its shared beginning.
    """
    first = last = -1
    matched = longest = 0
    head = tail = 0  # quote words outside the first and last match
    pos = 0
    for op, chunk in diff_codes(codes, window):
        if op == EQUAL:
            if first < 0:
                first = pos
            last = pos + len(chunk)
            matched += len(chunk)
            longest = max(longest, len(chunk))
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
    return _Located(offset + first, offset + last, matched, longest, False)


def _segments(article: Words, quotation: Quotation) -> list[tuple[int, int]]:
    """Word ranges of a quotation, split at marked elisions (… and [added words])."""
    norm = article.norm
    text = quotation.text
    cuts: list[tuple[int, int]] = []  # original offsets of elision marks, in the quote
    depth = 0
    start_bracket = 0
    for i, char in enumerate(text):
        if char == "[":
            if depth == 0:
                start_bracket = i
            depth += 1
        elif char == "]" and depth:
            depth -= 1
            if depth == 0:
                cuts.append((start_bracket, i + 1))
        elif char == "\u2026" and depth == 0:
            cuts.append((i, i + 1))
    for i in range(len(text) - 2):
        if text.startswith("...", i) and (i == 0 or text[i - 1] != "."):
            cuts.append((i, i + 3))
    cuts.sort()
    segments = []
    pos = quotation.start
    for cut_start, cut_end in [*cuts, (len(text), len(text))]:
        segments.append(
            _word_range(
                article, norm.from_original(pos), norm.from_original(quotation.start + cut_start)
            )
        )
        pos = quotation.start + cut_end
    return [s for s in segments if s[1] > s[0]]


def _word_range(article: Words, norm_start: int, norm_end: int) -> tuple[int, int]:
    return bisect_left(article.starts, norm_start), bisect_left(article.starts, norm_end)
