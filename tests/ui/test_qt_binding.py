"""The Qt binding keeps Python's reference counts straight (PySide6 6.12.0 did not)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject


def test_qt_calls_returning_none_keep_none_alive() -> None:
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(2000):
        probe.setObjectName("probe")
    # A binding that drops a reference per call would be 2000 short (and, on Python
    # before 3.12, eventually abort the process with "none_dealloc").
    assert sys.getrefcount(None) - before > -100
