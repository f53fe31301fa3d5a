"""Adding documents to an open corpus: same text is skipped, clashing names get a suffix."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from cablereader.core.documents import Document


@dataclass(frozen=True)
class Merge:
    documents: tuple[Document, ...]  # the whole corpus after the merge
    added: tuple[str, ...]  # names of the documents added (after renaming)
    duplicates: tuple[str, ...]  # names of incoming documents whose text was already open


def _free_name(name: str, used: set[str]) -> str:
    if name not in used:
        return name
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    number = 2
    while True:
        candidate = f"{stem} ({number}){dot}{suffix}"
        if candidate not in used:
            return candidate
        number += 1


def merge_documents(existing: Sequence[Document], incoming: Sequence[Document]) -> Merge:
    """``existing`` plus each incoming document whose text is not open yet."""
    used = {d.name for d in existing}
    hashes = {d.sha256 for d in existing}
    merged = list(existing)
    added: list[str] = []
    duplicates: list[str] = []
    for document in incoming:
        if document.sha256 in hashes:
            duplicates.append(document.name)
            continue
        name = _free_name(document.name, used)
        if name != document.name:
            document = replace(document, name=name)
        used.add(name)
        hashes.add(document.sha256)
        merged.append(document)
        added.append(name)
    return Merge(tuple(merged), tuple(added), tuple(duplicates))
