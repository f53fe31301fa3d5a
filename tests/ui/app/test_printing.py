"""Ctrl+P prints the pair of panes (with their highlights) or the quotation table; File ▸
Export as PDF writes the same to a file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter

from cablereader.ui.app.printing import pair_document
from tests.conftest import REPRINT
from tests.ui.app.test_first_sight import open_sample, show


def test_the_printed_pair_has_both_texts_and_the_highlights(qtbot) -> None:
    window = open_sample(qtbot)
    show(window, qtbot, REPRINT)
    document = pair_document(window.view)
    text = document.toPlainText()
    assert window.view.left_document.title in text
    assert window.view.right_document.title in text
    # The passages' background colours are in the printed text's formats.
    coloured = 0
    block = document.begin()
    while block.isValid():
        for fragment in (it.fragment() for it in _fragments(block)):
            if fragment.charFormat().background().style() != Qt.BrushStyle.NoBrush:
                coloured += fragment.length()
        block = block.next()
    assert coloured > 1000


def _fragments(block):
    it = block.begin()
    while not it.atEnd():
        yield it
        it += 1


def test_export_as_pdf_writes_the_pair_or_the_quotation_table(qtbot, tmp_path: Path) -> None:
    window = open_sample(qtbot)
    show(window, qtbot, REPRINT)
    window.view.article_pane.setFocus()
    pair = tmp_path / "pair.pdf"
    assert window.window_commands.export_pdf(str(pair)) == "pair"
    assert pair.read_bytes().startswith(b"%PDF") and pair.stat().st_size > 5000
    window.quote_table.view.setFocus()
    qtbot.waitUntil(lambda: window.focusWidget() is window.quote_table.view)
    table = tmp_path / "quotes.pdf"
    assert window.window_commands.export_pdf(str(table)) == "quotations"
    assert table.read_bytes().startswith(b"%PDF")
    assert "PDF" in window.statusBar().currentMessage()


def test_ctrl_p_opens_the_print_dialog_and_prints(qtbot, tmp_path: Path) -> None:
    window = open_sample(qtbot)
    show(window, qtbot, REPRINT)
    commands = window.window_commands
    out = tmp_path / "printed.pdf"  # as if chosen in the dialog before: "print to file"
    commands.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    commands.printer.setOutputFileName(str(out))
    qtbot.keyClick(window.view.article_pane, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: commands.print_dialog is not None and commands.print_dialog.isVisible())
    commands.print_dialog.accept()
    qtbot.waitUntil(out.exists)
    assert out.read_bytes().startswith(b"%PDF")
