"""The commands that bring documents in and out as people have them, added to the
window's menus: the evidence report and REFI-QDA exchange (File), a new article from the
clipboard (File), and the originals and metadata of documents (Corpus)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QMainWindow, QMenu

from cablereader.core.documents import Document
from cablereader.ui.app.actions import Actions
from cablereader.ui.app.clipboard import ClipboardCommands
from cablereader.ui.app.documentcommands import DocumentCommands
from cablereader.ui.app.exchangecommands import ExchangeCommands
from cablereader.ui.app.filecommands import FileCommands, MessageSink
from cablereader.ui.app.workspace import Workspace
from cablereader.ui.common.tasks import TaskRunner
from cablereader.ui.common.undo import ProjectEdits
from cablereader.ui.documents.documentlist import DocumentList


@dataclass(frozen=True)
class AddedCommands:
    exchange: ExchangeCommands
    clipboard: ClipboardCommands
    documents: DocumentCommands


def add_commands(
    window: QMainWindow,
    host: MessageSink,
    *,
    commands: Actions,
    workspace: Workspace,
    files: FileCommands,
    edits: ProjectEdits,
    runner: TaskRunner,
    document_list: DocumentList,
    shown: Callable[[], Document | None],
) -> AddedCommands:
    """Build the commands and put their entries in the File and Corpus menus."""
    exchange = ExchangeCommands(window, host, workspace, files, runner, shown)
    clipboard = ClipboardCommands(window, host, workspace, edits, runner)
    documents = DocumentCommands(
        window,
        host,
        workspace,
        files,
        document_list,
        lambda: document.name if (document := shown()) is not None else None,
    )
    documents.add_to_menu_bar(window.menuBar().findChild(QMenu, "corpusMenu"))
    file_menu = window.menuBar().findChild(QMenu, "fileMenu")
    if file_menu is not None:
        exchange.add_to_menu(
            file_menu, after_export=commands.export_csv, after_import=commands.open_sample
        )
        file_menu.insertAction(commands.open_sample, clipboard.new_from_clipboard)
    return AddedCommands(exchange, clipboard, documents)
