"""File ▸ New Document from Clipboard (Ctrl+Shift+V): the real action on a real clipboard."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence

from cablereader.ui.app.mainwindow import MainWindow
from tests import format_fixtures as fx
from tests.ui.app.test_reliability import open_sample

STEM = fx.ARTICLES[0]


@pytest.fixture(autouse=True)
def clipboard_emptied_after() -> Iterator[None]:
    """The clipboard owns the data a test puts there: empty it while the test's Qt
    application is alive (data left there is deleted twice at exit, a crash)."""
    yield
    QGuiApplication.clipboard().clear()


def put_on_clipboard(html: str = "", text: str = "") -> None:
    mime = QMimeData()
    if html:
        mime.setHtml(html)
    if text:
        mime.setText(text)
    QGuiApplication.clipboard().setMimeData(mime)


def answer_title(window: MainWindow, title: str | None) -> list[str]:
    suggested: list[str] = []

    def ask(parent, suggestion):
        suggested.append(suggestion)
        return title

    window.clipboard.ask_title = ask
    return suggested


def test_a_copied_web_page_becomes_its_article_text_and_undo_takes_it_away(qtbot) -> None:
    window = open_sample(qtbot)
    before = [d.name for d in window.documents]
    page = fx.html_news_page(STEM).decode("utf-8")
    headline, *body = fx.article_paragraphs(STEM)
    put_on_clipboard(html=page, text="\n".join([headline, *body]))
    suggested = answer_title(window, "Courier story")
    with qtbot.waitSignal(window.clipboard.documentAdded, timeout=20000) as added:
        window.clipboard.new_from_clipboard.trigger()
    assert suggested == [headline[:80]]
    assert added.args == ["Courier story"]
    document = window.workspace.document("Courier story")
    assert document is not None
    assert body[0] in document.text and body[-1] in document.text
    for furniture in fx.FURNITURE_QUOTES:
        assert furniture not in document.text
    assert window.view.right_document.name == "Courier story"  # shown at once
    # What the page said about itself is in the document list's tooltip.
    tooltip = window.document_list.index_of("Courier story").data(Qt.ItemDataRole.ToolTipRole)
    assert "The Daily Courier" in tooltip and "Jane Roe" in tooltip
    assert window.undo_stack.undoText() == "New document “Courier story”"
    window.undo_stack.undo()
    assert [d.name for d in window.documents] == before
    window.undo_stack.redo()
    assert "Courier story" in [d.name for d in window.documents]


def test_plain_text_is_taken_as_it_is_and_a_taken_name_gets_a_number(qtbot) -> None:
    window = open_sample(qtbot)
    put_on_clipboard(text="A pasted note\n\nIt says “all will be forgiven”.")
    answer_title(window, "A pasted note")
    for _ in range(2):
        with qtbot.waitSignal(window.clipboard.documentAdded, timeout=20000):
            window.clipboard.new_from_clipboard.trigger()
    first, second = (
        window.workspace.document("A pasted note"),
        window.workspace.document("A pasted note (2)"),
    )
    assert first is not None and second is not None
    assert first.text == second.text == "A pasted note\n\nIt says “all will be forgiven”."
    original = window.workspace.project.original("A pasted note")
    assert original is not None and original.data() == first.text.encode("utf-8")


def test_an_empty_clipboard_says_so_and_asks_nothing(qtbot) -> None:
    window = open_sample(qtbot)
    put_on_clipboard()
    suggested = answer_title(window, "never")
    with qtbot.waitSignal(window.messageShown) as shown:
        window.clipboard.new_from_clipboard.trigger()
    assert "Nothing to paste" in shown.args[0]
    assert suggested == []


def test_no_title_adds_nothing(qtbot) -> None:
    window = open_sample(qtbot)
    count = len(window.documents)
    put_on_clipboard(text="Some text")
    answer_title(window, None)
    window.clipboard.new_from_clipboard.trigger()
    assert not window.runner.is_running("clipboard")
    assert len(window.documents) == count


def test_ctrl_shift_v_pastes(qtbot) -> None:
    window = open_sample(qtbot)
    action = window.clipboard.new_from_clipboard
    assert action.shortcut() == QKeySequence("Ctrl+Shift+V")
    file_menu = window.menuBar().findChild(type(window.exchange.export_menu), "fileMenu")
    assert action in file_menu.actions()
    put_on_clipboard(text="Keyboard paste")
    answer_title(window, "Keyboard paste")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # shortcuts reach the active window only
    window.view.article_pane.setFocus()
    with qtbot.waitSignal(window.clipboard.documentAdded, timeout=20000):
        qtbot.keyClick(
            window.view.article_pane,
            Qt.Key.Key_V,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    assert window.workspace.document("Keyboard paste") is not None
