"""Large inputs of realistic shapes for bench/bench_linear.py (and tests/test_linear.py):
saved pages and text sources of a given size in bytes, the same bytes for the same size.

- ``padded_page``: a news page (one article of 30 paragraphs, a figure, site navigation)
  padded, as real pages of several megabytes are, with scripts (a framework's minified code
  and a JSON state blob), style sheets, inline SVG icons, a JSON-LD block, attributes
  holding JSON and data URIs, and comments. Its article is the same at every size.
- ``padded_page_emoji``: the same with one emoji (Python then holds the page's text at four
  bytes a character).
- ``paragraph_page``: a page whose article body is one long run of real paragraphs (the
  varied archive articles of ``archive_gen``), with some links and emphasis; paragraphs of
  several sentences, so that 10 MB stays under the import's element limit.
- ``unique_text``: a plain-text source of distinct sentences (the archive's paragraphs, each
  given a number so that no sentence repeats).
- ``repeated_text``: a plain-text source of one sentence repeated, one paragraph each.
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Callable
from html import escape
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import archive_gen  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "source" / "singapore-south-korea-partnership.txt"


def _paragraphs(count: int, start: int = 1) -> list[str]:
    """``count`` body paragraphs (lines of 60 characters or more) of the archive's articles
    ``start``, ``start + 1``…, in order."""
    seed = SEED.read_text(encoding="utf-8")
    out: list[str] = []
    number = start
    while len(out) < count:
        _, text = archive_gen.article(seed, number)
        out += [line.strip() for line in text.split("\n") if len(line.strip()) >= 60]
        number += 1
    return out[:count]


ARTICLE = _paragraphs(30)


def _article_html(title: str) -> str:
    """The article: headline, standfirst, a figure with caption and credit, 30 paragraphs
    (one with a link, one with emphasis)."""
    body = [f"<h1>{escape(title)}</h1>", f'<p class="standfirst">{escape(ARTICLE[0])}</p>']
    body.append(
        '<figure><img src="/photos/leaders.jpg" alt="">'
        "<figcaption>The two leaders in Seoul on Nov 1. "
        '<span class="credit">ST PHOTO: CHONG JUN LIANG</span></figcaption></figure>'
    )
    for number, text in enumerate(ARTICLE[1:], 1):
        text = escape(text)
        if number == 3:
            text = text.replace(" the ", ' the <a href="/news/trade">trade</a> ', 1)
        if number == 5:
            text = text.replace(" and ", " <em>and</em> ", 1)
        body.append(f"<p>{text}</p>")
    return "<article>\n" + "\n".join(body) + "\n</article>"


def _head(title: str, description: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)} | The Daily</title>"
        f'<meta property="og:title" content="{escape(title)}">'
        f'<meta name="description" content="{escape(description)}">'
        '<link rel="canonical" href="https://news.example.com/asia/partnership">'
    )


def _svg_icon(rng: random.Random) -> str:
    points = " ".join(f"{rng.uniform(0, 24):.3f},{rng.uniform(0, 24):.3f}" for _ in range(60))
    paths = "".join(
        f'<path fill="currentColor" d="M{points} Z" transform="rotate({rng.randint(0, 359)})"/>'
        for _ in range(3)
    )
    name = rng.choice(("share", "facebook", "twitter", "mail", "bookmark", "search", "menu"))
    return (
        f'<svg class="icon icon-{name}" viewBox="0 0 24 24" aria-hidden="true">'
        f"<title>{name}</title>{paths}</svg>"
    )


def _script(rng: random.Random, size: int) -> str:
    """Minified code of about ``size`` characters."""
    parts: list[str] = []
    total = 0
    while total < size:
        a, b = rng.randrange(10**6), rng.randrange(10**6)
        part = (
            f"function f{a}(e,t){{var n=e.c{b}||{{}};if(t<{a % 97})return n.x{b % 13}"
            f'(t,"k{a}");for(var r=0;r<t.length;r++)n[r]=t[r]*{b % 31};return n}}'
        )
        parts.append(part)
        total += len(part)
    return "<script>" + "".join(parts) + "</script>"


def _state_blob(rng: random.Random, size: int) -> str:
    """A framework's JSON state of about ``size`` characters (teasers of other stories)."""
    items = []
    total = 0
    while total < size:
        item = {
            "id": rng.randrange(10**9),
            "headline": " ".join(rng.choice(ARTICLE).split()[:12]),
            "url": f"/news/{rng.randrange(10**6)}",
            "tags": [f"tag{rng.randrange(500)}" for _ in range(6)],
            "image": {"src": f"/img/{rng.randrange(10**8)}.jpg", "w": 1200, "h": 800},
        }
        items.append(item)
        total += len(json.dumps(item, separators=(",", ":"))) + 1
    blob = json.dumps({"props": {"pageProps": {"stories": items}}}, separators=(",", ":"))
    return f'<script id="__NEXT_DATA__" type="application/json">{blob}</script>'


def _style(rng: random.Random, size: int) -> str:
    rules = []
    total = 0
    while total < size:
        rule = (
            f".c-{rng.randrange(10**6):x}{{margin:0 auto;padding:{rng.randint(0, 32)}px;"
            f"color:#{rng.randrange(16**6):06x};font:{rng.randint(10, 40)}px/1.4 sans-serif}}"
        )
        rules.append(rule)
        total += len(rule)
    return "<style>" + "".join(rules) + "</style>"


def _island(rng: random.Random) -> str:
    """A component's server-rendered shell: its props in an attribute, an inline image."""
    props = json.dumps({"items": [rng.randrange(10**9) for _ in range(150)]})
    pixel = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef0123456789+/") for _ in range(1200))
    return (
        f'<div class="island" data-props="{escape(props)}">'
        f'<img src="data:image/png;base64,{pixel}" alt=""></div>'
    )


def padded_page(size: int) -> str:
    """A news page of about ``size`` bytes (at least the article's own), padded as above."""
    rng = random.Random(size)
    title = "Singapore and S. Korea launch strategic partnership to deepen economic links"
    head = _head(title, ARTICLE[0])
    nav = (
        "<header><nav>"
        + "".join(f'<a href="/section/{n}">Section {n}</a>' for n in range(12))
        + "".join(_svg_icon(rng) for _ in range(6))
        + "</nav></header>"
    )
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": title})
    core = (
        head
        + f'<script type="application/ld+json">{ld}</script></head>\n<body>'
        + nav
        + _article_html(title)
    )
    tail = "<footer><p>Copyright The Daily.</p></footer></body></html>\n"
    room = max(0, size - len(core.encode()) - len(tail))
    # Shares of the padding: code 35%, a state blob 25%, styles 15%, icons 10%, components 10%,
    # comments 5%; in the head (styles, half the code), the body and before </body>.
    head_part, body_part = [], []
    added = 0
    kinds = [("script", 0.35), ("style", 0.15), ("svg", 0.10), ("island", 0.10), ("comment", 0.05)]
    for kind, share in kinds:
        budget = int(room * share)
        spent = 0
        while spent < budget:
            if kind == "script":
                piece = _script(rng, min(60_000, budget - spent))
            elif kind == "style":
                piece = _style(rng, min(30_000, budget - spent))
            elif kind == "svg":
                piece = _svg_icon(rng)
            elif kind == "island":
                piece = _island(rng)
            else:
                piece = "<!-- " + "".join(rng.choice("abcdef ") for _ in range(500)) + " -->"
            spent += len(piece)
            (head_part if kind in ("style", "script") and rng.random() < 0.5 else body_part).append(
                piece
            )
        added += spent
    blob = _state_blob(rng, max(0, room - added - 200))
    page = (
        core.replace("</head>", "".join(head_part) + "</head>", 1)
        + "".join(body_part)
        + blob
        + tail
    )
    return page


def padded_page_emoji(size: int) -> str:
    """``padded_page`` with one emoji in its footer: Python then holds the whole page's text at
    four bytes a character (two for the others, whose article has curly quotes)."""
    return padded_page(size).replace("<footer><p>Copyright", "<footer><p>\U0001f4f0 Copyright", 1)


def paragraph_page(size: int) -> str:
    """A page of about ``size`` bytes whose article is a long run of real paragraphs, joined
    four to a ``<p>`` (about 650 bytes each); every tenth has a link, every seventh emphasis."""
    title = "The archive in one page"
    core = _head(title, "Every story of the year.") + "</head>\n<body><article>\n"
    core += f"<h1>{escape(title)}</h1>\n"
    tail = "</article></body></html>\n"
    room = size - len(core.encode()) - len(tail)
    parts: list[str] = []
    spent = 0
    start = 1
    number = 0
    while spent < room:
        batch = _paragraphs(300, start)
        start += 12
        for i in range(0, len(batch) - 3, 4):
            number += 1
            text = escape(f"({number}) " + " ".join(batch[i : i + 4]))
            if number % 10 == 0:
                text = text.replace(" the ", f' the <a href="/n/{number}">story</a> ', 1)
            if number % 7 == 0:
                text = text.replace(" and ", " <em>and</em> ", 1)
            piece = f"<p>{text}</p>\n"
            parts.append(piece)
            spent += len(piece.encode())
            if spent >= room:
                break
    return core + "".join(parts) + tail


def unique_text(size: int) -> str:
    """A text source of about ``size`` bytes: a title, then the archive's paragraphs, each
    sentence made distinct by the paragraph's number."""
    out = ["The archive in one text\n\n"]
    spent = len(out[0])
    start, number = 1, 0
    while spent < size:
        for text in _paragraphs(300, start):
            number += 1
            line = text.replace(". ", f". ({number}) ") + f" ({number})\n\n"
            out.append(line)
            spent += len(line.encode())
            if spent >= size:
                break
        start += 12
    return "".join(out)


def repeated_text(size: int) -> str:
    """A text source of about ``size`` bytes: a title, then one sentence as every paragraph."""
    line = "The ministry said the pact would take effect next year.\n\n"
    return "Same again\n\n" + line * max(1, (size - 13) // len(line.encode()))


SHAPES: dict[str, tuple[str, Callable[[int], str]]] = {
    "padded page": (".html", padded_page),
    "padded page with an emoji": (".html", padded_page_emoji),
    "paragraph page": (".html", paragraph_page),
    "unique text": (".txt", unique_text),
    "repeated text": (".txt", repeated_text),
}
