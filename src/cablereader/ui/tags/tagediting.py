"""The tag list's edits, and the dialogs that ask for them.

:class:`TagEditing` (mixed into :class:`~cablereader.ui.tags.taglist.TagList`) builds
every dialog in a method that returns it unopened, so tests can fill it and call
``accept()``; actions open them with ``open()`` (window-modal, no nested event loop).
Each edit runs through ``ProjectEdits.run``, so it can be undone; confirmations and
refusals are plain-text message boxes (a tag's name is never markup).
"""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog, QInputDialog, QMessageBox, QWidget

from cablereader.core.project import Change, Project, Tag
from cablereader.core.project.validation import tag_name_problem
from cablereader.ui.common import messageboxes
from cablereader.ui.common.undo import ProjectEdits
from cablereader.ui.tags.tagdialogs import TagDialog, TagValues


def _uses(count: int) -> str:
    return "1 annotation" if count == 1 else f"{count} annotations"


class TagEditing:
    """Every edit of the tag list, and the dialogs that ask for them.

    Mixed into a QWidget that provides ``_edits``, :meth:`tags` and :meth:`usage`.
    Each edit method returns whether the edit was made.
    """

    _edits: ProjectEdits

    def tags(self) -> list[Tag]:
        raise NotImplementedError

    def usage(self, tag_id: int) -> int:
        raise NotImplementedError

    def _tag_created(self, tag_id: int) -> None:
        """A new tag exists (the list selects it)."""

    def _widget(self) -> QWidget:
        assert isinstance(self, QWidget)
        return self

    def confirm(self, title: str, text: str) -> bool:
        """Ask before a destructive edit (tests replace this)."""
        return messageboxes.ask(self._widget(), title, text) == QMessageBox.StandardButton.Yes

    def warn(self, title: str, text: str) -> None:
        """Tell why an edit was refused (tests replace this)."""
        messageboxes.warn(self._widget(), title, text)

    # -- dialogs -----------------------------------------------------------------------

    def new_tag_dialog(self) -> TagDialog:
        dialog = TagDialog(self.tags(), None, self._widget())
        dialog.accepted.connect(lambda: self.create_tag(dialog.values()))
        return dialog

    def edit_tag_dialog(self, tag: Tag) -> TagDialog:
        dialog = TagDialog(self.tags(), tag, self._widget())
        dialog.accepted.connect(lambda: self.update_tag(tag.id, dialog.values()))
        return dialog

    def colour_dialog(self, tag: Tag) -> QColorDialog:
        dialog = QColorDialog(QColor(tag.colour), self._widget())
        dialog.setWindowTitle(f"Colour of “{tag.name}”")
        dialog.colorSelected.connect(lambda colour: self.set_tag_colour(tag.id, colour.name()))
        return dialog

    def description_dialog(self, tag: Tag) -> QInputDialog:
        dialog = QInputDialog(self._widget())
        dialog.setWindowTitle(f"Description of “{tag.name}”")
        dialog.setLabelText("What the tag is for (shown when hovering over it):")
        dialog.setOption(QInputDialog.InputDialogOption.UsePlainTextEditForTextInput)
        dialog.setTextValue(tag.description)
        dialog.accepted.connect(lambda: self.set_tag_description(tag.id, dialog.textValue()))
        return dialog

    def merge_dialog(self, tag: Tag) -> QInputDialog:
        """Choose the tag to merge ``tag`` into (``setTextValue(name)`` picks one)."""
        targets = {t.name: t.id for t in self.tags() if t.id != tag.id}
        dialog = QInputDialog(self._widget())
        dialog.setWindowTitle(f"Merge “{tag.name}”")
        dialog.setLabelText(
            f"The {_uses(self.usage(tag.id))} tagged “{tag.name}” get this tag instead, "
            f"and “{tag.name}” is deleted.\n\nMerge into:"
        )
        dialog.setComboBoxItems(list(targets))
        dialog.setOkButtonText("Merge…")
        messageboxes.plain_labels(dialog)

        def merge() -> None:
            target = targets.get(dialog.textValue())
            if target is not None:
                self.merge_tag(tag.id, target)

        dialog.accepted.connect(merge)
        return dialog

    # -- edits -------------------------------------------------------------------------

    def create_tag(self, values: TagValues) -> bool:
        if self._refused("New Tag", values.name):
            return False

        def edit(project: Project) -> Change:
            return project.add_tag(
                values.name, values.colour, values.description, values.key, take_key=True
            )

        change = self._edits.run(f"New tag “{values.name}”", edit)
        if change is not None:
            self._tag_created(change.added_tag.id)
        return change is not None

    def update_tag(self, tag_id: int, values: TagValues) -> bool:
        if self._refused("Edit Tag", values.name, tag_id):
            return False

        def edit(project: Project) -> Change:
            return project.update_tag(
                tag_id,
                name=values.name,
                colour=values.colour,
                description=values.description,
                key=values.key,
                take_key=True,
            )

        return self._edits.run(f"Edit tag “{values.name}”", edit) is not None

    def rename_tag(self, tag_id: int, name: str) -> bool:
        if self._refused("Rename Tag", name, tag_id):
            return False
        change = self._edits.run("Rename tag", lambda p: p.update_tag(tag_id, name=name))
        return change is not None

    def set_tag_colour(self, tag_id: int, colour: str) -> bool:
        change = self._edits.run("Change tag colour", lambda p: p.update_tag(tag_id, colour=colour))
        return change is not None

    def set_tag_description(self, tag_id: int, description: str) -> bool:
        text = description.strip()
        change = self._edits.run(
            "Edit tag description", lambda p: p.update_tag(tag_id, description=text)
        )
        return change is not None

    def set_tag_key(self, tag_id: int, key: str | None) -> bool:
        """Give the tag this shortcut (None: none), taking it from another tag if need be."""
        change = self._edits.run(
            "Set tag shortcut key", lambda p: p.update_tag(tag_id, key=key, take_key=True)
        )
        return change is not None

    def delete_tag(self, tag_id: int) -> bool:
        """Delete the tag after confirmation; its annotations stay, without it."""
        tag = next((t for t in self.tags() if t.id == tag_id), None)
        if tag is None:
            return False
        usage = self.usage(tag_id)
        if usage:
            text = (
                f"“{tag.name}” is used by {_uses(usage)}. Delete it? "
                "The annotations stay, without this tag."
            )
        else:
            text = f"Delete the tag “{tag.name}”? No annotation uses it."
        if not self.confirm("Delete Tag", text):
            return False
        change = self._edits.run(f"Delete tag “{tag.name}”", lambda p: p.delete_tag(tag_id))
        return change is not None

    def merge_tag(self, from_id: int, into_id: int) -> bool:
        """Merge after confirmation: ``from_id``'s annotations get ``into_id``; it goes."""
        tags = {t.id: t for t in self.tags()}
        source, target = tags.get(from_id), tags.get(into_id)
        if source is None or target is None or from_id == into_id:
            return False
        text = (
            f"Merge “{source.name}” into “{target.name}”? The {_uses(self.usage(from_id))} "
            f"tagged “{source.name}” will be tagged “{target.name}”, and “{source.name}” "
            "will be deleted."
        )
        if not self.confirm("Merge Tags", text):
            return False
        text = f"Merge “{source.name}” into “{target.name}”"
        return self._edits.run(text, lambda p: p.merge_tags(from_id, into_id)) is not None

    def _refused(self, title: str, name: str, tag_id: int | None = None) -> bool:
        """Warn and return True if ``name`` cannot be the tag's name."""
        problem = tag_name_problem(name, self.tags(), except_id=tag_id)
        if problem is not None:
            self.warn(title, problem)
        return problem is not None
