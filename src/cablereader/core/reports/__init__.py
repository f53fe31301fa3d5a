"""Reports on a corpus or a project: quotation and comparison reports, annotation CSV."""

from cablereader.core.reports.annotations import (
    ANNOTATION_COLUMNS,
    ProjectSnapshot,
    annotation_rows,
    export_annotations_csv,
    fitting_analysis,
    project_rows,
    write_annotations,
    write_annotations_csv,
)
from cablereader.core.reports.counterparts import Counterparts
from cablereader.core.reports.quotes import (
    QUOTE_COLUMNS,
    compare_json,
    compare_text,
    quote_record,
    quote_rows,
    quote_summary,
    quotes_json,
)

__all__ = [
    "ANNOTATION_COLUMNS",
    "QUOTE_COLUMNS",
    "Counterparts",
    "ProjectSnapshot",
    "annotation_rows",
    "compare_json",
    "compare_text",
    "export_annotations_csv",
    "fitting_analysis",
    "project_rows",
    "quote_record",
    "quote_rows",
    "quote_summary",
    "quotes_json",
    "write_annotations",
    "write_annotations_csv",
]
