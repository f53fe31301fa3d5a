"""Why a file could not be read as its format, and a request to stop early."""

from __future__ import annotations

from collections.abc import Callable

# Progress is reported as (done, total); a cancel check returns True to stop.
Progress = Callable[[int, int], None]
CancelCheck = Callable[[], bool]


class FormatError(ValueError):
    """The file is not readable as its format; ``str(e)`` is the reason, without the
    file name (:func:`cablereader.core.documents.load_document` adds it)."""


class ExtractionCancelled(Exception):
    """The caller's cancel check asked extraction to stop; nothing was produced."""
