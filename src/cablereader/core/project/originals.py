"""Provenance in the project: each document's original file, kept compressed, and the
metadata its format carried (headline, outlet, author, date, canonical URL).

Offsets everywhere refer to the extracted text; the original is kept so that the user
can get the file back byte for byte (Document ▸ Save Original As…) and see how the
text was made.  Rows are keyed by the document and its text's sha256: a re-import adds
the new original beside the old, and undoing it finds the old one again.
"""

from __future__ import annotations

import os
from pathlib import Path

from cablereader.core.formats import Metadata
from cablereader.core.project.base import ProjectFile
from cablereader.core.project.errors import ProjectCorrupt
from cablereader.core.project.originalrows import CURRENT_ORIGINALS, StoredOriginal, stored_original


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
        row = self._live().execute(f"{CURRENT_ORIGINALS} WHERE d.name = ?", (name,)).fetchone()
        return None if row is None else stored_original(row)

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
