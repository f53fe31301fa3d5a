"""Reopening a corpus with its analyses cached: time to the results, and the cache's size.

``analyse_corpus`` over N synthetic articles (``generate.py``) with an empty cache
folder (everything analysed, then stored), then again with the cache filled (every
result read back), then the same reads with a cold cache object.  Printed, not
asserted::

    python benchmarks/cache.py                # 1,000 articles
    python benchmarks/cache.py --articles 200
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cablereader.core.analysis import analyse_corpus
from cablereader.core.analysis.cache import AnalysisCache
from generate import SOURCE_NAME, make_corpus


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    documents = make_corpus(args.articles)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch, "analyses")
        started = time.perf_counter()
        fresh = analyse_corpus(documents, SOURCE_NAME, workers=2, cache=AnalysisCache(folder))
        cold = time.perf_counter() - started
        reopen: list[float] = []
        for _ in range(args.repeats):
            started = time.perf_counter()
            again = analyse_corpus(documents, SOURCE_NAME, cache=AnalysisCache(folder))
            reopen.append(time.perf_counter() - started)
            assert again == fresh, "a cached result differs from the fresh one"
        size = sum(p.stat().st_size for p in folder.iterdir())
    print(f"{args.articles} articles: analysed and stored {cold:.2f} s (2 workers)")
    print(
        f"  reopened from the cache: median {statistics.median(reopen):.3f} s"
        f" (min {min(reopen):.3f}, max {max(reopen):.3f}, {args.repeats} runs)"
    )
    print(f"  cache on disk: {size / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
