"""How a REFI-QDA text source becomes a document: its name, its line endings, its offsets."""

from __future__ import annotations

import re


def document_name(label: str, taken: set[str]) -> str:
    """A unique file-like name for a text source (no folders in it)."""
    base = re.sub(r"[\\/\x00-\x1f]", "_", label).strip() or "source"
    name = base
    number = 1
    while name.casefold() in taken:
        number += 1
        name = f"{base} ({number})"
    return name


def normalised(raw: str, *, count_crlf_as_two: bool) -> tuple[str, list[int] | None]:
    """The text with ``\\n`` line endings, and where each REFI offset lands in it.

    ``None`` for the map when the text had no ``\\r`` (offsets are then the same).
    """
    if "\r" not in raw:
        return raw, None
    text = re.sub("\r\n?", "\n", raw)
    mapping: list[int] = []
    position = 0
    index = 0
    while index < len(raw):
        char = raw[index]
        if char == "\r" and raw[index + 1 : index + 2] == "\n":
            mapping.append(position)
            if count_crlf_as_two:
                mapping.append(position)
            index += 2
        else:
            mapping.append(position)
            index += 1
        position += 1
    mapping.append(position)
    return text, mapping
