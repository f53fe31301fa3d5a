"""Crash loop on the real window: kill the app mid-edit, export at once, lose nothing.

``crashloop.py --window`` runs this on an X server (``xvfb-run python
benchmarks/crashloop.py --window``; offscreen works too).  Each round starts the real
window (``create_main_window``) on one project, of enough articles that its analysis
runs in worker processes, with an empty cache, so a kill often comes mid-analysis.
The window then edits through its own widgets, as fast as the event loop allows: text
selected in the article pane and tagged with a key press, notes typed into the note
editor, annotations deleted from the annotation table, tags created in the tag list,
Undo.  It reports each edit before it starts and each commit the window makes (the
protocol of ``crashloop.py``'s writer).  The driver kills the window with ``SIGKILL``
at a random moment, then at once:

- runs ``cablereader export PROJECT`` (a read-only reader finding what the kill left,
  perhaps a hot journal) and counts a non-zero exit as an export failure;
- checks that every process the window had started (analysis workers, multiprocessing's
  resource tracker) has ended within a few seconds, else counts it as an orphan;
- reopens the project and checks every reported edit is there (``crashloop.verify``).
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import crashloop
from cablereader.core.project import Project
from generate import make_corpus

# Over PARALLEL_MIN_ARTICLES, and ~1 s of work: the window analyses in worker processes,
# long enough for a kill to find them busy.
ARTICLES = 300
ORPHAN_WAIT_S = 5.0


def make_project(path: Path, seed: int) -> None:
    documents = make_corpus(ARTICLES, seed)  # the source first
    Project.create(path, documents, source=documents[0].name).close()


# --- the window, editing (runs in the child) -------------------------------------------------


def edit_in_window(path: Path, seed: int) -> None:
    """Open the window on ``path`` and edit through its widgets until killed."""
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest

    from cablereader.app import application, create_main_window
    from cablereader.ui.app.mainwindow import MainWindow
    from cablereader.ui.tags.tagdialogs import TagValues

    rng = random.Random(seed)
    app = application()
    window = create_main_window([str(path)])
    assert isinstance(window, MainWindow)
    window.resize(1200, 800)
    window.show()
    history: list[list[list[Any]]] = []  # the rows each undoable action touched
    current: list[list[Any]] = []
    number = 0

    def say(message: dict[str, Any]) -> None:
        sys.stdout.write(json.dumps(message) + "\n")
        sys.stdout.flush()

    def committed(change: Any) -> None:
        after = crashloop._after(change)
        current.extend([kind, row] for kind, row, _ in after)
        say({"done": number, "after": after})

    window.workspace.changed.connect(committed)
    # Said once, so the driver can choose to kill while the workers are busy.
    window.workspace.analysisProgress.connect(
        lambda *_: None if analysing else (analysing.append(1), say({"analysing": True}))
    )
    analysing: list[int] = []

    def step() -> None:
        nonlocal number, current
        project = window.workspace.project
        article = window.view.right_document
        if project is None or article is None:
            QTimer.singleShot(20, step)
            return
        number += 1
        annotations = project.annotations()
        kind = rng.choices(
            ["tag", "note", "delete", "add_tag", "undo"], weights=[35, 30, 10, 5, 20]
        )[0]
        if kind != "tag" and kind != "add_tag" and not annotations:
            kind = "tag"
        current = []
        if kind == "tag":
            pane = window.view.article_pane
            start = rng.randrange(len(article.text) - 60)
            end = start + rng.randint(1, 50)
            same = [a for a in annotations if a.document == article.name and a.start == start]
            touches = [["annotation", "new"], *(["annotation", a.id] for a in same)]
            say({"begin": number, "touches": touches})
            pane.setFocus()
            pane.select_offsets(start, end)
            QTest.keyClick(pane, str(rng.randint(1, 5)))
        elif kind == "note":
            target = rng.choice(annotations)
            say({"begin": number, "touches": [["annotation", target.id]]})
            window.note_editor.show_annotation(target)
            text = crashloop._note(rng)[:20_000]
            window.note_editor.editor.setPlainText(text)
            window.edits.end_merging()  # one action, one undo step
        elif kind == "delete":
            target = rng.choice(annotations)
            say({"begin": number, "touches": [["annotation", target.id]]})
            if window.annotation_table.select_annotation(target.id):
                window.annotation_table.delete_selected()
        elif kind == "add_tag":
            say({"begin": number, "touches": [["tag", "new"]]})
            colour = f"#{rng.randrange(0x1000000):06x}"
            window.tag_list.create_tag(TagValues(f"window {seed}-{number}", colour, "", None))
        elif kind == "undo" and history and window.undo_stack.canUndo():
            touches = history.pop()
            say({"begin": number, "touches": touches})
            window.undo_stack.undo()
            current = []  # an undo is not itself undone here
        if kind != "undo" and current:
            history.append(list(current))
        QTimer.singleShot(rng.choice((0, 5, 20)), step)

    QTimer.singleShot(0, step)
    sys.exit(app.exec())


# --- the driver ------------------------------------------------------------------------------


@dataclass
class WindowResult(crashloop.Result):
    export_failures: int = 0
    with_children: int = 0  # kills while the window had worker processes
    orphans: int = 0
    orphan_names: list[str] = field(default_factory=list)


def _descendants(pid: int) -> set[int]:
    """Every process below ``pid`` (Linux: read from /proc)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(entry.name)] = int(fields[1])
    found: set[int] = set()
    todo = [pid]
    while todo:
        parent = todo.pop()
        children = {child for child, up in parents.items() if up == parent}
        todo.extend(children - found)
        found |= children
    return found


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def _command(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()[:80]
    except OSError:
        return "?"


def _lines(descriptor: int, until: Callable[[], bool]) -> Iterator[bytes]:
    """Lines read from ``descriptor``; once ``until()``, only what is there already."""
    pending = b""
    drained = False
    while True:
        if until() and not drained:
            os.set_blocking(descriptor, False)
            drained = True
        try:
            chunk = os.read(descriptor, 65536)
        except BlockingIOError:
            chunk = b""
        if not chunk:
            break
        pending += chunk
        *complete, pending = pending.split(b"\n")
        yield from complete
    if pending:
        yield pending


def one_round(path: Path, seed: int, rng: random.Random, state: crashloop.State,
              result: WindowResult, scratch: Path) -> crashloop.State:  # fmt: skip
    kill_after = rng.randint(1, 60)  # lines reported
    # Half the kills come while the analysis workers are busy (after its first progress).
    in_analysis = rng.random() < 0.5
    analysing = False
    home = scratch / f"home-{seed}"  # fresh settings and cache: the analysis runs again
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(sys.path),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "CABLEREADER_DATA_DIR": str(home / "data"),
    }
    errors = scratch / f"stderr-{seed}.txt"
    with open(errors, "wb") as stderr_file:
        window = subprocess.Popen(
            [sys.executable, "-u", __file__, "--window-writer", str(path), "--seed", str(seed)],
            stdout=subprocess.PIPE,
            stderr=stderr_file,
            env=env,
        )
    assert window.stdout is not None
    reports = crashloop.Reports(dict(state))
    below: set[int] = set()
    killed = False
    lines = 0
    # Raw reads: the window's children inherit its stdout, so an orphan would keep the
    # pipe open and a read to the end would wait for it; after the kill, only what the
    # window wrote is drained.
    for line in _lines(window.stdout.fileno(), until=lambda: killed):  # noqa: B023
        lines += 1
        if not line.startswith(b"{"):
            continue
        message = json.loads(line)
        if "analysing" in message:
            analysing = True
        else:
            result.edits += reports.hear(message)
        if killed:
            continue
        if in_analysis:
            # At once, edit or not: what the window wrote before dying is drained below.
            if not analysing:
                continue
            time.sleep(rng.uniform(0, 0.3))
        elif lines < kill_after or reports.pending is None:
            continue
        else:
            time.sleep(rng.uniform(0, 0.003))
        below = {pid for pid in _descendants(window.pid) if _running(pid)}
        window.send_signal(signal.SIGKILL)
        killed = True
        window.wait(timeout=60)
    window.wait(timeout=60)
    window.stdout.close()
    stderr = errors.read_text(errors="replace")
    if not killed or window.returncode != -signal.SIGKILL:
        result.problems.append(f"the window stopped by itself ({window.returncode}): {stderr}")
        return reports.rows
    result.kills += 1
    result.with_children += bool(below)
    exported = subprocess.run(
        [sys.executable, "-m", "cablereader", "export", str(path), "-o", str(scratch / "o.csv")],
        capture_output=True,
        text=True,
        env=env,
    )
    if exported.returncode != 0:
        result.export_failures += 1
        result.problems.append(f"kill {result.kills}: export failed: {exported.stderr.strip()}")
    deadline = time.monotonic() + ORPHAN_WAIT_S
    while time.monotonic() < deadline and any(_running(p) for p in below):
        time.sleep(0.05)
    for pid in below:
        if _running(pid):
            result.orphans += 1
            result.orphan_names.append(_command(pid))
            os.kill(pid, signal.SIGKILL)
    return crashloop.verify(path, reports, result)


def run(kills: int, seed: int = 0, progress: bool = False) -> WindowResult:
    rng = random.Random(seed)
    result = WindowResult()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="crashloop-window-") as folder:
        scratch = Path(folder)
        path = scratch / "window.crproj"
        make_project(path, seed)
        with Project.open(path, read_only=True) as project:
            state = crashloop.project_state(project)
        for round_number in range(kills):
            state = one_round(path, seed * 100_000 + round_number, rng, state, result, scratch)
            if progress and (round_number + 1) % 10 == 0:
                print(
                    f"  {round_number + 1} kills, {result.edits} edits, {result.lost} lost, "
                    f"{result.export_failures} export failures, {result.orphans} orphans",
                    flush=True,
                )
            if any("stopped by itself" in p for p in result.problems):
                break
    result.seconds = time.perf_counter() - started
    return result


def main(kills: int, seed: int) -> int:
    platform = os.environ.get("QT_QPA_PLATFORM") or f"xcb on {os.environ.get('DISPLAY', '?')}"
    print(f"Crash loop on the window ({platform}): {kills} kills, seed {seed}")
    result = run(kills, seed, progress=True)
    print(f"edits made (reported committed): {result.edits:,}")
    print(f"kills:                           {result.kills:,}")
    print(f"  with a transaction under way:  {result.mid_transaction:,}")
    print(f"  the edit in flight committed:  {result.in_flight_committed:,}")
    print(f"edits lost:                      {result.lost:,}")
    print(f"export failures right after:     {result.export_failures:,}")
    print(f"kills with worker processes up:  {result.with_children:,}")
    print(f"orphaned processes:              {result.orphans:,}")
    print(f"time:                            {result.seconds:.1f} s")
    for name in sorted(set(result.orphan_names)):
        print(f"ORPHAN: {name}")
    for problem in result.problems:
        print(f"PROBLEM: {problem}")
    return 1 if result.lost or result.problems or result.orphans else 0


if __name__ == "__main__" and "--window-writer" in sys.argv:
    arguments = sys.argv[1:]
    edit_in_window(
        Path(arguments[arguments.index("--window-writer") + 1]),
        int(arguments[arguments.index("--seed") + 1]),
    )
