"""Loading files reports the pages of a long one, and a cancel between pages stops it."""

from __future__ import annotations

from pathlib import Path

import pytest

from cablereader.core.documents import LoadCancelled, load_paths
from tests import format_fixtures as fx


def test_the_pages_of_a_pdf_are_reported_with_its_name(tmp_path: Path) -> None:
    (tmp_path / "long.pdf").write_bytes(fx.pdf_pages(4))
    (tmp_path / "note.txt").write_text("A short note.", encoding="utf-8")
    pages: list[tuple[str, int, int]] = []
    files: list[tuple[int, int]] = []
    result = load_paths(
        [tmp_path], progress=lambda *f: files.append(f), pages=lambda *p: pages.append(p)
    )
    assert [d.name for d in result.documents] == ["long.pdf", "note.txt"]
    assert pages == [(f"{tmp_path.name}/long.pdf", n, 4) for n in range(1, 5)]
    assert files == [(1, 2), (2, 2)]


def test_a_cancel_between_pages_stops_the_whole_load(tmp_path: Path) -> None:
    (tmp_path / "long.pdf").write_bytes(fx.pdf_pages(6))
    seen: list[int] = []
    with pytest.raises(LoadCancelled):
        load_paths(
            [tmp_path / "long.pdf"],
            pages=lambda name, done, total: seen.append(done),
            cancelled=lambda: len(seen) >= 2,
        )
    assert max(seen) < 6  # stopped before the last page
