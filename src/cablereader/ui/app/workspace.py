"""The open project and what is derived from it: its documents and their analysis.

Every corpus the window shows is a project.  Documents opened without one (the
built-in sample, files on the command line) make an *untitled* project in memory;
before its first edit it gets a file in the user's data folder, so no edit is ever
only in memory, and the next start opens it again.  Save As moves it where the user
wants it.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Signal

from cablereader.core import locations
from cablereader.core.analysis import CorpusAnalysis, analyse_corpus
from cablereader.core.analysis.cache import AnalysisCache
from cablereader.core.documents import Document
from cablereader.core.project import Change, DocumentStep, Project
from cablereader.core.project.model import SOURCE_CHANGED
from cablereader.core.reports.counterparts import Counterparts
from cablereader.ui.common.following import ProjectFollowers
from cablereader.ui.common.tasks import Progress, Task, TaskRunner


def standard_folders() -> locations.StandardFolders:
    """The platform's folders for this application, as Qt finds them (its name is set)."""
    where = QStandardPaths.writableLocation
    return locations.StandardFolders(
        where(QStandardPaths.StandardLocation.AppDataLocation),
        where(QStandardPaths.StandardLocation.CacheLocation),
    )


def data_dir() -> Path:
    return locations.data_dir(standard_folders())


def cache_dir() -> Path:
    return locations.cache_dir(standard_folders())


class Workspace(QObject):
    """Holds the project, runs its analysis, and relays its changes as one signal."""

    projectOpened = Signal()  # another project is open now: every view starts afresh
    changed = Signal(object)  # a core Change was committed (an edit, undo or redo)
    documentsChanged = Signal()  # documents added, re-imported, or a role changed
    analysisStarted = Signal(int)  # number of articles
    analysisProgress = Signal(int, int, str)
    analysisFinished = Signal()
    analysisCancelled = Signal()
    analysisFailed = Signal(str)

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.project: Project | None = None
        self.analysis: CorpusAnalysis | None = None
        # Where annotated passages sit in the source, for the annotation table's verdicts:
        # built with the analysis, off the GUI thread (it indexes every article).
        self.counterparts: Counterparts | None = None
        # The project's documents, read once per change of them (a view asks often).
        self._documents: list[Document] | None = None
        self._by_name: dict[str, Document] = {}
        self.label = ""
        # True while the project is one the user has not named (memory or data folder).
        self.untitled = False
        self._unsubscribe: Callable[[], None] | None = None
        # Panels that follow the project, told in this order (registered by the window).
        self.followers = ProjectFollowers()

    # ---- which project ----------------------------------------------------------

    def open_project(self, path: str | Path, *, read_only: bool = False) -> None:
        """Open a project file (raises ProjectError; the current one stays open then)."""
        project = Project.open(path, read_only=read_only)
        self._replace(project, untitled=locations.is_in_data_dir(project.path, standard_folders()))

    def open_documents(
        self,
        documents: Sequence[Document],
        label: str,
        *,
        source: str | Sequence[str] | None = None,
    ) -> None:
        """A new untitled project holding ``documents`` (in memory until its first edit).

        ``source`` names the source, or the sources, the primary first (detected by the
        project when not given).
        """
        project = Project.create_in_memory(documents, source=source)
        self._replace(project, untitled=True)
        self.label = label

    def _replace(self, project: Project, *, untitled: bool) -> None:
        self.close()
        self.project = project
        self.untitled = untitled
        self.label = project.name
        self._unsubscribe = project.subscribe(self._on_change)
        self.followers.opened(project)
        self.projectOpened.emit()
        self.start_analysis()

    def close_project(self) -> None:
        """Close the project and tell the followers and views that none is open."""
        self.close()
        self.followers.opened(None)
        self.projectOpened.emit()

    def close(self) -> None:
        """Close the project (every edit is already saved) and stop its analysis."""
        self.runner.cancel("analysis", quietly=True)
        self.analysis = None
        self.counterparts = None
        self._documents = None
        self._by_name = {}
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        if self.project is not None:
            self.project.close()
            self.project = None
            # What the project kept alive may be collected again (see below).
            gc.unfreeze()

    def ensure_file(self) -> bool:
        """Give an untitled project in memory a file in the data folder (before edits)."""
        project = self.project
        if project is None or project.path is not None:
            return project is not None
        folder = data_dir()
        folder.mkdir(parents=True, exist_ok=True)
        project.save_as(locations.untitled_path(folder))
        return True

    def save_as(self, path: str | Path) -> None:
        """Copy the project to ``path`` and go on there (raises ProjectError)."""
        project = self.project
        if project is None:
            return
        scratch = self.untitled and project.path is not None
        project.save_as(path, delete_previous=scratch)
        self.untitled = False
        self.label = project.name

    # ---- contents ---------------------------------------------------------------

    @property
    def documents(self) -> list[Document]:
        return list(self._read_documents())

    @property
    def source_name(self) -> str | None:
        """The primary source."""
        return self.project.source_name if self.project is not None else None

    @property
    def source_names(self) -> list[str]:
        """Every source, the primary first."""
        return self.project.source_names if self.project is not None else []

    def document(self, name: str) -> Document | None:
        self._read_documents()
        return self._by_name.get(name)

    def _read_documents(self) -> list[Document]:
        if self.project is None:
            return []
        if self._documents is None:
            self._documents = self.project.documents()
            self._by_name = {d.name: d for d in self._documents}
        return self._documents

    def _on_change(self, change: Change) -> None:
        if any(isinstance(step, DocumentStep) for step in change.steps):
            self._documents = None
        self.followers.changed(change)
        self.changed.emit(change)
        # Imports, re-imports, a document's new role or a new primary source (or the
        # undo of one) change what the analysis is about.
        if change.kind == SOURCE_CHANGED or any(
            isinstance(step, DocumentStep) for step in change.steps
        ):
            self.documentsChanged.emit()
            self.start_analysis()

    # ---- analysis ---------------------------------------------------------------

    def start_analysis(self) -> None:
        documents = self.documents
        if len(documents) < 2:
            self.runner.cancel("analysis", quietly=True)
            self.analysis = None
            self.counterparts = None
            self.analysisFinished.emit()
            return
        sources = self.source_names

        # Large corpora are analysed in worker processes (the core decides from the
        # size): the analysis is CPU-bound Python, and in a thread it would compete with
        # the GUI thread for the interpreter lock.
        workers = max(2, min(4, os.cpu_count() or 1))

        # Reopening a corpus (or the sample) finds most results already there.
        cache = AnalysisCache(cache_dir())

        def job(progress: Progress, cancelled: Callable[[], bool]) -> _Results:
            analysis = analyse_corpus(
                documents,
                sources or None,
                progress=progress,
                cancelled=cancelled,
                workers=workers,
                background=True,
                cache=cache,
            )
            return _Results(analysis, Counterparts(analysis))

        self.analysisStarted.emit(len(documents) - 1)
        _keep_out_of_collections()
        self.runner.start(
            Task(
                "analysis",
                job,
                on_done=self._finished,
                on_failed=self.analysisFailed.emit,
                on_cancelled=self.analysisCancelled.emit,
                on_progress=self.analysisProgress.emit,
            )
        )

    def cancel_analysis(self) -> None:
        self.runner.cancel("analysis")

    def _finished(self, result: _Results) -> None:
        self.analysis = result.analysis
        self.counterparts = result.counterparts
        _keep_out_of_collections()
        self.analysisFinished.emit()


def _keep_out_of_collections() -> None:
    """Exempt every object alive now from the garbage collector's full collections.

    A large project keeps a few hundred thousand objects alive (texts, annotations,
    analyses); each full collection walks them all, 50-100 ms with the GUI thread
    waiting, at moments the collector picks (typically while results pour in).  They
    live as long as the project: walking them finds nothing to free.  Frozen objects
    that become garbage are still freed by reference counting, as nearly all are (the
    results are plain frozen data); the rare reference cycle waits for
    :meth:`Workspace.close`, which hands everything back to the collector.
    """
    gc.freeze()


@dataclass(frozen=True)
class _Results:
    """What the analysis job hands back to the GUI thread."""

    analysis: CorpusAnalysis
    counterparts: Counterparts
