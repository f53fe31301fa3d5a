"""One editor per project file: an advisory lock on the project file itself.

On Linux (64-bit) the lock is an open-file-description lock (``F_OFD_SETLK``) on one
byte of the project file, far past SQLite's own lock bytes, so it never disturbs
SQLite's locking.  Being on the file's inode, it is the same lock however the file is
reached (a symlink, a hard link, another spelling of the path); there is no sidecar to
delete; and unlike classic POSIX locks it conflicts within one process too and is not
dropped when some other descriptor of the file is closed.  The operating system drops
it when the process dies, so a crash never leaves a project locked.

Elsewhere (macOS, Windows) a lock on the database file would conflict with SQLite's
own, so the lock is taken on a sidecar ``<file>.lock`` next to the *resolved* path
(a symlink reaches the same sidecar; Windows refuses to delete a file that is open).

A new file (Create, Save As) is written under a temporary name and renamed into place:
:meth:`ProjectLock.stage` creates and locks the temporary file, and
:meth:`ProjectLock.install` renames it over the target, so the lock moves with the
file and there is no moment when the new project is unlocked.
"""

from __future__ import annotations

import contextlib
import errno
import os
import struct
import sys
from pathlib import Path

LOCK_SUFFIX = ".lock"
# SQLite locks bytes 0x40000000..0x400001FF of the database (its "pending byte" page);
# ours is one byte well past them.  Advisory: nothing is ever written there.
LOCKED_BYTE = 0x4000_0000 + 0x10000


def lock_path(project_path: Path) -> Path:
    resolved = Path(os.path.realpath(project_path))
    return resolved.with_name(resolved.name + LOCK_SUFFIX)


if sys.platform == "win32":
    import msvcrt

    FILE_LOCKS = False

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

    # struct flock on 64-bit Linux: short type, short whence, off_t start, off_t len,
    # pid_t pid (0 for OFD locks), padded to 32 bytes.
    FILE_LOCKS = sys.platform.startswith("linux") and hasattr(fcntl, "F_OFD_SETLK")
    FILE_LOCKS = FILE_LOCKS and struct.calcsize("P") == 8
    _FLOCK = "=hh4xqqi4x"

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

    def _try_lock_byte(fd: int) -> bool:
        request = struct.pack(_FLOCK, fcntl.F_WRLCK, os.SEEK_SET, LOCKED_BYTE, 1, 0)
        try:
            fcntl.fcntl(fd, fcntl.F_OFD_SETLK, request)
        except OSError as error:
            if error.errno in (errno.EAGAIN, errno.EACCES):  # someone else holds it
                return False
            raise
        return True


class ProjectLock:
    """An exclusive lock on a project file (or its sidecar) until :meth:`release`."""

    def __init__(self, path: Path, fd: int | None) -> None:
        self.path = path  # the locked file: the project itself, or its sidecar
        self._fd = fd
        self._held = True
        self._staged: int | None = None

    @classmethod
    def acquire(cls, project_path: Path) -> ProjectLock | None:
        """The lock, or ``None`` when another process (or open) holds it.

        A project file that does not exist yet holds nothing to lock on this platform's
        file locks: the lock then comes with :meth:`stage`.  Raises ``OSError`` when the
        file (or, for a sidecar, its folder) cannot be opened for writing.
        """
        if not FILE_LOCKS:
            return cls._acquire_sidecar(lock_path(project_path))
        try:
            fd = os.open(os.path.realpath(project_path), os.O_RDWR)
        except (FileNotFoundError, IsADirectoryError):
            # Nothing to lock yet (a folder there makes the rename fail, with its reason).
            return cls(project_path, None)
        if not _try_lock_byte(fd):
            os.close(fd)
            return None
        return cls(project_path, fd)

    @classmethod
    def _acquire_sidecar(cls, path: Path) -> ProjectLock | None:
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

    def stage(self, temporary: Path) -> None:
        """Create ``temporary`` (a new, empty file) and lock it, for :meth:`install`.

        Raises ``OSError`` when it cannot be created (a read-only folder, say).
        """
        fd = os.open(temporary, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644)
        if FILE_LOCKS and not _try_lock_byte(fd):  # a brand-new file: cannot happen
            os.close(fd)
            raise OSError(f"{temporary} could not be locked")
        self._staged = fd

    def install(self, temporary: Path, target: Path) -> None:
        """Rename the staged ``temporary`` over ``target``; the lock is then on it."""
        os.replace(temporary, target)
        if FILE_LOCKS:
            previous, self._fd, self._staged = self._fd, self._staged, None
            if previous is not None:  # the file that was replaced: nobody can reach it now
                os.close(previous)
            self.path = target
        else:
            self._close_staged()

    def _close_staged(self) -> None:
        if self._staged is not None:
            fd, self._staged = self._staged, None
            os.close(fd)

    @property
    def held(self) -> bool:
        return self._held

    def release(self) -> None:
        if not self._held:
            return
        self._held = False
        self._close_staged()
        fd, self._fd = self._fd, None
        if fd is None:
            return
        if FILE_LOCKS:
            os.close(fd)  # closing the description drops its OFD lock
            return
        if sys.platform != "win32":
            # Delete while still holding it (see acquire), so no lock file is left behind.
            with contextlib.suppress(OSError):
                os.unlink(self.path)
        _unlock(fd)
        os.close(fd)
        if sys.platform == "win32":
            with contextlib.suppress(OSError):
                os.unlink(self.path)
