"""Commands on what the window shows: remove a document, print or PDF, preferences.

Removing a document is one project edit (the document and its annotations, one undo
step); printing renders the pair of panes or the quotation table (``printing``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QMainWindow

from cablereader.core.project import Project
from cablereader.ui.app.actions import Actions
from cablereader.ui.app.preferences import PreferencesDialog, author_name
from cablereader.ui.app.printing import pair_document, pdf_printer, print_to, table_document
from cablereader.ui.app.workspace import Workspace
from cablereader.ui.common.undo import ProjectEdits
from cablereader.ui.documents.documentlist import DocumentList
from cablereader.ui.quotes.quotetable import QuoteTable
from cablereader.ui.reader.comparison import ComparisonView


class WindowCommands:
    """Remove Document, Print, Export as PDF and Preferences, for the main window."""

    def __init__(
        self,
        window: QMainWindow,
        commands: Actions,
        *,
        workspace: Workspace,
        edits: ProjectEdits,
        settings: QSettings,
        view: ComparisonView,
        document_list: DocumentList,
        quote_table: QuoteTable,
        status: Callable[[str, int], None],
    ) -> None:
        self._window = window
        self._workspace = workspace
        self._edits = edits
        self._settings = settings
        self._view = view
        self._documents = document_list
        self._quotes = quote_table
        self._status = status
        self.print_dialog: QPrintDialog | None = None
        # One printer for the session: the choices made in the dialog are kept.
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        # Delete removes a document only where documents are listed: elsewhere it is
        # the annotation table's or the note editor's key.
        remove = commands.remove_document
        window.removeAction(remove)
        document_list.addAction(remove)
        remove.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        remove.setProperty("sheetName", "Remove Document (in the Documents list)")
        remove.triggered.connect(self.remove_selected_document)
        commands.preferences.triggered.connect(self.edit_preferences)
        commands.print_view.triggered.connect(self.print_view)
        commands.export_pdf.triggered.connect(self.choose_pdf)

    # ---- documents ----------------------------------------------------------------

    def remove_selected_document(self) -> None:
        names = self._documents.selected_names()
        name = names[0] if len(names) == 1 else self._documents.current_article()
        if name:
            self.remove_document(name)

    def remove_document(self, name: str) -> None:
        project = self._workspace.project
        if project is None or project.read_only:
            return
        count = len(project.annotations(name))
        if self._edits.run(f"Remove {name}", lambda p: p.remove_document(name)) is None:
            return
        what = "its annotation" if count == 1 else f"its {count} annotations"
        self._status(f"Removed {name} and {what}. Edit ▸ Undo (Ctrl+Z) brings them back.", 8000)

    # ---- preferences --------------------------------------------------------------

    def apply_author(self, project: Project | None = None) -> None:
        """Tell the open project who makes its new annotations."""
        project = project if project is not None else self._workspace.project
        if project is not None:
            project.author = author_name(self._settings)

    def edit_preferences(self) -> PreferencesDialog:
        dialog = PreferencesDialog(self._settings, self._window)
        dialog.accepted.connect(self.apply_author)
        dialog.open()
        return dialog

    # ---- printing -----------------------------------------------------------------

    def _what_to_print(self) -> tuple[str, object]:
        focus = self._window.focusWidget()
        table = self._quotes.view
        if focus is not None and (focus is table or table.isAncestorOf(focus)):
            title = self._view.right_document.title if self._view.right_document else ""
            return "quotations", table_document(table.model(), f"Quotations — {title}")
        return "pair", pair_document(self._view)

    def print_view(self) -> None:
        if self._view.right_document is None:
            return
        _, document = self._what_to_print()
        printer = self.printer
        dialog = QPrintDialog(printer, self._window)
        dialog.setObjectName("printDialog")
        dialog.accepted.connect(lambda: print_to(document, printer))  # type: ignore[arg-type]
        self.print_dialog = dialog
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()

    def choose_pdf(self) -> None:
        right = self._view.right_document
        if right is None:
            return
        suggested = str(Path.home() / (Path(right.name).stem + ".pdf"))
        path, _ = QFileDialog.getSaveFileName(
            self._window, "Export as PDF", suggested, "PDF files (*.pdf)"
        )
        if path:
            self.export_pdf(path)

    def export_pdf(self, path: str) -> str:
        """Write what Print would print to ``path``; which it was ("pair"/"quotations")."""
        what, document = self._what_to_print()
        print_to(document, pdf_printer(path))  # type: ignore[arg-type]
        self._status(
            f"Exported the {'quotation table' if what == 'quotations' else 'two panes'} "
            f"as PDF to {path}",
            8000,
        )
        return what
