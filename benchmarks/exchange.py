"""Timing figures for the evidence report and REFI-QDA exchange, printed, not asserted.

    python benchmarks/exchange.py [--articles 200] [--annotations 5000]

A synthetic corpus (``generate.py``) in a project with that many annotations (three
tags each, every tenth with a note), then: the analysis the exporters need, the
``.qdpx`` export, its import into a new project, the ``.qdc`` codebook, the HTML
report of every article, and the PDF of the first ten articles.  The sample corpus
figures come first, as the reference measured in the same run.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import make_corpus
from cablereader.core.analysis import analyse_corpus
from cablereader.core.documents import Document
from cablereader.core.evidence import build_report, report_html
from cablereader.core.exchange import export_qdc, export_qdpx, import_qdpx
from cablereader.core.project import Project
from cablereader.core.sample import load_sample_corpus

_T = TypeVar("_T")


def timed(label: str, work: Callable[[], _T]) -> _T:
    started = time.perf_counter()
    result = work()
    print(f"  {label:<44} {time.perf_counter() - started:8.3f} s")
    return result


def run(documents: list[Document], annotations: int, folder: Path, pdf_articles: int) -> None:
    from cablereader.pdfreport import render_pdf

    source = documents[0].name
    project = Project.create(folder / "p.crproj", documents, source=source)
    rng = random.Random(0)
    articles = [d for d in documents if d.name != source]
    items = []
    for index in range(annotations):
        document = rng.choice(articles)
        start = rng.randrange(0, max(1, len(document.text) - 60))
        note = f"note {index}" if index % 10 == 0 else ""
        items.append((document.name, start, start + rng.randint(5, 60), [1, 2, 3], note, "bench"))
    timed(f"add {annotations} annotations", lambda: project.add_annotations(items))  # type: ignore[arg-type]
    analysis = timed("analyse (what the exporters need)", lambda: analyse_corpus(documents, source))
    summary = timed(
        "export .qdpx", lambda: export_qdpx(project, folder / "p.qdpx", analysis=analysis)
    )
    print(
        f"    {summary.selections} selections, {summary.links} links, "
        f"{(folder / 'p.qdpx').stat().st_size / 1e6:.2f} MB"
    )
    timed("export .qdc", lambda: export_qdc(project, folder / "p.qdc"))
    timed(
        "import .qdpx into a new project",
        lambda: import_qdpx(folder / "p.qdpx", folder / "b.crproj"),
    )
    report = timed(
        "report data, every article",
        lambda: build_report(
            analysis, documents, annotations=project.annotations(), tags=project.tags()
        ),
    )
    html = timed("report HTML", lambda: report_html(report))
    print(f"    {len(html) / 1e6:.2f} MB of HTML")
    first = [a.name for a in analysis.articles[:pdf_articles]]
    small = report_html(
        build_report(analysis, documents, articles=first, annotations=project.annotations(),
                     tags=project.tags())
    )  # fmt: skip
    pdf, pages = timed(f"report PDF, {len(first)} articles", lambda: render_pdf(small))
    print(f"    {pages} pages, {len(pdf) / 1e6:.2f} MB")
    project.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--annotations", type=int, default=5000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        print("Sample corpus (5 documents, 50 annotations):")
        (Path(scratch) / "sample").mkdir()
        sample = load_sample_corpus()
        source_first = sorted(sample, key=lambda d: d.name != "003_5dca466439790169.txt")
        run(source_first, 50, Path(scratch) / "sample", 4)
        print(f"Synthetic corpus ({args.articles} articles, {args.annotations} annotations):")
        (Path(scratch) / "synthetic").mkdir()
        run(make_corpus(args.articles), args.annotations, Path(scratch) / "synthetic", 10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
