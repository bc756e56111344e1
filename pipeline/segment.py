"""Text → Document: cleaning, blocks and their roles, sentence segments.

Deterministic and pure (no model, no network): the build re-segments the source with the same
rules and looks each segment up in the catalog, so extraction and build always agree.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

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
# "U.S.", "e.g.", "i.e.", "a.m.": letters with full stops inside the word.
DOTTED = re.compile(r"^(?:[A-Za-z]\.){2,}$")
# Starts only where a run of ``.!?`` starts, so a long run is scanned once, not once per mark.
SPLIT_AT = re.compile(r"(?<![.!?])[.!?]+[\"”’')\]]*(?=\s+[\"“‘(\[]?[\dA-Z\u00C0-\u024F])")
CLOSING = "\"”’')]"  # what may follow the mark that ends a sentence
ATTRIBUTION = re.compile(
    r"^(?:[A-Z][\w’'.\-]*\s){1,5}(?:said|says|added|adds|noted|notes|asked|asks|told|tells|"
    r"wrote|writes|explained|replied|recalled|continued|stated|remarked)\b[^.!?“\"]{0,80}\.$"
)


@dataclass(frozen=True)
class Segment:
    """One sentence to translate, where it stands in the document."""

    text: str
    role: str
    line: int  # 1-based line of its block in the source
    block: int  # 0-based index of its block
    index: int  # 0-based position of the sentence in its block


@dataclass(frozen=True)
class Block:
    """A unit of the article's structure: a title, paragraph, list item, label (above a list),
    caption or credit."""

    role: str
    line: int
    text: str
    sentences: tuple[str, ...]


@dataclass(frozen=True)
class Document:
    name: str
    blocks: tuple[Block, ...]

    def segments(self, include_chrome: bool = False) -> list[Segment]:
        """The document's sentences in source order (site chrome left out unless asked)."""
        return [
            Segment(text, block.role, block.line, number, index)
            for number, block in enumerate(self.blocks)
            if include_chrome or block.role != "chrome"
            for index, text in enumerate(block.sentences)
        ]


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
    if not text.strip():
        raise L10nError("source document is empty", path)
    return text


def read_document(
    path: Path, chrome_patterns: tuple[str, ...] = (), label_patterns: tuple[str, ...] = ()
) -> Document:
    """Read and segment a source file; unreadable, non-UTF-8 or empty files are user errors."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise L10nError(f"cannot read: {exc.strerror}", path) from None
    return segment_text(decode(data, path), Path(path).stem, chrome_patterns, label_patterns)


def segment_text(
    text: str,
    name: str = "document",
    chrome_patterns: tuple[str, ...] = (),
    label_patterns: tuple[str, ...] = (),
) -> Document:
    """Split cleaned text into blocks with roles, and blocks into sentences. A block that
    matches one of ``label_patterns`` is a ``label`` (shown above the list next to it), one
    that matches ``chrome_patterns`` is site chrome (not translated)."""
    chrome = [re.compile(p) for p in chrome_patterns]
    labels = [re.compile(p) for p in label_patterns]
    raw = _raw_blocks(text)
    roles = [
        "label"
        if any(p.fullmatch(b.text) for p in labels)
        else "chrome"
        if any(p.fullmatch(b.text) for p in chrome)
        else ""
        for b in raw
    ]
    # Each block as (role, line, pieces, bullet, ends a sentence); the pieces of rejoined
    # fragments are joined once at the end, so a long run of fragments stays linear.
    parts: list[tuple[str, int, list[str], bool, bool]] = []
    for block, role in zip(raw, roles):
        body = block.text
        if not body:
            continue
        punct_only = bool(PUNCT_ONLY.match(body))
        if parts and not role and not block.bullet and _continues(parts[-1], body, punct_only):
            prev_role, line, pieces, bullet, _ = parts[-1]
            pieces.append(body if punct_only else " " + body)
            # A block of closing marks only keeps the (non-)ending of the text before it.
            ends = _ends_sentence(body) if body.rstrip(CLOSING) else False
            parts[-1] = (prev_role, line, pieces, bullet, ends)
        else:
            parts.append((role, block.line, [body], block.bullet, _ends_sentence(body)))
    merged = [(role, line, "".join(pieces), bullet) for role, line, pieces, bullet, _ in parts]
    return Document(name, tuple(_labels_above_lists(_with_roles(merged))))


def _raw_blocks(text: str) -> list[_RawBlock]:
    blocks: list[_RawBlock] = []
    current: _RawBlock | None = None
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            current = None
            continue
        bullet = BULLET.match(line)
        if bullet:
            current = _RawBlock(number, [line[bullet.end() :]], bullet=True)
            blocks.append(current)
        elif current is None or (current.bullet and not line[:1].isspace()):
            current = _RawBlock(number, [line])
            blocks.append(current)
        else:
            current.lines.append(line)
    return blocks


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


def _with_roles(merged: list[tuple[str, int, str, bool]]) -> list[Block]:
    roles = []
    for role, _, text, bullet in merged:
        if role:
            roles.append(role)
        elif bullet:
            roles.append("list-item")
        elif CREDIT.match(text):
            roles.append("credit")
        else:
            roles.append("paragraph")
    content = [i for i, role in enumerate(roles) if role != "chrome"]
    if content and roles[content[0]] == "paragraph":
        roles[content[0]] = "title"
    for position, i in enumerate(content):
        if roles[i] != "credit" or position == 0:
            continue
        # The block before a credit is its caption, and so is an identical block before that
        # (scraped pages repeat the caption as the image's alt text).
        j = position - 1
        caption = merged[content[j]][2]
        while j >= 0 and roles[content[j]] == "paragraph" and merged[content[j]][2] == caption:
            roles[content[j]] = "caption"
            j -= 1
    blocks = []
    for (_, line, text, _), role in zip(merged, roles):
        whole = role in ("chrome", "credit", "label")
        sentences = (text,) if whole else tuple(split_sentences(text))
        blocks.append(Block(role, line, text, sentences))
    return blocks


def _labels_above_lists(blocks: list[Block]) -> list[Block]:
    """A label belongs to the list next to it and is shown above it: one that a scrape put
    right after a list (and not before another) moves up to the list's first item."""
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

    Never after an abbreviation or initial ("Mr.", "Nov.", "S. Korea", "U.S.", "e.g."), never
    inside a quotation, and a quotation keeps its attribution ("“…,” he said.").
    """
    text = clean(text)  # words are separated by one space
    quotes_balanced = _balanced(text)
    pieces: list[str] = []
    start = 0
    # Quotation marks before ``counted``, counted as the matches move on (each character once).
    counted = opened = closed = straight = 0
    for match in SPLIT_AT.finditer(text):
        end = match.end()
        if match.group()[0] == "." and _is_abbreviation(_last_word(text, start, match.start() + 1)):
            continue
        if quotes_balanced:
            opened += text.count("“", counted, end)
            closed += text.count("”", counted, end)
            straight += text.count('"', counted, end)
            counted = end
            if opened > closed or straight % 2 == 1:  # inside a quotation
                continue
        pieces.append(text[start:end].strip())
        start = end
    pieces.append(text[start:].strip())
    return _keep_attributions([p for p in pieces if p])


def _last_word(text: str, start: int, end: int) -> str:
    """The last word of ``text[start:end]`` (cleaned text), read back from ``end`` only."""
    return text[text.rfind(" ", start, end) + 1 : end]


def _is_abbreviation(word: str) -> bool:
    """Is ``word`` (ending in a full stop) an abbreviation or an initial?"""
    word = word.lstrip(OPENING)
    bare = word[:-1]
    if len(bare) == 1 and bare.isalpha() and bare.isupper():
        return True
    return bare.lower() in ABBREVIATIONS or bool(DOTTED.match(word))


def _balanced(text: str) -> bool:
    return text.count("“") == text.count("”") and text.count('"') % 2 == 0


def _keep_attributions(pieces: list[str]) -> list[str]:
    out: list[str] = []
    for piece in pieces:
        if out and out[-1][-1:] in '”"' and ATTRIBUTION.match(piece):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out
