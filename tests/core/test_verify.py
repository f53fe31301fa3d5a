"""Quote verdicts: verbatim, altered, fragment, not_in_source."""

from __future__ import annotations

import pytest

from cablereader.core.alignment import prepare_article, prepare_source
from cablereader.core.analysis import CorpusAnalysis
from cablereader.core.quotes import find_quotations
from cablereader.core.text import Vocabulary
from cablereader.core.verify import (
    ALTERED,
    FRAGMENT,
    NOT_IN_SOURCE,
    VERBATIM,
    QuoteCheck,
    QuoteVerifier,
)
from tests.conftest import MEMO, MSNBC, REPRINT, SOURCE, UNRELATED

CABLE = (
    'I asked Don about the reason. He said that "I think if the no-confidence vote against '
    "the Prime Minister succeeds, all will be forgiven in Washington because the Russia "
    "visit is being looked at as a decision by the Prime Minister. Otherwise, I think it "
    'will be tough going ahead." He paused and then said "I cannot tell how this will be '
    'seen by Europe but I suspect their reaction will be similar." Don did not comment.'
)


def verify(article: str, source: str = CABLE) -> list[QuoteCheck]:
    vocabulary = Vocabulary()
    verifier = QuoteVerifier(prepare_source("source", source, vocabulary))
    side = prepare_article("article", article, vocabulary)
    return verifier.verify(side, find_quotations(article))


def one(article: str, source: str = CABLE) -> QuoteCheck:
    [check] = verify(article, source)
    return check


def test_verbatim_quote_with_curly_marks_and_edge_punctuation() -> None:
    check = one("Lu said: “Otherwise, I think it will be tough going ahead,” the cable says.")
    assert check.verdict == VERBATIM
    assert check.similarity == 1.0
    assert check.diff_text() == ""
    assert check.source_start is not None and check.source_end is not None
    assert CABLE[check.source_start : check.source_end] == (
        "Otherwise, I think it will be tough going ahead."
    )


def test_altered_quote_lists_the_changed_words() -> None:
    check = one(
        "“I cannot predict how Europe will react, but I suspect their reaction will be "
        "similar,” Lu said."
    )
    assert check.verdict == ALTERED
    assert 0.6 <= check.similarity < 1.0
    changed = {(d.a_text.strip(), d.b_text.strip()) for d in check.differences}
    assert ("tell", "predict") in changed
    assert "[-tell-]{+predict+}" in check.diff_text()


def test_swapped_word_is_altered() -> None:
    check = one('"Otherwise, I believe it will be tough going ahead."')
    assert check.verdict == ALTERED
    assert [(d.a_text, d.b_text) for d in check.differences] == [("think", "believe")]


def test_dropped_clause_is_altered() -> None:
    check = one(
        '"I think if the no-confidence vote against the Prime Minister succeeds, all will be '
        'forgiven because the Russia visit is being looked at as a decision."'
    )
    assert check.verdict == ALTERED
    # Stopping early ("…as a decision.") is not a change; the dropped words are.
    assert [d.a_text.strip() for d in check.differences] == ["in Washington"]


def test_ellipsis_is_a_marked_elision_not_an_alteration() -> None:
    check = one(
        "“I think if the no-confidence vote against the Prime Minister succeeds, all will be "
        "forgiven in Washington … Otherwise, I think it will be tough going ahead.”"
    )
    assert check.verdict == VERBATIM


def test_three_dot_ellipsis_too() -> None:
    check = one('"all will be forgiven in Washington... it will be tough going ahead"')
    assert check.verdict == VERBATIM


def test_bracketed_words_are_a_marked_insertion() -> None:
    check = one(
        '"I think if the no-confidence vote against [Imran Khan] succeeds, all will be '
        'forgiven in Washington"'
    )
    assert check.verdict == VERBATIM


def test_reordered_quotes_each_find_their_place() -> None:
    checks = verify(
        '"Don did not comment." Earlier: "I cannot tell how this will be seen by Europe."'
    )
    assert [c.verdict for c in checks] == [VERBATIM, VERBATIM]
    assert checks[0].source_start is not None and checks[1].source_start is not None
    assert checks[0].source_start > checks[1].source_start


def test_split_quote_parts_share_one_verdict() -> None:
    checks = verify("“Otherwise,” he continued, “I think it will be tough going ahead.”")
    assert [c.verdict for c in checks] == [VERBATIM, VERBATIM]
    assert checks[0].quotation.group == checks[1].quotation.group is not None


def test_fragment_one_to_three_words() -> None:
    check = one("It was, he said, “tough going.”")
    assert check.verdict == FRAGMENT
    assert check.words == 2


def test_short_unsourced_words_are_not_in_source() -> None:
    assert one("a “bad ally” indeed").verdict == NOT_IN_SOURCE


def test_unsourced_question_is_not_in_source() -> None:
    check = one("“Are we your slaves?” Khan roared to the crowd.")
    assert check.verdict == NOT_IN_SOURCE
    assert check.source_start is None
    assert check.similarity < 0.6


def test_quote_longer_than_the_source() -> None:
    quote = "The Prime Minister" + " said many other things at great length" * 10
    check = one(f'"{quote}"', source="The Prime Minister spoke.")
    assert check.verdict == NOT_IN_SOURCE


def test_empty_article_and_empty_quotes() -> None:
    assert verify("") == []
    assert verify("He said “” and left.") == []


def test_curly_and_straight_marks_give_the_same_verdict() -> None:
    straight = one('"Otherwise, I think it will be tough going ahead."')
    curly = one("“Otherwise, I think it will be tough going ahead.”")
    assert (straight.verdict, straight.source_start) == (curly.verdict, curly.source_start)


# --- the sample corpus -------------------------------------------------------------


def _checks(analysis: CorpusAnalysis, name: str) -> list[QuoteCheck]:
    return list(analysis.article(name).quotes)


def _find(checks: list[QuoteCheck], start: str) -> QuoteCheck:
    return next(c for c in checks if c.text.startswith(start))


def test_sample_altered_quote_in_001(sample_analysis: CorpusAnalysis) -> None:
    check = _find(_checks(sample_analysis, REPRINT), "I cannot predict how Europe")
    assert check.verdict == ALTERED
    assert "{+predict+}" in check.diff_text()


@pytest.mark.parametrize(
    "name, start",
    [
        (REPRINT, "Are we your slaves?"),
        (REPRINT, "We are friends of Russia"),
        (REPRINT, "Nothing in these purported comments"),
        (REPRINT, "Prime Minister Khan has recently visited Moscow"),
        (MEMO, "Are we your slaves?"),
        (MEMO, "What do you think of us?"),
        (MSNBC, "Nothing in these purported comments"),
        (MSNBC, "worldwide commitment"),
    ],
)
def test_sample_unsourced_quotes(sample_analysis: CorpusAnalysis, name: str, start: str) -> None:
    assert _find(_checks(sample_analysis, name), start).verdict == NOT_IN_SOURCE


@pytest.mark.parametrize(
    "name, start",
    [
        (MSNBC, "I think if the no-confidence vote"),
        (MSNBC, "I would argue that it has already created a dent"),
        (MSNBC, "out of turn on Pakistan’s internal political process"),
        (REPRINT, "people here and in Europe are quite concerned"),
        (REPRINT, "it seems quite clear that this is the Prime Minister’s policy"),
        (REPRINT, "I think it will be tough going ahead."),
        (MEMO, "I think if the no-confidence vote"),
        (MEMO, "Otherwise,"),
    ],
)
def test_sample_quotes_of_lu_are_verbatim(
    sample_analysis: CorpusAnalysis, name: str, start: str
) -> None:
    assert _find(_checks(sample_analysis, name), start).verdict == VERBATIM


def test_sample_unrelated_article_attributes_nothing_to_the_cable(
    sample_analysis: CorpusAnalysis,
) -> None:
    checks = _checks(sample_analysis, UNRELATED)
    assert len(checks) == 6
    assert {c.verdict for c in checks} == {NOT_IN_SOURCE}


def test_sample_fragments(sample_analysis: CorpusAnalysis) -> None:
    memo = _checks(sample_analysis, MEMO)
    assert _find(memo, "Secret").verdict == FRAGMENT
    assert _find(memo, "political situation").verdict == FRAGMENT
    assert _find(memo, "absolutely not").verdict == NOT_IN_SOURCE


def test_sample_source_offsets_point_at_the_passage(
    sample_analysis: CorpusAnalysis, sample_documents
) -> None:
    source = sample_documents[SOURCE].text
    article = sample_documents[MSNBC].text
    for check in _checks(sample_analysis, MSNBC):
        assert article[check.start : check.end] == check.text
        if check.verdict == VERBATIM:
            assert check.source_start is not None and check.source_end is not None
            quoted = " ".join(check.text.replace("’", "'").split()).rstrip(".,")
            assert source[check.source_start : check.source_end].rstrip(".,") == quoted


def test_diff_text_keeps_the_spaces_around_changes() -> None:
    inserted = one('"Otherwise, I think it will be very tough going ahead."')
    assert inserted.diff_text() == "Otherwise, I think it will be {+very+} tough going ahead."
    dropped = one('"Otherwise, I think it will be going ahead."')
    assert dropped.diff_text() == "Otherwise, I think it will be [-tough-] going ahead."


def test_rewritten_ending_is_compared_with_the_source_ending() -> None:
    check = one('"Otherwise, I think it will be a disaster for everyone."')
    assert check.verdict == NOT_IN_SOURCE or "[-tough going ahead-]" in check.diff_text()
    invented = one('"I think if the no-confidence vote fails we will all be very unhappy here."')
    assert invented.verdict == NOT_IN_SOURCE
