"""Loading files reports each file and the pages of a long one, and can be cancelled."""

from __future__ import annotations

from pathlib import Path

import pytest

from cablereader.core.documents import load_paths
from cablereader.core.formats import ExtractionCancelled
from tests import format_fixtures as fx


def test_progress_names_each_file_and_counts_a_pdfs_pages(tmp_path: Path) -> None:
    (tmp_path / "long.pdf").write_bytes(fx.pdf_pages(4))
    (tmp_path / "note.txt").write_text("A short note.", encoding="utf-8")
    seen: list[tuple[int, int, str]] = []
    result = load_paths([tmp_path], progress=lambda *report: seen.append(report))
    assert [d.name for d in result.documents] == ["long.pdf", "note.txt"]
    folder = tmp_path.name
    assert seen[0] == (0, 0, f"Reading {folder}/long.pdf")
    assert seen[1:5] == [(n, 4, f"{folder}/long.pdf: page {n} of 4") for n in range(1, 5)]
    assert seen[5:] == [(0, 0, f"Reading {folder}/note.txt")]


def test_a_cancel_between_pages_stops_the_whole_load(tmp_path: Path) -> None:
    (tmp_path / "long.pdf").write_bytes(fx.pdf_pages(6))
    pages: list[int] = []

    def report(done: int, total: int, what: str) -> None:
        pages.append(done)

    with pytest.raises(ExtractionCancelled):
        load_paths([tmp_path / "long.pdf"], progress=report, cancelled=lambda: len(pages) > 2)
    assert max(pages) < 6  # stopped before the last page


def test_a_cancel_before_the_next_file_stops_too(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(f"Text of {name}.", encoding="utf-8")
    read: list[str] = []
    with pytest.raises(ExtractionCancelled):
        load_paths(
            [tmp_path / "a.txt", tmp_path / "b.txt"],
            progress=lambda done, total, what: read.append(what),
            cancelled=lambda: bool(read),
        )
    assert read == ["Reading a.txt"]
