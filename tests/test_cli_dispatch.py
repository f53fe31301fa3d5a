"""What the first argument means, decided before any window: a command, a path that
exists, a missing path (input error, exit 1, named as given), or a mistyped command
(usage error, exit 2).  And messages name files by the path as given."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cablereader import cli
from cablereader.cli import main
from cablereader.core.documents import Document
from cablereader.core.project import Project


@pytest.fixture
def no_window(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    opened: list[list[str]] = []
    monkeypatch.setattr(cli, "run_app", lambda paths: opened.append(list(paths)) or 0)
    return opened


@pytest.mark.parametrize("args", [["frobnicate"], ["reprot", "x.crproj"], ["Quotes", "a"]])
def test_an_unknown_command_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], no_window: list[list[str]], args: list[str]
) -> None:
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "usage:" in err
    assert f"“{args[0]}” is not a command" in err and "quotes" in err
    assert no_window == []


@pytest.mark.parametrize(
    "given", ["notes.crproj", "sub/notes.txt", "./frobnicate", "missing-folder/"]
)
def test_a_missing_path_is_an_input_error_named_as_given(
    capsys: pytest.CaptureFixture[str],
    no_window: list[list[str]],
    given: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main([given]) == 1
    assert capsys.readouterr().err.strip() == f"cablereader: {given}: no such file or folder"
    assert no_window == []


def test_every_path_for_the_window_is_checked_first(
    capsys: pytest.CaptureFixture[str], no_window: list[list[str]], tmp_path: Path
) -> None:
    real = tmp_path / "a.txt"
    real.write_text("Some text.\n")
    assert main([str(real), str(tmp_path / "gone.txt")]) == 1
    assert f"{tmp_path / 'gone.txt'}: no such file or folder" in capsys.readouterr().err
    assert no_window == []
    assert main([str(real)]) == 0
    assert no_window == [[str(real)]]


def test_an_existing_file_named_like_a_command_word_opens(
    no_window: list[list[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("frobnicate").write_text("A file without a suffix.\n")
    assert main(["frobnicate"]) == 0
    assert no_window == [["frobnicate"]]


def test_messages_name_files_by_the_path_given(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("in").mkdir()
    Path("in/notes.crproj").write_text("not a project\n")
    assert main(["export", "in/notes.crproj"]) == 1
    assert capsys.readouterr().err.startswith("cablereader: in/notes.crproj: is not a")
    Path("in/empty.txt").write_bytes(b"")
    Path("in/good.txt").write_text("Good text here.\n")
    assert main(["compare", "in/good.txt", "in/empty.txt"]) == 1
    assert capsys.readouterr().err.strip() == "cablereader: in/empty.txt: file is empty"
    with Project.create(tmp_path / "in" / "taken.crproj", [Document.from_text("a.txt", "A.")]):
        pass
    assert main(["new", "in/taken.crproj", "in/good.txt", "in/empty.txt"]) == 1
    err = capsys.readouterr().err
    assert "skipped in/empty.txt: file is empty" in err
    assert "in/taken.crproj: already exists (use --force to replace it)" in err


def test_an_unknown_command_never_starts_a_window(tmp_path: Path) -> None:
    # Offscreen, a window would never exit: the command must return at once.
    result = subprocess.run(
        [sys.executable, "-m", "cablereader", "reprot", "x.crproj"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        env={
            "PATH": "/usr/bin:/bin",
            "QT_QPA_PLATFORM": "offscreen",
            "PYTHONPATH": ":".join(sys.path),
        },
    )
    assert result.returncode == 2, result.stderr
