"""The project keeps each document's original file, gives it back byte for byte, and
older project files upgrade to the schema that holds them."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from cablereader.core.documents import Document, load_document, load_paths
from cablereader.core.formats.clipboard import ClipboardEmpty, document_from_clipboard
from cablereader.core.project import SCHEMA_VERSION, Project, ProjectCorrupt, schema
from tests import format_fixtures as fx
from tests.core.project.test_migrations import make_v1, user_version

STEM = fx.ARTICLES[1]


def test_every_format_comes_back_byte_for_byte(tmp_path: Path, format_dir: Path) -> None:
    paths = sorted(format_dir.glob(f"{STEM}.*"))
    loaded = load_paths(paths)
    assert not loaded.errors
    with Project.create(tmp_path / "p.crproj", loaded.documents) as project:
        pass
    with Project.open(tmp_path / "p.crproj", read_only=True) as project:
        for path in paths:
            stored = project.original(path.name)
            assert stored is not None
            assert stored.data() == path.read_bytes()
            assert stored.format == load_document(path).provenance.format  # type: ignore[union-attr]
            assert stored.extractor
            out = tmp_path / f"out-{path.name}"
            project.save_original(path.name, out)
            assert out.read_bytes() == path.read_bytes()
        assert len(stored.compressed) < stored.size  # kept compressed


def test_metadata_is_stored_for_the_document_list_and_exports(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(fx.html_news_page(STEM))
    with Project.create(tmp_path / "p.crproj", [load_document(page)]) as project:
        meta = project.document_metadata()["page.html"]
    assert (meta.outlet, meta.author, meta.date) == ("The Daily Courier", "Jane Roe", "2023-08-09")
    assert meta.url.endswith(STEM)


def test_undoing_a_reimport_brings_back_the_earlier_original(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    path.write_bytes(fx.html_page(fx.ARTICLES[0]))
    with Project.create(tmp_path / "p.crproj", [load_document(path)]) as project:
        first = path.read_bytes()
        path.write_bytes(fx.html_page(fx.ARTICLES[2]))
        report = project.import_documents([load_document(path)])
        assert report.updated == ("a.html",)
        assert project.original("a.html").data() == path.read_bytes()  # type: ignore[union-attr]
        assert report.change is not None
        project.revert(report.change)
        assert project.original("a.html").data() == first  # type: ignore[union-attr]


def test_a_version_2_project_upgrades_and_keeps_originals_from_then_on(tmp_path: Path) -> None:
    path = tmp_path / "v2.crproj"
    connection = sqlite3.connect(path)
    schema.migrate(connection, 2)
    connection.execute(
        "INSERT INTO documents (name, title, text, sha256, encoding, role, position, imported) "
        "VALUES ('old.txt', 'Old', 'old text', ?, 'utf-8', 'source', 0, '2024-01-01')",
        (hashlib.sha256(b"old text").hexdigest(),),
    )
    connection.commit()
    connection.close()
    assert user_version(path) == 2
    with Project.open(path, read_only=True) as project:
        assert project.original("old.txt") is None  # not upgraded, and no error
        assert project.document_metadata() == {}
    assert user_version(path) == 2
    docx = tmp_path / "new.docx"
    docx.write_bytes(fx.docx_document(STEM))
    with Project.open(path) as project:
        assert project.original("old.txt") is None
        project.import_documents([load_document(docx)])
        assert project.original("new.docx").data() == docx.read_bytes()  # type: ignore[union-attr]
    assert user_version(path) == SCHEMA_VERSION == 3


def test_a_version_1_project_upgrades_through_every_step(tmp_path: Path) -> None:
    path = make_v1(tmp_path / "v1.crproj")
    with Project.open(path) as project:
        assert project.original("cable.txt") is None
    assert user_version(path) == SCHEMA_VERSION


def test_a_damaged_original_is_reported_not_written(tmp_path: Path) -> None:
    path = tmp_path / "a.rtf"
    path.write_bytes(fx.rtf_document(STEM))
    project_path = tmp_path / "p.crproj"
    Project.create(project_path, [load_document(path)]).close()
    connection = sqlite3.connect(project_path)
    connection.execute("UPDATE document_originals SET original = x'00ff'")
    connection.commit()
    connection.close()
    with Project.open(project_path) as project, pytest.raises(ProjectCorrupt, match="damaged"):
        project.save_original("a.rtf", tmp_path / "out.rtf")
    assert not (tmp_path / "out.rtf").exists()


def test_clipboard_html_goes_through_the_article_extractor() -> None:
    html = fx.html_news_page(STEM).decode("utf-8")
    document = document_from_clipboard(html, "ignored plain text", "From the browser")
    assert document.name == document.title == "From the browser"
    assert document.text.split() == " ".join(fx.article_paragraphs(STEM)).split()
    assert document.provenance is not None
    assert document.provenance.format == "clipboard-html"
    assert document.provenance.original == html.encode("utf-8")
    assert document.metadata.outlet == "The Daily Courier"


def test_clipboard_text_is_taken_as_it_is() -> None:
    document = document_from_clipboard(None, "“All will be forgiven,”\r\nhe said.", "Note")
    assert document.text == "“All will be forgiven,”\nhe said."
    assert document.provenance is not None and document.provenance.format == "clipboard-text"
    assert isinstance(document, Document)
    with pytest.raises(ClipboardEmpty):
        document_from_clipboard("", "  ", "Empty")
    with pytest.raises(ValueError, match="needs a title"):
        document_from_clipboard(None, "text", " ")
