"""The window's actions, menus and toolbar.

Actions are created here with their shortcuts, tooltips and status tips; the window
connects them.  The shortcut sheet (``shortcuts``) is generated from the same actions,
so it cannot drift from what the keys really do.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QMainWindow,
    QMenu,
    QStyle,
    QToolBar,
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
    use_as_article: QAction
    make_primary: QAction
    analyse: QAction
    cancel_analysis: QAction
    shortcuts: QAction
    about: QAction
    about_qt: QAction
    # ---- the reader at first sight (issue 15) ----
    remove_document: QAction
    close_comparison: QAction
    print_view: QAction
    export_pdf: QAction
    preferences: QAction

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
    set_keys(action, *shortcuts)
    shown = shown_keys(action)
    action.setToolTip(f"{tip} ({shown[0]})" if shown else tip)
    action.setStatusTip(tip)
    action.setCheckable(checkable)
    if name:
        action.setObjectName(name)
    # Shortcuts work wherever the focus is inside the window (docks included).
    parent.addAction(action)
    return action


_SHOWN_KEYS = "shownKeys"


def set_keys(action: QAction, *shortcuts: QKeySequence | QKeySequence.StandardKey | str) -> None:
    """Give ``action`` its keys, each once, and remember the ones people are told about.

    A standard key expands to the platform's bindings, which may repeat an explicit key
    (the same key twice makes Qt ignore it as an "ambiguous overload") or add keys no
    keyboard has (F14, Undo, Copy): people are told the explicit keys, or, where there
    are none, the standard key's first binding.
    """
    keys: dict[str, QKeySequence] = {}
    explicit: list[QKeySequence] = []
    standard: list[QKeySequence] = []
    for shortcut in shortcuts:
        if isinstance(shortcut, QKeySequence.StandardKey):
            bindings = QKeySequence.keyBindings(shortcut)
            standard.extend(bindings[:1])
        else:
            bindings = [QKeySequence(shortcut)]
            explicit.extend(bindings)
        for key in bindings:
            keys.setdefault(key.toString(), key)
    shown: list[str] = []
    for key in explicit or standard:
        text = key.toString(QKeySequence.SequenceFormat.NativeText)
        if text and text not in shown:
            shown.append(text)
    action.setShortcuts(list(keys.values()))
    action.setProperty(_SHOWN_KEYS, shown)


def shown_keys(action: QAction) -> list[str]:
    """The keys of ``action`` as the shortcut sheet and tooltips name them."""
    value = action.property(_SHOWN_KEYS)
    return [str(v) for v in value] if isinstance(value, list) else []


def build_actions(window: QMainWindow, stack: QUndoStack) -> Actions:
    style = window.style()
    undo = stack.createUndoAction(window, "&Undo")
    set_keys(undo, _Key.Undo)
    redo = stack.createRedoAction(window, "&Redo")
    set_keys(redo, "Ctrl+Shift+Z", "Ctrl+Y", _Key.Redo)
    for action in (undo, redo):
        window.addAction(action)
    recent = QMenu("Open &Recent", window)
    recent.setObjectName("openRecentMenu")
    # ---- the reader at first sight (issue 15) ----
    remove_document = _action(
        window,
        "&Remove Document",
        "Remove the selected document and its annotations from the project (undoable)",
        "Del",
        name="removeDocumentAction",
    )
    close_comparison = _action(
        window,
        "Close Co&mparison",
        "Back to the article against the source",
        "Esc",
        name="closeComparisonAction",
    )
    close_comparison.setEnabled(False)
    print_view = _action(
        window,
        "&Print…",
        "Print the two panes with their highlights, or the quotation table",
        "Ctrl+P",
        _Key.Print,
        name="printAction",
    )
    export_pdf = _action(
        window,
        "Export as P&DF…",
        "The two panes with their highlights, or the quotation table, as a PDF file",
        name="exportPdfAction",
    )
    preferences = _action(
        window,
        "&Preferences…",
        "Your name, written to the annotations you make",
        "Ctrl+,",
        name="preferencesAction",
    )
    preferences.setMenuRole(QAction.MenuRole.PreferencesRole)
    # ---- end of issue 15's actions ----
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
        close_project=_action(window, "&Close Project", "Close the project", "Ctrl+W", _Key.Close),
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
        quit=_action(window, "&Quit", "Close CableReader", "Ctrl+Q", _Key.Quit),
        copy=_action(window, "&Copy", "Copy the selected text", _Key.Copy),
        select_all=_action(window, "Select &All", "Select the whole document", _Key.SelectAll),
        find=_action(window, "&Find…", "Find in the focused pane", _Key.Find),
        find_next=_action(window, "Find &Next", "Next match", "F3"),
        find_previous=_action(window, "Find Pre&vious", "Previous match", "Shift+F3"),
        find_in_corpus=_action(window, "Find in &Corpus…", "Search every document", "Ctrl+Shift+F"),
        zoom_in=_action(window, "Zoom &In", "Larger text", "Ctrl++", "Ctrl+=", _Key.ZoomIn),
        zoom_out=_action(window, "Zoom &Out", "Smaller text", "Ctrl+-", _Key.ZoomOut),
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
            # F11 by name: the standard FullScreen key is no key at all on some desktops.
            window,
            "F&ull Screen",
            "Use the whole screen (F11 or Esc to leave)",
            "F11",
            _Key.FullScreen,
            checkable=True,
            name="fullScreenAction",
        ),
        compare_with_source=_action(
            window,
            "&Compare with Source",
            "Show the article and the source as two witnesses, with every difference",
            "Ctrl+Shift+D",
        ),
        use_as_source=_action(
            window, "&Use as Source", "Trace the articles' quotations to this document too"
        ),
        use_as_article=_action(
            window, "Use as &Article", "Check this source's quotations against the others"
        ),
        make_primary=_action(
            window,
            "Make &Primary Source",
            "Name this source first when a quotation is in several; compare witnesses with it",
        ),
        analyse=_action(window, "&Analyse Again", "Run the analysis again", _Key.Refresh, "F5"),
        cancel_analysis=_action(window, "&Cancel Analysis", "Stop the running analysis"),
        shortcuts=_action(window, "&Keyboard Shortcuts", "Every shortcut", "Ctrl+/", "F1"),
        about=_action(window, "&About CableReader", "Version and licences"),
        about_qt=_action(window, "About &Qt", "The Qt toolkit"),
        remove_document=remove_document,
        close_comparison=close_comparison,
        print_view=print_view,
        export_pdf=export_pdf,
        preferences=preferences,
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
    # ---- issue 15 ----
    file_menu.addActions([actions.export_pdf, actions.print_view])
    # ----
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
    # ---- issue 15 ----
    edit.addSeparator()
    edit.addAction(actions.remove_document)
    edit.addSeparator()
    edit.addAction(actions.preferences)
    # ----

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
    corpus.addActions([actions.compare_with_source, actions.close_comparison])  # issue 15
    corpus.addActions([actions.use_as_source, actions.use_as_article, actions.make_primary])
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
