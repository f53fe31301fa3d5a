"""Tagging, notes, undo and the project file, through the real window."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from cablereader.app import create_main_window
from cablereader.core.project import Project
from cablereader.ui.app.mainwindow import MainWindow
from tests.conftest import MSNBC, SOURCE


def open_window(qtbot, paths: list[str]) -> MainWindow:
    window = create_main_window(paths)
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.analysisFinished, timeout=20000):
        pass
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    return window


def select_text(window: MainWindow, words: str) -> tuple[int, int]:
    pane = window.view.article_pane
    text = window.view.right_document.text
    start = text.index(words)
    pane.select_offsets(start, start + len(words))
    pane.setFocus()
    return start, start + len(words)


@pytest.fixture
def window(qtbot) -> MainWindow:
    return open_window(qtbot, [])


def test_tag_a_selection_write_a_note_undo_redo_and_reopen(window, qtbot, isolated_data_dir):
    assert window.view.right_document.name == MSNBC
    start, end = select_text(window, "Donald Lu")
    qtbot.keyClick(window.view.article_pane, Qt.Key.Key_1)
    project = window.workspace.project
    [annotation] = project.annotations(MSNBC)
    assert (annotation.start, annotation.end, annotation.exact) == (start, end, "Donald Lu")
    assert [project.tag(t).name for t in annotation.tag_ids] == ["Key passage"]
    # The untitled sample project got a file in the data folder before the edit.
    assert project.path is not None and project.path.parent == Path(isolated_data_dir)
    assert window.view.article_pane.layer("annotation")
    assert window.view.article_pane.markers()
    # The note editor follows the new annotation; typing saves at once.
    editor = window.note_editor.editor
    assert editor.isEnabled()
    qtbot.keyClicks(editor, "Named in the cable")
    assert project.annotation(annotation.id).note == "Named in the cable"
    # One undo step takes the whole note back, the next one the annotation.
    window.commands.undo.trigger()
    assert project.annotation(annotation.id).note == ""
    window.commands.undo.trigger()
    assert project.annotations(MSNBC) == []
    window.commands.redo.trigger()
    window.commands.redo.trigger()
    restored = project.annotation(annotation.id)
    assert restored.note == "Named in the cable"
    path = project.path
    window.close()
    assert project.closed
    # The next start opens the same project, annotation and note included.
    again = open_window(qtbot, [])
    assert again.workspace.project.path == path
    [kept] = again.workspace.project.annotations(MSNBC)
    assert (kept.id, kept.note, kept.exact) == (annotation.id, "Named in the cable", "Donald Lu")
    assert again.annotation_table.select_annotation(kept.id)


def test_the_same_key_again_takes_the_tag_off(window, qtbot) -> None:
    select_text(window, "Donald Lu")
    pane = window.view.article_pane
    qtbot.keyClick(pane, Qt.Key.Key_1)
    qtbot.keyClick(pane, Qt.Key.Key_2)
    project = window.workspace.project
    [annotation] = project.annotations(MSNBC)
    assert len(annotation.tag_ids) == 2
    qtbot.keyClick(pane, Qt.Key.Key_1)
    [annotation] = project.annotations(MSNBC)
    assert [project.tag(t).name for t in annotation.tag_ids] == ["Misquote"]


def test_pressing_a_key_without_a_selection_explains(window, qtbot) -> None:
    pane = window.view.article_pane
    pane.select_offsets(5, 5)
    pane.setFocus()
    qtbot.keyClick(pane, Qt.Key.Key_1)
    assert window.workspace.project.annotations() == []
    assert "Select some text" in window.statusBar().currentMessage()


def test_save_as_export_and_a_failed_save(window, qtbot, tmp_path) -> None:
    select_text(window, "Donald Lu")
    qtbot.keyClick(window.view.article_pane, Qt.Key.Key_1)
    scratch = window.workspace.project.path
    target = tmp_path / "study.crproj"
    assert window.files.save_as(str(target))
    assert window.workspace.project.path == target
    assert not scratch.exists()  # the scratch copy in the data folder is gone
    assert "study" in window.windowTitle()
    # A folder that does not exist: a clear message, the project stays open and intact.
    with qtbot.waitSignal(window.messageShown) as shown:
        assert not window.files.save_as(str(tmp_path / "missing" / "x.crproj"))
    assert "not saved" in shown.args[0]
    assert window.workspace.project.path == target
    assert len(window.workspace.project.annotations()) == 1
    out = tmp_path / "notes.csv"
    with qtbot.waitSignal(window.files.exported) as exported:
        window.files.export(str(out))  # in the background
    assert exported.args == [1, str(out)]
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["passage"] == "Donald Lu"
    assert rows[0]["tag"] == "Key passage"
    assert rows[0]["source_document"] == SOURCE
    assert rows[0]["verdict"] == "verbatim"


def test_a_file_that_is_not_a_project_gets_a_message(window, qtbot, tmp_path) -> None:
    bogus = tmp_path / "notes.crproj"
    bogus.write_text("just some text", encoding="utf-8")
    before = window.workspace.project
    with qtbot.waitSignal(window.messageShown) as shown:
        assert not window.files.open_project(str(bogus))
    assert "notes.crproj" in shown.args[0]
    assert window.workspace.project is before
    assert bogus.read_text(encoding="utf-8") == "just some text"


def test_a_project_open_elsewhere_opens_read_only(qtbot, tmp_path, sample_documents) -> None:
    path = tmp_path / "shared.crproj"
    holder = Project.create(path, list(sample_documents.values()))
    try:
        window = create_main_window([])
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.analysisFinished, timeout=20000):
            pass
        asked: list[str] = []
        window.files.ask_read_only = lambda message: asked.append(message) or True
        with qtbot.waitSignal(window.analysisFinished, timeout=20000):
            assert window.files.open_project(str(path))
        assert asked and "shared.crproj" in asked[0]
        assert window.workspace.project.read_only
        assert "read-only" in window.windowTitle()
        window.document_list.select_article(MSNBC)
        select_text(window, "Donald Lu")
        with qtbot.waitSignal(window.messageShown) as shown:
            qtbot.keyClick(window.view.article_pane, Qt.Key.Key_1)
        assert "read-only" in shown.args[0]
        assert window.workspace.project.annotations() == []
    finally:
        holder.close()


def test_reimporting_a_corrected_text_moves_the_annotation(window, qtbot, tmp_path) -> None:
    start, _ = select_text(window, "Donald Lu")
    qtbot.keyClick(window.view.article_pane, Qt.Key.Key_1)
    corrected = tmp_path / MSNBC
    corrected.write_text(
        "Correction appended at the top.\n" + window.view.right_document.text, encoding="utf-8"
    )
    with qtbot.waitSignal(window.analysisFinished, timeout=20000):
        window.files.import_paths([str(corrected)])
    [moved] = window.workspace.project.annotations(MSNBC)
    assert moved.start == start + len("Correction appended at the top.\n")
    assert moved.exact == "Donald Lu" and not moved.orphaned
