"""CSV output that spreadsheets open safely.

RFC 4180 quoting (every cell that needs it; newlines inside cells stay quoted), and a
guard against formula injection: a text cell that begins with ``= + - @``, a tab or a
carriage return is prefixed with an apostrophe, so a spreadsheet shows it as text
instead of running it.  Files get a UTF-8 byte-order mark so Excel reads UTF-8.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
Cell = str | int | float | None


def neutralise(value: str) -> str:
    """``value`` made safe to open in a spreadsheet (see module doc)."""
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def _cell(value: Cell, guard: bool) -> str | int | float:
    if value is None:
        return ""
    if isinstance(value, str):
        # NUL cannot be stored in most spreadsheet cells and breaks some CSV readers.
        value = value.replace("\x00", "")
        return neutralise(value) if guard else value
    return value


def write_rows(
    stream: io.TextIOBase | io.StringIO,
    header: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    *,
    guard_formulas: bool = True,
) -> None:
    writer = csv.writer(stream, dialect="excel", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(value, guard_formulas) for value in row])


def write_csv_file(
    path: str | os.PathLike[str],
    header: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    *,
    guard_formulas: bool = True,
) -> None:
    """Write a CSV file with a UTF-8 BOM, atomically (a temporary file, then rename)."""
    target = Path(path)
    temporary = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    try:
        with open(temporary, "w", encoding="utf-8-sig", newline="") as stream:
            write_rows(stream, header, rows, guard_formulas=guard_formulas)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    finally:
        if temporary.exists():
            temporary.unlink()
