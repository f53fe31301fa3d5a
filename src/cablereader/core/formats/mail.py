"""E-mail (EML) and saved web pages in one file (MHTML), with the stdlib's email parser.

An e-mail gives its text/plain part, else its HTML part through the web-page path; the
header block of a forwarded message ("---------- Forwarded message ---------" and its
From/Date/Subject/To lines) is kept out of the body.  An MHTML file is a MIME message
whose HTML part is the page; its other parts (images, styles) are ignored.
"""

from __future__ import annotations

import re
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import parsedate_to_datetime

from cablereader.core.formats.errors import FormatError
from cablereader.core.formats.html import extract_html
from cablereader.core.formats.provenance import EML, MHTML, Extraction, Metadata

_FORWARD_MARK_RE = re.compile(
    r"^\s*(-{2,}\s*(forwarded message|original message)\s*-{2,}|begin forwarded message:)\s*$",
    re.I,
)
_HEADER_LINE_RE = re.compile(r"^\s*(from|date|sent|subject|to|cc|bcc|reply-to)\s*:", re.I)
_SUBJECT_PREFIX_RE = re.compile(r"^\s*((re|fwd?|aw|wg|tr)\s*:\s*)+", re.I)


def _parse(data: bytes, kind: str) -> EmailMessage:
    try:
        message = message_from_bytes(data, policy=policy.default)
    except Exception as error:  # the parser is lenient; this is a last resort
        raise FormatError(f"not a readable {kind} file ({error})") from error
    assert isinstance(message, EmailMessage)
    return message


def without_forward_headers(text: str) -> str:
    """``text`` without forwarded-message markers and the header lines after them."""
    lines = text.split("\n")
    kept: list[str] = []
    index = 0
    while index < len(lines):
        if _FORWARD_MARK_RE.match(lines[index]):
            index += 1
            while index < len(lines) and (
                _HEADER_LINE_RE.match(lines[index]) or not lines[index].strip()
            ):
                index += 1
            continue
        kept.append(lines[index])
        index += 1
    return "\n".join(kept)


def _paragraphs(text: str) -> str:
    """Blank-line separated paragraphs (an e-mail's text may be hard-wrapped: wrapped
    lines stay as they are, which matching treats as spaces)."""
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n"))
    return "\n\n".join(block.strip() for block in blocks if block.strip())


def _metadata(message: EmailMessage) -> Metadata:
    subject = _SUBJECT_PREFIX_RE.sub("", str(message.get("Subject", ""))).strip()
    date = ""
    if message.get("Date"):
        try:
            date = parsedate_to_datetime(str(message["Date"])).date().isoformat()
        except (TypeError, ValueError):
            date = ""
    return Metadata(headline=subject, author=str(message.get("From", "")).strip(), date=date)


def _charset(part: EmailMessage) -> str | None:
    charset = part.get_content_charset()
    return str(charset) if charset else None


def extract_eml(data: bytes) -> Extraction:
    message = _parse(data, "e-mail")
    body = message.get_body(preferencelist=("plain", "html"))
    if body is None:
        raise FormatError("the e-mail has no text or HTML part")
    assert isinstance(body, EmailMessage)
    metadata = _metadata(message)
    if body.get_content_type() == "text/html":
        payload = body.get_payload(decode=True)
        assert isinstance(payload, bytes)
        page = extract_html(payload, _charset(body))
        headline = page.metadata.headline or metadata.headline
        merged = Metadata(
            headline,
            page.metadata.outlet,
            page.metadata.author or metadata.author,
            page.metadata.date or metadata.date,
            page.metadata.url,
        )
        return Extraction(page.text, EML, f"email + {page.extractor}", page.encoding, merged)
    try:
        text = body.get_content()
    except (LookupError, UnicodeError) as error:
        raise FormatError(f"the e-mail's text cannot be decoded ({error})") from error
    text = _paragraphs(without_forward_headers(str(text)))
    if not text:
        raise FormatError("the e-mail has no text")
    return Extraction(text, EML, "email (stdlib)", _charset(body) or "us-ascii", metadata)


def extract_mhtml(data: bytes) -> Extraction:
    message = _parse(data, "MHTML")
    for part in message.walk():
        if part.get_content_type() == "text/html":
            assert isinstance(part, EmailMessage)
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes) and payload.strip():
                page = extract_html(payload, _charset(part))
                return Extraction(page.text, MHTML, page.extractor, page.encoding, page.metadata)
    raise FormatError("not a readable MHTML file (it has no HTML part)")
