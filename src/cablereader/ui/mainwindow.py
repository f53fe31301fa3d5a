"""The main window: corpus, linked panes, quotations, differences, find.

The window owns the open corpus (documents, the source's name, the analysis) and
hands work to the core through a :class:`TaskRunner`, so loading and analysis never
block the event loop.  Everything shown is derived from those results.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import cast

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QPalette,
    QTextCharFormat,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QToolButton,
    QWidget,
)

from cablereader.core.alignment import Alignment, align_texts
from cablereader.core.analysis import AnalysisCancelled, CorpusAnalysis, analyse_corpus
from cablereader.core.corpus import merge_documents
from cablereader.core.documents import Document, LoadResult, load_paths
from cablereader.core.sample import sample_corpus_dir
from cablereader.core.verify import QuoteCheck
from cablereader.ui.actions import ShortcutsDialog, build_actions, build_menus
from cablereader.ui.comparison import ARTICLE_MODE, COMPARE_MODE, ComparisonView
from cablereader.ui.corpussearch import CorpusSearch
from cablereader.ui.differences import DifferenceList
from cablereader.ui.documentlist import DocumentList
from cablereader.ui.findbar import FindBar
from cablereader.ui.icons import app_icon
from cablereader.ui.legend import Legend
from cablereader.ui.panes import Span
from cablereader.ui.quotetable import QuoteTable
from cablereader.ui.session import SessionState
from cablereader.ui.tasks import Progress, TaskRunner

APP_NAME = "CableReader"
TEXT_FILES = "Text files (*.txt *.text *.md);;All files (*)"


class MainWindow(QMainWindow):
    """CableReader's main window."""

    documentsLoaded = Signal()
    analysisFinished = Signal()
    analysisCancelled = Signal()
    comparisonShown = Signal()
    messageShown = Signal(str)

    def __init__(self, settings: QSettings | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.settings = settings if settings is not None else QSettings()
        self.session = SessionState(self.settings)

        self.documents: list[Document] = []
        self.source_name: str | None = None
        self.analysis: CorpusAnalysis | None = None
        self.corpus_label = ""
        self.message_box: QMessageBox | None = None
        self._pending_selection: tuple[str, ...] | None = None
        self._following_passage = False

        self.view = ComparisonView()
        self.setCentralWidget(self.view)
        self.find_bar = FindBar()
        self.find_bar.hide()
        self.view.add_bottom(self.find_bar)
        self.find_bar.set_target(self.view.article_pane)

        self.document_list = DocumentList()
        self.quote_table = QuoteTable()
        self.difference_list = DifferenceList()
        self.corpus_search = CorpusSearch()
        self.documents_dock = self._dock("Documents", "documentsDock", self.document_list)
        self.quotes_dock = self._dock("Quotations", "quotationsDock", self.quote_table)
        self.differences_dock = self._dock("Differences", "differencesDock", self.difference_list)
        self.search_dock = self._dock("Find in Corpus", "searchDock", self.corpus_search)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.documents_dock)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.quotes_dock)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.differences_dock)
        self.tabifyDockWidget(self.quotes_dock, self.differences_dock)
        self.quotes_dock.raise_()
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.search_dock)
        self.tabifyDockWidget(self.documents_dock, self.search_dock)
        self.documents_dock.raise_()

        self.commands = build_actions(self)
        docks = [
            d.toggleViewAction()
            for d in (self.documents_dock, self.quotes_dock, self.differences_dock)
        ]
        self.toolbar = build_menus(
            self, self.commands, [*docks, self.search_dock.toggleViewAction()]
        )
        self.toolbar.addSeparator()
        self.legend = Legend()
        self.toolbar.addWidget(self.legend)

        self.summary_label = QLabel()
        self.summary_label.setObjectName("summaryLabel")
        self.progress = QProgressBar()
        self.progress.setObjectName("analysisProgress")
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.cancel_button = QToolButton()
        self.cancel_button.setObjectName("cancelAnalysisButton")
        self.cancel_button.setText("Cancel")
        self.cancel_button.setToolTip("Stop the analysis")
        self.cancel_button.hide()
        status = self.statusBar()
        status.addPermanentWidget(self.summary_label)
        status.addPermanentWidget(self.progress)
        status.addPermanentWidget(self.cancel_button)

        self.runner = TaskRunner(self, cancel_errors=(AnalysisCancelled,))
        self._connect()
        self._restore_view_settings()
        self._update_actions()
        self._update_title()

    # ---- construction helpers ---------------------------------------------------

    def _dock(self, title: str, name: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        return dock

    def _connect(self) -> None:
        a = self.commands
        a.import_documents.triggered.connect(self.choose_documents)
        a.import_folder.triggered.connect(self.choose_folder)
        a.open_sample.triggered.connect(self.open_sample)
        a.quit.triggered.connect(self.close)
        a.copy.triggered.connect(lambda: self._focused_pane().copy())
        a.select_all.triggered.connect(lambda: self._focused_pane().selectAll())
        a.find.triggered.connect(self.open_find)
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
        a.focus_documents.triggered.connect(self._focus_documents)
        a.full_screen.toggled.connect(self._full_screen)
        a.compare_with_source.triggered.connect(self.compare_current_with_source)
        a.use_as_source.triggered.connect(self._use_current_as_source)
        a.analyse.triggered.connect(lambda: self.start_analysis())
        a.cancel_analysis.triggered.connect(self.cancel_analysis)
        a.shortcuts.triggered.connect(lambda: ShortcutsDialog(self.commands, self).exec())
        a.about.triggered.connect(self.show_about)
        a.about_qt.triggered.connect(QApplication.aboutQt)
        self.cancel_button.clicked.connect(self.cancel_analysis)

        self.document_list.articleSelected.connect(self.show_article)
        self.document_list.compareRequested.connect(self.compare)
        self.document_list.useAsSourceRequested.connect(self.use_as_source)
        self.document_list.importRequested.connect(self.choose_documents)
        self.quote_table.quoteActivated.connect(self._quote_activated)
        self.difference_list.differenceActivated.connect(self.view.show_difference)
        self.corpus_search.hitActivated.connect(self.show_hit)
        self.find_bar.closed.connect(lambda: self._focused_pane().setFocus())
        self.find_bar.matchesChanged.connect(self._show_find_matches)
        self.view.summaryChanged.connect(self.summary_label.setText)
        self.view.activePassageChanged.connect(self._passage_activated)
        QApplication.instance().focusChanged.connect(self._focus_changed)  # type: ignore[union-attr]

        self.runner.progress.connect(self._progress)
        self.runner.finished.connect(self._task_finished)
        self.runner.failed.connect(self._task_failed)
        self.runner.cancelled.connect(self._task_cancelled)

    # ---- opening documents ------------------------------------------------------

    def open_sample(self) -> None:
        """Replace the corpus with the built-in sample."""
        self._start_loading([str(sample_corpus_dir())], replace=True, label="Sample corpus")

    def open_paths(self, paths: Sequence[str]) -> None:
        """Open documents and folders as a new corpus."""
        label = Path(paths[0]).name if len(paths) == 1 else f"{len(paths)} items"
        self._start_loading(list(paths), replace=True, label=label)

    def import_paths(self, paths: Sequence[str]) -> None:
        """Add documents and folders to the open corpus."""
        if not self.documents:
            self.open_paths(paths)
            return
        self._start_loading(list(paths), replace=False, label=self.corpus_label)

    def choose_documents(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, "Import Documents", self.session.last_folder(), TEXT_FILES
        )
        if files:
            self.session.set_last_folder(str(Path(files[0]).parent))
            self.import_paths(files)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Import Folder", self.session.last_folder())
        if folder:
            self.session.set_last_folder(folder)
            self.import_paths([folder])

    def _start_loading(self, paths: list[str], *, replace: bool, label: str) -> None:
        self.statusBar().showMessage("Opening documents…")

        def job(progress: Progress, cancelled: Callable[[], bool]) -> object:
            return (load_paths(paths), replace, label)

        self.runner.start("load", job)

    def _documents_loaded(self, result: LoadResult, replace: bool, label: str) -> None:
        if result.errors:
            lines = "\n".join(f"• {error}" for error in result.errors)
            loaded = len(result.documents)
            self.show_message(
                "Some documents could not be opened",
                f"{len(result.errors)} could not be opened; "
                f"{loaded} document{'s' if loaded != 1 else ''} opened.",
                lines,
            )
        if not result.documents:
            if not result.errors:
                self.show_message("Nothing to open", "No text documents were found there.")
            return
        if replace:
            self.documents = []
            self.source_name = None
            self.analysis = None
            self.corpus_label = label
            self.view.clear()
            self.quote_table.clear()
        merge = merge_documents(self.documents, result.documents)
        if merge.duplicates and not replace:
            self.statusBar().showMessage(
                f"Already open, skipped: {', '.join(merge.duplicates)}", 8000
            )
        self.documents = list(merge.documents)
        self.document_list.set_documents(self.documents, self.source_name)
        self.corpus_search.set_documents(self.documents)
        self._update_title()
        self.documentsLoaded.emit()
        if merge.added or replace:
            self.start_analysis()

    # ---- analysis ---------------------------------------------------------------

    def start_analysis(self, source: str | None = None) -> None:
        if not self.documents:
            return
        if source is not None:
            self.source_name = source
        documents = list(self.documents)
        source_name = self.source_name

        def job(progress: Progress, cancelled: Callable[[], bool]) -> object:
            return analyse_corpus(documents, source_name, progress=progress, cancelled=cancelled)

        self.progress.setRange(0, 0)
        self.progress.setFormat("Analysing…")
        self.progress.show()
        self.cancel_button.show()
        self.commands.cancel_analysis.setEnabled(True)
        self.statusBar().showMessage(f"Analysing {len(documents) - 1} articles…")
        self.runner.start("analysis", job)

    def cancel_analysis(self) -> None:
        self.runner.cancel("analysis")

    def _progress(self, channel: str, done: int, total: int, label: str) -> None:
        if channel == "analysis":
            self.progress.setRange(0, max(1, total))
            self.progress.setValue(done)
            self.progress.setFormat("Analysing %v of %m")
            self.progress.setToolTip(label)

    def _analysis_done(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        self.commands.cancel_analysis.setEnabled(False)

    def _analysis_finished(self, analysis: CorpusAnalysis) -> None:
        self._analysis_done()
        self.analysis = analysis
        self.source_name = analysis.source.name
        self.document_list.set_documents(self.documents, self.source_name)
        self.document_list.set_analysis(analysis)
        self.statusBar().showMessage(
            f"Analysed {len(analysis.articles)} articles against {analysis.source.name}", 5000
        )
        self._restore_selection()
        self._update_actions()
        self.analysisFinished.emit()

    def _task_finished(self, channel: str, result: object) -> None:
        if channel == "load":
            loaded, replace, label = cast(tuple[LoadResult, bool, str], result)
            self._documents_loaded(loaded, replace, label)
        elif channel == "analysis":
            assert isinstance(result, CorpusAnalysis)
            self._analysis_finished(result)
        elif channel == "compare":
            a, b, alignment = cast(tuple[Document, Document, Alignment], result)
            self.view.show_pair(a, b, alignment)
            self.statusBar().clearMessage()
            self._after_view_change()
            self.differences_dock.raise_()
            self.comparisonShown.emit()

    def _task_failed(self, channel: str, message: str) -> None:
        if channel == "analysis":
            self._analysis_done()
        self.show_message("Something went wrong", f"The {channel} did not finish.", message)

    def _task_cancelled(self, channel: str) -> None:
        if channel == "analysis":
            self._analysis_done()
            self.statusBar().showMessage(
                "Analysis cancelled: figures and highlights are missing. "
                "Corpus ▸ Analyse Again (F5) runs it again."
            )
            self.analysisCancelled.emit()

    # ---- what is shown ----------------------------------------------------------

    def document(self, name: str) -> Document | None:
        return next((d for d in self.documents if d.name == name), None)

    def source_document(self) -> Document | None:
        if self.analysis is not None:
            return self.analysis.source
        return self.document(self.source_name) if self.source_name else None

    def show_article(self, name: str) -> None:
        article = self.document(name)
        source = self.source_document()
        if article is None:
            return
        if source is None or source.name == name:
            self.view.show_source(article)
            return
        analysis = None
        if self.analysis is not None and self.analysis.source.name == source.name:
            try:
                analysis = self.analysis.article(name)
            except KeyError:
                analysis = None
        self.view.show_article(source, article, analysis)
        if analysis is not None:
            self.quote_table.set_article(analysis.quotes, source.text)
        else:
            self.quote_table.clear()
        self._after_view_change()
        self.session.set_pair((name,))

    def compare(self, a_name: str, b_name: str) -> None:
        """Show two documents as witnesses of one text (the source, if either is, left)."""
        if b_name == self.source_name:
            a_name, b_name = b_name, a_name
        a, b = self.document(a_name), self.document(b_name)
        if a is None or b is None:
            return
        self.statusBar().showMessage(f"Comparing {a.name} and {b.name}…")

        def job(progress: Progress, cancelled: Callable[[], bool]) -> object:
            return (a, b, align_texts(a.name, a.text, b.name, b.text))

        self.session.set_pair((a_name, b_name))
        self.runner.start("compare", job)

    def compare_current_with_source(self) -> None:
        current = self.view.right_document
        if current is not None and self.source_name and current.name != self.source_name:
            self.compare(self.source_name, current.name)

    def use_as_source(self, name: str) -> None:
        if name != self.source_name and self.document(name) is not None:
            self._pending_selection = None
            self.start_analysis(source=name)

    def _use_current_as_source(self) -> None:
        current = self.document_list.current_article()
        if current:
            self.use_as_source(current)

    def _restore_selection(self) -> None:
        names = self.article_names()
        wanted = self.session.pair()
        if len(wanted) == 2 and all(self.document(n) for n in wanted):
            self.compare(*wanted)
            return
        if len(wanted) == 1 and wanted[0] in names:
            first = wanted[0]
        elif self.view.right_document is not None and self.view.right_document.name in names:
            first = self.view.right_document.name
        else:
            first = names[0] if names else ""
        if first:
            self.document_list.select_article(first)
            self.show_article(first)
        elif self.source_document() is not None:
            self.view.show_source(self.source_document())  # type: ignore[arg-type]

    def article_names(self) -> list[str]:
        return [d.name for d in self.documents if d.name != self.source_name]

    def _after_view_change(self) -> None:
        view = self.view
        if view.displayed is not None and view.left_document and view.right_document:
            self.difference_list.set_differences(
                view.listed_differences(), view.left_document.name, view.right_document.name
            )
        else:
            self.difference_list.set_differences([], "", "")
        if view.mode == COMPARE_MODE:
            self.quote_table.clear()
        self._update_actions()
        self._update_title()

    def _quote_activated(self, check: object) -> None:
        if self._following_passage:
            return  # the table follows the panes; do not echo back
        if isinstance(check, QuoteCheck) and self.view.mode == ARTICLE_MODE:
            self.view.show_quote(check)

    def _passage_activated(self) -> None:
        passage = self.view.linker.active
        if passage is not None and self.view.mode == ARTICLE_MODE:
            check = self.view.quote_at(passage.b_start)
            if check is not None:
                self._following_passage = True
                try:
                    self.quote_table.select_quote(check.start)
                finally:
                    self._following_passage = False

    def show_hit(self, name: str, start: int, end: int) -> None:
        """Show a corpus search hit: its document, with the match selected."""
        if name == self.source_name or (self.source_name is None and self.document(name)):
            pane = self.view.source_pane
            if self.view.left_document is None or self.view.left_document.name != name:
                document = self.document(name)
                if document is not None:
                    self.view.show_source(document)
        else:
            if self.view.right_document is None or self.view.right_document.name != name:
                self.document_list.select_article(name)
                self.show_article(name)
            pane = self.view.article_pane
        pane.select_offsets(start, end)
        pane.setFocus()

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
        highlight = QColor(self.palette().color(QPalette.ColorRole.Highlight))
        highlight.setAlpha(90)
        fmt.setBackground(highlight)
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        target = self.find_bar.target()
        for pane in (self.view.source_pane, self.view.article_pane):
            spans = [Span(s, e, fmt) for s, e in self.find_bar.matches()] if pane is target else []
            pane.set_layer("find", spans)

    def open_find(self) -> None:
        self.find_bar.open_bar()

    def open_corpus_search(self) -> None:
        self.search_dock.show()
        self.search_dock.raise_()
        self.corpus_search.focus_query()

    def _focus_documents(self) -> None:
        self.documents_dock.show()
        self.documents_dock.raise_()
        self.document_list.setFocus()

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
        self._after_view_change()

    def _full_screen(self, on: bool) -> None:
        self.showFullScreen() if on else self.showNormal()

    def _update_actions(self) -> None:
        a = self.commands
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
        a.use_as_source.setEnabled(len(self.documents) > 1)
        a.analyse.setEnabled(len(self.documents) > 1)

    def _update_title(self) -> None:
        parts = [APP_NAME]
        if self.corpus_label:
            parts.insert(0, self.corpus_label)
        right = self.view.right_document
        if right is not None:
            parts.insert(0, right.name)
        self.setWindowTitle(" — ".join(parts))

    def show_about(self) -> None:
        # Imported when asked for: it reads package metadata, which start-up does not need.
        from cablereader.ui.about import AboutDialog

        AboutDialog(self).exec()

    # ---- messages ---------------------------------------------------------------

    def show_message(self, title: str, text: str, details: str = "") -> None:
        """A warning that does not block: the window stays usable (and testable)."""
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self
        )
        box.setObjectName("messageBox")
        if details:
            box.setInformativeText(details if len(details) < 600 else details[:600] + "…")
            box.setDetailedText(details)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.open()
        self.message_box = box
        self.messageShown.emit(f"{text}\n{details}".strip())

    # ---- drag and drop ----------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if urls and any(url.isLocalFile() for url in urls):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    # ---- settings and closing ---------------------------------------------------

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
        sizes = session.splitter_sizes()
        if sizes:
            self.view.splitter.setSizes(sizes)
        else:
            QTimer.singleShot(0, self._default_splitter)
        if state is None:
            self._default_docks()
        self.view.set_font_size(session.font_size())
        self.commands.lock_scrolling.setChecked(session.flag("lockScrolling", True))
        self.view.linker.set_locked(self.commands.lock_scrolling.isChecked())
        self.commands.ignore_typography.setChecked(session.flag("ignoreTypography", False))

    def _default_docks(self) -> None:
        # The panes are what people read: docks start small, and can be dragged larger.
        height = self.height() or 800
        width = max(300, min(440, int((self.width() or 1200) * 0.28)))
        self.resizeDocks([self.documents_dock], [width], Qt.Orientation.Horizontal)
        self.resizeDocks([self.quotes_dock], [max(180, height // 4)], Qt.Orientation.Vertical)

    def _default_splitter(self) -> None:
        total = self.view.splitter.width()
        gutter = 72
        side = max(200, (total - gutter) // 2)
        self.view.splitter.setSizes([side, gutter, side])

    def save_settings(self) -> None:
        self.session.save_window(self.saveGeometry(), self.saveState(), self.view.splitter.sizes())

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        # Stop any analysis before the widgets go: its results would have nowhere to go.
        self.runner.shutdown()
        super().closeEvent(event)
