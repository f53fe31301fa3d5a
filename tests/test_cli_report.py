"""`cablereader report`: HTML to stdout or a file, PDF (A4, Letter) with real text."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest

from cablereader.cli import main
from cablereader.core.project import Project
from tests.conftest import MSNBC, REPRINT, SOURCE


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def sample_paths(corpus_dir: Path) -> list[str]:
    return sorted(str(p) for p in corpus_dir.glob("*.txt"))


def test_html_to_stdout(capsys: pytest.CaptureFixture[str], corpus_dir: Path) -> None:
    code, out, err = run(capsys, "report", *sample_paths(corpus_dir))
    assert (code, err) == (0, "")
    assert out.startswith("<!DOCTYPE html>") and "<h2>Summary</h2>" in out
    assert "≠ altered" in out and "<script" not in out


def test_one_article_with_the_source_named(
    capsys: pytest.CaptureFixture[str], corpus_dir: Path, tmp_path: Path
) -> None:
    out_path = tmp_path / "r.html"
    code, out, err = run(
        capsys,
        "report",
        *sample_paths(corpus_dir),
        "--source",
        SOURCE,
        "--article",
        REPRINT,
        "-o",
        str(out_path),
    )
    assert (code, err) == (0, "")
    assert out == f"Wrote {out_path}: 1 article.\n"
    html = out_path.read_text(encoding="utf-8")
    assert "<h2>Summary</h2>" not in html and "Leaked Cable" in html


def test_unknown_article_is_an_input_error(
    capsys: pytest.CaptureFixture[str], corpus_dir: Path
) -> None:
    code, out, err = run(capsys, "report", *sample_paths(corpus_dir), "--article", "nope.txt")
    assert code == 1 and out == ""
    assert "no article named nope.txt" in err and MSNBC in err


def test_project_report_includes_annotations(
    capsys: pytest.CaptureFixture[str], corpus_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "study.crproj"
    assert run(capsys, "new", str(path), *sample_paths(corpus_dir))[0] == 0
    with Project.open(path) as project:
        text = project.document(REPRINT).text
        start = text.index("I cannot predict how Europe will react")
        project.add_annotation(REPRINT, start, start + 38, [2], note="check “tell”")
    code, out, err = run(capsys, "report", str(path), "--article", REPRINT)
    assert (code, err) == (0, "")
    assert "check “tell”" in out and "Misquote" in out
    code, _out, err = run(capsys, "report", str(path), "--source", SOURCE)
    assert code == 1 and "--source cannot be used with a project file" in err
    code, _out, err = run(capsys, "report", str(tmp_path / "none.crproj"))
    assert code == 1 and "none.crproj" in err


def pdf_fonts(reader: pypdf.PdfReader) -> dict[str, bool]:
    """Font name -> whether the font program is embedded in the file."""
    fonts: dict[str, bool] = {}
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            base = descendants[0].get_object() if descendants else font
            descriptor = base["/FontDescriptor"].get_object()
            fonts[str(font["/BaseFont"])] = any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
    return fonts


@pytest.mark.parametrize(("size", "points"), [("a4", (595, 842)), ("letter", (612, 792))])
def test_pdf_in_a_headless_process(
    corpus_dir: Path, tmp_path: Path, size: str, points: tuple[int, int]
) -> None:
    out_path = tmp_path / f"r-{size}.pdf"
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "cablereader",
            "report",
            *sample_paths(corpus_dir),
            "-o",
            str(out_path),
            "--page-size",
            size,
        ],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    reader = pypdf.PdfReader(out_path)
    pages = len(reader.pages)
    assert done.stdout.strip() == f"Wrote {out_path}: 5 articles, {pages} pages."
    assert pages > 4  # the summary, then each article from a new page
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == points
    text = "".join(page.extract_text() for page in reader.pages)
    flat = " ".join(text.split())
    assert "I cannot predict how Europe will react" in flat
    assert "≠ altered" in flat and "✓ verbatim" in flat
    fonts = pdf_fonts(reader)
    assert fonts and all(fonts.values()), fonts
