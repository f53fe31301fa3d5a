"""Web pages, e-mail, Markdown: text, charset, entities and metadata."""

from __future__ import annotations

from pathlib import Path

from cablereader.core.documents import load_document
from cablereader.core.formats import detect_format
from cablereader.core.formats.mail import without_forward_headers
from cablereader.core.formats.markdown import markdown_text
from tests import format_fixtures as fx

STEM = fx.ARTICLES[0]


def test_a_news_page_keeps_its_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(fx.html_news_page(STEM))
    document = load_document(path)
    meta = document.metadata
    assert meta.outlet == "The Daily Courier"
    assert meta.author == "Jane Roe"
    assert meta.date == "2023-08-09"
    assert meta.url == f"https://courier.example/world/{STEM}"
    assert meta.headline == fx.article_paragraphs(STEM)[0]
    assert document.title.startswith("U.S. reportedly pressured Pakistan")
    assert document.provenance is not None and document.provenance.format == "html"
    assert document.provenance.extractor.startswith("trafilatura ")


def test_a_windows_1252_page_is_decoded_as_declared(tmp_path: Path) -> None:
    data = fx.html_windows_1252(STEM)
    assert b"\x93" in data  # a curly quote, in Windows-1252
    path = tmp_path / "old.htm"
    path.write_bytes(data)
    document = load_document(path)
    assert document.encoding == "cp1252"
    assert "“worldwide commitment”" in document.text


def test_entities_are_decoded_and_scripts_left_out(tmp_path: Path) -> None:
    page = (
        "<html><head><script>var q = '“a script quote”';</script></head><body><article>"
        "<p>The ambassador said &ldquo;all will be forgiven&rdquo; &amp; left &#8212; "
        "according to a cable that The Intercept published on Wednesday this week.</p>"
        '<img src="https://pixel.example/t.gif"></article></body></html>'
    )
    path = tmp_path / "page.txt"  # a web page saved as .txt is still a web page
    path.write_text(page, encoding="utf-8")
    text = load_document(path).text
    assert "“all will be forgiven” & left —" in text
    assert "script" not in text and "<" not in text


def test_a_forwarded_emails_headers_stay_out_of_the_body(tmp_path: Path) -> None:
    path = tmp_path / "fwd.eml"
    path.write_bytes(fx.eml_forwarded(STEM))
    document = load_document(path)
    assert "Forwarded message" not in document.text
    assert "news@courier.example" not in document.text
    assert document.text.split("\n\n")[0] == fx.article_paragraphs(STEM)[0]
    assert document.metadata.headline == fx.article_paragraphs(STEM)[0]  # "Fwd:" dropped
    assert document.metadata.date == "2023-08-09"
    assert without_forward_headers("a\n-----Original Message-----\nFrom: x\nTo: y\n\nb") == "a\nb"


def test_markdown_markup_is_not_text() -> None:
    assert markdown_text("# Head\n\n**Bold** and [a link](https://x.example) *now*.") == (
        "Head\n\nBold and a link now."
    )
    assert detect_format(fx.markdown_document(STEM), ".md") == "markdown"


_BODY = (
    "<p>The ambassador said “all will be forgiven” in the meeting, according to the cable "
    "seen by reporters this week in Islamabad.</p>"
)


def test_xhtml_with_an_xml_declaration_is_read(tmp_path: Path) -> None:
    page = (
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE html>'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>T</title></head>'
        f"<body><article><h1>Head</h1>{_BODY}</article></body></html>"
    )
    path = tmp_path / "page.xhtml"
    path.write_text(page, encoding="utf-8")
    assert "said “all will be forgiven” in" in load_document(path).text


def test_an_undeclared_legacy_charset_is_detected(tmp_path: Path) -> None:
    page = f"<html><head><title>T</title></head><body><article>{_BODY}</article></body></html>"
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("cp1252"))
    document = load_document(path)
    assert document.encoding == "cp1252"
    assert "“all will be forgiven”" in document.text
