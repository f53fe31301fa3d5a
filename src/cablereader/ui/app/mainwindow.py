"""The main window: project, linked panes, quotations, differences, tags, notes.

The window is thin: the open project and its analysis live in a :class:`Workspace`,
file work in :class:`FileCommands`, tagging in :class:`Annotator`; every edit goes
through one undo stack (:class:`ProjectEdits`).  This module lays the widgets out,
connects them, and decides what the panes show.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QPalette,
    QTextCharFormat,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from cablereader.core.analysis import AnalysisCancelled, CorpusAnalysis
from cablereader.core.documents import Document
from cablereader.core.project import Annotation, Change, Project
from cablereader.core.reports.annotations import Counterparts
from cablereader.ui.annotations.annotating import Annotator
from cablereader.ui.annotations.annotationtable import AnnotationTable
from cablereader.ui.annotations.noteeditor import NoteEditor
from cablereader.ui.app.actions import ShortcutsDialog, build_actions, build_menus
from cablereader.ui.app.clipboard import ClipboardCommands
from cablereader.ui.app.docks import build_docks
from cablereader.ui.app.documentcommands import DocumentCommands
from cablereader.ui.app.exchangecommands import ExchangeCommands
from cablereader.ui.app.filecommands import FileCommands
from cablereader.ui.app.navigator import Navigator
from cablereader.ui.app.session import SessionState
from cablereader.ui.app.statusbar import AnalysisStatus, ExportStatus
from cablereader.ui.app.workspace import Workspace
from cablereader.ui.common.icons import app_icon
from cablereader.ui.common.tasks import TaskRunner
from cablereader.ui.common.undo import ProjectEdits
from cablereader.ui.documents.documentlist import DocumentList
from cablereader.ui.quotes.quotetable import QuoteTable
from cablereader.ui.reader.comparison import ARTICLE_MODE, ComparisonView
from cablereader.ui.reader.differences import DifferenceList
from cablereader.ui.reader.findbar import FindBar
from cablereader.ui.reader.legend import Legend
from cablereader.ui.reader.panes import Span
from cablereader.ui.search.corpussearch import CorpusSearch
from cablereader.ui.tags.taglist import TagList

APP_NAME = "CableReader"


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
        # ---- evidence report and REFI-QDA exchange (issue 16) ----
        self.exchange = ExchangeCommands(
            self,
            self,
            self.workspace,
            self.files,
            self.runner,
            lambda: self.view.right_document,
        )
        file_menu = self.menuBar().findChild(QMenu, "fileMenu")
        if file_menu is not None:
            self.exchange.add_to_menu(
                file_menu,
                after_export=self.commands.export_csv,
                after_import=self.commands.open_sample,
            )
        # ---- documents as people have them: clipboard, originals, metadata (issue 13) ----
        self.clipboard = ClipboardCommands(self, self, self.workspace, self.edits, self.runner)
        self.clipboard.documentAdded.connect(self.show_article)
        self.document_commands = DocumentCommands(
            self,
            self,
            self.workspace,
            self.files,
            self.document_list,
            lambda: self.view.right_document.name if self.view.right_document else None,
        )
        self.document_commands.add_to_menu_bar(self.menuBar().findChild(QMenu, "corpusMenu"))
        if file_menu is not None:
            file_menu.insertAction(self.commands.open_sample, self.clipboard.new_from_clipboard)
        # ----
        self.progress = self.status.progress
        self.cancel_button = self.status.cancel_button

        self._connect()
        self._restore_view_settings()
        self._update_actions()
        self._update_title()

    # ---- construction helpers ---------------------------------------------------

    def _connect(self) -> None:
        a, files = self.commands, self.files
        a.new_project.triggered.connect(files.choose_new_project)
        a.open_project.triggered.connect(files.choose_project)
        a.save_as.triggered.connect(files.choose_save_as)
        a.close_project.triggered.connect(self.close_project)
        a.export_csv.triggered.connect(files.choose_export)
        a.import_documents.triggered.connect(files.choose_documents)
        a.import_folder.triggered.connect(files.choose_folder)
        a.open_sample.triggered.connect(files.open_sample)
        a.quit.triggered.connect(self.close)
        a.copy.triggered.connect(lambda: self._focused_pane().copy())
        a.select_all.triggered.connect(lambda: self._focused_pane().selectAll())
        a.find.triggered.connect(self.find_bar.open_bar)
        a.find_next.triggered.connect(self.find_bar.find_next)
        a.find_previous.triggered.connect(self.find_bar.find_previous)
        a.find_in_corpus.triggered.connect(self.open_corpus_search)
        a.zoom_in.triggered.connect(lambda: self.zoom(+1))
        a.zoom_out.triggered.connect(lambda: self.zoom(-1))
        a.zoom_reset.triggered.connect(lambda: self.zoom(0))
        a.lock_scrolling.toggled.connect(self._lock_toggled)
        a.ignore_typography.toggled.connect(self._typography_toggled)
        a.next_passage.triggered.connect(self.view.next_passage)
        a.previous_passage.triggered.connect(self.view.previous_passage)
        a.focus_source.triggered.connect(self.view.source_pane.setFocus)
        a.focus_article.triggered.connect(self.view.article_pane.setFocus)
        a.focus_documents.triggered.connect(lambda: self._focus_dock(self.documents_dock))
        a.full_screen.toggled.connect(lambda on: self.showFullScreen() if on else self.showNormal())
        a.compare_with_source.triggered.connect(self.navigator.compare_current_with_source)
        a.use_as_source.triggered.connect(self.navigator.use_current_as_source)
        a.analyse.triggered.connect(self.workspace.start_analysis)
        a.cancel_analysis.triggered.connect(self.workspace.cancel_analysis)
        a.shortcuts.triggered.connect(lambda: ShortcutsDialog(self.commands, self).exec())
        a.about.triggered.connect(self.show_about)
        a.about_qt.triggered.connect(QApplication.aboutQt)
        a.open_recent.aboutToShow.connect(self._fill_recent)

        self.document_list.importRequested.connect(self.files.choose_documents)
        self.difference_list.differenceActivated.connect(self.view.show_difference)
        self.corpus_search.hitActivated.connect(self.navigator.show_hit)
        self.find_bar.closed.connect(lambda: self._focused_pane().setFocus())
        self.find_bar.matchesChanged.connect(self._show_find_matches)
        self.view.summaryChanged.connect(self.summary_label.setText)
        self.tag_list.tagActivated.connect(lambda tag_id: self.annotator.apply_tag(tag_id))
        self.annotator.message.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.annotation_table.set_verdict_lookup(self._verdict_of)
        self.edits.failed.connect(lambda what, why: self.show_message(f"{what} failed", why))
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

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
        self.view.clear()
        self.quote_table.clear()
        self.difference_list.set_differences([], "", "")
        self._documents_changed()
        self._update_title()
        self._update_actions()

    def _documents_changed(self) -> None:
        self.document_list.set_documents(self.documents, self.source_name)
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
        self.document_list.set_documents(self.documents, self.source_name)
        if analysis is not None:
            self.document_list.set_analysis(analysis)
            self.statusBar().showMessage(
                f"Analysed {len(analysis.articles)} articles against {analysis.source.name}",
                5000,
            )
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

    # ---- find, zoom, focus ------------------------------------------------------

    def _focused_pane(self) -> QPlainTextEdit:
        target = self.find_bar.target()
        return target if target is not None else self.view.article_pane

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is self.view.source_pane or new is self.view.article_pane:
            self.find_bar.set_target(new)

    def _show_find_matches(self) -> None:
        """Every match of the find bar's query, marked in the pane it searches."""
        fmt = QTextCharFormat()
        colour = QColor(self.palette().color(QPalette.ColorRole.Highlight))
        colour.setAlpha(90)
        fmt.setBackground(colour)
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        target = self.find_bar.target()
        for pane in (self.view.source_pane, self.view.article_pane):
            spans = [Span(s, e, fmt) for s, e in self.find_bar.matches()] if pane is target else []
            pane.set_layer("find", spans)

    def open_corpus_search(self) -> None:
        self._focus_dock(self.search_dock)
        self.corpus_search.focus_query()

    def _focus_dock(self, dock: QDockWidget) -> None:
        dock.show()
        dock.raise_()
        widget = dock.widget()
        if widget is not None:
            widget.setFocus()

    def zoom(self, step: int) -> None:
        size = self.session.font_size() if step else self.session.default_font_size()
        size = min(36.0, max(7.0, size + step))
        self.session.set_font_size(size)
        self.view.set_font_size(size)
        self.statusBar().showMessage(f"Text size {size:g} pt", 2000)

    def _lock_toggled(self, locked: bool) -> None:
        self.view.linker.set_locked(locked)
        self.session.set_flag("lockScrolling", locked)

    def _typography_toggled(self, ignore: bool) -> None:
        self.view.set_ignore_typography(ignore)
        self.session.set_flag("ignoreTypography", ignore)
        self.navigator.after_view_change()

    def _update_actions(self) -> None:
        a = self.commands
        project = self._project()
        has_pair = self.view.displayed is not None and len(self.view.passages()) > 0
        a.next_passage.setEnabled(has_pair)
        a.previous_passage.setEnabled(has_pair)
        current = self.view.right_document
        a.compare_with_source.setEnabled(
            self.view.mode == ARTICLE_MODE
            and current is not None
            and self.source_name is not None
            and current.name != self.source_name
        )
        editable = project is not None and not project.read_only
        a.use_as_source.setEnabled(editable and len(self.documents) > 1)
        a.analyse.setEnabled(len(self.documents) > 1)
        a.save_as.setEnabled(project is not None)
        a.close_project.setEnabled(project is not None)
        a.export_csv.setEnabled(project is not None)
        a.import_documents.setEnabled(project is None or not project.read_only)
        a.import_folder.setEnabled(project is None or not project.read_only)

    def _update_title(self) -> None:
        project = self._project()
        parts = [APP_NAME]
        if project is not None:
            name = self.workspace.label or project.name
            if project.read_only:
                name += " (read-only)"
            elif self.workspace.untitled:
                name += " (not saved yet)" if project.path is None else " (unsaved name)"
            parts.insert(0, name)
        right = self.view.right_document
        if right is not None:
            parts.insert(0, right.name)
        self.setWindowTitle(" — ".join(parts))
        self.setWindowFilePath(str(project.path) if project and project.path else "")

    def _fill_recent(self) -> None:
        menu = self.commands.open_recent
        menu.clear()
        recent = self.session.recent()
        for path in recent:
            action = menu.addAction(path)
            action.triggered.connect(lambda _=False, p=path: self.files.open_project(p))
        if not recent:
            menu.addAction("No recent projects").setEnabled(False)
        else:
            menu.addSeparator()
            menu.addAction("Clear Menu").triggered.connect(self.session.clear_recent)

    # ---- messages -----------------------------------------------------------------

    def show_about(self) -> None:
        # Imported when asked for: it reads package metadata, which start-up does not need.
        from cablereader.ui.app.about import AboutDialog

        AboutDialog(self).exec()

    def show_message(self, title: str, text: str, details: str = "") -> None:
        """A warning that does not block: the window stays usable (and testable)."""
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self
        )
        box.setTextFormat(Qt.TextFormat.PlainText)  # file names are never markup
        box.setObjectName("messageBox")
        if details:
            box.setInformativeText(details if len(details) < 600 else details[:600] + "…")
            box.setDetailedText(details)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.open()
        self.message_box = box
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

    def _restore_view_settings(self) -> None:
        session = self.session
        geometry = session.geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            screen = QGuiApplication.primaryScreen()
            if screen is not None:
                area = screen.availableGeometry()
                width, height = int(area.width() * 0.85), int(area.height() * 0.85)
                self.resize(max(900, min(width, 1600)), max(600, min(height, 1000)))
                frame = self.frameGeometry()
                frame.moveCenter(area.center())
                self.move(frame.topLeft())
        state = session.window_state()
        if state is not None:
            self.restoreState(state)
        else:
            self.docks.default_sizes(self)
        sizes = session.splitter_sizes()
        if sizes:
            self.view.splitter.setSizes(sizes)
        else:
            QTimer.singleShot(0, self._default_splitter)
        self.view.set_font_size(session.font_size())
        self.commands.lock_scrolling.setChecked(session.flag("lockScrolling", True))
        self.view.linker.set_locked(self.commands.lock_scrolling.isChecked())
        self.commands.ignore_typography.setChecked(session.flag("ignoreTypography", False))

    def _default_splitter(self) -> None:
        total = self.view.splitter.width()
        gutter = 72
        side = max(200, (total - gutter) // 2)
        self.view.splitter.setSizes([side, gutter, side])

    def save_settings(self) -> None:
        self.session.save_window(self.saveGeometry(), self.saveState(), self.view.splitter.sizes())

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        project = self._project()
        if project is not None and project.path is not None:
            self.session.set_last_project(str(project.path))
        # Stop the analysis before the widgets go: its results would have nowhere to go.
        self.runner.shutdown()
        self.workspace.close()  # every edit is already committed; this frees the lock
        super().closeEvent(event)
