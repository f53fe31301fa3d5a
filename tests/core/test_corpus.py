"""Merging documents into an open corpus."""

from __future__ import annotations

from cablereader.core.corpus import merge_documents
from cablereader.core.documents import Document


def test_new_documents_are_appended() -> None:
    a = Document.from_text("a.txt", "alpha")
    b = Document.from_text("b.txt", "beta")
    merge = merge_documents([a], [b])
    assert [d.name for d in merge.documents] == ["a.txt", "b.txt"]
    assert merge.added == ("b.txt",)
    assert merge.duplicates == ()


def test_same_text_is_skipped_whatever_its_name() -> None:
    a = Document.from_text("a.txt", "alpha")
    again = Document.from_text("copy.txt", "alpha")
    merge = merge_documents([a], [again])
    assert merge.documents == (a,)
    assert merge.duplicates == ("copy.txt",)


def test_clashing_names_get_a_number() -> None:
    a = Document.from_text("a.txt", "alpha")
    merge = merge_documents(
        [a], [Document.from_text("a.txt", "x"), Document.from_text("a.txt", "y")]
    )
    assert [d.name for d in merge.documents] == ["a.txt", "a (2).txt", "a (3).txt"]
    merge = merge_documents([Document.from_text("notes", "1")], [Document.from_text("notes", "2")])
    assert merge.added == ("notes (2)",)
