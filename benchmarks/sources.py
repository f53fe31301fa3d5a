"""Several sources: the time of an analysis against five sources, against one, and how
well each quotation is traced to the source it was taken from.

Usage: ``python benchmarks/sources.py [--articles 1000] [--sources 5] [--check]``
(``run.py`` runs it too).  The corpus: ``--sources`` generated sources, and articles
each made from one of them in turn (article *i* from source *i* mod *n*), so the truth
says which source every generated quotation comes from.  The one-source figure is the
same articles against the first source only: the work of the old, single-source
analysis on this corpus.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections import Counter
from dataclasses import dataclass

from cablereader.core.analysis import CorpusAnalysis, analyse_corpus
from cablereader.core.documents import Document

try:  # python -m benchmarks.sources
    from benchmarks import generate
    from benchmarks.report import Targets, verdict_line
except ImportError:  # python benchmarks/sources.py
    import generate  # type: ignore[no-redef,import-not-found]
    from report import Targets, verdict_line  # type: ignore[no-redef,import-not-found]

MAX_RATIO = 2.0  # five sources against one (issue 14)


@dataclass(frozen=True)
class MultiSourceCorpus:
    sources: list[Document]
    articles: list[Document]
    truth: dict[str, tuple[str, generate.ArticleTruth]]  # article -> (its source, truth)


def make_corpus(n_articles: int, n_sources: int, seed: int) -> MultiSourceCorpus:
    sources = [
        Document.from_text(
            generate.SOURCE_NAME if k == 0 else f"source_{k + 1}.txt",
            generate.make_source(seed + 1000 * k),
        )
        for k in range(n_sources)
    ]
    articles = []
    truth = {}
    for index in range(n_articles):
        source = sources[index % n_sources]
        text, facts = generate.make_article_with_truth(source.text, index, seed)
        articles.append(Document.from_text(facts.name, text))
        truth[facts.name] = (source.name, facts)
    return MultiSourceCorpus(sources, articles, truth)


def _timed(run: object) -> tuple[float, CorpusAnalysis]:
    assert callable(run)
    gc.collect()
    start = time.perf_counter()
    result = run()
    return time.perf_counter() - start, result


def attribution(corpus: MultiSourceCorpus, analysis: CorpusAnalysis) -> Counter[str]:
    """Generated verbatim and altered quotations by what the analysis said of them:
    ``right`` (found, in the source it was taken from), ``another source holding it
    too`` (the passage is in both, and the one named first is earlier in the order),
    ``wrong source``, ``missed``."""
    outcome: Counter[str] = Counter()
    for article in analysis.articles:
        source, facts = corpus.truth[article.name]
        for quote in facts.quotes:
            if quote.kind == generate.UNSOURCED:
                continue
            check = next(
                (c for c in article.quotes if c.start <= quote.start and quote.end <= c.end + 1),
                None,
            )
            if check is None or check.source_document is None:
                outcome["missed"] += 1
            elif check.source_document == source:
                outcome["right"] += 1
            elif source in check.also_in:
                outcome["another source holding it too"] += 1
            else:
                outcome["wrong source"] += 1
    return outcome


def bench_sources(n_articles: int, n_sources: int, seed: int, targets: Targets) -> None:
    corpus = make_corpus(n_articles, n_sources, seed)
    names = [s.name for s in corpus.sources]
    print(
        f"Several sources ({n_sources} generated sources, {n_articles:,} articles, "
        "each taken from one of them)"
    )
    one_s, _one = _timed(lambda: analyse_corpus([corpus.sources[0], *corpus.articles], names[0]))
    print(verdict_line("against the first source only (s)", f"{one_s:.2f}"))
    all_s, analysis = _timed(lambda: analyse_corpus([*corpus.sources, *corpus.articles], names))
    ratio = all_s / one_s if one_s else float("inf")
    print(verdict_line(f"against all {n_sources} sources (s)", f"{all_s:.2f}"))
    passed = targets.record(
        f"{n_sources} sources <= {MAX_RATIO:.0f}x one source", ratio <= MAX_RATIO
    )
    print(verdict_line(f"ratio (target <= {MAX_RATIO:.0f}x)", f"{ratio:.2f}x", passed))
    detect_s, detected = _timed(lambda: analyse_corpus([*corpus.sources, *corpus.articles]))
    found = [s.name for s in detected.sources]
    print(verdict_line("with the sources detected (s)", f"{detect_s:.2f}"))
    differ = "" if sorted(found) == sorted(names) else f" (found: {', '.join(found)})"
    print(verdict_line("sources detected / given", f"{len(found)} / {n_sources}{differ}"))
    outcome = attribution(corpus, analysis)
    total = sum(outcome.values())
    for label in ("right", "another source holding it too", "wrong source", "missed"):
        share = outcome[label] / total if total else 0.0
        print(
            verdict_line(f"sourced quotations: {label}", f"{share:.1%} ({outcome[label]}/{total})")
        )
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="CableReader several-sources benchmark.")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--sources", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--check", action="store_true", help="exit 1 if the target is missed")
    args = parser.parse_args(argv)
    targets = Targets({})
    bench_sources(args.articles, args.sources, args.seed, targets)
    return 1 if args.check and not all(targets.results.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
