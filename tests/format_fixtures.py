"""Builds the sample articles in every format CableReader imports, as test fixtures.

Run as a script to write them to a folder (``python -m tests.format_fixtures OUT``);
the tests call the functions directly and build what they need at test time.  The
binaries are made here from the corpus ``.txt`` files, never kept as hand-made files:
web pages (plain, a news site with heavy boilerplate, Windows-1252), PDFs (hard-wrapped
and hyphenated with running headers and page numbers, two-column, long, scanned,
encrypted), DOCX, ODT, RTF, EML (plain and HTML, forwarded), MHTML and Markdown.

The PDFs are written by a minimal PDF writer below (Helvetica, WinAnsiEncoding, one
text object per line), so the fixtures control exactly where every line sits.
"""

from __future__ import annotations

import html
import io
import sys
import zipfile
import zlib
from collections.abc import Callable, Iterator
from email.message import EmailMessage
from pathlib import Path

from cablereader.core.sample import sample_corpus_dir

ARTICLES = (
    "000_1b0248060f5a200d",
    "001_f20ffc1191894066",
    "002_013a7a5bcb27939a",
    "004_2eefb837c73124b7",
)
SOURCE = "003_5dca466439790169"

# Page furniture with quotation marks in it: none of it may reach the extracted text.
FURNITURE_QUOTES = (
    "“Accept all cookies” to keep reading",
    "Khan vows “we will never be slaves”, watch live",
    "Readers say: “this changes everything”",
)


def article_paragraphs(stem: str) -> list[str]:
    """The article's paragraphs; the first is its headline."""
    text = (sample_corpus_dir() / f"{stem}.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.split("\n") if line.strip()]


# --- web pages -----------------------------------------------------------------------


def html_page(stem: str, charset: str = "utf-8") -> bytes:
    """A plain saved web page: headline and paragraphs in an <article>."""
    headline, *body = article_paragraphs(stem)
    paragraphs = "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in body)
    page = (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="{charset}">'
        f"<title>{html.escape(headline)}</title></head>\n<body><article>"
        f"<h1>{html.escape(headline)}</h1>\n{paragraphs}\n</article></body></html>\n"
    )
    return page.encode(charset)


def html_windows_1252(stem: str) -> bytes:
    return html_page(stem, "windows-1252")


def html_news_page(stem: str) -> bytes:
    """A news site's page: navigation, cookie banner, share buttons, related stories,
    comments, newsletter box, footer, scripts and a tracking pixel around the article."""
    headline, *body = article_paragraphs(stem)
    e = html.escape
    paragraphs = "\n".join(f"<p>{e(p, quote=False)}</p>" for p in body)
    q1, q2, q3 = (e(q, quote=False) for q in FURNITURE_QUOTES)
    menu = "".join(
        f'<li><a href="/{w.lower()}">{w}</a></li>'
        for w in ("World", "Politics", "Business", "Opinion", "Sport", "Culture", "Video")
    )
    related = "".join(
        f'<li><a href="/story/{n}">{e(t)}</a></li>'
        for n, t in enumerate(
            (
                q2,
                "Markets slide as “uncertainty” grips Karachi",
                "Analysis: what the cable means for the region",
                "Opinion: “A dangerous precedent”, writes our columnist",
            )
        )
    )
    comments = "".join(
        f'<div class="comment"><span class="user">reader{n}</span><p>{e(t)}</p></div>'
        for n, t in enumerate((q3, "Lu said “all will be forgiven” — shocking!", "First!"))
    )
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{e(headline)} | The Daily Courier</title>
<meta property="og:site_name" content="The Daily Courier">
<meta property="og:title" content="{e(headline)}">
<meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2023-08-09T10:30:00+00:00">
<link rel="canonical" href="https://courier.example/world/{stem}">
<link rel="stylesheet" href="https://cdn.courier.example/site.css">
<script src="https://cdn.courier.example/analytics.js"></script>
<script>window.dataLayer = [{{"event": "“pageview”", "quote": "“not in the article”"}}];</script>
<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "{e(headline)}",
"author": {{"@type": "Person", "name": "Jane Roe"}}, "datePublished": "2023-08-09"}}</script>
</head><body>
<div id="cookie-banner" class="cookie-consent"><p>We use cookies to improve your
experience. Click {q1}.</p><button>Accept</button><button>Manage settings</button></div>
<header class="site-header"><a class="logo" href="/">The Daily Courier</a>
<nav class="main-nav"><ul>{menu}</ul></nav>
<form class="search"><input type="search" placeholder="Search"></form></header>
<div class="breadcrumbs"><a href="/">Home</a> › <a href="/world">World</a> › Asia</div>
<main><article class="story">
<h1 class="headline">{e(headline)}</h1>
<div class="byline">By <a rel="author" href="/staff/jane-roe">Jane Roe</a>
<time datetime="2023-08-09">9 August 2023</time></div>
<div class="share"><a href="https://twitter.example/share">Share on X</a>
<a href="https://facebook.example/share">Share on Facebook</a> <a href="#">Email</a></div>
<div class="story-body">
{paragraphs}
</div>
<div class="newsletter"><h3>Get the morning briefing</h3><p>Sign up for our newsletter.
</p><input type="email"><button>Subscribe</button></div>
</article>
<aside class="related"><h2>Related stories</h2><ul>{related}</ul></aside>
<section id="comments" class="comments"><h2>Comments (3)</h2>{comments}</section>
</main>
<footer class="site-footer"><ul><li><a href="/about">About us</a></li>
<li><a href="/privacy">Privacy</a></li><li><a href="/terms">Terms</a></li></ul>
<p>© 2023 The Daily Courier. All rights reserved.</p></footer>
<img src="https://pixel.tracker.example/collect?id=1" width="1" height="1" alt="">
<iframe src="https://ads.example/slot"></iframe>
<script>(function(){{var s=document.createElement("script");s.src="https://x.example/t.js";}})();</script>
</body></html>
"""
    return page.encode("utf-8")


def html_without_article() -> bytes:
    return (
        b"<!DOCTYPE html><html><head><title>Home</title></head><body>"
        b'<nav><a href="/">Home</a> <a href="/news">News</a></nav>'
        b"<footer>\xc2\xa9 2024 Example</footer></body></html>"
    )


# --- PDF -------------------------------------------------------------------------------

_PAGE_WIDTH, _PAGE_HEIGHT = 612.0, 792.0


def _helvetica_width(text: str, size: float) -> float:
    from pdfminer.fontmetrics import FONT_METRICS

    widths = FONT_METRICS["Helvetica"][1]
    return sum(widths.get(char, 556) for char in text) * size / 1000


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


Line = tuple[float, float, float, str]  # x, y, font size, text


def write_pdf(
    pages: list[list[Line]], *, image_only: bool = False, row_order: bool = False
) -> bytes:
    """A PDF with one Helvetica text line per entry (or, ``image_only``, a grey image
    per page and no text at all: what a scanner produces).  With ``row_order`` the lines
    are written row by row across the columns, as some layout programs do, so the order
    in the file is not the reading order and only the layout tells it."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below
    pages_id = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    image = 0
    if image_only:
        pixels = zlib.compress(bytes(range(256)) * 64)
        image = add(
            b"<< /Type /XObject /Subtype /Image /Width 128 /Height 128 /ColorSpace /DeviceGray "
            b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n"
            % len(pixels)
            + pixels
            + b"\nendstream"
        )
    kids = []
    for lines in pages:
        if image_only:
            content = b"q 500 0 0 700 56 46 cm /Im1 Do Q"
        else:
            if row_order:
                lines = sorted(lines, key=lambda line: (-round(line[1]), line[0]))
            content = b"".join(
                b"BT /F1 %.1f Tf %.2f %.2f Td %s Tj ET\n" % (size, x, y, _pdf_string(text))
                for x, y, size, text in lines
            )
        stream = zlib.compress(content)
        contents = add(
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream)
            + stream
            + b"\nendstream"
        )
        resources = b"/Font << /F1 %d 0 R >>" % font
        if image:
            resources += b" /XObject << /Im1 %d 0 R >>" % image
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources << %s >> "
                b"/Contents %d 0 R >>" % (pages_id, resources, contents)
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id
    objects[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, catalog, xref)
    )
    return out.getvalue()


def _wrap(paragraph: str, width: float, size: float, hyphenate: bool) -> list[str]:
    """Greedy line breaking; with ``hyphenate`` a long word that does not fit is split
    with a hyphen (and a compound breaks after its own hyphen), as typesetters do."""
    lines: list[str] = []
    current = ""
    words = paragraph.split(" ")
    index = 0
    while index < len(words):
        word = words[index]
        candidate = f"{current} {word}" if current else word
        if _helvetica_width(candidate, size) <= width:
            current = candidate
            index += 1
            continue
        split = _split_word(word, current, width, size) if hyphenate and current else None
        if split is not None:
            head, tail = split
            lines.append(f"{current} {head}")
            words[index] = tail
        elif current:
            lines.append(current)
        else:
            lines.append(word)
            index += 1
        current = ""
    if current:
        lines.append(current)
    return lines


def _split_word(word: str, current: str, width: float, size: float) -> tuple[str, str] | None:
    if "-" in word[1:-1]:
        head, tail = word.split("-", 1)
        if _helvetica_width(f"{current} {head}-", size) <= width:
            return f"{head}-", tail
    letters = word.rstrip(".,;:!?”’\"')")
    if len(letters) < 7 or not letters.isalpha():
        return None
    for cut in range(len(letters) - 3, 2, -1):
        if _helvetica_width(f"{current} {word[:cut]}-", size) <= width:
            return f"{word[:cut]}-", word[cut:]
    return None


def _layout(
    paragraphs: list[str],
    columns: int,
    hyphenate: bool,
    header: str,
    size: float = 10.0,
) -> list[list[Line]]:
    margin, gutter, leading = 56.0, 24.0, size * 1.25
    column_width = (_PAGE_WIDTH - 2 * margin - gutter * (columns - 1)) / columns
    top, bottom = _PAGE_HEIGHT - 80.0, 70.0
    pages: list[list[Line]] = []
    page: list[Line] = []
    column, y, column_top = 0, top, top

    def new_page() -> None:
        nonlocal page, column, y, column_top
        if page:
            pages.append(page)
        page = []
        column, y, column_top = 0, top, top

    for number, paragraph in enumerate(paragraphs):
        line_size = 16.0 if number == 0 else size
        line_width = (_PAGE_WIDTH - 2 * margin) if number == 0 else column_width
        for line in _wrap(paragraph, line_width, line_size, hyphenate and number > 0):
            if y < bottom:
                column += 1
                y = column_top
                if column == columns:
                    new_page()
            x = margin + column * (column_width + gutter)
            page.append((x, y, line_size, line))
            y -= line_size * 1.25 if number == 0 else leading
        y -= leading * 0.9  # the gap that ends a paragraph
        if number == 0:
            column_top = y  # the headline spans the columns
    new_page()
    for index, lines in enumerate(pages, 1):
        lines.append((margin, _PAGE_HEIGHT - 45.0, 8.0, header))
        lines.append((_PAGE_WIDTH / 2 - 20, 40.0, 8.0, f"Page {index} of {len(pages)}"))
    return pages


def pdf_hard_wrapped(stem: str) -> bytes:
    """One column, hard-wrapped, words hyphenated at line ends, header and page numbers."""
    header = "The Daily Courier — World — 9 August 2023"
    return write_pdf(_layout(article_paragraphs(stem), 1, True, header))


def pdf_two_columns(stem: str) -> bytes:
    header = "The Daily Courier — Print edition"
    pages = _layout(article_paragraphs(stem), 2, True, header, size=9.0)
    return write_pdf(pages, row_order=True)


def pdf_pages(count: int) -> bytes:
    """A long PDF of about ``count`` pages (the articles repeated), for benchmarks."""
    paragraphs: list[str] = []
    pages: list[list[Line]] = []
    while len(pages) < count:
        for stem in ARTICLES:
            paragraphs += article_paragraphs(stem)
        pages = _layout(paragraphs, 1, True, "Collected coverage")
    return write_pdf(pages[:count])


def pdf_scanned() -> bytes:
    return write_pdf([[], []], image_only=True)


def pdf_encrypted(stem: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(pdf_hard_wrapped(stem))).pages:
        writer.add_page(page)
    writer.encrypt("reader-password", "owner-password", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# --- office documents ------------------------------------------------------------------


def docx_document(stem: str) -> bytes:
    """A Word file: headline as a heading, body paragraphs, and a header and footer with
    quotation marks in them (page furniture, not the article)."""
    import docx

    headline, *body = article_paragraphs(stem)
    document = docx.Document()
    document.core_properties.title = headline[:200]  # Word's limit is 255
    document.core_properties.author = "Jane Roe"
    document.add_heading(headline, level=1)
    for paragraph in body:
        document.add_paragraph(paragraph)
    section = document.sections[0]
    section.header.paragraphs[0].text = FURNITURE_QUOTES[1]
    section.footer.paragraphs[0].text = FURNITURE_QUOTES[2]
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def docx_zip_bomb(unpacked_mb: int = 200) -> bytes:
    """A DOCX whose document.xml unpacks to ``unpacked_mb`` MB of spaces."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b" " * (1024 * 1024)
            for _ in range(unpacked_mb):
                member.write(chunk)
    return out.getvalue()


_ODF_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version="1.3"'
)


def _odf_text(text: str) -> str:
    # Runs of spaces are <text:s/> in ODF: XML would collapse them.
    escaped = html.escape(text, quote=False)
    return escaped.replace("  ", ' <text:s text:c="1"/>')


def odt_document(stem: str) -> bytes:
    headline, *body = article_paragraphs(stem)
    paragraphs = "".join(
        f'<text:p text:style-name="Text_20_body">{_odf_text(p)}</text:p>' for p in body
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODF_NS}>'
        "<office:body><office:text>"
        f'<text:h text:outline-level="1">{_odf_text(headline)}</text:h>{paragraphs}'
        "</office:text></office:body></office:document-content>"
    )
    meta = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta {_ODF_NS}><office:meta>'
        f"<dc:title>{html.escape(headline)}</dc:title><dc:creator>Jane Roe</dc:creator>"
        "<dc:date>2023-08-09T10:30:00</dc:date></office:meta></office:document-meta>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("meta.xml", meta, zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _rtf_text(text: str) -> str:
    out = []
    for char in text:
        if char in "\\{}":
            out.append("\\" + char)
        elif ord(char) < 128:
            out.append(char)
        else:
            try:
                out.append(f"\\'{char.encode('cp1252')[0]:02x}")
            except UnicodeEncodeError:
                code = ord(char) if ord(char) < 32768 else ord(char) - 65536
                out.append(f"\\u{code}?")
    return "".join(out)


def rtf_document(stem: str) -> bytes:
    headline, *body = article_paragraphs(stem)
    parts = [
        r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fswiss Helvetica;}}",
        r"{\info{\title " + _rtf_text(headline) + r"}{\author Jane Roe}}",
        r"{\header\pard " + _rtf_text(FURNITURE_QUOTES[1]) + r"\par}",
        r"\pard\b\fs32 " + _rtf_text(headline) + r"\b0\fs24\par",
    ]
    parts += [r"\pard\sa120 " + _rtf_text(p) + r"\par" for p in body]
    parts.append("}")
    return "\n".join(parts).encode("ascii")


# --- e-mail, MHTML, Markdown -----------------------------------------------------------


def eml_forwarded(stem: str) -> bytes:
    """A forwarded e-mail with the article as its text/plain part."""
    headline, *body = article_paragraphs(stem)
    message = EmailMessage()
    message["From"] = "Colleague <colleague@example.org>"
    message["To"] = "me@example.org"
    message["Subject"] = f"Fwd: {headline}"
    message["Date"] = "Wed, 09 Aug 2023 12:00:00 +0000"
    forwarded = (
        "---------- Forwarded message ---------\n"
        "From: The Daily Courier <news@courier.example>\n"
        "Date: Wed, 9 Aug 2023 at 10:30\n"
        f"Subject: {headline}\n"
        "To: <subscribers@courier.example>\n\n"
    )
    message.set_content(forwarded + headline + "\n\n" + "\n\n".join(body) + "\n")
    return message.as_bytes()


def eml_html_only(stem: str) -> bytes:
    """An e-mail whose only body is the news page as HTML."""
    headline, *_ = article_paragraphs(stem)
    message = EmailMessage()
    message["From"] = "news@courier.example"
    message["Subject"] = headline
    message["Date"] = "Wed, 09 Aug 2023 10:30:00 +0000"
    message.set_content(html_news_page(stem).decode("utf-8"), subtype="html")
    return message.as_bytes()


def mhtml_page(stem: str) -> bytes:
    """A page saved by a browser as a single file (MHTML), with an image part."""
    message = EmailMessage()
    message["From"] = "<Saved by Blink>"
    message["Subject"] = article_paragraphs(stem)[0]
    message["MIME-Version"] = "1.0"
    message.make_related()
    message.add_related(html_news_page(stem).decode("utf-8"), subtype="html")
    message.add_related(b"\x89PNG\r\n\x1a\n", maintype="image", subtype="png", cid="<logo>")
    return b"From: <Saved by Blink>\r\n" + message.as_bytes().split(b"\n", 1)[1]


_MARKDOWN_SPECIALS = set("\\`*_{}[]<>()#+-.!|~&")


def _markdown_escaped(text: str) -> str:
    return "".join("\\" + c if c in _MARKDOWN_SPECIALS else c for c in text)


def markdown_document(stem: str) -> bytes:
    """Markdown with emphasis and links in it, which must not reach the text."""
    headline, *body = article_paragraphs(stem)
    lines = [f"# {_markdown_escaped(headline)}", ""]
    for number, paragraph in enumerate(body):
        first, _, rest = paragraph.partition(" ")
        first = _markdown_escaped(first)
        rest = _markdown_escaped(rest)
        if number % 3 == 0:
            lines.append(f"**{first}** {rest}".rstrip())
        elif number % 3 == 1:
            lines.append(f"[{first}](https://courier.example/{number}) {rest}".rstrip())
        else:
            lines.append(f"{first} {rest}".rstrip())
        lines.append("")
    return "\n".join(lines).encode("utf-8")


# --- everything ------------------------------------------------------------------------

# (suffix, builder) of every format version of an article.
ARTICLE_VERSIONS: dict[str, tuple[str, Callable[[str], bytes]]] = {
    "html": (".html", html_page),
    "news-html": (".html", html_news_page),
    "cp1252-html": (".htm", html_windows_1252),
    "wrapped-pdf": (".pdf", pdf_hard_wrapped),
    "two-column-pdf": (".pdf", pdf_two_columns),
    "docx": (".docx", docx_document),
    "odt": (".odt", odt_document),
    "rtf": (".rtf", rtf_document),
    "eml": (".eml", eml_forwarded),
    "html-eml": (".eml", eml_html_only),
    "mhtml": (".mhtml", mhtml_page),
    "markdown": (".md", markdown_document),
}


def all_fixtures() -> Iterator[tuple[str, bytes]]:
    """(file name, contents) of every fixture."""
    for stem in ARTICLES:
        for version, (suffix, build) in ARTICLE_VERSIONS.items():
            yield f"{stem}.{version}{suffix}", build(stem)
    yield "encrypted.pdf", pdf_encrypted(ARTICLES[0])
    yield "scanned.pdf", pdf_scanned()
    yield "twenty-pages.pdf", pdf_pages(20)
    yield "no-article.html", html_without_article()
    yield "bomb.docx", docx_zip_bomb()


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m tests.format_fixtures OUT_FOLDER", file=sys.stderr)
        return 2
    folder = Path(argv[0])
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in all_fixtures():
        (folder / name).write_bytes(data)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
