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
    PRIMARY_SOURCE_SETTING,
    ROLES,
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
    def source_names(self) -> list[str]:
        """The sources the articles are checked against, the primary first, then in
        import order.  A project of an older version has one, which stays the primary."""
        names = [r.name for r in self.document_records() if r.role == SOURCE_ROLE]
        primary = self.setting(PRIMARY_SOURCE_SETTING)
        if primary in names:
            names.remove(primary)
            names.insert(0, primary)
        return names

    @property
    def source_name(self) -> str | None:
        """The primary source, if there is a source."""
        names = self.source_names
        return names[0] if names else None

    def set_source(self, name: str | None) -> Change:
        """Make ``name`` the only source (the others become articles)."""
        if name is not None:
            self.document_record(name)  # refuse unknown names before writing

        def work(recorder: rows.Recorder) -> None:
            for record in self.document_records():
                role = SOURCE_ROLE if record.name == name else ARTICLE_ROLE
                if record.role != role:
                    recorder.document(record, replace(record, role=role))
            self._forget_primary(recorder)

        return self._commit(SOURCE_CHANGED, work)

    def set_role(self, name: str, role: str) -> Change:
        """Make ``name`` a source or an article, the other documents keeping theirs."""
        if role not in ROLES:
            raise InvalidEdit(f"“{role}” is not a role (source or article).")
        record = self.document_record(name)

        def work(recorder: rows.Recorder) -> None:
            if record.role != role:
                recorder.document(record, replace(record, role=role))
            if (
                role == ARTICLE_ROLE
                and rows.load_setting(recorder.connection, PRIMARY_SOURCE_SETTING) == name
            ):
                self._forget_primary(recorder)

        return self._commit(SOURCE_CHANGED, work)

    def set_primary_source(self, name: str) -> Change:
        """Make source ``name`` the primary: the one a quotation found in several
        sources names first, and the text their witnesses are compared with."""
        if self.document_record(name).role != SOURCE_ROLE:
            raise InvalidEdit(f"{name} is not a source; use it as a source first.")

        def work(recorder: rows.Recorder) -> None:
            before = rows.load_setting(recorder.connection, PRIMARY_SOURCE_SETTING)
            if before != name:
                recorder.setting(PRIMARY_SOURCE_SETTING, before, name)

        return self._commit(SOURCE_CHANGED, work)

    @staticmethod
    def _forget_primary(recorder: rows.Recorder) -> None:
        before = rows.load_setting(recorder.connection, PRIMARY_SOURCE_SETTING)
        if before is not None:
            recorder.setting(PRIMARY_SOURCE_SETTING, before, None)

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
