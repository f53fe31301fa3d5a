"""The PySide6 user interface: thin widgets over the core (arrives with the main window)."""
