"""Loading source documents and articles from disk into :class:`Document` objects.

A document's text is the file decoded to Unicode with the byte-order mark stripped and line
endings normalised to ``\\n``; nothing else is changed, because every offset the application
stores (UI, project file, CSV, CLI) is a code-point offset into exactly this text.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from cablereader import __version__
from cablereader.core.decoding import decode_bytes
from cablereader.core.filechecks import NotARegularFile, open_regular_file
from cablereader.core.formats import (
    IMPORT_SUFFIXES,
    TEXT,
    CancelCheck,
    ExtractionCancelled,
    FormatError,
    Metadata,
    Progress,
    Provenance,
    extract,
)

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
# Web pages, PDF, Word, ODT, RTF, e-mail and Markdown besides plain text (see formats).
DOCUMENT_SUFFIXES = IMPORT_SUFFIXES
TEXT_EXTRACTOR = f"cablereader {__version__}"

TITLE_MAX_CHARS = 80

_NEWLINE_RE = re.compile("\r\n?")
_SPACE_RE = re.compile(r"\s")


class DocumentError(Exception):
    """A document could not be loaded.

    ``str(e)`` is a complete user-facing message naming the file and the reason, e.g.
    ``"report.pdf: not a text file (it contains binary data)"``. ``path`` is the path as
    given, ``reason`` the reason without the path. ``label`` overrides the file name shown
    in the message (``load_paths`` uses the path relative to a walked folder).
    """

    def __init__(self, path: str, reason: str, *, label: str | None = None) -> None:
        self.path = path
        self.reason = reason
        self.label = _valid_unicode(label if label is not None else _display_name(path))
        super().__init__(f"{self.label}: {reason}")

    def __reduce__(self) -> tuple[object, ...]:
        # Exception pickling re-calls cls(*args); keep it working (e.g. across processes).
        return (_rebuild_error, (self.path, self.reason, self.label))


def _rebuild_error(path: str, reason: str, label: str) -> DocumentError:
    return DocumentError(path, reason, label=label)


def _valid_unicode(value: str) -> str:
    """``value`` with what is not Unicode replaced by U+FFFD.

    A file name that is not valid UTF-8 (on POSIX) reaches Python as lone surrogates,
    which cannot be stored, shown or written to CSV; names and paths are kept for
    people to read, so a replacement character is the honest rendering.
    """
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        try:
            raw = value.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:
            raw = value.encode("utf-8", "surrogatepass")
        return raw.decode("utf-8", "replace")
    return value


def _display_name(path: str) -> str:
    # Use the absolute form so that "." or "dir/" still show a meaningful name.
    return os.path.basename(os.path.normpath(os.path.abspath(path))) or path


def _make_title(text: str, fallback: str) -> str:
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        if len(line) <= TITLE_MAX_CHARS:
            return line
        # The ellipsis counts towards the limit, so at most 79 characters of text remain.
        # Look one character further: a space there means the 79 end on a word boundary.
        limit = TITLE_MAX_CHARS - 1
        cut = line[: limit + 1]
        boundary = max((m.start() for m in _SPACE_RE.finditer(cut)), default=0)
        return (cut[:boundary] if boundary else line[:limit]).rstrip() + "…"
    return fallback


@dataclass(frozen=True)
class Document:
    """A decoded text document; ``name`` identifies it in reports and must be unique."""

    name: str
    path: str
    text: str = field(repr=False)
    encoding: str
    sha256: str
    title: str
    # The original file and how its text was made; None for text made in the app.
    provenance: Provenance | None = field(default=None, repr=False, compare=False)

    @property
    def metadata(self) -> Metadata:
        return self.provenance.metadata if self.provenance is not None else Metadata()

    @classmethod
    def from_text(cls, name: str, text: str, path: str = "") -> Document:
        """Build a document from a string, normalising line endings (encoding "utf-8")."""
        return _make_document(name, path, text, "utf-8")


def _make_document(name: str, path: str, text: str, encoding: str) -> Document:
    text = _NEWLINE_RE.sub("\n", text.removeprefix("\ufeff"))
    # Hash the UTF-8 form so that the same text read from another encoding compares equal.
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return Document(name, path, text, encoding, digest, _make_title(text, name))


def _format_size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    unit, scale = ("KB", 1024) if size < 1024 * 1024 else ("MB", 1024 * 1024)
    return f"{size / scale:.1f}".removesuffix(".0") + f" {unit}"


def _too_large_reason(size: int) -> str:
    shown, limit = _format_size(size), _format_size(MAX_DOCUMENT_BYTES)
    if shown == limit:  # rounding made a slightly larger file look the same size
        shown = "over " + limit
    return f"file is too large ({shown}; the limit is {limit})"


def _os_error_reason(error: OSError) -> str:
    if isinstance(error, (FileNotFoundError, NotADirectoryError)):
        return "no such file or folder"
    if isinstance(error, PermissionError):
        return "cannot be read (permission denied)"
    if isinstance(error, IsADirectoryError):
        return "is a folder"
    return error.strerror or str(error)


def load_document(
    path: str | os.PathLike[str],
    *,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> Document:
    """Read and decode one file; raise :class:`DocumentError` with a user-facing reason.

    Files in another format than plain text (by content, else suffix) are read by
    :mod:`cablereader.core.formats`; ``progress``/``cancelled`` reach long extractions.
    """
    given = os.fspath(path)
    try:
        info = os.stat(given)
        if stat.S_ISDIR(info.st_mode):
            raise DocumentError(given, "is a folder")
        if not stat.S_ISREG(info.st_mode):
            # Reading a FIFO or device could block forever or never end.
            raise DocumentError(given, "is not a regular file")
        if info.st_size > MAX_DOCUMENT_BYTES:
            raise DocumentError(given, _too_large_reason(info.st_size))
        # Opened without blocking and checked again once open (a pipe swapped in since
        # the stat would block the reader for ever); bounded, as the file may have grown.
        with open_regular_file(given) as handle:
            data = handle.read(MAX_DOCUMENT_BYTES + 1)
    except NotARegularFile as error:
        raise DocumentError(given, error.reason) from error
    except OSError as error:
        raise DocumentError(given, _os_error_reason(error)) from error
    except ValueError as error:  # e.g. an embedded NUL character in the path
        raise DocumentError(given, "invalid file name") from error
    if len(data) > MAX_DOCUMENT_BYTES:
        raise DocumentError(given, _too_large_reason(len(data)))
    if not data:
        raise DocumentError(given, "file is empty")
    try:
        extraction = extract(
            data, os.path.splitext(given)[1], progress=progress, cancelled=cancelled
        )
        if extraction is None:
            text, encoding = decode_bytes(data)
            provenance = Provenance.of(data, TEXT, TEXT_EXTRACTOR)
        else:
            text, encoding = extraction.text, extraction.encoding
            provenance = Provenance.of(
                data, extraction.format, extraction.extractor, extraction.metadata
            )
    except (ValueError, FormatError) as error:
        raise DocumentError(given, str(error)) from error
    absolute = _valid_unicode(os.path.abspath(given))
    document = replace(
        _make_document(os.path.basename(absolute), absolute, text, encoding),
        provenance=provenance,
    )
    if not document.text.strip():
        raise DocumentError(given, "file is empty")
    return document


# The progress and cancel callbacks are the format extractors' own: (done, total) and
# "has the user cancelled?".
Cancelled = CancelCheck


# The pages of a long file as they are read (a PDF): (file, done, total).
PageProgress = Callable[[str, int, int], None]


class LoadCancelled(Exception):
    """Loading (or building a project from what was loaded) was cancelled by the user."""


@dataclass(frozen=True)
class LoadResult:
    documents: tuple[Document, ...]
    errors: tuple[DocumentError, ...]


def _folder_candidates(
    folder: str, errors: list[DocumentError], cancelled: Cancelled | None = None
) -> list[tuple[str, str]]:
    """(path, relative path) of visible document files under ``folder``, sorted.

    Walked with a stack, not recursion (``os.walk`` recurses before Python 3.12, and a
    folder nested 1,000 deep would end the walk with ``RecursionError``).  Symlinked
    folders are not entered: one pointing back up the tree must not make it endless.
    """
    found: list[tuple[tuple[str, ...], str, str]] = []
    pending: list[tuple[str, tuple[str, ...]]] = [(folder, ())]
    while pending:
        if cancelled is not None and cancelled():
            raise LoadCancelled("loading was cancelled")
        directory, parts = pending.pop()
        try:
            with os.scandir(directory) as entries:
                listed = list(entries)
        except OSError as error:
            where = error.filename if isinstance(error.filename, str) else directory
            errors.append(DocumentError(where, _os_error_reason(error)))
            continue
        for entry in listed:
            if entry.name.startswith("."):
                continue
            try:
                is_folder = entry.is_dir()
                descend = is_folder and not entry.is_symlink()
            except OSError:
                is_folder = descend = False
            if is_folder:
                if descend:
                    pending.append((entry.path, (*parts, entry.name)))
            elif entry.name.lower().endswith(DOCUMENT_SUFFIXES):
                rel = (*parts, entry.name)
                found.append((rel, entry.path, "/".join(rel)))
    found.sort(key=lambda item: item[0])
    return [(full, rel) for _, full, rel in found]


def _unique_name(document: Document, used: set[str], numbers: dict[str, int]) -> str:
    if document.name not in used:
        return document.name
    # Prefix parent folder names until unique: "notes.txt" -> "sub/notes.txt" -> "a/sub/...".
    parents = os.path.dirname(document.path).replace(os.sep, "/").strip("/").split("/")
    name = document.name
    for parent in reversed([p for p in parents if p]):
        name = f"{parent}/{name}"
        if name not in used:
            return name
    # Then a number, counting on from the last one given to this name (not from 2 each
    # time: thousands of files of one name would make that quadratic).
    number = numbers.get(name, 2)
    while f"{name} ({number})" in used:
        number += 1
    numbers[name] = number + 1
    return f"{name} ({number})"


def load_paths(
    paths: Iterable[str | os.PathLike[str]],
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    pages: PageProgress | None = None,
) -> LoadResult:
    """Load files and folders; failures are collected rather than raised.

    Files given explicitly load whatever their suffix. Folders are walked recursively in
    sorted order of relative path, skipping hidden entries and taking only files with a
    suffix in ``DOCUMENT_SUFFIXES``; a folder that yields no document gets its own error.
    A file reached twice (same resolved path) loads once. Document names are unique: when
    a base name is already taken, later documents are prefixed with their parent folder
    name ("sub/notes.txt"), then further ancestors, and finally a number ("notes.txt (2)").

    Folders are walked first, then the files read: ``progress(done, total)`` is called
    after each file, and ``cancelled()`` (checked between folders and between files)
    returning true stops with :class:`LoadCancelled`.  A long file (a PDF) is read page
    by page: ``pages(file, done, total)`` is told of each page, and ``cancelled()`` is
    checked between pages too.
    """
    documents: list[Document] = []
    errors: list[DocumentError] = []
    seen: set[str] = set()
    used_names: set[str] = set()
    numbers: dict[str, int] = {}

    def load_one(path: str, label: str | None = None) -> str:
        """Load ``path`` unless already seen; return "loaded", "failed" or "duplicate"."""
        key = os.path.realpath(path)
        if key in seen:
            return "duplicate"
        seen.add(key)
        report = None
        if pages is not None:
            shown, tell = label or _display_name(path), pages

            def report(done: int, total: int) -> None:
                tell(shown, done, total)

        try:
            document = load_document(path, progress=report, cancelled=cancelled)
        except ExtractionCancelled as stopped:
            raise LoadCancelled("loading was cancelled") from stopped
        except DocumentError as error:
            if label is not None:
                error = DocumentError(path, error.reason, label=label)
            errors.append(error)
            return "failed"
        name = _unique_name(document, used_names, numbers)
        used_names.add(name)
        documents.append(document if name == document.name else replace(document, name=name))
        return "loaded"

    # What to load, item by item: a file, or a folder's files (None: a folder seen before).
    plan: list[tuple[str, list[tuple[str, str]] | None, list[DocumentError]]] = []
    for item in paths:
        given = os.fspath(item)
        walk_errors: list[DocumentError] = []
        if not os.path.isdir(given):
            plan.append((given, None, walk_errors))
            continue
        folder_key = os.path.realpath(given)
        if folder_key in seen:
            continue
        seen.add(folder_key)
        plan.append((given, _folder_candidates(given, walk_errors, cancelled), walk_errors))
    total = sum(1 if files is None else len(files) for _, files, _ in plan)
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)
        if cancelled is not None and done < total and cancelled():
            raise LoadCancelled("loading was cancelled")

    for given, files, walk_errors in plan:
        if files is None:
            load_one(given)
            step()
            continue
        errors_before = len(errors)
        errors.extend(walk_errors)
        folder_label = _display_name(given)
        outcomes = []
        for full, rel in files:
            outcomes.append(load_one(full, f"{folder_label}/{rel}"))
            step()
        if any(e.path == given for e in errors[errors_before:]):
            continue  # the folder itself could not be read; that error already says so
        if not outcomes and len(errors) == errors_before:
            errors.append(DocumentError(given, "folder contains no documents CableReader reads"))
        elif "loaded" not in outcomes and "duplicate" not in outcomes:
            errors.append(DocumentError(given, "no document in this folder could be loaded"))
    return LoadResult(documents=tuple(documents), errors=tuple(errors))
