"""REFI-QDA terms, errors and the plain results of an export or import.

REFI-QDA (the Rotterdam Exchange Format Initiative's QDA-XML 1.0) exchanges a project as
a ``.qdpx`` zip (``project.qde`` XML plus a flat ``sources/`` folder) and a codebook as a
``.qdc`` XML file.  Text selections are counted in Unicode code points from 0 (REFI-QDA
1.5, section 10.2), and QualCoder reads ``text[start:end]``: the end is exclusive.  That
is exactly our own offset unit, so offsets are written as they are stored.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
PROJECT_ENTRY = "project.qde"
SOURCES_FOLDER = "sources"
INTERNAL = "internal://"
QDPX_SUFFIX = ".qdpx"
QDC_SUFFIX = ".qdc"

# GUIDs that are not stored (documents, users, links) are derived from what identifies
# the thing, so exporting the same project twice gives the same GUIDs.
_GUID_NAMESPACE = uuid.UUID("6b1f3c1e-7a51-4c1b-9f0e-4c61626c6552")

# Where import or export work is reported: (done, total, what).
ExchangeProgress = Callable[[int, int, str], None]


def stable_guid(*parts: str) -> str:
    """A GUID fixed by ``parts`` (a kind and the names that identify the thing)."""
    return str(uuid.uuid5(_GUID_NAMESPACE, "\x1f".join(parts)))


class ExchangeError(Exception):
    """A REFI-QDA file that cannot be read or written; the message names the file."""

    def __init__(self, path: str | Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.path, self.reason))


@dataclass(frozen=True)
class ExportSummary:
    """What an export wrote."""

    path: Path
    sources: int = 0
    codes: int = 0
    selections: int = 0
    notes: int = 0
    links: int = 0
    users: int = 0
    # Annotations that could not be written (orphans: their passage is no longer in the
    # text); listed so the user knows, never dropped silently.
    skipped: tuple[str, ...] = ()


@dataclass(frozen=True)
class ImportSummary:
    """What an import created, and what it could not represent (said, never dropped)."""

    path: Path
    documents: int = 0
    tags: int = 0
    annotations: int = 0
    source: str | None = None
    not_imported: tuple[str, ...] = field(default=())
    adjustments: tuple[str, ...] = field(default=())

    def message(self) -> str:
        """A text for the user: what was made, how, and what was left out."""
        lines = [
            f"Created {self.path} from REFI-QDA: {self.documents} document"
            f"{'s' if self.documents != 1 else ''}, {self.tags} tag"
            f"{'s' if self.tags != 1 else ''}, {self.annotations} annotation"
            f"{'s' if self.annotations != 1 else ''}"
            + (f" (source: {self.source})." if self.source else ".")
        ]
        lines.extend(f"Note: {line}" for line in self.adjustments)
        if self.not_imported:
            lines.append("Not imported (CableReader cannot represent it):")
            lines.extend(f"  - {line}" for line in self.not_imported)
        return "\n".join(lines)


# --- a REFI-QDA project as read, before it becomes a CableReader project ---------------


@dataclass(frozen=True)
class RefiCode:
    guid: str
    name: str
    colour: str
    description: str


@dataclass(frozen=True)
class RefiSelection:
    guid: str
    start: int
    end: int
    code_guids: tuple[str, ...]
    note: str
    author: str
    created: str
    modified: str


@dataclass(frozen=True)
class RefiSource:
    guid: str
    name: str
    text: str
    is_source: bool
    selections: tuple[RefiSelection, ...]


@dataclass(frozen=True)
class RefiProject:
    origin: str
    codes: tuple[RefiCode, ...]
    sources: tuple[RefiSource, ...]
    not_imported: tuple[str, ...] = field(default=())
    adjustments: tuple[str, ...] = field(default=())
