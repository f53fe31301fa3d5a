"""The tag list (``tagList``): the project's tags with their keys and how often each is used.

A row shows the tag's colour, its name, its shortcut key ("1"–"9", on a chip of the
tag's colour with black or white text, whichever reads) and the number of annotations
carrying it; the tooltip is the description.  Enter or a double-click emits
:attr:`TagList.tagActivated`: the window applies that tag to the selected text.

Every change goes through :class:`~cablereader.ui.common.undo.ProjectEdits`, so it can be
undone.  The list does not refresh itself after an edit: the window passes every
committed change (undo and redo too) to :meth:`TagList.on_change`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMenu,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from cablereader.core.project import AnnotationStep, Change, Project, Tag, TagStep
from cablereader.core.project.model import SHORTCUT_KEYS
from cablereader.core.project.validation import key_owner
from cablereader.ui.common.undo import ProjectEdits
from cablereader.ui.tags.tagediting import TagEditing
from cablereader.ui.tags.tagmodel import (
    KEY_COLUMN,
    NAME_COLUMN,
    USAGE_COLUMN,
    TagListModel,
)

__all__ = ["KEY_COLUMN", "NAME_COLUMN", "USAGE_COLUMN", "TagList", "TagListModel"]


class _TagView(QTreeView):
    """Enter activates the current tag on every platform (macOS does not by default)."""

    enterPressed = Signal(QModelIndex)
    deletePressed = Signal()

    def event(self, event: QEvent) -> bool:
        # Delete here deletes the tag, even if the window binds Delete to something else.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Delete
            and self.state() != QAbstractItemView.State.EditingState
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.state() != QAbstractItemView.State.EditingState and self.currentIndex().isValid():
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.enterPressed.emit(self.currentIndex())
                return
            if event.key() == Qt.Key.Key_Delete:
                self.deletePressed.emit()
                return
        super().keyPressEvent(event)


class TagList(TagEditing, QWidget):
    """The project's tags: create, rename, recolour, describe, key, delete and merge them."""

    tagActivated = Signal(int)  # tag id: apply it to the current selection

    def __init__(self, edits: ProjectEdits, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tagPanel")
        self._edits = edits
        self._project: Project | None = None
        self._model = TagListModel(self)
        self._view = _TagView(self)
        self._view.setObjectName("tagList")
        self._view.setAccessibleName("tagList")
        self._view.setModel(self._model)
        self._view.setRootIsDecorated(False)
        self._view.setUniformRowHeights(True)
        self._view.setAllColumnsShowFocus(True)
        self._view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = self._view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NAME_COLUMN, QHeaderView.ResizeMode.Stretch)
        for column in (KEY_COLUMN, USAGE_COLUMN):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

        self.new_action = QAction("&New Tag…", self)
        self.new_action.setToolTip("Create a tag")
        self.new_action.triggered.connect(self._new_tag)
        self.edit_action = self._tag_action(
            "&Edit Tag…",
            lambda tag: self.edit_tag_dialog(tag).open(),
            "Change the tag's name, colour, description and key",
        )
        self.rename_action = self._tag_action("&Rename", self._rename_inline)
        self.rename_action.setShortcut(QKeySequence(Qt.Key.Key_F2))  # the view's edit key
        self.colour_action = self._tag_action(
            "Change &Colour…", lambda tag: self.colour_dialog(tag).open()
        )
        self.description_action = self._tag_action(
            "Edit &Description…", lambda tag: self.description_dialog(tag).open()
        )
        self.delete_action = self._tag_action(
            "&Delete Tag…", lambda tag: self.delete_tag(tag.id), "Delete the tag"
        )
        # Keys shown in the menus; the view handles them, so they never act window-wide.
        self.delete_action.setShortcut(QKeySequence(Qt.Key.Key_Delete))
        self.merge_action = self._tag_action(
            "&Merge Into…",
            lambda tag: self.merge_dialog(tag).open(),
            "Give the tag's annotations another tag, and delete this one",
        )
        for action in (self.rename_action, self.delete_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.key_menu = QMenu("Set Shortcut &Key", self)
        self._key_group = QActionGroup(self)
        for key in (None, *SHORTCUT_KEYS):
            action = QAction("&None" if key is None else f"&{key}", self)
            action.setCheckable(True)
            action.setData(key)
            action.triggered.connect(lambda _=False, k=key: self._set_current_key(k))
            self._key_group.addAction(action)
            self.key_menu.addAction(action)
        self.key_menu.aboutToShow.connect(self._update_key_menu)

        toolbar = QToolBar(self)
        toolbar.setObjectName("tagToolBar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.new_action, self.edit_action, self.delete_action, self.merge_action):
            toolbar.addAction(action)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(toolbar)
        layout.addWidget(self._view, 1)

        self._view.doubleClicked.connect(self._activate)
        self._view.enterPressed.connect(self._activate)
        self._view.deletePressed.connect(self.delete_action.trigger)
        self._view.customContextMenuRequested.connect(self._show_context_menu)
        self._view.selectionModel().currentChanged.connect(self._update_actions)
        self._model.renameRequested.connect(self.rename_tag)
        self._model.modelReset.connect(self._update_actions)
        self._update_actions()

    def _tag_action(self, text: str, slot: Callable[[Tag], object], tip: str = "") -> QAction:
        """An action on the current tag, done only while the project can be edited."""
        action = QAction(text, self)
        if tip:
            action.setToolTip(tip)

        def run() -> None:
            tag = self.current_tag()
            if tag is not None and self.editable:
                slot(tag)

        action.triggered.connect(run)
        return action

    # -- public API --------------------------------------------------------------------

    @property
    def model(self) -> TagListModel:
        return self._model

    @property
    def view(self) -> QTreeView:
        return self._view

    @property
    def editable(self) -> bool:
        return self._project is not None and not self._project.read_only

    def set_project(self, project: Project | None) -> None:
        if project is not self._project:
            self._model.set_tags((), {})  # another project's tag ids mean other tags
        self._project = project
        self.refresh()

    def refresh(self) -> None:
        """Re-read the tags and their usage counts, keeping the current tag."""
        current = self.current_tag()
        project = self._project
        if project is None or project.closed:
            tags: list[Tag] = []
            usage: dict[int, int] = {}
        else:
            tags = project.tags()
            usage = {tag.id: project.tag_usage(tag.id) for tag in tags}
        self._model.editable = self.editable
        self._view.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            if self.editable
            else QAbstractItemView.EditTrigger.NoEditTriggers
        )
        self._model.set_tags(tags, usage)
        if current is not None and not self.select_tag(current.id) and tags:
            self.select_tag(tags[0].id)
        self._update_actions()

    def on_change(self, change: Change) -> None:
        """Refresh if the change touched tags or which annotations carry them."""
        if self._project is not None and _touches_tags(change):
            self.refresh()

    def tags(self) -> list[Tag]:
        return self._model.tags()

    def tag_for_key(self, key: str) -> Tag | None:
        """The tag whose shortcut is ``key`` (from the list shown: no database query)."""
        return key_owner(key, self._model.tags()) if key else None

    def current_tag(self) -> Tag | None:
        index = self._view.currentIndex()
        if not index.isValid() or index.row() >= self._model.rowCount():
            return None
        return self._model.tag(index.row())

    def select_tag(self, tag_id: int) -> bool:
        row = self._model.row_of(tag_id)
        if row is None:
            return False
        self._view.setCurrentIndex(self._model.index(row, NAME_COLUMN))
        return True

    def usage(self, tag_id: int) -> int:
        return self._model.usage(tag_id)

    # -- internals ---------------------------------------------------------------------

    def _tag_created(self, tag_id: int) -> None:
        if self._model.row_of(tag_id) is None:
            self.refresh()  # not wired to the project's changes (e.g. a test): catch up
        self.select_tag(tag_id)

    def _activate(self, index: QModelIndex) -> None:
        if index.isValid():
            self.tagActivated.emit(self._model.tag(index.row()).id)

    def _new_tag(self) -> None:
        if self.editable:
            self.new_tag_dialog().open()

    def _rename_inline(self, tag: Tag) -> None:
        row = self._model.row_of(tag.id)
        if row is not None:
            self._view.setFocus()
            self._view.edit(self._model.index(row, NAME_COLUMN))

    def _set_current_key(self, key: str | None) -> None:
        tag = self.current_tag()
        if tag is not None and self.editable and tag.key != key:
            self.set_tag_key(tag.id, key)

    def _update_key_menu(self) -> None:
        tag = self.current_tag()
        for action in self._key_group.actions():
            key = action.data()
            owner = key_owner(key, self.tags(), except_id=tag.id if tag else None)
            label = "&None" if key is None else f"&{key}"
            action.setText(label if owner is None else f"{label}  (moves from “{owner.name}”)")
            action.setChecked(tag is not None and tag.key == key)

    def _update_actions(self, *_: object) -> None:
        editable = self.editable
        has_tag = self.current_tag() is not None
        self.new_action.setEnabled(editable)
        for action in (
            self.edit_action,
            self.rename_action,
            self.colour_action,
            self.description_action,
            self.delete_action,
        ):
            action.setEnabled(editable and has_tag)
        self.key_menu.setEnabled(editable and has_tag)
        self.merge_action.setEnabled(editable and has_tag and self._model.rowCount() > 1)

    def context_menu(self) -> QMenu:
        """The menu for the current tag (built fresh, so it reflects the current state)."""
        self._update_actions()
        menu = QMenu(self)
        menu.addAction(self.new_action)
        menu.addSeparator()
        for action in (self.edit_action, self.rename_action, self.colour_action):
            menu.addAction(action)
        menu.addAction(self.description_action)
        menu.addMenu(self.key_menu)
        menu.addSeparator()
        menu.addAction(self.merge_action)
        menu.addAction(self.delete_action)
        return menu

    def _show_context_menu(self, position: QPoint) -> None:
        menu = self.context_menu()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self._view.viewport().mapToGlobal(position))


def _touches_tags(change: Change) -> bool:
    """Whether a change alters the tags or which annotations carry them."""
    for step in change.steps:
        if isinstance(step, TagStep):
            return True
        if isinstance(step, AnnotationStep):
            before = step.before.tag_ids if step.before is not None else ()
            after = step.after.tag_ids if step.after is not None else ()
            if before != after:
                return True
    return False
