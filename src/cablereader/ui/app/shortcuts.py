"""The keyboard-shortcut sheet (Help ▸ Keyboard Shortcuts), made from the actions."""

from __future__ import annotations

from html import escape

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from cablereader.ui.app.actions import Actions, shown_keys

# Keys that belong to no single action, named where the sheet lists them.
_OTHER_KEYS = (
    ("1 … 9", "Tag the selected text with the tag of that key (again: untag)"),
    ("Esc", "Close the find bar; leave full screen"),
    ("Tab, Shift+Tab", "Move between panes and lists"),
    ("Alt+drag", "Select exact characters (a plain drag selects whole words)"),
)


def action_name(action: QAction) -> str:
    """An action's name as a menu shows it, without the mnemonic and the ellipsis."""
    name = action.property("sheetName")
    if isinstance(name, str) and name:
        return name
    return action.text().replace("&", "").rstrip("…")


def shortcut_rows(actions: Actions) -> list[tuple[str, str]]:
    """(keys, what they do) for every key the window answers to, in the sheet's order.

    README's table of shortcuts is this list (a test compares them), so the sheet, the
    README and the keys cannot drift apart.
    """
    actions.undo.setProperty("sheetName", "Undo")
    actions.redo.setProperty("sheetName", "Redo")
    rows = [(", ".join(shown_keys(a)), action_name(a)) for a in actions.all() if shown_keys(a)]
    return [_OTHER_KEYS[0], *rows, *_OTHER_KEYS[1:]]


class ShortcutsDialog(QDialog):
    """Every key the window answers to, from the actions themselves."""

    def __init__(self, actions: Actions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard Shortcuts — CableReader")
        self.resize(560, 640)
        rows = "".join(
            f"<tr><td><b>{escape(keys)}</b></td><td>{escape(what)}</td></tr>"
            for keys, what in shortcut_rows(actions)
        )
        browser = QTextBrowser()
        browser.setObjectName("shortcutsText")
        browser.setHtml(
            "<table cellpadding='4'>"
            "<tr><th align='left'>Keys</th><th align='left'>Action</th></tr>" + rows + "</table>"
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(browser)
        layout.addWidget(buttons)
