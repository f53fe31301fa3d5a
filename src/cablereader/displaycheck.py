"""Can Qt open a window here?  Tried in a child process, since Qt aborts when it cannot.

On a minimal Linux desktop Qt's xcb plugin needs libraries (libxcb-cursor0,
libxcb-icccm4, libxcb-keysyms1, …) that may be missing; Qt then aborts the process with
a message that blames the wrong one.  The child runs with ``QT_DEBUG_PLUGINS=1``, whose
output names the library that really failed to load; the self-test reports it by name.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import sys
import tempfile
from pathlib import Path

_PROBE_TIMEOUT = 30.0
_MISSING = re.compile(r"(lib[\w.+-]+?\.so(?:\.\d+)*): cannot open shared object file")


def platform_to_try(environ: dict[str, str] | None = None) -> str | None:
    """The platform plugin the window will really use here, or None (offscreen, no display)."""
    env = os.environ if environ is None else environ
    chosen = env.get("QT_QPA_PLATFORM", "")
    if chosen:
        return None if chosen == "offscreen" else chosen
    if not sys.platform.startswith("linux"):
        return None
    if env.get("WAYLAND_DISPLAY") and env.get("XDG_SESSION_TYPE") == "wayland":
        return "wayland"
    if env.get("DISPLAY"):
        return "xcb"
    return None


def missing_library(log: str) -> str | None:
    """The shared library Qt could not load, as named in ``QT_DEBUG_PLUGINS`` output."""
    found = _MISSING.findall(log)
    return found[-1] if found else None


def _probe(platform: str, log_path: str) -> None:
    # The child's stderr goes to the log, Qt's plugin diagnostics with it.
    with open(log_path, "wb") as log:
        os.dup2(log.fileno(), 2)
    os.environ["QT_QPA_PLATFORM"] = platform
    os.environ["QT_DEBUG_PLUGINS"] = "1"
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication([sys.argv[0]])
    app.processEvents()
    os._exit(0)


def platform_problem(platform: str, timeout: float = _PROBE_TIMEOUT) -> str | None:
    """Why Qt's ``platform`` plugin cannot start here, or None if it can."""
    with tempfile.TemporaryDirectory(prefix="cablereader-probe-") as scratch:
        log_path = str(Path(scratch, "qt.log"))
        process = multiprocessing.get_context("spawn").Process(
            target=_probe, args=(platform, log_path), daemon=True
        )
        process.start()
        process.join(timeout)
        if process.is_alive():
            process.kill()
            process.join()
            return f"the {platform} platform did not start within {timeout:g} s"
        if process.exitcode == 0:
            return None
        log = Path(log_path).read_text(encoding="utf-8", errors="replace")
    library = missing_library(log)
    if library is not None:
        return (
            f"the window cannot open on this desktop: Qt's {platform} platform needs "
            f"{library}, which is not installed (see README: Install, system packages)"
        )
    lines = [line for line in log.splitlines() if line.strip()]
    telling = ("could not connect", "cannot open", "qt.qpa")
    reason = next((ln for word in telling for ln in lines if word in ln.lower()), "")
    reason = reason or (lines[-1] if lines else f"exit code {process.exitcode}")
    return f"the window cannot open with Qt's {platform} platform: {reason.strip()}"
