"""Rendering an article: plain text, Markdown, a standalone HTML page, and the index page.
Pure functions, article → string.

Every translated string is untrusted (translators, MT): it is escaped for the format it goes
into (HTML text and attributes, Markdown). The page's style sheet is ``page.css`` beside this
module.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from html import escape
from importlib.resources import files as resources
from itertools import count
from urllib.parse import quote, urlsplit

from pipeline.article import Article, Part, Sentence, join_plain, separated
from pipeline.commonmark import Mark, code_span, joined
from pipeline.config import relative_root
from pipeline import patterns
from pipeline.languages import LanguageInfo
from pipeline.segment import TAG, unescape_tags

# What the page itself says, in the page's language. A language missing here gets the English
# wording, marked lang="en" like any other fallback. Numbers and dates are filled in by babel.
UI_TEXT = {
    "en": {
        "languages": "Languages",
        "index": "All languages",
        "fallback_source": "{percent} of this article is not translated yet and is shown in "
        "{language}.",
        "fallback_omit": "{percent} of this article is not translated yet and is left out.",
        "revised": "Translation updated {date}",
    },
    "ko": {
        "languages": "언어",
        "index": "모든 언어",
        "fallback_source": "이 기사의 {percent}는 아직 번역되지 않아 {language}로 표시됩니다.",
        "fallback_omit": "이 기사의 {percent}는 아직 번역되지 않아 생략되었습니다.",
        "revised": "번역 수정일: {date}",
    },
    "zh_Hans": {
        "languages": "语言",
        "index": "所有语言",
        "fallback_source": "本文有{percent}尚未翻译，以{language}显示。",
        "fallback_omit": "本文有{percent}尚未翻译，已略去。",
        "revised": "译文更新于{date}",
    },
    "ms": {
        "languages": "Bahasa",
        "index": "Semua bahasa",
        "fallback_source": "{percent} daripada artikel ini belum diterjemahkan dan dipaparkan "
        "dalam bahasa {language}.",
        "fallback_omit": "{percent} daripada artikel ini belum diterjemahkan dan tidak dipaparkan.",
        "revised": "Terjemahan dikemas kini pada {date}",
    },
}


# ---- the page's own words ---------------------------------------------------------------


def _ui(lang: LanguageInfo, key: str) -> tuple[str, str]:
    """A page string in ``lang`` (or English), and the BCP 47 tag of the language it is in
    (where English, the callers mark it ``dir="ltr"`` too: on a right-to-left page it must
    not be laid out as Arabic)."""
    from babel import Locale

    for code in (lang.code, Locale.parse(lang.code).language):
        if code in UI_TEXT:
            return UI_TEXT[code][key], lang.tag
    return UI_TEXT["en"][key], "en"


# ---- sentences → text -----------------------------------------------------------------------


def _depth(part: Part) -> int:
    """A list item's depth in nested lists (1: the outermost)."""
    return max(part.level, 1)


def render_text(article: Article) -> str:
    """Plain text: blocks separated by a blank line, list items as ``• `` (or ``1. ``) lines
    together, two spaces in a level."""
    out: list[str] = []
    previous = None
    for part in article.parts:
        line = join_plain(part.sentences, article.language)
        if part.role == "list-item":
            marker = f"{part.number}. " if part.number else "• "
            line = "  " * (_depth(part) - 1) + marker + line
        if out:
            together = previous in ("list-item", "label") and part.role == "list-item"
            out.append("\n" if together else "\n\n")
        out.append(line)
        previous = part.role
    return "".join(out) + "\n"


_MD_INLINE = re.compile(r"([\\`*_\[\]<>&#~|])")
_MD_LINE_START = re.compile(r"^([-+=]|\d+(?=[.)]))")


def markdown_escape(text: str) -> str:
    """``text`` as literal CommonMark inline content: no emphasis, links, HTML or entities, and
    nothing at its start that would make a heading, list or quote."""
    return _safe_line_start(_MD_INLINE.sub(r"\\\1", text))


def _safe_line_start(text: str) -> str:
    """``text`` with what would make its line a heading, list or quote escaped."""
    match = _MD_LINE_START.match(text)
    if match:
        if match.group(1).isdigit():
            end = match.end()
            return text[:end] + "\\" + text[end:]
        return "\\" + text
    return text


def render_markdown(article: Article) -> str:
    """CommonMark: ``#`` title, ``##``… subheads, ``-`` (or ``1.``) list items, a list inside
    an item indented under it, a figure's image and its caption in emphasis; a sentence's
    links, emphasis and code as CommonMark's own."""
    out: list[str] = []
    previous = None
    indents: list[int] = []  # the content's column of each open list item, outermost first
    for part in article.parts:
        text = _markdown_line(part.sentences, article.language)
        marker = ""
        if part.role == "list-item":  # (a nested item under its parent's content)
            del indents[_depth(part) - 1 :]
            mark = f"{part.number}. " if part.number else "- "
            marker = " " * sum(indents) + mark
            indents.append(len(mark))
        else:
            indents.clear()  # (any other block ends the lists)
        line = {
            "title": f"# {text}",
            "list-item": f"{marker}{text}",
            "caption": f"*{text}*",
            "label": f"**{text}**",
            "subhead": f"{'#' * max(2, part.level)} {text}",
        }.get(part.role, text)
        if part.image and safe_target(part.image):
            line = f"![]({_md_target(part.image)})\n\n{line}"  # the figure's image above it
        if out:
            out.append("\n" if previous == part.role == "list-item" else "\n\n")
        out.append(line)
        previous = part.role
    return "".join(out) + "\n"


# ---- inline markup ----------------------------------------------------------------------------

# Link and image targets a page may carry: a web or mail address, or one relative to the page.
# Anything else (``javascript:``, ``data:``, ``vbscript:``…) is shown as its words only.
SAFE_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


def safe_target(target: str) -> bool:
    """Whether ``target`` may be a link: an http(s) or mailto URL or a relative one, read as
    a browser reads it (tabs, line ends and spaces inside the scheme ignored)."""
    bare = _INVISIBLE.sub("", target).lower()
    if not bare:
        return False
    scheme = _SCHEME.match(bare)
    return scheme is None or scheme.group(1) in SAFE_SCHEMES


def inline_tree(sentence: Sentence) -> list:
    """A sentence as text and elements: str, or (Tag, children) for a pair, or (Tag, None) for
    a self-closing tag. A sentence whose tags are not well formed is its words only."""
    if not sentence.tags:
        return [sentence.plain]
    root: list = []
    stack: list[list] = [root]
    at = 0
    for match in TAG.finditer(sentence.text):
        number = int(match.group(2))
        if number > len(sentence.tags):
            return [sentence.plain]
        tag = sentence.tags[number - 1]
        stack[-1].append(unescape_tags(sentence.text[at : match.start()]))
        at = match.end()
        if match.group(3):
            stack[-1].append((tag, None))
        elif not match.group(1):
            children: list = []
            stack[-1].append((tag, children))
            stack.append(children)
        elif len(stack) > 1:
            stack.pop()
        else:
            return [sentence.plain]
    if len(stack) != 1:
        return [sentence.plain]
    root.append(unescape_tags(sentence.text[at:]))
    return root


def _linked(text: str) -> str:
    """Escaped text whose bare URLs and e-mail addresses are links: a plain-text source has
    no other way to link, and a translation keeps them as they are (``pipeline.patterns``)."""
    found = sorted(
        [(m.start(), m.end(), m.group()) for m in patterns.URL.finditer(text)]
        + [(m.start(), m.end(), "mailto:" + m.group()) for m in patterns.EMAIL.finditer(text)]
    )
    out, at = [], 0
    for start, end, target in found:
        if start < at:
            continue  # an address inside a URL's query is the URL's
        if target.startswith("www."):
            target = "https://" + target
        out.append(_text(text[at:start]))
        out.append(f'<a href="{_attr(target)}">{_text(text[start:end])}</a>')
        at = end
    out.append(_text(text[at:]))
    return "".join(out)


def _html_inline(nodes: list, linked: bool = True) -> str:
    """Inline nodes as HTML; with ``linked``, bare URLs and addresses become links (not
    inside a link or code)."""
    out = []
    for node in nodes:
        if isinstance(node, str):
            out.append(_linked(node) if linked else _text(node))
            continue
        tag, children = node
        if children is None:
            if tag.kind == "br":
                out.append("<br>")
            elif tag.kind == "img" and safe_target(tag.target):
                out.append(f'<img src="{_attr(tag.target)}" alt="{_attr(tag.alt)}">')
            else:
                out.append(_text(tag.alt))
            continue
        inner = _html_inline(children, linked and tag.kind not in ("a", "code"))
        if tag.kind == "a":
            if safe_target(tag.target):
                rel = f' rel="{_attr(tag.rel)}"' if tag.rel else ""
                out.append(f'<a href="{_attr(tag.target)}"{rel}>{inner}</a>')
            else:
                out.append(inner)
        elif tag.kind in ("em", "strong", "code"):
            out.append(f"<{tag.kind}>{inner}</{tag.kind}>")
        else:
            out.append(inner)
    return "".join(out)


def _md_inline(nodes: list) -> str:
    """A sentence's inline tree as CommonMark (emphasis that would not parse as HTML)."""
    return joined(_md_tokens(nodes, count()))


def _md_tokens(nodes: list, pairs) -> list:
    """Inline nodes as CommonMark text and emphasis ``Mark``s (``pipeline.commonmark``)."""
    out: list = []
    for node in nodes:
        if isinstance(node, str):
            out.append(_MD_INLINE.sub(r"\\\1", node))
            continue
        tag, children = node
        if children is None:
            alt = _MD_INLINE.sub(r"\\\1", tag.alt)
            if tag.kind == "br":
                out.append("<br>")  # CommonMark's inline HTML: a hard break that fits a heading
            elif tag.kind == "img" and safe_target(tag.target):
                out.append(f"![{alt}]({_md_target(tag.target)})")
            else:
                out.append(alt)
            continue
        if tag.kind == "code":
            out.append(code_span("".join(_plain_nodes(children))))
            continue
        inner = _md_tokens(children, pairs)
        lead, core, trail = _trimmed(inner)
        if not core:
            out += inner
        elif tag.kind == "a" and safe_target(tag.target):
            out += [lead, "[", joined(core), f"]({_md_target(tag.target)})", trail]
        elif tag.kind in ("em", "strong"):
            pair = next(pairs)
            out += [lead, Mark(tag.kind, False, pair), *core, Mark(tag.kind, True, pair), trail]
        else:
            out += inner
    return out


def _trimmed(tokens: list) -> tuple[str, list, str]:
    """Spaces at either end of ``tokens`` taken out: (leading, the rest, trailing)."""
    text = [i for i, t in enumerate(tokens) if isinstance(t, str) and t]
    if not text or not "".join(t for t in tokens if isinstance(t, str)).strip(" "):
        return "", [], ""
    rest = list(tokens)
    first, last = text[0], text[-1]
    lead = rest[first][: len(rest[first]) - len(rest[first].lstrip(" "))]
    rest[first] = rest[first][len(lead) :]
    trail = rest[last][len(rest[last].rstrip(" ")) :]
    rest[last] = rest[last][: len(rest[last]) - len(trail)]
    return lead, rest, trail


def _plain_nodes(nodes: list) -> list[str]:
    out = []
    for node in nodes:
        if isinstance(node, str):
            out.append(node)
        elif node[1] is not None:
            out += _plain_nodes(node[1])
    return out


def _md_target(target: str) -> str:
    """A link destination CommonMark reads back as ``target``."""
    return re.sub(r"[\s()<>\\]", lambda m: "%{:02X}".format(ord(m.group())), target)


def _markdown_line(sentences: tuple[Sentence, ...], language: LanguageInfo) -> str:
    text = "".join(sep + _md_inline(inline_tree(s)) for sep, s in separated(sentences, language))
    return _safe_line_start(text)


# ---- HTML -----------------------------------------------------------------------------------

FONT_LATIN = (
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif'
)
FONT_KO = (
    '"Noto Sans CJK KR", "Noto Sans KR", "Source Han Sans K", "Apple SD Gothic Neo", '
    '"Malgun Gothic", "Nanum Gothic", sans-serif'
)
FONT_ZH_HANS = (
    '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", '
    '"Hiragino Sans GB", "Microsoft YaHei", sans-serif'
)
FONT_JA = '"Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", "Yu Gothic", "Meiryo", sans-serif'
STYLE = resources("pipeline").joinpath("page.css").read_text(encoding="utf-8").rstrip("\n")

# A built page runs nothing and loads nothing but its pictures, from any address: an
# article's are on its site (an imported page's are absolute: ``l10n import --url``) or a
# picture service's, and only the source names them, never a translation.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data: https: http:"


def page_href(code: str, stem: str, fmt: str, up: str = "") -> str:
    """The relative URL of a built page: each folder and the file name of the document's name
    percent-encoded, so that one holding ``#``, ``?``, ``%`` or a space is still the file's
    name, not a fragment or query. ``up``: the way from the linking page to the build folder
    (``relative_root``)."""
    path = "/".join(quote(part, safe="") for part in stem.split("/"))
    return f"{up}{quote(code, safe='')}/{path}.{fmt}"


@dataclass(frozen=True)
class Link:
    """A page in another language (or this one), as seen from a page in ``build/<lang>/``."""

    language: LanguageInfo
    href: str


def _attr(value: str) -> str:
    """``value`` for a double-quoted attribute."""
    return escape(value, quote=False).replace('"', "&quot;")


def _text(value: str) -> str:
    return escape(value, quote=False)


def _in_language(
    text: str, tag: str, page_tag: str, direction: str = "", body: str | None = None
) -> str:
    """Escaped ``text`` (or the HTML ``body``), inside a ``lang`` span when it is not in the
    page's language."""
    body = _text(text) if body is None else body
    if tag == page_tag:
        return body
    dir_attr = f' dir="{direction}"' if direction else ""
    return f'<span lang="{_attr(tag)}"{dir_attr}>{body}</span>'


def _sentences_html(sentences: tuple[Sentence, ...], article: Article) -> str:
    page, src = article.language, article.source
    direction = src.direction if src.direction != page.direction else ""
    out = []
    for separator, sentence in separated(sentences, page):
        tag = src.tag if sentence.fallback else page.tag
        body = _html_inline(inline_tree(sentence))
        out.append(separator + _in_language(sentence.text, tag, page.tag, direction, body))
    return "".join(out)


def _head(title: str, links: list[Link], extra: str = "") -> list[str]:
    lines = [
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{_attr(CSP)}">',
        f"<title>{_text(title)}</title>",
    ]
    for link in links[:1]:
        lines.append(f'<link rel="alternate" hreflang="x-default" href="{_attr(link.href)}">')
    for link in links:
        lines.append(
            f'<link rel="alternate" hreflang="{_attr(link.language.tag)}" '
            f'href="{_attr(link.href)}">'
        )
    if extra:
        lines.append(extra)
    lines += [f"<style>\n{STYLE}\n</style>", "</head>"]
    return lines


def _switcher(article: Article, links: list[Link], index_href: str) -> list[str]:
    page = article.language
    label, _ = _ui(page, "languages")  # an aria-label cannot carry its own lang
    lines = [f'<nav aria-label="{_attr(label)}"><ul>']
    for link in links:
        lang = link.language
        name = _text(lang.name)
        attrs = f'lang="{_attr(lang.tag)}" dir="{lang.direction}"'
        if lang.tag == page.tag:
            lines.append(f'<li><span aria-current="page" {attrs}>{name}</span></li>')
        else:
            lines.append(
                f'<li><a href="{_attr(link.href)}" hreflang="{_attr(lang.tag)}" {attrs}>'
                f"{name}</a></li>"
            )
    index_text, index_tag = _ui(page, "index")
    lines.append(
        f'<li><a href="{_attr(index_href)}">'
        f"{_in_language(index_text, index_tag, page.tag, 'ltr')}</a></li>"
    )
    lines.append("</ul></nav>")
    return lines


def _percent(share: float, locale: str, up: bool = False) -> str:
    """A share (0–1) as a whole percent in ``locale``: rounded up for what is missing (any
    English shows as at least 1%), down for what is done (99.6% is not 100%)."""
    whole = math.ceil(share * 100 - 1e-9) if up else math.floor(share * 100 + 1e-9)
    return _whole_percent(whole, locale)


@functools.cache
def _whole_percent(whole: int, locale: str) -> str:
    """CLDR's percent format of ``whole``% in ``locale`` (an index shows thousands)."""
    from babel.numbers import format_percent

    return format_percent(whole / 100, locale=locale)


def _notice(article: Article) -> list[str]:
    if not article.fallbacks:
        return []
    from babel import Locale

    page = article.language
    key = "fallback_omit" if article.omit else "fallback_source"
    template, tag = _ui(page, key)
    code = page.code if tag == page.tag else "en"  # (numbers as the words: "67%")
    locale = Locale.parse(code)
    text = template.format(
        percent=_percent(article.fallback_share, code, up=True),
        language=locale.languages.get(Locale.parse(article.source.code).language, "English"),
    )
    return [f'<p class="notice" role="note">{_in_language(text, tag, page.tag, "ltr")}</p>']


def _byline(article: Article) -> list[str]:
    """The source's author and date of publication under the headline (the date as the page's
    language writes it), and a link to the original where the source names its URL."""
    meta = dict(article.meta)
    shown = [_text(meta["author"])] if meta.get("author") else []
    when = _published(meta.get("date", ""))
    if when is not None:
        from babel.dates import format_date

        text = format_date(when, "long", locale=article.language.code)
        shown.append(f'<time datetime="{when.isoformat()}">{_text(text)}</time>')
    url = meta.get("url", "")
    if url and safe_target(url) and re.match(r"https?://", url):
        site = urlsplit(url).netloc  # the original's site names the link
        tag = _attr(article.source.tag)
        shown.append(f'<a href="{_attr(url)}" hreflang="{tag}">{_text(site)}</a>')
    return [f'<p class="byline">{" · ".join(shown)}</p>'] if shown else []


def _published(value: str):
    """The date an ISO 8601 date or time starts with (None when it is not one)."""
    from datetime import date

    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _footer(article: Article) -> list[str]:
    if article.revised is None or article.language == article.source:
        return []
    from babel.dates import format_date

    template, tag = _ui(article.language, "revised")
    locale = article.language.code if tag == article.language.tag else "en"  # (as its words)
    text = template.format(date=format_date(article.revised, "long", locale=locale))
    shown = _in_language(text, tag, article.language.tag, "ltr")
    return ["<footer>", f"<p>{shown}</p>", "</footer>"]


def _body(article: Article) -> list[str]:
    lines: list[str] = []
    parts = article.parts
    i = labels = 0
    while i < len(parts):
        part = parts[i]
        content = _sentences_html(part.sentences, article)
        if part.role == "title":
            lines.append(f"<h1>{content}</h1>")
            lines += _byline(article)
            lines += _notice(article)
        elif part.role == "label" and i + 1 < len(parts) and parts[i + 1].role == "list-item":
            # A visible label above the list, and the list's accessible name.
            labels += 1
            lines.append(f'<p class="label" id="label-{labels}">{content}</p>')
            i = _list_html(parts, i + 1, article, lines, f' aria-labelledby="label-{labels}"')
            continue
        elif part.role == "standfirst":
            lines.append(f'<p class="standfirst">{content}</p>')
        elif part.role == "subhead":
            level = min(max(2, part.level), 6)
            lines.append(f"<h{level}>{content}</h{level}>")
        elif part.role == "list-item":
            i = _list_html(parts, i, article, lines)
            continue
        elif part.role in ("caption", "credit"):
            i = _figure_html(parts, i, article, lines)
            continue
        else:
            lines.append(f"<p>{content}</p>")
        i += 1
    if not any(p.role == "title" for p in parts):
        lines[:0] = _notice(article)
    return lines


def _list_tag(part: Part) -> str:
    """The list a list item is in: ``ol`` where it is numbered, else ``ul``."""
    return "ol" if part.number else "ul"


def _list_html(parts: tuple, i: int, article: Article, lines: list[str], named: str = "") -> int:
    """The run of list items at ``i`` as lists (``<ul class="key-points">``, ``<ol>`` for
    numbered items), a deeper item's list inside the item above it; ``named``: the first
    list's ``aria-labelledby``. The index of the part after the run."""

    def one_list(depth: int, attrs: str) -> None:
        nonlocal i
        first = parts[i]
        tag = _list_tag(first)
        start = f' start="{first.number}"' if first.number > 1 else ""
        lines.append(f"<{tag}{attrs}{start}>")
        expected = first.number
        while i < len(parts) and parts[i].role == "list-item" and _depth(parts[i]) >= depth:
            part = parts[i]
            if _depth(part) > depth:  # (a deeper list with no item above it to hold it)
                lines.append("<li>")
                one_list(depth + 1, "")
                lines.append("</li>")
                continue
            if _list_tag(part) != tag:
                break  # another list begins
            value = f' value="{part.number}"' if part.number not in (0, expected) else ""
            expected = part.number + 1 if part.number else 0
            text = _sentences_html(part.sentences, article)
            i += 1
            if i < len(parts) and parts[i].role == "list-item" and _depth(parts[i]) > depth:
                lines.append(f"<li{value}>{text}")
                while i < len(parts) and parts[i].role == "list-item" and _depth(parts[i]) > depth:
                    one_list(depth + 1, "")  # (each list inside the item: a bullet one, a numbered)
                lines.append("</li>")
            else:
                lines.append(f"<li{value}>{text}</li>")
        lines.append(f"</{tag}>")

    while i < len(parts) and parts[i].role == "list-item":
        one_list(_depth(parts[i]), f' class="key-points"{named}')
        named = ""
    return i


def _figure_html(parts: tuple, i: int, article: Article, lines: list[str]) -> int:
    """A ``<figure>`` from the caption and credit parts at ``i``: its image (where the source
    names one that may be shown) and a ``<figcaption>``; the index of the part after it. A
    part with an image of its own, or a caption after a credit, starts the next figure."""
    image = parts[i].image
    lines.append("<figure>")
    if image and safe_target(image):
        lines.append(f'<img src="{_attr(image)}" alt="">')  # the caption describes it
    lines.append("<figcaption>")
    first = i
    while i < len(parts) and parts[i].role in ("caption", "credit"):
        after_credit = parts[i].role == "caption" and parts[i - 1].role == "credit"
        if i > first and (parts[i].image or after_credit):
            break
        text = _sentences_html(parts[i].sentences, article)
        lines.append(f'<p class="{parts[i].role}">{text}</p>')
        i += 1
    lines.append("</figcaption></figure>")
    return i


def render_html(article: Article, links: list[Link], index_href: str | None = None) -> str:
    """A self-contained HTML5 page: ``lang``/``dir`` from the language, hreflang alternates and
    a switcher for ``links``, fallback sentences marked with the source language. The page
    of the index that lists the article is linked (``build/index.html``, or its folder's,
    ``build/index/<folder>/index.html``) as seen from ``build/<lang>/<name>.html`` unless
    ``index_href`` says otherwise."""
    page = article.language
    if index_href is None:
        folder = article.stem.rpartition("/")[0]
        up = relative_root(article.stem)
        index_href = folder_index_href(folder, up) if folder else up + "index.html"
    lines = [
        "<!DOCTYPE html>",
        f'<html lang="{_attr(page.tag)}" dir="{page.direction}">',
        *_head(article.title, links),
        "<body>",
        '<div class="page">',
        "<header>",
        *_switcher(article, links, index_href),
        "</header>",
        "<main>",
        "<article>",
        *_body(article),
        "</article>",
        "</main>",
        *_footer(article),
        "</div>",
        "</body>",
        "</html>",
    ]
    return "\n".join(lines) + "\n"


# ---- the index ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PageStatus:
    """One document in one language: how far it is translated, and whether it is built."""

    stem: str
    language: LanguageInfo
    coverage: float  # percent reviewed, as the index shows it
    publishable: float  # percent the threshold is applied to (drafts count when published)
    threshold: float
    catalog: str | None  # the PO file, relative to the project; None: missing
    fallbacks: int = 0
    segments: int = 0
    withheld: int = 0  # translations not shown for an error-level finding of the checks

    @property
    def published(self) -> bool:
        return self.publishable + 1e-9 >= self.threshold


@dataclass(frozen=True)
class IndexEntry:
    stem: str
    title: str
    source: LanguageInfo
    pages: tuple[PageStatus, ...]
    html: str | None = None  # its lines of the index as an earlier build wrote them


INDEX_LEDE = (
    "Each bar is the share of an article's sentences translated and reviewed; the mark on it "
    "is the share a language needs to be published."
)
LINK_ORDER = (("html", "HTML"), ("md", "Markdown"), ("txt", "Text"))


@dataclass(frozen=True)
class FolderSummary:
    """A folder of documents as the main index lists it: its name (``2026/12``), how many
    documents it holds, and how many of them each language publishes."""

    name: str
    documents: int
    published: tuple[tuple[LanguageInfo, int], ...]


def folder_index_href(folder: str, up: str = "") -> str:
    """The relative URL of a folder's page of the index (``index/<folder>/index.html``), from
    the build folder or from ``up`` below it."""
    path = "/".join(quote(part, safe="") for part in folder.split("/"))
    return f"{up}index/{path}/index.html"


def render_index(
    entries: list[IndexEntry | str],
    formats: tuple[str, ...],
    title: str,
    folders: list[FolderSummary] = (),
    folder: str | None = None,
) -> str:
    """A page of the index, each document with every language under its own name, its
    coverage as a bar and a percentage, and links to the formats built: ``build/index.html``
    (the documents at the top of the source folder, then a line for each folder's page,
    ``folders``), or, with ``folder``, ``build/index/<folder>/index.html`` (the documents in
    that folder), so that no page lists an archive's every article. An entry may be given
    as its lines, as an earlier build made them."""
    up = relative_root(f"{folder}/") if folder else ""
    lines = [
        "<!DOCTYPE html>",
        '<html lang="en" dir="ltr">',
        *_head(title, []),
        '<body class="index">',
        '<div class="page">',
        "<main>",
        f"<h1>{_text(title)}</h1>",
        f'<p class="lede">{_text(INDEX_LEDE)}</p>',
    ]
    if folder:
        lines.append(f'<p class="back"><a href="{_attr(up)}index.html">All articles</a></p>')
    lines.append('<ul class="documents">')
    lines += [
        entry if isinstance(entry, str) else entry.html or index_entry(entry, formats)
        for entry in entries
    ]
    lines.append("</ul>")
    if folders:
        lines += ["<h2>Folders</h2>", '<ul class="documents folders">']
        lines += [_folder_row(summary) for summary in folders]
        lines.append("</ul>")
    lines += ["</main>", "</div>", "</body>", "</html>"]
    return "\n".join(lines) + "\n"


def _language_name(lang: LanguageInfo) -> str:
    """A language's name in the index, in its own script, and its code."""
    return (
        f'<span class="name"><span lang="{_attr(lang.tag)}" dir="{lang.direction}">'
        f'{_text(lang.name)}</span><span class="code">{_text(lang.code)}</span></span>'
    )


def _folder_row(summary: FolderSummary) -> str:
    """A folder's line of the main index: its name, linking to its page, how many documents
    it holds and how many each language publishes."""
    count = f"{summary.documents} article{'' if summary.documents == 1 else 's'}"
    lines = [
        '<li class="document folder">',
        f'<h3><a href="{_attr(folder_index_href(summary.name))}">{_text(summary.name)}</a></h3>',
        f'<p class="original">{count}</p>',
        '<ul class="languages">',
    ]
    for lang, published in summary.published:
        lines += [
            '<li class="language">',
            _language_name(lang),
            f'<span class="status">{published} of {summary.documents} published</span>',
            "</li>",
        ]
    lines += ["</ul>", "</li>"]
    return "\n".join(lines)


def index_entry(entry: IndexEntry, formats: tuple[str, ...]) -> str:
    """A document's lines of the index: its title, the original and each language; its links
    relative to the page that lists it (``render_index``: its folder's, or the main one)."""
    up = relative_root(entry.stem) if "/" in entry.stem else ""
    source = entry.source
    first = "html" if "html" in formats else formats[0]
    href = page_href(source.code, entry.stem, first, up)
    lines = [
        '<li class="document">',
        f'<h2><a href="{_attr(href)}">{_text(entry.title)}</a></h2>',
        '<ul class="languages">',
        *_index_row(entry.stem, source, formats, None, up),
    ]
    for page in entry.pages:
        lines += _index_row(entry.stem, page.language, formats, page, up)
    lines += ["</ul>", "</li>"]
    return "\n".join(lines)


def _index_row(
    stem: str, lang: LanguageInfo, formats: tuple[str, ...], page: PageStatus | None, up: str
) -> list[str]:
    """One language of a document in the index (``page`` None: the original)."""
    links = ""
    if page is None or page.published:
        links = " ".join(
            f'<a href="{_attr(page_href(lang.code, stem, fmt, up))}" hreflang="{_attr(lang.tag)}">'
            f"{label}</a>"
            for fmt, label in LINK_ORDER
            if fmt in formats
        )
    if page is None:
        coverage = '<span class="coverage original">original</span>'
        status = ""
    else:
        fill = "full" if page.coverage >= 100 else "ok" if page.published else "low"
        mark = ""
        if page.threshold > 0:
            mark = f'<span class="mark" style="left:{page.threshold:g}%"></span>'
        coverage = (
            f'<span class="coverage"><span class="bar" aria-hidden="true">'
            f'<span class="fill {fill}" style="width:{page.coverage:.1f}%"></span>{mark}'
            f"</span><span>{_percent(page.coverage / 100, 'en')} translated</span></span>"
        )
        needed = _percent(page.threshold / 100, "en", up=True)
        status = "" if page.published else f"not published: needs {needed}"
    status_html = f' <span class="note">{_text(status)}</span>' if status else ""
    return [
        '<li class="language">',
        _language_name(lang),
        coverage,
        f'<span class="status">{links}{status_html}</span>',
        "</li>",
    ]
