"""The document list: the source and the articles, with each article's figures.

Two groups, "Source" and "Articles"; an article row shows its title, its coverage, its
quotation counts by verdict and whether it reprints the whole source (a second witness).
Rows come from a :class:`~cablereader.ui.documents.documentmodel.DocumentTreeModel`, which computes
each cell when the view asks for it and sorts itself — no per-row items or widgets, no
sorting proxy — so a corpus of a thousand articles stays quick to fill, sort and scroll.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QPoint,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTreeView, QWidget

from cablereader.core.analysis import ArticleAnalysis, CorpusAnalysis
from cablereader.core.documents import Document
from cablereader.core.formats import Metadata
from cablereader.ui.common.palette import muted_colour
from cablereader.ui.documents.documentcells import (
    ARTICLE,
    COLUMN_COUNT,
    COVERAGE_COLUMN,
    GROUP,
    KIND_ROLE,
    NAME_COLUMN,
    NAME_ROLE,
    PENDING,
    PLACEHOLDER,
    SORT_ROLE,
    SOURCE,
    VERDICT_COLUMNS,
    WITNESS_COLUMN,
    WITNESS_GLYPH,
    WITNESS_TIP,
)
from cablereader.ui.documents.documentmodel import DocumentTreeModel

__all__ = [
    "ARTICLE",
    "COLUMN_COUNT",
    "COVERAGE_COLUMN",
    "GROUP",
    "KIND_ROLE",
    "NAME_COLUMN",
    "NAME_ROLE",
    "PENDING",
    "PLACEHOLDER",
    "SORT_ROLE",
    "SOURCE",
    "VERDICT_COLUMNS",
    "WITNESS_COLUMN",
    "WITNESS_GLYPH",
    "WITNESS_TIP",
    "DocumentList",
]

_EMPTY_HINT = "No documents yet.\nImport a folder or files, or drop them here."


class DocumentList(QTreeView):
    """Source and articles in two groups, with coverage and quote counts per article."""

    articleSelected = Signal(str)
    compareRequested = Signal(str, str)
    useAsSourceRequested = Signal(str)
    useAsArticleRequested = Signal(str)
    primaryRequested = Signal(str)  # make this source the primary one
    sourceSelected = Signal(str)  # a source other than the primary, to read
    importRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentList")
        self.setAccessibleName("documentList")
        self._documents: list[tuple[str, Document | None]] = []
        self._sources: list[str] = []  # the primary first
        self._analysis: CorpusAnalysis | None = None
        self._announced: tuple[str, ...] = ()
        self._restoring = False
        self._model = DocumentTreeModel(self)
        self._model.set_style(self.palette(), self.font())
        self.setModel(self._model)
        self._setup_view()
        self.selectionModel().selectionChanged.connect(self._on_selection_changed)

    def _setup_view(self) -> None:
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setUniformRowHeights(True)  # lets the view skip measuring a thousand rows
        self.setRootIsDecorated(False)
        self.setItemsExpandable(False)  # the groups are headings, always open
        self.setAllColumnsShowFocus(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionsMovable(False)
        header.setSortIndicatorClearable(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # corpus order at first
        self.setSortingEnabled(True)
        metrics = self.fontMetrics()
        # Figures get just their width: the titles need the room.
        narrow = metrics.horizontalAdvance("999") + 12
        header.setMinimumSectionSize(narrow // 2)
        header.setSectionResizeMode(NAME_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(COVERAGE_COLUMN, metrics.horizontalAdvance("100 %") + 18)
        for column in [*VERDICT_COLUMNS.values(), WITNESS_COLUMN]:
            header.resizeSection(column, narrow)

    def sizeHint(self) -> QSize:
        """Wide enough for titles of 30 characters beside the figures."""
        hint = super().sizeHint()
        header = self.header()
        figures = sum(header.sectionSize(c) for c in range(1, header.count()))
        title = self.fontMetrics().averageCharWidth() * 32 + self.indentation()
        frame = 2 * self.frameWidth() + self.verticalScrollBar().sizeHint().width()
        return QSize(max(hint.width(), figures + title + frame), hint.height())

    # -- filling -----------------------------------------------------------------------

    def set_documents(
        self, documents: Sequence[Document], sources: str | Sequence[str] | None
    ) -> None:
        """Show the documents, before analysis: figures are pending until set_analysis.
        ``sources``: the source, or the sources with the primary first."""
        listed: list[tuple[str, Document | None]] = [(d.name, d) for d in documents]
        names = [sources] if isinstance(sources, str) else list(sources or ())
        same = listed == self._documents and names == self._sources
        had_figures = self._analysis is not None
        self._documents = listed
        self._sources = names
        self._analysis = None
        if not same:
            self._rebuild()
        elif had_figures:
            # The same rows (the analysis is starting again): only the figures go.
            self._new_figures({})

    def set_analysis(self, analysis: CorpusAnalysis) -> None:
        """Fill in coverage, quote counts and witness marks (and regroup if the source moved)."""
        known = {name for name, _ in self._documents}
        missing: list[tuple[str, Document | None]] = [
            (a.name, None) for a in analysis.articles if a.name not in known
        ]
        for source in reversed(analysis.sources):
            if source.name not in known:
                missing.insert(0, (source.name, source))
        self._documents.extend(missing)
        names = [source.name for source in analysis.sources]
        regroup = bool(missing) or names != self._sources
        self._sources = names
        self._analysis = analysis
        if regroup:
            self._rebuild()
        else:
            # The same rows: new figures repaint in place, the selection is untouched.
            self._new_figures(self._figures())

    def set_metadata(self, metadata: dict[str, Metadata]) -> None:
        """Headline, outlet, author, date and URL by document name (tooltip, status tip)."""
        self._model.set_metadata(metadata)

    def clear(self) -> None:
        self._documents = []
        self._sources = []
        self._analysis = None
        self._rebuild()

    def _new_figures(self, figures: dict[str, ArticleAnalysis]) -> None:
        self._model.set_analysis(figures)

    def _figures(self) -> dict[str, ArticleAnalysis]:
        return {a.name: a for a in self._analysis.articles} if self._analysis else {}

    def _rebuild(self) -> None:
        """Show other rows, then keep the reader's selection, current row and scroll."""
        selected = self.selected_names()
        current = self._current_name()
        scroll = self.verticalScrollBar().value()
        self._restoring = True
        try:
            self._model.set_rows(self._documents, self._sources, self._figures())
            self.expandAll()
            for row in range(self._model.rowCount()):
                self.setFirstColumnSpanned(row, QModelIndex(), True)
            self._restore_selection(selected, current)
        finally:
            self._restoring = False
        self.verticalScrollBar().setValue(scroll)
        self._announced = tuple(self.selected_names())

    # -- queries -----------------------------------------------------------------------

    @property
    def source_name(self) -> str | None:
        """The primary source."""
        return self._sources[0] if self._sources else None

    @property
    def source_names(self) -> list[str]:
        return list(self._sources)

    def document_names(self) -> list[str]:
        """Every document's name, source first, then articles in the order shown."""
        names = []
        model = self._model
        for group_row in range(model.rowCount()):
            group = model.index(group_row, NAME_COLUMN)
            for row in range(model.rowCount(group)):
                name = model.index(row, NAME_COLUMN, group).data(NAME_ROLE)
                if isinstance(name, str):
                    names.append(name)
        return names

    def index_of(self, name: str) -> QModelIndex:
        """The index of the document's first column, or an invalid index."""
        return self._model.source_index(name)

    def current_article(self) -> str | None:
        """The name of the current row if it is an article (not the source)."""
        index = self.currentIndex()
        if index.isValid() and index.data(KIND_ROLE) == ARTICLE:
            name = index.data(NAME_ROLE)
            return name if isinstance(name, str) else None
        return None

    def current_source(self) -> str | None:
        """The name of the current row if it is a source."""
        index = self.currentIndex()
        if index.isValid() and index.data(KIND_ROLE) == SOURCE:
            name = index.data(NAME_ROLE)
            return name if isinstance(name, str) else None
        return None

    def selected_names(self) -> list[str]:
        """The selected documents' names (the source may be one), in the order shown."""
        rows = self.selectionModel().selectedRows(NAME_COLUMN)
        rows.sort(key=lambda i: (i.parent().row(), i.row()))
        names = [i.data(NAME_ROLE) for i in rows]
        return [n for n in names if isinstance(n, str)]

    def _current_name(self) -> str | None:
        name = self.currentIndex().data(NAME_ROLE)
        return name if isinstance(name, str) else None

    # -- selection ---------------------------------------------------------------------

    def select_article(self, name: str) -> bool:
        """Make the named document the current and only selected row; False if unknown."""
        index = self.index_of(name)
        if not index.isValid():
            return False
        flag = self.selectionModel().SelectionFlag
        self.selectionModel().setCurrentIndex(index, flag.ClearAndSelect | flag.Rows)
        self.scrollTo(index)
        return True

    def _restore_selection(self, names: list[str], current: str | None) -> None:
        selection = self.selectionModel()
        select = selection.SelectionFlag.Select | selection.SelectionFlag.Rows
        for name in names:
            index = self.index_of(name)
            if index.isValid():
                selection.select(index, select)
        if current is not None:
            index = self.index_of(current)
            if index.isValid():
                selection.setCurrentIndex(index, selection.SelectionFlag.NoUpdate)

    def _on_selection_changed(self) -> None:
        if self._restoring:
            return
        names = tuple(self.selected_names())
        if names != self._announced:
            self._announced = names
            self._announce(names)

    def _announce(self, names: Sequence[str]) -> None:
        """One article: show it against the source; two documents: compare them."""
        if len(names) == 1 and names[0] not in self._sources:
            self.articleSelected.emit(names[0])
        elif len(names) == 1 and names[0] != self.source_name:
            self.sourceSelected.emit(names[0])
        elif len(names) == 2:
            first, second = names
            if second in self._sources and first not in self._sources:
                # A source always goes on the left.
                first, second = second, first
            self.compareRequested.emit(first, second)

    # -- keyboard and mouse ------------------------------------------------------------

    def moveCursor(
        self, cursorAction: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        # Step over group headings: they cannot be selected, so landing on one would
        # leave nothing selected.
        selection = self.selectionModel()
        start = self.currentIndex()
        index = super().moveCursor(cursorAction, modifiers)
        try:
            for _ in range(3):
                if not index.isValid() or index.flags() & Qt.ItemFlag.ItemIsSelectable:
                    break
                selection.setCurrentIndex(index, selection.SelectionFlag.NoUpdate)
                following = super().moveCursor(cursorAction, modifiers)
                if following == index:
                    break
                index = following
        finally:
            selection.setCurrentIndex(start, selection.SelectionFlag.NoUpdate)
        if index.isValid() and not index.flags() & Qt.ItemFlag.ItemIsSelectable:
            return start  # nothing selectable that way
        return index

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            # Enter opens what is selected again, even if it is already shown.
            self._announced = tuple(self.selected_names())
            self._announce(self._announced)
            event.accept()
            return
        super().keyPressEvent(event)

    def build_context_menu(self, pos: QPoint) -> QMenu:
        """The context menu for the row at viewport position ``pos``."""
        menu = QMenu(self)
        index = self.indexAt(pos)
        name = index.data(NAME_ROLE) if index.isValid() else None
        kind = index.data(KIND_ROLE) if index.isValid() else None
        if isinstance(name, str) and kind == ARTICLE:
            show = menu.addAction("Show against source")
            show.triggered.connect(lambda: self.articleSelected.emit(name))
            if self.source_name is not None:
                source = self.source_name
                compare = menu.addAction("Compare with source")
                compare.setToolTip("Compare the two texts as versions of each other")
                compare.triggered.connect(lambda: self.compareRequested.emit(source, name))
            use = menu.addAction("Use as source")
            use.setToolTip("Trace the articles' quotations to this document too")
            use.triggered.connect(lambda: self.useAsSourceRequested.emit(name))
        if isinstance(name, str) and kind == SOURCE:
            if name != self.source_name:
                primary = menu.addAction("Make primary source")
                primary.setToolTip(
                    "Name this source first when a quotation is in several, and compare "
                    "its witnesses with it"
                )
                primary.triggered.connect(lambda: self.primaryRequested.emit(name))
            article = menu.addAction("Use as article")
            article.setToolTip("Check this document's quotations against the sources")
            article.setEnabled(len(self._sources) > 1)
            article.triggered.connect(lambda: self.useAsArticleRequested.emit(name))
        selected = self.selected_names()
        if len(selected) == 2:
            if not menu.isEmpty():
                menu.addSeparator()
            both = menu.addAction("Compare selected documents")
            both.triggered.connect(lambda: self._announce(selected))
        if not self._documents:
            add = menu.addAction("Import documents…")
            add.triggered.connect(self.importRequested.emit)
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        pos = event.pos()
        if event.reason() == QContextMenuEvent.Reason.Keyboard and self.currentIndex().isValid():
            pos = self.visualRect(self.currentIndex()).center()
        menu = self.build_context_menu(pos)
        if not menu.isEmpty():
            menu.exec(self.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._documents:
            return
        # An empty list should say how to fill it rather than look broken.
        painter = QPainter(self.viewport())
        painter.setPen(muted_colour(self.palette()))
        rect = self.viewport().rect().adjusted(12, 12, -12, -12)
        flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
        painter.drawText(rect, int(flags), _EMPTY_HINT)
        painter.end()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # Count colours are chosen for the palette: pick them again after a theme switch.
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self._model.set_style(self.palette(), self.font())
