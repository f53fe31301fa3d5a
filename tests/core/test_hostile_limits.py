"""Projects that hold more than a project may: refused on opening, both ways, with a
message naming the limit, the file untouched and nothing left beside it.  The same
limits hold when a project is made, imported into, or a note is written."""

from __future__ import annotations

import hashlib
import re
import time
from pathlib import Path

import pytest

from cablereader.cli import main
from cablereader.core.documents import Document
from cablereader.core.project import InvalidEdit, Project, ProjectError, limits
from cablereader.core.project.errors import ProjectTooLarge
from tests.core.hostile_generator import ARTICLE, OVER_LIMITS, Hostile, edit_raw, make_good


def file_hash(path: Path) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


@pytest.fixture(scope="module")
def good_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return make_good(tmp_path_factory.mktemp("good") / "good.crproj").read_bytes()


@pytest.mark.parametrize("read_only", [False, True], ids=["edit", "read-only"])
@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in OVER_LIMITS])
def test_over_a_limit_is_refused_naming_it(
    tmp_path: Path, good_bytes: bytes, case: Hostile, read_only: bool
) -> None:
    path = tmp_path / "big.crproj"
    case.make(path, good_bytes)
    before = file_hash(path)
    started = time.perf_counter()
    with pytest.raises(ProjectTooLarge) as caught:
        Project.open(path, read_only=read_only)
    elapsed = time.perf_counter() - started
    assert str(caught.value).startswith("big.crproj: ")
    assert case.message in str(caught.value), str(caught.value)
    assert "the file was not changed" in str(caught.value).lower()
    assert file_hash(path) == before
    assert [p.name for p in tmp_path.iterdir()] == ["big.crproj"]
    print(f"{case.name}: refused in {elapsed:.2f} s")


def test_export_of_an_oversized_project_is_an_input_error(
    tmp_path: Path, good_bytes: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "big.crproj"
    OVER_LIMITS[1].make(path, good_bytes)
    assert main(["export", str(path)]) == 1
    err = capsys.readouterr().err
    assert "characters of text (the limit is" in err


@pytest.mark.parametrize(
    ("table", "statement", "message"),
    [
        (
            "documents",
            "INSERT INTO documents (name, title, text, sha256, encoding, role, "
            "original_path, position, imported) SELECT 'd' || id, 't', 'x', '', 'utf-8', "
            "'article', '', 100 + id, '' FROM annotations",
            "14 documents (the limit is 3)",
        ),
        ("annotations", "", "12 annotations (the limit is 3)"),
        ("tags", "", "5 tags (the limit is 3)"),
    ],
)
def test_row_counts_are_limited(
    tmp_path: Path,
    good_bytes: bytes,
    monkeypatch: pytest.MonkeyPatch,
    table: str,
    statement: str,
    message: str,
) -> None:
    # The real limits are hundreds of thousands of rows; the check is the same.
    path = tmp_path / "many.crproj"
    path.write_bytes(good_bytes)
    if statement:
        edit_raw(path, statement)
    monkeypatch.setitem(limits.MAX_ROWS, table, (3, table))
    with pytest.raises(ProjectTooLarge, match=re.escape(message)):
        Project.open(path, read_only=True)


def test_what_cannot_be_opened_cannot_be_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = Document.from_text("big.txt", "x" * (limits.MAX_DOCUMENT_CHARS + 1))
    with pytest.raises(InvalidEdit, match=r"big\.txt is too long for a project \(20,971,521"):
        Project.create(tmp_path / "big.crproj", [big])
    assert list(tmp_path.iterdir()) == []  # no project, no temporary file
    monkeypatch.setattr(limits, "MAX_DOCUMENTS", 2)
    documents = [Document.from_text(f"{i}.txt", f"Text number {i}.") for i in range(3)]
    with pytest.raises(InvalidEdit, match="at most 2 documents"):
        Project.create(tmp_path / "many.crproj", documents)
    with Project.create(tmp_path / "two.crproj", documents[:2]) as project:
        with pytest.raises(InvalidEdit, match="at most 2 documents"):
            project.import_documents(documents[2:])
        monkeypatch.setattr(limits, "MAX_NOTE_CHARS", 10)
        with pytest.raises(InvalidEdit, match="at most 10 characters"):
            project.add_annotation("0.txt", 0, 4, note="a note that is too long")
        added = project.add_annotation("0.txt", 0, 4, note="short")
        with pytest.raises(InvalidEdit, match="at most 10 characters"):
            project.set_note(added.annotation.id, "x" * 11)
        assert project.annotation(added.annotation.id).note == "short"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["two.crproj"]


def test_a_project_at_the_limits_opens(tmp_path: Path, good_bytes: bytes) -> None:
    path = tmp_path / "full.crproj"
    path.write_bytes(good_bytes)
    edit_raw(
        path,
        f"UPDATE annotations SET note = printf('%.*c', {limits.MAX_NOTE_CHARS}, 'n') WHERE id = 1",
        f"UPDATE documents SET title = printf('%.*c', {limits.MAX_TITLE_CHARS}, 't') WHERE id = 1",
    )
    with Project.open(path) as project:
        assert len(project.annotation(1).note) == limits.MAX_NOTE_CHARS
        assert project.annotations(ARTICLE)


def test_every_limit_error_is_a_project_error() -> None:
    assert issubclass(ProjectTooLarge, ProjectError)
