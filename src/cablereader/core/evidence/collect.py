"""Gathering the evidence report's data from an analysis, and from a project if any.

Entry points: :func:`report_from_project` (``cablereader report PROJECT``),
:func:`report_from_snapshot` (the window, in a worker thread) and
:func:`report_from_documents` (``cablereader report`` on files).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timezone

from cablereader.core.analysis import (
    ArticleAnalysis,
    CorpusAnalysis,
    ProgressCallback,
    analyse_corpus,
)
from cablereader.core.counterparts import Counterparts
from cablereader.core.documents import Document
from cablereader.core.evidence.model import (
    AnnotationEvidence,
    ArticleEvidence,
    EvidenceReport,
    Mark,
    QuoteEvidence,
)
from cablereader.core.formats import Metadata
from cablereader.core.project import Annotation, DocumentRecord, Project, Tag
from cablereader.core.reports import ProjectSnapshot
from cablereader.core.verify import QuoteCheck


class UnknownArticle(ValueError):
    """An article asked for by name is not in the corpus; the message lists those that are."""


def _now() -> str:
    return datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")


def _trimmed(text: str, start: int, end: int) -> Mark | None:
    """``[start, end)`` of ``text`` without the spaces at its edges; ``None`` if empty."""
    start, end = max(0, start), min(len(text), end)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Mark(start, end) if start < end else None


def _quote(number: int, check: QuoteCheck, source: Document) -> QuoteEvidence:
    in_source = check.source_start is not None and check.source_end is not None
    source_start = check.source_start if in_source else None
    source_end = check.source_end if in_source else None
    source_text = (
        source.text[source_start:source_end]
        if source_start is not None and source_end is not None
        else ""
    )
    inserted = []
    struck = []
    for difference in check.differences:
        mark = _trimmed(
            check.text, difference.b_start - check.start, difference.b_end - check.start
        )
        if mark is not None:
            inserted.append(mark)
        if source_start is not None:
            mark = _trimmed(
                source_text, difference.a_start - source_start, difference.a_end - source_start
            )
            if mark is not None:
                struck.append(mark)
    return QuoteEvidence(
        number,
        check.start,
        check.end,
        check.text,
        check.verdict,
        check.similarity,
        check.words,
        source_start,
        source_end,
        source_text,
        tuple(inserted),
        tuple(struck),
        check.diff_text(),
        check.marks,
        check.context,
        source.name if source_start is not None else "",
    )


def _annotation(
    annotation: Annotation, tag_names: dict[int, str], counterparts: Counterparts
) -> AnnotationEvidence:
    placed = not annotation.orphaned
    _source, start, end, text, verdict = counterparts.of(annotation)
    return AnnotationEvidence(
        annotation.start if placed else None,
        annotation.end if placed else None,
        annotation.exact,
        tuple(tag_names[t] for t in annotation.tag_ids if t in tag_names),
        annotation.note,
        annotation.author,
        annotation.modified,
        start if isinstance(start, int) else None,
        end if isinstance(end, int) else None,
        str(text or ""),
        str(verdict or ""),
    )


# What a document's format said about it, in the order a citation gives it.
_METADATA_ROWS = (
    ("headline", "Headline"),
    ("outlet", "Outlet"),
    ("author", "Author"),
    ("date", "Date"),
    ("url", "URL"),
)


def _metadata(
    document: Document, record: DocumentRecord | None, said: Metadata
) -> tuple[tuple[str, str], ...]:
    rows = [("File", document.name)]
    known = said.as_dict()
    rows.extend((label, known[key]) for key, label in _METADATA_ROWS if known[key])
    path = record.original_path if record is not None else document.path
    if path:
        rows.append(("Imported from", path))
    if record is not None and record.imported:
        rows.append(("Imported", record.imported))
    rows.append(("Encoding", document.encoding))
    rows.append(("SHA-256 of the text", document.sha256))
    if not any(known.values()):
        # Saying so beats leaving the reader to guess (a plain text file says nothing).
        rows.append(("Outlet, date, URL", "not recorded"))
    return tuple(rows)


def _article(
    analysis: ArticleAnalysis,
    document: Document,
    corpus: CorpusAnalysis,
    record: DocumentRecord | None,
    annotations: Sequence[AnnotationEvidence],
    said: Metadata,
) -> ArticleEvidence:
    quotes = tuple(
        _quote(number, check, corpus.source_named(check.source_document or corpus.source.name))
        for number, check in enumerate(sorted(analysis.quotes, key=lambda c: c.start), start=1)
    )
    witness = analysis.witness
    return ArticleEvidence(
        analysis.name,
        document.title,
        analysis.coverage,
        analysis.own_verdict_counts(),  # those inside a reprint are the source's
        quotes,
        tuple(annotations),
        _metadata(document, record, said),
        len(witness.textual_differences) if witness is not None else None,
    )


def _said(document: Document | None) -> Metadata:
    return document.metadata if document is not None else Metadata()


def _chosen(analysis: CorpusAnalysis, articles: Sequence[str] | None) -> list[ArticleAnalysis]:
    if not articles:
        return list(analysis.articles)
    known = {a.name: a for a in analysis.articles}
    missing = [name for name in articles if name not in known]
    if missing:
        raise UnknownArticle(
            f"no article named {', '.join(missing)} (the articles are: "
            f"{', '.join(known) or 'none'}; the source is {analysis.source.name})"
        )
    wanted = set(articles)
    return [a for a in analysis.articles if a.name in wanted]


def build_report(
    analysis: CorpusAnalysis,
    documents: Sequence[Document],
    *,
    articles: Sequence[str] | None = None,
    records: Sequence[DocumentRecord] = (),
    annotations: Sequence[Annotation] = (),
    tags: Sequence[Tag] = (),
    title: str = "",
    metadata: Mapping[str, Metadata] | None = None,
) -> EvidenceReport:
    """The report on ``articles`` (names; default: every article), from plain data.

    ``documents`` are the corpus (articles' titles and metadata come from them);
    ``records``, ``annotations``, ``tags`` and ``metadata`` (what each document's file
    said of it: headline, outlet, author, date, URL) come from a project, if there is one.
    """
    said = metadata or {}
    by_name = {d.name: d for d in documents}
    by_record = {r.name: r for r in records}
    tag_names = {t.id: t.name for t in tags}
    counterparts = Counterparts(analysis)
    notes: dict[str, list[AnnotationEvidence]] = {}
    for annotation in annotations:
        notes.setdefault(annotation.document, []).append(
            _annotation(annotation, tag_names, counterparts)
        )
    source = analysis.source
    sections = tuple(
        _article(
            article,
            by_name.get(article.name) or Document.from_text(article.name, ""),
            analysis,
            by_record.get(article.name),
            notes.get(article.name, ()),
            said.get(article.name) or _said(by_name.get(article.name)),
        )
        for article in _chosen(analysis, articles)
    )
    return EvidenceReport(
        title or f"Evidence report: how the articles quote {source.title}",
        source.name,
        source.title,
        _now(),
        sections,
        tuple(notes.get(source.name, ())),
    )


def report_from_documents(
    documents: Sequence[Document],
    *,
    source: str | None = None,
    articles: Sequence[str] | None = None,
    progress: ProgressCallback | None = None,
    cancelled: Callable[[], bool] | None = None,
    workers: int = 1,
) -> EvidenceReport:
    """Analyse ``documents`` (``source`` names the source, else it is detected) and report."""
    analysis = analyse_corpus(
        documents, source, progress=progress, cancelled=cancelled, workers=workers
    )
    return build_report(analysis, documents, articles=articles)


def report_from_project(
    project: Project,
    *,
    articles: Sequence[str] | None = None,
    analysis: CorpusAnalysis | None = None,
    progress: ProgressCallback | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> EvidenceReport:
    """The report on a project's articles, with the user's annotations.

    ``analysis`` is used if it is of the project's documents as they are now (the
    window has one); otherwise the project is analysed, reporting ``progress``.
    """
    return report_from_snapshot(
        ProjectSnapshot.of(project),
        project.name,
        metadata=project.document_metadata(),
        articles=articles,
        analysis=analysis,
        progress=progress,
        cancelled=cancelled,
    )


def report_from_snapshot(
    snapshot: ProjectSnapshot,
    name: str,
    *,
    metadata: Mapping[str, Metadata] | None = None,
    articles: Sequence[str] | None = None,
    analysis: CorpusAnalysis | None = None,
    progress: ProgressCallback | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> EvidenceReport:
    """:func:`report_from_project` from what was read of the project named ``name``.

    The window's call: it reads the snapshot on the project's thread and reports in a
    worker thread, which must not use the project's SQLite connection.
    """
    records = snapshot.records
    documents = [r.document for r in records]
    if len(documents) < 2:
        raise UnknownArticle(
            f"{name} has {len(documents)} document(s): a report needs a source and "
            "at least one article"
        )
    fitting = snapshot.fitting_analysis(analysis, progress=progress, cancelled=cancelled)
    assert fitting is not None  # two documents or more: there is an analysis
    return build_report(
        fitting,
        documents,
        articles=articles,
        records=records,
        annotations=snapshot.annotations,
        tags=snapshot.tags,
        title=f"Evidence report: {name}",
        metadata=metadata,
    )
