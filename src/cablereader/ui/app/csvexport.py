"""The CSV export job: what runs in the worker when File ▸ Export writes the annotations.

The project is read in the GUI thread (its SQLite connection belongs there) into a
snapshot; the job writes the file from that snapshot and hands back what happened.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cablereader.core.analysis import CorpusAnalysis
from cablereader.core.project import ProjectError
from cablereader.core.reports.annotations import ProjectSnapshot, export_annotations_csv
from cablereader.ui.common.tasks import Progress

CSV_FILES = "CSV files (*.csv);;All files (*)"


@dataclass(frozen=True)
class Exported:
    """What the export job hands back: rows written, or why none were."""

    path: str
    rows: int | None
    problem: str


ExportJob = Callable[[Progress, Callable[[], bool]], Exported]


def export_job(
    snapshot: ProjectSnapshot,
    path: str,
    *,
    analysis: CorpusAnalysis | None,
    guard_formulas: bool,
) -> ExportJob:
    """The worker's function: write ``snapshot``'s annotations to ``path`` as CSV."""

    def job(progress: Progress, cancelled: Callable[[], bool]) -> Exported:
        try:
            rows = export_annotations_csv(
                snapshot,
                path,
                analysis=analysis,
                guard_formulas=guard_formulas,
                progress=progress,
                cancelled=cancelled,
            )
        except OSError as error:
            return Exported(path, None, f"{path}: {error.strerror or error}")
        except ProjectError as error:
            return Exported(path, None, str(error))
        return Exported(path, rows, "")

    return job
