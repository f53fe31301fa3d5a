"""One editor per project file, however the file is reached or its neighbours tampered with.

The lock is on the project file itself (its inode), so a second editor is refused when it
comes through a symlink or a hard link, or after the old ``.lock`` sidecar was deleted.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cablereader.core.documents import Document
from cablereader.core.project import Project, ProjectLocked
from cablereader.core.project.locking import FILE_LOCKS

needs_file_locks = pytest.mark.skipif(
    not FILE_LOCKS, reason="this platform locks a sidecar next to the project instead"
)


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    path = tmp_path / "shared.crproj"
    docs = [Document.from_text("a.txt", "Alpha text here."), Document.from_text("b.txt", "Beta.")]
    Project.create(path, docs).close()
    return path


def test_a_symlink_reaches_the_same_lock(project_path: Path, tmp_path: Path) -> None:
    link = tmp_path / "elsewhere" / "alias.crproj"
    link.parent.mkdir()
    link.symlink_to(project_path)
    with Project.open(project_path), pytest.raises(ProjectLocked, match="open in another"):
        Project.open(link)
    with Project.open(link), pytest.raises(ProjectLocked, match="open in another"):
        Project.open(project_path)


def test_a_hard_link_reaches_the_same_lock(project_path: Path, tmp_path: Path) -> None:
    link = tmp_path / "other-folder" / "copy.crproj"
    link.parent.mkdir()
    os.link(project_path, link)
    with Project.open(project_path), pytest.raises(ProjectLocked, match="open in another"):
        Project.open(link)


@needs_file_locks
def test_deleting_files_next_to_the_project_does_not_unlock_it(project_path: Path) -> None:
    with Project.open(project_path) as editor:
        editor.set_setting("author", "first")
        for neighbour in project_path.parent.iterdir():
            if neighbour != project_path:
                neighbour.unlink()
        with pytest.raises(ProjectLocked, match="open in another"):
            Project.open(project_path)
        assert sorted(p.name for p in project_path.parent.iterdir()) == ["shared.crproj"]


_HOLDER = """
import sys
from cablereader.core.project import Project
project = Project.open(sys.argv[1])
print("open", flush=True)
sys.stdin.readline()
"""


def test_another_process_is_refused_through_a_link(project_path: Path, tmp_path: Path) -> None:
    link = tmp_path / "alias.crproj"
    link.symlink_to(project_path)
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(link)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        with pytest.raises(ProjectLocked, match="open in another"):
            Project.open(project_path)
        with Project.open(project_path, read_only=True) as viewer:  # reading still works
            assert [d.name for d in viewer.documents()] == ["a.txt", "b.txt"]
    finally:
        holder.kill()
        holder.wait()
    with Project.open(project_path) as editor:  # the dead process's lock is gone
        assert not editor.read_only


def test_save_as_and_create_keep_the_lock_on_the_new_file(
    project_path: Path, tmp_path: Path
) -> None:
    with Project.open(project_path) as project:
        copy = tmp_path / "copy.crproj"
        project.save_as(copy)
        with pytest.raises(ProjectLocked):
            Project.open(copy)
        with Project.open(project_path) as old:  # the previous file was released
            assert not old.read_only
    fresh = tmp_path / "fresh.crproj"
    with Project.create(fresh, [Document.from_text("c.txt", "Gamma.")]):
        with pytest.raises(ProjectLocked):
            Project.open(fresh)
        with pytest.raises(ProjectLocked):
            Project.create(fresh, [], overwrite=True)  # never replaced while open
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
