"""Fixtures of every format, built once per session by tests/format_fixtures.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import format_fixtures


@pytest.fixture(scope="session")
def format_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with every article in every format (no bad files)."""
    folder = tmp_path_factory.mktemp("formats")
    for stem in format_fixtures.ARTICLES:
        for version, (suffix, build) in format_fixtures.ARTICLE_VERSIONS.items():
            (folder / f"{stem}.{version}{suffix}").write_bytes(build(stem))
    return folder
