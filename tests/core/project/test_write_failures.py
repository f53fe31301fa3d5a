"""An edit that cannot reach the file fails, with a message saying why and what to do."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from cablereader.core.documents import Document
from cablereader.core.project import Project, ProjectCorrupt, ProjectWriteError, writefailures
from tests.conftest import MSNBC


def make(path: Path, sample_documents: dict[str, Document]) -> tuple[Project, int]:
    project = Project.create(path, list(sample_documents.values()))
    start = project.document(MSNBC).text.index("Donald Lu")
    annotation = project.add_annotation(MSNBC, start, start + 9, [1], note="kept").annotation
    return project, annotation.id


def test_an_edit_after_the_file_was_deleted_fails_and_save_as_keeps_the_work(
    tmp_path: Path, sample_documents: dict[str, Document]
) -> None:
    project, annotation = make(tmp_path / "p.crproj", sample_documents)
    os.remove(tmp_path / "p.crproj")
    # Without the check SQLite writes on into the deleted inode and nothing complains.
    with pytest.raises(ProjectWriteError) as raised:
        project.set_note(annotation, "lost?")
    assert "the project file was deleted or moved while it was open" in str(raised.value)
    assert "Save As" in str(raised.value)
    assert project.annotation(annotation).note == "kept"
    project.save_as(tmp_path / "rescued.crproj")
    project.set_note(annotation, "saved again")
    project.close()
    with Project.open(tmp_path / "rescued.crproj") as reopened:
        assert reopened.annotation(annotation).note == "saved again"


def test_an_edit_after_the_file_was_replaced_fails(
    tmp_path: Path, sample_documents: dict[str, Document]
) -> None:
    project, annotation = make(tmp_path / "p.crproj", sample_documents)
    other = tmp_path / "other.crproj"
    other.write_bytes((tmp_path / "p.crproj").read_bytes())
    os.replace(other, tmp_path / "p.crproj")
    with pytest.raises(ProjectWriteError, match="replaced by another file"):
        project.set_note(annotation, "into which file?")
    project.close()


def test_sqlite_errors_are_explained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "p.crproj"
    path.write_bytes(b"")
    full = writefailures.save_failure(path, sqlite3.OperationalError("database or disk is full"))
    assert "the disk is full" in str(full) and "Save As" in str(full)
    monkeypatch.setattr(writefailures.os, "access", lambda p, mode: Path(p) != path)
    read_only = writefailures.save_failure(
        path, sqlite3.OperationalError("attempt to write a readonly database")
    )
    assert "the project file was made read-only" in str(read_only)
    monkeypatch.setattr(writefailures.os, "access", lambda p, mode: Path(p) == path)
    folder = writefailures.save_failure(path, sqlite3.OperationalError("disk I/O error"))
    assert "its folder was made read-only" in str(folder)
    monkeypatch.setattr(writefailures.os, "access", lambda p, mode: True)
    other = writefailures.save_failure(path, sqlite3.OperationalError("disk I/O error"))
    assert "could not be written (disk I/O error)" in str(other)
    path.unlink()  # SQLite says "readonly database" when its file is gone
    gone = writefailures.save_failure(
        path, sqlite3.OperationalError("attempt to write a readonly database")
    )
    assert "deleted or moved" in str(gone)


def test_in_memory_projects_have_no_file_to_lose(sample_documents: dict[str, Document]) -> None:
    project = Project.create_in_memory(list(sample_documents.values()))
    start = project.document(MSNBC).text.index("Donald Lu")
    created = project.add_annotation(MSNBC, start, start + 9, [1])
    assert project.set_note(created.annotation.id, "fine").steps


def test_a_text_changed_under_its_stored_hash_is_refused_on_open(
    tmp_path: Path, sample_documents: dict[str, Document]
) -> None:
    # A doctored project: the article cut to 200 characters, its old hash kept, so the
    # analysis cache (and anything keyed on the hash) would take it for the full text.
    path = tmp_path / "cut.crproj"
    Project.create(path, list(sample_documents.values())).close()
    connection = sqlite3.connect(path)
    connection.execute("UPDATE documents SET text = substr(text, 1, 200) WHERE name = ?", (MSNBC,))
    connection.commit()
    connection.close()
    before = path.read_bytes()
    for read_only in (False, True):
        with pytest.raises(ProjectCorrupt, match="stored sha256 is not the hash of its text"):
            Project.open(path, read_only=read_only)
    assert path.read_bytes() == before
