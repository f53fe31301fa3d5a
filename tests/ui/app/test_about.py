"""The About dialog and the application icon."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QTreeWidget
from pytestqt.qtbot import QtBot

import cablereader
from cablereader.ui.app.about import (
    OFFLINE_NOTE,
    UNKNOWN_VERSION,
    AboutDialog,
    bundled_components,
    version_report,
)
from cablereader.ui.common.icons import ICON_SIZES, app_icon, icon_files, icons_dir


def test_about_shows_name_version_libraries_and_offline_note(qtbot: QtBot) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    labels = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "CableReader" in labels
    assert cablereader.__version__ in labels
    assert "primary source" in labels
    assert OFFLINE_NOTE in labels and "no network connections" in OFFLINE_NOTE
    table = dialog.findChild(QTreeWidget, "aboutComponents")
    assert table is not None
    rows = {
        table.topLevelItem(i).text(0): (
            table.topLevelItem(i).text(1),
            table.topLevelItem(i).text(2),
        )
        for i in range(table.topLevelItemCount())
    }
    assert rows["Python"][1] == "PSF License"
    assert rows["Qt"][1] == rows["PySide6"][1] == "LGPLv3"
    assert rows["diff-match-patch"][1] == "Apache 2.0"
    assert rows["charset-normalizer"][1] == "MIT"
    assert rows["Qt"][0] == qVersion()
    # Everything installed in the test environment has a real version.
    assert all(version != UNKNOWN_VERSION for version, _ in rows.values())


def test_ok_closes_the_dialog(qtbot: QtBot) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.finished) as blocker:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [QDialog.DialogCode.Accepted.value]
    assert not dialog.isVisible()


def test_escape_closes_the_dialog(qtbot: QtBot) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)


def test_copy_version_info(qtbot: QtBot) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    button = dialog.findChild(QPushButton, "aboutCopy")
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert copied == version_report()
    assert f"CableReader {cablereader.__version__}" in copied


def test_component_versions_fall_back_when_metadata_is_missing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from importlib import metadata

    def missing(_name: str) -> str:
        raise metadata.PackageNotFoundError(_name)

    monkeypatch.setattr(metadata, "version", missing)
    versions = {c.name: c.version for c in bundled_components()}
    # charset-normalizer and PySide6 carry a __version__ of their own.
    assert versions["charset-normalizer"] not in ("", UNKNOWN_VERSION)
    assert versions["PySide6"] not in ("", UNKNOWN_VERSION)
    assert all(versions.values())


def test_icon_files_and_pixmaps(qtbot: QtBot) -> None:
    assert (icons_dir() / "cablereader.svg").is_file()
    assert [size for size, _ in icon_files()] == list(ICON_SIZES)
    icon = app_icon()
    assert not icon.isNull()
    for size in (16, 24, 256, 100):  # 100: between the PNG sizes
        pixmap = icon.pixmap(QSize(size, size))
        assert not pixmap.isNull()
        assert pixmap.width() == size
        # Not a blank square: the tile is opaque in the middle.
        assert pixmap.toImage().pixelColor(size // 2, size // 2).alpha() == 255


def test_rendered_pngs_match_the_svg() -> None:
    script = Path(__file__).resolve().parents[3] / "packaging" / "render_icons.py"
    result = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr
