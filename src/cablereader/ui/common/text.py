"""Text helpers for cells and tooltips that several tables share."""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QModelIndex, QPersistentModelIndex

# A cell shows one line; a very long quotation need not be handed to the view whole.
DISPLAY_CHARS = 400
_SPACES = re.compile(r"\s+")

ModelIndex = QModelIndex | QPersistentModelIndex


def one_line(text: str, limit: int = DISPLAY_CHARS) -> str:
    """``text`` with whitespace runs (line breaks too) collapsed, cut at ``limit``."""
    flat = _SPACES.sub(" ", text).strip()
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def rich_tooltip(text: str) -> str:
    """A tooltip that wraps: Qt only wraps tooltips it takes for rich text."""
    body = html.escape(text).replace("\n", "<br>")
    return f"<qt>{body}</qt>"
