"""What the panes show: an article against the source, two witnesses, a search hit.

The navigator keeps the document list, the panes, the quotation and difference lists,
the annotation table and the note in step with each other and with the workspace.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QSignalBlocker, Signal

from cablereader.core.alignment import Alignment, align_texts
from cablereader.core.documents import Document
from cablereader.core.verify import QuoteCheck
from cablereader.ui.annotations.annotating import Annotator
from cablereader.ui.annotations.annotationtable import AnnotationTable
from cablereader.ui.annotations.noteeditor import NoteEditor
from cablereader.ui.app.session import SessionState
from cablereader.ui.app.workspace import Workspace
from cablereader.ui.common.tasks import Progress, Task, TaskRunner
from cablereader.ui.common.undo import ProjectEdits
from cablereader.ui.documents.documentlist import DocumentList
from cablereader.ui.quotes.quotetable import QuoteTable
from cablereader.ui.reader.comparison import ARTICLE_MODE, COMPARE_MODE, ComparisonView
from cablereader.ui.reader.differences import DifferenceList
from cablereader.ui.reader.elsewhere import OtherSource, OtherSources


class Navigator(QObject):
    """Shows documents in the panes and keeps the lists around them in step."""

    comparisonShown = Signal()
    differencesShown = Signal()  # compare mode: the differences are what to look at
    viewChanged = Signal()  # the pair shown changed (for actions and the title)

    def __init__(
        self,
        *,
        view: ComparisonView,
        workspace: Workspace,
        edits: ProjectEdits,
        session: SessionState,
        runner: TaskRunner,
        document_list: DocumentList,
        quote_table: QuoteTable,
        difference_list: DifferenceList,
        annotation_table: AnnotationTable,
        note_editor: NoteEditor,
        annotator: Annotator,
        status: Callable[..., None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.view = view
        self.workspace = workspace
        self.edits = edits
        self.session = session
        self.runner = runner
        self.document_list = document_list
        self.quote_table = quote_table
        self.difference_list = difference_list
        self.annotation_table = annotation_table
        self.note_editor = note_editor
        self.annotator = annotator
        self._status = status
        self._following = False
        self._chosen: dict[str, str] = {}  # article -> the source the reader chose for it
        document_list.articleSelected.connect(self.show_article)
        document_list.sourceSelected.connect(self.show_source)
        document_list.useAsArticleRequested.connect(self.use_as_article)
        document_list.primaryRequested.connect(self.make_primary)
        view.source_selector.sourceChosen.connect(self._source_chosen)
        self.other_sources = OtherSources(view)
        self.other_sources.sourceRequested.connect(self._other_source_requested)
        document_list.compareRequested.connect(self.compare)
        document_list.useAsSourceRequested.connect(self.use_as_source)
        quote_table.quoteActivated.connect(self._quote_activated)
        difference_list.differenceActivated.connect(view.show_difference)
        view.activePassageChanged.connect(self._passage_activated)
        annotator.annotationFocused.connect(self.focus_annotation)
        annotation_table.annotationSelected.connect(self._annotation_selected)
        annotation_table.jumpRequested.connect(self.jump_to_annotation)

    def _compared(self, result: tuple[Document, Document, Alignment]) -> None:
        a, b, alignment = result
        self.view.show_pair(a, b, alignment)
        self.other_sources.clear()
        self._status("")
        self.after_view_change()
        self.differencesShown.emit()
        self.comparisonShown.emit()

    def source_document(self) -> Document | None:
        if self.workspace.analysis is not None:
            return self.workspace.analysis.source
        return (
            self.workspace.document(self.workspace.source_name)
            if self.workspace.source_name
            else None
        )

    def show_article(self, name: str, source_name: str | None = None) -> None:
        """Show article ``name`` against a source: ``source_name``, else the one the
        reader chose for it before, else the one it takes most from."""
        # A comparison still running would replace this choice when it finishes.
        self.runner.cancel("compare", quietly=True)
        article = self.workspace.document(name)
        source = self.source_document()
        if article is None:
            return
        if source is None or name in self.workspace.source_names:
            self.view.source_selector.hide()
            self.other_sources.clear()
            self.view.show_source(article)
            self.annotator.refresh()
            return
        corpus = self.workspace.analysis
        analysis = None
        if corpus is not None and corpus.source.name == source.name:
            try:
                analysis = corpus.article(name)
            except KeyError:
                analysis = None
        texts: str | dict[str, str] = source.text
        titles: dict[str, str] = {}
        elsewhere: list[OtherSource] = []
        shown = analysis
        if corpus is not None and analysis is not None and corpus.others:
            shares = {use.source: use.coverage for use in analysis.uses}
            order = sorted(shares, key=lambda n: (-shares[n], n != corpus.source.name))
            wanted = source_name or self._chosen.get(name)
            chosen = wanted if wanted in shares else order[0]
            if source_name is not None:
                self._chosen[name] = source_name
            source = corpus.source_named(chosen)
            shown = analysis.seen_from(chosen)
            texts = {s.name: s.text for s in corpus.sources}
            titles = {s.name: s.title for s in corpus.sources}
            elsewhere = [
                OtherSource(use.source, titles.get(use.source, ""), use.alignment)
                for use in analysis.uses
                if use.source != chosen
            ]
            self.view.source_selector.set_sources(
                [(n, corpus.source_named(n).title or n, shares[n]) for n in order], chosen
            )
        else:
            self.view.source_selector.hide()
        self.view.show_article(source, article, shown)
        self.other_sources.set_sources(elsewhere)
        if analysis is not None:
            self.quote_table.set_article(analysis.quotes, texts, titles)
        else:
            self.quote_table.clear()
        self.after_view_change()
        self.session.set_pair((name,))

    def _source_chosen(self, source_name: str) -> None:
        current = self.view.right_document
        if current is not None and self.view.mode == ARTICLE_MODE:
            self.show_article(current.name, source_name)

    def _other_source_requested(self, source_name: str, offset: int) -> None:
        """A click in a passage of a source not shown: show that source, and the passage."""
        current = self.view.right_document
        if current is None:
            return
        self.show_article(current.name, source_name)
        passage = self.view.linker.passage_at("b", offset)
        if passage is not None:
            self.view.show_passage(passage)

    def show_source(self, name: str) -> None:
        """Read a source on its own in the source pane (one not shown with the article)."""
        document = self.workspace.document(name)
        if document is not None:
            self.other_sources.clear()
            self.view.show_source(document)
            self.annotator.refresh()

    def compare(self, a_name: str, b_name: str) -> None:
        """Show two documents as witnesses of one text (the source, if either is, left)."""
        if b_name == self.workspace.source_name:
            a_name, b_name = b_name, a_name
        a, b = self.workspace.document(a_name), self.workspace.document(b_name)
        if a is None or b is None:
            return
        self._status(f"Comparing “{a.title or a.name}” and “{b.title or b.name}”…")

        def job(
            progress: Progress, cancelled: Callable[[], bool]
        ) -> tuple[Document, Document, Alignment]:
            return (a, b, align_texts(a.name, a.text, b.name, b.text))

        self.session.set_pair((a_name, b_name))
        self.runner.start(Task("compare", job, on_done=self._compared))

    def compare_current_with_source(self) -> None:
        current = self.view.right_document
        if (
            current is not None
            and self.workspace.source_name
            and current.name != self.workspace.source_name
        ):
            self.compare(self.workspace.source_name, current.name)

    def close_comparison(self) -> None:
        """Back from two witnesses to the article (the right one) against the source."""
        right = self.view.right_document
        if self.view.mode != COMPARE_MODE or right is None:
            return
        self.runner.cancel("compare", quietly=True)
        sources = self.workspace.source_names
        names = [d.name for d in self.workspace.documents if d.name not in sources]
        name = right.name if right.name in names else (names[0] if names else "")
        if not name:
            return
        blocker = QSignalBlocker(self.document_list)
        try:
            self.document_list.select_article(name)
        finally:
            blocker.unblock()
        self.show_article(name)

    def use_as_source(self, name: str) -> None:
        """Make ``name`` a source too: the articles' quotations are traced to it."""
        if name not in self.workspace.source_names and self.workspace.document(name) is not None:
            self.edits.run(f"Use {name} as Source", lambda p: p.set_role(name, "source"))

    def use_as_article(self, name: str) -> None:
        """Check ``name``'s quotations against the other sources (one source stays)."""
        sources = self.workspace.source_names
        if name in sources and len(sources) > 1:
            self.edits.run(f"Use {name} as Article", lambda p: p.set_role(name, "article"))

    def make_primary(self, name: str) -> None:
        if name in self.workspace.source_names and name != self.workspace.source_name:
            self.edits.run(f"Make {name} the Primary Source", lambda p: p.set_primary_source(name))

    def use_current_as_source(self) -> None:
        current = self.document_list.current_article()
        if current:
            self.use_as_source(current)

    def _current_source(self) -> str | None:
        """The source chosen in the list, else the one the source pane shows."""
        chosen = self.document_list.current_source()
        left = self.view.left_document
        return chosen or (left.name if left is not None else None)

    def use_current_as_article(self) -> None:
        current = self._current_source()
        if current:
            self.use_as_article(current)

    def make_current_primary(self) -> None:
        current = self._current_source()
        if current:
            self.make_primary(current)

    def restore_selection(self) -> None:
        sources = self.workspace.source_names
        names = [d.name for d in self.workspace.documents if d.name not in sources]
        wanted = self.session.pair()
        if len(wanted) == 2 and all(self.workspace.document(n) for n in wanted):
            self.compare(*wanted)
            return
        current = self.view.right_document
        if len(wanted) == 1 and wanted[0] in names:
            first = wanted[0]
        elif current is not None and current.name in names:
            first = current.name
        else:
            first = names[0] if names else ""
        if first:
            # Selecting it would show it too (articleSelected): show it once, here.
            blocker = QSignalBlocker(self.document_list)
            try:
                self.document_list.select_article(first)
            finally:
                blocker.unblock()
            self.show_article(first)
        else:
            source = self.source_document()
            if source is not None:
                self.view.show_source(source)
                self.annotator.refresh()

    def after_view_change(self) -> None:
        view = self.view
        if view.displayed is not None and view.left_document and view.right_document:
            left, right = view.left_document, view.right_document
            self.difference_list.set_differences(
                view.listed_differences(),
                left.title or left.name,
                right.title or right.name,
                left.text,
                right.text,
            )
        else:
            self.difference_list.set_differences([], "", "")
        if view.mode == COMPARE_MODE:
            self.quote_table.clear(
                "Two documents compared: their differences are in the Differences panel. "
                "Close Comparison (Esc) lists this article's quotations again."
            )
        self.annotator.refresh()
        self.viewChanged.emit()

    def _quote_activated(self, check: object) -> None:
        if not self._following and isinstance(check, QuoteCheck) and self.view.mode == ARTICLE_MODE:
            left, right = self.view.left_document, self.view.right_document
            wanted = check.source_document
            if (
                wanted is not None
                and right is not None
                and left is not None
                and left.name != wanted
            ):
                # A quotation of another source: the source pane turns to it.
                blocker = QSignalBlocker(self.quote_table)
                try:
                    self.show_article(right.name, wanted)
                    self.quote_table.select_quote(check.start)
                finally:
                    blocker.unblock()
            self.view.show_quote(check)

    def _passage_activated(self) -> None:
        passage = self.view.linker.active
        if passage is not None and self.view.mode == ARTICLE_MODE:
            check = self.view.quote_at(passage.b_start)
            if check is not None:
                self._following = True
                try:
                    self.quote_table.select_quote(check.start)
                finally:
                    self._following = False

    def focus_annotation(self, annotation_id: int) -> None:
        """The caret entered an annotation (or one was made): select it in the table."""
        self._following = True
        try:
            self.annotation_table.select_annotation(annotation_id)
        finally:
            self._following = False
        project = self.workspace.project
        if project is not None:
            self.note_editor.show_annotation(project.annotation(annotation_id))

    def _annotation_selected(self, annotation_id: int) -> None:
        project = self.workspace.project
        if project is None or annotation_id < 0:
            self.note_editor.show_annotation(None)
            return
        self.note_editor.show_annotation(project.annotation(annotation_id))

    def jump_to_annotation(self, annotation_id: int) -> None:
        """Show an annotation's passage: its document in its pane, the passage selected."""
        project = self.workspace.project
        if project is None:
            return
        annotation = project.annotation(annotation_id)
        if self.annotator.pane_of(annotation.document) is None:
            if annotation.document in self.workspace.source_names:
                document = self.workspace.document(annotation.document)
                if document is not None:
                    self.view.show_source(document)
            else:
                self.document_list.select_article(annotation.document)
                self.show_article(annotation.document)
        pane = self.annotator.show_annotation(annotation)
        if pane is not None:
            pane.setFocus()
        self.note_editor.show_annotation(annotation)

    def show_hit(self, name: str, start: int, end: int) -> None:
        """Show a corpus search hit: its document, with the match selected."""
        self.runner.cancel("compare", quietly=True)
        if name in self.workspace.source_names:
            pane = self.view.source_pane
            if self.view.left_document is None or self.view.left_document.name != name:
                document = self.workspace.document(name)
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
