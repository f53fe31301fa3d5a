"""The inline find bar shown under the panes (Ctrl+F, F3 / Shift+F3, Esc).

It searches the text of one target pane with :func:`cablereader.core.search.find_all`, so
a query typed with straight quotes finds curly ones, and selects each match in the pane.
It never draws in the pane itself: the pane owns its extra selections, and the lead
draws all matches from :meth:`FindBar.matches` when :attr:`FindBar.matchesChanged` fires.

Offsets in signals and in :meth:`FindBar.matches` are code-point offsets into the pane's
text, like every offset in the application; only the cursor calls use Qt's UTF-16
positions.
"""

from __future__ import annotations

from bisect import bisect_left

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QPalette, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QStyle,
    QToolButton,
    QWidget,
)

from cablereader.core.offsets import Utf16Map
from cablereader.core.search import find_all

# A selection longer than this is not a search term the user meant to pre-fill.
_PREFILL_MAX_CHARS = 200


class FindBar(QWidget):
    """Find in the target pane: query, Match case, Whole words, previous/next, count."""

    matchSelected = Signal(int, int)  # code-point start, end of the match now selected
    matchesChanged = Signal()  # matches() changed (query, options, text, or bar closed)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.setAccessibleName("Find bar")
        self._target: QPlainTextEdit | None = None
        self._matches: list[tuple[int, int]] = []
        self._key: tuple[str, str, bool, bool] | None = None  # what _matches were found for
        self._offsets = Utf16Map("")
        self._current = -1
        self._anchor = 0  # where find-as-you-type starts looking

        self._edit = QLineEdit(self)
        self._edit.setObjectName("findQuery")
        self._edit.setAccessibleName("Find")
        self._edit.setPlaceholderText("Find in the focused pane")
        self._edit.setClearButtonEnabled(True)
        self._edit.setMinimumWidth(220)
        self._edit.installEventFilter(self)
        self._normal_palette = self._edit.palette()

        self._match_case = QCheckBox("Match case", self)
        self._match_case.setObjectName("findMatchCase")
        self._whole_words = QCheckBox("Whole words", self)
        self._whole_words.setObjectName("findWholeWords")

        style = self.style()
        self._previous = self._tool_button(
            "findPrevious", style.standardIcon(QStyle.StandardPixmap.SP_ArrowUp), "Previous match"
        )
        self._previous.setToolTip("Previous match (Shift+F3, Shift+Enter)")
        self._next = self._tool_button(
            "findNext", style.standardIcon(QStyle.StandardPixmap.SP_ArrowDown), "Next match"
        )
        self._next.setToolTip("Next match (F3, Enter)")
        self._count = QLabel(self)
        self._count.setObjectName("findCount")
        self._count.setMinimumWidth(90)
        close_icon = style.standardIcon(QStyle.StandardPixmap.SP_TitleBarCloseButton)
        self._close = self._tool_button("findClose", close_icon, "Close find bar")
        self._close.setToolTip("Close (Esc)")

        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 3, 6, 3)
        for widget in (self._edit, self._previous, self._next, self._match_case):
            layout.addWidget(widget)
        layout.addWidget(self._whole_words)
        layout.addWidget(self._count)
        layout.addStretch(1)
        layout.addWidget(self._close)

        self._edit.textChanged.connect(self._on_query_edited)
        self._match_case.toggled.connect(self._on_options_changed)
        self._whole_words.toggled.connect(self._on_options_changed)
        self._previous.clicked.connect(self.find_previous)
        self._next.clicked.connect(self.find_next)
        self._close.clicked.connect(self.close_bar)
        self.hide()

    def _tool_button(self, name: str, icon: QIcon, accessible: str) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(name)
        button.setAccessibleName(accessible)
        button.setIcon(icon)
        button.setAutoRaise(True)
        # Keyboard users stay in the query field; Enter and F3 do what these buttons do.
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return button

    # ----------------------------------------------------------------------------------
    # Public API

    def set_target(self, editor: QPlainTextEdit | None) -> None:
        """Search ``editor`` from now on (the pane that has, or last had, the focus)."""
        if editor is self._target:
            return
        if self._target is not None:
            self._target.textChanged.disconnect(self._on_target_text_changed)
            self._target.destroyed.disconnect(self._on_target_destroyed)
        self._target = editor
        if editor is not None:
            editor.textChanged.connect(self._on_target_text_changed)
            editor.destroyed.connect(self._on_target_destroyed)
        self._anchor = self._cursor_span()[0]
        self._refresh(select=False)

    def target(self) -> QPlainTextEdit | None:
        return self._target

    def query(self) -> str:
        return self._edit.text()

    def set_query(self, text: str) -> None:
        self._edit.setText(text)

    def line_edit(self) -> QLineEdit:
        return self._edit

    def open_bar(self) -> None:
        """Show the bar and focus its query, pre-filled with the pane's selection if any."""
        self._anchor = self._cursor_span()[0]
        selected = self._selected_text()
        self.show()
        if selected.strip() and len(selected) <= _PREFILL_MAX_CHARS and selected != self.query():
            self._edit.setText(selected)  # finds as typed: selects the first match from here
        else:
            self._refresh(select=False)
        self._edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._edit.selectAll()

    def close_bar(self) -> None:
        """Hide the bar and give the focus back to the pane."""
        self.hide()
        self.matchesChanged.emit()  # matches() is empty while hidden
        if self._target is not None:
            self._target.setFocus(Qt.FocusReason.OtherFocusReason)
        self.closed.emit()

    def matches(self) -> list[tuple[int, int]]:
        """All matches of the query in the target (code-point spans); empty when hidden."""
        return list(self._matches) if self.isVisible() else []

    def current_index(self) -> int:
        """Index in :meth:`matches` of the selected match, or -1."""
        return self._current

    def find_next(self) -> bool:
        """Select the next match after the pane's cursor, wrapping to the first."""
        return self._step(forward=True)

    def find_previous(self) -> bool:
        """Select the previous match before the pane's cursor, wrapping to the last."""
        return self._step(forward=False)

    # ----------------------------------------------------------------------------------
    # Searching

    def _step(self, *, forward: bool) -> bool:
        if not self._edit.text().strip():
            # F3 with nothing to find: ask for something to find.
            self.open_bar()
            return False
        self._refresh(select=False)
        if not self._matches:
            return False
        start, end = self._cursor_span()
        starts = [s for s, _ in self._matches]
        # The first match starting at or after the selection's end (so a selected match
        # moves on to the following one), or the last one starting before its start;
        # the modulo wraps around at either end.
        index = bisect_left(starts, end) if forward else bisect_left(starts, start) - 1
        index %= len(self._matches)
        self._select(index)
        self._anchor = self._matches[index][0]
        return True

    def _refresh(self, *, select: bool) -> None:
        """Recompute the matches if the query, options or text changed; update the count."""
        text = self._target.toPlainText() if self._target is not None else ""
        query = self._edit.text()
        key = (text, query, self._match_case.isChecked(), self._whole_words.isChecked())
        if key != self._key:
            self._key = key
            self._offsets = Utf16Map(text)
            self._matches = find_all(
                text, query, match_case=key[2], whole_words=key[3]
            )  # a blank query gives no matches
            self._current = -1
            if self.isVisible():
                self.matchesChanged.emit()
        starts = [s for s, _ in self._matches]
        if select and self._matches:
            self._select(bisect_left(starts, self._anchor) % len(self._matches))
            return
        # "3 of 12" whenever the pane's selection is a match, however it got there.
        span = self._cursor_span()
        index = bisect_left(starts, span[0])
        found = index < len(starts) and self._matches[index] == span
        self._current = index if found else -1
        self._show_count()

    def _select(self, index: int) -> None:
        if self._target is None:
            return
        start, end = self._matches[index]
        self._current = index
        cursor = QTextCursor(self._target.document())
        cursor.setPosition(self._offsets.to_utf16(start))
        cursor.setPosition(self._offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self._target.setTextCursor(cursor)
        self._target.ensureCursorVisible()
        self._show_count()
        self.matchSelected.emit(start, end)

    def _cursor_span(self) -> tuple[int, int]:
        """The target's selection (or caret) as code-point offsets."""
        if self._target is None:
            return 0, 0
        cursor = self._target.textCursor()
        text = self._target.toPlainText()
        fresh = self._key is not None and self._key[0] == text
        offsets = self._offsets if fresh else Utf16Map(text)
        return (
            offsets.to_code_point(cursor.selectionStart()),
            offsets.to_code_point(cursor.selectionEnd()),
        )

    def _selected_text(self) -> str:
        if self._target is None:
            return ""
        # Qt marks paragraph breaks in a selection with U+2029; as a query, any
        # whitespace does (whitespace runs match each other).
        return self._target.textCursor().selectedText().replace("\u2029", " ")

    def _show_count(self) -> None:
        query = self._edit.text()
        total = len(self._matches)
        if not query.strip():
            message = ""
        elif total == 0:
            message = "No matches"
        elif self._current >= 0:
            message = f"{self._current + 1:,} of {total:,}"
        else:
            message = f"{total:,} match" + ("" if total == 1 else "es")
        self._count.setText(message)
        self._show_no_matches(bool(query.strip()) and total == 0)

    def _show_no_matches(self, failed: bool) -> None:
        # Not colour alone: the label says "No matches" in bold as well.
        font = self._count.font()
        font.setBold(failed)
        self._count.setFont(font)
        if not failed:
            self._edit.setPalette(self._normal_palette)
            return
        palette = QPalette(self._normal_palette)
        base = palette.color(QPalette.ColorRole.Base)
        # Tint the field's own background towards red, so it works in dark palettes too.
        tint = QColor(220, 50, 47)
        mixed = QColor(
            (base.red() * 2 + tint.red()) // 3,
            (base.green() * 2 + tint.green()) // 3,
            (base.blue() * 2 + tint.blue()) // 3,
        )
        palette.setColor(QPalette.ColorRole.Base, mixed)
        self._edit.setPalette(palette)

    # ----------------------------------------------------------------------------------
    # Events

    def _on_query_edited(self, _text: str) -> None:
        # Find as you type, from where the search started, as browsers do (a query set
        # while the bar is hidden must not move the pane's selection).
        self._refresh(select=self.isVisible())

    def _on_options_changed(self, _checked: bool) -> None:
        self._refresh(select=self.isVisible())

    def _on_target_text_changed(self) -> None:
        if self.isVisible():
            self._refresh(select=False)

    def _on_target_destroyed(self) -> None:
        self._target = None
        self._key = None
        self._matches = []
        self._current = -1

    def event(self, event: QEvent) -> bool:
        self._claim_escape(event)
        return super().event(event)

    @staticmethod
    def _claim_escape(event: QEvent) -> None:
        # Esc closes the bar, not what a window shortcut on Esc does (Close Comparison).
        if event.type() == QEvent.Type.ShortcutOverride:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Escape:
                event.accept()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._edit:
            self._claim_escape(event)
        if watched is self._edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if self._handle_key(event):
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Keys pressed with a checkbox focused reach the bar itself.
        if not self._handle_key(event):
            super().keyPressEvent(event)

    def _handle_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if key == Qt.Key.Key_Escape:
            self.close_bar()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F3):
            if shift:
                self.find_previous()
            else:
                self.find_next()
        else:
            return False
        return True
