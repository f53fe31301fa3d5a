"""The tag list, driven through its real widgets and dialogs, with undo through the stack."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QUndoStack
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from cablereader.core.project import Project, Tag
from cablereader.core.sample import load_sample_corpus
from cablereader.ui.common.undo import ProjectEdits
from cablereader.ui.tags.tagdialogs import TagDialog, text_colour
from cablereader.ui.tags.taglist import KEY_COLUMN, NAME_COLUMN, USAGE_COLUMN, TagList
from tests.conftest import MSNBC, REPRINT


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    project = Project.create(tmp_path / "t.crproj", load_sample_corpus())
    yield project
    if not project.closed:
        project.close()


@pytest.fixture
def stack() -> QUndoStack:
    return QUndoStack()


@pytest.fixture
def edits(project: Project, stack: QUndoStack) -> ProjectEdits:
    return ProjectEdits(stack, lambda: project)


def _show(qtbot: QtBot, widget: TagList) -> TagList:
    qtbot.addWidget(widget)
    widget.resize(400, 400)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def tag_list(qtbot: QtBot, project: Project, edits: ProjectEdits) -> TagList:
    widget = TagList(edits)
    widget.set_project(project)
    project.subscribe(widget.on_change)  # as the window does, for edits, undo and redo
    return _show(qtbot, widget)


def _rows(tag_list: TagList) -> list[tuple[str, str, str]]:
    """(name, key, uses) as the list shows them."""
    model = tag_list.view.model()
    cells = [[str(model.index(r, c).data()) for c in range(3)] for r in range(model.rowCount())]
    return [(name, key, uses) for name, key, uses in cells]


def _tag(tag_list: TagList, name: str) -> Tag:
    return next(tag for tag in tag_list.tags() if tag.name == name)


def _annotate(edits: ProjectEdits, start: int, tag_ids: list[int], document: str = MSNBC) -> int:
    change = edits.run("Tag", lambda p: p.add_annotation(document, start, start + 20, tag_ids))
    assert change is not None
    return change.annotation.id


def _index(tag_list: TagList, name: str, column: int = NAME_COLUMN) -> QModelIndex:
    row = tag_list.model.row_of(_tag(tag_list, name).id)
    assert row is not None
    return tag_list.model.index(row, column)


def _click(qtbot: QtBot, tag_list: TagList, name: str) -> None:
    rect = tag_list.view.visualRect(_index(tag_list, name))
    qtbot.mouseClick(tag_list.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert tag_list.current_tag() == _tag(tag_list, name)


def test_names_for_tests_and_accessibility(tag_list: TagList) -> None:
    assert tag_list.view.objectName() == "tagList"
    assert tag_list.view.accessibleName() == "tagList"


def test_starter_tags_are_listed_with_their_keys(tag_list: TagList) -> None:
    assert _rows(tag_list) == [
        ("Key passage", "1", "0"),
        ("Misquote", "2", "0"),
        ("Missing context", "3", "0"),
        ("Needs checking", "4", "0"),
    ]
    misquote = tag_list.tag_for_key("2")
    assert misquote is not None and misquote.name == "Misquote"
    assert tag_list.tag_for_key("9") is None
    tooltip = _index(tag_list, "Misquote").data(Qt.ItemDataRole.ToolTipRole)
    assert misquote.description in tooltip
    swatch = _index(tag_list, "Misquote").data(Qt.ItemDataRole.DecorationRole)
    assert not swatch.isNull()
    key = _index(tag_list, "Misquote", KEY_COLUMN)
    assert key.data(Qt.ItemDataRole.BackgroundRole) == QColor(misquote.colour)
    assert key.data(Qt.ItemDataRole.ForegroundRole) == QColor("#000000")


def test_key_text_is_legible_on_dark_and_light_colours() -> None:
    assert text_colour(QColor("#ffd54f")) == QColor("#000000")
    assert text_colour(QColor("#1a237e")) == QColor("#ffffff")


def test_usage_counts_follow_annotation_edits(
    tag_list: TagList, edits: ProjectEdits, stack: QUndoStack
) -> None:
    misquote = _tag(tag_list, "Misquote").id
    _annotate(edits, 10, [misquote])
    _annotate(edits, 100, [misquote, _tag(tag_list, "Key passage").id])
    assert tag_list.usage(misquote) == 2
    assert _index(tag_list, "Misquote", USAGE_COLUMN).data() == "2"
    assert _index(tag_list, "Key passage", USAGE_COLUMN).data() == "1"
    stack.undo()
    assert _index(tag_list, "Misquote", USAGE_COLUMN).data() == "1"


def test_new_tag_through_the_toolbar_dialog(
    qtbot: QtBot, tag_list: TagList, stack: QUndoStack
) -> None:
    tag_list.new_action.trigger()
    dialog = tag_list.findChild(TagDialog)
    assert isinstance(dialog, TagDialog)
    qtbot.waitUntil(dialog.isVisible)
    assert not dialog.ok_button.isEnabled()  # no name yet
    qtbot.keyClicks(dialog.name_edit, "Unsourced claim")
    dialog.set_colour("#CE93D8")
    qtbot.keyClicks(dialog.description_edit, "Said to come from the cable, but not in it.")
    assert dialog.key_combo.currentData() == "5"  # the first free key is offered
    with qtbot.waitSignal(dialog.finished):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    new = _tag(tag_list, "Unsourced claim")
    assert (new.colour, new.key) == ("#ce93d8", "5")
    assert new.description == "Said to come from the cable, but not in it."
    assert tag_list.current_tag() == new
    assert tag_list.tag_for_key("5") == new
    assert stack.count() == 1

    stack.undo()
    assert "Unsourced claim" not in [t.name for t in tag_list.tags()]
    stack.redo()
    assert _tag(tag_list, "Unsourced claim").id == new.id


def test_duplicate_name_is_refused_with_a_message(
    qtbot: QtBot, tag_list: TagList, project: Project, stack: QUndoStack
) -> None:
    before = project.tags()
    dialog = tag_list.new_tag_dialog()
    dialog.show()
    qtbot.keyClicks(dialog.name_edit, "  misquote ")
    assert not dialog.ok_button.isEnabled()
    assert dialog.message.text() == "There is already a tag named “Misquote”."
    dialog.accept()  # even if forced, nothing is created
    assert dialog.isVisible()
    assert project.tags() == before and tag_list.tags() == before
    assert stack.count() == 0

    dialog.name_edit.clear()
    assert not dialog.ok_button.isEnabled()
    assert dialog.message.text() == "A tag needs a name."


def test_a_taken_key_is_moved_in_one_undo_step(
    qtbot: QtBot, tag_list: TagList, stack: QUndoStack
) -> None:
    dialog = tag_list.new_tag_dialog()
    dialog.show()
    qtbot.keyClicks(dialog.name_edit, "Quote")
    dialog.set_key("2")
    assert dialog.ok_button.isEnabled()
    assert "Key 2 is the shortcut of “Misquote”" in dialog.message.text()
    dialog.accept()

    assert _tag(tag_list, "Quote").key == "2"
    assert _tag(tag_list, "Misquote").key is None
    assert stack.count() == 1
    stack.undo()
    assert _tag(tag_list, "Misquote").key == "2"
    assert "Quote" not in [t.name for t in tag_list.tags()]


def test_rename_in_place_with_f2_and_undo(
    qtbot: QtBot, tag_list: TagList, stack: QUndoStack
) -> None:
    original = _tag(tag_list, "Misquote")
    _click(qtbot, tag_list, "Misquote")
    qtbot.keyClick(tag_list.view, Qt.Key.Key_F2)
    editor = tag_list.view.indexWidget(_index(tag_list, "Misquote"))
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "Altered quote")
    with qtbot.waitSignal(tag_list.model.renameRequested):  # the delegate commits queued
        qtbot.keyClick(editor, Qt.Key.Key_Return)

    renamed = tag_list.tags()[1]
    assert (renamed.id, renamed.name) == (original.id, "Altered quote")
    assert stack.undoText() == "Rename tag"
    stack.undo()
    assert tag_list.tags()[1] == original
    stack.redo()
    assert tag_list.tags()[1].name == "Altered quote"


def test_rename_to_a_used_name_is_refused(
    qtbot: QtBot, tag_list: TagList, stack: QUndoStack, monkeypatch: pytest.MonkeyPatch
) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(tag_list, "warn", lambda title, text: warnings.append(text))
    _click(qtbot, tag_list, "Misquote")
    tag_list.rename_action.trigger()
    editor = tag_list.view.indexWidget(_index(tag_list, "Misquote"))
    assert isinstance(editor, QLineEdit)
    editor.setText("key PASSAGE")
    with qtbot.waitSignal(tag_list.model.renameRequested):
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert warnings == ["There is already a tag named “Key passage”."]
    assert [t.name for t in tag_list.tags()][:2] == ["Key passage", "Misquote"]
    assert stack.count() == 0


def test_edit_dialog_changes_everything_at_once(tag_list: TagList, stack: QUndoStack) -> None:
    tag = _tag(tag_list, "Needs checking")
    dialog = tag_list.edit_tag_dialog(tag)
    assert dialog.name_edit.text() == "Needs checking"
    assert dialog.ok_button.isEnabled()
    dialog.name_edit.setText("To verify")
    dialog.set_colour("#80deea")
    dialog.set_key("9")
    dialog.accept()
    assert _tag(tag_list, "To verify") == Tag(
        tag.id, tag.uuid, "To verify", "#80deea", tag.description, "9", tag.position
    )
    stack.undo()
    assert _tag(tag_list, "Needs checking") == tag


def test_recolour_and_describe_through_their_dialogs(
    qtbot: QtBot, tag_list: TagList, stack: QUndoStack
) -> None:
    tag = _tag(tag_list, "Key passage")
    colours = tag_list.colour_dialog(tag)
    colours.setCurrentColor(QColor("#004d40"))
    colours.accept()
    assert _tag(tag_list, "Key passage").colour == "#004d40"
    swatch = _index(tag_list, "Key passage", KEY_COLUMN)
    assert swatch.data(Qt.ItemDataRole.ForegroundRole) == QColor("#ffffff")  # dark: white text

    description = tag_list.description_dialog(_tag(tag_list, "Key passage"))
    description.setTextValue("What the story rests on.\n")
    description.accept()
    assert _tag(tag_list, "Key passage").description == "What the story rests on."
    tooltip = _index(tag_list, "Key passage").data(Qt.ItemDataRole.ToolTipRole)
    assert "What the story rests on." in tooltip

    assert stack.count() == 2
    stack.undo()
    stack.undo()
    assert _tag(tag_list, "Key passage") == tag


def test_set_shortcut_key_from_the_menu_moves_it(
    qtbot: QtBot, tag_list: TagList, stack: QUndoStack
) -> None:
    _click(qtbot, tag_list, "Needs checking")
    tag_list.context_menu()
    tag_list.key_menu.aboutToShow.emit()
    by_key = {action.data(): action for action in tag_list.key_menu.actions()}
    assert by_key["4"].isChecked()
    assert "moves from “Key passage”" in by_key["1"].text()
    by_key["1"].trigger()
    assert _tag(tag_list, "Needs checking").key == "1"
    assert _tag(tag_list, "Key passage").key is None
    assert tag_list.tag_for_key("1") == _tag(tag_list, "Needs checking")
    by_key[None].trigger()
    assert _tag(tag_list, "Needs checking").key is None
    stack.undo()
    stack.undo()
    assert [t.key for t in tag_list.tags()] == ["1", "2", "3", "4"]


@pytest.mark.parametrize("confirmed", [True, False])
def test_delete_asks_with_the_usage_count_and_undo_restores(
    qtbot: QtBot,
    tag_list: TagList,
    edits: ProjectEdits,
    project: Project,
    stack: QUndoStack,
    monkeypatch: pytest.MonkeyPatch,
    confirmed: bool,
) -> None:
    misquote = _tag(tag_list, "Misquote")
    key_passage = _tag(tag_list, "Key passage")
    ids = [
        _annotate(edits, 10, [misquote.id]),
        _annotate(edits, 200, [misquote.id, key_passage.id]),
        _annotate(edits, 400, [misquote.id], REPRINT),
    ]
    stack.clear()
    asked: list[tuple[str, str]] = []

    def confirm(title: str, text: str) -> bool:
        asked.append((title, text))
        return confirmed

    monkeypatch.setattr(tag_list, "confirm", confirm)
    _click(qtbot, tag_list, "Misquote")
    tag_list.delete_action.trigger()

    assert asked == [
        (
            "Delete Tag",
            "“Misquote” is used by 3 annotations. Delete it? "
            "The annotations stay, without this tag.",
        )
    ]
    if not confirmed:
        assert _tag(tag_list, "Misquote") == misquote
        assert stack.count() == 0
        return
    assert "Misquote" not in [t.name for t in tag_list.tags()]
    assert [project.annotation(i).tag_ids for i in ids] == [(), (key_passage.id,), ()]
    assert tag_list.usage(key_passage.id) == 1

    stack.undo()
    assert _tag(tag_list, "Misquote") == misquote  # same id, key, colour, place
    assert tag_list.usage(misquote.id) == 3
    assert _index(tag_list, "Misquote", USAGE_COLUMN).data() == "3"
    assert project.annotation(ids[1]).tag_ids == tuple(sorted((misquote.id, key_passage.id)))
    stack.redo()
    assert "Misquote" not in [t.name for t in tag_list.tags()]


def test_delete_key_in_the_list_deletes_the_current_tag(
    qtbot: QtBot, tag_list: TagList, stack: QUndoStack, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tag_list, "confirm", lambda title, text: True)
    _click(qtbot, tag_list, "Missing context")
    qtbot.keyClick(tag_list.view, Qt.Key.Key_Delete)
    assert [t.name for t in tag_list.tags()] == ["Key passage", "Misquote", "Needs checking"]
    assert stack.count() == 1


def test_delete_of_an_unused_tag_says_so(
    tag_list: TagList, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(tag_list, "confirm", lambda title, text: asked.append(text) or True)
    assert tag_list.delete_tag(_tag(tag_list, "Missing context").id)
    assert asked == ["Delete the tag “Missing context”? No annotation uses it."]


def test_merge_into_another_tag_and_undo(
    tag_list: TagList,
    edits: ProjectEdits,
    project: Project,
    stack: QUndoStack,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    checking = _tag(tag_list, "Needs checking")
    key = _tag(tag_list, "Key passage")
    only = _annotate(edits, 10, [checking.id])
    both = _annotate(edits, 300, [checking.id, key.id])
    stack.clear()
    asked: list[str] = []
    monkeypatch.setattr(tag_list, "confirm", lambda title, text: asked.append(text) or True)

    dialog = tag_list.merge_dialog(checking)
    assert dialog.comboBoxItems() == ["Key passage", "Misquote", "Missing context"]
    dialog.setTextValue("Key passage")
    dialog.accept()

    assert asked and asked[0].startswith("Merge “Needs checking” into “Key passage”?")
    assert "Needs checking" not in [t.name for t in tag_list.tags()]
    assert project.annotation(only).tag_ids == (key.id,)
    assert project.annotation(both).tag_ids == (key.id,)
    assert tag_list.usage(key.id) == 2
    assert stack.count() == 1

    stack.undo()
    assert _tag(tag_list, "Needs checking") == checking
    assert project.annotation(only).tag_ids == (checking.id,)
    assert tag_list.usage(checking.id) == 2 and tag_list.usage(key.id) == 1


def test_double_click_and_enter_activate_a_tag(qtbot: QtBot, tag_list: TagList) -> None:
    misquote = _tag(tag_list, "Misquote")
    rect = tag_list.view.visualRect(_index(tag_list, "Misquote"))
    viewport = tag_list.view.viewport()
    # A real double-click: press and release, then the second press arrives as a double-click.
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(tag_list.tagActivated) as blocker:
        qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [misquote.id]
    assert tag_list.view.indexWidget(_index(tag_list, "Misquote")) is None

    _click(qtbot, tag_list, "Needs checking")
    with qtbot.waitSignal(tag_list.tagActivated) as blocker:
        qtbot.keyClick(tag_list.view, Qt.Key.Key_Return)
    assert blocker.args == [_tag(tag_list, "Needs checking").id]


def test_read_only_project_disables_editing(
    qtbot: QtBot, tmp_path: Path, project: Project, stack: QUndoStack
) -> None:
    path = project.path
    assert path is not None
    project.close()
    reader = Project.open(path, read_only=True)
    try:
        edits = ProjectEdits(stack, lambda: reader)
        tag_list = _show(qtbot, TagList(edits))
        tag_list.set_project(reader)
        assert len(tag_list.tags()) == 4
        _click(qtbot, tag_list, "Misquote")
        for action in (
            tag_list.new_action,
            tag_list.edit_action,
            tag_list.rename_action,
            tag_list.colour_action,
            tag_list.description_action,
            tag_list.delete_action,
            tag_list.merge_action,
        ):
            assert not action.isEnabled(), action.text()
        assert not tag_list.key_menu.isEnabled()
        index = _index(tag_list, "Misquote")
        assert not tag_list.model.flags(index) & Qt.ItemFlag.ItemIsEditable
        qtbot.keyClick(tag_list.view, Qt.Key.Key_F2)
        assert tag_list.view.indexWidget(index) is None
        tag_list.new_action.trigger()
        assert tag_list.findChild(TagDialog) is None
        with qtbot.waitSignal(tag_list.tagActivated):  # tagging is still offered
            qtbot.keyClick(tag_list.view, Qt.Key.Key_Return)
    finally:
        reader.close()


def test_no_project_is_an_empty_list(qtbot: QtBot, tag_list: TagList) -> None:
    tag_list.set_project(None)
    assert tag_list.tags() == [] and tag_list.current_tag() is None
    assert not tag_list.new_action.isEnabled()


def test_model_passes_the_model_tester(qtmodeltester: object, tag_list: TagList) -> None:
    qtmodeltester.check(tag_list.model)  # type: ignore[attr-defined]
    tag_list.set_project(None)
    qtmodeltester.check(tag_list.model)  # type: ignore[attr-defined]
