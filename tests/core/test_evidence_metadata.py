"""The evidence report says what an article's file said of it: headline, outlet, author,
date and URL (from a web page's metadata), kept by the project; or that nothing is known."""

from __future__ import annotations

from pathlib import Path

from cablereader.core.documents import load_paths
from cablereader.core.evidence import report_from_documents, report_from_project, report_html
from cablereader.core.project import Project
from cablereader.core.sample import sample_corpus_dir
from tests import format_fixtures as fx
from tests.conftest import MSNBC, SOURCE

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
