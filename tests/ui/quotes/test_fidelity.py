"""The quotation table on what the quote check says beyond the verdict (issue 12):
broken quotation marks, quotations inside a reprint, house-style differences."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from pytestqt.qtbot import QtBot

from cablereader.core.analysis import ArticleAnalysis, CorpusAnalysis, analyse_corpus
from cablereader.core.documents import Document
from cablereader.core.verify import ARTICLE, IN_REPRINT, VERBATIM
from cablereader.ui.quotes.fidelity import REPRINT_FILTER
from cablereader.ui.quotes.quotemodel import CHECK_ROLE, VERDICT_COLUMN
from cablereader.ui.quotes.quotetable import QuoteTable
from tests.conftest import REPRINT, SOURCE

UNTIDY = (
    'The envoy said the "US focus right now was to discuss only Ukraine" and left.\n\n'
    "Later he said “all will be forgiven and nothing more came of it.\n\n"
    "The end."
)


@pytest.fixture(scope="module")
def untidy(sample_documents: dict[str, Document]) -> CorpusAnalysis:
    article = Document.from_text("untidy.txt", UNTIDY)
    return analyse_corpus([sample_documents[SOURCE], article], SOURCE)


def _table(qtbot: QtBot, checks, source_text: str) -> QuoteTable:
    widget = QuoteTable()
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.set_article(checks, source_text)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _rows(table: QuoteTable) -> list:
    proxy = table.proxy
    return [proxy.index(row, VERDICT_COLUMN) for row in range(proxy.rowCount())]


def test_broken_marks_get_a_warning_icon_and_say_why(qtbot: QtBot, untidy: CorpusAnalysis) -> None:
    table = _table(qtbot, untidy.articles[0].quotes, untidy.source.text)
    by_marks = {index.data(CHECK_ROLE).marks: index for index in _rows(table)}
    assert set(by_marks) == {"balanced", "unclosed"}
    broken, tidy = by_marks["unclosed"], by_marks["balanced"]
    icon = broken.data(Qt.ItemDataRole.DecorationRole)
    assert isinstance(icon, QIcon) and not icon.isNull()
    assert tidy.data(Qt.ItemDataRole.DecorationRole) is None
    assert "never closed" in broken.data(Qt.ItemDataRole.ToolTipRole)
    assert "unclosed" in broken.data(Qt.ItemDataRole.AccessibleTextRole)
    assert "Quotation marks" not in tidy.data(Qt.ItemDataRole.ToolTipRole)
    assert table.select_quote(broken.data(CHECK_ROLE).start)
    assert "Quotation marks unclosed" in table.diff_view.toPlainText()


def test_house_style_is_listed_under_a_verbatim_quotation(
    qtbot: QtBot, untidy: CorpusAnalysis
) -> None:
    table = _table(qtbot, untidy.articles[0].quotes, untidy.source.text)
    [styled] = [c for c in untidy.articles[0].quotes if c.orthographic_differences]
    assert styled.verdict == VERBATIM
    assert table.select_quote(styled.start)
    text = table.diff_view.toPlainText()
    assert "House style" in text and "U.S. → US" in text


@pytest.fixture
def reprint(sample_analysis: CorpusAnalysis) -> ArticleAnalysis:
    return sample_analysis.article(REPRINT)


def test_quotations_in_the_reprint_are_listed_apart_and_not_counted(
    qtbot: QtBot, reprint: ArticleAnalysis, sample_analysis: CorpusAnalysis
) -> None:
    table = _table(qtbot, reprint.quotes, sample_analysis.source.text)
    inside = [c for c in reprint.quotes if c.context == IN_REPRINT]
    own = [c for c in reprint.quotes if c.context == ARTICLE]
    assert len(inside) >= 10 and own  # the cable quoting Lu, inside the reprint
    combo = table.filter_combo
    assert combo.itemText(0) == f"All verdicts ({len(own)})"
    assert combo.itemText(combo.findData(REPRINT_FILTER)) == f"In the reprint ({len(inside)})"
    assert [i.data(CHECK_ROLE) for i in _rows(table)] == own
    assert table.findChild(type(table._summary), "quoteSummary").text() == (
        f"{len(own)} quotations · {len(inside)} in the reprint"
    )
    combo.setCurrentIndex(combo.findData(REPRINT_FILTER))  # as the user picks it
    assert [i.data(CHECK_ROLE) for i in _rows(table)] == inside
    assert "not the article" in combo.itemData(
        combo.findData(REPRINT_FILTER), Qt.ItemDataRole.ToolTipRole
    )
    # A quotation of the article's own, reached from the panes, brings its list back.
    assert table.select_quote(own[0].start)
    assert table.verdict_filter() is None and table.current_quote() is own[0]
    assert table.select_quote(inside[0].start)
    assert table.verdict_filter() == REPRINT_FILTER
    assert "reprint of the source" in table.diff_view.toPlainText()


def test_a_verdict_filter_keeps_to_the_articles_own(
    qtbot: QtBot, reprint: ArticleAnalysis, sample_analysis: CorpusAnalysis
) -> None:
    table = _table(qtbot, reprint.quotes, sample_analysis.source.text)
    table.set_verdict_filter(VERBATIM)
    shown = [i.data(CHECK_ROLE) for i in _rows(table)]
    assert shown and all(c.context == ARTICLE and c.verdict == VERBATIM for c in shown)
    assert len(shown) == reprint.own_verdict_counts()[VERBATIM]
    inside = next(c for c in reprint.quotes if c.context == IN_REPRINT)
    assert not table.select_quote(inside.start)  # a chosen verdict is not overridden
    assert table.verdict_filter() == VERBATIM


def test_an_article_without_a_reprint_shows_no_count_apart(
    qtbot: QtBot, untidy: CorpusAnalysis
) -> None:
    table = _table(qtbot, untidy.articles[0].quotes, untidy.source.text)
    combo = table.filter_combo
    assert combo.itemText(combo.findData(REPRINT_FILTER)) == "In the reprint (0)"
    assert table.findChild(type(table._summary), "quoteSummary").text() == "2 quotations"
