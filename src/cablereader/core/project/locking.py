"""One editor per project file: an advisory lock on a sidecar ``<file>.lock``.

The lock is taken with ``flock`` (POSIX) or ``msvcrt.locking`` (Windows) on a small
file next to the project, never on the database itself (SQLite does its own locking
there, and ours must last as long as the project is open, not one transaction).  The
operating system drops the lock when the process dies, so a crash never leaves a
project locked; a stale ``.lock`` file is harmless and reused.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

LOCK_SUFFIX = ".lock"


def lock_path(project_path: Path) -> Path:
    return project_path.with_name(project_path.name + LOCK_SUFFIX)


if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        with contextlib.suppress(OSError):
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        # flock belongs to the open file description, so a second open in this same
        # process conflicts too: one process cannot edit a project twice either.
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class ProjectLock:
    """An exclusive lock held on ``<project>.lock`` until :meth:`release`."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd

    @classmethod
    def acquire(cls, project_path: Path) -> ProjectLock | None:
        """The lock, or ``None`` when another process (or open) holds it.

        Raises ``OSError`` when the lock file cannot be created (read-only folder).
        """
        path = lock_path(project_path)
        for _ in range(10):
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
            if not _try_lock(fd):
                os.close(fd)
                return None
            # The previous holder may have deleted the file between our open and our
            # lock; then we hold a lock on a file nobody else can see: start again.
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(path))
            except FileNotFoundError:
                same = False
            if same:
                return cls(path, fd)
            _unlock(fd)
            os.close(fd)
        return None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        if sys.platform != "win32":
            # Delete while still holding it (see acquire), so no lock file is left behind.
            with contextlib.suppress(OSError):
                os.unlink(self.path)
        _unlock(fd)
        os.close(fd)
        if sys.platform == "win32":
            with contextlib.suppress(OSError):
                os.unlink(self.path)
