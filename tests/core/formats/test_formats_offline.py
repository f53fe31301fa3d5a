"""No format path touches the network: every fixture, good and bad, is imported, put in
a project, compared and quote-checked by the command line in processes whose sockets
and name lookups fail (the guard of tests/test_offline.py), and nothing is attempted."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from cablereader.core.sample import sample_corpus_dir
from tests import format_fixtures
from tests.test_offline import cablereader_cli, offline  # noqa: F401  (a fixture)


def test_every_format_path_works_offline(offline, tmp_path: Path) -> None:  # noqa: F811
    env, log = offline
    folder = tmp_path / "all"
    folder.mkdir()
    for name, data in format_fixtures.all_fixtures():
        (folder / name).write_bytes(data)
    source = sample_corpus_dir() / f"{format_fixtures.SOURCE}.txt"
    (folder / source.name).write_bytes(source.read_bytes())
    # Clipboard HTML too, which no command reaches: run it under the same guard.
    clip = tmp_path / "clip.py"
    clip.write_text(
        "import sys\n"
        "from cablereader.core.formats.clipboard import document_from_clipboard\n"
        "html = open(sys.argv[1], encoding='utf-8').read()\n"
        "print(len(document_from_clipboard(html, None, 'clip').text))\n",
        encoding="utf-8",
    )
    news = next(folder.glob("*.news-html.html"))
    runs = {
        "quotes": ["quotes", str(folder), "--source", source.name, "--format", "json"],
        "compare": ["compare", str(source), str(next(folder.glob("*.mhtml.mhtml")))],
        "new": ["new", str(tmp_path / "p.crproj"), str(folder)],
    }
    for name, args in runs.items():
        done = cablereader_cli(env, *args)
        # The bad fixtures are reported (exit 1 for `new` and `quotes`), the rest done.
        assert done.returncode in (0, 1), f"{name}: {done.stderr}"
        assert not log.exists(), f"{name} tried the network: {log.read_text(encoding='utf-8')}"
        if name == "quotes":
            report = json.loads(done.stdout)
            assert len(report["documents"]) == 4 * len(format_fixtures.ARTICLE_VERSIONS) + 1
            for bad in ("encrypted.pdf", "scanned.pdf", "no-article.html", "bomb.docx"):
                assert bad in done.stderr
    done = subprocess.run(
        [sys.executable, str(clip), str(news)], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and int(done.stdout) > 1000, done.stderr
    assert not log.exists()
