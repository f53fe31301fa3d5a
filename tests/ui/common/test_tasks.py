"""The task runner: typed callbacks, staleness, cancellation and failure, in the GUI thread."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QThread

from cablereader.core.analysis import AnalysisCancelled
from cablereader.ui.common.tasks import Progress, Task, TaskCancelled, TaskRunner


class Calls:
    """What a task's callbacks were given, and in which thread they ran."""

    def __init__(self) -> None:
        self.done: list[object] = []
        self.failed: list[str] = []
        self.cancelled = 0
        self.progress: list[tuple[int, int, str]] = []
        self.threads: set[object] = set()

    def task(self, channel: str, work: Callable[[Progress, Callable[[], bool]], object]) -> Task:
        def done(result: object) -> None:
            self.threads.add(QThread.currentThread())
            self.done.append(result)

        def cancelled() -> None:
            self.cancelled += 1

        return Task(
            channel,
            work,
            on_done=done,
            on_failed=self.failed.append,
            on_cancelled=cancelled,
            on_progress=lambda *report: self.progress.append(report),
        )

    def ended(self) -> bool:
        return bool(self.done or self.failed or self.cancelled)


def test_the_result_reaches_on_done_in_the_gui_thread(qtbot) -> None:
    runner = TaskRunner()
    calls = Calls()

    def work(progress: Progress, cancelled: Callable[[], bool]) -> list[int]:
        assert QThread.currentThread() is not runner.thread()
        progress(1, 1, "only")
        return [1, 2, 3]

    with qtbot.waitSignal(runner.busyChanged, check_params_cb=lambda busy: not busy):
        runner.start(calls.task("sum", work))
    assert calls.done == [[1, 2, 3]] and calls.failed == [] and calls.cancelled == 0
    assert calls.progress == [(1, 1, "only")]
    assert calls.threads == {runner.thread()}
    assert not runner.is_running()


def test_a_newer_task_on_the_channel_silences_the_older(qtbot) -> None:
    runner = TaskRunner()
    old, new = Calls(), Calls()
    release = threading.Event()

    def slow(progress: Progress, cancelled: Callable[[], bool]) -> str:
        release.wait(10)
        progress(1, 1, "late")
        return "old"

    runner.start(old.task("compare", slow))
    runner.start(new.task("compare", lambda progress, cancelled: "new"))
    qtbot.waitUntil(new.ended)
    release.set()
    assert runner.shutdown()
    qtbot.wait(0)  # deliver anything the old task still queued (it must be dropped)
    assert new.done == ["new"]
    assert old.done == [] and old.cancelled == 0 and old.progress == []


def test_channels_are_independent(qtbot) -> None:
    runner = TaskRunner()
    first, second = Calls(), Calls()
    runner.start(first.task("a", lambda progress, cancelled: 1))
    runner.start(second.task("b", lambda progress, cancelled: 2))
    qtbot.waitUntil(lambda: first.ended() and second.ended())
    assert (first.done, second.done) == ([1], [2])


def test_cancel_asks_the_work_to_stop_and_calls_on_cancelled(qtbot) -> None:
    runner = TaskRunner(cancel_errors=(AnalysisCancelled,))
    calls = Calls()
    started = threading.Event()

    def work(progress: Progress, cancelled: Callable[[], bool]) -> str:
        started.set()
        while not cancelled():
            QThread.msleep(1)
        raise AnalysisCancelled()

    runner.start(calls.task("analysis", work))
    assert started.wait(10)
    runner.cancel("analysis")
    qtbot.waitUntil(calls.ended)
    assert calls.cancelled == 1 and calls.done == [] and calls.failed == []


def test_work_that_ends_after_a_cancel_counts_as_cancelled(qtbot) -> None:
    runner = TaskRunner()
    calls = Calls()
    started, release = threading.Event(), threading.Event()

    def work(progress: Progress, cancelled: Callable[[], bool]) -> str:
        started.set()
        release.wait(10)
        return "too late"

    runner.start(calls.task("load", work))
    assert started.wait(10)
    runner.cancel("load")
    release.set()
    qtbot.waitUntil(calls.ended)
    assert calls.cancelled == 1 and calls.done == []


def test_a_failure_is_reported_with_its_message(qtbot, capsys) -> None:
    runner = TaskRunner()
    calls = Calls()

    def work(progress: Progress, cancelled: Callable[[], bool]) -> None:
        raise OSError("disk full while writing /tmp/out.csv")

    runner.start(calls.task("export", work))
    qtbot.waitUntil(calls.ended)
    assert calls.failed == ["OSError: disk full while writing /tmp/out.csv"]
    assert calls.done == [] and calls.cancelled == 0
    assert "OSError" in capsys.readouterr().err  # the traceback is not lost either


def test_task_cancelled_raised_by_work_is_a_cancel(qtbot) -> None:
    runner = TaskRunner()
    calls = Calls()

    def work(progress: Progress, cancelled: Callable[[], bool]) -> None:
        raise TaskCancelled()

    runner.start(calls.task("x", work))
    qtbot.waitUntil(calls.ended)
    assert calls.cancelled == 1 and calls.failed == []


def test_progress_reports_are_thinned_but_the_last_one_arrives(qtbot) -> None:
    runner = TaskRunner()
    calls = Calls()

    def work(progress: Progress, cancelled: Callable[[], bool]) -> int:
        for done in range(1, 1001):
            progress(done, 1000, f"item {done}")
        return 1000

    runner.start(calls.task("many", work))
    qtbot.waitUntil(calls.ended)
    assert calls.progress[-1] == (1000, 1000, "item 1000")
    assert len(calls.progress) < 100
