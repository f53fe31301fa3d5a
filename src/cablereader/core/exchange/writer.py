"""Writing a project as a REFI-QDA project (``.qdpx``) or codebook (``.qdc``).

What goes where:

- each document is a ``TextSource`` whose plain text is ``sources/<guid>.txt``
  (UTF-8 without a BOM, ``\\n`` line endings: the text exactly as the project holds it,
  so that our offsets are the offsets into that file);
- each tag is a ``Code`` (its stable GUID, colour and description);
- each annotation is a ``PlainTextSelection`` of its document, with one ``Coding`` per
  tag; its note is the selection's ``Description`` (what QualCoder and MAXQDA read as
  the coding memo) and also a ``Note`` the selection refers to (the standard's way);
- where an annotated passage of an article corresponds to a passage of the source, that
  source passage is a ``PlainTextSelection`` of the source too, and a one-way ``Link``
  goes from the annotation to it, named with the verdict;
- each author is a ``User``.

Orphaned annotations (their passage is no longer in the text) have no place to point
at: they are listed in the summary, not written.
"""

from __future__ import annotations

import os
import re
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from cablereader import __version__
from cablereader.core.analysis import CorpusAnalysis
from cablereader.core.counterparts import Counterparts
from cablereader.core.exchange.model import (
    CODEBOOK_NS,
    INTERNAL,
    PROJECT_ENTRY,
    PROJECT_NS,
    SOURCES_FOLDER,
    ExchangeError,
    ExchangeProgress,
    ExportSummary,
    stable_guid,
)
from cablereader.core.project import SOURCE_ROLE, Annotation, DocumentRecord, Project, Tag
from cablereader.core.reports import ProjectSnapshot

# The Description that marks the source document, so that our import keeps its role.
SOURCE_DESCRIPTION = "CableReader: the source document the articles are checked against."
# XML 1.0 cannot hold these characters at all (not even escaped).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_NAME_CHARS = 60


def _q(tag: str, namespace: str = PROJECT_NS) -> str:
    return f"{{{namespace}}}{tag}"


def xml_text(value: str) -> str:
    """``value`` with the characters XML cannot carry replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", value)


def _datetime(value: str) -> str | None:
    """An ISO 8601 time as ``xsd:dateTime`` wants it, or ``None`` if it is not one."""
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed.isoformat(timespec="seconds")


def _set_time(element: ET.Element, attribute: str, value: str) -> None:
    stamp = _datetime(value)
    if stamp is not None:
        element.set(attribute, stamp)


@dataclass(frozen=True)
class _SourcePassage:
    """The counterpart in the source of one annotated article passage."""

    annotation: Annotation
    source: str
    start: int
    end: int
    verdict: str


def document_guid(record: DocumentRecord) -> str:
    # The same text under the same name is the same source, in whichever project.
    return stable_guid("document", record.name, record.sha256)


@lru_cache(maxsize=1024)
def user_guid(author: str) -> str:
    return stable_guid("user", author)


def _codes(parent: ET.Element, tags: Sequence[Tag], namespace: str) -> None:
    codes = ET.SubElement(parent, _q("Codes", namespace))
    for tag in tags:
        code = ET.SubElement(
            codes,
            _q("Code", namespace),
            guid=tag.uuid,
            name=xml_text(tag.name),
            isCodable="true",
            color=tag.colour.upper(),
        )
        if tag.description:
            ET.SubElement(code, _q("Description", namespace)).text = xml_text(tag.description)


def _source_passages(
    annotations: Sequence[Annotation], analysis: CorpusAnalysis | None
) -> list[_SourcePassage]:
    if analysis is None:
        return []
    counterparts = Counterparts(analysis)
    found = []
    for annotation in annotations:
        if annotation.orphaned or annotation.document == analysis.source.name:
            continue
        source, start, end, _text, verdict = counterparts.of(annotation)
        if source and isinstance(start, int) and isinstance(end, int) and start < end:
            found.append(_SourcePassage(annotation, str(source), start, end, str(verdict or "")))
    return found


@dataclass(frozen=True)
class ExportContent:
    """What the exporter reads of a project, read at once on the project's thread.

    Plain data, so that an export (a fresh analysis when the one at hand is stale, the
    XML, the zip) can run in a worker thread, which must not use the project's SQLite
    connection: the window reads this, then calls :func:`export_qdpx` in a worker.
    """

    name: str
    created: str
    snapshot: ProjectSnapshot

    @classmethod
    def of(cls, project: Project) -> ExportContent:
        return cls(project.name, project.setting("created") or "", ProjectSnapshot.of(project))


class _ProjectXml:
    """Builds ``project.qde`` for one project."""

    def __init__(self, content: ExportContent, analysis: CorpusAnalysis | None) -> None:
        self.content = content
        self.records = list(content.snapshot.records)
        self.tags = list(content.snapshot.tags)
        self.tag_guids = {tag.id: tag.uuid for tag in self.tags}
        every = content.snapshot.annotations
        self.annotations = [a for a in every if not a.orphaned]
        self.skipped = tuple(
            f"orphaned annotation {a.id} on {a.document} (“{a.exact[:40]}”): its passage is "
            "no longer in the text"
            for a in every
            if a.orphaned
        )
        self.links = _source_passages(self.annotations, analysis)
        self.authors = sorted({a.author for a in self.annotations if a.author})
        self.by_document: dict[str, list[Annotation]] = {}
        for annotation in self.annotations:
            self.by_document.setdefault(annotation.document, []).append(annotation)
        self.links_by_source: dict[str, list[_SourcePassage]] = {}
        for link in self.links:
            self.links_by_source.setdefault(link.source, []).append(link)
        self.notes = [a for a in self.annotations if a.note]

    def build(self, progress: ExchangeProgress | None) -> ET.Element:
        root = ET.Element(
            _q("Project"),
            name=xml_text(self.content.name),
            origin=f"CableReader {__version__}",
        )
        _set_time(root, "creationDateTime", self.content.created)
        if self.authors:
            users = ET.SubElement(root, _q("Users"))
            for author in self.authors:
                ET.SubElement(users, _q("User"), guid=user_guid(author), name=xml_text(author))
        if self.tags:
            _codes(ET.SubElement(root, _q("CodeBook")), self.tags, PROJECT_NS)
        if self.records:
            sources = ET.SubElement(root, _q("Sources"))
            for done, record in enumerate(self.records, start=1):
                self._text_source(sources, record)
                if progress is not None:
                    progress(done, len(self.records), record.name)
        if self.notes:
            notes = ET.SubElement(root, _q("Notes"))
            for annotation in self.notes:
                self._note(notes, annotation)
        if self.links:
            links = ET.SubElement(root, _q("Links"))
            for link in self.links:
                ET.SubElement(
                    links,
                    _q("Link"),
                    guid=stable_guid("link", link.annotation.uuid),
                    name=f"Source passage ({link.verdict})" if link.verdict else "Source passage",
                    direction="OneWay",
                    originGUID=link.annotation.uuid,
                    targetGUID=stable_guid("source-passage", link.annotation.uuid),
                )
        return root

    def _text_source(self, parent: ET.Element, record: DocumentRecord) -> None:
        guid = document_guid(record)
        source = ET.SubElement(
            parent,
            _q("TextSource"),
            guid=guid,
            name=xml_text(record.name),
            plainTextPath=f"{INTERNAL}{guid}.txt",
        )
        _set_time(source, "creationDateTime", record.imported)
        if record.role == SOURCE_ROLE:
            ET.SubElement(source, _q("Description")).text = SOURCE_DESCRIPTION
        for annotation in self.by_document.get(record.name, ()):
            self._selection(source, annotation)
        for link in self.links_by_source.get(record.name, ()):
            self._source_selection(source, link)

    def _selection(self, parent: ET.Element, annotation: Annotation) -> None:
        selection = ET.SubElement(
            parent,
            _q("PlainTextSelection"),
            guid=annotation.uuid,
            name=xml_text(" ".join(annotation.exact.split())[:_NAME_CHARS]),
            startPosition=str(annotation.start),
            endPosition=str(annotation.end),
        )
        self._stamp(selection, annotation)
        if annotation.note:
            ET.SubElement(selection, _q("Description")).text = xml_text(annotation.note)
        for tag_id in annotation.tag_ids:
            coding = ET.SubElement(
                selection,
                _q("Coding"),
                guid=stable_guid("coding", annotation.uuid, self.tag_guids[tag_id]),
            )
            if annotation.author:
                coding.set("creatingUser", user_guid(annotation.author))
            _set_time(coding, "creationDateTime", annotation.modified)
            ET.SubElement(coding, _q("CodeRef"), targetGUID=self.tag_guids[tag_id])
        if annotation.note:
            ET.SubElement(selection, _q("NoteRef"), targetGUID=stable_guid("note", annotation.uuid))

    def _source_selection(self, parent: ET.Element, link: _SourcePassage) -> None:
        annotation = link.annotation
        selection = ET.SubElement(
            parent,
            _q("PlainTextSelection"),
            guid=stable_guid("source-passage", annotation.uuid),
            name=f"Source of {xml_text(annotation.document)} {annotation.start}-{annotation.end}",
            startPosition=str(link.start),
            endPosition=str(link.end),
        )
        verdict = f" (verdict: {link.verdict})" if link.verdict else ""
        ET.SubElement(selection, _q("Description")).text = xml_text(
            f"Source passage of the annotated passage {annotation.start}–{annotation.end} of "
            f"{annotation.document}{verdict}."
        )

    def _stamp(self, element: ET.Element, annotation: Annotation) -> None:
        if annotation.author:
            element.set("creatingUser", user_guid(annotation.author))
        _set_time(element, "creationDateTime", annotation.created)
        if annotation.author:
            element.set("modifyingUser", user_guid(annotation.author))
        _set_time(element, "modifiedDateTime", annotation.modified)

    def _note(self, parent: ET.Element, annotation: Annotation) -> None:
        note = ET.SubElement(
            parent,
            _q("Note"),
            guid=stable_guid("note", annotation.uuid),
            name=f"Note on {xml_text(annotation.document)} {annotation.start}-{annotation.end}",
        )
        self._stamp(note, annotation)
        ET.SubElement(note, _q("PlainTextContent")).text = xml_text(annotation.note)


def _serialise(root: ET.Element, namespace: str) -> bytes:
    ET.register_namespace("", namespace)
    ET.indent(root, space=" ")
    body: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + body + b"\n"


def project_qde(project: Project, analysis: CorpusAnalysis | None = None) -> bytes:
    """The ``project.qde`` XML of ``project`` (``analysis`` gives the source links)."""
    return _serialise(_ProjectXml(ExportContent.of(project), analysis).build(None), PROJECT_NS)


def codebook_qdc(project: Project) -> bytes:
    """The ``.qdc`` codebook XML of ``project``'s tags."""
    tags = project.tags()
    if not tags:
        raise ExchangeError(project.name, "has no tags, and a REFI-QDA codebook needs at least one")
    root = ET.Element(_q("CodeBook", CODEBOOK_NS), origin=f"CableReader {__version__}")
    _codes(root, tags, CODEBOOK_NS)
    return _serialise(root, CODEBOOK_NS)


def _write_atomically(path: Path, write: Callable[[str], object]) -> None:
    """Write through a temporary file in the target folder, renamed into place."""
    folder = path.parent if str(path.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    os.close(handle)
    try:
        write(temporary)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def export_qdpx(
    project: Project | ExportContent,
    path: str | os.PathLike[str],
    *,
    analysis: CorpusAnalysis | None = None,
    progress: ExchangeProgress | None = None,
) -> ExportSummary:
    """Write ``project`` as a REFI-QDA ``.qdpx`` file; the one call the window makes.

    ``analysis`` (of the project's documents as they are) supplies the links from
    annotated passages to the source; without one that fits, the project is analysed
    first.  ``progress(done, total, document)`` is called per document written.  The
    file appears whole or not at all.  Given an :class:`ExportContent` instead of the
    project, it touches no project connection (a worker thread's call).
    """
    target = Path(path)
    content = project if isinstance(project, ExportContent) else ExportContent.of(project)
    fitting = content.snapshot.fitting_analysis(analysis)
    builder = _ProjectXml(content, fitting)
    xml = _serialise(builder.build(progress), PROJECT_NS)

    def write(temporary: str) -> None:
        with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(PROJECT_ENTRY, xml)
            for record in builder.records:
                name = f"{SOURCES_FOLDER}/{document_guid(record)}.txt"
                archive.writestr(name, record.text.encode("utf-8", "surrogatepass"))

    try:
        _write_atomically(target, write)
    except OSError as error:
        raise ExchangeError(target, f"cannot write ({error.strerror or error})") from error
    return ExportSummary(
        target,
        sources=len(builder.records),
        codes=len(builder.tags),
        selections=len(builder.annotations) + len(builder.links),
        notes=len(builder.notes),
        links=len(builder.links),
        users=len(builder.authors),
        skipped=builder.skipped,
    )


def export_qdc(project: Project, path: str | os.PathLike[str]) -> ExportSummary:
    """Write ``project``'s tags as a REFI-QDA codebook (``.qdc``)."""
    target = Path(path)
    xml = codebook_qdc(project)
    try:
        _write_atomically(target, lambda temporary: Path(temporary).write_bytes(xml))
    except OSError as error:
        raise ExchangeError(target, f"cannot write ({error.strerror or error})") from error
    return ExportSummary(target, codes=len(project.tags()))
