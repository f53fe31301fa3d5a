"""File ▸ Export Report…, File ▸ Export ▸ REFI-QDA Project… / Codebook…, and File ▸
Import REFI-QDA Project…: the window's side of the evidence report and REFI-QDA exchange.

The project is read here, on its own thread (a snapshot of plain data); building the
report or the ``.qdpx`` (with a fresh analysis first, when the window's no longer
fits) runs as a background task with progress and Cancel (:mod:`ui.exchange.jobs`).
An imported ``.qdpx`` becomes a project file that is then opened in the window, with
a message listing what could not be represented.  Problems are messages naming the
file; nothing half-written is left (the core writes through temporary files).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QStatusBar

from cablereader.core.analysis import CorpusAnalysis
from cablereader.core.documents import Document
from cablereader.core.exchange import QDC_SUFFIX, QDPX_SUFFIX, ExchangeError, ExportContent
from cablereader.core.exchange import export_qdc as write_qdc
from cablereader.core.project import PROJECT_SUFFIX, ProjectError
from cablereader.core.reports import ProjectSnapshot
from cablereader.ui.app.filecommands import FileCommands, MessageSink
from cablereader.ui.app.menuentries import insert_after, menu_action, plural, with_suffix
from cablereader.ui.app.taskstatus import TaskStatus
from cablereader.ui.app.workspace import Workspace
from cablereader.ui.common.tasks import Progress, Task, TaskRunner
from cablereader.ui.exchange.jobs import (
    ProjectExported,
    ProjectImported,
    ReportRequest,
    ReportWritten,
    import_project,
    write_qdpx,
    write_report,
)
from cablereader.ui.exchange.reportoptions import (
    REPORT_FILTERS,
    ReportOptions,
    ask_report_options,
    default_page_size,
    report_target,
)

CHANNEL = "exchange"
QDPX_FILES = f"REFI-QDA projects (*{QDPX_SUFFIX});;All files (*)"
QDC_FILES = f"REFI-QDA codebooks (*{QDC_SUFFIX});;All files (*)"
PROJECT_FILES = f"CableReader projects (*{PROJECT_SUFFIX})"


class ExchangeCommands(QObject):
    """The report and REFI-QDA actions, their dialogs and their background tasks."""

    reportWritten = Signal(str)  # path
    projectExported = Signal(str)  # path (.qdpx or .qdc)
    projectImported = Signal(str)  # the new project file, open in the window now
    ended = Signal()  # any exchange task finished, failed or was cancelled

    def __init__(
        self,
        window: QMainWindow,
        messages: MessageSink,
        workspace: Workspace,
        files: FileCommands,
        runner: TaskRunner,
        current_document: Callable[[], Document | None],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._messages = messages
        self.workspace = workspace
        self.files = files
        self.runner = runner
        self._current_document = current_document
        # Tests answer this instead of a person (see tests/ui/app/test_exchange_report.py).
        self.ask_report_options: Callable[..., ReportOptions | None] = ask_report_options
        self.export_report = menu_action(
            window,
            "Export Repor&t…",
            "An evidence report (HTML or PDF): every quotation beside its source passage",
            "exportReportAction",
        )
        self.export_qdpx = menu_action(
            window,
            "REFI-QDA &Project…",
            "The project for QualCoder, MAXQDA, ATLAS.ti or NVivo (.qdpx)",
            "exportQdpxAction",
        )
        self.export_qdc = menu_action(
            window,
            "REFI-QDA &Codebook…",
            "The tags as a REFI-QDA codebook (.qdc)",
            "exportQdcAction",
        )
        self.import_qdpx = menu_action(
            window,
            "Import REFI-QDA Pro&ject…",
            "A new project from a .qdpx file of another tool, opened here",
            "importQdpxAction",
        )
        self.export_menu = QMenu("E&xport", window)
        self.export_menu.setObjectName("exportMenu")
        self.export_menu.addActions([self.export_qdpx, self.export_qdc])
        self.status = TaskStatus(
            self._status_bar(), lambda: self.runner.cancel(CHANNEL), "exchange"
        )
        self.export_report.triggered.connect(self.choose_report)
        self.export_qdpx.triggered.connect(self.choose_qdpx_export)
        self.export_qdc.triggered.connect(self.choose_qdc_export)
        self.import_qdpx.triggered.connect(self.choose_qdpx_import)
        workspace.projectOpened.connect(self.update_actions)
        workspace.documentsChanged.connect(self.update_actions)
        self.update_actions()

    def _status_bar(self) -> QStatusBar:
        return self._window.statusBar()

    def add_to_menu(
        self, file_menu: QMenu, *, after_export: QAction, after_import: QAction
    ) -> None:
        """Place the entries in the File menu, beside the CSV export and the imports."""
        insert_after(file_menu, after_export, [self.export_report, self.export_menu])
        insert_after(file_menu, after_import, [self.import_qdpx])

    def update_actions(self) -> None:
        project = self.workspace.project
        idle = not self.runner.is_running(CHANNEL)
        self.export_report.setEnabled(idle and project is not None)
        self.export_qdpx.setEnabled(idle and project is not None)
        self.export_qdc.setEnabled(project is not None)
        self.import_qdpx.setEnabled(idle)

    # ---- asking -------------------------------------------------------------------

    def _start_path(self, name: str) -> str:
        folder = self.files.session.last_folder() or str(Path.home())
        return str(Path(folder) / name)

    def _remember_folder(self, path: str) -> None:
        self.files.session.set_last_folder(str(Path(path).parent))

    def current_article(self) -> str | None:
        document = self._current_document()
        if document is None or document.name == self.workspace.source_name:
            return None
        return document.name

    def choose_report(self) -> None:
        project = self.workspace.project
        if project is None:
            return
        session = self.files.session
        letter = session.flag("reportLetter", default_page_size() == "letter")
        current = self.current_article()
        options = self.ask_report_options(
            self._window,
            current,
            max(0, len(self.workspace.documents) - 1),
            "letter" if letter else "a4",
        )
        if options is None:
            return
        session.set_flag("reportLetter", options.page_size == "letter")
        stem = Path(options.article).stem if options.article else project.name
        path, chosen = QFileDialog.getSaveFileName(
            self._window, "Export Report", self._start_path(f"{stem} report.html"), REPORT_FILTERS
        )
        if not path:
            return
        target, pdf = report_target(path, chosen)
        self._remember_folder(target)
        articles = (options.article,) if options.article else None
        self.write_report(ReportRequest(target, pdf, options.page_size, articles))

    def choose_qdpx_export(self) -> None:
        project = self.workspace.project
        if project is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self._window,
            "Export REFI-QDA Project",
            self._start_path(f"{project.name}{QDPX_SUFFIX}"),
            QDPX_FILES,
        )
        if path:
            self._remember_folder(path)
            self.export_project(with_suffix(path, QDPX_SUFFIX))

    def choose_qdc_export(self) -> None:
        project = self.workspace.project
        if project is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self._window,
            "Export REFI-QDA Codebook",
            self._start_path(f"{project.name}{QDC_SUFFIX}"),
            QDC_FILES,
        )
        if path:
            self._remember_folder(path)
            self.export_codebook(with_suffix(path, QDC_SUFFIX))

    def choose_qdpx_import(self) -> None:
        qdpx, _ = QFileDialog.getOpenFileName(
            self._window, "Import REFI-QDA Project", self.files.session.last_folder(), QDPX_FILES
        )
        if qdpx:
            self._remember_folder(qdpx)
            self.choose_project_for(qdpx)

    def import_dropped(self, paths: Sequence[str]) -> bool:
        """A ``.qdpx`` dropped on the window is imported as a project; True if it was one."""
        if len(paths) != 1 or not paths[0].lower().endswith(QDPX_SUFFIX):
            return False
        self.choose_project_for(paths[0])
        return True

    def choose_project_for(self, qdpx: str) -> None:
        """Ask where the project made from ``qdpx`` goes, then import it there."""
        start = str(Path(qdpx).with_suffix(PROJECT_SUFFIX))
        target, _ = QFileDialog.getSaveFileName(
            self._window, "Save the Imported Project As", start, PROJECT_FILES
        )
        if target:
            self.import_project(qdpx, with_suffix(target, PROJECT_SUFFIX))

    # ---- the work -----------------------------------------------------------------

    def _start(
        self,
        what: str,
        job: Callable[[Progress, Callable[[], bool]], Any],
        done: Callable[[Any], None],
    ) -> None:
        if self.runner.is_running(CHANNEL):
            # One at a time: a second would silently replace (cancel) the first.
            self._messages.show_message(
                f"{what}: not started",
                "Another export or import is still running; wait "
                "for it to finish, or cancel it in the status bar.",
            )
            return

        def finished(result: Any) -> None:
            self._ended()
            done(result)

        def failed(message: str) -> None:
            self._ended()
            self._messages.show_message(f"{what} failed", message)

        def cancelled() -> None:
            self._ended()
            self.status.cancelled(f"{what}: cancelled; nothing was written.")

        self.status.started(what, cancellable=True)
        self.runner.start(
            Task(
                CHANNEL,
                job,
                on_done=finished,
                on_failed=failed,
                on_cancelled=cancelled,
                on_progress=self.status.advanced,
            )
        )
        self.update_actions()

    def _ended(self) -> None:
        self.status.ended()
        self.update_actions()
        self.ended.emit()

    def _analysis(self) -> CorpusAnalysis | None:
        return self.workspace.analysis

    def write_report(self, request: ReportRequest) -> None:
        """Write the evidence report ``request`` asks for, in the background."""
        project = self.workspace.project
        if project is None:
            return
        snapshot, name, analysis = ProjectSnapshot.of(project), project.name, self._analysis()
        metadata = project.document_metadata()

        def job(progress: Progress, cancelled: Callable[[], bool]) -> ReportWritten:
            return write_report(request, snapshot, name, metadata, analysis, progress, cancelled)

        self._start(f"Exporting the report to {Path(request.path).name}", job, self._report_done)

    def _report_done(self, result: ReportWritten) -> None:
        if result.problem:
            self._messages.show_message("The report was not written", result.problem)
            return
        pages = f", {plural(result.pages, 'page')}" if result.pages is not None else ""
        self.status.wrote(
            f"Wrote the report on {plural(result.articles, 'article')}{pages} to {result.path}",
            result.path,
        )
        self.reportWritten.emit(result.path)

    def export_project(self, path: str) -> None:
        """Export the project as a REFI-QDA ``.qdpx`` file, in the background."""
        project = self.workspace.project
        if project is None:
            return
        content, analysis = ExportContent.of(project), self._analysis()

        def job(progress: Progress, cancelled: Callable[[], bool]) -> ProjectExported:
            return write_qdpx(path, content, analysis, progress, cancelled)

        self._start(f"Exporting the project to {Path(path).name}", job, self._project_done)

    def _project_done(self, result: ProjectExported) -> None:
        summary = result.summary
        if summary is None:
            self._messages.show_message("The project was not exported", result.problem)
            return
        self.status.wrote(
            f"Exported {plural(summary.sources, 'document')}, {plural(summary.codes, 'code')} "
            f"and {plural(summary.selections, 'selection')} to {result.path}",
            result.path,
        )
        if summary.skipped:
            self._messages.show_message(
                "Some annotations were not exported",
                f"{len(summary.skipped)} annotation(s) could not be written to {result.path}.",
                "\n".join(f"• {line}" for line in summary.skipped),
            )
        self.projectExported.emit(result.path)

    def export_codebook(self, path: str) -> None:
        """Write the tags as a ``.qdc`` codebook (small: done at once)."""
        project = self.workspace.project
        if project is None:
            return
        try:
            summary = write_qdc(project, path)
        except (ExchangeError, ProjectError) as error:
            self._messages.show_message("The codebook was not exported", str(error))
            return
        self.status.wrote(f"Exported {plural(summary.codes, 'code')} to {path}", path)
        self.projectExported.emit(path)

    def import_project(self, qdpx: str, project_path: str) -> None:
        """Make ``project_path`` from ``qdpx`` in the background, then open it here."""
        current = self.workspace.project
        open_here = current.path if current is not None else None
        if open_here is not None and Path(project_path).absolute() == open_here.absolute():
            self._messages.show_message(
                "The project was not imported",
                f"{project_path}: is the project open in this window; choose another "
                "file name for the imported project.",
            )
            return

        def job(progress: Progress, cancelled: Callable[[], bool]) -> ProjectImported:
            return import_project(qdpx, project_path, progress)

        self._start(f"Importing {Path(qdpx).name}", job, self._import_done)

    def _import_done(self, result: ProjectImported) -> None:
        summary = result.summary
        if summary is None:
            self._messages.show_message("The project was not imported", result.problem)
            return
        if not self.files.open_project(result.path):
            return  # the reason has been shown
        if summary.not_imported or summary.adjustments:
            # The summary's message lists what could not be represented, and how names
            # were adjusted: never left out silently.
            self._messages.show_message(
                "Imported, with some things left out" if summary.not_imported else "Imported",
                summary.message(),
            )
        self.status.wrote(
            f"Imported {plural(summary.documents, 'document')}, {plural(summary.tags, 'tag')} "
            f"and {plural(summary.annotations, 'annotation')} into {result.path}",
            result.path,
        )
        self.projectImported.emit(result.path)
