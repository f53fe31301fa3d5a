"""The built-in sample corpus: the 7 March 2022 cable and four articles."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from cablereader.core.documents import Document, load_document

SAMPLE_SOURCE = "003_5dca466439790169.txt"


def resources_dir() -> Path:
    """The app's resources: inside the installed package, or the checkout's ``resources/``.

    A wheel carries them as ``cablereader/resources``; an editable install of a checkout
    does not, so fall back to the ``resources/`` folder beside ``src/``.
    """
    packaged = Path(str(resources.files("cablereader"))) / "resources"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[3] / "resources"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError("the CableReader resources folder is missing from this installation")


def sample_corpus_dir() -> Path:
    return resources_dir() / "corpus"


def load_sample_corpus() -> list[Document]:
    """The sample documents, in file-name order."""
    return [load_document(path) for path in sorted(sample_corpus_dir().glob("*.txt"))]
