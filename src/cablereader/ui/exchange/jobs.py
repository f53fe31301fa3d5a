"""The work of a report, a REFI-QDA export or import, as it runs in a worker thread.

Each job is given plain data read on the project's thread (a :class:`ProjectSnapshot`,
an :class:`ExportContent`) and never touches the project's SQLite connection or a
widget.  What goes wrong with the user's files comes back as a result with a message
naming the file (``problem``), not as an exception: the window shows it as it is.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from cablereader.core.analysis import CorpusAnalysis
from cablereader.core.evidence import (
    UnknownArticle,
    report_from_snapshot,
    report_html,
    write_report_html,
)
from cablereader.core.exchange import (
    ExchangeError,
    ExportContent,
    ExportSummary,
    ImportSummary,
    export_qdpx,
    import_qdpx,
)
from cablereader.core.formats import Metadata
from cablereader.core.project import ProjectError
from cablereader.core.reports import ProjectSnapshot
from cablereader.pdfreport import write_report_pdf
from cablereader.ui.common.tasks import Progress, TaskCancelled

Cancelled = Callable[[], bool]
WRITING = "Writing"


@dataclass(frozen=True)
class ReportRequest:
    """What to report on and where: ``articles`` None means every article."""

    path: str
    pdf: bool
    page_size: str
    articles: tuple[str, ...] | None


@dataclass(frozen=True)
class ReportWritten:
    """A report job's end: the file written (articles, pages), or why not."""

    path: str
    articles: int = 0
    pages: int | None = None
    problem: str = ""


@dataclass(frozen=True)
class ProjectExported:
    path: str
    summary: ExportSummary | None = None
    problem: str = ""


@dataclass(frozen=True)
class ProjectImported:
    path: str
    summary: ImportSummary | None = None
    problem: str = ""


def _write_failure(path: str, error: OSError) -> str:
    return f"{path}: cannot write ({error.strerror or error})"


def write_report(
    request: ReportRequest,
    snapshot: ProjectSnapshot,
    name: str,
    metadata: Mapping[str, Metadata],
    analysis: CorpusAnalysis | None,
    progress: Progress,
    cancelled: Cancelled,
) -> ReportWritten:
    """Build the report (analysing first if ``analysis`` no longer fits) and write it;
    ``metadata`` is what the project knows of its documents (outlet, date, URL, …)."""
    path = request.path
    try:
        report = report_from_snapshot(
            snapshot,
            name,
            metadata=metadata,
            articles=request.articles,
            analysis=analysis,
            progress=progress,
            cancelled=cancelled,
        )
    except UnknownArticle as error:
        return ReportWritten(path, problem=f"{path}: not written: {error}")
    if cancelled():
        raise TaskCancelled  # before the file: a cancelled report writes nothing
    progress(0, 0, f"{WRITING} {Path(path).name}")
    try:
        if request.pdf:
            # Qt's rich-text engine lays the same HTML out on PDF pages (no widget).
            pages: int | None = write_report_pdf(
                report_html(report), path, page_size=request.page_size, title=report.title
            )
        else:
            write_report_html(report, path)
            pages = None
    except OSError as error:
        return ReportWritten(path, problem=_write_failure(path, error))
    return ReportWritten(path, len(report.articles), pages)


def write_qdpx(
    path: str,
    content: ExportContent,
    analysis: CorpusAnalysis | None,
    progress: Progress,
    cancelled: Cancelled,
) -> ProjectExported:
    """Export ``content`` as a ``.qdpx`` (analysing first, for the source links, if needed)."""
    fitting = content.snapshot.fitting_analysis(analysis, progress=progress, cancelled=cancelled)
    if cancelled():
        raise TaskCancelled
    try:
        summary = export_qdpx(content, path, analysis=fitting, progress=progress)
    except ExchangeError as error:
        return ProjectExported(path, problem=str(error))
    except OSError as error:
        return ProjectExported(path, problem=_write_failure(path, error))
    return ProjectExported(path, summary)


def import_project(qdpx: str, project_path: str, progress: Progress) -> ProjectImported:
    """Make the project file ``project_path`` from ``qdpx`` (replacing a file there)."""
    try:
        summary = import_qdpx(
            qdpx, project_path, overwrite=os.path.exists(project_path), progress=progress
        )
    except (ExchangeError, ProjectError) as error:
        return ProjectImported(project_path, problem=str(error))
    except OSError as error:
        return ProjectImported(project_path, problem=f"{qdpx}: cannot be read ({error})")
    return ProjectImported(project_path, summary)
