"""Errors of the project store, each with a complete user-facing message.

``str(error)`` names the file and says what is wrong, e.g.
``"notes.crproj: is not a CableReader project (it is not an SQLite database)"``, so the
GUI and the command line show it as it is.  The class says what the user can do next:
a :class:`ProjectLocked` file can still be opened read-only, a :class:`ProjectTooNew`
one needs a newer CableReader, an :class:`InvalidEdit` was refused and changed nothing.
"""

from __future__ import annotations

import os


class ProjectError(Exception):
    """Something is wrong with a project file or an operation on it."""

    def __init__(self, path: str | os.PathLike[str] | None, reason: str) -> None:
        self.path = os.fspath(path) if path is not None else None
        self.reason = reason
        label = os.path.basename(self.path) if self.path else ""
        super().__init__(f"{label}: {reason}" if label else reason)

    def __reduce__(self) -> tuple[object, ...]:
        # Exception pickling re-calls cls(*args); keep it working across processes.
        return (type(self), (self.path, self.reason))


class ProjectNotFound(ProjectError):
    """The file does not exist (or is a folder)."""


class ProjectExists(ProjectError):
    """Creating a project would replace an existing file, and that was not asked for."""


class NotAProject(ProjectError):
    """Not a CableReader project: not SQLite, empty, or another program's database."""


class ProjectCorrupt(ProjectError):
    """A CableReader project that is damaged (truncated, or fails SQLite's checks)."""


class ProjectTooNew(ProjectError):
    """Written by a newer CableReader; it is never migrated or written by this one."""

    def __init__(self, path: str | os.PathLike[str] | None, version: int, supported: int) -> None:
        self.version = version
        self.supported = supported
        super().__init__(
            path,
            f"was saved by a newer version of CableReader (project format {version}; this "
            f"version reads up to {supported}). Update CableReader to open it.",
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.path, self.version, self.supported))


class ProjectTooLarge(ProjectError):
    """Holds more than a project may (see :mod:`limits`); refused, never changed."""


class ProjectLocked(ProjectError):
    """Open for editing in another CableReader instance; it can be opened read-only."""


class ProjectReadOnly(ProjectError):
    """An edit was attempted on a project opened read-only."""


class ProjectClosed(ProjectError):
    """The project was closed; nothing can be read or changed through it any more."""


class ProjectWriteError(ProjectError):
    """An edit could not be saved (disk full, file gone, permission); nothing changed."""


class InvalidEdit(ProjectError, ValueError):
    """An edit was refused (bad offsets, unknown id, a name already used...).

    The project is unchanged.  Also a ``ValueError``, since it is about the arguments.
    """

    def __init__(self, reason: str, path: str | os.PathLike[str] | None = None) -> None:
        super().__init__(path, reason)

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.reason, self.path))
