"""Why an edit could not be saved, in words that say what happened and what to do.

An edit that does not reach the file must never look saved.  Two cases need care:

- The file was deleted (or moved, or replaced) while open.  On POSIX systems SQLite
  then goes on writing to the deleted file's inode without an error, so every later
  edit would "succeed" into a file nobody can open again.  The project therefore
  checks before each edit that its path still names the file it opened.
- SQLite's own errors ("attempt to write a readonly database", "database or disk is
  full", "disk I/O error") name no cause a user can act on; the cause is looked up.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import NamedTuple

from cablereader.core.project.errors import ProjectWriteError

SAVE_AS_ADVICE = "Use File ▸ Save As… to keep your work in a new project file."


class FileIdentity(NamedTuple):
    """Which file a path named when the project was opened (device and inode)."""

    device: int
    inode: int


def file_identity(path: Path | None) -> FileIdentity | None:
    """The identity of the file at ``path`` now, or None (in memory, or not there)."""
    if path is None:
        return None
    try:
        info = os.stat(path)
    except OSError:
        return None
    return FileIdentity(info.st_dev, info.st_ino)


def check_still_there(path: Path | None, opened: FileIdentity | None) -> None:
    """Raise :class:`ProjectWriteError` if ``path`` no longer names the file opened."""
    if path is None or opened is None:
        return
    now = file_identity(path)
    if now is None:
        raise ProjectWriteError(
            path,
            "the change was not saved: the project file was deleted or moved while it "
            f"was open. {SAVE_AS_ADVICE}",
        )
    if now != opened:
        raise ProjectWriteError(
            path,
            "the change was not saved: the project file was replaced by another file "
            f"while it was open. {SAVE_AS_ADVICE}",
        )


def save_failure(path: Path | None, error: sqlite3.Error) -> ProjectWriteError:
    """The :class:`ProjectWriteError` for SQLite's ``error``, with its likely cause."""
    text = str(error)
    lowered = text.lower()
    if path is not None and not path.exists():
        cause = "the project file was deleted or moved while it was open. Put it back, or"
    elif "full" in lowered:
        cause = "the disk is full. Free some space, or"
    elif path is not None and not os.access(path, os.W_OK):
        cause = "the project file was made read-only. Make it writable again, or"
    elif path is not None and not os.access(path.parent, os.W_OK):
        cause = "its folder was made read-only. Make it writable again, or"
    elif "readonly" in lowered or "read-only" in lowered:
        cause = "the project file cannot be written any more. Check its permissions, or"
    else:
        cause = f"the file could not be written ({text}). Check the disk, or"
    advice = SAVE_AS_ADVICE[0].lower() + SAVE_AS_ADVICE[1:]
    return ProjectWriteError(path, f"the change was not saved: {cause} {advice}")
