"""The window under faults: saves that fail, a second window or instance, closing during
analysis, switching articles while results are pending, and hostile documents imported.

Failures are simulated where a test cannot make them for real (the tests run as root,
whom a read-only folder does not stop): an injected ``PermissionError`` or
``OSError(ENOSPC)``.  Where a tmpfs can be mounted (root on Linux), the same cases also
run on a real read-only or full file system.
"""

from __future__ import annotations

import errno
import hashlib
import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QElapsedTimer, Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from cablereader.app import create_main_window
from cablereader.core import csvfile
from cablereader.core.analysis import PARALLEL_MIN_ARTICLES
from cablereader.core.project import Project, ProjectLocked, locking
from cablereader.core.project import base as project_base
from cablereader.ui.app.mainwindow import MainWindow
from tests.conftest import MEMO, MSNBC, REPRINT, SOURCE, UNRELATED

# A passage the cable and the hostile article below share word for word.
CABLE_QUOTE = (
    "people here and in Europe are quite concerned about why Pakistan is taking such an "
    "aggressively neutral position"
)


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def open_sample(qtbot) -> MainWindow:
    window = create_main_window([])
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.analysisFinished, timeout=20000):
        pass
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    return window


def tag_words(window: MainWindow, qtbot, words: str, key: Qt.Key = Qt.Key.Key_1) -> None:
    """Select ``words`` in the article pane and press a tag key."""
    pane = window.view.article_pane
    start = window.view.right_document.text.index(words)
    pane.select_offsets(start, start + len(words))
    pane.setFocus()
    qtbot.keyClick(pane, key)


class Heartbeat:
    """A timer that should fire every few milliseconds; the longest gap between two
    ticks is the longest time the event loop was kept from running."""

    def __init__(self, interval_ms: int = 5) -> None:
        self._clock = QElapsedTimer()
        self._timer = QTimer()
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)
        self._last = 0
        self.longest_ms = 0

    def start(self) -> None:
        self._clock.start()
        self._last = 0
        self.longest_ms = 0
        self._timer.start()

    def stop(self) -> int:
        self._timer.stop()
        self._tick()
        return self.longest_ms

    def _tick(self) -> None:
        now = self._clock.elapsed()
        self.longest_ms = max(self.longest_ms, now - self._last)
        self._last = now


@contextmanager
def mounted_tmpfs(where: Path, options: str) -> Iterator[Path]:
    """A tmpfs at ``where`` (skips the test where mounting is not allowed)."""
    if sys.platform != "linux" or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root on Linux")
    where.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


# --- Save As that fails: a message, and the project open and intact ------------------------


@pytest.fixture
def saved(qtbot, tmp_path: Path) -> tuple[MainWindow, Path]:
    """The sample, one passage tagged, saved as study.crproj."""
    window = open_sample(qtbot)
    tag_words(window, qtbot, "Donald Lu")
    path = tmp_path / "study.crproj"
    assert window.files.save_as(str(path))
    return window, path


def _read_only_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, current: Path) -> str:
    folder = tmp_path / "read-only"
    folder.mkdir()
    real_open = os.open

    def refuse(path: str | os.PathLike[str], flags: int, *args: int, **kwargs: object) -> int:
        if Path(path).parent == folder and flags & os.O_CREAT:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(locking.os, "open", refuse)
    return str(folder / "copy.crproj")


def _full_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, current: Path) -> str:
    # The copy is written; flushing it to the disk is where a full disk says so.
    def no_space(path: Path) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr(project_base, "fsync_file", no_space)
    (tmp_path / "full").mkdir()
    return str(tmp_path / "full" / "copy.crproj")


def _the_open_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, current: Path) -> str:
    return str(current)


def _the_open_file_without_suffix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, current: Path
) -> str:
    return str(current.with_suffix(""))


def _the_open_file_by_another_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, current: Path
) -> str:
    (tmp_path / "elsewhere").mkdir()
    link = tmp_path / "elsewhere" / "link.crproj"
    link.symlink_to(current)
    return str(link)


def _a_vanished_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, current: Path) -> str:
    folder = tmp_path / "usb-stick"
    folder.mkdir()
    target = str(folder / "copy.crproj")
    folder.rmdir()  # chosen in the dialog, then gone
    return target


def _a_folder_of_that_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, current: Path) -> str:
    (tmp_path / "taken.crproj").mkdir()
    return str(tmp_path / "taken.crproj")


@pytest.mark.parametrize(
    ("make_target", "expected"),
    [
        (_read_only_folder, "not writable (Permission denied)"),
        (_full_disk, "No space left on device"),
        (_the_open_file, "own file"),
        (_the_open_file_without_suffix, "own file"),
        (_the_open_file_by_another_path, "own file"),
        (_a_vanished_folder, "there is no folder"),
        (_a_folder_of_that_name, "could not be saved"),
    ],
)
def test_a_failed_save_as_leaves_the_project_open_and_intact(
    saved: tuple[MainWindow, Path],
    qtbot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    make_target: Callable[[Path, pytest.MonkeyPatch, Path], str],
    expected: str,
) -> None:
    window, path = saved
    target = make_target(tmp_path, monkeypatch, path)
    _save_fails_cleanly(window, qtbot, path, target, expected)


def test_save_as_onto_a_read_only_file_system(saved: tuple[MainWindow, Path], qtbot, tmp_path):
    window, path = saved
    with mounted_tmpfs(tmp_path / "ro", "size=1m,ro") as folder:
        _save_fails_cleanly(window, qtbot, path, str(folder / "copy.crproj"), "Read-only")


def test_save_as_onto_a_full_file_system(saved: tuple[MainWindow, Path], qtbot, tmp_path):
    window, path = saved
    assert path.stat().st_size > 64 * 1024  # the project cannot fit
    with mounted_tmpfs(tmp_path / "small", "size=64k") as folder:
        _save_fails_cleanly(window, qtbot, path, str(folder / "copy.crproj"), "disk is full")
        assert list(folder.iterdir()) == []  # the partial copy and the lock are gone


def _save_fails_cleanly(window: MainWindow, qtbot, path: Path, target: str, expected: str) -> None:
    project = window.workspace.project
    annotations = project.annotations()
    before = file_hash(path)
    folder = Path(target).parent
    listing = sorted(os.listdir(folder)) if folder.is_dir() else None
    with qtbot.waitSignal(window.messageShown) as shown:
        assert not window.files.save_as(target)
    message = shown.args[0]
    assert message.startswith("The project was not saved")
    assert expected in message
    assert "nothing was lost" in message
    # Still the same project, same file, same contents, still locked by this window.
    assert window.workspace.project is project and not project.closed
    assert project.path == path and not project.read_only
    assert project.annotations() == annotations
    assert file_hash(path) == before
    assert "study" in window.windowTitle()
    with pytest.raises(ProjectLocked):
        Project.open(path)
    if listing is not None:
        assert sorted(os.listdir(folder)) == listing  # no temporary copy, no lock file left
    # ...and still editable: the next edit is saved at once.
    tag_words(window, qtbot, "Donald Lu", Qt.Key.Key_2)
    [annotation] = project.annotations(MSNBC)
    assert len(annotation.tag_ids) == 2
    assert file_hash(path) != before


# --- two windows, two instances ------------------------------------------------------------


def test_a_second_window_is_offered_the_project_read_only(saved, qtbot) -> None:
    first, path = saved
    second = MainWindow()
    qtbot.addWidget(second)
    asked: list[str] = []
    second.files.ask_read_only = lambda message: asked.append(message) or True
    with qtbot.waitSignal(second.analysisFinished, timeout=20000):
        second.open_start([str(path)])
    assert len(asked) == 1 and "study.crproj" in asked[0] and "another" in asked[0]
    viewer = second.workspace.project
    assert viewer.read_only and "read-only" in second.windowTitle()
    assert viewer.annotations() == first.workspace.project.annotations()
    # The second window cannot change the file...
    before = file_hash(path)
    second.document_list.select_article(MSNBC)
    with qtbot.waitSignal(second.messageShown) as shown:
        tag_words(second, qtbot, "Donald Lu", Qt.Key.Key_3)
    assert "read-only" in shown.args[0]
    assert file_hash(path) == before
    # ...while the first one goes on editing it.
    tag_words(first, qtbot, "Donald Lu", Qt.Key.Key_3)
    assert file_hash(path) != before
    # Declining the offer leaves a window as it was.
    third = MainWindow()
    qtbot.addWidget(third)
    third.files.ask_read_only = lambda message: False
    assert not third.files.open_project(str(path))
    assert third.workspace.project is None


_HOLDER = """
import sys
from cablereader.core.project import Project
project = Project.open(sys.argv[1])
print("open", flush=True)
sys.stdin.read()
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_another_instance_holding_the_project(qtbot, tmp_path, sample_documents) -> None:
    path = tmp_path / "shared.crproj"
    Project.create(path, list(sample_documents.values())).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        window = MainWindow()
        qtbot.addWidget(window)
        asked: list[str] = []
        window.files.ask_read_only = lambda message: asked.append(message) or True
        with qtbot.waitSignal(window.analysisFinished, timeout=20000):
            window.open_start([str(path)])
        assert asked and window.workspace.project.read_only
        # The other instance dies: the operating system drops its lock, and the project
        # opens for editing without a question.
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
        asked.clear()
        with qtbot.waitSignal(window.analysisFinished, timeout=20000):
            assert window.files.open_project(str(path))
        assert not asked and not window.workspace.project.read_only
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()


# --- closing during analysis; switching while results are pending --------------------------


def test_closing_while_worker_processes_analyse(qtbot, tmp_path, sample_documents) -> None:
    count = PARALLEL_MIN_ARTICLES + 16  # analysed in worker processes
    for i in range(count):
        # Copies of articles (copies of the reprint would be witnesses of one another).
        text = sample_documents[MEMO].text if i % 2 else sample_documents[MSNBC].text
        (tmp_path / f"copy{i:03}.txt").write_text(f"Copy {i}.\n{text}", encoding="utf-8")
    (tmp_path / "000-source.txt").write_text(sample_documents[SOURCE].text, encoding="utf-8")
    window = create_main_window([str(tmp_path)])
    qtbot.addWidget(window)
    window.show()
    # Reading the files reports progress too: wait for the analysis's own.
    with qtbot.waitSignal(window.workspace.analysisProgress, timeout=30000):
        pass
    workers = multiprocessing.active_children()
    assert workers, "the analysis should be running in worker processes"
    started = time.monotonic()
    window.close()
    took = time.monotonic() - started
    print(f"\nclose during analysis returned in {took * 1000:.0f} ms")
    assert took < 5.0
    assert window.workspace.project is None
    assert window.runner.shutdown(0)  # no thread of ours is still running
    # The workers finish the batch they hold, then exit.
    qtbot.waitUntil(lambda: not any(w.is_alive() for w in workers), timeout=30000)


def test_switching_articles_while_the_analysis_is_pending(qtbot, sample_analysis) -> None:
    window = open_sample(qtbot)
    finished: list[bool] = []
    window.analysisFinished.connect(lambda: finished.append(True))
    window.workspace.start_analysis()
    window.workspace.start_analysis()  # the first run is stale now
    order = [MSNBC, REPRINT, MEMO, UNRELATED] * 5 + [REPRINT]
    for name in order:
        window.document_list.select_article(name)
    assert window.view.right_document.name == REPRINT
    with qtbot.waitSignal(window.analysisFinished, timeout=20000):
        pass
    assert window.runner.shutdown(20000)  # every run done, the stale one included
    QApplication.processEvents()  # anything it still reported is delivered (and dropped)
    assert finished == [True]
    assert window.view.right_document.name == REPRINT
    passages = sample_analysis.article(REPRINT).passages
    pane = window.view.article_pane
    shown = [(s.start, s.end) for s in pane.layer("passage") + pane.layer("reprint")]
    assert sorted(shown) == sorted((p.b_start, p.b_end) for p in passages)


def test_choosing_an_article_while_a_comparison_is_pending(qtbot) -> None:
    window = open_sample(qtbot)
    window.navigator.compare(SOURCE, REPRINT)
    window.document_list.select_article(MEMO)
    window.runner._pool.waitForDone(20000)  # the comparison has finished
    QApplication.processEvents()
    assert window.view.right_document.name == MEMO


# --- hostile documents through the window --------------------------------------------------


def test_hostile_documents_import_and_the_window_stays_responsive(
    qtbot, tmp_path, sample_documents
) -> None:
    folder = tmp_path / "hostile"
    folder.mkdir()
    filler = " ".join(f"word{i % 997} said" for i in range(45_000))
    one_line = f"{filler} “{CABLE_QUOTE}” {filler} “{CABLE_QUOTE}.”"
    assert len(one_line.encode()) > 1024 * 1024 and "\n" not in one_line
    (folder / "one-line.txt").write_text(one_line, encoding="utf-8")
    (folder / "short-lines.txt").write_text(
        "".join(f"Line {i}.\n" for i in range(10_000)), encoding="utf-8"
    )
    (folder / "nul.txt").write_bytes(b"Text with a NUL\x00 in it.\n" * 20)
    with open(folder / "huge.txt", "wb") as huge:
        huge.truncate(50 * 1024 * 1024)
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    (folder / "self.txt").symlink_to(folder / "self.txt")
    window = open_sample(qtbot)
    messages: list[str] = []
    window.messageShown.connect(messages.append)
    heartbeat = Heartbeat()
    heartbeat.start()
    with qtbot.waitSignal(window.analysisFinished, timeout=60000):
        window.files.import_paths([str(folder)])
    importing = heartbeat.stop()
    heartbeat.start()
    for name in ("one-line.txt", "short-lines.txt", "one-line.txt"):
        window.document_list.select_article(name)
        qtbot.waitUntil(lambda name=name: window.view.right_document.name == name)
    showing = heartbeat.stop()
    print(
        f"\nlongest event-loop gap: {importing} ms importing and analysing the hostile folder, "
        f"{showing} ms showing the 1 MB line and the 10,000 lines"
    )
    # Responsive, not hung: the figures are reported, not held to a tight bound.
    assert importing < 10_000 and showing < 10_000
    names = [d.name for d in window.documents]
    assert {"one-line.txt", "short-lines.txt"} <= set(names)
    assert not {"nul.txt", "huge.txt", "self.txt"} & set(names)
    [message] = messages
    assert "nul.txt: not a text file (it contains NUL bytes" in message
    assert "huge.txt: file is too large (50 MB; the limit is 20 MB)" in message
    assert "self.txt: Too many levels of symbolic links" in message
    pane = window.view.article_pane
    assert pane.document().characterCount() == len(one_line) + 1
    quotes = window.analysis.article("one-line.txt").quotes
    assert [q.verdict for q in quotes if CABLE_QUOTE in q.text] == ["verbatim", "verbatim"]


def test_offsets_stay_code_points_with_emoji_combining_and_rtl(qtbot, tmp_path) -> None:
    # Astral characters (two UTF-16 units in Qt), combining marks, a ZWJ family, a flag,
    # Hebrew and Arabic before and inside the quoted passage.
    prefix = "😀 👩\u200d👩\u200d👧 🇵🇰 שלום עולם مرحبا Cafe\u0301 naïve 𝕏 " * 3
    text = f"{prefix}\nThe envoy wrote that “{CABLE_QUOTE}” 🙂 and left. 😀 end\n"
    article = tmp_path / "emoji.txt"
    article.write_text(text, encoding="utf-8")
    window = open_sample(qtbot)
    with qtbot.waitSignal(window.analysisFinished, timeout=20000):
        window.files.import_paths([str(article)])
    window.document_list.select_article("emoji.txt")
    qtbot.waitUntil(lambda: window.view.right_document.name == "emoji.txt")
    pane = window.view.article_pane
    start = text.index(CABLE_QUOTE)
    end = start + len(CABLE_QUOTE)
    assert pane.to_position(start) > start  # the map is not the identity here
    # The analysis found the quotation at code-point offsets...
    [quote] = [q for q in window.analysis.article("emoji.txt").quotes if q.text == CABLE_QUOTE]
    assert (quote.start, quote.end, quote.verdict) == (start, end, "verbatim")
    # ...and every highlight covers, in Qt's text, exactly the characters it stands for.
    spans = pane.layer("passage")
    assert spans
    for span in spans:
        assert _qt_text(pane, span.start, span.end) == text[span.start : span.end]
    assert any(CABLE_QUOTE in text[s.start : s.end] for s in spans)
    # Qt's own search, in UTF-16, lands on the same code points.
    found = pane.document().find(CABLE_QUOTE)
    pane.setTextCursor(found)
    assert pane.selection_offsets() == (start, end)
    # An annotation made from that selection holds exactly those characters.
    pane.setFocus()
    qtbot.keyClick(pane, Qt.Key.Key_1)
    [annotation] = window.workspace.project.annotations("emoji.txt")
    assert (annotation.start, annotation.end, annotation.exact) == (start, end, CABLE_QUOTE)
    [mark] = pane.layer("annotation")
    assert _qt_text(pane, mark.start, mark.end) == CABLE_QUOTE
    # The same for a passage that starts right after an astral character.
    emoji_start = text.index("🇵🇰") + 2
    pane.select_offsets(emoji_start, emoji_start + 10)
    assert pane.textCursor().selectedText() == text[emoji_start : emoji_start + 10]
    qtbot.keyClick(pane, Qt.Key.Key_2)
    [second] = [a for a in window.workspace.project.annotations("emoji.txt") if a != annotation]
    assert second.exact == text[emoji_start : emoji_start + 10]


def _qt_text(pane, start: int, end: int) -> str:
    cursor = QTextCursor(pane.document())
    cursor.setPosition(pane.to_position(start))
    cursor.setPosition(pane.to_position(end), QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText().replace("\u2029", "\n")


# --- hostile project files and export failures through the window -------------------------


def test_a_damaged_project_is_refused_and_the_open_one_stays(saved, qtbot, tmp_path) -> None:
    window, path = saved
    bad = tmp_path / "bad.crproj"
    Project.create(bad, window.workspace.project.documents()).close()
    raw = sqlite3.connect(bad)
    raw.execute("PRAGMA ignore_check_constraints = ON")
    raw.execute("UPDATE tags SET colour = 'not a colour' WHERE id = 1")
    raw.commit()
    raw.close()
    before = file_hash(bad)
    project = window.workspace.project
    with qtbot.waitSignal(window.messageShown) as shown:
        assert not window.files.open_project(str(bad))
    assert "bad.crproj: is damaged, so it was not opened" in shown.args[0]
    assert "“not a colour” is not a colour" in shown.args[0]
    assert window.workspace.project is project and project.path == path
    assert file_hash(bad) == before


def test_a_ten_megabyte_note_in_the_window(qtbot, tmp_path, sample_documents) -> None:
    path = tmp_path / "long-note.crproj"
    note = ("A long note, with “quotes” and\nnew lines. " * 250_000)[:10_000_000]
    with Project.create(path, list(sample_documents.values())) as project:
        text = project.document(MSNBC).text
        start = text.index("Donald Lu")
        annotation = project.add_annotation(MSNBC, start, start + 9, [1], note=note).annotation
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.analysisFinished, timeout=20000):
        window.open_start([str(path)])
    heartbeat = Heartbeat()
    heartbeat.start()
    window.navigator.jump_to_annotation(annotation.id)
    qtbot.waitUntil(lambda: len(window.note_editor.editor.toPlainText()) == len(note))
    longest = heartbeat.stop()
    print(f"\nlongest event-loop gap showing a 10 MB note: {longest} ms")
    assert longest < 10_000
    # Typing at its end is saved, whole.
    editor = window.note_editor.editor
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, "!")
    qtbot.waitUntil(lambda: window.workspace.project.annotation(annotation.id).note == note + "!")


def _export_folder_gone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    (tmp_path / "gone").mkdir()
    target = str(tmp_path / "gone" / "notes.csv")
    (tmp_path / "gone").rmdir()
    return target


def _export_disk_full(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(csvfile.os, "fsync", no_space)
    (tmp_path / "full").mkdir()
    return str(tmp_path / "full" / "notes.csv")


def _export_read_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    folder = tmp_path / "read-only"
    folder.mkdir()
    real_open = open

    def refuse(file: object, mode: str = "r", *args: object, **kwargs: object) -> object:
        if isinstance(file, Path) and file.parent == folder and "w" in mode:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(file))
        return real_open(file, mode, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(csvfile, "open", refuse, raising=False)
    return str(folder / "notes.csv")


@pytest.mark.parametrize(
    ("make_target", "expected"),
    [
        (_export_folder_gone, "No such file or directory"),
        (_export_disk_full, "No space left on device"),
        (_export_read_only, "Permission denied"),
    ],
)
def test_a_failed_export_says_why_and_leaves_nothing_behind(
    saved, qtbot, tmp_path, monkeypatch, make_target, expected
) -> None:
    window, path = saved
    target = Path(make_target(tmp_path, monkeypatch))
    with qtbot.waitSignal(window.messageShown) as shown:
        window.files.export(str(target))  # in the background: the message says it failed
    assert shown.args[0].startswith("The annotations were not exported")
    assert expected in shown.args[0] and "notes.csv" in shown.args[0]
    if target.parent.is_dir():
        assert list(target.parent.iterdir()) == []  # no partial file, no temporary
    assert window.workspace.project.path == path
