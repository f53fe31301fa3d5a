"""The model behind the annotation table: one row per annotation of the project.

:class:`AnnotationTableModel` holds plain :class:`Annotation` records and updates row
by row from the project's changes.  It sorts itself: a ``QSortFilterProxyModel``
sorting 10,000 rows calls back into Python about 300,000 times (0.65 s measured), a
Python ``list.sort`` on precomputed keys takes milliseconds.  So the filter proxy
(``annotationfilter``) only filters, and hands ``sort`` to the model.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from cablereader.core.project import Annotation, DocumentRecord, Tag
from cablereader.core.verify import VERDICTS
from cablereader.ui.common.palette import removed_colour, verdict_background, verdict_text
from cablereader.ui.common.tables import ColumnTableModel
from cablereader.ui.common.text import ModelIndex, one_line, plain_tooltip, rich_tooltip

DOCUMENT_COLUMN = 0
PASSAGE_COLUMN = 1
TAGS_COLUMN = 2
NOTE_COLUMN = 3
VERDICT_COLUMN = 4
MODIFIED_COLUMN = 5
HEADERS = ("Document", "Passage", "Tags", "Note", "Verdict", "Modified")
HEADER_TIPS = (
    "The document the passage is in",
    "The annotated text",
    "The annotation's tags",
    "The first line of the note",
    "Verdict of the source passage the annotated text overlaps, if any",
    "When the annotation was last changed",
)
ANNOTATION_ROLE = Qt.ItemDataRole.UserRole
UNTAGGED = -1  # tag filter: annotations without any tag
ORPHAN_TIP = (
    "This passage was not found when its document was re-imported with a changed text. "
    "The annotation keeps its old text (below); re-annotate the passage and delete this "
    "one, or keep it as a record."
)

VerdictLookup = Callable[[Annotation], str]


def _no_verdict(_: Annotation) -> str:
    return ""


def local_time(iso: str) -> str:
    """An ISO 8601 time as a short local date and time, e.g. 2024-05-01 14:03."""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M")


class AnnotationTableModel(ColumnTableModel):
    """Annotations with their document, passage, tags, note, verdict and time."""

    HEADERS = HEADERS
    HEADER_TIPS = HEADER_TIPS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Annotation] = []
        self._row_of: dict[int, int] | None = {}
        self._tags: dict[int, Tag] = {}
        self._positions: dict[str, int] = {}
        self._titles: dict[str, str] = {}
        self._verdict_of: VerdictLookup = _no_verdict
        self._verdicts: dict[int, str] = {}
        self._search: dict[int, str] = {}
        self._sort_column = -1
        self._descending = False
        self._palette = QGuiApplication.palette()

    # -- content -----------------------------------------------------------------------

    def set_content(
        self,
        annotations: Iterable[Annotation],
        tags: Iterable[Tag],
        documents: Iterable[DocumentRecord],
    ) -> None:
        """Show these annotations (any order: the model sorts them)."""
        self.beginResetModel()
        self._positions = {}
        self._titles = {}
        for record in documents:
            self._positions[record.name] = record.position
            self._titles[record.name] = record.title
        self._tags = {tag.id: tag for tag in tags}
        self._verdicts.clear()
        self._search.clear()
        self._rows = sorted(annotations, key=self._sort_key, reverse=self._descending)
        self._row_of = None
        self.endResetModel()

    def clear(self) -> None:
        self.set_content((), (), ())

    def annotation(self, row: int) -> Annotation:
        return self._rows[row]

    def annotations(self) -> tuple[Annotation, ...]:
        return tuple(self._rows)

    def row_of(self, annotation_id: int) -> int | None:
        if self._row_of is None:
            self._row_of = {a.id: row for row, a in enumerate(self._rows)}
        return self._row_of.get(annotation_id)

    def knows_document(self, name: str) -> bool:
        return name in self._positions

    def tags(self) -> list[Tag]:
        """The project's tags in list order."""
        return sorted(self._tags.values(), key=lambda t: (t.position, t.id))

    def orphan_count(self) -> int:
        return sum(1 for a in self._rows if a.orphaned)

    def tag_names(self, annotation: Annotation) -> list[str]:
        return [t.name for t in self._tags_of(annotation)]

    def search_text(self, row: int) -> str:
        """Passage, note and tag names, case-folded: what the text filter searches."""
        annotation = self._rows[row]
        text = self._search.get(annotation.id)
        if text is None:
            parts = [annotation.exact, annotation.note, *self.tag_names(annotation)]
            text = self._search[annotation.id] = "\n".join(parts).casefold()
        return text

    def verdict(self, annotation: Annotation) -> str:
        found = self._verdicts.get(annotation.id)
        if found is None:
            found = self._verdicts[annotation.id] = self._verdict_of(annotation)
        return found

    def set_verdict_lookup(self, lookup: VerdictLookup) -> None:
        """Where verdicts come from; asking again re-reads them all (the analysis changed)."""
        self._verdict_of = lookup
        self._verdicts.clear()
        self._column_changed(VERDICT_COLUMN)

    def set_tags(self, tags: Iterable[Tag]) -> None:
        """The tags changed (renamed, recoloured, deleted...): redraw the Tags column."""
        self._tags = {tag.id: tag for tag in tags}
        self._search.clear()
        self._column_changed(TAGS_COLUMN)

    def put(self, annotation: Annotation) -> None:
        """Add the annotation, or update its row, keeping the sort order."""
        row = self.row_of(annotation.id)
        if row is None:
            new = self._insertion_row(annotation)
            self.beginInsertRows(QModelIndex(), new, new)
            self._rows.insert(new, annotation)
            self._row_of = None
            self.endInsertRows()
            return
        self._verdicts.pop(annotation.id, None)
        self._search.pop(annotation.id, None)
        del self._rows[row]
        new = self._insertion_row(annotation)
        self._rows.insert(row, annotation)
        if new != row:
            # A move, not remove + insert: the selection and current row follow it.
            self.beginMoveRows(
                QModelIndex(), row, row, QModelIndex(), new if new < row else new + 1
            )
            del self._rows[row]
            self._rows.insert(new, annotation)
            self._row_of = None
            self.endMoveRows()
            row = new
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))

    def remove(self, annotation_id: int) -> None:
        row = self.row_of(annotation_id)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self._row_of = None
        self._verdicts.pop(annotation_id, None)
        self._search.pop(annotation_id, None)
        self.endRemoveRows()

    def set_palette(self, palette: QPalette) -> None:
        self._palette = QPalette(palette)
        self._column_changed(VERDICT_COLUMN, resort=False)

    # -- sorting -----------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column (-1: reading order, document by document)."""
        self._sort_column = column if 0 <= column < len(HEADERS) else -1
        self._descending = self._sort_column >= 0 and order == Qt.SortOrder.DescendingOrder
        self._resort()

    def _resort(self) -> None:
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        ids = [self._rows[index.row()].id for index in old]
        self._rows.sort(key=self._sort_key, reverse=self._descending)
        self._row_of = None
        new = []
        for index, annotation_id in zip(old, ids, strict=True):
            row = self.row_of(annotation_id)
            new.append(self.index(row if row is not None else 0, index.column()))
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    def _sort_key(self, annotation: Annotation) -> tuple[Any, ...]:
        reading = (self._positions.get(annotation.document, 1 << 30), annotation.start)
        tail = (*reading, annotation.end, annotation.id)
        column = self._sort_column
        if column == DOCUMENT_COLUMN:
            return (annotation.document.casefold(), *tail)
        if column == PASSAGE_COLUMN:
            return (annotation.exact.casefold(), *tail)
        if column == TAGS_COLUMN:
            names = self.tag_names(annotation)
            return (not names, ", ".join(names).casefold(), *tail)
        if column == NOTE_COLUMN:
            return (not annotation.note, annotation.note.casefold(), *tail)
        if column == VERDICT_COLUMN:
            verdict = self.verdict(annotation)
            rank = VERDICTS.index(verdict) if verdict in VERDICTS else len(VERDICTS)
            return (rank, verdict, *tail)
        if column == MODIFIED_COLUMN:
            return (annotation.modified, *tail)
        return tail

    def _insertion_row(self, annotation: Annotation) -> int:
        """Where the annotation goes in the current order (binary search)."""
        key = self._sort_key(annotation)
        low, high = 0, len(self._rows)
        while low < high:
            middle = (low + high) // 2
            other = self._sort_key(self._rows[middle])
            if (other > key) if self._descending else (other < key):
                low = middle + 1
            else:
                high = middle
        return low

    def _column_changed(self, column: int, *, resort: bool = True) -> None:
        if resort and column == self._sort_column:
            self._resort()
        if self._rows:
            self.dataChanged.emit(self.index(0, column), self.index(len(self._rows) - 1, column))

    def _tags_of(self, annotation: Annotation) -> list[Tag]:
        tags = [self._tags[t] for t in annotation.tag_ids if t in self._tags]
        return sorted(tags, key=lambda t: (t.position, t.id))

    # -- QAbstractTableModel -----------------------------------------------------------

    def row_count(self) -> int:
        return len(self._rows)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        annotation = self._rows[index.row()]
        if role == ANNOTATION_ROLE:
            return annotation
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(annotation, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(annotation, index.column())
        return self._decoration(annotation, index.column(), role)

    def _display(self, annotation: Annotation, column: int) -> str | None:
        if column == DOCUMENT_COLUMN:
            return annotation.document
        if column == PASSAGE_COLUMN:
            passage = one_line(annotation.exact, 300)
            return f"⚠ orphan: {passage}" if annotation.orphaned else passage
        if column == TAGS_COLUMN:
            return ", ".join(self.tag_names(annotation))
        if column == NOTE_COLUMN:
            lines = annotation.note.strip().splitlines()
            return one_line(lines[0], 300) if lines else ""
        if column == VERDICT_COLUMN:
            verdict = self.verdict(annotation)
            return verdict_text(verdict) if verdict else ""
        if column == MODIFIED_COLUMN:
            return local_time(annotation.modified)
        return None

    def _tooltip(self, annotation: Annotation, column: int) -> str | None:
        if column == DOCUMENT_COLUMN:
            title = self._titles.get(annotation.document, "")
            shown = title if title and title != annotation.document else annotation.document
            return plain_tooltip(shown)
        if column == PASSAGE_COLUMN:
            if annotation.orphaned:
                return rich_tooltip(f"{ORPHAN_TIP}\n\n{annotation.exact}")
            where = f"Characters {annotation.start:,}–{annotation.end:,}"
            return rich_tooltip(f"{annotation.exact}\n\n{where}")
        if column == TAGS_COLUMN:
            names = self.tag_names(annotation)
            return plain_tooltip("\n".join(names)) if names else "No tags"
        if column == NOTE_COLUMN:
            return rich_tooltip(annotation.note) if annotation.note.strip() else None
        if column == MODIFIED_COLUMN:
            return plain_tooltip(f"Modified {annotation.modified}\nCreated {annotation.created}")
        return None

    def _decoration(self, annotation: Annotation, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DecorationRole and column == TAGS_COLUMN:
            tags = self._tags_of(annotation)
            return QColor(tags[0].colour) if tags else None
        if role == Qt.ItemDataRole.ForegroundRole and column == PASSAGE_COLUMN:
            return removed_colour(self._palette) if annotation.orphaned else None
        if role == Qt.ItemDataRole.BackgroundRole and column == VERDICT_COLUMN:
            verdict = self.verdict(annotation)
            return verdict_background(verdict, self._palette) if verdict else None
        return None
