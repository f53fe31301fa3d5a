"""What an import keeps besides the text: the original file, how it was read, metadata.

Plain frozen data with no imports from the rest of the core, so that
:mod:`cablereader.core.documents` can refer to it without an import cycle.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

# Formats, as stored in the project file and shown to people.
TEXT = "text"
HTML = "html"
MHTML = "mhtml"
PDF = "pdf"
DOCX = "docx"
ODT = "odt"
RTF = "rtf"
EML = "eml"
MARKDOWN = "markdown"
CLIPBOARD_HTML = "clipboard-html"
CLIPBOARD_TEXT = "clipboard-text"


@dataclass(frozen=True)
class Metadata:
    """What a document says about itself; empty strings where it says nothing.

    ``date`` is ISO 8601 (``YYYY-MM-DD``) when the extractor could read one.
    """

    headline: str = ""
    outlet: str = ""
    author: str = ""
    date: str = ""
    url: str = ""

    def as_dict(self) -> dict[str, str]:
        return {
            "headline": self.headline,
            "outlet": self.outlet,
            "author": self.author,
            "date": self.date,
            "url": self.url,
        }


@dataclass(frozen=True)
class Extraction:
    """A format module's result: the document text and how it was obtained."""

    text: str
    format: str
    extractor: str
    encoding: str = "unicode"
    metadata: Metadata = field(default_factory=Metadata)


@dataclass(frozen=True)
class Provenance:
    """Where a document's text came from: the original file's bytes, their sha256, the
    format and the extractor (with its version) that made the text, and metadata.

    The project file stores the bytes compressed and gives them back byte for byte.
    """

    format: str
    extractor: str
    original_sha256: str
    original: bytes = field(repr=False)
    metadata: Metadata = field(default_factory=Metadata)

    @classmethod
    def of(
        cls, data: bytes, format: str, extractor: str, metadata: Metadata | None = None
    ) -> Provenance:
        digest = hashlib.sha256(data).hexdigest()
        return cls(format, extractor, digest, data, metadata or Metadata())


def extractor_name(distribution: str) -> str:
    """``"<distribution> <version>"`` of an installed library, for the provenance record."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"{distribution} {version(distribution)}"
    except PackageNotFoundError:  # a bundle built without the package's metadata
        return f"{distribution} (version unknown)"
