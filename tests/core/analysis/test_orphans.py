"""Worker processes (and multiprocessing's resource tracker) end when their parent is
killed: a window killed mid-analysis leaves nothing running."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/stat").exists(), reason="reads the process tree from /proc"
)

# An analysis big enough to be in worker processes, and to last well past the kill.
_ANALYSIS = textwrap.dedent(
    """
    import sys
    from cablereader.core.analysis import analyse_corpus
    from cablereader.core.documents import Document
    from cablereader.core.sample import load_sample_corpus

    sample = load_sample_corpus()
    source = next(d for d in sample if d.name.startswith("003_"))
    articles = [
        Document.from_text(f"copy_{i:04}_{d.name}", d.text + f" Copy {i}.")
        for i in range(600)
        for d in sample
        if d is not source
    ]
    told = []

    def progress(done, total, name):
        if not told:
            told.append(True)
            print("started", flush=True)

    analyse_corpus([source, *articles], source.name, workers=2, progress=progress)
    print("finished", flush=True)
    """
)


def _children_of(pid: int) -> set[int]:
    found: set[int] = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(entry.name))
    return found


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")  # a zombie has exited; only its reaping is left


def test_workers_and_resource_tracker_exit_when_the_parent_is_killed() -> None:
    child = subprocess.Popen([sys.executable, "-c", _ANALYSIS], stdout=subprocess.PIPE, text=True)
    descendants: set[int] = set()
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "started"
        descendants = _children_of(child.pid)
        # Two workers and the resource tracker.
        assert len(descendants) >= 3, descendants
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(_running(p) for p in descendants):
            time.sleep(0.1)
        left = {p for p in descendants if _running(p)}
        assert not left, f"still running after their parent was killed: {left}"
    finally:
        for pid in descendants:
            if _running(pid):
                os.kill(pid, signal.SIGKILL)
        if child.poll() is None:
            child.kill()
            child.wait()
