"""Opening a project file safely: look before SQLite touches it, then check it.

Order matters.  The header is read with plain I/O first (:func:`inspect_file`), so an
empty file, a text file, another program's database or a file from a newer version is
refused before SQLite opens it (SQLite would turn an empty file into a database of its
own).  Only a file that says it is ours, of a version we read, is then opened and
checked with ``PRAGMA integrity_check``; then its rows are checked against the store's
rules (:func:`~cablereader.core.project.contentchecks.stored_problems`), in an upgraded
copy in memory if it is older; only then may the file itself be migrated.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import stat
import tempfile
from pathlib import Path

from cablereader.core.filechecks import NotARegularFile, open_regular_file
from cablereader.core.project.contentchecks import MAX_PROBLEMS, limit_problems, stored_problems
from cablereader.core.project.errors import (
    NotAProject,
    ProjectCorrupt,
    ProjectError,
    ProjectNotFound,
    ProjectTooLarge,
    ProjectTooNew,
)
from cablereader.core.project.limits import MAX_PROJECT_BYTES
from cablereader.core.project.locking import ProjectLock
from cablereader.core.project.schema import (
    APPLICATION_ID,
    HEADER_SIZE,
    REQUIRED_TABLES,
    SCHEMA_VERSION,
    SQLITE_MAGIC,
    Header,
    migrate,
    read_header,
)

BUSY_TIMEOUT_SECONDS = 5.0


def journal_path(path: Path) -> Path:
    return path.with_name(path.name + "-journal")


def inspect_file(path: Path) -> Header:
    """The header of ``path`` if it can be a project of ours; else a :class:`ProjectError`."""
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise ProjectNotFound(path, "is a folder, not a project file")
        if not stat.S_ISREG(info.st_mode):
            raise NotAProject(path, "is not a regular file, so not a CableReader project")
        # Checked again once open, without blocking: a pipe swapped in since the stat.
        with open_regular_file(path) as handle:
            data = handle.read(HEADER_SIZE)
    except NotARegularFile as error:
        raise NotAProject(path, f"{error.reason}, so not a CableReader project") from error
    except (FileNotFoundError, NotADirectoryError) as error:
        raise ProjectNotFound(path, "no such file") from error
    except PermissionError as error:
        raise ProjectError(path, "cannot be read (permission denied)") from error
    except OSError as error:
        raise ProjectError(path, f"cannot be read ({error.strerror or error})") from error
    if not data:
        raise NotAProject(path, "is empty (0 bytes), so it is not a CableReader project")
    if info.st_size > MAX_PROJECT_BYTES:
        raise ProjectTooLarge(
            path,
            f"is too large to open ({info.st_size:,} bytes; a project may have at most "
            f"{MAX_PROJECT_BYTES:,}). The file was not changed.",
        )
    header = read_header(data)
    if header is None:
        if data.startswith(SQLITE_MAGIC[: len(data)]) and len(data) < HEADER_SIZE:
            raise ProjectCorrupt(path, "is damaged: the file is cut short")
        raise NotAProject(path, "is not a CableReader project (it is not an SQLite database)")
    # Bytes 18 and 19: the format versions needed to write and to read the file (1 or 2).
    # SQLite opens a file with a higher write version read-only, so every edit would fail.
    if data[18] not in (1, 2) or data[19] not in (1, 2):
        raise ProjectCorrupt(path, "is damaged: its header is not valid")
    if header.application_id != APPLICATION_ID:
        raise NotAProject(
            path, "is an SQLite database of another program, not a CableReader project"
        )
    if header.user_version > SCHEMA_VERSION:
        raise ProjectTooNew(path, header.user_version, SCHEMA_VERSION)
    # A rollback journal left by a crash is replayed by SQLite on opening, and until
    # then the file's size may not match its header: only judge the size without one.
    if not journal_path(path).exists():
        expected = header.page_count * header.page_size
        if info.st_size % header.page_size or info.st_size < expected:
            raise ProjectCorrupt(
                path,
                f"is damaged: the file is cut short ({info.st_size:,} bytes"
                + (f" of {expected:,})" if expected else ")"),
            )
    return header


def connect(path: Path | None, *, read_only: bool) -> sqlite3.Connection:
    """A connection in autocommit mode (the store issues BEGIN/COMMIT itself)."""
    if path is None:
        connection = sqlite3.connect(":memory:", isolation_level=None)
    else:
        # mode=rw never creates a file; mode=ro never writes one.
        uri = f"{path.absolute().as_uri()}?mode={'ro' if read_only else 'rw'}"
        connection = sqlite3.connect(
            uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_SECONDS
        )
    try:
        # A project may come from someone else: never run functions its schema names.
        connection.execute("PRAGMA trusted_schema = OFF")
        connection.execute("PRAGMA foreign_keys = ON")
    except sqlite3.Error:
        connection.close()
        raise
    return connection


def make_durable(connection: sqlite3.Connection) -> None:
    """Every commit reaches the disk before it returns; one file at rest (no WAL)."""
    connection.execute("PRAGMA journal_mode = DELETE").fetchall()
    connection.execute("PRAGMA synchronous = FULL")


def check_connection(connection: sqlite3.Connection, path: Path) -> int:
    """Check an opened project (ours, our version, intact); return its schema version."""
    try:
        application_id = int(connection.execute("PRAGMA application_id").fetchone()[0])
        version = int(connection.execute("PRAGMA user_version").fetchone()[0])
        if application_id != APPLICATION_ID:
            raise NotAProject(
                path, "is an SQLite database of another program, not a CableReader project"
            )
        if version > SCHEMA_VERSION:
            raise ProjectTooNew(path, version, SCHEMA_VERSION)
        # A damaged file's report (and its schema) may quote bytes that are not UTF-8.
        connection.text_factory = _readable
        try:
            # integrity_check, not quick_check: an index that disagrees with its table
            # would otherwise fail queries later, in the middle of the session.
            problems = [str(row[0]) for row in connection.execute("PRAGMA integrity_check(1)")]
            if problems != ["ok"]:
                raise ProjectCorrupt(path, f"is damaged (SQLite reports: {problems[0]})")
            objects = [
                (str(kind), str(name))
                for kind, name in connection.execute("SELECT type, name FROM sqlite_master")
            ]
        finally:
            connection.text_factory = str
    except sqlite3.DatabaseError as error:
        raise ProjectCorrupt(path, f"is damaged and cannot be read ({error})") from error
    except UnicodeDecodeError as error:  # SQLite's own error message quoted damaged bytes
        raise ProjectCorrupt(path, "is damaged and cannot be read") from error
    tables = {name for kind, name in objects if kind == "table"}
    missing = REQUIRED_TABLES - tables
    if version < 1 or missing:
        raise ProjectCorrupt(path, "is damaged: part of its data is missing")
    # CableReader makes no triggers; one would run on our edits (and on an upgrade),
    # doing whatever whoever added it wanted.
    triggers = [name for kind, name in objects if kind == "trigger"]
    if triggers:
        raise ProjectCorrupt(
            path,
            f"was changed outside CableReader: it contains a trigger (“{triggers[0]}”) that "
            "would run on every edit, so it is not opened",
        )
    return version


def _readable(value: bytes) -> str:
    return value.decode("utf-8", "replace")


def check_contents(connection: sqlite3.Connection, path: Path) -> None:
    """Refuse a project whose rows break the store's rules (see :func:`stored_problems`)."""
    try:
        too_large = limit_problems(connection)
        if too_large:
            raise ProjectTooLarge(
                path,
                f"holds more than a project may, so it was not opened (the file was not "
                f"changed): {_listed(too_large)}",
            )
        problems = stored_problems(connection)
    except sqlite3.DatabaseError as error:
        raise ProjectCorrupt(path, f"is damaged and cannot be read ({error})") from error
    except UnicodeDecodeError as error:
        raise ProjectCorrupt(path, "is damaged and cannot be read") from error
    if problems:
        raise ProjectCorrupt(
            path,
            f"is damaged, so it was not opened (the file was not changed): {_listed(problems)}",
        )


def _listed(problems: list[str]) -> str:
    more = len(problems) - 3
    return "; ".join(problems[:3]) + (
        f"; and {more}{'+' if len(problems) >= MAX_PROBLEMS else ''} more" if more > 0 else ""
    )


def open_connection(path: Path, *, read_only: bool) -> sqlite3.Connection:
    """Connect to a file that passed :func:`inspect_file`, check it, migrate it.

    A project of an older version is migrated in a copy in memory and checked there;
    read-only, the store then works on that copy (one schema to read, the file not
    touched), for editing the file itself is migrated next.
    """
    try:
        connection = connect(path, read_only=read_only)
        if read_only and journal_path(path).exists() and _needs_rollback(connection):
            connection.close()
            connection = read_snapshot(path)
    except sqlite3.Error as error:
        raise ProjectError(path, f"cannot be opened ({error})") from error
    try:
        version = check_connection(connection, path)
        if version < SCHEMA_VERSION:
            # Upgrade a copy in memory first and check it: the file itself is only
            # upgraded (written) once it is known to open.
            memory = connect(None, read_only=False)
            try:
                connection.backup(memory)
                _migrate(memory, path)
                check_contents(memory, path)
            except BaseException:
                memory.close()
                raise
            if read_only:
                connection.close()
                connection = memory
            else:
                memory.close()
                _migrate(connection, path)
        else:
            check_contents(connection, path)
        if not read_only:
            make_durable(connection)
    except BaseException as error:
        connection.close()
        if isinstance(error, sqlite3.OperationalError):
            raise ProjectError(path, f"cannot be opened ({error})") from error
        if isinstance(error, sqlite3.DatabaseError):
            raise ProjectCorrupt(path, f"is damaged and cannot be read ({error})") from error
        if isinstance(error, UnicodeDecodeError):  # an error message quoting damaged bytes
            raise ProjectCorrupt(path, "is damaged and cannot be read") from error
        raise
    return connection


def _needs_rollback(connection: sqlite3.Connection) -> bool:
    """Whether a read-only connection cannot read because a hot journal needs replaying.

    A crash mid-transaction leaves a "hot" journal (so does junk of that name next to a
    clean file); SQLite reads the file only after rolling it back, which it cannot do
    read-only ("attempt to write a readonly database").
    """
    try:
        connection.execute("PRAGMA schema_version").fetchone()
    except sqlite3.OperationalError as error:
        code = getattr(error, "sqlite_errorcode", None)
        return code == SQLITE_READONLY_ROLLBACK or (code is None and "readonly" in str(error))
    return False


SQLITE_READONLY_ROLLBACK = 776  # SQLITE_READONLY | (3 << 8)


def read_snapshot(path: Path) -> sqlite3.Connection:
    """The project as of its last commit, in memory, without writing to ``path``.

    The file and its journal are copied into a private temporary folder, where SQLite
    rolls the journal back as it would on the next edit; the result is copied into
    memory and the folder removed.  While copying, the edit lock is held where it can
    be taken, so no CableReader editor starts writing (and replaying) half-way.
    """
    try:
        lock = ProjectLock.acquire(path)
    except OSError:
        lock = None  # a read-only file or folder: nobody can write it, nor replay it
    folder = tempfile.mkdtemp(prefix="cablereader-recovery-")
    try:
        copy = Path(folder) / "project.crproj"
        shutil.copyfile(path, copy)
        with contextlib.suppress(FileNotFoundError):  # replayed meanwhile by an editor
            shutil.copyfile(journal_path(path), journal_path(copy))
        if lock is not None:
            lock.release()
            lock = None
        recovered = connect(copy, read_only=False)
        try:
            memory = connect(None, read_only=False)
            try:
                recovered.backup(memory)
            except BaseException:
                memory.close()
                raise
        finally:
            recovered.close()
        return memory
    except OSError as error:
        raise ProjectError(
            path,
            "was left mid-edit by a crash and could not be read as of its last save "
            f"({error.strerror or error}). Open it for editing once to repair it.",
        ) from error
    finally:
        if lock is not None:
            lock.release()
        shutil.rmtree(folder, ignore_errors=True)


def _migrate(connection: sqlite3.Connection, path: Path) -> None:
    try:
        migrate(connection)
    except (sqlite3.Error, UnicodeDecodeError) as error:
        reason = str(error) if isinstance(error, sqlite3.Error) else "damaged text"
        raise ProjectCorrupt(
            path, f"could not be upgraded to this version's format ({reason})"
        ) from error
