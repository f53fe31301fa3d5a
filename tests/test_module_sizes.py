"""No module of ``src/cablereader`` is over 400 lines (issue 11): a module a newcomer
can read in one sitting, and a sign to split one before it becomes two rooms in one."""

from __future__ import annotations

from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "cablereader"
MOST_LINES = 400


def test_no_module_is_over_400_lines() -> None:
    modules = sorted(SRC.rglob("*.py"))
    assert len(modules) > 100  # the tree was found
    sizes = {
        path.relative_to(SRC).as_posix(): len(path.read_text("utf-8").splitlines())
        for path in modules
    }
    over = {name: lines for name, lines in sizes.items() if lines > MOST_LINES}
    assert not over, f"modules over {MOST_LINES} lines (split them): {over}"
