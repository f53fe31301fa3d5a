"""Crash loop: kill a process that is editing a project, again and again; lose nothing.

A writer process opens a project and makes random edits through the core (annotations
added, re-tagged, annotated with notes of up to 200 KB, deleted; tags added, recoloured,
deleted; undo), printing one line before each edit (what it may touch) and one after it
is committed (what the rows are now).  The driver kills it with ``SIGKILL`` at a random
moment, then reopens the project as the app would and checks:

- ``PRAGMA integrity_check`` is ``ok``;
- every edit the writer reported as committed is there, exactly: each annotation and
  tag is as the last report left it.  Only the one edit in flight when the process
  died may be there or not, and only on the rows it was about to touch.

Run from the checkout::

    python benchmarks/crashloop.py                 # 200 kills
    python benchmarks/crashloop.py --kills 1000 --seed 3
    xvfb-run python benchmarks/crashloop.py --window --kills 40   # the real window

It prints edits made, kills, how many kills found a transaction half-written (a hot
journal, rolled back on opening), edits lost (must be 0) and the time taken; the exit
status is 1 if anything was lost or damaged.  ``tests/core/test_crash_loop.py`` runs
the same loop with a few kills.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from cablereader.core.documents import Document
from cablereader.core.project import Annotation, Change, Project, Tag
from cablereader.core.project.model import AnnotationStep, TagStep

Key = tuple[str, int]  # ("annotation" | "tag", id)
State = dict[Key, Any]

_WORDS = (
    *("the", "cable", "said", "that", "talks", "were", "frank", "ambassador", "meeting"),
    *("officials", "position", "neutral", "concern", "Europe", "policy", "reading"),
    *("situation", "public", "face", "prime", "minister"),
)


def _documents(rng: random.Random) -> list[Document]:
    texts = []
    for _ in range(3):
        words = [rng.choice(_WORDS) for _ in range(600)]
        texts.append(" ".join(words).replace(" the ", ". The ", 40) + ".\n")
    names = ("source.txt", "article-1.txt", "article-2.txt")
    return [Document.from_text(name, text) for name, text in zip(names, texts, strict=True)]


def make_project(path: Path, seed: int = 0) -> None:
    Project.create(path, _documents(random.Random(seed)), source="source.txt").close()


# --- what a row is, for comparing ----------------------------------------------------------


def annotation_summary(annotation: Annotation) -> list[Any]:
    note = hashlib.sha256(annotation.note.encode()).hexdigest()[:16]
    return [
        annotation.document,
        annotation.start,
        annotation.end,
        annotation.exact,
        note,
        len(annotation.note),
        list(annotation.tag_ids),
        annotation.orphaned,
    ]


def tag_summary(tag: Tag) -> list[Any]:
    return [tag.name, tag.colour, tag.description, tag.key]


def project_state(project: Project) -> State:
    state: State = {("annotation", a.id): annotation_summary(a) for a in project.annotations()}
    state.update({("tag", t.id): tag_summary(t) for t in project.tags()})
    return state


def _after(change: Change) -> list[list[Any]]:
    """The rows ``change`` left, as ``[kind, id, summary or None]``."""
    rows: list[list[Any]] = []
    for step in change.steps:
        if isinstance(step, AnnotationStep):
            row = step.after or step.before
            assert row is not None
            summary = annotation_summary(step.after) if step.after else None
            rows.append(["annotation", row.id, summary])
        elif isinstance(step, TagStep):
            tag = step.after or step.before
            assert tag is not None
            rows.append(["tag", tag.id, tag_summary(step.after) if step.after else None])
    return rows


def _touched(change: Change) -> list[list[Any]]:
    return [[kind, number] for kind, number, _ in _after(change)]


# --- the writer ------------------------------------------------------------------------------


def write_forever(path: Path, seed: int) -> None:
    """Edit ``path`` at random until killed; report each edit before and after."""
    rng = random.Random(seed)
    project = Project.open(path)
    history: list[Change] = []
    number = 0

    def say(message: dict[str, Any]) -> None:
        sys.stdout.write(json.dumps(message) + "\n")
        sys.stdout.flush()

    while True:
        number += 1
        annotations = project.annotations()
        tags = project.tags()
        tag_ids = [t.id for t in tags]
        kind = rng.choices(
            ["add", "note", "retag", "delete", "add_tag", "recolour", "delete_tag", "undo"],
            weights=[30, 20, 12, 10, 6, 6, 4, 12],
        )[0]
        if kind not in ("add", "add_tag") and not annotations:
            kind = "add"
        touches: list[list[Any]]
        edit: Callable[[], Change]
        if kind == "add":
            document = rng.choice(project.documents())
            start = rng.randrange(len(document.text) - 50)
            chosen = rng.sample(tag_ids, k=min(len(tag_ids), rng.randint(0, 2)))
            touches = [["annotation", "new"]]
            edit = partial(
                project.add_annotation,
                document.name,
                start,
                start + rng.randint(1, 40),
                chosen,
                note=_note(rng),
                author="crashloop",
            )
        elif kind in ("note", "retag", "delete"):
            target = rng.choice(annotations).id
            touches = [["annotation", target]]
            if kind == "note":
                edit = partial(project.set_note, target, _note(rng))
            elif kind == "retag":
                chosen = rng.sample(tag_ids, k=min(len(tag_ids), rng.randint(0, 3)))
                edit = partial(project.set_annotation_tags, target, chosen)
            else:
                edit = partial(project.delete_annotation, target)
        elif kind == "add_tag":
            touches = [["tag", "new"]]
            colour = f"#{rng.randrange(0x1000000):06x}"
            edit = partial(project.add_tag, f"tag {seed}-{number}", colour, "crash loop")
        elif kind == "recolour":
            tag = rng.choice(tags).id
            touches = [["tag", tag]]
            edit = partial(project.update_tag, tag, colour=f"#{rng.randrange(0x1000000):06x}")
        elif kind == "delete_tag" and len(tags) > 1:
            tag = rng.choice(tags).id
            carried = [["annotation", a.id] for a in annotations if tag in a.tag_ids]
            touches = [["tag", tag], *carried]
            edit = partial(project.delete_tag, tag)
        elif kind == "undo" and history:
            last = history.pop()
            touches = _touched(last)
            edit = partial(project.revert, last)
        else:
            continue
        say({"begin": number, "touches": touches})
        change = edit()
        if kind != "undo":
            history.append(change)
        say({"done": number, "after": _after(change)})


def _note(rng: random.Random) -> str:
    size = rng.choice([0, 10, 200, 2_000, 20_000, 200_000])
    return "".join(rng.choice("abcdé “q” \n") for _ in range(min(size, 500))) * max(1, size // 500)


# --- the driver ------------------------------------------------------------------------------


@dataclass
class Result:
    kills: int = 0
    edits: int = 0
    lost: int = 0
    mid_transaction: int = 0  # kills that left a hot journal (a commit under way)
    in_flight_committed: int = 0  # the edit in flight was on disk after all
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0


def _key(kind: str, number: int) -> Key:
    return (kind, int(number))


@dataclass
class Reports:
    """What a writer said: the rows as its committed edits left them, and the edit in
    flight when it died (``pending``: its "begin" line, if no "done" followed)."""

    rows: State
    last_edit: dict[Key, int] = field(default_factory=dict)  # row -> the edit that set it
    pending: dict[str, Any] | None = None

    def hear(self, message: dict[str, Any]) -> bool:
        """Take one line in; True if it reported a committed edit."""
        if "begin" in message:
            self.pending = message
            return False
        self.pending = None
        for kind, number, summary in message["after"]:
            key = _key(kind, number)
            self.last_edit[key] = message["done"]
            if summary is None:
                self.rows.pop(key, None)
            else:
                self.rows[key] = summary
        return True


def one_round(path: Path, seed: int, rng: random.Random, state: State, result: Result,
              jitter_ms: float) -> State:  # fmt: skip
    """Start a writer, kill it at a random moment, check the project; the state now.

    Half the kills come as soon as the writer has said it begins an edit (plus a random
    delay of up to ``jitter_ms``), half as soon as that edit's rollback journal exists,
    that is inside its transaction: that is where a crash can do harm.
    """
    kill_after = rng.randint(1, 40)  # lines
    in_transaction = rng.random() < 0.5
    journal = path.with_name(path.name + "-journal")
    writer = subprocess.Popen(
        [sys.executable, "-u", __file__, "--writer", str(path), "--seed", str(seed)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert writer.stdout is not None
    reports = Reports(dict(state))
    killed = False
    for lines, line in enumerate(writer.stdout, start=1):
        result.edits += reports.hear(json.loads(line))
        if killed or lines < kill_after or reports.pending is None:
            continue
        if in_transaction:
            _wait_for(journal.exists, seconds=1.0)
        elif jitter_ms:
            time.sleep(rng.uniform(0, jitter_ms) / 1000)
        writer.send_signal(signal.SIGKILL)
        killed = True
    writer.wait(timeout=30)
    stderr = writer.stderr.read() if writer.stderr is not None else ""
    if not killed or writer.returncode != -signal.SIGKILL:
        result.problems.append(f"the writer stopped by itself ({writer.returncode}): {stderr}")
        return reports.rows
    result.kills += 1
    return verify(path, reports, result)


def _wait_for(condition: Callable[[], bool], seconds: float) -> bool:
    """Spin until ``condition()`` (a commit takes milliseconds: sleeping would miss it)."""
    deadline = time.perf_counter() + seconds
    while not condition():
        if time.perf_counter() > deadline:
            return False
    return True


def verify(path: Path, reports: Reports, result: Result) -> State:
    """Reopen ``path`` after a kill and compare it with the reports; the state found."""
    journal = path.with_name(path.name + "-journal")
    if journal.exists() and journal.stat().st_size > 0:
        result.mid_transaction += 1
    # Reopen as the app does: for editing (the dead writer's lock went with it), which
    # rolls back a transaction it left half-written.
    with Project.open(path) as project:
        actual = project_state(project)
    connection = sqlite3.connect(path)
    try:
        check = connection.execute("PRAGMA integrity_check").fetchall()
    finally:
        connection.close()
    if check != [("ok",)]:
        result.problems.append(f"kill {result.kills}: integrity_check says {check[:3]}")
    allowed: set[Key] = set()
    new_kinds: set[str] = set()
    if reports.pending is not None:
        for kind, number in reports.pending["touches"]:
            if number == "new":
                new_kinds.add(kind)
            else:
                allowed.add(_key(kind, number))
    reported = reports.rows
    differing = {k for k in reported.keys() | actual.keys() if reported.get(k) != actual.get(k)}
    unexplained = {
        key
        for key in differing
        if key not in allowed and not (key[0] in new_kinds and key not in reported)
    }
    if differing and not unexplained:
        result.in_flight_committed += 1
    if unexplained:
        # One lost edit may account for several rows (a tag deleted off annotations).
        lost_edits: set[object] = {reports.last_edit.get(key, key) for key in unexplained}
        result.lost += len(lost_edits)
        shown = sorted(unexplained)[:3]
        result.problems.append(
            f"kill {result.kills}: {len(lost_edits)} reported edit(s) not found; rows "
            + ", ".join(
                f"{k}: reported {reported.get(k)!r}, found {actual.get(k)!r}" for k in shown
            )
        )
    return actual


def run(kills: int, seed: int = 0, folder: Path | None = None, jitter_ms: float = 2.0,
        progress: bool = False) -> Result:  # fmt: skip
    """Kill a writer ``kills`` times; the figures and any problem found."""
    rng = random.Random(seed)
    result = Result()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="crashloop-", dir=folder) as scratch:
        path = Path(scratch) / "crashloop.crproj"
        make_project(path, seed)
        with Project.open(path, read_only=True) as project:
            state = project_state(project)
        for round_number in range(kills):
            state = one_round(path, seed * 100_000 + round_number, rng, state, result, jitter_ms)
            if progress and (round_number + 1) % 25 == 0:
                print(
                    f"  {round_number + 1} kills, {result.edits} edits, {result.lost} lost",
                    flush=True,
                )
            if result.problems and any("stopped by itself" in p for p in result.problems):
                break
    result.seconds = time.perf_counter() - started
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=200, help="how many times to kill (200)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--jitter-ms", type=float, default=2.0, help="random delay before each kill (0-2 ms)"
    )
    parser.add_argument("--window", action="store_true", help="kill the real window instead")
    parser.add_argument("--writer", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.window:  # see crashloop_window.py
        from crashloop_window import main as window_main

        return window_main(args.kills, args.seed)
    if args.writer is not None:
        write_forever(args.writer, args.seed)
        return 0
    if not hasattr(signal, "SIGKILL"):
        print("crashloop: needs SIGKILL (POSIX)", file=sys.stderr)
        return 2
    print(f"Crash loop: {args.kills} kills, seed {args.seed}")
    result = run(args.kills, args.seed, jitter_ms=args.jitter_ms, progress=True)
    print(f"edits made (reported committed): {result.edits:,}")
    print(f"kills:                           {result.kills:,}")
    print(f"  with a transaction under way:  {result.mid_transaction:,} (rolled back on opening)")
    print(f"  the edit in flight committed:  {result.in_flight_committed:,}")
    print(f"edits lost:                      {result.lost:,}")
    print(f"time:                            {result.seconds:.1f} s")
    for problem in result.problems:
        print(f"PROBLEM: {problem}")
    return 1 if result.lost or result.problems else 0


if __name__ == "__main__":
    sys.exit(main())
