"""Every project edit goes through one QUndoStack.

An edit is a function of the project that commits and returns a core ``Change``; it
has already happened when its command is pushed, so the command's first ``redo`` does
nothing.  Undo and redo are ``project.revert`` of the change and of its inverse.  Typing
in a note merges into one command per annotation, so Ctrl+Z undoes the whole note edit.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from cablereader.core.project import Change, Project, ProjectError

Edit = Callable[[Project], Change]

# QUndoCommand ids: commands with the same id and merge key merge.
NOTE_TYPING = 1


class _ChangeCommand(QUndoCommand):
    def __init__(self, edits: ProjectEdits, text: str, change: Change, merge_key: object) -> None:
        super().__init__(text)
        self._edits = edits
        self._done: Change = change
        self._undone: Change | None = None
        self._merge_key = merge_key
        self._first = True

    def id(self) -> int:
        return NOTE_TYPING if self._merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, _ChangeCommand) or other._merge_key != self._merge_key:
            return False
        self._done = self._done.merged(other._done)
        return True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        if self._undone is not None:
            redone = self._edits.revert(self._undone, self.text())
            if redone is not None:
                self._done = redone

    def undo(self) -> None:
        self._undone = self._edits.revert(self._done, self.text())


class ProjectEdits(QObject):
    """Runs edits on the current project and records them for undo."""

    failed = Signal(str, str)  # what was being done, the message

    def __init__(
        self,
        stack: QUndoStack,
        project: Callable[[], Project | None],
        before_edit: Callable[[], bool] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.stack = stack
        self._project = project
        self._before_edit = before_edit
        # The reason the last edit failed, until one succeeds: a failing disk makes every
        # keystroke of a note fail, and the user is told once, not once per key.
        self.last_failure: str | None = None

    def run(self, text: str, edit: Edit, *, merge_key: object = None) -> Change | None:
        """Apply ``edit`` now and push it as an undoable command named ``text``.

        Returns the change, or None when there is no project or the edit failed (the
        reason goes to ``failed``; the project is as it was).
        """
        project = self._project()
        if project is None:
            return None
        if self._before_edit is not None and not self._before_edit():
            return None
        project = self._project()  # the hook may have given the project a file
        if project is None:
            return None
        try:
            change = edit(project)
        except ProjectError as error:
            repeated = str(error) == self.last_failure
            self.last_failure = str(error)
            if not repeated:
                self.failed.emit(text, str(error))
            return None
        self.last_failure = None
        if change.steps:
            self.stack.push(_ChangeCommand(self, text, change, merge_key))
        return change

    def end_merging(self) -> None:
        """The next edit starts a new undo step even if it could merge (a new note)."""
        command = self.stack.command(self.stack.index() - 1)
        if isinstance(command, _ChangeCommand):
            command._merge_key = None

    def revert(self, change: Change, text: str) -> Change | None:
        project = self._project()
        if project is None:
            return None
        try:
            return project.revert(change)
        except ProjectError as error:
            self.failed.emit(f"Undo “{text}”", str(error))
            return None
