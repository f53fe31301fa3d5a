"""Provenance in the project: each document's original file, kept compressed, and the
metadata its format carried (headline, outlet, author, date, canonical URL).

Offsets everywhere refer to the extracted text; the original is kept so that the user
can get the file back byte for byte (Document ▸ Save Original As…) and see how the
text was made.  Rows are keyed by the document and its text's sha256: a re-import adds
the new original beside the old, and undoing it finds the old one again.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cablereader.core.documents import Document
from cablereader.core.formats import Metadata
from cablereader.core.project.base import ProjectFile
from cablereader.core.project.errors import ProjectCorrupt

_COLUMNS = (
    "o.format, o.extractor, o.original_sha256, o.original_size, o.original, "
    "o.headline, o.outlet, o.author, o.published, o.url, o.imported"
)
_CURRENT = (
    f"SELECT d.name, {_COLUMNS} FROM document_originals AS o "
    "JOIN documents AS d ON d.id = o.document_id AND d.sha256 = o.text_sha256"
)


@dataclass(frozen=True)
class StoredOriginal:
    """A document's original file as the project keeps it; ``data()`` unpacks it."""

    document: str
    format: str
    extractor: str
    sha256: str
    size: int
    compressed: bytes = field(repr=False)
    metadata: Metadata
    imported: str

    def data(self) -> bytes:
        """The original bytes, checked against their sha256."""
        try:
            data = zlib.decompress(self.compressed)
        except zlib.error as error:
            raise ValueError(f"the stored original of {self.document} is damaged") from error
        if len(data) != self.size or hashlib.sha256(data).hexdigest() != self.sha256:
            raise ValueError(f"the stored original of {self.document} is damaged")
        return data


def record(connection: sqlite3.Connection, documents: Sequence[Document], imported: str) -> None:
    """Store the originals of ``documents`` (inside the caller's transaction)."""
    for document in documents:
        provenance = document.provenance
        if provenance is None:
            continue
        row = connection.execute(
            "SELECT id FROM documents WHERE name = ?", (document.name,)
        ).fetchone()
        if row is None:
            continue
        meta = provenance.metadata
        connection.execute(
            "INSERT OR REPLACE INTO document_originals (document_id, text_sha256, format, "
            "extractor, original_sha256, original_size, compression, original, headline, "
            "outlet, author, published, url, imported) "
            "VALUES (?, ?, ?, ?, ?, ?, 'zlib', ?, ?, ?, ?, ?, ?, ?)",
            (
                row[0],
                document.sha256,
                provenance.format,
                provenance.extractor,
                provenance.original_sha256,
                len(provenance.original),
                zlib.compress(provenance.original, 6),
                meta.headline,
                meta.outlet,
                meta.author,
                meta.date,
                meta.url,
                imported,
            ),
        )


def _stored(row: Sequence[object]) -> StoredOriginal:
    name, fmt, extractor, digest, size, blob, headline, outlet, author, date, url, stamp = row
    return StoredOriginal(
        str(name),
        str(fmt),
        str(extractor),
        str(digest),
        int(size),  # type: ignore[call-overload]
        bytes(blob),  # type: ignore[call-overload]
        Metadata(str(headline), str(outlet), str(author), str(date), str(url)),
        str(stamp),
    )


class Originals(ProjectFile):
    """The project's provenance queries (a layer of :class:`~.store.Project`)."""

    def _has_originals(self) -> bool:
        # An older project opened read-only is not upgraded: it has no such table.
        return (
            self._live()
            .execute("SELECT 1 FROM sqlite_master WHERE name = 'document_originals'")
            .fetchone()
            is not None
        )

    def original(self, name: str) -> StoredOriginal | None:
        """The original file of document ``name``'s current text; ``None`` when the
        project has none (text made in the app, or imported before version 3)."""
        if not self._has_originals():
            return None
        row = self._live().execute(f"{_CURRENT} WHERE d.name = ?", (name,)).fetchone()
        return None if row is None else _stored(row)

    def document_metadata(self) -> dict[str, Metadata]:
        """Metadata of every document that has some, by name (for lists and exports)."""
        if not self._has_originals():
            return {}
        found = self._live().execute(
            "SELECT d.name, o.headline, o.outlet, o.author, o.published, o.url "
            "FROM document_originals AS o JOIN documents AS d "
            "ON d.id = o.document_id AND d.sha256 = o.text_sha256"
        )
        return {
            str(name): Metadata(*(str(v) for v in values)) for name, *values in found if any(values)
        }

    def save_original(self, name: str, path: str | os.PathLike[str]) -> None:
        """Write document ``name``'s original file to ``path``, byte for byte."""
        stored = self.original(name)
        if stored is None:
            raise LookupError(f"{name}: the project keeps no original file for it")
        try:
            data = stored.data()
        except ValueError as error:
            raise ProjectCorrupt(self.path, str(error)) from error
        Path(path).write_bytes(data)
