"""Word (DOCX): the body's paragraphs and tables, through python-docx.

Headers, footers, footnotes and comments are page furniture or asides, not the text.
The archive is checked first (:mod:`~cablereader.core.formats.archive`): python-docx
unpacks parts itself, with no bound of its own.
"""

from __future__ import annotations

import io

from cablereader.core.formats.archive import checked_archive
from cablereader.core.formats.errors import FormatError
from cablereader.core.formats.provenance import DOCX, Extraction, Metadata, extractor_name


def _body_paragraphs(document: object) -> list[str]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    texts: list[str] = []
    for item in document.iter_inner_content():  # type: ignore[attr-defined]
        if isinstance(item, Paragraph):
            texts.append(item.text)
        elif isinstance(item, Table):
            for row in item.rows:
                cells: list[str] = []
                for cell in row.cells:
                    if cell.text not in cells:  # merged cells repeat
                        cells.append(cell.text)
                texts.append("\t".join(cells))
    return [text.strip() for text in texts if text.strip()]


def extract_docx(data: bytes) -> Extraction:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    archive = checked_archive(data, "Word (DOCX)")
    if "word/document.xml" not in archive.namelist():
        raise FormatError("not a readable Word (DOCX) file (it has no document part)")
    try:
        document = docx.Document(io.BytesIO(data))
        paragraphs = _body_paragraphs(document)
        properties = document.core_properties
        created = properties.created
        metadata = Metadata(
            headline=(properties.title or "").strip(),
            author=(properties.author or "").strip(),
            date=created.date().isoformat() if created is not None else "",
        )
    except PackageNotFoundError as error:
        raise FormatError("not a readable Word (DOCX) file (damaged)") from error
    # python-docx and lxml raise assorted errors (KeyError, ValueError, XMLSyntaxError)
    # on a damaged package; any of them means the same to the user.
    except Exception as error:
        raise FormatError(f"not a readable Word (DOCX) file (damaged: {error})") from error
    if not paragraphs:
        raise FormatError("the Word document has no text")
    extractor = extractor_name("python-docx")
    return Extraction("\n\n".join(paragraphs), DOCX, extractor, "unicode", metadata)
