"""Analysis results as plain JSON data and back: what the analysis cache stores.

The cache lives on disk between runs, so what it reads back must never be able to do
more than describe a result: it is JSON (lists, numbers, strings), decoded field by
field against the declared types of :class:`ArticleAnalysis` and the frozen records
inside it.  Anything else (a wrong type, a missing field, a share outside 0–1, an
offset outside its text, an unknown verdict) is a :class:`RecordError`, which the cache
counts as a miss.  Each record is a list of its fields in declaration order, which
keeps the files small; the encoding follows the dataclasses, so a field added to a
result is stored without a change here (and the code fingerprint, which covers the
modules that declare them, makes it a new cache key).
"""

from __future__ import annotations

import dataclasses
import json
import math
import types
import typing
from collections.abc import Callable
from functools import cache
from typing import Any

from cablereader.core.alignment import Alignment
from cablereader.core.analysis.results import ArticleAnalysis
from cablereader.core.verify import VERDICTS

VERSION = 2
# Offsets into the source (document A); every other offset is into the article.
_SOURCE_PREFIXES = ("a_", "source_")
_CHOICES = {"verdict": frozenset(VERDICTS), "kind": frozenset({"verbatim", "altered"})}


class RecordError(ValueError):
    """Stored data that does not describe an analysis result."""


def dumps(analysis: ArticleAnalysis) -> str:
    """``analysis`` as one line of JSON."""
    return json.dumps(_encode(analysis), ensure_ascii=False, separators=(",", ":"),
                      allow_nan=False)  # fmt: skip


def loads(data: str) -> ArticleAnalysis:
    """The result ``data`` describes; :class:`RecordError` if it describes none."""
    try:
        record = json.loads(data)
    except (ValueError, RecursionError) as error:
        raise RecordError(f"not JSON: {error}") from error
    fields = _fields(ArticleAnalysis)
    if not isinstance(record, list) or len(record) != len(fields):
        raise RecordError("not an article's analysis")
    # The lengths first: every offset is checked against its text.
    names = [name for name, _ in fields]
    lengths = _lengths(record[names.index("alignment")])
    # Quotations found in a further source hold offsets into it: the longest bounds them.
    others = record[names.index("others")]
    if isinstance(others, list):
        for use in others:
            if isinstance(use, list) and use:
                lengths = (max(lengths[0], _lengths(use[0])[0]), lengths[1])
    analysis = _decode(record, ArticleAnalysis, "", lengths)
    assert isinstance(analysis, ArticleAnalysis)
    return analysis


def _encode(value: object) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [_encode(getattr(value, name)) for name, _ in _fields(type(value))]
    if isinstance(value, tuple):
        return [_encode(item) for item in value]
    return value


@cache
def _fields(cls: type) -> tuple[tuple[str, Any], ...]:
    """The fields a record of ``cls`` holds, with their declared types, in order."""
    hints = typing.get_type_hints(cls)
    return tuple((f.name, hints[f.name]) for f in dataclasses.fields(cls) if f.init)


def _lengths(alignment: object) -> tuple[int, int]:
    names = [name for name, _ in _fields(Alignment)]
    if not isinstance(alignment, list) or len(alignment) != len(names):
        raise RecordError("no alignment")
    a_length, b_length = alignment[names.index("a_length")], alignment[names.index("b_length")]
    return _count(a_length), _count(b_length)


Lengths = tuple[int, int]  # of the source's text and of the article's
Decoder = Callable[[object, Lengths], Any]


def _decode(value: object, kind: Any, name: str, lengths: Lengths) -> Any:
    """``value`` as the declared type ``kind`` of the field ``name``."""
    return _decoder(kind, name)(value, lengths)


@cache
def _decoder(kind: Any, name: str) -> Decoder:
    """A function decoding values of the declared type ``kind`` (built once per type)."""
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        (other,) = [option for option in typing.get_args(kind) if option is not type(None)]
        inner = _decoder(other, name)
        return lambda value, lengths: None if value is None else inner(value, lengths)
    if origin is tuple:
        item_kind, ellipsis = typing.get_args(kind)
        assert ellipsis is Ellipsis, "records hold variable-length tuples only"
        item = _decoder(item_kind, name)

        def sequence(value: object, lengths: Lengths) -> tuple[Any, ...]:
            if not isinstance(value, list):
                raise RecordError(f"{name}: expected a list")
            return tuple(item(entry, lengths) for entry in value)

        return sequence
    if dataclasses.is_dataclass(kind) and isinstance(kind, type):
        return _record_decoder(kind)
    if kind is bool:
        return lambda value, _lengths: _flag(value, name)
    if kind is int:
        return lambda value, _lengths: _count(value)
    if kind is float:
        return lambda value, _lengths: _share(value, name)
    if kind is str:
        return lambda value, _lengths: _text(value, name)
    raise TypeError(f"{name}: a field of type {kind!r} cannot be stored")


def _record_decoder(cls: type) -> Decoder:
    fields = _fields(cls)
    names = [field for field, _ in fields]
    decoders = [_decoder(kind, field) for field, kind in fields]
    count = len(decoders)
    spans = [
        (index, names.index(name[: -len("start")] + "end"), name)
        for index, name in enumerate(names)
        if name.endswith("start") and name[: -len("start")] + "end" in names
    ]
    sides = [0 if names[start].startswith(_SOURCE_PREFIXES) else 1 for start, _, _ in spans]

    # Offsets and counts are most of what is stored: checked inline, not through a call.
    plain_ints = [kind is int for _, kind in fields]

    def record(value: object, lengths: Lengths) -> Any:
        if not isinstance(value, list) or len(value) != count:
            raise RecordError(f"{cls.__name__}: expected {count} fields")
        decoded = []
        for is_int, decode, item in zip(plain_ints, decoders, value, strict=True):
            if is_int and type(item) is int and item >= 0:
                decoded.append(item)
            else:
                decoded.append(decode(item, lengths))
        for (start_at, end_at, name), side in zip(spans, sides, strict=True):
            start, end = decoded[start_at], decoded[end_at]
            if start is None or end is None:
                if start is not end:
                    raise RecordError(f"{name}: a span with one end")
            elif not start <= end <= lengths[side]:
                raise RecordError(
                    f"span {start}-{end} outside a text of {lengths[side]} characters"
                )
        return cls(*decoded)

    return record


def _flag(value: object, name: str) -> bool:
    if not isinstance(value, bool):
        raise RecordError(f"{name}: expected true or false")
    return value


def _share(value: object, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise RecordError(f"{name}: expected a number")
    if not (math.isfinite(value) and 0 <= value <= 1):
        raise RecordError(f"{name}: expected a share from 0 to 1, not {value!r}")
    return float(value)


def _text(value: object, name: str) -> str:
    if not isinstance(value, str):
        raise RecordError(f"{name}: expected a string")
    if name in _CHOICES and value not in _CHOICES[name]:
        raise RecordError(f"{name}: unknown value {value!r}")
    return value


def _count(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise RecordError(f"expected a count or an offset, not {value!r}")
    return value
