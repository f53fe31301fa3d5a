"""File ▸ Export ▸ REFI-QDA Project… / Codebook… and File ▸ Import REFI-QDA Project…,
through the real actions with the file dialogs answered by the test."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMenu

from cablereader.core.exchange import export_qdpx, import_qdpx
from cablereader.core.project import Project
from cablereader.ui.app.mainwindow import MainWindow
from tests.conftest import MSNBC
from tests.core.refiqda_files import codebook_schema, make_qdpx, qde, validate_qdpx
from tests.ui.app.test_documentcommands import drop
from tests.ui.app.test_reliability import open_sample, tag_words


def answer_dialogs(
    monkeypatch: pytest.MonkeyPatch, *, open_path: str = "", save_path: str = ""
) -> list[str]:
    """The open and save dialogs answer these paths ("" is Cancel); returns their titles."""
    asked: list[str] = []

    def fake_open(parent, title, *args, **kwargs):
        asked.append(title)
        return open_path, ""

    def fake_save(parent, title, *args, **kwargs):
        asked.append(title)
        return save_path, ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(fake_open))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_save))
    return asked


def test_the_actions_are_in_the_file_menu(qtbot) -> None:
    window = open_sample(qtbot)
    file_menu = window.menuBar().findChild(QMenu, "fileMenu")
    entries = [a.text() for a in file_menu.actions()]
    csv = entries.index(window.commands.export_csv.text())
    assert entries[csv + 1 : csv + 3] == ["Export Repor&t…", "E&xport"]
    assert "Import REFI-QDA Pro&ject…" in entries
    export = window.exchange.export_menu
    assert [a.text() for a in export.actions()] == ["REFI-QDA &Project…", "REFI-QDA &Codebook…"]
    # Each entry keeps a mnemonic of its own (Alt+F, then the letter).
    keys = [t[t.index("&") + 1].lower() for t in entries if "&" in t]
    assert len(keys) == len(set(keys)), keys


def test_exported_project_is_valid_and_imports_back(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_sample(qtbot)
    tag_words(window, qtbot, "Donald Lu")
    answer_dialogs(monkeypatch, save_path=str(tmp_path / "study"))  # the suffix is added
    with qtbot.waitSignal(window.exchange.projectExported, timeout=20000) as exported:
        window.exchange.export_qdpx.trigger()
    out = tmp_path / "study.qdpx"
    assert exported.args == [str(out)]
    validate_qdpx(out)
    summary = import_qdpx(out, tmp_path / "back.crproj")
    assert summary.documents == len(window.documents)
    with Project.open(tmp_path / "back.crproj") as back:
        [annotation] = back.annotations()
        assert (annotation.document, annotation.exact) == (MSNBC, "Donald Lu")
        assert [back.tag(t).name for t in annotation.tag_ids] == ["Key passage"]
    assert "to " + str(out) in window.statusBar().currentMessage()
    assert window.exchange.status.open_folder_button.isVisible()


def test_exported_codebook_is_valid(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_sample(qtbot)
    out = tmp_path / "codes.qdc"
    answer_dialogs(monkeypatch, save_path=str(out))
    with qtbot.waitSignal(window.exchange.projectExported) as exported:
        window.exchange.export_qdc.trigger()
    assert exported.args == [str(out)]
    codebook_schema().validate(out.read_text(encoding="utf-8"))
    assert "Key passage" in out.read_text(encoding="utf-8")
    assert f"Exported 4 codes to {out}" in window.statusBar().currentMessage()


def test_an_import_opens_the_new_project_in_the_window(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sample_documents
) -> None:
    qdpx = tmp_path / "theirs.qdpx"
    with Project.create(tmp_path / "theirs.crproj", list(sample_documents.values())) as theirs:
        text = theirs.document(MSNBC).text
        start = text.index("Donald Lu")
        theirs.add_annotation(MSNBC, start, start + 9, [1], note="who", author="Ana")
        export_qdpx(theirs, qdpx)
    window = open_sample(qtbot)
    target = tmp_path / "mine.crproj"
    titles = answer_dialogs(monkeypatch, open_path=str(qdpx), save_path=str(target))
    with qtbot.waitSignal(window.exchange.projectImported, timeout=20000) as imported:
        window.exchange.import_qdpx.trigger()
    assert titles == ["Import REFI-QDA Project", "Save the Imported Project As"]
    assert imported.args == [str(target)]
    project = window.workspace.project
    assert project is not None and project.path == target
    assert [(a.document, a.exact, a.note) for a in project.annotations()] == [
        (MSNBC, "Donald Lu", "who")
    ]
    assert len(window.documents) == len(sample_documents)
    # Our own export's links to the source are found again by the analysis: said, not lost.
    box = window.message_box
    assert box is not None and box.windowTitle() == "Imported"
    assert "Not imported" not in box.text() and "links from annotations" in box.text()
    assert f"into {target}" in window.statusBar().currentMessage()
    assert str(target) in window.windowFilePath()


FOREIGN = qde(
    '<CodeBook><Codes><Code guid="11111111-1111-1111-1111-111111111111" name="Actors" '
    'isCodable="true"/></Codes></CodeBook>'
    "<Sources>"
    '<TextSource guid="22222222-2222-2222-2222-222222222222" name="interview.txt" '
    'plainTextPath="internal://22222222-2222-2222-2222-222222222222.txt">'
    '<PlainTextSelection guid="33333333-3333-3333-3333-333333333333" startPosition="4" '
    'endPosition="9"><Coding guid="44444444-4444-4444-4444-444444444444">'
    '<CodeRef targetGUID="11111111-1111-1111-1111-111111111111"/></Coding>'
    "</PlainTextSelection></TextSource>"
    '<PictureSource guid="55555555-5555-5555-5555-555555555555" name="photo.png" '
    'path="internal://55555555-5555-5555-5555-555555555555.png"/>'
    "</Sources>"
)


def test_an_import_says_what_could_not_be_represented(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    qdpx = make_qdpx(
        tmp_path / "foreign.qdpx",
        FOREIGN,
        {"sources/22222222-2222-2222-2222-222222222222.txt": b"The quick brown fox."},
    )
    window = open_sample(qtbot)
    target = tmp_path / "foreign.crproj"
    answer_dialogs(monkeypatch, open_path=str(qdpx), save_path=str(target))
    with qtbot.waitSignal(window.messageShown, timeout=20000) as shown:
        window.exchange.import_qdpx.trigger()
    assert "picture source" in shown.args[0] and "Not imported" in shown.args[0]
    project = window.workspace.project
    assert project is not None and project.path == target
    assert [a.exact for a in project.annotations()] == ["quick"]


def _bad_qdpx(folder: Path) -> Path:
    path = folder / "broken.qdpx"
    path.write_bytes(b"this is not a zip file")
    return path


def test_a_bad_qdpx_gets_a_message_naming_it_and_creates_nothing(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_sample(qtbot)
    before = window.workspace.project
    qdpx = _bad_qdpx(tmp_path)
    target = tmp_path / "never.crproj"
    answer_dialogs(monkeypatch, open_path=str(qdpx), save_path=str(target))
    with qtbot.waitSignal(window.messageShown, timeout=20000) as shown:
        window.exchange.import_qdpx.trigger()
    assert "The project was not imported" in shown.args[0] and str(qdpx) in shown.args[0]
    assert not target.exists()
    assert window.workspace.project is before  # the open project stays open


def test_importing_over_the_open_project_is_refused(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window: MainWindow = open_sample(qtbot)
    tag_words(window, qtbot, "Donald Lu")  # the untitled project gets its file
    current = window.workspace.project.path
    answer_dialogs(monkeypatch, open_path=str(_bad_qdpx(tmp_path)), save_path=str(current))
    with qtbot.waitSignal(window.messageShown) as shown:
        window.exchange.import_qdpx.trigger()
    assert "is the project open in this window" in shown.args[0]
    assert len(window.workspace.project.annotations()) == 1


def test_an_export_that_cannot_be_written_says_so(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_sample(qtbot)
    out = tmp_path / "missing" / "study.qdpx"
    answer_dialogs(monkeypatch, save_path=str(out))
    with qtbot.waitSignal(window.messageShown, timeout=20000) as shown:
        window.exchange.export_qdpx.trigger()
    assert "The project was not exported" in shown.args[0] and str(out) in shown.args[0]
    assert not out.parent.exists()


def test_a_qdpx_dropped_on_the_window_is_imported_as_a_project(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    qdpx = make_qdpx(
        tmp_path / "foreign.qdpx",
        FOREIGN,
        {"sources/22222222-2222-2222-2222-222222222222.txt": b"The quick brown fox."},
    )
    window = open_sample(qtbot)
    target = tmp_path / "dropped.crproj"
    titles = answer_dialogs(monkeypatch, save_path=str(target))
    with qtbot.waitSignal(window.exchange.projectImported, timeout=20000):
        assert drop(window, [qdpx]) == (True, True)
    assert titles == ["Save the Imported Project As"]
    assert window.workspace.project.path == target
    assert [d.name for d in window.documents] == ["interview.txt"]


def test_a_second_exchange_waits_for_the_first(qtbot, tmp_path: Path) -> None:
    window = open_sample(qtbot)
    window.workspace.analysis = None  # the export analyses first: it runs a while
    first, second = tmp_path / "first.qdpx", tmp_path / "second.qdpx"
    with qtbot.waitSignal(window.exchange.projectExported, timeout=20000):
        window.exchange.export_project(str(first))
        with qtbot.waitSignal(window.messageShown) as shown:
            window.exchange.export_project(str(second))  # e.g. a .qdpx dropped meanwhile
        assert "Another export or import is still running" in shown.args[0]
    validate_qdpx(first)
    assert not second.exists()
