"""The project file's schema, its ordered migrations, and a look at a file's header.

``PRAGMA user_version`` is the schema version.  ``MIGRATIONS[n]`` takes a project from
version ``n`` to ``n + 1``; a new project runs them all from 0, so a fresh file and a
migrated one have the same schema by construction.  To change the schema, append a
step; never edit one that has shipped (files in the wild were made by it).

The header is read with plain file I/O before SQLite opens anything: SQLite would
happily turn an empty file into a database, and opening must never write to a file
that is not known to be ours and of a version we understand.
"""

from __future__ import annotations

import sqlite3
import struct
from collections.abc import Callable
from dataclasses import dataclass

# "CRDR": CableReader.  Tools like `file` show it; it tells our files from other SQLite ones.
APPLICATION_ID = 0x43524452
SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100

Migration = Callable[[sqlite3.Connection], None]


def _statements(*sql: str) -> Migration:
    def run(connection: sqlite3.Connection) -> None:
        # One statement at a time: executescript() would commit the open transaction.
        for statement in sql:
            connection.execute(statement)

    return run


# AUTOINCREMENT: ids are never reused, so an id in an exported CSV or on an undo stack
# always means the same row (undo restores rows with their old ids).
_VERSION_1 = _statements(
    """CREATE TABLE documents (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        text TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        encoding TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('source', 'article')),
        original_path TEXT NOT NULL DEFAULT '',
        position INTEGER NOT NULL,
        imported TEXT NOT NULL
    )""",
    """CREATE TABLE tags (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        uuid TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL UNIQUE,
        colour TEXT NOT NULL,
        position INTEGER NOT NULL
    )""",
    """CREATE TABLE annotations (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        uuid TEXT NOT NULL UNIQUE,
        document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        start_offset INTEGER NOT NULL CHECK (start_offset >= 0),
        end_offset INTEGER NOT NULL CHECK (end_offset >= start_offset),
        exact TEXT NOT NULL,
        prefix TEXT NOT NULL,
        suffix TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        author TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL,
        modified TEXT NOT NULL
    )""",
    """CREATE TABLE annotation_tags (
        annotation_id INTEGER NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,
        tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
        PRIMARY KEY (annotation_id, tag_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX annotation_tags_by_tag ON annotation_tags (tag_id)",
    """CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) WITHOUT ROWID""",
)

# Version 2: tag descriptions and shortcut keys, orphaned annotations, and an index for
# listing one document's annotations.
_VERSION_2_DDL = _statements(
    "ALTER TABLE tags ADD COLUMN description TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE tags ADD COLUMN shortcut_key TEXT CHECK "
    "(shortcut_key IS NULL OR (length(shortcut_key) = 1 AND shortcut_key BETWEEN '1' AND '9'))",
    "CREATE UNIQUE INDEX tags_by_shortcut_key ON tags (shortcut_key)",
    "ALTER TABLE annotations ADD COLUMN orphaned INTEGER NOT NULL DEFAULT 0 "
    "CHECK (orphaned IN (0, 1))",
    "CREATE INDEX annotations_by_document ON annotations (document_id, start_offset)",
)


def _version_2(connection: sqlite3.Connection) -> None:
    _VERSION_2_DDL(connection)
    # Projects from before shortcut keys get keys 1-9 on their first tags, as new
    # projects do, so single-key tagging works on them right away.
    ids = [row[0] for row in connection.execute("SELECT id FROM tags ORDER BY position, id")]
    for key, tag_id in zip("123456789", ids[:9], strict=False):
        connection.execute("UPDATE tags SET shortcut_key = ? WHERE id = ?", (key, tag_id))


# Version 3: provenance.  Per document text (by its sha256, so that undoing a re-import
# finds the original of the text it restores), the original file compressed, its
# format, sha256 and size, the extractor and version, and the metadata found in it.
# Projects of version 2 get the empty table: their originals were never kept.
_VERSION_3 = _statements(
    """CREATE TABLE document_originals (
        document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        text_sha256 TEXT NOT NULL,
        format TEXT NOT NULL,
        extractor TEXT NOT NULL,
        original_sha256 TEXT NOT NULL,
        original_size INTEGER NOT NULL CHECK (original_size >= 0),
        compression TEXT NOT NULL CHECK (compression IN ('zlib')),
        original BLOB NOT NULL,
        headline TEXT NOT NULL DEFAULT '',
        outlet TEXT NOT NULL DEFAULT '',
        author TEXT NOT NULL DEFAULT '',
        published TEXT NOT NULL DEFAULT '',
        url TEXT NOT NULL DEFAULT '',
        imported TEXT NOT NULL,
        PRIMARY KEY (document_id, text_sha256)
    )""",
)

MIGRATIONS: tuple[Migration, ...] = (_VERSION_1, _version_2, _VERSION_3)
SCHEMA_VERSION = len(MIGRATIONS)

# Tables each version must have; a file of ours without them is damaged.
REQUIRED_TABLES = frozenset({"documents", "tags", "annotations", "annotation_tags", "settings"})


def migrate(connection: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Bring the open database from its ``user_version`` to ``target``, in one transaction.

    The caller has checked the file is ours and not newer.  On any error the
    transaction is rolled back and the file is as it was.  Returns the old version.
    """
    current = int(connection.execute("PRAGMA user_version").fetchone()[0])
    if current >= target:
        return current
    connection.execute("BEGIN IMMEDIATE")
    try:
        if current == 0:
            connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        for version in range(current, target):
            MIGRATIONS[version](connection)
        # PRAGMA does not take parameters; target is our own integer.
        connection.execute(f"PRAGMA user_version = {int(target)}")
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    return current


@dataclass(frozen=True)
class Header:
    """What the first 100 bytes of an SQLite file say (see sqlite.org/fileformat.html)."""

    page_size: int
    page_count: int  # 0 when the header's count is not known to be valid
    user_version: int
    application_id: int


def read_header(data: bytes) -> Header | None:
    """The header of an SQLite database file, or ``None`` if ``data`` is not one."""
    if len(data) < HEADER_SIZE or not data.startswith(SQLITE_MAGIC):
        return None
    (raw_page_size,) = struct.unpack_from(">H", data, 16)
    page_size = 65536 if raw_page_size == 1 else raw_page_size
    change_counter, page_count = struct.unpack_from(">II", data, 24)
    (valid_for,) = struct.unpack_from(">I", data, 92)
    (user_version,) = struct.unpack_from(">i", data, 60)
    (application_id,) = struct.unpack_from(">I", data, 68)
    if page_size < 512 or page_size & (page_size - 1):
        return None
    # The in-header page count is only trustworthy when the writer kept it up to date.
    known = valid_for == change_counter
    return Header(page_size, page_count if known else 0, user_version, application_id)
