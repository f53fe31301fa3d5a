"""Reading a file someone else named: only a regular file, never blocking, never unbounded.

A path may name a FIFO (opening it to read waits for a writer, for ever), a character
device (``/dev/zero`` never ends; a terminal may become ours), or a file swapped for
one of these between a check and the open.  So the type is checked twice: by ``stat``
before anything is opened (a FIFO or device is never opened at all), and by ``fstat``
on what was opened, with ``O_NONBLOCK`` so that a FIFO swapped in meanwhile cannot make
the open wait.  The read is bounded whatever the file's size says.
"""

from __future__ import annotations

import os
import stat

# Nothing to wait for: O_NONBLOCK makes opening a FIFO return at once; O_NOCTTY keeps a
# terminal from becoming the process's controlling terminal.
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_BINARY", 0)
)


class NotARegularFile(OSError):
    """The path is there, but is not a regular file (``reason`` says what it is)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(reason)
        self.path = path
        self.reason = reason


class FileTooLarge(OSError):
    """The file holds more than the limit the reader set."""

    def __init__(self, path: str, size: int, limit: int) -> None:
        super().__init__(f"larger than {limit:,} bytes")
        self.path = path
        self.size = size
        self.limit = limit


def kind_of(mode: int) -> str:
    """What a non-regular file is, in words for a message."""
    if stat.S_ISDIR(mode):
        return "is a folder"
    if stat.S_ISFIFO(mode):
        return "is a named pipe (FIFO), not a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a file"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a file"
    return "is not a regular file"


def regular_file_problem(path: str | os.PathLike[str]) -> str | None:
    """Why ``path`` cannot be read as a regular file, or None; never blocks.

    Missing files and unreadable ones are left to the reader's own message (None).
    """
    try:
        with open_regular_file(path):
            return None
    except NotARegularFile as error:
        return error.reason
    except OSError:
        return None


def open_regular_file(path: str | os.PathLike[str]) -> _RegularFile:
    """``path`` opened for reading if it is a regular file; else :class:`NotARegularFile`."""
    given = os.fspath(path)
    info = os.stat(given)  # follows symlinks: a link to /dev/zero is a device
    if not stat.S_ISREG(info.st_mode):
        raise NotARegularFile(given, kind_of(info.st_mode))
    descriptor = os.open(given, _OPEN_FLAGS)
    try:
        opened = os.fstat(descriptor)
        if not stat.S_ISREG(opened.st_mode):  # swapped since the stat
            raise NotARegularFile(given, kind_of(opened.st_mode))
    except BaseException:
        os.close(descriptor)
        raise
    return _RegularFile(given, descriptor)


def read_regular_file(path: str | os.PathLike[str], limit: int) -> bytes:
    """At most ``limit`` bytes of the regular file ``path``; :class:`FileTooLarge` if more."""
    with open_regular_file(path) as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise FileTooLarge(os.fspath(path), len(data), limit)
    return data


class _RegularFile:
    """An open regular file: ``read`` (bounded by the caller) and a context manager."""

    def __init__(self, path: str, descriptor: int) -> None:
        self.path = path
        self._file = os.fdopen(descriptor, "rb")

    def read(self, size: int) -> bytes:
        chunks = []
        left = size
        while left > 0:
            chunk = self._file.read(min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> _RegularFile:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
