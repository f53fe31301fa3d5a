"""Benchmarks of CableReader's analysis, with two naive baselines.

Usage: ``python benchmarks/run.py [--articles 1000] [--baseline-sample 5] [--quick]
[--check]``.  Prints labelled figures; see ``benchmarks/README.md`` for what they mean.
Nothing here fails on a slow machine unless ``--check`` is given, which makes the
process exit with status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import difflib
import gc
import os
import platform
import random
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

import diff_match_patch

from cablereader.core.analysis import Analyzer, ArticleAnalysis, analyse_corpus
from cablereader.core.documents import Document
from cablereader.core.sample import load_sample_corpus
from cablereader.core.sources import detect_source

try:  # python -m benchmarks.run
    from benchmarks import generate
    from benchmarks.report import Targets, verdict_line
    from benchmarks.sources import bench_sources
except ImportError:  # python benchmarks/run.py: this folder is on sys.path
    import generate  # type: ignore[no-redef,import-not-found]
    from report import Targets, verdict_line  # type: ignore[no-redef,import-not-found]
    from sources import bench_sources  # type: ignore[no-redef,import-not-found]

SAMPLE_TARGET_S = 0.2
CORPUS_TARGET_S = 5.0  # for 1,000 articles
CORPUS_TARGET_ARTICLES = 1000
DMP_MIN_RATIO = 50.0
# Generated kind -> the verdict that counts as right.
EXPECTED_VERDICT = {
    generate.VERBATIM: "verbatim",
    generate.ALTERED: "altered",
    generate.UNSOURCED: "not_in_source",
}
# An unmarked copy counts as found when passages cover this share of it.
COPY_FOUND_SHARE = 0.8

T = TypeVar("T")


def timed(function: Callable[[], T]) -> tuple[float, T]:
    gc.collect()
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def fingerprint(analyses: Sequence[ArticleAnalysis]) -> list[tuple[object, ...]]:
    return [
        (
            a.name,
            tuple((p.a_start, p.a_end, p.b_start, p.b_end, p.kind) for p in a.passages),
            tuple((q.start, q.verdict) for q in a.quotes),
        )
        for a in analyses
    ]


# --- sections ---------------------------------------------------------------------------


def bench_sample(repeats: int, targets: Targets) -> None:
    print("Sample corpus (5 documents: load + detect source + align + verify quotes)")
    times = []
    for _ in range(repeats):
        elapsed, analysis = timed(lambda: analyse_corpus(load_sample_corpus()))
        times.append(elapsed)
    median = statistics.median(times)
    passed = targets.record("sample < 0.2 s", median < SAMPLE_TARGET_S)
    print(verdict_line("detected source", analysis.source.name))
    print(verdict_line("first run (s)", f"{times[0]:.4f}"))
    print(
        verdict_line(
            f"median of {repeats} runs (s), target < {SAMPLE_TARGET_S}", f"{median:.4f}", passed
        )
    )
    print(verdict_line("fastest / slowest run (s)", f"{min(times):.4f} / {max(times):.4f}"))
    print()


@dataclass
class OurTimes:
    single_given: float
    single_detect: float
    detect_only: float
    per_article_ms: float
    analyses: list[ArticleAnalysis]


def bench_ours(corpus: generate.SyntheticCorpus, targets: Targets) -> OurTimes:
    documents = corpus.documents
    n = len(documents) - 1
    target = CORPUS_TARGET_S * n / CORPUS_TARGET_ARTICLES
    scaled = "" if n == CORPUS_TARGET_ARTICLES else f" (5 s scaled to {n})"
    print(f"CableReader on the synthetic corpus ({n} articles), target < {target:.2f} s{scaled}")

    given_s, given = timed(lambda: analyse_corpus(documents, source=generate.SOURCE_NAME))
    detect_s, detected = timed(lambda: analyse_corpus(documents))
    only_detect_s, _ = timed(lambda: detect_source(documents))
    per_article = given_s / n * 1000
    right_source = detected.source.name == generate.SOURCE_NAME
    print(verdict_line("1 process, source given (s)", f"{given_s:.3f}", given_s < target))
    print(verdict_line("  per article (ms)", f"{per_article:.2f}"))
    print(
        verdict_line("1 process, with source detection (s)", f"{detect_s:.3f}", detect_s < target)
    )
    print(verdict_line("  of which detect_source alone (s)", f"{only_detect_s:.3f}"))
    print(verdict_line("  detected source", f"{detected.source.name} (right: {right_source})"))
    targets.record("synthetic source detected", right_source)

    reference = fingerprint(given.articles)
    pool_s, pooled = timed(
        lambda: analyse_corpus(documents, source=generate.SOURCE_NAME, workers=2)
    )
    pool_detect_s, _ = timed(lambda: analyse_corpus(documents, workers=2))
    same = fingerprint(pooled.articles) == reference
    print(verdict_line("workers=2, source given (s)", f"{pool_s:.3f}", pool_s < target))
    print(
        verdict_line(
            "workers=2, with source detection (s)",
            f"{pool_detect_s:.3f}",
            pool_detect_s < target,
        )
    )
    print(verdict_line("  same results as 1 process", "yes" if same else "NO"))
    print(verdict_line("  speed-up over 1 process (source given)", f"{given_s / pool_s:.2f}x"))
    targets.record("2-process results identical", same)
    best_detect = min(detect_s, pool_detect_s)

    if detect_s < target:
        conclusion = "one process already meets the target"
    elif best_detect < target:
        conclusion = "meets the target only with 2 processes"
    else:
        conclusion = "misses the target even with 2 processes"
    targets.record(f"{n} articles < {target:.2f} s", best_detect < target)
    print(verdict_line("verdict (with source detection)", conclusion, best_detect < target))
    print()
    return OurTimes(given_s, detect_s, only_detect_s, per_article, list(given.articles))


def sample_indices(n: int, k: int) -> list[int]:
    k = max(1, min(k, n))
    return sorted({i * n // k for i in range(k)})


def bench_dmp(corpus: generate.SyntheticCorpus, k: int, ours: OurTimes, targets: Targets) -> None:
    source = corpus.documents[0]
    articles = corpus.documents[1:]
    picked = [articles[i] for i in sample_indices(len(articles), k)]
    print(
        f"Baseline 1: diff-match-patch diff_main(source, article), Diff_Timeout = 0, "
        f"+ diff_cleanupSemantic ({len(picked)} pairs)"
    )
    differ = diff_match_patch.diff_match_patch()
    differ.Diff_Timeout = 0
    times = []
    for article in picked:

        def run(a: Document = article) -> None:
            diffs = differ.diff_main(source.text, a.text)
            differ.diff_cleanupSemantic(diffs)

        elapsed, _ = timed(run)
        times.append(elapsed)
        print(verdict_line(f"  {article.name} (s)", f"{elapsed:.2f}"))
    baseline = statistics.mean(times)

    analyzer = Analyzer(source)
    ours_times = []
    for _ in range(10):
        elapsed, _ = timed(lambda: [analyzer.analyse(a) for a in picked])
        ours_times.append(elapsed / len(picked))
    ours_same = statistics.median(ours_times)
    ratio_same = baseline / ours_same
    ratio_corpus = baseline / (ours.per_article_ms / 1000)
    passed = targets.record("diff-match-patch ratio >= 50x", ratio_same >= DMP_MIN_RATIO)
    print(verdict_line("baseline per article (s, mean)", f"{baseline:.2f}"))
    print(verdict_line("ours on the same articles (ms per article)", f"{ours_same * 1000:.2f}"))
    print(
        verdict_line(
            f"ratio baseline / ours, same articles (target >= {DMP_MIN_RATIO:.0f}x)",
            f"{ratio_same:,.0f}x",
            passed,
        )
    )
    print(verdict_line("ratio baseline / ours, corpus average", f"{ratio_corpus:,.0f}x"))
    print()


_WORDS = re.compile(r"\w+")


def bench_difflib(corpus: generate.SyntheticCorpus, ours: OurTimes) -> None:
    source = corpus.documents[0]
    articles = corpus.documents[1:]
    print(
        "Baseline 2: difflib.SequenceMatcher(None, source_words, article_words, "
        f"autojunk=False).get_matching_blocks() ({len(articles)} pairs)"
    )

    def run() -> int:
        source_words = _WORDS.findall(source.text.casefold())
        blocks = 0
        for article in articles:
            article_words = _WORDS.findall(article.text.casefold())
            matcher = difflib.SequenceMatcher(None, source_words, article_words, autojunk=False)
            blocks += len(matcher.get_matching_blocks())
        return blocks

    elapsed, _ = timed(run)
    print(verdict_line("total (s)", f"{elapsed:.3f}"))
    print(verdict_line("per article (ms)", f"{elapsed / len(articles) * 1000:.2f}"))
    print(
        verdict_line(
            "ours (1 process, source given) / difflib", f"{ours.single_given / elapsed:.2f}"
        )
    )
    print("  (difflib only lists in-order word matches: no out-of-order passages, no")
    print("  character-level differences, no quotations, no verdicts)")
    print()


def _covered(start: int, end: int, analysis: ArticleAnalysis) -> int:
    return sum(max(0, min(end, p.b_end) - max(start, p.b_start)) for p in analysis.passages)


def report_accuracy(corpus: generate.SyntheticCorpus, analyses: Sequence[ArticleAnalysis]) -> None:
    print("Verdicts on the synthetic corpus against the generator's ground truth")
    confusion: Counter[tuple[str, str]] = Counter()
    details: Counter[tuple[str, str, bool]] = Counter()
    extra = 0
    copies: Counter[tuple[str, str]] = Counter()
    for analysis in analyses:
        truth = corpus.truth[analysis.name]
        checks = {q.start: q for q in analysis.quotes}
        generated = {q.start for q in truth.quotes}
        extra += sum(1 for start in checks if start not in generated)
        for quote in truth.quotes:
            check = checks.get(quote.start)
            verdict = check.verdict if check is not None else "(not found)"
            confusion[(quote.kind, verdict)] += 1
            details[(quote.kind, quote.detail, verdict == EXPECTED_VERDICT[quote.kind])] += 1
        for copy in truth.copies:
            covered = _covered(copy.start, copy.end, analysis)
            if covered >= COPY_FOUND_SHARE * (copy.end - copy.start):
                status = "found"
            else:
                status = "partly found" if covered else "missed"
            copies[("altered" if copy.detail else "exact", status)] += 1
    verdicts = ["verbatim", "altered", "fragment", "not_in_source", "(not found)"]
    header = "".join(f"{v:>15}" for v in verdicts)
    corner = "generated \\ judged"
    print(f"  {corner:<18}{header}")
    for kind in generate.QUOTE_KINDS:
        row = "".join(f"{confusion[(kind, v)]:>15}" for v in verdicts)
        print(f"  {kind:<18}{row}")
    for kind in generate.QUOTE_KINDS:
        total = sum(confusion[(kind, v)] for v in verdicts)
        right = confusion[(kind, EXPECTED_VERDICT[kind])]
        share = right / total if total else 0.0
        print(
            verdict_line(
                f"{kind} judged {EXPECTED_VERDICT[kind]}", f"{share:.1%} ({right}/{total})"
            )
        )
        for detail in sorted({d for k, d, _ in details if k == kind}):
            good, bad = details[(kind, detail, True)], details[(kind, detail, False)]
            print(verdict_line(f"  made by {detail}", f"{good / (good + bad):.1%} of {good + bad}"))
    print(verdict_line("quotations found that were not generated", str(extra)))
    for variant in ("exact", "altered"):
        total = sum(n for (v, _), n in copies.items() if v == variant)
        if not total:
            continue
        found, partly = copies[(variant, "found")], copies[(variant, "partly found")]
        print(
            verdict_line(
                f"unmarked {variant} copies >= {COPY_FOUND_SHARE:.0%} in passages",
                f"{found / total:.1%} ({found}/{total}; partly {partly}, "
                f"missed {total - found - partly})",
            )
        )
    print()


# A long article with untidy quotation marks: 1 MB, as paragraphs and on one line.
LONG_LINE_MB = 1.0
LONG_LINE_MAX_RATIO = 2.0
POSSESSIVES = " The officials\u2019 view was \u2018cautious\u2019, the Khans\u2019 aides said."


def untidy_long_article(source: str, megabytes: float, seed: int) -> str:
    """Synthetic articles joined to ``megabytes`` of text, with the quotation marks of
    real pages: some never closed, some straight, some opened with the closing mark,
    plural possessives (the Khans’ house) that look like closing single quotes."""
    rng = random.Random(f"long-line:{seed}")
    parts: list[str] = []
    size = 0
    index = 0
    while size < megabytes * 1_000_000:
        text = generate.make_article(source, 10_000 + index, seed)
        paragraphs = text.split("\n\n")
        for number, paragraph in enumerate(paragraphs):
            roll = rng.random()
            if roll < 0.15:
                paragraph = paragraph.replace("\u201d", "", 1)  # never closed
            elif roll < 0.25:
                paragraph = paragraph.replace("\u201c", '"').replace("\u201d", '"')
            elif roll < 0.30:
                paragraph = paragraph.replace("\u201c", "\u201d", 1)  # opened with ”
            if rng.random() < 0.3:
                paragraph += POSSESSIVES
            paragraphs[number] = paragraph
        parts.append("\n\n".join(paragraphs))
        size += len(parts[-1])
        index += 1
    return "\n\n".join(parts)


def bench_long_line(megabytes: float, seed: int, targets: Targets) -> None:
    source = generate.make_source(seed)
    paragraphs = untidy_long_article(source, megabytes, seed)
    one_line = " ".join(paragraphs.split("\n"))
    print(
        f"One long article ({len(paragraphs):,} characters, untidy quotation marks): "
        "with line breaks and on one line"
    )
    analyzer = Analyzer(Document.from_text(generate.SOURCE_NAME, source))
    figures = []
    for label, text in (("with line breaks", paragraphs), ("on one line", one_line)):
        elapsed, analysis = timed(
            lambda t=text: analyzer.analyse(Document.from_text("long.txt", t))
        )
        figures.append(elapsed)
        quotes = len(analysis.quotes)
        print(verdict_line(f"  {label} (s, {quotes:,} quotations)", f"{elapsed:.2f}"))
    ratio = figures[1] / figures[0] if figures[0] else float("inf")
    passed = targets.record(
        f"one line <= {LONG_LINE_MAX_RATIO:.0f}x line breaks", ratio <= LONG_LINE_MAX_RATIO
    )
    print(
        verdict_line(
            f"ratio one line / line breaks (target <= {LONG_LINE_MAX_RATIO:.0f}x)",
            f"{ratio:.2f}x",
            passed,
        )
    )
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="CableReader analysis benchmarks.")
    parser.add_argument("--articles", type=int, default=1000, help="synthetic articles (1000)")
    parser.add_argument(
        "--baseline-sample", type=int, default=5, help="pairs for the diff-match-patch baseline"
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic corpus")
    parser.add_argument("--quick", action="store_true", help="smoke run: 50 articles, 2 pairs")
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    parser.add_argument(
        "--long-line-mb", type=float, default=LONG_LINE_MB, help="size of the long article (1.0)"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.articles, args.baseline_sample = 50, 2

    started = time.perf_counter()
    print("CableReader benchmarks")
    print(f"  Python {platform.python_version()} ({platform.python_implementation()})")
    print(f"  machine: {platform.platform()} {platform.machine()}, {os.cpu_count()} CPUs")
    print(f"  diff-match-patch {getattr(diff_match_patch, '__version__', '?')}")
    print()
    targets = Targets({})

    bench_sample(3 if args.quick else 9, targets)

    gen_s, corpus = timed(lambda: generate.make_corpus_with_truth(args.articles, args.seed))
    sizes = [len(d.text) for d in corpus.documents]
    quotes = sum(len(t.quotes) for t in corpus.truth.values())
    print(f"Synthetic corpus (seed {args.seed}, generated in {gen_s:.2f} s, not timed below)")
    print(verdict_line("source (characters)", f"{sizes[0]:,}"))
    print(
        verdict_line(
            "articles / mean characters",
            f"{len(sizes) - 1:,} / {statistics.mean(sizes[1:]):,.0f}",
        )
    )
    print(verdict_line("generated quotations", f"{quotes:,}"))
    print()

    ours = bench_ours(corpus, targets)
    bench_dmp(corpus, args.baseline_sample, ours, targets)
    bench_difflib(corpus, ours)
    report_accuracy(corpus, ours.analyses)
    bench_long_line(0.1 if args.quick else args.long_line_mb, args.seed, targets)
    bench_sources(args.articles, 5, args.seed, targets)

    print("Targets")
    for name, passed in targets.results.items():
        print(verdict_line(name, "", passed))
    print(f"\n(total benchmark time {time.perf_counter() - started:.0f} s)")
    missed = [name for name, passed in targets.results.items() if not passed]
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
