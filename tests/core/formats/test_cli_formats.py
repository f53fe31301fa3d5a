"""The command line takes every format: quotes, compare and new; --help lists them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from cablereader.core.project import Project
from cablereader.core.sample import sample_corpus_dir
from tests.test_cli import run

SOURCE = "003_5dca466439790169.txt"
REPRINT = "001_f20ffc1191894066"


@pytest.mark.parametrize("command", ["quotes", "compare", "new"])
def test_help_lists_the_formats(capsys: pytest.CaptureFixture[str], command: str) -> None:
    code, out, _ = run(capsys, command, "--help")
    assert code == 0
    shown = " ".join(out.split())
    for suffix in (".html", ".mhtml", ".pdf", ".docx", ".odt", ".rtf", ".eml", ".md"):
        assert suffix in shown


def test_quotes_on_a_folder_of_formats_gives_the_verdicts_of_the_text(
    capsys: pytest.CaptureFixture[str], format_dir: Path
) -> None:
    source = sample_corpus_dir() / SOURCE
    code, out, err = run(capsys, "quotes", str(format_dir), str(source), "--source", SOURCE)
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    by_document: dict[str, list[tuple[str, str]]] = {}
    for row in rows:
        by_document.setdefault(row["document"], []).append(
            (" ".join(row["quote"].split()), row["verdict"])
        )
    code, out, err = run(capsys, "quotes", str(sample_corpus_dir()), "--source", SOURCE)
    text_rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    expected = [
        (" ".join(r["quote"].split()), r["verdict"])
        for r in text_rows
        if r["document"] == f"{REPRINT}.txt"
    ]
    versions = [name for name in by_document if name.startswith(REPRINT)]
    assert len(versions) == 12
    for name in versions:
        assert by_document[name] == expected, name


def test_compare_and_new_take_other_formats(
    capsys: pytest.CaptureFixture[str], format_dir: Path, tmp_path: Path
) -> None:
    source = sample_corpus_dir() / SOURCE
    pdf = format_dir / f"{REPRINT}.two-column-pdf.pdf"
    code, out, err = run(capsys, "compare", str(source), str(pdf), "--format", "json")
    assert code == 0, err
    result = json.loads(out)
    assert result["b"] == pdf.name and result["passages"]
    project = tmp_path / "p.crproj"
    docx = format_dir / f"{REPRINT}.docx.docx"
    code, out, err = run(capsys, "new", str(project), str(source), str(docx))
    assert code == 0, err
    with Project.open(project, read_only=True) as opened:
        assert opened.original(docx.name).data() == docx.read_bytes()  # type: ignore[union-attr]
