"""Bad input of every format: a clear message naming the file, the rest goes on,
nothing half-added."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from cablereader.core.documents import DocumentError, load_document, load_paths
from cablereader.core.formats import archive
from cablereader.core.project import Project
from tests import format_fixtures as fx

STEM = fx.ARTICLES[0]


@pytest.mark.parametrize("version", sorted(fx.ARTICLE_VERSIONS))
def test_a_truncated_file_gets_a_message_naming_it(tmp_path: Path, version: str) -> None:
    suffix, build = fx.ARTICLE_VERSIONS[version]
    data = build(STEM)
    path = tmp_path / f"cut{suffix}"
    path.write_bytes(data[: len(data) // 3])
    try:
        document = load_document(path)
    except DocumentError as error:
        assert str(error).startswith(f"cut{suffix}: ")
        assert error.reason
    else:
        # Text formats cut short are still text: what is there is read, nothing else.
        assert version in {
            "html",
            "news-html",
            "cp1252-html",
            "markdown",
            "eml",
            "html-eml",
            "mhtml",
        }
        words = " ".join(fx.article_paragraphs(STEM)).split()
        got = document.text.split()
        assert got and got[:20] == words[:20]


@pytest.mark.parametrize(
    ("suffix", "junk"),
    [
        (".pdf", b"%PDF-1.4\n1 0 obj <<"),
        (".docx", b"PK\x03\x04\x14\x00broken"),
        (".odt", b"xx"),
        (".rtf", b"{\\rtf1\\ansi {\\b unbalanced"),
    ],
)
def test_corrupt_files_are_refused_with_a_reason(tmp_path: Path, suffix: str, junk: bytes) -> None:
    path = tmp_path / f"damaged{suffix}"
    path.write_bytes(junk)
    with pytest.raises(DocumentError, match=rf"^damaged\{suffix}: .*(damaged|truncated|readable)"):
        load_document(path)


def test_an_encrypted_pdf_says_so(tmp_path: Path) -> None:
    path = tmp_path / "locked.pdf"
    path.write_bytes(fx.pdf_encrypted(STEM))
    with pytest.raises(DocumentError, match=r"^locked\.pdf: is password-protected \(encrypted\)"):
        load_document(path)


def test_a_scanned_pdf_says_it_has_no_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(fx.pdf_scanned())
    with pytest.raises(DocumentError, match=r"^scan\.pdf: has no text layer .*OCR"):
        load_document(path)


def test_a_zip_bomb_is_refused_while_unpacking(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    path.write_bytes(fx.docx_zip_bomb(archive.MAX_UNPACKED_BYTES // (1024 * 1024) + 8))
    assert path.stat().st_size < 1024 * 1024
    with pytest.raises(DocumentError, match=r"^bomb\.docx: .*unpacks to more than 64 MB"):
        load_document(path)


def test_a_zip_bomb_that_hides_its_size_is_stopped_too(monkeypatch: pytest.MonkeyPatch) -> None:
    # Declared sizes within the limit, real output beyond it: the running count stops it.
    monkeypatch.setattr(archive, "MAX_UNPACKED_BYTES", 3 * 1024 * 1024)
    bomb = fx.docx_zip_bomb(2)
    opened = archive.open_archive(bomb, "Word (DOCX)")
    monkeypatch.setattr(archive, "MAX_UNPACKED_BYTES", 1024 * 1024)
    with pytest.raises(archive.FormatError, match="unpacks to more than"):
        archive.read_member(opened, "word/document.xml", "Word (DOCX)")


def test_a_page_without_article_text_says_so(tmp_path: Path) -> None:
    path = tmp_path / "home.html"
    path.write_bytes(fx.html_without_article())
    with pytest.raises(DocumentError, match=r"^home\.html: no article text found"):
        load_document(path)


def test_an_import_goes_on_past_bad_files_and_adds_nothing_of_them(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "a.html").write_bytes(fx.html_page(STEM))
    (folder / "b.pdf").write_bytes(fx.pdf_scanned())
    (folder / "c.docx").write_bytes(fx.docx_document(STEM)[:500])
    (folder / "d.odt").write_bytes(fx.odt_document(fx.ARTICLES[1]))
    (folder / "e.pdf").write_bytes(fx.pdf_encrypted(STEM))
    result = load_paths([folder])
    assert [d.name for d in result.documents] == ["a.html", "d.odt"]
    assert sorted(str(e).split(":")[0] for e in result.errors) == [
        "mixed/b.pdf",
        "mixed/c.docx",
        "mixed/e.pdf",
    ]
    with Project.create(tmp_path / "p.crproj", result.documents) as project:
        assert [d.name for d in project.documents()] == ["a.html", "d.odt"]
        assert project.original("a.html") is not None


def _odt_with_content(content: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content)
    return out.getvalue()


@pytest.mark.parametrize(
    "content",
    [
        b"<office:document-content><unclosed>",
        # An external entity (XXE) and an entity bomb: refused, never resolved.
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><d>&x;</d>',
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><d>&b;</d>',
    ],
)
def test_hostile_or_broken_odt_xml_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.odt"
    path.write_bytes(_odt_with_content(content))
    with pytest.raises(DocumentError, match=r"^bad\.odt: not a readable OpenDocument"):
        load_document(path)
