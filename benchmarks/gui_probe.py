"""Measuring instruments for the GUI benchmarks, used inside the measured process.

:class:`Heartbeat` is a precise QTimer that fires every couple of milliseconds and
records the longest gap between two firings: the longest time the event loop was busy
elsewhere (a stall the user would feel as a frozen window).  :func:`peak_rss_mb` reads
the process's peak resident set size.  Imported only by ``gui_child.py``; Qt is imported
lazily by the caller first (the reference processes must not import CableReader).
"""

from __future__ import annotations

import resource
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import Qt, QTimer

STALL_MS = 50.0


@dataclass
class GapStats:
    longest_ms: float = 0.0
    longest_at_s: float = 0.0  # seconds after the heartbeat started
    over_limit: int = 0  # gaps longer than STALL_MS
    ticks: int = 0
    gaps_ms: list[float] = field(default_factory=list)
    # (seconds after the start, gap in ms, what was going on) of every gap over 30 ms
    long_gaps: list[tuple[float, float, str]] = field(default_factory=list)

    def percentile(self, share: float) -> float:
        if not self.gaps_ms:
            return 0.0
        ordered = sorted(self.gaps_ms)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]

    def as_dict(self) -> dict[str, Any]:
        return {
            "longest_ms": round(self.longest_ms, 2),
            "longest_at_s": round(self.longest_at_s, 3),
            "over_50ms": self.over_limit,
            "p99_ms": round(self.percentile(0.99), 2),
            "ticks": self.ticks,
            "long_gaps": [(round(at, 2), round(gap), label) for at, gap, label in self.long_gaps],
        }


class Heartbeat:
    """Fires every ``interval_ms``; the gaps between firings are the event loop's stalls."""

    def __init__(self, interval_ms: int = 2) -> None:
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)
        self._started = 0.0
        self._last = 0.0
        self.stats = GapStats()
        self.label = ""  # what is going on now, for the report of the longest gap
        self.longest_label = ""

    def start(self) -> None:
        self.stats = GapStats()
        self._started = self._last = time.perf_counter()
        self._timer.start()

    def restart(self) -> GapStats:
        """Return the stats so far and start counting afresh."""
        stats = self.stats
        self.start()
        return stats

    def stop(self) -> GapStats:
        self._tick()
        self._timer.stop()
        return self.stats

    def _tick(self) -> None:
        now = time.perf_counter()
        gap = (now - self._last) * 1000
        self._last = now
        stats = self.stats
        stats.ticks += 1
        stats.gaps_ms.append(gap)
        if gap > STALL_MS:
            stats.over_limit += 1
        if gap > 30:
            stats.long_gaps.append((now - self._started, gap, self.label))
        if gap > stats.longest_ms:
            stats.longest_ms = gap
            stats.longest_at_s = now - self._started
            self.longest_label = self.label


def peak_rss_mb() -> float:
    """This process's peak RSS so far.

    From ``VmHWM``: ``ru_maxrss`` would include the parent's peak, since Linux keeps it
    across ``execve``, and the benchmark's parent holds a whole corpus.
    """
    with open("/proc/self/status", encoding="ascii") as status:
        for row in status:
            if row.startswith("VmHWM:"):
                return int(row.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Scroller:
    """Scrolls panes top to bottom, one step per event-loop turn, with a heartbeat."""

    def __init__(self, app: Any, phases: list[tuple[str, Any]], step_share: float) -> None:
        from PySide6.QtCore import QEvent, QObject

        self.app = app
        self.phases = phases
        self.step_share = step_share
        self.heartbeat = Heartbeat()
        self.results: dict[str, Any] = {}
        self.paints = 0
        self._phase = 0
        self._steps = 0
        self._started = 0.0
        self._slowest = 0.0

        class PaintCounter(QObject):
            def eventFilter(inner, watched: QObject, event: QEvent) -> bool:
                if event.type() == QEvent.Type.Paint:
                    self.paints += 1
                return False

        self._counter = PaintCounter()
        for _, pane in phases:
            pane.viewport().installEventFilter(self._counter)

    def run(self, then: Callable[[dict[str, Any]], None]) -> None:
        self._then = then
        self._begin_phase()

    def _begin_phase(self) -> None:
        from PySide6.QtCore import QTimer

        name, pane = self.phases[self._phase]
        pane.verticalScrollBar().setValue(0)
        self.app.processEvents()
        self._steps = 0
        self._slowest = 0.0
        self.paints = 0
        self.heartbeat.label = name
        self.heartbeat.start()
        self._started = time.perf_counter()
        QTimer.singleShot(0, self._step)

    def _step(self) -> None:
        from PySide6.QtCore import QTimer

        name, pane = self.phases[self._phase]
        bar = pane.verticalScrollBar()
        begun = time.perf_counter()
        if bar.value() < bar.maximum():
            bar.setValue(bar.value() + max(1, round(bar.pageStep() * self.step_share)))
            self._steps += 1
            self._slowest = max(self._slowest, time.perf_counter() - begun)
            QTimer.singleShot(0, self._step)
            return
        stats = self.heartbeat.stop()
        elapsed = time.perf_counter() - self._started
        self.results[name] = {
            **stats.as_dict(),
            "steps": self._steps,
            "seconds": round(elapsed, 2),
            "mean_step_ms": round(elapsed / max(1, self._steps) * 1000, 2),
            "slowest_step_call_ms": round(self._slowest * 1000, 2),
            "paints": self.paints,
        }
        self._phase += 1
        if self._phase < len(self.phases):
            QTimer.singleShot(0, self._begin_phase)
        else:
            self._then(self.results)
