"""Where an annotated passage sits in the source, for the exchange formats and the report.

The annotation CSV export owns that rule (``Counterparts``: source span, source text and
verdict of an annotated passage; ``fitting_analysis``: an analysis of the project as it
is now).  This module is the one place the evidence report and the REFI-QDA exporter
reach it, so that when the export module moves only this import changes.
"""

from __future__ import annotations

from cablereader.core.project.export import Counterparts, fitting_analysis

__all__ = ["Counterparts", "fitting_analysis"]
