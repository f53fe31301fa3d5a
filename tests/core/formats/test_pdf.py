"""PDF: reading order, joined lines, hyphens, furniture, progress and cancelling."""

from __future__ import annotations

import pytest

from cablereader.core.formats import ExtractionCancelled
from cablereader.core.formats.pdf import extract_pdf
from cablereader.core.formats.pdflines import Block, drop_furniture, paragraphs, reading_order
from tests import format_fixtures as fx


def block(*lines: str, top: float = 0.5, left: float = 0.1, right: float = 0.9) -> Block:
    return Block(tuple(lines), top, top - 0.02 * len(lines), left, right, 10.0)


def text_of(*lines: str) -> str:
    return "\n\n".join(paragraphs([[block(*lines)]]))


def test_a_typesetters_hyphen_is_dropped_and_a_real_one_kept() -> None:
    assert text_of("the prime minis-", "ter said") == "the prime minister said"
    # The document has "no-confidence" elsewhere: the hyphen at the line end is real.
    assert (
        text_of("a no-confidence vote and a no-", "confidence motion")
        == "a no-confidence vote and a no-confidence motion"
    )
    # The joined word appears elsewhere: the hyphen was the typesetter's.
    assert text_of("a cooperation deal; co-", "operation") == "a cooperation deal; cooperation"
    assert text_of("U.S.-", "Pakistan ties") == "U.S.-Pakistan ties"
    assert text_of("the long term and long-", "term gains") == "the long term and long-term gains"


def test_columns_are_read_left_then_right_under_a_spanning_headline() -> None:
    page = [
        block("right top", top=0.8, left=0.52, right=0.9),
        block("left bottom", top=0.4, left=0.1, right=0.48),
        block("Headline across", top=0.95, left=0.1, right=0.9),
        block("left top", top=0.8, left=0.1, right=0.48),
        block("right bottom", top=0.4, left=0.52, right=0.9),
    ]
    assert [b.lines[0] for b in reading_order(page)] == [
        "Headline across",
        "left top",
        "left bottom",
        "right top",
        "right bottom",
    ]


def test_running_headers_and_page_numbers_are_dropped() -> None:
    pages = [
        [
            block("The Courier — 9 August", top=0.95),
            block("Body text.", "More.", top=0.8),
            block(f"Page {n} of 3", top=0.05),
        ]
        for n in (1, 2, 3)
    ]
    kept = drop_furniture(pages)
    assert [[b.lines[0] for b in page] for page in kept] == [["Body text."]] * 3


def test_a_paragraph_broken_by_a_page_end_is_joined() -> None:
    pages = [[block("It was said that", top=0.2)], [block("the vote failed.", top=0.9)]]
    assert paragraphs(pages) == ["It was said that the vote failed."]


def test_the_two_column_fixture_reads_in_order_although_the_file_does_not() -> None:
    stem = fx.ARTICLES[1]
    expected = " ".join(fx.article_paragraphs(stem)).split()
    assert extract_pdf(fx.pdf_two_columns(stem)).text.split() == expected


def test_progress_is_reported_page_by_page_and_cancel_stops() -> None:
    data = fx.pdf_pages(6)
    seen: list[tuple[int, int]] = []
    extract_pdf(data, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(n, 6) for n in range(1, 7)]
    calls: list[int] = []

    def cancel_after_two() -> bool:
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(ExtractionCancelled):
        extract_pdf(data, cancelled=cancel_after_two)
    assert len(calls) == 3
