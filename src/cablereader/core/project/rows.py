"""Reading records from the database and writing them back, row by row.

:class:`Recorder` is the only code that changes a project's rows.  Each write is a
step from one known state of a row to another (``None``: no row); the recorder keeps
the steps so the edit can be returned as a :class:`Change` and reverted later.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from cablereader.core.project.errors import InvalidEdit
from cablereader.core.project.model import (
    Annotation,
    AnnotationStep,
    DocumentRecord,
    DocumentStep,
    SettingStep,
    Step,
    Tag,
    TagStep,
)

DOCUMENT_COLUMNS = (
    "id, name, title, text, sha256, encoding, role, original_path, position, imported"
)
TAG_COLUMNS = "id, uuid, name, colour, description, shortcut_key, position"
ANNOTATION_COLUMNS = (
    "a.id, a.uuid, d.name, a.start_offset, a.end_offset, a.exact, a.prefix, a.suffix, "
    "a.note, a.author, a.created, a.modified, a.orphaned"
)
ANNOTATION_SELECT = (
    f"SELECT {ANNOTATION_COLUMNS} FROM annotations AS a JOIN documents AS d ON d.id = a.document_id"
)


# Rows come back in the column order of the SELECTs above, with SQLite's types, which
# the schema's NOT NULL columns and CHECKs guarantee.
def document_from_row(row: Sequence[Any]) -> DocumentRecord:
    return DocumentRecord(*row)


def tag_from_row(row: Sequence[Any]) -> Tag:
    return Tag(*row)


def annotations_from_rows(
    connection: sqlite3.Connection, rows: Iterable[Sequence[Any]]
) -> list[Annotation]:
    """Annotations for ``ANNOTATION_SELECT`` rows, with their tags looked up."""
    rows = list(rows)
    tags: dict[int, list[int]] = {}
    if rows:
        # One query for all links; fetching per annotation costs 10x on large projects.
        ids = [row[0] for row in rows]
        for start in range(0, len(ids), 900):  # SQLite's bound-variable limit
            chunk = ids[start : start + 900]
            marks = ",".join("?" * len(chunk))
            for annotation_id, tag_id in connection.execute(
                f"SELECT annotation_id, tag_id FROM annotation_tags "
                f"WHERE annotation_id IN ({marks}) ORDER BY tag_id",
                chunk,
            ):
                tags.setdefault(annotation_id, []).append(tag_id)
    result = []
    for row in rows:
        (
            annotation_id,
            uuid,
            document,
            start,
            end,
            exact,
            prefix,
            suffix,
            note,
            author,
            created,
            modified,
            orphaned,
        ) = row
        result.append(
            Annotation(
                annotation_id,
                uuid,
                document,
                start,
                end,
                exact,
                prefix,
                suffix,
                note,
                author,
                created,
                modified,
                tuple(tags.get(annotation_id, ())),
                bool(orphaned),
            )
        )
    return result


def load_document(connection: sqlite3.Connection, document_id: int) -> DocumentRecord | None:
    row = connection.execute(
        f"SELECT {DOCUMENT_COLUMNS} FROM documents WHERE id = ?", (document_id,)
    ).fetchone()
    return None if row is None else document_from_row(row)


def load_tag(connection: sqlite3.Connection, tag_id: int) -> Tag | None:
    row = connection.execute(f"SELECT {TAG_COLUMNS} FROM tags WHERE id = ?", (tag_id,)).fetchone()
    return None if row is None else tag_from_row(row)


def load_annotation(connection: sqlite3.Connection, annotation_id: int) -> Annotation | None:
    rows = connection.execute(f"{ANNOTATION_SELECT} WHERE a.id = ?", (annotation_id,)).fetchall()
    found = annotations_from_rows(connection, rows)
    return found[0] if found else None


def load_setting(connection: sqlite3.Connection, key: str) -> str | None:
    row = connection.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def current_state(connection: sqlite3.Connection, step: Step) -> object:
    """The row ``step`` is about, as it is in the database now (``None``: absent)."""
    if isinstance(step, SettingStep):
        return load_setting(connection, step.key)
    row = step.before if step.before is not None else step.after
    assert row is not None
    if isinstance(step, DocumentStep):
        return load_document(connection, row.id)
    if isinstance(step, TagStep):
        return load_tag(connection, row.id)
    return load_annotation(connection, row.id)


class Recorder:
    """Writes rows inside the caller's transaction and remembers each step."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        self.steps: list[Step] = []
        self._document_ids: dict[str, int] = {}

    def apply(self, step: Step) -> None:
        if isinstance(step, SettingStep):
            self.setting(step.key, step.before, step.after)
        elif isinstance(step, DocumentStep):
            self.document(step.before, step.after)
        elif isinstance(step, TagStep):
            self.tag(step.before, step.after)
        else:
            self.annotation(step.before, step.after)

    def setting(self, key: str, before: str | None, after: str | None) -> None:
        if after is None:
            self.connection.execute("DELETE FROM settings WHERE key = ?", (key,))
        else:
            self.connection.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, after),
            )
        self.steps.append(SettingStep(key, before, after))

    def document(self, before: DocumentRecord | None, after: DocumentRecord | None) -> None:
        if after is None:
            assert before is not None
            # Deleting would cascade to annotations that this change does not account for.
            self._refuse_if_used("annotations", "document_id", before.id, before.name)
            self.connection.execute("DELETE FROM documents WHERE id = ?", (before.id,))
        elif before is None:
            self.connection.execute(
                f"INSERT INTO documents ({DOCUMENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    after.id,
                    after.name,
                    after.title,
                    after.text,
                    after.sha256,
                    after.encoding,
                    after.role,
                    after.original_path,
                    after.position,
                    after.imported,
                ),
            )
        else:
            # UPDATE, not REPLACE: replacing deletes the row, cascading to its annotations.
            self.connection.execute(
                "UPDATE documents SET name = ?, title = ?, text = ?, sha256 = ?, encoding = ?, "
                "role = ?, original_path = ?, position = ?, imported = ? WHERE id = ?",
                (
                    after.name,
                    after.title,
                    after.text,
                    after.sha256,
                    after.encoding,
                    after.role,
                    after.original_path,
                    after.position,
                    after.imported,
                    after.id,
                ),
            )
        self.steps.append(DocumentStep(before, after))

    def _refuse_if_used(self, table: str, column: str, row_id: int, name: str) -> None:
        used = self.connection.execute(
            f"SELECT 1 FROM {table} WHERE {column} = ? LIMIT 1", (row_id,)
        ).fetchone()
        if used is not None:
            raise InvalidEdit(f"{name} cannot be removed: annotations still use it.")

    def new_document(self, record: DocumentRecord) -> DocumentRecord:
        """Insert ``record`` under a new id (its ``id`` is ignored); return it with the id."""
        cursor = self.connection.execute(
            "INSERT INTO documents (name, title, text, sha256, encoding, role, original_path, "
            "position, imported) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                record.name,
                record.title,
                record.text,
                record.sha256,
                record.encoding,
                record.role,
                record.original_path,
                record.position,
                record.imported,
            ),
        )
        assert cursor.lastrowid is not None
        created = replace(record, id=cursor.lastrowid)
        self.steps.append(DocumentStep(None, created))
        return created

    def tag(self, before: Tag | None, after: Tag | None) -> None:
        if after is None:
            assert before is not None
            self._refuse_if_used("annotation_tags", "tag_id", before.id, before.name)
            self.connection.execute("DELETE FROM tags WHERE id = ?", (before.id,))
        elif before is None:
            self.connection.execute(
                f"INSERT INTO tags ({TAG_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    after.id,
                    after.uuid,
                    after.name,
                    after.colour,
                    after.description,
                    after.key,
                    after.position,
                ),
            )
        else:
            self.connection.execute(
                "UPDATE tags SET uuid = ?, name = ?, colour = ?, description = ?, "
                "shortcut_key = ?, position = ? WHERE id = ?",
                (
                    after.uuid,
                    after.name,
                    after.colour,
                    after.description,
                    after.key,
                    after.position,
                    after.id,
                ),
            )
        self.steps.append(TagStep(before, after))

    def new_tag(self, tag: Tag) -> Tag:
        cursor = self.connection.execute(
            "INSERT INTO tags (uuid, name, colour, description, shortcut_key, position) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (tag.uuid, tag.name, tag.colour, tag.description, tag.key, tag.position),
        )
        assert cursor.lastrowid is not None
        created = replace(tag, id=cursor.lastrowid)
        self.steps.append(TagStep(None, created))
        return created

    def _document_id(self, name: str) -> int:
        if name not in self._document_ids:
            row = self.connection.execute(
                "SELECT id FROM documents WHERE name = ?", (name,)
            ).fetchone()
            if row is None:
                raise LookupError(f"no document named {name}")
            self._document_ids[name] = int(row[0])
        return self._document_ids[name]

    def _annotation_values(self, a: Annotation) -> tuple[object, ...]:
        return (
            a.uuid,
            self._document_id(a.document),
            a.start,
            a.end,
            a.exact,
            a.prefix,
            a.suffix,
            a.note,
            a.author,
            a.created,
            a.modified,
            int(a.orphaned),
        )

    def _set_links(self, annotation_id: int, tag_ids: Iterable[int]) -> None:
        self.connection.execute(
            "DELETE FROM annotation_tags WHERE annotation_id = ?", (annotation_id,)
        )
        self.connection.executemany(
            "INSERT INTO annotation_tags (annotation_id, tag_id) VALUES (?, ?)",
            [(annotation_id, tag_id) for tag_id in tag_ids],
        )

    def annotation(self, before: Annotation | None, after: Annotation | None) -> None:
        fields = (
            "uuid, document_id, start_offset, end_offset, exact, prefix, suffix, note, "
            "author, created, modified, orphaned"
        )
        if after is None:
            assert before is not None
            self.connection.execute("DELETE FROM annotations WHERE id = ?", (before.id,))
        elif before is None:
            self.connection.execute(
                f"INSERT INTO annotations (id, {fields}) VALUES (?{', ?' * 12})",
                (after.id, *self._annotation_values(after)),
            )
            self._set_links(after.id, after.tag_ids)
        else:
            assignments = ", ".join(f"{name} = ?" for name in fields.split(", "))
            self.connection.execute(
                f"UPDATE annotations SET {assignments} WHERE id = ?",
                (*self._annotation_values(after), after.id),
            )
            if after.tag_ids != before.tag_ids:
                self._set_links(after.id, after.tag_ids)
        self.steps.append(AnnotationStep(before, after))

    def new_annotation(self, annotation: Annotation) -> Annotation:
        cursor = self.connection.execute(
            "INSERT INTO annotations (uuid, document_id, start_offset, end_offset, exact, "
            "prefix, suffix, note, author, created, modified, orphaned) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            self._annotation_values(annotation),
        )
        assert cursor.lastrowid is not None
        self._set_links(cursor.lastrowid, annotation.tag_ids)
        created = replace(annotation, id=cursor.lastrowid)
        self.steps.append(AnnotationStep(None, created))
        return created
