"""Analysing many articles in worker processes, for large corpora.

Each worker builds its own :class:`~cablereader.core.analysis.Analyzer` once (from the
source, passed at start-up) and then analyses batches of articles.  Processes are
started with ``spawn``, which is safe in a program that runs threads (a Qt app) and
works the same on every platform.  In the background (the app's analysis), workers run
at a lower CPU priority: with as many workers as cores, the window's own thread would
otherwise wait for a core, and the window stutter.

A worker ends when its parent does, however the parent ended: killed, it runs no
shutdown code, and a worker waiting for its next batch would wait for ever (each
worker holds the task queue's write end itself, so it never sees end-of-file).  On
Linux the kernel sends it SIGKILL (``PR_SET_PDEATHSIG``); everywhere, a watchdog
thread waits on multiprocessing's sentinel of the parent (or, failing that, sees its
parent pid change when it is adopted) and exits.  With the workers
gone, multiprocessing's resource tracker sees its pipe close and ends too.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

from cablereader.core.analysis.analyzer import Analyzer
from cablereader.core.analysis.results import AnalysisCancelled, ArticleAnalysis, ProgressCallback
from cablereader.core.documents import Document

# Articles per task: large enough to amortise pickling, small enough for smooth
# progress and a prompt cancel.
BATCH_SIZE = 16
# Niceness of background workers (0 normal, 19 lowest): below the window, above idle.
BACKGROUND_NICENESS = 10

# How often a worker checks that its parent is alive (seconds): what an orphan may
# still run for where the kernel does not end it at once.
PARENT_CHECK_INTERVAL = 0.5
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>

_worker_analyzer: Analyzer | None = None


def _start_worker(
    sources: tuple[Document, ...], witnesses: tuple[tuple[str, str], ...], parent: int
) -> None:
    global _worker_analyzer
    exit_with_parent(parent)
    _worker_analyzer = Analyzer(sources[0], sources[1:], dict(witnesses))


def exit_with_parent(parent: int) -> None:
    """End this process soon after process ``parent`` (its parent) ends."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass  # no prctl: the watchdog below still ends it
    if os.getppid() != parent:  # the parent died before we could ask
        os._exit(1)
    watchdog = threading.Thread(
        target=_watch_parent, args=(parent,), name="parent-watchdog", daemon=True
    )
    watchdog.start()


def _watch_parent(parent: int) -> None:
    process = multiprocessing.parent_process()
    if process is not None and process.pid == parent:
        # Waits on a pipe (POSIX) or a handle (Windows) that only the parent holds: it
        # is ready the moment the parent is gone, however it went.
        process.join()
    else:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_INTERVAL)
    # No clean-up: whoever wanted the results is gone, and exiting must not wait for
    # the batch in progress (or for locks the dead parent may hold).
    os._exit(1)


def _analyse_batch(articles: list[Document]) -> list[ArticleAnalysis]:
    assert _worker_analyzer is not None, "worker was not initialised"
    return [_worker_analyzer.analyse(article) for article in articles]


def analyse_in_processes(
    sources: Sequence[Document],
    articles: Sequence[Document],
    workers: int,
    progress: ProgressCallback | None = None,
    cancelled: Callable[[], bool] | None = None,
    *,
    background: bool = False,
    witnesses: Sequence[tuple[str, str]] = (),
) -> list[ArticleAnalysis]:
    """Analyse ``articles`` against ``sources`` (the primary first; ``witnesses`` as
    for :class:`Analyzer`) in ``workers`` processes, in order.

    With ``background``, the workers run at a lower CPU priority than this process.
    """
    batches = [list(articles[i : i + BATCH_SIZE]) for i in range(0, len(articles), BATCH_SIZE)]
    results: list[list[ArticleAnalysis] | None] = [None] * len(batches)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_start_worker,
        initargs=(tuple(sources), tuple(witnesses), os.getpid()),
    ) as pool:
        pending: dict[Future[list[ArticleAnalysis]], int] = {
            pool.submit(_analyse_batch, batch): index for index, batch in enumerate(batches)
        }
        if background:
            # The pool has started its processes by now (spawn starts them all at once).
            _lower_priority(process.pid for process in multiprocessing.active_children())
        done_count = 0
        try:
            while pending:
                if cancelled is not None and cancelled():
                    raise AnalysisCancelled()
                finished, _ = wait(pending, timeout=0.1, return_when=FIRST_COMPLETED)
                for future in finished:
                    index = pending.pop(future)
                    batch_results = future.result()
                    results[index] = batch_results
                    for analysis in batch_results:
                        done_count += 1
                        if progress is not None:
                            progress(done_count, len(articles), analysis.name)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
    return [analysis for batch in results if batch is not None for analysis in batch]


def _lower_priority(pids: Iterable[int | None]) -> None:
    """Give these processes the background niceness (where the system has niceness)."""
    if not hasattr(os, "setpriority"):
        return  # Windows: the workers keep normal priority
    for pid in pids:
        if pid is None:
            continue
        try:
            current = os.getpriority(os.PRIO_PROCESS, pid)
            os.setpriority(os.PRIO_PROCESS, pid, max(current, BACKGROUND_NICENESS))
        except OSError:
            pass  # gone already, or not ours to change: it only costs smoothness
