"""The View and Edit commands that act on the panes: zoom, locking, typography, find.

They keep the window's settings (text size, lock, typography) and follow the focus, so
Copy, Select All and Find act on the pane the user is in.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QColor, QPalette, QTextCharFormat
from PySide6.QtWidgets import QApplication, QDockWidget, QPlainTextEdit, QWidget

from cablereader.ui.app.actions import Actions
from cablereader.ui.app.session import SessionState
from cablereader.ui.reader.comparison import ARTICLE_MODE, ComparisonView
from cablereader.ui.reader.findbar import FindBar
from cablereader.ui.reader.panes import Span

_MIN_POINTS, _MAX_POINTS = 7.0, 36.0


class ViewCommands:
    """Zoom, scroll locking, typography, the find bar's matches, focus moves."""

    def __init__(
        self,
        view: ComparisonView,
        find_bar: FindBar,
        session: SessionState,
        commands: Actions,
        status: Callable[[str, int], None],
        after_view_change: Callable[[], None],
    ) -> None:
        self._view = view
        self._find_bar = find_bar
        self._session = session
        self._commands = commands
        self._status = status
        self._after_view_change = after_view_change
        self._mode = ARTICLE_MODE
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        find_bar.closed.connect(lambda: self.focused_pane().setFocus())
        find_bar.matchesChanged.connect(self._show_find_matches)

    def connect(self) -> None:
        a = self._commands
        a.copy.triggered.connect(lambda: self.focused_pane().copy())
        a.select_all.triggered.connect(lambda: self.focused_pane().selectAll())
        a.find.triggered.connect(self._find_bar.open_bar)
        a.find_next.triggered.connect(self._find_bar.find_next)
        a.find_previous.triggered.connect(self._find_bar.find_previous)
        a.zoom_in.triggered.connect(lambda: self.zoom(+1))
        a.zoom_out.triggered.connect(lambda: self.zoom(-1))
        a.zoom_reset.triggered.connect(lambda: self.zoom(0))
        a.lock_scrolling.toggled.connect(self._lock_toggled)
        a.ignore_typography.toggled.connect(self._typography_toggled)
        a.next_passage.triggered.connect(self._view.next_passage)
        a.previous_passage.triggered.connect(self._view.previous_passage)
        a.focus_source.triggered.connect(self._view.source_pane.setFocus)
        a.focus_article.triggered.connect(self._view.article_pane.setFocus)

    def restore(self) -> None:
        session, a = self._session, self._commands
        self._view.set_font_size(session.font_size())
        a.lock_scrolling.setChecked(session.flag("lockScrolling", True))
        self._view.linker.set_locked(a.lock_scrolling.isChecked())
        # Not restored: it belongs to a comparison, and turns off when one is closed.
        a.ignore_typography.setChecked(False)

    def focused_pane(self) -> QPlainTextEdit:
        target = self._find_bar.target()
        return target if target is not None else self._view.article_pane

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is self._view.source_pane or new is self._view.article_pane:
            self._find_bar.set_target(new)

    def _show_find_matches(self) -> None:
        """Every match of the find bar's query, marked in the pane it searches."""
        fmt = QTextCharFormat()
        colour = QColor(self._view.palette().color(QPalette.ColorRole.Highlight))
        colour.setAlpha(90)
        fmt.setBackground(colour)
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        target = self._find_bar.target()
        for pane in (self._view.source_pane, self._view.article_pane):
            matches = self._find_bar.matches() if pane is target else []
            pane.set_layer("find", [Span(s, e, fmt) for s, e in matches])

    @staticmethod
    def focus_dock(dock: QDockWidget) -> None:
        dock.show()
        dock.raise_()
        widget = dock.widget()
        if widget is not None:
            widget.setFocus()

    def zoom(self, step: int) -> None:
        session = self._session
        size = session.font_size() if step else session.default_font_size()
        size = min(_MAX_POINTS, max(_MIN_POINTS, size + step))
        session.set_font_size(size)
        self._view.set_font_size(size)
        self._status(f"Text size {size:g} pt", 2000)

    def _lock_toggled(self, locked: bool) -> None:
        self._view.linker.set_locked(locked)
        self._session.set_flag("lockScrolling", locked)

    def _typography_toggled(self, ignore: bool) -> None:
        self._view.set_ignore_typography(ignore)
        self._after_view_change()

    def view_changed(self) -> None:
        """Leaving a comparison turns Ignore Typography off: the article shows every change."""
        action = self._commands.ignore_typography
        left_comparison = self._mode != ARTICLE_MODE and self._view.mode == ARTICLE_MODE
        self._mode = self._view.mode
        if left_comparison and action.isChecked():
            action.setChecked(False)
