"""The main window on the sample corpus: panes, linking, navigation, quotes, witnesses."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor

from cablereader.app import create_main_window
from cablereader.core.alignment import align_texts
from cablereader.core.verify import NOT_IN_SOURCE
from cablereader.ui.app.mainwindow import MainWindow
from tests.conftest import MSNBC, REPRINT, SOURCE


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


def shown_text(pane) -> str:
    # toPlainText() turns no-break spaces into spaces; the raw text is what is shown.
    return pane.document().toRawText().replace("\u2029", "\n")


def test_starts_on_the_sample_with_the_source_on_the_left(window, sample_documents) -> None:
    assert window.findChild(type(window.view.source_pane), "sourcePane") is window.view.source_pane
    assert shown_text(window.view.source_pane) == sample_documents[SOURCE].text
    assert shown_text(window.view.article_pane) == sample_documents[MSNBC].text
    assert window.view.source_pane.accessibleName() == "sourcePane"
    assert "Sample corpus" in window.windowTitle()
    assert "coverage" in window.summary_label.text()


def test_highlights_match_the_core_alignment(window, qtbot, sample_analysis) -> None:
    for name in (MSNBC, REPRINT):
        show(window, qtbot, name)
        passages = sample_analysis.article(name).passages
        # A reprint of the source (article 001) is drawn in its own, fainter layer.
        article, source = window.view.article_pane, window.view.source_pane
        right = [(s.start, s.end) for s in article.layer("passage") + article.layer("reprint")]
        left = [(s.start, s.end) for s in source.layer("passage") + source.layer("reprint")]
        assert sorted(right) == sorted((p.b_start, p.b_end) for p in passages)
        assert sorted(left) == sorted((p.a_start, p.a_end) for p in passages)
        assert len(article.layer("reprint")) == (1 if name == REPRINT else 0)
        changes = window.view.article_pane.layer("change")
        expected = [d for p in passages for d in p.differences if d.b_end > d.b_start]
        assert len(changes) == len(expected)
    # Quotations not in the source are marked in the article pane too.
    show(window, qtbot, MSNBC)
    missing = [q for q in sample_analysis.article(MSNBC).quotes if q.verdict == NOT_IN_SOURCE]
    marked = {(s.start, s.end) for s in window.view.article_pane.layer("quote")}
    assert missing and all((q.start, q.end) in marked for q in missing)


def _click_offset(qtbot, pane, offset: int) -> None:
    cursor = QTextCursor(pane.document())
    cursor.setPosition(pane.to_position(offset))
    point = pane.cursorRect(cursor).center() + QPoint(1, 0)
    qtbot.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_clicking_a_passage_scrolls_the_source_to_its_counterpart(
    window, qtbot, sample_analysis
) -> None:
    show(window, qtbot, MSNBC)
    view = window.view
    passages = sample_analysis.article(MSNBC).passages
    # The passage whose source counterpart lies furthest down the cable.
    target = max(passages, key=lambda p: p.a_start)
    view.source_pane.verticalScrollBar().setValue(0)
    view.article_pane.centre_on(target.b_start + 5)
    first, _ = view.source_pane.visible_range()
    _click_offset(qtbot, view.article_pane, target.b_start + 5)
    qtbot.waitUntil(lambda: view.linker.active == target)
    first, last = view.source_pane.visible_range()
    assert first <= target.a_start + 5 < last
    assert [(s.start, s.end) for s in view.source_pane.layer("emphasis")] == [
        (target.a_start, target.a_end)
    ]
    assert view.gutter.visible_links()


def test_alt_down_walks_the_passages_in_order(window, qtbot, sample_analysis) -> None:
    show(window, qtbot, MSNBC)
    pane = window.view.article_pane
    pane.setFocus()
    pane.moveCursor(QTextCursor.MoveOperation.Start)
    seen = []
    for _ in sample_analysis.article(MSNBC).passages:
        qtbot.keyClick(pane, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
        seen.append(window.view.linker.active)
    assert seen == list(sample_analysis.article(MSNBC).passages)
    qtbot.keyClick(pane, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert window.view.linker.active == seen[-2]


def test_quote_table_lists_the_quotes_and_filters_by_verdict(
    window, qtbot, sample_analysis
) -> None:
    show(window, qtbot, MSNBC)
    quotes = sample_analysis.article(MSNBC).quotes
    table = window.quote_table
    assert table.proxy.rowCount() == len(quotes)
    table.set_verdict_filter(NOT_IN_SOURCE)
    missing = [q for q in quotes if q.verdict == NOT_IN_SOURCE]
    assert table.proxy.rowCount() == len(missing)
    table.set_verdict_filter(None)
    # Selecting a verbatim quote selects it in the article and its match in the source.
    verbatim = next(q for q in quotes if q.verdict == "verbatim")
    table.select_quote(verbatim.start)
    qtbot.waitUntil(
        lambda: window.view.article_pane.selection_offsets() == (verbatim.start, verbatim.end)
    )
    assert window.view.source_pane.selection_offsets() == (
        verbatim.source_start,
        verbatim.source_end,
    )


def test_witness_mode_and_the_typography_toggle(window, qtbot, sample_documents) -> None:
    with qtbot.waitSignal(window.comparisonShown, timeout=10000):
        window.compare(REPRINT, SOURCE)
    view = window.view
    assert view.mode == "compare"
    assert view.left_document.name == SOURCE  # the source goes left
    expected = align_texts(
        SOURCE, sample_documents[SOURCE].text, REPRINT, sample_documents[REPRINT].text
    )
    # The variants are the differences inside the passage shared by the two witnesses.
    witness = max(expected.passages, key=lambda p: p.a_end - p.a_start)
    assert view.witness_passage() == witness
    everything = view.difference_count()
    assert everything == len(witness.differences)
    window.commands.ignore_typography.trigger()
    textual = view.difference_count()
    assert textual == len(witness.textual_differences) == 4
    assert "4 textual variants" in window.summary_label.text()
    assert textual < everything
    assert window.difference_list.count() == textual
    window.commands.ignore_typography.trigger()
    assert view.difference_count() == everything


def test_tooltips_say_the_verdict_and_similarity(window, qtbot, sample_analysis) -> None:
    show(window, qtbot, MSNBC)
    passage = sample_analysis.article(MSNBC).passages[0]
    text = window.view.article_pane.tooltip_provider(passage.b_start + 1)
    assert "passage" in text and "%" in text
    assert window.view.source_pane.tooltip_provider(passage.a_start + 1)


def test_zoom_changes_the_reading_font_and_is_remembered(window, qtbot) -> None:
    pane = window.view.article_pane
    before = pane.font().pointSizeF()
    qtbot.keyClick(pane, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert pane.font().pointSizeF() == before + 1
    window.close()
    again = create_main_window([])
    qtbot.addWidget(again)
    assert again.view.article_pane.font().pointSizeF() == before + 1
    again.zoom(0)
    assert again.view.article_pane.font().pointSizeF() == again.session.default_font_size()


def test_the_last_article_is_shown_again(window, qtbot) -> None:
    show(window, qtbot, REPRINT)
    window.close()
    again = create_main_window([])
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.analysisFinished, timeout=20000):
        pass
    assert again.view.right_document.name == REPRINT


def test_use_as_source_reanalyses_and_undo_takes_it_back(window, qtbot) -> None:
    before = window.workspace.source_names
    with qtbot.waitSignal(window.analysisFinished, timeout=20000):
        window.document_list.useAsSourceRequested.emit(REPRINT)
    assert window.workspace.source_names == [*before[:1], REPRINT, *before[1:]]
    assert window.source_name == before[0]  # the primary stays
    # 001 reprints the cable: a second witness of it, whose quotations are the cable's.
    assert window.analysis.witness_of(REPRINT) == before[0]
    assert REPRINT in window.document_list.source_names
    with qtbot.waitSignal(window.analysisFinished, timeout=20000):
        window.undo_stack.undo()
    assert window.workspace.source_names == before


def test_find_in_the_focused_pane(window, qtbot) -> None:
    pane = window.view.source_pane
    pane.setFocus()
    qtbot.waitUntil(pane.hasFocus)
    qtbot.keyClick(pane, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.find_bar.isVisible()
    assert window.find_bar.target() is pane
    qtbot.keyClicks(window.find_bar.line_edit(), "Lu")
    qtbot.keyClick(window.find_bar.line_edit(), Qt.Key.Key_Return)
    start, end = pane.selection_offsets()
    assert pane.toPlainText()[start:end].lower() == "lu"


def test_corpus_search_hit_opens_the_document(window, qtbot, sample_documents) -> None:
    text = sample_documents[REPRINT].text
    start = text.index("Intercept")
    window.show_hit(REPRINT, start, start + 9)
    assert window.view.right_document.name == REPRINT
    assert window.view.article_pane.selection_offsets() == (start, start + 9)


def test_a_bad_document_gets_a_message_and_the_rest_open(qtbot, tmp_path, corpus_dir) -> None:
    good = [str(corpus_dir / name) for name in (SOURCE, MSNBC, REPRINT)]
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"\x00\x01\x02binary\xff\xfe\x00" * 50)
    win = create_main_window([*good, str(broken)])
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.messageShown, timeout=20000) as shown:
        pass
    assert "broken.txt" in shown.args[0]
    with qtbot.waitSignal(win.analysisFinished, timeout=20000):
        pass
    assert sorted(d.name for d in win.documents) == sorted([SOURCE, MSNBC, REPRINT])
    assert win.view.right_document.name == MSNBC


def test_dropping_a_folder_imports_it(window, qtbot, tmp_path: Path) -> None:
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    folder = tmp_path / "more"
    folder.mkdir()
    (folder / "new-article.txt").write_text(
        "A new report. He said: “I cannot predict what the reaction will be.” The end.",
        encoding="utf-8",
    )
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(folder))])
    point = QPointF(window.width() / 2, window.height() / 2)
    enter = QDragEnterEvent(
        point.toPoint(),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        point,
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(window.analysisFinished, timeout=20000):
        QApplication.sendEvent(window, drop)
    assert "new-article.txt" in [d.name for d in window.documents]
    assert len(window.documents) == 8  # the sample's seven, and the new one
    assert window.analysis.article("new-article.txt").quotes


def test_cancel_during_analysis(qtbot, tmp_path: Path, sample_documents) -> None:
    for i in range(400):
        text = sample_documents[REPRINT].text if i % 2 else sample_documents[MSNBC].text
        (tmp_path / f"copy{i:03}.txt").write_text(f"Copy {i}.\n{text}", encoding="utf-8")
    (tmp_path / "000-source.txt").write_text(sample_documents[SOURCE].text, encoding="utf-8")
    win = create_main_window([str(tmp_path)])
    qtbot.addWidget(win)
    win.show()
    # Reading the 401 files reports progress too (its own bar): wait for the analysis's.
    with qtbot.waitSignal(win.workspace.analysisProgress, timeout=20000):
        pass
    assert win.progress.isVisible()
    with qtbot.waitSignal(win.analysisCancelled, timeout=20000):
        qtbot.mouseClick(win.cancel_button, Qt.MouseButton.LeftButton)
    assert win.analysis is None
    assert not win.progress.isVisible()
    assert len(win.documents) == 401


def test_find_marks_every_match_in_the_pane(window, qtbot) -> None:
    pane = window.view.source_pane
    pane.setFocus()
    qtbot.waitUntil(pane.hasFocus)
    window.commands.find.trigger()
    qtbot.keyClicks(window.find_bar.line_edit(), "Pakistan")
    qtbot.waitUntil(lambda: len(pane.layer("find")) > 1)
    text = pane.document().toRawText()
    assert len(pane.layer("find")) == text.lower().count("pakistan")
    assert window.view.article_pane.layer("find") == []


def test_scrolling_one_pane_keeps_the_other_aligned_until_unlocked(
    window, qtbot, sample_analysis
) -> None:
    show(window, qtbot, REPRINT)
    view = window.view
    witness = sample_analysis.article(REPRINT).witness
    assert witness is not None
    source_bar = view.source_pane.verticalScrollBar()
    article_bar = view.article_pane.verticalScrollBar()
    # Scroll the article (as the wheel would) to the middle of the reprint.
    middle = (witness.b_start + witness.b_end) // 2
    view.article_pane.scroll_offset_to(middle, view.article_pane.viewport().height() / 2)
    assert source_bar.value() > 0
    centre = view.source_pane.offset_at_height(view.source_pane.viewport().height() / 2)
    expected = witness.a_start + (middle - witness.b_start)
    # Level within a few lines' worth of text.
    assert abs(centre - expected) < 400
    window.commands.lock_scrolling.trigger()
    assert not view.linker.locked
    before = source_bar.value()
    article_bar.setValue(article_bar.value() + 5)
    assert source_bar.value() == before
