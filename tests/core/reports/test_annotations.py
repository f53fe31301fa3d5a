"""The annotation CSV: columns, one row per tag, source counterparts, safe cells."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from cablereader.core.analysis import CorpusAnalysis
from cablereader.core.documents import Document
from cablereader.core.project import Project
from cablereader.core.reports.annotations import (
    ANNOTATION_COLUMNS,
    fitting_analysis,
    project_rows,
    write_annotations,
    write_annotations_csv,
)
from tests.conftest import MSNBC, REPRINT, SOURCE, UNRELATED

TRICKY_NOTE = 'Commas, "quotes",\nnew lines,\r\nnon-ASCII: Überprüfung – ✓ 中文'


@pytest.fixture
def project(tmp_path: Path, sample_documents: dict[str, Document]) -> Project:
    with Project.create(tmp_path / "study.crproj", list(sample_documents.values())) as opened:
        yield opened


def annotate(project: Project, document: str, words: str, tags: list[int], note: str = "") -> int:
    start = project.document(document).text.index(words)
    return project.add_annotation(document, start, start + len(words), tags, note).annotation.id


def records(project: Project, analysis: CorpusAnalysis | None = None) -> list[dict[str, object]]:
    return [dict(zip(ANNOTATION_COLUMNS, r, strict=True)) for r in project_rows(project, analysis)]


def read_csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM, for Excel
    with open(path, encoding="utf-8-sig", newline="") as stream:
        reader = csv.DictReader(stream)
        assert tuple(reader.fieldnames or ()) == ANNOTATION_COLUMNS
        return list(reader)


def test_columns_are_the_fixed_contract() -> None:
    assert ANNOTATION_COLUMNS == (
        "annotation_id", "document", "document_title", "start", "end", "passage", "tag",
        "note", "prefix", "suffix", "source_document", "source_start", "source_end",
        "source_passage", "verdict", "author", "created", "modified", "document_sha256",
        # What a document said of itself (a web page's headline...), after DESIGN's.
        "document_headline", "document_outlet", "document_author", "document_date",
        "document_url",
    )  # fmt: skip


def test_one_row_per_tag_and_one_for_an_untagged_annotation(
    project: Project, tmp_path: Path, sample_analysis: CorpusAnalysis
) -> None:
    tagged = annotate(project, MSNBC, "Lu", [2, 1])
    untagged = annotate(project, MSNBC, "Imran Khan", [])
    out = tmp_path / "out.csv"
    assert write_annotations_csv(project, out, analysis=sample_analysis) == 3
    rows = read_csv(out)
    text = project.document(MSNBC).text
    assert text.index("Imran Khan") < text.index("Lu")  # rows come in reading order
    # Tags in tag-list order, whatever order they were given in.
    assert [(r["annotation_id"], r["tag"]) for r in rows] == [
        (str(untagged), ""),
        (str(tagged), "Key passage"),
        (str(tagged), "Misquote"),
    ]
    record = project.document_record(MSNBC)
    for row in rows:
        start, end = int(row["start"]), int(row["end"])
        assert text[start:end] == row["passage"]
        assert row["document_title"] == record.title
        assert row["document_sha256"] == record.sha256
        assert row["created"] and row["created"] == row["modified"]


def test_csv_round_trip_of_awkward_text(
    project: Project, tmp_path: Path, sample_analysis: CorpusAnalysis
) -> None:
    annotation = annotate(project, MSNBC, "Lu", [1], note=TRICKY_NOTE)
    formula = annotate(project, MSNBC, "Imran Khan", [], note='=HYPERLINK("http://x")')
    project.update_tag(1, name='+Sum, "quoted"')
    guarded, plain = tmp_path / "guarded.csv", tmp_path / "plain.csv"
    write_annotations_csv(project, guarded, analysis=sample_analysis)
    write_annotations_csv(project, plain, analysis=sample_analysis, guard_formulas=False)
    rows = {r["annotation_id"]: r for r in read_csv(guarded)}
    # Newlines inside cells survive RFC 4180 quoting (csv keeps \r\n inside a cell as is).
    assert rows[str(annotation)]["note"] == TRICKY_NOTE
    assert rows[str(annotation)]["tag"] == '\'+Sum, "quoted"'
    assert rows[str(formula)]["note"] == '\'=HYPERLINK("http://x")'
    unguarded = {r["annotation_id"]: r for r in read_csv(plain)}
    assert unguarded[str(formula)]["note"] == '=HYPERLINK("http://x")'
    assert unguarded[str(annotation)]["tag"] == '+Sum, "quoted"'


def test_an_altered_quote_gets_its_source_counterpart_and_verdict(
    project: Project, sample_analysis: CorpusAnalysis
) -> None:
    annotate(project, REPRINT, "I cannot predict how Europe will react", [2])
    (row,) = records(project, sample_analysis)
    source = project.document(SOURCE).text
    assert row["verdict"] == "altered"
    assert row["source_document"] == SOURCE
    assert isinstance(row["source_start"], int) and isinstance(row["source_end"], int)
    assert source[row["source_start"] : row["source_end"]] == row["source_passage"]
    assert "I cannot tell how this will be seen by Europe" in str(row["source_passage"])


def test_verbatim_unsourced_and_unrelated_passages(
    project: Project, sample_analysis: CorpusAnalysis
) -> None:
    verbatim = annotate(project, MSNBC, "all will be forgiven in Washington", [1])
    quotes = {c.text: c for a in sample_analysis.articles for c in a.quotes if a.name == UNRELATED}
    unsourced_text = next(iter(quotes))
    unsourced = annotate(project, UNRELATED, unsourced_text, [1])
    rows = {r["annotation_id"]: r for r in records(project, sample_analysis)}
    assert rows[verbatim]["verdict"] == "verbatim"
    assert "all will be forgiven in Washington" in str(rows[verbatim]["source_passage"])
    assert rows[unsourced]["verdict"] == "not_in_source"
    assert rows[unsourced]["source_document"] == "" and rows[unsourced]["source_start"] is None
    plain = annotate(project, UNRELATED, project.document(UNRELATED).text[:12], [])
    rows = {r["annotation_id"]: r for r in records(project, sample_analysis)}
    assert rows[plain]["verdict"] == "" and rows[plain]["source_passage"] == ""


def test_an_annotation_on_the_source_is_its_own_counterpart(
    project: Project, sample_analysis: CorpusAnalysis
) -> None:
    words = "He categorically replied in the negative"
    annotate(project, SOURCE, words, [1])
    (row,) = records(project, sample_analysis)
    assert (row["source_document"], row["source_passage"], row["verdict"]) == (SOURCE, words, "")
    assert (row["source_start"], row["source_end"]) == (row["start"], row["end"])


def test_an_orphan_keeps_its_old_text_without_offsets(project: Project) -> None:
    text = project.document(MSNBC).text
    start = text.index("all will be forgiven in Washington")
    annotate(project, MSNBC, "all will be forgiven in Washington", [1])
    project.import_documents([Document.from_text(MSNBC, text[:start] + text[start + 60 :])])
    (row,) = records(project)
    assert row["passage"] == "all will be forgiven in Washington"
    assert row["start"] is None and row["end"] is None
    assert row["source_document"] == "" and row["verdict"] == ""


def test_a_given_analysis_is_used_only_while_it_fits(
    project: Project, sample_analysis: CorpusAnalysis
) -> None:
    assert fitting_analysis(project, sample_analysis) is sample_analysis
    project.import_documents([Document.from_text(MSNBC, "A different text now.")])
    fresh = fitting_analysis(project, sample_analysis)
    assert fresh is not None and fresh is not sample_analysis
    assert fresh.article(MSNBC).alignment.b_length == len("A different text now.")


def test_a_project_with_one_document_exports_without_source_columns(tmp_path: Path) -> None:
    with Project.create(tmp_path / "one.crproj", [Document.from_text("a.txt", "Some text.")]) as p:
        p.add_annotation("a.txt", 0, 4, [1])
        stream = io.StringIO()
        assert write_annotations(p, stream) == 1
    (row,) = list(csv.DictReader(io.StringIO(stream.getvalue())))
    # A lone document is its own source.
    assert row["passage"] == "Some" and row["verdict"] == ""
    assert not stream.getvalue().startswith("\ufeff")
