"""Stored hashes checked against the texts they describe.

A document's ``sha256`` is what the analysis cache and the exports take as the
document's identity.  A project whose text was changed (cut, doctored) but kept its old
hash would claim to be a text it is not, so opening one refuses it, naming the document.
"""

from __future__ import annotations

import hashlib
import sqlite3

MAX_REPORTED = 20


def text_sha256(text: str) -> str:
    """The hash a document's text is stored with (as :class:`~..documents.Document`)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def wrong_hashes(connection: sqlite3.Connection) -> list[str]:
    """One problem per document whose stored sha256 is not its text's (at most 20)."""
    problems: list[str] = []
    # One text at a time: a project's texts together may be large.
    for document_id, name, digest in connection.execute(
        "SELECT id, name, sha256 FROM documents ORDER BY id"
    ).fetchall():
        (text,) = connection.execute(
            "SELECT text FROM documents WHERE id = ?", (document_id,)
        ).fetchone()
        if text_sha256(text) != str(digest).lower():
            problems.append(
                f"document {document_id} (“{name}”): its stored sha256 is not the hash "
                "of its text (the text was changed after it was imported)"
            )
            if len(problems) >= MAX_REPORTED:
                break
    return problems
