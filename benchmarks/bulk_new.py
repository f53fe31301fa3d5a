"""`cablereader new` on folders of many small files, and on deeply nested folders.

    python benchmarks/bulk_new.py --files 20000 200000 [--src /path/to/other/src]
        [--timeout 900]

Each run writes N small documents into a folder tree (100 files a folder, and every
folder also holds a ``notes.txt``, so names collide and get folder prefixes), then
times ``python -m cablereader new`` on it in a fresh process.  ``--src`` runs another
checkout's code (e.g. ``main``) on the same folders, for a before/after in one run.
Also reported: whether a temporary ``.tmp`` file was left next to the project.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FILES_PER_FOLDER = 100


def write_tree(root: Path, count: int) -> None:
    for i in range(count):
        folder = root / f"batch-{i // FILES_PER_FOLDER:05d}"
        if i % FILES_PER_FOLDER == 0:
            folder.mkdir(parents=True)
            (folder / "notes.txt").write_text(f"Notes of batch {i // FILES_PER_FOLDER}.\n")
        (folder / f"article-{i:06d}.txt").write_text(
            f"Article {i}. The ambassador said “we are not your slaves” on day {i % 31}.\n"
        )


def write_nested(root: Path, depth: int) -> None:
    folder = root
    for level in range(depth):
        folder = folder / "d"
        if level % 100 == 0:
            folder.mkdir(parents=True, exist_ok=True)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "deepest.txt").write_text("At the bottom of the folders.\n")
    (root / "top.txt").write_text("At the top.\n")


def run_new(src: str, project: Path, folder: Path, timeout: float) -> tuple[str, float]:
    env = {**os.environ, "PYTHONPATH": src}
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "cablereader", "new", str(project), str(folder)],
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return f"killed after {timeout:.0f} s", time.perf_counter() - started
    elapsed = time.perf_counter() - started
    last = (done.stdout or done.stderr).strip().splitlines()
    return f"exit {done.returncode}: {last[-1][:90] if last else ''}", elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, nargs="+", default=[20_000])
    parser.add_argument("--depth", type=int, default=1_000)
    parser.add_argument("--src", action="append", default=[], help="another checkout's src")
    parser.add_argument("--timeout", type=float, default=900.0)
    args = parser.parse_args()
    here = str(Path(__file__).resolve().parent.parent / "src")
    sources = [("this branch", here)] + [(src, src) for src in args.src]
    work = Path(tempfile.mkdtemp(prefix="bulk-new-"))
    try:
        cases: list[tuple[str, Path]] = []
        for count in args.files:
            tree = work / f"files-{count}"
            write_tree(tree, count)
            cases.append((f"{count:,} files ({count // FILES_PER_FOLDER:,} notes.txt)", tree))
        nested = work / "nested"
        write_nested(nested, args.depth)
        cases.append((f"folders {args.depth:,} deep", nested))
        for label, folder in cases:
            print(label)
            for name, src in sources:
                project = work / "out" / "project.crproj"
                shutil.rmtree(project.parent, ignore_errors=True)
                project.parent.mkdir()
                outcome, elapsed = run_new(src, project, folder, args.timeout)
                leftovers = [p.name for p in project.parent.iterdir() if ".tmp" in p.name]
                print(f"  {name:<24} {elapsed:8.2f} s  {outcome}  leftover tmp: {leftovers}")
    finally:
        # rm, not shutil.rmtree: that recurses, and the nested folders are too deep for it.
        subprocess.run(["rm", "-rf", str(work)], check=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
