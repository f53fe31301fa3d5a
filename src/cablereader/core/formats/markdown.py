"""Markdown, rendered to its text with markdown-it-py (CommonMark): emphasis marks,
link targets and heading marks are markup, not words of the text."""

from __future__ import annotations

from cablereader.core.formats.errors import FormatError
from cablereader.core.formats.provenance import MARKDOWN, Extraction, extractor_name

# Inline tokens whose content is text; images give their description.
_TEXT_TOKENS = {"text", "code_inline"}
_BREAK_TOKENS = {"softbreak": "\n", "hardbreak": "\n"}


def _inline_text(token: object) -> str:
    parts: list[str] = []
    for child in getattr(token, "children", None) or []:
        kind = child.type
        if kind in _TEXT_TOKENS:
            parts.append(child.content)
        elif kind in _BREAK_TOKENS:
            parts.append(_BREAK_TOKENS[kind])
        elif kind == "image":
            parts.append(_inline_text(child))
    return "".join(parts)


def markdown_text(source: str) -> str:
    """The text of a Markdown document: one paragraph per block, blank-line separated."""
    from markdown_it import MarkdownIt

    blocks: list[str] = []
    for token in MarkdownIt("commonmark").parse(source):
        if token.type == "inline":
            blocks.append(_inline_text(token))
        elif token.type in ("fence", "code_block"):
            blocks.append(token.content.rstrip("\n"))
    return "\n\n".join(block.strip() for block in blocks if block.strip())


def extract_markdown(data: bytes) -> Extraction:
    from cablereader.core.decoding import decode_bytes

    try:
        source, encoding = decode_bytes(data)
    except ValueError as error:
        raise FormatError(str(error)) from error
    text = markdown_text(source.replace("\r\n", "\n"))
    if not text:
        raise FormatError("the Markdown document has no text")
    extractor = extractor_name("markdown-it-py")
    return Extraction(text, MARKDOWN, extractor, encoding)
