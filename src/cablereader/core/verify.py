"""A verdict for every quotation of an article, against the source.

``verbatim``       the quoted words are the source's words, in order (case, typography,
                   punctuation, invisible characters and house style aside — see the
                   equivalence table in :mod:`cablereader.core.equivalences`; marked elisions —
                   an ellipsis or [bracketed words] — may skip source words);
``altered``        close to a source passage, but words were changed (they are listed);
``fragment``       one to three words found in the source: too short to say more;
``not_in_source``  nothing in the source is close enough.

A quotation split by an attribution is judged as one: its parts share the verdict.
Short quotations cannot be judged by a similarity score alone (a four-word question
can share half its words with any long text), so a quotation counts as altered only
when it also shares a run of consecutive words with the source passage; or, for three
to five words, when it is a source phrase but for one word, sharing two words that are
not function words ("all would be forgiven"); or when it shares a long run of words
with the source whatever its similarity (a "leaked text" that opens with real sentences
and goes on with invented ones).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from cablereader.core.alignment import AlignmentSide, Difference, differences
from cablereader.core.equivalences import canonical_text, canonical_word
from cablereader.core.quotation import Quotation
from cablereader.core.quotematch import Located, SourceMatcher
from cablereader.core.text import WORD_RE, Words, has_hidden_differences
from cablereader.core.verdicts import (
    ALTERED,
    ARTICLE,
    CONTEXTS,
    FRAGMENT,
    IN_REPRINT,
    NOT_IN_SOURCE,
    VERBATIM,
    VERDICTS,
    QuoteCheck,
    counted_verdicts,
    quote_context,
    with_contexts,
)

# The verdict record and its vocabulary are in :mod:`cablereader.core.verdicts`; they
# are importable from here too, where the rest of the code has always found them.
__all__ = [
    "ALTERED",
    "ARTICLE",
    "CONTEXTS",
    "FRAGMENT",
    "IN_REPRINT",
    "NOT_IN_SOURCE",
    "VERBATIM",
    "VERDICTS",
    "QuoteCheck",
    "QuoteVerifier",
    "counted_verdicts",
    "quote_context",
    "with_contexts",
]

FRAGMENT_MAX_WORDS = 3
ALTERED_MIN_SIMILARITY = 0.6
# An altered quotation shares at least this many consecutive words with the source
# (or, for very short quotations, half of its words).
ALTERED_MIN_RUN = 3
# A run of whole source sentences this long (or any run twice as long) is taken from
# the source, however much else was invented around it.
ALTERED_LONG_RUN = 6
# Short quotations: one word changed in a source phrase of this many words is altered.
NEAR_MIN_WORDS, NEAR_MAX_WORDS = 3, 5
# Long quotations are located in runs of at most this many words, so that the work per
# quotation grows with its length only (a diff of a whole stretch is quadratic).
MAX_RUN_WORDS = 100
_CLOSING = frozenset(".,;:!?")
# What only the full canonical reading can tell: symbols, initialisms, joined words.
_STYLE_MARKERS = re.compile(r"[&%.]|[A-Z]{2}|(?i:\bper\b|\bcent\b)")


@dataclass(frozen=True)
class _Run:
    start: int  # article word range
    end: int
    continues: bool  # the previous run ends where this one starts (one long segment)


@dataclass(frozen=True)
class _Found:
    located: Located
    size: int  # quote tokens compared
    raw: bool  # found word for word, before any house-style equivalence


class QuoteVerifier:
    """Verifies quotations against one source; build once per source, reuse per article."""

    def __init__(self, source: AlignmentSide) -> None:
        self.source = source
        # Built now, never changed after: one verifier can serve several threads.
        self.matcher = SourceMatcher(source.words)
        canonical = self.matcher.canonical
        owner = [0] * len(source.words)
        for token, (first, end) in enumerate(
            zip(canonical.first_word, canonical.end_word, strict=True)
        ):
            for word in range(first, end):
                owner[word] = token
        self._token_of_word = owner

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

    def _find(self, article: Words, run: _Run, after: int, fuzzy: bool) -> _Found | None:
        source_codes = self.source.words.codes
        raw = article.codes[run.start : run.end]
        raw_after = (
            self.matcher.canonical.first_word[after]
            if after < len(self.matcher.canonical.first_word)
            else len(source_codes)
        )
        position = source_codes.find(raw, raw_after)
        if position < 0:
            position = source_codes.find(raw)
        if position >= 0:
            first = self._token_of_word[position]
            last = self._token_of_word[position + len(raw) - 1] + 1
            size = run.end - run.start
            return _Found(Located(first, last, size, size, True, first), size, True)
        coded = self.matcher.encode(article, run.start, run.end)
        located = self.matcher.locate(coded.codes, after, fuzzy=fuzzy)
        return None if located is None else _Found(located, len(coded.codes), False)

    def _verify_group(self, article: Words, parts: list[Quotation]) -> list[QuoteCheck]:
        runs_per_part = [_runs(_segments(article, q)) for q in parts]
        all_runs = [r for runs in runs_per_part for r in runs]
        total_words = sum(r.end - r.start for r in all_runs)
        if total_words == 0:
            return []
        found: list[_Found | None] = []
        after = 0
        for run in all_runs:
            result = self._find(article, run, after, total_words > FRAGMENT_MAX_WORDS)
            found.append(result)
            if result is not None:
                after = result.located.last
        located = [f.located if f is not None else None for f in found]
        exact = all(loc is not None and loc.exact for loc in located)
        in_order = all(
            a is not None
            and b is not None
            and (a.last == b.first if run.continues else a.last <= b.first)
            for a, b, run in zip(located, located[1:], all_runs[1:], strict=False)
        )
        if exact and in_order:
            verdict = FRAGMENT if total_words <= FRAGMENT_MAX_WORDS else VERBATIM
            similarity = 1.0
        else:
            verdict, similarity = self._judge(article, all_runs, found)
            if verdict == NOT_IN_SOURCE and len(all_runs) == 1:
                near = self._near(article, all_runs[0])
                if near is not None:
                    found, verdict, similarity = [near], ALTERED, _similarity([near], near.size)
        checks = []
        index = 0
        for quotation, runs in zip(parts, runs_per_part, strict=True):
            mine = found[index : index + len(runs)]
            index += len(runs)
            checks.append(self._check(article, quotation, runs, mine, verdict, similarity))
        return checks

    def _judge(
        self, article: Words, runs: list[_Run], found: list[_Found | None]
    ) -> tuple[str, float]:
        present = [f for f in found if f is not None]
        total = sum(
            f.size if f is not None else run.end - run.start
            for f, run in zip(found, runs, strict=True)
        )
        similarity = _similarity(present, total)
        longest = max((f.located.longest_run for f in present), default=0)
        needed_run = min(ALTERED_MIN_RUN, max(1, (total + 1) // 2))
        ends = self.matcher.sentence_ends
        taken = any(
            f.located.longest_run >= 2 * ALTERED_LONG_RUN
            or (f.located.longest_run >= ALTERED_LONG_RUN and f.located.longest_is_sentence(ends))
            for f in present
        )
        if total > FRAGMENT_MAX_WORDS and (
            (similarity >= ALTERED_MIN_SIMILARITY and longest >= needed_run) or taken
        ):
            return ALTERED, similarity
        return NOT_IN_SOURCE, similarity

    def _near(self, article: Words, run: _Run) -> _Found | None:
        coded = self.matcher.encode(article, run.start, run.end)
        if not NEAR_MIN_WORDS <= len(coded.codes) <= NEAR_MAX_WORDS:
            return None
        located = self.matcher.locate_near(coded)
        return None if located is None else _Found(located, len(coded.codes), False)

    def _check(
        self,
        article: Words,
        quotation: Quotation,
        runs: list[_Run],
        found: list[_Found | None],
        verdict: str,
        similarity: float,
    ) -> QuoteCheck:
        words = sum(run.end - run.start for run in runs)
        places = [(run, f) for run, f in zip(runs, found, strict=True) if f is not None]
        if verdict == NOT_IN_SOURCE or not places:
            return QuoteCheck(quotation, words, verdict, round(similarity, 4))
        source = self.source.words
        changed: list[Difference] = []
        style: list[Difference] = []
        hidden = has_hidden_differences(quotation.text)
        if verdict == ALTERED or hidden or not all(f.raw for _, f in places):
            source_text = source.norm.original
            article_text = article.norm.original
            for run, f in places:
                first, last = self.matcher.source_words(f.located)
                a0, a1 = source.start_of(first), source.end_of(last - 1)
                b0, b1 = article.start_of(run.start), article.end_of(run.end - 1)
                for d in differences(source_text[a0:a1], article_text[b0:b1], a0, b0):
                    # Found word for word in canonical form, a verbatim quotation's
                    # differences are all house style or typography.
                    if d.typographic or verdict != ALTERED or _house_style(d):
                        style.append(d)
                    else:
                        changed.append(d)
        spans = [self.matcher.source_words(f.located) for _, f in places]
        first = min(s for s, _ in spans)
        last = max(e for _, e in spans)
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
            tuple(changed),
            tuple(style),
        )


def _house_style(difference: Difference) -> bool:
    """Whether a difference changes no word once house style is aside (favour/favor).

    Both sides are read between a number and a word, so that a symbol standing for a
    word ("&", "%") is read as it would be in place.
    """
    a_text, b_text = difference.a_text.strip(), difference.b_text.strip()
    if not (_STYLE_MARKERS.search(a_text) or _STYLE_MARKERS.search(b_text)):
        # The common case (a word swapped): compare word by word, without the cost
        # of a normalised view.
        a_words = [canonical_word(w) for w in WORD_RE.findall(a_text.casefold())]
        return a_words == [canonical_word(w) for w in WORD_RE.findall(b_text.casefold())]
    return canonical_text(f"1 {a_text} w") == canonical_text(f"1 {b_text} w")


def _similarity(found: Sequence[_Found], total: int) -> float:
    matched = sum(f.located.matched for f in found)
    source_words = sum(f.located.last - f.located.first for f in found)
    return 2 * matched / (total + source_words) if total + source_words else 0.0


def _runs(segments: list[tuple[int, int]]) -> list[_Run]:
    """Segments cut into runs of at most :data:`MAX_RUN_WORDS` words."""
    runs = []
    for start, end in segments:
        pieces = max(1, -(-(end - start) // MAX_RUN_WORDS))
        size = -(-(end - start) // pieces)
        for k, pos in enumerate(range(start, end, size)):
            runs.append(_Run(pos, min(end, pos + size), k > 0))
    return runs


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
