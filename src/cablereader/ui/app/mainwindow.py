"""The main window: project, linked panes, quotations, differences, tags, notes.

The window is thin: the open project and its analysis live in a :class:`Workspace`,
file work in :class:`FileCommands`, tagging in :class:`Annotator`; every edit goes
through one undo stack (:class:`ProjectEdits`).  This module lays the widgets out,
connects them, and decides what the panes show.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QSettings, Qt, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QKeyEvent, QUndoStack
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox

from cablereader.core.analysis import AnalysisCancelled, CorpusAnalysis
from cablereader.core.documents import Document
from cablereader.core.project import Annotation, Change, Project
from cablereader.core.reports.annotations import Counterparts
from cablereader.ui.annotations.annotating import Annotator
from cablereader.ui.annotations.annotationtable import AnnotationTable
from cablereader.ui.annotations.noteeditor import NoteEditor
from cablereader.ui.app.actions import build_actions, build_menus
from cablereader.ui.app.addedcommands import add_commands
from cablereader.ui.app.chrome import fill_recent_menu, update_actions, window_title
from cablereader.ui.app.docks import build_docks
from cablereader.ui.app.filecommands import FileCommands
from cablereader.ui.app.navigator import Navigator
from cablereader.ui.app.session import SessionState
from cablereader.ui.app.shortcuts import ShortcutsDialog
from cablereader.ui.app.statusbar import AnalysisStatus, ExportStatus, analysed_message
from cablereader.ui.app.viewcommands import ViewCommands
from cablereader.ui.app.windowcommands import WindowCommands
from cablereader.ui.app.windowlayout import WindowLayout
from cablereader.ui.app.workspace import Workspace
from cablereader.ui.common.icons import app_icon
from cablereader.ui.common.messageboxes import open_warning
from cablereader.ui.common.tasks import TaskRunner
from cablereader.ui.common.undo import ProjectEdits
from cablereader.ui.documents.documentlist import DocumentList
from cablereader.ui.quotes.quotetable import QuoteTable
from cablereader.ui.reader.comparison import ComparisonView
from cablereader.ui.reader.differences import DifferenceList
from cablereader.ui.reader.findbar import FindBar
from cablereader.ui.reader.legend import Legend
from cablereader.ui.search.corpussearch import CorpusSearch
from cablereader.ui.tags.taglist import TagList


class MainWindow(QMainWindow):
    """CableReader's main window."""

    analysisFinished = Signal()
    analysisCancelled = Signal()
    messageShown = Signal(str)

    def __init__(self, settings: QSettings | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.settings = settings if settings is not None else QSettings()
        self.session = SessionState(self.settings)
        self.message_box: QMessageBox | None = None
        self._counterparts: Counterparts | None = None

        self.runner = TaskRunner(self, cancel_errors=(AnalysisCancelled,))
        self.workspace = Workspace(self.runner, self)
        self.undo_stack = QUndoStack(self)
        self.edits = ProjectEdits(self.undo_stack, self._project, self._before_edit, self)
        self.files = FileCommands(self, self, self.workspace, self.edits, self.session, self.runner)

        self.view = ComparisonView()
        self.setCentralWidget(self.view)
        self.find_bar = FindBar()
        self.find_bar.hide()
        self.view.add_bottom(self.find_bar)
        self.find_bar.set_target(self.view.article_pane)
        self.annotator = Annotator(self.view, self.edits, self._project, self)

        self.document_list = DocumentList()
        self.quote_table = QuoteTable()
        self.difference_list = DifferenceList()
        self.corpus_search = CorpusSearch()
        self.tag_list = TagList(self.edits)
        self.annotation_table = AnnotationTable(self.edits)
        self.note_editor = NoteEditor(self.edits)
        self.docks = build_docks(
            self,
            documents=self.document_list,
            search=self.corpus_search,
            tags=self.tag_list,
            note=self.note_editor,
            quotes=self.quote_table,
            differences=self.difference_list,
            annotations=self.annotation_table,
        )
        self.documents_dock = self.docks.documents
        self.search_dock = self.docks.search
        self.quotes_dock = self.docks.quotes
        self.differences_dock = self.docks.differences
        self.annotations_dock = self.docks.annotations

        self.navigator = Navigator(
            view=self.view,
            workspace=self.workspace,
            edits=self.edits,
            session=self.session,
            runner=self.runner,
            document_list=self.document_list,
            quote_table=self.quote_table,
            difference_list=self.difference_list,
            annotation_table=self.annotation_table,
            note_editor=self.note_editor,
            annotator=self.annotator,
            status=self.statusBar().showMessage,
            parent=self,
        )
        # The tests and the File commands talk to these directly.
        self.comparisonShown = self.navigator.comparisonShown
        self.show_article = self.navigator.show_article
        self.compare = self.navigator.compare
        self.show_hit = self.navigator.show_hit
        self.jump_to_annotation = self.navigator.jump_to_annotation

        self.commands = build_actions(self, self.undo_stack)
        self.toolbar = build_menus(self, self.commands, self.docks.toggle_actions())
        self.toolbar.addSeparator()
        self.legend = Legend()
        self.toolbar.addWidget(self.legend)

        self.status = AnalysisStatus(
            self.statusBar(), self.workspace, self.commands.cancel_analysis
        )
        self.export_status = ExportStatus(self.statusBar(), self.files)
        self.summary_label = self.status.summary
        # Documents in and out as people have them (issues 13 and 16).
        added = add_commands(
            self,
            self,
            commands=self.commands,
            workspace=self.workspace,
            files=self.files,
            edits=self.edits,
            runner=self.runner,
            document_list=self.document_list,
            shown=lambda: self.view.right_document,
        )
        self.exchange, self.clipboard = added.exchange, added.clipboard
        self.document_commands = added.documents
        self.clipboard.documentAdded.connect(self.show_article)
        self.progress = self.status.progress
        self.cancel_button = self.status.cancel_button

        self.view_commands = ViewCommands(
            self.view,
            self.find_bar,
            self.session,
            self.commands,
            self.statusBar().showMessage,
            self.navigator.after_view_change,
        )
        self.layout_state = WindowLayout(
            self, self.session, self.docks, self.view, self.commands.full_screen
        )
        self.window_commands = WindowCommands(
            self,
            self.commands,
            workspace=self.workspace,
            edits=self.edits,
            settings=self.settings,
            view=self.view,
            document_list=self.document_list,
            quote_table=self.quote_table,
            status=self.statusBar().showMessage,
        )
        self._connect()
        self.layout_state.restore()
        self.view_commands.restore()
        self._update_actions()
        self._update_title()

    # ---- construction helpers ---------------------------------------------------

    def _connect(self) -> None:
        a = self.commands
        self.files.connect_actions(a)
        a.close_project.triggered.connect(self.close_project)
        a.quit.triggered.connect(self.close)
        self.view_commands.connect()
        a.find_in_corpus.triggered.connect(self.open_corpus_search)
        a.focus_documents.triggered.connect(
            lambda: self.view_commands.focus_dock(self.documents_dock)
        )
        a.compare_with_source.triggered.connect(self.navigator.compare_current_with_source)
        a.close_comparison.triggered.connect(self.navigator.close_comparison)
        self.view.compareRequested.connect(self.navigator.compare_current_with_source)
        self.view.set_close_action(a.close_comparison)
        self.navigator.viewChanged.connect(self.view_commands.view_changed)
        a.use_as_source.triggered.connect(self.navigator.use_current_as_source)
        a.use_as_article.triggered.connect(self.navigator.use_current_as_article)
        a.make_primary.triggered.connect(self.navigator.make_current_primary)
        a.analyse.triggered.connect(self.workspace.start_analysis)
        a.cancel_analysis.triggered.connect(self.workspace.cancel_analysis)
        a.shortcuts.triggered.connect(self.show_shortcuts)
        a.about.triggered.connect(self.show_about)
        a.about_qt.triggered.connect(QApplication.aboutQt)
        a.open_recent.aboutToShow.connect(
            lambda: fill_recent_menu(a.open_recent, self.session, self.files.open_project)
        )

        self.document_list.importRequested.connect(self.files.choose_documents)
        self.difference_list.differenceActivated.connect(self.view.show_difference)
        self.corpus_search.hitActivated.connect(self.navigator.show_hit)
        self.view.summaryChanged.connect(self.summary_label.setText)
        self.tag_list.tagActivated.connect(lambda tag_id: self.annotator.apply_tag(tag_id))
        self.annotator.message.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.annotation_table.set_verdict_lookup(self._verdict_of)
        self.edits.failed.connect(lambda what, why: self.show_message(f"{what} failed", why))

        ws = self.workspace
        # The panels that follow the project, once, in the order they hear of it: the
        # annotator first, since it also forgets the annotations it read.
        ws.followers.add(self.annotator, self.tag_list, self.annotation_table, self.note_editor)
        ws.projectOpened.connect(self._project_opened)
        ws.changed.connect(self._project_changed)
        ws.documentsChanged.connect(self._documents_changed)
        ws.analysisFinished.connect(self._analysis_finished)
        ws.analysisCancelled.connect(self.analysisCancelled.emit)
        ws.analysisFailed.connect(self._analysis_failed)
        self.files.recentChanged.connect(self._update_title)
        self.navigator.viewChanged.connect(self._update_actions)
        self.navigator.viewChanged.connect(self._update_title)
        self.navigator.differencesShown.connect(self.differences_dock.raise_)

    # ---- the project --------------------------------------------------------------

    def _project(self) -> Project | None:
        return self.workspace.project

    def _before_edit(self) -> bool:
        """An untitled project gets its file before the first edit, so none is lost."""
        project = self.workspace.project
        self.window_commands.apply_author(project)
        if project is not None and project.path is None:
            try:
                self.workspace.ensure_file()
            except Exception as error:
                self.show_message("The project could not be saved", str(error))
                return False
            self.files.remember_current()
            self._update_title()
        return True

    @property
    def documents(self) -> list[Document]:
        return self.workspace.documents

    @property
    def source_name(self) -> str | None:
        return self.workspace.source_name

    @property
    def analysis(self) -> CorpusAnalysis | None:
        return self.workspace.analysis

    def open_start(self, paths: Sequence[str]) -> None:
        self.files.open_start(paths)

    def close_project(self) -> None:
        self.undo_stack.clear()
        self.workspace.close_project()

    def _project_opened(self) -> None:
        self.window_commands.apply_author()
        self.view.clear()
        self.quote_table.clear()
        self.difference_list.set_differences([], "", "")
        self._documents_changed()
        self._update_title()
        self._update_actions()

    def _documents_changed(self) -> None:
        self.document_list.set_documents(self.documents, self.workspace.source_names)
        self.corpus_search.set_documents(self.documents)
        source = self.workspace.document(self.source_name) if self.source_name else None
        if source is not None and self.view.right_document is None:
            self.view.show_source(source)
            self.annotator.refresh()

    def _project_changed(self, change: Change) -> None:
        self._update_title()  # the panels have followed the change already

    # ---- analysis -----------------------------------------------------------------

    def _analysis_finished(self) -> None:
        analysis = self.analysis
        self.document_list.set_documents(self.documents, self.workspace.source_names)
        if analysis is not None:
            self.document_list.set_analysis(analysis)
            self.statusBar().showMessage(analysed_message(analysis), 5000)
            self.legend.set_several_sources(len(analysis.sources) > 1)
        self._counterparts = self.workspace.counterparts  # built with the analysis
        self.annotation_table.set_verdict_lookup(self._verdict_of)
        self.navigator.restore_selection()
        self._update_actions()
        self.analysisFinished.emit()

    def _analysis_failed(self, message: str) -> None:
        self.show_message("The analysis did not finish", message)

    def _verdict_of(self, annotation: Annotation) -> str:
        if self._counterparts is None:
            return ""
        return self._counterparts.verdict(annotation)

    def zoom(self, step: int) -> None:
        self.view_commands.zoom(step)

    def open_corpus_search(self) -> None:
        self.view_commands.focus_dock(self.search_dock)
        self.corpus_search.focus_query()

    def _update_actions(self) -> None:
        update_actions(self.commands, self.workspace, self.view)

    def _update_title(self) -> None:
        project = self._project()
        self.setWindowTitle(window_title(project, self.workspace, self.view))
        self.setWindowFilePath(str(project.path) if project and project.path else "")

    # ---- messages -----------------------------------------------------------------

    def show_shortcuts(self) -> None:
        # Not modal: the sheet can stay open beside the window while the keys are tried.
        dialog = ShortcutsDialog(self.commands, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    def show_about(self) -> None:
        # Imported when asked for: it reads package metadata, which start-up does not need.
        from cablereader.ui.app.about import AboutDialog

        AboutDialog(self).exec()

    def show_message(self, title: str, text: str, details: str = "") -> None:
        """A warning that does not block: the window stays usable (and testable)."""
        self.message_box = open_warning(self, title, text, details)
        self.messageShown.emit(f"{title}\n{text}\n{details}".strip())

    # ---- drag and drop ------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if urls and any(url.isLocalFile() for url in urls):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            if self.exchange.import_dropped(paths):  # a REFI-QDA project (issue 16)
                return
            self.files.import_paths(paths)

    # ---- settings and closing -----------------------------------------------------

    def save_settings(self) -> None:
        self.layout_state.save()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.WindowStateChange:
            self.layout_state.window_state_changed()
        super().changeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Esc that nothing else took (the find bar, the comparison) leaves full screen.
        if event.key() == Qt.Key.Key_Escape and self.layout_state.leave_full_screen():
            event.accept()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        project = self._project()
        if project is not None and project.path is not None:
            self.session.set_last_project(str(project.path))
        # Stop the analysis before the widgets go: its results would have nowhere to go.
        self.runner.shutdown()
        self.workspace.close()  # every edit is already committed; this frees the lock
        super().closeEvent(event)
