"""GUI test set-up: offscreen Qt (see tests/conftest.py) and settings kept out of $HOME."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Every GUI test reads and writes QSettings in a fresh folder of its own."""
    folder = tmp_path_factory.mktemp("settings")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    yield folder


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Untitled projects are kept in a fresh folder, not in the user's data folder."""
    folder = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("CABLEREADER_DATA_DIR", str(folder))
    return folder
