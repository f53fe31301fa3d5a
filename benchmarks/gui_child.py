"""One measured GUI process of the GUI benchmarks (run by ``gui.py``, never by hand).

``python benchmarks/gui_child.py SCENARIO ARG ...`` runs one scenario offscreen and
prints one ``RESULT {json}`` line.  Times are ``time.monotonic()`` readings (system-wide
on Linux), so the parent can measure from the moment it started the process.

Scenarios:

- ``reference-window A B``: a bare PySide6 window with two QPlainTextEdits showing the
  texts of files A and B (no CableReader import): the start-up reference.
- ``app-sample``: CableReader's window on the built-in sample, until it is analysed.
- ``app-project PROJECT``: CableReader opening a project file, until it is analysed; the
  event loop's longest stall meanwhile; then switching between articles.
- ``reference-analysis PROJECT WORKERS``: the core alone analysing the same project
  (``analyse_corpus`` in a thread, as the app's job does) beside a bare window with a
  heartbeat: the analysis time and the stalls any Qt app would see.
- ``app-scroll PROJECT`` / ``reference-scroll A B``: scroll both panes from top to
  bottom, one step at a time, linked, with a heartbeat.

Only the standard library is imported at the top: the analysis workers are ``spawn``ed
and import this module again.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

STARTED = time.monotonic()


def _probe() -> Any:
    """The measuring instruments, ``gui_probe.py`` beside this script.

    Imported when a scenario starts, never at the top: they import Qt, and the analysis
    workers import this module again.
    """
    import importlib

    return importlib.import_module("gui_probe")


def emit(result: dict[str, Any]) -> None:
    print("RESULT " + json.dumps(result), flush=True)
    sys.stdout.flush()
    os._exit(0)  # teardown is not what is measured


def _window_size() -> tuple[int, int]:
    """The size CableReader gives a first window (85% of the screen, clamped)."""
    from PySide6.QtGui import QGuiApplication

    screen = QGuiApplication.primaryScreen()
    area = screen.availableGeometry()
    width, height = int(area.width() * 0.85), int(area.height() * 0.85)
    return max(900, min(width, 1600)), max(600, min(height, 1000))


def _bare_window(text_a: str, text_b: str) -> tuple[Any, list[Any]]:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMainWindow, QPlainTextEdit, QSplitter

    window = QMainWindow()
    splitter = QSplitter(Qt.Orientation.Horizontal)
    panes = []
    for text in (text_a, text_b):
        pane = QPlainTextEdit()
        pane.setReadOnly(True)
        pane.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        pane.setPlainText(text)
        splitter.addWidget(pane)
        panes.append(pane)
    window.setCentralWidget(splitter)
    window.resize(*_window_size())
    return window, panes


def _when_painted(window: Any, then: Callable[[], None]) -> None:
    """Call ``then`` once the window has painted (again) and the event loop is free.

    ``show()`` paints nothing by itself: the paint comes when the window is exposed, a
    few events later.  So wait for a paint event of the central widget (the window
    paints all its widgets in one go) and then for the end of that turn of the loop.
    """
    from PySide6.QtCore import QEvent, QObject, QTimer

    central = window.centralWidget()
    seen: list[bool] = []

    class PaintWatch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not seen:
                seen.append(True)
                QTimer.singleShot(0, then)
            return False

    watch = PaintWatch(window)
    window._paint_watch = watch  # kept alive with the window
    central.installEventFilter(watch)
    central.update()


# ---- start-up -----------------------------------------------------------------------


def reference_window(path_a: str, path_b: str) -> None:
    from PySide6.QtWidgets import QApplication

    marks = {"interpreter": STARTED, "imported": time.monotonic()}
    app = QApplication([sys.argv[0]])
    text_a = Path(path_a).read_text(encoding="utf-8")
    text_b = Path(path_b).read_text(encoding="utf-8")
    window, _ = _bare_window(text_a, text_b)
    window.show()
    marks["shown"] = time.monotonic()

    def ready() -> None:

        marks["ready"] = time.monotonic()
        emit({"marks": marks, "rss_mb": _probe().peak_rss_mb()})

    _when_painted(window, ready)
    app.exec()


def _open_window(paths: list[str]) -> tuple[Any, Any, dict[str, float]]:
    """CableReader's window as ``create_main_window`` builds it, with marks on the way."""
    marks = {"interpreter": STARTED}
    from cablereader.app import application

    marks["imported"] = time.monotonic()
    app = application()
    from cablereader.ui.app.mainwindow import MainWindow

    marks["ui_imported"] = time.monotonic()
    window = MainWindow()
    window.workspace.analysisStarted.connect(
        lambda _n: marks.setdefault("analysis_started", time.monotonic())
    )
    window.open_start(paths)
    marks["created"] = time.monotonic()
    return app, window, marks


def app_sample() -> None:
    app, window, marks = _open_window([])

    def finished() -> None:
        marks["analysed"] = time.monotonic()
        _when_painted(window, ready)

    def ready() -> None:

        marks["ready"] = time.monotonic()
        articles = len(window.analysis.articles) if window.analysis else 0
        emit({"marks": marks, "rss_mb": _probe().peak_rss_mb(), "articles": articles})

    window.analysisFinished.connect(finished)
    window.show()
    marks["shown"] = time.monotonic()
    app.exec()


# ---- a large project --------------------------------------------------------------------


def app_project(path: str, switches: str = "10") -> None:
    from PySide6.QtCore import QTimer

    app, window, marks = _open_window([path])
    heartbeat = _probe().Heartbeat()
    window.show()
    marks["shown"] = time.monotonic()
    progress: list[tuple[float, int, int, bool]] = []
    result: dict[str, Any] = {"marks": marks}

    def on_progress(done: int, total: int, _label: str) -> None:
        progress.append((time.monotonic(), done, total, window.progress.isVisible()))

    def usable() -> None:
        marks["usable"] = time.monotonic()
        result["documents_listed"] = len(window.document_list.document_names())
        result["annotations_listed"] = window.annotation_table.model.rowCount()
        result["progress_visible_at_usable"] = window.progress.isVisible()
        result["source_shown"] = bool(window.view.source_pane.toPlainText())
        heartbeat.label = "analysing"
        heartbeat.start()

    def finished() -> None:
        marks["analysed"] = time.monotonic()
        heartbeat.label = "showing the results"
        QTimer.singleShot(1000, switch)

    def switch() -> None:
        result["analysis_stalls"] = heartbeat.restart().as_dict()
        result["analysis_longest_during"] = heartbeat.longest_label
        names = window.document_list.document_names()[1:]
        picks = [names[i * len(names) // int(switches)] for i in range(int(switches))]
        times = []
        for name in picks[1:]:
            started = time.perf_counter()
            window.document_list.select_article(name)
            window.repaint()
            times.append((time.perf_counter() - started) * 1000)
            app.processEvents()
        result["switch_ms"] = [round(t, 1) for t in times]
        result["progress"] = {
            "reports": len(progress),
            "visible_while_reporting": all(visible for *_, visible in progress),
            "last_done": progress[-1][1] if progress else 0,
            "total": progress[-1][2] if progress else 0,
        }
        result["articles_analysed"] = len(window.analysis.articles) if window.analysis else 0
        result["rss_mb"] = _probe().peak_rss_mb()
        emit(result)

    window.workspace.analysisProgress.connect(on_progress)
    window.analysisFinished.connect(finished)
    _when_painted(window, usable)  # usable means painted: the first paint is part of it
    app.exec()


def reference_analysis(path: str, workers: str) -> None:
    import threading
    from inspect import signature

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from cablereader.core.analysis import analyse_corpus
    from cablereader.core.project import Project

    probe = _probe()

    app = QApplication([sys.argv[0]])
    with Project.open(path, read_only=True) as project:
        documents = project.documents()
        source = project.source_name
    first = next(d for d in documents if d.name != source)
    source_text = next(d.text for d in documents if d.name == source)
    window, _ = _bare_window(source_text, first.text)
    window.show()
    heartbeat = probe.Heartbeat()
    done: list[Any] = []
    marks: dict[str, float] = {}

    # As the app runs its workers: at background priority (a version of the code from
    # before that option existed, measured with --code, runs them as it did).
    background = "background" in signature(analyse_corpus).parameters

    def work() -> None:
        if background:
            done.append(analyse_corpus(documents, source, workers=int(workers), background=True))
        else:
            done.append(analyse_corpus(documents, source, workers=int(workers)))
        marks["analysed"] = time.monotonic()

    def start() -> None:
        heartbeat.start()
        marks["analysis_started"] = time.monotonic()
        threading.Thread(target=work, daemon=True).start()
        poll.start()

    def check() -> None:
        if done:
            poll.stop()
            stalls = heartbeat.stop()
            emit(
                {
                    "marks": marks,
                    "analysis_stalls": stalls.as_dict(),
                    "articles_analysed": len(done[0].articles),
                    "rss_mb": _probe().peak_rss_mb(),
                }
            )

    poll = QTimer()
    poll.setInterval(5)
    poll.timeout.connect(check)
    QTimer.singleShot(0, start)
    app.exec()


# ---- scrolling ------------------------------------------------------------------------


def app_scroll(path: str, step_share: str) -> None:
    from PySide6.QtCore import QTimer

    probe = _probe()

    app, window, marks = _open_window([path])
    window.show()

    def finished() -> None:
        marks["analysed"] = time.monotonic()
        window.commands.lock_scrolling.setChecked(True)
        view = window.view
        phases = [("article, source follows", view.article_pane)]
        phases.append(("source, article follows", view.source_pane))
        scroller = probe.Scroller(app, phases, float(step_share))
        lengths = (view.source_pane.text_length(), view.article_pane.text_length())
        QTimer.singleShot(0, lambda: scroller.run(lambda r: done(r, lengths)))

    def done(results: dict[str, Any], lengths: tuple[int, int]) -> None:

        emit(
            {
                "marks": marks,
                "phases": results,
                "lengths": lengths,
                "passages": len(window.view.passages()),
                "rss_mb": _probe().peak_rss_mb(),
            }
        )

    window.analysisFinished.connect(finished)
    app.exec()


def reference_scroll(path_a: str, path_b: str, step_share: str) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    probe = _probe()

    app = QApplication([sys.argv[0]])
    window, (source, article) = _bare_window(
        Path(path_a).read_text(encoding="utf-8"), Path(path_b).read_text(encoding="utf-8")
    )
    # Naive linked scrolling: the other pane keeps the same share of its length.
    for one, other in ((source, article), (article, source)):

        def follow(_value: int, one: Any = one, other: Any = other) -> None:
            bar, other_bar = one.verticalScrollBar(), other.verticalScrollBar()
            share = bar.value() / max(1, bar.maximum())
            other_bar.blockSignals(True)
            other_bar.setValue(round(share * other_bar.maximum()))
            other_bar.blockSignals(False)

        one.verticalScrollBar().valueChanged.connect(follow)
    window.show()
    phases = [("article, source follows", article), ("source, article follows", source)]
    scroller = probe.Scroller(app, phases, float(step_share))

    def done(results: dict[str, Any]) -> None:

        emit({"phases": results, "rss_mb": _probe().peak_rss_mb()})

    QTimer.singleShot(0, lambda: scroller.run(done))
    app.exec()


SCENARIOS: dict[str, Callable[..., None]] = {
    "reference-window": reference_window,
    "app-sample": app_sample,
    "app-project": app_project,
    "reference-analysis": reference_analysis,
    "app-scroll": app_scroll,
    "reference-scroll": reference_scroll,
}

if __name__ == "__main__":
    SCENARIOS[sys.argv[1]](*sys.argv[2:])
