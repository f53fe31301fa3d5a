"""Property tests of quote fidelity on the sample corpus (issue 12): invisible changes
to an article (a hard line break, a zero-width space, NFD accents, house style) never
change a quotation's verdict."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from cablereader.core.analysis import Analyzer
from cablereader.core.documents import Document, load_document
from cablereader.core.verify import ALTERED, VERBATIM, QuoteCheck
from tests.conftest import MEMO, MSNBC, REPRINT, SOURCE, UNRELATED
from tests.core.test_quotes import CORPUS

ARTICLES = (MSNBC, REPRINT, MEMO, UNRELATED)
FAST = settings(max_examples=60, deadline=None)


@cache
def analyzer() -> Analyzer:
    return Analyzer(load_document(CORPUS / SOURCE))


@cache
def article_text(name: str) -> str:
    return load_document(CORPUS / name).text


def quotes_of(text: str) -> tuple[QuoteCheck, ...]:
    return analyzer().analyse(Document.from_text("article.txt", text)).quotes


@cache
def original_quotes(name: str) -> tuple[QuoteCheck, ...]:
    return quotes_of(article_text(name))


def _check_at(quotes: tuple[QuoteCheck, ...], start: int) -> QuoteCheck:
    [check] = [q for q in quotes if q.start == start]
    return check


@st.composite
def quote_positions(draw: st.DrawFn, inside: str) -> tuple[str, QuoteCheck, int]:
    """An article, one of its quotations, and a position inside it matching ``inside``
    (a regex: where a space between words is, or a place inside a word)."""
    name = draw(st.sampled_from([n for n in ARTICLES if original_quotes(n)]))
    check = draw(st.sampled_from(original_quotes(name)))
    places = [check.start + m.start() for m in re.finditer(inside, check.text)]
    if not places:
        return name, check, -1
    return name, check, draw(st.sampled_from(places))


@FAST
@given(quote_positions(r"(?<=\w) (?=\w)"))
def test_a_line_break_at_a_word_boundary_never_changes_a_verdict(
    case: tuple[str, QuoteCheck, int],
) -> None:
    name, check, space = case
    if space < 0:
        return
    text = article_text(name)
    wrapped = text[:space] + "\n" + text[space + 1 :]
    after = _check_at(quotes_of(wrapped), check.start)
    assert after.verdict == check.verdict
    assert after.end == check.end


@FAST
@given(quote_positions(r"(?<=\w)(?=\w)"), st.sampled_from(["\u200b", "\u00ad", "\u2060"]))
def test_an_invisible_character_inside_a_word_never_changes_a_verdict(
    case: tuple[str, QuoteCheck, int], invisible: str
) -> None:
    name, check, place = case
    if place < 0:
        return
    text = article_text(name)
    changed = text[:place] + invisible + text[place:]
    after = _check_at(quotes_of(changed), check.start)
    assert after.verdict == check.verdict
    assert after.similarity == check.similarity
    assert changed[after.start : after.end] == after.text


def test_nfd_articles_keep_every_verdict() -> None:
    for name in ARTICLES:
        decomposed = unicodedata.normalize("NFD", article_text(name))
        before = [(q.verdict, q.text) for q in original_quotes(name)]
        after = [(q.verdict, unicodedata.normalize("NFD", q.text)) for q in quotes_of(decomposed)]
        assert [(v, unicodedata.normalize("NFD", t)) for v, t in before] == after


@FAST
@given(st.sampled_from(ARTICLES), st.data())
def test_us_for_u_s_never_makes_a_verbatim_quote_altered(name: str, data: st.DataObject) -> None:
    text = article_text(name)
    places = [m.start() for m in re.finditer(r"U\.S\.", text)]
    if not places:
        return
    chosen = data.draw(st.lists(st.sampled_from(places), min_size=1, unique=True))
    changed = text
    for place in sorted(chosen, reverse=True):
        changed = changed[:place] + "US" + changed[place + 4 :]
    before = [q.verdict for q in original_quotes(name)]
    after = [q.verdict for q in quotes_of(changed)]
    assert len(after) == len(before)
    for old, new in zip(before, after, strict=True):
        if old == VERBATIM:
            assert new != ALTERED
            assert new == VERBATIM


def test_us_for_u_s_everywhere_in_the_corpus() -> None:
    for name in ARTICLES:
        changed = article_text(name).replace("U.S.", "US")
        before = [q.verdict for q in original_quotes(name)]
        assert [q.verdict for q in quotes_of(changed)] == before
