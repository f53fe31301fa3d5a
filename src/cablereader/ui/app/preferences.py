"""Preferences: who the user is (the author written to new annotations).

Kept in QSettings (it belongs to the person, not to the project); the open project is
told, so new annotations carry it and the CSV's ``author`` column is filled.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

AUTHOR_KEY = "identity/author"


def author_name(settings: QSettings) -> str:
    return str(settings.value(AUTHOR_KEY, "") or "").strip()


def set_author_name(settings: QSettings, name: str) -> None:
    settings.setValue(AUTHOR_KEY, name.strip())
    settings.sync()


class PreferencesDialog(QDialog):
    """The author name; more settings would join it here."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle("Preferences — CableReader")
        self._settings = settings
        self.author_edit = QLineEdit(author_name(settings))
        self.author_edit.setObjectName("authorEdit")
        self.author_edit.setAccessibleName("Author name")
        self.author_edit.setPlaceholderText("e.g. Jane Doe")
        self.author_edit.setMinimumWidth(280)
        hint = QLabel(
            "Written to every annotation you make from now on, and to the "
            "<i>author</i> column of the CSV export."
        )
        hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow("&Your name:", self.author_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)

    def accept(self) -> None:
        set_author_name(self._settings, self.author_edit.text())
        super().accept()
