"""The "Find in corpus" panel, driven by typing, keys and clicks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QCheckBox
from pytestqt.qtbot import QtBot

from cablereader.core.documents import Document
from cablereader.core.search import SearchHit, search_corpus
from cablereader.ui.search.corpussearch import HIT_ROLE, CorpusSearch

WAIT_MS = 5000


@pytest.fixture
def panel(qtbot: QtBot, sample_documents: dict[str, Document]) -> CorpusSearch:
    widget = CorpusSearch()
    qtbot.addWidget(widget)
    widget.set_documents(list(sample_documents.values()))
    widget.resize(500, 500)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


def type_query(qtbot: QtBot, panel: CorpusSearch, text: str) -> int:
    """Type ``text`` into the query field; return the number of hits the search showed."""
    panel.focus_query()
    with qtbot.waitSignal(panel.searchFinished, timeout=WAIT_MS) as blocker:
        qtbot.keyClicks(panel.line_edit(), text)
    count = blocker.args[0]
    assert isinstance(count, int)
    return count


def hit_index(panel: CorpusSearch, group: int, row: int) -> QModelIndex:
    model = panel.results_view().model()
    return model.index(row, 0, model.index(group, 0))


def test_typing_searches_and_groups_by_document(
    qtbot: QtBot, panel: CorpusSearch, sample_documents: dict[str, Document]
) -> None:
    count = type_query(qtbot, panel, "donald lu")
    expected = search_corpus(list(sample_documents.values()), "donald lu")
    assert count == len(expected) and panel.hits() == expected
    documents = sorted({h.document for h in expected})
    assert panel.status_text() == f"{len(expected)} matches in {len(documents)} documents"
    model = panel.results_view().model()
    assert model.rowCount() == len(documents)
    assert model.index(0, 0).data().startswith(expected[0].document)
    first = hit_index(panel, 0, 0).data(HIT_ROLE)
    assert isinstance(first, SearchHit) and first == expected[0]
    assert "Donald Lu" in hit_index(panel, 0, 0).data()


def test_debounce_runs_one_search_for_a_burst_of_typing(qtbot: QtBot, panel: CorpusSearch) -> None:
    finished: list[int] = []
    panel.searchFinished.connect(finished.append)
    type_query(qtbot, panel, "ambassador")
    assert len(finished) == 1


def test_click_emits_hit_activated(
    qtbot: QtBot, panel: CorpusSearch, sample_documents: dict[str, Document]
) -> None:
    type_query(qtbot, panel, "pakistan's")
    view = panel.results_view()
    index = hit_index(panel, 0, 0)
    hit = index.data(HIT_ROLE)
    assert isinstance(hit, SearchHit)
    with qtbot.waitSignal(panel.hitActivated) as blocker:
        qtbot.mouseClick(
            view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
        )
    name, start, end = blocker.args
    assert (name, start, end) == (hit.document, hit.start, hit.end)
    assert sample_documents[name].text[start:end].lower() in ("pakistan's", "pakistan’s")


def test_clicking_a_document_row_activates_nothing(qtbot: QtBot, panel: CorpusSearch) -> None:
    type_query(qtbot, panel, "cable")
    view = panel.results_view()
    group = view.model().index(0, 0)
    with qtbot.assertNotEmitted(panel.hitActivated):
        qtbot.mouseClick(
            view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(group).center()
        )


def test_keyboard_down_then_enter(qtbot: QtBot, panel: CorpusSearch) -> None:
    type_query(qtbot, panel, "cable")
    qtbot.keyClick(panel.line_edit(), Qt.Key.Key_Down)
    view = panel.results_view()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    second = hit_index(panel, 0, 1)
    assert view.currentIndex() == second
    with qtbot.waitSignal(panel.hitActivated) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    hit = second.data(HIT_ROLE)
    assert blocker.args == [hit.document, hit.start, hit.end]


def test_enter_in_the_query_jumps_to_the_first_hit_even_before_results(
    qtbot: QtBot, panel: CorpusSearch
) -> None:
    panel.focus_query()
    qtbot.keyClicks(panel.line_edit(), "cable")
    # Pressed within the debounce delay: the jump happens once the search answers.
    with qtbot.waitSignal(panel.hitActivated, timeout=WAIT_MS) as blocker:
        qtbot.keyClick(panel.line_edit(), Qt.Key.Key_Return)
    first = panel.hits()[0]
    assert blocker.args == [first.document, first.start, first.end]


@pytest.mark.parametrize("query", ["   ", "\t"])
def test_blank_query_clears_results(qtbot: QtBot, panel: CorpusSearch, query: str) -> None:
    type_query(qtbot, panel, "cable")
    panel.line_edit().clear()
    with qtbot.waitSignal(panel.searchFinished, timeout=WAIT_MS) as blocker:
        qtbot.keyClicks(panel.line_edit(), query)
    assert blocker.args == [0]
    assert panel.results_view().model().rowCount() == 0
    assert panel.status_text() == ""


def test_no_matches_and_regex_characters(qtbot: QtBot, panel: CorpusSearch) -> None:
    assert type_query(qtbot, panel, "(.*)") == 0
    assert panel.status_text() == "No matches"
    assert panel.results_view().model().rowCount() == 0


def test_options_rerun_the_search(qtbot: QtBot, panel: CorpusSearch) -> None:
    everything = type_query(qtbot, panel, "the")
    box = panel.findChild(QCheckBox, "corpusSearchWholeWords")
    assert box is not None
    with qtbot.waitSignal(panel.searchFinished, timeout=WAIT_MS) as blocker:
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert 0 < blocker.args[0] < everything  # "there", "other" no longer count


def test_limit_is_reported(qtbot: QtBot, sample_documents: dict[str, Document]) -> None:
    widget = CorpusSearch(limit=25)
    qtbot.addWidget(widget)
    widget.set_documents(list(sample_documents.values()))
    widget.show()
    assert type_query(qtbot, widget, "the") == 25
    assert widget.status_text().startswith("Showing the first 25 matches")
    assert "refine the search" in widget.status_text()


def test_new_documents_rerun_the_query(qtbot: QtBot, panel: CorpusSearch) -> None:
    type_query(qtbot, panel, "zanzibar")
    with qtbot.waitSignal(panel.searchFinished, timeout=WAIT_MS) as blocker:
        panel.set_documents([Document.from_text("new.txt", "A cable from Zanzibar.")])
    assert blocker.args == [1]
    assert panel.status_text() == "1 match in 1 document"


def test_results_paint_without_errors(qtbot: QtBot, panel: CorpusSearch) -> None:
    type_query(qtbot, panel, "ambassador")
    image = panel.grab()  # runs the delegate over every visible row
    assert not image.isNull()
    panel.resize(120, 300)  # narrower than the context: everything elided
    assert not panel.grab().isNull()
