"""What a report covers and its paper size, asked before the file name; and the file name.

The format follows the file name (``.pdf`` or ``.html``), or the file type chosen in the
save dialog when the name has no suffix.  The paper size defaults to the locale's
(Letter where the US measurement system is used, else A4).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

HTML_FILTER = "HTML report (*.html *.htm)"
PDF_FILTER = "PDF report (*.pdf)"
REPORT_FILTERS = f"{HTML_FILTER};;{PDF_FILTER}"
PAGE_SIZES = (("a4", "A4"), ("letter", "US Letter"))


@dataclass(frozen=True)
class ReportOptions:
    """``article`` None: every article; else the one named."""

    article: str | None
    page_size: str


def default_page_size(locale: QLocale | None = None) -> str:
    system = (locale or QLocale()).measurementSystem()
    return "letter" if system == QLocale.MeasurementSystem.ImperialUSSystem else "a4"


def report_target(path: str, chosen_filter: str) -> tuple[str, bool]:
    """The file to write and whether it is a PDF: by its suffix, else by the filter."""
    lower = path.lower()
    if lower.endswith(".pdf"):
        return path, True
    if lower.endswith((".html", ".htm")):
        return path, False
    pdf = chosen_filter == PDF_FILTER
    return path + (".pdf" if pdf else ".html"), pdf


class ReportOptionsDialog(QDialog):
    """The current article or every article; A4 or Letter (for a PDF)."""

    def __init__(
        self,
        current_article: str | None,
        articles: int,
        page_size: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reportOptionsDialog")
        self.setWindowTitle("Export Report")
        self._current = current_article
        self.current_button = QRadioButton(
            f"The current article: {current_article}" if current_article else "The current article"
        )
        self.current_button.setObjectName("reportCurrentArticle")
        self.current_button.setEnabled(current_article is not None)
        self.all_button = QRadioButton(f"All articles ({articles})")
        self.all_button.setObjectName("reportAllArticles")
        group = QButtonGroup(self)
        group.addButton(self.current_button)
        group.addButton(self.all_button)
        (self.current_button if current_article else self.all_button).setChecked(True)
        self.page_size = QComboBox()
        self.page_size.setObjectName("reportPageSize")
        self.page_size.setAccessibleName("Paper size")
        for key, label in PAGE_SIZES:
            self.page_size.addItem(label, key)
        self.page_size.setCurrentIndex(max(0, self.page_size.findData(page_size)))
        note = QLabel(
            "Every quotation beside its source passage, with the changed words marked, and "
            "your annotations. The file name chooses the format: .html or .pdf."
        )
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Paper size (PDF):", self.page_size)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.current_button)
        layout.addWidget(self.all_button)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def options(self) -> ReportOptions:
        article = self._current if self.current_button.isChecked() else None
        return ReportOptions(article, str(self.page_size.currentData()))


def ask_report_options(
    parent: QWidget, current_article: str | None, articles: int, page_size: str
) -> ReportOptions | None:
    """Ask a person (tests replace this); None if they cancelled."""
    dialog = ReportOptionsDialog(current_article, articles, page_size, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.options()
