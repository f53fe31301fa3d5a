"""Annotations as CSV rows, columns and rules as DESIGN fixes them.

One row per annotation and tag (an untagged annotation: one row with an empty ``tag``),
in reading order: documents in project order, passages by position.

``source_*`` and ``verdict`` relate each annotated passage to the source:

- on an article, where the passage overlaps a passage the article shares with the
  source (the one it overlaps most), ``source_start``/``source_end`` are the
  counterpart of the annotated span there and ``source_passage`` its text; ``verdict``
  is the verdict of the quotation it overlaps most, if any (``verbatim``, ``altered``,
  ``fragment``, ``not_in_source``), else the shared passage's kind (``verbatim`` or
  ``altered``); empty when it overlaps neither;
- on the source itself, ``source_*`` is the annotated span (the passage is its own
  counterpart), so rows can be grouped by place in the source whichever document was
  annotated; ``verdict`` is empty;
- an orphan (not found again after its document was re-imported) has empty
  ``start``/``end``/``source_*``/``verdict``: its old offsets point into a text that
  no longer exists; ``passage`` is its old text.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TextIO, TypeVar

from cablereader.core.analysis import (
    CorpusAnalysis,
    ProgressCallback,
    analyse_corpus,
)
from cablereader.core.csvfile import Cell, write_csv_file, write_rows
from cablereader.core.formats.provenance import Metadata
from cablereader.core.project.model import Annotation, DocumentRecord, Tag
from cablereader.core.project.store import Project
from cablereader.core.reports.counterparts import Counterparts as Counterparts
from cablereader.core.reports.quotes import METADATA_COLUMNS, metadata_cells

ANNOTATION_COLUMNS = (
    "annotation_id",
    "document",
    "document_title",
    "start",
    "end",
    "passage",
    "tag",
    "note",
    "prefix",
    "suffix",
    "source_document",
    "source_start",
    "source_end",
    "source_passage",
    "verdict",
    "author",
    "created",
    "modified",
    "document_sha256",
    *METADATA_COLUMNS,
)


_T = TypeVar("_T")


def annotation_rows(
    annotations: Iterable[Annotation],
    documents: Sequence[DocumentRecord],
    tags: Sequence[Tag],
    analysis: CorpusAnalysis | None,
    metadata: Mapping[str, Metadata] | None = None,
) -> Iterator[list[Cell]]:
    """The CSV rows of ``annotations``, in the order given, keyed by :data:`ANNOTATION_COLUMNS`.

    Plain data in, plain data out: a GUI can read the project on its own thread and
    run this in a worker.  ``analysis`` supplies the ``source_*`` and ``verdict``
    columns (``None``: left empty, except on the source document itself); ``metadata``
    (by document name) the ``document_*`` columns of what a document said of itself.
    """
    said = metadata or {}
    records = {record.name: record for record in documents}
    tag_names = {tag.id: tag.name for tag in tags}
    tag_order = {tag.id: (tag.position, tag.id) for tag in tags}
    counterparts = Counterparts(analysis)
    for annotation in annotations:
        record = records[annotation.document]
        counterpart = counterparts.of(annotation)
        placed = not annotation.orphaned
        common: list[Cell] = [
            annotation.id,
            annotation.document,
            record.title,
            annotation.start if placed else None,
            annotation.end if placed else None,
            annotation.exact,
        ]
        rest: list[Cell] = [
            annotation.note,
            annotation.prefix,
            annotation.suffix,
            *counterpart,
            annotation.author,
            annotation.created,
            annotation.modified,
            record.sha256,
            *[metadata_cells(said.get(annotation.document))[c] for c in METADATA_COLUMNS],
        ]
        ordered = sorted(annotation.tag_ids, key=lambda t: tag_order.get(t, (0, t)))
        for name in [tag_names.get(t, "") for t in ordered] or [""]:
            yield [*common, name, *rest]


@dataclass(frozen=True)
class ProjectSnapshot:
    """What the annotation CSV needs of a project, read at once on the project's thread.

    Plain data, so that the slow part (a fresh analysis when the one at hand is stale,
    then the rows and the file) can run in a worker thread, which must not use the
    project's SQLite connection.
    """

    annotations: tuple[Annotation, ...]
    records: tuple[DocumentRecord, ...]
    tags: tuple[Tag, ...]
    source_names: tuple[str, ...]  # the primary first
    metadata: Mapping[str, Metadata] = field(default_factory=dict)

    @property
    def source_name(self) -> str | None:
        return self.source_names[0] if self.source_names else None

    @classmethod
    def of(cls, project: Project) -> ProjectSnapshot:
        return cls(
            tuple(project.annotations()),
            tuple(project.document_records()),
            tuple(project.tags()),
            tuple(project.source_names),
            project.document_metadata(),
        )

    def fitting_analysis(
        self,
        analysis: CorpusAnalysis | None = None,
        *,
        progress: ProgressCallback | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> CorpusAnalysis | None:
        """``analysis`` if it is of these documents as they are, else a fresh one.

        ``None`` when there is nothing to compare (fewer than two documents).
        ``progress`` and ``cancelled`` are passed to a fresh analysis.
        """
        if len(self.records) < 2:
            return None
        if analysis is not None and _fits(analysis, self.records, self.source_names):
            return analysis
        return analyse_corpus(
            [r.document for r in self.records],
            list(self.source_names) or None,
            progress=progress,
            cancelled=cancelled,
        )

    def rows(self, analysis: CorpusAnalysis | None = None) -> list[list[Cell]]:
        """Every annotation as CSV rows; ``analysis`` must fit (see ``fitting_analysis``)."""
        return list(
            annotation_rows(self.annotations, self.records, self.tags, analysis, self.metadata)
        )


def fitting_analysis(
    project: Project, analysis: CorpusAnalysis | None = None
) -> CorpusAnalysis | None:
    """``analysis`` if it is of the project's documents as they are now, else a fresh one.

    ``None`` when there is nothing to compare (fewer than two documents).
    """
    return ProjectSnapshot.of(project).fitting_analysis(analysis)


def _fits(
    analysis: CorpusAnalysis, records: Sequence[DocumentRecord], sources: Sequence[str]
) -> bool:
    by_name = {record.name: record for record in records}
    for source in analysis.sources:
        own = by_name.get(source.name)
        if own is None or own.sha256 != source.sha256:
            return False
    names = {source.name for source in analysis.sources}
    if sources and list(sources) != [source.name for source in analysis.sources]:
        return False
    lengths = {article.name: article.alignment.b_length for article in analysis.articles}
    return all(
        lengths.get(record.name) == len(record.text)
        for record in records
        if record.name not in names
    )


def project_rows(project: Project, analysis: CorpusAnalysis | None = None) -> list[list[Cell]]:
    """Every annotation of ``project`` as CSV rows (see :func:`fitting_analysis`)."""
    snapshot = ProjectSnapshot.of(project)
    return snapshot.rows(snapshot.fitting_analysis(analysis))


def export_annotations_csv(
    snapshot: ProjectSnapshot,
    path: str | os.PathLike[str],
    *,
    analysis: CorpusAnalysis | None = None,
    guard_formulas: bool = True,
    progress: ProgressCallback | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """:func:`write_annotations_csv` from a snapshot, in any thread, with progress.

    ``progress(done, total, label)`` reports a fresh analysis article by article (when
    the one given does not fit), then the writing; ``cancelled()`` can stop the
    analysis (:class:`~cablereader.core.analysis.AnalysisCancelled`).
    """
    fitting = snapshot.fitting_analysis(analysis, progress=progress, cancelled=cancelled)
    rows = snapshot.rows(fitting)
    if progress is not None:
        progress(0, 1, "Writing the CSV file")
    write_csv_file(path, ANNOTATION_COLUMNS, rows, guard_formulas=guard_formulas)
    if progress is not None:
        progress(1, 1, "Writing the CSV file")
    return len(rows)


def write_annotations_csv(
    project: Project,
    path: str | os.PathLike[str],
    *,
    analysis: CorpusAnalysis | None = None,
    guard_formulas: bool = True,
) -> int:
    """Write the annotation CSV (UTF-8 with BOM, atomically); return the number of rows.

    ``guard_formulas`` prefixes cells starting with ``= + - @``, tab or CR with ``'``.
    """
    snapshot = ProjectSnapshot.of(project)
    return export_annotations_csv(snapshot, path, analysis=analysis, guard_formulas=guard_formulas)


def write_annotations(
    project: Project,
    stream: TextIO,
    *,
    analysis: CorpusAnalysis | None = None,
    guard_formulas: bool = True,
) -> int:
    """Write the annotation CSV to an open text stream (no BOM: e.g. standard output)."""
    rows = project_rows(project, analysis)
    buffer = io.StringIO()
    write_rows(buffer, ANNOTATION_COLUMNS, rows, guard_formulas=guard_formulas)
    stream.write(buffer.getvalue())
    return len(rows)
