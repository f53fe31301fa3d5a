"""GUI benchmarks: start-up, a 1,000-article project, event-loop stalls, memory.

Usage: ``python benchmarks/gui.py [--quick] [--check] [--only startup,project,scroll]``.
Every figure comes from fresh offscreen processes (``gui_child.py``) and is printed
beside a reference measured in the same run, with their ratio: on a shared machine
absolute times drift from run to run, ratios much less.  See ``benchmarks/README.md``.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

try:  # python -m benchmarks.gui
    from benchmarks import gui_fixtures
    from benchmarks.gui_runner import Runner
    from benchmarks.report import Targets, verdict_line
except ImportError:  # python benchmarks/gui.py: this folder is on sys.path
    import gui_fixtures  # type: ignore[no-redef,import-not-found]
    from gui_runner import Runner  # type: ignore[no-redef,import-not-found]
    from report import Targets, verdict_line  # type: ignore[no-redef,import-not-found]

STARTUP_RATIO = 1.5
STARTUP_S = 1.5
USABLE_S = 1.5
ANALYSED_S = 10.0
STALL_MS = 50.0
RSS_MB = 500.0
WORKERS = max(2, min(4, os.cpu_count() or 1))  # as the app chooses (ui/workspace.py)


def line(label: str, value: str, passed: bool | None = None) -> str:
    return verdict_line(label, value, passed, width=56)


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def spread(values: Sequence[float], unit: str = "s", scale: float = 1.0) -> str:
    return f"{min(values) * scale:.3f} – {max(values) * scale:.3f} {unit}"


# ---- 1. start-up -----------------------------------------------------------------------


def bench_startup(runner: Runner, runs: int, targets: Targets) -> None:
    source, article = gui_fixtures.sample_pair()
    print(f"1. Start-up: process start to the window shown and painted ({runs} runs each)")
    print(f"   reference: bare QMainWindow, two QPlainTextEdits with {source.name} and")
    print(f"   {article.name}; app: CableReader on the sample corpus, analysed.  First")
    print("   start: empty settings, data and cache folders; later start: the cache of an")
    print("   earlier start kept (the results of the sample's analysis)")
    runner.run("app-sample", home_name="later")  # fills that home's cache; not counted
    apps, laters, refs = [], [], []
    for _ in range(runs):  # interleaved, so all see the same machine
        refs.append(runner.run("reference-window", str(source), str(article)))
        apps.append(runner.run("app-sample"))
        laters.append(runner.run("app-sample", home_name="later"))
    ref_ready = [r.since_start("ready") for r in refs]
    app_ready = [r.since_start("ready") for r in apps]
    later_ready = [r.since_start("ready") for r in laters]
    ratio = median(app_ready) / median(ref_ready)
    print(line("reference, median (s)", f"{median(ref_ready):.3f}  ({spread(ref_ready)})"))
    app_ok = targets.record("1. start-up < 1.5 s", median(app_ready) < STARTUP_S)
    print(
        line(
            "app, first start, median (s)",
            f"{median(app_ready):.3f}  ({spread(app_ready)})",
            app_ok,
        )
    )
    ratio_ok = targets.record("1. start-up ratio <= 1.5", ratio <= STARTUP_RATIO)
    print(line("  ratio app / reference (target <= 1.5)", f"{ratio:.2f}", ratio_ok))
    later = median(later_ready)
    print(line("app, later start, median (s)", f"{later:.3f}  ({spread(later_ready)})"))
    print(line("  ratio app / reference", f"{later / median(ref_ready):.2f}"))
    steps = [
        ("interpreter", "Python started"),
        ("imported", "cablereader.app imported (Qt)"),
        ("ui_imported", "main window module imported"),
        ("created", "window built, sample loading started"),
        ("shown", "window shown"),
        ("analysis_started", "documents loaded, analysis started"),
        ("analysed", "analysis finished, results shown"),
        ("ready", "painted"),
    ]
    print("   median time from process start at each step: app first / later start")
    for mark, label in steps:
        first = [r.since_start(mark) for r in apps if mark in r.result["marks"]]
        again = [r.since_start(mark) for r in laters if mark in r.result["marks"]]
        if first and again:
            print(line(f"  {label}", f"{median(first):.3f} / {median(again):.3f}"))
    print(
        line(
            "reference: Qt imported / ready",
            f"{median([r.since_start('imported') for r in refs]):.3f} / {median(ref_ready):.3f}",
        )
    )
    print(
        line(
            "peak RSS app / reference (MB)",
            f"{median([r.result['rss_mb'] for r in apps]):.0f} / "
            f"{median([r.result['rss_mb'] for r in refs]):.0f}",
        )
    )
    print()


# ---- 2-4. a large project ---------------------------------------------------------------


def _stall_line(label: str, stats: dict[str, Any], during: str = "") -> str:
    where = f", during {during}" if during else ""
    text = line(
        label,
        f"{stats['longest_ms']:.1f} ms (p99 {stats['p99_ms']:.1f}, "
        f"{stats['over_50ms']} over 50 ms{where})",
    )
    gaps = stats.get("long_gaps", [])
    if gaps:
        shown = ", ".join(f"{gap} ms at {at:.2f} s" for at, gap, _ in gaps[:6])
        more = f" and {len(gaps) - 6} more" if len(gaps) > 6 else ""
        text += "\n" + line("", f"(over 30 ms: {shown}{more})")
    return text


def bench_project(
    runner: Runner, folder: Path, articles: int, annotations: int, runs: int, targets: Targets
) -> None:
    started = time.perf_counter()
    built = gui_fixtures.large_project(folder, articles, annotations)
    build_s = time.perf_counter() - started
    texts = _project_pair_files(built, folder)
    print(
        f"2. Opening a project of {articles:,} articles and {annotations:,} annotations "
        f"({runs} run{'s' if runs > 1 else ''}; built in {build_s:.1f} s, not timed)"
    )
    print("   references: a bare two-pane window with the project's source and first")
    print(f"   article; the core alone analysing the corpus ({WORKERS} worker processes, as")
    print("   the app runs them) in a thread beside a bare window")
    apps, windows, analyses = [], [], []
    for index in range(runs):
        copy = folder / f"open-{index}.crproj"
        shutil.copyfile(built, copy)  # a fresh file each time: nothing cached between runs
        windows.append(runner.run("reference-window", *texts))
        apps.append(runner.run("app-project", str(copy), home_name=f"project-{index}"))
        analyses.append(runner.run("reference-analysis", str(copy), str(WORKERS)))
    # The same project opened again by the same user: its analyses are in their cache.
    reopened = runner.run("app-project", str(folder / "open-0.crproj"), home_name="project-0")
    first = apps[0].result
    print(
        line(
            "listed: documents / annotations",
            f"{first['documents_listed']:,} / {first['annotations_listed']:,}",
        )
    )
    usable = median([r.since_start("usable") for r in apps])
    window_ref = median([r.since_start("ready") for r in windows])
    usable_ok = targets.record("2. window usable < 1.5 s", usable < USABLE_S)
    print(line("window usable, from process start (s)", f"{usable:.3f}", usable_ok))
    print(
        line(
            "  reference window ready (s) / ratio", f"{window_ref:.3f} / {usable / window_ref:.2f}"
        )
    )
    done = median([r.since_start("analysed") for r in apps])
    own = median([r.between("analysis_started", "analysed") for r in apps])
    core = median([r.between("analysis_started", "analysed") for r in analyses])
    analysed_ok = targets.record("2. analysis finished < 10 s", done < ANALYSED_S)
    print(line("analysis finished, from process start (s)", f"{done:.2f}", analysed_ok))
    print(
        line(
            "  analysis itself, app / core alone (s) / ratio",
            f"{own:.2f} / {core:.2f} / {own / core:.2f}",
        )
    )
    print(
        line(
            "  opened again (analyses cached): usable / analysed (s)",
            f"{reopened.since_start('usable'):.3f} / {reopened.since_start('analysed'):.2f}",
        )
    )
    progress = first["progress"]
    visible = bool(first["progress_visible_at_usable"] and progress["visible_while_reporting"])
    visible_ok = targets.record("2. progress bar visible while analysing", visible)
    print(
        line(
            "progress bar visible (reports, last)",
            f"{'yes' if visible else 'NO'} ({progress['reports']}, "
            f"{progress['last_done']}/{progress['total']})",
            visible_ok,
        )
    )
    print(line("articles analysed", f"{first['articles_analysed']:,}"))
    worst = max(apps, key=lambda r: r.result["analysis_stalls"]["longest_ms"]).result
    floor = max(analyses, key=lambda r: r.result["analysis_stalls"]["longest_ms"]).result
    stall_ok = targets.record(
        "3a. no stall > 50 ms while analysing", worst["analysis_stalls"]["longest_ms"] <= STALL_MS
    )
    print(
        _stall_line(
            "3a. longest stall while analysing, app",
            worst["analysis_stalls"],
            worst["analysis_longest_during"],
        )
    )
    print(_stall_line("    reference (core alone + bare window)", floor["analysis_stalls"]))
    ratio = worst["analysis_stalls"]["longest_ms"] / max(
        0.1, floor["analysis_stalls"]["longest_ms"]
    )
    print(line("    ratio app / reference (target: app <= 50 ms)", f"{ratio:.2f}", stall_ok))
    switches = [t for r in apps for t in r.result["switch_ms"]]
    print(
        line(
            "switching article, median / slowest (ms)",
            f"{median(switches):.0f} / {max(switches):.0f}",
        )
    )
    rss = max(r.result["rss_mb"] for r in apps)
    tree = max(r.tree_peak_mb for r in apps)
    core_rss = max(r.result["rss_mb"] for r in analyses)
    rss_ok = targets.record("4. peak RSS < 500 MB", rss < RSS_MB)
    print(line("4. peak RSS of the app's process (MB)", f"{rss:.0f}", rss_ok))
    print(
        line(
            "   reference: core alone + bare window (MB) / ratio",
            f"{core_rss:.0f} / {rss / core_rss:.2f}",
        )
    )
    print(line("   the app with its analysis workers, sampled (MB)", f"{tree:.0f}"))
    print()


def _project_pair_files(path: Path, folder: Path) -> tuple[str, str]:
    """The project's source and first article as files, for the reference window."""
    from cablereader.core.project import Project

    with Project.open(path, read_only=True) as project:
        source = project.source_name
        documents = project.documents()
    texts = [next(d for d in documents if d.name == source)]
    texts.append(next(d for d in documents if d.name != source))
    files = []
    for name, document in zip(("pair-source.txt", "pair-article.txt"), texts, strict=True):
        (folder / name).write_text(document.text, encoding="utf-8")
        files.append(str(folder / name))
    return files[0], files[1]


# ---- 3b. scrolling ----------------------------------------------------------------------


def bench_scroll(
    runner: Runner, folder: Path, source_kb: int, article_kb: int, step: float, targets: Targets
) -> None:
    pair = gui_fixtures.long_pair(folder, source_kb, article_kb)
    print(
        f"3b. Scrolling a {pair.source_chars / 1e6:.2f} MB source against a "
        f"{pair.article_chars / 1e3:.0f} KB article, linked, {step:.0%} of a page per step"
    )
    print("   reference: two bare QPlainTextEdits, the other kept at the same share")
    app = runner.run("app-scroll", str(pair.project), str(step))
    ref = runner.run("reference-scroll", str(pair.source_file), str(pair.article_file), str(step))
    print(line("passages between them", f"{app.result['passages']:,}"))
    print(
        line(
            "pair opened and analysed, from process start (s)", f"{app.since_start('analysed'):.2f}"
        )
    )
    worst = 0.0
    for phase, stats in app.result["phases"].items():
        floor = ref.result["phases"][phase]
        print(f"   scrolling the {phase}: {stats['steps']} steps, {stats['paints']} paints")
        print(_stall_line("  longest stall, app", stats))
        print(_stall_line("  longest stall, reference", floor))
        print(
            line(
                "  mean step app / reference (ms) / ratio",
                f"{stats['mean_step_ms']:.1f} / {floor['mean_step_ms']:.1f} / "
                f"{stats['mean_step_ms'] / max(0.01, floor['mean_step_ms']):.2f}",
            )
        )
        ratio = stats["longest_ms"] / max(0.1, floor["longest_ms"])
        print(line("  longest stall ratio app / reference", f"{ratio:.2f}"))
        worst = max(worst, stats["longest_ms"])
    ok = targets.record("3b. no stall > 50 ms while scrolling", worst <= STALL_MS)
    print(line("longest stall while scrolling (target <= 50 ms)", f"{worst:.1f} ms", ok))
    print(
        line(
            "peak RSS app / reference (MB)",
            f"{app.result['rss_mb']:.0f} / {ref.result['rss_mb']:.0f}",
        )
    )
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="CableReader GUI benchmarks (offscreen).")
    parser.add_argument("--quick", action="store_true", help="smoke run: small and few")
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    parser.add_argument("--only", default="startup,project,scroll", help="sections to run")
    parser.add_argument("--runs", type=int, help="start-up runs per side (7; quick 3)")
    parser.add_argument("--articles", type=int, help="articles in the project (1000)")
    parser.add_argument("--annotations", type=int, help="annotations in it (10000)")
    parser.add_argument("--project-runs", type=int, help="openings of the project (2)")
    parser.add_argument("--source-kb", type=int, help="long source, KB (1000)")
    parser.add_argument("--article-kb", type=int, help="long article, KB (100)")
    parser.add_argument("--step", type=float, default=0.5, help="scroll step, share of a page")
    parser.add_argument(
        "--code",
        type=Path,
        help="measure the app from another checkout's src/ folder (e.g. an older commit)",
    )
    args = parser.parse_args(argv)
    quick = args.quick

    def pick(value: int | None, full: int, small: int) -> int:
        return value if value is not None else (small if quick else full)

    sections = set(args.only.split(","))
    started = time.perf_counter()
    print("CableReader GUI benchmarks (offscreen)")
    print(f"  Python {platform.python_version()}, {platform.platform()}, {os.cpu_count()} CPUs")
    import PySide6

    print(f"  PySide6 {PySide6.__version__}")
    if args.code:
        print(f"  measuring the app from {args.code}")
    print()
    targets = Targets({})
    with tempfile.TemporaryDirectory(prefix="cablereader-gui-bench-") as scratch:
        folder = Path(scratch)
        runner = Runner(folder, args.code.resolve() if args.code else None)
        # Warm-up, not counted: compiles the bytecode and fills the disk cache.
        pair = [str(path) for path in gui_fixtures.sample_pair()]
        runner.run("reference-window", *pair)
        runner.run("app-sample")
        sections_run: list[Callable[[], None]] = []
        if "startup" in sections:
            sections_run.append(lambda: bench_startup(runner, pick(args.runs, 7, 3), targets))
        if "project" in sections:
            sections_run.append(
                lambda: bench_project(
                    runner,
                    folder,
                    pick(args.articles, 1000, 100),
                    pick(args.annotations, 10_000, 1000),
                    pick(args.project_runs, 2, 1),
                    targets,
                )
            )
        if "scroll" in sections:
            sections_run.append(
                lambda: bench_scroll(
                    runner,
                    folder,
                    pick(args.source_kb, 1000, 200),
                    pick(args.article_kb, 100, 20),
                    args.step,
                    targets,
                )
            )
        for section in sections_run:
            section()
    print("Targets")
    for name, passed in targets.results.items():
        print(line(name, "", passed))
    print(f"\n(total benchmark time {time.perf_counter() - started:.0f} s)")
    missed = [name for name, passed in targets.results.items() if not passed]
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
