"""The status bar's permanent part: what the panes show, and the progress of long work."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QToolButton

from cablereader.core.analysis import CorpusAnalysis
from cablereader.ui.app.filecommands import FileCommands
from cablereader.ui.app.workspace import Workspace
from cablereader.ui.common.text import one_line, plain_tooltip


def analysed_message(analysis: CorpusAnalysis) -> str:
    """ "Analysed 5 articles against 2 sources": short, beside the permanent summary."""
    count = len(analysis.articles)
    sources = analysis.sources
    if len(sources) == 1:
        against = f"“{one_line(sources[0].title, 64)}”"
    else:
        against = f"{len(sources)} sources"
    return f"Analysed {count} article{'' if count == 1 else 's'} against {against}"


class AnalysisStatus:
    """A summary label, plus a progress bar and a Cancel button while analysing."""

    def __init__(self, status: QStatusBar, workspace: Workspace, cancel: QAction) -> None:
        self._status = status
        self._cancel_action = cancel
        self.summary = QLabel()
        self.summary.setObjectName("summaryLabel")
        self.progress = QProgressBar()
        self.progress.setObjectName("analysisProgress")
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        self.cancel_button = QToolButton()
        self.cancel_button.setObjectName("cancelAnalysisButton")
        self.cancel_button.setText("Cancel")
        self.cancel_button.setToolTip("Stop the analysis")
        self.cancel_button.hide()
        status.addPermanentWidget(self.summary)
        status.addPermanentWidget(self.progress)
        status.addPermanentWidget(self.cancel_button)
        self.cancel_button.clicked.connect(workspace.cancel_analysis)
        workspace.analysisStarted.connect(self._started)
        workspace.analysisProgress.connect(self._progress)
        workspace.analysisFinished.connect(self._done)
        workspace.analysisCancelled.connect(self._cancelled)
        workspace.analysisFailed.connect(lambda _message: self._done())

    def _started(self, articles: int) -> None:
        self.progress.setRange(0, 0)  # busy until the first article is done
        self.progress.setFormat("Analysing…")
        self.progress.show()
        self.cancel_button.show()
        self._cancel_action.setEnabled(True)
        self._status.showMessage(f"Analysing {articles} articles…")

    def _progress(self, done: int, total: int, label: str) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)
        self.progress.setFormat("Analysing %v of %m")
        self.progress.setToolTip(plain_tooltip(label))

    def _done(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        self._cancel_action.setEnabled(False)

    def _cancelled(self) -> None:
        self._done()
        self._status.showMessage(
            "Analysis cancelled: figures and highlights are missing. "
            "Corpus ▸ Analyse Again (F5) runs it again."
        )


class ExportStatus:
    """A progress bar while annotations are exported, then a message of what was written."""

    def __init__(self, status: QStatusBar, files: FileCommands) -> None:
        self._status = status
        self.progress = QProgressBar()
        self.progress.setObjectName("exportProgress")
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        status.addPermanentWidget(self.progress)
        # After an export: the folder it went to, one click away (hidden on the next one).
        self.open_folder = QToolButton()
        self.open_folder.setObjectName("openExportFolderButton")
        self.open_folder.setText("Open Folder")
        self.open_folder.hide()
        self.open_folder.clicked.connect(self._open_folder)
        status.addPermanentWidget(self.open_folder)
        self._folder = ""
        files.exportStarted.connect(self._started)
        files.exportProgress.connect(self._progress)
        files.exportEnded.connect(self.progress.hide)
        files.exported.connect(self._exported)

    def _started(self, path: str) -> None:
        self.progress.setRange(0, 0)  # busy until the first report
        self.progress.setFormat("Exporting…")
        self.progress.setToolTip(plain_tooltip(path))
        self.progress.show()
        self.open_folder.hide()
        self._status.showMessage(f"Exporting annotations to {path}…")

    def _progress(self, done: int, total: int, label: str) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)
        self.progress.setFormat(label if total == 1 else "Analysing %v of %m")

    def _exported(self, rows: int, path: str) -> None:
        noun = "row" if rows == 1 else "rows"
        self._status.showMessage(f"Exported {rows} {noun} to {path}", 15000)
        self._folder = str(Path(path).parent)
        self.open_folder.setToolTip(f"Show {self._folder} in the file manager")
        self.open_folder.show()

    def _open_folder(self) -> None:
        if self._folder:
            QDesktopServices.openUrl(QUrl.fromLocalFile(self._folder))
        self.open_folder.hide()
