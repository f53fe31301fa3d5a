"""The project file's life cycle and transaction machinery (:class:`ProjectFile`).

Creating, opening, locking, Save As and closing; and the one way rows change:
:meth:`ProjectFile._commit` runs an edit in its own transaction, commits it
(``synchronous = FULL``: on disk before the method returns), and hands the resulting
:class:`Change` to the observers.  :meth:`ProjectFile.revert` undoes any change.  The
edits themselves are in :mod:`documentsandsettings`, :mod:`editing` and :mod:`store`.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import TypeVar

import cablereader.core.project.rows as rows
from cablereader.core.documents import Cancelled, Document
from cablereader.core.formats import Progress
from cablereader.core.project.creation import initialise
from cablereader.core.project.errors import (
    InvalidEdit,
    ProjectClosed,
    ProjectExists,
    ProjectReadOnly,
    ProjectWriteError,
)
from cablereader.core.project.locking import ProjectLock
from cablereader.core.project.model import (
    Change,
    DocumentRecord,
    DocumentStep,
    step_entity,
)
from cablereader.core.project.opening import (
    connect,
    inspect_file,
    make_durable,
    open_connection,
)
from cablereader.core.project.safewrite import (
    fsync_directory,
    fsync_file,
    lock_for_editing,
    lock_for_replacing,
    same_file,
)
from cablereader.core.project.writefailures import check_still_there, file_identity, save_failure

PROJECT_SUFFIX = ".crproj"
Observer = Callable[[Change], None]
_P = TypeVar("_P", bound="ProjectFile")


class ProjectFile:
    """Opening, locking, saving and closing a project; the transaction machinery."""

    def __init__(
        self,
        connection: sqlite3.Connection,
        path: Path | None,
        *,
        read_only: bool,
        lock: ProjectLock | None,
    ) -> None:
        # Use create(), create_in_memory() or open().
        self._connection: sqlite3.Connection | None = connection
        self._path = path
        self._read_only = read_only
        self._lock = lock
        self._identity = file_identity(path)
        self._observers: list[Observer] = []
        self._documents: list[DocumentRecord] | None = None

    # --- life cycle -------------------------------------------------------------------

    @classmethod
    def open(cls: type[_P], path: str | os.PathLike[str], *, read_only: bool = False) -> _P:
        """Open an existing project.

        Raises a :class:`ProjectError` subclass naming the file: ``ProjectNotFound``,
        ``NotAProject``, ``ProjectCorrupt``, ``ProjectTooNew``, or ``ProjectLocked``
        (open for editing elsewhere, or not writable: ``read_only=True`` works then).
        Nothing is written to a file before it is known to be ours and not newer; a
        project of an older version is migrated in one transaction (or, read-only, in
        a copy in memory).
        """
        target = Path(path).absolute()
        inspect_file(target)
        lock = None if read_only else lock_for_editing(target)
        try:
            connection = open_connection(target, read_only=read_only)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        return cls(connection, target, read_only=read_only, lock=lock)

    @classmethod
    def create(
        cls: type[_P],
        path: str | os.PathLike[str],
        documents: Sequence[Document] = (),
        *,
        source: str | Sequence[str] | None = None,
        overwrite: bool = False,
        starter_tags: bool = True,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> _P:
        """A new project file holding ``documents``, opened for editing.

        ``source`` names the source document, or the sources (the primary first);
        without it the sources are detected.  New
        projects get the starter tags (keys 1–4).  An existing file is replaced only
        with ``overwrite`` (and never while another instance has it open).  The file is
        built under a temporary name and renamed into place, so it never exists half
        written, and an overwritten file survives a failure.  ``progress(done, total)``
        follows the documents written; ``cancelled()`` returning true stops with
        ``LoadCancelled``, leaving no file behind.
        """
        target = Path(path).absolute()
        if target.is_dir():
            raise ProjectExists(target, "is a folder")
        if target.exists() and not overwrite:
            raise ProjectExists(target, "already exists")
        lock, temporary = lock_for_replacing(target)
        try:
            try:
                connection = sqlite3.connect(temporary, isolation_level=None)
                try:
                    initialise(connection, documents, source, starter_tags, progress, cancelled)
                finally:
                    connection.close()
                fsync_file(temporary)
                lock.install(temporary, target)
                fsync_directory(target.parent)
            except (OSError, sqlite3.Error) as error:
                reason = error.strerror if isinstance(error, OSError) else str(error)
                raise ProjectWriteError(target, f"could not be created ({reason})") from error
            connection = open_connection(target, read_only=False)
        except BaseException:
            with contextlib.suppress(OSError):
                os.remove(temporary)
            lock.release()
            raise
        return cls(connection, target, read_only=False, lock=lock)

    @classmethod
    def create_in_memory(
        cls: type[_P],
        documents: Sequence[Document] = (),
        *,
        source: str | Sequence[str] | None = None,
        starter_tags: bool = True,
    ) -> _P:
        """An untitled project in memory; :meth:`save_as` gives it a file.

        Edits are not durable until then: a GUI that promises never to lose work should
        rather :meth:`create` a file in the user's data folder and ``save_as`` later.
        """
        connection = connect(None, read_only=False)
        initialise(connection, documents, source, starter_tags)
        return cls(connection, None, read_only=False, lock=None)

    @property
    def path(self) -> Path | None:
        """The project file (``None`` for an untitled project in memory)."""
        return self._path

    @property
    def name(self) -> str:
        """For the title bar: the file name without ``.crproj``, or "Untitled"."""
        if self._path is None:
            return "Untitled"
        return self._path.name.removesuffix(PROJECT_SUFFIX) or self._path.name

    @property
    def read_only(self) -> bool:
        return self._read_only

    @property
    def closed(self) -> bool:
        return self._connection is None

    def close(self) -> None:
        """Close the file and release its lock (every edit is already saved)."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self: _P) -> _P:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def save_as(self, path: str | os.PathLike[str], *, delete_previous: bool = False) -> None:
        """Copy the project to ``path`` and continue working there, editable.

        The copy is made with SQLite's backup API into a temporary file in the target
        folder, then renamed over ``path``: a failure leaves any file there intact.
        The project's own file cannot be the target.  Afterwards this project is
        ``path`` (like Save As in any editor) and no longer read-only; the previous
        file is left as it was, or deleted with ``delete_previous`` (for a scratch
        project kept in the data folder until the user chose a name).
        """
        connection = self._live()
        target = Path(path).absolute()
        if self._path is not None and same_file(target, self._path):
            raise InvalidEdit(
                f"{target.name} is this project's own file; Save As needs another name.",
                None,
            )
        lock, temporary = lock_for_replacing(target)
        try:
            copy = sqlite3.connect(temporary, isolation_level=None)
            try:
                connection.backup(copy)
                make_durable(copy)
            finally:
                copy.close()
            fsync_file(temporary)
            lock.install(temporary, target)
            fsync_directory(target.parent)
            reopened = open_connection(target, read_only=False)
        except BaseException as error:
            with contextlib.suppress(OSError):
                os.remove(temporary)
            lock.release()
            if isinstance(error, (OSError, sqlite3.Error)):
                reason = error.strerror if isinstance(error, OSError) else str(error)
                raise ProjectWriteError(target, f"could not be saved ({reason})") from error
            raise
        previous, previous_lock = self._path, self._lock
        connection.close()
        self._connection, self._path, self._lock = reopened, target, lock
        self._identity = file_identity(target)
        self._read_only = False
        if previous_lock is not None:
            previous_lock.release()
        if delete_previous and previous is not None:
            with contextlib.suppress(OSError):
                os.remove(previous)

    # --- observers and transactions ----------------------------------------------------

    def subscribe(self, observer: Observer) -> Callable[[], None]:
        """Call ``observer(change)`` after every committed edit; returns an unsubscriber.

        Observers run after the commit, in the order they subscribed; an exception in
        one reaches the caller of the edit, which is then already saved.
        """
        self._observers.append(observer)

        def unsubscribe() -> None:
            with contextlib.suppress(ValueError):
                self._observers.remove(observer)

        return unsubscribe

    def _live(self) -> sqlite3.Connection:
        if self._connection is None:
            raise ProjectClosed(self._path, "the project has been closed")
        return self._connection

    def _writable(self) -> sqlite3.Connection:
        connection = self._live()
        if self._read_only:
            raise ProjectReadOnly(
                self._path,
                "is open read-only, so it cannot be changed. Use Save As to make an editable copy.",
            )
        return connection

    def _commit(
        self, kind: str, work: Callable[[rows.Recorder], None], *, undone: bool = False
    ) -> Change:
        """Run ``work`` in one transaction; commit it, then tell the observers.

        Any error rolls the transaction back: the project is then exactly as before.
        A change without steps (the edit changed nothing) is committed silently.
        """
        connection = self._writable()
        check_still_there(self._path, self._identity)
        recorder = rows.Recorder(connection)
        try:
            connection.execute("BEGIN IMMEDIATE")
            work(recorder)
            connection.execute("COMMIT")
        except BaseException as error:
            if connection.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    connection.execute("ROLLBACK")
            if isinstance(error, sqlite3.Error):
                raise save_failure(self._path, error) from error
            raise
        change = Change(kind, tuple(recorder.steps), undone)
        self._committed(change)
        return change

    def _committed(self, change: Change) -> None:
        if any(isinstance(step, DocumentStep) for step in change.steps):
            self._documents = None
        if change.steps:
            for observer in list(self._observers):
                observer(change)

    def revert(self, change: Change) -> Change:
        """Undo ``change``: put every row it touched back as it was, with the same ids.

        Returns the change that re-does it (``revert`` that one to redo).  Refused with
        :class:`InvalidEdit`, changing nothing, when a touched row is no longer as
        ``change`` left it (the undo history is out of step with the project).
        """
        inverse = change.inverse()
        connection = self._writable()

        def work(recorder: rows.Recorder) -> None:
            checked: set[tuple[str, object]] = set()
            for step in inverse.steps:
                entity = step_entity(step)
                if entity not in checked:
                    checked.add(entity)
                    if rows.current_state(connection, step) != step.before:
                        raise InvalidEdit(
                            f"This {change.kind.replace('_', ' ')} cannot be undone: the "
                            "project has changed since."
                        )
                recorder.apply(step)

        return self._commit(inverse.kind, work, undone=inverse.undone)
