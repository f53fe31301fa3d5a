"""Offsets carried across passages, and linked-scroll positions between them."""

from __future__ import annotations

from cablereader.core.alignment import Alignment, Passage, align_texts
from cablereader.core.alignment.mapping import A_SIDE, counterpart_span, follow, map_offset

SOURCE = "The quick brown fox jumps over the lazy dog near the river bank today while birds sing."
ARTICLE = "He wrote: the quick brown fox leaps over the lazy dog near the river bank today. Done."


def test_equal_stretches_map_exactly_both_ways() -> None:
    alignment = align_texts("s", SOURCE, "a", ARTICLE)
    passage = alignment.passages[0]
    b_pos = ARTICLE.index("river")
    a_pos = map_offset(passage, b_pos)
    assert SOURCE[a_pos : a_pos + 5] == "river"
    assert map_offset(passage, a_pos, A_SIDE) == b_pos


def test_counterpart_span_of_a_quoted_word() -> None:
    alignment = align_texts("s", SOURCE, "a", ARTICLE)
    passage = alignment.passages[0]
    start = ARTICLE.index("lazy")
    a_start, a_end = counterpart_span(passage, start, start + 4)
    assert SOURCE[a_start:a_end] == "lazy"


def test_positions_are_clamped_to_the_passage() -> None:
    passage = Passage(10, 20, 100, 110, "verbatim", 1.0)
    assert map_offset(passage, 0) == 10
    assert map_offset(passage, 500) == 20


def test_follow_interpolates_between_passages_in_order() -> None:
    passages = (
        Passage(0, 10, 0, 10, "verbatim", 1.0),
        Passage(100, 110, 50, 60, "verbatim", 1.0),
    )
    alignment = Alignment("s", "a", 200, 100, passages)
    assert follow(alignment, 5) == 5
    assert follow(alignment, 30) == 55  # halfway through the gap 10..50 -> 10..100
    assert follow(alignment, 80) == 130  # after the last passage: same distance
    assert follow(alignment, 55, A_SIDE) == 30


def test_follow_out_of_order_holds_the_nearer_passage() -> None:
    passages = (
        Passage(100, 110, 0, 10, "verbatim", 1.0),
        Passage(0, 10, 50, 60, "verbatim", 1.0),
    )
    alignment = Alignment("s", "a", 200, 100, passages)
    assert follow(alignment, 12) == 110
    assert follow(alignment, 48) == 0


def test_follow_without_passages_is_proportional() -> None:
    alignment = Alignment("s", "a", 200, 100, ())
    assert follow(alignment, 50) == 100


def test_sample_article_maps_into_the_source(sample_analysis, sample_documents) -> None:
    from tests.conftest import MSNBC
    from tests.conftest import SOURCE as SOURCE_NAME

    analysis = sample_analysis.article(MSNBC)
    source = sample_documents[SOURCE_NAME].text
    article = sample_documents[MSNBC].text
    for passage in analysis.passages:
        for pos in range(passage.b_start, passage.b_end, 7):
            a_pos = map_offset(passage, pos)
            assert passage.a_start <= a_pos <= passage.a_end
        assert 0 <= follow(analysis.alignment, passage.b_end + 3) <= len(source)
    assert len(article) > 0
