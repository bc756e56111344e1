"""Gettext catalogs: read, extract (Document → POT), merge (POT + PO → PO), write.

polib is the data model. Merging follows GNU msgmerge: exact matches keep their translation,
a changed msgid inherits the closest old translation as ``fuzzy`` with ``#| msgid``, unused
translations become obsolete ``#~`` entries and come back when their msgid does.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from types import MappingProxyType

import polib

from pipeline import pofile
from pipeline.errors import L10nError
from pipeline.state import first_form
from pipeline.segment import Document, Segment

_NO_FLAGS: tuple[str, ...] = ()
_NO_FORMS = MappingProxyType({})
FUZZY_THRESHOLD = 0.6  # msgmerge's FUZZY_THRESHOLD for fstrcmp similarity
HEADER_ORDER = (
    "Project-Id-Version",
    "Report-Msgid-Bugs-To",
    "POT-Creation-Date",
    "PO-Revision-Date",
    "Last-Translator",
    "Language-Team",
    "Language",
    "MIME-Version",
    "Content-Type",
    "Content-Transfer-Encoding",
    "Plural-Forms",
)

load = pofile.load
save = pofile.save
dumps = pofile.dumps


def now_stamp() -> str:
    """A gettext header date for the current minute, in UTC."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M+0000")


def key(entry: polib.POEntry) -> tuple[str | None, str]:
    return (entry.msgctxt, entry.msgid)


def positions(doc: Document) -> list[str]:
    """For each of the document's segments, where it stands, as the extracted comment tells
    translators: its block's role, and for a block of several sentences the block's number
    among those of its role and the sentence's place in it (``paragraph 12, sentence 1 of 2``),
    since a sentence may lean on its neighbours (an attribution, a "this")."""
    return list(_positions(doc, doc.segments()))


def _positions(doc: Document, segments: Iterable[Segment]) -> Iterator[str]:
    """``positions`` of ``segments`` (the document's), one at a time."""
    ordinal: dict[str, int] = {}
    numbers = []
    for block in doc.blocks:
        ordinal[block.role] = ordinal.get(block.role, 0) + 1
        numbers.append(ordinal[block.role])
    for seg in segments:
        count = len(doc.blocks[seg.block].sentences)
        if count == 1:
            yield seg.role
        else:
            yield f"{seg.role} {numbers[seg.block]}, sentence {seg.index + 1} of {count}"


def extract(doc: Document, reference: str, project: str, date: str) -> polib.POFile:
    """One POT entry per distinct sentence, in source order, with every reference and where
    each occurrence stands (``positions``) as its extracted comment, and for a sentence with
    inline markup one more line per tag saying what it stands for (``#. <1>: https://…``)."""
    pot = polib.POFile(wrapwidth=79)
    pot.metadata = {
        "Project-Id-Version": f"{project} {doc.name}",
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": date,
        "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
        "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
        "Language-Team": "LANGUAGE <LL@li.org>",
        "Language": "",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    pot.header = "Translation template of " + doc.name + "."
    # A sentence's entry takes its comment and reference at once; one that occurs again gets
    # its comment lines and references so far as dicts (ordered sets, in ``again``), so that a
    # sentence repeated N times costs N steps, not N², and one that occurs once (most) costs
    # its entry alone.
    entries: dict[str, polib.POEntry] = {}
    again: dict[str, tuple[dict[str, None], dict[tuple[str, str], None]]] = {}
    # The segments are made one at a time, and the sentences of a block share its reference.
    at_line, occurrence = 0, (reference, "")
    for seg, where in zip(doc.each_segment(), _positions(doc, doc.each_segment())):
        # What each tag stands for (a link's target, "em"…), kept out of the msgid.
        lines = dict.fromkeys(
            [where, *(f"<{n}>: {t.describe()}" for n, t in enumerate(seg.tags, 1))]
        )
        if seg.line != at_line:
            at_line, occurrence = seg.line, (reference, str(seg.line))
            occurs = (occurrence,)
        entry = entries.get(seg.text)
        if entry is None:
            entry = entries[seg.text] = polib.POEntry(msgid=seg.text, msgstr="")
            entry.comment, entry.occurrences = "\n".join(lines), occurs
            entry.flags, entry.msgstr_plural = _NO_FLAGS, _NO_FORMS
            pot.append(entry)
            if any("\n" in line for line in lines):  # the comment cannot be split back
                again[seg.text] = (lines, {occurrence: None})
            continue
        if seg.text not in again:
            first = dict.fromkeys(entry.comment.split("\n"))
            again[seg.text] = (first, dict.fromkeys(entry.occurrences))
        known, occurrences = again[seg.text]
        known.update(lines)
        occurrences[occurrence] = None
    for text, (lines, occurrences) in again.items():
        entries[text].comment = "\n".join(lines)
        entries[text].occurrences = list(occurrences)
    return pot


def language_headers(lang: str) -> dict[str, str]:
    """Headers a PO file for ``lang`` must carry; Plural-Forms from babel's CLDR data."""
    from babel.messages.plurals import get_plural

    try:
        plural = get_plural(lang)
    except Exception:
        raise L10nError(f"babel has no plural rules for language {lang!r}") from None
    return {
        "Language": lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": f"nplurals={plural.num_plurals}; plural={plural.plural_expr};",
    }


def merge(pot: polib.POFile, old: polib.POFile | None, lang: str) -> polib.POFile:
    """A PO file for ``lang`` with ``pot``'s entries and every translation ``old`` had.

    As ``msgmerge --previous``: an entry whose msgctxt and msgid are unchanged keeps its
    translation, state and translator comments (an obsolete one comes back); a new or changed
    one takes the most similar old translation (msgmerge's similarity, at least 0.6), marked
    fuzzy with the old msgid as ``#|``; old translated entries that nothing used become
    obsolete ``#~`` entries. Nothing a translator wrote is dropped.
    """
    with pofile.without_gc():
        return _merge(pot, old, lang)


def _merge(pot: polib.POFile, old: polib.POFile | None, lang: str) -> polib.POFile:
    old_entries = [e for e in old if e.msgid or e.msgctxt is not None] if old is not None else []
    by_key = {}
    for entry in old_entries:  # an active entry wins over an obsolete one with its key
        if key(entry) not in by_key or by_key[key(entry)].obsolete:
            by_key[key(entry)] = entry
    used: set[int] = set()
    unmatched = [new.msgid for new in pot if not new.obsolete and key(new) not in by_key]
    matcher = _FuzzyMatcher([e for e in old_entries if first_form(e)], unmatched)
    result = polib.POFile(wrapwidth=79, encoding="utf-8")
    result.fpath = getattr(old, "fpath", None)  # (where an error in writing it is reported)
    result.header = (
        old.header
        if old is not None
        else pot.header.replace("Translation template", f"{lang} translation")
    )
    result.metadata = _merged_metadata(pot, old, lang)
    if old is not None and getattr(old, "header_entry", None) is not None:
        # pofile rewrites only the header lines whose values changed.
        result.header_entry = old.header_entry
        result.header_metadata = old.header_metadata
        result.metadata_is_fuzzy = old.metadata_is_fuzzy
    where = getattr(old if old is not None else pot, "fpath", None)
    forms = plural_count(result.metadata.get("Plural-Forms", ""), where) or 2
    for new in pot:
        if new.obsolete or (not new.msgid and new.msgctxt is None):
            continue
        previous = by_key.get(key(new))
        if previous is not None:
            entry = _carry(new, previous, forms)
        else:
            entry = _copy(new, forms)
            previous = matcher.closest(new)
            if previous is not None:
                _inherit_fuzzy(entry, previous, forms)
        if previous is not None:
            used.add(id(previous))
        result.append(entry)
    for entry in old_entries:
        if id(entry) in used or not first_form(entry):
            continue
        result.append(entry if entry.obsolete else _make_obsolete(entry))
    return result


def _merged_metadata(pot: polib.POFile, old: polib.POFile | None, lang: str) -> dict[str, str]:
    metadata = dict(old.metadata) if old is not None else dict(pot.metadata)
    if old is None:
        metadata["PO-Revision-Date"] = pot.metadata.get("POT-Creation-Date", "")
        metadata["Language-Team"] = lang
    metadata["Project-Id-Version"] = metadata.get("Project-Id-Version") or pot.metadata.get(
        "Project-Id-Version", ""
    )
    metadata["POT-Creation-Date"] = pot.metadata.get("POT-Creation-Date", "")
    required = language_headers(lang)
    for name, value in required.items():
        if name == "Plural-Forms" and metadata.get(name):
            continue  # the translator's own plural rule wins
        if name == "Language" and metadata.get(name):
            continue  # "ko_KR" or "zh_CN" already says it
        metadata[name] = value
    ordered = {name: metadata[name] for name in HEADER_ORDER if name in metadata}
    ordered.update({k: v for k, v in metadata.items() if k not in ordered})
    return ordered


def _copy(new: polib.POEntry, forms: int = 2) -> polib.POEntry:
    entry = polib.POEntry(
        msgctxt=new.msgctxt,
        msgid=new.msgid,
        msgid_plural=new.msgid_plural,
        msgstr="",
        msgstr_plural={i: "" for i in range(forms)} if new.msgid_plural else {},
        comment=new.comment,
        occurrences=list(new.occurrences),
        flags=[f for f in new.flags if f != "fuzzy"],
    )
    lines = getattr(new, "comment_lines", {}).get("#.")
    if lines is not None:  # the template's #. lines as read, an empty one included
        entry.comment_lines = {"#.": lines}
    return entry


def _carry(new: polib.POEntry, previous: polib.POEntry, forms: int = 2) -> polib.POEntry:
    """The template's entry with the old entry's translation, state and translator comments.

    Comments, references and flags come from the template, fuzzy from the old entry; ``#|``
    stays only on a fuzzy entry. A msgid_plural that came or went or changed makes it fuzzy.
    """
    entry = _copy(new, forms)
    if (new.msgid_plural or "") != (previous.msgid_plural or ""):
        _inherit_fuzzy(entry, previous, forms)
        return entry
    entry.msgstr = previous.msgstr
    if new.msgid_plural:
        entry.msgstr_plural = dict(previous.msgstr_plural) or entry.msgstr_plural
    _take_translator_comments(entry, previous)
    if "fuzzy" in previous.flags:
        entry.flags.insert(0, "fuzzy")
        entry.previous_msgctxt = previous.previous_msgctxt
        entry.previous_msgid = previous.previous_msgid
        entry.previous_msgid_plural = previous.previous_msgid_plural
    return entry


def _inherit_fuzzy(entry: polib.POEntry, old: polib.POEntry, forms: int = 2) -> None:
    """A changed msgid keeps the closest old translation, marked fuzzy, old text in ``#|``
    (an old fuzzy entry passes on its own ``#|``, as msgmerge does)."""
    if entry.msgid_plural:
        if old.msgid_plural:
            entry.msgstr_plural = dict(old.msgstr_plural)
        else:
            entry.msgstr_plural = {i: old.msgstr for i in range(forms)}
    else:
        entry.msgstr = first_form(old)
    _take_translator_comments(entry, old)
    entry.flags.insert(0, "fuzzy")
    if "fuzzy" in old.flags:
        entry.previous_msgctxt = old.previous_msgctxt
        entry.previous_msgid = old.previous_msgid
        entry.previous_msgid_plural = old.previous_msgid_plural
    else:
        entry.previous_msgctxt = old.msgctxt
        entry.previous_msgid = old.msgid
        entry.previous_msgid_plural = old.msgid_plural or None


def _take_translator_comments(entry: polib.POEntry, old: polib.POEntry) -> None:
    """The old entry's ``#`` comments, an empty ``#`` line included (polib's model cannot
    tell it from none; ``pofile`` keeps the lines read in ``comment_lines``)."""
    entry.tcomment = old.tcomment
    lines = getattr(old, "comment_lines", {}).get("#")
    if lines is not None:
        entry.comment_lines = {**getattr(entry, "comment_lines", {}), "#": lines}


def _make_obsolete(entry: polib.POEntry) -> polib.POEntry:
    """msgmerge keeps translator comments and flags of a removed entry, not the template's."""
    entry.obsolete = True
    entry.occurrences = []
    entry.comment = ""
    return entry


class _FuzzyMatcher:
    """msgmerge's fuzzy search: the old entry whose msgid is most similar to a new one.

    Similarity is GNU ``fstrcmp``, at least 0.6 to count. Like msgmerge's index, a msgid of four
    characters or more is compared only with old msgids that share a 4-gram with it (in file
    order), a shorter one with the old msgids of a similar byte length (shortest first); the
    first of equally similar ones wins, whatever its msgctxt.
    """

    NGRAM = 4

    def __init__(self, candidates: list[polib.POEntry], queries: list[str]):
        """Index ``candidates`` for the msgids in ``queries``: only the 4-grams that some
        query has are indexed, as no other gram is ever looked up."""
        self.candidates = candidates
        self.encoded = [e.msgid.encode("utf-8") for e in candidates]
        self.sizes = [len(e) for e in self.encoded]
        self._size_array = None
        self._sorted: dict[str, tuple[list[int], list[int]]] = {}
        self.index: dict[str, list[int]] = {}
        self.by_length: dict[int, list[int]] = {}
        for i, size in enumerate(self.sizes):
            self.by_length.setdefault(size, []).append(i)
        if not candidates:
            return  # nothing to index (a first merge): the queries' grams are not needed
        wanted: set[str] = set()
        for query in queries:  # one query's grams at a time, not all of them at once
            wanted.update(_grams(query))
        if not wanted:
            return
        for i, entry in enumerate(candidates):
            for gram in _grams(entry.msgid) & wanted:
                self.index.setdefault(gram, []).append(i)

    def size_array(self):
        """Byte length of every old msgid (numpy; built on first use)."""
        if self._size_array is None:
            import numpy as np

            self._size_array = np.asarray(self.sizes, dtype=np.int64)
        return self._size_array

    def _short_candidates(self, size: int) -> list[int]:
        """msgmerge compares a msgid of under four characters with the old msgids of a similar
        byte length, shortest first."""
        factor = 2 / FUZZY_THRESHOLD - 1
        lengths = range(math.ceil(size / factor), int(size * factor) + 1)
        return [i for length in lengths for i in self.by_length.get(length, ())]

    def closest(self, new: polib.POEntry) -> polib.POEntry | None:
        target = new.msgid.encode("utf-8")
        if not target or not self.candidates:  # nothing to match (a first merge)
            return None
        search = _Search(self, target)
        msgid = new.msgid
        if len(msgid) < self.NGRAM:
            search.consider_all(self._short_candidates(len(target)), ordered_by_position=True)
            return search.best
        grams = sorted(_grams(msgid), key=lambda g: len(self.index.get(g, ())))
        # Old msgids that share a rare 4-gram first: they set a high bar early ...
        present = [g for g in grams if g in self.index]
        probe = self._sharing(present[:3], len(target), search.best_weight)
        search.consider_all(probe)
        # ... then only those that can still reach it. One insertion or deletion breaks at most
        # four of the target's 4-gram positions, so a msgid within the edits that the bar
        # allows keeps at least positions - 4·edits of them. The commonest grams can be left
        # out as long as the positions they cover number fewer (`spare` at most): such a msgid
        # still has one of the rest.
        rest = present
        if search.best is not None and target.isascii():
            w = search.best_weight
            longest = len(target) * (2 - w) / w
            edits = math.floor((1 - w) * (len(target) + longest) + 1e-9)
            size = self.NGRAM
            positions = Counter(msgid[j : j + size] for j in range(len(msgid) - size + 1))
            spare = sum(positions.values()) - self.NGRAM * edits - 1
            while rest and positions[rest[-1]] <= spare:
                spare -= positions[rest.pop()]
        remaining = self._sharing(rest, len(target), search.best_weight) - probe
        search.consider_all(remaining)
        return search.best

    def _sharing(self, grams: list[str], size: int, bar: float) -> set[int]:
        """The old msgids that have one of ``grams`` and a byte length that can reach a
        similarity of ``bar`` with a msgid of ``size`` bytes (2·min/(n + m) at most)."""
        low, high = size * bar / (2 - bar) - 1e-6, size * (2 - bar) / bar + 1e-6
        found: set[int] = set()
        for gram in grams:
            sizes, ids = self._by_size(gram)
            found.update(ids[bisect.bisect_left(sizes, low) : bisect.bisect_right(sizes, high)])
        return found

    def _by_size(self, gram: str) -> tuple[list[int], list[int]]:
        """The old msgids with ``gram``, ordered by byte length: (lengths, indices)."""
        cached = self._sorted.get(gram)
        if cached is None:
            ids = sorted(self.index[gram], key=self.sizes.__getitem__)
            cached = self._sorted[gram] = ([self.sizes[i] for i in ids], ids)
        return cached


def _grams(msgid: str) -> set[str]:
    """The distinct 4-grams (of characters) of a msgid."""
    size = _FuzzyMatcher.NGRAM
    return {msgid[j : j + size] for j in range(len(msgid) - size + 1)}


class _Search:
    """The best old entry so far: highest similarity, then lowest ``order``."""

    def __init__(self, matcher: _FuzzyMatcher, target: bytes):
        self.matcher = matcher
        self.target = target
        # msgmerge takes a similarity of exactly 0.6 too (measured), and the first of equals.
        self.best_weight = FUZZY_THRESHOLD - 1e-9
        self.best_order = math.inf
        self.best: polib.POEntry | None = None

    def consider_all(self, indices, ordered_by_position: bool = False) -> None:
        """Consider old msgids (indices, a list or set): of equally similar ones, the lowest
        ``order`` wins, that is their index in the file, or their position in ``indices`` when
        ``ordered_by_position``."""
        if not indices:
            return
        import numpy as np
        from rapidfuzz.distance import LCSseq
        from rapidfuzz.process import cdist

        # The callers pass only old msgids whose length can reach the bar (2·min/(n + m)).
        chosen = np.fromiter(indices, dtype=np.int64, count=len(indices))
        totals = self.matcher.size_array()[chosen] + len(self.target)
        encoded = self.matcher.encoded
        # GNU fstrcmp's similarity is 2·LCS/(n + m) over bytes; the LCS lengths come from
        # rapidfuzz's bit-parallel C++ for all candidates in one call.
        common = cdist(
            [self.target],
            [encoded[i] for i in chosen.tolist()],
            scorer=LCSseq.similarity,
            dtype=np.int64,
        )[0]
        weights = 2 * common / totals
        top = weights.max()
        tied = np.flatnonzero(weights == top)
        orders = tied if ordered_by_position else chosen[tied]
        first = int(tied[orders.argmin()])
        order = int(orders.min())
        if top > self.best_weight or (top == self.best_weight and order < self.best_order):
            self.best = self.matcher.candidates[int(chosen[first])]
            self.best_weight, self.best_order = float(top), order


# Languages have at most six plural forms (CLDR); a header asking for many more is a mistake
# or a trap (three million forms would make every plural entry megabytes long).
MAX_PLURALS = 100


def plural_count(header: str, path: str | Path | None = None) -> int | None:
    """``nplurals`` from a Plural-Forms header value, or None; more than ``MAX_PLURALS`` is an
    error."""
    match = re.search(r"nplurals\s*=\s*(\d+)", header or "")
    if not match:
        return None
    digits = match.group(1).lstrip("0") or "0"
    if len(digits) > 3 or int(digits) > MAX_PLURALS:
        shown = digits if len(digits) <= 12 else digits[:12] + "…"
        raise L10nError(
            f"Plural-Forms: nplurals={shown} is more plural forms than any language has "
            f"(at most {MAX_PLURALS})",
            path,
        )
    return int(digits)
