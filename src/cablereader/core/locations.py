"""Where CableReader keeps files of its own: untitled projects and the analysis cache.

Every rule about those places is here.  The platform's standard folders (on Linux
``~/.local/share/...`` and ``~/.cache/...``, elsewhere their equivalents) are found by
the toolkit, which knows each platform's conventions and the application's name; the UI
looks them up once and passes them in as :class:`StandardFolders`, so the core stays
free of Qt and the paths are exactly those the app has always used.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

DATA_DIR_VARIABLE = "CABLEREADER_DATA_DIR"
PROJECT_NAME_STEM = "Untitled"


@dataclass(frozen=True)
class StandardFolders:
    """The platform's writable folders for this application ("" where it has none)."""

    app_data: str = ""
    cache: str = ""


def data_dir(standard: StandardFolders) -> Path:
    """Where untitled projects live until saved (``$CABLEREADER_DATA_DIR`` overrides)."""
    override = os.environ.get(DATA_DIR_VARIABLE)
    if override:
        return Path(override)
    return Path(standard.app_data or Path.home() / ".cablereader")


def cache_dir(standard: StandardFolders) -> Path:
    """Where analyses are kept between runs: the user's cache folder.

    Inside the data folder when ``$CABLEREADER_DATA_DIR`` is set, so that a test or the
    self-test, which point that elsewhere, never touch the user's own cache either.
    """
    if os.environ.get(DATA_DIR_VARIABLE):
        return data_dir(standard) / "cache" / "analyses"
    return Path(standard.cache or Path.home() / ".cache" / "cablereader") / "analyses"


def untitled_path(folder: Path) -> Path:
    """A new project file name in ``folder``, stamped with the time, never one in use."""
    stamp = datetime.now().strftime("%Y-%m-%d %H.%M.%S")
    candidate = folder / f"{PROJECT_NAME_STEM} {stamp}.crproj"
    number = 2
    while candidate.exists():
        candidate = folder / f"{PROJECT_NAME_STEM} {stamp} ({number}).crproj"
        number += 1
    return candidate


def is_in_data_dir(path: Path | None, standard: StandardFolders) -> bool:
    """Whether a project at ``path`` (None: in memory) is an untitled one."""
    if path is None:
        return True
    try:
        return path.resolve().parent == data_dir(standard).resolve()
    except OSError:
        return False
