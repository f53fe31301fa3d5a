"""Where an annotated passage sits in the source, for the exchange formats and the report.

The annotation reports own that rule (``Counterparts``: source span, source text and
verdict of an annotated passage; ``fitting_analysis``: an analysis of the project as it
is now).  This module is the one place the evidence report and the REFI-QDA exporter
reach it.
"""

from __future__ import annotations

from cablereader.core.reports import Counterparts, fitting_analysis

__all__ = ["Counterparts", "fitting_analysis"]
