"""The annotation table (``annotationTable``): every annotation of the project, filtered.

A filter row sits above the table — tag, document, free text, orphans only — with a
count ("3 of 12 annotations").  Double-click or Enter asks the window to show the
passage (:attr:`AnnotationTable.jumpRequested`); Delete deletes the selected
annotations as one undoable command.  The table follows the project through
:meth:`AnnotationTable.on_change`, row by row, so a project of 10,000 annotations stays
responsive while notes are typed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cablereader.core.project import Annotation, AnnotationStep, Change, DocumentStep, Project
from cablereader.ui.annotations.annotationfilter import (
    AnnotationFilterProxy,
    fill_document_combo,
    fill_tag_combo,
)
from cablereader.ui.annotations.annotationmodel import (
    ANNOTATION_ROLE,
    PASSAGE_COLUMN,
    UNTAGGED,
    AnnotationTableModel,
    VerdictLookup,
)
from cablereader.ui.annotations.annotationview import AnnotationView, named
from cablereader.ui.common.undo import ProjectEdits

__all__ = ["UNTAGGED", "AnnotationFilterProxy", "AnnotationTable", "AnnotationTableModel"]

# A change touching more annotations than this (a big merge) is re-read in one go.
_BULK_STEPS = 500


class AnnotationTable(QWidget):
    """Filters, count and table of the project's annotations."""

    annotationSelected = Signal(int)  # annotation id; -1 when none is current
    jumpRequested = Signal(int)  # annotation id whose passage to show

    def __init__(self, edits: ProjectEdits, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("annotationPanel")
        self._edits = edits
        self._project: Project | None = None
        self._current_id = -1
        self._quiet = False  # filtering or reloading: the reader did not move
        self._model = AnnotationTableModel(self)
        self._model.set_palette(self.palette())
        self._proxy = AnnotationFilterProxy(self)
        self._proxy.setSourceModel(self._model)

        self.tag_combo = named(QComboBox(self), "annotationTagFilter", "Filter by tag")
        self.document_combo = named(
            QComboBox(self), "annotationDocumentFilter", "Filter by document"
        )
        for combo in (self.tag_combo, self.document_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.search_edit = named(QLineEdit(self), "annotationSearch", "Filter annotations")
        self.search_edit.setPlaceholderText("Filter annotations")
        self.search_edit.setToolTip("Show annotations whose passage, note or tags contain this")
        self.search_edit.setClearButtonEnabled(True)
        self.orphans_button = named(QToolButton(self), "annotationOrphans", "Orphans only")
        self.orphans_button.setCheckable(True)
        self.orphans_button.setToolTip(
            "Show only orphans: annotations whose passage was not found when their "
            "document was re-imported"
        )
        self.count_label = named(QLabel(self), "annotationCount", "Number of annotations")

        self._view = AnnotationView(self)
        self._view.setModel(self._proxy)
        self._view.size_columns()

        self.go_action = QAction("&Go to Passage", self)
        self.go_action.triggered.connect(self.go_to_passage)
        self.copy_action = QAction("&Copy Passage", self)
        self.copy_action.setShortcut(QKeySequence.StandardKey.Copy)
        self.copy_action.triggered.connect(self.copy_passage)
        self.delete_action = QAction("&Delete Annotation", self)
        self.delete_action.setShortcut(QKeySequence(Qt.Key.Key_Delete))
        self.delete_action.triggered.connect(self.delete_selected)
        for action in (self.copy_action, self.delete_action):  # keys shown; the view acts
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)

        top = QHBoxLayout()
        top.addWidget(self.tag_combo)
        top.addWidget(self.document_combo)
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.orphans_button)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self._view, 1)

        self.tag_combo.currentIndexChanged.connect(self._on_tag_filter)
        self.document_combo.currentIndexChanged.connect(self._on_document_filter)
        self.search_edit.textChanged.connect(
            lambda text: self._refilter(lambda: self._proxy.set_text_filter(text))
        )
        self.orphans_button.toggled.connect(
            lambda on: self._refilter(lambda: self._proxy.set_orphans_only(on))
        )
        self._view.selectionModel().currentChanged.connect(self._on_current_changed)
        self._view.doubleClicked.connect(lambda _index: self.go_to_passage())
        self._view.enterPressed.connect(self.go_to_passage)
        self._view.deletePressed.connect(self.delete_selected)
        self._view.copyPressed.connect(self.copy_passage)
        self._view.customContextMenuRequested.connect(self._show_context_menu)
        self._fill_combos()
        self._update_counts()

    # -- public API --------------------------------------------------------------------

    @property
    def model(self) -> AnnotationTableModel:
        return self._model

    @property
    def proxy(self) -> AnnotationFilterProxy:
        return self._proxy

    @property
    def view(self) -> QTableView:
        return self._view

    @property
    def editable(self) -> bool:
        return self._project is not None and not self._project.read_only

    def set_project(self, project: Project | None) -> None:
        """Show this project's annotations; another project starts with no filters."""
        other = project is not self._project
        self._project = project
        if other:
            self._quiet = True
            try:
                self.search_edit.clear()
                self.orphans_button.setChecked(False)
                self._proxy.set_tag_filter(None)
                self._proxy.set_document_filter(None)
            finally:
                self._quiet = False
        self._reload(keep_current=not other)

    def set_verdict_lookup(self, lookup: VerdictLookup) -> None:
        """How to find an annotation's verdict; call again when the analysis changed."""
        # No filter looks at verdicts: spare the proxy re-filtering every row (10,000
        # Python calls) for a change of that column alone.
        self._proxy.setDynamicSortFilter(False)
        try:
            self._model.set_verdict_lookup(lookup)
        finally:
            self._proxy.setDynamicSortFilter(True)

    def on_change(self, change: Change) -> None:
        """Follow a committed change (an edit, undo or redo): update only what it touched."""
        project = self._project
        if project is None or project.closed:
            return
        if any(isinstance(step, DocumentStep) for step in change.steps):
            self._reload()  # an import: texts, documents and anchors may all have moved
            return
        steps = [step for step in change.steps if isinstance(step, AnnotationStep)]
        if len(steps) > _BULK_STEPS:
            self._reload()
            return
        if change.tag_ids:
            self._model.set_tags(project.tags())
            self._fill_tag_combo()
        for step in steps:
            if step.after is None:
                if step.before is not None:
                    self._model.remove(step.before.id)
            elif self._model.knows_document(step.after.document):
                self._model.put(step.after)
            else:
                self._reload()
                return
        self._update_counts()

    def select_annotation(self, annotation_id: int) -> bool:
        """Make the annotation current and show it; False if absent or filtered out."""
        row = self._model.row_of(annotation_id)
        if row is None:
            return False
        index = self._proxy.mapFromSource(self._model.index(row, PASSAGE_COLUMN))
        if not index.isValid():
            return False
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self._view.selectionModel().setCurrentIndex(index, flags)
        self._view.scrollTo(index)
        return True

    def current_annotation(self) -> Annotation | None:
        annotation = self._view.currentIndex().data(ANNOTATION_ROLE)
        return annotation if isinstance(annotation, Annotation) else None

    def selected_annotations(self) -> list[Annotation]:
        """The selected rows' annotations, top to bottom (the current one if none)."""
        rows = self._view.selectionModel().selectedRows()
        found = [index.data(ANNOTATION_ROLE) for index in sorted(rows, key=lambda i: i.row())]
        selected = [a for a in found if isinstance(a, Annotation)]
        current = self.current_annotation()
        return selected or ([current] if current is not None else [])

    def set_tag_filter(self, tag_id: int | None) -> None:
        """Only annotations with this tag (``UNTAGGED``: with none); None shows all."""
        self.tag_combo.setCurrentIndex(max(self.tag_combo.findData(tag_id), 0))

    def set_document_filter(self, name: str | None) -> None:
        self.document_combo.setCurrentIndex(max(self.document_combo.findData(name), 0))

    def set_text_filter(self, text: str) -> None:
        self.search_edit.setText(text)

    def set_orphans_only(self, only: bool) -> None:
        self.orphans_button.setChecked(only)

    def go_to_passage(self) -> None:
        annotation = self.current_annotation()
        if annotation is not None:
            self.jumpRequested.emit(annotation.id)

    def copy_passage(self) -> None:
        """Copy the passages of the selected annotations, one paragraph each."""
        passages = [a.exact for a in self.selected_annotations()]
        if passages:
            clipboard = QGuiApplication.clipboard()
            clipboard.setText("\n\n".join(passages))

    def delete_selected(self) -> int:
        """Delete the selected annotations, as one undoable command; returns how many."""
        ids = [a.id for a in self.selected_annotations()]
        if not ids or not self.editable:
            return 0

        def delete(project: Project) -> Change:
            return project.delete_annotations(ids)

        text = "Delete annotation" if len(ids) == 1 else f"Delete {len(ids)} annotations"
        return len(ids) if self._edits.run(text, delete) is not None else 0

    def context_menu(self) -> QMenu:
        """The menu for the selected annotations (built fresh for their number)."""
        count = len(self.selected_annotations())
        self.go_action.setEnabled(self.current_annotation() is not None)
        self.copy_action.setEnabled(count > 0)
        self.copy_action.setText("&Copy Passage" if count <= 1 else "&Copy Passages")
        self.delete_action.setEnabled(count > 0 and self.editable)
        self.delete_action.setText(
            "&Delete Annotation" if count <= 1 else f"&Delete {count} Annotations"
        )
        menu = QMenu(self)
        menu.addAction(self.go_action)
        menu.addAction(self.copy_action)
        menu.addSeparator()
        menu.addAction(self.delete_action)
        return menu

    # -- internals ---------------------------------------------------------------------

    def _reload(self, *, keep_current: bool = True) -> None:
        """Re-read everything, keeping the filters and the current annotation."""
        project = self._project
        kept = self._current_id if keep_current else -1
        self._quiet = True
        try:
            if project is None or project.closed:
                self._model.clear()
            else:
                self._model.set_content(
                    project.annotations(), project.tags(), project.document_records()
                )
            self._fill_combos()
            if kept >= 0:
                self.select_annotation(kept)
        finally:
            self._quiet = False
        self._announce_current()
        self._update_counts()

    def _fill_combos(self) -> None:
        self._fill_tag_combo()
        project = self._project
        records = project.document_records() if project is not None and not project.closed else []
        fill_document_combo(self.document_combo, records, self._proxy.document_filter)
        self._on_document_filter()

    def _fill_tag_combo(self) -> None:
        fill_tag_combo(self.tag_combo, self._model.tags(), self._proxy.tag_filter)
        self._on_tag_filter()

    def _on_tag_filter(self) -> None:
        data = self.tag_combo.currentData()
        tag_id = data if isinstance(data, int) else None
        if tag_id != self._proxy.tag_filter:
            self._refilter(lambda: self._proxy.set_tag_filter(tag_id))

    def _on_document_filter(self) -> None:
        data = self.document_combo.currentData()
        name = data if isinstance(data, str) else None
        if name != self._proxy.document_filter:
            self._refilter(lambda: self._proxy.set_document_filter(name))

    def _refilter(self, apply: Callable[[], None]) -> None:
        # Hiding the current row makes the view pick a neighbour; the reader did not
        # choose it, so it must not become current: nothing is, until they choose.
        was_quiet, self._quiet = self._quiet, True
        try:
            apply()
            row = self._model.row_of(self._current_id)
            if (
                row is not None
                and not self._proxy.mapFromSource(self._model.index(row, 0)).isValid()
            ):
                self._view.selectionModel().clear()
        finally:
            self._quiet = was_quiet
        if not self._quiet:
            self._announce_current()
        self._update_counts()

    def _on_current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._quiet:
            self._announce_current()

    def _announce_current(self) -> None:
        annotation = self.current_annotation()
        current = annotation.id if annotation is not None else -1
        if current != self._current_id:
            self._current_id = current
            self.annotationSelected.emit(current)

    def _update_counts(self) -> None:
        total = self._model.rowCount()
        shown = self._proxy.rowCount()
        noun = "annotation" if total == 1 else "annotations"
        if self._project is None:
            self.count_label.clear()
        elif shown == total:
            self.count_label.setText(f"{total} {noun}")
        else:
            self.count_label.setText(f"{shown} of {total} {noun}")
        orphans = self._model.orphan_count()
        self.orphans_button.setText(f"Orphans ({orphans})" if orphans else "Orphans")
        self.orphans_button.setEnabled(orphans > 0 or self.orphans_button.isChecked())

    def _show_context_menu(self, position: QPoint) -> None:
        menu = self.context_menu()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self._view.viewport().mapToGlobal(position))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._proxy.setDynamicSortFilter(False)  # colours only: nothing to re-filter
            try:
                self._model.set_palette(self.palette())
            finally:
                self._proxy.setDynamicSortFilter(True)
        super().changeEvent(event)
