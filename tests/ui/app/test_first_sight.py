"""Issue 15, the reader at first sight: every documented key and command, driven by keys
and clicks as a user would (redo, full screen, the shortcut sheet, Remove Document,
export feedback and the author, the verdict filter, compare mode's way out, titles)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import QApplication, QTextBrowser

from cablereader.app import create_main_window
from cablereader.ui.app.mainwindow import MainWindow
from cablereader.ui.app.preferences import PreferencesDialog
from cablereader.ui.app.shortcuts import ShortcutsDialog, shortcut_rows
from cablereader.ui.reader.comparison import ARTICLE_MODE, COMPARE_MODE
from tests.conftest import MSNBC, REPRINT, SOURCE
from tests.ui.app.test_reliability import open_sample as _open_sample
from tests.ui.app.test_reliability import tag_words

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
README = Path(__file__).resolve().parents[3] / "README.md"


def open_sample(qtbot) -> MainWindow:
    """The window on the sample, active: window shortcuts reach an active window only."""
    window = _open_sample(qtbot)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def show(window: MainWindow, qtbot, name: str) -> None:
    window.document_list.select_article(name)
    qtbot.waitUntil(
        lambda: window.view.right_document is not None and window.view.right_document.name == name
    )


# ---- 1. redo --------------------------------------------------------------------------


def test_every_action_has_each_key_once(qtbot) -> None:
    window = open_sample(qtbot)
    seen: dict[str, str] = {}
    for action in [*window.commands.all(), *window.actions()]:
        keys = [k.toString() for k in action.shortcuts()]
        assert len(keys) == len(set(keys)), action.text()
        for key in keys:
            owner = seen.setdefault(key, action.text())
            assert owner == action.text(), f"{key}: {owner} and {action.text()}"


def test_ctrl_shift_z_and_ctrl_y_redo(qtbot) -> None:
    window = open_sample(qtbot)
    pane = window.view.article_pane
    tag_words(window, qtbot, "Donald Lu")

    def count() -> int:
        return len(window.workspace.project.annotations(MSNBC))

    assert count() == 1
    qtbot.keyClick(pane, Qt.Key.Key_Z, CTRL)
    assert count() == 0
    qtbot.keyClick(pane, Qt.Key.Key_Z, CTRL | SHIFT)
    assert count() == 1
    qtbot.keyClick(pane, Qt.Key.Key_Z, CTRL)
    assert count() == 0
    qtbot.keyClick(pane, Qt.Key.Key_Y, CTRL)
    assert count() == 1


# ---- 2. full screen -------------------------------------------------------------------


def test_f11_enters_and_leaves_full_screen_and_esc_leaves_it(qtbot) -> None:
    window = open_sample(qtbot)
    pane = window.view.article_pane
    qtbot.keyClick(pane, Qt.Key.Key_F11)
    qtbot.waitUntil(window.isFullScreen)
    assert window.commands.full_screen.isChecked()
    qtbot.keyClick(pane, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: not window.isFullScreen())
    assert not window.commands.full_screen.isChecked()
    qtbot.keyClick(pane, Qt.Key.Key_F11)
    qtbot.waitUntil(window.isFullScreen)
    qtbot.keyClick(pane, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.isFullScreen())
    assert not window.commands.full_screen.isChecked()


def test_a_remembered_full_screen_never_reopens_full_screen(qtbot) -> None:
    window = open_sample(qtbot)
    qtbot.keyClick(window.view.article_pane, Qt.Key.Key_F11)
    qtbot.waitUntil(window.isFullScreen)
    window.close()  # saves the geometry, full screen included
    again = create_main_window([])
    qtbot.addWidget(again)
    assert not again.windowState() & Qt.WindowState.WindowFullScreen
    again.show()
    qtbot.waitExposed(again)
    assert not again.isFullScreen() and not again.commands.full_screen.isChecked()


# ---- 3. the shortcut sheet ------------------------------------------------------------


def _readme_rows() -> list[tuple[str, str]]:
    text = README.read_text(encoding="utf-8")
    table = text.split("### Keyboard shortcuts", 1)[1].split("\n\n", 2)[1]
    rows = []
    for line in table.splitlines()[2:]:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        rows.append((cells[0], cells[1]))
    return rows


def test_the_sheet_reads_like_the_readme_and_names_every_key(qtbot) -> None:
    window = open_sample(qtbot)
    rows = shortcut_rows(window.commands)
    assert rows == _readme_rows()
    keys = ", ".join(k for k, _ in rows)
    for wanted in ("1 … 9", "Esc", "Del", "F11", "Ctrl+Shift+Z", "Ctrl+P"):
        assert wanted in keys
    # No raw key lists: no keys a keyboard does not have.
    assert not re.search(r"\bF1[3-9]\b|Undo|Copy|Save\b|Zoom In|Alt\+Backspace", keys)
    qtbot.keyClick(window.view.article_pane, Qt.Key.Key_Slash, CTRL)
    qtbot.waitUntil(lambda: _open_dialog(ShortcutsDialog) is not None)
    dialog = _open_dialog(ShortcutsDialog)
    text = dialog.findChild(QTextBrowser, "shortcutsText").toPlainText()
    assert "Ctrl+Shift+Z, Ctrl+Y" in text and "1 … 9" in text
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def _open_dialog(kind: type) -> object:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, kind) and widget.isVisible():
            return widget
    return None


def test_every_key_in_the_sheet_is_an_action_key(qtbot) -> None:
    window = open_sample(qtbot)
    known = {
        k.toString(QKeySequence.SequenceFormat.NativeText)
        for a in [*window.commands.all(), window.commands.undo, window.commands.redo]
        for k in a.shortcuts()
    }
    for keys, _what in shortcut_rows(window.commands):
        for key in keys.split(", "):
            if key[0].isdigit() or key in ("Esc", "Tab", "Shift+Tab", "Alt+drag"):
                continue
            assert key in known, key


# ---- 5. Remove Document ---------------------------------------------------------------


def test_delete_in_the_document_list_removes_the_document_and_undo_restores_it(qtbot) -> None:
    window = open_sample(qtbot)
    show(window, qtbot, MSNBC)
    tag_words(window, qtbot, "Donald Lu")
    project = window.workspace.project
    [annotation] = project.annotations(MSNBC)
    listing = window.document_list
    listing.select_article(MSNBC)
    listing.setFocus()
    messages: list[str] = []
    window.statusBar().messageChanged.connect(messages.append)
    with qtbot.waitSignal(window.analysisFinished, timeout=20000):
        qtbot.keyClick(listing, Qt.Key.Key_Delete)
    assert MSNBC not in listing.document_names()
    assert all(a.document != MSNBC for a in project.annotations())
    assert window.view.right_document is None or window.view.right_document.name != MSNBC
    assert any(m.startswith(f"Removed {MSNBC} and its annotation.") for m in messages)
    with qtbot.waitSignal(window.analysisFinished, timeout=20000):
        qtbot.keyClick(listing, Qt.Key.Key_Z, CTRL)
    assert MSNBC in listing.document_names()
    assert project.annotation(annotation.id) == annotation


def test_delete_elsewhere_does_not_remove_a_document(qtbot) -> None:
    window = open_sample(qtbot)
    before = window.document_list.document_names()
    qtbot.keyClick(window.view.article_pane, Qt.Key.Key_Delete)
    assert window.document_list.document_names() == before


def test_remove_document_is_in_the_edit_menu(qtbot) -> None:
    window = open_sample(qtbot)
    edit = window.menuBar().findChild(type(window.commands.open_recent), "editMenu")
    assert window.commands.remove_document in edit.actions()
    window.document_list.select_article(REPRINT)
    with qtbot.waitSignal(window.analysisFinished, timeout=20000):
        window.commands.remove_document.trigger()
    assert REPRINT not in window.document_list.document_names()


# ---- 6. export feedback and the author ------------------------------------------------


class _UrlCatcher(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


def test_preferences_author_goes_into_new_annotations_and_the_csv(qtbot, tmp_path) -> None:
    window = open_sample(qtbot)
    qtbot.keyClick(window.view.article_pane, Qt.Key.Key_Comma, CTRL)
    qtbot.waitUntil(lambda: _open_dialog(PreferencesDialog) is not None)
    dialog = _open_dialog(PreferencesDialog)
    dialog.author_edit.clear()
    qtbot.keyClicks(dialog.author_edit, "Jane Doe")
    qtbot.keyClick(dialog.author_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert QSettings().value("identity/author") == "Jane Doe"
    tag_words(window, qtbot, "Donald Lu")
    [annotation] = window.workspace.project.annotations(MSNBC)
    assert annotation.author == "Jane Doe"

    catcher = _UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "open")
    try:
        out = tmp_path / "notes.csv"
        with qtbot.waitSignal(window.files.exported):
            window.files.export(str(out))
        with out.open(encoding="utf-8-sig", newline="") as handle:
            [row] = list(csv.DictReader(handle))
        assert row["author"] == "Jane Doe"
        assert f"Exported 1 row to {out}" in window.statusBar().currentMessage()
        button = window.export_status.open_folder
        assert button.isVisible()
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert [u.toLocalFile() for u in catcher.urls] == [str(tmp_path)]
        assert not button.isVisible()
    finally:
        QDesktopServices.unsetUrlHandler("file")


# ---- 7. the verdict filter, typography, compare mode's way out ------------------------


def test_the_verdict_filter_resets_for_each_article(qtbot) -> None:
    window = open_sample(qtbot)
    show(window, qtbot, REPRINT)
    table = window.quote_table
    table.set_verdict_filter("altered")
    assert table.proxy.rowCount() >= 1
    show(window, qtbot, MSNBC)
    assert table.verdict_filter() is None
    assert table.proxy.rowCount() == table.model.rowCount() > 0


def test_compare_mode_has_a_close_button_and_esc_and_typography_turns_off(qtbot) -> None:
    window = open_sample(qtbot)
    show(window, qtbot, REPRINT)
    pane = window.view.article_pane
    with qtbot.waitSignal(window.comparisonShown, timeout=20000):
        qtbot.keyClick(pane, Qt.Key.Key_D, CTRL | SHIFT)
    assert window.view.mode == COMPARE_MODE
    qtbot.keyClick(pane, Qt.Key.Key_T, CTRL)
    assert window.commands.ignore_typography.isChecked()
    button = window.view.close_button
    assert button.isVisible() and "Close" in button.text()
    assert "No article selected" not in window.quote_table.diff_view.toPlainText()
    assert "Close Comparison" in window.quote_table.diff_view.toPlainText()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.view.mode == ARTICLE_MODE and window.view.right_document.name == REPRINT
    assert not window.commands.ignore_typography.isChecked()
    assert not button.isVisible()
    # And Esc leaves a comparison too.
    with qtbot.waitSignal(window.comparisonShown, timeout=20000):
        qtbot.keyClick(pane, Qt.Key.Key_D, CTRL | SHIFT)
    qtbot.keyClick(pane, Qt.Key.Key_Escape)
    assert window.view.mode == ARTICLE_MODE


def test_ctrl_t_in_article_mode_stays_on(qtbot) -> None:
    window = open_sample(qtbot)
    show(window, qtbot, REPRINT)
    qtbot.keyClick(window.view.article_pane, Qt.Key.Key_T, CTRL)
    assert window.commands.ignore_typography.isChecked() and window.view.ignore_typography
    qtbot.keyClick(window.view.article_pane, Qt.Key.Key_T, CTRL)
    assert not window.view.ignore_typography


def test_esc_in_the_find_bar_closes_the_bar_not_the_comparison(qtbot) -> None:
    window = open_sample(qtbot)
    with qtbot.waitSignal(window.comparisonShown, timeout=20000):
        window.compare(SOURCE, REPRINT)
    pane = window.view.article_pane
    pane.setFocus()
    qtbot.keyClick(pane, Qt.Key.Key_F, CTRL)
    assert window.find_bar.isVisible()
    qtbot.keyClick(window.find_bar.line_edit(), Qt.Key.Key_Escape)
    assert not window.find_bar.isVisible()
    assert window.view.mode == COMPARE_MODE


# ---- 8. the window title --------------------------------------------------------------


def test_the_title_names_the_article_by_its_title_and_says_where_the_project_is(qtbot) -> None:
    window = open_sample(qtbot)
    show(window, qtbot, REPRINT)
    title = window.windowTitle()
    document = window.view.right_document
    assert title.startswith(document.title[:40])
    assert REPRINT not in title and "unsaved name" not in title
    assert window.view.article_header.toolTip() == f"File: {REPRINT}"
    assert REPRINT not in window.view.article_header.text()
    tag_words(window, qtbot, "Donald Lu")  # the first edit gives the project its file
    assert "kept in" in window.windowTitle()


# ---- 13. the reprint banner -----------------------------------------------------------


def test_a_reprint_is_announced_by_a_banner_that_opens_the_comparison(qtbot) -> None:
    window = open_sample(qtbot)
    banner = window.view.reprint_banner
    show(window, qtbot, MSNBC)
    assert not banner.isVisible()
    show(window, qtbot, REPRINT)
    assert banner.isVisible()
    assert re.search(r"reprints the source</b> \(¶ \d+–\d+\), \d+ variants? — ", banner.text())
    # The reprint is drawn faint, under the rest: not one amber page and one amber band.
    view = window.view
    assert len(view.source_pane.layer("reprint")) == 1
    assert len(view.article_pane.layer("reprint")) == 1
    assert view.gutter.links()[0].colour.alpha() < 255
    assert view.source_pane.layer("passage")  # the other passages, drawn above it
    with qtbot.waitSignal(window.comparisonShown, timeout=20000):
        banner.linkActivated.emit("compare")
    assert window.view.mode == COMPARE_MODE and not banner.isVisible()
    # Compare mode lists the variants of the shared text: no reprint layer there.
    assert view.source_pane.layer("reprint") == []
