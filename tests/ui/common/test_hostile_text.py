"""Markup from documents, projects and file names reaches Qt as text, never as markup.

A project from someone else, with documents named and titled with HTML, tags named
with it, notes and times full of it, is opened in the real window.  Then every model
of the window (documents, quotations, annotations and their filters, tags, search
results, differences) is asked for every cell's tooltip, status tip and "What's
This": each is either text Qt shows as written (``Qt.mightBeRichText`` false) or HTML
the app built with that text escaped.  The same holds for the pane's tooltip over an
annotated passage and for the message boxes (file and tag names in their text).
Item views draw ``DisplayRole`` with ``drawText`` (never as HTML): there the hostile
strings must simply be shown as they are.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QPoint, Qt, QTimer
from PySide6.QtGui import QHelpEvent, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QMessageBox,
    QTextEdit,
    QToolTip,
    QWidget,
)
from pytestqt.qtbot import QtBot

from cablereader.app import create_main_window
from cablereader.core.documents import load_paths
from cablereader.core.project import Project
from cablereader.core.sample import sample_corpus_dir
from cablereader.ui.app.mainwindow import MainWindow
from cablereader.ui.common.messageboxes import ask
from cablereader.ui.common.text import is_plain_for_qt, plain_tooltip, rich_tooltip
from tests.conftest import MSNBC, REPRINT, SOURCE

IMG = '<img src="/etc/passwd">'
BOLD = "<b>bold</b>"
ENTITY = "&#47;etc&#47;passwd"
LINK = '<a href="file:///etc/passwd">link</a>'
HOSTILE = f"{IMG} {BOLD} {ENTITY} {LINK}"
# A file name cannot hold "/": entities stand in for it.
HOSTILE_FILE = "<img src=&#47;etc&#47;passwd>.txt"
# What must never appear raw in text that Qt renders as HTML.
RAW_MARKUP = ("<img", "<b>bold", "&#47;", "<a href", "<a ")

TIP_ROLES = (
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.StatusTipRole,
    Qt.ItemDataRole.WhatsThisRole,
)


def unsafe(value: object) -> str | None:
    """Why Qt would render ``value`` as markup from outside, or None if it would not."""
    if not isinstance(value, str) or is_plain_for_qt(value):
        return None
    for raw in RAW_MARKUP:
        if raw in value:
            return f"rich text with {raw!r} unescaped"
    document = QTextDocument()
    document.setHtml(value)
    return renders_markup(document)


def renders_markup(document: QTextDocument) -> str | None:
    """Why ``document`` shows an image or a link (something HTML made), or None."""
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            style = fragments.fragment().charFormat()
            if style.isImageFormat() or style.isAnchor():
                return "rich text that renders an image or a link"
            fragments += 1
        block = block.next()
    return None


def test_the_helpers_give_text_qt_shows_as_written() -> None:
    for text in (HOSTILE, IMG, f"x {BOLD}", ENTITY, "plain", "a < b & c > d"):
        for tip in (plain_tooltip(text), rich_tooltip(text)):
            assert unsafe(tip) is None, tip
            shown = QTextDocument()
            if is_plain_for_qt(tip):
                shown.setPlainText(tip)
            else:
                shown.setHtml(tip)
            assert shown.toPlainText() == text
    assert plain_tooltip("plain, with & and <") == "plain, with & and <"


def _hostile_corpus(folder: Path) -> list[Path]:
    """The sample corpus with HTML in names, titles, quotations and the reprint."""
    folder.mkdir()
    paths = []
    for sample in sorted(sample_corpus_dir().glob("*.txt")):
        text = sample.read_text(encoding="utf-8")
        name = sample.name
        if name == MSNBC:
            name = HOSTILE_FILE
            text = f"{HOSTILE}\n\n{text}\n\nHe said “{BOLD} {ENTITY} {IMG}” on Monday.\n"
        elif name == REPRINT:
            name = "<b>bold.txt"
            # A variant of the cable's text in the reprint: a difference with markup.
            middle = text.index(" the ", len(text) // 2)
            text = f"{HOSTILE}\n{text[:middle]} {IMG} {text[middle + 5 :]}"
        elif name == SOURCE:
            text = f"{HOSTILE}\n{text}"
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture
def hostile_project(tmp_path: Path) -> Path:
    loaded = load_paths(_hostile_corpus(tmp_path / "corpus"))
    assert not loaded.errors
    path = tmp_path / "<img src=&#47;etc&#47;passwd>.crproj"
    project = Project.create(path, loaded.documents)
    bare = project.add_tag(IMG, "#ff0000").added_tag  # no description: tooltip is its name
    described = project.add_tag(BOLD, "#00ff00", description=HOSTILE).added_tag
    linked = project.add_tag(LINK + ENTITY, "#0000ff").added_tag
    assert bare is not None and described is not None and linked is not None
    article = HOSTILE_FILE
    text = next(d.text for d in project.documents() if d.name == article)
    start = text.index("He said")
    project.add_annotation(article, start, start + 40, [bare.id, described.id], HOSTILE)
    project.add_annotation(article, 0, 20, [linked.id], f"{IMG}\n{LINK}")
    project.close()
    with sqlite3.connect(path) as connection:  # times are free text in a project file
        connection.execute("UPDATE annotations SET modified = ?, created = ?", (IMG, BOLD))
    connection.close()
    return path


@pytest.fixture
def window(qtbot: QtBot, hostile_project: Path) -> Iterator[MainWindow]:
    win = create_main_window([str(hostile_project)])
    assert isinstance(win, MainWindow)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.analysisFinished, timeout=30000):
        pass
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def _cells(model: QAbstractItemModel, parent: QModelIndex = QModelIndex()) -> Iterator[QModelIndex]:  # noqa: B008
    for row in range(model.rowCount(parent)):
        for column in range(model.columnCount(parent)):
            index = model.index(row, column, parent)
            yield index
            if column == 0 and model.rowCount(index) > 0:
                yield from _cells(model, index)


def _models(window: QWidget) -> dict[str, QAbstractItemModel]:
    models: dict[str, QAbstractItemModel] = {}
    for view in window.findChildren(QAbstractItemView):
        if view.model() is not None:
            models[f"{type(view).__name__} {view.objectName()}"] = view.model()
    for combo in window.findChildren(QComboBox):
        models[f"combo {combo.objectName() or combo.accessibleName()}"] = combo.model()
    return models


def _show(window: MainWindow, qtbot: QtBot, name: str) -> None:
    window.document_list.select_article(name)
    qtbot.waitUntil(
        lambda: window.view.right_document is not None and window.view.right_document.name == name
    )


def _check_models(window: MainWindow, problems: list[str], shown: set[str]) -> int:
    """Ask every model of the window for every tip of every cell; count the models."""
    models = _models(window)
    for where, model in models.items():
        for section in range(model.columnCount()):
            for role in TIP_ROLES:
                value = model.headerData(section, Qt.Orientation.Horizontal, role)
                if reason := unsafe(value):
                    problems.append(f"{where} header {section}: {reason}: {value!r}")
        for index in _cells(model):
            display = index.data(Qt.ItemDataRole.DisplayRole)
            if isinstance(display, str):
                shown.add(display)
            for role in TIP_ROLES:
                value = index.data(role)
                if reason := unsafe(value):
                    problems.append(
                        f"{where} ({index.row()}, {index.column()}) {role.name}: "
                        f"{reason}: {value!r}"
                    )
    return len(models)


def test_every_model_gives_qt_text_or_escaped_html(window: MainWindow, qtbot: QtBot) -> None:
    problems: list[str] = []
    shown: set[str] = set()
    # The reprint: its variants of the cable (with markup) in the difference list.
    _show(window, qtbot, "<b>bold.txt")
    qtbot.waitUntil(lambda: window.difference_list.tree.topLevelItemCount() > 0)
    tree = window.difference_list.tree
    variants = [tree.topLevelItem(i).text(1) for i in range(tree.topLevelItemCount())]
    assert any(IMG in text for text in variants), variants  # a variant with the markup
    _check_models(window, problems, shown)
    # The hostile article: its quotations; and a search that finds the markup.
    _show(window, qtbot, HOSTILE_FILE)
    assert window.quote_table.model.rowCount() > 0
    window.corpus_search.set_query("passwd")
    qtbot.waitUntil(lambda: len(window.corpus_search.hits()) > 0, timeout=10000)
    assert _check_models(window, problems, shown) >= 8
    # Every quotation's comparison (HTML the quote table builds) and every label.
    for check in window.quote_table.model.checks():
        assert window.quote_table.select_quote(check.start)
        for browser in window.findChildren(QTextEdit):
            if reason := renders_markup(browser.document()):
                problems.append(f"{browser.objectName()} for “{check.text[:40]}”: {reason}")
    problems.extend(_labels_safe(window))
    assert not problems, "\n".join(problems)
    # Cells show the names as they are (drawn as text, never as markup).
    assert HOSTILE_FILE in shown
    assert IMG in shown and BOLD in shown


def _tooltip_over(window: MainWindow, qtbot: QtBot, offset: int) -> str:
    pane = window.view.article_pane
    cursor = QTextCursor(pane.document())
    cursor.setPosition(offset + 2)
    pane.setTextCursor(cursor)
    pane.ensureCursorVisible()
    where = pane.cursorRect(cursor).center()
    QToolTip.hideText()
    event = QHelpEvent(QEvent.Type.ToolTip, where, pane.viewport().mapToGlobal(where))
    QApplication.sendEvent(pane.viewport(), event)
    qtbot.waitUntil(QToolTip.isVisible, timeout=3000)
    return QToolTip.text()


def test_the_pane_tooltip_over_an_annotated_passage_is_text(
    window: MainWindow, qtbot: QtBot
) -> None:
    _show(window, qtbot, HOSTILE_FILE)
    assert window.view.right_document is not None
    text = window.view.right_document.text
    tip = _tooltip_over(window, qtbot, text.index("He said"))
    assert "Tags:" in tip and "bold" in tip
    assert unsafe(tip) is None, tip
    rendered = QTextDocument()
    rendered.setHtml(tip) if not is_plain_for_qt(tip) else rendered.setPlainText(tip)
    assert f"Tags: {IMG}, {BOLD}" in rendered.toPlainText()


def _labels_safe(box: QWidget) -> list[str]:
    problems = []
    for label in box.findChildren(QLabel):
        if label.textFormat() == Qt.TextFormat.PlainText:
            continue
        if reason := unsafe(label.text()):
            problems.append(f"{label.objectName()}: {reason}: {label.text()!r}")
    return problems


def test_message_boxes_show_file_names_as_text(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    empty = tmp_path / "<b>empty<&#47;b>.txt"
    empty.write_text("")
    with qtbot.waitSignal(window.messageShown, timeout=10000):
        window.files.import_paths([str(empty)])
    box = window.message_box
    assert box is not None
    assert "<b>empty<&#47;b>.txt" in box.informativeText()
    assert not _labels_safe(box), _labels_safe(box)


def test_the_read_only_question_shows_the_file_name_as_text(
    window: MainWindow, qtbot: QtBot, hostile_project: Path
) -> None:
    window.close_project()
    holder = Project.open(hostile_project)  # another editor has it
    seen: list[list[str]] = []
    texts: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        texts.append(box.text())
        seen.append(_labels_safe(box))
        box.button(QMessageBox.StandardButton.Cancel).click()

    QTimer.singleShot(0, answer)
    try:
        assert window.files.open_project(str(hostile_project)) is False
    finally:
        holder.close()
    assert texts and hostile_project.name in texts[0]
    assert seen == [[]]


def test_confirming_a_tag_deletion_shows_the_name_as_text(window: MainWindow, qtbot: QtBot) -> None:
    tag = next(t for t in window.workspace.project.tags() if t.name == IMG)
    seen: list[list[str]] = []
    texts: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        texts.append(box.text())
        seen.append(_labels_safe(box))
        box.button(QMessageBox.StandardButton.No).click()

    QTimer.singleShot(0, answer)
    assert window.tag_list.delete_tag(tag.id) is False
    assert texts and IMG in texts[0]
    assert seen == [[]]


def test_the_merge_dialog_shows_the_tag_name_as_text(window: MainWindow) -> None:
    tag = next(t for t in window.workspace.project.tags() if t.name == IMG)
    dialog = window.tag_list.merge_dialog(tag)
    labels = dialog.findChildren(QLabel)
    assert any(IMG in label.text() for label in labels)
    assert not _labels_safe(dialog), _labels_safe(dialog)


def test_ask_gives_the_button_pressed(qtbot: QtBot) -> None:
    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, press)
            return
        assert box.textFormat() == Qt.TextFormat.PlainText
        box.button(QMessageBox.StandardButton.Yes).click()

    QTimer.singleShot(0, press)
    assert ask(None, "Title", BOLD) == QMessageBox.StandardButton.Yes


def test_unsafe_catches_what_qt_would_render() -> None:
    assert unsafe(IMG) is not None
    assert unsafe(f"Tags: {BOLD}") is not None
    assert unsafe(f"<qt>{ENTITY}</qt>") is not None
    assert unsafe(rich_tooltip(HOSTILE)) is None
    assert unsafe(QPoint()) is None
