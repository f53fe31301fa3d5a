"""A deterministic synthetic corpus for the benchmarks: one cable-like source, N articles.

The source (~10 KB) reads like a diplomatic cable: a header, then paragraphs of
reported conversation, some of it direct speech in straight double quotes.  Each
article (~8 KB) is news prose built from a *different* vocabulary (so it does not match
the source by chance), into which are mixed, with typographic quote marks:

- ``verbatim`` quotes: a source sentence, a stretch of direct speech, or a run of 6–14
  words, copied exactly (straight apostrophes sometimes made curly, and the final full
  stop sometimes turned into a comma before an attribution, American style);
- ``altered`` quotes: a source passage with one or two words replaced, two neighbouring
  words swapped, or a few words dropped from its middle;
- ``unsourced`` quotes: invented sentences, in the article's register or in the
  source's own (a fabricated quote in the cable's style);
- now and then, one or two source sentences copied without quote marks.

Everything comes from ``random.Random`` instances seeded from the arguments, so the same
arguments always give the same corpus.  The ground truth (where each generated quote
is, and what kind it is) comes with :func:`make_article_with_truth` and
:func:`make_corpus_with_truth`; :func:`write_corpus` writes it to ``truth.json``.

Usage: ``python benchmarks/generate.py OUT_DIR --articles N [--seed S]``
"""

from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from cablereader.core.documents import Document

SOURCE_NAME = "source.txt"
SOURCE_CHARS = 10_000
ARTICLE_CHARS = 8_000

VERBATIM = "verbatim"
ALTERED = "altered"
UNSOURCED = "unsourced"
QUOTE_KINDS = (VERBATIM, ALTERED, UNSOURCED)


def article_name(index: int) -> str:
    return f"article_{index + 1:04d}.txt"


# --- vocabularies -------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return text.split()


# The source's content words and the articles' filler words are disjoint (checked
# below), so filler prose shares only function words with the source.

_S_NOUNS = _words("""accord agenda alliance amendment arbitration assurance blockade boundary
briefing cabinet caucus ceasefire charter coalition communique concession consensus
consulate convoy corridor council covenant credential crisis decree delegation demarche
deployment detente dialogue directive dossier embargo emissary envoy escalation
exemption federation frontier garrison guarantee initiative inquiry insurgency
intervention legation mandate manifesto memorandum mission moratorium negotiation
neutrality ordinance outreach overture parliament partnership petition plebiscite
posture precedent protocol provision ratification realignment reciprocity referendum
reform regime reprisal resolution sanction secretariat settlement sovereignty stalemate
statute strategy summit surveillance tariff treaty tribunal truce ultimatum verification
veto waiver accession annex armistice assembly chancery cipher clearance commission
compact confederation conference delegate doctrine electorate entente expulsion
extradition faction jurisdiction legislature mediation ministry observer pact plenary
quorum rapprochement recognition repatriation secession signatory subsidy succession
transit trusteeship visa""")

_S_ADJECTIVES = _words("""aggressive ambiguous bilateral candid cautious categorical coercive
confidential constructive cordial decisive deliberate diplomatic discreet divisive
durable eventual explicit fragile formal frank hasty hostile impartial informal interim
lasting lengthy multilateral mutual neutral partisan pivotal preliminary premature
principled prolonged provisional reciprocal regional reluctant renewed sensitive
sovereign strategic tacit tentative unilateral unprecedented urgent verbal volatile wary
bipartisan consular ministerial sweeping binding contentious measured""")

# Regular verbs whose past tense needs no doubled consonant.
_S_VERBS = _words("""acknowledge address affirm allege assess assure caution challenge clarify
complicate condemn confirm consider consult contest convey debate defend demand deny
discuss dismiss emphasize endorse examine explain express highlight ignore implement
interpret jeopardize justify monitor negotiate notify obstruct oppose outline postpone
question reaffirm reconsider reject request resist review revisit scrutinize signal
stress suspend undermine weaken verify protest pursue reassess recall restrict support
underline""")

_S_ADVERBS = _words("""categorically clearly firmly frankly openly privately quietly repeatedly
sharply strongly briefly carefully directly explicitly formally gradually immediately
informally jointly publicly reluctantly seriously swiftly unambiguously""")

_S_PLACES = _words("""Valdoria Kestrania Ostmark Belavia Tarsenia Morvane Quillon Aldermoor Serevia
Dunmere Pellaria Ravensk Illyra Corvath Zemlin Brastova Halvard Lysandria Norvale
Ebrath""")

_S_MONTHS = _words("""January February March April May June July August September October
November December""")

_S_CAST = (
    "Assistant Secretary Ferrant",
    "Ferrant",
    "Deputy Secretary Kalloway",
    "Kalloway",
    "Counsellor Meridew",
    "the Deputy Chief of Mission",
    "Director Ostrander",
    "Ostrander",
    "the Defence Attache",
    "Envoy Vantreight",
)

_S_REPORT = _words("""said stated remarked observed noted added maintained argued conveyed
explained claimed warned indicated mentioned replied""")

_S_TELL = _words("""told informed reminded assured cautioned""")
_S_CONNECTIVES = ("although", "while", "since", "because", "whereas")

_F_NOUNS = _words("""bakery harvest rainfall stadium festival orchard tram museum playground
warehouse fishery vineyard marathon library hospital pharmacy carnival reservoir highway
tournament mortgage inflation startup factory shipyard ferry airport cinema theatre
gallery concert recipe kitchen classroom teacher nurse farmer tourist landlord tenant
cyclist coach striker goalkeeper referee orchestra novelist exhibition pension payroll
grocery railway timetable heatwave drought flood wildfire vaccine clinic semester
curriculum dormitory canteen marketplace boutique franchise dividend shareholder revenue
forecast satellite smartphone broadband podcast newsroom columnist editor headline
subscriber audience ticket fare salary bonus overtime bicycle parking lighthouse
harbour bridge garden allotment pastry bookshop laundry""")

_F_ADJECTIVES = _words("""bustling chilly cheerful crowded damp dusty enormous fashionable
fragrant generous glossy gloomy humid lively muddy noisy overdue quirky rainy rural
rustic seasonal shiny sleepy sluggish spacious sunny suburban tidy trendy upbeat vibrant
windy affordable expensive municipal annual weekly modest soaring steady surprising
colourful delicious popular""")

_F_VERBS = _words("""attract boost celebrate close cook delay deliver donate expand fund host
install launch measure open organize paint plant predict print produce renovate
repair replace rescue restore sample schedule serve sponsor train upgrade visit wash
shorten decorate polish""")

_F_CITIES = _words("""Brightwick Eastholm Fernport Greyhaven Larkfield Millbrook Oakridge
Pinecrest Redcliffe Saltmarsh Thornbury Westvale""")

_F_FIRST = _words("""Lena Tomas Priya Jonah Astrid Mateo Nadia Rufus Elsie Kwame Ingrid Dario
Maeve Osric Talia Bram""")
_F_LAST = _words("""Brightwater Coldstream Fairweather Hollins Ironside Lockhart Marchbanks
Nightingale Pemberton Redgrave Stillwell Thistlewood""")
_F_ROLES = _words("""economist spokesperson councillor researcher organizer shopkeeper
historian commentator""")
_F_INSTITUTIONS = (
    "the Larkfield Institute",
    "the Harbour Trust",
    "Eastholm University",
    "the Civic Forum",
    "the Guild of Grocers",
)
_F_DAYS = _words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
_F_NEWS_VERBS = _words("""reported announced confirmed revealed suggested predicted""")

_OUTLETS = (
    "The Morning Ledger",
    "Harbour Radio",
    "The Evening Courier",
    "Cityline News",
    "The Weekly Lantern",
)

_SOURCE_WORDS = {w.lower() for w in _S_NOUNS + _S_ADJECTIVES + _S_VERBS + _S_ADVERBS + _S_PLACES}
_FILLER_WORDS = {w.lower() for w in _F_NOUNS + _F_ADJECTIVES + _F_VERBS + _F_CITIES}
if _SOURCE_WORDS & _FILLER_WORDS:  # pragma: no cover - a guard for whoever edits the lists
    raise AssertionError(f"shared vocabulary: {sorted(_SOURCE_WORDS & _FILLER_WORDS)}")


# --- helpers ------------------------------------------------------------------------


def _past(verb: str) -> str:
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and verb[-2] not in "aeiou":
        return verb[:-1] + "ied"
    return verb + "ed"


def _a(word: str) -> str:
    return ("an " if word[0].lower() in "aeiou" else "a ") + word


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- the source ---------------------------------------------------------------------


def _s_np(rng: random.Random) -> str:
    noun, adj, place = rng.choice(_S_NOUNS), rng.choice(_S_ADJECTIVES), rng.choice(_S_PLACES)
    return rng.choice(
        (
            f"the {adj} {noun}",
            _a(f"{adj} {noun}"),
            f"the {noun} of {place}",
            f"{place}'s {noun}",
            f"the {adj} {noun} of {place}",
            f"{place}'s {adj} {noun}",
        )
    )


def _s_pp(rng: random.Random) -> str:
    noun, adj = rng.choice(_S_NOUNS), rng.choice(_S_ADJECTIVES)
    place, month = rng.choice(_S_PLACES), rng.choice(_S_MONTHS)
    return rng.choice(
        (
            f"in {place}",
            f"during the {adj} {noun}",
            f"after the {noun} in {place}",
            f"without {_a(adj)} {noun}",
            f"before the {noun} in {month}",
            f"on the eve of the {noun}",
            f"despite the {adj} {noun}",
        )
    )


def _s_clause(rng: random.Random) -> str:
    verb, adv = rng.choice(_S_VERBS), rng.choice(_S_ADVERBS)
    return rng.choice(
        (
            f"{_s_np(rng)} had {adv} {_past(verb)} {_s_np(rng)}",
            f"{_s_np(rng)} {_past(verb)} {_s_np(rng)} {_s_pp(rng)}",
            f"{_s_np(rng)} would {verb} {_s_np(rng)} {_s_pp(rng)}",
            f"{_s_np(rng)} was {adv} {_past(verb)} {_s_pp(rng)}",
            f"{rng.choice(_S_PLACES)} could not {verb} {_s_np(rng)}",
            f"{_s_np(rng)} might {adv} {verb} {_s_np(rng)}",
        )
    )


def _s_speech_sentence(rng: random.Random) -> str:
    verb, adj = rng.choice(_S_VERBS), rng.choice(_S_ADJECTIVES)
    return rng.choice(
        (
            f"I think {_s_clause(rng)}.",
            f"If {_s_clause(rng)}, we will {verb} {_s_np(rng)} {_s_pp(rng)}.",
            f"We cannot {verb} {_s_np(rng)} while {_s_clause(rng)}.",
            f"It does not seem {adj} to us that {_s_clause(rng)}.",
            f"Honestly, {_s_clause(rng)}.",
            f"{_cap(_s_np(rng))} will be {_past(verb)} {_s_pp(rng)}.",
        )
    )


def _s_speech(rng: random.Random) -> str:
    return " ".join(_s_speech_sentence(rng) for _ in range(rng.choice((1, 1, 2))))


def _s_sentence(rng: random.Random) -> str:
    speaker = rng.choice(_S_CAST)
    report = rng.choice(_S_REPORT)
    return rng.choice(
        (
            f"{_cap(speaker)} {report} that {_s_clause(rng)}.",
            f"I {rng.choice(_S_TELL)} {speaker} that {_s_clause(rng)}, and that {_s_clause(rng)}.",
            f"{_cap(_s_clause(rng))}, {rng.choice(_S_CONNECTIVES)} {_s_clause(rng)}.",
            f'{_cap(speaker)} {report} that "{_s_speech(rng)}"',
            f'{_cap(speaker)} then said, "{_s_speech(rng)}"',
            f"In light of {_s_np(rng)}, {_s_clause(rng)}.",
            f"{_cap(rng.choice(_S_ADVERBS))}, {_s_clause(rng)} {_s_pp(rng)}.",
            f"{_cap(_s_clause(rng))} {_s_pp(rng)}.",
        )
    )


def make_source(seed: int) -> str:
    """A cable-like source of about 10 KB (deterministic in ``seed``)."""
    rng = random.Random(f"source:{seed}")
    place = rng.choice(_S_PLACES)
    lines = [
        "CONFIDENTIAL",
        f"From: Embassy of {place}",
        "To: Ministry of Foreign Affairs",
        f"Date: {rng.randint(1, 28)} {rng.choice(_S_MONTHS)} {rng.randint(1990, 2030)}",
        f"Subject: {_cap(rng.choice(_S_ADJECTIVES))} {rng.choice(_S_NOUNS)} "
        f"with Assistant Secretary Ferrant",
        "",
        "I had a luncheon meeting today with Assistant Secretary Ferrant. He was "
        "accompanied by Deputy Secretary Kalloway and Director Ostrander.",
    ]
    text = "\n".join(lines)
    while len(text) < SOURCE_CHARS:
        paragraph = " ".join(_s_sentence(rng) for _ in range(rng.randint(3, 6)))
        text += "\n\n" + paragraph
    return text + "\n"


# --- reading the source back ----------------------------------------------------------

_SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+")
_SPEECH_RE = re.compile(r'"([^"]+)"')
_WORD_RE = re.compile(r"[\w']+")


@dataclass(frozen=True)
class _Quotable:
    """A stretch of source text an article may quote: whole sentences or a word run."""

    text: str
    words: int
    sentence: bool  # starts a sentence and ends with its full stop


@lru_cache(maxsize=8)
def _quotables(source: str) -> tuple[tuple[_Quotable, ...], tuple[str, ...]]:
    """(quotable passages, plain sentences) of a source text."""
    quotables: list[_Quotable] = []
    plain: list[str] = []
    for paragraph in source.split("\n\n"):
        if ":" in paragraph.split("\n")[0] or paragraph.isupper():
            continue  # header lines
        paragraph = " ".join(paragraph.split())
        for speech in _SPEECH_RE.findall(paragraph):
            quotables.append(_Quotable(speech, len(_WORD_RE.findall(speech)), True))
        for sentence in _SENTENCE_END_RE.split(paragraph):
            if '"' in sentence or not sentence.endswith("."):
                continue
            words = len(_WORD_RE.findall(sentence))
            if words >= 8:
                plain.append(sentence)
                quotables.append(_Quotable(sentence, words, True))
    return tuple(quotables), tuple(plain)


def _word_window(rng: random.Random, text: str, low: int, high: int) -> str | None:
    """A run of ``low``–``high`` consecutive words of ``text``, as written there."""
    spans = [m.span() for m in _WORD_RE.finditer(text)]
    if len(spans) < low:
        return None
    size = rng.randint(low, min(high, len(spans)))
    first = rng.randint(0, len(spans) - size)
    return text[spans[first][0] : spans[first + size - 1][1]]


# --- alterations ----------------------------------------------------------------------


def _alter(rng: random.Random, text: str) -> tuple[str, str] | None:
    """``text`` with one or two words replaced, two words swapped, or words dropped.

    Changes are kept away from the edges (three words at each end stay), so that the
    result is never simply a shorter verbatim quote.
    """
    spans = [m.span() for m in _WORD_RE.finditer(text)]
    n = len(spans)
    if n < 10:
        return None
    inner = list(range(3, n - 3))
    how = rng.choice(("replace", "replace", "replace2", "swap", "drop"))
    if how in ("replace", "replace2"):
        count = 1 if how == "replace" else 2
        picks = sorted(rng.sample(inner, count), reverse=True)
        for k in picks:
            start, end = spans[k]
            old = text[start:end].lower()
            pool = _F_ADJECTIVES + _F_NOUNS if rng.random() < 0.5 else _S_ADJECTIVES + _S_NOUNS
            new = rng.choice([w for w in pool if w != old])
            text = text[:start] + new + text[end:]
        return text, how
    if how == "swap":
        k = rng.choice(inner[:-1])
        (s1, e1), (s2, e2) = spans[k], spans[k + 1]
        first, second = text[s1:e1], text[s2:e2]
        if first.lower() == second.lower():
            return None
        return text[:s1] + second + text[e1:s2] + first + text[e2:], how
    # Drop 2–4 words from the middle (a dropped clause), with what separates them.
    size = rng.randint(2, min(4, len(inner) - 1))
    k = rng.randint(inner[0], inner[-1] - size + 1)
    return text[: spans[k][0]] + text[spans[k + size][0] :], how


# --- articles -----------------------------------------------------------------------


def _f_np(rng: random.Random) -> str:
    noun, adj = rng.choice(_F_NOUNS), rng.choice(_F_ADJECTIVES)
    city = rng.choice(_F_CITIES)
    return rng.choice(
        (
            f"the {adj} {noun}",
            _a(f"{adj} {noun}"),
            f"the {noun} in {city}",
            f"{city}'s {noun}",
            f"the {noun} near the {rng.choice(_F_NOUNS)}",
        )
    )


def _f_person(rng: random.Random) -> str:
    return f"{rng.choice(_F_FIRST)} {rng.choice(_F_LAST)}"


def _f_sentence(rng: random.Random) -> str:
    verb, adj = rng.choice(_F_VERBS), rng.choice(_F_ADJECTIVES)
    day, city = rng.choice(_F_DAYS), rng.choice(_F_CITIES)
    return rng.choice(
        (
            f"{_cap(_f_np(rng))} {_past(verb)} {_f_np(rng)} on {day}.",
            f"{_f_person(rng)}, {_a(rng.choice(_F_ROLES))} at "
            f"{rng.choice(_F_INSTITUTIONS)}, expects {_f_np(rng)} to {verb} "
            f"{_f_np(rng)} by {day}.",
            f"Residents of {city} {rng.choice(_F_NEWS_VERBS)} that {_f_np(rng)} "
            f"looked {adj} this year.",
            f"Critics described {_f_np(rng)} as {adj}, and the town board agreed to "
            f"{verb} {_f_np(rng)}.",
            f"In {city}, {_f_np(rng)} was {_past(verb)} after {_f_np(rng)} turned {adj}.",
            f"Nobody in {city} expected {_f_np(rng)} to be so {adj}.",
            f"{_cap(_f_np(rng))} is {adj} again, {rng.choice(_F_NEWS_VERBS)} {_f_person(rng)}.",
            f"The {rng.choice(_F_NOUNS)}'s {rng.choice(_F_NOUNS)} has been "
            f"{_past(verb)} twice since {day}.",
        )
    )


def _invented_quote(rng: random.Random) -> tuple[str, str]:
    """A quotation that is in no source: article register, or the source's own."""
    if rng.random() < 0.3:
        # A fabricated quote in the cable's register: source words, new sentences.
        return _s_speech_sentence(rng), "source-style"
    verb, adj, noun = rng.choice(_F_VERBS), rng.choice(_F_ADJECTIVES), rng.choice(_F_NOUNS)
    return rng.choice(
        (
            f"We will {verb} every {noun} in {rng.choice(_F_CITIES)} before the "
            f"{adj} {rng.choice(_F_NOUNS)}.",
            f"Nobody asked us whether we wanted {_a(adj)} {noun}.",
            f"Are we supposed to {verb} the {noun} ourselves?",
            f"This {noun} is {adj}, and our {rng.choice(_F_NOUNS)} deserves better.",
            f"Are we your {noun}s?",
            f"I have never seen {_a(adj)} {noun} like this one.",
        )
    ), "article-style"


@dataclass(frozen=True)
class GeneratedQuote:
    """A quotation placed in an article: ``start``/``end`` exclude the quote marks."""

    kind: str  # verbatim, altered or unsourced
    start: int
    end: int
    text: str
    # How it was made: verbatim "sentence"/"words"; altered "replace"/"replace2"/"swap"/
    # "drop"; unsourced "article-style"/"source-style".
    detail: str = ""


@dataclass(frozen=True)
class GeneratedCopy:
    """Source sentences copied into an article without quote marks.

    ``detail`` is empty for an exact copy, else how it was altered (as for quotes).
    """

    start: int
    end: int
    detail: str = ""


@dataclass(frozen=True)
class ArticleTruth:
    """What was put into an article: its quotations and unmarked copies of the source."""

    name: str
    quotes: tuple[GeneratedQuote, ...]
    copies: tuple[GeneratedCopy, ...]


@dataclass(frozen=True)
class _Item:
    """Source-related text to place in an article.

    ``kind`` is a quote kind or ``"copy"`` (copied without marks); ``frame`` is the
    sentence around it, with ``{q}`` where the marked quotation goes.
    """

    kind: str
    text: str
    frame: str
    detail: str


# An article paragraph is a list of pieces: filler sentences and items.
_Piece = str | _Item


def _quote_frame(rng: random.Random, sourced: bool) -> tuple[str, bool]:
    """A sentence frame for a quotation; the flag says whether it wants a closing comma."""
    speaker = rng.choice(_S_CAST) if sourced else _f_person(rng)
    if not sourced and rng.random() < 0.3:
        speaker = rng.choice(_S_CAST)  # a quote wrongly attributed to the cable
    day = rng.choice(_F_DAYS)
    frames = (
        (f"According to the cable, {speaker} said: {{q}}", False),
        (f"{{q}} {speaker} said, according to the document.", True),
        (f"The cable quotes {speaker} as saying {{q}}", False),
        (f"In a speech on {day}, {speaker} declared: {{q}}", False),
        (f"{{q}} {speaker} told reporters on {day}.", True),
    )
    return rng.choice(frames)


def _quote_piece(rng: random.Random, kind: str, source: str) -> _Item:
    quotables, _ = _quotables(source)
    if kind == UNSOURCED:
        text, detail = _invented_quote(rng)
        frame, comma = _quote_frame(rng, sourced=False)
    else:
        while True:
            chosen = rng.choice(quotables)
            if kind == VERBATIM:
                if rng.random() < 0.35:
                    window = _word_window(rng, chosen.text, 6, 14)
                    if window is None:
                        continue
                    text, detail = window, "words"
                else:
                    text, detail = chosen.text, "sentence"
                break
            altered = _alter(rng, chosen.text)
            if altered is not None:
                text, detail = altered
                break
        frame, comma = _quote_frame(rng, sourced=True)
        if rng.random() < 0.5:
            text = text.replace("'", "\u2019")  # typographic apostrophes: still verbatim
    if comma and text.endswith("."):
        text = text[:-1] + ","
    if not comma and not text.endswith((".", "?", "!")):
        frame = frame.rstrip(".") + "."
    return _Item(kind, text, frame, detail)


def _copy_piece(rng: random.Random, source: str) -> _Item:
    _, plain = _quotables(source)
    i = rng.randrange(len(plain))
    text = " ".join(plain[i : i + rng.choice((1, 1, 2))])
    altered = _alter(rng, text) if rng.random() < 0.3 else None
    if altered is None:
        return _Item("copy", text, "{q}", "")
    return _Item("copy", altered[0], "{q}", altered[1])


def make_article_with_truth(source: str, index: int, seed: int) -> tuple[str, ArticleTruth]:
    """An article of about 8 KB quoting ``source``, and what was put into it."""
    rng = random.Random(f"article:{seed}:{index}")
    outlet = _OUTLETS[rng.randrange(len(_OUTLETS))]
    items: list[_Item] = []
    for kind, low, high in ((VERBATIM, 2, 5), (ALTERED, 1, 3), (UNSOURCED, 1, 3)):
        items.extend(_quote_piece(rng, kind, source) for _ in range(rng.randint(low, high)))
    if rng.random() < 0.35:
        items.append(_copy_piece(rng, source))
    rng.shuffle(items)

    paragraphs: list[list[_Piece]] = []
    chars = 0
    planned = 12
    homes = [rng.randrange(planned) for _ in items]
    for i in range(planned):
        pieces: list[_Piece] = [_f_sentence(rng) for _ in range(rng.randint(2, 4))]
        for item, home in zip(items, homes, strict=True):
            if home == i:
                pieces.insert(rng.randint(0, len(pieces)), item)
        paragraphs.append(pieces)
        chars += sum(len(p) if isinstance(p, str) else len(p.text) + 60 for p in pieces)
    while chars < ARTICLE_CHARS - 400:
        pieces = [_f_sentence(rng) for _ in range(rng.randint(2, 4))]
        paragraphs.insert(rng.randint(1, len(paragraphs)), pieces)
        chars += sum(len(p) for p in pieces if isinstance(p, str))

    headline = (
        f"{_cap(rng.choice(_F_ADJECTIVES))} {rng.choice(_F_NOUNS)} and the "
        f"{rng.choice(_S_PLACES)} cable"
    )
    out = [headline, "\n\n", f"By {_f_person(rng)} | {outlet}", "\n\n"]
    length = sum(len(s) for s in out)
    quotes: list[GeneratedQuote] = []
    copies: list[GeneratedCopy] = []
    for number, pieces in enumerate(paragraphs):
        if number:
            out.append("\n\n")
            length += 2
        for position, piece in enumerate(pieces):
            if position:
                out.append(" ")
                length += 1
            if isinstance(piece, str):
                out.append(piece)
                length += len(piece)
                continue
            text = piece.text
            before, after = piece.frame.split("{q}")
            if piece.kind == "copy":
                copies.append(GeneratedCopy(length, length + len(text), piece.detail))
                sentence = text
            else:
                start = length + len(before) + 1
                quotes.append(
                    GeneratedQuote(piece.kind, start, start + len(text), text, piece.detail)
                )
                sentence = f"{before}\u201c{text}\u201d{after}"
            out.append(sentence)
            length += len(sentence)
    footer = f"\n\n\u00a9 {outlet}. All rights reserved. Reporting by {_f_person(rng)}.\n"
    out.append(footer)
    text = "".join(out)
    return text, ArticleTruth(article_name(index), tuple(quotes), tuple(copies))


def make_article(source: str, index: int, seed: int) -> str:
    """An article of about 8 KB quoting ``source`` (deterministic in its arguments)."""
    return make_article_with_truth(source, index, seed)[0]


@dataclass(frozen=True)
class SyntheticCorpus:
    documents: list[Document]  # the source first
    truth: dict[str, ArticleTruth]  # by article name


def make_corpus_with_truth(n_articles: int, seed: int = 0) -> SyntheticCorpus:
    source = make_source(seed)
    documents = [Document.from_text(SOURCE_NAME, source)]
    truth: dict[str, ArticleTruth] = {}
    for index in range(n_articles):
        text, facts = make_article_with_truth(source, index, seed)
        documents.append(Document.from_text(facts.name, text))
        truth[facts.name] = facts
    return SyntheticCorpus(documents, truth)


def make_corpus(n_articles: int, seed: int = 0) -> list[Document]:
    """``source.txt`` followed by ``article_0001.txt`` … (deterministic in ``seed``)."""
    return make_corpus_with_truth(n_articles, seed).documents


def write_corpus(folder: str | Path, n_articles: int, seed: int = 0) -> Path:
    """Write the corpus as UTF-8 files into ``folder``, with ``truth.json`` beside them."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    corpus = make_corpus_with_truth(n_articles, seed)
    for document in corpus.documents:
        (folder / document.name).write_text(document.text, encoding="utf-8")
    truth = {name: asdict(facts) for name, facts in corpus.truth.items()}
    (folder / "truth.json").write_text(
        json.dumps({"seed": seed, "source": SOURCE_NAME, "articles": truth}, indent=1),
        encoding="utf-8",
    )
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic CableReader corpus.")
    parser.add_argument("out_dir", help="folder to write the documents into")
    parser.add_argument("--articles", type=int, default=100, help="number of articles")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    folder = write_corpus(args.out_dir, args.articles, args.seed)
    print(f"wrote {SOURCE_NAME}, {args.articles} articles and truth.json to {folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
