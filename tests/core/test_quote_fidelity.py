"""Quote fidelity on real-world text (issue 12): the nine classes of failure, each with
several made-up variants of what real pages do."""

from __future__ import annotations

import pytest

from cablereader.core.alignment import prepare_article, prepare_source
from cablereader.core.quotation import BALANCED, MISMATCHED, UNCLOSED, UNOPENED
from cablereader.core.quotes import find_quotations
from cablereader.core.text import Vocabulary
from cablereader.core.verify import (
    ALTERED,
    ARTICLE,
    FRAGMENT,
    IN_REPRINT,
    NOT_IN_SOURCE,
    VERBATIM,
    QuoteCheck,
    QuoteVerifier,
    counted_verdicts,
    with_contexts,
)

SOURCE = (
    'I asked Don about the reason. He said that "I think if the no-confidence vote '
    "against the Prime Minister succeeds, all will be forgiven in Washington because the "
    "Russia visit is being looked at as a decision by the Prime Minister. Otherwise, I "
    'think it will be tough going ahead." He paused and then said "I cannot tell how '
    'this will be seen by Europe but I suspect their reaction will be similar." '
    "Don said that the U.S. lawmakers were worried about Pakistan's aggressively neutral "
    "position on Ukraine. The Ambassador replied that Pakistan did not want to "
    "marginalise any partner and that it was in favour of dialogue. He added that "
    "nearly forty per cent of the trade went through Europe & the Gulf, and that two "
    "delegations from Pakistan had visited the U.K. and Mr. Lu's office last month. "
    "Don said it is not the first time this has happened. The coopération of the "
    "ministries was appreciated."
)


def checks(article: str, source: str = SOURCE) -> list[QuoteCheck]:
    vocabulary = Vocabulary()
    verifier = QuoteVerifier(prepare_source("source", source, vocabulary))
    side = prepare_article("article", article, vocabulary)
    return verifier.verify(side, find_quotations(article))


def one(article: str, source: str = SOURCE) -> QuoteCheck:
    [check] = checks(article, source)
    assert check.text == article[check.start : check.end]
    return check


# --- 1. A line break inside a quotation ---------------------------------------------


@pytest.mark.parametrize(
    "article",
    [
        'He said "I think if the no-confidence vote\nagainst the Prime Minister succeeds, '
        'all will be forgiven" in a meeting.',
        "He said “I think if the no-confidence vote against the\nPrime Minister succeeds, "
        "all will be\nforgiven in Washington” in a meeting.",
        "He said “I think if the no-confidence vote\r\nagainst the Prime Minister "
        "succeeds, all will be forgiven”.".replace("\r\n", "\n"),
        # The line breaks right after a full stop, and the quotation closes on the next line.
        "“Otherwise, I think it will be tough going ahead. I cannot tell how\nthis will be "
        "seen by Europe”, the cable says.",
        "Lu said: “the Russia visit is being looked at as a decision by the Prime Minister.\n"
        "Otherwise, I think it will be tough going ahead.”",
    ],
)
def test_line_break_inside_a_quotation_keeps_it(article: str) -> None:
    check = one(article)
    assert check.marks == BALANCED
    assert "\n" in check.text
    expected = ALTERED if "I cannot tell" in article else VERBATIM
    assert check.verdict == expected


def test_blank_line_ends_a_quotation_unless_reopened() -> None:
    ended = checks("He said “I think it will be tough going ahead.\n\nThe next paragraph.")
    assert [(c.verdict, c.marks) for c in ended] == [(VERBATIM, UNCLOSED)]
    reopened = one(
        "He said “I think if the no-confidence vote against the Prime Minister succeeds,\n\n"
        "“all will be forgiven in Washington.”"
    )
    assert reopened.marks == BALANCED
    assert reopened.verdict == VERBATIM


# --- 2. House style ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("article", "changed"),
    [
        ("“the US lawmakers were worried”", ("U.S.", "US")),
        ("“visited the UK and Mr Lu's office”", ("U.K.", "UK")),
        ("“did not want to marginalize any partner”", ("marginalise", "marginalize")),
        ("“it was in favor of dialogue”", ("favour", "favor")),
        ("“nearly forty percent of the trade went through Europe”", ("per cent", "percent")),
        ("“nearly forty per cent of the trade went through Europe and the Gulf”", ("&", "and")),
        ("“2 delegations from Pakistan had visited”", ("two", "2")),
    ],
)
def test_house_style_is_verbatim_with_the_difference_listed(
    article: str, changed: tuple[str, str]
) -> None:
    check = one(article)
    assert check.verdict == VERBATIM, check.diff_text()
    assert check.diff_text() == ""
    listed = {(d.a_text.strip(), d.b_text.strip()) for d in check.style_differences}
    assert changed in listed


def test_mr_without_a_full_stop_changes_no_word() -> None:
    assert one("“visited the U.K. and Mr Lu's office”").verdict == VERBATIM


def test_pronoun_us_is_not_the_us() -> None:
    check = one("“the us lawmakers were worried”")  # lower case: the pronoun
    assert check.verdict == ALTERED


def test_house_style_inside_an_altered_quote_is_not_listed_as_a_change() -> None:
    check = one("“the US lawmakers were deeply worried about Pakistan's position”")
    assert check.verdict == ALTERED
    assert "U.S." not in check.diff_text()
    assert "{+deeply+}" in check.diff_text()
    assert [(d.a_text, d.b_text) for d in check.orthographic_differences] == [("U.S.", "US")]


# --- 3. Short misquotes --------------------------------------------------------------


@pytest.mark.parametrize(
    ("article", "source_words"),
    [
        ("“aggressively neutral stance”", "aggressively neutral position"),
        ("“all would be forgiven”", "all will be forgiven"),
        ("“tough going forward”", "tough going ahead"),
        ("“all will be forgotten in Washington”", "all will be forgiven in Washington"),
        ("“seen by all Europe”", "seen by Europe"),
    ],
)
def test_short_misquote_is_altered_with_a_diff(article: str, source_words: str) -> None:
    check = one(article)
    assert check.verdict == ALTERED
    assert check.diff_text()
    assert check.source_start is not None and check.source_end is not None
    assert source_words in SOURCE[check.source_start : check.source_end]


@pytest.mark.parametrize("article", ["“it is not”", "“it is now”", "“and that it”", "“we are not”"])
def test_common_words_stay_fragment_or_not_in_source(article: str) -> None:
    assert one(article).verdict in (FRAGMENT, NOT_IN_SOURCE)


# --- 4. Broken quotation marks -------------------------------------------------------


@pytest.mark.parametrize(
    ("article", "marks", "verdict"),
    [
        ("He said ”I think it will be tough going ahead” in a cable.", MISMATCHED, VERBATIM),
        ("He said “I think it will be tough going ahead“ in a cable.", MISMATCHED, VERBATIM),
        (
            "He said: “I think it will be tough going ahead.\nThe paper said more.",
            UNCLOSED,
            VERBATIM,
        ),
        ("He said: “I think it will be tough going ahead.", UNCLOSED, VERBATIM),
        ("Don paused. I think it will be tough going ahead,” he said.", UNOPENED, VERBATIM),
        ("I cannot tell how this will be seen by Europe,” Lu said.", UNOPENED, VERBATIM),
        ("He said ”we will win the next election” to the crowd.", MISMATCHED, NOT_IN_SOURCE),
    ],
)
def test_broken_marks_are_found_judged_and_marked(article: str, marks: str, verdict: str) -> None:
    check = one(article)
    assert check.marks == marks
    assert check.verdict == verdict


# --- 5. German and Swiss marks -------------------------------------------------------


@pytest.mark.parametrize(
    "article",
    [
        "Lu sagte: »I think it will be tough going ahead« und dann »all will be forgiven "
        "in Washington«.",
        "Lu sagte: «I think it will be tough going ahead» und dann «all will be forgiven "
        "in Washington».",
        "Lu sagte: „I think it will be tough going ahead“ und dann „all will be forgiven "
        "in Washington“.",
        "Lu sagte: ‚I think it will be tough going ahead‘ und dann ‚all will be forgiven "
        "in Washington‘.",
        "Lu sagte: ›I think it will be tough going ahead‹ und dann ›all will be forgiven "
        "in Washington‹.",
        "Lu a dit : « I think it will be tough going ahead » puis « all will be forgiven "
        "in Washington ».",
    ],
)
def test_german_swiss_and_french_marks_pair_correctly(article: str) -> None:
    found = checks(article)
    assert [c.text.strip() for c in found] == [
        "I think it will be tough going ahead",
        "all will be forgiven in Washington",
    ]
    assert {c.verdict for c in found} == {VERBATIM}
    assert {c.marks for c in found} == {BALANCED}


def test_guillemet_opened_and_curly_closed() -> None:
    check = one("Lu sagte: »I think it will be tough going ahead” und ging.")
    assert check.text == "I think it will be tough going ahead"
    assert check.verdict == VERBATIM
    assert check.marks == MISMATCHED


# --- 6. Same-mark nesting ------------------------------------------------------------


def test_inner_and_outer_closed_by_one_mark_recovers_both() -> None:
    outer, inner = checks(
        "“Don said that “I think it will be tough going ahead.” The reporter left."
    )
    assert inner.text == "I think it will be tough going ahead."
    assert inner.verdict == VERBATIM and inner.marks == BALANCED
    assert outer.text.startswith("Don said that")
    assert outer.marks == MISMATCHED
    assert outer.verdict in (VERBATIM, ALTERED)


@pytest.mark.parametrize(
    "article",
    [
        '"He paused and then said "I cannot tell how this will be seen by Europe" to me."',
        "“He paused and then said “I cannot tell how this will be seen by Europe” to me.”",
    ],
)
def test_nested_same_marks_recover_both(article: str) -> None:
    outer, inner = checks(article)
    assert inner.text == "I cannot tell how this will be seen by Europe"
    assert inner.verdict == VERBATIM
    assert outer.text.startswith("He paused") and outer.marks == BALANCED


def test_outer_never_closed_is_reported_not_dropped() -> None:
    found = checks(
        '"He paused and then said "I cannot tell how this will be seen by Europe" to me.'
    )
    assert [c.marks for c in found] == [UNCLOSED, BALANCED]
    assert found[1].verdict == VERBATIM


# --- 7. Quotations inside a reprint --------------------------------------------------


def test_quote_inside_the_reprint_span_is_in_reprint() -> None:
    article = (
        "Lu said “I think it will be tough going ahead” to the ambassador.\n\n"
        "The cable in full:\n\n" + SOURCE
    )
    found = checks(article)
    reprint = (article.index(SOURCE), len(article))
    marked = with_contexts(found, reprint)
    assert marked[0].context == ARTICLE
    assert {c.context for c in marked[1:]} == {IN_REPRINT}
    assert counted_verdicts(marked) == {
        VERBATIM: 1,
        ALTERED: 0,
        FRAGMENT: 0,
        NOT_IN_SOURCE: 0,
    }
    assert sum(counted_verdicts(marked, include_reprint=True).values()) == len(marked)
    assert with_contexts(found, None) == tuple(found)


# --- 8. Invisible differences --------------------------------------------------------


@pytest.mark.parametrize(
    "inside",
    ["Paki\u200bstan", "Paki\u200cstan", "Paki\u2060stan", "Paki\ufeffstan", "Paki\u00adstan"],
)
def test_invisible_characters_inside_a_word_are_verbatim(inside: str) -> None:
    article = f"“the U.S. lawmakers were worried about {inside}'s aggressively neutral position”"
    check = one(article)
    assert check.verdict == VERBATIM
    assert check.similarity == 1.0
    assert check.style_differences  # listed as typographic


def test_decomposed_accents_are_verbatim() -> None:
    article = "“The coope\u0301ration of the ministries was appreciated.”"
    check = one(article)
    assert check.verdict == VERBATIM
    assert article[check.start : check.end] == check.text


def test_composed_article_against_a_decomposed_source() -> None:
    source = SOURCE.replace("coopération", "coope\u0301ration")
    check = one("“The coopération of the ministries was appreciated.”", source)
    assert check.verdict == VERBATIM
    assert check.source_start is not None and check.source_end is not None
    assert source[check.source_start : check.source_end].startswith("The coope\u0301ration")


# --- 9. Fabrications that open with real words ---------------------------------------


@pytest.mark.parametrize(
    "article",
    [
        "The leaked text reads: “I think if the no-confidence vote against the Prime Minister "
        "succeeds, all will be forgiven in Washington because the Russia visit is being "
        "looked at as a decision by the Prime Minister. We will also cut all aid and close "
        "the embassy. The army must act before the end of the month, or we will act.”",
        "“Otherwise, I think it will be tough going ahead. We have already chosen the next "
        "prime minister and the generals have agreed to our plan for the elections.”",
        "“I cannot tell how this will be seen by Europe but I suspect their reaction will be "
        "similar. Washington has a list of ministers it wants removed, and the list was "
        "handed to the army chief in person by our envoy.”",
    ],
)
def test_fabrication_opening_with_real_sentences_is_altered(article: str) -> None:
    check = one(article)
    assert check.verdict == ALTERED
    assert check.similarity < 0.8
    diff = check.diff_text()
    assert "{+" in diff
    # The diff shows where it departs: the real opening is left unmarked.
    assert diff.startswith(check.text[:20])


def test_quote_straddling_the_reprint_start_is_the_articles() -> None:
    article = "He wrote “I think it will be tough going ahead” and the cable says so."
    [check] = checks(article)
    assert with_contexts([check], (check.quotation.mark_start + 1, len(article)))[0].context == (
        ARTICLE
    )
    assert with_contexts([check], (0, len(article)))[0].context == IN_REPRINT


def test_article_quoting_the_reprint_outside_it_is_counted() -> None:
    reprint = "The cable in full:\n\n" + SOURCE
    article = reprint + "\n\nAfterwards Lu said “all will be forgiven in Washington” again."
    marked = with_contexts(checks(article), (reprint.index(SOURCE), len(reprint)))
    last = marked[-1]
    assert last.text == "all will be forgiven in Washington"
    assert last.context == ARTICLE
    assert counted_verdicts(marked)[VERBATIM] == 1


# --- Bounded work: long quotations ----------------------------------------------------


def test_long_verbatim_quotation_over_many_runs_stays_verbatim() -> None:
    source = " ".join(
        f"Sentence {n} of the long report names the town of Place{n}." for n in range(80)
    )
    check = one(f"The report says: “{source}”", source)
    assert check.words > 300
    assert check.verdict == VERBATIM
    assert (check.source_start, check.source_end) == (0, len(source))


def test_long_quotation_with_runs_out_of_order_is_not_verbatim() -> None:
    sentences = [f"Sentence {n} of the long report names the town of Place{n}." for n in range(80)]
    source = " ".join(sentences)
    shuffled = " ".join(sentences[40:] + sentences[:40])
    check = one(f"The report says: “{shuffled}”", source)
    assert check.verdict == ALTERED


def test_fabrication_over_reopened_paragraphs_is_one_altered_quotation() -> None:
    article = (
        "The “cable” as posted online:\n\n"
        "“Otherwise, I think it will be tough going ahead.\n\n"
        "“We have already chosen the next prime minister, and the generals have agreed "
        "to our plan for the elections in the autumn.”"
    )
    found = checks(article)
    assert [c.text[:9] for c in found] == ["cable", "Otherwise"]
    leaked = found[1]
    assert leaked.marks == BALANCED
    assert leaked.verdict == ALTERED
    assert leaked.similarity < 0.6
    assert "{+" in leaked.diff_text()
