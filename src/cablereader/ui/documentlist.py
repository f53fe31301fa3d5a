"""The document list: the source and the articles, with each article's figures.

Two groups, "Source" and "Articles"; an article row shows its title, its coverage, its
quotation counts by verdict and whether it reprints the whole source (a second witness).
Rows live in a :class:`QStandardItemModel` behind a sorting proxy — no per-row widgets —
so a corpus of a thousand articles stays quick to fill, sort and scroll.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QContextMenuEvent,
    QFont,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTreeView, QWidget

from cablereader.core.analysis import ArticleAnalysis, CorpusAnalysis
from cablereader.core.documents import Document
from cablereader.core.verify import VERDICTS
from cablereader.ui.palette import (
    VERDICT_DESCRIPTIONS,
    VERDICT_GLYPHS,
    VERDICT_LABELS,
    muted_colour,
    verdict_colour,
)

NAME_COLUMN = 0
COVERAGE_COLUMN = 1
VERDICT_COLUMNS = {verdict: 2 + i for i, verdict in enumerate(VERDICTS)}
WITNESS_COLUMN = 2 + len(VERDICTS)
COLUMN_COUNT = WITNESS_COLUMN + 1

SORT_ROLE = Qt.ItemDataRole.UserRole
NAME_ROLE = Qt.ItemDataRole.UserRole + 1  # the document's name (its identity)
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # GROUP, SOURCE, ARTICLE or PLACEHOLDER
GROUP, SOURCE, ARTICLE, PLACEHOLDER = "group", "source", "article", "placeholder"

WITNESS_GLYPH = "②"
WITNESS_TIP = "Contains a full reprint of the source: a second witness of its text"
PENDING = "…"  # figures not computed yet
_EMPTY_HINT = "No documents yet.\nImport a folder or files, or drop them here."


class _GroupedSortProxy(QSortFilterProxyModel):
    """Sorts within each group, numerically on SORT_ROLE; the groups keep their order."""

    def lessThan(
        self,
        left: QModelIndex | QPersistentModelIndex,
        right: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        if not left.parent().isValid():
            # Top level: Source before Articles whichever way the column is sorted (the
            # proxy sorts descending by swapping the arguments, so undo that here).
            in_order = left.row() < right.row()
            return in_order if self.sortOrder() == Qt.SortOrder.AscendingOrder else not in_order
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if type(a) is not type(b) or a is None:
            return str(a) < str(b)
        return bool(a < b)


def _item(
    text: str, kind: str, name: str | None, sort_key: str | float | None = None
) -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    item.setData(kind, KIND_ROLE)
    if name is not None:
        item.setData(name, NAME_ROLE)
    if sort_key is not None:
        item.setData(sort_key, SORT_ROLE)
    if kind in (GROUP, PLACEHOLDER):
        # Headings and hints can be read, never selected: selection means "a document".
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
    return item


def _document_tooltip(document: Document | None, name: str, role: str) -> str:
    lines = [f"<b>{html.escape(document.title if document else name)}</b>"]
    lines.append(html.escape(role))
    lines.append(f"File: {html.escape(name)}")
    if document is not None:
        if document.path:
            lines.append(f"Path: {html.escape(document.path)}")
        lines.append(f"Encoding: {html.escape(document.encoding)}")
    return "<qt>" + "<br>".join(lines) + "</qt>"


class DocumentList(QTreeView):
    """Source and articles in two groups, with coverage and quote counts per article."""

    articleSelected = Signal(str)
    compareRequested = Signal(str, str)
    useAsSourceRequested = Signal(str)
    importRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentList")
        self.setAccessibleName("documentList")
        self._documents: list[tuple[str, Document | None]] = []
        self._source: str | None = None
        self._analysis: CorpusAnalysis | None = None
        self._announced: tuple[str, ...] = ()
        self._restoring = False
        self._items: dict[str, QStandardItem] = {}  # name -> first cell of its row
        self._model = QStandardItemModel(0, COLUMN_COUNT, self)
        self._proxy = _GroupedSortProxy(self)
        self._proxy.setSortRole(SORT_ROLE)
        self._proxy.setSourceModel(self._model)
        self.setModel(self._proxy)
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
        self._set_headers()
        metrics = self.fontMetrics()
        # Figures get just their width: the titles need the room.
        narrow = metrics.horizontalAdvance("999") + 12
        header.setMinimumSectionSize(narrow // 2)
        header.setSectionResizeMode(NAME_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(COVERAGE_COLUMN, metrics.horizontalAdvance("100 %") + 18)
        for column in [*VERDICT_COLUMNS.values(), WITNESS_COLUMN]:
            header.resizeSection(column, narrow)

    def _set_headers(self) -> None:
        # (column, shown text, spoken text, tooltip): screen readers would otherwise read
        # out a bare symbol.
        coverage_tip = "Share of the article's text taken from the source"
        specs = [
            (NAME_COLUMN, "Document", "Document", "Title of the document (hover for its file)"),
            (COVERAGE_COLUMN, "Coverage", "Coverage", coverage_tip),
        ]
        for verdict, column in VERDICT_COLUMNS.items():
            label = VERDICT_LABELS[verdict]
            tip = f"Quotations: {label} — {VERDICT_DESCRIPTIONS[verdict]}"
            specs.append((column, VERDICT_GLYPHS[verdict], label, tip))
        specs.append((WITNESS_COLUMN, WITNESS_GLYPH, "Witness", f"Witness: {WITNESS_TIP}"))
        for column, text, spoken, tip in specs:
            item = QStandardItem(text)
            item.setToolTip(tip)
            item.setData(spoken, Qt.ItemDataRole.AccessibleTextRole)
            if column != NAME_COLUMN:
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self._model.setHorizontalHeaderItem(column, item)

    # -- filling -----------------------------------------------------------------------

    def set_documents(self, documents: Sequence[Document], source_name: str | None) -> None:
        """Show the documents, before analysis: figures are pending until set_analysis."""
        self._documents = [(d.name, d) for d in documents]
        self._source = source_name
        self._analysis = None
        self._rebuild()

    def set_analysis(self, analysis: CorpusAnalysis) -> None:
        """Fill in coverage, quote counts and witness marks (and regroup if the source moved)."""
        known = {name for name, _ in self._documents}
        missing: list[tuple[str, Document | None]] = [
            (a.name, None) for a in analysis.articles if a.name not in known
        ]
        if analysis.source.name not in known:
            missing.insert(0, (analysis.source.name, analysis.source))
        self._documents.extend(missing)
        self._source = analysis.source.name
        self._analysis = analysis
        self._rebuild()

    def clear(self) -> None:
        self._documents = []
        self._source = None
        self._analysis = None
        self._rebuild()

    def _rebuild(self) -> None:
        """Build a fresh model, then keep the reader's selection, current row and scroll."""
        selected = self.selected_names()
        current = self._current_name()
        scroll = self.verticalScrollBar().value()
        by_name = {a.name: a for a in self._analysis.articles} if self._analysis else {}
        model = QStandardItemModel(0, COLUMN_COUNT, self)
        self._items = {}
        if self._documents:
            source_group = _item("Source", GROUP, None, 0)
            article_group = _item("Articles", GROUP, None, 1)
            for group in (source_group, article_group):
                font = QFont(self.font())
                font.setBold(True)
                group.setFont(font)
                model.appendRow([group] + [_item("", GROUP, None) for _ in range(1, COLUMN_COUNT)])
            articles = 0
            for name, document in self._documents:
                if name == self._source:
                    cells = self._row(name, document, SOURCE, None)
                    source_group.appendRow(cells)
                else:
                    articles += 1
                    cells = self._row(name, document, ARTICLE, by_name.get(name))
                    article_group.appendRow(cells)
                self._items[name] = cells[NAME_COLUMN]
            article_group.setText(f"Articles ({articles})")
            if self._source is None:
                hint = _item("Chosen by the analysis…", PLACEHOLDER, None)
                hint.setForeground(QBrush(muted_colour(self.palette())))
                source_group.appendRow(hint)
        old = self._model
        self._model = model
        self._restoring = True
        try:
            self._proxy.setSourceModel(model)
            self._set_headers()
            self.expandAll()
            for row in range(self._proxy.rowCount()):
                self.setFirstColumnSpanned(row, QModelIndex(), True)
            self._restore_selection(selected, current)
        finally:
            self._restoring = False
        old.deleteLater()
        self.verticalScrollBar().setValue(scroll)
        self._announced = tuple(self.selected_names())

    def _row(
        self, name: str, document: Document | None, kind: str, analysis: ArticleAnalysis | None
    ) -> list[QStandardItem]:
        title = document.title if document is not None else name
        first = _item(title, kind, name, f"{title.casefold()}\0{name}")
        role = "Source" if kind == SOURCE else "Article"
        first.setToolTip(_document_tooltip(document, name, role))
        row = [first]
        if kind == SOURCE:
            row.append(_item("—", kind, name, -1.0))
            row[-1].setToolTip("The source: the document the articles are compared with")
            row.extend(_item("", kind, name, -1) for _ in range(COVERAGE_COLUMN + 1, COLUMN_COUNT))
            return row
        if analysis is None:
            row.append(_item(PENDING, kind, name, -1.0))
            row[-1].setToolTip("Not analysed yet")
            # Blank, not "…": that is the fragment column's own symbol.
            row.extend(_item("", kind, name, -1) for _ in VERDICTS)
            row.append(_item("", kind, name, 0))
        else:
            percent = analysis.coverage * 100
            shown = "<1 %" if 0 < percent < 0.5 else f"{percent:.0f} %"
            coverage = _item(shown, kind, name, float(analysis.coverage))
            coverage.setToolTip(f"{percent:.1f} % of the article's text is taken from the source")
            row.append(coverage)
            counts = analysis.verdict_counts()
            for verdict in VERDICTS:
                count = _item(str(counts[verdict]), kind, name, counts[verdict])
                label = VERDICT_LABELS[verdict]
                count.setToolTip(f"{counts[verdict]} quotation(s): {label}")
                count.setData(f"{counts[verdict]} {label}", Qt.ItemDataRole.AccessibleTextRole)
                if counts[verdict]:
                    count.setForeground(QBrush(verdict_colour(verdict, self.palette())))
                row.append(count)
            witness = analysis.witness is not None
            mark = _item(WITNESS_GLYPH if witness else "", kind, name, int(witness))
            if witness:
                mark.setToolTip(WITNESS_TIP)
                mark.setData("second witness", Qt.ItemDataRole.AccessibleTextRole)
            row.append(mark)
        for item in row[1:]:
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        row[WITNESS_COLUMN].setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        return row

    # -- queries -----------------------------------------------------------------------

    @property
    def source_name(self) -> str | None:
        return self._source

    def document_names(self) -> list[str]:
        """Every document's name, source first, then articles in the order shown."""
        names = []
        for group_row in range(self._proxy.rowCount()):
            group = self._proxy.index(group_row, NAME_COLUMN)
            for row in range(self._proxy.rowCount(group)):
                name = self._proxy.index(row, NAME_COLUMN, group).data(NAME_ROLE)
                if isinstance(name, str):
                    names.append(name)
        return names

    def index_of(self, name: str) -> QModelIndex:
        """The view (proxy) index of the document's first column, or an invalid index."""
        item = self._items.get(name)
        return self._proxy.mapFromSource(item.index()) if item is not None else QModelIndex()

    def current_article(self) -> str | None:
        """The name of the current row if it is an article (not the source)."""
        index = self.currentIndex()
        if index.isValid() and index.data(KIND_ROLE) == ARTICLE:
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
        if len(names) == 1 and names[0] != self._source:
            self.articleSelected.emit(names[0])
        elif len(names) == 2:
            first, second = names
            if second == self._source:  # the source always goes on the left
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
            if self._source is not None:
                source = self._source
                compare = menu.addAction("Compare with source")
                compare.setToolTip("Compare the two texts as versions of each other")
                compare.triggered.connect(lambda: self.compareRequested.emit(source, name))
            use = menu.addAction("Use as source")
            use.setToolTip("Analyse every other document against this one")
            use.triggered.connect(lambda: self.useAsSourceRequested.emit(name))
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
        # Count colours are chosen for the palette: rebuild them after a theme switch.
        if event.type() == QEvent.Type.PaletteChange and self._documents:
            self._rebuild()
