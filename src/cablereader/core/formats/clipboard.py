"""A new document from the clipboard: its HTML through the web-page path, else its text.

The UI's File ▸ New Document from Clipboard calls :func:`document_from_clipboard` with
what the clipboard holds and the title the user gave.
"""

from __future__ import annotations

from dataclasses import replace

from cablereader.core.documents import TEXT_EXTRACTOR, Document
from cablereader.core.formats.errors import FormatError
from cablereader.core.formats.html import extract_markup
from cablereader.core.formats.provenance import CLIPBOARD_HTML, CLIPBOARD_TEXT, Provenance


class ClipboardEmpty(ValueError):
    """The clipboard holds no text to make a document of; ``str(e)`` says so."""


def document_from_clipboard(html: str | None, text: str | None, title: str) -> Document:
    """A document named and titled ``title`` from clipboard contents.

    HTML (a browser's copy) goes through the article extractor, so menus and share
    buttons copied along are left out; when it yields no article text (a copied
    sentence, say), the plain text is used as it is.  The provenance keeps what was
    pasted (UTF-8) as the document's original.
    """
    name = " ".join(title.split())
    if not name:
        raise ValueError("a document from the clipboard needs a title")
    if html and html.strip():
        try:
            extraction = extract_markup(html, "utf-8")
        except FormatError:
            extraction = None
        if extraction is not None:
            document = Document.from_text(name, extraction.text)
            provenance = Provenance.of(
                html.encode("utf-8", "surrogatepass"),
                CLIPBOARD_HTML,
                extraction.extractor,
                extraction.metadata,
            )
            return replace(document, title=name, provenance=provenance)
    if text and text.strip():
        document = Document.from_text(name, text.removeprefix("\ufeff"))
        provenance = Provenance.of(
            text.encode("utf-8", "surrogatepass"), CLIPBOARD_TEXT, TEXT_EXTRACTOR
        )
        return replace(document, title=name, provenance=provenance)
    raise ClipboardEmpty("the clipboard holds no text")
