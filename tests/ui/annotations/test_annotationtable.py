"""The annotation table: rows from the project, filters, sorting, jumping, deleting, undo."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QColor, QGuiApplication, QUndoStack
from pytestqt.qtbot import QtBot

from cablereader.core.documents import Document
from cablereader.core.project import Annotation, Project, Tag
from cablereader.core.sample import load_sample_corpus
from cablereader.ui.annotations.annotationmodel import (
    ANNOTATION_ROLE,
    DOCUMENT_COLUMN,
    MODIFIED_COLUMN,
    NOTE_COLUMN,
    PASSAGE_COLUMN,
    TAGS_COLUMN,
    VERDICT_COLUMN,
    local_time,
)
from cablereader.ui.annotations.annotationtable import UNTAGGED, AnnotationTable
from cablereader.ui.common.undo import ProjectEdits
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


def _show(qtbot: QtBot, table: AnnotationTable) -> AnnotationTable:
    qtbot.addWidget(table)
    table.resize(1000, 500)
    table.show()
    qtbot.waitExposed(table)
    return table


@pytest.fixture
def table(qtbot: QtBot, project: Project, edits: ProjectEdits) -> AnnotationTable:
    widget = AnnotationTable(edits)
    widget.set_project(project)
    project.subscribe(widget.on_change)  # as the window does, for edits, undo and redo
    return _show(qtbot, widget)


def _tags(project: Project) -> dict[str, Tag]:
    return {tag.name: tag for tag in project.tags()}


def _annotate(
    edits: ProjectEdits,
    document: str,
    start: int,
    end: int,
    tags: tuple[Tag, ...] = (),
    note: str = "",
) -> Annotation:
    ids = [tag.id for tag in tags]
    change = edits.run("Tag", lambda p: p.add_annotation(document, start, end, ids, note))
    assert change is not None
    return change.annotation


@pytest.fixture
def filled(table: AnnotationTable, edits: ProjectEdits, project: Project) -> list[Annotation]:
    """Four annotations in two documents, with various tags and notes."""
    tags = _tags(project)
    made = [
        _annotate(edits, MSNBC, 0, 40, (tags["Key passage"],), "Headline\nsecond line"),
        _annotate(edits, MSNBC, 500, 560, (tags["Misquote"], tags["Key passage"])),
        _annotate(edits, REPRINT, 100, 150, (), "check with the embassy"),
        _annotate(edits, REPRINT, 900, 990, (tags["Misquote"],)),
    ]
    edits.stack.clear()
    return made


def _shown_ids(table: AnnotationTable) -> list[int]:
    proxy = table.proxy
    return [proxy.index(row, 0).data(ANNOTATION_ROLE).id for row in range(proxy.rowCount())]


def _proxy_index(
    table: AnnotationTable, annotation_id: int, column: int = PASSAGE_COLUMN
) -> QModelIndex:
    row = _shown_ids(table).index(annotation_id)
    return table.proxy.index(row, column)


def _click(
    qtbot: QtBot,
    table: AnnotationTable,
    annotation_id: int,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    index = _proxy_index(table, annotation_id)
    table.view.scrollTo(index)
    pos = table.view.visualRect(index).center()
    qtbot.mouseClick(table.view.viewport(), Qt.MouseButton.LeftButton, modifier, pos)


def test_names_for_tests_and_accessibility(table: AnnotationTable) -> None:
    assert table.view.objectName() == "annotationTable"
    assert table.view.accessibleName() == "annotationTable"
    assert table.search_edit.placeholderText() == "Filter annotations"


def test_rows_appear_after_an_edit_and_on_change(
    qtbot: QtBot, project: Project, edits: ProjectEdits
) -> None:
    table = _show(qtbot, AnnotationTable(edits))  # not subscribed: on_change by hand
    table.set_project(project)
    table.set_verdict_lookup(lambda a: "altered" if a.document == MSNBC else "")
    assert table.count_label.text() == "0 annotations"
    tags = _tags(project)
    text = project.document(MSNBC).text
    change = edits.run(
        "Tag",
        lambda p: p.add_annotation(
            MSNBC, 0, 60, [tags["Misquote"].id, tags["Key passage"].id], "First line\nmore"
        ),
    )
    assert change is not None
    table.on_change(change)

    assert table.count_label.text() == "1 annotation"
    model = table.model
    cells = [model.index(0, column) for column in range(model.columnCount())]
    assert cells[DOCUMENT_COLUMN].data() == MSNBC
    assert cells[PASSAGE_COLUMN].data() == " ".join(text[:60].split())
    assert "\n" not in cells[PASSAGE_COLUMN].data()
    assert text[:60].split()[0] in cells[PASSAGE_COLUMN].data(Qt.ItemDataRole.ToolTipRole)
    assert cells[TAGS_COLUMN].data() == "Key passage, Misquote"  # in tag list order
    assert cells[TAGS_COLUMN].data(Qt.ItemDataRole.DecorationRole) == QColor(
        tags["Key passage"].colour
    )
    assert cells[NOTE_COLUMN].data() == "First line"
    assert cells[VERDICT_COLUMN].data() == "≈ Altered"
    assert cells[MODIFIED_COLUMN].data() == local_time(change.annotation.modified)
    assert len(cells[MODIFIED_COLUMN].data()) == len("2024-05-01 14:03")


def test_filters_by_tag_document_text_and_untagged(
    qtbot: QtBot, table: AnnotationTable, filled: list[Annotation], project: Project
) -> None:
    key, tagged_twice, untagged, misquote_only = filled
    tags = _tags(project)
    assert table.count_label.text() == "4 annotations"

    table.set_tag_filter(tags["Misquote"].id)
    assert sorted(_shown_ids(table)) == sorted([tagged_twice.id, misquote_only.id])
    assert table.count_label.text() == "2 of 4 annotations"
    table.set_tag_filter(UNTAGGED)
    assert _shown_ids(table) == [untagged.id]
    table.tag_combo.setCurrentIndex(0)  # "All tags"
    assert table.tag_combo.currentText() == "All tags"
    assert len(_shown_ids(table)) == 4

    table.set_document_filter(REPRINT)
    assert table.document_combo.currentText() == REPRINT
    assert sorted(_shown_ids(table)) == sorted([untagged.id, misquote_only.id])
    table.set_tag_filter(tags["Misquote"].id)  # filters combine
    assert _shown_ids(table) == [misquote_only.id]
    table.set_tag_filter(None)
    table.set_document_filter(None)

    qtbot.keyClicks(table.search_edit, "EMBASSY")  # the note, any case
    assert _shown_ids(table) == [untagged.id]
    table.search_edit.clear()
    qtbot.keyClicks(table.search_edit, "key pass")  # a tag name
    assert sorted(_shown_ids(table)) == sorted([key.id, tagged_twice.id])
    table.search_edit.clear()
    word = misquote_only.exact.split()[1]
    qtbot.keyClicks(table.search_edit, word.upper())  # the passage
    assert misquote_only.id in _shown_ids(table)
    table.search_edit.clear()
    assert table.count_label.text() == "4 annotations"


def test_orphans_are_shown_and_can_be_listed_alone(
    qtbot: QtBot, table: AnnotationTable, filled: list[Annotation], project: Project
) -> None:
    _, _, _, lost = filled
    assert table.orphans_button.text() == "Orphans"
    assert not table.orphans_button.isEnabled()
    # A corrected transcription without the annotated passage: the annotation is orphaned.
    old = project.document(REPRINT).text
    corrected = old[: lost.start - 200] + "A paragraph was rewritten here." + old[lost.end + 200 :]
    report = project.import_documents([Document.from_text(REPRINT, corrected)])
    assert [a.id for a in report.orphaned] == [lost.id]

    assert table.orphans_button.text() == "Orphans (1)"
    assert table.orphans_button.isEnabled()
    index = _proxy_index(table, lost.id)
    assert index.data().startswith("⚠ orphan: ")
    assert lost.exact.split()[0] in index.data()
    assert "not found" in index.data(Qt.ItemDataRole.ToolTipRole)

    qtbot.mouseClick(table.orphans_button, Qt.MouseButton.LeftButton)
    assert table.proxy.orphans_only
    assert _shown_ids(table) == [lost.id]
    assert table.count_label.text() == "1 of 4 annotations"
    qtbot.mouseClick(table.orphans_button, Qt.MouseButton.LeftButton)
    assert len(_shown_ids(table)) == 4


def test_delete_key_deletes_and_undo_brings_the_same_row_back(
    qtbot: QtBot, table: AnnotationTable, filled: list[Annotation], stack: QUndoStack
) -> None:
    victim = filled[1]
    _click(qtbot, table, victim.id)
    assert table.current_annotation() == victim
    qtbot.keyClick(table.view, Qt.Key.Key_Delete)

    assert victim.id not in _shown_ids(table)
    assert table.count_label.text() == "3 annotations"
    assert stack.count() == 1 and stack.undoText() == "Delete annotation"
    stack.undo()
    assert victim.id in _shown_ids(table)
    assert table.model.annotation(table.model.row_of(victim.id) or 0) == victim
    assert table.count_label.text() == "4 annotations"
    stack.redo()
    assert victim.id not in _shown_ids(table)


def test_several_selected_rows_are_deleted_as_one_command(
    qtbot: QtBot, table: AnnotationTable, filled: list[Annotation], stack: QUndoStack
) -> None:
    _click(qtbot, table, filled[0].id)
    _click(qtbot, table, filled[2].id, Qt.KeyboardModifier.ControlModifier)
    assert {a.id for a in table.selected_annotations()} == {filled[0].id, filled[2].id}
    menu = table.context_menu()
    assert table.delete_action in menu.actions()
    assert table.delete_action.text() == "&Delete 2 Annotations"
    table.delete_action.trigger()

    assert sorted(_shown_ids(table)) == sorted([filled[1].id, filled[3].id])
    assert stack.count() == 1 and stack.undoText() == "Delete 2 annotations"
    stack.undo()
    assert sorted(_shown_ids(table)) == sorted(a.id for a in filled)


def test_double_click_and_enter_request_a_jump(
    qtbot: QtBot, table: AnnotationTable, filled: list[Annotation]
) -> None:
    target = filled[2]
    index = _proxy_index(table, target.id)
    pos = table.view.visualRect(index).center()
    viewport = table.view.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=pos)
    with qtbot.waitSignal(table.jumpRequested) as blocker:
        qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=pos)
    assert blocker.args == [target.id]

    _click(qtbot, table, filled[0].id)
    with qtbot.waitSignal(table.jumpRequested) as blocker:
        qtbot.keyClick(table.view, Qt.Key.Key_Return)
    assert blocker.args == [filled[0].id]


def test_selection_is_announced_and_filtering_it_away_clears_it(
    qtbot: QtBot, table: AnnotationTable, filled: list[Annotation], project: Project
) -> None:
    with qtbot.waitSignal(table.annotationSelected) as blocker:
        _click(qtbot, table, filled[2].id)
    assert blocker.args == [filled[2].id]
    with qtbot.waitSignal(table.annotationSelected) as blocker:
        table.set_tag_filter(_tags(project)["Misquote"].id)  # filled[2] has no tag
    assert blocker.args == [-1]
    assert table.current_annotation() is None

    assert not table.select_annotation(filled[2].id)  # filtered out
    with qtbot.waitSignal(table.annotationSelected) as blocker:
        assert table.select_annotation(filled[3].id)
    assert blocker.args == [filled[3].id]
    assert table.current_annotation() == filled[3]


def test_sorting_and_incremental_updates_keep_order_and_selection(
    qtbot: QtBot, table: AnnotationTable, filled: list[Annotation], edits: ProjectEdits
) -> None:
    _click_header(qtbot, table, NOTE_COLUMN)
    notes = [table.proxy.index(r, NOTE_COLUMN).data() for r in range(table.proxy.rowCount())]
    assert notes == ["check with the embassy", "Headline", "", ""]  # empty notes last

    table.select_annotation(filled[3].id)
    changed = edits.run("Note", lambda p: p.set_note(filled[3].id, "a first note"))
    assert changed is not None
    assert _shown_ids(table)[0] == filled[3].id  # moved to its sorted place
    assert table.current_annotation() == changed.annotation  # still current

    added = _annotate(edits, MSNBC, 2000, 2040, note="b note")
    assert _shown_ids(table)[1] == added.id

    _click_header(qtbot, table, NOTE_COLUMN)
    notes = [table.proxy.index(r, NOTE_COLUMN).data() for r in range(table.proxy.rowCount())]
    assert notes[:3] == ["", "Headline", "check with the embassy"]  # descending


def _click_header(qtbot: QtBot, table: AnnotationTable, column: int) -> None:
    header = table.view.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    pos = QPoint(x, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def test_tag_edits_refresh_the_tags_column_and_the_filter(
    table: AnnotationTable, filled: list[Annotation], edits: ProjectEdits, project: Project
) -> None:
    tags = _tags(project)
    edits.run("Rename", lambda p: p.update_tag(tags["Misquote"].id, name="Altered"))
    index = _proxy_index(table, filled[1].id, TAGS_COLUMN)
    assert index.data() == "Key passage, Altered"
    assert "Altered" in [table.tag_combo.itemText(i) for i in range(table.tag_combo.count())]

    table.set_tag_filter(tags["Misquote"].id)
    edits.run("Delete tag", lambda p: p.delete_tag(tags["Misquote"].id))
    assert table.proxy.tag_filter is None  # the tag filtered on is gone: all shown
    assert _proxy_index(table, filled[1].id, TAGS_COLUMN).data() == "Key passage"
    assert _proxy_index(table, filled[3].id, TAGS_COLUMN).data() == ""
    edits.stack.undo()
    assert _proxy_index(table, filled[3].id, TAGS_COLUMN).data() == "Altered"


def test_copy_passage_and_go_to_passage(
    qtbot: QtBot, table: AnnotationTable, filled: list[Annotation]
) -> None:
    _click(qtbot, table, filled[0].id)
    menu = table.context_menu()
    texts = [action.text() for action in menu.actions() if not action.isSeparator()]
    assert texts == ["&Go to Passage", "&Copy Passage", "&Delete Annotation"]
    table.copy_action.trigger()
    assert QGuiApplication.clipboard().text() == filled[0].exact
    _click(qtbot, table, filled[1].id)
    qtbot.keyClick(table.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == filled[1].exact  # whole, not elided
    with qtbot.waitSignal(table.jumpRequested) as blocker:
        table.go_action.trigger()
    assert blocker.args == [filled[1].id]


def test_another_project_starts_unfiltered(
    qtbot: QtBot,
    table: AnnotationTable,
    filled: list[Annotation],
    tmp_path: Path,
) -> None:
    table.set_document_filter(REPRINT)
    qtbot.keyClicks(table.search_edit, "embassy")
    table.select_annotation(filled[2].id)
    other = Project.create(tmp_path / "other.crproj", load_sample_corpus())
    try:
        with qtbot.waitSignal(table.annotationSelected) as blocker:
            table.set_project(other)
        assert blocker.args == [-1]
        assert table.search_edit.text() == "" and table.proxy.document_filter is None
        assert table.document_combo.currentIndex() == 0
        assert table.count_label.text() == "0 annotations"
    finally:
        other.close()


def test_verdicts_come_from_the_window_lookup(
    table: AnnotationTable, filled: list[Annotation]
) -> None:
    assert _proxy_index(table, filled[0].id, VERDICT_COLUMN).data() == ""
    table.set_verdict_lookup(lambda a: "verbatim" if a.id == filled[0].id else "not_in_source")
    assert _proxy_index(table, filled[0].id, VERDICT_COLUMN).data() == "✓ Verbatim"
    assert _proxy_index(table, filled[1].id, VERDICT_COLUMN).data() == "✗ Not in source"
    table.view.sortByColumn(VERDICT_COLUMN, Qt.SortOrder.AscendingOrder)
    assert _shown_ids(table)[0] == filled[0].id


def test_read_only_project_disables_deleting(
    qtbot: QtBot, project: Project, filled: list[Annotation], stack: QUndoStack
) -> None:
    path = project.path
    assert path is not None
    project.close()
    reader = Project.open(path, read_only=True)
    try:
        table = _show(qtbot, AnnotationTable(ProjectEdits(stack, lambda: reader)))
        table.set_project(reader)
        assert table.count_label.text() == "4 annotations"
        _click(qtbot, table, filled[0].id)
        table.context_menu()
        assert not table.delete_action.isEnabled()
        qtbot.keyClick(table.view, Qt.Key.Key_Delete)
        assert table.delete_selected() == 0
        assert len(_shown_ids(table)) == 4 and stack.count() == 0
        with qtbot.waitSignal(table.jumpRequested):  # jumping still works
            qtbot.keyClick(table.view, Qt.Key.Key_Return)
    finally:
        reader.close()


def test_model_passes_the_model_tester_empty_and_filled(
    qtmodeltester: object, project: Project, edits: ProjectEdits, qtbot: QtBot
) -> None:
    table = _show(qtbot, AnnotationTable(edits))
    qtmodeltester.check(table.model)  # type: ignore[attr-defined]
    table.set_project(project)
    project.subscribe(table.on_change)
    tags = _tags(project)
    _annotate(edits, MSNBC, 0, 40, (tags["Key passage"],), "a note")
    _annotate(edits, REPRINT, 10, 90)
    table.set_verdict_lookup(lambda a: "fragment")
    qtmodeltester.check(table.model)  # type: ignore[attr-defined]
    qtmodeltester.check(table.proxy)  # type: ignore[attr-defined]
    table.set_project(None)
    assert table.count_label.text() == ""
