"""Real article pages: import each saved page of a folder (``../shared/realpages`` unless one is
given) as ``l10n import`` does and score what the source keeps against the page's reference
(Readability's expected title, excerpt and body).

    .venv/bin/python bench/bench_articles.py [FOLDER] [--pages a,b | --held-out] [--show] [--url]
        [--json FILE]

FOLDER holds one folder a page, each with ``source.html``, ``expected.html`` and
``expected-metadata.json``: the layout of ``test/test-pages`` in Mozilla Readability's
repository; or it is a checkout of Zyte's article extraction benchmark (``AEB``: a
``ground-truth.json`` and ``html/``), whose English pages are scored as ``score_aeb`` says;
or it is the L3S-GN1 news collection (``annotated/`` and ``original/``), whose pages are chosen
as ``L3S_REPO`` says and scored as ``score_l3s`` says; or it is the ``tests`` folder of
trafilatura's repository (``evaldata.json``, ``eval/``, ``cache/``), whose pages are chosen as
``TRAFILATURA_REPO`` says and scored as ``score_trafilatura`` says; or it is fundus's parser
test data (``tests/resources/parser/test_data``: a folder a country, each with a
``meta.info``), whose pages are chosen as ``FUNDUS_REPO`` says and scored as ``score_fundus``
says; or it is a checkout of Postlight's Parser (``fixtures/`` and ``src/extractors/custom/``),
whose pages are chosen as ``POSTLIGHT_REPO`` says and scored as ``score_postlight`` says.
Or it is newspaper's test data (``tests/data``: ``fulltext_url_list.txt``, ``html/``, ``text/``),
whose pages are chosen as ``NEWSPAPER_REPO`` says and scored as Zyte's are; or goose3's
content test data (``tests/data/content``: ``test_NAME.html`` and ``test_NAME.json``), whose
pages are chosen as ``GOOSE_REPO`` says and scored as Postlight's are.
``--json FILE`` also writes the totals (``totals``) and each page's scores to FILE.
``--held-out`` scores only the pages of ``HELD_OUT`` there: the English news pages of
that repository (commit ``READABILITY_COMMIT``) that are not among the 18 of
``../shared/realpages``, chosen by what they are before the import was run on any of them.

Scores, per page and in all: the title is the reference title; the standfirst (the reference
excerpt) is kept, and kept as a standfirst; each body paragraph and subhead of the reference is
present, and present in one block (not split); each subhead is published as a subhead; each
caption as a caption; each link is absolute; and blocks (other than captions, which the
reference mostly drops, and standfirsts) whose words are nowhere in the reference: boilerplate
that leaked. A standfirst whose words are not in the reference is counted apart: the reference
excerpt is the page's description (``og:description``), and the import takes the standfirst
the page shows under its headline, which is often worded otherwise.
Words are compared as letters and digits only, case folded. Set aside (not scored, counted
apart with how many of them the import keeps): the reference's paragraphs of the shapes the
import leaves out as not the article's (``pipeline.sources.BOILERPLATE``, links to other
stories, closing notes on the author) and its headings above the page's headline; a reference
heading that is the excerpt is scored as the standfirst. A page the import refuses scores
nothing (its title wrong, every paragraph missing).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipeline.errors import L10nError  # noqa: E402
from pipeline.segment import read_source  # noqa: E402
from pipeline.sources import (  # noqa: E402
    AUTHOR_NOTE,
    BOILERPLATE,
    html_document,
    kickers,
    related_link,
    web_address,
)

PAGES = REPO.parent / "shared" / "realpages"
READABILITY = "https://github.com/mozilla/readability"
READABILITY_COMMIT = "ab4027a8b37669745016869a37a504727992b2ba"
# Readability's test pages from English-language news sites and news magazines, each one
# article, that are not among the 18 of ../shared/realpages. Left out: pages in other
# languages, blogs, documentation, fiction, Wikipedia, synthetic test cases, ``lwn-1`` (a
# weekly edition of many articles) and ``yahoo-2`` (its reference title is the site's name).
HELD_OUT = (
    "article-author-tag",
    "breitbart",
    "bug-1255978",
    "citylab-1",
    "cnet",
    "engadget",
    "lazy-image-2",
    "medicalnewstoday",
    "msn",
    "quanta-1",
    "salon-1",
    "schema-org-context-object",
    "simplyfound-1",
    "spiceworks",
    "theverge",
    "tmz-1",
    "videos-1",
    "webmd-1",
    "wikia",
    "wordpress",
    "yahoo-1",
    "yahoo-3",
)
# A second set of pages (held out, then a development set): Zyte's article extraction
# benchmark (``ground-truth.json``, each page's ``articleBody`` as plain text, its HTML in
# ``html/ID.html.gz``). The pages scored are every page whose reference is English prose:
# one word in ten or more one of ``ENGLISH``; chosen on the references alone, before the
# import was run on any of them.
AEB = "https://github.com/scrapinghub/article-extraction-benchmark"
AEB_COMMIT = "4a3bc979f76c0df73cb95fe272e2fc1b96f9f010"
ENGLISH = frozenset("the and of to in is that for it with as was on are be by this".split())
ENGLISH_SHARE = 0.1
# A third set of pages (held out, then a development set): the L3S-GN1 news collection
# (Kohlschuetter et al., WSDM 2010; the copy in ``L3S_REPO``, folder
# ``L3S-GN1-20100130203947-00001``): 621 articles linked from six English-language Google
# News portals in 2008, each page's HTML in
# ``original/UUID.html`` and, in ``annotated/UUID.html``, its text marked by hand as headline,
# full text, supplemental (captions, datelines), related content, comments or none
# (``<span class="x-nc-selN">``). The pages scored are every page whose annotation marks a
# headline and a full text of three paragraphs or more of ``MIN_WORDS`` words, English prose
# (``english``), in the order of their ids; chosen on the annotations alone, before the
# import was run on any of them.
L3S_REPO = "https://github.com/geodrome/page-signal"
L3S_COMMIT = "186d8153b3d111f84865ddc180600a9cbe35ac7f"
L3S_MIN_PARAGRAPHS = 3
# A fourth set of pages, fresh: trafilatura's evaluation pages (``TRAFILATURA_REPO`` at
# ``TRAFILATURA_COMMIT``, folder ``tests``): for each page (keyed by its URL in
# ``evaldata.json``, its HTML in ``eval/`` or ``cache/``), passages chosen by hand that the
# page's main text holds (``with``) and that it does not (``without``: navigation, footers,
# notices beside the text), readers' comments (``comments``) and the page's title. The pages
# scored are every page whose annotation (title and passages) is English prose (``english``)
# and whose ``<html lang>``, where it has one, is English (``en`` or ``en-…``), in the order
# of the file; chosen on the annotation and that attribute alone, before the import was run
# on any of them. The set is not only news: blogs, recipes, documentation and others.
TRAFILATURA_REPO = "https://github.com/adbar/trafilatura"
TRAFILATURA_COMMIT = "e90b0ef51ab026fdb905fb6c5b3c84dd3d784fd5"
_HTML_LANG = re.compile(rb"<html\b[^>]*?\blang\s*=\s*[\"']?([\w-]*)", re.IGNORECASE)
# A fifth set of pages, fresh: fundus's parser test pages (``FUNDUS_REPO`` at
# ``FUNDUS_COMMIT``, folder ``tests/resources/parser/test_data``): a folder a country (``us``,
# ``uk``, ``de``, ...), each with its publishers' pages (``Publisher_YYYY_MM_DD.html.gz``, the
# date the page was saved), ``meta.info`` (each page's URL and crawl date) and
# ``Publisher.json``: for each version of the publisher's hand-written parser (``V1``,
# ``V1_1``, ``V2``, ...), what that version extracts from its page (``title``; ``body``: the
# ``summary`` paragraphs and ``sections`` of a ``headline`` and ``paragraphs``; ``images``
# with their ``caption``). A publisher has one page a version; fundus's tests pair them by the
# date each version is valid until, which is in the order of the versions' numbers, so a
# page is paired with the version of the same rank: pages in the order of their names (their
# dates), versions in the order of their numbers. The pages scored are every page (one
# article: the one its parser extracts) whose reference (title, summary and paragraphs) is
# English prose (``english``), in any country's folder, and which has a title and a paragraph
# of ``MIN_WORDS`` words or more, in the order of the folders and of the page files; chosen
# on the references alone, and committed before the import was run on any of them.
FUNDUS_REPO = "https://github.com/flairNLP/fundus"
FUNDUS_COMMIT = "18da6e53592f99cf0ac5770dc63d6ba99ba63ae8"
_FUNDUS_VERSION = re.compile(r"V(\d+(?:_\d+)*)")
LEAK_EXEMPT = ("chrome", "title", "caption", "credit")
# Postlight's Parser (formerly Mercury Parser): for each site it has a custom extractor for, a
# saved page (``fixtures/``) and a test (``src/extractors/custom/SITE/index.test.js``) of
# what the extractor gives, written by hand for that page: its title, often its dek (the
# standfirst) and the first words of its content. The pages scored are every test's first
# page (the first ``readFileSync('./fixtures/...')`` and ``url = ...`` of the file) whose test
# expects a title (a string), whose expected title, dek and first words are English prose by
# ``english``, and whose ``<html lang>``, where it has one, is English, in the order of the
# sites' folders: chosen before the import was run on any of them.
POSTLIGHT_REPO = "https://github.com/postlight/parser"
POSTLIGHT_COMMIT = "e8ba7ece291efa4d915d50dd4deeec17d54359f2"
_JS_ASSERT = re.compile(r"assert\.equal\(\s*(title|dek|first\d+)\s*,\s*")
_JS_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
# A seventh set of pages, fresh: newspaper's full-text test pages (``NEWSPAPER_REPO`` at
# ``NEWSPAPER_COMMIT``, folder ``tests/data``): 157 pages, mostly of American news and
# magazine sites of 2014 (``html/NAME.html``), each with the text newspaper's extraction is
# expected to give (``text/NAME.txt``: the body, a paragraph a line) and, for 145 of them, the
# page's URL (``fulltext_url_list.txt``, a page named by its site's domain and a count, as the
# repository's tests name them). The reference is a regression fixture of that extractor, not
# text marked by hand. The pages scored are every page whose reference text is English prose
# (``english``) and whose ``<html lang>``, where it has one, is English, in the order of their
# names; chosen on that alone, before the import was run on any of them. Amended once, after
# the first run: a reference that is one line in capitals is not scored, as it is a note of
# how the extractor failed ("MISSES SECOND HALF OF ARTICLE"), not the page's text (the
# repository's test reads it so); 13 of the 132 pages first chosen. Scored as Zyte's.
NEWSPAPER_REPO = "https://github.com/AndyTheFactory/newspaper4k"
NEWSPAPER_COMMIT = "79553f6302cea1a6e36103fb4dc1c675ca704cd3"
# An eighth set of pages, fresh: goose3's content test pages (``GOOSE_REPO`` at
# ``GOOSE_COMMIT``, folder ``tests/data/content``): saved pages of news sites and blogs of
# 2010 to 2014 (``test_NAME.html``), each with what goose's extraction is expected to give
# (``test_NAME.json``: the page's ``url`` and, in ``expected``, the beginning of the article's
# text, ``cleaned_text``, and for some pages its ``title``). The reference is a regression
# fixture of that extractor, not text marked by hand. The pages scored are every page whose
# expected title and text are English prose (``english``), whose ``<html lang>``, where it
# has one, is English, and whose URL is not made up (``example.com``, ``exemple.com``: the
# repository's synthetic cases); of pages that share a URL (one page saved for several
# tests), the first; in the order of their names. Chosen on that alone, before the import was
# run on any of them. Scored as Postlight's: the title (where the test expects one), the
# opening (``goose_opening``: the expected text's first line, at most ``OPENING_WORDS``
# words), links, leaked blocks.
GOOSE_REPO = "https://github.com/goose3/goose3"
GOOSE_COMMIT = "c5a8902eed0c4592a1ff5ec51a0277cf73a3aca7"
GOOSE_MADE_UP = ("example.com", "exemple.com")
OPENING_WORDS = 30
MIN_WORDS = 4  # reference paragraphs shorter than this (datelines, "Advertisement") are not scored
KICKER_KEY = 40  # the letters of a heading that ``pipeline.sources.kickers`` compares
CREDIT_ONLY = re.compile(r"^(?:credit|photo|image)")  # a caption's key that starts with a credit


@dataclass
class Score:
    """What one page keeps of its reference: (found, of) counts, and what went wrong."""

    page: str
    title: bool = False
    standfirst: tuple[bool, bool] = (False, False)  # present, as a standfirst
    paragraphs: list[int] = field(default_factory=lambda: [0, 0, 0])  # present, whole, of
    subheads: list[int] = field(default_factory=lambda: [0, 0, 0])  # present, as subhead, of
    captions: list[int] = field(default_factory=lambda: [0, 0, 0])  # present, as caption, of
    links: list[int] = field(default_factory=lambda: [0, 0])  # absolute, of
    leaked: list[str] = field(default_factory=list)
    set_aside: list[str] = field(default_factory=list)  # reference text not scored
    set_aside_kept: int = 0  # of which the import has (in its text)
    standfirst_outside: int = 0  # standfirsts not in a reference that has no field for one
    run_together: list[str] = field(default_factory=list)  # two reference words, space lost
    unscored: tuple[str, ...] = ()  # what the reference cannot score here: "title", "standfirst"
    problems: list[str] = field(default_factory=list)


def key(text: str) -> str:
    """Text for comparing: letters and digits only, case folded."""
    return "".join(c for c in text.casefold() if c.isalnum())


def title_keys(title: str) -> set[str]:
    """The keys a right title may have: the reference title, or (where the reference keeps a
    byline or site name after a ``|``, as Readability's does for one page) what is before it."""
    return {key(title), key(title.rsplit(" | ", 1)[0])}


def reference(folder: Path):
    """The reference's title, excerpt, paragraphs, subheads, captions, all its words, and
    what of it is set aside (not scored): its paragraphs of the shapes the import leaves out as
    not the article's (``set_aside``), and its headings above the page's headline (a section's
    name, ``pipeline.sources.kickers``). A heading that is the excerpt is scored as the
    standfirst, not as a subhead."""
    from lxml import html

    meta = json.loads((folder / "expected-metadata.json").read_text(encoding="utf-8"))
    tree = html.fromstring((folder / "expected.html").read_text(encoding="utf-8"))
    source = html.fromstring((folder / "source.html").read_bytes())

    def texts(elements) -> list[str]:
        found = [" ".join(e.text_content().split()) for e in elements]
        return [t for t in found if t]

    elements = [
        e
        for e in tree.xpath("//p[not(ancestor::figcaption)]")
        if len(e.text_content().split()) >= MIN_WORDS
    ]
    aside = set_aside(elements)
    paragraphs = texts(e for e in elements if e not in aside)
    above = {k for t in title_keys(meta.get("title") or "") for k in kickers(source, t)}
    excerpt = key(meta.get("excerpt") or "")
    subheads, kicker = [], []
    for heading in texts(tree.xpath("//h2|//h3|//h4|//h5|//h6")):
        if key(heading)[:KICKER_KEY] in above:
            kicker.append(heading)
        elif not excerpt or key(heading) != excerpt:
            subheads.append(heading)
    captions = texts(tree.xpath("//figcaption"))
    words = key(tree.text_content())
    left = texts(e for e in elements if e in aside) + kicker
    return meta, paragraphs, subheads, captions, words, left


def set_aside(paragraphs: list) -> set:
    """The reference's paragraphs of the shapes the import leaves out as not the article's:
    ``BOILERPLATE`` (anywhere), links to other stories (``related_link``), and the notes on the
    author (``AUTHOR_NOTE``) that end it."""
    aside = {
        e
        for e in paragraphs
        if BOILERPLATE.search(plain(e)) or related_link(e, link="a", target="href")
    }
    for element in reversed(paragraphs):
        if element in aside:
            continue
        if not AUTHOR_NOTE.match(plain(element)):
            break
        aside.add(element)
    return aside


def plain(element) -> str:
    """An element's words, whitespace runs as one space."""
    return " ".join(element.text_content().split())


def found(want: str, role: str, blocks: list[tuple[str, str]], everything: str):
    """(whole, present): ``want`` (a key) is in one block (of ``role`` where one is named;
    a caption may be without its credit, and a caption that is only a credit, "Credit Jane
    Tan", may be a credit), and it is somewhere in the text."""
    if role:
        roles = {role, "credit"} if role == "caption" and CREDIT_ONLY.match(want) else {role}
        whole = any(r in roles and k and (want in k or k in want) for r, k in blocks)
    else:
        whole = any(want in k for _, k in blocks)
    return whole, whole or want in everything


def score(folder: Path) -> Score:
    """The import of ``folder``'s page scored against its reference."""
    result = Score(folder.name)
    meta, paragraphs, subheads, captions, words, result.set_aside = reference(folder)
    text = read_source(folder / "source.html").decode("utf-8", errors="replace")
    doc = imported(result, text, folder / "source.html", paragraphs, subheads, captions)
    if doc is None:
        return result
    blocks = [(b.role, key(b.text)) for b in doc.blocks if b.role != "chrome"]
    title = next((b.text for b in doc.blocks if b.role == "title"), "")
    result.title = key(title) in title_keys(meta.get("title") or "")
    if not result.title:
        result.problems.append(f"title {title!r}, expected {meta.get('title')!r}")
    excerpt = key(meta.get("excerpt") or "")
    everything = "".join(k for _, k in blocks)
    if excerpt:
        # present: anywhere in the text (an excerpt may be the first two paragraphs)
        as_standfirst = any(r == "standfirst" and excerpt in k for r, k in blocks)
        result.standfirst = (excerpt in everything, as_standfirst)
    result.set_aside_kept = sum(key(t) in everything for t in result.set_aside)
    body(result, doc, blocks, paragraphs, subheads, captions)
    reference_words = words + key(meta.get("title") or "") + excerpt
    leaks(result, doc, reference_words, (*LEAK_EXEMPT, "standfirst"))
    # the excerpt is the page's description, which is often not the standfirst it shows
    result.standfirst_outside = sum(
        b.role == "standfirst" and key(b.text) not in reference_words for b in doc.blocks
    )
    return result


def imported(result: Score, text: str, path: Path, paragraphs, subheads, captions, url=""):
    """The page's Document (the import told the page's ``url`` where one is given), or None
    where the import refuses it (a problem of ``result``, whose every paragraph, subhead and
    caption is then missing)."""
    try:
        return html_document(text, result.page, path, url=known(url))
    except L10nError as error:
        result.problems.append(f"import refused: {error}")
        for wanted, tally in (
            (paragraphs, result.paragraphs),
            (subheads, result.subheads),
            (captions, result.captions),
        ):
            tally[2] = len(wanted)
        return None


def body(result: Score, doc, blocks, paragraphs, subheads, captions) -> None:
    """Scores each reference paragraph, subhead and caption against the import's ``blocks``
    (role, key), and each of its links."""
    everything = "".join(k for _, k in blocks)
    for wanted, tally, role in (
        (paragraphs, result.paragraphs, ""),
        (subheads, result.subheads, "subhead"),
        (captions, result.captions, "caption"),
    ):
        for item in wanted:
            whole, present = found(key(item), role, blocks, everything)
            tally[0] += present
            tally[1] += whole
            tally[2] += 1
            if not whole:
                how = f"split or not as a {role or 'block'}" if present else "missing"
                result.problems.append(f"{role or 'paragraph'} {how}: {item[:60]!r}")
    result.run_together = run_together(
        [b.text for b in doc.blocks], [*paragraphs, *subheads, *captions]
    )
    for word in result.run_together:
        result.problems.append(f"words run together: {word!r}")
    for segment in doc.segments():
        for tag in segment.tags:
            if tag.kind == "a":
                result.links[1] += 1
                result.links[0] += bool(re.match(r"(https?|mailto):", tag.target))


def words(text: str) -> list[str]:
    """``text``'s words, case folded: its runs of letters and digits (a soft hyphen, where a
    word may break, is not between two)."""
    return re.findall(r"[^\W_]+", text.replace("\xad", "").casefold())


def run_together(texts: list[str], reference: list[str]) -> list[str]:
    """The words of ``texts`` that are no word of the ``reference`` but two of its words
    with a space between them, joined: the space lost ("currentlystreaming"), which ``key``
    (letters and digits only) cannot see. Words parted by a mark, not a space ("it’s",
    "U.S.", "12:30"), are not two words joined."""
    known, joined = set(), set()
    for text in reference:
        pieces = [words(piece) for piece in text.split()]
        known.update(w for found in pieces for w in found)
        joined.update(a[-1] + b[0] for a, b in zip(pieces, pieces[1:]) if a and b)
    return [w for text in texts for w in words(text) if w in joined and w not in known]


def leaks(result: Score, doc, reference_words: str, exempt: tuple[str, ...]) -> None:
    """The import's blocks of three words or more, of a role not ``exempt``, whose words are
    nowhere in the reference: boilerplate that leaked."""
    for block in doc.blocks:
        # Captions are left out: the reference drops most of a page's figures.
        if block.role not in exempt and len(block.text.split()) >= 3:
            if key(block.text) not in reference_words:
                result.leaked.append(block.text[:70])


def known(url: str) -> str:
    """``url`` where ``l10n import --url`` takes it (an absolute web address), else none."""
    try:
        return web_address(url) if url else ""
    except L10nError:
        return ""


def english(text: str) -> bool:
    """Is ``text`` English prose (one word in ten or more one of ``ENGLISH``)?"""
    words = re.findall(r"[^\W\d_]+", text.casefold())
    return bool(words) and sum(w in ENGLISH for w in words) >= ENGLISH_SHARE * len(words)


def aeb_pages(folder: Path) -> dict[str, tuple[str, str]]:
    """The article extraction benchmark's pages that are scored, by id: its reference text
    and the page's URL."""
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    return {
        page: (item["articleBody"], str(item.get("url") or ""))
        for page, item in sorted(truth.items())
        if english(item.get("articleBody") or "")
    }


def score_aeb(folder: Path, page: str, reference_text: str, url: str = "") -> Score:
    """The import of one page of the article extraction benchmark scored against its reference,
    the article's body as plain text, a paragraph a line: paragraphs (present, whole), links
    and leaked blocks. Its headline and standfirst are not scored (the reference has neither);
    a standfirst that is not in the reference is counted apart, not as a leak. Set aside as
    for Readability's pages: paragraphs of the ``BOILERPLATE`` shapes and closing notes on the
    author (the reference has no links, so links to other stories are not told apart)."""
    import gzip

    path = folder / "html" / f"{page}.html.gz"
    text = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
    return score_text(page, text, path, reference_text, url)


def score_text(page: str, text: str, path: Path, reference_text: str, url: str = "") -> Score:
    """The import of one page (its HTML ``text``, saved at ``path``) scored against a
    reference that is the article's body as plain text, a paragraph a line: as
    ``score_aeb`` says."""
    result = Score(page, unscored=("title", "standfirst"))
    lines = [" ".join(line.split()) for line in reference_text.splitlines()]
    lines = [line for line in lines if len(line.split()) >= MIN_WORDS]
    paragraphs, result.set_aside = set_aside_lines(lines)
    doc = imported(result, text, path, paragraphs, [], [], url)
    if doc is None:
        return result
    blocks = [(b.role, key(b.text)) for b in doc.blocks if b.role != "chrome"]
    everything = "".join(k for _, k in blocks)
    result.set_aside_kept = sum(key(t) in everything for t in result.set_aside)
    body(result, doc, blocks, paragraphs, [], [])
    words = key(reference_text)
    leaks(result, doc, words, (*LEAK_EXEMPT, "standfirst"))
    result.standfirst_outside = sum(
        b.role == "standfirst" and key(b.text) not in words for b in doc.blocks
    )
    return result


_L3S_LABEL = re.compile(r"\bx-nc-sel([0-5])\b")
# Elements that end a line of text: a paragraph of the annotation is a run of text that none
# of these (nor a ``<br>``) interrupts.
_L3S_BLOCKS = frozenset(
    """address article aside blockquote body br center dd div dl dt fieldset figcaption figure
    footer form h1 h2 h3 h4 h5 h6 header hr li nav ol p pre section table tbody td tfoot th
    thead tr ul""".split()
)


def l3s_runs(path: Path) -> list[tuple[str, str]]:
    """An annotated L3S-GN1 page as runs of text, each (label, text): the label of the
    ``x-nc-selN`` span around it ("1" headline, "2" full text, "3" supplemental, "4" related,
    "5" comments, "0" or "" none); a new run at each block element or ``<br>`` and at each
    change of label."""
    from lxml import html

    tree = html.fromstring(path.read_bytes().decode("utf-8", errors="replace"))
    runs: list[list[str]] = []  # [label, text] pairs; a "" text ends a line
    pieces: list[tuple[str, str]] = []

    def walk(element, label: str) -> None:
        if not isinstance(element.tag, str) or element.tag in ("script", "style", "head"):
            return
        match = _L3S_LABEL.search(element.get("class") or "")
        label = match.group(1) if match else label
        block = element.tag in _L3S_BLOCKS
        if block:
            pieces.append(("|", ""))
        if element.text:
            pieces.append((label, element.text))
        for child in element:
            walk(child, label)
            if child.tail:
                pieces.append((label, child.tail))
        if block:
            pieces.append(("|", ""))

    walk(tree, "")
    for label, text in pieces:
        if label == "|":
            runs.append(["|", ""])
        elif runs and (runs[-1][0] == label or not text.strip()):  # (space between spans)
            runs[-1][1] += text
        else:
            runs.append([label, text])
    return [(label, " ".join(text.split())) for label, text in runs if " ".join(text.split())]


def l3s_pages(folder: Path) -> dict[str, tuple[list[str], list[str], str]]:
    """The L3S-GN1 pages that are scored, by id: (headline runs, full-text paragraphs of
    ``MIN_WORDS`` words or more, the key of all the text marked as content: headline, full
    text and supplemental)."""
    pages = {}
    for path in sorted((folder / "annotated").glob("*.html")):
        runs = l3s_runs(path)
        headline = [t for label, t in runs if label == "1"]
        paragraphs = [t for label, t in runs if label == "2" and len(t.split()) >= MIN_WORDS]
        text = " ".join(t for label, t in runs if label == "2")
        if headline and len(paragraphs) >= L3S_MIN_PARAGRAPHS and english(text):
            content = "".join(key(t) for label, t in runs if label in ("1", "2", "3"))
            pages[path.stem] = (headline, paragraphs, content)
    return pages


def score_l3s(
    folder: Path, page: str, wanted: tuple[list[str], list[str], str], url: str = ""
) -> Score:
    """The import of one L3S-GN1 page scored against its annotation: the headline (the
    import's title is the text marked as headline, or one run of it), the full text's
    paragraphs (present, whole), links, and leaked blocks (none of the text marked as
    headline, full text or supplemental). A standfirst that is not in the annotation is
    counted apart, as for the article extraction benchmark (a page's description is not its
    visible text). Set aside as there: full-text paragraphs of the ``BOILERPLATE`` shapes
    and closing notes on the author."""
    headline, lines, content = wanted
    result = Score(page, unscored=("standfirst",))
    paragraphs, result.set_aside = set_aside_lines(lines)
    path = folder / "original" / f"{page}.html"
    text = path.read_bytes().decode("utf-8", errors="replace")
    doc = imported(result, text, path, paragraphs, [], [], url)
    if doc is None:
        return result
    title = next((b.text for b in doc.blocks if b.role == "title"), "")
    result.title = key(title) in {key(" ".join(headline)), *(key(h) for h in headline)}
    if not result.title:
        result.problems.append(f"title {title!r}, expected {' '.join(headline)!r}")
    blocks = [(b.role, key(b.text)) for b in doc.blocks if b.role != "chrome"]
    everything = "".join(k for _, k in blocks)
    result.set_aside_kept = sum(key(t) in everything for t in result.set_aside)
    body(result, doc, blocks, paragraphs, [], [])
    leaks(result, doc, content, (*LEAK_EXEMPT, "standfirst"))
    result.standfirst_outside = sum(
        b.role == "standfirst" and key(b.text) not in content for b in doc.blocks
    )
    return result


def trafilatura_file(folder: Path, item: dict) -> Path:
    """The saved page of one entry of trafilatura's ``evaldata.json``."""
    found = folder / "eval" / item["file"]
    return found if found.is_file() else folder / "cache" / item["file"]


def trafilatura_pages(folder: Path) -> dict[str, dict]:
    """trafilatura's evaluation pages that are scored, by URL (or the set's own key where it
    names none): the entry of ``evaldata.json`` (``file``, ``title``, ``with``, ``without``,
    ``comments``)."""
    data = json.loads((folder / "evaldata.json").read_text(encoding="utf-8"))
    pages = {}
    for page, item in data.items():
        text = " ".join([item.get("title") or "", *item["with"], *item["without"]])
        path = trafilatura_file(folder, item)
        if not english(text) or not path.is_file():
            continue
        match = _HTML_LANG.search(path.read_bytes()[:200_000])
        lang = match.group(1).decode("ascii", "replace").lower() if match else ""
        if not lang or lang == "en" or lang.startswith("en-"):
            pages[page] = item
    return pages


def score_trafilatura(folder: Path, page: str, item: dict, url: bool = False) -> Score:
    """The import of one of trafilatura's evaluation pages scored against its annotation: the
    title (the set's ``title``, where it has one), each ``with`` passage (present, and whole:
    in one block), each ``without`` passage and comment the source keeps in a block other than
    its title (boilerplate kept: ``leaked``), and links. With ``url``, the import is told the
    page's URL (the set's key) as ``l10n import --url`` tells it."""
    result = Score(page, unscored=("standfirst",) if item.get("title") else ("title", "standfirst"))
    path = trafilatura_file(folder, item)
    text = path.read_bytes().decode("utf-8", errors="replace")
    wanted = [p for p in item["with"] if key(p)]
    try:
        doc = html_document(text, Path(item["file"]).stem, path, url=known(page if url else ""))
    except L10nError as error:
        result.problems.append(f"import refused: {error}")
        result.paragraphs[2] = len(wanted)
        return result
    title = next((b.text for b in doc.blocks if b.role == "title"), "")
    result.title = key(title) == key(item.get("title") or "")
    if item.get("title") and not result.title:
        result.problems.append(f"title {title!r}, expected {item.get('title')!r}")
    blocks = [(b.role, key(b.text)) for b in doc.blocks if b.role != "chrome"]
    body(result, doc, blocks, wanted, [], [])
    kept = [k for r, k in blocks if r != "title"]
    for kind in ("without", "comments"):
        for passage in item.get(kind) or []:
            if key(passage) and any(key(passage) in k for k in kept):
                result.leaked.append(f"{kind}: {passage[:60]}")
    return result


def trafilatura_table(pages: dict[str, dict], scores: list[Score]) -> list[str]:
    """A Markdown table of trafilatura's evaluation pages, then the totals."""
    rows = [
        "| page | title | passages present / whole | links absolute | boilerplate kept |",
        "|---|---|---|---|---|",
    ]
    titled = [s for s in scores if pages[s.page].get("title")]
    for s in scores:
        t = s.paragraphs
        right = ("right" if s.title else "wrong") if pages[s.page].get("title") else "-"
        rows.append(
            f"| {s.page[:60]} | {right} | {t[0]}/{t[2]} · {t[1]}/{t[2]} "
            f"| {s.links[0]}/{s.links[1]} | {len(s.leaked)} |"
        )
    t = [sum(s.paragraphs[i] for s in scores) for i in range(3)]
    refused = sum(any(p.startswith("import refused") for p in s.problems) for s in scores)
    rows.append(
        f"| **all {len(scores)}** ({refused} refused) | {sum(s.title for s in titled)}/"
        f"{len(titled)} right | {t[0]}/{t[2]} · {t[1]}/{t[2]} "
        f"| {sum(s.links[0] for s in scores)}/{sum(s.links[1] for s in scores)} "
        f"| {sum(bool(s.leaked) for s in scores)} pages |"
    )
    return rows


def fundus_pages(folder: Path) -> dict[str, tuple[Path, str, dict]]:
    """fundus's parser test pages that are scored, by name (``COUNTRY/Publisher_DATE``): the
    page's file, its URL (``meta.info``) and what its parser's version extracts from it (an
    entry of ``Publisher.json``). A file that is not the layout's is a ValueError naming it."""
    pages = {}
    for country in sorted(p for p in folder.iterdir() if (p / "meta.info").is_file()):
        meta = _json_file(country / "meta.info")
        if not isinstance(meta, dict) or not all(isinstance(m, dict) for m in meta.values()):
            raise ValueError(f"{country / 'meta.info'}: not a page a key, each with its url")
        for path in sorted(country.glob("*.json")):
            for file, item in fundus_publisher(path):
                paragraphs = [p for s in item["body"]["sections"] for p in s["paragraphs"]]
                text = " ".join([item.get("title") or "", *item["body"]["summary"], *paragraphs])
                if (
                    item.get("title")
                    and any(len(p.split()) >= MIN_WORDS for p in paragraphs)
                    and english(text)
                ):
                    url = meta.get(file.name, {}).get("url") or ""
                    pages[f"{country.name}/{file.name[:-8]}"] = (file, str(url), item)
    return pages


def fundus_publisher(path: Path) -> list[tuple[Path, dict]]:
    """A publisher's pages, each with what its parser's version extracts from it (``path``
    is the publisher's ``Publisher.json``): the pages in the order of their names (their
    dates), the versions in the order of their numbers."""
    versions = _json_file(path)
    if not isinstance(versions, dict) or not all(map(_FUNDUS_VERSION.fullmatch, versions)):
        raise ValueError(f"{path}: not a publisher's test data (keys V1, V1_1, ...)")
    files = sorted(
        f
        for f in path.parent.glob(f"{path.stem}_*.html.gz")
        if re.fullmatch(r"\d{4}_\d\d_\d\d", f.name[len(path.stem) + 1 : -8])
    )
    if len(files) != len(versions):
        raise ValueError(
            f"{path}: parser versions {len(versions)}, pages {len(files)} "
            f"(one {path.stem}_YYYY_MM_DD.html.gz a version)"
        )
    ranked = sorted(versions, key=lambda v: [int(n) for n in v[1:].split("_")])
    for version in ranked:
        try:
            fundus_reference(versions[version])
        except (AttributeError, KeyError, TypeError) as error:
            why = f"{type(error).__name__}: {error}"
            raise ValueError(f"{path}: {version}: not a parser's output ({why})") from None
    return [(file, versions[version]) for version, file in zip(ranked, files)]


def _json_file(path: Path):
    """A JSON file's value; a file that is not JSON is a ValueError naming it."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise ValueError(f"{path}: not JSON ({error})") from None


def fundus_reference(item: dict):
    """A fundus parser's output as a reference: its title, its summary as one text, its
    paragraphs of ``MIN_WORDS`` words or more and those set aside (``set_aside_lines``), its
    subheads (the sections' headlines), its images' captions, and all its words (title,
    summary, headlines, paragraphs, captions and the images' credits)."""
    body = item["body"]
    lines = [" ".join(p.split()) for s in body["sections"] for p in s["paragraphs"]]
    paragraphs, aside = set_aside_lines([p for p in lines if len(p.split()) >= MIN_WORDS])
    subheads = [" ".join(h.split()) for s in body["sections"] for h in s["headline"]]
    images = item.get("images") or []
    captions = [" ".join(i["caption"].split()) for i in images if (i.get("caption") or "").strip()]
    credits = [a for i in images for a in i.get("authors") or []]
    summary = " ".join(body["summary"])
    title = item.get("title") or ""
    words = key(" ".join([title, summary, *subheads, *lines, *captions, *credits]))
    return summary, paragraphs, aside, [h for h in subheads if key(h)], captions, words


def score_fundus(page: str, path: Path, item: dict, url: str = "") -> Score:
    """The import of one of fundus's test pages scored against what its publisher's parser
    extracts: the title, the standfirst (the parser's summary, where it has one: present, and
    as a standfirst), paragraphs and subheads (present, whole; a subhead as a subhead),
    captions (present, as a caption), links, and leaked blocks (none of the reference's
    words). A standfirst that is not in the reference is counted apart, not as a leak (the
    parsers give no summary for many pages that have a description). Set aside as for Zyte's
    pages: paragraphs of the ``BOILERPLATE`` shapes and closing notes on the author."""
    import gzip

    result = Score(page)
    summary, paragraphs, result.set_aside, subheads, captions, words = fundus_reference(item)
    if not key(summary):
        result.unscored = ("standfirst",)
    text = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
    doc = imported(result, text, path, paragraphs, subheads, captions, url)
    if doc is None:
        return result
    title = next((b.text for b in doc.blocks if b.role == "title"), "")
    result.title = key(title) in title_keys(item["title"])
    if not result.title:
        result.problems.append(f"title {title!r}, expected {item['title']!r}")
    blocks = [(b.role, key(b.text)) for b in doc.blocks if b.role != "chrome"]
    everything = "".join(k for _, k in blocks)
    if key(summary):
        standfirst = "".join(k for r, k in blocks if r == "standfirst")
        result.standfirst = (key(summary) in everything, key(summary) in standfirst)
    result.set_aside_kept = sum(key(t) in everything for t in result.set_aside)
    body(result, doc, blocks, paragraphs, subheads, captions)
    leaks(result, doc, words, (*LEAK_EXEMPT, "standfirst"))
    result.standfirst_outside = sum(
        b.role == "standfirst" and key(b.text) not in words for b in doc.blocks
    )
    return result


def fundus_table(scores: list[Score]) -> list[str]:
    """A Markdown table of fundus's test pages, then the totals."""
    rows = [
        "| page | title | standfirst | paragraphs present / whole | subheads present / as subhead "
        "| captions present / as caption | links absolute | leaked blocks "
        "| standfirst not in reference | set aside (kept) |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]

    def pair(t: list[int]) -> str:
        return f"{t[0]}/{t[2]} · {t[1]}/{t[2]}"

    stand = {(True, True): "as standfirst", (True, False): "present", (False, False): "lost"}
    for s in scores:
        title = "-" if "title" in s.unscored else "right" if s.title else "wrong"
        rows.append(
            f"| {s.page} | {title} "
            f"| {'-' if 'standfirst' in s.unscored else stand[s.standfirst]} "
            f"| {pair(s.paragraphs)} | {pair(s.subheads)} | {pair(s.captions)} "
            f"| {s.links[0]}/{s.links[1]} | {len(s.leaked)} | {s.standfirst_outside} "
            f"| {len(s.set_aside)} ({s.set_aside_kept}) |"
        )
    t = totals(scores)
    rows.append(
        f"| **all {t['pages']}** ({t['refused']} refused) | {t['title'][0]}/{t['title'][1]} right "
        f"| {t['standfirst'][1]} as standfirst, {t['standfirst'][0]} present "
        f"of {t['standfirst'][2]} | {pair(t['paragraphs'])} | {pair(t['subheads'])} "
        f"| {pair(t['captions'])} | {t['links'][0]}/{t['links'][1]} "
        f"| {t['pages_leaking']} pages | {t['pages_standfirst_outside']} pages "
        f"| {t['set_aside'][1]} ({t['set_aside'][0]}) |"
    )
    return rows


def js_string(text: str, at: int) -> tuple[str | None, int]:
    """The JavaScript string at ``at`` of ``text`` (quoted '…', "…" or `…`, or several joined
    by ``+``) and where it ends; None for ``null``, or for anything else (a template with
    ``${…}`` in it, a name)."""
    parts, end = [], at
    while True:
        while end < len(text) and text[end].isspace():
            end += 1
        if text.startswith("null", end) and not parts:
            return None, end + 4
        quote = text[end : end + 1]
        if quote not in ("'", '"', "`"):
            return None, end
        end += 1
        chars = []
        while end < len(text) and text[end] != quote:
            char = text[end]
            if char == "\\":
                escape = text[end + 1 : end + 2]
                if escape == "u" and text[end + 2 : end + 3] == "{":
                    close = text.index("}", end)
                    chars.append(chr(int(text[end + 3 : close], 16)))
                    end = close + 1
                    continue
                if escape == "u":
                    chars.append(chr(int(text[end + 2 : end + 6], 16)))
                    end += 6
                    continue
                if escape == "x":
                    chars.append(chr(int(text[end + 2 : end + 4], 16)))
                    end += 4
                    continue
                if escape == "\n":  # a line continued
                    end += 2
                    continue
                chars.append(_JS_ESCAPES.get(escape, escape))
                end += 2
                continue
            if quote == "`" and text.startswith("${", end):
                return None, end
            chars.append(char)
            end += 1
        parts.append("".join(chars))
        end += 1
        after = end
        while after < len(text) and text[after].isspace():
            after += 1
        if text[after : after + 1] != "+":
            return "".join(parts), end
        end = after + 1


def postlight_test(test: str) -> tuple[str, str, dict[str, str | None]]:
    """What a Postlight Parser test (``index.test.js``) expects of its first page: the page's
    fixture (``fixtures/NAME.html``), its URL and the first value asserted for each of
    ``title``, ``dek`` and ``firstN`` (N words of the content), all before the file reads its
    second page; a value named by a constant (``assert.equal(dek, actualDek)``) is the
    constant's. Empty where it has none."""
    reads = list(re.finditer(r"readFileSync\(\s*['\"`]\./(fixtures/[^'\"`]+)['\"`]", test))
    if not reads:
        return "", "", {}
    first = test[: reads[1].start()] if len(reads) > 1 else test

    def value(at: int) -> str | None:
        name = re.match(r"\s*([A-Za-z_$][\w$]*)", first[at:])
        if name and name.group(1) != "null":
            bound = re.search(rf"\b{re.escape(name.group(1))}\s*=\s*", first)
            return js_string(first, bound.end())[0] if bound else None
        return js_string(first, at)[0]

    expected: dict[str, str | None] = {}
    for match in _JS_ASSERT.finditer(first):
        name = "first" if match.group(1).startswith("first") else match.group(1)
        if name not in expected:
            expected[name] = value(match.end())
    url = re.search(r"\bur[li]\s*=\s*", first)
    return reads[0].group(1), (value(url.end()) if url else None) or "", expected


def postlight_pages(folder: Path) -> dict[str, tuple[Path, str, dict[str, str | None]]]:
    """Postlight Parser's pages that are scored (``POSTLIGHT_REPO``), by site: the page's
    file, its URL and what the site's test expects of it (``postlight_test``)."""
    pages = {}
    for test in sorted((folder / "src" / "extractors" / "custom").glob("*/index.test.js")):
        fixture, url, expected = postlight_test(test.read_text(encoding="utf-8"))
        path = folder / fixture
        title = expected.get("title")
        if not fixture or not isinstance(title, str) or not path.is_file():
            continue
        text = " ".join(v for v in expected.values() if isinstance(v, str))
        if not english(text):
            continue
        match = _HTML_LANG.search(path.read_bytes()[:200_000])
        lang = match.group(1).decode("ascii", "replace").lower() if match else ""
        if not lang or lang == "en" or lang.startswith("en-"):
            pages[test.parent.name] = (path, url, expected)
    return pages


def score_postlight(page: str, path: Path, url: str, expected: dict[str, str | None]) -> Score:
    """The import of one of Postlight Parser's test pages scored against what its test
    expects: the title; the standfirst (the dek, where the test expects one: present, and as a
    standfirst); the content's first words (``paragraphs``: present, and first: the text after
    the title and standfirst starts with them); links."""
    result = Score(page)
    dek = expected.get("dek")
    if not (isinstance(dek, str) and key(dek)):
        result.unscored = ("standfirst",)
    if not isinstance(expected.get("title"), str):  # (goose's tests: not every one expects one)
        result.unscored += ("title",)
    opening = expected.get("first")
    opening = opening if isinstance(opening, str) and key(opening) else ""
    text = path.read_bytes().decode("utf-8", errors="replace")
    doc = imported(result, text, path, [opening] if opening else [], [], [], url)
    if doc is None:
        return result
    title = next((b.text for b in doc.blocks if b.role == "title"), "")
    if "title" not in result.unscored:
        result.title = key(title) in title_keys(expected["title"])
        if not result.title:
            result.problems.append(f"title {title!r}, expected {expected['title']!r}")
    blocks = [(b.role, key(b.text)) for b in doc.blocks if b.role != "chrome"]
    everything = "".join(k for _, k in blocks)
    if "standfirst" not in result.unscored:
        standfirst = "".join(k for r, k in blocks if r == "standfirst")
        result.standfirst = (key(dek) in everything, key(dek) in standfirst)
        if not result.standfirst[1]:
            how = "present, not as standfirst" if result.standfirst[0] else "lost"
            result.problems.append(f"standfirst {how}: {dek[:60]!r}")
    if opening:
        text_after = "".join(
            k for r, k in blocks if r not in ("title", "standfirst", "caption", "credit")
        )
        present = key(opening) in everything
        first = text_after.startswith(key(opening))
        result.paragraphs = [int(present), int(first), 1]
        if not first:
            start = next(
                (b.text for b in doc.blocks if b.role not in ("title", "standfirst", "chrome")), ""
            )
            how = "not first" if present else "missing"
            result.problems.append(f"opening {how}: {opening[:50]!r}, text starts {start[:50]!r}")
    body(result, doc, blocks, [], [], [])
    return result


def postlight_table(scores: list[Score]) -> list[str]:
    """A Markdown table of Postlight Parser's test pages, then the totals."""
    rows = [
        "| page | title | standfirst | opening present / first | links absolute |",
        "|---|---|---|---|---|",
    ]
    stand = {(True, True): "as standfirst", (True, False): "present", (False, False): "lost"}
    for s in scores:
        opening = f"{s.paragraphs[0]}/{s.paragraphs[2]} · {s.paragraphs[1]}/{s.paragraphs[2]}"
        title = "-" if "title" in s.unscored else "right" if s.title else "wrong"
        rows.append(
            f"| {s.page} | {title} "
            f"| {'-' if 'standfirst' in s.unscored else stand[s.standfirst]} "
            f"| {opening if s.paragraphs[2] else '-'} | {s.links[0]}/{s.links[1]} |"
        )
    t = totals(scores)
    p = t["paragraphs"]
    rows.append(
        f"| **all {t['pages']}** ({t['refused']} refused) | {t['title'][0]}/{t['title'][1]} right "
        f"| {t['standfirst'][1]} as standfirst, {t['standfirst'][0]} present "
        f"of {t['standfirst'][2]} | {p[0]}/{p[2]} · {p[1]}/{p[2]} "
        f"| {t['links'][0]}/{t['links'][1]} |"
    )
    return rows


def totals(scores: list[Score]) -> dict:
    """The totals of a set's scores, as ``--json`` writes them: each a count or a list of
    counts ending with what was scored (``title``: right, of; ``standfirst``: present, as a
    standfirst, of; ``paragraphs``, ``subheads``, ``captions``: present, whole, of; ``links``:
    absolute, of; ``set_aside``: kept, of; ``run_together``: words whose space was lost, pages
    with one)."""

    def summed(name: str, n: int) -> list[int]:
        return [sum(getattr(s, name)[i] for s in scores) for i in range(n)]

    titled = [s for s in scores if "title" not in s.unscored]
    stood = [s for s in scores if "standfirst" not in s.unscored]
    return {
        "pages": len(scores),
        "refused": sum(any(p.startswith("import refused") for p in s.problems) for s in scores),
        "title": [sum(s.title for s in titled), len(titled)],
        "standfirst": [*(sum(s.standfirst[i] for s in stood) for i in (0, 1)), len(stood)],
        "paragraphs": summed("paragraphs", 3),
        "subheads": summed("subheads", 3),
        "captions": summed("captions", 3),
        "links": summed("links", 2),
        "pages_leaking": sum(bool(s.leaked) for s in scores),
        "pages_standfirst_outside": sum(bool(s.standfirst_outside) for s in scores),
        "set_aside": [sum(s.set_aside_kept for s in scores), sum(len(s.set_aside) for s in scores)],
        "run_together": [
            sum(len(s.run_together) for s in scores),
            sum(bool(s.run_together) for s in scores),
        ],
    }


def l3s_urls(folder: Path) -> dict[str, str]:
    """Each L3S-GN1 page's URL, by id (``url-mapping.txt``: ``<urn:uuid:ID>``, a tab, the
    URL); none where the folder has no such file."""
    path = folder / "url-mapping.txt"
    if not path.is_file():
        return {}
    urls = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        name, _, url = line.partition("\t")
        urls[name.strip().removeprefix("<urn:uuid:").removesuffix(">")] = url.strip()
    return urls


def set_aside_lines(lines: list[str]) -> tuple[list[str], list[str]]:
    """A reference text's paragraphs split into those scored and those set aside: the
    ``BOILERPLATE`` shapes anywhere, and the closing notes on the author at its end."""
    aside = {at for at, line in enumerate(lines) if BOILERPLATE.search(line)}
    for at in range(len(lines) - 1, -1, -1):
        if at in aside:
            continue
        if not AUTHOR_NOTE.match(lines[at]):
            break
        aside.add(at)
    kept = [line for at, line in enumerate(lines) if at not in aside]
    return kept, [line for at, line in enumerate(lines) if at in aside]


def l3s_table(scores: list[Score]) -> list[str]:
    """A Markdown table of the L3S-GN1 pages, then the totals."""
    return _text_table(scores, titles=True, width=8)


def aeb_table(scores: list[Score]) -> list[str]:
    """A Markdown table of the article extraction benchmark's pages, then the totals."""
    return _text_table(scores, titles=False, width=12)


def _text_table(scores: list[Score], titles: bool, width: int) -> list[str]:
    """A table of pages scored against a reference text: a row a page (its name cut to
    ``width``), then the totals; a title column where the reference has titles."""
    title = "| title " if titles else ""
    rows = [
        f"| page {title}| paragraphs present / whole | links absolute | leaked blocks "
        "| standfirst not in reference | set aside (kept) |",
        "|---|" + "---|" * (6 if titles else 5),
    ]
    for s in scores:
        t = s.paragraphs
        right = f" {'right' if s.title else 'wrong'} |" if titles else ""
        rows.append(
            f"| {s.page[:width]} |{right} {t[0]}/{t[2]} · {t[1]}/{t[2]} "
            f"| {s.links[0]}/{s.links[1]} | {len(s.leaked)} | {s.standfirst_outside} "
            f"| {len(s.set_aside)} ({s.set_aside_kept}) |"
        )
    t = [sum(s.paragraphs[i] for s in scores) for i in range(3)]
    refused = sum(any(p.startswith("import refused") for p in s.problems) for s in scores)
    right = f" {sum(s.title for s in scores)}/{len(scores)} right |" if titles else ""
    rows.append(
        f"| **all {len(scores)}** ({refused} refused) |{right} {t[0]}/{t[2]} · {t[1]}/{t[2]} "
        f"| {sum(s.links[0] for s in scores)}/{sum(s.links[1] for s in scores)} "
        f"| {sum(bool(s.leaked) for s in scores)} pages "
        f"| {sum(bool(s.standfirst_outside) for s in scores)} pages "
        f"| {sum(len(s.set_aside) for s in scores)} ({sum(s.set_aside_kept for s in scores)}) |"
    )
    return rows


def table(scores: list[Score]) -> list[str]:
    """A Markdown table: one row a page, then the totals."""
    rows = [
        "| page | title | standfirst | paragraphs present / whole | subheads present / as subhead "
        "| captions present / as caption | links absolute | leaked blocks "
        "| standfirst not in reference | set aside (kept) |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]

    def pair(t: list[int]) -> str:
        return f"{t[0]}/{t[2]} · {t[1]}/{t[2]}"

    for s in scores:
        stand = {(True, True): "as standfirst", (True, False): "present", (False, False): "lost"}
        rows.append(
            f"| {s.page} | {'right' if s.title else 'wrong'} | {stand[s.standfirst]} "
            f"| {pair(s.paragraphs)} | {pair(s.subheads)} | {pair(s.captions)} "
            f"| {s.links[0]}/{s.links[1]} | {len(s.leaked)} | {s.standfirst_outside} "
            f"| {len(s.set_aside)} ({s.set_aside_kept}) |"
        )

    def total(name: str) -> list[int]:
        return [sum(getattr(s, name)[i] for s in scores) for i in range(3)]

    links = [sum(s.links[0] for s in scores), 0, sum(s.links[1] for s in scores)]
    rows.append(
        f"| **all {len(scores)}** | {sum(s.title for s in scores)}/{len(scores)} right "
        f"| {sum(s.standfirst[1] for s in scores)} as standfirst, "
        f"{sum(s.standfirst[0] for s in scores)} present "
        f"| {pair(total('paragraphs'))} | {pair(total('subheads'))} | {pair(total('captions'))} "
        f"| {links[0]}/{links[2]} | {sum(bool(s.leaked) for s in scores)} pages "
        f"| {sum(bool(s.standfirst_outside) for s in scores)} pages "
        f"| {sum(len(s.set_aside) for s in scores)} "
        f"({sum(s.set_aside_kept for s in scores)}) |"
    )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "folder", nargs="?", type=Path, default=PAGES, help=f"folder of page folders ({PAGES})"
    )
    chosen = parser.add_mutually_exclusive_group()
    chosen.add_argument("--pages", default="", help="comma-separated page folders (all)")
    chosen.add_argument("--held-out", action="store_true", help="the HELD_OUT pages only")
    parser.add_argument("--show", action="store_true", help="list each page's problems")
    parser.add_argument(
        "--url", action="store_true", help="tell the import each page's URL, where the set has it"
    )
    parser.add_argument(
        "--json", type=Path, metavar="FILE", help="also write the totals and each page's scores"
    )
    args = parser.parse_args()
    if not args.folder.is_dir():
        sys.exit(f"{args.folder} is not a folder: give a folder of saved pages")
    if args.json and not args.json.parent.is_dir():
        sys.exit(f"{args.json}: no folder {args.json.parent} to write it in")
    if args.json and args.json.is_dir():
        sys.exit(f"{args.json} is a folder: give a file to write the scores in")
    if (args.folder / "src" / "extractors" / "custom").is_dir():
        if args.held_out:
            sys.exit(f"{args.folder}: --held-out names Readability's pages, not this set's")
        main_postlight(args)
        return
    if any(args.folder.glob("*/meta.info")):
        if args.held_out:
            sys.exit(f"{args.folder}: --held-out names Readability's pages, not this set's")
        main_fundus(args)
        return
    if (args.folder / "annotated").is_dir() and (args.folder / "original").is_dir():
        if args.held_out:
            sys.exit(f"{args.folder}: --held-out names Readability's pages, not this set's")
        main_l3s(args)
        return
    if (args.folder / "evaldata.json").is_file():
        if args.held_out:
            sys.exit(f"{args.folder}: --held-out names Readability's pages, not this set's")
        main_trafilatura(args)
        return
    if (args.folder / "fulltext_url_list.txt").is_file() and (args.folder / "text").is_dir():
        if args.held_out:
            sys.exit(f"{args.folder}: --held-out names Readability's pages, not this set's")
        main_newspaper(args)
        return
    if any(args.folder.glob("test_*.json")) and any(args.folder.glob("test_*.html")):
        if args.held_out:
            sys.exit(f"{args.folder}: --held-out names Readability's pages, not this set's")
        main_goose(args)
        return
    if (args.folder / "ground-truth.json").is_file():
        if args.held_out:
            sys.exit(f"{args.folder}: --held-out names Readability's pages, not this set's")
        main_aeb(args)
        return
    if args.held_out:
        names = list(HELD_OUT)
    elif args.pages:
        names = args.pages.split(",")
    else:
        names = sorted(p.name for p in args.folder.iterdir() if (p / "expected.html").is_file())
    wanted = ("source.html", "expected.html", "expected-metadata.json")
    for name in names:
        missing = [f for f in wanted if not (args.folder / name / f).is_file()]
        if missing:
            sys.exit(
                f"{args.folder / name}: no {missing[0]} (a page folder holds {', '.join(wanted)})"
            )
    if not names:
        sys.exit(f"{args.folder}: no page folders (each holds {', '.join(wanted)})")
    scores = [score(args.folder / name) for name in names]
    report(args, "readability", scores, table(scores))


def report(args, name: str, scores: list[Score], table: list[str], width: int | None = None):
    """A set's table, its ``--json`` file and, with ``--show``, each page's problems."""
    print("\n".join(table))
    write_json(args, name, scores)
    if args.show:
        show(scores, width)


def show(scores: list[Score], width: int | None = None) -> None:
    """``--show``: each page's problems, leaked blocks and paragraphs set aside, a line each,
    after its name (cut to ``width``)."""
    for s in scores:
        lines = s.problems + [f"leaked: {t[:70]!r}" for t in s.leaked]
        for line in lines + [f"set aside: {t[:70]!r}" for t in s.set_aside]:
            print(f"{s.page[:width]}: {line}")


def write_json(args, name: str, scores: list[Score]) -> None:
    """``--json FILE``: the set's name, how it was run, its totals (``totals``) and each page's
    scores, written to FILE."""
    if not args.json:
        return
    report = {
        "set": name,
        "folder": str(args.folder),
        "url": args.url,
        "totals": totals(scores),
        "pages": [asdict(s) for s in scores],
    }
    try:
        args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", "utf-8")
    except OSError as error:
        sys.exit(f"{args.json}: cannot write it ({error.strerror})")


def chosen(
    args,
    pages,
    missing: Callable[[str], str],
    none: str = "",
    present: Callable[[str], bool] = lambda name: True,
) -> list[str]:
    """The pages ``--pages`` names (default: every one of ``pages``). A name that is not one
    of them, or whose page is not ``present``, ends the run with ``missing(name)``; no page
    at all, with ``none`` (where given)."""
    names = args.pages.split(",") if args.pages else list(pages)
    for name in names:
        if name not in pages or not present(name):
            sys.exit(missing(name))
    if not names and none:
        sys.exit(none)
    return names


def main_postlight(args) -> None:
    """Scores the pages of Postlight Parser's checkout ``args.folder`` (``fixtures/`` and
    ``src/extractors/custom/``)."""
    pages = postlight_pages(args.folder)
    names = chosen(
        args,
        pages,
        lambda name: f"{args.folder}: no scored page {name} (src/extractors/custom/{name})",
        f"{args.folder}: no English pages (src/extractors/custom/SITE/index.test.js)",
    )
    report_openings(args, "postlight", pages, names)


def report_openings(args, name: str, pages: dict, names: list[str]) -> None:
    """Score ``names`` of ``pages`` (each its file, URL and what is expected of it) as
    Postlight's pages are (``score_postlight``), and report them."""
    scores = []
    for page in names:
        path, url, expected = pages[page]
        scores.append(score_postlight(page, path, url if args.url else "", expected))
    report(args, name, scores, postlight_table(scores))


def main_fundus(args) -> None:
    """Scores the pages of fundus's parser test data ``args.folder``
    (``tests/resources/parser/test_data``: a folder a country)."""
    try:
        pages = fundus_pages(args.folder)
    except ValueError as error:
        sys.exit(f"{error}")
    names = chosen(
        args,
        pages,
        lambda name: f"{args.folder}: no scored page {name} (COUNTRY/Publisher_YYYY_MM_DD)",
        f"{args.folder}: no English pages (COUNTRY/Publisher.json and its pages)",
    )
    scores = []
    for name in names:
        path, url, item = pages[name]
        try:
            scores.append(score_fundus(name, path, item, url if args.url else ""))
        except (OSError, EOFError) as error:  # (a file that is not gzip, or cut short)
            sys.exit(f"{path}: not a gzip-compressed page ({error})")
    report(args, "fundus", scores, fundus_table(scores))


def main_aeb(args) -> None:
    """Scores the pages of the article extraction benchmark's folder ``args.folder``."""
    try:
        pages = aeb_pages(args.folder)
    except (OSError, ValueError, AttributeError, KeyError) as error:
        sys.exit(f"{args.folder / 'ground-truth.json'}: not the benchmark's reference ({error})")
    names = chosen(
        args,
        pages,
        lambda name: f"{args.folder}: no English page {name} (html/{name}.html.gz)",
        present=lambda name: (args.folder / "html" / f"{name}.html.gz").is_file(),
    )
    scores = []
    for name in names:
        try:
            body_text, url = pages[name]
            scores.append(score_aeb(args.folder, name, body_text, url if args.url else ""))
        except (OSError, EOFError) as error:  # (a file that is not gzip, or cut short)
            sys.exit(f"{args.folder / 'html' / name}.html.gz: not a gzip-compressed page ({error})")
    report(args, "aeb", scores, aeb_table(scores), width=12)


def main_trafilatura(args) -> None:
    """Scores the pages of trafilatura's evaluation folder ``args.folder`` (its ``tests``)."""
    try:
        pages = trafilatura_pages(args.folder)
    except (OSError, ValueError, AttributeError, KeyError, TypeError) as error:
        sys.exit(f"{args.folder / 'evaldata.json'}: not the evaluation's annotation ({error})")
    names = chosen(
        args,
        pages,
        lambda name: f"{args.folder}: no scored page {name} (a key of evaldata.json)",
        f"{args.folder}: no English pages in evaldata.json",
    )
    scores = [score_trafilatura(args.folder, n, pages[n], url=args.url) for n in names]
    print("\n".join(trafilatura_table(pages, scores)))
    write_json(args, "trafilatura", scores)
    if args.show:
        for s in scores:
            for line in s.problems + [f"kept: {t[:70]!r}" for t in s.leaked]:
                print(f"{s.page[:60]}: {line}")


def newspaper_pages(folder: Path) -> dict[str, tuple[Path, str, str]]:
    """The newspaper set's pages that are scored (``NEWSPAPER_REPO``), by name: the page's
    file, its reference text and its URL ("" where the list names none)."""
    urls = {}
    counters: dict[str, int] = {}
    for line in (folder / "fulltext_url_list.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        domain = urlsplit(line.strip()).hostname or ""
        parts = domain.split(".")
        base = ".".join(
            parts[-3:] if ".".join(parts[-2:]) in ("co.uk", "com.au", "au.com") else parts[-2:]
        )
        counters[base] = counters.get(base, 0) + 1
        urls[f"{base}{counters[base]}"] = line.strip()
    pages = {}
    for text_path in sorted((folder / "text").glob("*.txt")):
        name = text_path.stem
        html = folder / "html" / f"{name}.html"
        reference_text = text_path.read_text(encoding="utf-8", errors="replace")
        note = "\n" not in reference_text.strip() and reference_text == reference_text.upper()
        if not html.is_file() or not english(reference_text) or note:
            continue  # (one line in capitals: a note of how the extractor failed)
        match = _HTML_LANG.search(html.read_bytes()[:4096])
        if match and match.group(1) and not match.group(1).lower().startswith(b"en"):
            continue
        pages[name] = (html, reference_text, urls.get(name, ""))
    return pages


def main_newspaper(args) -> None:
    """Scores the pages of newspaper's test data ``args.folder`` (``tests/data``)."""
    try:
        pages = newspaper_pages(args.folder)
    except (OSError, UnicodeDecodeError) as error:
        sys.exit(f"{args.folder}: not newspaper's test data ({error})")
    names = chosen(
        args,
        pages,
        lambda name: f"{args.folder}: no scored page {name} (html/{name}.html, text/{name}.txt)",
        f"{args.folder}: no English pages (text/NAME.txt and html/NAME.html)",
    )
    scores = []
    for name in names:
        path, reference_text, url = pages[name]
        text = path.read_bytes().decode("utf-8", errors="replace")
        scores.append(score_text(name, text, path, reference_text, url if args.url else ""))
    report(args, "newspaper", scores, _text_table(scores, titles=False, width=24), width=24)


def goose_opening(text: str) -> str:
    """The opening a goose test page is scored for: its expected text's first line, cut to
    ``OPENING_WORDS`` words."""
    line = next((line for line in text.splitlines() if line.strip()), "")
    return " ".join(line.split()[:OPENING_WORDS])


def goose_pages(folder: Path) -> dict[str, tuple[Path, str, dict]]:
    """goose3's content test pages that are scored (``GOOSE_REPO``), by name: the page's
    file, its URL and what its test expects (``title``, where it has one, and ``first``: the
    opening, ``goose_opening``)."""
    pages: dict[str, tuple[Path, str, dict]] = {}
    urls = set()
    for path in sorted(folder.glob("test_*.json")):
        html = path.with_suffix(".html")
        data = _json_file(path)
        expected = data.get("expected") if isinstance(data, dict) else None
        if not html.is_file() or not isinstance(expected, dict):
            continue
        url = data.get("url") if isinstance(data.get("url"), str) else ""
        host = urlsplit(url).hostname or ""
        title = expected.get("title") if isinstance(expected.get("title"), str) else None
        opening = goose_opening(expected.get("cleaned_text") or "")
        if not opening or not english(f"{title or ''} {opening}"):
            continue
        if host.endswith(GOOSE_MADE_UP) or url in urls:
            continue
        match = _HTML_LANG.search(html.read_bytes()[:200_000])
        if match and match.group(1) and not match.group(1).lower().startswith(b"en"):
            continue
        urls.add(url)
        pages[path.stem.removeprefix("test_")] = (html, url, {"title": title, "first": opening})
    return pages


def main_goose(args) -> None:
    """Scores the pages of goose3's content test data ``args.folder`` (``tests/data/content``)."""
    pages = goose_pages(args.folder)
    names = chosen(
        args,
        pages,
        lambda name: f"{args.folder}: no scored page {name} (test_{name}.html, test_{name}.json)",
        f"{args.folder}: no English pages (test_NAME.html and test_NAME.json)",
    )
    report_openings(args, "goose", pages, names)


def main_l3s(args) -> None:
    """Scores the pages of the L3S-GN1 folder ``args.folder`` (``annotated/``, ``original/``)."""
    pages = l3s_pages(args.folder)
    names = chosen(
        args,
        pages,
        lambda name: f"{args.folder}: no scored page {name} (annotated/ and original/{name}.html)",
        f"{args.folder}: no annotated pages (annotated/ID.html)",
        present=lambda name: (args.folder / "original" / f"{name}.html").is_file(),
    )
    urls = l3s_urls(args.folder) if args.url else {}
    scores = [score_l3s(args.folder, n, pages[n], urls.get(n, "")) for n in names]
    report(args, "l3s-gn1", scores, l3s_table(scores), width=8)


if __name__ == "__main__":
    main()
