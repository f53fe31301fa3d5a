"""Paths that are not files (a FIFO, a device, a link to one) never block the window:
each is refused with a message naming it, before anything is read."""

from __future__ import annotations

import faulthandler
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from cablereader.app import create_main_window
from cablereader.ui.app.mainwindow import MainWindow

pytestmark = pytest.mark.skipif(
    not hasattr(os, "mkfifo") or not Path("/dev/zero").exists(),
    reason="needs named pipes and /dev/zero",
)


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[MainWindow]:
    win = create_main_window([])
    assert isinstance(win, MainWindow)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.analysisFinished, timeout=30000):
        pass
    # A GUI thread stuck in open() would hang the run: end it with tracebacks instead.
    faulthandler.dump_traceback_later(60, exit=True)
    yield win
    faulthandler.cancel_dump_traceback_later()
    win.close()


def test_a_fifo_named_as_a_project_is_refused_without_opening_it(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    pipe = tmp_path / "shared.crproj"
    os.mkfifo(pipe)
    with qtbot.waitSignal(window.messageShown, timeout=5000) as shown:
        assert window.files.open_project(str(pipe)) is False
    assert "shared.crproj" in shown.args[0] and "named pipe" in shown.args[0]
    assert window.workspace.project is not None  # the sample is still open


def test_fifos_devices_and_links_to_them_are_not_imported(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    folder = tmp_path / "folder"
    folder.mkdir()
    os.mkfifo(folder / "inner.txt")
    before = len(window.workspace.documents)
    with qtbot.waitSignal(window.messageShown, timeout=10000) as shown:
        window.files.import_paths([str(pipe), "/dev/zero", str(link), str(folder)])
    message = shown.args[0]
    for name in ("pipe.txt", "zero", "inner.txt"):  # the link and /dev/zero: one file
        assert name in message
    assert "is not a regular file" in message or "named pipe" in message
    assert len(window.workspace.documents) == before
