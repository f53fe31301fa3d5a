"""Loading many files, or folders nested very deep: linear, iterative, reporting progress,
cancellable, and leaving nothing behind when it fails or is cancelled."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from cablereader.core.documents import LoadCancelled, load_paths
from cablereader.core.project import Project
from cablereader.core.project.locking import FILE_LOCKS, ProjectLock

DEPTH = 1_000


@pytest.fixture
def nested(tmp_path: Path) -> Iterator[Path]:
    root = tmp_path / "corpus"
    folder = root
    for level in range(DEPTH):
        folder = folder / "d"
        if level % 100 == 99:
            folder.mkdir(parents=True)
    (folder / "deepest.txt").write_text("At the bottom of the folders.\n")
    (root / "top.txt").write_text("At the top.\n")
    (root / "other").mkdir()
    (root / "other" / "side.txt").write_text("To one side.\n")
    yield root
    # shutil.rmtree recurses, and these folders are too deep for it.
    subprocess.run(["rm", "-rf", str(root)], check=True)


def test_folders_nested_a_thousand_deep_load_everything(nested: Path) -> None:
    result = load_paths([nested])
    assert result.errors == ()
    assert sorted(d.name for d in result.documents) == ["deepest.txt", "side.txt", "top.txt"]


def test_a_thousand_files_with_one_name_get_distinct_names(tmp_path: Path) -> None:
    # The same base name in many folders given one by one: numbered without rescanning.
    folders = []
    for i in range(1_000):
        folder = tmp_path / f"f{i}"
        folder.mkdir()
        (folder / "notes.txt").write_text(f"Notes {i}.\n")
        folders.append(folder / "notes.txt")
    names = [d.name for d in load_paths(folders).documents]
    assert len(set(names)) == 1_000
    assert names[:3] == ["notes.txt", "f1/notes.txt", "f2/notes.txt"]


def test_progress_counts_every_file_and_cancel_stops(tmp_path: Path) -> None:
    for i in range(30):
        (tmp_path / f"{i:02d}.txt").write_text(f"Text {i}.\n")
    seen: list[tuple[int, int]] = []
    result = load_paths([tmp_path], progress=lambda done, total: seen.append((done, total)))
    assert len(result.documents) == 30
    assert seen[-1] == (30, 30) and [done for done, _ in seen] == list(range(1, 31))
    calls = 0

    def cancel_after_ten() -> bool:
        nonlocal calls
        calls += 1
        return calls > 10

    with pytest.raises(LoadCancelled):
        load_paths([tmp_path], cancelled=cancel_after_ten)


def test_a_cancelled_create_leaves_no_file(tmp_path: Path) -> None:
    for i in range(20):
        (tmp_path / f"{i:02d}.txt").write_text(f"Text number {i}, somewhat longer.\n")
    documents = load_paths([tmp_path]).documents
    out = tmp_path / "out"
    out.mkdir()
    steps = 0

    def cancel_midway() -> bool:
        nonlocal steps
        steps += 1
        return steps > 5

    with pytest.raises(LoadCancelled):
        Project.create(out / "p.crproj", documents, cancelled=cancel_midway)
    assert list(out.iterdir()) == []
    done: list[int] = []
    with Project.create(out / "p.crproj", documents, progress=lambda n, total: done.append(n)):
        pass
    assert done[-1] == 20
    assert sorted(os.listdir(out)) == ["p.crproj"]


def test_a_temporary_file_of_a_killed_create_is_swept(tmp_path: Path) -> None:
    # A SIGKILLed `new` leaves its temporary file; nothing holds it, so the next
    # create in that folder removes it.  A temporary that is still locked is kept.
    stale = tmp_path / ".p.crproj.tmp-999999-deadbeef"
    stale.write_bytes(b"half a project")
    with Project.create(tmp_path / "p.crproj", []):
        pass
    assert sorted(os.listdir(tmp_path)) == ["p.crproj"]


@pytest.mark.skipif(not FILE_LOCKS, reason="without file locks only dead processes are known")
def test_a_temporary_file_still_being_built_is_kept(tmp_path: Path) -> None:
    building = tmp_path / ".p.crproj.tmp-1-cafebabe"
    maker = ProjectLock.acquire(tmp_path / "other.crproj")
    assert maker is not None
    maker.stage(building)  # another maker, still at work on it
    try:
        with Project.create(tmp_path / "p.crproj", []):
            pass
        assert building.exists()
    finally:
        maker.release()
