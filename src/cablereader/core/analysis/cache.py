"""Analyses of articles kept on disk between runs, keyed by hashes of the texts.

Analysing a thousand articles takes seconds; opening the same corpus again (or starting
on the built-in sample) need not redo it.  Each source has one file in the cache folder,
named from a fingerprint of the analysis code and the source's name and text; inside,
each article's result is found by the article's name and text.  The hashes are computed
here, from the texts themselves, never taken from a project: a project that travelled
may carry a text cut short under the hash of the full one, and must not be shown the
full text's results.  Any change to the analysis code (or to CableReader's version) is
a new fingerprint, so a result is only ever reused for exactly the input that made it.

What is stored is data only: zlib-compressed JSON (see ``records``), parsed field by
field, never unpickled, so a file planted in the folder can at worst be a wrong miss.
Still, the folder is the user's alone: created ``0700`` (whatever the umask), its
files ``0600``, and a folder owned by someone else or writable by others is not used.
The total size is bounded; the least recently used sources go first.

The cache is an optimisation: a missing, damaged, truncated or unwritable file is a
miss (and a damaged one is removed), never an error.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import tempfile
import threading
import time
import zlib
from collections.abc import Iterable, Sequence
from pathlib import Path

from cablereader.core.analysis import fingerprint, records
from cablereader.core.analysis.results import ArticleAnalysis
from cablereader.core.documents import Document

FORMAT = 2  # 1 was pickles: never read again
SUFFIX = ".analyses.json.z"
OLD_SUFFIXES = (".analyses",)  # removed when found: a pickle is never opened
MAX_SOURCES = 24  # files kept; the least recently used go first
MAX_ARTICLES = 20_000  # results kept per source; the least recently used go first
MAX_TOTAL_BYTES = 256 * 1024 * 1024  # the whole folder, compressed
MAX_FILE_BYTES = 64 * 1024 * 1024  # one file, compressed, as read
MAX_EXPANDED_BYTES = 512 * 1024 * 1024  # one file, decompressed: no zip bomb
STALE_TEMPORARY_S = 3600  # a temporary file this old was left by a process that died
FOLDER_MODE = 0o700
FILE_MODE = 0o600


def code_fingerprint() -> str:
    """A hash of the code whose changes change an analysis (see ``fingerprint``)."""
    return fingerprint.code_fingerprint(FORMAT * 1000 + records.VERSION)


def text_hash(text: str) -> str:
    """SHA-256 of ``text`` in UTF-8, as the project computes it, but computed here."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


Sources = Document | Sequence[Document]


def _listed(source: Sources) -> Sequence[Document]:
    return (source,) if isinstance(source, Document) else source


class AnalysisCache:
    """Per-source files of :class:`ArticleAnalysis` records in ``folder``."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)
        # Analyses of one corpus may overlap (a new one starts while the old one stops).
        self._lock = threading.Lock()

    def file_key(self, source: Sources) -> str:
        """The code and the sources (names and texts, the primary first) results hold for."""
        parts = [code_fingerprint()]
        for document in _listed(source):
            parts += [document.name, text_hash(document.text)]
        return "\0".join(parts)

    def file_for(self, source: Sources) -> Path:
        digest = hashlib.sha256(self.file_key(source).encode("utf-8", "surrogatepass"))
        return self.folder / (digest.hexdigest()[:40] + SUFFIX)

    def lookup(self, source: Sources, articles: Sequence[Document]) -> dict[int, ArticleAnalysis]:
        """The cached analyses of ``articles`` against ``source`` (a source, or the sources
        of a corpus with several, the primary first), by index in ``articles``."""
        if not usable_folder(self.folder, create=False):
            return {}
        path, key = self.file_for(source), self.file_key(source)
        with self._lock:
            entries = _read(path, key)
        if not entries:
            return {}
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used: kept longest
        found: dict[int, ArticleAnalysis] = {}
        damaged: list[str] = []
        for index, article in enumerate(articles):
            article_key = _article_key(article)
            data = entries.get(article_key)
            if data is None:
                continue
            # One small decoding per article: another thread (the window's) gets the
            # interpreter lock between them, where one large one would hold it throughout.
            try:
                analysis = records.loads(data)
            except records.RecordError:
                damaged.append(article_key)
                continue
            if _describes(analysis, _listed(source)[0], article):
                found[index] = analysis
            else:
                damaged.append(article_key)
        if damaged:  # a damaged entry is a miss, and is not kept
            with self._lock:
                entries = _read(path, key)
                for article_key in damaged:
                    entries.pop(article_key, None)
                _write(path, key, entries)
        return found

    def store(self, source: Sources, results: Iterable[tuple[Document, ArticleAnalysis]]) -> None:
        """Add these results (article, its analysis against ``source``) to the cache."""
        new = {_article_key(article): records.dumps(analysis) for article, analysis in results}
        if not new or not usable_folder(self.folder, create=True):
            return
        path, key = self.file_for(source), self.file_key(source)
        with self._lock:
            entries = _read(path, key)
            for article_key in new:
                entries.pop(article_key, None)  # re-inserted last: the most recently used
            entries.update(new)
            while len(entries) > MAX_ARTICLES:
                del entries[next(iter(entries))]
            _write(path, key, entries)
            self._prune(keep=path)

    def _prune(self, keep: Path) -> None:
        """Drop old-format files and dead writers' temporaries, then the least recently
        used over the bounds."""
        sized: list[tuple[float, int, Path]] = []
        try:
            children = list(self.folder.iterdir())
        except OSError:
            return
        now = time.time()
        for child in children:
            if child.name.endswith(OLD_SUFFIXES) and not child.name.endswith(SUFFIX):
                with contextlib.suppress(OSError):
                    child.unlink()
            elif child.name.startswith(".") and child.name.endswith(".tmp"):
                with contextlib.suppress(OSError):
                    if now - child.lstat().st_mtime > STALE_TEMPORARY_S:
                        child.unlink()
            elif child.name.endswith(SUFFIX):
                with contextlib.suppress(OSError):
                    info = child.lstat()
                    sized.append((info.st_mtime, info.st_size, child))
        sized.sort(key=lambda item: (item[2] == keep, item[0]))  # oldest first, ours last
        total = sum(size for _, size, _ in sized)
        count = len(sized)
        for _, size, child in sized:
            if child == keep or (count <= MAX_SOURCES and total <= MAX_TOTAL_BYTES):
                break
            with contextlib.suppress(OSError):
                child.unlink()
            count -= 1
            total -= size


def usable_folder(folder: Path, *, create: bool) -> bool:
    """Whether ``folder`` is the user's own (created ``0700`` with ``create``).

    A folder of someone else's, or one others may write to, could hold files they
    planted: it is not used.  One of the user's own that is too open (made under an
    ``umask`` of 000 by an older version) is closed to ``0700`` and emptied, since what
    it holds may have been planted while it was open.
    """
    if create:
        try:
            _make_private_folders(folder)
        except OSError:
            return False
    try:
        info = os.stat(folder)
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode):
        return False
    if not hasattr(os, "getuid"):
        return True  # Windows: the folder sits in the user's own profile
    if info.st_uid != os.getuid():
        return False
    if info.st_mode & 0o077:
        try:
            os.chmod(folder, FOLDER_MODE)
            for child in folder.iterdir():
                if child.name.endswith(SUFFIX) or child.name.endswith(OLD_SUFFIXES):
                    child.unlink()
        except OSError:
            return False
    return True


def _make_private_folders(folder: Path) -> None:
    """Create ``folder`` and its missing parents, each ``0700`` whatever the umask."""
    missing: list[Path] = []
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            break
        missing.append(candidate)
    for path in reversed(missing):
        with contextlib.suppress(FileExistsError):
            os.mkdir(path, FOLDER_MODE)
            os.chmod(path, FOLDER_MODE)  # mkdir's mode is masked by the umask; chmod's is not


def _describes(analysis: ArticleAnalysis, source: Document, article: Document) -> bool:
    alignment = analysis.alignment
    return (
        analysis.name == article.name
        and alignment.a_length == len(source.text)
        and alignment.b_length == len(article.text)
    )


def _article_key(article: Document) -> str:
    return f"{article.name}\0{text_hash(article.text)}"


def _read(path: Path, key: str) -> dict[str, str]:
    """The entries of ``path`` if it is a whole file of ours for ``key``; else none.

    A file that is there but is not such a file is removed: it can only be damaged
    (a crash mid-write is impossible, see ``_write``; a full disk or a bad copy is not).
    """
    try:
        data = _read_own_file(path)
    except FileNotFoundError:
        return {}
    except OSError:
        return {}
    try:
        expander = zlib.decompressobj()
        text = expander.decompress(data, MAX_EXPANDED_BYTES)
        if expander.unconsumed_tail or not expander.eof:
            raise ValueError("truncated, or larger than the limit")
        content = json.loads(text.decode("utf-8"))
        if not isinstance(content, dict) or content.get("format") != FORMAT:
            raise ValueError("another format")
        if content.get("key") != key:
            raise ValueError("the entries of another source")
        entries = content.get("entries")
        if not isinstance(entries, dict) or not all(
            isinstance(value, str) for value in entries.values()
        ):
            raise ValueError("no entries")
    except (ValueError, zlib.error, RecursionError):
        with contextlib.suppress(OSError):
            path.unlink()
        return {}
    return entries


def _read_own_file(path: Path) -> bytes:
    """The bytes of ``path``: a regular file of this user's, never through a symlink."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    flags |= getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags)
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise OSError(f"{path.name}: not a regular file")
        if hasattr(os, "getuid") and info.st_uid != os.getuid():
            raise OSError(f"{path.name}: someone else's file")
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise OSError(f"{path.name}: larger than the limit")
    return data


def _write(path: Path, key: str, entries: dict[str, str]) -> None:
    """Replace the file at once (a temporary file renamed), so readers never see half."""
    temporary: str | None = None
    # ASCII: lone surrogates (a file name that was not UTF-8) survive as escapes.
    content = json.dumps({"format": FORMAT, "key": key, "entries": entries})
    try:
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        with os.fdopen(descriptor, "wb") as handle:
            with contextlib.suppress(OSError):
                os.fchmod(handle.fileno(), FILE_MODE)  # mkstemp's is 0600 already
            handle.write(zlib.compress(content.encode("ascii"), 6))
        os.replace(temporary, path)
    except OSError:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.remove(temporary)
