"""The annotation CSV in hostile hands: formula injection, and cells that break rows.

Every column is seeded with each character a spreadsheet may read as the start of a
formula (``= + - @``, tab, CR); every such cell must come out prefixed with ``'``.  A
passage with quotes, commas, newlines and NULs must come back from Python's csv module,
and from LibreOffice when it is installed, in the same row and column it was written to.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from cablereader.core.csvfile import FORMULA_PREFIXES, write_csv_file, write_rows
from cablereader.core.documents import Document
from cablereader.core.project import Project
from cablereader.core.reports.annotations import (
    ANNOTATION_COLUMNS,
    project_rows,
    write_annotations_csv,
)

SEEDS = {"=": "=1+1", "+": "+1+1", "-": "-1+1", "@": "@SUM(A1)", "\t": "\t=1+1", "\r": "\r=1+1"}
assert set(SEEDS) == set(FORMULA_PREFIXES)

# Columns the store fills itself, with numbers, times, a hash or a fixed word: nothing a
# document or a user types can start them.
GENERATED = {
    "annotation_id",
    "start",
    "end",
    "source_start",
    "source_end",
    "verdict",
    "created",
    "modified",
    "document_sha256",
    # Plain-text documents say nothing of themselves: the metadata columns stay empty
    # here (test_metadata_cells_are_guarded_too seeds them).
    "document_headline",
    "document_outlet",
    "document_author",
    "document_date",
    "document_url",
}
# Where the store's own rules strip a leading tab or CR: line endings are normalised to
# \n in every text, titles are the first line stripped, tag names have spaces collapsed.
CANNOT_START_WITH = {
    "document_title": {"\t", "\r"},
    "tag": {"\t", "\r"},
    "passage": {"\r"},
    "prefix": {"\r"},
    "suffix": {"\r"},
    "source_passage": {"\r"},
}


def read_csv(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


@pytest.mark.parametrize("guard", [True, False], ids=["guarded", "unguarded"])
def test_every_column_seeded_with_every_formula_start(tmp_path: Path, guard: bool) -> None:
    rows = [[seed + f" col{i}" for i in range(len(ANNOTATION_COLUMNS))] for seed in SEEDS.values()]
    path = tmp_path / "seeded.csv"
    write_csv_file(path, ANNOTATION_COLUMNS, rows, guard_formulas=guard)
    header, *back = read_csv(path)
    assert header == list(ANNOTATION_COLUMNS)
    assert len(back) == len(rows)
    for written, read in zip(rows, back, strict=True):
        assert read == [("'" + cell) if guard else cell for cell in written]
    if guard:
        assert not any(cell.startswith(FORMULA_PREFIXES) for row in back for cell in row)


def _seeded_project(path: Path, seed: str) -> Project:
    """A project where every column a document or a user fills starts with ``seed``."""
    source_text = f"{seed}Source title\n{seed}The cable said that the talks were frank.\n"
    article_text = (
        f"{seed}Article title\n"
        f"{seed}" + "x" * 31 + f"{seed}The cable said that the talks were frank.{seed}end.\n"
    )
    documents = [
        Document.from_text(f"{seed}source.txt", source_text),
        Document.from_text(f"{seed}article.txt", article_text),
    ]
    project = Project.create(path, documents, source=f"{seed}source.txt", starter_tags=False)
    tag = project.add_tag(f"{seed}tag", "#123456").tag
    for name, note, author in (
        (f"{seed}article.txt", f"{seed}note", f"{seed}author"),
        (f"{seed}source.txt", "", ""),
    ):
        text = project.document(name).text
        # The passage starts with the seed (a CR has become a line feed by now).
        start = text.index("The cable said") - 1
        end = text.index("frank.") + len("frank.")
        project.add_annotation(name, start, end, [tag.id], note=note, author=author)
    return project


@pytest.mark.parametrize("seed", list(SEEDS), ids=[repr(s) for s in SEEDS])
def test_the_export_guards_every_column_a_user_or_document_can_fill(
    tmp_path: Path, seed: str
) -> None:
    with _seeded_project(tmp_path / "seeded.crproj", seed) as project:
        raw = project_rows(project)
        path = tmp_path / "guarded.csv"
        assert write_annotations_csv(project, path) == len(raw) == 2
        unguarded = tmp_path / "unguarded.csv"
        write_annotations_csv(project, unguarded, guard_formulas=False)
    header, *guarded_rows = read_csv(path)
    _, *plain_rows = read_csv(unguarded)
    seeded: set[str] = set()
    for cells, guarded, plain in zip(raw, guarded_rows, plain_rows, strict=True):
        for column, value, out, unsafe in zip(header, cells, guarded, plain, strict=True):
            text = "" if value is None else str(value)
            assert not out.startswith(FORMULA_PREFIXES), (column, out)
            assert unsafe == text
            if text.startswith(seed):
                seeded.add(column)
                assert out == "'" + text
            else:
                assert out == text
    # Every column that data can start with this character was seeded with it.
    possible = {
        column
        for column in ANNOTATION_COLUMNS
        if column not in GENERATED and seed not in CANNOT_START_WITH.get(column, set())
    }
    assert seeded == possible


TRICKY = (
    'He said, "yes, ""no"", maybe",\nthen “curly”, \'single\'\n\nand a NUL\x00 here;'
    " a comma, a tab\tand a CR-free line, end"
)


def _tricky_project(path: Path) -> tuple[Project, list[list[object]]]:
    source = Document.from_text("source.txt", "Plain source words that nobody quoted here.\n")
    article = Document.from_text('tricky, "name".txt', f"Before.\n{TRICKY}\nAfter.\n")
    project = Project.create(path, [source, article], source="source.txt")
    start = article.text.index(TRICKY)
    for i, note in enumerate(['a "note", with\r\nCRLF', "lone\rCR", "", ",,,", '"', "\n"]):
        project.add_annotation(article.name, start, start + len(TRICKY) - i, [1, 2], note=note)
    return project, [list(row) for row in project_rows(project)]


def _expected(row: list[object]) -> list[str]:
    # What the export promises: NULs dropped (spreadsheets end a cell there), the formula
    # guard on, everything else as it is.
    cells = []
    for value in row:
        text = "" if value is None else str(value).replace("\x00", "")
        cells.append("'" + text if text.startswith(FORMULA_PREFIXES) else text)
    return cells


def test_quotes_commas_newlines_and_nuls_round_trip_through_the_csv_module(
    tmp_path: Path,
) -> None:
    project, raw = _tricky_project(tmp_path / "tricky.crproj")
    with project:
        path = tmp_path / "tricky.csv"
        assert write_annotations_csv(project, path) == len(raw) == 12
    header, *rows = read_csv(path)
    assert header == list(ANNOTATION_COLUMNS)
    assert rows == [_expected(row) for row in raw]
    assert all(len(row) == len(ANNOTATION_COLUMNS) for row in rows)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\x00" not in data
    # Standard output gets the same rows, without the byte-order mark.
    buffer = io.StringIO()
    write_rows(buffer, ANNOTATION_COLUMNS, raw)
    assert list(csv.reader(io.StringIO(buffer.getvalue(), newline=""))) == [header, *rows]


# --- LibreOffice -----------------------------------------------------------------------------

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
_SHEET = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def libreoffice_cells(csv_path: Path, work: Path) -> tuple[list[list[str]], int]:
    """The cells LibreOffice reads from ``csv_path`` (comma, double quote, UTF-8), and
    how many of them it turned into formulas."""
    assert SOFFICE is not None
    out = work / "out"
    converted = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--infilter=CSV:44,34,76,1",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(csv_path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "HOME": str(work)},
    )
    xlsx = out / (csv_path.stem + ".xlsx")
    assert xlsx.exists(), converted.stderr
    with zipfile.ZipFile(xlsx) as book:
        strings = [
            "".join(t.text or "" for t in item.iter(f"{_SHEET}t"))
            for item in ElementTree.fromstring(book.read("xl/sharedStrings.xml"))
        ]
        sheet = ElementTree.fromstring(book.read("xl/worksheets/sheet1.xml"))
    rows: list[list[str]] = []
    formulas = 0
    for row in sheet.iter(f"{_SHEET}row"):
        cells: dict[int, str] = {}
        for cell in row.iter(f"{_SHEET}c"):
            column = _column_index(cell.get("r", "A1"))
            value = cell.find(f"{_SHEET}v")
            formulas += cell.find(f"{_SHEET}f") is not None
            text = "" if value is None or value.text is None else value.text
            cells[column] = strings[int(text)] if cell.get("t") == "s" else text
        rows.append([cells.get(i, "") for i in range(max(cells, default=-1) + 1)])
    return rows, formulas


def _column_index(reference: str) -> int:
    letters = re.match(r"[A-Z]+", reference)
    assert letters is not None
    index = 0
    for letter in letters.group():
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_libreoffice_reads_the_same_rows_and_runs_no_formula(tmp_path: Path) -> None:
    project, raw = _tricky_project(tmp_path / "tricky.crproj")
    with project:
        seeded = [
            *raw,
            *[[seed + "SUM(1)", *row[1:]] for seed, row in zip(SEEDS.values(), raw, strict=False)],
        ]
        guarded = tmp_path / "guarded.csv"
        write_csv_file(guarded, ANNOTATION_COLUMNS, seeded)
        unguarded = tmp_path / "unguarded.csv"
        write_csv_file(unguarded, ANNOTATION_COLUMNS, seeded, guard_formulas=False)
    python_rows = read_csv(guarded)
    office_rows, formulas = libreoffice_cells(guarded, tmp_path / "guarded")
    assert formulas == 0
    assert len(office_rows) == len(python_rows) == len(seeded) + 1  # no row broken in two
    for office, python in zip(office_rows, python_rows, strict=True):
        # LibreOffice keeps a cell's line breaks as LF, and drops trailing empty cells.
        expected = [cell.replace("\r\n", "\n").replace("\r", "\n") for cell in python]
        assert office == expected[: len(office)] and not any(expected[len(office) :])
    # The control: without the guard, LibreOffice does make a formula of "=SUM(1)".
    _, unguarded_formulas = libreoffice_cells(unguarded, tmp_path / "unguarded")
    assert unguarded_formulas >= 1


def test_metadata_cells_are_guarded_too(tmp_path: Path) -> None:
    from cablereader.core.csvfile import write_csv_file
    from cablereader.core.formats.provenance import Metadata
    from cablereader.core.reports.annotations import annotation_rows

    with _seeded_project(tmp_path / "seeded.crproj", "=") as project:
        said = {
            name: Metadata("=HYPERLINK(1)", "+outlet", "-author", "2024-01-01", "@url")
            for name in (r.name for r in project.document_records())
        }
        rows = list(
            annotation_rows(
                project.annotations(), project.document_records(), project.tags(), None, said
            )
        )
    path = tmp_path / "meta.csv"
    write_csv_file(path, ANNOTATION_COLUMNS, rows)
    header, *cells = read_csv(path)
    row = dict(zip(header, cells[0], strict=True))
    assert row["document_headline"] == "'=HYPERLINK(1)"
    assert row["document_outlet"] == "'+outlet" and row["document_author"] == "'-author"
    assert row["document_date"] == "2024-01-01" and row["document_url"] == "'@url"
