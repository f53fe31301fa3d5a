"""Loading source documents and articles from disk into :class:`Document` objects.

A document's text is the file decoded to Unicode with the byte-order mark stripped and line
endings normalised to ``\\n``; nothing else is changed, because every offset the application
stores (UI, project file, CSV, CLI) is a code-point offset into exactly this text.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from cablereader import __version__
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

_BINARY_REASON = "not a text file (it contains binary data)"
# Text with NUL bytes: kept out, since NUL ends strings in much software (CSV readers,
# spreadsheets), but said plainly, as it is otherwise text.
_NUL_REASON = "not a text file (it contains NUL bytes; remove them to import it)"
_UNKNOWN_ENCODING_REASON = "not a text file (cannot determine its encoding)"

# UTF-32 BOMs come first: the UTF-32-LE BOM begins with the UTF-16-LE BOM.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# C0/C1 control characters other than \t \n \r \f; counted with a regex because a
# per-character Python loop is slow on multi-megabyte files.
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
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


def _too_many_controls(text: str) -> bool:
    # A stray control character (a DOS end-of-file mark, say) is tolerated; a binary file
    # misread as text produces them everywhere.
    return len(_CONTROL_RE.findall(text)) > max(2, len(text) // 100)


def _decode_utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    if len(data) < 2 or len(data) % 2:
        return None
    half = len(data) // 2
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    # Latin-script UTF-16 has a NUL high byte in most code units, the other byte rarely NUL.
    if odd_nuls > half // 2 and even_nuls <= half // 10:
        encoding, strict = "utf-16-le", False
    elif even_nuls > half // 2 and odd_nuls <= half // 10:
        encoding, strict = "utf-16-be", False
    # Other scripts (Arabic, Hebrew, Cyrillic, Greek...) have NUL high bytes only in
    # spaces, digits and punctuation: NULs in one column only, and what it decodes to
    # must look like text.
    elif even_nuls == 0 < odd_nuls:
        encoding, strict = "utf-16-le", True
    elif odd_nuls == 0 < even_nuls:
        encoding, strict = "utf-16-be", True
    else:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    if _too_many_controls(text) or (strict and not _looks_like_text(text)):
        return None
    return text, encoding


# Unicode general categories of text: letters, marks, numbers, punctuation, symbols,
# separators.  Binary data decoded as UTF-16 gives unassigned and private-use code
# points (Cn, Co) and unpaired surrogates (Cs) instead.
_TEXT_CATEGORIES = frozenset("LMNPSZ")
_TEXT_SAMPLE_CHARS = 20_000


def _looks_like_text(text: str) -> bool:
    sample = text[:_TEXT_SAMPLE_CHARS]
    odd = sum(
        1
        for char in sample
        if unicodedata.category(char)[0] not in _TEXT_CATEGORIES and char not in "\t\n\r\f"
    )
    return odd <= len(sample) // 100


def _mostly_utf8(data: bytes) -> tuple[str, str] | None:
    """UTF-8 with a few broken sequences (a bad copy, a truncated download), repaired.

    Each broken sequence becomes U+FFFD and the recorded encoding says how many there
    were.  Only when valid multi-byte characters far outnumber the broken ones: a
    legacy file (Windows-1252, say) has almost none, and is left to the guess.
    """
    replaced = data.decode("utf-8", "replace")
    valid = data.decode("utf-8", "ignore")
    broken = len(replaced) - len(valid)
    multibyte = len(valid) - len(valid.encode("ascii", "ignore"))
    if not broken or multibyte < 4 * broken or _too_many_controls(replaced):
        return None
    plural = "s" if broken > 1 else ""
    return replaced, f"utf-8 ({broken} invalid byte sequence{plural} replaced by \ufffd)"


def _guess_legacy_encoding(data: bytes) -> tuple[str, str]:
    # Imported lazily: it is only needed for legacy files and slows application start-up.
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise ValueError(_UNKNOWN_ENCODING_REASON)
    names = [best.encoding]
    # charset_normalizer breaks ties alphabetically (cp1250 before cp1252). Windows-1252 is
    # by far the most common legacy encoding for Western text, so prefer it on a tie.
    for match in matches:
        tie = match.chaos == best.chaos and match.coherence == best.coherence
        if tie and "cp1252" in match.could_be_from_charset:
            names.insert(0, "cp1252")
            break
    for name in names:
        try:
            encoding = codecs.lookup(name).name
            text = data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
        if not _too_many_controls(text):
            return text, encoding
    raise ValueError(_UNKNOWN_ENCODING_REASON)


def _strict_decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _decode(data: bytes) -> tuple[str, str]:
    for bom, name in _BOMS:
        # utf-8-sig strips its own BOM; the others are decoded without theirs.
        payload = data if name == "utf-8-sig" else data[len(bom) :]
        text = _strict_decode(payload, name) if data.startswith(bom) else None
        if text is not None:
            return text, name
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ValueError("not a text file (it has a byte-order mark but is not valid Unicode)")
    # NUL bytes are valid UTF-8 but never appear in text files; ASCII-only UTF-16 without
    # a BOM would otherwise pass as UTF-8 full of NULs.
    text = _strict_decode(data, "utf-8") if b"\x00" not in data else None
    if text is not None:
        return text, "utf-8"
    utf16 = _decode_utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    if b"\x00" in data:
        rest = _strict_decode(data.replace(b"\x00", b""), "utf-8")
        if rest is not None and not _too_many_controls(rest):
            raise ValueError(_NUL_REASON)
        raise ValueError(_BINARY_REASON)
    repaired = _mostly_utf8(data)
    if repaired is not None:
        return repaired
    return _guess_legacy_encoding(data)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode file contents to ``(text, encoding)``; raise ``ValueError(reason)`` if not text.

    Order: byte-order mark, strict UTF-8, UTF-16 without BOM (by its NUL-byte pattern),
    UTF-8 with a few broken sequences (replaced by U+FFFD, counted in the encoding), then
    a charset_normalizer guess for legacy encodings such as Windows-1252. Data with NUL
    bytes that is not UTF-16 is refused (as text with NULs, or as binary), and so is text
    made mostly of control characters. A leading U+FEFF is stripped; line endings are
    left alone (see :func:`load_document`).
    """
    text, encoding = _decode(data)
    # Valid UTF-8 (or UTF-16 with a BOM) can still be binary: control characters only.
    if _too_many_controls(text):
        raise ValueError(_BINARY_REASON)
    return text.removeprefix("\ufeff"), encoding


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
        with open(given, "rb") as handle:
            # Bounded read: the file may have grown since stat().
            data = handle.read(MAX_DOCUMENT_BYTES + 1)
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


@dataclass(frozen=True)
class LoadResult:
    documents: tuple[Document, ...]
    errors: tuple[DocumentError, ...]


def _folder_candidates(folder: str, errors: list[DocumentError]) -> list[tuple[str, str]]:
    """(path, relative path) of visible document files under ``folder``, sorted."""

    def on_error(error: OSError) -> None:
        where = error.filename if isinstance(error.filename, str) else folder
        errors.append(DocumentError(where, _os_error_reason(error)))

    found: list[tuple[tuple[str, ...], str, str]] = []
    # followlinks=False: a symlink pointing back up the tree must not make the walk endless.
    for root, dirnames, filenames in os.walk(folder, onerror=on_error, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for filename in filenames:
            if filename.startswith(".") or not filename.lower().endswith(DOCUMENT_SUFFIXES):
                continue
            full = os.path.join(root, filename)
            rel = os.path.relpath(full, folder).replace(os.sep, "/")
            found.append((tuple(rel.split("/")), full, rel))
    found.sort(key=lambda item: item[0])
    return [(full, rel) for _, full, rel in found]


def _unique_name(document: Document, used: set[str]) -> str:
    if document.name not in used:
        return document.name
    # Prefix parent folder names until unique: "notes.txt" -> "sub/notes.txt" -> "a/sub/...".
    parents = os.path.dirname(document.path).replace(os.sep, "/").strip("/").split("/")
    name = document.name
    for parent in reversed([p for p in parents if p]):
        name = f"{parent}/{name}"
        if name not in used:
            return name
    number = 2
    while f"{name} ({number})" in used:
        number += 1
    return f"{name} ({number})"


# Progress of loading: (done, total, what); total 0 while a file's length is unknown.
LoadProgress = Callable[[int, int, str], None]


def load_paths(
    paths: Iterable[str | os.PathLike[str]],
    *,
    progress: LoadProgress | None = None,
    cancelled: CancelCheck | None = None,
) -> LoadResult:
    """Load files and folders; failures are collected rather than raised.

    ``progress(done, total, what)`` is told of each file as it is read, and of the pages
    of a long one (a PDF); ``cancelled()`` is asked before each file and between pages,
    and a cancel raises :class:`ExtractionCancelled` (nothing is returned then).

    Files given explicitly load whatever their suffix. Folders are walked recursively in
    sorted order of relative path, skipping hidden entries and taking only files with a
    suffix in ``DOCUMENT_SUFFIXES``; a folder that yields no document gets its own error.
    A file reached twice (same resolved path) loads once. Document names are unique: when
    a base name is already taken, later documents are prefixed with their parent folder
    name ("sub/notes.txt"), then further ancestors, and finally a number ("notes.txt (2)").
    """
    documents: list[Document] = []
    errors: list[DocumentError] = []
    seen: set[str] = set()
    used_names: set[str] = set()

    def load_one(path: str, label: str | None = None) -> str:
        """Load ``path`` unless already seen; return "loaded", "failed" or "duplicate"."""
        key = os.path.realpath(path)
        if key in seen:
            return "duplicate"
        seen.add(key)
        if cancelled is not None and cancelled():
            raise ExtractionCancelled
        pages = None
        if progress is not None:
            shown = label or _display_name(path)
            report = progress

            def pages(done: int, total: int) -> None:
                report(done, total, f"{shown}: page {done} of {total}")

            report(0, 0, f"Reading {shown}")
        try:
            document = load_document(path, progress=pages, cancelled=cancelled)
        except DocumentError as error:
            if label is not None:
                error = DocumentError(path, error.reason, label=label)
            errors.append(error)
            return "failed"
        name = _unique_name(document, used_names)
        used_names.add(name)
        documents.append(document if name == document.name else replace(document, name=name))
        return "loaded"

    for item in paths:
        given = os.fspath(item)
        if not os.path.isdir(given):
            load_one(given)
            continue
        folder_key = os.path.realpath(given)
        if folder_key in seen:
            continue
        seen.add(folder_key)
        errors_before = len(errors)
        folder_label = _display_name(given)
        outcomes = [
            load_one(full, f"{folder_label}/{rel}")
            for full, rel in _folder_candidates(given, errors)
        ]
        if any(e.path == given for e in errors[errors_before:]):
            continue  # the folder itself could not be read; that error already says so
        if not outcomes and len(errors) == errors_before:
            errors.append(DocumentError(given, "folder contains no documents CableReader reads"))
        elif "loaded" not in outcomes and "duplicate" not in outcomes:
            errors.append(DocumentError(given, "no document in this folder could be loaded"))
    return LoadResult(documents=tuple(documents), errors=tuple(errors))
