"""The quote report's marks and context fields, on the sample corpus (issue 12)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from cablereader.cli import main
from cablereader.core.analysis import CorpusAnalysis
from cablereader.core.reports import QUOTE_COLUMNS, quote_rows, quote_summary, quotes_json
from cablereader.core.verify import IN_REPRINT, VERBATIM
from tests.conftest import REPRINT


def test_marks_context_also_in_and_metadata_follow_designs_columns() -> None:
    assert QUOTE_COLUMNS[11:] == (
        "diff", "marks", "context", "also_in", "document_headline", "document_outlet",
        "document_author", "document_date", "document_url",
    )  # fmt: skip


def test_quotations_of_the_cable_inside_001s_reprint_are_in_reprint(
    sample_analysis: CorpusAnalysis,
) -> None:
    article = sample_analysis.article(REPRINT)
    witness = article.witness
    assert witness is not None
    inside = [q for q in article.quotes if q.context == IN_REPRINT]
    # Ten verbatim quotations of Lu in the cable, and the cable's "Secret," label.
    assert [q.verdict for q in inside].count(VERBATIM) == 10
    assert len(inside) == 11
    for check in article.quotes:
        within = witness.b_start <= check.quotation.mark_start < witness.b_end
        assert (check.context == IN_REPRINT) == within
    own = article.own_verdict_counts()
    assert own["verbatim"] == 7
    assert sum(own.values()) == len(article.quotes) - 11
    assert sum(article.verdict_counts().values()) == len(article.quotes)


def test_rows_and_json_carry_marks_and_context(sample_analysis: CorpusAnalysis) -> None:
    rows = quote_rows(sample_analysis)
    marks, context = QUOTE_COLUMNS.index("marks"), QUOTE_COLUMNS.index("context")
    assert {row[marks] for row in rows} == {"balanced"}
    assert {row[context] for row in rows} == {"article", "in_reprint"}
    data = quotes_json(sample_analysis)
    reprint = next(d for d in data["documents"] if d["document"] == REPRINT)
    assert reprint["in_reprint"] == 11
    assert reprint["verdicts"]["verbatim"] == 7
    assert {q["context"] for q in reprint["quotes"]} == {"article", "in_reprint"}
    assert all(q["style_differences"] == [] or q["marks"] for q in reprint["quotes"])


def test_summary_says_what_is_not_counted(sample_analysis: CorpusAnalysis) -> None:
    [line] = [s for s in quote_summary(sample_analysis) if s.startswith(REPRINT)]
    assert "17 quotations" in line
    assert "11 more inside its reprint of the source" in line


def test_cli_prints_the_summary_on_stderr(capsys, corpus_dir: Path) -> None:
    assert main(["quotes", str(corpus_dir)]) == 0
    captured = capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO(captured.out)))
    assert tuple(rows[0]) == QUOTE_COLUMNS
    assert sum(r["context"] == "in_reprint" for r in rows) == 11
    assert f"{REPRINT}: 17 quotations" in captured.err
    assert main(["quotes", str(corpus_dir), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert all("marks" in q and "context" in q for d in data["documents"] for q in d["quotes"])


def test_broken_marks_reach_the_csv(capsys, tmp_path: Path) -> None:
    (tmp_path / "source.txt").write_text(
        "Lu said that it will be tough going ahead for the Prime Minister of Pakistan.",
        encoding="utf-8",
    )
    (tmp_path / "article.txt").write_text(
        "The envoy spoke. It will be tough going ahead for the Prime Minister,” a source "
        "said.\n\nAnd “it will be tough going ahead for the Prime Minister\n\nEnd.",
        encoding="utf-8",
    )
    assert main(["quotes", str(tmp_path), "--source", "source.txt"]) == 0
    captured = capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO(captured.out)))
    assert [(r["marks"], r["verdict"]) for r in rows] == [
        ("unopened", "verbatim"),
        ("unclosed", "verbatim"),
    ]
    assert "2 with broken quotation marks" in captured.err
