"""The quote report and the comparison report, as rows and JSON-ready data.

These are the fixed contracts of DESIGN ("quotes CSV columns", "compare --format
json"); the command line and, later, the app's export both use them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cablereader.core.alignment import Alignment, Difference, Passage
from cablereader.core.analysis import ArticleAnalysis, CorpusAnalysis, coverage
from cablereader.core.csvfile import Cell
from cablereader.core.formats.provenance import Metadata
from cablereader.core.verify import IN_REPRINT, QuoteCheck

QUOTE_COLUMNS = (
    "document",
    "start",
    "end",
    "quote",
    "words",
    "verdict",
    "similarity",
    "source_document",
    "source_start",
    "source_end",
    "source_passage",
    "diff",
    "marks",
    "context",
    "also_in",
    "document_headline",
    "document_outlet",
    "document_author",
    "document_date",
    "document_url",
)
# What an article says about itself (a web page's headline, outlet, author, date, URL).
METADATA_COLUMNS = QUOTE_COLUMNS[-5:]
# Between the names of the sources in ``also_in``.
NAME_SEPARATOR = "; "


def metadata_cells(metadata: Metadata | None) -> dict[str, Cell]:
    """The ``document_*`` metadata cells of a document (empty where it says nothing)."""
    values = (metadata or Metadata()).as_dict()
    return {f"document_{key}": value for key, value in values.items()}


def quote_record(
    analysis: CorpusAnalysis,
    article: str,
    check: QuoteCheck,
    metadata: Metadata | None = None,
) -> dict[str, Cell]:
    """One row of the quote report, keyed by :data:`QUOTE_COLUMNS`.

    ``source_document`` is the source the quotation was found in (with several
    sources, the best match); ``also_in`` the other sources holding the same passage.
    """
    in_source = check.source_start is not None and check.source_end is not None
    source = analysis.source_named(check.source_document or analysis.source.name)
    record: dict[str, Cell] = {
        "document": article,
        "start": check.start,
        "end": check.end,
        "quote": check.text,
        "words": check.words,
        "verdict": check.verdict,
        "similarity": check.similarity,
        "source_document": source.name if in_source else "",
        "source_start": check.source_start if in_source else None,
        "source_end": check.source_end if in_source else None,
        "source_passage": (
            source.text[check.source_start : check.source_end]
            if check.source_start is not None and check.source_end is not None
            else ""
        ),
        "diff": check.diff_text(),
        "marks": check.marks,
        "context": check.context,
        "also_in": NAME_SEPARATOR.join(check.also_in),
    }
    record.update(metadata_cells(metadata))
    return record


def quote_rows(
    analysis: CorpusAnalysis, metadata: Mapping[str, Metadata] | None = None
) -> list[list[Cell]]:
    """Every quotation of every article; ``metadata`` by document name, where known."""
    found = metadata or {}
    return [
        [
            quote_record(analysis, article.name, check, found.get(article.name))[c]
            for c in QUOTE_COLUMNS
        ]
        for article in analysis.articles
        for check in article.quotes
    ]


def quote_summary(analysis: CorpusAnalysis) -> list[str]:
    """One line per article: its own quotations by verdict, and those in a reprint."""
    lines = []
    for article in analysis.articles:
        counts = article.own_verdict_counts()
        own = sum(counts.values())
        shown = ", ".join(f"{n} {verdict}" for verdict, n in counts.items() if n)
        line = f"{article.name}: {own} quotation{'s' if own != 1 else ''}"
        line += f" ({shown})" if shown else ""
        reprinted = sum(1 for check in article.quotes if check.context == IN_REPRINT)
        if reprinted:
            line += (
                f"; {reprinted} more inside its reprint of the source "
                "(context in_reprint), not counted as the article's"
            )
        unsure = sum(1 for check in article.quotes if check.marks != "balanced")
        if unsure:
            line += f"; {unsure} with broken quotation marks (see marks)"
        lines.append(line)
    return lines


def quotes_json(
    analysis: CorpusAnalysis, metadata: Mapping[str, Metadata] | None = None
) -> dict[str, Any]:
    """The quote report with a summary per article.  ``source`` is the primary source,
    ``sources`` all of them (with the source each witnesses, if it is a witness)."""
    found = metadata or {}
    return {
        "source": analysis.source.name,
        "sources": [
            {"name": source.name, "witness_of": analysis.witness_of(source.name)}
            for source in analysis.sources
        ],
        "documents": [
            _article_json(analysis, article, found.get(article.name))
            for article in analysis.articles
        ],
    }


def _article_json(
    analysis: CorpusAnalysis, article: ArticleAnalysis, metadata: Metadata | None
) -> dict[str, Any]:
    witness = article.witness
    return {
        "document": article.name,
        "metadata": (metadata or Metadata()).as_dict(),
        "coverage": article.coverage,
        "coverage_by_source": {use.source: use.coverage for use in article.uses},
        "verdicts": article.own_verdict_counts(),
        "in_reprint": sum(1 for check in article.quotes if check.context == IN_REPRINT),
        "passages": len(article.passages),
        "witness": (
            None
            if witness is None
            else {
                "b_start": witness.b_start,
                "b_end": witness.b_end,
                "variants": [_difference_json(d) for d in witness.textual_differences],
            }
        ),
        "quotes": [
            quote_record(analysis, article.name, check, metadata)
            | {
                "also_in": list(check.also_in),
                "group": check.quotation.group,
                "depth": check.quotation.depth,
                "style_differences": [
                    _difference_json(d)
                    | {"kind": "typographic" if d.typographic else "orthographic"}
                    for d in check.style_differences
                ],
            }
            for check in article.quotes
        ],
    }


def _difference_json(difference: Difference) -> dict[str, Any]:
    return {
        "a_start": difference.a_start,
        "a_end": difference.a_end,
        "b_start": difference.b_start,
        "b_end": difference.b_end,
        "a_text": difference.a_text,
        "b_text": difference.b_text,
    }


def _passage_json(passage: Passage) -> dict[str, Any]:
    return {
        "a_start": passage.a_start,
        "a_end": passage.a_end,
        "b_start": passage.b_start,
        "b_end": passage.b_end,
        "kind": passage.kind,
        "similarity": passage.similarity,
        "differences": [_difference_json(d) for d in passage.differences],
    }


def compare_json(alignment: Alignment) -> dict[str, Any]:
    return {
        "a": alignment.a_name,
        "b": alignment.b_name,
        "passages": [_passage_json(p) for p in alignment.passages],
    }


def _excerpt(text: str, limit: int = 70) -> str:
    flat = " ".join(text.split()) if text.strip() else text
    shown = flat if len(flat) <= limit else flat[: limit - 1] + "…"
    return repr(shown)


def compare_text(alignment: Alignment, a_text: str, b_text: str) -> str:
    """A readable listing of the aligned passages and their differences."""
    lines = [f"A: {alignment.a_name}", f"B: {alignment.b_name}"]
    share = coverage(b_text, alignment.passages)
    lines.append(
        f"{len(alignment.passages)} passages, covering {share:.0%} of B "
        f"({len(alignment.differences)} differences)"
    )
    for number, passage in enumerate(alignment.passages, start=1):
        lines.append("")
        lines.append(
            f"#{number} {passage.kind}, similarity {passage.similarity:.3f}: "
            f"A {passage.a_start}-{passage.a_end} <-> B {passage.b_start}-{passage.b_end}"
        )
        lines.append(f"   A: {_excerpt(a_text[passage.a_start : passage.a_end])}")
        lines.append(f"   B: {_excerpt(b_text[passage.b_start : passage.b_end])}")
        for difference in passage.differences:
            label = "typography" if difference.typographic else "text"
            lines.append(
                f"   - {label}: A {difference.a_start}-{difference.a_end} "
                f"{_excerpt(difference.a_text)} -> B {difference.b_start}-{difference.b_end} "
                f"{_excerpt(difference.b_text)}"
            )
    return "\n".join(lines) + "\n"
