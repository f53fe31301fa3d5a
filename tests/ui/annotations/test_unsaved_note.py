"""A note that could not be saved is never shown as saved, and is reported once."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt

from cablereader.core.documents import Document
from cablereader.core.project import Project
from cablereader.ui.app.mainwindow import MainWindow
from tests.conftest import MSNBC


def test_typing_a_note_after_the_project_file_was_deleted(
    qtbot, tmp_path: Path, sample_documents: dict[str, Document]
) -> None:
    path = tmp_path / "notes.crproj"
    with Project.create(path, list(sample_documents.values())) as project:
        start = project.document(MSNBC).text.index("Donald Lu")
        annotation = project.add_annotation(MSNBC, start, start + 9, [1], note="kept").annotation
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.analysisFinished, timeout=20000):
        window.open_start([str(path)])
    messages: list[str] = []
    window.messageShown.connect(messages.append)
    window.navigator.jump_to_annotation(annotation.id)
    editor = window.note_editor.editor
    qtbot.waitUntil(lambda: editor.toPlainText() == "kept")
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, " and saved")
    assert window.workspace.project.annotation(annotation.id).note == "kept and saved"
    assert window.note_editor.unsaved is None

    os.remove(path)
    qtbot.keyClicks(editor, ", then lost?")
    # Every keystroke failed, but the user is told once, with the cause and the way out.
    assert len(messages) == 1
    assert "deleted or moved" in messages[0] and "Save As" in messages[0]
    # The screen says the text is not saved; the project holds the last saved note.
    assert window.note_editor.unsaved is not None
    assert "Not saved" in window.note_editor.heading.text()
    assert editor.toPlainText() == "kept and saved, then lost?"
    assert window.workspace.project.annotation(annotation.id).note == "kept and saved"

    # Save As gives the project a file again; the next keystroke saves the whole note.
    window.workspace.project.save_as(tmp_path / "rescued.crproj")
    qtbot.keyClick(editor, Qt.Key.Key_Exclam)
    assert window.note_editor.unsaved is None
    assert "Not saved" not in window.note_editor.heading.text()
    assert window.workspace.project.annotation(annotation.id).note == "kept and saved, then lost?!"
