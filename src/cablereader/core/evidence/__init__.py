"""The evidence report: per article, its verdicts, quotations beside their source
passages with the changes marked, and the user's annotations; as one HTML file.

The window and the command line call :func:`report_from_project` or
:func:`report_from_documents`, then :func:`report_html` or :func:`write_report_html`
(the PDF export, :mod:`cablereader.pdfreport`, lays out the same HTML with Qt).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from cablereader.core.evidence.collect import (
    UnknownArticle,
    build_report,
    report_from_documents,
    report_from_project,
    report_from_snapshot,
)
from cablereader.core.evidence.html import escaped, report_html
from cablereader.core.evidence.model import (
    VERDICT_SYMBOLS,
    VERDICT_WORDS,
    AnnotationEvidence,
    ArticleEvidence,
    EvidenceReport,
    Mark,
    QuoteEvidence,
)


def write_report_html(report: EvidenceReport, path: str | os.PathLike[str]) -> Path:
    """Write the report's HTML (UTF-8) through a temporary file renamed into place."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(report_html(report))
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


__all__ = [
    "VERDICT_SYMBOLS",
    "VERDICT_WORDS",
    "AnnotationEvidence",
    "ArticleEvidence",
    "EvidenceReport",
    "Mark",
    "QuoteEvidence",
    "UnknownArticle",
    "build_report",
    "escaped",
    "report_from_documents",
    "report_from_project",
    "report_from_snapshot",
    "report_html",
    "write_report_html",
]
