"""Documents as people have them, in the window: dropped in any format, their originals
saved back byte for byte, their metadata in the list, long PDFs read with progress."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog

from cablereader.core.documents import Document
from cablereader.core.sample import sample_corpus_dir
from cablereader.ui.app.mainwindow import MainWindow
from tests import format_fixtures as fx
from tests.conftest import MSNBC
from tests.ui.app.test_reliability import open_sample

STEM = fx.ARTICLES[1]


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def drop(window: MainWindow, paths: list[Path]) -> tuple[bool, bool]:
    """Drag ``paths`` onto the window and drop them; whether each event was accepted."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    action = Qt.DropAction.CopyAction
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(window.rect().center(), action, mime, buttons, keys)
    QApplication.sendEvent(window, enter)
    dropped = QDropEvent(QPointF(window.rect().center()), action, mime, buttons, keys)
    QApplication.sendEvent(window, dropped)
    return enter.isAccepted(), dropped.isAccepted()


def answer_save_dialog(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    suggested: list[str] = []

    def fake(parent, title, start="", *args, **kwargs):
        suggested.append(start)
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    return suggested


def test_every_format_dropped_on_the_window_is_imported(qtbot, tmp_path: Path) -> None:
    window = open_sample(qtbot)
    files = [
        _write(tmp_path, "page.html", fx.html_news_page(STEM)),
        _write(tmp_path, "print.pdf", fx.pdf_hard_wrapped(STEM)),
        _write(tmp_path, "word.docx", fx.docx_document(STEM)),
        _write(tmp_path, "office.odt", fx.odt_document(STEM)),
        _write(tmp_path, "rich.rtf", fx.rtf_document(STEM)),
        _write(tmp_path, "mail.eml", fx.eml_forwarded(STEM)),
        _write(tmp_path, "notes.md", fx.markdown_document(STEM)),
    ]
    with qtbot.waitSignal(window.files.documentsLoaded, timeout=60000):
        assert drop(window, files) == (True, True)
    names = {d.name for d in window.documents}
    assert {p.name for p in files} <= names
    body = fx.article_paragraphs(STEM)[2]
    for path in files:
        text = window.workspace.document(path.name).text
        assert " ".join(body.split()[:6]) in " ".join(text.split()), path.name


def test_save_original_writes_the_dropped_file_back_byte_for_byte(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_sample(qtbot)
    page = _write(tmp_path, "page.html", fx.html_news_page(STEM))
    with qtbot.waitSignal(window.files.documentsLoaded, timeout=30000):
        drop(window, [page])
    assert window.document_list.select_article("page.html")
    # The list shows what the page said about itself (tooltip; read out with the name).
    index = window.document_list.index_of("page.html")
    tooltip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert "Outlet: The Daily Courier" in tooltip and "Author: Jane Roe" in tooltip
    assert "URL: https://courier.example/world/" in tooltip
    assert "2023-08-09" in index.data(Qt.ItemDataRole.AccessibleDescriptionRole)
    out = tmp_path / "out" / "saved.html"
    out.parent.mkdir()
    suggested = answer_save_dialog(monkeypatch, out)
    commands = window.document_commands
    commands.menu.aboutToShow.emit()
    assert commands.save_original.isEnabled()
    assert "page.html" in commands.save_original.text()
    commands.save_original.trigger()
    assert Path(suggested[0]).name == "page.html"
    assert out.read_bytes() == page.read_bytes()
    assert f"to {out}" in window.statusBar().currentMessage()


def test_the_sample_text_is_saved_back_as_it_was_read(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_sample(qtbot)
    assert window.view.right_document.name == MSNBC  # nothing selected: the article shown
    window.document_list.clearSelection()
    out = tmp_path / "msnbc.txt"
    answer_save_dialog(monkeypatch, out)
    window.document_commands.save_original.trigger()
    assert out.read_bytes() == (sample_corpus_dir() / MSNBC).read_bytes()


def test_documents_without_an_original_say_so(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_sample(qtbot)
    made = [Document.from_text("a.txt", "Made in the app."), Document.from_text("b.txt", "Too.")]
    window.workspace.open_documents(made, "made")
    window.show_article("b.txt")
    commands = window.document_commands
    commands.menu.aboutToShow.emit()
    assert not commands.save_original.isEnabled()
    answer_save_dialog(monkeypatch, tmp_path / "never.txt")
    with qtbot.waitSignal(window.messageShown) as shown:
        commands.choose_save_original()
    assert "keeps no original" in shown.args[0] and "b.txt" in shown.args[0]
    assert not (tmp_path / "never.txt").exists()


def test_a_place_that_cannot_be_written_gets_a_message_naming_it(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_sample(qtbot)
    out = tmp_path / "missing" / "x.txt"
    answer_save_dialog(monkeypatch, out)
    with qtbot.waitSignal(window.messageShown) as shown:
        window.document_commands.save_original.trigger()
    assert "The original was not saved" in shown.args[0] and str(out) in shown.args[0]


def test_a_long_pdf_is_read_with_page_progress_and_can_be_cancelled(qtbot, tmp_path: Path) -> None:
    window = open_sample(qtbot)
    count = len(window.documents)
    long_pdf = _write(tmp_path, "long.pdf", fx.pdf_pages(120))
    status = window.document_commands.load_status

    def a_page(done: int, total: int, what: str) -> bool:
        return "page" in what and total == 120

    with qtbot.waitSignal(window.files.loadProgress, check_params_cb=a_page, timeout=30000):
        window.files.import_paths([str(long_pdf)])
    assert status.progress.isVisible() and status.cancel_button.isVisible()
    assert "long.pdf: page" in status.progress.format()
    with qtbot.waitSignal(window.files.loadCancelled, timeout=30000):
        status.cancel_button.click()
    assert not status.progress.isVisible()
    assert len(window.documents) == count  # nothing half-added
    assert "Reading cancelled" in window.statusBar().currentMessage()


def test_a_pdf_read_to_the_end_is_added(qtbot, tmp_path: Path) -> None:
    window = open_sample(qtbot)
    pdf = _write(tmp_path, "short.pdf", fx.pdf_pages(3))
    pages: list[tuple[int, int]] = []
    window.files.loadProgress.connect(lambda done, total, what: pages.append((done, total)))
    with qtbot.waitSignal(window.files.documentsLoaded, timeout=30000):
        window.files.import_paths([str(pdf)])
    assert (3, 3) in pages
    assert window.workspace.document("short.pdf") is not None
    assert not window.document_commands.load_status.progress.isVisible()
