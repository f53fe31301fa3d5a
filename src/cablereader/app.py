"""QApplication bootstrap: ``create_main_window`` for tests and ``main`` for people."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMainWindow

from cablereader import __version__

ORGANIZATION = "CableReader"
APPLICATION = "CableReader"
DESKTOP_FILE = "org.cablereader.CableReader"


def application(argv: Sequence[str] | None = None) -> QApplication:
    """The running QApplication, created (and named) if there is none yet."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(list(argv) if argv is not None else [sys.argv[0]])
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QCoreApplication.setApplicationVersion(__version__)
    QApplication.setApplicationDisplayName(APPLICATION)
    QApplication.setDesktopFileName(DESKTOP_FILE)
    return app


def create_main_window(paths: list[str]) -> QMainWindow:
    """Build the main window without starting the event loop.

    With ``paths`` it opens them (a project file, or documents and folders as a new
    project); with none, the last project, else the built-in sample corpus.  Loading
    and analysis run in the background: the window's ``analysisFinished`` signal says
    when the results are shown.
    """
    application()
    from cablereader.ui.mainwindow import MainWindow

    window = MainWindow()
    window.open_start(paths)
    return window


def display_problem() -> str | None:
    """Why the window cannot open here, or None.  Qt itself would abort instead."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return None
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        return (
            "cannot open the CableReader window: no display was found (DISPLAY and "
            "WAYLAND_DISPLAY are not set). The headless commands work without one: "
            "'cablereader quotes PATH ...', 'cablereader compare A B' "
            "(see 'cablereader --help')."
        )
    return None


def main(paths: list[str] | None = None) -> int:
    """Start the app (the ``cablereader`` command with no subcommand)."""
    problem = display_problem()
    if problem is not None:
        print(f"cablereader: {problem}", file=sys.stderr)
        return 1
    app = application()
    window = create_main_window(list(paths or []))
    window.show()
    return app.exec()
