"""What a new project holds: its schema, documents, source, starter tags and settings."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Sequence
from datetime import datetime, timezone

import cablereader.core.project.limits as limits
import cablereader.core.project.originalrows as originals
import cablereader.core.project.rows as rows
import cablereader.core.project.schema as schema
from cablereader import __version__
from cablereader.core.documents import Cancelled, Document, LoadCancelled
from cablereader.core.formats import Progress
from cablereader.core.project.errors import InvalidEdit
from cablereader.core.project.model import (
    ARTICLE_ROLE,
    PRIMARY_SOURCE_SETTING,
    SOURCE_ROLE,
    STARTER_TAGS,
    DocumentRecord,
    Tag,
)
from cablereader.core.project.opening import make_durable
from cablereader.core.sources import detect_sources


def now() -> str:
    """The current local time, ISO 8601 with its UTC offset (e.g. 2024-05-01T14:03:12+02:00)."""
    return datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")


def initialise(
    connection: sqlite3.Connection,
    documents: Sequence[Document],
    source: str | Sequence[str] | None,
    starter_tags: bool,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> None:
    """Schema, documents, source and starter tags of a new project, in one transaction.

    ``progress(done, total)`` is called after each document is written; ``cancelled()``
    returning true rolls everything back and raises :class:`LoadCancelled`.
    """
    names = refuse_duplicates(documents)
    limits.document_count(len(names))
    if source is None:
        sources = [d.name for d in detect_sources(documents)] if documents else []
    else:
        sources = [source] if isinstance(source, str) else list(source)
    for name in sources:
        if name not in names:
            raise InvalidEdit(f"The source {name} is not among the documents.")
    connection.execute("PRAGMA foreign_keys = ON")
    make_durable(connection)
    schema.migrate(connection)
    connection.execute("BEGIN IMMEDIATE")
    try:
        recorder = rows.Recorder(connection)
        imported = now()
        for position, document in enumerate(documents):
            if cancelled is not None and cancelled():
                raise LoadCancelled("creating the project was cancelled")
            role = SOURCE_ROLE if document.name in sources else ARTICLE_ROLE
            recorder.new_document(new_record(document, role, position, imported))
            if progress is not None:
                progress(position + 1, len(documents))
        originals.record(connection, documents, imported)
        if starter_tags:
            for position, (name, colour, description) in enumerate(STARTER_TAGS):
                key = str(position + 1)
                recorder.new_tag(Tag(0, new_uuid(), name, colour, description, key, position))
        if len(sources) > 1:
            recorder.setting(PRIMARY_SOURCE_SETTING, None, sources[0])
        recorder.setting("created", None, imported)
        recorder.setting("created_by", None, f"CableReader {__version__}")
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise


def refuse_duplicates(documents: Sequence[Document]) -> set[str]:
    """The documents' names; :class:`InvalidEdit` if two share one (linear: a set)."""
    names: set[str] = set()
    duplicates: set[str] = set()
    for document in documents:
        (duplicates if document.name in names else names).add(document.name)
    if duplicates:
        shown = sorted(duplicates)
        listed = ", ".join(shown[:10]) + (
            f" and {len(shown) - 10:,} more" if len(shown) > 10 else ""
        )
        raise InvalidEdit(f"Two documents have the same name: {listed}.")
    return names


def new_uuid() -> str:
    return str(uuid.uuid4())


def new_record(document: Document, role: str, position: int, imported: str) -> DocumentRecord:
    """The record of a newly imported document (its id is given when it is inserted)."""
    limits.document_size(document.name, document.text, document.title)
    return DocumentRecord(
        0,
        document.name,
        document.title,
        document.text,
        document.sha256,
        document.encoding,
        role,
        document.path,
        position,
        imported,
    )
