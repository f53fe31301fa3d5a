"""The File menu's work: open, import, save as, export, recent projects.

Reading documents runs off the GUI thread; project files open in the GUI thread (they
are SQLite files: opening is quick and must be answered at once, e.g. "open
read-only?").  Failures are shown as messages naming the file; nothing is lost: a
project that cannot be opened leaves the current one open.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from cablereader.core.documents import LoadCancelled, LoadResult, load_paths
from cablereader.core.filechecks import regular_file_problem
from cablereader.core.formats import IMPORT_SUFFIXES
from cablereader.core.project import (
    PROJECT_SUFFIX,
    Change,
    ImportReport,
    Project,
    ProjectError,
    ProjectLocked,
)
from cablereader.core.reports.annotations import ProjectSnapshot
from cablereader.core.sample import sample_corpus_dir
from cablereader.core.sources import detect_sources
from cablereader.ui.app.actions import Actions
from cablereader.ui.app.csvexport import CSV_FILES, Exported, export_job
from cablereader.ui.app.session import SessionState
from cablereader.ui.app.workspace import Workspace
from cablereader.ui.common.messageboxes import ask
from cablereader.ui.common.tasks import Progress, Task, TaskCancelled, TaskRunner
from cablereader.ui.common.undo import ProjectEdits

# Every format the core reads (web pages, PDF, Word, OpenDocument, RTF, e-mail, Markdown).
TEXT_FILES = (
    f"Documents ({' '.join('*' + suffix for suffix in (*IMPORT_SUFFIXES, '.text'))});;All files (*)"
)
PROJECT_FILES = f"CableReader projects (*{PROJECT_SUFFIX});;All files (*)"
SAMPLE_LABEL = "Sample corpus"


@dataclass(frozen=True)
class _Loaded:
    """What the loading job hands back to the GUI thread."""

    result: LoadResult
    replace: bool
    label: str
    source: list[str] | None  # the sources, the primary first


class MessageSink(Protocol):
    def show_message(self, title: str, text: str, details: str = "") -> None: ...


class FileCommands(QObject):
    """Opens documents and projects into the workspace; exports annotations."""

    documentsLoaded = Signal()  # a load finished (documents opened or imported)
    recentChanged = Signal()
    exportStarted = Signal(str)  # path
    exportProgress = Signal(int, int, str)  # done, total, what
    exportEnded = Signal()  # finished, failed or cancelled: the progress goes
    exported = Signal(int, str)  # rows written, path
    # Reading documents (a long PDF reports its pages; Cancel stops it, adding nothing).
    loadStarted = Signal(str)  # what is read
    loadProgress = Signal(int, int, str)  # done, total (0: unknown), what
    loadEnded = Signal()
    loadCancelled = Signal()

    def __init__(
        self,
        window: QWidget,
        messages: MessageSink,
        workspace: Workspace,
        edits: ProjectEdits,
        session: SessionState,
        runner: TaskRunner,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._messages = messages
        self.workspace = workspace
        self.edits = edits
        self.session = session
        self.runner = runner
        # Tests answer these questions instead of a person (see tests/ui).
        self.ask_read_only: Callable[[str], bool] = self._ask_read_only

    def connect_actions(self, a: Actions) -> None:
        """Carry out the File menu's entries for projects, documents and the CSV export."""
        for action, slot in (
            (a.new_project, self.choose_new_project),
            (a.open_project, self.choose_project),
            (a.save_as, self.choose_save_as),
            (a.export_csv, self.choose_export),
            (a.import_documents, self.choose_documents),
            (a.import_folder, self.choose_folder),
            (a.open_sample, self.open_sample),
        ):
            action.triggered.connect(slot)

    # ---- opening ----------------------------------------------------------------

    def open_start(self, paths: Sequence[str]) -> None:
        """What the app opens at start: the paths, else the last project, else the sample."""
        if paths:
            self.open_paths(paths)
            return
        last = self.session.last_project()
        if last and Path(last).is_file() and self.open_project(last, quiet_lock=False):
            return
        self.open_sample()

    def open_sample(self) -> None:
        self._load([str(sample_corpus_dir())], replace=True, label=SAMPLE_LABEL)

    def open_paths(self, paths: Sequence[str]) -> None:
        """A project file opens as it is; documents and folders make a new project."""
        projects = [p for p in paths if p.lower().endswith(PROJECT_SUFFIX)]
        if projects:
            self.open_project(projects[0])
            if len(projects) > 1 or len(projects) < len(paths):
                self._messages.show_message(
                    "Opened one project",
                    f"Only {Path(projects[0]).name} was opened; open other files from it "
                    "with File ▸ Import Documents….",
                )
            return
        label = Path(paths[0]).name if len(paths) == 1 else f"{len(paths)} items"
        self._load(list(paths), replace=True, label=label)

    def import_paths(self, paths: Sequence[str]) -> None:
        """Add documents and folders to the open project (a re-import updates a text)."""
        projects = [p for p in paths if p.lower().endswith(PROJECT_SUFFIX)]
        if projects and len(projects) == len(paths):
            self.open_project(projects[0])
            return
        if self.workspace.project is None:
            self.open_paths(paths)
            return
        self._load([p for p in paths if p not in projects], replace=False, label="")

    def open_project(self, path: str, *, quiet_lock: bool = False) -> bool:
        """Open a project file; True if it is open now."""
        # Opened here, in the GUI thread: a FIFO or device must not get as far as open().
        if (problem := regular_file_problem(path)) is not None:
            self._messages.show_message("The project could not be opened", f"{path}: {problem}")
            return False
        try:
            self.workspace.open_project(path)
        except ProjectLocked as error:
            if quiet_lock or not self.ask_read_only(str(error)):
                return False
            try:
                self.workspace.open_project(path, read_only=True)
            except ProjectError as again:
                self._messages.show_message("The project could not be opened", str(again))
                return False
        except ProjectError as error:
            self._messages.show_message("The project could not be opened", str(error))
            return False
        self.edits.stack.clear()
        self._remember()
        return True

    def _ask_read_only(self, message: str) -> bool:
        answer = ask(
            self._window,
            "Project in use",
            f"{message}\n\nOpen it read-only?",
            QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Open

    def _load(self, paths: list[str], *, replace: bool, label: str) -> None:
        def job(progress: Progress, cancelled: Callable[[], bool]) -> _Loaded:
            def files(done: int, total: int) -> None:
                progress(done, total, f"{done} of {total} files")

            def pages(name: str, done: int, total: int) -> None:
                progress(done, total, f"{name}: page {done} of {total}")

            try:
                loaded = load_paths(paths, progress=files, cancelled=cancelled, pages=pages)
            except LoadCancelled as stopped:
                raise TaskCancelled from stopped
            # Detecting the sources reads every document: do it here, off the GUI thread.
            sources = None
            if replace and loaded.documents:
                sources = [d.name for d in detect_sources(loaded.documents)]
            return _Loaded(loaded, replace, label, sources)

        self.loadStarted.emit(label or (Path(paths[0]).name if len(paths) == 1 else ""))
        self.runner.start(
            Task(
                "load",
                job,
                on_done=self._loaded,
                on_failed=self._load_failed,
                on_cancelled=self._load_cancelled,
                on_progress=self.loadProgress.emit,
            )
        )

    def cancel_load(self) -> None:
        self.runner.cancel("load")

    def _load_cancelled(self) -> None:
        self.loadEnded.emit()
        self.loadCancelled.emit()

    def _load_failed(self, message: str) -> None:
        self.loadEnded.emit()
        self._messages.show_message("Documents could not be read", message)

    def _loaded(self, loaded: _Loaded) -> None:
        self.loadEnded.emit()
        result = loaded.result
        if result.errors:
            lines = "\n".join(f"• {error}" for error in result.errors)
            count = len(result.documents)
            self._messages.show_message(
                "Some documents could not be opened",
                f"{len(result.errors)} could not be opened; "
                f"{count} document{'s' if count != 1 else ''} opened.",
                lines,
            )
        if not result.documents:
            if not result.errors:
                self._messages.show_message(
                    "Nothing to open", "No text documents were found there."
                )
            return
        if loaded.replace:
            self.edits.stack.clear()
            self.workspace.open_documents(result.documents, loaded.label, source=loaded.source)
        else:
            self._import(result)
        self.documentsLoaded.emit()

    def _import(self, result: LoadResult) -> None:
        reports: list[ImportReport] = []

        def edit(project: Project) -> Change:
            report = project.import_documents(result.documents)
            reports.append(report)
            return report.change or Change("documents_imported", ())

        self.edits.run("Import documents", edit)
        if not reports:
            return
        report = reports[0]
        if report.orphaned:
            self._messages.show_message(
                "Some annotations could not be placed",
                f"{len(report.orphaned)} annotation(s) could not be found in the corrected "
                "text. They are kept, with their old text, as orphans: see the Annotations "
                "panel (Orphans).",
                "\n".join(f"• {a.document}: “{a.exact[:80]}”" for a in report.orphaned),
            )
        elif report.unchanged and not report.added and not report.updated:
            self._messages.show_message(
                "Already in the project",
                "These documents are already in the project, unchanged: "
                + ", ".join(report.unchanged),
            )

    # ---- dialogs ----------------------------------------------------------------

    def choose_documents(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self._window, "Import Documents", self.session.last_folder(), TEXT_FILES
        )
        if files:
            self.session.set_last_folder(str(Path(files[0]).parent))
            self.import_paths(files)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self._window, "Import Folder", self.session.last_folder()
        )
        if folder:
            self.session.set_last_folder(folder)
            self.import_paths([folder])

    def choose_new_project(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self._window, "New Project from Documents", self.session.last_folder(), TEXT_FILES
        )
        if files:
            self.session.set_last_folder(str(Path(files[0]).parent))
            self.open_paths(files)

    def choose_project(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self._window, "Open Project", self.session.last_folder(), PROJECT_FILES
        )
        if path:
            self.open_project(path)

    def choose_save_as(self) -> None:
        project = self.workspace.project
        if project is None:
            return
        start = str(Path(self.session.last_folder() or Path.home()) / f"{project.name}.crproj")
        path, _ = QFileDialog.getSaveFileName(self._window, "Save Project As", start, PROJECT_FILES)
        if path:
            self.save_as(path)

    def save_as(self, path: str) -> bool:
        if not path.lower().endswith(PROJECT_SUFFIX):
            path += PROJECT_SUFFIX
        try:
            self.workspace.save_as(path)
        except ProjectError as error:
            self._messages.show_message(
                "The project was not saved",
                f"{error}\n\nThe project is still open as it was; nothing was lost.",
            )
            return False
        self.session.set_last_folder(str(Path(path).parent))
        self._remember()
        return True

    def choose_export(self) -> None:
        project = self.workspace.project
        if project is None:
            return
        start = str(Path(self.session.last_folder() or Path.home()) / f"{project.name}.csv")
        path, _ = QFileDialog.getSaveFileName(
            self._window, "Export Annotations as CSV", start, CSV_FILES
        )
        if path:
            self.export(path)

    def export(self, path: str, *, guard_formulas: bool = True) -> None:
        """Export the annotations to ``path`` in the background.

        The project is read here (its connection belongs to this thread); a fresh
        analysis, when the one at hand no longer fits the documents, and the writing run
        in a worker.  ``exported(rows, path)`` follows, or a message saying why not.
        """
        project = self.workspace.project
        if project is None:
            return
        snapshot = ProjectSnapshot.of(project)
        analysis = self.workspace.analysis

        job = export_job(snapshot, path, analysis=analysis, guard_formulas=guard_formulas)
        self.exportStarted.emit(path)
        self.runner.start(
            Task(
                "export",
                job,
                on_done=self._exported,
                on_failed=self._export_failed,
                on_cancelled=lambda: self.exportEnded.emit(),
                on_progress=self.exportProgress.emit,
            )
        )

    def _exported(self, result: Exported) -> None:
        self.exportEnded.emit()
        if result.rows is None:
            self._messages.show_message("The annotations were not exported", result.problem)
        else:
            self.exported.emit(result.rows, result.path)

    def _export_failed(self, message: str) -> None:
        self.exportEnded.emit()
        self._messages.show_message("The annotations were not exported", message)

    # ---- recent projects -----------------------------------------------------------

    def _remember(self) -> None:
        project = self.workspace.project
        if project is not None and project.path is not None:
            self.session.add_recent(str(project.path))
            self.session.set_last_project(str(project.path))
            self.recentChanged.emit()

    def remember_current(self) -> None:
        """Called after the first edit gave an untitled project its file."""
        self._remember()
