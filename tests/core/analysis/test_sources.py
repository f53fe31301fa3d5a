"""Several sources in one corpus (issue 14): detection, attribution, ties, witnesses,
roles with undo, the report columns, and projects of older versions."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from cablereader.core.analysis import Analyzer, CorpusAnalysis, analyse_corpus
from cablereader.core.analysis.sourceset import JOINT, PassageFinder, SourceSet, find_witnesses
from cablereader.core.documents import Document
from cablereader.core.project import Project
from cablereader.core.project.errors import InvalidEdit
from cablereader.core.reports import QUOTE_COLUMNS, quote_rows, quotes_json
from cablereader.core.sample import load_sample_corpus
from cablereader.core.sources import detect_source, detect_sources
from tests.conftest import INVENTED, MSNBC, REPRINT, SOURCE, STATEMENT, published_documents

CABLE_SENTENCE = "I think it will be tough going ahead."
STATEMENT_SENTENCE = "the substance is the same"

# A second transcription of a short cable: the same words, another house style.
CABLE = (
    "The Ambassador met the Assistant Secretary over lunch and raised the question of "
    "the vote. The Assistant Secretary said that the relationship would be reviewed in "
    "Washington after the vote, and that all would be forgiven if it went one way. "
    "He added that the embassy should expect a formal message within the week."
)
SECOND = CABLE.replace("lunch", "luncheon").replace("the week", "the week.")
STATEMENT_TEXT = (
    "The committee found that every copy of the record was numbered and kept in a locked "
    "cabinet, and that no copy left the building by an official channel. The witness "
    "said the substance of each published version is the same as the record."
)


def doc(name: str, text: str) -> Document:
    return Document.from_text(name, text)


@pytest.fixture(scope="module")
def full_sample() -> CorpusAnalysis:
    return analyse_corpus(load_sample_corpus())


# --- detection ------------------------------------------------------------------------


def test_the_sample_has_two_sources_the_cable_first() -> None:
    assert [d.name for d in detect_sources(load_sample_corpus())] == [SOURCE, STATEMENT]


def test_the_published_documents_have_the_cable_alone() -> None:
    documents = published_documents()
    assert [d.name for d in detect_sources(documents)] == [detect_source(documents).name]


def test_a_second_transcription_is_a_source_and_a_witness() -> None:
    cable = doc("cable.txt", CABLE)
    second = doc("second.txt", SECOND)
    articles = [
        doc(f"a{i}.txt", f"Report {i}. The envoy said “all would be forgiven if it went one "
            "way” and that “the relationship would be reviewed in Washington after the vote.”")
        for i in range(3)
    ]  # fmt: skip
    found = [d.name for d in detect_sources([cable, *articles, second])]
    assert found[0] in {"cable.txt", "second.txt"} and set(found) == {"cable.txt", "second.txt"}
    assert find_witnesses([cable, second]) == (("second.txt", "cable.txt"),)


def test_a_reprint_inside_an_article_is_no_second_source() -> None:
    # 001 carries the whole cable and more: it is an article with a reprint.
    found = [d.name for d in detect_sources(published_documents())]
    assert REPRINT not in found


def test_a_saying_two_articles_share_quoted_once_makes_no_source() -> None:
    # One article writes a saying plainly, another quotes it once: that is a shared
    # phrase, not a document others quote for its words.
    cable = doc("cable.txt", CABLE)
    saying = "the early bird catches the worm but the second mouse gets the cheese"
    articles = [
        doc("a0.txt", "Monday. An envoy told us “all would be forgiven if it went one way”."),
        doc("a1.txt", "Tuesday: “the relationship would be reviewed in Washington after "
            "the vote,” the cable says."),
        doc("a2.txt", "Wednesday, it emerged that “all would be forgiven if it went one way” "
            "and that “the embassy should expect a formal message within the week”."),
    ]  # fmt: skip
    plain = doc("plain.txt", f"Column. As they say, {saying}. The vote is near.")
    quoting = doc("quoting.txt", f"Letters. A reader wrote: “{saying}.” So be it.")
    found = [d.name for d in detect_sources([cable, *articles, plain, quoting])]
    assert found == ["cable.txt"]
    # Quoted again, in a second quotation, the same words are that column's own.
    again = doc("again.txt", f"Diary. “{saying},” the columnist wrote.")
    found = [d.name for d in detect_sources([cable, *articles, plain, quoting, again])]
    assert found == ["cable.txt", "plain.txt"]


# --- attribution ----------------------------------------------------------------------


def test_each_quotation_names_the_source_it_comes_from(full_sample: CorpusAnalysis) -> None:
    assert [s.name for s in full_sample.sources] == [SOURCE, STATEMENT]
    article = full_sample.article(INVENTED)
    found = [(q.verdict, q.source_document) for q in article.quotes]
    assert found == [
        ("verbatim", STATEMENT), ("verbatim", STATEMENT), ("verbatim", SOURCE),
        ("altered", STATEMENT), ("verbatim", STATEMENT), ("not_in_source", None),
    ]  # fmt: skip
    for check in article.quotes:
        if check.source_document is not None:
            source = full_sample.source_named(check.source_document)
            assert check.source_start is not None and check.source_end is not None
            passage = source.text[check.source_start : check.source_end]
            assert passage.split()[:2] == check.text.split()[:2] or check.verdict == "altered"
            for difference in check.differences:
                assert source.text[difference.a_start : difference.a_end] == difference.a_text


def test_passages_and_coverage_per_source_and_in_total(full_sample: CorpusAnalysis) -> None:
    article = full_sample.article(INVENTED)
    shares = article.source_shares()
    assert set(shares) == {SOURCE, STATEMENT} and next(iter(shares)) == STATEMENT
    assert article.coverage == pytest.approx(sum(shares.values()), abs=1e-3)
    for use in article.uses:
        source = full_sample.source_named(use.source)
        for passage in use.alignment.passages:
            assert 0 <= passage.a_start < passage.a_end <= len(source.text)
            assert JOINT.strip() not in source.text[passage.a_start : passage.a_end]
    assert article.against("nowhere.txt") is None


def test_articles_of_the_cable_alone_are_as_with_one_source(full_sample: CorpusAnalysis) -> None:
    one = analyse_corpus(published_documents())
    for name in (MSNBC, REPRINT):
        alone, together = one.article(name), full_sample.article(name)
        assert together.alignment == alone.alignment
        assert together.witness == alone.witness
        assert [(q.start, q.verdict, q.source_start) for q in together.quotes] == [
            (q.start, q.verdict, q.source_start) for q in alone.quotes
        ]
        assert together.coverage == alone.coverage and together.others == ()


def test_a_quotation_in_two_sources_names_the_primary_and_the_other() -> None:
    shared = "the embassy should expect a formal message within the week"
    statement = doc("statement.txt", STATEMENT_TEXT + f" He repeated that {shared}.")
    cable = doc("cable.txt", CABLE)
    article = doc("a.txt", f"The paper reports that “{shared}.” It ends there.")
    for order, first in (([cable, statement], "cable.txt"), ([statement, cable], "statement.txt")):
        analysis = analyse_corpus([*order, article], [d.name for d in order])
        [check] = analysis.article("a.txt").quotes
        assert check.verdict == "verbatim" and check.source_document == first
        assert check.also_in == tuple(d.name for d in order if d.name != first)


def test_a_tie_goes_to_the_source_the_article_takes_the_longer_passage_from() -> None:
    # Both sources hold the quotation word for word; the article also reproduces the
    # statement's sentence around it, so the quotation is the statement's.
    shared = "the embassy should expect a formal message within the week"
    lead = "The witness told the committee, reading from the record of the meeting, that"
    statement = doc("statement.txt", STATEMENT_TEXT + f" {lead} {shared}.")
    cable = doc("cable.txt", CABLE)
    article = doc(
        "a.txt",
        f"The witness told the committee, reading from the record of the meeting, "
        f"that “{shared}.” The hearing goes on.",
    )
    analysis = analyse_corpus([cable, statement, article], ["cable.txt", "statement.txt"])
    [check] = analysis.article("a.txt").quotes
    assert check.verdict == "verbatim"
    assert check.source_document == "statement.txt" and check.also_in == ("cable.txt",)
    start, end = check.source_start, check.source_end
    assert start is not None and end is not None
    assert statement.text[start:end].rstrip(".") == shared
    # The article quoting the words alone: the tie goes to the primary, as before.
    alone = doc("b.txt", f"The paper reports that “{shared}.” It ends there.")
    analysis = analyse_corpus([cable, statement, alone], ["cable.txt", "statement.txt"])
    [check] = analysis.article("b.txt").quotes
    assert check.source_document == "cable.txt" and check.also_in == ("statement.txt",)


def test_the_exact_source_wins_over_an_altered_match() -> None:
    cable = doc("cable.txt", CABLE)
    other = doc("other.txt", "Elsewhere it was said that all would be pardoned if it went one way.")
    article = doc("a.txt", "He said “all would be pardoned if it went one way” to the press.")
    analysis = analyse_corpus([cable, other, article], ["cable.txt", "other.txt"])
    [check] = analysis.article("a.txt").quotes
    assert (check.verdict, check.source_document) == ("verbatim", "other.txt")


def test_a_witness_is_not_searched_but_named(sample_documents: dict[str, Document]) -> None:
    cable = doc("cable.txt", CABLE)
    second = doc("second.txt", SECOND)
    article = doc("a.txt", "He said “all would be forgiven if it went one way” today.")
    analysis = analyse_corpus([cable, second, article], ["cable.txt", "second.txt"])
    assert analysis.witnesses == (("second.txt", "cable.txt"),)
    assert analysis.witness_of("second.txt") == "cable.txt"
    [check] = analysis.article("a.txt").quotes
    assert check.source_document == "cable.txt" and check.also_in == ("second.txt",)
    # The primary chosen the other way round: the verdict is against it.
    swapped = analyse_corpus([cable, second, article], ["second.txt", "cable.txt"])
    [check] = swapped.article("a.txt").quotes
    assert check.source_document == "second.txt" and check.also_in == ("cable.txt",)


def test_fragments_name_no_other_sources() -> None:
    analyzer = Analyzer(doc("cable.txt", CABLE), [doc("s.txt", STATEMENT_TEXT + " the vote")])
    result = analyzer.analyse(doc("a.txt", "It was about “the vote” again."))
    [check] = result.quotes
    assert check.verdict == "fragment" and check.also_in == ()


def test_the_joint_text_maps_back_to_each_source() -> None:
    sources = SourceSet([doc("a.txt", "one two"), doc("b.txt", "three four")])
    assert sources.text == "one two" + JOINT + "three four"
    assert sources.index_at(0) == 0 and sources.index_at(len("one two" + JOINT)) == 1
    finder = PassageFinder([doc("a.txt", "The U.S. said no."), doc("b.txt", "The US said yes.")])
    assert finder.holders("the US said") == ("a.txt", "b.txt")
    assert finder.holders("nobody said") == ()


def test_the_worker_processes_give_the_same_results(full_sample: CorpusAnalysis) -> None:
    from cablereader.core.analysis.parallel import analyse_in_processes

    documents = {d.name: d for d in load_sample_corpus()}
    articles = [documents[a.name] for a in full_sample.articles]
    results = analyse_in_processes(
        full_sample.sources, articles, 2, witnesses=full_sample.witnesses
    )
    assert tuple(results) == full_sample.articles


# --- reports --------------------------------------------------------------------------


def test_the_csv_and_json_carry_the_source_and_also_in(full_sample: CorpusAnalysis) -> None:
    rows = [dict(zip(QUOTE_COLUMNS, row, strict=True)) for row in quote_rows(full_sample)]
    invented = [r for r in rows if r["document"] == INVENTED]
    assert {r["source_document"] for r in invented} == {SOURCE, STATEMENT, ""}
    for row in invented:
        if row["source_document"]:
            text = full_sample.source_named(str(row["source_document"])).text
            assert text[int(row["source_start"]) : int(row["source_end"])] == row["source_passage"]
    data = quotes_json(full_sample)
    assert data["sources"] == [
        {"name": SOURCE, "witness_of": None}, {"name": STATEMENT, "witness_of": None}
    ]  # fmt: skip
    article = next(d for d in data["documents"] if d["document"] == INVENTED)
    assert set(article["coverage_by_source"]) == {SOURCE, STATEMENT}
    assert all(q["also_in"] == [] for q in article["quotes"])


# --- the project: roles, primary, undo, older files ------------------------------------


def test_roles_change_and_undo(tmp_path: Path) -> None:
    documents = load_sample_corpus()
    with Project.create(tmp_path / "p.crproj", documents) as project:
        assert project.source_names == [SOURCE, STATEMENT]
        change = project.set_role(STATEMENT, "article")
        assert project.source_names == [SOURCE]
        project.revert(change)
        assert project.source_names == [SOURCE, STATEMENT]
        change = project.set_primary_source(STATEMENT)
        assert project.source_names == [STATEMENT, SOURCE] and project.source_name == STATEMENT
        project.revert(change)
        assert project.source_names == [SOURCE, STATEMENT]
        project.set_role(MSNBC, "source")
        assert project.source_names == [SOURCE, MSNBC, STATEMENT]
        with pytest.raises(InvalidEdit):
            project.set_primary_source(REPRINT)  # an article
        with pytest.raises(InvalidEdit):
            project.set_role(MSNBC, "witness")
    with Project.open(tmp_path / "p.crproj") as project:  # stored in the file
        assert project.source_names == [SOURCE, MSNBC, STATEMENT]


def test_making_the_primary_an_article_forgets_it(tmp_path: Path) -> None:
    with Project.create(tmp_path / "p.crproj", load_sample_corpus()) as project:
        project.set_primary_source(STATEMENT)
        project.set_role(STATEMENT, "article")
        assert project.source_names == [SOURCE]
        assert project.setting("primary_source") is None


def test_a_project_of_an_older_version_keeps_its_one_source(tmp_path: Path) -> None:
    sql = (Path(__file__).parents[2] / "data" / "project_v1.sql").read_text(encoding="utf-8")
    path = tmp_path / "old.crproj"
    connection = sqlite3.connect(path)
    connection.executescript(sql)
    connection.close()
    with Project.open(path) as project:
        assert project.source_names == ["cable.txt"] and project.source_name == "cable.txt"
        analysis = analyse_corpus(project.documents(), project.source_names)
        assert [s.name for s in analysis.sources] == ["cable.txt"]
        [check] = analysis.article("article.txt").quotes
        assert check.verdict == "verbatim" and check.source_document == "cable.txt"


def test_an_annotation_finds_its_counterpart_in_its_own_source(
    tmp_path: Path, full_sample: CorpusAnalysis
) -> None:
    from cablereader.core.reports import Counterparts

    with Project.create(tmp_path / "p.crproj", load_sample_corpus()) as project:
        text = project.document(INVENTED).text
        start = text.index("has confirmed that its copy")
        project.add_annotation(INVENTED, start, start + len("has confirmed that its copy"), [])
        cable_at = text.index("people here and in Europe")
        project.add_annotation(INVENTED, cable_at, cable_at + len("people here"), [])
        on_statement = project.document(STATEMENT).text.index("locked cabinet")
        project.add_annotation(STATEMENT, on_statement, on_statement + 14, [])
        annotations = project.annotations()
    counterparts = Counterparts(full_sample)
    statement = full_sample.source_named(STATEMENT).text
    found = [counterparts.of(a) for a in annotations]
    by_document = {
        (a.document, a.start): cells for a, cells in zip(annotations, found, strict=True)
    }
    name, first, last, passage, verdict = by_document[(INVENTED, start)]
    assert name == STATEMENT and verdict == "verbatim"
    assert statement[first:last] == passage == "has confirmed that its copy"
    assert by_document[(INVENTED, cable_at)][0] == SOURCE
    assert by_document[(STATEMENT, on_statement)][:2] == [STATEMENT, on_statement]


def test_generated_sources_are_found_and_each_quotation_traced() -> None:
    from benchmarks.sources import attribution, make_corpus

    corpus = make_corpus(60, 3, seed=1)
    documents = [*corpus.sources, *corpus.articles]
    found = {d.name for d in detect_sources(documents)}
    assert found == {s.name for s in corpus.sources}
    analysis = analyse_corpus(documents, [s.name for s in corpus.sources])
    outcome = attribution(corpus, analysis)
    assert outcome["wrong source"] == outcome["missed"] == 0
    assert outcome["right"] > 0.9 * sum(outcome.values())
