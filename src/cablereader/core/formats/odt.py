"""OpenDocument Text (ODT): paragraphs and headings of the body, with the stdlib's
zipfile (bounded, see :mod:`~cablereader.core.formats.archive`) and defusedxml (no
entity expansion, no external references).
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from cablereader.core.formats.archive import open_archive, read_member
from cablereader.core.formats.errors import FormatError
from cablereader.core.formats.provenance import ODT, Extraction, Metadata, extractor_name

_KIND = "OpenDocument (ODT)"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_BLOCKS = {f"{_TEXT}p", f"{_TEXT}h"}
# Footnotes, annotations and tracked deletions are not the running text.
_SKIPPED = {f"{_TEXT}note", f"{_OFFICE}annotation", f"{_TEXT}tracked-changes"}


def _inline_text(element: Element) -> str:
    parts: list[str] = [element.text or ""]
    for child in element:
        if child.tag in _SKIPPED:
            pass
        elif child.tag == f"{_TEXT}s":
            parts.append(" " * int(child.get(f"{_TEXT}c", "1")))
        elif child.tag == f"{_TEXT}tab":
            parts.append("\t")
        elif child.tag == f"{_TEXT}line-break":
            parts.append("\n")
        else:
            parts.append(_inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _blocks(element: Element, out: list[str]) -> None:
    for child in element:
        if child.tag in _SKIPPED:
            continue
        if child.tag in _BLOCKS:
            out.append(_inline_text(child))
        else:
            _blocks(child, out)


def _parse(data: bytes, part: str) -> Element:
    import defusedxml.ElementTree as SafeTree
    from defusedxml import DefusedXmlException

    try:
        root: Element = SafeTree.fromstring(data)
    except (SafeTree.ParseError, DefusedXmlException, ValueError) as error:
        raise FormatError(f"not a readable {_KIND} file (damaged {part}: {error})") from error
    return root


def extract_odt(data: bytes) -> Extraction:
    archive = open_archive(data, _KIND)
    root = _parse(read_member(archive, "content.xml", _KIND), "content.xml")
    body = root.find(f"{_OFFICE}body/{_OFFICE}text")
    if body is None:
        raise FormatError(f"not a readable {_KIND} file (it has no text body)")
    found: list[str] = []
    _blocks(body, found)
    paragraphs = [p.strip() for p in found if p.strip()]
    if not paragraphs:
        raise FormatError("the OpenDocument file has no text")
    metadata = Metadata()
    if "meta.xml" in archive.namelist():
        meta = _parse(read_member(archive, "meta.xml", _KIND), "meta.xml")

        def field(tag: str) -> str:
            found_element = meta.find(f"{_OFFICE}meta/{tag}")
            return (found_element.text or "").strip() if found_element is not None else ""

        metadata = Metadata(
            headline=field(f"{_DC}title"),
            author=field(f"{_DC}creator"),
            date=field(f"{_DC}date")[:10],
        )
    extractor = extractor_name("defusedxml")
    return Extraction("\n\n".join(paragraphs), ODT, extractor, "utf-8", metadata)
