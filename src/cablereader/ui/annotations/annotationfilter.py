"""What the annotation table keeps: by tag, document, text or orphans only.

:class:`AnnotationFilterProxy` filters the model's rows (every filter ANDed) and hands
sorting to the model (see ``annotationmodel``); ``fill_tag_combo`` and
``fill_document_combo`` give the filter row its choices, keeping the one made.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QAbstractItemModel, QObject, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QComboBox

from cablereader.core.project import DocumentRecord, Tag
from cablereader.ui.annotations.annotationmodel import UNTAGGED, AnnotationTableModel
from cablereader.ui.common.swatches import swatch
from cablereader.ui.common.text import ModelIndex, plain_tooltip


def fill_tag_combo(combo: QComboBox, tags: Iterable[Tag], kept: int | None) -> None:
    """All tags, Untagged, then each tag; ``kept`` (a tag id) chosen again if still there."""
    combo.blockSignals(True)
    combo.clear()
    combo.addItem("All tags", None)
    combo.addItem("Untagged", UNTAGGED)
    for tag in tags:
        combo.addItem(swatch(tag.colour), tag.name, tag.id)
    combo.setCurrentIndex(max(combo.findData(kept), 0) if kept is not None else 0)
    combo.blockSignals(False)


def fill_document_combo(
    combo: QComboBox, records: Iterable[DocumentRecord], kept: str | None
) -> None:
    """All documents, then each by name (its title as the tooltip); ``kept`` kept."""
    combo.blockSignals(True)
    combo.clear()
    combo.addItem("All documents", None)
    for record in records:
        combo.addItem(record.name, record.name)
        combo.setItemData(
            combo.count() - 1, plain_tooltip(record.title), Qt.ItemDataRole.ToolTipRole
        )
    combo.setCurrentIndex(max(combo.findData(kept), 0) if kept is not None else 0)
    combo.blockSignals(False)


class AnnotationFilterProxy(QSortFilterProxyModel):
    """Keeps the annotations of a tag, a document, a text, or only orphans.

    Sorting is the model's (see the module documentation); every filter is ANDed.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model: AnnotationTableModel | None = None
        self._tag: int | None = None
        self._document: str | None = None
        self._text = ""
        self._orphans_only = False

    def setSourceModel(self, model: QAbstractItemModel) -> None:
        assert isinstance(model, AnnotationTableModel)
        self._model = model
        super().setSourceModel(model)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if self._model is not None:
            self._model.sort(column, order)

    @property
    def tag_filter(self) -> int | None:
        return self._tag

    @property
    def document_filter(self) -> str | None:
        return self._document

    @property
    def text_filter(self) -> str:
        return self._text

    @property
    def orphans_only(self) -> bool:
        return self._orphans_only

    def set_tag_filter(self, tag_id: int | None) -> None:
        """Only annotations with this tag (:data:`UNTAGGED`: without any); None: all."""
        self._refilter(lambda: setattr(self, "_tag", tag_id))

    def set_document_filter(self, name: str | None) -> None:
        self._refilter(lambda: setattr(self, "_document", name))

    def set_text_filter(self, text: str) -> None:
        """Only annotations whose passage, note or a tag name contains ``text`` (any case)."""
        self._refilter(lambda: setattr(self, "_text", text.strip().casefold()))

    def set_orphans_only(self, only: bool) -> None:
        self._refilter(lambda: setattr(self, "_orphans_only", only))

    def _refilter(self, change: Callable[[], None]) -> None:
        self.beginFilterChange()
        change()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        model = self._model
        if model is None or source_parent.isValid():
            return False
        annotation = model.annotation(source_row)
        if self._orphans_only and not annotation.orphaned:
            return False
        if self._document is not None and annotation.document != self._document:
            return False
        if self._tag is not None:
            if self._tag == UNTAGGED:
                if annotation.tag_ids:
                    return False
            elif self._tag not in annotation.tag_ids:
                return False
        return not self._text or self._text in model.search_text(source_row)
