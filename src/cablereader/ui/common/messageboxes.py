"""Message boxes whose text is always plain: a file or tag name is never markup.

``QMessageBox.question`` and ``warning`` guess the text's format, so a file named
``<img src="/etc/passwd">.txt`` would be rendered (and the image read).  These set
``Qt.TextFormat.PlainText`` on the box, which covers its informative text too.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

Button = QMessageBox.StandardButton


def plain_message_box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons: Button = Button.Ok,
) -> QMessageBox:
    """A message box showing ``text`` (and any informative text) as plain text."""
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def plain_labels(widget: QWidget) -> None:
    """Make every label of ``widget`` (a dialog whose text names a tag) plain text."""
    for label in widget.findChildren(QLabel):
        label.setTextFormat(Qt.TextFormat.PlainText)


def ask(
    parent: QWidget | None,
    title: str,
    text: str,
    buttons: Button = Button.Yes | Button.No,
) -> Button:
    """Ask and wait for the answer (the button pressed; Escape gives the cancel one)."""
    box = plain_message_box(parent, QMessageBox.Icon.Question, title, text, buttons)
    box.exec()
    clicked = box.clickedButton()
    return box.standardButton(clicked) if clicked is not None else Button.NoButton


def warn(parent: QWidget | None, title: str, text: str) -> None:
    """Tell something and wait until it is read."""
    plain_message_box(parent, QMessageBox.Icon.Warning, title, text).exec()


def open_warning(parent: QWidget | None, title: str, text: str, details: str = "") -> QMessageBox:
    """A warning that does not block (window-modal, opened, not executed): the window
    stays usable, and testable.  Long ``details`` are cut in the box, whole behind
    *Show Details*."""
    box = plain_message_box(parent, QMessageBox.Icon.Warning, title, text)
    box.setObjectName("messageBox")
    if details:
        box.setInformativeText(details if len(details) < 600 else details[:600] + "…")
        box.setDetailedText(details)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.open()
    return box
