"""REFI-QDA exchange: projects as ``.qdpx``, codebooks as ``.qdc``, and ``.qdpx`` import.

The window and the command line call one function each: :func:`export_qdpx`,
:func:`export_qdc` and :func:`import_qdpx` (which creates a project file).
"""

from cablereader.core.exchange.importer import import_qdpx
from cablereader.core.exchange.model import (
    CODEBOOK_NS,
    PROJECT_NS,
    QDC_SUFFIX,
    QDPX_SUFFIX,
    ExchangeError,
    ExchangeProgress,
    ExportSummary,
    ImportSummary,
    RefiProject,
)
from cablereader.core.exchange.reader import read_qdpx
from cablereader.core.exchange.writer import (
    ExportContent,
    codebook_qdc,
    export_qdc,
    export_qdpx,
    project_qde,
)

__all__ = [
    "CODEBOOK_NS",
    "PROJECT_NS",
    "QDC_SUFFIX",
    "QDPX_SUFFIX",
    "ExchangeError",
    "ExchangeProgress",
    "ExportContent",
    "ExportSummary",
    "ImportSummary",
    "RefiProject",
    "codebook_qdc",
    "export_qdc",
    "export_qdpx",
    "import_qdpx",
    "project_qde",
    "read_qdpx",
]
