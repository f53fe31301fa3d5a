"""Exporting annotations runs in the background, with progress, and says what it wrote."""

from __future__ import annotations

import csv
from pathlib import Path

from tests.conftest import SOURCE
from tests.ui.app.test_reliability import open_sample, tag_words


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_export_reports_progress_and_what_it_wrote(qtbot, tmp_path: Path) -> None:
    window = open_sample(qtbot)
    tag_words(window, qtbot, "Donald Lu")
    bar = window.export_status.progress
    reports: list[tuple[int, int, str]] = []
    window.files.exportProgress.connect(lambda *report: reports.append(report))
    out = tmp_path / "notes.csv"
    with qtbot.waitSignal(window.files.exported) as exported:
        window.files.export(str(out))
        assert bar.isVisible()  # shown at once, before the worker is done
    assert exported.args == [1, str(out)]
    assert not bar.isVisible()
    assert reports[-1][:2] == (1, 1)
    assert f"Exported 1 row to {out}" in window.statusBar().currentMessage()
    assert _rows(out)[0]["passage"] == "Donald Lu"


def test_without_a_fitting_analysis_the_worker_analyses_first(qtbot, tmp_path: Path) -> None:
    window = open_sample(qtbot)
    tag_words(window, qtbot, "Donald Lu")
    window.workspace.analysis = None  # e.g. an analysis the user cancelled
    reports: list[tuple[int, int, str]] = []
    window.files.exportProgress.connect(lambda *report: reports.append(report))
    out = tmp_path / "fresh.csv"
    with qtbot.waitSignal(window.files.exported, timeout=30000):
        window.files.export(str(out))
    articles = len(window.workspace.documents) - len(window.workspace.source_names)
    assert (articles, articles) in {r[:2] for r in reports}  # the analysis's own progress
    [row] = _rows(out)
    assert row["source_document"] == SOURCE and row["verdict"] == "verbatim"
