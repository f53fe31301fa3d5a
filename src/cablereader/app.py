"""QApplication bootstrap: ``create_main_window`` for tests and ``main`` for people.

Also the ``cablereader-gui`` entry point (``gui_main``) and the ``--self-test`` that the
bundle's smoke test runs (``self_test``).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QMainWindow,
    QPlainTextEdit,
    QWidget,
)

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
    from cablereader.ui.app.mainwindow import MainWindow

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


def gui_main() -> int:
    """The ``cablereader-gui`` command: the window, for menus and file managers.

    A gui-script has no console on Windows, so messages printed there are not seen; the
    no-display message only concerns Linux, where the command still has its stderr.
    """
    # Where the app is frozen, spawned analysis workers start through its executable and
    # must become workers, not windows; elsewhere this does nothing.
    multiprocessing.freeze_support()
    return main(sys.argv[1:])


SELF_TEST_TIMEOUT = 60.0


def self_test(timeout: float = SELF_TEST_TIMEOUT) -> int:
    """Start the window on the built-in sample, check what it shows, close it.

    Offscreen unless ``QT_QPA_PLATFORM`` says otherwise, so it runs on build machines
    with no display.  Settings and the data folder are redirected into a temporary
    folder (removed afterwards): the user's own are never read or written.  Returns 0
    when every check passed, else 1 after printing what failed.
    """
    from cablereader.displaycheck import platform_problem, platform_to_try

    started = time.monotonic()
    # Offscreen proves the app works, not that its window can open on this desktop:
    # try the platform it will really use too (in a child: Qt aborts when it cannot).
    real_platform = platform_to_try()
    platform_failure = platform_problem(real_platform) if real_platform else None
    if platform_failure is not None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # the real one would abort us
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # First, outside the temporary folder: where the platform plugin cannot start, Qt
    # aborts the process, which would leave the folder behind.
    application()
    with tempfile.TemporaryDirectory(prefix="cablereader-self-test-") as scratch:
        from cablereader.core.locations import DATA_DIR_VARIABLE

        saved_data_dir = os.environ.get(DATA_DIR_VARIABLE)
        os.environ[DATA_DIR_VARIABLE] = str(Path(scratch, "data"))
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(Path(scratch, "settings"))
        )
        try:
            summary, problems = _check_window(timeout)
        except Exception as error:  # any failure is a failed test, reported as such
            traceback.print_exc()
            summary, problems = "", [f"{type(error).__name__}: {error}"]
        finally:
            if saved_data_dir is None:
                os.environ.pop(DATA_DIR_VARIABLE, None)
            else:
                os.environ[DATA_DIR_VARIABLE] = saved_data_dir
    elapsed = time.monotonic() - started
    if platform_failure is not None:
        problems.append(platform_failure)
    if problems:
        for problem in problems:
            print(f"cablereader: self-test failed: {problem}", file=sys.stderr)
        return 1
    platform = QApplication.platformName()
    if real_platform:
        platform += f", and {real_platform} can open the window"
    print(f"cablereader: self-test passed ({summary}; Qt {platform}, {elapsed:.1f} s)")
    return 0


def _check_window(timeout: float) -> tuple[str, list[str]]:
    """Open, wait for the analysis, check the panes, close; (summary, problems)."""
    from cablereader.ui.app.mainwindow import MainWindow

    problems: list[str] = []
    previous_hook = sys.excepthook

    def record(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        # Qt reports an exception raised in a slot here and carries on; the test must not.
        problems.append(f"unexpected {kind.__name__}: {error}")
        previous_hook(kind, error, tb)

    sys.excepthook = record
    try:
        app = application()
        window = create_main_window([])
        assert isinstance(window, MainWindow)
        loop = QEventLoop()
        outcome: list[str] = []

        def finished() -> None:
            outcome.append("finished")
            loop.quit()

        def failed(message: str) -> None:
            outcome.append(f"the analysis failed: {message}")
            loop.quit()

        window.analysisFinished.connect(finished)
        window.workspace.analysisFailed.connect(failed)
        QTimer.singleShot(int(timeout * 1000), loop.quit)
        window.show()
        loop.exec()
        if not outcome:
            problems.append(f"the analysis of the sample did not finish within {timeout:g} s")
        elif outcome[0] != "finished":
            problems.append(outcome[0])
        app.processEvents()  # let the results reach the panes and paint once
        summary = _inspect(window, problems)
        window.close()
        window.deleteLater()
        # Gone before the temporary folder is: its QSettings would write there again.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        del window
        gc.collect()
        app.processEvents()
    finally:
        sys.excepthook = previous_hook
    return summary, problems


def _inspect(window: QMainWindow, problems: list[str]) -> str:
    """Check what the window shows; returns a one-line summary."""
    from cablereader.ui.app.mainwindow import MainWindow

    assert isinstance(window, MainWindow)
    for name in ("sourcePane", "articlePane"):
        pane = window.findChild(QPlainTextEdit, name)
        if pane is None:
            problems.append(f"no {name} in the window")
        elif not pane.toPlainText().strip():
            problems.append(f"the {name} is empty")
    documents = window.findChild(QAbstractItemView, "documentList")
    if documents is None or documents.model() is None or documents.model().rowCount() == 0:
        problems.append("the document list is empty")
    analysis = window.analysis
    passages = len(window.view.passages())
    if analysis is None or not analysis.articles:
        problems.append("no analysis of the sample corpus")
    elif passages == 0:
        problems.append("no passages are shown between the source and the article")
    if window.grab().isNull():
        problems.append("the window could not be drawn")
    for box in window.findChildren(QWidget, "messageBox"):
        if box.isVisible():
            problems.append(f"the window showed a message: {box.property('text')}")
    articles = len(analysis.articles) if analysis is not None else 0
    return f"{articles} articles analysed, {passages} passages shown"
