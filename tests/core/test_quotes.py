"""Tests for cablereader.core.quotes.find_quotations: hand-made cases and the sample corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from cablereader.core.quotation import (
    BALANCED,
    DOUBLE,
    GUILLEMET,
    SINGLE,
    SINGLE_GUILLEMET,
    UNCLOSED,
    UNOPENED,
    Quotation,
)
from cablereader.core.quotes import find_quotations

CORPUS = Path(__file__).resolve().parents[2] / "resources" / "corpus"

OPENING_MARKS = "\u201c\u201e\u00ab\u2018\"'"  # “ „ « ‘ " '
CLOSING_MARKS = "\u201d\u201c\u00bb\u2019\"'"  # ” “ (German) » ’ " '


def check_offsets(article: str, quotes: list[Quotation]) -> None:
    """The invariants every quotation list must satisfy."""
    assert [q.mark_start for q in quotes] == sorted(q.mark_start for q in quotes)
    for q in quotes:
        assert q.text == article[q.start : q.end]
        assert q.text.strip(), "empty quotations are not reported"
        assert 0 <= q.mark_start <= q.start <= q.end <= q.mark_end <= len(article)
        # The marks are single characters just outside the quoted text, where present.
        if q.marks != UNOPENED:
            assert q.mark_start == q.start - 1
            assert article[q.mark_start] in OPENING_MARKS + "\u201d\u00bb\u2039\u203a"
        if q.marks != UNCLOSED:
            assert q.mark_end == q.end + 1
            assert article[q.end] in CLOSING_MARKS + "\u201c\u00ab\u2039\u203a"
        assert q.mark in (DOUBLE, SINGLE, GUILLEMET, SINGLE_GUILLEMET)
        assert q.depth >= 0


def quotations(article: str) -> list[Quotation]:
    quotes = find_quotations(article)
    check_offsets(article, quotes)
    return quotes


def texts(article: str) -> list[str]:
    return [q.text for q in quotations(article)]


def read_corpus(prefix: str) -> str:
    (path,) = CORPUS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8-sig")


# --------------------------------------------------------------------------------------
# Kinds of marks


def test_straight_double_quotes() -> None:
    article = 'He said "we will go" today.'
    (quote,) = quotations(article)
    assert quote.text == "we will go"
    assert quote.mark == DOUBLE
    assert (quote.start, quote.end) == (9, 19)
    assert (quote.mark_start, quote.mark_end) == (8, 20)
    assert quote.depth == 0
    assert quote.group is None


def test_curly_double_quotes() -> None:
    article = "He said “we will go” today."
    (quote,) = quotations(article)
    assert quote.text == "we will go"
    assert quote.mark == DOUBLE
    assert (quote.mark_start, quote.start, quote.end, quote.mark_end) == (8, 9, 19, 20)


def test_german_low_high_quotes() -> None:
    article = "Er sagte „wir gehen“ heute."
    (quote,) = quotations(article)
    assert quote.text == "wir gehen"
    assert quote.mark == DOUBLE


def test_guillemets() -> None:
    (quote,) = quotations("Il a dit «nous partons» hier.")
    assert quote.text == "nous partons"
    assert quote.mark == GUILLEMET


@pytest.mark.parametrize("space", [" ", "\u00a0", "\u202f"])
def test_guillemets_with_inner_spaces(space: str) -> None:
    article = f"Il a dit «{space}nous partons{space}» hier."
    (quote,) = quotations(article)
    assert quote.text.strip() == "nous partons"
    assert quote.mark == GUILLEMET


@pytest.mark.parametrize("article", ["He is ‘absolutely not’ out.", "He is 'absolutely not' out."])
def test_single_quotes_used_as_quotation_marks(article: str) -> None:
    (quote,) = quotations(article)
    assert quote.text == "absolutely not"
    assert quote.mark == SINGLE
    assert quote.depth == 0


# --------------------------------------------------------------------------------------
# Apostrophes are not quotation marks


@pytest.mark.parametrize(
    "article",
    [
        "Pakistan’s ambassador spoke.",
        "Pakistan's ambassador spoke.",
        "The Khans’ rights were discussed.",
        "The Khans' rights were discussed.",
        "Don't worry, we don’t.",
        "Music of the '90s was loud.",
        "Music of the ’90s was loud.",
        "rock‘n’roll",
        "Pakistan’s envoy met the Khans’ lawyers; don't mention the ’90s.",
        "Pakistan's envoy met the Khans' lawyers; don’t mention the '90s.",
        "In the '90s the Khans' rights grew.",
        "In the ’90s the Khans’ rights grew.",
    ],
)
def test_apostrophes_are_not_quotations(article: str) -> None:
    assert quotations(article) == []


@pytest.mark.parametrize(
    ("article", "expected"),
    [
        ("‘Pakistan’s envoy doesn't know,’ he said.", "Pakistan’s envoy doesn't know,"),
        ("He said 'Pakistan's envoy won't come' today.", "Pakistan's envoy won't come"),
        ("“It’s the Khans’ rights,” he said.", "It’s the Khans’ rights,"),
        ('"Don\'t," she said.', "Don't,"),
    ],
)
def test_apostrophes_inside_quotations(article: str, expected: str) -> None:
    assert texts(article) == [expected]


@pytest.mark.parametrize(
    "article",
    ["In the '90s the 'real' thing happened.", "In the ’90s the ‘real’ thing happened."],
)
def test_apostrophe_before_a_single_quote_does_not_nest_it(article: str) -> None:
    (quote,) = quotations(article)
    assert quote.text == "real"
    assert quote.depth == 0


# --------------------------------------------------------------------------------------
# Nesting, paragraphs, splits


@pytest.mark.parametrize(
    "article", ["“He said ‘go’ now,” she said.", "\"He said 'go' now,\" she said."]
)
def test_nested_quotation(article: str) -> None:
    outer, inner = quotations(article)
    assert outer.text in ("He said ‘go’ now,", "He said 'go' now,")
    assert outer.depth == 0
    assert outer.mark == DOUBLE
    assert inner.text == "go"
    assert inner.depth == 1
    assert inner.mark == SINGLE
    assert outer.start < inner.mark_start < inner.mark_end < outer.end


def test_multi_paragraph_quotation() -> None:
    article = (
        "The minister said:\n\n"
        "“We will not bow to pressure from anyone.\n\n"
        "“Our foreign policy is our own,” he added.\n"
    )
    (quote,) = quotations(article)
    first = article.index("“We")
    second = article.index("“Our")
    assert quote.mark_start == first
    assert quote.mark_end == article.index("”") + 1
    # The reopening mark of the second paragraph is inside the quoted text.
    assert quote.start < second < quote.end
    assert quote.text == (
        "We will not bow to pressure from anyone.\n\n“Our foreign policy is our own,"
    )
    assert quote.depth == 0


def test_multi_paragraph_quotation_over_three_paragraphs_with_straight_marks() -> None:
    article = '"One.\n\n"Two.\n\n"Three." he said.'
    (quote,) = quotations(article)
    assert quote.text == 'One.\n\n"Two.\n\n"Three.'


def test_unclosed_quotation_not_continued_ends_with_its_paragraph() -> None:
    article = "He said “this is never closed.\n\nThe next paragraph is plain prose.\n"
    [quote] = quotations(article)
    assert quote.text == "this is never closed."
    assert quote.marks == UNCLOSED


def test_unclosed_quotation_does_not_swallow_the_next_paragraphs_quote() -> None:
    article = "He said “this is never closed.\n\nThen she said “hello” again."
    assert texts(article) == ["this is never closed.", "hello"]
    assert [q.marks for q in quotations(article)] == [UNCLOSED, BALANCED]


def test_split_quotation_is_grouped() -> None:
    article = "“Otherwise,” he continued, “I think it will be tough.”"
    first, second = quotations(article)
    assert first.text == "Otherwise,"
    assert second.text == "I think it will be tough."
    assert first.group is not None
    assert first.group == second.group == 0  # the index of the first part
    assert first.depth == second.depth == 0


def test_quotations_around_a_full_sentence_are_not_grouped() -> None:
    article = "“Are we your slaves?” Khan roared to the crowd. “What do you think?”"
    first, second = quotations(article)
    assert first.text == "Are we your slaves?"
    assert second.text == "What do you think?"
    assert first.group is None
    assert second.group is None


@pytest.mark.parametrize(
    "article",
    [
        "Empty “” marks.",
        'Empty "" marks.',
        "Empty ‘’ marks.",
        "Empty «» marks.",
        "Blank “ ” marks.",
    ],
)
def test_empty_quotations_are_ignored(article: str) -> None:
    assert quotations(article) == []


def test_empty_quotation_does_not_hide_the_next() -> None:
    assert texts("Empty “” marks, then “real words” here.") == ["real words"]


@pytest.mark.parametrize(
    "article",
    [
        "“Start” and the “end”",
        '"Start" and the "end"',
        "'Start' and the 'end'",
        "«Start» and the «end»",
    ],
)
def test_quotations_at_the_very_start_and_end(article: str) -> None:
    first, second = quotations(article)
    assert first.mark_start == 0
    assert first.text == "Start"
    assert second.mark_end == len(article)
    assert second.text == "end"


def test_offsets_exclude_the_marks() -> None:
    article = "A “quote” here.\nAnd «another» one, 'third' and \"fourth\"."
    quotes = quotations(article)
    assert [q.text for q in quotes] == ["quote", "another", "third", "fourth"]
    for q in quotes:
        assert article[q.start : q.end] == q.text
        assert article[q.mark_start : q.mark_end] == article[q.start - 1 : q.end + 1]
        assert q.text[0] not in OPENING_MARKS
        assert q.text[-1] not in CLOSING_MARKS


def test_no_quotations_in_plain_or_empty_text() -> None:
    assert quotations("") == []
    assert quotations("Plain prose with no marks at all.\n\nTwo paragraphs.") == []


# --------------------------------------------------------------------------------------
# The sample corpus


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_corpus_offsets(prefix: str) -> None:
    article = read_corpus(prefix)
    assert quotations(article)  # check_offsets runs inside


def test_corpus_001_altered_lu_quote_is_found() -> None:
    article = read_corpus("001")
    matches = [
        q
        for q in quotations(article)
        if q.text.startswith("I cannot predict how Europe will react")
    ]
    assert len(matches) == 1
    (quote,) = matches
    assert quote.mark == DOUBLE
    assert quote.depth == 0
    assert quote.group is None
    assert article[quote.mark_start] == "“"
    assert quote.text.rstrip(",").endswith("I suspect their reaction will be similar")


def test_corpus_001_split_quotation_is_grouped() -> None:
    article = read_corpus("001")
    quotes = quotations(article)
    index = next(i for i, q in enumerate(quotes) if q.text == "Otherwise,")
    first, second = quotes[index], quotes[index + 1]
    assert second.text == "I think it will be tough going ahead."
    assert first.group is not None
    assert first.group == second.group == index
    # The long quote before it ends a sentence ("…, Lu said, according to the cypher.")
    # and is not part of the group.
    assert quotes[index - 1].text.startswith("I think if the no-confidence vote")
    assert quotes[index - 1].group is None


def test_corpus_001_rally_quotes_are_not_grouped() -> None:
    article = read_corpus("001")
    quotes = quotations(article)
    index = next(i for i, q in enumerate(quotes) if q.text == "Are we your slaves?")
    assert quotes[index].group is None
    assert quotes[index + 1].text.startswith("What do you think of us?")
    assert quotes[index + 1].group is None


def test_corpus_002_single_quoted_phrase() -> None:
    article = read_corpus("002")
    matches = [q for q in quotations(article) if q.text == "absolutely not"]
    assert len(matches) == 1
    assert matches[0].mark == SINGLE
    assert article[matches[0].mark_start] == "‘"


def test_corpus_004_has_six_quotations() -> None:
    assert len(quotations(read_corpus("004"))) == 6
