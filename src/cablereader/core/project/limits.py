"""How much a project may hold: checked when it is opened, created and imported into.

A project can come from someone else, and nothing in SQLite bounds what a file holds:
a 375-million-character document, a 5 MB title or millions of rows would exhaust the
app long after opening, in the middle of the session.  These limits are far above what
real work needs (the largest importable document is 20 MiB, a title is generated from
at most 80 characters), so only a file made to hurt meets them; it is refused on
opening with a message naming the limit.  They are checks, not part of the schema.
"""

from __future__ import annotations

from cablereader.core.documents import MAX_DOCUMENT_BYTES
from cablereader.core.project.errors import InvalidEdit

MAX_PROJECT_BYTES = 1024 * 1024 * 1024  # the file: 1 GiB
MAX_DOCUMENTS = 250_000
MAX_DOCUMENT_CHARS = MAX_DOCUMENT_BYTES  # every importable document fits
MAX_TITLE_CHARS = 1_000
MAX_NOTE_CHARS = MAX_DOCUMENT_CHARS  # a note may be as long as a document
MAX_TAGS = 10_000
MAX_ANNOTATIONS = 1_000_000
MAX_SETTINGS = 10_000

# The most characters each stored text column may hold ("what" names it in messages).
MAX_TEXT_CHARS: dict[str, dict[str, tuple[int, str]]] = {
    "documents": {
        "text": (MAX_DOCUMENT_CHARS, "characters of text"),
        "title": (MAX_TITLE_CHARS, "characters of title"),
        "name": (4_096, "characters of name"),
        "original_path": (32_768, "characters of original path"),
        "encoding": (200, "characters of encoding name"),
        "sha256": (64, "characters of sha256"),
        "imported": (100, "characters of import time"),
    },
    "tags": {
        "name": (200, "characters of name"),
        "description": (100_000, "characters of description"),
        "uuid": (100, "characters of uuid"),
    },
    "annotations": {
        "note": (MAX_NOTE_CHARS, "characters of note"),
        "exact": (MAX_DOCUMENT_CHARS, "characters of quoted text"),
        "prefix": (10_000, "characters of prefix"),
        "suffix": (10_000, "characters of suffix"),
        "author": (1_000, "characters of author"),
        "uuid": (100, "characters of uuid"),
        "created": (100, "characters of creation time"),
        "modified": (100, "characters of modification time"),
    },
    "settings": {
        "key": (1_000, "characters of key"),
        "value": (1_000_000, "characters of value"),
    },
}

MAX_ROWS: dict[str, tuple[int, str]] = {
    "documents": (MAX_DOCUMENTS, "documents"),
    "tags": (MAX_TAGS, "tags"),
    "annotations": (MAX_ANNOTATIONS, "annotations"),
    "settings": (MAX_SETTINGS, "settings"),
}


def note(text: str) -> str:
    """A note, refused when it is longer than a project may hold."""
    if len(text) > MAX_NOTE_CHARS:
        raise InvalidEdit(
            f"A note can have at most {MAX_NOTE_CHARS:,} characters (this one has {len(text):,})."
        )
    return text


def document_count(count: int) -> None:
    """Refuse a project that would hold more documents than one may."""
    if count > MAX_DOCUMENTS:
        raise InvalidEdit(
            f"A project can hold at most {MAX_DOCUMENTS:,} documents (this would make {count:,})."
        )


def document_size(name: str, text: str, title: str) -> None:
    """Refuse a document whose text or title is longer than a project may hold."""
    if len(text) > MAX_DOCUMENT_CHARS:
        raise InvalidEdit(
            f"{name} is too long for a project ({len(text):,} characters; the limit is "
            f"{MAX_DOCUMENT_CHARS:,})."
        )
    if len(title) > MAX_TITLE_CHARS:
        raise InvalidEdit(
            f"The title of {name} is too long ({len(title):,} characters; the limit is "
            f"{MAX_TITLE_CHARS:,})."
        )
