"""Hostile project files, as someone could send them: too large, left mid-crash, linked.

Each maker turns a valid project (the bytes of ``make_good``) into a hostile one at
``path``.  The tests open every case both ways; ``python -m tests.core.hostile_generator
FOLDER`` writes them all into FOLDER, to try on the real window by hand.

Damaged and malformed files (bit flips, bad rows, triggers...) are generated in
``test_hostile_projects``; this module adds what a valid-looking file can still do:
exceed the limits (``core.project.limits``), carry a hot or junk journal, or reach the
same file by another name.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cablereader.core.documents import Document
from cablereader.core.project import Project
from cablereader.core.project.limits import (
    MAX_DOCUMENT_CHARS,
    MAX_NOTE_CHARS,
    MAX_PROJECT_BYTES,
    MAX_TAGS,
    MAX_TITLE_CHARS,
)

ARTICLE = "article.txt"
SOURCE = "source.txt"
SOURCE_TEXT = "The source text. “Quoted words here” and more. 😀 emoji, café.\n" * 20
ARTICLE_TEXT = "An article quoting “Quoted words here” today. 🇵🇰\n" * 10


def make_good(path: Path) -> Path:
    """A small valid project: two documents, tags, annotations with notes, a setting."""
    documents = [Document.from_text(SOURCE, SOURCE_TEXT), Document.from_text(ARTICLE, ARTICLE_TEXT)]
    with Project.create(path, documents) as project:
        for i in range(12):
            project.add_annotation(ARTICLE, i * 3, i * 3 + 5, [1 + i % 4], note=f"note {i} " * i)
        project.add_tag("Extra", "#123456", key="5")
        project.set_setting("author", "Ana")
    return path


def edit_raw(path: Path, *statements: str) -> None:
    """Change the file as another tool could: no CHECKs, no foreign keys."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA ignore_check_constraints = ON")
        connection.execute("PRAGMA foreign_keys = OFF")
        for statement in statements:
            connection.execute(statement)
        connection.commit()
    finally:
        connection.close()


def _chars(count: int, char: str = "x") -> str:
    """An SQL expression for a text of ``count`` characters (built by SQLite, not Python)."""
    return f"printf('%.*c', {count}, '{char}')"


def _sql(*statements: str) -> Callable[[Path, bytes], None]:
    def make(path: Path, good: bytes) -> None:
        path.write_bytes(good)
        edit_raw(path, *statements)

    return make


def _sparse_giant(path: Path, good: bytes) -> None:
    # Over the size limit without using the disk: the rest of the file is a hole.
    path.write_bytes(good)
    page_size = int.from_bytes(good[16:18], "big")
    with open(path, "r+b") as handle:
        handle.truncate((MAX_PROJECT_BYTES // page_size + 1) * page_size)


@dataclass(frozen=True)
class Hostile:
    name: str
    make: Callable[[Path, bytes], None]
    message: str  # what the refusal must say (it names the limit)


OVER_LIMITS: list[Hostile] = [
    Hostile(
        "a file over the size limit",
        _sparse_giant,
        f"a project may have at most {MAX_PROJECT_BYTES:,}",
    ),
    Hostile(
        "a document over the text limit",
        _sql(f"UPDATE documents SET text = {_chars(MAX_DOCUMENT_CHARS + 1)} WHERE id = 2"),
        f"document 2 has {MAX_DOCUMENT_CHARS + 1:,} characters of text "
        f"(the limit is {MAX_DOCUMENT_CHARS:,})",
    ),
    Hostile(
        "a huge text hidden after a NUL",
        _sql(
            "UPDATE documents SET text = 'short' || char(0) || "
            f"{_chars(MAX_DOCUMENT_CHARS, 'é')} || {_chars(MAX_DOCUMENT_CHARS, 'é')} "
            "WHERE id = 1"
        ),
        f"document 1 has more than {MAX_DOCUMENT_CHARS:,} characters of text",
    ),
    Hostile(
        "a five-megabyte title",
        _sql(f"UPDATE documents SET title = {_chars(5_000_000)} WHERE id = 1"),
        f"document 1 has 5,000,000 characters of title (the limit is {MAX_TITLE_CHARS:,})",
    ),
    Hostile(
        "a note over the limit",
        _sql(f"UPDATE annotations SET note = {_chars(MAX_NOTE_CHARS + 1)} WHERE id = 4"),
        f"annotation 4 has {MAX_NOTE_CHARS + 1:,} characters of note",
    ),
    Hostile(
        "too many tags",
        _sql(
            f"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {MAX_TAGS}) "
            "INSERT INTO tags (uuid, name, colour, position) "
            "SELECT 'u' || i, 'T' || i, '#123456', 10 + i FROM n"
        ),
        f"it has {MAX_TAGS + 5:,} tags (the limit is {MAX_TAGS:,})",
    ),
    Hostile(
        "a huge setting",
        _sql(f"INSERT INTO settings (key, value) VALUES ('x', {_chars(1_000_001)})"),
        "setting x has 1,000,001 characters of value (the limit is 1,000,000)",
    ),
]


_KILLED_WRITER = textwrap.dedent(
    """
    import os, signal, sqlite3, sys
    connection = sqlite3.connect(sys.argv[1], isolation_level=None)
    connection.execute("PRAGMA cache_size = 1")  # spill changed pages into the file itself
    connection.execute("BEGIN IMMEDIATE")
    connection.execute("UPDATE annotations SET note = 'changed by the killed writer'")
    connection.execute("UPDATE documents SET title = hex(randomblob(20000))")
    connection.execute("DELETE FROM tags")
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


def journal_of(path: Path) -> Path:
    return path.with_name(path.name + "-journal")


def killed_mid_transaction(path: Path, good: bytes) -> None:
    """A hot journal: a writer killed with changed pages already in the file."""
    path.write_bytes(good)
    writer = subprocess.run([sys.executable, "-c", _KILLED_WRITER, str(path)], check=False)
    assert writer.returncode == -signal.SIGKILL, writer
    assert journal_of(path).stat().st_size > 0


def junk_journal(junk: bytes) -> Callable[[Path, bytes], None]:
    """A clean file with junk where its journal would be."""

    def make(path: Path, good: bytes) -> None:
        path.write_bytes(good)
        journal_of(path).write_bytes(junk)

    return make


JUNK_JOURNALS: dict[str, bytes] = {
    "text": b"not a journal at all " * 50,
    "random": bytes((i * 197 + 11) % 256 for i in range(4096)),
    "a journal header and zeros": b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7" + bytes(600),
}


def other_names(path: Path, folder: Path) -> list[Path]:
    """A symlink and a hard link to ``path`` in ``folder``: the same file, other names."""
    folder.mkdir(parents=True, exist_ok=True)
    symlink = folder / "symlink.crproj"
    symlink.symlink_to(path)
    hard_link = folder / "hard-link.crproj"
    os.link(path, hard_link)
    return [symlink, hard_link]


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else Path("hostile-projects")
    folder.mkdir(parents=True, exist_ok=True)
    good = make_good(folder / "good.crproj").read_bytes()
    cases: list[tuple[str, Callable[[Path, bytes], None]]] = [
        (case.name, case.make) for case in OVER_LIMITS
    ]
    cases.append(("killed mid-transaction", killed_mid_transaction))
    cases += [
        (f"junk journal ({name})", junk_journal(junk)) for name, junk in JUNK_JOURNALS.items()
    ]
    for name, make in cases:
        target = folder / (name.replace(" ", "-") + ".crproj")
        make(target, good)
        print(target)
    for link in other_names(folder / "good.crproj", folder / "links"):
        print(link)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
