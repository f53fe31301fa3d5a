"""Only regular files are read: a FIFO or a device is refused at once, and a read is
bounded."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from cablereader.core import filechecks
from cablereader.core.filechecks import (
    FileTooLarge,
    NotARegularFile,
    read_regular_file,
    regular_file_problem,
)

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")


def _within(seconds: float, work) -> object:  # type: ignore[no-untyped-def]
    """Run ``work`` in a thread; fail (not hang) if it has not returned in time."""
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(work())
        except BaseException as error:  # handed back to the test
            outcome.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "blocked"
    return outcome[0]


@needs_fifo
def test_a_fifo_without_a_writer_is_refused_at_once(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    result = _within(5, lambda: read_regular_file(pipe, 1000))
    assert isinstance(result, NotARegularFile)
    assert "named pipe" in result.reason
    assert "named pipe" in str(_within(5, lambda: regular_file_problem(pipe)))


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_devices_and_links_to_them_are_refused_before_reading(tmp_path: Path) -> None:
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    for path in ("/dev/zero", link):
        result = _within(5, lambda path=path: read_regular_file(path, 10**12))
        assert isinstance(result, NotARegularFile)
        assert result.reason == "is a device, not a file"


@needs_fifo
def test_a_fifo_swapped_in_after_the_check_is_refused_without_waiting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    regular = tmp_path / "regular.txt"
    regular.write_text("text")
    real_stat = os.stat

    def stat_before_the_swap(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        # What the first check saw: a regular file, replaced by the FIFO just after.
        return real_stat(regular if os.fspath(path) == str(pipe) else path, *args, **kwargs)

    monkeypatch.setattr(filechecks.os, "stat", stat_before_the_swap)
    result = _within(5, lambda: read_regular_file(pipe, 1000))
    assert isinstance(result, NotARegularFile)
    assert "named pipe" in result.reason


def test_a_regular_file_is_read_up_to_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 3000)
    assert read_regular_file(path, 3000) == b"x" * 3000
    with pytest.raises(FileTooLarge) as raised:
        read_regular_file(path, 2999)
    assert raised.value.size == 3000
    assert regular_file_problem(path) is None
    assert regular_file_problem(tmp_path / "missing") is None  # the reader says so
    with pytest.raises(FileNotFoundError):
        read_regular_file(tmp_path / "missing", 10)


def test_what_a_path_is_is_said_in_words(tmp_path: Path) -> None:
    assert regular_file_problem(tmp_path) == "is a folder"
    assert filechecks.kind_of(stat.S_IFSOCK) == "is a socket, not a file"
    assert filechecks.kind_of(stat.S_IFBLK) == "is a device, not a file"
