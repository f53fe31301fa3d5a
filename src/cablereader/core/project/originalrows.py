"""The rows of stored originals: how a document's original file is written into the
project and read back (see :mod:`cablereader.core.project.originals` for the queries).

Apart from the queries so that project creation can record originals without importing
the project's layers.
"""

from __future__ import annotations

import hashlib
import sqlite3
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field

from cablereader.core.documents import Document
from cablereader.core.formats import Metadata

ORIGINAL_COLUMNS = (
    "o.format, o.extractor, o.original_sha256, o.original_size, o.original, "
    "o.headline, o.outlet, o.author, o.published, o.url, o.imported"
)
CURRENT_ORIGINALS = (
    f"SELECT d.name, {ORIGINAL_COLUMNS} FROM document_originals AS o "
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


def stored_original(row: Sequence[object]) -> StoredOriginal:
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
