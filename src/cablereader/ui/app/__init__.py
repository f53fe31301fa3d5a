"""The main window: it wires the features together (actions, docks, status bar, session)."""
