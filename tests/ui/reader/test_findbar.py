"""The find bar, driven through real widgets: typing, Enter/F3/Shift+F3, Esc, clicks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QLabel, QPlainTextEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from cablereader.core.documents import Document
from cablereader.core.search import find_all
from cablereader.ui.reader.findbar import FindBar
from tests.conftest import REPRINT


class Harness:
    def __init__(self, qtbot: QtBot, text: str) -> None:
        self.window = QWidget()
        qtbot.addWidget(self.window)
        self.pane = QPlainTextEdit(self.window)
        self.pane.setReadOnly(True)
        self.pane.setPlainText(text)
        self.bar = FindBar(self.window)
        self.bar.set_target(self.pane)
        layout = QVBoxLayout(self.window)
        layout.addWidget(self.pane)
        layout.addWidget(self.bar)
        self.window.resize(700, 400)
        self.window.show()
        qtbot.waitExposed(self.window)
        self.window.activateWindow()
        qtbot.waitUntil(self.window.isActiveWindow)
        self.pane.setFocus()
        self.text = text

    @property
    def edit(self) -> QWidget:
        return self.bar.line_edit()

    def count_text(self) -> str:
        label = self.bar.findChild(QLabel, "findCount")
        assert label is not None
        return label.text()

    def selected(self) -> str:
        return self.pane.textCursor().selectedText()


@pytest.fixture
def reprint(qtbot: QtBot, sample_documents: dict[str, Document]) -> Harness:
    return Harness(qtbot, sample_documents[REPRINT].text)


def test_open_focuses_the_query_and_typing_selects_the_first_match(
    qtbot: QtBot, reprint: Harness
) -> None:
    assert not reprint.bar.isVisible()
    reprint.bar.open_bar()
    assert reprint.bar.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is reprint.edit)
    assert reprint.bar.line_edit().placeholderText() == "Find in the focused pane"
    selected: list[tuple[int, int]] = []
    reprint.bar.matchSelected.connect(lambda start, end: selected.append((start, end)))
    qtbot.keyClicks(reprint.edit, "pakistan's")
    # Typed with a straight apostrophe, found with a curly one.
    assert reprint.selected() == "Pakistan’s"
    expected = find_all(reprint.text, "pakistan's")
    assert selected[-1] == expected[0]
    assert reprint.count_text() == f"1 of {len(expected)}"
    assert reprint.bar.matches() == expected


def test_enter_f3_shift_f3_walk_and_wrap(qtbot: QtBot, reprint: Harness) -> None:
    reprint.bar.open_bar()
    qtbot.keyClicks(reprint.edit, "donald lu")
    matches = find_all(reprint.text, "donald lu")
    assert len(matches) >= 3
    assert reprint.bar.current_index() == 0
    qtbot.keyClick(reprint.edit, Qt.Key.Key_Return)
    assert reprint.bar.current_index() == 1
    qtbot.keyClick(reprint.edit, Qt.Key.Key_F3)
    assert reprint.bar.current_index() == 2
    qtbot.keyClick(reprint.edit, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert reprint.bar.current_index() == 1
    qtbot.keyClick(reprint.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(reprint.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    # Wrapped from the first match to the last.
    assert reprint.bar.current_index() == len(matches) - 1
    assert reprint.count_text() == f"{len(matches)} of {len(matches)}"
    qtbot.keyClick(reprint.edit, Qt.Key.Key_F3)
    assert reprint.bar.current_index() == 0
    start, end = matches[0]
    cursor = reprint.pane.textCursor()
    assert (cursor.selectionStart(), cursor.selectionEnd()) == (start, end)
    assert reprint.selected() == "Donald Lu"


def test_buttons_find_next_and_previous(qtbot: QtBot, reprint: Harness) -> None:
    reprint.bar.open_bar()
    qtbot.keyClicks(reprint.edit, "cable")
    next_button = reprint.bar.findChild(QWidget, "findNext")
    previous_button = reprint.bar.findChild(QWidget, "findPrevious")
    assert next_button is not None and previous_button is not None
    with qtbot.waitSignal(reprint.bar.matchSelected):
        qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    assert reprint.bar.current_index() == 1
    qtbot.mouseClick(previous_button, Qt.MouseButton.LeftButton)
    assert reprint.bar.current_index() == 0
    assert reprint.selected().lower() == "cable"


def test_next_starts_from_the_pane_caret(qtbot: QtBot, reprint: Harness) -> None:
    matches = find_all(reprint.text, "donald lu")
    cursor = reprint.pane.textCursor()
    cursor.setPosition(matches[1][0] + 1)  # inside the second match
    reprint.pane.setTextCursor(cursor)
    reprint.bar.set_query("donald lu")
    assert reprint.bar.find_next()
    assert reprint.bar.current_index() == 2


def test_escape_closes_and_returns_focus_to_the_pane(qtbot: QtBot, reprint: Harness) -> None:
    reprint.bar.open_bar()
    qtbot.keyClicks(reprint.edit, "cable")
    assert reprint.bar.matches()
    with qtbot.waitSignals([reprint.bar.closed, reprint.bar.matchesChanged]):
        qtbot.keyClick(reprint.edit, Qt.Key.Key_Escape)
    assert not reprint.bar.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is reprint.pane)
    assert reprint.bar.matches() == []  # nothing to highlight while closed
    # F3 after closing still finds the last query.
    assert reprint.bar.find_next()


def test_close_button(qtbot: QtBot, reprint: Harness) -> None:
    reprint.bar.open_bar()
    close = reprint.bar.findChild(QWidget, "findClose")
    assert close is not None
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert not reprint.bar.isVisible()


def test_open_prefills_with_the_selection(qtbot: QtBot, reprint: Harness) -> None:
    start = reprint.text.index("Asad Majeed Khan")
    cursor = reprint.pane.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len("Asad Majeed Khan"), QTextCursor.MoveMode.KeepAnchor)
    reprint.pane.setTextCursor(cursor)
    reprint.bar.open_bar()
    assert reprint.bar.query() == "Asad Majeed Khan"
    assert reprint.edit.hasSelectedText()  # typing replaces it
    assert reprint.bar.current_index() == 0
    assert reprint.count_text().startswith("1 of ")


def test_match_case_checkbox(qtbot: QtBot) -> None:
    harness = Harness(qtbot, "Cable cable CABLE cable")
    harness.bar.open_bar()
    qtbot.keyClicks(harness.edit, "cable")
    assert len(harness.bar.matches()) == 4
    box = harness.bar.findChild(QWidget, "findMatchCase")
    assert box is not None
    with qtbot.waitSignal(harness.bar.matchesChanged):
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert harness.bar.matches() == [(6, 11), (18, 23)]
    assert harness.count_text() == "1 of 2"


def test_whole_words_checkbox(qtbot: QtBot) -> None:
    harness = Harness(qtbot, "cables cable cabled")
    harness.bar.open_bar()
    qtbot.keyClicks(harness.edit, "cable")
    assert len(harness.bar.matches()) == 3
    box = harness.bar.findChild(QWidget, "findWholeWords")
    assert box is not None
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert harness.bar.matches() == [(7, 12)]


def test_no_matches_is_shown_visibly(qtbot: QtBot, reprint: Harness) -> None:
    reprint.bar.open_bar()
    normal = reprint.edit.palette().color(reprint.edit.backgroundRole())
    qtbot.keyClicks(reprint.edit, "zebra crossing")
    assert reprint.count_text() == "No matches"
    label = reprint.bar.findChild(QLabel, "findCount")
    assert label is not None and label.font().bold()
    assert reprint.edit.palette().color(reprint.edit.backgroundRole()) != normal
    assert not reprint.bar.find_next()
    # Back to a query that matches: the warning goes away.
    reprint.edit.clear()
    qtbot.keyClicks(reprint.edit, "cable")
    assert reprint.edit.palette().color(reprint.edit.backgroundRole()) == normal
    assert not label.font().bold()


@pytest.mark.parametrize("query", ["", "   "])
def test_blank_query_finds_nothing(qtbot: QtBot, reprint: Harness, query: str) -> None:
    reprint.bar.open_bar()
    qtbot.keyClicks(reprint.edit, query)
    qtbot.keyClick(reprint.edit, Qt.Key.Key_Return)
    assert reprint.bar.matches() == []
    assert reprint.count_text() == ""
    assert not reprint.pane.textCursor().hasSelection()
    assert reprint.bar.isVisible()  # F3 on a blank query keeps asking for one


def test_regex_metacharacters_are_literal(qtbot: QtBot) -> None:
    text = "a.b axb (a.*b) a.b"
    harness = Harness(qtbot, text)
    harness.bar.open_bar()
    qtbot.keyClicks(harness.edit, "(a.*b)")
    start = text.index("(a.*b)")
    assert harness.bar.matches() == [(start, start + 6)]
    harness.edit.clear()
    qtbot.keyClicks(harness.edit, "a.b")
    assert harness.bar.matches() == [(0, 3), (15, 18)]


def test_offsets_past_emoji_are_code_points(qtbot: QtBot) -> None:
    text = "😀😀 first “target” and 😀 second target"
    harness = Harness(qtbot, text)
    harness.bar.open_bar()
    harness.bar.set_query('"target"')
    with qtbot.waitSignal(harness.bar.matchSelected) as blocker:
        qtbot.keyClick(harness.edit, Qt.Key.Key_Return)
    start, end = blocker.args
    assert text[start:end] == "“target”"
    assert harness.selected() == "“target”"
    harness.edit.clear()
    qtbot.keyClicks(harness.edit, "target")
    qtbot.keyClick(harness.edit, Qt.Key.Key_F3)
    assert harness.selected() == "target"
    assert harness.bar.current_index() == 1


def test_switching_target_and_text_updates_matches(qtbot: QtBot, reprint: Harness) -> None:
    other = QPlainTextEdit(reprint.window)
    other.setPlainText("one cable, two cables")
    reprint.bar.open_bar()
    qtbot.keyClicks(reprint.edit, "cable")
    reprint.bar.set_target(other)
    assert reprint.bar.target() is other
    assert reprint.bar.matches() == [(4, 9), (15, 20)]
    with qtbot.waitSignal(reprint.bar.matchesChanged):
        other.setPlainText("no match here")
    assert reprint.bar.matches() == []
    assert reprint.count_text() == "No matches"
