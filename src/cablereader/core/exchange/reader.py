"""A REFI-QDA project read into plain data CableReader can hold, and what it cannot.

Rules (what the user is told in the import message):

- text sources become documents (their plain text, from ``sources/`` or inline);
  pictures, PDFs, audio, video and external sources are listed, not imported;
- codes become tags; a code inside another is named ``Parent/Child``;
- text selections become annotations: their codings are the tags, their
  ``Description`` and the notes they refer to make the note;
- cases, variables, sets, graphs, links (other than our own links to source
  passages, which the analysis recomputes) and notes not attached to a selection are
  listed, not imported.

Offsets are Unicode code points from 0, end exclusive (REFI-QDA 1.5, section 10.2, as
QualCoder reads them).  A text with Windows line endings is ambiguous: ATLAS.ti and
MAXQDA count ``\\r\\n`` as one character, NVivo as two (QualCoder's import adds one
per line for it).  We count it as one unless the project comes from NVivo, and say so.
"""

from __future__ import annotations

import os
import uuid
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator

from cablereader.core.decoding import decode_bytes
from cablereader.core.exchange.archive import (
    MAX_SOURCE_BYTES,
    MAX_XML_BYTES,
    QdpxArchive,
    parse_xml,
)
from cablereader.core.exchange.model import (
    INTERNAL,
    PROJECT_NS,
    ExchangeError,
    ExchangeProgress,
    RefiCode,
    RefiProject,
    RefiSelection,
    RefiSource,
)
from cablereader.core.exchange.refixml import (
    NS,
    child_text,
    children,
    colour_of,
    guid_of,
    local_name,
    xsd_time,
)
from cablereader.core.exchange.sourcetext import document_name, normalised
from cablereader.core.exchange.writer import SOURCE_DESCRIPTION

# A tag name's limit in the project (validation.MAX_TAG_NAME_CHARS).
MAX_TAG_CHARS = 200
# Tags without a colour get these in turn (light, so black text stays readable).
PALETTE = ("#ffd54f", "#ef9a9a", "#90caf9", "#a5d6a7", "#ce93d8", "#ffcc80", "#80cbc4", "#b0bec5")
_OTHER_SOURCES = {
    "PictureSource": "picture",
    "PDFSource": "PDF",
    "AudioSource": "audio",
    "VideoSource": "video",
}
_NOT_REPRESENTED = {
    "Variables": "variable",
    "Cases": "case",
    "Sets": "set",
    "Graphs": "graph",
}


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


class _Reader:
    def __init__(self, archive: QdpxArchive, progress: ExchangeProgress | None) -> None:
        self.archive = archive
        self.path = archive.path
        self.progress = progress
        self.not_imported: list[str] = []
        self.adjustments: list[str] = []
        self.users: dict[str, str] = {}
        self.notes: dict[str, ET.Element] = {}
        self.used_notes: set[str] = set()
        self.codes: list[RefiCode] = []
        self.code_guids: set[str] = set()
        self.origin = ""

    def read(self) -> RefiProject:
        entry = self.archive.project_entry()
        root = parse_xml(self.path, entry, self.archive.read(entry, MAX_XML_BYTES))
        if root.tag != f"{NS}Project":
            raise ExchangeError(
                self.path,
                f"{entry} is not a REFI-QDA 1.0 project (its root is {root.tag}, "
                f"not Project in {PROJECT_NS})",
            )
        self.origin = root.get("origin") or ""
        for users in children(root, "Users"):
            for user in children(users, "User"):
                guid = guid_of(user.get("guid"))
                if guid is not None:
                    self.users[guid] = user.get("name") or user.get("id") or ""
        for notes in children(root, "Notes"):
            for note in children(notes, "Note"):
                guid = guid_of(note.get("guid"))
                if guid is not None:
                    self.notes[guid] = note
        for book in children(root, "CodeBook"):
            for codes in children(book, "Codes"):
                self._codes(codes, "")
        sources = self._sources(root)
        self._links(root, sources)
        for name, word in _NOT_REPRESENTED.items():
            count = sum(len(list(element)) for element in children(root, name))
            if count:
                self.not_imported.append(_plural(count, word))
        if child_text(root, "Description").strip():
            self.not_imported.append("the project's description")
        unused = [g for g in self.notes if g not in self.used_notes]
        if unused:
            self.not_imported.append(
                f"{_plural(len(unused), 'note')} not attached to a text passage (memos, "
                "journals, notes on documents or codes)"
            )
        return RefiProject(
            self.origin,
            tuple(self.codes),
            tuple(sources),
            tuple(self.not_imported),
            tuple(self.adjustments),
        )

    # --- codes ------------------------------------------------------------------------

    def _codes(self, parent: ET.Element, prefix: str) -> None:
        for code in children(parent, "Code"):
            guid = guid_of(code.get("guid"))
            own = " ".join((code.get("name") or "").split())
            name = f"{prefix}/{own}" if prefix else own
            if len(name) > MAX_TAG_CHARS:
                short = name[: MAX_TAG_CHARS - 1].rstrip() + "…"
                self.adjustments.append(f"the code “{name[:40]}…” is shortened to “{short}”")
                name = short
            if guid is None or guid in self.code_guids:
                raise ExchangeError(self.path, f"the code “{name}” has no valid, unique guid")
            self.code_guids.add(guid)
            colour = colour_of(code.get("color")) or PALETTE[len(self.codes) % len(PALETTE)]
            self.codes.append(RefiCode(guid, name, colour.lower(), child_text(code, "Description")))
            if code.findall(f"{NS}NoteRef"):
                self.not_imported.append(f"the notes on the code “{name}”")
            self._codes(code, name)
        if not prefix:
            self._unique_names()

    def _unique_names(self) -> None:
        """Tag names must differ (ignoring case): a clash gets a number, and is said."""
        seen: Counter[str] = Counter()
        renamed = []
        for index, code in enumerate(self.codes):
            name = code.name or "Unnamed code"
            seen[name.casefold()] += 1
            if seen[name.casefold()] > 1 or not code.name:
                new = f"{name} ({seen[name.casefold()]})" if code.name else name
                while new.casefold() in {c.name.casefold() for c in self.codes}:
                    new += "*"
                renamed.append(f"the code “{code.name}” is named “{new}”")
                self.codes[index] = RefiCode(code.guid, new, code.colour, code.description)
        if renamed:
            self.adjustments.append(
                "code names must differ: " + "; ".join(renamed) + " (codes in codes are "
                "named Parent/Child)"
            )

    # --- sources ----------------------------------------------------------------------

    def _sources(self, root: ET.Element) -> list[RefiSource]:
        elements = [e for sources in children(root, "Sources") for e in sources]
        text_sources = [e for e in elements if local_name(e) == "TextSource"]
        others = Counter(_OTHER_SOURCES.get(local_name(e), local_name(e)) for e in elements)
        del others["TextSource"]
        for kind, count in sorted(others.items()):
            self.not_imported.append(
                f"{_plural(count, kind + ' source')} (and their selections and codings)"
            )
        names: set[str] = set()
        sources = []
        for done, element in enumerate(text_sources, start=1):
            source = self._text_source(element, names)
            if source is not None:
                sources.append(source)
                names.add(source.name.casefold())
            if self.progress is not None:
                self.progress(done, len(text_sources), source.name if source else "")
        return sources

    def _text_source(self, element: ET.Element, names: set[str]) -> RefiSource | None:
        label = element.get("name") or element.get("guid") or "a text source"
        guid = guid_of(element.get("guid")) or str(uuid.uuid4())
        raw = self._source_text(element, label)
        if raw is None:
            return None
        text, mapping = normalised(raw, count_crlf_as_two="nvivo" in self.origin.lower())
        if mapping is not None:
            counted = (
                "two characters (as NVivo does)"
                if "nvivo" in self.origin.lower()
                else "one character (as ATLAS.ti and MAXQDA do)"
            )
            self.adjustments.append(
                f"{label} has Windows line endings; its offsets were read counting each "
                f"line break as {counted}"
            )
        name = document_name(label, names)
        if name != label:
            self.adjustments.append(f"the text source “{label}” is named {name}")
        selections = [
            s
            for e in children(element, "PlainTextSelection")
            if (s := self._selection(e, label, text, mapping)) is not None
        ]
        selections.extend(self._source_level_notes(element, label, text, mapping))
        if element.findall(f"{NS}VariableValue"):
            self.not_imported.append(f"the variable values of {label}")
        is_source = (
            self.origin.startswith("CableReader")
            and child_text(element, "Description") == SOURCE_DESCRIPTION
        )
        if not is_source and child_text(element, "Description").strip():
            self.not_imported.append(f"the description of {label}")
        return RefiSource(guid, name, text, is_source, tuple(selections))

    def _source_text(self, element: ET.Element, label: str) -> str | None:
        path = element.get("plainTextPath")
        inline = element.find(f"{NS}PlainTextContent")
        if path is None and inline is not None:
            return inline.text or ""
        if path is None or not path.startswith(INTERNAL):
            where = "no text" if path is None else f"the external file {path}"
            self.not_imported.append(
                f"the text source {label} ({where}: only text inside the .qdpx is read)"
            )
            return None
        entry = self.archive.source_entry(path[len(INTERNAL) :])
        data = self.archive.read(entry, MAX_SOURCE_BYTES)
        try:
            text, _encoding = decode_bytes(data)
        except ValueError as error:
            raise ExchangeError(self.path, f"the text of {label} ({entry}) is {error}") from error
        return text

    def _selection(
        self, element: ET.Element, label: str, text: str, mapping: list[int] | None
    ) -> RefiSelection | None:
        start, end = self._span(element, label, text, mapping)
        if start == end:
            self.not_imported.append(f"an empty selection at {start} in {label}")
            return None
        codes = []
        for coding in children(element, "Coding"):
            ref = coding.find(f"{NS}CodeRef")
            target = guid_of(ref.get("targetGUID")) if ref is not None else None
            if target in self.code_guids and target is not None:
                codes.append(target)
            else:
                self.not_imported.append(
                    f"a coding of {label} {start}–{end} whose code is not in the codebook (a case?)"
                )
        notes = [child_text(element, "Description").strip()]
        for ref in children(element, "NoteRef"):
            notes.append(self._note_text(ref.get("targetGUID")))
        creator = guid_of(element.get("creatingUser")) or guid_of(element.get("modifyingUser"))
        return RefiSelection(
            guid_of(element.get("guid")) or str(uuid.uuid4()),
            start,
            end,
            tuple(dict.fromkeys(codes)),
            _joined(notes),
            self.users.get(creator or "", ""),
            xsd_time(element.get("creationDateTime")),
            xsd_time(element.get("modifiedDateTime") or element.get("creationDateTime")),
        )

    def _span(
        self, element: ET.Element, label: str, text: str, mapping: list[int] | None
    ) -> tuple[int, int]:
        try:
            start = int(element.get("startPosition") or "")
            end = int(element.get("endPosition") or "")
        except ValueError as error:
            raise ExchangeError(
                self.path, f"a selection in {label} has no whole-number start and end"
            ) from error
        limit = len(mapping) - 1 if mapping is not None else len(text)
        if not 0 <= start <= end <= limit:
            raise ExchangeError(
                self.path,
                f"a selection in {label} runs {start}–{end}, past its text of {limit} "
                "characters (or backwards)",
            )
        if mapping is not None:
            return mapping[start], mapping[end]
        return start, end

    def _note_text(self, guid: str | None) -> str:
        key = guid_of(guid)
        note = self.notes.get(key or "")
        if note is None or key is None:
            return ""
        self.used_notes.add(key)
        content = note.find(f"{NS}PlainTextContent")
        if content is not None:
            return (content.text or "").strip()
        path = note.get("plainTextPath")
        if path and path.startswith(INTERNAL):
            entry = self.archive.source_entry(path[len(INTERNAL) :])
            try:
                return decode_bytes(self.archive.read(entry, MAX_SOURCE_BYTES))[0].strip()
            except ValueError:
                return ""
        return child_text(note, "Description").strip()

    def _source_level_notes(
        self, element: ET.Element, label: str, text: str, mapping: list[int] | None
    ) -> Iterator[RefiSelection]:
        """QualCoder's annotations: a note on the source holding the passage it is about."""
        for ref in children(element, "NoteRef"):
            key = guid_of(ref.get("targetGUID"))
            note = self.notes.get(key or "")
            passage = note.find(f"{NS}PlainTextSelection") if note is not None else None
            if note is None or key is None:
                continue
            if passage is None:
                continue  # a note on the whole document: listed with the unused notes
            start, end = self._span(passage, label, text, mapping)
            note_text = self._note_text(key)
            if start == end:
                self.not_imported.append(f"an empty annotation at {start} in {label}")
                continue
            creator = guid_of(note.get("creatingUser")) or guid_of(note.get("modifyingUser"))
            yield RefiSelection(
                key,
                start,
                end,
                (),
                note_text,
                self.users.get(creator or "", ""),
                xsd_time(note.get("creationDateTime")),
                xsd_time(note.get("modifiedDateTime") or note.get("creationDateTime")),
            )

    # --- links ------------------------------------------------------------------------

    def _links(self, root: ET.Element, sources: list[RefiSource]) -> None:
        """Our links to source passages are recomputed; their target selections go."""
        links = [link for element in children(root, "Links") for link in element]
        if not links:
            return
        ours = self.origin.startswith("CableReader")
        targets = {guid_of(link.get("targetGUID")) for link in links}
        dropped = 0
        for index, source in enumerate(sources):
            kept = tuple(
                s
                for s in source.selections
                if not (ours and s.guid in targets and not s.code_guids)
            )
            dropped += len(source.selections) - len(kept)
            if len(kept) != len(source.selections):
                sources[index] = RefiSource(
                    source.guid, source.name, source.text, source.is_source, kept
                )
        if ours and dropped:
            self.adjustments.append(
                f"links from annotations to their source passages ({dropped}) are not "
                "stored: CableReader finds those passages again when it analyses"
            )
        else:
            self.not_imported.append(_plural(len(links), "link"))


def _joined(parts: list[str]) -> str:
    return "\n\n".join(dict.fromkeys(p for p in parts if p))


def read_qdpx(
    path: str | os.PathLike[str], progress: ExchangeProgress | None = None
) -> RefiProject:
    """Read and check a whole ``.qdpx``; raises :class:`ExchangeError` naming the file."""
    with QdpxArchive(path) as archive:
        return _Reader(archive, progress).read()
