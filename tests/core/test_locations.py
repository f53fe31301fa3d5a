"""File locations: the override, the platform's folders, and the fallbacks without them."""

from __future__ import annotations

from pathlib import Path

import pytest

from cablereader.core import locations
from cablereader.core.locations import DATA_DIR_VARIABLE, StandardFolders

PLATFORM = StandardFolders("/home/u/.local/share/CableReader", "/home/u/.cache/CableReader")


def test_the_platform_folders_are_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(DATA_DIR_VARIABLE, raising=False)
    assert locations.data_dir(PLATFORM) == Path(PLATFORM.app_data)
    assert locations.cache_dir(PLATFORM) == Path(PLATFORM.cache) / "analyses"


def test_home_folders_when_the_platform_has_none(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(DATA_DIR_VARIABLE, raising=False)
    assert locations.data_dir(StandardFolders()) == Path.home() / ".cablereader"
    assert locations.cache_dir(StandardFolders()) == (
        Path.home() / ".cache" / "cablereader" / "analyses"
    )


def test_the_variable_moves_data_and_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(tmp_path))
    assert locations.data_dir(PLATFORM) == tmp_path
    assert locations.cache_dir(PLATFORM) == tmp_path / "cache" / "analyses"


def test_untitled_names_never_collide(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(tmp_path))
    first = locations.untitled_path(tmp_path)
    first.write_bytes(b"")
    second = locations.untitled_path(tmp_path)
    assert first.name.startswith("Untitled ") and first.suffix == ".crproj"
    assert second != first and second.parent == tmp_path
    assert locations.is_in_data_dir(first, PLATFORM)
    assert locations.is_in_data_dir(None, PLATFORM)
    assert not locations.is_in_data_dir(tmp_path.parent / "elsewhere.crproj", PLATFORM)
