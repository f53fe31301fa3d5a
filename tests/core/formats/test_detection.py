"""Formats are told by content first, by suffix where the content does not say."""

from __future__ import annotations

import pytest

from cablereader.core.formats import detect_format
from tests import format_fixtures as fx

STEM = fx.ARTICLES[2]


@pytest.mark.parametrize(
    ("build", "expected"),
    [
        (fx.html_page, "html"),
        (fx.html_news_page, "html"),
        (fx.html_windows_1252, "html"),
        (fx.pdf_hard_wrapped, "pdf"),
        (fx.docx_document, "docx"),
        (fx.odt_document, "odt"),
        (fx.rtf_document, "rtf"),
        (fx.eml_forwarded, "eml"),
        (fx.eml_html_only, "eml"),
        (fx.mhtml_page, "mhtml"),
    ],
)
def test_content_decides_whatever_the_suffix(build, expected: str) -> None:  # type: ignore[no-untyped-def]
    data = build(STEM)
    for suffix in (".txt", "", ".dat"):
        assert detect_format(data, suffix) == expected


def test_markdown_and_plain_text_are_told_by_suffix() -> None:
    data = fx.markdown_document(STEM)
    assert detect_format(data, ".md") == "markdown"
    assert detect_format(data, ".MARKDOWN") == "markdown"
    assert detect_format(data, ".txt") is None
    assert detect_format(b"Dear all,\nFrom: here to there\n", ".txt") is None


def test_a_text_that_mentions_html_is_not_a_web_page() -> None:
    assert detect_format(b"How to write <html> by hand\n<body> comes next", ".txt") is None


def test_a_damaged_file_is_taken_by_its_suffix() -> None:
    assert detect_format(b"PK\x03\x04garbage", ".docx") == "docx"
    assert detect_format(b"garbage", ".odt") == "odt"
    assert detect_format(b"PK\x03\x04garbage", ".zip") is None
