"""The application icon, from the PNG sizes and the SVG in the resources folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from cablereader.core.sample import resources_dir

ICON_NAME = "cablereader"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def icons_dir() -> Path:
    return resources_dir() / "icons"


def icon_files() -> list[tuple[int, Path]]:
    """The rendered PNGs that exist, as (size, path), smallest first."""
    folder = icons_dir() / "hicolor"
    found = [(size, folder / str(size) / f"{ICON_NAME}.png") for size in ICON_SIZES]
    return [(size, path) for size, path in found if path.is_file()]


def app_icon() -> QIcon:
    """The CableReader icon (window, task bar, dialogs); needs a QGuiApplication.

    The SVG comes first so that, where Qt's SVG icon engine is available, sizes between
    the PNGs are drawn sharp; the PNGs are used as they are at their own sizes (hinted
    for 16 and 24 px), and alone where the engine is not (e.g. a bundle built without it).
    """
    svg = icons_dir() / f"{ICON_NAME}.svg"
    icon = QIcon(str(svg)) if svg.is_file() else QIcon()
    for size, path in icon_files():
        icon.addFile(str(path), QSize(size, size))
    return icon
