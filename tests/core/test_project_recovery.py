"""Reading a project after a crash: a hot journal, or junk where a journal would be.

A transaction killed half-way leaves a hot rollback journal; until someone opens the
file for writing, SQLite can only read it by rolling the journal back, which a read-only
connection cannot do.  Read-only use (``cablereader export``) must then read a consistent
snapshot (the file as it was before the killed transaction), leave both files alone,
and never call the healthy project damaged.
"""

from __future__ import annotations

import hashlib
import signal
from pathlib import Path

import pytest

from cablereader.cli import main
from cablereader.core.documents import Document
from cablereader.core.project import Project
from tests.core.hostile_generator import JUNK_JOURNALS, killed_mid_transaction

ARTICLE = "article.txt"
TEXT = "An article quoting “Quoted words here” today, and more words after that.\n" * 40


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_project(path: Path) -> Path:
    with Project.create(
        path, [Document.from_text(ARTICLE, TEXT), Document.from_text("s.txt", TEXT)]
    ) as project:
        for i in range(30):
            project.add_annotation(ARTICLE, i * 10, i * 10 + 6, [1], note=f"note {i}")
    return path


def kill_mid_transaction(path: Path) -> None:
    killed_mid_transaction(path, path.read_bytes())


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_export_after_a_killed_transaction_reads_the_last_commit(tmp_path: Path, capsys) -> None:
    path = make_project(tmp_path / "crashed.crproj")
    kill_mid_transaction(path)
    journal = path.with_name(path.name + "-journal")
    before = (digest(path), digest(journal))
    out = tmp_path / "out.csv"
    assert main(["export", str(path), "-o", str(out)]) == 0, capsys.readouterr().err
    exported = out.read_text(encoding="utf-8-sig")
    assert exported.count("note ") == 30 and "killed writer" not in exported
    with Project.open(path, read_only=True) as viewer:
        assert [a.note for a in viewer.annotations()] == [f"note {i}" for i in range(30)]
        assert viewer.tags()
    assert (digest(path), digest(journal)) == before  # read-only: neither file touched
    with Project.open(path) as editor:  # the editor rolls the journal back for good
        assert editor.annotation(1).note == "note 0"
    assert not journal.exists()


@pytest.mark.parametrize("junk", list(JUNK_JOURNALS.values()), ids=list(JUNK_JOURNALS))
def test_a_junk_journal_next_to_a_clean_file_is_harmless(
    tmp_path: Path, capsys, junk: bytes
) -> None:
    path = make_project(tmp_path / "clean.crproj")
    journal = path.with_name(path.name + "-journal")
    journal.write_bytes(junk)
    before = digest(path)
    out = tmp_path / "out.csv"
    assert main(["export", str(path), "-o", str(out)]) == 0, capsys.readouterr().err
    assert out.read_text(encoding="utf-8-sig").count("note ") == 30
    assert digest(path) == before
    with Project.open(path) as editor:
        assert len(editor.annotations()) == 30
