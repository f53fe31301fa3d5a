"""What the window remembers between sessions (QSettings: UI state only)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QApplication

_FONT_EXTRA = 2.0  # reading text a little larger than the interface's


class SessionState:
    """Typed access to the settings the main window keeps."""

    def __init__(self, settings: QSettings) -> None:
        self._settings = settings

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._settings.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    def window_state(self) -> QByteArray | None:
        return self._bytes("window/state")

    def splitter_sizes(self) -> list[int]:
        value = self._settings.value("view/splitter")
        if isinstance(value, list):
            try:
                sizes = [int(v) for v in value]
            except (TypeError, ValueError):
                return []
            return sizes if len(sizes) == 3 and all(s >= 0 for s in sizes) else []
        return []

    def save_window(self, geometry: QByteArray, state: QByteArray, sizes: list[int]) -> None:
        self._settings.setValue("window/geometry", geometry)
        self._settings.setValue("window/state", state)
        self._settings.setValue("view/splitter", sizes)
        self._settings.sync()

    def default_font_size(self) -> float:
        app_font = QApplication.font()
        size = QFontInfo(app_font).pointSizeF() or 10.0
        return round(size + _FONT_EXTRA)

    def font_size(self) -> float:
        try:
            size = float(self._settings.value("view/fontSize", 0) or 0)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            size = 0.0
        return size if 6 <= size <= 48 else self.default_font_size()

    def set_font_size(self, size: float) -> None:
        self._settings.setValue("view/fontSize", size)

    def flag(self, name: str, default: bool) -> bool:
        value = self._settings.value(f"view/{name}", default)
        if isinstance(value, str):
            return value.lower() in ("true", "1", "yes")
        return bool(value)

    def set_flag(self, name: str, value: bool) -> None:
        self._settings.setValue(f"view/{name}", value)

    def pair(self) -> tuple[str, ...]:
        """The documents shown last: (article,) or (left, right) in compare mode."""
        value = self._settings.value("session/pair", [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            return ()
        return tuple(str(v) for v in value[:2])

    def set_pair(self, names: tuple[str, ...]) -> None:
        self._settings.setValue("session/pair", list(names))

    def last_folder(self) -> str:
        return str(self._settings.value("session/lastFolder", "") or "")

    def set_last_folder(self, folder: str) -> None:
        self._settings.setValue("session/lastFolder", folder)

    def last_project(self) -> str:
        return str(self._settings.value("session/lastProject", "") or "")

    def set_last_project(self, path: str) -> None:
        self._settings.setValue("session/lastProject", path)

    def recent(self) -> list[str]:
        value = self._settings.value("session/recentProjects", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in value] if isinstance(value, list) else []

    def add_recent(self, path: str, limit: int = 10) -> None:
        paths = [path] + [p for p in self.recent() if p != path]
        self._settings.setValue("session/recentProjects", paths[:limit])

    def clear_recent(self) -> None:
        self._settings.setValue("session/recentProjects", [])
