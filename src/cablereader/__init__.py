"""CableReader: check how a primary source was reported."""

__version__ = "0.1.0"
