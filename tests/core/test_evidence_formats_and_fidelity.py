"""The evidence report with what the formats and the quote check now know: what an
article's file said of it (headline, outlet, author, date, URL), quotations inside a
reprint listed but not counted, and broken quotation marks said."""

from __future__ import annotations

from pathlib import Path

from cablereader.core.analysis import analyse_corpus
from cablereader.core.documents import Document, load_paths
from cablereader.core.evidence import (
    build_report,
    report_from_documents,
    report_from_project,
    report_html,
)
from cablereader.core.project import Project
from cablereader.core.sample import sample_corpus_dir
from tests import format_fixtures as fx
from tests.conftest import MSNBC, REPRINT, SOURCE

STEM = fx.ARTICLES[1]
PAGE = f"{STEM}.html"


def _corpus(folder: Path) -> list[Path]:
    page = folder / PAGE
    page.write_bytes(fx.html_news_page(STEM))
    return [sample_corpus_dir() / SOURCE, sample_corpus_dir() / MSNBC, page]


def _rows(report, name: str) -> dict[str, str]:
    [article] = [a for a in report.articles if a.name == name]
    return dict(article.metadata)


def test_a_projects_report_carries_what_the_page_said(tmp_path: Path) -> None:
    loaded = load_paths(_corpus(tmp_path))
    with Project.create(tmp_path / "p.crproj", loaded.documents, source=SOURCE) as project:
        report = report_from_project(project)
    page = _rows(report, PAGE)
    assert page["Outlet"] == "The Daily Courier"
    assert page["Author"] == "Jane Roe"
    assert page["Date"] == "2023-08-09"
    assert page["URL"] == f"https://courier.example/world/{STEM}"
    assert "Outlet, date, URL" not in page
    assert _rows(report, MSNBC)["Outlet, date, URL"] == "not recorded"  # a text file
    assert "The Daily Courier" in report_html(report)


def test_a_report_on_files_reads_it_from_the_files(tmp_path: Path) -> None:
    documents = list(load_paths(_corpus(tmp_path)).documents)
    report = report_from_documents(documents, source=SOURCE, articles=[PAGE])
    assert _rows(report, PAGE)["Outlet"] == "The Daily Courier"


def test_quotations_inside_the_reprint_are_listed_but_not_counted(
    sample_analysis, sample_documents
) -> None:
    report = build_report(sample_analysis, list(sample_documents.values()), articles=[REPRINT])
    [article] = report.articles
    inside = [q for q in article.quotes if q.in_reprint]
    analysis = sample_analysis.article(REPRINT)
    assert len(inside) == article.reprint_quotes == len(analysis.quotes) - article.total_quotes
    assert article.total_quotes == sum(analysis.own_verdict_counts().values())
    page = report_html(report)
    assert f"and {len(inside)} inside its reprint of the source" in page
    assert page.count("inside the article's reprint of the source: not counted") == len(inside)


def test_broken_marks_are_said_in_the_report(sample_documents) -> None:
    article = Document.from_text("untidy.txt", "He said “all will be forgiven and left.\n\nEnd.")
    analysis = analyse_corpus([sample_documents[SOURCE], article], SOURCE)
    report = build_report(analysis, [sample_documents[SOURCE], article])
    [quote] = report.articles[0].quotes
    assert quote.marks == "unclosed"
    assert "⚠ quotation marks unclosed" in report_html(report)
