"""Screenshots of the main window on the sample corpus, for the README and for review.

``--dark`` uses a dark palette instead of the system one.

Run under a real X server (``xvfb-run -s "-screen 0 1440x900x24" python
packaging/screenshots.py OUTDIR [WIDTHxHEIGHT]``); offscreen works too, with Qt's
default fonts.  Each shot waits for the analysis, picks a view, lets the event loop
settle, then grabs the window.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from cablereader.app import application, create_main_window
from cablereader.core.sample import SAMPLE_SOURCE

MSNBC = "000_1b0248060f5a200d.txt"
REPRINT = "001_f20ffc1191894066.txt"


def settle(ms: int = 300) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def use_dark_palette(app: QApplication) -> None:
    """A dark Fusion palette, to check that highlights stay legible on a dark theme."""
    from PySide6.QtGui import QColor, QPalette

    app.setStyle("Fusion")
    palette = QPalette()
    role = QPalette.ColorRole
    for which, colour in (
        (role.Window, "#2b2b2b"),
        (role.WindowText, "#e6e6e6"),
        (role.Base, "#1e1e1e"),
        (role.AlternateBase, "#2f2f2f"),
        (role.Text, "#e6e6e6"),
        (role.Button, "#353535"),
        (role.ButtonText, "#e6e6e6"),
        (role.Highlight, "#3d6fb6"),
        (role.HighlightedText, "#ffffff"),
        (role.PlaceholderText, "#9a9a9a"),
        (role.ToolTipBase, "#353535"),
        (role.ToolTipText, "#e6e6e6"),
    ):
        palette.setColor(which, QColor(colour))
    app.setPalette(palette)


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    out = Path(args[0] if args else "screenshots")
    size = args[1] if len(args) > 1 else "1440x900"
    width, height = (int(v) for v in size.split("x"))
    out.mkdir(parents=True, exist_ok=True)
    # Never touch the user's data folder or settings: the shots tag a passage.
    scratch = tempfile.mkdtemp(prefix="cablereader-shots-")
    os.environ.setdefault("CABLEREADER_DATA_DIR", scratch)
    # A first start: no remembered layout, panels or pair from the user's own sessions.
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, scratch)
    app = application()
    if "--dark" in sys.argv:
        use_dark_palette(app)
        size += "-dark"
    window = create_main_window([])
    window.resize(width, height)
    window.show()
    loop = QEventLoop()
    window.analysisFinished.connect(loop.quit)  # type: ignore[attr-defined]
    loop.exec()
    settle()

    def shot(name: str) -> None:
        settle()
        path = out / f"{name}-{size}.png"
        window.grab().save(str(path))
        print(path)

    window.document_list.select_article(REPRINT)  # type: ignore[attr-defined]
    settle()
    window.view.next_passage()  # type: ignore[attr-defined]
    shot("article-001")
    window.document_list.select_article(MSNBC)  # type: ignore[attr-defined]
    settle()
    window.view.next_passage()  # type: ignore[attr-defined]
    window.view.next_passage()  # type: ignore[attr-defined]
    # An annotation, to show tags and notes (kept in a throwaway data folder).
    pane = window.view.article_pane  # type: ignore[attr-defined]
    text = window.view.right_document.text  # type: ignore[attr-defined]
    start = text.index("Assistant Secretary of State for the Bureau")
    pane.select_offsets(start, start + len("Assistant Secretary of State for the Bureau of"))
    pane.tagKeyPressed.emit("1")
    pane.centre_on(start)
    window.note_editor.editor.setPlainText(  # type: ignore[attr-defined]
        "Lu's title as the cable gives it; MSNBC repeats it word for word."
    )
    shot("article-000")
    # Two sources: the invented article, against the invented statement it quotes most.
    window.document_list.select_article("006_invented_article.txt")  # type: ignore[attr-defined]
    settle()
    window.view.next_passage()  # type: ignore[attr-defined]
    shot("sources")
    window.compare(SAMPLE_SOURCE, REPRINT)  # type: ignore[attr-defined]
    settle(600)
    window.commands.ignore_typography.setChecked(True)  # type: ignore[attr-defined]
    settle()
    window.difference_list.tree.setCurrentItem(  # type: ignore[attr-defined]
        window.difference_list.tree.topLevelItem(1)  # type: ignore[attr-defined]
    )
    shot("witness")
    window.commands.ignore_typography.setChecked(False)  # type: ignore[attr-defined]
    window.close()
    QApplication.processEvents()
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
