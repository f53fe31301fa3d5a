"""The "Find in corpus" panel: a query field and every match, grouped by document.

Searching runs as the user types, debounced, in a worker thread (a
:class:`~cablereader.ui.common.tasks.TaskRunner` channel: the first search of a large corpus
normalises every text, ~0.3 s for 5 MB); results of a search made stale by further
typing are dropped.  The worker never touches a widget: it hands plain
:class:`SearchHit` records back through a signal.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QFont,
    QKeyEvent,
    QPainter,
    QPalette,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from cablereader.core.documents import Document
from cablereader.core.search import DEFAULT_LIMIT, SearchHit, search_corpus
from cablereader.ui.common.tasks import Progress, Task, TaskRunner
from cablereader.ui.common.text import plain_tooltip

DEBOUNCE_MS = 250
_CHANNEL = "corpus-search"

# Item data: a hit row carries its SearchHit; the delegate draws it with the match bold.
HIT_ROLE = Qt.ItemDataRole.UserRole + 1


def _search_job(
    documents: tuple[Document, ...],
    query: str,
    match_case: bool,
    whole_words: bool,
    limit: int,
    _progress: Progress,
    should_stop: Callable[[], bool],
) -> list[SearchHit]:
    """The worker's part: plain data in, plain data out."""
    return search_corpus(
        documents,
        query,
        limit=limit,
        match_case=match_case,
        whole_words=whole_words,
        cancelled=should_stop,
    )


class HitDelegate(QStyledItemDelegate):
    """Draws a hit as "line  …before **match** after…", keeping the match in view."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        hit = index.data(HIT_ROLE)
        if not isinstance(hit, SearchHit):
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""  # the background and selection come from the style; text is ours
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)

        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        normal = QFont(opt.font)
        bold = QFont(opt.font)
        bold.setBold(True)
        plain_metrics = opt.fontMetrics
        painter.save()
        painter.setPen(opt.palette.color(role))
        label = f"{hit.line}:  "
        x = rect.left()
        painter.setFont(normal)
        label_width = plain_metrics.horizontalAdvance(label)
        painter.drawText(
            x, rect.top(), label_width, rect.height(), Qt.AlignmentFlag.AlignVCenter, label
        )
        x += label_width
        painter.setFont(bold)
        bold_metrics = painter.fontMetrics()
        available = max(0, rect.right() - x)
        match_width = min(bold_metrics.horizontalAdvance(hit.match), available)
        remaining = available - match_width
        after_needs = plain_metrics.horizontalAdvance(hit.after)
        # The context before the match gets what the context after leaves, but at least
        # half, so the match sits near the middle of a narrow panel rather than its edge.
        before_width = min(
            plain_metrics.horizontalAdvance(hit.before),
            max(remaining // 2, remaining - after_needs),
        )
        after_width = remaining - before_width
        pieces = (
            (normal, hit.before, before_width, Qt.TextElideMode.ElideLeft),
            (bold, hit.match, match_width, Qt.TextElideMode.ElideRight),
            (normal, hit.after, after_width, Qt.TextElideMode.ElideRight),
        )
        for font, text, width, mode in pieces:
            painter.setFont(font)
            shown = painter.fontMetrics().elidedText(text, mode, width)
            painter.drawText(
                x, rect.top(), width, rect.height(), Qt.AlignmentFlag.AlignVCenter, shown
            )
            x += width
        painter.restore()


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}" + ("" if count == 1 else "es" if noun.endswith("ch") else "s")


class CorpusSearch(QWidget):
    """Find in every document of the corpus; activating a hit reports where it is."""

    hitActivated = Signal(str, int, int)  # document name, start, end (code points)
    searchFinished = Signal(int)  # hits shown; emitted after every search, even empty

    def __init__(self, parent: QWidget | None = None, *, limit: int = DEFAULT_LIMIT) -> None:
        super().__init__(parent)
        self.setObjectName("corpusSearch")
        self._documents: tuple[Document, ...] = ()
        self._limit = limit
        # Its own runner: a new search replaces the previous one (stale results are
        # dropped) without touching the main window's analysis jobs.
        self._tasks = TaskRunner(self)
        self._hits: list[SearchHit] = []
        self._activate_first_when_done = False  # Enter pressed before results arrived

        self._edit = QLineEdit(self)
        self._edit.setObjectName("corpusSearchQuery")
        self._edit.setAccessibleName("Find in corpus")
        self._edit.setPlaceholderText("Find in all documents")
        self._edit.setClearButtonEnabled(True)
        self._edit.installEventFilter(self)
        self._match_case = QCheckBox("Match case", self)
        self._match_case.setObjectName("corpusSearchMatchCase")
        self._whole_words = QCheckBox("Whole words", self)
        self._whole_words.setObjectName("corpusSearchWholeWords")
        self._status = QLabel(self)
        self._status.setObjectName("corpusSearchStatus")
        self._status.setWordWrap(True)

        self._model = QStandardItemModel(self)
        self._view = QTreeView(self)
        self._view.setObjectName("corpusSearchResults")
        self._view.setAccessibleName("Corpus search results")
        self._view.setModel(self._model)
        self._view.setHeaderHidden(True)
        self._view.setUniformRowHeights(True)  # fast layout of a thousand rows
        # Rows are as wide as the panel: the delegate elides the context, not the match.
        self._view.header().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self._view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._view.setItemDelegate(HitDelegate(self._view))
        self._view.installEventFilter(self)

        options = QHBoxLayout()
        options.setContentsMargins(0, 0, 0, 0)
        options.addWidget(self._match_case)
        options.addWidget(self._whole_words)
        options.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self._edit)
        layout.addLayout(options)
        layout.addWidget(self._status)
        layout.addWidget(self._view, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._start_search)
        self._edit.textChanged.connect(self._schedule)
        self._match_case.toggled.connect(self._schedule)
        self._whole_words.toggled.connect(self._schedule)
        self._view.clicked.connect(self._activate)

    # ----------------------------------------------------------------------------------
    # Public API

    def set_documents(self, documents: Sequence[Document]) -> None:
        """Search these documents from now on (the current query runs again)."""
        self._documents = tuple(documents)
        self._schedule()

    def focus_query(self) -> None:
        """Focus the query field with its text selected (Ctrl+Shift+F)."""
        self._edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._edit.selectAll()

    def set_query(self, text: str) -> None:
        self._edit.setText(text)

    def query(self) -> str:
        return self._edit.text()

    def hits(self) -> list[SearchHit]:
        """The hits shown, in document order then position."""
        return list(self._hits)

    def status_text(self) -> str:
        return self._status.text()

    def results_view(self) -> QTreeView:
        return self._view

    def line_edit(self) -> QLineEdit:
        return self._edit

    # ----------------------------------------------------------------------------------
    # Searching

    def _schedule(self, *_args: object) -> None:
        self._timer.start()  # restarts: a search runs once typing pauses

    def _start_search(self) -> None:
        query = self._edit.text()
        if not query.strip():
            self._tasks.cancel(_CHANNEL, quietly=True)
            self._activate_first_when_done = False
            self._show([], query)
            return
        self._status.setText("Searching…")
        job = partial(
            _search_job,
            self._documents,
            query,
            self._match_case.isChecked(),
            self._whole_words.isChecked(),
            self._limit + 1,  # one more than we show, to know whether the list was cut
        )
        self._tasks.start(Task(_CHANNEL, job, on_done=self._on_finished, on_failed=self._on_failed))

    def _on_finished(self, hits: list[SearchHit]) -> None:
        self._show(hits, self._edit.text())
        if self._activate_first_when_done:
            self._activate_first_when_done = False
            self._activate_first()

    def _on_failed(self, message: str) -> None:
        self._show([], self._edit.text())
        self._status.setText(f"Search failed: {message}")

    def _show(self, hits: list[SearchHit], query: str) -> None:
        cut = len(hits) > self._limit
        self._hits = hits[: self._limit]
        self._fill_model()
        documents = len({h.document for h in self._hits})
        if not query.strip():
            message = ""
        elif not self._hits:
            message = "No matches"
        elif cut:
            message = (
                f"Showing the first {self._limit:,} matches (in {_plural(documents, 'document')})"
                " — there are more; refine the search to see them all."
            )
        else:
            message = f"{_plural(len(self._hits), 'match')} in {_plural(documents, 'document')}"
        self._status.setText(message)
        font = self._status.font()
        font.setBold(bool(query.strip()) and (cut or not self._hits))
        self._status.setFont(font)
        self.searchFinished.emit(len(self._hits))

    def _fill_model(self) -> None:
        self._model.clear()
        titles = {d.name: d.title for d in self._documents}
        root = self._model.invisibleRootItem()
        group: QStandardItem | None = None
        group_name = ""
        group_count = 0

        def close_group() -> None:
            if group is not None:
                group.setText(f"{group_name}  ({_plural(group_count, 'match')})")

        for hit in self._hits:
            if group is None or hit.document != group_name:
                close_group()
                group_name, group_count = hit.document, 0
                group = QStandardItem(group_name)
                group.setEditable(False)
                group.setToolTip(plain_tooltip(titles.get(group_name, group_name)))
                font = group.font()
                font.setBold(True)
                group.setFont(font)
                root.appendRow(group)
            group_count += 1
            # The display text is what screen readers and keyboard search see.
            row = QStandardItem(f"{hit.line}: {hit.before}{hit.match}{hit.after}")
            row.setEditable(False)
            row.setData(hit, HIT_ROLE)
            row.setToolTip(plain_tooltip(f"{hit.document}, line {hit.line}"))
            group.appendRow(row)
        close_group()
        self._view.expandAll()

    # ----------------------------------------------------------------------------------
    # Activation and keys

    def _activate(self, index: QModelIndex | QPersistentModelIndex) -> None:
        hit = index.data(HIT_ROLE)
        if isinstance(hit, SearchHit):
            self.hitActivated.emit(hit.document, hit.start, hit.end)

    def _first_hit_index(self) -> QModelIndex:
        group = self._model.index(0, 0)
        return self._model.index(0, 0, group) if group.isValid() else QModelIndex()

    def _activate_first(self) -> None:
        first = self._first_hit_index()
        if first.isValid():
            self._view.setCurrentIndex(first)
            self._activate(first)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key = event.key()
        enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if watched is self._view and enter:
            self._activate(self._view.currentIndex())
            return True
        if watched is self._edit and enter:
            if self._timer.isActive() or self._tasks.is_running(_CHANNEL):
                # Typed and pressed Enter at once: search now, jump when it answers.
                self._activate_first_when_done = True
                if self._timer.isActive():
                    self._timer.stop()
                    self._start_search()
            else:
                self._activate_first()
            return True
        if watched is self._edit and key == Qt.Key.Key_Down:
            first = self._first_hit_index()
            if first.isValid():
                self._view.setCurrentIndex(first)
                self._view.setFocus(Qt.FocusReason.TabFocusReason)
            return True
        return super().eventFilter(watched, event)
