"""Writing a project file safely: the edit lock, temporary files, durable renames.

Create, Save As and every edit first take the edit lock (refused with a message that
says what still works); a new file is built in a locked temporary next to its target
and renamed over it.  These steps are about the file system, not about what a project
file holds, so they stand apart from :mod:`cablereader.core.project.opening`.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

from cablereader.core.project.errors import ProjectLocked, ProjectNotFound
from cablereader.core.project.locking import FILE_LOCKS, ProjectLock


def fsync_directory(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; a no-op where folders cannot be opened)."""
    if os.name == "nt":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def lock_for_editing(target: Path) -> ProjectLock:
    """The edit lock on ``target``, or :class:`ProjectLocked` (read-only still works)."""
    if not target.parent.is_dir():
        raise ProjectNotFound(target, f"cannot be written: there is no folder {target.parent}")
    if target.exists() and not os.access(target, os.W_OK):
        raise ProjectLocked(target, "is a read-only file. You can open it read-only.")
    try:
        lock = ProjectLock.acquire(target)
    except OSError as error:
        reason = error.strerror or str(error)
        if not target.exists():  # Save As or New: there is nothing to open read-only
            raise ProjectLocked(
                target, f"cannot be written: its folder is not writable ({reason})"
            ) from error
        raise ProjectLocked(
            target,
            f"cannot be edited: its folder is not writable ({reason}). You can open it read-only.",
        ) from error
    if lock is None:
        raise ProjectLocked(
            target,
            "is open in another CableReader window. You can open it read-only, or close "
            "it there first.",
        )
    return lock


def lock_for_replacing(target: Path) -> tuple[ProjectLock, Path]:
    """The edit lock on ``target`` and a new, locked temporary file to build it in.

    The temporary file goes over ``target`` with ``lock.install(temporary, target)``;
    a folder where it cannot be created gives :class:`ProjectLocked`, changing nothing.
    """
    lock = lock_for_editing(target)
    sweep_temporaries(target)
    temporary = temporary_name(target)
    try:
        lock.stage(temporary)
    except OSError as error:
        lock.release()
        reason = error.strerror or str(error)
        raise ProjectLocked(
            target, f"cannot be written: its folder is not writable ({reason})"
        ) from error
    return lock, temporary


def sweep_temporaries(target: Path) -> None:
    """Remove temporary files that a killed Create or Save As of ``target`` left behind.

    A temporary file is locked by its maker while it is being built (see
    :meth:`ProjectLock.stage`); one that can be locked has no maker left.  Called while
    holding the lock on ``target``, so no other maker of it can be starting.  Without
    file locks (macOS, Windows) only the temporaries of processes that are gone.
    """
    prefix = f".{target.name}.tmp-"
    with contextlib.suppress(OSError), os.scandir(target.parent) as entries:
        stale = [Path(e.path) for e in entries if e.name.startswith(prefix) and e.is_file()]
    for path in stale:
        if FILE_LOCKS:
            with contextlib.suppress(OSError):
                lock = ProjectLock.acquire(path)
                if lock is not None:
                    path.unlink()
                    lock.release()
        elif not _process_alive(path.name.removeprefix(prefix).split("-")[0]):
            with contextlib.suppress(OSError):
                path.unlink()


def _process_alive(pid_text: str) -> bool:
    if not pid_text.isdigit() or os.name == "nt":
        return True  # cannot tell: keep it
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def temporary_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.tmp-{os.getpid()}-{secrets.token_hex(4)}")


def fsync_file(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b))
