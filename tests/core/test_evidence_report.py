"""The evidence report: what it says about each article, and a safe, self-contained HTML."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from cablereader.core.analysis import CorpusAnalysis, analyse_corpus
from cablereader.core.documents import Document
from cablereader.core.evidence import (
    UnknownArticle,
    build_report,
    report_from_project,
    report_html,
    write_report_html,
)
from cablereader.core.project import Project
from cablereader.core.verify import ALTERED, NOT_IN_SOURCE, VERBATIM
from tests.conftest import MSNBC, REPRINT, SOURCE, UNRELATED

HOSTILE = '<script>alert("x")</script><img src="http://evil/x.png"> & “quotes”'


class _Tags(HTMLParser):
    """Every start tag and attribute of a document, and its text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parsed(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    return parser


def test_each_article_has_its_coverage_counts_and_quotes_in_order(
    sample_analysis: CorpusAnalysis, sample_documents: dict[str, Document]
) -> None:
    report = build_report(sample_analysis, list(sample_documents.values()))
    assert report.source_name == SOURCE
    assert [a.name for a in report.articles] == [a.name for a in sample_analysis.articles]
    for article, analysis in zip(report.articles, sample_analysis.articles, strict=True):
        assert article.coverage == analysis.coverage
        assert article.counts == analysis.own_verdict_counts()  # the reprint's apart
        assert [q.start for q in article.quotes] == sorted(q.start for q in analysis.quotes)
        assert article.title == sample_documents[article.name].title
    unrelated = next(a for a in report.articles if a.name == UNRELATED)
    assert unrelated.counts[VERBATIM] == unrelated.counts[ALTERED] == 0


def test_an_altered_quotation_shows_struck_and_inserted_words(
    sample_analysis: CorpusAnalysis, sample_documents: dict[str, Document]
) -> None:
    report = build_report(sample_analysis, list(sample_documents.values()), articles=[REPRINT])
    (article,) = report.articles
    altered = next(q for q in article.quotes if q.verdict == ALTERED)
    assert [altered.text[m.start : m.end] for m in altered.inserted][:2] == ["predict", "Europe"]
    assert [altered.source_text[m.start : m.end] for m in altered.struck][:2] == ["tell", "this"]
    source = sample_documents[SOURCE].text
    assert source[altered.source_start : altered.source_end] == altered.source_text
    assert article.witness_variants is not None  # 001 reprints the cable
    html = report_html(report)
    assert "≠ altered" in html
    assert re.search(r"<del[^>]*>tell</del>", html)
    assert re.search(r"<ins[^>]*>predict</ins>", html)
    assert f"source {altered.source_start}–{altered.source_end}" in html
    assert "[-tell-]{+predict+}" in html


def test_verdicts_are_symbol_and_word(
    sample_analysis: CorpusAnalysis, sample_documents: dict[str, Document]
) -> None:
    html = report_html(build_report(sample_analysis, list(sample_documents.values())))
    for label in ("✓ verbatim", "≠ altered", "◦ fragment", "✗ not in source"):
        assert label in html


def test_summary_table_only_with_several_articles(
    sample_analysis: CorpusAnalysis, sample_documents: dict[str, Document]
) -> None:
    documents = list(sample_documents.values())
    several = report_html(build_report(sample_analysis, documents))
    one = report_html(build_report(sample_analysis, documents, articles=[MSNBC]))
    assert "<h2>Summary</h2>" in several and "<h2>Summary</h2>" not in one
    # Each article starts a page when printed (print CSS, and Qt's page-break property).
    assert several.count("page-break-before: always") == len(sample_analysis.articles)
    assert "@media print" in several


def test_unknown_article_names_the_ones_there_are(
    sample_analysis: CorpusAnalysis, sample_documents: dict[str, Document]
) -> None:
    with pytest.raises(UnknownArticle, match=rf"no article named nope\.txt.*{MSNBC}"):
        build_report(sample_analysis, list(sample_documents.values()), articles=["nope.txt"])


def test_project_annotations_with_tags_notes_and_source_counterpart(
    tmp_path: Path, sample_documents: dict[str, Document], sample_analysis: CorpusAnalysis
) -> None:
    with Project.create(tmp_path / "p.crproj", list(sample_documents.values())) as project:
        text = project.document(REPRINT).text
        start = text.index("I cannot predict how Europe will react")
        project.add_annotation(
            REPRINT, start, start + 38, [2, 3], note="Changed “tell”", author="Ana"
        )
        project.add_annotation(SOURCE, 0, 10, [1], note="on the source")
        report = report_from_project(project, analysis=sample_analysis, articles=[REPRINT])
    (article,) = report.articles
    (annotation,) = article.annotations
    assert annotation.tags == ("Misquote", "Missing context")
    assert (annotation.note, annotation.author, annotation.verdict) == (
        "Changed “tell”",
        "Ana",
        ALTERED,
    )
    assert "I cannot tell how this will be seen by Europe" in " ".join(
        annotation.source_text.split()
    )
    assert [a.note for a in report.source_annotations] == ["on the source"]
    html = report_html(report)
    assert "Changed “tell”" in html and "Misquote, Missing context" in html
    assert "Annotations on the source" in html


def test_every_document_string_is_escaped_and_nothing_external(tmp_path: Path) -> None:
    source = Document.from_text(
        "cable.txt", f"{HOSTILE}\nThe minister said we cannot accept this at all."
    )
    article = Document.from_text(
        "a<b>.txt",
        f"{HOSTILE}\nHe said “we cannot accept this at all” and “<i>are we your slaves</i> "
        "& <script>x()</script>” too.",
    )
    documents = [source, article]
    analysis = analyse_corpus(documents, "cable.txt")
    assert {c.verdict for c in analysis.articles[0].quotes} >= {VERBATIM, NOT_IN_SOURCE}
    with Project.create(tmp_path / "p.crproj", documents) as project:
        project.add_tag(HOSTILE[:60], "#abcdef")
        project.add_annotation("a<b>.txt", 0, 20, [5], note=HOSTILE, author=HOSTILE)
        report = report_from_project(project, analysis=analysis)
    path = write_report_html(report, tmp_path / "r.html")
    html = path.read_text(encoding="utf-8")
    tags = parsed(html)
    names = {t for t, _ in tags.tags}
    assert "script" not in names and "img" not in names and "link" not in names
    assert "iframe" not in names and "object" not in names
    for _tag, attributes in tags.tags:
        for key, value in attributes.items():
            assert not key.startswith("on")
            assert "http" not in (value or "")
    assert HOSTILE in "".join(tags.text)  # shown as text, whole
    assert "<i>are we your slaves</i> & <script>x()</script>" in "".join(tags.text)
    assert "a&lt;b&gt;.txt" in html


def test_write_is_atomic_and_reports_errors(
    tmp_path: Path, sample_analysis: CorpusAnalysis, sample_documents: dict[str, Document]
) -> None:
    report = build_report(sample_analysis, list(sample_documents.values()), articles=[MSNBC])
    with pytest.raises(FileNotFoundError):
        write_report_html(report, tmp_path / "missing" / "r.html")
    write_report_html(report, tmp_path / "r.html")
    assert [p.name for p in tmp_path.iterdir()] == ["r.html"]
