"""What the GUI benchmarks open: the sample's two texts, a large project, a long pair.

Everything is deterministic (the synthetic corpus of ``generate.py`` and seeded
``random.Random`` instances), built into a folder the caller gives.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

from cablereader.core.documents import load_paths
from cablereader.core.project import Project
from cablereader.core.project.editing import NewAnnotation
from cablereader.core.sample import sample_corpus_dir
from cablereader.core.sources import detect_source

try:  # python -m benchmarks.gui
    from benchmarks import generate
except ImportError:  # python benchmarks/gui.py: this folder is on sys.path
    import generate  # type: ignore[no-redef,import-not-found]

_WORD = re.compile(r"\S+")


def sample_pair() -> tuple[Path, Path]:
    """The files of the two texts the app shows first on the sample: source, first article."""
    folder = sample_corpus_dir()
    documents = load_paths([str(folder)]).documents
    source = detect_source(documents)
    article = next(d for d in documents if d.name != source.name)
    return folder / source.name, folder / article.name


def large_project(folder: Path, articles: int, annotations: int, seed: int = 0) -> Path:
    """A project of ``articles`` synthetic articles and ``annotations`` annotations.

    Annotations are spread evenly over the articles (a few on the source), a word-aligned
    passage of 3–40 words each, with one or two of the starter tags, and a note on every
    fifth.  Written with the bulk insert (one transaction).
    """
    documents = generate.make_corpus(articles, seed)
    path = folder / f"corpus-{articles}-{annotations}.crproj"
    rng = random.Random(f"annotations:{seed}")
    with Project.create(path, documents, source=generate.SOURCE_NAME) as project:
        tag_ids = [tag.id for tag in project.tags()]
        words = {d.name: [m.span() for m in _WORD.finditer(d.text)] for d in documents}
        items = []
        for index in range(annotations):
            # One in a hundred on the source, the rest article by article.
            document = documents[0] if index % 100 == 99 else documents[1 + index % articles]
            spans = words[document.name]
            first = rng.randrange(len(spans))
            last = min(len(spans) - 1, first + rng.randint(2, 39))
            tags = rng.sample(tag_ids, rng.choice((1, 1, 1, 2)))
            note = f"Note {index}: check this against the cable." if index % 5 == 0 else ""
            items.append(NewAnnotation(document.name, spans[first][0], spans[last][1], tags, note))
        project.add_annotations(items)
    return path


@dataclass(frozen=True)
class LongPair:
    project: Path
    source_file: Path
    article_file: Path
    source_chars: int
    article_chars: int


def long_pair(folder: Path, source_kb: int, article_kb: int, seed: int = 0) -> LongPair:
    """A book-length source (cable-like sections) and a long article quoting all over it."""
    parts: list[str] = []
    size = 0
    part = 0
    while size < source_kb * 1000:
        parts.append(generate.make_source(seed * 10_000 + part))
        size += len(parts[-1]) + 2
        part += 1
    source = "\n\n".join(parts)
    pieces: list[str] = []
    size = 0
    index = 0
    while size < article_kb * 1000:
        pieces.append(generate.make_article(source, index, seed))
        size += len(pieces[-1]) + 2
        index += 1
    article = "\n\n".join(pieces)
    source_file = folder / "long-source.txt"
    article_file = folder / "long-article.txt"
    source_file.write_text(source, encoding="utf-8")
    article_file.write_text(article, encoding="utf-8")
    documents = load_paths([str(source_file), str(article_file)]).documents
    path = folder / f"pair-{source_kb}k-{article_kb}k.crproj"
    Project.create(path, documents, source=source_file.name).close()
    return LongPair(path, source_file, article_file, len(source), len(article))
