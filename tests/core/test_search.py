"""Tests for cablereader.core.search: literal, typography-insensitive find."""

from __future__ import annotations

import random
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cablereader.core.documents import Document
from cablereader.core.search import SearchHit, clear_cache, find_all, search_corpus
from tests.conftest import REPRINT, SOURCE


def texts(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[a:b] for a, b in spans]


# --------------------------------------------------------------------------------------
# find_all


def test_straight_quotes_find_curly_quotes_and_dashes() -> None:
    text = "He said “don’t” — no…  really"
    spans = find_all(text, '"don\'t" - no...')
    assert texts(text, spans) == ["“don’t” — no…"]


def test_case_is_ignored_by_default_and_respected_with_match_case() -> None:
    text = "Ab ab AB aB"
    assert texts(text, find_all(text, "ab")) == ["Ab", "ab", "AB", "aB"]
    assert find_all(text, "ab", match_case=True) == [(3, 5)]
    assert find_all(text, "AB", match_case=True) == [(6, 8)]


def test_match_case_still_ignores_typography() -> None:
    text = "Pakistan’s ambassador"
    assert find_all(text, "Pakistan's", match_case=True) == [(0, 10)]
    assert find_all(text, "pakistan's", match_case=True) == []


def test_whitespace_runs_match_any_whitespace() -> None:
    text = "the\n\nUnited\u00a0States  of\tAmerica"
    spans = find_all(text, "United States of america")
    assert texts(text, spans) == ["United\u00a0States  of\tAmerica"]
    assert texts(text, find_all(text, "the   united")) == ["the\n\nUnited"]


def test_whole_words() -> None:
    text = "foofoo foo food (foo)"
    assert find_all(text, "foo", whole_words=True) == [(7, 10), (17, 20)]
    assert len(find_all(text, "foo")) == 5
    # Edges that are not word characters need no boundary.
    assert texts(text, find_all(text, "(foo", whole_words=True)) == ["(foo"]


@pytest.mark.parametrize("query", ["", " ", "   ", "\t\n", "\u00a0"])
def test_blank_query_matches_nothing(query: str) -> None:
    assert find_all("some text with  spaces", query) == []
    assert search_corpus([Document.from_text("a.txt", "a  b")], query) == []


@pytest.mark.parametrize("query", ["a.b", "a*b", "(x)", "[ab]", "^$", "\\d+", "a|b", "?"])
def test_regex_metacharacters_are_literal(query: str) -> None:
    text = f"aab axb {query} ab"
    assert texts(text, find_all(text, query)) == [query]


def test_no_match_and_query_longer_than_text() -> None:
    assert find_all("short", "nowhere") == []
    assert find_all("", "x") == []
    assert find_all("ab", "abc") == []


def test_matches_do_not_overlap() -> None:
    assert find_all("aaaa", "aa") == [(0, 2), (2, 4)]
    # Each dot of an expanded ellipsis maps to the same original character.
    assert find_all("wait…", ".") == [(4, 5)]


def test_offsets_are_code_points_past_astral_characters() -> None:
    text = "😀 “quoted” 😀 text"
    spans = find_all(text, '"quoted" 😀 TEXT')
    assert texts(text, spans) == ["“quoted” 😀 text"]


def test_limit() -> None:
    assert len(find_all("x " * 50, "x", limit=7)) == 7
    assert find_all("x x", "x", limit=0) == []


# Alphabet mixing typographic variants, spaces and letters of both cases.
_ALPHABET = st.sampled_from([*"aAbB .-'\"\n", "\u2019", "\u201c", "\u2014", "\u00a0", "…"])


@settings(max_examples=300, deadline=None)
@given(text=st.text(_ALPHABET, max_size=40), query=st.text(_ALPHABET, min_size=1, max_size=5))
def test_every_match_normalises_to_the_query(text: str, query: str) -> None:
    from cablereader.core.text import normalize

    spans = find_all(text, query)
    wanted = normalize(query).text
    previous_end = 0
    for start, end in spans:
        assert 0 <= previous_end <= start < end <= len(text)
        # The original span holds the normalised query (an ellipsis or a whitespace run
        # at an edge may be wider than the part that matched).
        assert wanted in normalize(text[start:end]).text or wanted.strip(" .") == ""
        previous_end = end


# --------------------------------------------------------------------------------------
# search_corpus


def test_search_corpus_hits_with_context_and_line(sample_documents: dict[str, Document]) -> None:
    documents = list(sample_documents.values())
    hits = search_corpus(documents, "donald lu")
    assert hits, "the sample corpus names Donald Lu"
    assert all(isinstance(h, SearchHit) for h in hits)
    by_name = {d.name: d for d in documents}
    for hit in hits:
        text = by_name[hit.document].text
        assert text[hit.start : hit.end].lower() == "donald lu"
        assert hit.match == "Donald Lu"
        assert hit.line == text.count("\n", 0, hit.start) + 1
        assert len(hit.before) <= 41 and len(hit.after) <= 41
        assert "\n" not in hit.before + hit.after
    # Document order, then position.
    order = [d.name for d in documents]
    keys = [(order.index(h.document), h.start) for h in hits]
    assert keys == sorted(keys)


def test_search_corpus_context_reads_as_one_line() -> None:
    text = "First line.\nSecond line has the word target in the middle of it, and more after."
    (hit,) = search_corpus([Document.from_text("d.txt", text)], "target", context=20)
    assert hit.line == 2
    assert hit.before.startswith("…") and hit.before.endswith("the word ")
    assert hit.after.startswith(" in the") and hit.after.endswith("…")
    # Near the start there is nothing to cut, so no ellipsis.
    (first,) = search_corpus([Document.from_text("d.txt", text)], "first line")
    assert first.before == "" and first.line == 1


def test_search_corpus_limit(sample_documents: dict[str, Document]) -> None:
    documents = list(sample_documents.values())
    everything = search_corpus(documents, "the", limit=100_000)
    assert len(everything) > 50
    assert search_corpus(documents, "the", limit=50) == everything[:50]


def test_search_corpus_typography(sample_documents: dict[str, Document]) -> None:
    # The reprint writes "Pakistan’s" with a curly apostrophe.
    reprint = sample_documents[REPRINT]
    assert "Pakistan’s" in reprint.text
    hits = search_corpus([reprint, sample_documents[SOURCE]], "pakistan's")
    assert any(h.document == REPRINT and h.match == "Pakistan’s" for h in hits)


# --------------------------------------------------------------------------------------
# Speed (generous bounds: these guard against accidental quadratic behaviour)


def _prose(size: int, seed: int) -> str:
    words = ["the", "cable", "“ambassador”", "said", "Pakistan’s", "—", "meeting", "Lu", "\n"]
    pick = random.Random(seed).choice
    out: list[str] = []
    total = 0
    while total < size:
        word = pick(words)
        out.append(word)
        total += len(word) + 1
    return " ".join(out)[:size]


def test_speed_large_document_and_many_documents() -> None:
    clear_cache()
    big = _prose(1_000_000, 1)
    begin = time.perf_counter()
    spans = find_all(big, "pakistan's")
    assert spans and time.perf_counter() - begin < 2.0
    corpus = [Document.from_text(f"{i:04}.txt", _prose(5_000, i)) for i in range(1000)]
    begin = time.perf_counter()
    hits = search_corpus(corpus, "said pakistan's", limit=1001)
    assert len(hits) == 1001 and time.perf_counter() - begin < 3.0
    begin = time.perf_counter()
    assert search_corpus(corpus, "not anywhere at all") == []
    assert time.perf_counter() - begin < 3.0


def test_search_corpus_can_be_cancelled(sample_documents: dict[str, Document]) -> None:
    documents = list(sample_documents.values())
    assert search_corpus(documents, "the", cancelled=lambda: True) == []
    asked: list[int] = []

    def after_first() -> bool:
        asked.append(1)
        return len(asked) > 1

    hits = search_corpus(documents, "the", cancelled=after_first)
    assert hits and {h.document for h in hits} == {documents[0].name}
