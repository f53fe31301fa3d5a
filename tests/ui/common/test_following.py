"""Panels following the open project hear of it once each, in the order registered."""

from __future__ import annotations

from pathlib import Path

import pytest

from cablereader.core.documents import Document
from cablereader.core.project import Change, Project
from cablereader.ui.common.following import ProjectFollowers
from tests.conftest import MSNBC, SOURCE


class Recorder:
    def __init__(self, name: str, log: list[tuple[str, str, object]]) -> None:
        self.name, self.log = name, log

    def set_project(self, project: Project | None) -> None:
        self.log.append((self.name, "project", project))

    def on_change(self, change: Change) -> None:
        self.log.append((self.name, "change", change.kind))


def test_followers_are_told_in_registration_order(
    tmp_path: Path, sample_documents: dict[str, Document]
) -> None:
    log: list[tuple[str, str, object]] = []
    followers = ProjectFollowers()
    first, second = Recorder("first", log), Recorder("second", log)
    followers.add(first, second)
    project = Project.create(tmp_path / "p.crproj", list(sample_documents.values()), source=SOURCE)
    followers.opened(project)
    project.subscribe(followers.changed)
    project.add_annotation(MSNBC, 0, 5)
    followers.opened(None)
    assert log == [
        ("first", "project", project),
        ("second", "project", project),
        ("first", "change", "annotation_added"),
        ("second", "change", "annotation_added"),
        ("first", "project", None),
        ("second", "project", None),
    ]
    assert list(followers) == [first, second]


def test_a_follower_is_registered_once() -> None:
    followers = ProjectFollowers()
    panel = Recorder("panel", [])
    followers.add(panel)
    with pytest.raises(ValueError, match="already follows"):
        followers.add(panel)


def test_the_window_registers_its_panels_in_the_stated_order(qtbot) -> None:
    from cablereader.ui.app.mainwindow import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    assert list(window.workspace.followers) == [
        window.annotator,
        window.tag_list,
        window.annotation_table,
        window.note_editor,
    ]
