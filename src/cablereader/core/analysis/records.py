"""Analysis results as plain JSON data and back: what the analysis cache stores.

The cache lives on disk between runs, so what it reads back must never be able to do
more than describe a result: it is JSON (lists, numbers, strings), decoded field by
field against the types of :class:`ArticleAnalysis` and its parts.  Anything else (a
wrong type, a missing field, an offset outside its text) is a :class:`RecordError`,
which the cache counts as a miss.  Each record is a list in field order, which keeps
the files small; ``VERSION`` changes whenever that order does.
"""

from __future__ import annotations

import json
from typing import Any

from cablereader.core.alignment import Alignment, Passage
from cablereader.core.alignment.diffing import Difference
from cablereader.core.analysis.results import ArticleAnalysis
from cablereader.core.quotes import Quotation
from cablereader.core.verify import VERDICTS, QuoteCheck

VERSION = 1
_KINDS = frozenset({"verbatim", "altered"})


class RecordError(ValueError):
    """Stored data that does not describe an analysis result."""


def dumps(analysis: ArticleAnalysis) -> str:
    """``analysis`` as one line of JSON."""
    alignment = analysis.alignment
    record = [
        analysis.name,
        [
            alignment.a_name,
            alignment.b_name,
            alignment.a_length,
            alignment.b_length,
            [_passage(p) for p in alignment.passages],
        ],
        [_check(c) for c in analysis.quotes],
        analysis.coverage,
        None if analysis.witness is None else _passage(analysis.witness),
    ]
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def loads(data: str) -> ArticleAnalysis:
    """The result ``data`` describes; :class:`RecordError` if it describes none."""
    try:
        record = json.loads(data)
    except (ValueError, RecursionError) as error:
        raise RecordError(f"not JSON: {error}") from error
    name, alignment, quotes, coverage, witness = _fields(record, 5)
    a_name, b_name, a_length, b_length, passages = _fields(alignment, 5)
    a_len, b_len = _int(a_length), _int(b_length)
    return ArticleAnalysis(
        name=_str(name),
        alignment=Alignment(
            _str(a_name),
            _str(b_name),
            a_len,
            b_len,
            tuple(_read_passage(p, a_len, b_len) for p in _list(passages)),
        ),
        quotes=tuple(_read_check(c, a_len, b_len) for c in _list(quotes)),
        coverage=_float(coverage),
        witness=None if witness is None else _read_passage(witness, a_len, b_len),
    )


def _difference(d: Difference) -> list[Any]:
    return [d.a_start, d.a_end, d.b_start, d.b_end, d.a_text, d.b_text, d.typographic]


def _passage(p: Passage) -> list[Any]:
    return [
        p.a_start,
        p.a_end,
        p.b_start,
        p.b_end,
        p.kind,
        p.similarity,
        [_difference(d) for d in p.differences],
        p.matched_words,
    ]


def _check(c: QuoteCheck) -> list[Any]:
    q = c.quotation
    return [
        [q.start, q.end, q.mark_start, q.mark_end, q.text, q.mark, q.depth, q.group],
        c.words,
        c.verdict,
        c.similarity,
        c.source_start,
        c.source_end,
        [_difference(d) for d in c.differences],
    ]


def _read_difference(value: object, a_len: int, b_len: int) -> Difference:
    a_start, a_end, b_start, b_end, a_text, b_text, typographic = _fields(value, 7)
    a, b = _span(a_start, a_end, a_len), _span(b_start, b_end, b_len)
    return Difference(*a, *b, _str(a_text), _str(b_text), _bool(typographic))


def _read_passage(value: object, a_len: int, b_len: int) -> Passage:
    a_start, a_end, b_start, b_end, kind, similarity, differences, words = _fields(value, 8)
    if kind not in _KINDS:
        raise RecordError(f"unknown passage kind {kind!r}")
    return Passage(
        *_span(a_start, a_end, a_len),
        *_span(b_start, b_end, b_len),
        kind=str(kind),
        similarity=_float(similarity),
        differences=tuple(_read_difference(d, a_len, b_len) for d in _list(differences)),
        matched_words=_int(words),
    )


def _read_check(value: object, a_len: int, b_len: int) -> QuoteCheck:
    quotation, words, verdict, similarity, source_start, source_end, differences = _fields(value, 7)
    start, end, mark_start, mark_end, text, mark, depth, group = _fields(quotation, 8)
    if verdict not in VERDICTS:
        raise RecordError(f"unknown verdict {verdict!r}")
    if (source_start is None) != (source_end is None):
        raise RecordError("a source span with one end")
    source = (None, None) if source_start is None else _span(source_start, source_end, a_len)
    return QuoteCheck(
        quotation=Quotation(
            *_span(start, end, b_len),
            *_span(mark_start, mark_end, b_len),
            text=_str(text),
            mark=_str(mark),
            depth=_int(depth),
            group=None if group is None else _int(group),
        ),
        words=_int(words),
        verdict=str(verdict),
        similarity=_float(similarity),
        source_start=source[0],
        source_end=source[1],
        differences=tuple(_read_difference(d, a_len, b_len) for d in _list(differences)),
    )


def _fields(value: object, count: int) -> list[Any]:
    if not isinstance(value, list) or len(value) != count:
        raise RecordError(f"expected a list of {count} fields")
    return value


def _list(value: object) -> list[Any]:
    if not isinstance(value, list):
        raise RecordError("expected a list")
    return value


def _int(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise RecordError(f"expected a count or an offset, not {value!r}")
    return value


def _float(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise RecordError(f"expected a share from 0 to 1, not {value!r}")
    return float(value)


def _str(value: object) -> str:
    if not isinstance(value, str):
        raise RecordError("expected a string")
    return value


def _bool(value: object) -> bool:
    if not isinstance(value, bool):
        raise RecordError("expected true or false")
    return value


def _span(start: object, end: object, length: int) -> tuple[int, int]:
    first, last = _int(start), _int(end)
    if not first <= last <= length:
        raise RecordError(f"span {first}-{last} outside a text of {length} characters")
    return first, last
