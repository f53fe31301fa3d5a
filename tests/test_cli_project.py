"""`cablereader new` and `cablereader export`, end to end on the sample corpus."""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

import pytest

from cablereader.cli import main
from cablereader.core.project import Project
from cablereader.core.reports.annotations import ANNOTATION_COLUMNS
from tests.conftest import REPRINT, SOURCE


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_new_then_export(
    capsys: pytest.CaptureFixture[str], corpus_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "study.crproj"
    code, out, err = run(capsys, "new", str(path), str(corpus_dir))
    assert (code, err) == (0, "")
    assert "7 documents" in out and f"primary: {SOURCE}" in out
    with Project.open(path) as project:
        assert len(project.documents()) == 7 and project.source_name == SOURCE
        assert project.source_names == [SOURCE, "005_invented_statement.txt"]
        text = project.document(REPRINT).text
        start = text.index("I cannot predict how Europe will react")
        project.add_annotation(REPRINT, start, start + 38, [2], note="=1+1, “quoted”\nline two")
        project.add_annotation(SOURCE, 0, 5)
        # Export works while the project is open for editing here (it reads read-only).
        code, out, err = run(capsys, "export", str(path))
    assert (code, err) == (0, "")
    assert not out.startswith("\ufeff")  # no BOM on stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert tuple(rows[0]) == ANNOTATION_COLUMNS
    by_document = {r["document"]: r for r in rows}
    quote = by_document[REPRINT]
    assert (quote["tag"], quote["verdict"], quote["source_document"]) == (
        "Misquote",
        "altered",
        SOURCE,
    )
    assert quote["note"] == "'=1+1, “quoted”\nline two"
    assert by_document[SOURCE]["tag"] == ""

    out_file = tmp_path / "annotations.csv"
    code, out, err = run(capsys, "export", str(path), "-o", str(out_file), "--no-formula-guard")
    assert (code, out, err) == (0, "", "")
    data = out_file.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert {r["note"] for r in rows} == {"=1+1, “quoted”\nline two", ""}


def test_new_with_a_named_source_and_skipped_files(
    capsys: pytest.CaptureFixture[str], corpus_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "study.crproj"
    missing = tmp_path / "missing.txt"
    code, _, err = run(capsys, "new", str(path), str(corpus_dir), str(missing), "--source", REPRINT)
    assert code == 1  # created, but a file was skipped: as `quotes` reports it
    assert f"skipped {missing}: no such file" in err  # the path as given
    with Project.open(path) as project:
        assert project.source_name == REPRINT


def test_new_never_replaces_a_file_without_force(
    capsys: pytest.CaptureFixture[str], corpus_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "study.crproj"
    path.write_text("my thesis")
    code, _, err = run(capsys, "new", str(path), str(corpus_dir))
    assert code == 1
    assert "study.crproj: already exists (use --force to replace it)" in err
    assert path.read_text() == "my thesis"
    code, _, err = run(capsys, "new", str(path), str(corpus_dir), "--force")
    assert (code, err) == (0, "")
    with Project.open(path) as project:
        assert len(project.documents()) == 7


def test_new_without_documents(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "study.crproj"
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    code, _, err = run(capsys, "new", str(path), str(empty))
    assert code == 1
    assert "empty.txt: file is empty" in err and "study.crproj: not created" in err
    assert not path.exists()


def test_export_of_something_that_is_not_a_project(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    notes = tmp_path / "notes.crproj"
    notes.write_text("just notes")
    before = hashlib.sha256(notes.read_bytes()).hexdigest()
    code, out, err = run(capsys, "export", str(notes))
    assert (code, out) == (1, "")
    assert "notes.crproj: is not a CableReader project" in err
    assert hashlib.sha256(notes.read_bytes()).hexdigest() == before
    code, _, err = run(capsys, "export", str(tmp_path / "gone.crproj"))
    assert code == 1 and "gone.crproj: no such file" in err


def test_export_to_an_unwritable_place(
    capsys: pytest.CaptureFixture[str], corpus_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "study.crproj"
    assert run(capsys, "new", str(path), str(corpus_dir))[0] == 0
    code, _, err = run(capsys, "export", str(path), "-o", str(tmp_path / "no" / "such" / "x.csv"))
    assert code == 1 and "x.csv: cannot write" in err


@pytest.mark.parametrize("args", [["new"], ["new", "only-project.crproj"], ["export"]])
def test_usage_errors(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    code, _, err = run(capsys, *args)
    assert code == 2 and "usage:" in err
