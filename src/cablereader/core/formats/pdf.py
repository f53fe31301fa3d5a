"""PDF: the text layer in reading order, through pdfminer.six's layout analysis.

pdfminer groups characters into lines and lines into blocks, and orders the blocks for
reading (columns included); :mod:`~cablereader.core.formats.pdflines` then drops page
furniture and joins lines into paragraphs.  Pages are read one by one, reporting
progress and honouring a cancel check between pages.
"""

from __future__ import annotations

import io

from cablereader.core.formats.errors import CancelCheck, ExtractionCancelled, FormatError, Progress
from cablereader.core.formats.pdflines import Block, drop_furniture, paragraphs
from cablereader.core.formats.provenance import PDF, Extraction, Metadata, extractor_name

ENCRYPTED = "is password-protected (encrypted); remove the password and import it again"
NO_TEXT_LAYER = (
    "has no text layer (it looks like a scanned image); "
    "run text recognition (OCR) on it first, then import the result"
)


def _damaged(error: BaseException) -> FormatError:
    detail = str(error) or type(error).__name__
    return FormatError(f"not a readable PDF file (damaged or truncated: {detail})")


def _page_blocks(layout: object, width: float, height: float) -> list[Block]:
    from pdfminer.layout import LTTextBox, LTTextLine

    blocks: list[Block] = []
    for element in layout:  # type: ignore[attr-defined]
        if not isinstance(element, LTTextBox):
            continue
        text_lines = [line for line in element if isinstance(line, LTTextLine)]
        lines = tuple(line.get_text().rstrip("\n") for line in text_lines)
        size = sum(line.height for line in text_lines) / len(text_lines) if text_lines else 0.0
        scale_y = 1 / height if height > 0 else 0.0
        scale_x = 1 / width if width > 0 else 0.0
        blocks.append(
            Block(
                lines,
                element.y1 * scale_y,
                element.y0 * scale_y,
                element.x0 * scale_x,
                element.x1 * scale_x,
                size,
            )
        )
    return blocks


def _metadata(document: object) -> Metadata:
    from pdfminer.pdftypes import resolve1

    info = {}
    for entry in getattr(document, "info", []):
        info.update(entry)

    def field(key: str) -> str:
        value = resolve1(info.get(key))
        if isinstance(value, bytes):
            if value.startswith((b"\xfe\xff", b"\xff\xfe")):
                return value.decode("utf-16", "replace").strip()
            return value.decode("latin-1").strip()
        return value.strip() if isinstance(value, str) else ""

    date = field("CreationDate").removeprefix("D:")
    iso = f"{date[:4]}-{date[4:6]}-{date[6:8]}" if len(date) >= 8 and date[:8].isdigit() else ""
    return Metadata(headline=field("Title"), author=field("Author"), date=iso)


def extract_pdf(
    data: bytes, progress: Progress | None = None, cancelled: CancelCheck | None = None
) -> Extraction:
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    if b"%PDF-" not in data[:1024]:
        raise FormatError("not a PDF file (damaged, or another kind of file named .pdf)")
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        total = int(resolve1(resolve1(document.catalog["Pages"])["Count"]))
    except (PDFPasswordIncorrect, PDFEncryptionError) as error:
        raise FormatError(ENCRYPTED) from error
    # pdfminer raises many kinds of error on damaged input (its own, and ValueError,
    # KeyError, TypeError... from deep in its parser); any of them means "damaged".
    except Exception as error:
        raise _damaged(error) from error
    manager = PDFResourceManager()
    device = PDFPageAggregator(manager, laparams=LAParams())
    interpreter = PDFPageInterpreter(manager, device)
    pages: list[list[Block]] = []
    try:
        for number, page in enumerate(PDFPage.create_pages(document), 1):
            if cancelled is not None and cancelled():
                raise ExtractionCancelled
            interpreter.process_page(page)
            x0, y0, x1, y1 = (float(v) for v in page.mediabox)
            pages.append(_page_blocks(device.get_result(), x1 - x0, y1 - y0))
            if progress is not None:
                progress(number, max(total, number))
    except ExtractionCancelled:
        raise
    except Exception as error:  # see above
        raise _damaged(error) from error
    if not pages:
        raise FormatError("not a readable PDF file (it has no pages)")
    if not any(line.strip() for page in pages for block in page for line in block.lines):
        raise FormatError(NO_TEXT_LAYER)
    text = "\n\n".join(paragraphs(drop_furniture(pages)))
    extractor = extractor_name("pdfminer.six")
    return Extraction(text, PDF, extractor, "unicode", _metadata(document))
