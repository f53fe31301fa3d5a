"""Checks on what the user typed or selected, before anything is written.

Each failure of an edit is an :class:`InvalidEdit` whose message can be shown as it is.
What a project file holds is checked by the same rules, at opening, in
:mod:`cablereader.core.project.contentchecks`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from cablereader.core.project import limits
from cablereader.core.project.errors import InvalidEdit
from cablereader.core.project.model import SHORTCUT_KEYS, Tag

TAG_COLOUR_RE = re.compile(r"#[0-9a-fA-F]{6}")
MAX_TAG_NAME_CHARS = limits.MAX_TEXT_CHARS["tags"]["name"][0]


def clean_tag_name(name: str) -> str:
    """The name as the store keeps it: whitespace runs collapsed, ends trimmed."""
    return " ".join(name.split())


def tag_name_problem(name: str, tags: Iterable[Tag], *, except_id: int | None = None) -> str | None:
    """Why ``name`` cannot be a tag's name (empty, too long, taken), or None: the message
    :func:`tag_name` would refuse it with, for a form to show before anything is saved."""
    try:
        tag_name(name, tags, except_id=except_id)
    except InvalidEdit as refused:
        return refused.reason
    return None


def key_owner(key: str | None, tags: Iterable[Tag], *, except_id: int | None = None) -> Tag | None:
    """The other tag whose shortcut is ``key``, if any."""
    if key is None:
        return None
    return next((t for t in tags if t.key == key and t.id != except_id), None)


def tag_name(name: str, tags: Iterable[Tag], *, except_id: int | None = None) -> str:
    """``name`` stripped; refused if empty or already used (ignoring case)."""
    cleaned = clean_tag_name(name)
    if not cleaned:
        raise InvalidEdit("A tag needs a name.")
    if len(cleaned) > MAX_TAG_NAME_CHARS:
        raise InvalidEdit(f"A tag name can have at most {MAX_TAG_NAME_CHARS} characters.")
    folded = cleaned.casefold()
    for tag in tags:
        if tag.id != except_id and tag.name.casefold() == folded:
            raise InvalidEdit(f"There is already a tag named “{tag.name}”.")
    return cleaned


def colour(value: str) -> str:
    """``#rrggbb``, lower case."""
    if not TAG_COLOUR_RE.fullmatch(value.strip()):
        raise InvalidEdit(f"“{value}” is not a colour; use the form #rrggbb.")
    return value.strip().lower()


def shortcut_key(
    key: str | None, tags: Iterable[Tag], *, except_id: int | None = None
) -> str | None:
    if key is None:
        return None
    if key not in SHORTCUT_KEYS:
        raise InvalidEdit(f"“{key}” cannot be a tag's shortcut key; use 1 to 9.")
    owner = key_owner(key, tags, except_id=except_id)
    if owner is not None:
        raise InvalidEdit(f"Key {key} is already the shortcut of the tag “{owner.name}”.")
    return key


def span(document: str, text: str, start: object, end: object) -> tuple[int, int]:
    """``(start, end)`` if they delimit a non-empty passage of ``text``."""
    # bool is an int subclass, and True as an offset is always a bug.
    whole = [isinstance(v, int) and not isinstance(v, bool) for v in (start, end)]
    if not all(whole) or not isinstance(start, int) or not isinstance(end, int):
        raise InvalidEdit(f"Offsets must be whole numbers (got {start!r}, {end!r}).")
    if not 0 <= start < end <= len(text):
        raise InvalidEdit(
            f"{start}–{end} is not a passage of {document}: offsets must satisfy "
            f"0 ≤ start < end ≤ {len(text)} (its length)."
        )
    return start, end
