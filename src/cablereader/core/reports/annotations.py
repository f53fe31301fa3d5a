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
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TextIO, TypeVar

from cablereader.core.alignment.mapping import counterpart_span
from cablereader.core.alignment.model import Passage
from cablereader.core.analysis import (
    ArticleAnalysis,
    CorpusAnalysis,
    ProgressCallback,
    analyse_corpus,
)
from cablereader.core.csvfile import Cell, write_csv_file, write_rows
from cablereader.core.documents import Document
from cablereader.core.project.model import Annotation, DocumentRecord, Tag
from cablereader.core.project.store import Project
from cablereader.core.verify import QuoteCheck

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
)


_T = TypeVar("_T")


def annotation_rows(
    annotations: Iterable[Annotation],
    documents: Sequence[DocumentRecord],
    tags: Sequence[Tag],
    analysis: CorpusAnalysis | None,
) -> Iterator[list[Cell]]:
    """The CSV rows of ``annotations``, in the order given, keyed by :data:`ANNOTATION_COLUMNS`.

    Plain data in, plain data out: a GUI can read the project on its own thread and
    run this in a worker.  ``analysis`` supplies the ``source_*`` and ``verdict``
    columns (``None``: left empty, except on the source document itself).
    """
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
        ]
        ordered = sorted(annotation.tag_ids, key=lambda t: tag_order.get(t, (0, t)))
        for name in [tag_names.get(t, "") for t in ordered] or [""]:
            yield [*common, name, *rest]


class Counterparts:
    """Where annotated passages sit in the source, and the verdict there, for one analysis.

    Built once per analysis (it indexes every article), then asked per annotation: the
    CSV export and the annotation table share it.
    """

    def __init__(self, analysis: CorpusAnalysis | None) -> None:
        self.source: Document | None = analysis.source if analysis is not None else None
        self._indexes: dict[str, _ArticleIndex] = {}
        if analysis is not None:
            self._indexes = {a.name: _ArticleIndex(a) for a in analysis.articles}

    def of(self, annotation: Annotation) -> list[Cell]:
        """``source_document, source_start, source_end, source_passage, verdict``."""
        return _counterpart(annotation, self.source, self._indexes.get(annotation.document))

    def verdict(self, annotation: Annotation) -> str:
        return str(self.of(annotation)[4] or "")


def _counterpart(
    annotation: Annotation, source: Document | None, index: _ArticleIndex | None
) -> list[Cell]:
    """``source_document, source_start, source_end, source_passage, verdict``."""
    empty: list[Cell] = ["", None, None, "", ""]
    if source is None or annotation.orphaned:
        return empty
    start, end = annotation.start, annotation.end
    if annotation.document == source.name:
        return [source.name, start, end, source.text[start:end], ""]
    if index is None:
        return empty
    passage = index.passage(start, end)
    quote = index.quote(start, end)
    verdict = quote.verdict if quote is not None else passage.kind if passage else ""
    if passage is None:
        return ["", None, None, "", verdict]
    first, last = _source_span(passage, max(start, passage.b_start), min(end, passage.b_end))
    return [source.name, first, last, source.text[first:last], verdict]


def _source_span(passage: Passage, start: int, end: int) -> tuple[int, int]:
    """The counterpart of ``[start, end)`` in the source, whole differences included.

    Inside a difference offsets map proportionally ("react" in the middle of "be seen
    by Europe"), which would cut a source word; an edge inside a difference takes all
    of it instead.
    """
    first, last = counterpart_span(passage, start, end)
    for difference in passage.differences:
        if difference.b_start < start < difference.b_end:
            first = min(first, difference.a_start)
        if difference.b_start < end < difference.b_end:
            last = max(last, difference.a_end)
    return first, last


class _ArticleIndex:
    """An article's shared passages and quotations, searchable by overlap."""

    def __init__(self, analysis: ArticleAnalysis) -> None:
        self.passages = sorted(analysis.passages, key=lambda p: p.b_start)
        self.passage_starts = [p.b_start for p in self.passages]
        self.quotes = sorted(analysis.quotes, key=lambda q: q.start)
        self.quote_starts = [q.start for q in self.quotes]
        # Quotations can nest, so one that starts well before a span may still reach it.
        self.longest_quote = max((q.end - q.start for q in self.quotes), default=0)

    def passage(self, start: int, end: int) -> Passage | None:
        # Passages do not overlap in the article: only the one covering `start` and
        # those starting before `end` can overlap [start, end).
        first = max(0, bisect_right(self.passage_starts, start) - 1)
        last = bisect_left(self.passage_starts, end)
        return _most_overlapping(self.passages[first:last], start, end, _passage_span)

    def quote(self, start: int, end: int) -> QuoteCheck | None:
        first = bisect_left(self.quote_starts, start - self.longest_quote)
        last = bisect_left(self.quote_starts, end)
        return _most_overlapping(self.quotes[first:last], start, end, _quote_span)


def _passage_span(passage: Passage) -> tuple[int, int]:
    return passage.b_start, passage.b_end


def _quote_span(check: QuoteCheck) -> tuple[int, int]:
    return check.start, check.end


def _most_overlapping(
    items: Sequence[_T], start: int, end: int, span: Callable[[_T], tuple[int, int]]
) -> _T | None:
    best: _T | None = None
    best_overlap = 0
    for item in items:
        low, high = span(item)
        overlap = min(end, high) - max(start, low)
        if overlap > best_overlap:
            best, best_overlap = item, overlap
    return best


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
    source_name: str | None

    @classmethod
    def of(cls, project: Project) -> ProjectSnapshot:
        return cls(
            tuple(project.annotations()),
            tuple(project.document_records()),
            tuple(project.tags()),
            project.source_name,
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
        if analysis is not None and _fits(analysis, self.records, self.source_name):
            return analysis
        return analyse_corpus(
            [r.document for r in self.records],
            self.source_name,
            progress=progress,
            cancelled=cancelled,
        )

    def rows(self, analysis: CorpusAnalysis | None = None) -> list[list[Cell]]:
        """Every annotation as CSV rows; ``analysis`` must fit (see ``fitting_analysis``)."""
        return list(annotation_rows(self.annotations, self.records, self.tags, analysis))


def fitting_analysis(
    project: Project, analysis: CorpusAnalysis | None = None
) -> CorpusAnalysis | None:
    """``analysis`` if it is of the project's documents as they are now, else a fresh one.

    ``None`` when there is nothing to compare (fewer than two documents).
    """
    return ProjectSnapshot.of(project).fitting_analysis(analysis)


def _fits(analysis: CorpusAnalysis, records: Sequence[DocumentRecord], source: str | None) -> bool:
    by_name = {record.name: record for record in records}
    own = by_name.get(analysis.source.name)
    if own is None or own.sha256 != analysis.source.sha256:
        return False
    if source is not None and source != analysis.source.name:
        return False
    lengths = {article.name: article.alignment.b_length for article in analysis.articles}
    return all(
        lengths.get(record.name) == len(record.text)
        for record in records
        if record.name != analysis.source.name
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
