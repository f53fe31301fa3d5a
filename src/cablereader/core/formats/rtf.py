"""Rich Text Format (RTF), through striprtf, in the code page the file declares."""

from __future__ import annotations

import codecs
import re

from cablereader.core.formats.errors import FormatError
from cablereader.core.formats.provenance import RTF, Extraction, Metadata, extractor_name

_CODEPAGE_RE = re.compile(rb"\\ansicpg(\d+)")
_INFO_RE = re.compile(r"\{\\info.*?\}\}", re.S)
# Destinations that are not running text (striprtf keeps some of them).
_FURNITURE_RE = re.compile(r"\{\\(header|footer)[lrf]?\b")


def _balanced(text: str) -> bool:
    depth = 0
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth < 0:
                return False
        index += 1
    return depth == 0


def _without_groups(text: str, pattern: re.Pattern[str]) -> str:
    """``text`` without the groups whose start ``pattern`` finds (nested braces kept track of)."""
    while (found := pattern.search(text)) is not None:
        depth, index = 0, found.start()
        while index < len(text):
            char = text[index]
            if char == "\\":
                index += 2
                continue
            depth += {"{": 1, "}": -1}.get(char, 0)
            index += 1
            if depth == 0:
                break
        text = text[: found.start()] + text[index:]
    return text


def _info_field(text: str, name: str) -> str:
    found = re.search(r"\{\\" + name + r" ([^{}]*)\}", text)
    return found.group(1).strip() if found else ""


def extract_rtf(data: bytes) -> Extraction:
    from striprtf.striprtf import rtf_to_text

    declared = _CODEPAGE_RE.search(data[:2048])
    encoding = f"cp{int(declared.group(1))}" if declared else "cp1252"
    try:
        codecs.lookup(encoding)
    except LookupError:
        encoding = "cp1252"
    # RTF is 7-bit; a byte above 127 is taken in the declared code page.
    raw = data.decode(encoding, "replace")
    if not _balanced(raw):
        raise FormatError("not a readable RTF file (damaged or truncated: unbalanced braces)")
    info = _INFO_RE.search(raw)
    info_text = info.group(0) if info else ""
    body = _without_groups(raw, _FURNITURE_RE)
    try:
        title = rtf_to_text(_info_field(info_text, "title"), encoding=encoding).strip()
        author = rtf_to_text(_info_field(info_text, "author"), encoding=encoding).strip()
        text = rtf_to_text(body.replace(info_text, "") if info_text else body, encoding=encoding)
    # striprtf is a small regex-based converter; a malformed control word can make it
    # raise anything from ValueError to IndexError.
    except Exception as error:
        raise FormatError(f"not a readable RTF file (damaged: {error})") from error
    paragraphs = [line.strip() for line in text.split("\n") if line.strip()]
    if not paragraphs:
        raise FormatError("the RTF document has no text")
    extractor = extractor_name("striprtf")
    return Extraction(
        "\n\n".join(paragraphs), RTF, extractor, encoding, Metadata(headline=title, author=author)
    )
