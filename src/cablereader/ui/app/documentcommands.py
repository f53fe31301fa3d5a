"""The Document menu (Save Original As…), what each document's format said about it in
the document list, and the progress of reading documents (a long PDF, page by page).

The project keeps every imported document's original file, compressed (issue 13);
*Save Original As…* writes it back byte for byte, for the document selected in the
document list, else the article shown.  Reading documents runs in the background
(:class:`~cablereader.ui.app.filecommands.FileCommands`); its progress and Cancel show
in the status bar here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu

from cablereader.core.formats.provenance import CLIPBOARD_HTML, CLIPBOARD_TEXT, MARKDOWN, TEXT
from cablereader.core.project import ProjectError
from cablereader.ui.app.filecommands import FileCommands, MessageSink
from cablereader.ui.app.taskstatus import TaskStatus
from cablereader.ui.app.workspace import Workspace
from cablereader.ui.documents.documentlist import DocumentList

# The suffix of a saved original whose file name is not known (text pasted in the app).
_SUFFIXES = {CLIPBOARD_HTML: ".html", CLIPBOARD_TEXT: ".txt", TEXT: ".txt", MARKDOWN: ".md"}


class DocumentCommands(QObject):
    """Save Original As…, document metadata in the list, and the reading progress."""

    def __init__(
        self,
        window: QMainWindow,
        messages: MessageSink,
        workspace: Workspace,
        files: FileCommands,
        document_list: DocumentList,
        shown_document: Callable[[], str | None],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._messages = messages
        self.workspace = workspace
        self.files = files
        self._list = document_list
        self._shown = shown_document
        self.save_original = QAction("Save &Original As…", window)
        self.save_original.setObjectName("saveOriginalAction")
        tip = "Write the document's original file (web page, PDF, …) back, byte for byte"
        self.save_original.setToolTip(tip)
        self.save_original.setStatusTip(tip)
        window.addAction(self.save_original)
        self.menu = QMenu("&Document", window)
        self.menu.setObjectName("documentMenu")
        self.menu.addAction(self.save_original)
        self.menu.aboutToShow.connect(self.update_actions)
        self.save_original.triggered.connect(self.choose_save_original)
        self.load_status = TaskStatus(window.statusBar(), files.cancel_load, "load")
        files.loadStarted.connect(self._load_started)
        files.loadProgress.connect(self.load_status.advanced)
        files.loadEnded.connect(self.load_status.ended)
        files.loadCancelled.connect(
            lambda: self.load_status.cancelled("Reading cancelled: no document was added.")
        )
        workspace.projectOpened.connect(self.show_metadata)
        workspace.documentsChanged.connect(self.show_metadata)

    def add_to_menu_bar(self, before: QMenu | None) -> None:
        """The Document menu, before ``before`` (the Corpus menu), or at the end."""
        bar = self._window.menuBar()
        if before is None:
            bar.addMenu(self.menu)
        else:
            bar.insertMenu(before.menuAction(), self.menu)

    def _load_started(self, what: str) -> None:
        self.load_status.started(
            f"Reading {what}" if what else "Reading documents", cancellable=True
        )

    # ---- metadata -----------------------------------------------------------------

    def show_metadata(self) -> None:
        project = self.workspace.project
        self._list.set_metadata(project.document_metadata() if project is not None else {})

    # ---- Save Original As… -----------------------------------------------------------

    def target(self) -> str | None:
        """The document to act on: the one selected in the list, else the one shown."""
        selected = self._list.selected_names()
        if len(selected) == 1:
            return selected[0]
        return self._shown()

    def update_actions(self) -> None:
        project, name = self.workspace.project, self.target()
        has_original = project is not None and name is not None and project.original(name)
        self.save_original.setEnabled(bool(has_original))
        # A name's "&" would be taken for a mnemonic.
        shown = name.replace("&", "&&") if name else ""
        self.save_original.setText(
            f"Save &Original of {shown} As…" if has_original else "Save &Original As…"
        )

    def choose_save_original(self) -> None:
        project, name = self.workspace.project, self.target()
        if project is None or name is None:
            return
        stored = project.original(name)
        if stored is None:
            self._messages.show_message(
                "No original file",
                f"{name}: the project keeps no original file for it (its text was made in "
                "the app, or imported by an older CableReader).",
            )
            return
        known = Path(project.document_record(name).original_path).name
        suggested = known or Path(name).stem + _SUFFIXES.get(stored.format, f".{stored.format}")
        folder = self.files.session.last_folder() or str(Path.home())
        path, _ = QFileDialog.getSaveFileName(
            self._window, f"Save the Original of {name}", str(Path(folder) / suggested)
        )
        if path:
            self.save_original_to(name, path)

    def save_original_to(self, name: str, path: str) -> bool:
        project = self.workspace.project
        if project is None:
            return False
        try:
            project.save_original(name, path)
        except OSError as error:
            self._messages.show_message(
                "The original was not saved", f"{path}: cannot write ({error.strerror or error})"
            )
            return False
        except (ProjectError, LookupError) as error:
            self._messages.show_message("The original was not saved", str(error))
            return False
        self.files.session.set_last_folder(str(Path(path).parent))
        self._window.statusBar().showMessage(f"Saved the original of {name} to {path}", 10000)
        return True
