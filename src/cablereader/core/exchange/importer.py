"""A project file made from a REFI-QDA ``.qdpx``, whole or not at all.

The ``.qdpx`` is read and checked completely first (:func:`read_qdpx`); the project is
then built in memory and saved to its file in one step, so a bad file, or a failure on
the way, leaves nothing behind.  Tags keep their code GUIDs and annotations their
selection GUIDs, authors and times, so exporting the project again gives the same
identifiers.
"""

from __future__ import annotations

import os
import uuid
from datetime import datetime, timezone
from pathlib import Path

from cablereader.core.documents import Document
from cablereader.core.exchange.model import (
    ExchangeError,
    ExchangeProgress,
    ImportSummary,
    RefiProject,
    RefiSelection,
)
from cablereader.core.exchange.reader import read_qdpx
from cablereader.core.project import Annotation, InvalidEdit, Project, Tag
from cablereader.core.project.model import CONTEXT_CHARS


def _now() -> str:
    return datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")


def _stamp(value: str, fallback: str) -> str:
    try:
        return datetime.fromisoformat(value).isoformat(timespec="seconds")
    except ValueError:
        return fallback


def import_qdpx(
    qdpx: str | os.PathLike[str],
    project_path: str | os.PathLike[str],
    *,
    overwrite: bool = False,
    progress: ExchangeProgress | None = None,
) -> ImportSummary:
    """Create the project file ``project_path`` from ``qdpx``; the one call the window makes.

    Raises :class:`ExchangeError` (a bad or hostile ``.qdpx``) or ``ProjectError`` (the
    project file cannot be made), in both cases having created nothing.
    ``progress(done, total, what)`` is called per text source read and per document
    annotated.  The summary's :meth:`~ImportSummary.message` says what was imported and
    what could not be.
    """
    target = Path(project_path)
    if target.exists() and not overwrite:
        raise ExchangeError(target, "already exists")
    refi = read_qdpx(qdpx, progress)
    if not refi.sources:
        raise ExchangeError(Path(qdpx), "has no text source to import")
    documents = [Document.from_text(s.name, s.text) for s in refi.sources]
    chosen = next((s.name for s in refi.sources if s.is_source), None)
    try:
        project = Project.create_in_memory(documents, source=chosen, starter_tags=False)
    except InvalidEdit as error:
        raise ExchangeError(Path(qdpx), f"cannot be imported: {error.reason}") from error
    try:
        try:
            count = _fill(project, refi, progress)
        except InvalidEdit as error:
            # Refused by the project's own checks: about the .qdpx, not the project file.
            raise ExchangeError(Path(qdpx), f"cannot be imported: {error.reason}") from error
        project.save_as(target)
        source = project.source_name
    finally:
        project.close()
    return ImportSummary(
        target,
        documents=len(documents),
        tags=len(refi.codes),
        annotations=count,
        source=source,
        not_imported=refi.not_imported,
        adjustments=refi.adjustments,
    )


def _fill(project: Project, refi: RefiProject, progress: ExchangeProgress | None) -> int:
    """Tags and annotations into the fresh project; returns the number of annotations."""
    tag_ids: dict[str, int] = {}
    for position, code in enumerate(refi.codes):
        tag = Tag(position + 1, code.guid, code.name, code.colour, code.description, None, position)
        project.restore_tag(tag)
        tag_ids[code.guid] = tag.id
    now = _now()
    next_id = 1
    used: set[str] = set()
    for done, source in enumerate(refi.sources, start=1):
        text = project.document(source.name).text
        for selection in source.selections:
            guid = selection.guid if selection.guid not in used else str(uuid.uuid4())
            used.add(guid)
            project.restore_annotation(
                _annotation(next_id, guid, source.name, text, selection, tag_ids, now)
            )
            next_id += 1
        if progress is not None:
            progress(done, len(refi.sources), source.name)
    return next_id - 1


def _annotation(
    annotation_id: int,
    guid: str,
    document: str,
    text: str,
    selection: RefiSelection,
    tag_ids: dict[str, int],
    now: str,
) -> Annotation:
    start, end = selection.start, selection.end
    created = _stamp(selection.created, now)
    return Annotation(
        annotation_id,
        guid,
        document,
        start,
        end,
        text[start:end],
        text[max(0, start - CONTEXT_CHARS) : start],
        text[end : end + CONTEXT_CHARS],
        selection.note,
        selection.author,
        created,
        _stamp(selection.modified, created),
        tuple(sorted(tag_ids[g] for g in selection.code_guids)),
    )
