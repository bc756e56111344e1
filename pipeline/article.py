"""A document in one language: each sentence looked up in the language's catalog, with what
falls back to the source and how much of it is translated. Pure: no files."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

import polib

from pipeline.languages import LanguageInfo
from pipeline.segment import Block, Document, Tag, strip_tags, tag_problem, unescape_tags
from pipeline.state import state

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Sentence:
    text: str
    fallback: bool = False  # no published translation: shown in the source language
    tags: tuple[Tag, ...] = ()  # what the numbered tags in ``text`` stand for

    @property
    def plain(self) -> str:
        """The words without the markup (text that read as a tag in the source as it was)."""
        return unescape_tags(strip_tags(self.text) if self.tags else self.text)


def marked(text: str, source: str, tags: tuple[Tag, ...]) -> Sentence:
    """A translation of ``source`` with the source's ``tags``; one whose tags do not match the
    source's is shown without its markup (its words kept), never with broken markup."""
    if not tags:
        return Sentence(text)
    if tag_problem(source, text) is not None:
        return Sentence(strip_tags(text))
    return Sentence(text, tags=tags)


@dataclass(frozen=True)
class Part:
    """A block of the article: title, subhead, paragraph, list-item, caption or credit."""

    role: str
    sentences: tuple[Sentence, ...]
    level: int = 0  # of a subhead, as the source has it; of a list item, its depth
    image: str = ""  # the image a figure's caption (or credit) starts with
    number: int = 0  # of a list item: its number in an ordered list (0: a bullet)


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
    meta: tuple[tuple[str, str], ...] = ()  # the source's author, date and URL (Document.meta)

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
    withheld: frozenset[str] = frozenset(),
) -> Article:
    """``doc`` in ``language``: each sentence looked up in ``po`` (None: no catalog).

    A sentence in ``withheld`` (its translation has an error-level finding) falls back as an
    untranslated one does.

    A sentence with nothing to publish is shown in the source language (``fallback="source"``)
    or left out (``"omit"``; a title is never left out, a page needs one). A caption repeated
    right after itself (scraped alt text) is shown once.
    """
    shown, reviewed = _publishable(po, publish_drafts, withheld)
    distinct: set[str] = set()
    parts: list[Part] = []
    segments = fallbacks = 0
    for block in shown_blocks(doc):
        sentences = []
        for index, text in enumerate(block.sentences):
            distinct.add(text)
            segments += 1
            tags = block.sentence_tags(index)
            if text in shown:
                sentences.append(marked(shown[text], text, tags))
                continue
            fallbacks += 1
            if fallback == "source" or block.role == "title":
                sentences.append(Sentence(text, fallback=True, tags=tags))
        if sentences:
            parts.append(Part(block.role, tuple(sentences), block.level, block.image, block.number))

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
        meta=doc.meta,
    )


def _publishable(
    po: polib.POFile | None, publish_drafts: bool, withheld: frozenset[str] = frozenset()
) -> tuple[dict[str, str], set[str]]:
    """msgid → the text a page shows for it, and the msgids whose text is reviewed; a
    ``withheld`` msgid has neither."""
    shown: dict[str, str] = {}
    reviewed: set[str] = set()
    for entry in po or ():
        if entry.obsolete or entry.msgctxt is not None or entry.msgid in withheld:
            continue
        text = publishable_text(entry, publish_drafts)
        if text is not None and clean_translation(text):
            shown[entry.msgid] = clean_translation(text)
            if state(entry) == "translated":
                reviewed.add(entry.msgid)
    return shown, reviewed


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
    parts = tuple(
        Part(
            b.role,
            tuple(Sentence(s, tags=b.sentence_tags(i)) for i, s in enumerate(b.sentences)),
            b.level,
            b.image,
            b.number,
        )
        for b in shown_blocks(doc)
    )
    count = sum(len(p.sentences) for p in parts)
    return Article(doc.name, source, source, parts, count, 0, 100.0, 100.0, meta=doc.meta)


def revision_date(po: polib.POFile | None) -> date | None:
    """The catalog's ``PO-Revision-Date`` as a date (None when absent or a placeholder)."""
    value = (po.metadata.get("PO-Revision-Date", "") if po is not None else "").strip()
    try:
        return datetime.strptime(value[:10], "%Y-%m-%d").date()
    except ValueError:
        return None


def separated(sentences: tuple[Sentence, ...], language: LanguageInfo):
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
    return "".join(sep + s.plain for sep, s in separated(sentences, language))
