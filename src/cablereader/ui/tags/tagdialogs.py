"""The tag dialog: a new or edited tag, checked as the store would check it.

:class:`TagDialog` collects a tag's name, colour, description and key and checks them
against ``core.project.validation``, so the problem shows next to the field instead of
after pressing OK.  The edits it leads to are in ``tagediting``.
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
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cablereader.core.project import Tag
from cablereader.core.project.model import SHORTCUT_KEYS
from cablereader.core.project.validation import (
    MAX_TAG_NAME_CHARS,
    clean_tag_name,
    key_owner,
    tag_name_problem,
)
from cablereader.ui.common.palette import removed_colour
from cablereader.ui.common.swatches import swatch

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
