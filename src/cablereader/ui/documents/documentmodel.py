"""The document list's model: two groups, Source and Articles, computed row by row.

Nothing is built per row in advance: :meth:`DocumentTreeModel.data` reads a cell from
the document and its analysis when the view asks for it (see
:mod:`~cablereader.ui.documents.documentcells`), and the view asks only for the rows on screen.
Filling the list with a thousand documents, or their figures when the analysis
finishes, is therefore a reset or a ``dataChanged`` of constant cost, where a
:class:`QStandardItemModel` would build and fill some 8,000 items (0.1 s each time).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QModelRoleDataSpan,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont, QPalette

from cablereader.core.analysis import ArticleAnalysis
from cablereader.core.documents import Document
from cablereader.core.formats import Metadata
from cablereader.ui.common.tables import fill_role_data
from cablereader.ui.documents import documentcells as cells
from cablereader.ui.documents.documentcells import (
    ALIGNMENT,
    ARTICLE,
    CENTRE,
    COLUMN_COUNT,
    DISPLAY,
    DOCUMENT_FLAGS,
    GROUP,
    HEADING_FLAGS,
    KIND_ROLE,
    NAME_COLUMN,
    NAME_ROLE,
    PLACEHOLDER,
    RIGHT,
    SORT_ROLE,
    SOURCE,
    WITNESS_COLUMN,
)

# internalId of an index: 0 for a group row, else 1 + the row of its group.
_TOP = 0
_SOURCE_GROUP, _ARTICLE_GROUP = 0, 1

ModelIndex = QModelIndex | QPersistentModelIndex


class DocumentTreeModel(QAbstractItemModel):
    """Source and articles in two groups; every cell computed when it is asked for."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sources: list[tuple[str, Document | None]] = []  # the primary first
        self._corpus: list[tuple[str, Document | None]] = []  # the articles, in corpus order
        self._articles: list[tuple[str, Document | None]] = []  # the articles, as shown
        self._row_of: dict[str, int] = {}  # article name -> row shown
        self._analysis: dict[str, ArticleAnalysis] = {}
        self._listed = False  # anything to show (the groups appear with the first document)
        self._sort_column = -1  # -1: corpus order
        self._descending = False
        self._palette = QPalette()
        self._bold = QFont()
        self._bold.setBold(True)
        self._metadata: dict[str, Metadata] = {}  # by name: what each document's format said

    # -- content -----------------------------------------------------------------------

    def set_rows(
        self,
        documents: Sequence[tuple[str, Document | None]],
        sources: Sequence[str],
        analysis: dict[str, ArticleAnalysis],
    ) -> None:
        """Show these documents (``sources`` in their group, the primary first), in the
        current order; a reset."""
        self.beginResetModel()
        self._listed = bool(documents)
        by_name = dict(documents)
        self._sources = [(n, by_name[n]) for n in sources if n in by_name]
        self._corpus = [(n, d) for n, d in documents if n not in sources]
        self._analysis = analysis
        self._order()
        self.endResetModel()

    def set_analysis(self, analysis: dict[str, ArticleAnalysis]) -> None:
        """New figures for the same rows: the views repaint, selections stay."""
        self._analysis = analysis
        if self._sort_column > NAME_COLUMN:
            self._resort()  # sorted by a figure: the order changes with them
        self.figures_changed()

    def figures_changed(self) -> None:
        for group in (_SOURCE_GROUP, _ARTICLE_GROUP):
            parent = self.index(group, NAME_COLUMN)
            rows = self.rowCount(parent)
            if rows:
                self.dataChanged.emit(
                    self.index(0, 0, parent), self.index(rows - 1, COLUMN_COUNT - 1, parent)
                )

    def set_metadata(self, metadata: dict[str, Metadata]) -> None:
        """What the documents' formats said (headline, outlet, …), shown in their tooltips."""
        self._metadata = dict(metadata)
        self.figures_changed()

    def set_style(self, palette: QPalette, font: QFont) -> None:
        """Colours for the palette in use (a theme switch), headings in bold."""
        self._palette = QPalette(palette)
        self._bold = QFont(font)
        self._bold.setBold(True)
        if self._listed:
            self.dataChanged.emit(self.index(0, 0), self.index(1, COLUMN_COUNT - 1))
            self.figures_changed()

    def source_index(self, name: str) -> QModelIndex:
        """The index of a document's first column, or an invalid index."""
        for position, (source, _document) in enumerate(self._sources):
            if source == name:
                return self.createIndex(position, NAME_COLUMN, 1 + _SOURCE_GROUP)
        row = self._row_of.get(name)
        if row is None:
            return QModelIndex()
        return self.createIndex(row, NAME_COLUMN, 1 + _ARTICLE_GROUP)

    # -- sorting -----------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the articles by a column's figures (-1: corpus order); groups stay put.

        Here rather than in a sorting proxy, whose comparisons would each call back into
        Python: a thousand articles sort in a millisecond instead of a tenth of a second.
        """
        self._sort_column = column if 0 <= column < COLUMN_COUNT else -1
        self._descending = order == Qt.SortOrder.DescendingOrder
        self._resort()

    def _resort(self) -> None:
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        moved = [
            (index, self._articles[index.row()][0])
            for index in old
            if index.internalId() == 1 + _ARTICLE_GROUP and index.row() < len(self._articles)
        ]
        self._order()
        self.changePersistentIndexList(
            [index for index, _ in moved],
            [
                self.createIndex(self._row_of[name], index.column(), 1 + _ARTICLE_GROUP)
                for index, name in moved
            ],
        )
        self.layoutChanged.emit()

    def _order(self) -> None:
        """Put the articles in the current order (stable: ties keep the corpus order)."""
        rows = self._corpus
        column = self._sort_column
        if column >= 0:
            keys = [self._document_data(n, d, ARTICLE, column, SORT_ROLE) for n, d in rows]
            if len({type(key) for key in keys}) > 1 or None in keys:
                keys = [str(key) for key in keys]  # mixed kinds: compare as text
            order = sorted(range(len(rows)), key=keys.__getitem__, reverse=self._descending)
            rows = [rows[i] for i in order]
        self._articles = list(rows)
        self._row_of = {name: row for row, (name, _) in enumerate(self._articles)}

    # -- QAbstractItemModel ------------------------------------------------------------

    # index, parent, rowCount and hasChildren run for every row whenever the view lays
    # itself out: kept to a few comparisons each.

    def index(self, row: int, column: int, parent: ModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column < 0 or column >= COLUMN_COUNT or row < 0:
            return QModelIndex()
        if not parent.isValid():
            listed = row < 2 and self._listed
            return self.createIndex(row, column, _TOP) if listed else QModelIndex()
        group = parent.row()
        if parent.internalId() != _TOP or parent.column() != NAME_COLUMN:
            return QModelIndex()
        if row >= (max(1, len(self._sources)) if group == _SOURCE_GROUP else len(self._articles)):
            return QModelIndex()
        return self.createIndex(row, column, 1 + group)

    def parent(self, index: ModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        group = index.internalId() if index.isValid() else _TOP
        if group == _TOP:
            return QModelIndex()
        return self.createIndex(group - 1, NAME_COLUMN, _TOP)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return 2 if self._listed else 0
        if parent.internalId() != _TOP or parent.column() != NAME_COLUMN:
            return 0
        # The source group holds the source, or a placeholder saying it is not chosen yet.
        return max(1, len(self._sources)) if parent.row() == _SOURCE_GROUP else len(self._articles)

    def hasChildren(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        if not parent.isValid():
            return self._listed
        if parent.internalId() != _TOP or parent.column() != NAME_COLUMN:
            return False
        return parent.row() == _SOURCE_GROUP or bool(self._articles)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return COLUMN_COUNT

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        # Headings and hints can be read, never selected: selection means "a document".
        if self._kind(index) in (GROUP, PLACEHOLDER):
            return HEADING_FLAGS
        return DOCUMENT_FLAGS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < COLUMN_COUNT:
            return None
        return cells.header_cell(section, role)

    def multiData(self, index: ModelIndex, roleDataSpan: QModelRoleDataSpan) -> None:  # type: ignore[override]
        fill_role_data(self.data, index, roleDataSpan)

    def data(self, index: ModelIndex, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        kind = self._kind(index)
        if kind == GROUP:
            row = index.row()
            title = (
                (f"Sources ({len(self._sources)})" if len(self._sources) > 1 else "Source")
                if row == _SOURCE_GROUP
                else f"Articles ({len(self._articles)})"
            )
            return cells.group_cell(title, row, index.column(), role, self._bold)
        if kind == PLACEHOLDER:
            return cells.placeholder_cell(index.column(), role, self._palette)
        name, document = self._document_at(index)
        return self._document_data(name, document, kind, index.column(), role)

    def _kind(self, index: ModelIndex) -> str:
        group = index.internalId()
        if group == _TOP:
            return GROUP
        if group - 1 == _SOURCE_GROUP:
            return SOURCE if self._sources else PLACEHOLDER
        return ARTICLE

    def _document_at(self, index: ModelIndex) -> tuple[str, Document | None]:
        if index.internalId() - 1 == _SOURCE_GROUP:
            return self._sources[index.row()]
        return self._articles[index.row()]

    def _document_data(
        self, name: str, document: Document | None, kind: str, column: int, role: int
    ) -> Any:
        if role == NAME_ROLE:
            return name
        if role == KIND_ROLE:
            return kind
        if column == NAME_COLUMN:
            return cells.name_cell(name, document, kind, role, self._metadata.get(name))
        if kind == SOURCE:
            several = len(self._sources) > 1
            primary = self._sources[0][0] == name if several else None
            return cells.source_figure(column, role, primary=primary)
        if role == ALIGNMENT:
            return CENTRE if column == WITNESS_COLUMN else RIGHT
        analysis = self._analysis.get(name)
        if analysis is None:
            return cells.pending_figure(column, role)
        return cells.figure(analysis, column, role, self._palette)
