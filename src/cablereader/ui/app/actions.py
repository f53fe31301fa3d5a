"""The window's actions, menus and toolbar, and the keyboard-shortcut sheet.

Actions are created here with their shortcuts, tooltips and status tips; the window
connects them.  The shortcut sheet is generated from the same actions, so it cannot
drift from what the keys really do.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from html import escape

from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMainWindow,
    QMenu,
    QStyle,
    QTextBrowser,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

_Key = QKeySequence.StandardKey


@dataclass
class Actions:
    new_project: QAction
    open_project: QAction
    open_recent: QMenu
    save_as: QAction
    close_project: QAction
    export_csv: QAction
    undo: QAction
    redo: QAction
    import_documents: QAction
    import_folder: QAction
    open_sample: QAction
    quit: QAction
    copy: QAction
    select_all: QAction
    find: QAction
    find_next: QAction
    find_previous: QAction
    find_in_corpus: QAction
    zoom_in: QAction
    zoom_out: QAction
    zoom_reset: QAction
    lock_scrolling: QAction
    ignore_typography: QAction
    next_passage: QAction
    previous_passage: QAction
    focus_source: QAction
    focus_article: QAction
    focus_documents: QAction
    full_screen: QAction
    compare_with_source: QAction
    use_as_source: QAction
    analyse: QAction
    cancel_analysis: QAction
    shortcuts: QAction
    about: QAction
    about_qt: QAction

    def all(self) -> list[QAction]:
        found = [getattr(self, f.name) for f in fields(self)]
        return [a for a in found if isinstance(a, QAction)]


def _action(
    parent: QWidget,
    text: str,
    tip: str,
    *shortcuts: QKeySequence | QKeySequence.StandardKey | str,
    checkable: bool = False,
    name: str = "",
) -> QAction:
    action = QAction(text, parent)
    keys: list[QKeySequence] = []
    for shortcut in shortcuts:
        if isinstance(shortcut, QKeySequence.StandardKey):
            keys.extend(QKeySequence.keyBindings(shortcut))
        else:
            keys.append(QKeySequence(shortcut))
    unique: dict[str, QKeySequence] = {}
    for key in keys:
        unique.setdefault(key.toString(), key)  # a standard key may repeat an explicit one
    keys = list(unique.values())
    if keys:
        action.setShortcuts(keys)
    shown = keys[0].toString(QKeySequence.SequenceFormat.NativeText) if keys else ""
    action.setToolTip(f"{tip} ({shown})" if shown else tip)
    action.setStatusTip(tip)
    action.setCheckable(checkable)
    if name:
        action.setObjectName(name)
    # Shortcuts work wherever the focus is inside the window (docks included).
    parent.addAction(action)
    return action


def build_actions(window: QMainWindow, stack: QUndoStack) -> Actions:
    style = window.style()
    undo = stack.createUndoAction(window, "&Undo")
    undo.setShortcuts(QKeySequence.keyBindings(_Key.Undo))
    redo = stack.createRedoAction(window, "&Redo")
    redo.setShortcuts(
        [*QKeySequence.keyBindings(_Key.Redo), QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")]
    )
    for action in (undo, redo):
        window.addAction(action)
    recent = QMenu("Open &Recent", window)
    recent.setObjectName("openRecentMenu")
    actions = Actions(
        new_project=_action(
            window, "&New Project…", "A new project from documents or folders", _Key.New
        ),
        open_project=_action(window, "&Open Project…", "Open a project file", _Key.Open),
        open_recent=recent,
        save_as=_action(
            window,
            "Save Project &As…",
            "Copy the project to a file of your choice",
            _Key.SaveAs,
            "Ctrl+Shift+S",
        ),
        close_project=_action(window, "&Close Project", "Close the project", _Key.Close),
        export_csv=_action(
            window, "&Export Annotations as CSV…", "Every annotation, one row per tag", "Ctrl+E"
        ),
        undo=undo,
        redo=redo,
        import_documents=_action(
            window, "&Import Documents…", "Add text files to the corpus", "Ctrl+I"
        ),
        import_folder=_action(
            window, "Import &Folder…", "Add every text file of a folder", "Ctrl+Shift+I"
        ),
        open_sample=_action(window, "Open &Sample Corpus", "The 7 March 2022 cable and articles"),
        quit=_action(window, "&Quit", "Close CableReader", _Key.Quit, "Ctrl+Q"),
        copy=_action(window, "&Copy", "Copy the selected text", _Key.Copy),
        select_all=_action(window, "Select &All", "Select the whole document", _Key.SelectAll),
        find=_action(window, "&Find…", "Find in the focused pane", _Key.Find),
        find_next=_action(window, "Find &Next", "Next match", "F3"),
        find_previous=_action(window, "Find Pre&vious", "Previous match", "Shift+F3"),
        find_in_corpus=_action(window, "Find in &Corpus…", "Search every document", "Ctrl+Shift+F"),
        zoom_in=_action(window, "Zoom &In", "Larger text", _Key.ZoomIn, "Ctrl+="),
        zoom_out=_action(window, "Zoom &Out", "Smaller text", _Key.ZoomOut, "Ctrl+-"),
        zoom_reset=_action(window, "&Actual Size", "Default text size", "Ctrl+0"),
        lock_scrolling=_action(
            window,
            "&Lock Scrolling",
            "Scroll both panes together, keeping passages level",
            "Ctrl+L",
            checkable=True,
            name="lockScrollingAction",
        ),
        ignore_typography=_action(
            window,
            "Ignore &Typography and Whitespace",
            "Hide differences that are only quote marks, dashes, case or spacing",
            "Ctrl+T",
            checkable=True,
            name="ignoreTypographyAction",
        ),
        next_passage=_action(window, "&Next Passage", "Go to the next passage", "Alt+Down"),
        previous_passage=_action(
            window, "&Previous Passage", "Go to the previous passage", "Alt+Up"
        ),
        focus_source=_action(window, "Focus &Source Pane", "Move the keyboard focus", "Ctrl+1"),
        focus_article=_action(window, "Focus A&rticle Pane", "Move the keyboard focus", "Ctrl+2"),
        focus_documents=_action(
            window, "Focus &Documents List", "Move the keyboard focus", "Ctrl+3"
        ),
        full_screen=_action(
            window, "F&ull Screen", "Use the whole screen", _Key.FullScreen, checkable=True
        ),
        compare_with_source=_action(
            window,
            "&Compare with Source",
            "Show the article and the source as two witnesses, with every difference",
            "Ctrl+Shift+D",
        ),
        use_as_source=_action(
            window, "&Use as Source", "Analyse every other document against this one"
        ),
        analyse=_action(window, "&Analyse Again", "Run the analysis again", _Key.Refresh, "F5"),
        cancel_analysis=_action(window, "&Cancel Analysis", "Stop the running analysis"),
        shortcuts=_action(window, "&Keyboard Shortcuts", "Every shortcut", "Ctrl+/", "F1"),
        about=_action(window, "&About CableReader", "Version and licences"),
        about_qt=_action(window, "About &Qt", "The Qt toolkit"),
    )
    actions.next_passage.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowDown))
    actions.previous_passage.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowUp))
    actions.import_documents.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_DialogOpenButton))
    actions.cancel_analysis.setEnabled(False)
    actions.quit.setMenuRole(QAction.MenuRole.QuitRole)
    actions.about.setMenuRole(QAction.MenuRole.AboutRole)
    actions.about_qt.setMenuRole(QAction.MenuRole.AboutQtRole)
    return actions


def build_menus(window: QMainWindow, actions: Actions, docks: list[QAction]) -> QToolBar:
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    file_menu.setObjectName("fileMenu")
    file_menu.addActions([actions.new_project, actions.open_project])
    file_menu.addMenu(actions.open_recent)
    file_menu.addActions([actions.save_as, actions.close_project])
    file_menu.addSeparator()
    file_menu.addActions([actions.import_documents, actions.import_folder, actions.open_sample])
    file_menu.addSeparator()
    file_menu.addAction(actions.export_csv)
    file_menu.addSeparator()
    file_menu.addAction(actions.quit)

    edit = bar.addMenu("&Edit")
    edit.setObjectName("editMenu")
    edit.addActions([actions.undo, actions.redo])
    edit.addSeparator()
    edit.addActions([actions.copy, actions.select_all])
    edit.addSeparator()
    edit.addActions(
        [actions.find, actions.find_next, actions.find_previous, actions.find_in_corpus]
    )

    view = bar.addMenu("&View")
    view.setObjectName("viewMenu")
    view.addActions([actions.next_passage, actions.previous_passage])
    view.addSeparator()
    view.addActions([actions.lock_scrolling, actions.ignore_typography])
    view.addSeparator()
    view.addActions([actions.zoom_in, actions.zoom_out, actions.zoom_reset])
    view.addSeparator()
    view.addActions([actions.focus_source, actions.focus_article, actions.focus_documents])
    view.addSeparator()
    panels = view.addMenu("&Panels")
    panels.addActions(docks)
    view.addAction(actions.full_screen)

    corpus = bar.addMenu("&Corpus")
    corpus.setObjectName("corpusMenu")
    corpus.addActions([actions.compare_with_source, actions.use_as_source])
    corpus.addSeparator()
    corpus.addActions([actions.analyse, actions.cancel_analysis])

    help_menu = bar.addMenu("&Help")
    help_menu.setObjectName("helpMenu")
    help_menu.addActions([actions.shortcuts, actions.about, actions.about_qt])

    toolbar = window.addToolBar("Navigation")
    toolbar.setObjectName("navigationToolBar")
    toolbar.setMovable(False)
    toolbar.addAction(actions.import_documents)
    toolbar.addSeparator()
    toolbar.addActions([actions.previous_passage, actions.next_passage])
    toolbar.addSeparator()
    toolbar.addActions([actions.lock_scrolling, actions.ignore_typography])
    toolbar.addAction(actions.compare_with_source)
    return toolbar


class ShortcutsDialog(QDialog):
    """Every action that has a shortcut, from the actions themselves."""

    def __init__(self, actions: Actions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard Shortcuts — CableReader")
        self.resize(520, 560)
        rows = []
        for action in actions.all():
            keys = ", ".join(
                k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()
            )
            if keys:
                name = action.text().replace("&", "").rstrip("…")
                rows.append(f"<tr><td>{escape(name)}</td><td><b>{escape(keys)}</b></td></tr>")
        rows.append("<tr><td>Move between panes and lists</td><td><b>Tab, Shift+Tab</b></td></tr>")
        browser = QTextBrowser()
        browser.setObjectName("shortcutsText")
        browser.setHtml(
            "<table cellpadding='4'>"
            "<tr><th align='left'>Action</th><th align='left'>Keys</th></tr>"
            + "".join(rows)
            + "</table>"
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(browser)
        layout.addWidget(buttons)
