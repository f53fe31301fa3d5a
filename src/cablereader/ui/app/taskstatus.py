"""The status bar while files are read or written in the background, and after.

A progress bar (busy until the first report of progress) with a Cancel button while
the work runs (a report, a REFI-QDA export or import, documents being read); after an
export, a message saying what was written and an *Open Folder* button that shows the
file's folder in the desktop's file manager.  The button goes with the message.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QProgressBar, QStatusBar, QToolButton

MESSAGE_MS = 15000


def _open_url(url: QUrl) -> bool:
    return QDesktopServices.openUrl(url)


class TaskStatus:
    """Progress of one kind of background task, then what it wrote."""

    def __init__(self, status: QStatusBar, cancel: Callable[[], None], name: str) -> None:
        self._status = status
        self._message = ""
        self._folder: Path | None = None
        # Tests look at the URL instead of starting a file manager.
        self.open_url: Callable[[QUrl], bool] = _open_url
        self.progress = QProgressBar()
        self.progress.setObjectName(f"{name}Progress")
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        self.cancel_button = QToolButton()
        self.cancel_button.setObjectName(f"{name}CancelButton")
        self.cancel_button.setText("Cancel")
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(cancel)
        self.open_folder_button = QToolButton()
        self.open_folder_button.setObjectName(f"{name}OpenFolderButton")
        self.open_folder_button.setText("Open Folder")
        self.open_folder_button.setAccessibleName("Open the folder of the file written")
        self.open_folder_button.hide()
        self.open_folder_button.clicked.connect(self.open_folder)
        status.addPermanentWidget(self.progress)
        status.addPermanentWidget(self.cancel_button)
        status.addPermanentWidget(self.open_folder_button)
        status.messageChanged.connect(self._message_changed)

    def started(self, what: str, *, cancellable: bool) -> None:
        self.open_folder_button.hide()
        self.progress.setRange(0, 0)
        self.progress.setFormat(what)
        self.progress.setToolTip(what)
        self.progress.show()
        self.cancel_button.setToolTip(f"Stop: {what}")
        self.cancel_button.setVisible(cancellable)
        self._status.showMessage(f"{what}…")

    def advanced(self, done: int, total: int, label: str) -> None:
        if total <= 0:  # a step of unknown length (writing the file)
            self.progress.setRange(0, 0)
            self.progress.setFormat(label)
            return
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.progress.setFormat(f"%v of %m: {label}" if label else "%v of %m")

    def ended(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()

    def cancelled(self, message: str) -> None:
        self.ended()
        self._status.showMessage(message, 5000)

    def wrote(self, message: str, path: str) -> None:
        """Say what was written, and offer its folder."""
        self.ended()
        self._folder = Path(path).absolute().parent
        self._message = message
        self._status.showMessage(message, MESSAGE_MS)
        self.open_folder_button.setToolTip(f"Show {self._folder}")
        self.open_folder_button.show()

    def open_folder(self) -> None:
        if self._folder is not None:
            self.open_url(QUrl.fromLocalFile(str(self._folder)))

    def _message_changed(self, text: str) -> None:
        if text != self._message:
            self.open_folder_button.hide()
            self._message = ""
