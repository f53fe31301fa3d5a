"""The note of the selected annotation, saved as it is typed.

Each change of the text is committed to the project at once (one small SQLite
transaction), so closing or killing the app right after typing loses nothing; the
undo stack merges the keystrokes of one note into one step.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from cablereader.core.project import Annotation, Change, InvalidEdit, Project
from cablereader.ui.common.text import one_line
from cablereader.ui.common.undo import ProjectEdits

_HINT = (
    "Select text in either pane and press a tag's key (1–9) to make an annotation; "
    "its note is written here."
)


class NoteEditor(QWidget):
    """Shows and edits the note of one annotation."""

    def __init__(self, edits: ProjectEdits, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._edits = edits
        self._project: Project | None = None
        self._annotation: Annotation | None = None
        self._loading = False
        # Why the text shown is not what the project holds (a failed save), or None.
        self._unsaved: str | None = None
        self.heading = QLabel(_HINT)
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setContentsMargins(6, 4, 6, 4)
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("noteEditor")
        self.editor.setAccessibleName("noteEditor")
        self.editor.setAccessibleDescription("The note of the selected annotation")
        self.editor.setPlaceholderText("Write a note about this passage…")
        self.editor.setTabChangesFocus(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.heading)
        layout.addWidget(self.editor)
        self.editor.textChanged.connect(self._text_changed)
        self._update_state()

    @property
    def annotation(self) -> Annotation | None:
        return self._annotation

    def set_project(self, project: Project | None) -> None:
        self._project = project
        self.show_annotation(None)

    def show_annotation(self, annotation: Annotation | None) -> None:
        current = self._annotation
        if annotation is not None and current is not None and annotation.id != current.id:
            self._edits.end_merging()
        self._annotation = annotation
        self._unsaved = None
        self._loading = True
        try:
            text = annotation.note if annotation is not None else ""
            if self.editor.toPlainText() != text:
                self.editor.setPlainText(text)
        finally:
            self._loading = False
        self._update_state()

    def on_change(self, change: Change) -> None:
        """Follow edits made elsewhere (undo, redo, deletion) to the shown annotation."""
        current = self._annotation
        if current is None or current.id not in change.annotation_ids:
            return
        for annotation in change.current_annotations:
            if annotation.id == current.id:
                self._annotation = annotation
                if annotation.note != self.editor.toPlainText():
                    self.show_annotation(annotation)
                else:
                    self._update_state()
                return
        self.show_annotation(None)  # it was deleted

    def _text_changed(self) -> None:
        annotation = self._annotation
        if self._loading or annotation is None:
            return
        text = self.editor.toPlainText()
        if text == annotation.note:
            return
        change = self._edits.run(
            "Edit note",
            lambda project: project.set_note(annotation.id, text),
            merge_key=("note", annotation.id),
        )
        if change is None:
            # The screen must not pass the text off as saved: say so where it is typed.
            self._unsaved = self._edits.last_failure or "the note could not be saved"
        else:
            self._unsaved = None
            for updated in change.current_annotations:
                if updated.id == annotation.id:
                    self._annotation = updated
        self._update_state()

    @property
    def unsaved(self) -> str | None:
        """Why the note shown differs from the one saved in the project, or None."""
        return self._unsaved

    def _title_of(self, annotation: Annotation) -> str:
        """The annotated document's title (file names are often hashes)."""
        if self._project is None:
            return annotation.document
        try:
            title = self._project.document_record(annotation.document).title
        except InvalidEdit:
            return annotation.document
        return one_line(title, 60) or annotation.document

    def _update_state(self) -> None:
        annotation = self._annotation
        read_only = self._project is None or self._project.read_only
        self.editor.setEnabled(annotation is not None)
        self.editor.setReadOnly(read_only)
        if annotation is None:
            self.heading.setText(_HINT)
            return
        passage = " ".join(annotation.exact.split())
        if len(passage) > 90:
            passage = passage[:89] + "…"
        state = " (orphan: not found in the current text)" if annotation.orphaned else ""
        unsaved = ""
        if self._unsaved is not None:
            unsaved = (
                '<br><span style="color:#b00020"><b>⚠ Not saved:</b> '
                f"{escape(self._unsaved)}</span>"
            )
        self.heading.setText(
            f"Note on “{escape(passage)}” in <b>{escape(self._title_of(annotation))}</b>{state}"
            + (" — read-only project" if read_only else "")
            + unsaved
        )
        self.heading.setToolTip(f"File: {annotation.document}")
