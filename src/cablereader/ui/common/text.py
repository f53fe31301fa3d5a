"""Text for cells, tooltips and labels: plain where Qt would guess, escaped where we
build HTML.

Qt guesses whether a tooltip, a message box or a label is rich text
(``Qt.mightBeRichText``: anything that looks like a tag on its first line).  A string
from a document, a project or a file name is never markup: a tag named
``<img src="/etc/passwd">`` must show those characters, not make Qt read the file.
So every such string reaches Qt through one of these helpers: :func:`plain_tooltip`
(shown exactly as written), :func:`rich_tooltip` (escaped, and wrapped), or
:func:`escape` inside HTML the app builds.  Item views draw ``DisplayRole`` as plain
text whatever it holds, so cells need no escaping.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtGui import Qt

# A cell shows one line; a very long quotation need not be handed to the view whole.
DISPLAY_CHARS = 400
_SPACES = re.compile(r"\s+")

ModelIndex = QModelIndex | QPersistentModelIndex


def one_line(text: str, limit: int = DISPLAY_CHARS) -> str:
    """``text`` with whitespace runs (line breaks too) collapsed, cut at ``limit``."""
    flat = _SPACES.sub(" ", text).strip()
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def escape(text: str) -> str:
    """``text`` for HTML the app builds: every ``< > & " '`` an entity."""
    return html.escape(text, quote=True)


def rich_tooltip(text: str) -> str:
    """A tooltip that wraps: Qt only wraps tooltips it takes for rich text."""
    body = escape(text).replace("\n", "<br>")
    return f"<qt>{body}</qt>"


def plain_tooltip(text: str) -> str:
    """``text`` as a tooltip (or message) that Qt shows exactly as written.

    Left as it is unless Qt would take it for rich text; then escaped, in ``<qt>``.
    """
    return rich_tooltip(text) if Qt.mightBeRichText(text) else text


def is_plain_for_qt(text: str) -> bool:
    """Whether Qt shows ``text`` as plain text where it guesses the format."""
    return not Qt.mightBeRichText(text)
