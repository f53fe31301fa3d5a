"""The window with several sources (issue 14): the selector, the quote table's Source
column, quotations that turn the source pane, the grouped list and the role commands."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from cablereader.app import create_main_window
from cablereader.ui.app.mainwindow import MainWindow
from cablereader.ui.app.statusbar import analysed_message
from cablereader.ui.quotes.quotemodel import SOURCE_NAME_COLUMN, VERDICT_COLUMN
from tests.conftest import INVENTED, MSNBC, REPRINT, SOURCE, STATEMENT
from tests.ui.app.test_reliability import tag_words


@pytest.fixture
def window(qtbot) -> MainWindow:
    win = create_main_window([])
    assert isinstance(win, MainWindow)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.analysisFinished, timeout=20000):
        pass
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    return win


def show(window: MainWindow, qtbot, name: str) -> None:
    window.document_list.select_article(name)
    qtbot.waitUntil(
        lambda: window.view.right_document is not None and window.view.right_document.name == name
    )


def click_quote_row(window: MainWindow, qtbot, row: int) -> None:
    view = window.quote_table.view
    index = view.model().index(row, VERDICT_COLUMN)
    view.scrollTo(index)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )


def test_the_sample_lists_two_sources(window) -> None:
    assert window.workspace.source_names == [SOURCE, STATEMENT]
    assert window.document_list.source_names == [SOURCE, STATEMENT]
    model = window.document_list.model()
    assert model.index(0, 0).data() == "Sources (2)"


def test_an_article_of_one_source_shows_no_selector(window, qtbot) -> None:
    show(window, qtbot, MSNBC)
    assert not window.view.source_selector.isVisible()
    assert window.quote_table.view.isColumnHidden(SOURCE_NAME_COLUMN) is False  # two sources


def test_the_selector_lists_the_sources_with_their_shares(window, qtbot) -> None:
    show(window, qtbot, INVENTED)
    selector = window.view.source_selector
    assert selector.isVisible()
    names = [selector.itemData(i) for i in range(selector.count())]
    assert names == [STATEMENT, SOURCE]  # the statement gives it most
    assert window.view.left_document.name == STATEMENT
    assert "%" in selector.itemText(0)
    # Choosing the cable with the keyboard turns the source pane to it.
    selector.setFocus()
    with qtbot.waitSignal(selector.sourceChosen, timeout=5000):
        qtbot.keyClick(selector, Qt.Key.Key_Down)
    assert window.view.left_document.name == SOURCE
    assert all(p.a_end <= len(window.view.left_document.text) for p in window.view.passages())
    # The choice is kept for the article.
    show(window, qtbot, MSNBC)
    show(window, qtbot, INVENTED)
    assert window.view.left_document.name == SOURCE


def test_a_quotation_of_the_other_source_turns_the_pane(window, qtbot) -> None:
    show(window, qtbot, INVENTED)
    model = window.quote_table.model
    rows = {model.check(r).source_document: r for r in range(model.rowCount())}
    assert window.view.left_document.name == STATEMENT
    cable_row = window.quote_table.proxy.mapFromSource(model.index(rows[SOURCE], 0)).row()
    click_quote_row(window, qtbot, cable_row)
    qtbot.waitUntil(lambda: window.view.left_document.name == SOURCE)
    check = model.check(rows[SOURCE])
    start, end = window.view.source_pane.selection_offsets()
    assert (start, end) == (check.source_start, check.source_end)
    assert window.view.source_selector.current_source() == SOURCE
    # The Source column names the source by its title; the file name is in the tooltip.
    cell = model.index(rows[SOURCE], SOURCE_NAME_COLUMN)
    title = window.view.left_document.title
    assert cell.data() == title and SOURCE not in cell.data()
    assert SOURCE in cell.data(Qt.ItemDataRole.ToolTipRole)


def test_the_status_bar_says_what_was_analysed_in_words(window, sample_analysis) -> None:
    assert analysed_message(window.analysis) == "Analysed 5 articles against 2 sources"
    title = sample_analysis.source.title
    assert analysed_message(sample_analysis) == f"Analysed 4 articles against “{title}”"


def test_make_primary_and_use_as_article_with_undo(window, qtbot) -> None:
    list_ = window.document_list
    list_.setCurrentIndex(list_.model().source_index(STATEMENT))
    with qtbot.waitSignal(window.analysisFinished, timeout=20000):
        window.commands.make_primary.trigger()
    assert window.workspace.source_names == [STATEMENT, SOURCE]
    assert window.analysis.source.name == STATEMENT
    with qtbot.waitSignal(window.analysisFinished, timeout=20000):
        window.undo_stack.undo()
    assert window.workspace.source_names == [SOURCE, STATEMENT]
    list_.setCurrentIndex(list_.model().source_index(STATEMENT))
    with qtbot.waitSignal(window.analysisFinished, timeout=20000):
        window.commands.use_as_article.trigger()
    assert window.workspace.source_names == [SOURCE]
    assert not window.commands.use_as_article.isEnabled()  # one source stays
    assert STATEMENT in [a.name for a in window.analysis.articles]


def test_the_source_context_menu_offers_the_roles(window) -> None:
    list_ = window.document_list
    rect = list_.visualRect(list_.model().source_index(STATEMENT))
    menu = list_.build_context_menu(rect.center())
    labels = [a.text() for a in menu.actions()]
    assert "Make primary source" in labels and "Use as article" in labels


def test_compare_mode_hides_the_selector_of_the_article_shown_before(window, qtbot) -> None:
    show(window, qtbot, INVENTED)
    assert window.view.source_selector.isVisible()
    with qtbot.waitSignal(window.comparisonShown, timeout=20000):
        window.compare(SOURCE, REPRINT)
    assert not window.view.source_selector.isVisible()
    assert window.view.left_document.name == SOURCE


def test_the_note_heading_names_the_document_by_its_title(window, qtbot) -> None:
    show(window, qtbot, MSNBC)
    tag_words(window, qtbot, "Donald Lu")
    editor = window.note_editor
    qtbot.waitUntil(lambda: editor.annotation is not None)
    title = window.view.right_document.title
    assert title[:40] in editor.heading.text() and MSNBC not in editor.heading.text()
    assert editor.heading.toolTip() == f"File: {MSNBC}"


def test_the_source_header_leaves_the_title_to_the_selector_when_it_shows(window, qtbot) -> None:
    header = window.view.source_header
    show(window, qtbot, INVENTED)
    assert window.view.source_selector.isVisible()
    assert window.view.left_document.title not in header.text()  # the selector names it
    show(window, qtbot, MSNBC)
    assert not window.view.source_selector.isVisible()
    assert window.view.left_document.title in header.text()


def test_a_click_in_a_passage_of_the_other_source_turns_the_pane(window, qtbot) -> None:
    from tests.ui.reader.test_selection import _point

    show(window, qtbot, INVENTED)
    view = window.view
    assert view.left_document.name == STATEMENT
    found = window.navigator.other_sources.passages()
    assert found and {e.source for e in found} == {SOURCE}
    chip = window.legend.chips["elsewhere"]
    assert chip.isVisible() and "source not shown" in chip.toolTip()  # the legend says it
    assert len(view.article_pane.layer("elsewhere")) == len(found)
    cable = found[0]
    middle = (cable.b_start + cable.b_end) // 2
    assert view.linker.passage_at("b", middle) is None  # not the statement's
    assert "From another source: March 7, 2022" in view.article_pane.tooltip_provider(middle)
    pane = view.article_pane
    pane.centre_on(middle)
    qtbot.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton, pos=_point(pane, middle))
    qtbot.waitUntil(lambda: view.left_document.name == SOURCE)
    assert view.source_selector.current_source() == SOURCE
    active = view.linker.active
    assert active is not None and active.b_start <= middle < active.b_end
    # Now the statement's passages are the ones drawn faint.
    assert {e.source for e in window.navigator.other_sources.passages()} == {STATEMENT}
    # Compare mode draws none.
    with qtbot.waitSignal(window.comparisonShown, timeout=20000):
        window.compare(SOURCE, REPRINT)
    assert view.article_pane.layer("elsewhere") == []
