"""The Qt-free core of CableReader: documents, text normalisation, alignment, quotes.

Nothing in this package may import Qt; the UI and the command line are its clients.
"""
