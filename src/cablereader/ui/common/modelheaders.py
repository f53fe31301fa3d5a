"""Column headers for the app's table models: a title, and a tooltip saying what it holds."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt


def header_data(
    headers: Sequence[str],
    tips: Sequence[str],
    section: int,
    orientation: Qt.Orientation,
    role: int,
) -> Any:
    """What ``QAbstractItemModel.headerData`` answers for a model with these columns."""
    if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(headers):
        return None
    if role == Qt.ItemDataRole.DisplayRole:
        return headers[section]
    if role == Qt.ItemDataRole.ToolTipRole:
        return tips[section]
    return None
