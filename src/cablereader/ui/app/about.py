"""Help ▸ About CableReader: version, what it is, the bundled libraries and licences."""

from __future__ import annotations

import importlib
import platform
from dataclasses import dataclass
from importlib import metadata

from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

import cablereader
from cablereader.ui.common.icons import app_icon

APP_NAME = "CableReader"
DESCRIPTION = "A desktop reader for checking how a primary source was reported."
OFFLINE_NOTE = (
    "CableReader works offline: it makes no network connections, and your documents, "
    "tags and notes stay in your project file on this computer."
)
UNKNOWN_VERSION = "unknown"


@dataclass(frozen=True)
class Component:
    """A piece of software CableReader ships with, as the About box lists it."""

    name: str
    version: str
    licence: str


def _version(distributions: tuple[str, ...], module: str) -> str:
    # Package metadata is the reliable source, but a frozen bundle may not carry it;
    # the module's own __version__ is the fallback.
    for distribution in distributions:
        try:
            return metadata.version(distribution)
        except metadata.PackageNotFoundError:
            continue
    try:
        version = getattr(importlib.import_module(module), "__version__", None)
    except ImportError:
        return UNKNOWN_VERSION
    return str(version) if version else UNKNOWN_VERSION


def bundled_components() -> list[Component]:
    """CableReader itself, then the libraries it is built on, with their licences."""
    return [
        Component(APP_NAME, cablereader.__version__, "MIT"),
        Component("Python", platform.python_version(), "PSF License"),
        Component("Qt", qVersion(), "LGPLv3"),
        Component("PySide6", _version(("PySide6-Essentials", "PySide6"), "PySide6"), "LGPLv3"),
        Component(
            "diff-match-patch", _version(("diff-match-patch",), "diff_match_patch"), "Apache 2.0"
        ),
        Component(
            "charset-normalizer", _version(("charset-normalizer",), "charset_normalizer"), "MIT"
        ),
    ]


def version_report() -> str:
    """Plain-text versions, one per line, for pasting into a bug report."""
    lines = [f"{c.name} {c.version} ({c.licence})" for c in bundled_components()]
    lines.append(f"Platform: {platform.platform()}")
    return "\n".join(lines)


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(f"About {APP_NAME}")
        icon = app_icon()
        self.setWindowIcon(icon)

        logo = QLabel(self)
        logo.setPixmap(icon.pixmap(64, 64))
        logo.setAccessibleName(f"{APP_NAME} icon")
        title = QLabel(APP_NAME, self)
        title.setObjectName("aboutTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        version = QLabel(f"Version {cablereader.__version__}", self)
        version.setObjectName("aboutVersion")
        description = QLabel(DESCRIPTION, self)
        description.setObjectName("aboutDescription")
        description.setWordWrap(True)
        heading = QVBoxLayout()
        for label in (title, version, description):
            # Selectable: users copy the version into bug reports.
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            heading.addWidget(label)
        top = QHBoxLayout()
        top.addWidget(logo, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(heading, 1)

        offline = QLabel(OFFLINE_NOTE, self)
        offline.setObjectName("aboutOffline")
        offline.setWordWrap(True)

        self.components = QTreeWidget(self)
        self.components.setObjectName("aboutComponents")
        self.components.setAccessibleName("Bundled software and licences")
        self.components.setHeaderLabels(["Component", "Version", "Licence"])
        self.components.setRootIsDecorated(False)
        self.components.setSelectionMode(QTreeWidget.SelectionMode.NoSelection)
        for component in bundled_components():
            QTreeWidgetItem(self.components, [component.name, component.version, component.licence])
        for column in range(3):
            self.components.resizeColumnToContents(column)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        copy = QPushButton("Copy version info", self)
        copy.setObjectName("aboutCopy")
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self._copy_versions)
        buttons.accepted.connect(self.accept)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(QLabel("Built with:", self))
        layout.addWidget(self.components)
        layout.addWidget(offline)
        layout.addWidget(buttons)
        self.resize(460, 400)

    def _copy_versions(self) -> None:
        QGuiApplication.clipboard().setText(version_report())
