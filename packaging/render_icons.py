"""Render the app icon's PNG sizes from resources/icons/cablereader.svg.

    python packaging/render_icons.py [--check]

Writes resources/icons/hicolor/<size>/cablereader.png for every size in ``SIZES`` (one
folder per size; desktop integration copies them to the theme's ``NxN/apps``).  Qt's own
SVG renderer draws them offscreen, so no display and no other tool is needed, and running
it again writes the same bytes.  ``--check`` writes nothing and exits 1 if a PNG
is missing or differs from what the SVG gives (for CI, after editing the SVG).  It
compares pixels, not bytes: Qt releases round anti-aliased edges differently by a level
or two, which is no reason to re-render; an edited SVG changes far more than that.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICONS_DIR = Path(__file__).resolve().parents[1] / "resources" / "icons"
SVG_PATH = ICONS_DIR / "cablereader.svg"


def png_path(size: int) -> Path:
    return ICONS_DIR / "hicolor" / str(size) / "cablereader.png"


def render_png(renderer: QSvgRenderer, size: int) -> bytes:
    """The icon at ``size`` × ``size`` pixels, as PNG bytes."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # ARGB32 (not premultiplied) is what PNG stores; converting first keeps the bytes
    # independent of how the painter happened to blend.
    argb = image.convertToFormat(QImage.Format.Format_ARGB32)
    # The stubs ask for bytes, which PySide 6.12 rejects at run time; str works.
    argb.save(buffer, "PNG")  # type: ignore[call-overload]
    buffer.close()
    return bytes(data.data())


# Largest per-channel difference (0-255) that still counts as the same picture.
PIXEL_TOLERANCE = 4


def same_picture(png: bytes, path: Path) -> bool:
    """Whether the PNG at ``path`` shows what ``png`` shows, within ``PIXEL_TOLERANCE``."""
    if not path.exists():
        return False
    if path.read_bytes() == png:
        return True
    argb = QImage.Format.Format_ARGB32
    new = QImage.fromData(png).convertToFormat(argb)
    old = QImage(str(path)).convertToFormat(argb)
    if old.isNull() or old.size() != new.size():
        return False
    for y in range(new.height()):
        for x in range(new.width()):
            a, b = new.pixel(x, y), old.pixel(x, y)
            if a != b and any(
                abs(((a >> shift) & 255) - ((b >> shift) & 255)) > PIXEL_TOLERANCE
                for shift in (0, 8, 16, 24)
            ):
                return False
    return True


def main(argv: list[str]) -> int:
    check = "--check" in argv
    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(SVG_PATH))
    if not renderer.isValid():
        print(f"{SVG_PATH}: not an SVG that Qt can render", file=sys.stderr)
        return 1
    stale: list[Path] = []
    for size in SIZES:
        path = png_path(size)
        png = render_png(renderer, size)
        if (check and same_picture(png, path)) or (path.exists() and path.read_bytes() == png):
            continue
        stale.append(path)
        if not check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(png)
    root = ICONS_DIR.parents[1]
    for path in stale:
        verb = "out of date" if check else "wrote"
        print(f"{verb}: {path.relative_to(root)}")
    if not stale:
        print(f"all {len(SIZES)} icon sizes are up to date")
    return 1 if check and stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
