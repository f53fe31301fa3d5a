"""The window crash loop (``crashloop.py --window``), short: the real window killed
while it edits and while its analysis workers run; nothing lost, nothing left running."""

from __future__ import annotations

import signal
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    not hasattr(signal, "SIGKILL") or not Path("/proc/self/stat").exists(),
    reason="needs SIGKILL and /proc",
)


def test_killing_the_window_loses_no_edit_and_leaves_no_process() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "benchmarks"))
    try:
        import crashloop_window
    finally:
        sys.path.pop(0)
    result = crashloop_window.run(4, seed=3)
    print(
        f"\nwindow crash loop: {result.edits} edits, {result.kills} kills, {result.lost} lost, "
        f"{result.export_failures} export failures, {result.orphans} orphans, "
        f"{result.with_children} with workers up, {result.seconds:.1f} s"
    )
    assert result.kills == 4
    assert result.lost == 0
    assert result.orphans == 0, result.orphan_names
    assert result.with_children > 0  # the kills did find workers to orphan
    # A kill mid-transaction leaves a hot journal; export reads the last commit anyway.
    assert result.export_failures == 0, result.problems
    assert not result.problems
