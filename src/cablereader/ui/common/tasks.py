"""Long work off the GUI thread: QThreadPool runnables reporting through signals.

A :class:`TaskRunner` runs one :class:`Task` per *channel* ("analysis", "compare", …).
Starting a task on a channel makes the previous one stale: it is asked to stop, and
whatever it still reports is dropped.  A task's work is a plain function of two
callbacks (progress, and "should I stop?") that never touches widgets; the task carries
its own ``on_done`` (given the work's typed result), ``on_failed``, ``on_cancelled`` and
``on_progress``, which the runner calls in the GUI thread (it lives there: queued
connections), only for the newest task of a channel.
"""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

Progress = Callable[[int, int, str], None]
PROGRESS_INTERVAL_S = 0.1
Result = TypeVar("Result")
Job = Callable[[Progress, Callable[[], bool]], Result]


def _ignore(*_: object) -> None:
    """No callback given: nothing to do."""


@dataclass(frozen=True)
class Task(Generic[Result]):
    """Work to run off the GUI thread, and what to do (in the GUI thread) when it ends.

    ``work(progress, cancelled)`` runs in a pool thread and must not touch widgets;
    ``on_done(result)``, ``on_failed(message)``, ``on_cancelled()`` and
    ``on_progress(done, total, label)`` run in the GUI thread, only while the task is
    its channel's newest (a replaced task is silent).
    """

    channel: str
    work: Job[Result]
    on_done: Callable[[Result], None]
    on_failed: Callable[[str], None] = _ignore
    on_cancelled: Callable[[], None] = _ignore
    on_progress: Callable[[int, int, str], None] = _ignore


class TaskCancelled(Exception):
    """A job raises this (or the core's own cancellation error) when asked to stop."""


class _Signals(QObject):
    progress = Signal(str, int, int, int, str)  # channel, generation, done, total, label
    finished = Signal(str, int, object)  # channel, generation, result
    failed = Signal(str, int, str)  # channel, generation, message
    cancelled = Signal(str, int)


class _Runnable(QRunnable):
    def __init__(
        self,
        channel: str,
        generation: int,
        job: Job[Any],
        signals: _Signals,
        stop: threading.Event,
        cancel_errors: tuple[type[BaseException], ...],
    ) -> None:
        super().__init__()
        self._channel = channel
        self._generation = generation
        self._job = job
        self._signals = signals
        self._stop = stop
        self._cancel_errors = cancel_errors

    def run(self) -> None:
        channel, generation, signals = self._channel, self._generation, self._signals

        def progress(done: int, total: int, label: str) -> None:
            signals.progress.emit(channel, generation, done, total, label)

        try:
            result = self._job(progress, self._stop.is_set)
        except self._cancel_errors:
            signals.cancelled.emit(channel, generation)
        except Exception as error:  # reported to the user, never lost in a thread
            traceback.print_exc()
            signals.failed.emit(channel, generation, f"{type(error).__name__}: {error}")
        else:
            if self._stop.is_set():
                signals.cancelled.emit(channel, generation)
            else:
                signals.finished.emit(channel, generation, result)


class TaskRunner(QObject):
    """Runs tasks in a thread pool; only the newest task of each channel is heard."""

    progress = Signal(str, int, int, str)  # channel, done, total, label (for any task)
    busyChanged = Signal(bool)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        cancel_errors: tuple[type[BaseException], ...] = (TaskCancelled,),
    ) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._signals = _Signals(self)
        self._signals.progress.connect(self._on_progress)
        self._signals.finished.connect(self._on_finished)
        self._signals.failed.connect(self._on_failed)
        self._signals.cancelled.connect(self._on_cancelled)
        self._cancel_errors: tuple[type[BaseException], ...] = (TaskCancelled, *cancel_errors)
        self._generation: dict[str, int] = {}
        self._stops: dict[str, threading.Event] = {}
        self._running: set[str] = set()
        self._last_progress: dict[str, float] = {}
        self._tasks: dict[str, Task[Any]] = {}

    def start(self, task: Task[Any]) -> int:
        """Run ``task`` on its channel, making any earlier task there stale."""
        channel, job = task.channel, task.work
        self.cancel(channel, quietly=True)
        self._tasks[channel] = task
        generation = self._generation.get(channel, 0) + 1
        self._generation[channel] = generation
        stop = threading.Event()
        self._stops[channel] = stop
        was_busy = bool(self._running)
        self._running.add(channel)
        runnable = _Runnable(channel, generation, job, self._signals, stop, self._cancel_errors)
        runnable.setAutoDelete(True)
        self._pool.start(runnable)
        if not was_busy:
            self.busyChanged.emit(True)
        return generation

    def is_running(self, channel: str | None = None) -> bool:
        return bool(self._running) if channel is None else channel in self._running

    def cancel(self, channel: str, *, quietly: bool = False) -> None:
        """Ask the job on ``channel`` to stop; its results will be dropped."""
        stop = self._stops.pop(channel, None)
        if stop is None:
            return
        stop.set()
        if quietly:
            # A replaced job: forget it now so that its late signals count as stale.
            self._generation[channel] = self._generation.get(channel, 0) + 1
            self._running.discard(channel)
            self._tasks.pop(channel, None)

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Stop every job and wait for the threads (on close)."""
        for channel in list(self._stops):
            self.cancel(channel, quietly=True)
        return self._pool.waitForDone(timeout_ms)

    def _current(self, channel: str, generation: int) -> bool:
        return self._generation.get(channel) == generation

    def _done(self, channel: str) -> Task[Any]:
        """Forget the channel's task (it has ended) and return it."""
        self._running.discard(channel)
        self._stops.pop(channel, None)
        task = self._tasks.pop(channel)
        if not self._running:
            self.busyChanged.emit(False)
        return task

    def _on_progress(
        self, channel: str, generation: int, done: int, total: int, label: str
    ) -> None:
        if not self._current(channel, generation):
            return
        # A report per article is too many to repaint for: pass on at most one per
        # interval (and always the last one).
        now = time.monotonic()
        if done < total and now - self._last_progress.get(channel, 0.0) < PROGRESS_INTERVAL_S:
            return
        self._last_progress[channel] = now
        self._tasks[channel].on_progress(done, total, label)
        self.progress.emit(channel, done, total, label)

    def _on_finished(self, channel: str, generation: int, result: object) -> None:
        if self._current(channel, generation):
            self._done(channel).on_done(result)

    def _on_failed(self, channel: str, generation: int, message: str) -> None:
        if self._current(channel, generation):
            self._done(channel).on_failed(message)

    def _on_cancelled(self, channel: str, generation: int) -> None:
        if self._current(channel, generation):
            self._done(channel).on_cancelled()
