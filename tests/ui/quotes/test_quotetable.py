"""The quote table, its verdict filter and diff view, driven through the real widgets."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QColor, QPalette, QTextDocument
from pytestqt.qtbot import QtBot

from cablereader.core.analysis import ArticleAnalysis, CorpusAnalysis
from cablereader.core.verify import (
    ALTERED,
    ARTICLE,
    NOT_IN_SOURCE,
    VERBATIM,
    VERDICTS,
    QuoteCheck,
)
from cablereader.ui.common import palette
from cablereader.ui.quotes.quotemodel import (
    CHECK_ROLE,
    QUOTE_COLUMN,
    SIMILARITY_COLUMN,
    SOURCE_COLUMN,
    VERDICT_COLUMN,
    one_line,
)
from cablereader.ui.quotes.quotetable import QuoteTable, QuoteTableModel
from tests.conftest import REPRINT


@pytest.fixture
def reprint(sample_analysis: CorpusAnalysis) -> ArticleAnalysis:
    return sample_analysis.article(REPRINT)


@pytest.fixture
def table(qtbot: QtBot, sample_analysis: CorpusAnalysis, reprint: ArticleAnalysis) -> QuoteTable:
    widget = QuoteTable()
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.set_article(reprint.quotes, sample_analysis.source.text)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _shown_checks(table: QuoteTable) -> list[QuoteCheck]:
    proxy = table.proxy
    return [proxy.index(row, 0).data(CHECK_ROLE) for row in range(proxy.rowCount())]


def _click_row(qtbot: QtBot, table: QuoteTable, check: QuoteCheck) -> None:
    row = _shown_checks(table).index(check)
    index = table.proxy.index(row, QUOTE_COLUMN)
    table.view.scrollTo(index)
    pos = table.view.visualRect(index).center()
    qtbot.mouseClick(table.view.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def _altered(article: ArticleAnalysis) -> QuoteCheck:
    return next(c for c in article.quotes if c.verdict == ALTERED)


def _fragments(document: QTextDocument) -> list[tuple[str, bool, bool]]:
    """(text, struck out, underlined) for every run of the document."""
    runs = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            runs.append((fragment.text(), fmt.fontStrikeOut(), fmt.fontUnderline()))
            it += 1
        block = block.next()
    return runs


def test_names_for_tests_and_accessibility(table: QuoteTable) -> None:
    assert table.view.objectName() == "quoteTable"
    assert table.view.accessibleName() == "quoteTable"


def test_rows_are_the_article_quotations(
    table: QuoteTable, reprint: ArticleAnalysis, sample_analysis: CorpusAnalysis
) -> None:
    own = [q for q in reprint.quotes if q.context == ARTICLE]
    assert _shown_checks(table) == own  # those inside the reprint are listed apart
    source = sample_analysis.source.text
    for row, check in enumerate(own):
        proxy = table.proxy
        assert proxy.index(row, VERDICT_COLUMN).data() == palette.verdict_text(check.verdict)
        assert proxy.index(row, SIMILARITY_COLUMN).data() == f"{check.similarity:.2f}"
        assert proxy.index(row, QUOTE_COLUMN).data() == one_line(check.text)
        assert check.text in proxy.index(row, QUOTE_COLUMN).data(Qt.ItemDataRole.ToolTipRole)
        passage = proxy.index(row, SOURCE_COLUMN).data()
        if check.source_start is None:
            assert passage == "not found"
        else:
            assert passage == one_line(source[check.source_start : check.source_end])


def test_filter_combo_counts_and_filtering(table: QuoteTable, reprint: ArticleAnalysis) -> None:
    counts = reprint.own_verdict_counts()
    combo = table.filter_combo
    assert combo.itemText(0) == f"All verdicts ({sum(counts.values())})"
    for i, verdict in enumerate(VERDICTS, start=1):
        assert combo.itemText(i).endswith(f"({counts[verdict]})")
        assert palette.VERDICT_LABELS[verdict] in combo.itemText(i)
    for verdict in VERDICTS:
        combo.setCurrentIndex(combo.findData(verdict))  # as the user picks it
        shown = _shown_checks(table)
        assert len(shown) == counts[verdict]
        assert {c.verdict for c in shown} <= {verdict}
    table.set_verdict_filter(None)
    assert len(_shown_checks(table)) == sum(counts.values())
    table.set_verdict_filter(NOT_IN_SOURCE)
    assert combo.currentData() == NOT_IN_SOURCE
    assert table.verdict_filter() == NOT_IN_SOURCE


def test_selecting_the_altered_quote_shows_its_word_diff(
    qtbot: QtBot, table: QuoteTable, reprint: ArticleAnalysis
) -> None:
    altered = _altered(reprint)
    assert altered.text.startswith("I cannot predict")
    with qtbot.waitSignal(table.quoteActivated) as blocker:
        _click_row(qtbot, table, altered)
    assert blocker.args == [altered]
    assert table.current_quote() is altered
    runs = _fragments(table.diff_view.document())
    struck = {text.strip() for text, strike, _ in runs if strike}
    added = {text.strip() for text, strike, under in runs if under and not strike}
    assert {"tell", "this", "be seen by Europe"} <= struck
    assert {"predict", "Europe", "react,"} <= added
    plain = table.diff_view.toPlainText()
    assert "struck through" in plain and "underlined" in plain  # the legend


def test_diff_messages_for_verbatim_and_not_in_source(
    qtbot: QtBot, table: QuoteTable, reprint: ArticleAnalysis
) -> None:
    verbatim = next(c for c in reprint.quotes if c.verdict == VERBATIM)
    _click_row(qtbot, table, verbatim)
    assert "Identical to the source (ignoring typography)" in table.diff_view.toPlainText()
    missing = next(c for c in reprint.quotes if c.verdict == NOT_IN_SOURCE)
    _click_row(qtbot, table, missing)
    assert "No matching passage in the source" in table.diff_view.toPlainText()


def test_diff_html_is_escaped(reprint: ArticleAnalysis) -> None:
    from dataclasses import replace

    from cablereader.ui.quotes.quotetable import quote_diff_html

    altered = _altered(reprint)
    quotation = replace(altered.quotation, text=altered.text.replace("but", "<b>but</b>"))
    html = quote_diff_html(replace(altered, quotation=quotation), "<i>x</i>", QPalette())
    assert "&lt;b&gt;but&lt;/b&gt;" in html and "&lt;i&gt;x&lt;/i&gt;" in html


def test_keyboard_moves_between_quotes(
    qtbot: QtBot, table: QuoteTable, reprint: ArticleAnalysis
) -> None:
    _click_row(qtbot, table, reprint.quotes[0])
    with qtbot.waitSignal(table.quoteActivated) as blocker:
        qtbot.keyClick(table.view, Qt.Key.Key_Down)
    assert blocker.args == [reprint.quotes[1]]
    # Moving across the columns of one row is not a new quotation.
    with qtbot.assertNotEmitted(table.quoteActivated):
        qtbot.keyClick(table.view, Qt.Key.Key_Right)


def test_select_quote_by_article_offset(
    qtbot: QtBot, table: QuoteTable, reprint: ArticleAnalysis
) -> None:
    altered = _altered(reprint)
    with qtbot.waitSignal(table.quoteActivated):
        assert table.select_quote(altered.start)
    assert table.current_quote() is altered
    assert not table.select_quote(-1)
    table.set_verdict_filter(VERBATIM)
    assert not table.select_quote(altered.start)  # hidden by the filter


def test_filtering_out_the_current_quote_clears_it_quietly(
    qtbot: QtBot, table: QuoteTable, reprint: ArticleAnalysis
) -> None:
    table.select_quote(_altered(reprint).start)
    with qtbot.assertNotEmitted(table.quoteActivated):
        table.set_verdict_filter(VERBATIM)
    assert table.current_quote() is None
    assert "Select a quotation" in table.diff_view.toPlainText()


def test_sorting_by_similarity_is_numeric(qtbot: QtBot, table: QuoteTable) -> None:
    header = table.view.horizontalHeader()
    x = header.sectionViewportPosition(SIMILARITY_COLUMN) + 10
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    values = [c.similarity for c in _shown_checks(table)]
    assert values in (sorted(values), sorted(values, reverse=True))
    assert values != [c.similarity for c in table.model.checks()]


def test_clear_and_empty_article(table: QuoteTable, sample_analysis: CorpusAnalysis) -> None:
    table.clear()
    assert table.proxy.rowCount() == 0
    assert table.current_quote() is None
    assert table.filter_combo.itemText(0) == "All verdicts (0)"
    table.set_article((), sample_analysis.source.text)
    assert "no quotations" in table.diff_view.toPlainText()


def test_model_passes_qt_model_tester(
    qtmodeltester, sample_analysis: CorpusAnalysis, reprint: ArticleAnalysis
) -> None:
    model = QuoteTableModel()
    qtmodeltester.check(model)
    model.set_checks(reprint.quotes, sample_analysis.source.text)
    qtmodeltester.check(model)
    assert model.data(QModelIndex()) is None


def _contrast(a: QColor, b: QColor) -> float:
    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())
        )

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("base", ["#ffffff", "#1e1e1e"])
def test_verdict_colours_are_legible_on_light_and_dark(base: str) -> None:
    pal = QPalette()
    pal.setColor(QPalette.ColorRole.Base, QColor(base))
    for verdict in VERDICTS:
        assert _contrast(palette.verdict_colour(verdict, pal), QColor(base)) >= 4.5
        assert palette.verdict_background(verdict, pal).alpha() < 255
        assert palette.VERDICT_GLYPHS[verdict] and palette.VERDICT_LABELS[verdict]
    for colour in (palette.removed_colour(pal), palette.added_colour(pal)):
        assert _contrast(colour, QColor(base)) >= 4.5


@pytest.mark.parametrize("base", ["#ffffff", "#1e1e1e"])
def test_added_words_have_a_hue_of_their_own(base: str) -> None:
    # Words added in the article (or in B) must not look like verbatim text.
    pal = QPalette()
    pal.setColor(QPalette.ColorRole.Base, QColor(base))
    added = palette.added_colour(pal).hueF()
    others = [palette.verdict_colour(v, pal).hueF() for v in VERDICTS]
    others.append(palette.removed_colour(pal).hueF())
    for hue in others:
        distance = min(abs(added - hue), 1 - abs(added - hue))
        assert distance > 0.02, (added, hue)
    verbatim = palette.verdict_colour("verbatim", pal).hueF()
    assert min(abs(added - verbatim), 1 - abs(added - verbatim)) > 0.15
