"""The evidence report as one self-contained HTML file.

No scripts, no external resources (no links to style sheets, fonts or images), so it
opens the same offline, in a mail attachment or in an archive years later.  It prints
well: print CSS, each article starting on a new page, quotation tables kept whole.
The same HTML is what the PDF export lays out with Qt's rich-text engine, so it keeps
to what both a browser and ``QTextDocument`` render: tables rather than flex boxes,
and the formatting that carries meaning (struck, inserted) as inline styles.

Every string that comes from a document, a tag or a note is escaped; a verdict is
always its symbol and its word, never a colour alone; changes are struck and
underlined, readable in black-and-white print.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence

from cablereader import __version__
from cablereader.core.evidence.model import (
    VERDICT_SYMBOLS,
    VERDICT_WORDS,
    AnnotationEvidence,
    ArticleEvidence,
    EvidenceReport,
    Mark,
    QuoteEvidence,
)
from cablereader.core.quotation import BALANCED
from cablereader.core.verify import VERDICTS

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# What carries meaning is styled inline: Qt's rich text ignores <ins>'s default look.
STRUCK = '<del style="text-decoration: line-through;">'
INSERTED = '<ins style="text-decoration: underline; font-weight: bold;">'
_PAGE_BREAK = ' style="page-break-before: always;"'

STYLE = """
body { font-family: "DejaVu Sans", "Noto Sans", "Segoe UI", Arial, sans-serif;
       font-size: 10pt; color: #000; background: #fff; margin: 1.5em; }
h1 { font-size: 17pt; margin-bottom: 0.2em; }
h2 { font-size: 14pt; margin-top: 1.2em; border-bottom: 1px solid #444; }
h3 { font-size: 11.5pt; margin-top: 1em; }
table { border-collapse: collapse; margin: 0.4em 0 0.8em 0; }
th, td { border: 1px solid #888; padding: 4px 6px; vertical-align: top; text-align: left; }
th { background: #eee; }
td.number { text-align: right; }
.passage { white-space: pre-wrap; font-family: "DejaVu Serif", Georgia, serif; }
.small { font-size: 8.5pt; color: #333; }
.verdict-verbatim th.head { background: #e3f2e1; }
.verdict-altered th.head { background: #fde2c8; }
.verdict-fragment th.head { background: #eeeeee; }
.verdict-not_in_source th.head { background: #f9d6d6; }
del { text-decoration: line-through; }
ins { text-decoration: underline; font-weight: bold; }
@page { margin: 16mm; }
@media print {
  body { margin: 0; }
  h2.article { break-before: page; }
  table.quote, tr { break-inside: avoid; }
}
"""


def escaped(text: str) -> str:
    """``text`` safe inside HTML elements and attributes (control characters replaced)."""
    return html.escape(_CONTROL.sub("\ufffd", text), quote=True)


def marked(text: str, marks: Sequence[Mark], opening: str) -> str:
    """``text`` escaped, each mark wrapped in ``opening`` (a ``<del>`` or ``<ins>``)."""
    closing = "</del>" if opening.startswith("<del") else "</ins>"
    out: list[str] = []
    position = 0
    for mark in sorted(marks, key=lambda m: m.start):
        start, end = max(mark.start, position), min(mark.end, len(text))
        if start >= end:
            continue
        out.append(escaped(text[position:start]))
        out.append(f"{opening}{escaped(text[start:end])}{closing}")
        position = end
    out.append(escaped(text[position:]))
    return "".join(out)


def verdict_label(verdict: str) -> str:
    return f"{VERDICT_SYMBOLS[verdict]} {VERDICT_WORDS[verdict]}"


def _percent(share: float) -> str:
    return f"{share:.0%}"


def _span(start: int | None, end: int | None) -> str:
    return f"{start}–{end}" if start is not None and end is not None else "—"


def _summary(report: EvidenceReport) -> Iterable[str]:
    yield "<h2>Summary</h2>"
    yield '<table class="summary" border="1" cellspacing="0" cellpadding="4" width="100%">'
    heads = ["Article", "Coverage", *(verdict_label(v) for v in VERDICTS), "Annotations"]
    # Qt shares a table's width out evenly unless told: the article column gets most.
    widths = ["40%", *["10%"] * (len(heads) - 1)]
    yield (
        "<tr>"
        + "".join(f'<th width="{w}">{escaped(h)}</th>' for w, h in zip(widths, heads, strict=True))
        + "</tr>"
    )
    for article in report.articles:
        cells = [
            f"<td>{escaped(article.title)}<br/>"
            f"<span class='small'>{escaped(article.name)}</span></td>",
            f"<td class='number'>{_percent(article.coverage)}</td>",
            *(f"<td class='number'>{article.counts.get(v, 0)}</td>" for v in VERDICTS),
            f"<td class='number'>{len(article.annotations)}</td>",
        ]
        yield "<tr>" + "".join(cells) + "</tr>"
    yield "</table>"


def _notes(quote: QuoteEvidence) -> str:
    """What the verdict does not say: broken marks, a quotation inside the reprint."""
    notes = []
    if quote.marks != BALANCED:
        notes.append(f"⚠ quotation marks {escaped(quote.marks)}: its extent was inferred")
    if quote.in_reprint:
        notes.append("inside the article's reprint of the source: not counted")
    return "".join(f"<br/>{note}" for note in notes)


def _quote(quote: QuoteEvidence, source_name: str) -> Iterable[str]:
    where = f"article {quote.start}–{quote.end}"
    if quote.source_start is not None:
        where += f" · source {quote.source_start}–{quote.source_end}"
    yield (
        f'<table class="quote verdict-{quote.verdict}" border="1" cellspacing="0" '
        'cellpadding="4" width="100%">'
    )
    yield (
        f'<tr><th class="head" colspan="2">#{quote.number} '
        f"<b>{escaped(verdict_label(quote.verdict))}</b> · {quote.words} "
        f"word{'s' if quote.words != 1 else ''} · "
        f"similarity {quote.similarity:.2f} · {escaped(where)}{_notes(quote)}</th></tr>"
    )
    yield (
        '<tr><th width="50%">Article</th><th width="50%">Source: '
        f"{escaped(quote.source_document or source_name)}</th></tr>"
    )
    source_cell = (
        marked(quote.source_text, quote.struck, STRUCK)
        if quote.source_start is not None
        else "<i>Not found in the source.</i>"
    )
    yield (
        f'<tr><td class="passage">{marked(quote.text, quote.inserted, INSERTED)}</td>'
        f'<td class="passage">{source_cell}</td></tr>'
    )
    if quote.changes:
        yield (
            f'<tr><td colspan="2" class="small">Changes: <span class="passage">'
            f"{escaped(quote.changes)}</span></td></tr>"
        )
    yield "</table>"


def _annotations(annotations: Sequence[AnnotationEvidence], title: str) -> Iterable[str]:
    yield f"<h3>{escaped(title)}</h3>"
    if not annotations:
        yield "<p>None.</p>"
        return
    yield '<table class="annotations" border="1" cellspacing="0" cellpadding="4" width="100%">'
    yield "<tr><th>Passage</th><th>Tags</th><th>Note</th><th>In the source</th></tr>"
    for annotation in annotations:
        where = (
            _span(annotation.start, annotation.end)
            if annotation.start is not None
            else "orphan: not found in the current text"
        )
        source = (
            f"<span class='passage'>{escaped(annotation.source_text)}</span><br/>"
            f"<span class='small'>{_span(annotation.source_start, annotation.source_end)}</span>"
            if annotation.source_start is not None
            else ""
        )
        if annotation.verdict:
            source += f"<br/><b>{escaped(verdict_label(annotation.verdict))}</b>"
        by = f" · {escaped(annotation.author)}" if annotation.author else ""
        yield (
            f"<tr><td><span class='passage'>{escaped(annotation.text)}</span><br/>"
            f"<span class='small'>{escaped(where)}{by}</span></td>"
            f"<td>{escaped(', '.join(annotation.tags)) or '—'}</td>"
            f"<td class='passage'>{escaped(annotation.note)}</td>"
            f"<td>{source or '—'}</td></tr>"
        )
    yield "</table>"


def _article(article: ArticleEvidence, source_name: str, page_break: bool) -> Iterable[str]:
    attributes = _PAGE_BREAK if page_break else ""
    yield f'<h2 class="article"{attributes}>{escaped(article.title)}</h2>'
    yield '<table class="metadata" border="1" cellspacing="0" cellpadding="3">'
    for label, value in article.metadata:
        yield f"<tr><th>{escaped(label)}</th><td>{escaped(value)}</td></tr>"
    yield "</table>"
    counts = ", ".join(f"{escaped(verdict_label(v))} {article.counts.get(v, 0)}" for v in VERDICTS)
    yield (
        f"<p><b>Coverage:</b> {_percent(article.coverage)} of the article's text is taken "
        f"from the source. <b>Quotations:</b> {article.total_quotes} ({counts})"
        + (
            f"; and {article.reprint_quotes} inside its reprint of the source, listed but "
            "not counted (the source quoting someone, not the article)"
            if article.reprint_quotes
            else ""
        )
        + ".</p>"
    )
    if article.witness_variants is not None:
        yield (
            "<p>The article reprints the source: it is a second witness of its text, "
            f"with {article.witness_variants} textual variants.</p>"
        )
    yield "<h3>Quotations, in article order</h3>"
    if not article.quotes:
        yield "<p>No quotations found.</p>"
    for quote in article.quotes:
        yield from _quote(quote, source_name)
    yield from _annotations(article.annotations, "Annotations")


def report_html(report: EvidenceReport) -> str:
    """The whole report as one HTML document (a string)."""
    several = len(report.articles) > 1
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8"/>',
        f"<title>{escaped(report.title)}</title>",
        f'<meta name="generator" content="CableReader {escaped(__version__)}"/>',
        f"<style>{STYLE}</style></head><body>",
        f"<h1>{escaped(report.title)}</h1>",
        f"<p>Source: <b>{escaped(report.source_title)}</b> ({escaped(report.source_name)}). "
        f"Generated {escaped(report.generated)} by CableReader {escaped(__version__)}. "
        f"{len(report.articles)} article{'s' if several else ''}.</p>",
        "<p class='small'>Verdicts: "
        + "; ".join(f"{escaped(verdict_label(v))}" for v in VERDICTS)
        + f". In the source column, {STRUCK}struck</del> words are those the article "
        f"changed or left out; in the article column, {INSERTED}underlined bold</ins> "
        "words are those it put in their place. Offsets are character positions in each "
        "document's text.</p>",
    ]
    if several:
        parts.extend(_summary(report))
    for index, article in enumerate(report.articles):
        parts.extend(_article(article, report.source_name, page_break=several or index > 0))
    if report.source_annotations:
        parts.append(f'<h2 class="article"{_PAGE_BREAK}>The source</h2>')
        parts.extend(_annotations(report.source_annotations, "Annotations on the source"))
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
