"""``cablereader --self-test`` (the window offscreen on the sample, checked, then closed)
and the ``cablereader-gui`` entry point."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest


def run_self_test(tmp_path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """In a child process, as the bundle runs it, with a HOME and TMPDIR of its own."""
    home, scratch = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    scratch.mkdir()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("XDG_", "CABLEREADER_")) and k not in ("DISPLAY", "WAYLAND_DISPLAY")
    }
    env.update(HOME=str(home), TMPDIR=str(scratch), QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "cablereader", "--self-test", *extra],
        env=env,
        capture_output=True,
        text=True,
        timeout=90,
    )


def test_self_test_passes_and_leaves_nothing_behind(tmp_path: Path) -> None:
    result = run_self_test(tmp_path)
    assert result.returncode == 0, result.stderr
    assert "self-test passed" in result.stdout
    assert "articles analysed" in result.stdout
    assert "Traceback" not in result.stderr
    # Its settings and data folder were temporary: nothing of ours under HOME, and the
    # temporary folder is gone.
    assert not [p for p in (tmp_path / "home").rglob("*") if "cablereader" in p.name.lower()]
    assert list((tmp_path / "tmp").iterdir()) == []


def test_self_test_fails_with_a_message_when_the_analysis_is_late(tmp_path: Path) -> None:
    result = run_self_test(tmp_path, "--self-test-timeout", "0")
    assert result.returncode == 1
    assert "self-test failed: the analysis of the sample did not finish" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("args", [["--self-test", "quotes", "x"]])
def test_self_test_takes_no_command(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    from cablereader.cli import main

    assert main(args) == 2
    assert "--self-test takes no command" in capsys.readouterr().err


def test_gui_script_is_declared() -> None:
    scripts = {e.name: e.value for e in entry_points(group="gui_scripts")}
    assert scripts.get("cablereader-gui") == "cablereader.app:gui_main"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland check")
def test_gui_entry_without_a_display_says_so() -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    code = "import sys; from cablereader.app import gui_main; sys.exit(gui_main())"
    result = subprocess.run(
        [sys.executable, "-c", code, "some.crproj"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "no display" in result.stderr and "cablereader quotes" in result.stderr
    assert "Traceback" not in result.stderr
