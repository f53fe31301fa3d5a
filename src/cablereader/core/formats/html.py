"""Web pages: the article's headline and body paragraphs, through trafilatura.

trafilatura is given the page as a string we decoded, never a URL: it only parses,
and nothing here (nor in lxml, which it uses) fetches the page's images, scripts or
styles.  The charset honoured is the byte-order mark, else the page's declaration
(``<meta charset>`` or ``http-equiv``), else a detection as for plain text.
"""

from __future__ import annotations

import codecs
import re
import socket
import sys
import threading
from types import ModuleType

from cablereader.core.formats.errors import FormatError
from cablereader.core.formats.provenance import HTML, Extraction, Metadata, extractor_name

_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# WHATWG: pages labelled Latin-1 or ASCII are decoded as Windows-1252.
_WINDOWS_1252_LABELS = {"iso8859-1", "latin-1", "ascii", "us-ascii", "iso-8859-1", "latin1"}
_NO_TEXT = "no article text found in this web page"
_MIN_ARTICLE_WORDS = 10


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first 4 KB, as a Python codec name."""
    found = _CHARSET_RE.search(data[:4096])
    if found is None:
        return None
    label = found.group(1).decode("ascii", "replace").lower()
    if label in _WINDOWS_1252_LABELS:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_html(data: bytes, charset: str | None = None) -> tuple[str, str]:
    """(markup, encoding used): BOM, then ``charset`` given, then declared, then detected."""
    from cablereader.core.decoding import decode_bytes

    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_bytes(data)
    for name in (charset, declared_charset(data)):
        if name:
            try:
                return data.decode(name), name
            except (UnicodeDecodeError, LookupError):
                continue
    return decode_bytes(data)


_IMPORT_LOCK = threading.Lock()


def _trafilatura() -> ModuleType:
    """trafilatura, imported without the socket urllib3 opens at import time.

    trafilatura imports urllib3 (for its download helpers, which we never call), and
    urllib3 probes for IPv6 on import by creating a socket and binding it to ``::1``.
    That is no traffic, but CableReader opens no socket at all (tests/test_offline.py
    refuses them), so the probe is skipped by hiding IPv6 support while urllib3 loads;
    urllib3's connection settings are never used by us.
    """
    with _IMPORT_LOCK:
        if "trafilatura" not in sys.modules:
            had_ipv6 = socket.has_ipv6
            socket.has_ipv6 = False
            try:
                import trafilatura  # noqa: F401  (takes ~0.3 s: imported on first use)
            finally:
                socket.has_ipv6 = had_ipv6
    return sys.modules["trafilatura"]


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def extract_markup(markup: str, encoding: str = "unicode") -> Extraction:
    """The article in ``markup`` (a whole page or a fragment, e.g. from the clipboard)."""
    trafilatura = _trafilatura()
    options = {
        "include_comments": False,
        "include_tables": True,
        "include_images": False,
        "include_links": False,
        "with_metadata": True,
        "deduplicate": False,
    }
    found = trafilatura.bare_extraction(markup, favor_precision=True, **options)
    if found is None or not _paragraphs(found.text or ""):
        # A short page or a clipboard fragment looks like boilerplate to the precise
        # setting; the recall setting still keeps out navigation and footers.
        found = trafilatura.bare_extraction(markup, favor_recall=True, **options)
    body = _paragraphs(found.text or "") if found is not None else []
    headline = (found.title or "").strip() if found is not None else ""
    # The headline comes first in the text; the page's own copy of it (its <h1>, which
    # may follow a menu the extractor kept) is dropped.
    copies = [i for i, paragraph in enumerate(body[:5]) if paragraph == headline]
    if headline and copies:
        del body[copies[0]]
    # Fewer words than a sentence or two is what is left of menus and footers on a page
    # that has no article (the recall setting keeps their links).
    if found is None or sum(len(p.split()) for p in body) < _MIN_ARTICLE_WORDS:
        raise FormatError(_NO_TEXT)
    metadata = Metadata(
        headline=headline,
        outlet=(found.sitename or "").strip(),
        author=(found.author or "").strip(),
        date=(found.date or "").strip(),
        url=(found.url or "").strip(),
    )
    paragraphs = ([headline] if headline else []) + body
    return Extraction(
        "\n\n".join(paragraphs), HTML, extractor_name("trafilatura"), encoding, metadata
    )


def extract_html(data: bytes, charset: str | None = None) -> Extraction:
    try:
        markup, encoding = decode_html(data, charset)
    except ValueError as error:
        raise FormatError(f"not a readable web page ({error})") from error
    return extract_markup(markup, encoding)
