"""The window's panels (dock widgets) and their first layout.

Left: the documents (tabbed with Find in Corpus), the tags and the note.  Bottom: the
quotations, differences and annotations, tabbed.  The panes stay the largest part.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget


@dataclass
class Docks:
    documents: QDockWidget
    search: QDockWidget
    tags: QDockWidget
    note: QDockWidget
    quotes: QDockWidget
    differences: QDockWidget
    annotations: QDockWidget

    def all(self) -> list[QDockWidget]:
        return [getattr(self, f.name) for f in fields(self)]

    def toggle_actions(self) -> list[QAction]:
        """Show/hide entries for the View ▸ Panels menu, in the order listed there."""
        order = (
            self.documents,
            self.tags,
            self.note,
            self.quotes,
            self.annotations,
            self.differences,
            self.search,
        )
        return [dock.toggleViewAction() for dock in order]

    def default_sizes(self, window: QMainWindow) -> None:
        """The first layout: the panes get the room, each panel just what it lists.

        Left, full height: documents (titles of 30 characters and more), every tag, the
        note.  Bottom, under the panes only: the quotations, eight rows and the diff.
        """
        height = window.height() or 800
        width = window.width() or 1200
        line = window.fontMetrics().height() + 8  # a table row, roughly
        listing = self.documents.widget()
        wanted = listing.sizeHint().width() + 8 if listing is not None else 0
        left = max(340, min(int(width * 0.36), max(wanted, int(width * 0.28))))
        window.resizeDocks([self.documents], [left], Qt.Orientation.Horizontal)
        bottom = max(13 * line, min(int(height * 0.44), 15 * line))
        window.resizeDocks([self.quotes], [bottom], Qt.Orientation.Vertical)
        tags = 8 * line
        note = 6 * line
        documents = max(6 * line, height - tags - note)
        window.resizeDocks(
            [self.documents, self.tags, self.note],
            [documents, tags, note],
            Qt.Orientation.Vertical,
        )


def _dock(window: QMainWindow, title: str, name: str, widget: QWidget) -> QDockWidget:
    dock = QDockWidget(title, window)
    dock.setObjectName(name)  # saveState/restoreState find docks by name
    dock.setWidget(widget)
    return dock


def build_docks(
    window: QMainWindow,
    *,
    documents: QWidget,
    search: QWidget,
    tags: QWidget,
    note: QWidget,
    quotes: QWidget,
    differences: QWidget,
    annotations: QWidget,
) -> Docks:
    docks = Docks(
        documents=_dock(window, "Documents", "documentsDock", documents),
        search=_dock(window, "Find in Corpus", "searchDock", search),
        tags=_dock(window, "Tags", "tagsDock", tags),
        note=_dock(window, "Note", "noteDock", note),
        quotes=_dock(window, "Quotations", "quotationsDock", quotes),
        differences=_dock(window, "Differences", "differencesDock", differences),
        annotations=_dock(window, "Annotations", "annotationsDock", annotations),
    )
    left = Qt.DockWidgetArea.LeftDockWidgetArea
    bottom = Qt.DockWidgetArea.BottomDockWidgetArea
    # The left column runs the window's full height; the bottom panels sit under the panes.
    window.setCorner(Qt.Corner.BottomLeftCorner, left)
    window.addDockWidget(left, docks.documents)
    window.addDockWidget(left, docks.search)
    window.tabifyDockWidget(docks.documents, docks.search)
    window.addDockWidget(left, docks.tags)
    window.addDockWidget(left, docks.note)
    window.addDockWidget(bottom, docks.quotes)
    window.addDockWidget(bottom, docks.differences)
    window.addDockWidget(bottom, docks.annotations)
    window.tabifyDockWidget(docks.quotes, docks.differences)
    window.tabifyDockWidget(docks.quotes, docks.annotations)
    docks.quotes.raise_()
    docks.documents.raise_()
    return docks
