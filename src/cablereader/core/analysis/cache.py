"""Analyses of articles kept on disk between runs, keyed by the texts' hashes.

Analysing a thousand articles takes seconds; opening the same corpus again (or starting
on the built-in sample) need not redo it.  Each source has one file in the cache folder,
named from the source's name and SHA-256 and a fingerprint of the analysis code; inside,
each article's result is found by the article's name and SHA-256.  A changed text is a
new key, and any change to the analysis code (or to CableReader's version) a new
fingerprint, so a result is only ever reused for exactly the input that produced it.

The folder is the user's own cache, never the project file: projects travel to other
people, and these results are pickles, which are only ever read from a folder that the
user alone writes.  The cache is an optimisation: a missing, damaged or unwritable file
is a miss, never an error.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from cablereader.core.analysis import fingerprint
from cablereader.core.analysis.results import ArticleAnalysis
from cablereader.core.documents import Document

FORMAT = 1
SUFFIX = ".analyses"
MAX_SOURCES = 24  # files kept; the least recently used go first
MAX_ARTICLES = 20_000  # results kept per source; the least recently used go first


def code_fingerprint() -> str:
    """A hash of the code whose changes change an analysis (see ``fingerprint``)."""
    return fingerprint.code_fingerprint(FORMAT)


class AnalysisCache:
    """Per-source files of pickled :class:`ArticleAnalysis` results in ``folder``."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)
        # Analyses of one corpus may overlap (a new one starts while the old one stops).
        self._lock = threading.Lock()

    def file_for(self, source: Document) -> Path:
        key = f"{code_fingerprint()}\0{source.name}\0{source.sha256}"
        return self.folder / (hashlib.sha256(key.encode()).hexdigest()[:40] + SUFFIX)

    def lookup(self, source: Document, articles: Sequence[Document]) -> dict[int, ArticleAnalysis]:
        """The cached analyses of ``articles`` against ``source``, by index in ``articles``."""
        path = self.file_for(source)
        with self._lock:
            entries = _read(path)
        if not entries:
            return {}
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used: kept longest
        found: dict[int, ArticleAnalysis] = {}
        for index, article in enumerate(articles):
            data = entries.get(_article_key(article))
            if data is None:
                continue
            # One small unpickling per article: another thread (the window's) gets the
            # interpreter lock between them, where one large one would hold it throughout.
            try:
                analysis = pickle.loads(data)
            except Exception:  # a damaged entry is a miss
                continue
            if isinstance(analysis, ArticleAnalysis) and analysis.name == article.name:
                found[index] = analysis
        return found

    def store(self, source: Document, results: Iterable[tuple[Document, ArticleAnalysis]]) -> None:
        """Add these results (article, its analysis against ``source``) to the cache."""
        new = {_article_key(article): pickle.dumps(analysis) for article, analysis in results}
        if not new:
            return
        path = self.file_for(source)
        with self._lock:
            entries = _read(path)
            for key in new:
                entries.pop(key, None)  # re-inserted last: the most recently used
            entries.update(new)
            while len(entries) > MAX_ARTICLES:
                del entries[next(iter(entries))]
            _write(path, entries)
            self._prune()

    def _prune(self) -> None:
        try:
            files = sorted(self.folder.glob(f"*{SUFFIX}"), key=lambda p: p.stat().st_mtime)
        except OSError:
            return
        for stale in files[: max(0, len(files) - MAX_SOURCES)]:
            with contextlib.suppress(OSError):
                stale.unlink()


def _article_key(article: Document) -> str:
    return f"{article.name}\0{article.sha256}"


def _read(path: Path) -> dict[str, bytes]:
    try:
        with open(path, "rb") as handle:
            content: Any = pickle.load(handle)
    except FileNotFoundError:
        return {}
    except Exception:  # unreadable or damaged: start this source's file afresh
        return {}
    if not isinstance(content, dict) or content.get("format") != FORMAT:
        return {}
    entries = content.get("entries")
    return dict(entries) if isinstance(entries, dict) else {}


def _write(path: Path, entries: dict[str, bytes]) -> None:
    """Replace the file at once (a temporary file renamed), so readers never see half."""
    temporary: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        with os.fdopen(descriptor, "wb") as handle:
            pickle.dump({"format": FORMAT, "entries": entries}, handle)
        os.replace(temporary, path)
    except OSError:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.remove(temporary)
