"""What the panes, the gutter and the overview draw for a pair (issue 15, item 13): a
reprint of the source is faint and neutral, under the quotations, not one amber page."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QPalette, QTextCharFormat

from cablereader.core.analysis import CorpusAnalysis
from cablereader.core.analysis.witness import witness_passage
from cablereader.ui.common.palette import verdict_colour
from cablereader.ui.reader import highlight
from tests.conftest import MSNBC, REPRINT


def _palette(qapp) -> QPalette:
    return QGuiApplication.palette()


def test_a_reprint_is_drawn_faint_under_the_other_passages(qapp, sample_analysis: CorpusAnalysis):
    article = sample_analysis.article(REPRINT)
    reprint = witness_passage(article.alignment)
    assert reprint is not None
    palette = _palette(qapp)
    built = highlight.build(
        article.alignment, article.quotes, palette, show_typography=True, reprint=reprint
    )
    (left,) = built.left["reprint"]
    (right,) = built.right["reprint"]
    assert (left.start, left.end) == (reprint.a_start, reprint.a_end)
    assert (right.start, right.end) == (reprint.b_start, reprint.b_end)
    # Faint and neutral: no verdict hue, no underline, a tint far below a passage's.
    tint = left.format.background().color()
    assert tint.alpha() < highlight.passage_format("verbatim", palette).background().color().alpha()
    assert left.format.underlineStyle() == QTextCharFormat.UnderlineStyle.NoUnderline
    # The other passages (the article's own quotations among them) are in the passage
    # layer, drawn above it, in their verdict colours.
    others = [p for p in article.alignment.passages if p != reprint]
    assert others and len(built.left["passage"]) == len(others)
    assert all((s.start, s.end) != (reprint.a_start, reprint.a_end) for s in built.left["passage"])
    # Its band and marks come first (painted under the others) and are translucent.
    assert built.links[0].key == article.alignment.passages.index(reprint)
    assert built.links[0].colour.alpha() < 255
    assert all(link.colour.alpha() == 255 for link in built.links[1:])
    assert built.left_marks[0].colour.alpha() < 255
    assert built.right_marks[0].colour.alpha() < 255
    # Its variants are still marked.
    variants = [d for d in reprint.differences if d.a_end > d.a_start]
    changed = {(s.start, s.end) for s in built.left["change"]}
    assert variants and all((d.a_start, d.a_end) in changed for d in variants)


def test_without_a_reprint_every_passage_keeps_its_verdict_colour(qapp, sample_analysis):
    article = sample_analysis.article(MSNBC)
    assert witness_passage(article.alignment) is None
    palette = _palette(qapp)
    built = highlight.build(article.alignment, article.quotes, palette, show_typography=True)
    assert built.left["reprint"] == [] and built.right["reprint"] == []
    assert len(built.links) == len(article.alignment.passages)
    kinds = {p.kind for p in article.alignment.passages}
    assert {link.colour.name() for link in built.links} == {
        verdict_colour(kind, palette).name() for kind in kinds
    }
