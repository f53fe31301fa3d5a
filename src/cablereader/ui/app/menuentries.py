"""Menu entries added to the window's menus by the commands that own them, and the
small wording helpers their messages share."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu


def menu_action(window: QMainWindow, text: str, tip: str, name: str) -> QAction:
    """An action of the window (its shortcuts work in the docks too), named for tests."""
    action = QAction(text, window)
    action.setToolTip(tip)
    action.setStatusTip(tip)
    action.setObjectName(name)
    window.addAction(action)
    return action


def insert_after(menu: QMenu, anchor: QAction, items: Sequence[QAction | QMenu]) -> None:
    """Put ``items`` right after ``anchor`` in ``menu`` (at the end if it is not there)."""
    actions = menu.actions()
    index = actions.index(anchor) + 1 if anchor in actions else len(actions)
    before = actions[index] if index < len(actions) else None
    for item in items:
        entry = item.menuAction() if isinstance(item, QMenu) else item
        if before is None:
            menu.addAction(entry)
        else:
            menu.insertAction(before, entry)


def with_suffix(path: str, suffix: str) -> str:
    """``path`` ending in ``suffix`` (a save dialog may give a name without one)."""
    return path if path.lower().endswith(suffix) else path + suffix


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
