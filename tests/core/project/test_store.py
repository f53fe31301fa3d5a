"""The project store: round trips, edits and undo, locking, Save As, bad files, kill-safety."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from cablereader.core.documents import Document
from cablereader.core.project import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    STARTER_TAGS,
    Change,
    InvalidEdit,
    NotAProject,
    Project,
    ProjectClosed,
    ProjectCorrupt,
    ProjectError,
    ProjectExists,
    ProjectLocked,
    ProjectNotFound,
    ProjectReadOnly,
    ProjectTooNew,
    locking,
)
from tests.conftest import MSNBC, REPRINT, SOURCE, UNRELATED


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def state(project: Project) -> tuple[object, ...]:
    """Everything a project holds, for comparing before and after."""
    settings = project._live().execute("SELECT key, value FROM settings ORDER BY key").fetchall()
    return (project.document_records(), project.tags(), project.annotations(), settings)


@pytest.fixture
def documents(sample_documents: dict[str, Document]) -> list[Document]:
    return list(sample_documents.values())


@pytest.fixture
def project(tmp_path: Path, documents: list[Document]) -> Project:
    with Project.create(tmp_path / "study.crproj", documents) as opened:
        yield opened


def passage(project: Project, document: str, words: str) -> tuple[int, int]:
    start = project.document(document).text.index(words)
    return start, start + len(words)


# --- creating, reopening ----------------------------------------------------------------


def test_new_project_holds_the_documents_source_and_starter_tags(
    project: Project, documents: list[Document]
) -> None:
    assert project.documents() == documents
    assert project.source_name == SOURCE
    assert project.name == "study"
    tags = project.tags()
    assert [(t.name, t.key) for t in tags] == [
        ("Key passage", "1"),
        ("Misquote", "2"),
        ("Missing context", "3"),
        ("Needs checking", "4"),
    ]
    assert len({t.colour for t in tags}) == len(STARTER_TAGS)
    assert len({t.uuid for t in tags}) == len(tags)
    records = project.document_records()
    assert [r.role for r in records].count("source") == 1
    assert all(r.original_path for r in records)


def test_round_trip_through_the_file(tmp_path: Path, documents: list[Document]) -> None:
    path = tmp_path / "study.crproj"
    with Project.create(path, documents, source=SOURCE) as project:
        tag = project.add_tag("Framing", "#AABBCC", "How it is framed", key="5").tag
        start, end = passage(project, MSNBC, "Lu")
        first = project.add_annotation(
            MSNBC, start, end, [tag.id, 1], note="a, “note”\n", author="Ana"
        )
        second = project.add_annotation(SOURCE, 0, 10).annotation
        project.set_note(second.id, "ünïcode ✓")
        project.set_setting("author", "Ana")
        before = state(project)
    assert first.annotation.exact == "Lu"
    assert first.annotation.tag_ids == (1, tag.id)
    assert tag.colour == "#aabbcc"
    with Project.open(path) as reopened:
        assert state(reopened) == before
        assert reopened.setting("author") == "Ana"
        assert reopened.setting("missing", "default") == "default"
        assert reopened.annotation(second.id).note == "ünïcode ✓"
        assert reopened.tag_for_key("5") == tag
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # One file at rest: no journal, no lock file left behind.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["study.crproj"]


def test_create_refuses_to_replace_a_file_unless_asked(
    tmp_path: Path, documents: list[Document]
) -> None:
    path = tmp_path / "study.crproj"
    path.write_text("precious")
    with pytest.raises(ProjectExists, match=r"study\.crproj: already exists"):
        Project.create(path, documents)
    assert path.read_text() == "precious"
    with Project.create(path, documents, overwrite=True) as project:
        assert len(project.documents()) == len(documents)


def test_create_checks_names_and_source(tmp_path: Path, documents: list[Document]) -> None:
    with pytest.raises(InvalidEdit, match="same name"):
        Project.create(tmp_path / "a.crproj", [documents[0], documents[0]])
    with pytest.raises(InvalidEdit, match=r"missing\.txt"):
        Project.create(tmp_path / "a.crproj", documents, source="missing.txt")
    assert list(tmp_path.iterdir()) == []


def test_create_in_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(ProjectNotFound, match="there is no folder"):
        Project.create(tmp_path / "no" / "such" / "a.crproj")


def test_untitled_project_in_memory_is_saved_as_a_file(
    tmp_path: Path, documents: list[Document]
) -> None:
    project = Project.create_in_memory(documents[:2], starter_tags=False)
    assert project.path is None and project.name == "Untitled" and project.tags() == []
    project.add_tag("Mine", "#123456")
    project.save_as(tmp_path / "saved.crproj")
    assert project.path == tmp_path / "saved.crproj"
    project.add_tag("After saving", "#654321")
    project.close()
    with Project.open(tmp_path / "saved.crproj") as reopened:
        assert [t.name for t in reopened.tags()] == ["Mine", "After saving"]


# --- edits and their checks ------------------------------------------------------------


def test_annotation_takes_its_text_and_context_from_the_document(project: Project) -> None:
    text = project.document(REPRINT).text
    start, end = passage(project, REPRINT, "I cannot predict how Europe will react")
    annotation = project.add_annotation(REPRINT, start, end, [2]).annotation
    assert annotation.exact == text[start:end]
    assert annotation.prefix == text[start - 32 : start]
    assert annotation.suffix == text[end : end + 32]
    assert annotation.created == annotation.modified
    assert "T" in annotation.created and annotation.created[-6] in "+-"  # ISO with offset
    at_start = project.add_annotation(REPRINT, 0, 3).annotation
    assert at_start.prefix == "" and at_start.tag_ids == ()


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [(-1, 5, "0 ≤ start < end"), (5, 5, "0 ≤ start"), (7, 3, "start < end"),
     (0, 10**9, "its length"), (True, 5, "whole numbers"), (1.0, 5, "whole numbers")],
)  # fmt: skip
def test_bad_offsets_are_refused_clearly(
    project: Project, start: object, end: object, message: str
) -> None:
    with pytest.raises(InvalidEdit, match=message):
        project.add_annotation(MSNBC, start, end)  # type: ignore[arg-type]
    assert project.annotations() == []


def test_other_bad_edits_are_refused(project: Project) -> None:
    with pytest.raises(InvalidEdit, match=r"no document named nope\.txt"):
        project.add_annotation("nope.txt", 0, 1)
    with pytest.raises(InvalidEdit, match="no tag with id 99"):
        project.add_annotation(MSNBC, 0, 1, [99])
    with pytest.raises(InvalidEdit, match="already a tag named “Misquote”"):
        project.add_tag("  misquote ", "#000000")
    with pytest.raises(InvalidEdit, match="not a colour"):
        project.add_tag("New", "red")
    with pytest.raises(InvalidEdit, match="Key 1 is already the shortcut of the tag “Key passage”"):
        project.add_tag("New", "#000000", key="1")
    with pytest.raises(InvalidEdit, match="use 1 to 9"):
        project.add_tag("New", "#000000", key="0")
    with pytest.raises(InvalidEdit, match="needs a name"):
        project.update_tag(1, name="   ")
    with pytest.raises(InvalidEdit, match="into itself"):
        project.merge_tags(1, 1)
    with pytest.raises(InvalidEdit, match="no annotation with id 5"):
        project.set_note(5, "x")
    # The same key and name on the same tag are fine.
    assert project.update_tag(1, name="Key passage", key="1").steps == ()


def test_tag_edits(project: Project) -> None:
    start, end = passage(project, MSNBC, "Lu")
    annotation = project.add_annotation(MSNBC, start, end, [1, 2]).annotation
    other = project.add_annotation(MSNBC, 0, 5, [2]).annotation
    renamed = project.update_tag(2, name="Altered quote", colour="#FF0000", key=None).tag
    assert (renamed.name, renamed.colour, renamed.key) == ("Altered quote", "#ff0000", None)
    assert project.update_tag(1, key="2").tag.key == "2"  # key 2 was freed above
    assert project.tag_usage(2) == 2
    project.merge_tags(2, 1)
    assert [t.id for t in project.tags()] == [1, 3, 4]
    assert project.annotation(annotation.id).tag_ids == (1,)
    assert project.annotation(other.id).tag_ids == (1,)
    assert project.tag_usage(1) == 2
    project.delete_tag(1)
    assert project.annotation(annotation.id).tag_ids == ()  # kept, untagged
    assert project.annotation(annotation.id).modified == annotation.modified
    assert len(project.annotations()) == 2


def test_annotation_edits(project: Project) -> None:
    annotation = project.add_annotation(MSNBC, 10, 20, [1]).annotation
    assert project.set_note(annotation.id, annotation.note).steps == ()  # nothing changed
    project.set_note(annotation.id, "Why this matters")
    project.set_annotation_tags(annotation.id, [3, 2, 3])
    changed = project.annotation(annotation.id)
    assert (changed.note, changed.tag_ids) == ("Why this matters", (2, 3))
    project.delete_annotation(annotation.id)
    assert project.annotations() == []
    with pytest.raises(InvalidEdit):
        project.delete_annotation(annotation.id)


# --- undo: every edit reverts to the same rows, with the same ids ----------------------


def _add_tag(p: Project) -> Change:
    return p.add_tag("Framing", "#112233", key="7")


def _update_tag(p: Project) -> Change:
    return p.update_tag(1, name="Important", colour="#000000", description="d", key="9")


def _delete_tag(p: Project) -> Change:
    return p.delete_tag(1)


def _merge_tags(p: Project) -> Change:
    return p.merge_tags(1, 2)


def _add_annotation(p: Project) -> Change:
    return p.add_annotation(REPRINT, 100, 160, [1, 3], note="n")


def _set_note(p: Project) -> Change:
    return p.set_note(1, "changed")


def _set_tags(p: Project) -> Change:
    return p.set_annotation_tags(1, [4])


def _delete_annotation(p: Project) -> Change:
    return p.delete_annotation(1)


def _set_source(p: Project) -> Change:
    return p.set_source(REPRINT)


def _set_setting(p: Project) -> Change:
    return p.set_setting("author", "Ana")


def _import(p: Project) -> Change:
    old = p.document(MSNBC)
    new_text = "A correction.\n" + old.text.replace("Lu", "Donald Lu", 1)
    report = p.import_documents(
        [Document.from_text(MSNBC, new_text), Document.from_text("new.txt", "x")]
    )
    assert report.change is not None
    return report.change


@pytest.mark.parametrize(
    "edit",
    [_add_tag, _update_tag, _delete_tag, _merge_tags, _add_annotation, _set_note, _set_tags,
     _delete_annotation, _set_source, _set_setting, _import],
)  # fmt: skip
def test_every_edit_reverts_and_redoes_exactly(
    project: Project, edit: Callable[[Project], Change]
) -> None:
    start, end = passage(project, MSNBC, "Lu")
    project.add_annotation(MSNBC, start, end, [1, 2], note="first")
    project.add_annotation(MSNBC, 0, 4, [1])
    before = state(project)
    change = edit(project)
    after = state(project)
    assert change.steps and after != before
    undo = project.revert(change)
    assert state(project) == before
    assert undo.undone and undo.kind == change.kind
    redo = project.revert(undo)
    assert state(project) == after  # same ids, same times, same everything
    assert not redo.undone
    project.revert(redo)
    assert state(project) == before


def test_revert_refuses_a_change_the_project_has_moved_past(project: Project) -> None:
    annotation = project.add_annotation(MSNBC, 0, 4).annotation
    first = project.set_note(annotation.id, "one")
    project.set_note(annotation.id, "two")
    before = state(project)
    with pytest.raises(InvalidEdit, match="cannot be undone"):
        project.revert(first)
    assert state(project) == before


def test_merged_changes_undo_as_one(project: Project) -> None:
    annotation = project.add_annotation(MSNBC, 0, 4).annotation
    typing = project.set_note(annotation.id, "W")
    for text in ("Wh", "Why"):
        typing = typing.merged(project.set_note(annotation.id, text))
    assert len(typing.steps) == 1
    project.revert(typing)
    assert project.annotation(annotation.id) == annotation


def test_restore_puts_deleted_things_back_with_their_ids(project: Project) -> None:
    annotation = project.add_annotation(MSNBC, 0, 4, [1, 2], note="keep").annotation
    project.delete_annotation(annotation.id)
    restored = project.restore_annotation(annotation).annotation
    assert restored == project.annotation(annotation.id) == annotation
    tag = project.tag(2)
    project.delete_tag(2)
    project.restore_tag(tag, [annotation.id])
    assert project.tag(2) == tag
    assert project.annotation(annotation.id).tag_ids == (1, 2)
    new = project.add_annotation(MSNBC, 5, 9).annotation
    assert new.id > annotation.id  # ids are never reused
    with pytest.raises(InvalidEdit, match="still there"):
        project.restore_annotation(annotation)


def test_observers_get_each_committed_change(project: Project) -> None:
    seen: list[Change] = []
    unsubscribe = project.subscribe(seen.append)
    added = project.add_annotation(MSNBC, 0, 4)
    project.set_note(added.annotation.id, "")  # no change: no notification
    deleted = project.delete_tag(3)
    undone = project.revert(deleted)
    assert seen == [added, deleted, undone]
    assert added.annotation_ids == {added.annotation.id}
    assert deleted.tag_ids == {3} and deleted.removed_annotations == ()
    assert added.document_names == {MSNBC}
    unsubscribe()
    project.set_setting("x", "y")
    assert len(seen) == 3


def test_source_and_settings(project: Project) -> None:
    project.set_source(REPRINT)
    assert project.source_name == REPRINT
    assert [r.role for r in project.document_records()].count("source") == 1
    project.set_source(None)
    assert project.source_name is None
    with pytest.raises(InvalidEdit):
        project.set_source("nope.txt")
    project.set_setting("k", "v")
    project.set_setting("k", None)
    assert project.setting("k") is None


# --- importing documents into a project ------------------------------------------------


def test_import_adds_updates_and_reanchors(project: Project) -> None:
    old = project.document(MSNBC)
    start, end = passage(project, MSNBC, "I think if the no-confidence vote")
    kept = project.add_annotation(MSNBC, start, end, [1]).annotation
    lost_start, lost_end = passage(project, MSNBC, old.text[200:260])
    lost = project.add_annotation(MSNBC, lost_start, lost_end).annotation
    corrected = "Editor's note: corrected.\n\n" + old.text[:200] + old.text[260:]
    report = project.import_documents(
        [
            Document.from_text(MSNBC, corrected),
            project.document(UNRELATED),
            Document.from_text("extra.txt", "An extra article."),
        ]
    )
    assert report.added == ("extra.txt",)
    assert report.updated == (MSNBC,)
    assert report.unchanged == (UNRELATED,)
    assert [a.id for a in report.reanchored] == [kept.id]
    assert [a.id for a in report.orphaned] == [lost.id]
    moved = project.annotation(kept.id)
    assert moved.start == corrected.index("I think if the no-confidence vote")
    assert moved.exact == kept.exact and moved.tag_ids == (1,)
    assert project.document(MSNBC).text == corrected
    orphans = project.orphans()
    assert [(o.id, o.exact, o.orphaned) for o in orphans] == [(lost.id, lost.exact, True)]
    assert project.documents()[-1].name == "extra.txt"
    # Putting the passage back places the orphan again.
    again = project.import_documents([old])
    assert {a.id for a in again.reanchored} == {kept.id, lost.id}
    assert project.orphans() == []
    assert project.annotation(lost.id).start == lost.start
    assert project.import_documents([old]).change is None


def test_import_detects_a_source_when_there_is_none(
    tmp_path: Path, documents: list[Document]
) -> None:
    with Project.create(tmp_path / "a.crproj") as project:
        assert project.source_name is None and project.documents() == []
        project.import_documents(documents)
        assert project.source_name == SOURCE


# --- read-only, locking, closing, Save As -----------------------------------------------


def test_second_instance_is_refused_and_can_open_read_only(project: Project) -> None:
    assert project.path is not None
    project.add_annotation(MSNBC, 0, 4, note="from the editor")
    with pytest.raises(ProjectLocked, match=r"study\.crproj: is open in another") as caught:
        Project.open(project.path)
    assert "read-only" in str(caught.value)
    before = file_hash(project.path)
    with Project.open(project.path, read_only=True) as viewer:
        assert viewer.read_only
        assert viewer.annotations()[0].note == "from the editor"
        with pytest.raises(ProjectReadOnly, match="read-only"):
            viewer.set_note(1, "x")
        with pytest.raises(ProjectReadOnly):
            viewer.add_tag("x", "#000000")
    assert file_hash(project.path) == before
    project.close()
    with Project.open(project.path) as editor:  # the lock went with the first instance
        assert not editor.read_only


def test_a_read_only_file_opens_read_only_only(project: Project) -> None:
    assert project.path is not None
    path = project.path
    project.close()
    os.chmod(path, 0o444)
    try:
        if os.access(path, os.W_OK):
            pytest.skip("running as a user who can write read-only files")
        with pytest.raises(ProjectLocked, match="read-only file"):
            Project.open(path)
        with Project.open(path, read_only=True) as viewer:
            assert viewer.documents()
    finally:
        os.chmod(path, 0o644)


def test_closed_project_refuses_everything(project: Project) -> None:
    project.close()
    project.close()  # twice is fine
    with pytest.raises(ProjectClosed):
        project.tags()
    with pytest.raises(ProjectClosed):
        project.add_tag("x", "#000000")


def test_save_as_copies_and_continues_on_the_new_file(project: Project, tmp_path: Path) -> None:
    assert project.path is not None
    original = project.path
    project.add_annotation(MSNBC, 0, 4, note="before")
    before = state(project)
    with pytest.raises(InvalidEdit, match="own file"):
        project.save_as(original)
    copy = tmp_path / "sub" / "copy.crproj"
    copy.parent.mkdir()
    project.save_as(copy)
    assert project.path == copy and state(project) == before
    project.set_note(1, "after")
    with pytest.raises(ProjectLocked):
        Project.open(copy)
    with Project.open(original) as old:  # released, and unchanged by later edits
        assert old.annotation(1).note == "before"
        with pytest.raises(ProjectLocked):
            project.save_as(original)  # open elsewhere: never overwritten
    # The lock is on the file itself where the platform allows it, else on a sidecar.
    sidecar = [] if locking.FILE_LOCKS else ["copy.crproj.lock"]
    assert sorted(p.name for p in copy.parent.iterdir()) == ["copy.crproj", *sidecar]
    project.save_as(tmp_path / "moved.crproj", delete_previous=True)
    assert not copy.exists()


def test_save_as_from_read_only_gives_an_editable_copy(project: Project, tmp_path: Path) -> None:
    assert project.path is not None
    with Project.open(project.path, read_only=True) as viewer:
        viewer.save_as(tmp_path / "mine.crproj")
        assert not viewer.read_only
        viewer.add_tag("Mine", "#abcdef")
    with Project.open(tmp_path / "mine.crproj") as mine:
        assert mine.tags()[-1].name == "Mine"


# --- bad project files: a clear error, and the file untouched --------------------------


def _text_file(path: Path, good: Path) -> None:
    path.write_text("Dear diary,\nthis is not a database.\n")


def _empty(path: Path, good: Path) -> None:
    path.write_bytes(b"")


def _truncated(path: Path, good: Path) -> None:
    data = good.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _header_only(path: Path, good: Path) -> None:
    path.write_bytes(good.read_bytes()[:60])


def _damaged_page(path: Path, good: Path) -> None:
    data = bytearray(good.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    for page in range(1, len(data) // page_size):  # every page but the header's
        data[page * page_size : page * page_size + 40] = b"\xa5" * 40
    path.write_bytes(bytes(data))


def _other_program(path: Path, good: Path) -> None:
    with sqlite3.connect(path) as other:
        other.execute("CREATE TABLE recipes (name TEXT, steps TEXT)")
        other.execute("INSERT INTO recipes VALUES ('bread', 'knead')")
    other.close()


def _other_application_id(path: Path, good: Path) -> None:
    path.write_bytes(good.read_bytes())
    with sqlite3.connect(path) as other:
        other.execute("PRAGMA application_id = 1234")
    other.close()


def _newer_version(path: Path, good: Path) -> None:
    path.write_bytes(good.read_bytes())
    with sqlite3.connect(path) as newer:
        newer.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    newer.close()


def _our_id_foreign_tables(path: Path, good: Path) -> None:
    with sqlite3.connect(path) as odd:
        odd.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        odd.execute("PRAGMA user_version = 1")
        odd.execute("CREATE TABLE something (x)")
    odd.close()


@pytest.mark.parametrize(
    ("make", "error", "message"),
    [
        (_text_file, NotAProject, "not an SQLite database"),
        (_empty, NotAProject, "empty"),
        (_truncated, ProjectCorrupt, "cut short"),
        (_header_only, ProjectCorrupt, "cut short"),
        (_damaged_page, ProjectCorrupt, "damaged"),
        (_other_program, NotAProject, "another program"),
        (_other_application_id, NotAProject, "another program"),
        (_newer_version, ProjectTooNew, "newer version of CableReader"),
        (_our_id_foreign_tables, ProjectCorrupt, "missing"),
    ],
)
@pytest.mark.parametrize("read_only", [False, True])
def test_bad_project_files_get_a_clear_error_and_stay_untouched(
    tmp_path: Path,
    documents: list[Document],
    make: Callable[[Path, Path], None],
    error: type[ProjectError],
    message: str,
    read_only: bool,
) -> None:
    good = tmp_path / "good" / "good.crproj"
    good.parent.mkdir()
    with Project.create(good, documents) as project:
        project.add_annotation(MSNBC, 0, 4, note="x" * 5000)  # a few pages
    bad_dir = tmp_path / "bad"
    bad_dir.mkdir()
    bad = bad_dir / "bad.crproj"
    make(bad, good)
    before = file_hash(bad)
    with pytest.raises(error, match=message) as caught:
        Project.open(bad, read_only=read_only)
    assert str(caught.value).startswith("bad.crproj: ")
    assert caught.value.path == str(bad)
    assert file_hash(bad) == before
    assert [p.name for p in bad_dir.iterdir()] == ["bad.crproj"]  # no journal, no lock


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(ProjectNotFound, match=r"nothing\.crproj: no such file"):
        Project.open(tmp_path / "nothing.crproj")
    with pytest.raises(ProjectNotFound, match="is a folder"):
        Project.open(tmp_path)


# --- kill-safety ---------------------------------------------------------------------------

_EDITOR = textwrap.dedent(
    """
    import sys
    from cablereader.core.project import Project

    project = Project.open(sys.argv[1])
    tag = project.add_tag("Killed", "#123456").tag
    print("tag", tag.id, flush=True)
    for i in range(100000):
        change = project.add_annotation(sys.argv[2], i % 50, i % 50 + 5, [tag.id], note="n" * i)
        print("annotation", change.annotation.id, flush=True)
        project.set_note(change.annotation.id, f"note {i}")
        print("note", change.annotation.id, flush=True)
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_every_reported_edit_survives_sigkill(project: Project) -> None:
    assert project.path is not None
    path = project.path
    project.close()
    editor = subprocess.Popen(
        [sys.executable, "-c", _EDITOR, str(path), MSNBC],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert editor.stdout is not None
    reported: list[tuple[str, int]] = []
    for line in editor.stdout:
        kind, number = line.split()
        reported.append((kind, int(number)))
        if len(reported) >= 60:
            break
    editor.send_signal(signal.SIGKILL)
    editor.wait(timeout=10)
    # Reopening (for editing: the dead process's lock is gone) recovers a cut-off commit.
    with Project.open(path) as reopened:
        annotations = {a.id: a for a in reopened.annotations()}
        for kind, number in reported:
            if kind == "annotation":
                assert number in annotations
            elif kind == "note":
                assert annotations[number].note.startswith("note ")
        assert reopened.tag_for_key("1") is not None
        assert any(t.name == "Killed" for t in reopened.tags())
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    raw.close()
