"""`cablereader export --format qdpx|qdc` and `cablereader new PROJECT FILE.qdpx`."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from cablereader.cli import main
from cablereader.core.project import Project
from tests.conftest import REPRINT
from tests.core.refiqda_files import codebook_schema, validate_qdpx


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def project_path(tmp_path: Path, corpus_dir: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "study.crproj"
    assert run(capsys, "new", str(path), *sorted(str(p) for p in corpus_dir.glob("*.txt")))[0] == 0
    with Project.open(path) as project:
        text = project.document(REPRINT).text
        start = text.index("I cannot predict how Europe will react")
        project.add_annotation(REPRINT, start, start + 38, [2], note="a note", author="Ana")
    return path


def test_export_qdpx_then_new_from_it(
    capsys: pytest.CaptureFixture[str], project_path: Path, tmp_path: Path
) -> None:
    qdpx = tmp_path / "out.qdpx"
    code, out, err = run(capsys, "export", str(project_path), "--format", "qdpx", "-o", str(qdpx))
    assert (code, err) == (0, "")
    assert out == f"Wrote {qdpx}: 7 sources, 4 codes, 2 selections, 1 notes, 1 links.\n"
    validate_qdpx(qdpx)
    back = tmp_path / "back.crproj"
    code, out, err = run(capsys, "new", str(back), str(qdpx))
    assert (code, err) == (0, "")
    assert out.startswith(f"Created {back} from REFI-QDA: 7 documents, 4 tags, 1 annotation ")
    with Project.open(back) as project:
        (annotation,) = project.annotations()
        assert (annotation.exact, annotation.note) == (
            "I cannot predict how Europe will react",
            "a note",
        )
    code, _out, err = run(capsys, "new", str(back), str(qdpx))
    assert code == 1 and "already exists (use --force to replace it)" in err
    assert run(capsys, "new", str(back), str(qdpx), "--force")[0] == 0


def test_export_qdc(capsys: pytest.CaptureFixture[str], project_path: Path, tmp_path: Path) -> None:
    qdc = tmp_path / "codes.qdc"
    code, out, _err = run(capsys, "export", str(project_path), "--format", "qdc", "-o", str(qdc))
    assert (code, out) == (0, f"Wrote {qdc}: 4 codes.\n")
    codebook_schema().validate(qdc.read_text(encoding="utf-8"))


def test_refi_formats_need_an_output_file(
    capsys: pytest.CaptureFixture[str], project_path: Path
) -> None:
    code, out, err = run(capsys, "export", str(project_path), "--format", "qdpx")
    assert (code, out) == (1, "") and "needs -o OUT.qdpx" in err


def test_a_hostile_qdpx_creates_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    qdpx = tmp_path / "evil.qdpx"
    with zipfile.ZipFile(qdpx, "w") as archive:
        archive.writestr("project.qde", '<!DOCTYPE x [<!ENTITY a "b">]><Project name="&a;"/>')
    code, out, err = run(capsys, "new", str(tmp_path / "p.crproj"), str(qdpx))
    assert (code, out) == (1, "")
    assert str(qdpx) in err and "DTD or entities" in err
    assert not (tmp_path / "p.crproj").exists()
