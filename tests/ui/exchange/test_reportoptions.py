"""The report's options dialog, the file it writes, and the locale's paper size."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale

from cablereader.ui.exchange.reportoptions import (
    HTML_FILTER,
    PDF_FILTER,
    ReportOptions,
    ReportOptionsDialog,
    default_page_size,
    report_target,
)


def test_the_dialog_offers_the_current_article_or_all(qtbot) -> None:
    dialog = ReportOptionsDialog("001.txt", 4, "a4")
    qtbot.addWidget(dialog)
    assert dialog.current_button.isChecked() and "001.txt" in dialog.current_button.text()
    assert dialog.options() == ReportOptions("001.txt", "a4")
    dialog.all_button.click()
    dialog.page_size.setCurrentIndex(dialog.page_size.findData("letter"))
    assert dialog.options() == ReportOptions(None, "letter")
    assert "4" in dialog.all_button.text()


def test_without_a_current_article_it_reports_on_all(qtbot) -> None:
    dialog = ReportOptionsDialog(None, 3, "letter")
    qtbot.addWidget(dialog)
    assert not dialog.current_button.isEnabled()
    assert dialog.all_button.isChecked()
    assert dialog.options() == ReportOptions(None, "letter")


@pytest.mark.parametrize(
    ("path", "chosen", "expected"),
    [
        ("/x/r.pdf", HTML_FILTER, ("/x/r.pdf", True)),  # the name wins over the filter
        ("/x/r.HTML", PDF_FILTER, ("/x/r.HTML", False)),
        ("/x/r.htm", "", ("/x/r.htm", False)),
        ("/x/r", PDF_FILTER, ("/x/r.pdf", True)),
        ("/x/r", HTML_FILTER, ("/x/r.html", False)),
        ("/x/r.v2", "", ("/x/r.v2.html", False)),
    ],
)
def test_the_format_follows_the_name_else_the_filter(
    path: str, chosen: str, expected: tuple[str, bool]
) -> None:
    assert report_target(path, chosen) == expected


def test_the_paper_size_follows_the_locale() -> None:
    assert default_page_size(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)) == (
        "letter"
    )
    assert default_page_size(QLocale(QLocale.Language.German, QLocale.Country.Germany)) == "a4"
