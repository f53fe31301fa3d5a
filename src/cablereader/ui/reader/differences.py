"""The list of differences between the two documents shown (a witness's variants)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cablereader.core.alignment import Difference
from cablereader.ui.common.text import plain_tooltip

_MAX_SHOWN = 5000
_CONTEXT_WORDS = 4
_HTML_ROLE = Qt.ItemDataRole.UserRole + 1


def _context(text: str, start: int, end: int) -> str:
    """The change in bold with a few words either side, as Meld shows a changed line."""
    before = " ".join(text[max(0, start - 80) : start].split()[-_CONTEXT_WORDS:])
    after = " ".join(text[end : end + 80].split()[:_CONTEXT_WORDS])
    change = _clip(text[start:end], 80) if end > start else "‸"
    lead = "… " if start > 0 and before else ""
    tail = " …" if end < len(text) and after else ""
    space_before = " " if start > 0 and text[start - 1].isspace() else ""
    space_after = " " if end < len(text) and text[end : end + 1].isspace() else ""
    return (
        f"{lead}{escape(before)}{space_before}<b><u>{escape(change)}</u></b>"
        f"{space_after}{escape(after)}{tail}"
    )


class _HtmlDelegate(QStyledItemDelegate):
    """Draws a cell's rich text (the change in bold), else its plain text."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        html = index.data(_HTML_ROLE)
        if not isinstance(html, str):
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        option.text = ""
        style = option.widget.style() if option.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(1)
        document.setHtml(html)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        painter.save()
        painter.translate(option.rect.topLeft())
        painter.setClipRect(option.rect.translated(-option.rect.topLeft()))
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), max(size.height(), option.fontMetrics.height() + 4))


def _clip(text: str, limit: int = 120) -> str:
    shown = " ".join(text.split()) if text.strip() else ("(line break)" if "\n" in text else "␣")
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


class DifferenceList(QWidget):
    """Every non-equal region of the pair, in the right document's order."""

    differenceActivated = Signal(object)  # Difference

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel("No documents compared yet.")
        self.summary.setContentsMargins(6, 4, 6, 2)
        self.tree = QTreeWidget()
        self.tree.setObjectName("differenceList")
        self.tree.setAccessibleName("differenceList")
        self.tree.setHeaderLabels(["Left side", "Right side", "Kind"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setColumnWidth(0, 420)
        self.tree.setColumnWidth(1, 420)
        self.tree.setItemDelegate(_HtmlDelegate(self.tree))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree)
        self._differences: list[Difference] = []
        self.tree.currentItemChanged.connect(self._current_changed)

    def set_differences(
        self,
        differences: Sequence[Difference],
        left: str,
        right: str,
        left_text: str = "",
        right_text: str = "",
    ) -> None:
        """List ``differences``; ``left``/``right`` head the columns (the titles).

        With the two texts, each cell shows the change in bold amid its context.
        """
        self.tree.clear()
        self._differences = sorted(differences, key=lambda d: (d.b_start, d.a_start))
        self.tree.setHeaderLabels([left or "Left side", right or "Right side", "Kind"])
        textual = sum(1 for d in self._differences if not d.typographic)
        total = len(self._differences)
        self.summary.setText(
            f"{_count(total, 'difference')}: {textual} textual, "
            f"{total - textual} typographic (quotes, dashes, case, spacing)"
            if self._differences
            else "No differences in the aligned passages."
        )
        items = []
        for index, diff in enumerate(self._differences[:_MAX_SHOWN]):
            item = QTreeWidgetItem(
                [
                    _clip(diff.a_text) if diff.a_text else "(nothing)",
                    _clip(diff.b_text) if diff.b_text else "(nothing)",
                    "typographic" if diff.typographic else "textual",
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, index)
            if left_text and right_text:
                item.setData(0, _HTML_ROLE, _context(left_text, diff.a_start, diff.a_end))
                item.setData(1, _HTML_ROLE, _context(right_text, diff.b_start, diff.b_end))
            item.setToolTip(0, plain_tooltip(diff.a_text))
            item.setToolTip(1, plain_tooltip(diff.b_text))
            items.append(item)
        self.tree.addTopLevelItems(items)

    def count(self) -> int:
        return len(self._differences)

    def _current_changed(self, item: QTreeWidgetItem | None, _previous: object) -> None:
        if item is not None:
            index = item.data(0, Qt.ItemDataRole.UserRole)
            self.differenceActivated.emit(self._differences[index])


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
