"""Project files that are not what they claim: each is refused with a message naming the
file and the problem, never written to, and never raises anything but a ProjectError.

Rows that break the store's rules (offsets outside the text, links to rows that do not
exist, invalid colours, text that is not UTF-8...) are refused too: the file is reported
as damaged, with the rows named, and left exactly as it was.  A hypothesis fuzz flips
bits in and cuts short a valid project, and opens each result both ways.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cablereader.core.documents import Document
from cablereader.core.project import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    NotAProject,
    Project,
    ProjectCorrupt,
    ProjectError,
    ProjectTooNew,
)
from cablereader.core.project.contentchecks import STORED_COLUMNS
from cablereader.core.reports.annotations import write_annotations_csv
from tests.core.project.test_migrations import make_v1

ARTICLE = "article.txt"
SOURCE = "source.txt"
# Astral characters, so offsets in code points and in UTF-8 bytes differ.
SOURCE_TEXT = "The source text. “Quoted words here” and more. 😀 emoji, café.\n" * 20
ARTICLE_TEXT = "An article quoting “Quoted words here” today. 🇵🇰\n" * 10


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_good(path: Path) -> Path:
    """A small valid project: two documents, tags, annotations with notes, a setting."""
    documents = [Document.from_text(SOURCE, SOURCE_TEXT), Document.from_text(ARTICLE, ARTICLE_TEXT)]
    with Project.create(path, documents) as project:
        for i in range(12):
            project.add_annotation(ARTICLE, i * 3, i * 3 + 5, [1 + i % 4], note=f"note {i} " * i)
        project.add_tag("Extra", "#123456", key="5")
        project.set_setting("author", "Ana")
    return path


@pytest.fixture(scope="module")
def good_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return make_good(tmp_path_factory.mktemp("good") / "good.crproj").read_bytes()


def edit_raw(path: Path, *statements: str) -> None:
    """Change the file as another tool could: no CHECKs, no foreign keys."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA ignore_check_constraints = ON")
        connection.execute("PRAGMA foreign_keys = OFF")
        for statement in statements:
            connection.execute(statement)
        connection.commit()
    finally:
        connection.close()


def use_everything(project: Project) -> None:
    """Read all a session reads, and export, as the app would."""
    records = project.document_records()
    tags = {tag.id: tag for tag in project.tags()}
    for annotation in project.annotations():
        assert annotation.document in {r.name for r in records}
        assert all(tag_id in tags for tag_id in annotation.tag_ids)
        if not annotation.orphaned:
            text = project.document(annotation.document).text
            assert 0 <= annotation.start <= annotation.end <= len(text)
    project.orphans()
    project.setting("author")
    _ = project.source_name


# --- one file at a time: the message, and the file untouched -------------------------------


def _write(data: bytes) -> Callable[[Path, bytes], None]:
    def make(path: Path, good: bytes) -> None:
        path.write_bytes(data)

    return make


def _cut(fraction: float) -> Callable[[Path, bytes], None]:
    def make(path: Path, good: bytes) -> None:
        path.write_bytes(good[: int(len(good) * fraction)])

    return make


def _last_page_missing(path: Path, good: bytes) -> None:
    page_size = int.from_bytes(good[16:18], "big")
    path.write_bytes(good[:-page_size])


def _header_byte(offset: int, value: int) -> Callable[[Path, bytes], None]:
    def make(path: Path, good: bytes) -> None:
        data = bytearray(good)
        data[offset] = value
        path.write_bytes(bytes(data))

    return make


def _sql(*statements: str) -> Callable[[Path, bytes], None]:
    def make(path: Path, good: bytes) -> None:
        path.write_bytes(good)
        edit_raw(path, *statements)

    return make


def _another_program(path: Path, good: bytes) -> None:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE recipes (name TEXT, steps TEXT)")
    connection.commit()
    connection.close()


def _our_tables_with_other_columns(path: Path, good: bytes) -> None:
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    for table in ("documents", "tags", "annotations", "annotation_tags", "settings"):
        connection.execute(f"CREATE TABLE {table} (x, y)")
    connection.commit()
    connection.close()


def _our_columns_without_constraints(path: Path, good: bytes) -> None:
    # The right tables and columns, but none of the NOT NULLs and CHECKs that SQLite
    # would enforce: only the store's own checks stand between these rows and the app.
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    for table, columns in STORED_COLUMNS.items():
        connection.execute(f"CREATE TABLE {table} ({', '.join(columns)})")
    connection.execute(
        "INSERT INTO documents VALUES (1, 'a.txt', 'A', NULL, '', 'utf-8', 'source', '', 0, '')"
    )
    connection.commit()
    connection.close()


HOSTILE_FILES: list[tuple[str, Callable[[Path, bytes], None], type[ProjectError], str]] = [
    ("zero bytes", _write(b""), NotAProject, "is empty (0 bytes)"),
    ("a text file", _write(b"Dear diary,\nnot a database.\n"), NotAProject, "not an SQLite"),
    ("random bytes", _write(bytes(range(256)) * 40), NotAProject, "not an SQLite"),
    ("a PNG", _write(b"\x89PNG\r\n\x1a\n" + b"\x00" * 200), NotAProject, "not an SQLite"),
    ("the magic only", _write(b"SQLite format 3\x00"), ProjectCorrupt, "cut short"),
    ("cut in the header", _cut(0.0005), ProjectCorrupt, "cut short"),
    ("cut in half", _cut(0.5), ProjectCorrupt, "cut short"),
    ("last page missing", _last_page_missing, ProjectCorrupt, "cut short"),
    ("another program's database", _another_program, NotAProject, "another program"),
    ("wrong application_id", _sql("PRAGMA application_id = 7"), NotAProject, "another program"),
    (
        "our id, other columns",
        _our_tables_with_other_columns,
        ProjectCorrupt,
        "the documents table has no id column",
    ),
    (
        "a newer user_version",
        _sql(f"PRAGMA user_version = {SCHEMA_VERSION + 1}"),
        ProjectTooNew,
        "newer version of CableReader",
    ),
    ("a bad write version", _header_byte(18, 3), ProjectCorrupt, "header is not valid"),
    (
        "a trigger",
        _sql("CREATE TRIGGER wipe AFTER UPDATE ON annotations BEGIN DELETE FROM tags; END"),
        ProjectCorrupt,
        "contains a trigger (“wipe”)",
    ),
    (
        "offsets past the end of the text",
        _sql("UPDATE annotations SET end_offset = 100000 WHERE id = 3"),
        ProjectCorrupt,
        f"annotation 3 lies outside its document (offsets 6–100000; {ARTICLE} has "
        f"{len(ARTICLE_TEXT)} characters)",
    ),
    (
        "a negative offset",
        _sql("UPDATE annotations SET start_offset = -4 WHERE id = 2"),
        ProjectCorrupt,
        "CHECK constraint failed in annotations|annotation 2: offsets -4–8 are not a passage",
    ),
    (
        "start after end",
        _sql("UPDATE annotations SET start_offset = 9, end_offset = 2 WHERE id = 2"),
        ProjectCorrupt,
        "CHECK constraint failed in annotations|annotation 2: offsets 9–2 are not a passage",
    ),
    (
        "an offset that is text",
        _sql("UPDATE annotations SET end_offset = 'end' WHERE id = 2"),
        ProjectCorrupt,
        "CHECK constraint failed in annotations|annotation 2: its end_offset is text, not a whole",
    ),
    (
        "an unknown tag id",
        _sql("INSERT INTO annotation_tags (annotation_id, tag_id) VALUES (4, 999)"),
        ProjectCorrupt,
        "annotation 4 has a tag that does not exist (id 999)",
    ),
    (
        "an annotation of a missing document",
        _sql("UPDATE annotations SET document_id = 77 WHERE id = 5"),
        ProjectCorrupt,
        "annotation 5 belongs to a document that does not exist (id 77)",
    ),
    (
        "a tag link to a missing annotation",
        _sql("INSERT INTO annotation_tags (annotation_id, tag_id) VALUES (500, 1)"),
        ProjectCorrupt,
        "a tag link refers to an annotation that does not exist (id 500)",
    ),
    (
        "an invalid colour",
        _sql("UPDATE tags SET colour = 'red' WHERE id = 2"),
        ProjectCorrupt,
        "tag 2 (“Misquote”): “red” is not a colour (#rrggbb)",
    ),
    (
        "an invalid colour on the twelfth tag",
        _sql(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 12) "
            "INSERT INTO tags (uuid, name, colour, position) SELECT 'u' || i, 'T' || i, "
            "CASE WHEN i = 12 THEN '#12345' ELSE '#123456' END, 10 + i FROM n"
        ),
        ProjectCorrupt,
        "tag 17 (“T12”): “#12345” is not a colour",
    ),
    (
        "a colour that is a number",
        _sql("UPDATE tags SET colour = 255 WHERE id = 2"),
        ProjectCorrupt,
        "“255” is not a colour",
    ),
    (
        "an invalid shortcut key",
        _sql("UPDATE tags SET shortcut_key = 'x' WHERE id = 1"),
        ProjectCorrupt,
        "CHECK constraint failed in tags|“x” is not a shortcut key (1–9)",
    ),
    (
        "a document text that is binary",
        _sql("UPDATE documents SET text = X'00FF00FF' WHERE id = 1"),
        ProjectCorrupt,
        "document 1: its text is binary data, not text",
    ),
    (
        "our columns, no constraints, a NULL text",
        _our_columns_without_constraints,
        ProjectCorrupt,
        "document 1: its text is missing, not text",
    ),
    (
        "text that is not UTF-8",
        _sql("UPDATE documents SET title = CAST(X'48656CFF6C6F' AS TEXT) WHERE id = 2"),
        ProjectCorrupt,
        "document 2 holds text that is not valid UTF-8",
    ),
    (
        "a note that is not UTF-8",
        _sql("UPDATE annotations SET note = CAST(X'C328' AS TEXT) WHERE id = 7"),
        ProjectCorrupt,
        "annotation 7 holds text that is not valid UTF-8",
    ),
    (
        "a setting that is not UTF-8",
        _sql("INSERT INTO settings (key, value) VALUES (CAST(X'FF' AS TEXT), 'x')"),
        ProjectCorrupt,
        "setting \ufffd holds text that is not valid UTF-8",
    ),
    (
        "a view instead of a table",
        _sql("ALTER TABLE settings RENAME TO old", "CREATE VIEW settings AS SELECT * FROM old"),
        ProjectCorrupt,
        "part of its data is missing",
    ),
]


@pytest.mark.parametrize("read_only", [False, True], ids=["edit", "read-only"])
@pytest.mark.parametrize(
    ("make", "error", "message"),
    [pytest.param(make, error, message, id=name) for name, make, error, message in HOSTILE_FILES],
)
def test_a_hostile_file_is_refused_clearly_and_left_untouched(
    tmp_path: Path,
    good_bytes: bytes,
    make: Callable[[Path, bytes], None],
    error: type[ProjectError],
    message: str,
    read_only: bool,
) -> None:
    path = tmp_path / "hostile.crproj"
    make(path, good_bytes)
    before = file_hash(path)
    with pytest.raises(error) as caught:
        Project.open(path, read_only=read_only)
    assert str(caught.value).startswith("hostile.crproj: ")
    assert caught.value.path == str(path)
    # A plain fragment, or alternatives separated by "|" (SQLite's integrity check reports
    # a broken CHECK constraint on some connections, the store's own check on others).
    assert any(part in str(caught.value) for part in message.split("|")), str(caught.value)
    assert file_hash(path) == before
    assert [p.name for p in tmp_path.iterdir()] == ["hostile.crproj"]  # no journal, no lock


def test_the_message_lists_the_first_problems_and_counts_the_rest(
    tmp_path: Path, good_bytes: bytes
) -> None:
    path = tmp_path / "many.crproj"
    path.write_bytes(good_bytes)
    edit_raw(path, "UPDATE annotations SET end_offset = end_offset + 100000")
    with pytest.raises(ProjectCorrupt) as caught:
        Project.open(path)
    message = str(caught.value)
    assert message.startswith("many.crproj: is damaged, so it was not opened (the file was not")
    assert message.count("lies outside its document") == 3
    assert message.endswith("; and 7+ more")


def test_an_old_project_with_bad_rows_is_not_upgraded(tmp_path: Path) -> None:
    # Upgrading writes to the file: it is tried on a copy in memory first, and a file
    # that would be refused afterwards is never upgraded.
    path = make_v1(tmp_path / "old.crproj")
    edit_raw(path, "INSERT INTO annotation_tags (annotation_id, tag_id) VALUES (1, 999)")
    before = file_hash(path)
    for read_only in (False, True):
        with pytest.raises(ProjectCorrupt, match="has a tag that does not exist"):
            Project.open(path, read_only=read_only)
    assert file_hash(path) == before


# --- what is accepted, though unusual -----------------------------------------------------


def test_a_ten_megabyte_note_opens_edits_and_exports(tmp_path: Path, good_bytes: bytes) -> None:
    path = tmp_path / "long.crproj"
    path.write_bytes(good_bytes)
    note = ("A very long note, “quoted”, with commas,\nnewlines and é. " * 200_000)[:10_000_000]
    with Project.open(path) as project:
        project.set_note(3, note)
    with Project.open(path) as project:
        assert project.annotation(3).note == note
        use_everything(project)
        out = tmp_path / "long.csv"
        assert write_annotations_csv(project, out) >= 12
        assert len(out.read_bytes()) > 10_000_000
        project.set_note(3, "short again")
    with Project.open(path, read_only=True) as project:
        assert project.annotation(3).note == "short again"


def test_orphans_may_point_past_the_end_of_the_new_text(tmp_path: Path, good_bytes: bytes) -> None:
    # An orphan keeps its old offsets in a text that was replaced, maybe by a shorter one.
    path = tmp_path / "orphans.crproj"
    path.write_bytes(good_bytes)
    edit_raw(path, "UPDATE annotations SET end_offset = 100000, orphaned = 1 WHERE id = 3")
    with Project.open(path) as project:
        assert [a.id for a in project.orphans()] == [3]
        use_everything(project)


def test_a_project_without_documents_opens(tmp_path: Path, good_bytes: bytes) -> None:
    path = tmp_path / "empty.crproj"
    path.write_bytes(good_bytes)
    edit_raw(
        path, "DELETE FROM annotation_tags", "DELETE FROM annotations", "DELETE FROM documents"
    )
    with Project.open(path) as project:
        assert project.documents() == [] and project.source_name is None


# --- fuzz: bit flips and truncations ---------------------------------------------------------

FUZZ_EXAMPLES = {"flips": 1500, "header": 400, "truncations": 300}
fuzz_counts: dict[str, int] = dict.fromkeys(FUZZ_EXAMPLES, 0)
fuzz_outcomes: dict[str, int] = {}


@pytest.fixture(scope="module")
def fuzz_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("fuzz")
    yield folder
    total = sum(fuzz_counts.values())
    print(f"\nfuzz: {total} damaged projects {fuzz_counts}, each opened read-only and for editing:")
    print(f"fuzz: outcomes {dict(sorted(fuzz_outcomes.items()))}")
    shutil.rmtree(folder, ignore_errors=True)


def open_damaged(folder: Path, data: bytes) -> None:
    """Open ``data`` both ways: a ProjectError, or a project that reads and edits."""
    for stale in folder.iterdir():
        stale.unlink()
    path = folder / "damaged.crproj"
    path.write_bytes(data)
    before = file_hash(path)
    for read_only in (True, False):
        try:
            project = Project.open(path, read_only=read_only)
        except ProjectError as error:
            outcome = type(error).__name__
            assert file_hash(path) == before, f"changed by a refused open: {error}"
            assert sorted(p.name for p in folder.iterdir()) == ["damaged.crproj"]
        else:
            outcome = "opened"
            with project:
                use_everything(project)  # what opened can be read, all of it
                assert file_hash(path) == before  # opening alone writes nothing
                if not read_only:
                    try:
                        _edit_and_undo(project)
                    except ProjectError:
                        fuzz_outcomes["edit refused"] = fuzz_outcomes.get("edit refused", 0) + 1
        fuzz_outcomes[outcome] = fuzz_outcomes.get(outcome, 0) + 1


def _edit_and_undo(project: Project) -> None:
    """A few edits of each kind; a damaged file may refuse one, with a ProjectError."""
    tag = project.add_tag("Fuzz", "#abcdef").tag
    text = project.documents()[-1].text if project.documents() else ""
    if len(text) > 4:
        added = project.add_annotation(project.documents()[-1].name, 1, 4, [tag.id])
        project.revert(project.set_note(added.annotation.id, "fuzzed"))
        project.revert(added)
    for annotation in project.annotations()[:2]:
        project.delete_annotation(annotation.id)


_FUZZ_SETTINGS = {
    "deadline": None,
    "derandomize": True,  # the same examples every run
    "database": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}


@settings(max_examples=FUZZ_EXAMPLES["flips"], **_FUZZ_SETTINGS)
@given(data=st.data())
def test_fuzz_bit_flips(fuzz_folder: Path, good_bytes: bytes, data: st.DataObject) -> None:
    flips = data.draw(
        st.lists(
            st.tuples(st.integers(0, len(good_bytes) - 1), st.integers(0, 7)),
            min_size=1,
            max_size=8,
        )
    )
    damaged = bytearray(good_bytes)
    for position, bit in flips:
        damaged[position] ^= 1 << bit
    fuzz_counts["flips"] += 1
    open_damaged(fuzz_folder, bytes(damaged))


@settings(max_examples=FUZZ_EXAMPLES["header"], **_FUZZ_SETTINGS)
@given(data=st.data())
def test_fuzz_header_bytes(fuzz_folder: Path, good_bytes: bytes, data: st.DataObject) -> None:
    # The first 100 bytes say what the rest is: page size, counts, versions, ids.
    changes = data.draw(
        st.lists(st.tuples(st.integers(16, 99), st.integers(0, 255)), min_size=1, max_size=4)
    )
    damaged = bytearray(good_bytes)
    for position, value in changes:
        damaged[position] = value
    fuzz_counts["header"] += 1
    open_damaged(fuzz_folder, bytes(damaged))


@settings(max_examples=FUZZ_EXAMPLES["truncations"], **_FUZZ_SETTINGS)
@given(data=st.data())
def test_fuzz_truncations(fuzz_folder: Path, good_bytes: bytes, data: st.DataObject) -> None:
    length = data.draw(st.integers(0, len(good_bytes) - 1))
    damaged = bytearray(good_bytes[:length])
    if damaged and data.draw(st.booleans()):  # and a flipped bit in what is left
        position = data.draw(st.integers(0, len(damaged) - 1))
        damaged[position] ^= 1 << data.draw(st.integers(0, 7))
    fuzz_counts["truncations"] += 1
    open_damaged(fuzz_folder, bytes(damaged))
