"""Alignment of a source and an article: passages in any order, with their differences."""

from __future__ import annotations

import pytest

from cablereader.core.alignment import ALTERED, VERBATIM, align_texts, differences
from cablereader.core.documents import Document
from tests.conftest import MSNBC, REPRINT, SOURCE, UNRELATED

SOURCE_TEXT = (
    "The ambassador met the assistant secretary at a long lunch in the capital city. "
    "The assistant secretary said that the position of the government was deeply "
    "troubling to everyone in the building. He added that the prime minister would "
    "face serious isolation from the allies if the vote failed next month. "
    "Nobody at the table expected the talks to end on such a bitter note."
)


# Long enough not to count as a stray heading of a second witness (see below).
INTRO = "Our correspondent, writing from abroad this week, reports on a meeting that went badly. "


def _texts(alignment, a, b):
    return [(a[p.a_start : p.a_end], b[p.b_start : p.b_end]) for p in alignment.passages]


def test_identical_text_is_one_verbatim_passage() -> None:
    alignment = align_texts("a", SOURCE_TEXT, "b", SOURCE_TEXT)
    assert len(alignment.passages) == 1
    passage = alignment.passages[0]
    assert passage.kind == VERBATIM
    assert passage.similarity == 1.0
    assert (passage.a_start, passage.b_start) == (0, 0)
    assert passage.a_end == passage.b_end == len(SOURCE_TEXT)


def test_swapped_word_is_one_difference() -> None:
    article = INTRO + SOURCE_TEXT.replace("deeply troubling", "very troubling")
    alignment = align_texts("a", SOURCE_TEXT, "b", article)
    assert len(alignment.passages) == 1
    passage = alignment.passages[0]
    assert passage.kind == ALTERED
    assert [(d.a_text, d.b_text) for d in passage.textual_differences] == [("deeply", "very")]
    diff = passage.differences[0]
    assert SOURCE_TEXT[diff.a_start : diff.a_end] == "deeply"
    assert article[diff.b_start : diff.b_end] == "very"
    assert 0.9 < passage.similarity < 1.0


def test_dropped_clause_stays_inside_the_passage() -> None:
    article = SOURCE_TEXT.replace(" from the allies", "")
    alignment = align_texts("a", SOURCE_TEXT, "b", article)
    assert len(alignment.passages) == 1
    [diff] = alignment.passages[0].textual_differences
    assert diff.a_text.strip() == "from the allies"
    assert diff.b_text == ""


def test_reordered_passages_are_found_in_any_order() -> None:
    first = "He added that the prime minister would face serious isolation from the allies"
    second = "The assistant secretary said that the position of the government was deeply"
    article = f"Columnist: “{first},” and earlier, “{second}.” That is all."
    alignment = align_texts("a", SOURCE_TEXT, "b", article)
    found = _texts(alignment, SOURCE_TEXT, article)
    assert len(found) == 2
    # In the article's order, which is the reverse of the source's.
    assert found[0][1].startswith("He added")
    assert found[1][1].startswith("The assistant secretary")
    assert alignment.passages[0].a_start > alignment.passages[1].a_start
    assert all(p.kind == VERBATIM for p in alignment.passages)


def test_typography_only_differences_keep_a_passage_verbatim() -> None:
    source = "He said \"it is the Prime Minister's policy and nobody else's\" today."
    article = "He said “it is the Prime Minister’s policy and nobody else’s” today."
    alignment = align_texts("a", source, "b", article)
    [passage] = alignment.passages
    assert passage.kind == VERBATIM
    assert passage.differences and all(d.typographic for d in passage.differences)
    assert alignment.ignoring_typography().passages[0].differences == ()


def test_unrelated_texts_share_no_passage() -> None:
    article = "The weather in the mountains was cold and the roads were closed for a week."
    assert align_texts("a", SOURCE_TEXT, "b", article).passages == ()


def test_empty_article_and_empty_source() -> None:
    assert align_texts("a", SOURCE_TEXT, "b", "").passages == ()
    assert align_texts("a", "", "b", SOURCE_TEXT).passages == ()


def test_short_coincidence_is_not_a_passage() -> None:
    article = "Meanwhile the prime minister would face a storm of questions at home."
    assert align_texts("a", SOURCE_TEXT, "b", article).passages == ()


def test_passage_queries() -> None:
    article = INTRO + SOURCE_TEXT
    alignment = align_texts("a", SOURCE_TEXT, "b", article)
    [passage] = alignment.passages
    assert alignment.passage_at_b(passage.b_start) is passage
    assert alignment.passage_at_b(0) is None
    assert alignment.passages_at_a(passage.a_start) == (passage,)
    assert alignment.next_passage(0) is passage
    assert alignment.next_passage(passage.b_start) is None
    assert alignment.previous_passage(len(article)) is passage


def test_witness_takes_in_a_short_heading_and_footer() -> None:
    article = "Full text:\n\n" + SOURCE_TEXT + "\n\nSource: wire"
    [passage] = align_texts("a", SOURCE_TEXT, "b", article).passages
    assert (passage.b_start, passage.b_end) == (0, len(article))
    assert [d.b_text.strip() for d in passage.textual_differences] == [
        "Full text:",
        "Source: wire",
    ]


def test_differences_pair_line_breaks_across_an_edit() -> None:
    a = "(Title)\n\nA dropped first sentence. Kept text"
    b = "(Title) with added words\n\nKept text"
    found = [(d.a_text, d.b_text) for d in differences(a, b)]
    assert ("", " with added words") in found
    assert ("A dropped first sentence. ", "") in found


# --- the sample corpus -------------------------------------------------------------


@pytest.fixture(scope="module")
def witness(sample_documents: dict[str, Document]):
    source, reprint = sample_documents[SOURCE], sample_documents[REPRINT]
    return align_texts(SOURCE, source.text, REPRINT, reprint.text), source.text, reprint.text


def test_reprint_aligns_as_one_large_passage(witness) -> None:
    alignment, source, reprint = witness
    big = max(alignment.passages, key=lambda p: p.b_end - p.b_start)
    # The whole transcription, from its title to its last sentence.
    assert source[big.a_start : big.a_end].startswith("March 7, 2022 Pakistani Diplomatic")
    assert big.a_end == len(source.rstrip())
    assert reprint[big.b_start : big.b_end].endswith("Source: The Intercept/ mmnews.tv")
    assert big.similarity > 0.95


def test_reprint_differences_are_the_real_ones(witness) -> None:
    alignment, _, _ = witness
    big = max(alignment.passages, key=lambda p: p.b_end - p.b_start)
    textual = [(d.a_text.strip(), d.b_text.strip()) for d in big.textual_differences]
    assert textual == [
        ("", "as published by The Intercept"),
        (
            "The Intercept is publishing the body of the cable below, correcting minor typos "
            "in the text because such details can be used to [watermark documents](#) and "
            "track their dissemination.",
            "",
        ),
        ("", ":"),
        ("", "Source: The Intercept/ mmnews.tv"),
    ]
    typographic = [(d.a_text, d.b_text) for d in big.differences if d.typographic]
    assert ('"', "“") in typographic and ("'", "’") in typographic
    # The "(The State / Department" line break.
    assert ("\n\n", " ") in typographic


def test_ignore_typography_leaves_only_textual_variants(witness) -> None:
    alignment, _, _ = witness
    plain = alignment.ignoring_typography()
    assert len(plain.differences) < len(alignment.differences)
    assert all(not d.typographic for d in plain.differences)


def test_msnbc_quotes_are_verbatim_passages(sample_documents) -> None:
    source, article = sample_documents[SOURCE], sample_documents[MSNBC]
    alignment = align_texts(SOURCE, source.text, MSNBC, article.text)
    texts = [article.text[p.b_start : p.b_end] for p in alignment.passages]
    assert any(t.startswith("I would argue that it has already created a dent") for t in texts)
    assert any(t.startswith("out of turn on Pakistan’s internal political process") for t in texts)


def test_unrelated_article_has_nothing_from_the_cable(sample_documents) -> None:
    source, article = sample_documents[SOURCE], sample_documents[UNRELATED]
    assert align_texts(SOURCE, source.text, UNRELATED, article.text).passages == ()


def test_change_near_the_edge_of_a_copy_stays_inside_the_passage() -> None:
    sentence = "He added that the prime minister would face serious isolation from the allies"
    changed = sentence.replace("added", "stated").replace("the allies", "its allies")
    article = f"{INTRO}In other words, {changed}. {INTRO}"
    [passage] = align_texts("a", SOURCE_TEXT, "b", article).passages
    assert article[passage.b_start : passage.b_end] == changed
    assert [(d.a_text, d.b_text) for d in passage.textual_differences] == [
        ("added", "stated"),
        ("the", "its"),
    ]


def test_widening_stops_at_unrelated_words() -> None:
    sentence = "The assistant secretary said that the position of the government was deeply"
    article = f"Weather report: rain in the north. {sentence}. Then alarming news came."
    [passage] = align_texts("a", SOURCE_TEXT, "b", article).passages
    assert article[passage.b_start : passage.b_end] == sentence
