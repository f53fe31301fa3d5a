"""The crash loop (benchmarks/crashloop.py), short: a writer killed with SIGKILL again and
again, and every edit it reported committed is found when the project is reopened.

The benchmark runs the same loop with hundreds of kills; here a few, and a check that the
loop's own verification does see a lost edit when there is one.
"""

from __future__ import annotations

import signal
import sqlite3
from pathlib import Path

import pytest
from benchmarks import crashloop

from cablereader.core.project import Project

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

KILLS = 20


def test_no_reported_edit_is_lost_when_the_writer_is_killed(tmp_path: Path) -> None:
    result = crashloop.run(KILLS, seed=1, folder=tmp_path, jitter_ms=0)
    print(
        f"\ncrash loop: {result.edits} edits, {result.kills} kills "
        f"({result.mid_transaction} during a transaction), {result.lost} lost, "
        f"{result.seconds:.1f} s"
    )
    assert result.problems == []
    assert result.kills == KILLS
    assert result.lost == 0
    assert result.edits >= KILLS  # the writer got some work done between kills


def _reports_of(path: Path) -> crashloop.Reports:
    with Project.open(path, read_only=True) as project:
        return crashloop.Reports(crashloop.project_state(project))


def test_the_loop_would_see_a_lost_edit(tmp_path: Path) -> None:
    path = tmp_path / "p.crproj"
    crashloop.make_project(path)
    with Project.open(path) as project:
        kept = project.add_annotation("article-1.txt", 5, 15, [1], note="kept").annotation
        gone = project.add_annotation("article-1.txt", 20, 30, [2], note="gone").annotation
    reports = _reports_of(path)
    # A commit that did not reach the file: the row is not there on reopening.
    raw = sqlite3.connect(path)
    raw.execute("DELETE FROM annotation_tags WHERE annotation_id = ?", (gone.id,))
    raw.execute("DELETE FROM annotations WHERE id = ?", (gone.id,))
    raw.execute("UPDATE annotations SET note = 'changed' WHERE id = ?", (kept.id,))
    raw.commit()
    raw.close()
    result = crashloop.Result()
    crashloop.verify(path, reports, result)
    assert result.lost == 2
    assert "not found" in result.problems[0]
    # The same differences are no loss when they are what the edit in flight at the kill
    # was about to do (it may or may not have committed).
    reports.pending = {"begin": 9, "touches": [["annotation", gone.id], ["annotation", kept.id]]}
    result = crashloop.Result()
    crashloop.verify(path, reports, result)
    assert (result.lost, result.problems, result.in_flight_committed) == (0, [], 1)
