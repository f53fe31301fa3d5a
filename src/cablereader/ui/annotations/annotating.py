"""Tagging passages in the panes, and drawing the annotations there.

Select text in either pane and press a tag's key (1–9), or pick the tag in the tag
list: the selection becomes an annotation with that tag; pressing the key again on the
same passage takes the tag off.  Annotated text is tinted with its tags' colours
(blended when several) and striped in the margin, one stripe per tag.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor, QPalette, QTextCharFormat

from cablereader.core.project import Annotation, Change, Project, Tag
from cablereader.ui.common.palette import is_dark
from cablereader.ui.common.undo import ProjectEdits
from cablereader.ui.reader.comparison import ComparisonView
from cablereader.ui.reader.panes import DocumentPane, Span


def blend(colours: list[QColor], palette: QPalette) -> QColor:
    """The tags' colours mixed, translucent enough for the text to stay readable."""
    if not colours:
        return QColor(0, 0, 0, 0)
    red = sum(c.red() for c in colours) // len(colours)
    green = sum(c.green() for c in colours) // len(colours)
    blue = sum(c.blue() for c in colours) // len(colours)
    return QColor(red, green, blue, 90 if is_dark(palette) else 120)


class Annotator(QObject):
    """Connects the panes to the project's annotations."""

    annotationFocused = Signal(int)  # the caret entered this annotation
    message = Signal(str)  # a hint for the status bar

    def __init__(
        self,
        view: ComparisonView,
        edits: ProjectEdits,
        project: Callable[[], Project | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.view = view
        self.edits = edits
        self._project = project
        self.last_pane: DocumentPane = view.article_pane
        self._tags: dict[int, Tag] = {}
        self._cache: dict[str, list[Annotation]] = {}
        self._cache_owner: Project | None = None
        for pane in (view.source_pane, view.article_pane):
            pane.tagKeyPressed.connect(lambda key, pane=pane: self.tag_with_key(pane, key))
            pane.caretMoved.connect(lambda offset, pane=pane: self._caret_moved(pane, offset))
        view.extra_tooltip = self.tooltip

    # ---- which document is where ------------------------------------------------

    def document_of(self, pane: DocumentPane) -> str | None:
        document = (
            self.view.left_document if pane is self.view.source_pane else self.view.right_document
        )
        return document.name if document is not None else None

    def pane_of(self, document: str) -> DocumentPane | None:
        if self.view.right_document is not None and self.view.right_document.name == document:
            return self.view.article_pane
        if self.view.left_document is not None and self.view.left_document.name == document:
            return self.view.source_pane
        return None

    def _annotations_of(self, document: str) -> list[Annotation]:
        """The document's annotations, read once per refresh, not per caret move or hover."""
        project = self._project()
        if project is None:
            return []
        if self._cache_owner is not project:
            self._cache_owner = project
            self._cache.clear()
        found = self._cache.get(document)
        if found is None:
            found = self._cache[document] = project.annotations(document)
        return found

    def annotations_at(self, document: str, offset: int) -> list[Annotation]:
        return [
            a
            for a in self._annotations_of(document)
            if not a.orphaned and a.start <= offset < max(a.end, a.start + 1)
        ]

    # ---- tagging ------------------------------------------------------------------

    def tag_with_key(self, pane: DocumentPane, key: str) -> None:
        project = self._project()
        if project is None:
            return
        tag = project.tag_for_key(key)
        if tag is None:
            self.message.emit(f"No tag has the key {key}: give one a key in the Tags panel.")
            return
        self.apply_tag(tag.id, pane)

    def apply_tag(self, tag_id: int, pane: DocumentPane | None = None) -> Annotation | None:
        """Tag the selection of ``pane`` (the last used pane by default)."""
        pane = pane or self.last_pane
        project = self._project()
        document = self.document_of(pane)
        if project is None or document is None:
            return None
        tag = project.tag(tag_id)
        start, end = pane.selection_offsets()
        if start == end:
            found = self.annotations_at(document, start)
            if not found:
                self.message.emit("Select some text first, then press the tag's key.")
                return None
            return self._toggle(found[-1], tag)
        same = [a for a in self._annotations_of(document) if (a.start, a.end) == (start, end)]
        if same:
            return self._toggle(same[0], tag)
        change = self.edits.run(
            f"Tag “{tag.name}”",
            lambda p: p.add_annotation(document, start, end, [tag.id]),
        )
        if change is None:
            return None
        annotation = change.annotation
        # Drop the selection so the tag's colour shows at once; the caret stays in the
        # passage, so another key adds a second tag to the same annotation.
        pane.select_offsets(start, start, ensure_visible=False)
        self.annotationFocused.emit(annotation.id)
        return annotation

    def _toggle(self, annotation: Annotation, tag: Tag) -> Annotation | None:
        if tag.id in annotation.tag_ids:
            tags = [t for t in annotation.tag_ids if t != tag.id]
            text = f"Remove tag “{tag.name}”"
        else:
            tags = [*annotation.tag_ids, tag.id]
            text = f"Tag “{tag.name}”"
        change = self.edits.run(text, lambda p: p.set_annotation_tags(annotation.id, tags))
        if change is None:
            return None
        self.annotationFocused.emit(annotation.id)
        return change.annotation

    # ---- following the caret ----------------------------------------------------

    def _caret_moved(self, pane: DocumentPane, offset: int) -> None:
        self.last_pane = pane
        document = self.document_of(pane)
        if document is None:
            return
        found = self.annotations_at(document, offset)
        if found:
            self.annotationFocused.emit(found[-1].id)

    def show_annotation(self, annotation: Annotation) -> DocumentPane | None:
        """Select an annotation's passage in the pane showing its document."""
        pane = self.pane_of(annotation.document)
        if pane is None or annotation.orphaned:
            return pane
        pane.select_offsets(annotation.start, annotation.end, ensure_visible=False)
        pane.centre_on(annotation.start)
        self.last_pane = pane
        return pane

    # ---- drawing ------------------------------------------------------------------

    def set_project(self, project: Project | None) -> None:
        """Another project: forget the annotations read from the last one."""
        self._cache.clear()
        self._cache_owner = project

    def on_change(self, change: Change) -> None:
        self.refresh(change)

    def refresh(self, change: Change | None = None) -> None:
        """Redraw the annotations of the documents shown (after any change)."""
        self._cache.clear()  # every change to the project comes through here
        project = self._project()
        self._tags = {t.id: t for t in project.tags()} if project is not None else {}
        palette = self.view.palette()
        for pane in (self.view.source_pane, self.view.article_pane):
            document = self.document_of(pane)
            if project is None or document is None:
                pane.set_layer("annotation", [])
                pane.set_markers([])
                continue
            spans = []
            markers = []
            for annotation in self._annotations_of(document):
                if annotation.orphaned or annotation.end <= annotation.start:
                    continue
                colours = [
                    QColor(self._tags[t].colour) for t in annotation.tag_ids if t in self._tags
                ]
                fmt = QTextCharFormat()
                fmt.setBackground(blend(colours, palette) if colours else QColor(128, 128, 128, 60))
                spans.append(Span(annotation.start, annotation.end, fmt))
                markers.append(
                    (annotation.start, annotation.end, tuple(colours) or (QColor("#888888"),))
                )
            pane.set_layer("annotation", spans)
            pane.set_markers(markers)

    def tooltip(self, document: str, offset: int) -> str | None:
        lines = []
        for annotation in self.annotations_at(document, offset):
            names = ", ".join(self._tags[t].name for t in annotation.tag_ids if t in self._tags)
            lines.append(f"Tags: {names or '(none)'}")
            if annotation.note.strip():
                note = annotation.note.strip()
                lines.append(f"Note: {note[:300]}{'…' if len(note) > 300 else ''}")
        return "\n".join(lines) or None
