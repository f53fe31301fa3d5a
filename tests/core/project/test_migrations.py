"""Schema versions: a version-1 project (tests/data/project_v1.sql) opens and upgrades."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from cablereader.core.project import (
    SCHEMA_VERSION,
    Project,
    ProjectCorrupt,
    ProjectTooNew,
    schema,
)

V1_SQL = Path(__file__).parent.parent.parent / "data" / "project_v1.sql"


def make_v1(path: Path) -> Path:
    connection = sqlite3.connect(path)
    connection.executescript(V1_SQL.read_text(encoding="utf-8"))
    connection.close()
    return path


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def user_version(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        return int(connection.execute("PRAGMA user_version").fetchone()[0])
    finally:
        connection.close()


def schema_sql(path: Path) -> list[tuple[str, str, str]]:
    """The schema, with whitespace runs collapsed (the fixture is indented differently)."""
    connection = sqlite3.connect(path)
    try:
        rows = connection.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE name != 'sqlite_sequence' "
            "ORDER BY type, name"
        ).fetchall()
    finally:
        connection.close()
    return [(kind, name, " ".join((sql or "").split())) for kind, name, sql in rows]


def test_migrations_are_ordered_and_complete() -> None:
    assert len(schema.MIGRATIONS) == SCHEMA_VERSION >= 2


def test_a_version_1_project_opens_upgraded_with_its_data(tmp_path: Path) -> None:
    path = make_v1(tmp_path / "old.crproj")
    assert user_version(path) == 1
    with Project.open(path) as project:
        assert [d.name for d in project.documents()] == ["cable.txt", "article.txt"]
        assert project.source_name == "cable.txt"
        assert project.document("article.txt").encoding == "cp1252"
        tags = project.tags()
        # Version 2 added descriptions and keys; old tags get keys 1, 2, 3.
        assert [(t.id, t.name, t.key, t.description) for t in tags] == [
            (1, "Key passage", "1", ""),
            (2, "Misquote", "2", ""),
            (3, "Old tag", "3", ""),
        ]
        first, second = project.annotations()
        assert (first.document, first.exact, first.tag_ids) == (
            "cable.txt",
            "The Ambassador",
            (3,),
        )
        assert (second.exact, second.note, second.author, second.tag_ids, second.orphaned) == (
            "the meeting went well",
            "Quoted verbatim.",
            "Ana",
            (1, 2),
            False,
        )
        assert second.modified == "2023-03-02T09:05:00+01:00"
        assert project.setting("author") == "Ana"
        # It is an ordinary project now: edits work, ids continue after the old ones.
        added = project.add_annotation("article.txt", 0, 10, [3]).annotation
        assert added.id == 3
    assert user_version(path) == SCHEMA_VERSION
    fresh = tmp_path / "fresh.crproj"
    Project.create(fresh).close()
    assert schema_sql(path) == schema_sql(fresh)  # migrated == created, to the letter


def test_read_only_opening_of_an_old_project_leaves_the_file_alone(tmp_path: Path) -> None:
    path = make_v1(tmp_path / "old.crproj")
    before = file_hash(path)
    with Project.open(path, read_only=True) as project:
        assert project.read_only
        assert [t.key for t in project.tags()] == ["1", "2", "3"]
        assert len(project.annotations()) == 2
    assert file_hash(path) == before
    assert user_version(path) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["old.crproj"]


def test_a_failing_migration_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_v1(tmp_path / "old.crproj")
    before = file_hash(path)

    def broken(connection: sqlite3.Connection) -> None:
        connection.execute("ALTER TABLE tags ADD COLUMN half_done TEXT")
        raise sqlite3.OperationalError("disk I/O error (simulated)")

    monkeypatch.setattr(schema, "MIGRATIONS", (schema.MIGRATIONS[0], broken))
    with pytest.raises(ProjectCorrupt, match="could not be upgraded"):
        Project.open(path)
    assert file_hash(path) == before
    assert user_version(path) == 1


def test_a_project_from_a_newer_version_is_never_touched(tmp_path: Path) -> None:
    path = make_v1(tmp_path / "new.crproj")
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    connection.close()
    before = file_hash(path)
    for read_only in (False, True):
        with pytest.raises(ProjectTooNew, match=r"new\.crproj: was saved by a newer version") as e:
            Project.open(path, read_only=read_only)
        assert e.value.version == SCHEMA_VERSION + 5
    assert file_hash(path) == before
