"""Gettext catalogs: read, extract (Document → POT), merge (POT + PO → PO), write.

polib is the data model. Merging follows GNU msgmerge: exact matches keep their translation,
a changed msgid inherits the closest old translation as ``fuzzy`` with ``#| msgid``, unused
translations become obsolete ``#~`` entries and come back when their msgid does.
"""

from __future__ import annotations

import difflib
import re
from datetime import datetime, timezone
from pathlib import Path

import polib

from pipeline import pofile
from pipeline.errors import L10nError
from pipeline.segment import Document

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


def extract(doc: Document, reference: str, project: str, date: str) -> polib.POFile:
    """One POT entry per distinct sentence, in source order, with every reference and role."""
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
    by_text: dict[str, polib.POEntry] = {}
    for seg in doc.segments():
        entry = by_text.get(seg.text)
        if entry is None:
            entry = polib.POEntry(msgid=seg.text, msgstr="", comment=seg.role)
            by_text[seg.text] = entry
            pot.append(entry)
        elif seg.role not in entry.comment.split(", "):
            entry.comment += ", " + seg.role
        occurrence = (reference, str(seg.line))
        if occurrence not in entry.occurrences:
            entry.occurrences.append(occurrence)
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

    Nothing a translator wrote is dropped: it stays on its entry, moves to a fuzzy entry whose
    msgid changed, or is kept as an obsolete entry.
    """
    old_entries = list(old) if old is not None else []
    active = {key(e): e for e in old_entries if not e.obsolete}
    obsolete = {key(e): e for e in old_entries if e.obsolete}
    used: set[tuple[str | None, str]] = set()
    matcher = _FuzzyMatcher([e for e in old_entries if _has_translation(e)])
    result = polib.POFile(wrapwidth=79, encoding="utf-8")
    result.header = old.header if old is not None else pot.header.replace(
        "Translation template", f"{lang} translation"
    )
    result.metadata = _merged_metadata(pot, old, lang)
    for new in pot:
        k = key(new)
        previous = active.get(k) or obsolete.get(k)
        if previous is not None:
            entry = _carry(new, previous)
        else:
            entry = _copy(new)
            candidate = matcher.closest(new)
            if candidate is not None:
                _inherit_fuzzy(entry, candidate)
                previous = candidate
        if previous is not None:
            used.add(key(previous))
        result.append(entry)
    for entry in old_entries:
        if key(entry) in used:
            continue
        if entry.obsolete:
            result.append(entry)
        elif _has_translation(entry):
            result.append(_make_obsolete(entry))
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
        metadata[name] = value
    ordered = {name: metadata[name] for name in HEADER_ORDER if name in metadata}
    ordered.update({k: v for k, v in metadata.items() if k not in ordered})
    return ordered


def _has_translation(entry: polib.POEntry) -> bool:
    if entry.msgid_plural:
        return any(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def _copy(new: polib.POEntry) -> polib.POEntry:
    return polib.POEntry(
        msgctxt=new.msgctxt,
        msgid=new.msgid,
        msgid_plural=new.msgid_plural,
        msgstr="",
        msgstr_plural={i: "" for i in new.msgstr_plural} if new.msgid_plural else {},
        comment=new.comment,
        occurrences=list(new.occurrences),
        flags=[f for f in new.flags if f != "fuzzy"],
    )


def _carry(new: polib.POEntry, previous: polib.POEntry) -> polib.POEntry:
    """The template's entry with the old entry's translation, state and translator comments."""
    entry = _copy(new)
    entry.msgstr = previous.msgstr
    if new.msgid_plural or previous.msgid_plural:
        entry.msgstr_plural = dict(previous.msgstr_plural) or entry.msgstr_plural
    entry.tcomment = previous.tcomment
    if "fuzzy" in previous.flags:
        entry.flags.insert(0, "fuzzy")
    entry.flags += [f for f in previous.flags if f not in entry.flags and not f.endswith("-format")]
    entry.previous_msgctxt = previous.previous_msgctxt
    entry.previous_msgid = previous.previous_msgid
    entry.previous_msgid_plural = previous.previous_msgid_plural
    return entry


def _inherit_fuzzy(entry: polib.POEntry, old: polib.POEntry) -> None:
    """A changed msgid keeps the closest old translation, marked fuzzy, old text in ``#|``."""
    entry.msgstr = old.msgstr
    if entry.msgid_plural:
        if old.msgstr_plural:
            entry.msgstr_plural = dict(old.msgstr_plural)
        else:
            entry.msgstr_plural = {i: old.msgstr for i in entry.msgstr_plural} or {0: old.msgstr}
    elif old.msgstr_plural and not old.msgstr:
        entry.msgstr = old.msgstr_plural.get(0, "")
    entry.tcomment = old.tcomment
    entry.flags.insert(0, "fuzzy")
    keep_old_previous = "fuzzy" in old.flags and old.previous_msgid
    entry.previous_msgctxt = old.previous_msgctxt if keep_old_previous else old.msgctxt
    entry.previous_msgid = old.previous_msgid if keep_old_previous else old.msgid
    entry.previous_msgid_plural = (
        old.previous_msgid_plural if keep_old_previous else old.msgid_plural
    )


def _make_obsolete(entry: polib.POEntry) -> polib.POEntry:
    entry.obsolete = True
    entry.occurrences = []
    return entry


class _FuzzyMatcher:
    """The closest old msgid to a new one (difflib ratio ≥ msgmerge's threshold)."""

    def __init__(self, candidates: list[polib.POEntry]):
        self.candidates = sorted(candidates, key=lambda e: len(e.msgid))
        self.lengths = [len(e.msgid) for e in self.candidates]

    def closest(self, new: polib.POEntry) -> polib.POEntry | None:
        import bisect

        n = len(new.msgid)
        if not n:
            return None
        # ratio = 2M/(a+b) ≥ t needs the shorter length ≥ t/(2-t) of the longer.
        low = bisect.bisect_left(self.lengths, n * FUZZY_THRESHOLD / (2 - FUZZY_THRESHOLD))
        high = bisect.bisect_right(self.lengths, n * (2 - FUZZY_THRESHOLD) / FUZZY_THRESHOLD)
        best, best_score = None, FUZZY_THRESHOLD
        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(new.msgid)
        for old in self.candidates[low:high]:
            matcher.set_seq1(old.msgid)
            if matcher.real_quick_ratio() < best_score or matcher.quick_ratio() < best_score:
                continue
            score = matcher.ratio()
            if score >= best_score and (best is None or score > best_score):
                best, best_score = old, score
        return best


def is_fuzzy(entry: polib.POEntry) -> bool:
    return "fuzzy" in entry.flags


def plural_count(header: str) -> int | None:
    """``nplurals`` from a Plural-Forms header value, or None."""
    match = re.search(r"nplurals\s*=\s*(\d+)", header or "")
    return int(match.group(1)) if match else None


def read_optional(path: Path) -> polib.POFile | None:
    return load(path) if Path(path).exists() else None
