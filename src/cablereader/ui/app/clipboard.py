"""File ▸ New Document from Clipboard (Ctrl+Shift+V): text copied from a browser or an
editor becomes a document of the project.

The clipboard's HTML goes through the web-page path (menus and share buttons copied
along are left out), else its plain text is taken as it is; the core decides
(:func:`~cablereader.core.formats.clipboard.document_from_clipboard`), in the
background, since a copied page is read by the article extractor.  The user names the
document; it is added like an imported one, as one undoable edit (a name already in
the project gets a number, so a paste never replaces a document's text).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMainWindow, QWidget

from cablereader.core.documents import TITLE_MAX_CHARS, Document
from cablereader.core.formats.clipboard import ClipboardEmpty, document_from_clipboard
from cablereader.core.project import Change, Project
from cablereader.ui.app.filecommands import MessageSink
from cablereader.ui.app.workspace import Workspace
from cablereader.ui.common.tasks import Progress, Task, TaskRunner
from cablereader.ui.common.undo import ProjectEdits

SHORTCUT = "Ctrl+Shift+V"


@dataclass(frozen=True)
class _Pasted:
    document: Document | None
    problem: str = ""


def ask_title(parent: QWidget, suggested: str) -> str | None:
    """Ask a person for the new document's title (tests replace this); None: cancelled."""
    title, accepted = QInputDialog.getText(
        parent,
        "New Document from Clipboard",
        "Title of the new document:",
        QLineEdit.EchoMode.Normal,
        suggested,
    )
    return title if accepted else None


def suggested_title(text: str) -> str:
    """The first line of the copied text, as a document's title would be made."""
    for line in text.splitlines():
        if line.strip():
            return " ".join(line.split())[:TITLE_MAX_CHARS]
    return "Pasted text"


def unique_name(name: str, taken: set[str]) -> str:
    if name not in taken:
        return name
    number = 2
    while f"{name} ({number})" in taken:
        number += 1
    return f"{name} ({number})"


class ClipboardCommands(QObject):
    """The New Document from Clipboard action and its work."""

    documentAdded = Signal(str)  # the new document's name

    def __init__(
        self,
        window: QMainWindow,
        messages: MessageSink,
        workspace: Workspace,
        edits: ProjectEdits,
        runner: TaskRunner,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._messages = messages
        self.workspace = workspace
        self.edits = edits
        self.runner = runner
        self.ask_title: Callable[[QWidget, str], str | None] = ask_title
        self.new_from_clipboard = QAction("New Document from Clip&board", window)
        self.new_from_clipboard.setObjectName("newFromClipboardAction")
        self.new_from_clipboard.setShortcut(QKeySequence(SHORTCUT))
        tip = "A new document from the text or web page on the clipboard"
        self.new_from_clipboard.setToolTip(f"{tip} ({SHORTCUT})")
        self.new_from_clipboard.setStatusTip(tip)
        window.addAction(self.new_from_clipboard)
        self.new_from_clipboard.triggered.connect(self.paste)
        workspace.projectOpened.connect(self.update_actions)
        self.update_actions()

    def update_actions(self) -> None:
        project = self.workspace.project
        self.new_from_clipboard.setEnabled(project is None or not project.read_only)

    def paste(self) -> None:
        """Read the clipboard, ask for a title, and add the document (in the background)."""
        mime = QGuiApplication.clipboard().mimeData()
        html = mime.html() if mime is not None and mime.hasHtml() else ""
        text = mime.text() if mime is not None and mime.hasText() else ""
        if not html.strip() and not text.strip():
            self._messages.show_message(
                "Nothing to paste",
                "The clipboard holds no text. Copy the article's text (or the page, in a "
                "browser) first.",
            )
            return
        title = self.ask_title(self._window, suggested_title(text or html))
        if title is None or not title.strip():
            return
        self.add(html, text, title)

    def add(self, html: str, text: str, title: str) -> None:
        def job(progress: Progress, cancelled: Callable[[], bool]) -> _Pasted:
            try:
                return _Pasted(document_from_clipboard(html or None, text or None, title))
            except (ClipboardEmpty, ValueError) as error:
                return _Pasted(None, f"“{title}”: {error}")

        self.runner.start(Task("clipboard", job, on_done=self._made, on_failed=self._failed))

    def _failed(self, message: str) -> None:
        self._messages.show_message("The document was not added", message)

    def _made(self, pasted: _Pasted) -> None:
        document = pasted.document
        if document is None:
            self._failed(pasted.problem)
            return
        taken = {d.name for d in self.workspace.documents}
        name = unique_name(document.name, taken)
        document = replace(document, name=name)
        if self.workspace.project is None:
            self.workspace.open_documents([document], name)
            self.documentAdded.emit(name)
            return

        def edit(project: Project) -> Change:
            report = project.import_documents([document])
            return report.change or Change("documents_imported", ())

        if self.edits.run(f"New document “{name}”", edit) is not None:
            self.documentAdded.emit(name)
