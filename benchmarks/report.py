"""Printing benchmark figures against their targets (shared by run.py and gui.py)."""

from __future__ import annotations

from dataclasses import dataclass


def verdict_line(label: str, value: str, passed: bool | None = None, *, width: int = 52) -> str:
    """One figure, with PASS or FAIL when it has a target."""
    mark = "" if passed is None else ("  PASS" if passed else "  FAIL")
    return f"  {label:<{width}} {value}{mark}"


@dataclass
class Targets:
    """Which targets passed, for the summary and ``--check``."""

    results: dict[str, bool]

    def record(self, name: str, passed: bool) -> bool:
        self.results[name] = passed
        return passed
