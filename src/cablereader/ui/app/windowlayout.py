"""The window's size, panels and full-screen state: restored, defaulted, remembered.

A remembered full-screen state is never restored: a window that opens full screen on a
desktop whose full-screen key does nothing would trap the user.  F11 (and Esc) leave
full screen; the action's check mark follows the window, whatever changed it.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QMainWindow

from cablereader.ui.app.docks import Docks
from cablereader.ui.app.session import SessionState
from cablereader.ui.reader.comparison import ComparisonView

# A first start takes most of the screen: the panes are what the user came for.
_FIRST_START_SHARE = 0.92
_GUTTER = 72


class WindowLayout:
    """Restores and saves the main window's geometry, panels and pane sizes."""

    def __init__(
        self,
        window: QMainWindow,
        session: SessionState,
        docks: Docks,
        view: ComparisonView,
        full_screen: QAction,
    ) -> None:
        self._window = window
        self._session = session
        self._docks = docks
        self._view = view
        self._full_screen = full_screen
        self._maximised_before = False
        full_screen.toggled.connect(self.set_full_screen)

    def restore(self) -> None:
        window, session = self._window, self._session
        geometry = session.geometry()
        if geometry is None or not window.restoreGeometry(geometry):
            self._first_start_size()
        state = window.windowState()
        if state & Qt.WindowState.WindowFullScreen:
            window.setWindowState(
                (state & ~Qt.WindowState.WindowFullScreen) | Qt.WindowState.WindowMaximized
            )
        saved = session.window_state()
        if saved is not None:
            window.restoreState(saved)
        else:
            self._docks.default_sizes(window)
        sizes = session.splitter_sizes()
        if sizes:
            self._view.splitter.setSizes(sizes)
        else:
            QTimer.singleShot(0, self._default_splitter)

    def _first_start_size(self) -> None:
        screen = QGuiApplication.primaryScreen()
        if screen is None:
            return
        area = screen.availableGeometry()
        width = int(area.width() * _FIRST_START_SHARE)
        height = int(area.height() * _FIRST_START_SHARE)
        self._window.resize(min(width, 1800), min(height, 1100))
        frame = self._window.frameGeometry()
        frame.moveCenter(area.center())
        self._window.move(frame.topLeft())

    def _default_splitter(self) -> None:
        total = self._view.splitter.width()
        side = max(200, (total - _GUTTER) // 2)
        self._view.splitter.setSizes([side, _GUTTER, side])

    def save(self) -> None:
        window = self._window
        self._session.save_window(
            window.saveGeometry(), window.saveState(), self._view.splitter.sizes()
        )

    # ---- full screen ------------------------------------------------------------

    def set_full_screen(self, on: bool) -> None:
        window = self._window
        if on == window.isFullScreen():
            return
        if on:
            self._maximised_before = window.isMaximized()
            window.showFullScreen()
        elif self._maximised_before:
            window.showMaximized()
        else:
            window.showNormal()

    def leave_full_screen(self) -> bool:
        """Leave full screen if the window is in it; whether it was."""
        if not self._window.isFullScreen():
            return False
        self.set_full_screen(False)
        return True

    def window_state_changed(self) -> None:
        """Keep the action's check mark true to the window (the desktop may change it)."""
        blocker = QSignalBlocker(self._full_screen)
        try:
            self._full_screen.setChecked(self._window.isFullScreen())
        finally:
            blocker.unblock()
