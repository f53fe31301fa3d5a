"""Checks on what a project file holds, before it is used.

:func:`stored_problems` lists what is wrong in a file and :func:`limit_problems` what
is more than a project may hold (opening refuses it then).  These read a whole file at
opening, apart from the checks on one edit in :mod:`cablereader.core.project.validation`,
whose rules (tag colours, roles, shortcut keys) they share.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from cablereader.core.project import limits
from cablereader.core.project.integrity import wrong_hashes
from cablereader.core.project.model import ROLES, SHORTCUT_KEYS
from cablereader.core.project.validation import TAG_COLOUR_RE

# --- what a project file holds ----------------------------------------------------------
#
# SQLite checks its own structure (PRAGMA integrity_check, which on most connections
# also runs the CHECK constraints) but not what the store relies on beyond that: foreign
# keys (only enforced on writes), column types (SQLite stores whatever it is given),
# UTF-8 (never checked), offsets inside their document.  A file edited by another tool,
# damaged, or made to break the app would otherwise fail later, in the middle of the
# session, with an error nobody can act on.  These checks read the whole file once, at
# opening (about 0.1 s for 1,000 documents and 20,000 annotations), so nothing read
# afterwards can surprise.

MAX_PROBLEMS = 10

# Every column the store reads, with its type: "integer", "text", or "text?" (or NULL).
STORED_COLUMNS: dict[str, dict[str, str]] = {
    "documents": {
        "id": "integer",
        "name": "text",
        "title": "text",
        "text": "text",
        "sha256": "text",
        "encoding": "text",
        "role": "text",
        "original_path": "text",
        "position": "integer",
        "imported": "text",
    },
    "tags": {
        "id": "integer",
        "uuid": "text",
        "name": "text",
        "colour": "text",
        "description": "text",
        "shortcut_key": "text?",
        "position": "integer",
    },
    "annotations": {
        "id": "integer",
        "uuid": "text",
        "document_id": "integer",
        "start_offset": "integer",
        "end_offset": "integer",
        "exact": "text",
        "prefix": "text",
        "suffix": "text",
        "note": "text",
        "author": "text",
        "created": "text",
        "modified": "text",
        "orphaned": "integer",
    },
    "annotation_tags": {"annotation_id": "integer", "tag_id": "integer"},
    "settings": {"key": "text", "value": "text"},
}
_ROW_LABELS = {
    "documents": "document",
    "tags": "tag",
    "annotations": "annotation",
    "annotation_tags": "tag link of annotation",
    "settings": "setting",
}
_ROW_KEYS = {"annotation_tags": "annotation_id", "settings": '"key"'}
_UTF8_FUNCTION = "cablereader_valid_utf8"
_TYPE_NAMES = {"blob": "binary data", "real": "a fraction", "integer": "a number"}


def _valid_utf8(value: object) -> int:
    if not isinstance(value, bytes):
        return 0
    try:
        value.decode("utf-8")
    except UnicodeDecodeError:
        return 0
    return 1


def stored_problems(connection: sqlite3.Connection) -> list[str]:
    """What in the open project breaks the store's rules (at most ``MAX_PROBLEMS``).

    Empty when the file can be used as it is.  Each problem names the row, e.g.
    ``"annotation 12 lies outside its document (offsets 500–520; a.txt has 300
    characters)"``.  Reads only; raises ``sqlite3.DatabaseError`` if the file cannot be
    read at all.
    """
    # Each stage needs what the earlier ones checked: the columns, then values of the
    # right type and readable text.
    for stage in (
        (_missing_columns,),
        (_wrong_types,),
        (_invalid_utf8,),
        (_broken_links, _wrong_values, _outside_text, wrong_hashes),
    ):
        problems = [problem for check in stage for problem in check(connection)]
        if problems:
            return problems[:MAX_PROBLEMS]
    return []


def _label(value: object) -> str:
    """A row's key, read as a blob (it may be the text that is not readable)."""
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def _missing_columns(connection: sqlite3.Connection) -> list[str]:
    problems = []
    for table, columns in STORED_COLUMNS.items():
        present = {str(row[1]) for row in connection.execute(f"PRAGMA table_info({table})")}
        for column in columns:
            if column not in present:
                problems.append(f"the {table} table has no {column} column")
    return problems


def _first(connection: sqlite3.Connection, sql: str) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in connection.execute(f"{sql} LIMIT {MAX_PROBLEMS}")]


def _wrong_types(connection: sqlite3.Connection) -> list[str]:
    problems = []
    for table, columns in STORED_COLUMNS.items():
        key = _ROW_KEYS.get(table, "id")
        allowed = {
            column: ("text", "null") if kind == "text?" else (kind,)
            for column, kind in columns.items()
        }
        types = ", ".join(f'typeof("{column}")' for column in columns)
        wrong = " OR ".join(
            f"""typeof("{column}") NOT IN ({", ".join(f"'{t}'" for t in kinds)})"""
            for column, kinds in allowed.items()
        )
        # One pass over the table; only rows with a problem come back.
        for row, *found in _first(
            connection, f"SELECT CAST({key} AS BLOB), {types} FROM {table} WHERE {wrong}"
        ):
            for (column, kinds), kind in zip(allowed.items(), found, strict=True):
                if kind not in kinds:
                    what = "a whole number" if kinds == ("integer",) else "text"
                    shown = "missing" if kind == "null" else _TYPE_NAMES.get(kind, kind)
                    problems.append(
                        f"{_ROW_LABELS[table]} {_label(row)}: its {column} is {shown}, not {what}"
                    )
    return problems


def _invalid_utf8(connection: sqlite3.Connection) -> list[str]:
    # SQLite never checks that text is UTF-8, and Python cannot read it back if it is
    # not.  Columns are joined with a newline, so that a broken character cannot be
    # completed by the next column.
    connection.create_function(_UTF8_FUNCTION, 1, _valid_utf8, deterministic=True)
    problems = []
    try:
        for table, columns in STORED_COLUMNS.items():
            key = _ROW_KEYS.get(table, "id")
            texts = [c for c, kind in columns.items() if kind.startswith("text")]
            if not texts:
                continue
            joined = " || char(10) || ".join(f"""coalesce("{c}", '')""" for c in texts)
            sql = (
                f"SELECT CAST({key} AS BLOB) FROM {table} "
                f"WHERE NOT {_UTF8_FUNCTION}(CAST({joined} AS BLOB))"
            )
            for (row,) in _first(connection, sql):
                problems.append(
                    f"{_ROW_LABELS[table]} {_label(row)} holds text that is not valid UTF-8"
                )
    finally:
        connection.create_function(_UTF8_FUNCTION, 1, None)
    return problems


def _broken_links(connection: sqlite3.Connection) -> list[str]:
    # Foreign keys are only enforced on writes; a file written without them can hold
    # links to rows that do not exist.  SQLite's own check also fails ("foreign key
    # mismatch") when the declarations themselves are damaged, which would otherwise
    # only show on the first edit.
    if not _first(connection, "SELECT 1 FROM pragma_foreign_key_check"):
        return []
    problems = [
        f"annotation {a} belongs to a document that does not exist (id {d})"
        for a, d in _first(
            connection,
            "SELECT id, document_id FROM annotations "
            "WHERE document_id NOT IN (SELECT id FROM documents)",
        )
    ]
    problems += [
        f"annotation {a} has a tag that does not exist (id {t})"
        for a, t in _first(
            connection,
            "SELECT annotation_id, tag_id FROM annotation_tags WHERE tag_id NOT IN "
            "(SELECT id FROM tags)",
        )
    ]
    problems += [
        f"a tag link refers to an annotation that does not exist (id {a})"
        for (a,) in _first(
            connection,
            "SELECT annotation_id FROM annotation_tags "
            "WHERE annotation_id NOT IN (SELECT id FROM annotations)",
        )
    ]
    return problems or ["a link between its rows is broken"]


def _wrong_values(connection: sqlite3.Connection) -> list[str]:
    roles = ", ".join(f"'{role}'" for role in ROLES)
    keys = ", ".join(f"'{key}'" for key in SHORTCUT_KEYS)
    problems = [
        f"document {d}: “{role}” is not a role (source or article)"
        for d, role in _first(
            connection, f"SELECT id, role FROM documents WHERE role NOT IN ({roles})"
        )
    ]
    problems += [
        f"two documents are named “{name}”"
        for (name,) in _first(
            connection, "SELECT name FROM documents GROUP BY name HAVING count(*) > 1"
        )
    ]
    hexdigit = "[0-9a-fA-F]"
    for tag_id, name, value, key in _first(
        connection,
        "SELECT id, name, colour, shortcut_key FROM tags "
        f"WHERE colour NOT GLOB '#{hexdigit * 6}' "
        f"OR (shortcut_key IS NOT NULL AND shortcut_key NOT IN ({keys}))",
    ):
        if not TAG_COLOUR_RE.fullmatch(value):
            problems.append(f"tag {tag_id} (“{name}”): “{value}” is not a colour (#rrggbb)")
        if key is not None and key not in SHORTCUT_KEYS:
            problems.append(f"tag {tag_id} (“{name}”): “{key}” is not a shortcut key (1–9)")
    problems += [
        f"two tags have the shortcut key {key}"
        for (key,) in _first(
            connection,
            f"SELECT shortcut_key FROM tags WHERE shortcut_key IN ({keys}) "
            "GROUP BY shortcut_key HAVING count(*) > 1",
        )
    ]
    problems += [
        f"annotation {a}: offsets {start}–{end} are not a passage (negative, or start after end)"
        for a, start, end in _first(
            connection,
            "SELECT id, start_offset, end_offset FROM annotations "
            "WHERE start_offset < 0 OR end_offset < start_offset",
        )
    ]
    problems += [
        f"annotation {a}: orphaned is {value!r}, not 0 or 1"
        for a, value in _first(
            connection, "SELECT id, orphaned FROM annotations WHERE orphaned NOT IN (0, 1)"
        )
    ]
    return problems


def _outside_text(connection: sqlite3.Connection) -> list[str]:
    # An orphan keeps its offsets in the old text, which may be longer than the new one.
    ends = dict(
        connection.execute(
            "SELECT document_id, max(end_offset) FROM annotations WHERE orphaned = 0 "
            "GROUP BY document_id"
        )
    )
    problems = []
    for d, name, length, nul in connection.execute(
        "SELECT id, name, length(text), instr(text, char(0)) FROM documents"
    ):
        if nul:  # length() stops at a NUL; Python counts code points to the end
            (text,) = connection.execute("SELECT text FROM documents WHERE id = ?", (d,)).fetchone()
            length = len(text)
        if ends.get(d, 0) <= length:
            continue
        problems += [
            f"annotation {a} lies outside its document (offsets {start}–{end}; "
            f"{name} has {length:,} characters)"
            for a, start, end in _first(
                connection,
                "SELECT id, start_offset, end_offset FROM annotations "
                f"WHERE document_id = {int(d)} AND orphaned = 0 AND end_offset > {int(length)}",
            )
        ]
    return problems


# --- how much a project file holds --------------------------------------------------------


def limit_problems(connection: sqlite3.Connection) -> list[str]:
    """What in the open project is over the limits of :mod:`limits` (at most ``MAX_PROBLEMS``).

    Run before anything reads a value into Python: counting is done by SQLite, one pass
    per table.  A text's length is counted in characters, and also bounded in bytes (4
    per character), since SQLite's character count stops at a NUL.
    """
    problems: list[str] = []
    for table, (most, what) in limits.MAX_ROWS.items():
        if not _present_columns(connection, table):
            continue
        (count,) = connection.execute(f"SELECT count(*) FROM {table}").fetchone()
        if count > most:
            problems.append(f"it has {count:,} {what} (the limit is {most:,})")
    for table, columns in limits.MAX_TEXT_CHARS.items():
        present = _present_columns(connection, table)
        checked = [(c, most, what) for c, (most, what) in columns.items() if c in present]
        key = _ROW_KEYS.get(table, "id")
        if not checked or key.strip('"') not in present:
            continue
        lengths = ", ".join(f'length("{c}"), length(CAST("{c}" AS BLOB))' for c, _, _ in checked)
        over = " OR ".join(
            f'length("{c}") > {most} OR length(CAST("{c}" AS BLOB)) > {4 * most}'
            for c, most, _ in checked
        )
        for row, *found in _first(
            connection, f"SELECT CAST({key} AS BLOB), {lengths} FROM {table} WHERE {over}"
        ):
            for index, (_, most, what) in enumerate(checked):
                chars, size = found[2 * index], found[2 * index + 1]
                if (chars or 0) > most or (size or 0) > 4 * most:
                    shown = f"{chars:,}" if (chars or 0) > most else f"more than {most:,}"
                    problems.append(
                        f"{_ROW_LABELS[table]} {_label(row)} has {shown} {what} "
                        f"(the limit is {most:,})"
                    )
    return problems[:MAX_PROBLEMS]


def _present_columns(connection: sqlite3.Connection, table: str) -> set[str]:
    return {str(row[1]) for row in connection.execute(f"PRAGMA table_info({table})")}
