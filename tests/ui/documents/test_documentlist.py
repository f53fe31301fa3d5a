"""The document list, driven like a user would: clicks, keys, header clicks, context menu."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtWidgets import QHeaderView
from pytestqt.qtbot import QtBot

from cablereader.core.analysis import CorpusAnalysis
from cablereader.core.documents import Document
from cablereader.core.verify import VERDICTS
from cablereader.ui.documents.documentlist import (
    ARTICLE,
    COVERAGE_COLUMN,
    KIND_ROLE,
    NAME_COLUMN,
    NAME_ROLE,
    PENDING,
    PLACEHOLDER,
    SORT_ROLE,
    VERDICT_COLUMNS,
    WITNESS_COLUMN,
    DocumentList,
)
from tests.conftest import MEMO, MSNBC, REPRINT, SOURCE, UNRELATED

ARTICLES = [MSNBC, REPRINT, MEMO, UNRELATED]


@pytest.fixture
def documents(sample_documents: dict[str, Document]) -> list[Document]:
    return [sample_documents[name] for name in sorted(sample_documents)]


@pytest.fixture
def doclist(
    qtbot: QtBot, documents: list[Document], sample_analysis: CorpusAnalysis
) -> DocumentList:
    widget = DocumentList()
    qtbot.addWidget(widget)
    widget.resize(700, 400)
    widget.set_documents(documents, SOURCE)
    widget.set_analysis(sample_analysis)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _group_children(widget: DocumentList, group_row: int) -> list[QModelIndex]:
    model = widget.model()
    group = model.index(group_row, NAME_COLUMN)
    return [model.index(row, NAME_COLUMN, group) for row in range(model.rowCount(group))]


def _cell(widget: DocumentList, name: str, column: int) -> QModelIndex:
    index = widget.index_of(name)
    return index.siblingAtColumn(column)


def _click(qtbot: QtBot, widget: DocumentList, name: str, modifier=Qt.KeyboardModifier.NoModifier):
    index = widget.index_of(name)
    widget.scrollTo(index)
    pos = widget.visualRect(index).center()
    qtbot.mouseClick(widget.viewport(), Qt.MouseButton.LeftButton, modifier, pos)


def _click_header(qtbot: QtBot, header: QHeaderView, column: int) -> None:
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def test_names_for_tests_and_accessibility(doclist: DocumentList) -> None:
    assert doclist.objectName() == "documentList"
    assert doclist.accessibleName() == "documentList"


def test_two_groups_with_the_source_and_the_articles(doclist: DocumentList) -> None:
    model = doclist.model()
    assert model.rowCount() == 2
    assert model.index(0, 0).data() == "Source"
    assert model.index(1, 0).data() == "Articles (4)"
    # Headings are not documents: they cannot be selected.
    assert not model.index(0, 0).flags() & Qt.ItemFlag.ItemIsSelectable
    assert [i.data(NAME_ROLE) for i in _group_children(doclist, 0)] == [SOURCE]
    assert [i.data(NAME_ROLE) for i in _group_children(doclist, 1)] == ARTICLES
    assert doclist.document_names() == [SOURCE, *ARTICLES]


def test_rows_show_titles_with_file_details_in_tooltip(
    doclist: DocumentList, sample_documents: dict[str, Document]
) -> None:
    index = doclist.index_of(REPRINT)
    document = sample_documents[REPRINT]
    assert index.data() == document.title
    tooltip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert REPRINT in tooltip and "utf-8" in tooltip and "corpus" in tooltip


def test_figures_equal_the_core_analysis(
    doclist: DocumentList, sample_analysis: CorpusAnalysis
) -> None:
    for article in sample_analysis.articles:
        coverage = _cell(doclist, article.name, COVERAGE_COLUMN)
        assert coverage.data(SORT_ROLE) == pytest.approx(article.coverage)
        assert coverage.data() == f"{article.coverage * 100:.0f} %"
        counts = {
            v: _cell(doclist, article.name, c).data(SORT_ROLE) for v, c in VERDICT_COLUMNS.items()
        }
        # The article's own quotations: those inside its reprint are the source's.
        assert counts == article.own_verdict_counts()
        shown = {v: _cell(doclist, article.name, c).data() for v, c in VERDICT_COLUMNS.items()}
        assert shown == {v: str(n) for v, n in article.own_verdict_counts().items()}
        witness = _cell(doclist, article.name, WITNESS_COLUMN)
        assert bool(witness.data()) == (article.witness is not None)
    # Only the reprint inside 001 is a second witness of the cable.
    witness = _cell(doclist, REPRINT, WITNESS_COLUMN)
    assert "second witness" in witness.data(Qt.ItemDataRole.ToolTipRole)


def test_headers_have_glyphs_and_explaining_tooltips(doclist: DocumentList) -> None:
    model = doclist.model()
    tips = [
        model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
        for c in VERDICT_COLUMNS.values()
    ]
    assert ["Verbatim" in tips[0], "Altered" in tips[1], "Fragment" in tips[2]] == [True] * 3
    assert "Not in source" in tips[3]
    assert model.headerData(VERDICT_COLUMNS["verbatim"], Qt.Orientation.Horizontal) == "✓"


def test_figures_are_pending_before_analysis(qtbot: QtBot, documents: list[Document]) -> None:
    widget = DocumentList()
    qtbot.addWidget(widget)
    widget.set_documents(documents, None)
    # No source yet: every document is listed, the source group says it is not chosen.
    assert [i.data(KIND_ROLE) for i in _group_children(widget, 0)] == [PLACEHOLDER]
    assert len(_group_children(widget, 1)) == 5
    assert _cell(widget, REPRINT, COVERAGE_COLUMN).data() == PENDING
    assert _cell(widget, REPRINT, VERDICT_COLUMNS["verbatim"]).data() == ""


def test_analysis_moves_the_detected_source_into_its_group(
    qtbot: QtBot, documents: list[Document], sample_analysis: CorpusAnalysis
) -> None:
    widget = DocumentList()
    qtbot.addWidget(widget)
    widget.set_documents(documents, None)
    widget.set_analysis(sample_analysis)
    assert widget.source_name == SOURCE
    assert [i.data(NAME_ROLE) for i in _group_children(widget, 0)] == [SOURCE]
    assert _cell(widget, REPRINT, COVERAGE_COLUMN).data() == "73 %"


def test_sorting_by_coverage_sorts_articles_and_keeps_the_source_first(
    qtbot: QtBot, doclist: DocumentList, sample_analysis: CorpusAnalysis
) -> None:
    by_coverage = [a.name for a in sorted(sample_analysis.articles, key=lambda a: a.coverage)]
    header = doclist.header()
    _click_header(qtbot, header, COVERAGE_COLUMN)
    assert header.sortIndicatorSection() == COVERAGE_COLUMN
    first = doclist.document_names()
    _click_header(qtbot, header, COVERAGE_COLUMN)
    second = doclist.document_names()
    ascending, descending = (
        (first, second)
        if header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
        else (second, first)
    )
    assert ascending == [SOURCE, *by_coverage]
    assert descending == [SOURCE, *reversed(by_coverage)]
    assert doclist.model().index(0, 0).data() == "Source"


def test_counts_sort_numerically(qtbot: QtBot, doclist: DocumentList) -> None:
    column = VERDICT_COLUMNS["verbatim"]
    doclist.sortByColumn(column, Qt.SortOrder.DescendingOrder)
    counts = [i.siblingAtColumn(column).data(SORT_ROLE) for i in _group_children(doclist, 1)]
    assert counts == sorted(counts, reverse=True)
    # Sorted as numbers (ints in the sort role: 10 would come after 9, not after 1).
    assert all(isinstance(count, int) for count in counts)
    assert counts[0] == 7  # the reprint's own quotations; its ten inside the reprint apart


def test_clicking_an_article_emits_article_selected(qtbot: QtBot, doclist: DocumentList) -> None:
    with qtbot.waitSignal(doclist.articleSelected) as blocker:
        _click(qtbot, doclist, MSNBC)
    assert blocker.args == [MSNBC]
    assert doclist.current_article() == MSNBC
    assert doclist.selected_names() == [MSNBC]


def test_selecting_two_documents_requests_a_comparison(qtbot: QtBot, doclist: DocumentList) -> None:
    _click(qtbot, doclist, REPRINT)
    with qtbot.waitSignal(doclist.compareRequested) as blocker:
        _click(qtbot, doclist, SOURCE, Qt.KeyboardModifier.ControlModifier)
    # The source goes first (left pane), whichever was clicked first.
    assert blocker.args == [SOURCE, REPRINT]
    assert doclist.selected_names() == [SOURCE, REPRINT]


def test_two_articles_compare_in_list_order(qtbot: QtBot, doclist: DocumentList) -> None:
    _click(qtbot, doclist, MEMO)
    with qtbot.waitSignal(doclist.compareRequested) as blocker:
        _click(qtbot, doclist, MSNBC, Qt.KeyboardModifier.ControlModifier)
    assert blocker.args == [MSNBC, MEMO]


def test_arrow_keys_move_between_articles_and_skip_headings(
    qtbot: QtBot, doclist: DocumentList
) -> None:
    _click(qtbot, doclist, MSNBC)
    with qtbot.waitSignal(doclist.articleSelected) as blocker:
        qtbot.keyClick(doclist, Qt.Key.Key_Down)
    assert blocker.args == [REPRINT]
    # Up twice: back to the first article, then over the "Articles" heading to the source.
    qtbot.keyClick(doclist, Qt.Key.Key_Up)
    qtbot.keyClick(doclist, Qt.Key.Key_Up)
    assert doclist.selected_names() == [SOURCE]
    assert doclist.current_article() is None
    # Enter on an article shows it again even though it is already selected.
    doclist.select_article(UNRELATED)
    with qtbot.waitSignal(doclist.articleSelected) as blocker:
        qtbot.keyClick(doclist, Qt.Key.Key_Return)
    assert blocker.args == [UNRELATED]


def test_context_menu_use_as_source(qtbot: QtBot, doclist: DocumentList) -> None:
    pos = doclist.visualRect(doclist.index_of(MEMO)).center()
    menu = doclist.build_context_menu(pos)
    actions = {a.text(): a for a in menu.actions() if a.text()}
    assert {"Use as source", "Compare with source", "Show against source"} <= set(actions)
    with qtbot.waitSignal(doclist.useAsSourceRequested) as blocker:
        actions["Use as source"].trigger()
    assert blocker.args == [MEMO]
    with qtbot.waitSignal(doclist.compareRequested) as blocker:
        actions["Compare with source"].trigger()
    assert blocker.args == [SOURCE, MEMO]


def test_context_menu_offers_comparing_a_selected_pair(qtbot: QtBot, doclist: DocumentList) -> None:
    _click(qtbot, doclist, MSNBC)
    _click(qtbot, doclist, REPRINT, Qt.KeyboardModifier.ControlModifier)
    menu = doclist.build_context_menu(doclist.visualRect(doclist.index_of(REPRINT)).center())
    action = next(a for a in menu.actions() if a.text() == "Compare selected documents")
    with qtbot.waitSignal(doclist.compareRequested) as blocker:
        action.trigger()
    assert blocker.args == [MSNBC, REPRINT]


def test_source_row_has_no_use_as_source_entry(doclist: DocumentList) -> None:
    menu = doclist.build_context_menu(doclist.visualRect(doclist.index_of(SOURCE)).center())
    assert "Use as source" not in [a.text() for a in menu.actions()]


def test_empty_list_offers_import(qtbot: QtBot) -> None:
    widget = DocumentList()
    qtbot.addWidget(widget)
    menu = widget.build_context_menu(QPoint(10, 10))
    action = next(a for a in menu.actions() if a.text().startswith("Import"))
    with qtbot.waitSignal(widget.importRequested):
        action.trigger()


def test_new_figures_keep_the_selection_without_signals(
    qtbot: QtBot, doclist: DocumentList, sample_analysis: CorpusAnalysis
) -> None:
    doclist.select_article(REPRINT)
    with qtbot.assertNotEmitted(doclist.articleSelected):
        doclist.set_analysis(sample_analysis)
    assert doclist.current_article() == REPRINT
    assert doclist.selected_names() == [REPRINT]


def test_a_thousand_articles(qtbot: QtBot, sample_analysis: CorpusAnalysis) -> None:
    source = sample_analysis.source
    template = sample_analysis.article(REPRINT)
    documents = [source] + [
        Document.from_text(f"article_{i:04}.txt", f"Article {i}\n") for i in range(1000)
    ]
    articles = tuple(
        replace(template, name=d.name, coverage=(i % 100) / 100)
        for i, d in enumerate(documents[1:])
    )
    widget = DocumentList()
    qtbot.addWidget(widget)
    widget.set_documents(documents, source.name)
    widget.set_analysis(CorpusAnalysis(source, articles))
    widget.sortByColumn(COVERAGE_COLUMN, Qt.SortOrder.DescendingOrder)
    children = _group_children(widget, 1)
    assert len(children) == 1000
    assert children[0].siblingAtColumn(COVERAGE_COLUMN).data() == "99 %"
    assert all(i.data(KIND_ROLE) == ARTICLE for i in children)
    assert widget.select_article("article_0999.txt")
    assert widget.current_article() == "article_0999.txt"


def test_verdict_columns_cover_every_verdict() -> None:
    assert list(VERDICT_COLUMNS) == list(VERDICTS)
