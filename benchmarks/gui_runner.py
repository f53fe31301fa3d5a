"""Running one measured GUI process (``gui_child.py``) for ``gui.py``.

Each process gets its own empty settings, data and cache folders (or a named home kept
between runs), offscreen Qt, and bytecode compiled into the scratch folder; while it
runs, the resident memory of it and its children (the analysis workers) is sampled.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CHILD = Path(__file__).with_name("gui_child.py")
CHILD_TIMEOUT_S = 600.0


def _tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants (Linux /proc)."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/status", encoding="ascii") as status:
                for row in status:
                    if row.startswith("VmRSS:"):
                        total += int(row.split()[1])
                        break
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as kids:
                    stack.extend(int(child) for child in kids.read().split())
        except (OSError, ValueError):
            continue
    return total


@dataclass
class Run:
    result: dict[str, Any]
    started: float  # time.monotonic() just before the process was started
    tree_peak_mb: float

    def since_start(self, mark: str) -> float:
        return float(self.result["marks"][mark]) - self.started

    def between(self, first: str, last: str) -> float:
        marks = self.result["marks"]
        return float(marks[last]) - float(marks[first])


class Runner:
    """Starts measured processes with their own empty settings and data folders."""

    def __init__(self, scratch: Path, code: Path | None = None) -> None:
        self.scratch = scratch
        self.code = code  # another checkout's src/ to measure instead of this one
        self.count = 0

    def run(self, *args: str, home_name: str | None = None) -> Run:
        """Run a scenario; with ``home_name``, in that home again (its cache kept)."""
        self.count += 1
        home = self.scratch / (f"home-{home_name}" if home_name else f"run-{self.count}")
        env = dict(os.environ)
        env["QT_QPA_PLATFORM"] = "offscreen"
        # As installed, with compiled bytecode (pip writes it at install time): kept in
        # the scratch folder, written by the warm-up runs, never in the checkout.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(self.scratch / "pycache")
        if self.code is not None:
            env["PYTHONPATH"] = os.pathsep.join(
                [str(self.code), *filter(None, [env.get("PYTHONPATH")])]
            )
        for variable, sub in (
            ("XDG_CONFIG_HOME", "config"),
            ("XDG_DATA_HOME", "data"),
            ("XDG_CACHE_HOME", "cache"),
            ("XDG_RUNTIME_DIR", "runtime"),
            ("CABLEREADER_DATA_DIR", "cablereader"),
        ):
            (home / sub).mkdir(parents=True, mode=0o700, exist_ok=True)
            env[variable] = str(home / sub)
        out_path, err_path = home / "stdout", home / "stderr"
        with open(out_path, "w") as out, open(err_path, "w") as err:
            started = time.monotonic()
            process = subprocess.Popen(
                [sys.executable, str(CHILD), *args], stdout=out, stderr=err, env=env
            )
            peak = 0
            while process.poll() is None:
                peak = max(peak, _tree_rss_kb(process.pid))
                if time.monotonic() - started > CHILD_TIMEOUT_S:
                    process.kill()
                time.sleep(0.02)
        output = out_path.read_text()
        for row in output.splitlines():
            if row.startswith("RESULT "):
                return Run(json.loads(row[len("RESULT ") :]), started, peak / 1024)
        raise RuntimeError(
            f"{' '.join(args)} gave no result (exit {process.returncode}):\n"
            f"{output[-2000:]}\n{err_path.read_text()[-4000:]}"
        )
