"""The project's documents, which one is the source, and its settings.

Reading and setting these is a layer over :class:`ProjectFile` (each change goes
through its one transaction path, :meth:`ProjectFile._commit`), apart from the file's
life cycle; :class:`~cablereader.core.project.store.Project` combines the layers.
"""

from __future__ import annotations

from dataclasses import replace

import cablereader.core.project.rows as rows
from cablereader.core.documents import Document
from cablereader.core.project.base import ProjectFile
from cablereader.core.project.errors import InvalidEdit
from cablereader.core.project.model import (
    ARTICLE_ROLE,
    SETTING_CHANGED,
    SOURCE_CHANGED,
    SOURCE_ROLE,
    Change,
    DocumentRecord,
)


class DocumentsAndSettings(ProjectFile):
    """The documents with their roles, the source, and the project settings."""

    def document_records(self) -> list[DocumentRecord]:
        """Every document with its role and provenance, in import order."""
        if self._documents is None:
            self._documents = [
                rows.document_from_row(row)
                for row in self._live().execute(
                    f"SELECT {rows.DOCUMENT_COLUMNS} FROM documents ORDER BY position, id"
                )
            ]
        return list(self._documents)

    def documents(self) -> list[Document]:
        """The documents, in import order (the source among them)."""
        return [record.document for record in self.document_records()]

    def document_record(self, name: str) -> DocumentRecord:
        for record in self.document_records():
            if record.name == name:
                return record
        raise InvalidEdit(f"There is no document named {name} in this project.")

    def document(self, name: str) -> Document:
        return self.document_record(name).document

    @property
    def source_name(self) -> str | None:
        """The document the others are checked against, if one is set."""
        for record in self.document_records():
            if record.role == SOURCE_ROLE:
                return record.name
        return None

    def set_source(self, name: str | None) -> Change:
        """Make ``name`` the source (the previous one becomes an article)."""
        if name is not None:
            self.document_record(name)  # refuse unknown names before writing

        def work(recorder: rows.Recorder) -> None:
            for record in self.document_records():
                role = SOURCE_ROLE if record.name == name else ARTICLE_ROLE
                if record.role != role:
                    recorder.document(record, replace(record, role=role))

        return self._commit(SOURCE_CHANGED, work)

    def setting(self, key: str, default: str | None = None) -> str | None:
        """A project setting (UI-independent, travels with the file)."""
        value = rows.load_setting(self._live(), key)
        return default if value is None else value

    def set_setting(self, key: str, value: str | None) -> Change:
        """Set (or, with ``None``, remove) a project setting."""

        def work(recorder: rows.Recorder) -> None:
            before = rows.load_setting(recorder.connection, key)
            if before != value:
                recorder.setting(key, before, value)

        return self._commit(SETTING_CHANGED, work)
