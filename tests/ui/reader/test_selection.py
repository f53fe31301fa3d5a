"""Selecting by drag snaps to whole words (Alt-drag: exact); a click in one pane clears
the other pane's selection."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QTextCursor
from PySide6.QtWidgets import QApplication

from cablereader.ui.reader.comparison import ComparisonView
from cablereader.ui.reader.panes import DocumentPane, word_bounds

TEXT = "Our Western partners were quite concerned about the position."


def _point(pane: DocumentPane, offset: int) -> QPoint:
    cursor = QTextCursor(pane.document())
    cursor.setPosition(pane.to_position(offset))
    return pane.cursorRect(cursor).center()


def _drag(
    qtbot, pane: DocumentPane, start: int, end: int, modifiers=Qt.KeyboardModifier.NoModifier
):
    viewport = pane.viewport()
    a, b = _point(pane, start), _point(pane, end)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, modifiers, a)
    move = QMouseEvent(
        QEvent.Type.MouseMove,
        QPointF(b),
        QPointF(viewport.mapToGlobal(b)),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.LeftButton,
        modifiers,
    )
    QApplication.sendEvent(viewport, move)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, modifiers, b)


def _view(qtbot) -> ComparisonView:
    view = ComparisonView()
    qtbot.addWidget(view)
    view.resize(900, 400)
    view.show()
    qtbot.waitExposed(view)
    for pane in (view.source_pane, view.article_pane):
        pane.set_text(TEXT)
    return view


def test_word_bounds() -> None:
    assert word_bounds(TEXT, 6, 14) == (4, 20)  # "stern part" -> "Western partners"
    assert word_bounds(TEXT, 4, 11) == (4, 11)  # already whole words
    assert word_bounds(TEXT, 0, len(TEXT)) == (0, len(TEXT))


def test_a_drag_from_mid_word_selects_whole_words(qtbot) -> None:
    view = _view(qtbot)
    pane = view.article_pane
    start = TEXT.index("stern")
    end = TEXT.index("artners") + 2
    _drag(qtbot, pane, start, end)
    s, e = pane.selection_offsets()
    assert TEXT[s:e] == "Western partners"


def test_alt_drag_keeps_the_exact_characters(qtbot) -> None:
    view = _view(qtbot)
    pane = view.article_pane
    start = TEXT.index("stern")
    end = TEXT.index("artners") + 2
    _drag(qtbot, pane, start, end, Qt.KeyboardModifier.AltModifier)
    s, e = pane.selection_offsets()
    assert (s, e) == (start, end)


def test_clicking_in_one_pane_clears_the_others_selection(qtbot) -> None:
    view = _view(qtbot)
    view.source_pane.select_offsets(0, 10)
    assert view.source_pane.textCursor().hasSelection()
    qtbot.mouseClick(
        view.article_pane.viewport(), Qt.MouseButton.LeftButton, pos=_point(view.article_pane, 5)
    )
    assert not view.source_pane.textCursor().hasSelection()


def test_each_legend_chip_says_what_it_means_on_hover(qtbot) -> None:
    from PySide6.QtWidgets import QToolTip

    from cablereader.ui.reader.legend import Legend

    legend = Legend()
    qtbot.addWidget(legend)
    legend.show()
    qtbot.waitExposed(legend)
    # The other-source chip shows only in a corpus with several sources.
    assert not legend.chips["elsewhere"].isVisible()
    legend.set_several_sources(True)
    assert legend.chips["elsewhere"].isVisible()
    chip = legend.chips["altered"]
    assert "words changed" in chip.toolTip()
    qtbot.mouseMove(chip)
    event_pos = chip.rect().center()
    from PySide6.QtGui import QHelpEvent

    QApplication.sendEvent(
        chip, QHelpEvent(QEvent.Type.ToolTip, event_pos, chip.mapToGlobal(event_pos))
    )
    qtbot.waitUntil(QToolTip.isVisible)
    assert "words changed" in QToolTip.text()
