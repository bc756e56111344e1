"""Localised outputs: each article in each language as text, Markdown and an HTML page, the
compiled ``.mo`` catalogs, and ``build/index.html`` listing every document and language.

The build re-segments the source with the same segmenter as ``extract`` and looks each sentence
up in the language's catalog. Rendering is pure (article → string). ``plan`` reads every input
and renders every output in memory; only then does ``apply`` write the files whose bytes
changed and remove stale ones. So a bad PO file leaves ``build/`` as it was, and building twice
gives byte-identical files that are not rewritten.

Every translated string is untrusted (translators, MT): it is escaped for the format it goes
into (HTML text and attributes, Markdown), and its whitespace and control characters are
normalised, since a line break in a translation is not structure.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from html import escape
from pathlib import Path

import polib

from pipeline import files
from pipeline.config import Config, Language
from pipeline.languages import LanguageInfo, language_info
from pipeline.project import Catalog
from pipeline.segment import Block, Document
from pipeline.state import state

FORMATS = ("txt", "md", "html")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

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


# ---- languages ------------------------------------------------------------------------------


def _ui(lang: LanguageInfo, key: str) -> tuple[str, str]:
    """A page string in ``lang`` (or English), and the BCP 47 tag of the language it is in."""
    from babel import Locale

    for code in (lang.code, Locale.parse(lang.code).language):
        if code in UI_TEXT:
            return UI_TEXT[code][key], lang.tag
    return UI_TEXT["en"][key], "en"


# ---- the article in one language ------------------------------------------------------------


@dataclass(frozen=True)
class Sentence:
    text: str
    fallback: bool = False  # no published translation: shown in the source language


@dataclass(frozen=True)
class Part:
    """A block of the article: title, paragraph, list-item, caption or credit."""

    role: str
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True)
class Article:
    stem: str
    language: LanguageInfo
    source: LanguageInfo
    parts: tuple[Part, ...]
    segments: int  # sentences in the article (each occurrence)
    fallbacks: int  # of them with no published translation (shown in English, or left out)
    coverage: float  # percent of distinct sentences with a reviewed translation
    publishable: float  # percent of distinct sentences that have text to publish
    omit: bool = False  # fallback sentences are left out rather than shown in the source
    revised: date | None = None

    @property
    def title(self) -> str:
        for part in self.parts:
            if part.role == "title":
                return join_plain(part.sentences, self.language)
        return self.stem

    @property
    def fallback_share(self) -> float:
        return self.fallbacks / self.segments if self.segments else 0.0


def clean_translation(text: str) -> str:
    """A translation as one line: control characters dropped, whitespace runs one space."""
    return " ".join(_CONTROL.sub(" ", text).split())


def publishable_text(entry: polib.POEntry, publish_drafts: bool) -> str | None:
    """The text a page shows for ``entry``: a reviewed translation, or (when drafts are
    published) a fuzzy draft of this same English; None means fall back."""
    if entry.obsolete or entry.msgid_plural or entry.msgctxt is not None:
        return None
    current = state(entry)
    if current == "translated":
        return entry.msgstr
    if publish_drafts and current in ("machine", "needs_work") and not entry.previous_msgid:
        return entry.msgstr
    return None


def localise(
    doc: Document,
    po: polib.POFile | None,
    language: LanguageInfo,
    source: LanguageInfo,
    fallback: str = "source",
    publish_drafts: bool = False,
) -> Article:
    """``doc`` in ``language``: each sentence looked up in ``po`` (None: no catalog).

    A sentence with nothing to publish is shown in the source language (``fallback="source"``)
    or left out (``"omit"``; a title is never left out, a page needs one). A caption repeated
    right after itself (scraped alt text) is shown once.
    """
    entries = {e.msgid: e for e in po or () if not e.obsolete and e.msgctxt is None}
    reviewed: set[str] = set()
    shown: dict[str, str] = {}
    for msgid, entry in entries.items():
        text = publishable_text(entry, publish_drafts)
        if text is not None and clean_translation(text):
            shown[msgid] = clean_translation(text)
            if state(entry) == "translated":
                reviewed.add(msgid)
    distinct: set[str] = set()
    parts: list[Part] = []
    segments = fallbacks = 0
    for block in shown_blocks(doc):
        sentences = []
        for text in block.sentences:
            distinct.add(text)
            segments += 1
            if text in shown:
                sentences.append(Sentence(shown[text]))
                continue
            fallbacks += 1
            if fallback == "source" or block.role == "title":
                sentences.append(Sentence(text, fallback=True))
        if sentences:
            parts.append(Part(block.role, tuple(sentences)))

    def share(found: set[str]) -> float:
        return 100.0 * len(found & distinct) / len(distinct) if distinct else 100.0

    return Article(
        stem=doc.name,
        language=language,
        source=source,
        parts=tuple(parts),
        segments=segments,
        fallbacks=fallbacks,
        coverage=share(reviewed),
        publishable=share(set(shown)),
        omit=fallback == "omit",
        revised=revision_date(po),
    )


def shown_blocks(doc: Document) -> list[Block]:
    """The blocks a page shows: no site chrome, and a caption repeated right after itself
    (a scraped image's alt text) only once."""
    shown: list[Block] = []
    for block in doc.blocks:
        if block.role == "chrome":
            continue
        if shown and block.role == shown[-1].role == "caption" and block.text == shown[-1].text:
            continue
        shown.append(block)
    return shown


def original(doc: Document, source: LanguageInfo) -> Article:
    """The source document as an article in its own language."""
    parts = tuple(Part(b.role, tuple(Sentence(s) for s in b.sentences)) for b in shown_blocks(doc))
    count = sum(len(p.sentences) for p in parts)
    return Article(doc.name, source, source, parts, count, 0, 100.0, 100.0)


def revision_date(po: polib.POFile | None) -> date | None:
    """The catalog's ``PO-Revision-Date`` as a date (None when absent or a placeholder)."""
    value = (po.metadata.get("PO-Revision-Date", "") if po is not None else "").strip()
    try:
        return datetime.strptime(value[:10], "%Y-%m-%d").date()
    except ValueError:
        return None


# ---- sentences → text -----------------------------------------------------------------------


def _separated(sentences: tuple[Sentence, ...], language: LanguageInfo):
    """(separator, sentence) pairs: the language's own spacing, a space next to a fallback."""
    previous = None
    for sentence in sentences:
        if previous is None:
            separator = ""
        elif previous.fallback or sentence.fallback:
            separator = " "
        else:
            separator = language.sentence_space
        yield separator, sentence
        previous = sentence


def join_plain(sentences: tuple[Sentence, ...], language: LanguageInfo) -> str:
    return "".join(sep + s.text for sep, s in _separated(sentences, language))


def render_text(article: Article) -> str:
    """Plain text: blocks separated by a blank line, list items as ``• `` lines together."""
    out: list[str] = []
    previous = None
    for part in article.parts:
        line = join_plain(part.sentences, article.language)
        if part.role == "list-item":
            line = "• " + line
        if out:
            out.append("\n" if previous == part.role == "list-item" else "\n\n")
        out.append(line)
        previous = part.role
    return "".join(out) + "\n"


_MD_INLINE = re.compile(r"([\\`*_\[\]<>&#~|])")
_MD_LINE_START = re.compile(r"^([-+=]|\d+(?=[.)]))")


def markdown_escape(text: str) -> str:
    """``text`` as literal CommonMark inline content: no emphasis, links, HTML or entities, and
    nothing at its start that would make a heading, list or quote."""
    text = _MD_INLINE.sub(r"\\\1", text)
    match = _MD_LINE_START.match(text)
    if match:
        if match.group(1).isdigit():
            end = match.end()
            text = text[:end] + "\\" + text[end:]
        else:
            text = "\\" + text
    return text


def render_markdown(article: Article) -> str:
    """CommonMark: ``#`` title, ``-`` list of key points, captions in emphasis."""
    out: list[str] = []
    previous = None
    for part in article.parts:
        text = markdown_escape(join_plain(part.sentences, article.language))
        line = {
            "title": f"# {text}",
            "list-item": f"- {text}",
            "caption": f"*{text}*",
        }.get(part.role, text)
        if out:
            out.append("\n" if previous == part.role == "list-item" else "\n\n")
        out.append(line)
        previous = part.role
    return "".join(out) + "\n"


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

STYLE = f"""
:root {{ --text: #1c1c21; --muted: #5d5d69; --bg: #fbfaf7;
  --accent: #0a58a8; --rule: #e2dfd6; --box: #f1eee6; --warn: #c98a00; --good: #2e7d4f;
  --low: #b3402e; }}
@media (prefers-color-scheme: dark) {{ :root {{ --text: #e8e6e0; --muted: #a7a59e;
  --bg: #16171a; --accent: #8cc4ff; --rule: #34353b; --box: #212328; --warn: #e0a82e;
  --good: #5cc08a; --low: #e57a66; }} }}
*, *::before, *::after {{ box-sizing: border-box; }}
html {{ -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }}
body {{ margin: 0; background: var(--bg); color: var(--text); font-family: {FONT_LATIN};
  font-size: clamp(1.0625rem, 1rem + 0.3vw, 1.1875rem); line-height: 1.65;
  overflow-wrap: break-word; }}
:lang(ko) {{ font-family: {FONT_KO}; word-break: keep-all; }}
:lang(zh-Hans), :lang(zh) {{ font-family: {FONT_ZH_HANS}; line-break: strict; }}
:lang(ja) {{ font-family: {FONT_JA}; line-break: strict; }}
:lang(en), :lang(ms) {{ font-family: {FONT_LATIN}; word-break: normal; }}
:lang(ko) p, :lang(ko) li, :lang(zh) p, :lang(zh) li, :lang(ja) p {{ line-height: 1.8; }}
.page {{ max-width: 42rem; margin: 0 auto;
  padding: 1rem clamp(1rem, 5vw, 2rem) 3rem; }}
a {{ color: var(--accent); }}
nav ul {{ list-style: none; display: flex; flex-wrap: wrap; gap: 0.4rem; margin: 0;
  padding: 0; font-size: 0.875rem; }}
nav a, nav [aria-current] {{ display: inline-block; padding: 0.3rem 0.75rem;
  border: 1px solid var(--rule); border-radius: 999px; text-decoration: none;
  line-height: 1.4; }}
nav [aria-current] {{ background: var(--text); color: var(--bg); border-color: var(--text); }}
nav a:hover, nav a:focus-visible {{ border-color: var(--accent); }}
h1 {{ font-size: clamp(1.5rem, 1.1rem + 1.9vw, 2.4rem); line-height: 1.25;
  margin: 1.5rem 0 1rem; font-weight: 700; }}
h2 {{ font-size: 1.25rem; line-height: 1.35; margin: 2rem 0 0.75rem; }}
p {{ margin: 0 0 1.1em; }}
html:not([lang="en"]) article [lang="en"] {{ color: var(--muted); }}
.notice {{ font-size: 0.875rem; color: var(--muted); background: var(--box);
  border-left: 4px solid var(--warn); padding: 0.6rem 0.9rem; border-radius: 0 0.4rem 0.4rem 0;
  margin: 0 0 1.5rem; }}
.key-points {{ background: var(--box); border-radius: 0.6rem; margin: 0 0 1.75rem;
  padding: 1rem 1.25rem 1rem 2.25rem; }}
.key-points li {{ margin: 0.35rem 0; }}
.key-points li::marker {{ color: var(--accent); }}
figure {{ margin: 0 0 1.75rem; padding: 0 0 0.75rem; border-bottom: 1px solid var(--rule); }}
figcaption {{ font-size: 0.9rem; color: var(--muted); line-height: 1.55; }}
figcaption p {{ margin: 0 0 0.25rem; }}
.credit {{ font-size: 0.75rem; letter-spacing: 0.04em; }}
footer {{ margin-top: 2.5rem; padding-top: 1rem; border-top: 1px solid var(--rule);
  font-size: 0.875rem; color: var(--muted); display: flex; flex-wrap: wrap;
  justify-content: space-between; gap: 0.5rem 1.5rem; }}
.documents {{ list-style: none; margin: 0; padding: 0; }}
.document {{ border-top: 1px solid var(--rule); padding: 0.5rem 0 1rem; }}
.languages {{ list-style: none; margin: 0; padding: 0; }}
.language {{ display: grid; grid-template-columns: minmax(7.5rem, 1fr) 2fr; gap: 0.2rem 1rem;
  align-items: center; padding: 0.75rem 0; border-bottom: 1px dashed var(--rule); }}
.language:last-child {{ border-bottom: 0; }}
.language .name {{ font-weight: 600; display: flex; flex-wrap: wrap; gap: 0 0.4rem;
  align-items: baseline; }}
.language .code {{ color: var(--muted); font-size: 0.8rem; font-weight: 400;
  font-family: ui-monospace, monospace; }}
.coverage {{ display: flex; align-items: center; gap: 0.6rem; font-size: 0.875rem; }}
.bar {{ position: relative; flex: 1; max-width: 14rem; height: 0.6rem; border-radius: 999px;
  background: var(--box); outline: 1px solid var(--rule); overflow: hidden; }}
.bar .fill {{ display: block; height: 100%; background: var(--low); }}
.bar .fill.ok {{ background: var(--warn); }}
.bar .fill.full {{ background: var(--good); }}
.bar .mark {{ position: absolute; top: 0; bottom: 0; width: 2px; background: var(--text);
  opacity: 0.45; }}
.status {{ grid-column: 2; font-size: 0.8rem; color: var(--muted); display: flex;
  flex-wrap: wrap; gap: 0.2rem 0.8rem; }}
.index h1 {{ font-size: clamp(1.5rem, 1.2rem + 1.2vw, 2rem); }}
.index h2 {{ font-size: 1.15rem; }}
.index h2 a {{ text-decoration: none; }}
.lede, .original {{ color: var(--muted); font-size: 0.9rem; }}
@media (max-width: 30rem) {{ .language {{ grid-template-columns: 1fr; }}
  .status {{ grid-column: 1; }} }}
""".strip()

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:"


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


def _in_language(text: str, tag: str, page_tag: str, direction: str = "") -> str:
    """Escaped ``text``, inside a ``lang`` span when it is not in the page's language."""
    body = _text(text)
    if tag == page_tag:
        return body
    dir_attr = f' dir="{direction}"' if direction else ""
    return f'<span lang="{_attr(tag)}"{dir_attr}>{body}</span>'


def _sentences_html(sentences: tuple[Sentence, ...], article: Article) -> str:
    page, src = article.language, article.source
    direction = src.direction if src.direction != page.direction else ""
    out = []
    for separator, sentence in _separated(sentences, page):
        tag = src.tag if sentence.fallback else page.tag
        out.append(separator + _in_language(sentence.text, tag, page.tag, direction))
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
        f"{_in_language(index_text, index_tag, page.tag)}</a></li>"
    )
    lines.append("</ul></nav>")
    return lines


def _percent(share: float, locale: str, up: bool = False) -> str:
    """A share (0–1) as a whole percent in ``locale``: rounded up for what is missing (any
    English shows as at least 1%), down for what is done (99.6% is not 100%)."""
    from babel.numbers import format_percent

    whole = math.ceil(share * 100 - 1e-9) if up else math.floor(share * 100 + 1e-9)
    return format_percent(whole / 100, locale=locale)


def _notice(article: Article) -> list[str]:
    if not article.fallbacks:
        return []
    from babel import Locale

    page = article.language
    key = "fallback_omit" if article.omit else "fallback_source"
    template, tag = _ui(page, key)
    locale = Locale.parse(page.code if tag == page.tag else "en")
    text = template.format(
        percent=_percent(article.fallback_share, page.code, up=True),
        language=locale.languages.get(Locale.parse(article.source.code).language, "English"),
    )
    return [f'<p class="notice" role="note">{_in_language(text, tag, page.tag)}</p>']


def _footer(article: Article) -> list[str]:
    if article.revised is None or article.language == article.source:
        return []
    from babel.dates import format_date

    template, tag = _ui(article.language, "revised")
    text = template.format(date=format_date(article.revised, "long", locale=article.language.code))
    return ["<footer>", f"<p>{_in_language(text, tag, article.language.tag)}</p>", "</footer>"]


def _body(article: Article) -> list[str]:
    lines: list[str] = []
    parts = article.parts
    i = 0
    while i < len(parts):
        part = parts[i]
        content = _sentences_html(part.sentences, article)
        if part.role == "title":
            lines.append(f"<h1>{content}</h1>")
            lines += _notice(article)
        elif part.role == "list-item":
            lines.append('<ul class="key-points">')
            while i < len(parts) and parts[i].role == "list-item":
                lines.append(f"<li>{_sentences_html(parts[i].sentences, article)}</li>")
                i += 1
            lines.append("</ul>")
            continue
        elif part.role in ("caption", "credit"):
            lines.append("<figure><figcaption>")
            while i < len(parts) and parts[i].role in ("caption", "credit"):
                cls = parts[i].role
                text = _sentences_html(parts[i].sentences, article)
                lines.append(f'<p class="{cls}">{text}</p>')
                i += 1
            lines.append("</figcaption></figure>")
            continue
        else:
            lines.append(f"<p>{content}</p>")
        i += 1
    if not any(p.role == "title" for p in parts):
        lines[:0] = _notice(article)
    return lines


def render_html(article: Article, links: list[Link], index_href: str = "../index.html") -> str:
    """A self-contained HTML5 page: ``lang``/``dir`` from the language, hreflang alternates and
    a switcher for ``links``, fallback sentences marked with the source language."""
    page = article.language
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
    catalog: Path | None  # None: the PO file is missing
    fallbacks: int = 0
    segments: int = 0

    @property
    def published(self) -> bool:
        return self.publishable + 1e-9 >= self.threshold


@dataclass(frozen=True)
class IndexEntry:
    stem: str
    title: str
    source: LanguageInfo
    pages: tuple[PageStatus, ...]


INDEX_LEDE = (
    "Each bar is the share of an article's sentences translated and reviewed; the mark on it "
    "is the share a language needs to be published."
)
LINK_ORDER = (("html", "HTML"), ("md", "Markdown"), ("txt", "Text"))


def render_index(entries: list[IndexEntry], formats: tuple[str, ...], title: str) -> str:
    """``build/index.html``: each document with every language under its own name, its
    coverage as a bar and a percentage, and links to the formats built."""
    lines = [
        "<!DOCTYPE html>",
        '<html lang="en" dir="ltr">',
        *_head(title, []),
        '<body class="index">',
        '<div class="page">',
        "<main>",
        f"<h1>{_text(title)}</h1>",
        f'<p class="lede">{_text(INDEX_LEDE)}</p>',
        '<ul class="documents">',
    ]
    for entry in entries:
        source = entry.source
        first = "html" if "html" in formats else formats[0]
        href = f"{source.code}/{entry.stem}.{first}"
        lines += [
            '<li class="document">',
            f'<h2><a href="{_attr(href)}">{_text(entry.title)}</a></h2>',
            '<ul class="languages">',
            *_index_row(entry.stem, source, formats, None),
        ]
        for page in entry.pages:
            lines += _index_row(entry.stem, page.language, formats, page)
        lines += ["</ul>", "</li>"]
    lines += ["</ul>", "</main>", "</div>", "</body>", "</html>"]
    return "\n".join(lines) + "\n"


def _index_row(
    stem: str, lang: LanguageInfo, formats: tuple[str, ...], page: PageStatus | None
) -> list[str]:
    """One language of a document in the index (``page`` None: the original)."""
    links = ""
    if page is None or page.published:
        links = " ".join(
            f'<a href="{_attr(f"{lang.code}/{stem}.{fmt}")}" hreflang="{_attr(lang.tag)}">'
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
        (
            f'<span class="name"><span lang="{_attr(lang.tag)}" dir="{lang.direction}">'
            f'{_text(lang.name)}</span><span class="code">{_text(lang.code)}</span></span>'
        ),
        coverage,
        f'<span class="status">{links}{status_html}</span>',
        "</li>",
    ]


# ---- .mo ------------------------------------------------------------------------------------


def compile_mo(po: polib.POFile) -> bytes:
    """The catalog compiled as GNU ``msgfmt`` does by default: fuzzy, untranslated and obsolete
    entries left out, the header kept, keys sorted."""
    return po.to_binary()


# ---- plan and write -------------------------------------------------------------------------


@dataclass
class BuildPlan:
    """Everything a build will do, computed before anything is written."""

    files: dict[Path, bytes] = field(default_factory=dict)
    remove: list[Path] = field(default_factory=list)
    pages: list[PageStatus] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class BuildResult:
    written: list[Path]
    unchanged: list[Path]
    removed: list[Path]
    pages: list[PageStatus]
    warnings: list[str]


def output_path(config: Config, code: str, stem: str, fmt: str) -> Path:
    """Where a format of a document in a language goes (``fmt`` "mo" for the catalog)."""
    if fmt == "mo":
        return config.build_dir / "locale" / code / "LC_MESSAGES" / f"{stem}.mo"
    return config.build_dir / code / f"{stem}.{fmt}"


def plan(
    config: Config,
    documents: list[tuple[Path, Document]],
    catalogs: dict[str, list[Catalog]],
    languages: list[Language],
    formats: tuple[str, ...] = FORMATS,
) -> BuildPlan:
    """Render every output in memory from the documents and every configured language's
    catalogs (in the documents' order), as ``Project`` loads them.

    All configured languages are needed (the index and the language switchers list every
    published language); only ``languages`` are written or removed.
    """
    formats = tuple(f for f in FORMATS if f in formats) or FORMATS
    source = language_info(config.source_language)
    selected = {lang.code for lang in languages}
    result = BuildPlan()
    index: list[IndexEntry] = []
    for number, (path, doc) in enumerate(documents):
        versions = [
            _translate(config, doc, path, lang, source, catalogs[lang.code][number])
            for lang in config.languages
        ]
        published = [source] + [v.status.language for v in versions if v.status.published]
        links = [Link(lang, f"../{lang.code}/{doc.name}.html") for lang in published]
        english = original(doc, source)
        for fmt in formats:
            target = output_path(config, source.code, doc.name, fmt)
            result.files[target] = _render(english, fmt, links)
        for version in versions:
            code = version.status.language.code
            if code not in selected:
                continue
            result.pages.append(version.status)
            result.warnings += version.warnings
            if not version.status.published:
                result.remove += [output_path(config, code, doc.name, f) for f in (*FORMATS, "mo")]
                continue
            for fmt in formats:
                target = output_path(config, code, doc.name, fmt)
                result.files[target] = _render(version.article, fmt, links)
            if version.catalog is not None:
                target = output_path(config, code, doc.name, "mo")
                result.files[target] = compile_mo(version.catalog)
        statuses = tuple(v.status for v in versions)
        index.append(IndexEntry(doc.name, english.title, source, statuses))
    stems = [doc.name for _, doc in documents]
    result.remove += _orphans(config, [source.code, *sorted(selected)], stems)
    title = f"{config.project_name}: articles in every language"
    result.files[config.build_dir / "index.html"] = render_index(index, formats, title).encode()
    result.remove = [p for p in dict.fromkeys(result.remove) if p not in result.files]
    return result


@dataclass(frozen=True)
class _Version:
    """A document in one language: its article, its catalog and what to tell the user."""

    status: PageStatus
    article: Article
    catalog: polib.POFile | None
    warnings: tuple[str, ...]


def _translate(
    config: Config,
    doc: Document,
    path: Path,
    lang: Language,
    source: LanguageInfo,
    loaded: Catalog,
) -> _Version:
    """``doc`` localised with its catalog in ``lang`` (a missing one: a warning)."""
    po_path = loaded.path
    po = None if loaded.missing else loaded.po
    info = language_info(lang.code)
    article = localise(doc, po, info, source, config.fallback, config.publish_drafts)
    warnings = []
    if po is None:
        warnings.append(
            f"{config.relative(po_path)}: not found; {lang.code} is built from the source "
            "(0% translated)"
        )
    else:
        missing = {s.text for s in doc.segments()} - {e.msgid for e in po if not e.obsolete}
        if missing:
            warnings.append(
                f"{config.relative(po_path)}: {len(missing)} sentences of "
                f"{config.relative(path)} are not in the catalog (run `l10n update`)"
            )
    status = PageStatus(
        stem=doc.name,
        language=info,
        coverage=article.coverage,
        publishable=article.publishable,
        threshold=lang.min_build_coverage,
        catalog=po_path if po is not None else None,
        fallbacks=article.fallbacks,
        segments=article.segments,
    )
    return _Version(status, article, po, tuple(warnings))


def _render(article: Article, fmt: str, links: list[Link]) -> bytes:
    if fmt == "txt":
        return render_text(article).encode("utf-8")
    if fmt == "md":
        return render_markdown(article).encode("utf-8")
    return render_html(article, links).encode("utf-8")


def _orphans(config: Config, codes: list[str], stems: list[str]) -> list[Path]:
    """Outputs of documents that no longer have a source: stale, so removed."""
    known = set(stems)
    found: list[Path] = []
    for code in codes:
        folder = config.build_dir / code
        if folder.is_dir():
            found += [
                p
                for p in sorted(folder.iterdir())
                if p.suffix[1:] in FORMATS and p.stem not in known and p.is_file()
            ]
        mo_folder = config.build_dir / "locale" / code / "LC_MESSAGES"
        if mo_folder.is_dir():
            found += [p for p in sorted(mo_folder.glob("*.mo")) if p.stem not in known]
    return found


def apply(result: BuildPlan) -> BuildResult:
    """Write the planned files (only those whose bytes differ) and remove stale outputs."""
    written, unchanged, removed = [], [], []
    for path, data in result.files.items():
        changed = files.write_bytes(path, data)
        (written if changed else unchanged).append(path)
    for path in result.remove:
        if path.exists():
            path.unlink()
            removed.append(path)
    return BuildResult(written, unchanged, removed, result.pages, result.warnings)


def describe(page: PageStatus) -> str:
    """One line for the build's report: built (and how much fell back) or not, and why."""
    where = f"{page.language.code}/{page.stem}"
    done = f"{page.publishable:.1f}% translated"
    if not page.published:
        return f"not built: {where}: {done}, below the {page.threshold:g}% needed"
    if page.fallbacks:
        return f"built: {where}: {done}, {page.fallbacks} of {page.segments} sentences fall back"
    return f"built: {where}: {done}"
