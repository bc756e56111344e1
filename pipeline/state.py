"""Review state of a catalog entry, and the provenance comment machine drafts carry.

A machine draft is ``fuzzy`` and has a translator comment ``MT: <engine> <package> <version>
sha=<hash of the draft>`` (plus ``score=…`` where the model gave one). Translator comments
survive msgmerge and ``l10n update``, so the provenance stays. The states:

- ``translated``: a non-empty, non-fuzzy translation (a person's work, or reviewed MT);
- ``machine``: fuzzy, the MT comment present, the text still the draft as MT wrote it
  (its hash matches) and no ``#|`` previous msgid: unreviewed machine output;
- ``needs_work``: fuzzy for any other reason (source changed, a person edited a draft
  and kept it fuzzy, fuzzy by hand);
- ``untranslated``: empty (the first plural form empty, as msgfmt counts it), or with no
  visible character where the source has one (a zero-width space is no translation);
- ``obsolete``: ``#~`` entries.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

import polib

MT_PREFIX = "MT:"
_MT_LINE = re.compile(r"^MT:\s+(?P<body>.*)$", re.MULTILINE)

STATES = ("translated", "machine", "needs_work", "untranslated")


@dataclass(frozen=True)
class Provenance:
    engine: str
    package: str
    version: str
    sha: str
    score: float | None = None


def text_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def mt_comment(
    engine: str, package: str, version: str, draft: str, score: float | None = None
) -> str:
    """The translator comment line that marks ``draft`` as unreviewed machine output."""
    line = f"{MT_PREFIX} {engine} {package} {version} sha={text_hash(draft)}"
    return line + (f" score={score:.3f}" if score is not None else "")


def provenance(entry: polib.POEntry) -> Provenance | None:
    """The MT provenance in an entry's translator comment, if any."""
    match = _MT_LINE.search(entry.tcomment or "")
    if not match:
        return None
    words = match.group("body").split()
    fields = dict(w.split("=", 1) for w in words if "=" in w)
    plain = [w for w in words if "=" not in w] + ["", "", ""]
    score = fields.get("score")
    try:
        score_value = float(score) if score is not None else None
    except ValueError:
        score_value = None
    return Provenance(plain[0], plain[1], plain[2], fields.get("sha", ""), score_value)


def set_provenance(entry: polib.POEntry, comment: str) -> None:
    """Replace (or add) the MT line of an entry's translator comment, keeping the rest."""
    lines = [
        line for line in (entry.tcomment or "").split("\n") if line and not _MT_LINE.match(line)
    ]
    entry.tcomment = "\n".join(lines + [comment])


def first_form(entry: polib.POEntry) -> str:
    """The translation msgfmt and msgmerge look at to call an entry translated: ``msgstr``, or
    ``msgstr[0]`` of a plural entry."""
    if entry.msgid_plural:
        forms = entry.msgstr_plural or {}
        return forms.get(0) or forms.get("0") or ""
    return entry.msgstr or ""


# Characters that show nothing: Unicode's spaces, controls and format characters (zero-width
# space, joiners, marks), and the fillers that fonts draw blank.
_BLANK = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def visible(text: str) -> bool:
    """Whether ``text`` shows at least one character."""
    return any(char not in _BLANK and unicodedata.category(char)[0] not in "CZ" for char in text)


def state(entry: polib.POEntry) -> str:
    """One of ``translated``, ``machine``, ``needs_work``, ``untranslated``, ``obsolete``."""
    if entry.obsolete:
        return "obsolete"
    form = first_form(entry)
    if not form or (not visible(form) and visible(entry.msgid)):
        return "untranslated"
    if "fuzzy" not in entry.flags:
        return "translated"
    origin = provenance(entry)
    if origin and not entry.previous_msgid and origin.sha == text_hash(first_form(entry)):
        return "machine"
    return "needs_work"


def active_entries(po: polib.POFile) -> list[polib.POEntry]:
    """The messages a catalog asks to translate: not the header, not obsolete."""
    return [e for e in po if not e.obsolete and e.msgid != ""]
