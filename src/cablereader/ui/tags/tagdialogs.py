"""The tag list's dialogs, and the undoable edits they lead to.

:class:`TagDialog` collects a new or edited tag and checks it as the store would
(``core.project.validation``), so the problem shows next to the field instead of after
pressing OK.  :class:`TagEditing` (mixed into :class:`~cablereader.ui.tags.taglist.TagList`)
builds every dialog in a method that returns it unopened, so tests can fill it and call
``accept()``; actions open them with ``open()`` (window-modal, no nested event loop).
Each edit runs through ``ProjectEdits.run``, so it can be undone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cablereader.core.project import Change, Project, Tag
from cablereader.core.project.model import SHORTCUT_KEYS
from cablereader.core.project.validation import (
    MAX_TAG_NAME_CHARS,
    clean_tag_name,
    key_owner,
    tag_name_problem,
)
from cablereader.ui.common import messageboxes
from cablereader.ui.common.palette import removed_colour
from cablereader.ui.common.swatches import swatch
from cablereader.ui.common.undo import ProjectEdits

# Light, distinct colours for new tags: black text stays readable on each of them.
NEW_TAG_COLOURS = tuple(
    "#ffd54f #ef9a9a #90caf9 #a5d6a7 #ce93d8 #ffab91 #80deea #e6ee9c #b0bec5 #f48fb1".split()  # noqa: SIM905
)


@dataclass(frozen=True)
class TagValues:
    """What the tag dialog collected; ``key`` None means no shortcut."""

    name: str
    colour: str
    description: str
    key: str | None


def next_colour(tags: Sequence[Tag]) -> str:
    """A colour for a new tag: the first of the house colours no tag uses yet."""
    used = {tag.colour.lower() for tag in tags}
    return next((c for c in NEW_TAG_COLOURS if c not in used), NEW_TAG_COLOURS[0])


def free_key(tags: Sequence[Tag]) -> str | None:
    used = {tag.key for tag in tags}
    return next((key for key in SHORTCUT_KEYS if key not in used), None)


def text_colour(background: QColor) -> QColor:
    """Black or white, whichever reads better on ``background`` (WCAG luminance)."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    luminance = (
        0.2126 * channel(background.redF())
        + 0.7152 * channel(background.greenF())
        + 0.0722 * channel(background.blueF())
    )
    # Contrast with black (L + 0.05) / 0.05 against white 1.05 / (L + 0.05).
    return QColor("#000000") if luminance > 0.179 else QColor("#ffffff")


class TagDialog(QDialog):
    """Name, colour, description and shortcut key of a new tag, or of one to edit.

    Problems with the name (empty, already used) are shown under the fields and keep
    OK disabled; a key that another tag has is allowed, with a note that OK moves it
    (:meth:`key_taken_from` says from which tag).
    """

    def __init__(self, tags: Sequence[Tag], tag: Tag | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("tagDialog")
        self._tags = list(tags)
        self._tag = tag
        self._except_id = tag.id if tag is not None else None
        self.setWindowTitle("New Tag" if tag is None else f"Edit Tag “{tag.name}”")

        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("tagNameEdit")
        self.name_edit.setAccessibleName("Tag name")
        self.name_edit.setMaxLength(MAX_TAG_NAME_CHARS + 20)
        self.colour_button = QPushButton(self)
        self.colour_button.setObjectName("tagColourButton")
        self.colour_button.setAccessibleName("Tag colour")
        self.description_edit = QPlainTextEdit(self)
        self.description_edit.setObjectName("tagDescriptionEdit")
        self.description_edit.setAccessibleName("Tag description")
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setFixedHeight(self.fontMetrics().height() * 4 + 12)
        self.key_combo = QComboBox(self)
        self.key_combo.setObjectName("tagKeyCombo")
        self.key_combo.setAccessibleName("Shortcut key")
        self.key_combo.addItem("None", None)
        for key in SHORTCUT_KEYS:
            owner = key_owner(key, self._tags, except_id=self._except_id)
            label = key if owner is None else f"{key}  (now “{owner.name}”)"
            self.key_combo.addItem(label, key)
        self.message = QLabel(self)
        self.message.setObjectName("tagDialogMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self._buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button.setText("Create" if tag is None else "Save")

        form = QFormLayout()
        form.addRow("&Name:", self.name_edit)
        form.addRow("&Colour:", self.colour_button)
        form.addRow("&Description:", self.description_edit)
        form.addRow("Shortcut &key:", self.key_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self._buttons)

        self._colour = tag.colour if tag is not None else next_colour(self._tags)
        if tag is not None:
            self.name_edit.setText(tag.name)
            self.description_edit.setPlainText(tag.description)
            self.set_key(tag.key)
        else:
            self.set_key(free_key(self._tags))
        self.set_colour(self._colour)

        self._typed = tag is not None
        self.name_edit.textChanged.connect(self._name_typed)
        self.key_combo.currentIndexChanged.connect(self._validate)
        self.colour_button.clicked.connect(self._choose_colour)
        self._buttons.accepted.connect(self.accept)
        self._buttons.rejected.connect(self.reject)
        self._validate()

    @property
    def ok_button(self) -> QPushButton:
        button = self._buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert button is not None
        return button

    def set_colour(self, colour: str) -> None:
        self._colour = QColor(colour).name()
        self.colour_button.setText(self._colour)
        self.colour_button.setIcon(swatch(self._colour))

    def set_key(self, key: str | None) -> None:
        index = self.key_combo.findData(key) if key is not None else 0
        self.key_combo.setCurrentIndex(max(index, 0))

    def values(self) -> TagValues:
        key = self.key_combo.currentData()
        return TagValues(
            clean_tag_name(self.name_edit.text()),
            self._colour,
            self.description_edit.toPlainText().strip(),
            key if isinstance(key, str) else None,
        )

    def problem(self) -> str | None:
        """What keeps the tag from being saved, or None."""
        return tag_name_problem(self.name_edit.text(), self._tags, except_id=self._except_id)

    def key_taken_from(self) -> Tag | None:
        """The tag that loses its shortcut if this dialog is accepted."""
        return key_owner(self.values().key, self._tags, except_id=self._except_id)

    def colour_dialog(self) -> QColorDialog:
        """The colour picker for this tag (opened by the colour button)."""
        dialog = QColorDialog(QColor(self._colour), self)
        dialog.setWindowTitle("Tag Colour")
        dialog.colorSelected.connect(lambda colour: self.set_colour(colour.name()))
        return dialog

    def accept(self) -> None:
        if self.problem() is not None:
            self._validate()
            self.name_edit.setFocus()
            return
        super().accept()

    def _choose_colour(self) -> None:
        self.colour_dialog().open()

    def _name_typed(self) -> None:
        self._typed = True
        self._validate()

    def _validate(self) -> None:
        problem = self.problem()
        owner = self.key_taken_from()
        self.ok_button.setEnabled(problem is None)
        if problem is not None:
            # An empty name in a fresh dialog is a hint, not yet an error.
            error = self._typed
            self.message.setText(problem if error else "Enter a name for the tag.")
            colour = removed_colour(self.palette()).name() if error else ""
            self.message.setStyleSheet(f"color: {colour}" if colour else "")
        elif owner is not None:
            key = self.values().key
            self.message.setText(f"Key {key} is the shortcut of “{owner.name}”; saving moves it.")
            self.message.setStyleSheet("")
        else:
            self.message.clear()
            self.message.setStyleSheet("")


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
