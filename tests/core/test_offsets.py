"""Code-point offsets against UTF-16 positions, as Qt's text widgets count them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cablereader.core.offsets import Utf16Map


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def test_plain_text_is_the_identity() -> None:
    mapping = Utf16Map("Pakistan’s ambassador — “cable”")
    assert mapping.identity
    assert mapping.to_utf16(10) == 10
    assert mapping.to_code_point(10) == 10


def test_emoji_shift_later_positions() -> None:
    text = "a😀b😀c"
    mapping = Utf16Map(text)
    assert [mapping.to_utf16(i) for i in range(len(text) + 1)] == [0, 1, 3, 4, 6, 7]
    assert [mapping.to_code_point(p) for p in (0, 1, 3, 4, 6, 7)] == [0, 1, 2, 3, 4, 5]
    # Between the two halves of a pair: the emoji itself.
    assert mapping.to_code_point(2) == 1


@given(st.text())
def test_round_trip_on_any_text(text: str) -> None:
    mapping = Utf16Map(text)
    for offset in range(len(text) + 1):
        position = mapping.to_utf16(offset)
        assert position == utf16_length(text[:offset])
        assert mapping.to_code_point(position) == offset
