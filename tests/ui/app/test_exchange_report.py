"""File ▸ Export Report…: the real action, with the save dialog answered by the test."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QFileDialog

from cablereader.ui.app.mainwindow import MainWindow
from cablereader.ui.exchange.reportoptions import HTML_FILTER, PDF_FILTER, ReportOptions
from tests import format_fixtures as fx
from tests.conftest import MSNBC, REPRINT
from tests.ui.app.test_reliability import open_sample, tag_words


def answer_save_dialog(
    monkeypatch: pytest.MonkeyPatch, path: Path | None, chosen: str = ""
) -> list[str]:
    """Replace the save dialog: it answers ``path`` (None: cancelled); returns the titles
    it was asked with."""
    asked: list[str] = []

    def fake(parent, title, start, filters, *args, **kwargs):
        asked.append(title)
        return (str(path) if path is not None else ""), chosen

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    return asked


def answer_options(window: MainWindow, options: ReportOptions | None) -> list[tuple]:
    asked: list[tuple] = []

    def ask(parent, current, articles, page_size):
        asked.append((current, articles, page_size))
        return options

    window.exchange.ask_report_options = ask
    return asked


def _text(path: Path) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", path.read_text(encoding="utf-8")))


def test_the_current_article_as_html_with_its_quotations_and_annotations(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_sample(qtbot)
    assert window.view.right_document.name == MSNBC
    tag_words(window, qtbot, "Donald Lu")
    out = tmp_path / "msnbc.html"
    titles = answer_save_dialog(monkeypatch, out, HTML_FILTER)
    asked = answer_options(window, ReportOptions(MSNBC, "a4"))
    with qtbot.waitSignal(window.exchange.reportWritten, timeout=20000) as written:
        window.exchange.export_report.trigger()
        assert window.exchange.status.progress.isVisible()
    assert written.args == [str(out)]
    assert asked == [(MSNBC, len(window.documents) - 1, "a4")]
    assert titles == ["Export Report"]
    text = _text(out)
    [article] = [a for a in window.analysis.articles if a.name == MSNBC]
    assert article.quotes
    for check in article.quotes:
        assert " ".join(check.text.split()) in " ".join(text.split())
    assert "Donald Lu" in text and "Key passage" in text  # the annotation and its tag
    assert REPRINT not in text  # only the article asked for
    assert not window.exchange.status.progress.isVisible()
    message = window.statusBar().currentMessage()
    assert "Wrote the report on 1 article" in message and str(out) in message


def test_the_open_folder_button_shows_the_folder_written_to(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_sample(qtbot)
    out = tmp_path / "reports" / "all.html"
    out.parent.mkdir()
    answer_save_dialog(monkeypatch, out, HTML_FILTER)
    answer_options(window, ReportOptions(None, "a4"))
    opened: list[QUrl] = []
    window.exchange.status.open_url = lambda url: opened.append(url) or True
    with qtbot.waitSignal(window.exchange.reportWritten, timeout=20000):
        window.exchange.export_report.trigger()
    button = window.exchange.status.open_folder_button
    assert button.isVisible()
    button.click()
    assert [url.toLocalFile() for url in opened] == [str(out.parent)]
    window.statusBar().showMessage("something else")
    assert not button.isVisible()  # the button goes with its message


def test_every_article_as_a_letter_pdf_chosen_by_the_filter(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_sample(qtbot)
    answer_save_dialog(monkeypatch, tmp_path / "evidence", PDF_FILTER)  # no suffix typed
    answer_options(window, ReportOptions(None, "letter"))
    with qtbot.waitSignal(window.exchange.reportWritten, timeout=30000) as written:
        window.exchange.export_report.trigger()
    out = tmp_path / "evidence.pdf"
    assert written.args == [str(out)]
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    # US Letter is 612 x 792 points.
    assert re.search(rb"/MediaBox\s*\[\s*0\s+0\s+612(\.0+)?\s+792", data)
    articles = len(window.documents) - len(window.workspace.source_names)
    assert f"on {articles} articles" in window.statusBar().currentMessage()
    assert "pages" in window.statusBar().currentMessage()


def test_a_folder_that_cannot_be_written_gets_a_message_naming_the_file(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_sample(qtbot)
    out = tmp_path / "missing" / "report.html"
    answer_save_dialog(monkeypatch, out, HTML_FILTER)
    answer_options(window, ReportOptions(None, "a4"))
    with qtbot.waitSignal(window.messageShown, timeout=20000) as shown:
        window.exchange.export_report.trigger()
    assert "The report was not written" in shown.args[0] and str(out) in shown.args[0]
    assert not out.parent.exists()
    assert window.exchange.export_report.isEnabled()  # ready to try again


def test_cancelled_options_or_dialog_write_nothing(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_sample(qtbot)
    titles = answer_save_dialog(monkeypatch, None)
    answer_options(window, None)
    window.exchange.export_report.trigger()
    assert titles == []  # no file asked for once the options were cancelled
    answer_options(window, ReportOptions(None, "a4"))
    window.exchange.export_report.trigger()
    assert titles == ["Export Report"]
    assert not window.runner.is_running("exchange")
    assert list(tmp_path.iterdir()) == []


def test_cancel_while_the_report_analyses_writes_nothing(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_sample(qtbot)
    window.workspace.analysis = None  # the report must analyse first
    out = tmp_path / "never.html"
    answer_save_dialog(monkeypatch, out, HTML_FILTER)
    answer_options(window, ReportOptions(None, "a4"))
    with qtbot.waitSignal(window.exchange.ended, timeout=20000):
        window.exchange.export_report.trigger()
        assert not window.exchange.export_report.isEnabled()  # one exchange at a time
        window.exchange.status.cancel_button.click()
    assert not out.exists()
    assert "cancelled" in window.statusBar().currentMessage()
    assert window.exchange.export_report.isEnabled()


def test_the_report_names_the_outlet_a_dropped_page_gave(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_sample(qtbot)
    page = tmp_path / "courier.html"
    page.write_bytes(fx.html_news_page(fx.ARTICLES[0]))
    with qtbot.waitSignal(window.analysisFinished, timeout=30000):
        window.files.import_paths([str(page)])
    out = tmp_path / "courier-report.html"
    answer_save_dialog(monkeypatch, out, HTML_FILTER)
    answer_options(window, ReportOptions("courier.html", "a4"))
    with qtbot.waitSignal(window.exchange.reportWritten, timeout=20000):
        window.exchange.export_report.trigger()
    text = _text(out)
    assert "The Daily Courier" in text and "Jane Roe" in text
