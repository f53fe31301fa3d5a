"""Import benchmarks: time per format, and how well web pages' main text is found.

    python benchmarks/formats.py            # all figures (~30 s)
    python benchmarks/formats.py --long     # also a 200-page PDF

1. Import time (``load_document``, median of several runs) for each format version of
   the sample articles, a 20-page PDF and a news page with heavy boilerplate.
2. Word-level F1 of the text extracted from a set of web pages whose main text is known
   (the sample articles in six site layouts: news site, blog, "div soup", boilerplate
   inside the article body, <br>-separated text, a layout table), for CableReader's
   HTML path, trafilatura on its own with its defaults, and all the page's text.
3. Reading order on the two-column PDF (written row by row across the columns): share
   of the words in order (difflib ratio over word lists), pdfminer.six with
   CableReader's layout rules against pypdf's plain extraction.
"""

from __future__ import annotations

import argparse
import html
import io
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import format_fixtures as fx  # noqa: E402

from benchmarks.report import verdict_line  # noqa: E402
from cablereader.core.documents import load_document  # noqa: E402
from cablereader.core.formats.html import extract_html  # noqa: E402

_WORD_RE = re.compile(r"\w+")


def words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD_RE.findall(text)]


def f1(extracted: str, truth: str) -> tuple[float, float, float]:
    """(precision, recall, F1) of the extracted words against the true ones (multisets)."""
    got, want = Counter(words(extracted)), Counter(words(truth))
    overlap = sum((got & want).values())
    precision = overlap / max(1, sum(got.values()))
    recall = overlap / max(1, sum(want.values()))
    score = 2 * precision * recall / (precision + recall) if overlap else 0.0
    return precision, recall, score


def median_time(function: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


# --- web pages in other site layouts ----------------------------------------------------


def _escaped(stem: str) -> tuple[str, list[str]]:
    headline, *body = fx.article_paragraphs(stem)
    return html.escape(headline), [html.escape(p, quote=False) for p in body]


def blog_page(stem: str) -> bytes:
    headline, body = _escaped(stem)
    paragraphs = "".join(f"<p>{p}</p>\n" for p in body)
    widgets = "".join(
        f'<section class="widget"><h2 class="widget-title">{t}</h2><ul>'
        + "".join(f'<li><a href="/p/{i}">{t} post number {i}</a></li>' for i in range(6))
        + "</ul></section>"
        for t in ("Recent Posts", "Archives", "Categories")
    )
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{headline} – A Blog</title>
<meta name="generator" content="WordPress 6.4"></head><body class="single-post">
<div id="page"><header id="masthead"><p class="site-title"><a href="/">A Blog</a></p>
<p class="site-description">Thoughts on foreign policy</p></header>
<div id="content"><main id="main"><article class="post type-post">
<header class="entry-header"><h1 class="entry-title">{headline}</h1>
<div class="entry-meta">Posted on <time>August 9, 2023</time> by <a href="/a/">admin</a></div>
</header><div class="entry-content">{paragraphs}</div>
<footer class="entry-footer">Categories: <a href="/c/pk">Pakistan</a>, <a href="/c/us">US</a>
Tags: cable, diplomacy</footer></article>
<nav class="post-navigation"><a href="/prev">Previous post: Markets and the monsoon</a>
<a href="/next">Next post: Ten things about Lahore</a></nav>
<div id="comments"><h2>14 thoughts on “{headline}”</h2><ol class="comment-list">
<li class="comment"><p>Great post, thanks for sharing this with us all today.</p></li>
<li class="comment"><p>I disagree, the cable says nothing of the sort, read it again.</p></li>
</ol><div id="respond"><h3>Leave a Reply</h3><form><textarea></textarea>
<input type="submit" value="Post Comment"></form></div></div></main>
<aside id="secondary">{widgets}</aside></div>
<footer id="colophon">Proudly powered by WordPress | Theme: Twenty Twenty</footer></div>
</body></html>""".encode()


def div_soup_page(stem: str) -> bytes:
    headline, body = _escaped(stem)
    mega_menu = "".join(
        f'<div class="menu-col"><div class="menu-head">{s}</div>'
        + "".join(f'<div><a href="/{s}/{i}">{s} topic {i}</a></div>' for i in range(8))
        + "</div>"
        for s in ("News", "Business", "Sport", "Life")
    )
    paragraphs = "".join(f'<div class="txt">{p}<br></div>' for p in body)
    most_read = "".join(
        f'<div class="mr-item"><span>{i}</span><a href="/m/{i}">Most read story {i} of '
        f"the day with a longer headline</a></div>"
        for i in range(1, 11)
    )
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{headline}</title></head><body><div id="wrap"><div class="top">{mega_menu}</div>
<div class="main"><div class="hd"><span class="h">{headline}</span></div>
<div class="story">{paragraphs}</div></div><div class="right"><div class="mr-title">Most read</div>
{most_read}</div><div class="bottom">Copyright 2023. Contact us. Advertise. Jobs.</div>
</div></body></html>""".encode()


def inline_boilerplate_page(stem: str) -> bytes:
    headline, body = _escaped(stem)
    parts: list[str] = []
    for number, paragraph in enumerate(body):
        parts.append(f"<p>{paragraph}</p>")
        if number == 1:
            parts.append(
                '<figure><img src="/i/1.jpg" alt=""><figcaption>Supporters at a rally in '
                "Islamabad. Photo: Agency</figcaption></figure>"
            )
        if number == 2:
            parts.append('<div class="ad"><span>Advertisement</span></div>')
        if number == 3:
            parts.append(
                '<aside class="inline-related"><h4>More on this story</h4><ul>'
                '<li><a href="/r1">Who is Donald Lu, the diplomat at the centre?</a></li>'
                '<li><a href="/r2">Timeline: Imran Khan from cricket to prison</a></li>'
                "</ul></aside>"
            )
        if number == 5:
            parts.append(
                '<div class="newsletter-inline"><p>Sign up to First Edition, our free daily '
                "newsletter, every weekday morning at 7am</p><button>Sign up</button></div>"
            )
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{headline}</title>
<meta property="og:site_name" content="The Observer Post"></head><body>
<header><nav><a href="/">Home</a><a href="/world">World</a></nav></header>
<main><article><h1>{headline}</h1><p class="standfirst-meta">Wed 9 Aug 2023 10.30 BST</p>
{"".join(parts)}
<p class="share">Share this article: <a href="#">Facebook</a> <a href="#">X</a></p>
</article></main><footer><p>© 2023 The Observer Post</p></footer></body></html>""".encode()


def br_page(stem: str) -> bytes:
    headline, body = _escaped(stem)
    return f"""<html><head><meta charset="utf-8"><title>{headline}</title></head><body>
<table width="100%"><tr><td><a href="/">Front page</a> | <a href="/archive">Archive</a></td></tr>
</table><section class="article"><h2>{headline}</h2>
{"<br><br>".join(body)}
</section><hr><small>Reproduction prohibited. Syndication: sales@example.com</small>
</body></html>""".encode()


def layout_table_page(stem: str) -> bytes:
    headline, body = _escaped(stem)
    nav = "".join(f'<a href="/s{i}">Section {i}</a><br>' for i in range(12))
    paragraphs = "".join(f"<p>{p}</p>" for p in body)
    return f"""<html><head><meta charset="utf-8"><title>{headline}</title></head>
<body><table><tr><td class="nav" width="150">{nav}</td><td class="content">
<h1>{headline}</h1>{paragraphs}</td><td class="ads" width="160">Sponsored links:
<a href="/x">Cheap flights to Karachi</a> <a href="/y">Learn Urdu fast</a></td></tr></table>
</body></html>""".encode()


LAYOUTS: dict[str, Callable[[str], bytes]] = {
    "news site": fx.html_news_page,
    "blog": blog_page,
    "div soup": div_soup_page,
    "inline boilerplate": inline_boilerplate_page,
    "<br> text": br_page,
    "layout table": layout_table_page,
}


def all_page_text(data: bytes) -> str:
    """Every text node of the page outside scripts and styles: no extraction at all."""
    import lxml.html

    tree = lxml.html.fromstring(data)
    for bad in tree.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    return str(tree.text_content())


def trafilatura_alone(data: bytes) -> str:
    from cablereader.core.formats.html import _trafilatura

    return str(_trafilatura().extract(data.decode("utf-8")) or "")


def bench_web_pages() -> None:
    print("Main text of web pages: word-level precision / recall / F1 against the known text")
    methods: dict[str, Callable[[bytes], str]] = {
        "CableReader (trafilatura, precision + fallback)": lambda d: extract_html(d).text,
        "trafilatura.extract on its own (defaults)": trafilatura_alone,
        "all text of the page (no extraction)": all_page_text,
    }
    totals: dict[str, list[float]] = {name: [] for name in methods}
    for layout, build in LAYOUTS.items():
        for stem in fx.ARTICLES:
            data = build(stem)
            truth = "\n".join(fx.article_paragraphs(stem))
            for name, method in methods.items():
                try:
                    text = method(data)
                except ValueError:
                    text = ""
                totals[name].append(f1(text, truth)[2])
        scores = "  ".join(
            f"{statistics.mean(totals[name][-len(fx.ARTICLES) :]):.3f}" for name in methods
        )
        print(verdict_line(f"{layout} (F1: ours, trafilatura alone, all text)", scores))
    for name, scores in totals.items():
        print(
            verdict_line(
                f"mean F1 over {len(scores)} pages: {name}", f"{statistics.mean(scores):.3f}"
            )
        )
        print(verdict_line("  worst page", f"{min(scores):.3f}"))


def bench_import_times(long_pdf: bool) -> None:
    print("Import time (load_document, median of runs)")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        # Warm the lazy imports so the first format does not pay for all libraries.
        for version, (suffix, build) in fx.ARTICLE_VERSIONS.items():
            path = root / f"warm-{version}{suffix}"
            path.write_bytes(build(fx.ARTICLES[2]))
            load_document(path)
        txt = fx.ARTICLES[1]
        base = median_time(lambda: load_document(fx.sample_corpus_dir() / f"{txt}.txt"), 20)
        print(verdict_line(f"plain text ({txt}.txt, 13.7 KB)", f"{base * 1000:.1f} ms"))
        for version, (suffix, build) in fx.ARTICLE_VERSIONS.items():
            path = root / f"{txt}.{version}{suffix}"
            path.write_bytes(build(txt))
            seconds = median_time(lambda p=path: load_document(p), 7)  # type: ignore[misc]
            size = path.stat().st_size / 1024
            print(verdict_line(f"{version} ({size:.0f} KB)", f"{seconds * 1000:.1f} ms"))
        cases = [("20-page PDF", fx.pdf_pages(20), ".pdf", 3)]
        if long_pdf:
            cases.append(("200-page PDF", fx.pdf_pages(200), ".pdf", 1))
        for label, data, suffix, repeats in cases:
            path = root / f"long{suffix}"
            path.write_bytes(data)
            seconds = median_time(lambda p=path: load_document(p), repeats)  # type: ignore[misc]
            pages = int(label.split("-")[0])
            print(
                verdict_line(
                    f"{label} ({len(data) / 1024:.0f} KB)",
                    f"{seconds:.2f} s ({seconds / pages * 1000:.0f} ms a page)",
                )
            )


def bench_reading_order() -> None:
    from pypdf import PdfReader

    from cablereader.core.formats.pdf import extract_pdf

    print("Two-column PDF written row by row: share of words in reading order (1 = all)")
    ours, theirs, t_ours, t_theirs = [], [], 0.0, 0.0
    for stem in fx.ARTICLES:
        data = fx.pdf_two_columns(stem)
        truth = words(" ".join(fx.article_paragraphs(stem)))
        start = time.perf_counter()
        mine = words(extract_pdf(data).text)
        t_ours += time.perf_counter() - start
        start = time.perf_counter()
        plain = words(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))
        t_theirs += time.perf_counter() - start
        ours.append(SequenceMatcher(None, truth, mine, autojunk=False).ratio())
        theirs.append(SequenceMatcher(None, truth, plain, autojunk=False).ratio())
    print(
        verdict_line(
            "pdfminer.six + CableReader layout rules",
            f"{statistics.mean(ours):.3f}  ({t_ours * 1000 / len(ours):.0f} ms a file)",
        )
    )
    print(
        verdict_line(
            "pypdf extract_text",
            f"{statistics.mean(theirs):.3f}  ({t_theirs * 1000 / len(theirs):.0f} ms a file)",
        )
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--long", action="store_true", help="also time a 200-page PDF")
    args = parser.parse_args(argv)
    bench_import_times(args.long)
    bench_web_pages()
    bench_reading_order()
    return 0


if __name__ == "__main__":
    sys.exit(main())
