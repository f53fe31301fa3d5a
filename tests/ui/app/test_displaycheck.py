"""--self-test also tries the platform the window will really use, and names what is missing."""

from __future__ import annotations

import pytest

from cablereader.displaycheck import missing_library, platform_problem, platform_to_try

# What QT_DEBUG_PLUGINS=1 prints on a desktop without libxcb-cursor0 (abridged).
QT_LOG = """\
qt.core.plugin.factoryloader: checking directory path "/x/PySide6/Qt/plugins/platforms" ...
qt.core.library: "/x/PySide6/Qt/plugins/platforms/libqxcb.so" cannot load: Cannot load library
 /x/PySide6/Qt/plugins/platforms/libqxcb.so: (libxcb-cursor.so.0: cannot open shared object file:
 No such file or directory)
qt.qpa.plugin: From 6.5.0, xcb-cursor0 or libxcb-cursor0 is needed to load the Qt xcb plugin.
qt.qpa.plugin: Could not load the Qt platform plugin "xcb" in "" even though it was found.
"""


def test_the_missing_library_is_named_from_qts_plugin_log() -> None:
    assert missing_library(QT_LOG) == "libxcb-cursor.so.0"
    assert missing_library("nothing to see") is None


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, None),
        ({"QT_QPA_PLATFORM": "offscreen", "DISPLAY": ":0"}, None),
        ({"DISPLAY": ":0"}, "xcb"),
        ({"WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"}, "wayland"),
        ({"QT_QPA_PLATFORM": "xcb"}, "xcb"),
    ],
)
def test_the_platform_tried_is_the_one_the_window_will_use(environ, expected) -> None:
    import sys

    if not sys.platform.startswith("linux") and "QT_QPA_PLATFORM" not in environ:
        expected = None
    assert platform_to_try(environ) == expected


def test_a_platform_that_cannot_start_is_reported_not_passed(monkeypatch) -> None:
    # xcb with a display that does not exist: Qt would abort; the probe says why.
    monkeypatch.setenv("DISPLAY", ":97")
    problem = platform_problem("xcb", timeout=60)
    assert problem is not None and "xcb" in problem


def test_offscreen_starts() -> None:
    assert platform_problem("offscreen", timeout=60) is None
