"""What the app's tables share: a table-model base, one-call cell data, the view set-up."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QModelRoleDataSpan, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from cablereader.ui.common.modelheaders import header_data
from cablereader.ui.common.text import ModelIndex


def fill_role_data(
    data: Callable[[ModelIndex, int], Any], index: ModelIndex, span: QModelRoleDataSpan
) -> None:
    """Answer ``multiData``: every role the delegate asks for, from ``data``.

    The delegate asks for all of a cell's roles (text, font, colours...) in one call:
    one call into Python per painted cell instead of seven.
    """
    for item in span:  # type: ignore[attr-defined]  # iterable; not in the stubs
        value = data(index, item.role())
        if value is None:
            item.clearData()
        else:
            item.setData(value)


class ColumnTableModel(QAbstractTableModel):
    """A flat table with fixed columns: ``HEADERS`` and their tooltips ``HEADER_TIPS``.

    Subclasses say how many rows there are (:meth:`row_count`) and implement ``data``.
    """

    HEADERS: ClassVar[tuple[str, ...]] = ()
    HEADER_TIPS: ClassVar[tuple[str, ...]] = ()

    def row_count(self) -> int:
        raise NotImplementedError

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.row_count()

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return header_data(self.HEADERS, self.HEADER_TIPS, section, orientation, role)

    def multiData(self, index: ModelIndex, roleDataSpan: QModelRoleDataSpan) -> None:  # type: ignore[override]
        fill_role_data(self.data, index, roleDataSpan)


def set_up_table_view(view: QTableView, selection: QAbstractItemView.SelectionMode) -> None:
    """The house table: whole rows selected, read-only, one line a row, sortable.

    Rows have a fixed height, so the view need not measure every row of a long list;
    Tab leaves the table, as it leaves the other panes; the sort starts cleared, so the
    rows stand in their model's (reading) order until a header is clicked.
    """
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(selection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setAlternatingRowColors(True)
    view.setTabKeyNavigation(False)
    rows = view.verticalHeader()
    rows.hide()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(view.fontMetrics().height() + 8)
    header = view.horizontalHeader()
    header.setSortIndicatorClearable(True)
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)
