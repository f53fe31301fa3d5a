"""Find text in one document or across the corpus, through typography.

A query typed with straight quotes, hyphens and single spaces finds the curly quotes,
dashes and line breaks of the text, because both sides are compared in the normalised
view of :mod:`cablereader.core.text`; every match is reported at original code-point
offsets, like every other offset in the application.  The query is always literal text:
regular-expression characters mean themselves.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from cablereader.core.documents import Document
from cablereader.core.text import WORD_RE, NormalizedText, normalize

CONTEXT_CHARS = 40
DEFAULT_LIMIT = 1000

# Normalising costs ~45 ms per megabyte, and a find bar or corpus search runs on every
# keystroke over the same texts, so the normalised views are kept.  The bound is in
# characters (not entries) so one huge document cannot pin unbounded memory.
_CACHE_MAX_CHARS = 16_000_000

_WHITESPACE_RUN = re.compile(r"\s+")


class _NormalizedCache:
    """A least-recently-used map from a text to its normalised view; thread-safe."""

    def __init__(self, max_chars: int) -> None:
        self._max_chars = max_chars
        self._chars = 0
        self._entries: OrderedDict[str, NormalizedText] = OrderedDict()
        # The corpus search may run in a worker thread while the find bar runs on the
        # GUI thread.
        self._lock = threading.Lock()

    def get(self, text: str) -> NormalizedText:
        with self._lock:
            norm = self._entries.get(text)
            if norm is not None:
                self._entries.move_to_end(text)
                return norm
        norm = normalize(text)  # outside the lock: other threads need not wait for it
        with self._lock:
            if text not in self._entries:
                self._entries[text] = norm
                self._chars += len(text)
            while self._chars > self._max_chars and len(self._entries) > 1:
                old, _ = self._entries.popitem(last=False)
                self._chars -= len(old)
        return norm

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._chars = 0


_cache = _NormalizedCache(_CACHE_MAX_CHARS)


def clear_cache() -> None:
    """Forget the cached normalised texts (tests; or to free memory)."""
    _cache.clear()


@dataclass(frozen=True)
class _Query:
    """A query prepared once for searching many texts."""

    norm: str  # the normalised query, searched for in normalised texts
    letters: str  # its letters with their case, for match_case
    word_start: bool  # whole_words: a word boundary is required before the match
    word_end: bool  # ... and after it


def _letters(text: str) -> str:
    # Normalisation changes the case of letters and nothing else about them, so two
    # spans with the same normalised text match case-sensitively iff their letters agree.
    return "".join(c for c in text if c.isalpha())


def _is_word_char(char: str) -> bool:
    return WORD_RE.match(char) is not None


def _prepare(query: str) -> _Query | None:
    if not query.strip():
        return None  # nothing to find: an empty or all-blank query matches nothing
    norm = normalize(query).text
    return _Query(norm, _letters(query), _is_word_char(norm[0]), _is_word_char(norm[-1]))


def _spans(
    norm: NormalizedText, query: _Query, *, match_case: bool, whole_words: bool, limit: int
) -> list[tuple[int, int]]:
    text = norm.text
    needle = query.norm
    spans: list[tuple[int, int]] = []
    pos = text.find(needle)
    while pos >= 0 and len(spans) < limit:
        end = pos + len(needle)
        accepted = not whole_words or (
            not (query.word_start and pos > 0 and _is_word_char(text[pos - 1]))
            and not (query.word_end and end < len(text) and _is_word_char(text[end]))
        )
        if accepted:
            start, stop = norm.span_to_original(pos, end)
            # A query of "." finds each dot of an expanded "…", which all map to the same
            # original character: keep the first only, so matches never overlap.
            overlaps = bool(spans) and start < spans[-1][1]
            if match_case and _letters(norm.original[start:stop]) != query.letters:
                accepted = False
            elif not overlaps:
                spans.append((start, stop))
        # Matches do not overlap (as in every editor's find), unless this one was refused.
        pos = text.find(needle, end if accepted else pos + 1)
    return spans


def find_all(
    text: str,
    query: str,
    *,
    match_case: bool = False,
    whole_words: bool = False,
    limit: int | None = None,
) -> list[tuple[int, int]]:
    """Every non-overlapping match of ``query`` in ``text``, as original ``(start, end)``.

    Typography is ignored (quotes, apostrophes, dashes, ellipses, no-break spaces), any
    whitespace run matches any whitespace run, and case is ignored unless ``match_case``.
    ``whole_words`` refuses a match that starts or ends inside a word.  An empty or blank
    query matches nothing.  ``limit`` caps the number of matches returned.
    """
    prepared = _prepare(query)
    if prepared is None or limit == 0:
        return []
    return _spans(
        _cache.get(text),
        prepared,
        match_case=match_case,
        whole_words=whole_words,
        limit=len(text) + 1 if limit is None else limit,
    )


@dataclass(frozen=True)
class SearchHit:
    """One match in the corpus, with a one-line context to show in a results list.

    ``start``/``end`` are code-point offsets into the document's text; ``line`` counts
    from 1.  ``before``, ``match`` and ``after`` are display strings: whitespace runs are
    shown as one space, and a context cut short starts or ends with "…".
    """

    document: str
    start: int
    end: int
    line: int
    before: str
    match: str
    after: str


def _one_line(text: str) -> str:
    return _WHITESPACE_RUN.sub(" ", text)


def _context_before(text: str, start: int, chars: int) -> str:
    begin = max(0, start - chars)
    piece = text[begin:start]
    if begin > 0:
        # Cut at a word boundary, so the context does not open with half a word.
        space = _WHITESPACE_RUN.search(piece)
        if space is not None and space.end() < len(piece):
            piece = piece[space.end() :]
        return "…" + _one_line(piece)
    return _one_line(piece).lstrip()


def _context_after(text: str, end: int, chars: int) -> str:
    stop = min(len(text), end + chars)
    piece = text[end:stop]
    if stop < len(text):
        cut = max((m.start() for m in _WHITESPACE_RUN.finditer(piece)), default=0)
        if cut > 0:
            piece = piece[:cut]
        return _one_line(piece) + "…"
    return _one_line(piece).rstrip()


def search_corpus(
    documents: Sequence[Document],
    query: str,
    *,
    limit: int = DEFAULT_LIMIT,
    match_case: bool = False,
    whole_words: bool = False,
    context: int = CONTEXT_CHARS,
    cancelled: Callable[[], bool] | None = None,
) -> list[SearchHit]:
    """Matches of ``query`` in ``documents`` (in their order, then by position).

    At most ``limit`` hits are returned; ask for one more than you show to learn whether
    the list was cut.  Matching is that of :func:`find_all`.  ``cancelled`` is asked
    between documents (a worker thread's search made stale by new typing); when it says
    yes, the hits found so far are returned.
    """
    prepared = _prepare(query)
    if prepared is None or limit <= 0:
        return []
    hits: list[SearchHit] = []
    for document in documents:
        if cancelled is not None and cancelled():
            break
        text = document.text
        spans = _spans(
            _cache.get(text),
            prepared,
            match_case=match_case,
            whole_words=whole_words,
            limit=limit - len(hits),
        )
        line, counted_to = 1, 0
        for start, end in spans:
            # Spans are in order, so lines are counted once per document, not per hit.
            line += text.count("\n", counted_to, start)
            counted_to = start
            hits.append(
                SearchHit(
                    document=document.name,
                    start=start,
                    end=end,
                    line=line,
                    before=_context_before(text, start, context),
                    match=_one_line(text[start:end]),
                    after=_context_after(text, end, context),
                )
            )
        if len(hits) >= limit:
            break
    return hits
