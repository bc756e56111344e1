"""Text → Document: cleaning, blocks and their roles, sentence segments.

Deterministic and pure (no model, no network): the build re-segments the source with the same
rules and looks each segment up in the catalog, so extraction and build always agree.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from pipeline import files
from pipeline.errors import L10nError

BULLET = re.compile(r"^\s*[•*\-–]\s+(?=\S)")
CREDIT = re.compile(r"^(?:[A-Z][A-Z&.'\- ]*\s)?PHOTOS?\s*:\s*\S", re.UNICODE)
PUNCT_ONLY = re.compile(r"^[.,;:)\]!?”’\"']+$")
OPENING = "\"“‘'(["
# C0 control characters other than tab and line ends (NUL, ESC, …) have no place in an article.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

# Words that end in a full stop without ending a sentence ("Dr. Tan", "Nov. 21", "No. 10").
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st no nos mt ft gen col lt sgt capt cmdr adm gov sen rep rev hon
    jr sr fr vs jan feb mar apr jun jul aug sep sept oct nov dec approx dept est fig vol
    pp ch art para""".split()
)
# Written with a capital, and abbreviations only so ("Calif.", "Co.", but "ill." ends a
# sentence): US states as newspapers shorten them, and company names.
CAPITAL_ABBREVIATIONS = frozenset(
    """Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass Mich Minn Miss Mo
    Mont Neb Nev Okla Ore Pa Penn Tenn Tex Va Vt Wash Wis Wyo Inc Co Corp Ltd Bros Re""".split()
)
# "U.S.", "e.g.", "i.e.", "a.m.": letters with full stops inside the word.
DOTTED = re.compile(r"^(?:[A-Za-z]\.){2,}$")
# Starts only where a run of ``.!?`` starts, so a long run is scanned once, not once per mark.
SPLIT_AT = re.compile(r"(?<![.!?])[.!?]+[\"”’')\]]*(?=\s+[\"“‘(\[]?[\dA-Z\u00C0-\u024F])")
CLOSING = "\"”’')]"  # what may follow the mark that ends a sentence
ATTRIBUTION = re.compile(
    r"^(?:[A-Z][\w’'.\-]*\s){1,5}(?:said|says|added|adds|noted|notes|asked|asks|told|tells|"
    r"wrote|writes|explained|replied|recalled|continued|stated|remarked)\b[^.!?“\"]{0,80}\.$"
)


# Inline markup in a sentence: numbered paired tags ``<1>…</1>`` and self-closing ``<2/>``.
TAG = re.compile(r"<(/?)([1-9][0-9]{0,2})(/?)>")
PAIRED = ("a", "em", "strong", "code")
# Source text that reads as a tag ("<1>", "</2>", "<3/>") is written with one more backslash
# after its "<" ("<\1>", and "<\\1>" for a source's own "<\1>"), so that only markup is ever
# a tag; the renderers take the backslash off again.
TAG_LIKE = re.compile(r"<(\\*/?[1-9][0-9]{0,2}/?)>")
ESCAPED_TAG = re.compile(r"<\\(\\*/?[1-9][0-9]{0,2}/?)>")


def escape_tags(text: str) -> str:
    """Source text with what reads as a numbered tag escaped (``<1>`` → ``<\\1>``)."""
    return TAG_LIKE.sub(r"<\\\1>", text)


def unescape_tags(text: str) -> str:
    """The text ``escape_tags`` was given (``<\\1>`` → ``<1>``)."""
    return ESCAPED_TAG.sub(r"<\1>", text)


@dataclass(frozen=True)
class Tag:
    """What a numbered tag in a sentence stands for: a link (``a``, with its target and
    ``rel``), emphasis (``em``), ``strong``, ``code``, a line break (``br``) or an image
    (``img``, with its source and alternative text). Never part of a msgid: the template
    carries it in an extracted comment (``describe``) and the build reads it from the source."""

    kind: str
    target: str = ""
    rel: str = ""
    alt: str = ""

    def describe(self) -> str:
        if self.kind == "a":
            return (self.target or "a") + (f" rel={self.rel}" if self.rel else "")
        if self.kind == "img":
            return f"img {self.target}".rstrip()
        return self.kind


def tag_shapes(text: str) -> dict[int, str]:
    """The tags of a (well-formed) source sentence: number → ``"pair"`` or ``"self"``."""
    return {int(m.group(2)): "self" if m.group(3) else "pair" for m in TAG.finditer(text)}


def strip_tags(text: str) -> str:
    """``text`` without its tags, words kept (a line break becomes a space)."""
    return " ".join(TAG.sub(lambda m: " " if m.group(3) else "", text).split())


def tag_problem(source: str, translation: str) -> str | None:
    """What is wrong with the tags of ``translation`` against those of ``source`` (None: they
    match). Tags may move and pairs may be reordered; each must be there once, a pair opened
    before it is closed and not crossing another, a self-closing tag left self-closing."""
    want = tag_shapes(source)
    if not want and not TAG.search(translation):
        return None
    seen: set[int] = set()
    stack: list[int] = []
    for match in TAG.finditer(translation):
        token, number = match.group(), int(match.group(2))
        closing, shape = bool(match.group(1)), "self" if match.group(3) else "pair"
        if number not in want:
            return f"extra tag {token} (not in the source)"
        if want[number] != shape:
            was = f"<{number}/>" if want[number] == "self" else f"<{number}>…</{number}>"
            return f"{token} changed: the source has {was}"
        if shape == "self" or not closing:
            if number in seen:
                return f"{token} twice"
            seen.add(number)
            if shape == "pair":
                stack.append(number)
        elif number not in stack:
            return f"{token} without <{number}> before it"
        elif stack[-1] != number:
            return f"<{stack[-1]}> and <{number}> misnested (</{stack[-1]}> must come first)"
        else:
            stack.pop()
    if stack:
        return f"<{stack[-1]}> not closed"
    missing = [n for n in want if n not in seen]
    if missing:
        shown = ", ".join(f"<{n}/>" if want[n] == "self" else f"<{n}>…</{n}>" for n in missing)
        return f"missing {shown}"
    return None


@dataclass(frozen=True, slots=True)
class Segment:
    """One sentence to translate, where it stands in the document."""

    text: str
    role: str
    line: int  # 1-based line of its block in the source
    block: int  # 0-based index of its block
    index: int  # 0-based position of the sentence in its block
    tags: tuple[Tag, ...] = ()  # what ``<1>``, ``<2/>``… in ``text`` stand for, in order


@dataclass(frozen=True, slots=True)
class Block:
    """A unit of the article's structure: a title, subhead, paragraph, list item, label (above
    a list), caption or credit."""

    role: str
    line: int
    _text: str | None  # its text (``text``); None where that is its sentences joined by a space
    sentences: tuple[str, ...]
    tags: tuple[tuple[Tag, ...], ...] = ()  # per sentence, for a source with markup
    level: int = 0  # of a subhead: 2 for ``<h2>`` / ``##``, and so on; of a list item, its
    # depth in nested lists (1: the outermost; 0: a list of a plain text source, one deep)
    image: str = ""  # of a figure's first block (its caption, or else its credit): the source
    number: int = 0  # of a list item: its number in an ordered list (0: a bullet)

    def __post_init__(self) -> None:
        # A block is held once, as its sentences, not twice.
        if self._text is not None:
            if self._text == " ".join(self.sentences):
                object.__setattr__(self, "_text", None)

    @property
    def text(self) -> str:
        """The block's text, whitespace cleaned (its sentences, before they were split)."""
        return " ".join(self.sentences) if self._text is None else self._text

    def sentence_tags(self, index: int) -> tuple[Tag, ...]:
        return self.tags[index] if index < len(self.tags) else ()


@dataclass(frozen=True)
class Document:
    name: str
    blocks: tuple[Block, ...]
    # What a source says of itself, not translated: ``author``, ``date``, ``url`` (its front
    # matter, or the saved page's), as (field, value) pairs.
    meta: tuple[tuple[str, str], ...] = ()

    def segments(self, include_chrome: bool = False) -> list[Segment]:
        """The document's sentences in source order (site chrome left out unless asked)."""
        return list(self.each_segment(include_chrome))

    def each_segment(self, include_chrome: bool = False) -> Iterator[Segment]:
        """``segments``, one at a time."""
        for number, block in enumerate(self.blocks):
            if include_chrome or block.role != "chrome":
                for index, text in enumerate(block.sentences):
                    yield Segment(
                        text, block.role, block.line, number, index, block.sentence_tags(index)
                    )


@dataclass
class _RawBlock:
    line: int
    lines: list[str]
    bullet: bool = False

    @property
    def text(self) -> str:
        return clean(" ".join(self.lines))


def clean(text: str) -> str:
    """NFC, whitespace runs collapsed to one space, stripped."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def decode(data: bytes, path: str | Path = "<input>") -> str:
    """UTF-8 bytes (BOM tolerated) → text with ``\\n`` line ends, NFC; bad input (not UTF-8,
    control characters, nothing but space) is an error."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise L10nError(f"not valid UTF-8 (byte 0x{data[exc.start]:02x})", path, line) from None
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    control = CONTROL.search(text)
    if control:
        at = control.start()
        column = at - text.rfind("\n", 0, at)
        raise L10nError(
            f"control character U+{ord(control.group()):04X} at column {column}: "
            f"a source is plain text",
            path,
            text.count("\n", 0, at) + 1,
        )
    if not text or text.isspace():  # not text.strip(), which copies a whole page
        raise L10nError("source document is empty", path)
    return text


# The most a source may hold, read no further: a saved page (mostly scripts, styles and site
# chrome) and an article's own text. The longest articles are about 100 KB of text.
MAX_PAGE_BYTES = 10 * 2**20
MAX_TEXT_BYTES = 2 * 2**20


def read_source(path: str | Path, saved_page: bool | None = None) -> bytes:
    """A source's bytes; an unreadable one, or one over its limit (``MAX_PAGE_BYTES`` for a
    saved page, ``MAX_TEXT_BYTES`` for text or Markdown), is an error. Whether it is a page
    is told by its suffix unless ``saved_page`` says."""
    page = Path(path).suffix.lower() in (".html", ".htm") if saved_page is None else saved_page
    limit = MAX_PAGE_BYTES if page else MAX_TEXT_BYTES
    try:
        return files.read_bytes(path, limit)
    except OSError as exc:
        raise L10nError(f"cannot read: {exc.strerror}", path) from None
    except files.TooLarge:
        kind = "a saved page" if page else "a text or Markdown source"
        raise L10nError(f"larger than {limit // 2**20} MiB, the most {kind} may be", path) from None


def segment_text(
    text: str,
    name: str = "document",
    chrome_patterns: tuple[str, ...] = (),
    label_patterns: tuple[str, ...] = (),
) -> Document:
    """Split cleaned text into blocks with roles, and blocks into sentences. A block that
    matches one of ``label_patterns`` is a ``label`` (shown above the list next to it), one
    that matches ``chrome_patterns`` is site chrome (not translated).

    One paragraph at a time: the text is read line by line and each block is split into
    sentences as soon as it is whole, so that besides the text and the blocks made of it only
    one paragraph's lines and copies are held (never a list of all lines, nor all paragraphs
    cleaned beside their sentences)."""
    chrome = [re.compile(p) for p in chrome_patterns]
    labels = [re.compile(p) for p in label_patterns]
    blocks = _Blocks()
    # The block being read, as (role, line, pieces, bullet, ends a sentence); the pieces of
    # rejoined fragments are joined once when it is whole, so a long run of fragments stays
    # linear.
    part: tuple[str, int, list[str], bool, bool] | None = None
    for block in _raw_blocks(text):
        body = block.text
        if not body:
            continue
        role = (
            "label"
            if any(p.fullmatch(body) for p in labels)
            else "chrome"
            if any(p.fullmatch(body) for p in chrome)
            else ""
        )
        punct_only = bool(PUNCT_ONLY.match(body))
        if part and not role and not block.bullet and _continues(part, body, punct_only):
            pieces = part[2]
            pieces.append(body if punct_only else " " + body)
            # A block of closing marks only keeps the (non-)ending of the text before it.
            ends = _ends_sentence(body) if body.rstrip(CLOSING) else False
            part = (part[0], part[1], pieces, part[3], ends)
        else:
            if part:
                blocks.add(part[0], part[1], "".join(part[2]), part[3])
            part = (role, block.line, [body], block.bullet, _ends_sentence(body))
    if part:
        blocks.add(part[0], part[1], "".join(part[2]), part[3])
    return Document(name, tuple(_labels_above_lists(blocks.blocks)))


def _raw_blocks(text: str) -> Iterator[_RawBlock]:
    """The text's blocks (runs of lines, or list items), each given when it is whole."""
    current: _RawBlock | None = None
    for number, line in enumerate(_lines(text), start=1):
        if not line or line.isspace():
            if current is not None:
                yield current
            current = None
            continue
        bullet = BULLET.match(line)
        if bullet:
            if current is not None:
                yield current
            current = _RawBlock(number, [line[bullet.end() :]], bullet=True)
        elif current is None or (current.bullet and not line[:1].isspace()):
            if current is not None:
                yield current
            current = _RawBlock(number, [line])
        else:
            current.lines.append(line)
    if current is not None:
        yield current


def _lines(text: str) -> Iterator[str]:
    """``text.split("\n")``, one line at a time."""
    start = 0
    while (end := text.find("\n", start)) >= 0:
        yield text[start:end]
        start = end + 1
    yield text[start:]


def _continues(
    previous: tuple[str, int, list[str], bool, bool], body: str, punct_only: bool
) -> bool:
    """A scraped link splits a sentence into blocks: rejoin "… with" + "celebrating …" + "."."""
    role, _, _, bullet, ends = previous
    if role in ("chrome", "label") or bullet or ends:
        return False
    return body[0].islower() or punct_only


def _ends_sentence(text: str) -> bool:
    """Does ``text`` end in ``.!?…`` followed by nothing but closing marks?"""
    return text.rstrip(CLOSING)[-1:] in (".", "!", "?", "…")


class _Blocks:
    """The document's blocks, each split into sentences as it is added. Roles are known as
    blocks come: the first block that is not chrome is the title when it reads as a paragraph,
    and a credit makes the paragraph before it a caption (with identical ones before that:
    scraped pages repeat the caption as the image's alt text)."""

    def __init__(self):
        self.blocks: list[Block] = []
        self.content: list[int] = []  # the blocks that are not chrome, by position

    def add(self, role: str, line: int, text: str, bullet: bool) -> None:
        if not role:
            role = "list-item" if bullet else "credit" if CREDIT.match(text) else "paragraph"
        if role != "chrome":
            if not self.content and role == "paragraph":
                role = "title"
            if role == "credit" and self.content:
                self._captions()
            self.content.append(len(self.blocks))
        whole = role in ("chrome", "credit", "label")
        sentences = (text,) if whole else tuple(split_sentences(text))
        sentences = tuple(escape_tags(sentence) for sentence in sentences)
        self.blocks.append(Block(role, line, text, sentences))

    def _captions(self) -> None:
        """Before a credit: the paragraph before it, and identical ones before that, become
        captions."""
        caption = self.blocks[self.content[-1]].text
        for at in reversed(self.content):
            block = self.blocks[at]
            if block.role != "paragraph" or block.text != caption:
                break
            self.blocks[at] = replace(block, role="caption")


def _labels_above_lists(blocks: list[Block]) -> list[Block]:
    """A label belongs to the list next to it and is shown above it: one that a scrape put
    right after a list (and not before another) moves up to the list's first item. Only a
    label moves: a subhead after a list stays where the source has it."""
    result: list[Block] = []
    for block in blocks:
        if block.role == "label" and result and result[-1].role == "list-item":
            start = len(result)
            while start > 0 and result[start - 1].role == "list-item":
                start -= 1
            if start == 0 or result[start - 1].role != "label":
                result.insert(start, block)
                continue
        result.append(block)
    return result


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph: ``.!?`` (and closing quotes) before a capital, digit or quote.

    Never after an abbreviation or initial ("Mr.", "Nov.", "S. Korea", "U.S.", "e.g.",
    "Calif.", "Inc."), never inside a quotation (one left open runs to the paragraph's end) or
    parentheses, nor after a quoted title's ``?”`` before ``(``; a quotation keeps its
    attribution ("“…,” he said.").
    """
    text = clean(text)  # words are separated by one space
    return [text[start:end] for start, end in sentence_spans(text)]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Where each sentence of cleaned ``text`` starts and ends (see ``split_sentences``)."""
    enclosed = _Enclosures(text)
    pieces: list[tuple[int, int]] = []
    start = 0
    for match in SPLIT_AT.finditer(text):
        end = match.end()
        if match.group()[0] == "." and _is_abbreviation(_last_word(text, start, match.start() + 1)):
            continue
        if (
            match.group()[0] in "?!"
            and match.group()[-1] in "”’\"'"
            and text[end + 1 : end + 2] == "("
        ):
            continue  # “What is an Edition?” (2019): a quoted title, not a sentence's end
        if enclosed.inside(end):
            continue
        pieces.append(_stripped(text, start, end))
        start = end
    pieces.append(_stripped(text, start, len(text)))
    return _keep_attributions(text, [(a, b) for a, b in pieces if a < b])


def _stripped(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _last_word(text: str, start: int, end: int) -> str:
    """The last word of ``text[start:end]`` (cleaned text), read back from ``end`` only."""
    return text[text.rfind(" ", start, end) + 1 : end]


def _is_abbreviation(word: str) -> bool:
    """Is ``word`` (ending in a full stop) an abbreviation or an initial?"""
    word = word.lstrip(OPENING)
    bare = word[:-1]
    if len(bare) == 1 and bare.isalpha() and bare.isupper():
        return True
    if bare in CAPITAL_ABBREVIATIONS:
        return True
    return bare.lower() in ABBREVIATIONS or bool(DOTTED.match(word))


class _Enclosures:
    """Whether a place in a paragraph is inside a quotation or parentheses, asked at places
    that only move forward (each character is counted once). Curly quotes count where no more
    close than open (a quotation that runs on into the next paragraph, as newspapers write it,
    is open to the paragraph's end); straight quotes where they pair up, or where the one left
    over opens a quotation (after a space, before a word) that runs on; parentheses where
    they balance. Marks that do not add up that way are ignored, so one stray mark cannot
    keep a whole paragraph together."""

    def __init__(self, text: str):
        self.text = text
        self.curly = text.count("“") >= text.count("”")
        last = text.rfind('"')
        self.straight = text.count('"') % 2 == 0 or (
            (last == 0 or text[last - 1] in " ([—–-") and text[last + 1 : last + 2].isalnum()
        )
        self.parens = text.count("(") == text.count(")")
        self.counted = 0
        self.counts = dict.fromkeys('“”"()', 0)

    def inside(self, end: int) -> bool:
        """Is ``end`` (not before the last place asked) inside a quotation or parentheses?"""
        for mark in self.counts:
            self.counts[mark] += self.text.count(mark, self.counted, end)
        self.counted = end
        count = self.counts
        return (
            (self.curly and count["“"] > count["”"])
            or (self.straight and count['"'] % 2 == 1)
            or (self.parens and count["("] > count[")"])
        )


def _keep_attributions(text: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in pieces:
        if out and text[out[-1][1] - 1] in '”"' and ATTRIBUTION.match(text[start:end]):
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


# ---- sentences with inline markup -----------------------------------------------------------


@dataclass
class Inline:
    """A block's inline content as it is read from a source with markup: its text, and where
    each tag opens, closes or stands (offsets into the text, in reading order)."""

    chars: list[str]
    events: list[tuple[int, str, int]]  # (offset, "open" | "close" | "self", tag id)
    tags: list[Tag]  # by tag id

    def __init__(self):
        self.chars, self.events, self.tags = [], [], []
        self._length = 0  # of the text so far, kept so that each event is placed in O(1)

    def text(self, value: str) -> None:
        value = unicodedata.normalize("NFC", value)
        self.chars.append(value)
        self._length += len(value)

    def open(self, tag: Tag) -> int:
        self.tags.append(tag)
        self.events.append((self._length, "open", len(self.tags) - 1))
        return len(self.tags) - 1

    def close(self, tag_id: int) -> None:
        self.events.append((self._length, "close", tag_id))

    def single(self, tag: Tag) -> None:
        self.tags.append(tag)
        self.events.append((self._length, "self", len(self.tags) - 1))

    @property
    def plain(self) -> str:
        return clean("".join(self.chars))


def marked_block(role: str, line: int, inline: Inline, split: bool = True) -> Block | None:
    """A block from inline content with markup: whitespace cleaned as ``clean`` does, split
    into sentences where the plain text would be (``split_sentences``) but never inside a tag
    pair (a link over a sentence boundary keeps both sentences in one segment), each sentence
    with its own tags numbered from 1 in the order they open. None when it has no text.

    Text that reads as a numbered tag is escaped (``escape_tags``). Linear in the text and
    the number of tags (sorting aside), however many pairs cross sentence ends."""
    text, events = _cleaned(inline)
    if not text:
        return None
    spans = sentence_spans(text) if split else [(0, len(text))]
    place = _placed(spans, events)
    group = _groups(len(spans), events, place)
    merged: list[tuple[int, int]] = []
    for number, (start, end) in enumerate(spans):
        if number and group[number] == group[number - 1]:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    mine: list[list[tuple[int, int, str, int]]] = [[] for _ in merged]
    for order, ((offset, kind, tag), at) in enumerate(zip(events, place)):
        start, end = merged[group[at]]
        mine[group[at]].append((min(max(offset, start), end), order, kind, tag))
    sentences: list[str] = []
    tags: list[tuple[Tag, ...]] = []
    for (start, end), own in zip(merged, mine):
        sentence, table = _numbered(text, start, end, sorted(own), inline.tags)
        sentences.append(sentence)
        tags.append(table)
    plain = clean(" ".join(text[a:b] for a, b in merged))
    return Block(role, line, plain, tuple(sentences), tuple(tags))


def _groups(count: int, events: list[tuple[int, str, int]], place: list[int]) -> list[int]:
    """For each of ``count`` sentences, the segment it belongs to: sentences joined by a pair
    that opens in one and closes in another (and everything between) are one segment."""
    opened = {tag: place[i] for i, (_, kind, tag) in enumerate(events) if kind == "open"}
    reach = list(range(count))  # the last sentence a pair opened at each one reaches
    for i, (_, kind, tag) in enumerate(events):
        if kind == "close" and tag in opened:
            first, last = sorted((opened[tag], place[i]))
            reach[first] = max(reach[first], last)
    group, current, furthest = [], -1, -1
    for number in range(count):
        if number > furthest:
            current += 1
        furthest = max(furthest, reach[number])
        group.append(current)
    return group


def _numbered(
    text: str, start: int, end: int, own: list[tuple[int, int, str, int]], all_tags: list[Tag]
) -> tuple[str, tuple[Tag, ...]]:
    """``text[start:end]`` with its events (offset, order, kind, tag id; sorted) written as
    tags numbered from 1 in the order they open, and what each number stands for."""
    out, numbers, table, cursor = [], {}, [], start
    for offset, _, kind, tag in own:
        out.append(escape_tags(text[cursor:offset]))
        cursor = offset
        if kind != "close":
            table.append(all_tags[tag])
            numbers[tag] = len(table)
        slash = "/" if kind == "close" else ""
        out.append(f"<{numbers[tag]}/>" if kind == "self" else f"<{slash}{numbers[tag]}>")
    out.append(escape_tags(text[cursor:end]))
    return "".join(out), tuple(table)


def _cleaned(inline: Inline) -> tuple[str, list[tuple[int, str, int]]]:
    """The inline text with whitespace runs as one space and no space at either end, and its
    events at the matching offsets (a pair never starting or ending with a space)."""
    raw = unicodedata.normalize("NFC", "".join(inline.chars))
    # An image stands for a word: spaces on both sides of it are one space each side.
    images = [
        o for o, kind, tag in inline.events if kind == "self" and inline.tags[tag].kind == "img"
    ]
    stands = set(images)
    out: list[str] = []
    where = []  # raw offset → cleaned offset
    for offset, char in enumerate(raw):
        where.append(len(out))
        if char.isspace():
            if out and (out[-1] != " " or offset in stands):
                out.append(" ")
        else:
            out.append(char)
    where.append(len(out))
    if out and out[-1] == " ":
        out.pop()
    text = "".join(out)
    limit = len(text)
    events = [(min(where[min(o, len(raw))], limit), kind, tag) for o, kind, tag in inline.events]
    closes = {tag: o for o, kind, tag in events if kind == "close"}
    opens = {tag: o for o, kind, tag in events if kind == "open"}
    moved = []
    for offset, kind, tag in events:
        if kind == "open" and offset < limit and text[offset] == " " and closes[tag] > offset + 1:
            offset += 1
        elif kind == "close" and offset > 0 and text[offset - 1] == " " and opens[tag] < offset - 1:
            offset -= 1
        moved.append((offset, kind, tag))
    return text, moved


def _placed(spans: list[tuple[int, int]], events: list[tuple[int, str, int]]) -> list[int]:
    """The sentence each event belongs to: a tag that opens between two sentences to the next,
    one that closes (or stands) between them to the one before."""
    starts = [s for s, _ in spans]
    ends = [e for _, e in spans]
    last = len(spans) - 1
    place = []
    for offset, kind, _ in events:
        if kind == "open":
            index = min(bisect_right(ends, offset), last)
        elif kind == "close":
            index = max(bisect_left(starts, offset) - 1, 0)
        else:
            index = max(bisect_right(starts, offset) - 1, 0)
        place.append(index)
    return place
