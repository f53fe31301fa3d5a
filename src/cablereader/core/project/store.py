"""The project: one SQLite file holding documents, tags, annotations and settings.

:class:`Project` is the class to use.  Its layers, each in its own module:

- :mod:`~cablereader.core.project.base` — creating, opening (with every check on a
  file that may not be ours), locking, Save As, closing, transactions, observers,
  undo (:meth:`~ProjectFile.revert`);
- :mod:`~cablereader.core.project.documentsandsettings` — documents, source and
  settings;
- :mod:`~cablereader.core.project.editing` — tags and annotations;
- this module — importing documents into a project, which re-anchors the annotations
  of every document whose text changed (:mod:`~cablereader.core.project.anchoring`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import cablereader.core.project.limits as limits
import cablereader.core.project.originalrows as originalrows
import cablereader.core.project.originals as originals
import cablereader.core.project.rows as rows
from cablereader.core.documents import Document
from cablereader.core.project.anchoring import anchor
from cablereader.core.project.base import PROJECT_SUFFIX
from cablereader.core.project.creation import new_record, now, refuse_duplicates
from cablereader.core.project.editing import KEEP, Editing
from cablereader.core.project.model import (
    ARTICLE_ROLE,
    CONTEXT_CHARS,
    DOCUMENTS_IMPORTED,
    SOURCE_ROLE,
    Annotation,
    DocumentRecord,
    ImportReport,
)
from cablereader.core.sources import detect_sources

__all__ = ["KEEP", "PROJECT_SUFFIX", "Project", "reanchored"]


class Project(Editing, originals.Originals):
    """A CableReader project file: open it with :meth:`open`, make one with :meth:`create`.

    Every edit is committed before the method returns and returns a ``Change``;
    ``revert(change)`` undoes it.  See the package documentation for the whole API.
    """

    def import_documents(self, documents: Sequence[Document]) -> ImportReport:
        """Add new documents; replace the text of those whose name exists but text changed.

        The annotations of a replaced text are re-anchored in the new one; those that
        cannot be placed confidently become orphans (kept with their old text, listed by
        :meth:`orphans`).  Orphans of earlier imports get another chance too.  A project
        without a source gets one detected.  One transaction, one change.
        """
        refuse_duplicates(documents)
        existing = {record.name: record for record in self.document_records()}
        added: set[str] = set()
        updated: list[tuple[DocumentRecord, Document]] = []
        unchanged: list[str] = []
        for document in documents:
            record = existing.get(document.name)
            if record is None:
                added.add(document.name)
            elif record.sha256 != document.sha256:
                updated.append((record, document))
            else:
                unchanged.append(document.name)
        limits.document_count(len(existing) + len(added))
        placed: list[Annotation] = []
        orphaned: list[Annotation] = []
        stamp = now()

        def work(recorder: rows.Recorder) -> None:
            records = list(existing.values())
            position = max((r.position for r in records), default=-1) + 1
            for document in documents:
                if document.name in added:
                    record = new_record(document, ARTICLE_ROLE, position, stamp)
                    records.append(recorder.new_document(record))
                    position += 1
            for record, document in updated:
                new = replace(
                    record,
                    title=document.title,
                    text=document.text,
                    sha256=document.sha256,
                    encoding=document.encoding,
                    original_path=document.path,
                    imported=stamp,
                )
                recorder.document(record, new)
                for annotation in self.annotations(record.name):
                    moved = reanchored(annotation, document.text)
                    (orphaned if moved.orphaned else placed).append(moved)
                    if moved != annotation:
                        recorder.annotation(annotation, moved)
            originalrows.record(recorder.connection, documents, stamp)
            if records and not any(r.role == SOURCE_ROLE for r in records):
                found = {d.name for d in detect_sources([r.document for r in records])}
                for record in records:
                    if record.name in found:
                        recorder.document(record, replace(record, role=SOURCE_ROLE))

        change = self._commit(DOCUMENTS_IMPORTED, work)
        return ImportReport(
            tuple(document.name for document in documents if document.name in added),
            tuple(record.name for record, _ in updated),
            tuple(unchanged),
            tuple(placed),
            tuple(orphaned),
            change if change.steps else None,
        )


def reanchored(annotation: Annotation, text: str) -> Annotation:
    """``annotation`` placed in ``text`` (exact text and context from there), or orphaned.

    An orphan keeps its old offsets and old text: that is what the user sees to decide.
    """
    found = anchor(text, annotation.exact, annotation.prefix, annotation.suffix, annotation.start)
    if found is None:
        return replace(annotation, orphaned=True)
    start, end = found.start, found.end
    return replace(
        annotation,
        start=start,
        end=end,
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT_CHARS) : start],
        suffix=text[end : end + CONTEXT_CHARS],
        orphaned=False,
    )
