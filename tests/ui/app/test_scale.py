"""What keeps large corpora and long documents fast, checked for its behaviour."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from cablereader.app import create_main_window
from cablereader.core.analysis import Analyzer, CorpusAnalysis
from cablereader.core.documents import Document
from cablereader.ui.app.mainwindow import MainWindow
from cablereader.ui.app.workspace import cache_dir
from cablereader.ui.documents.documentlist import COVERAGE_COLUMN, VERDICT_COLUMNS, DocumentList
from cablereader.ui.reader.panes import DocumentPane
from tests.conftest import MSNBC, REPRINT, SOURCE


def test_scrolling_far_into_a_long_document_lays_out_only_a_screenful(qtbot) -> None:
    pane = DocumentPane("pane", "pane")
    qtbot.addWidget(pane)
    pane.resize(600, 400)
    pane.show()
    qtbot.waitExposed(pane)
    text = "\n".join(f"Paragraph {i}. " + "word " * 60 for i in range(3000))
    pane.set_text(text)
    target = text.index("Paragraph 2500.")
    pane.scroll_offset_to(target, 120)
    box = pane.line_box(target)
    assert box is not None and abs(box.top - 120) < pane.fontMetrics().lineSpacing()
    # The paragraphs far above were not laid out to get there.
    assert pane.document().findBlockByNumber(1000).layout().lineCount() == 0
    # Back up, and down again: still level.
    earlier = text.index("Paragraph 40.")
    pane.scroll_offset_to(earlier, 10)
    assert abs(pane.line_box(earlier).top - 10) < pane.fontMetrics().lineSpacing()
    pane.scroll_offset_to(target, 200)
    assert abs(pane.line_box(target).top - 200) < pane.fontMetrics().lineSpacing()


def test_new_figures_repaint_in_place_and_sorting_keeps_the_selection(
    qtbot, sample_documents: dict[str, Document], sample_analysis: CorpusAnalysis
) -> None:
    widget = DocumentList()
    qtbot.addWidget(widget)
    documents = [sample_documents[name] for name in sorted(sample_documents)]
    widget.set_documents(documents, SOURCE)
    widget.select_article(REPRINT)
    resets: list[bool] = []
    widget.model().modelReset.connect(lambda: resets.append(True))
    widget.set_documents(documents, SOURCE)  # the same rows: no reset
    widget.set_analysis(sample_analysis)
    assert resets == [] and widget.selected_names() == [REPRINT]
    widget.sortByColumn(COVERAGE_COLUMN, Qt.SortOrder.DescendingOrder)
    assert widget.selected_names() == [REPRINT] and widget.current_article() == REPRINT
    # What the delegate paints (asked for all roles at once) is what data() says.
    index = widget.index_of(REPRINT).siblingAtColumn(VERDICT_COLUMNS["verbatim"])
    option = QStyleOptionViewItem()
    QStyledItemDelegate().initStyleOption(option, index)
    assert (
        option.text
        == index.data()
        == str(sample_analysis.article(REPRINT).own_verdict_counts()["verbatim"])
    )
    assert option.displayAlignment == index.data(Qt.ItemDataRole.TextAlignmentRole)
    assert (
        option.palette.color(option.palette.ColorRole.Text)
        == index.data(Qt.ItemDataRole.ForegroundRole).color()
    )


@pytest.fixture
def analysed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    names: list[str] = []
    original = Analyzer.analyse

    def counting(self: Analyzer, article: Document):  # type: ignore[no-untyped-def]
        names.append(article.name)
        return original(self, article)

    monkeypatch.setattr(Analyzer, "analyse", counting)
    return names


def _open_sample(qtbot) -> MainWindow:
    window = create_main_window([])
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.analysisFinished, timeout=20000):
        pass
    return window


def test_the_sample_opened_again_is_taken_from_the_analysis_cache(qtbot, analysed) -> None:
    first = _open_sample(qtbot)
    assert len(analysed) == 5 and list(cache_dir().iterdir())
    assert gc.get_freeze_count() > 0  # the project's objects are out of full collections
    expected = first.analysis
    first.workspace.close()
    assert gc.get_freeze_count() == 0
    analysed.clear()
    second = _open_sample(qtbot)
    assert analysed == [] and second.analysis == expected
    assert second.view.right_document is not None and second.view.right_document.name == MSNBC
    assert second.view.passages()
