"""Decoding a file's bytes to text: byte-order marks, UTF-8 (repaired when only a few bytes
are broken), UTF-16 without a BOM, legacy code pages; binary data refused with a reason.

Kept apart from :mod:`cablereader.core.documents` so that the format extractors, which
decode the text inside web pages and Markdown files, use the same rules without
importing the document loader that calls them.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

_BINARY_REASON = "not a text file (it contains binary data)"
# Text with NUL bytes: kept out, since NUL ends strings in much software (CSV readers,
# spreadsheets), but said plainly, as it is otherwise text.
_NUL_REASON = "not a text file (it contains NUL bytes; remove them to import it)"
_UNKNOWN_ENCODING_REASON = "not a text file (cannot determine its encoding)"

# UTF-32 BOMs come first: the UTF-32-LE BOM begins with the UTF-16-LE BOM.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# C0/C1 control characters other than \t \n \r \f; counted with a regex because a
# per-character Python loop is slow on multi-megabyte files.
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _too_many_controls(text: str) -> bool:
    # A stray control character (a DOS end-of-file mark, say) is tolerated; a binary file
    # misread as text produces them everywhere.
    return len(_CONTROL_RE.findall(text)) > max(2, len(text) // 100)


def _decode_utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    if len(data) < 2 or len(data) % 2:
        return None
    half = len(data) // 2
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    # Latin-script UTF-16 has a NUL high byte in most code units, the other byte rarely NUL.
    if odd_nuls > half // 2 and even_nuls <= half // 10:
        encoding, strict = "utf-16-le", False
    elif even_nuls > half // 2 and odd_nuls <= half // 10:
        encoding, strict = "utf-16-be", False
    # Other scripts (Arabic, Hebrew, Cyrillic, Greek...) have NUL high bytes only in
    # spaces, digits and punctuation: NULs in one column only, and what it decodes to
    # must look like text.
    elif even_nuls == 0 < odd_nuls:
        encoding, strict = "utf-16-le", True
    elif odd_nuls == 0 < even_nuls:
        encoding, strict = "utf-16-be", True
    else:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    if _too_many_controls(text) or (strict and not _looks_like_text(text)):
        return None
    return text, encoding


# Unicode general categories of text: letters, marks, numbers, punctuation, symbols,
# separators.  Binary data decoded as UTF-16 gives unassigned and private-use code
# points (Cn, Co) and unpaired surrogates (Cs) instead.
_TEXT_CATEGORIES = frozenset("LMNPSZ")
_TEXT_SAMPLE_CHARS = 20_000


def _looks_like_text(text: str) -> bool:
    sample = text[:_TEXT_SAMPLE_CHARS]
    odd = sum(
        1
        for char in sample
        if unicodedata.category(char)[0] not in _TEXT_CATEGORIES and char not in "\t\n\r\f"
    )
    return odd <= len(sample) // 100


_BAD_BYTES_RE = re.compile("[\udc80-\udcff]+")


def _mostly_utf8(data: bytes) -> tuple[str, str] | None:
    """UTF-8 with a few broken sequences (a bad copy, a truncated download), repaired.

    Each broken sequence becomes U+FFFD (Python's "replace": one per maximal invalid
    subpart) and the recorded encoding says how many there were.  It is UTF-8 when its
    valid multi-byte characters are at least as many as its runs of bad bytes, however
    few both are: an English article with two curly quotes and one stray 0xFF is UTF-8.
    A legacy file (Windows-1252, say) has bad bytes wherever it has a non-ASCII
    character and next to no valid UTF-8 sequence, and is left to the guess.
    """
    escaped = data.decode("utf-8", "surrogateescape")
    runs = len(_BAD_BYTES_RE.findall(escaped))
    if not runs:
        return None
    valid = _BAD_BYTES_RE.sub("", escaped)
    multibyte = len(valid) - len(valid.encode("ascii", "ignore"))
    replaced = data.decode("utf-8", "replace")
    if multibyte < runs or _too_many_controls(replaced):
        return None
    broken = len(replaced) - len(valid)
    plural = "s" if broken > 1 else ""
    return replaced, f"utf-8 ({broken} invalid byte sequence{plural} replaced by \ufffd)"


def _guess_legacy_encoding(data: bytes) -> tuple[str, str]:
    # Imported lazily: it is only needed for legacy files and slows application start-up.
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise ValueError(_UNKNOWN_ENCODING_REASON)
    names = [best.encoding]
    # charset_normalizer breaks ties alphabetically (cp1250 before cp1252). Windows-1252 is
    # by far the most common legacy encoding for Western text, so prefer it on a tie.
    for match in matches:
        tie = match.chaos == best.chaos and match.coherence == best.coherence
        if tie and "cp1252" in match.could_be_from_charset:
            names.insert(0, "cp1252")
            break
    for name in names:
        try:
            encoding = codecs.lookup(name).name
            text = data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
        if not _too_many_controls(text):
            return text, encoding
    raise ValueError(_UNKNOWN_ENCODING_REASON)


def _strict_decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _decode(data: bytes) -> tuple[str, str]:
    for bom, name in _BOMS:
        # utf-8-sig strips its own BOM; the others are decoded without theirs.
        payload = data if name == "utf-8-sig" else data[len(bom) :]
        text = _strict_decode(payload, name) if data.startswith(bom) else None
        if text is not None:
            return text, name
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ValueError("not a text file (it has a byte-order mark but is not valid Unicode)")
    # NUL bytes are valid UTF-8 but never appear in text files; ASCII-only UTF-16 without
    # a BOM would otherwise pass as UTF-8 full of NULs.
    text = _strict_decode(data, "utf-8") if b"\x00" not in data else None
    if text is not None:
        return text, "utf-8"
    utf16 = _decode_utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    if b"\x00" in data:
        rest = _strict_decode(data.replace(b"\x00", b""), "utf-8")
        if rest is not None and not _too_many_controls(rest):
            raise ValueError(_NUL_REASON)
        raise ValueError(_BINARY_REASON)
    repaired = _mostly_utf8(data)
    if repaired is not None:
        return repaired
    return _guess_legacy_encoding(data)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode file contents to ``(text, encoding)``; raise ``ValueError(reason)`` if not text.

    Order: byte-order mark, strict UTF-8, UTF-16 without BOM (by its NUL-byte pattern),
    UTF-8 with a few broken sequences (replaced by U+FFFD, counted in the encoding), then
    a charset_normalizer guess for legacy encodings such as Windows-1252. Data with NUL
    bytes that is not UTF-16 is refused (as text with NULs, or as binary), and so is text
    made mostly of control characters. A leading U+FEFF is stripped; line endings are
    left alone (see :func:`load_document`).
    """
    text, encoding = _decode(data)
    # Valid UTF-8 (or UTF-16 with a BOM) can still be binary: control characters only.
    if _too_many_controls(text):
        raise ValueError(_BINARY_REASON)
    return text.removeprefix("\ufeff"), encoding
