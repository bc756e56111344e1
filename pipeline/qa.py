"""Coverage statistics and quality checks of translated catalogs.

Counting follows ``msgfmt --statistics``: an active entry (not the header, not obsolete) is
``untranslated`` when its msgstr (a plural entry's first form) is empty, ``fuzzy`` when it has
the flag, ``translated`` otherwise; fuzzy entries are split into unreviewed machine drafts and
``needs_work`` (``pipeline.state``).

Each quality check has a stable id and a severity and only reports: it never changes a file.
A translator silences a check for one entry with a translator comment (it survives msgmerge
and every PO editor; unknown ``#,`` flags do not)::

    # l10n: ignore numbers, glossary -- "two" is written as a word in Korean
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import polib

from pipeline import numbers, patterns
from pipeline.config import Config, Language
from pipeline.errors import L10nError
from pipeline.glossary import Term, load_glossary
from pipeline.ledger import text_digest
from pipeline.state import active_entries, state

if TYPE_CHECKING:
    from pipeline.project import Project


@dataclass(frozen=True)
class Check:
    id: str
    severity: str  # "error" fails `l10n check`; "warning" is reported only
    summary: str


CHECKS: tuple[Check, ...] = (
    Check("numbers", "error", "every number of the source is in the translation (locale-aware)"),
    Check(
        "placeholders",
        "error",
        "no MT sentinels left; format directives match where flagged; URLs and e-mails kept",
    ),
    Check("plurals", "error", "no empty plural form; as many forms as Plural-Forms says"),
    Check("glossary", "warning", "a glossary term is rendered by its approved translation"),
    Check(
        "punctuation",
        "warning",
        "terminal punctuation of the target script, paired quotes, no stray spaces",
    ),
    Check(
        "untranslated-text",
        "warning",
        "not a copy of the source, in the target script, no long English runs",
    ),
    Check("repetition", "warning", "no word or phrase repeated as the source does not"),
    Check("length", "warning", "length within the usual ratio for the language pair"),
)
CHECK_IDS = tuple(c.id for c in CHECKS)
SEVERITIES = ("error", "warning", "off")

# The translator comment that silences checks for its entry.
# (Leading space within its own line only: ``^\s*`` would read every blank line to the end.)
SILENCE = re.compile(r"^[^\S\n]*l10n:\s*ignore\b(?P<rest>.*)$", re.IGNORECASE | re.MULTILINE)

# Han ideographs and kana count one word per character; Hangul is written with spaces.
CJK_CHAR = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]"
)
WORD = re.compile(r"\d+(?:[.,]\d+)+|[^\W_]+(?:['’\-][^\W_]+)*")
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")
HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
KANA = re.compile(r"[\u3040-\u30ff]")
LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+(?:['’\-][A-Za-z\u00c0-\u024f]+)*")
# URLs and e-mail addresses as the MT masker protects them.
URL = patterns.URL
EMAIL = patterns.EMAIL
# What MT masks protected text with, where the source has no such text: ``{0}`` (pipeline.mt's
# sentinels), and forms other engines leave behind: ⟦0⟧, ｟0｠, __L10N_0__, private-use
# characters, half of a bracket pair.
SENTINEL = re.compile(
    patterns.SENTINEL.pattern
    + r"|⟦[^⟧\s]{0,12}⟧|｟[^｠\s]{0,12}｠|__(?:L10N|PH|SENT|TERM|URL)[A-Z0-9_]*__"
    r"|[\ue000-\uf8ff]|[⟦⟧｟｠]"
)
# Format directives. The parts of a directive are possessive (``*+``, ``?+``): a part given
# back could never let the rest match (a digit is no conversion), and without that "%000…0"
# would be tried in quadratically many ways. A Python mapping key stops at a parenthesis, so
# "%(%(%(…" reads each key once.
C_FORMAT = re.compile(
    r"%(?:(?P<pos>\d++)\$)?+[-+ #0']*+(?:\d++|\*)?+(?:\.(?:\d++|\*))?+"
    r"(?:hh|h|ll|l|L|q|j|z|Z|t|I)?(?P<conv>[diouxXeEfFgGaAcCsSpn%])|%<(?P<pri>PRI\w+)>"
)
PYTHON_FORMAT = re.compile(
    r"%(?:\((?P<pos>[^()]*+)\))?+[-+ #0]*+(?:\d++|\*)?+(?:\.(?:\d++|\*))?+"
    r"(?P<conv>[diouxXeEfFgGcrsa%])"
)
BRACE_FORMAT = re.compile(r"\{\{|\}\}|\{(?P<pos>[^{}:!]*+)(?:![rsa])?+(?::[^{}]*+)?+\}")
FORMATS = {  # each also in _BLANKED, with the characters it needs
    "c-format": C_FORMAT,
    "python-format": PYTHON_FORMAT,
    "python-brace-format": BRACE_FORMAT,
}

# Translation length ÷ source length (characters) for English sources: the median over
# real catalogs (../shared/pocorpus); far outside ÷/× LENGTH_BAND of it is reported.
LENGTH_RATIO = {"ko": 0.6, "zh": 0.33, "ja": 0.45, "ms": 1.1, "id": 1.1}
LENGTH_BAND = 2.5
LENGTH_MIN_SOURCE = 30
ENGLISH_FUNCTION_WORDS = frozenset(
    [
        "the",
        "and",
        "of",
        "with",
        "will",
        "is",
        "are",
        "was",
        "were",
        "that",
        "which",
        "from",
        "have",
        "has",
        "this",
        "these",
        "for",
    ]
)
# How a sentence or label ends: in ASCII (Korean, Malay), full width (Chinese), either (…).
ASCII_ENDS = frozenset(".!?:;")
WIDE_ENDS = frozenset("。！？：；")
EITHER_ENDS = frozenset("…")
KOREAN_PARTICLE = re.compile(
    r"(?<=[\uac00-\ud7af])(?:으로|에서|은|는|이|가|을|를|의|에|와|과|도|로)$"
)
CLOSERS = "\"'”’」』)）]】》〉 "


@dataclass(frozen=True)
class Problem:
    check: str
    severity: str
    file: str
    line: int
    msgid: str
    message: str


@dataclass
class Counts:
    """The messages of a catalog by review state, and their source words."""

    entries: int = 0
    translated: int = 0
    machine: int = 0
    needs_work: int = 0
    untranslated: int = 0
    obsolete: int = 0
    words: dict[str, int] = field(default_factory=dict)

    @property
    def fuzzy(self) -> int:
        return self.machine + self.needs_work

    @property
    def coverage(self) -> float:
        """Translated (reviewed) entries as a percentage of the entries; an empty catalog has
        nothing translated: 0."""
        return 100.0 * self.translated / self.entries if self.entries else 0.0

    def meets(self, threshold: float) -> bool:
        if not self.entries:
            return threshold <= 0
        return self.translated * 100 >= threshold * self.entries

    def add(self, other: Counts) -> None:
        for name in ("entries", "translated", "machine", "needs_work", "untranslated", "obsolete"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name, value in other.words.items():
            self.words[name] = self.words.get(name, 0) + value


@dataclass
class FileReport:
    path: str
    lang: str
    counts: Counts
    problems: list[Problem] = field(default_factory=list)
    silenced: int = 0
    missing: bool = False  # no PO file yet: the template's entries count as untranslated


@dataclass
class Target:
    """A catalog to check: its language, its path as reported, its template where known."""

    lang: str
    path: str
    po: polib.POFile | None  # None when ``result`` is known already
    template: polib.POFile | None = None
    missing: bool = False
    result: FileReport | None = None  # set by ``check`` (or known from the ledger)


@dataclass
class LanguageReport:
    lang: str
    min_coverage: float
    files: list[FileReport] = field(default_factory=list)

    @property
    def counts(self) -> Counts:
        total = Counts()
        for report in self.files:
            total.add(report.counts)
        return total

    @property
    def problems(self) -> list[Problem]:
        return [p for report in self.files for p in report.problems]

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")

    @property
    def silenced(self) -> int:
        return sum(report.silenced for report in self.files)

    @property
    def ok(self) -> bool:
        return self.counts.meets(self.min_coverage) and not self.errors


@dataclass
class Report:
    languages: dict[str, LanguageReport]

    @property
    def ok(self) -> bool:
        return all(report.ok for report in self.languages.values())


# ---- counting ---------------------------------------------------------------------------


def source_words(text: str) -> int:
    """Words of a source text; each Han or kana character counts as one word."""
    if text.isascii():
        return len(WORD.findall(text))  # no Han or kana: skip looking for them
    return len(CJK_CHAR.findall(text)) + len(WORD.findall(CJK_CHAR.sub(" ", text)))


def entry_words(entry: polib.POEntry) -> int:
    return source_words(entry.msgid) + source_words(entry.msgid_plural or "")


def count(
    po: polib.POFile | Iterable[polib.POEntry], template: polib.POFile | None = None
) -> Counts:
    """Entries of a catalog by state (as ``msgfmt --statistics`` counts them) and their words.

    With the catalog's ``template``, coverage is of the template's messages: one the catalog
    lacks counts as untranslated, and one only the catalog has (not merged away yet) is not
    counted."""
    counts = Counts(
        words={
            name: 0
            for name in ("total", "translated", "machine", "needs_work", "untranslated", "obsolete")
        }
    )
    entries = list(po)
    for entry in entries:
        if entry.obsolete:
            counts.obsolete += 1
            counts.words["obsolete"] += entry_words(entry)
    active = active_entries(entries)
    if template is not None:
        wanted = {(e.msgctxt, e.msgid): e for e in active_entries(template)}
        active = [e for e in active if (e.msgctxt, e.msgid) in wanted]
        have = {(e.msgctxt, e.msgid) for e in active}
        active += [e for key, e in wanted.items() if key not in have]  # untranslated here
    for entry in active:
        kind = state(entry)
        counts.entries += 1
        setattr(counts, kind, getattr(counts, kind) + 1)
        words = entry_words(entry)
        counts.words["total"] += words
        counts.words[kind] += words
    return counts


# ---- silencing and severities -----------------------------------------------------------


def silenced(entry: polib.POEntry) -> set[str]:
    """The checks an entry's translator comment silences (``l10n: ignore numbers, length``);
    ``all`` silences every check. Words after the check ids are the translator's reason."""
    names: set[str] = set()
    for match in SILENCE.finditer(entry.tcomment or ""):
        for word in re.split(r"[\s,]+", match.group("rest").strip()):
            if word in CHECK_IDS or word == "all":
                names.add(word)
            elif word:
                break
    return set(CHECK_IDS) if "all" in names else names


def severities(config: Config | None = None) -> dict[str, str]:
    """Each check's severity, with ``[tool.l10n.checks]`` overrides (``length = "off"``)."""
    result = {c.id: c.severity for c in CHECKS}
    overrides = (config.checks if config is not None else {}) or {}
    if not isinstance(overrides, dict):
        raise L10nError(
            "[tool.l10n.checks] must be a table of check = severity",
            config.root / "pyproject.toml" if config else None,
        )
    for name, value in overrides.items():
        if name not in result or value not in SEVERITIES:
            raise L10nError(
                f"[tool.l10n.checks] {name} = {value!r}: checks are {', '.join(CHECK_IDS)}; "
                f"severities {', '.join(SEVERITIES)}",
                config.root / "pyproject.toml" if config else None,
            )
        result[name] = value
    return result


# ---- the checks ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Context:
    """What the checks of one catalog need to know."""

    lang: str
    glossary: tuple[Term, ...] = ()
    nplurals: int | None = None
    source_lang: str = "en"

    @property
    def script(self) -> str:
        return numbers.primary(self.lang)

    # Glossary patterns are compiled once per run, and a sentence is searched only for the
    # terms whose words it has: thousands of terms would overflow the ``re`` module's cache
    # and be compiled, and tried, again for every sentence.

    @cached_property
    def known_terms(self) -> re.Pattern[str] | None:
        """Every glossary form (English and translations) in one pattern, longest first."""
        return _any_of(f for term in self.glossary for f in (term.en, *term.translations.values()))

    @cached_property
    def term_index(self) -> _TermIndex:
        """The glossary's English terms, indexed by their words."""
        return _TermIndex.of(self.glossary)


def text_pairs(entry: polib.POEntry, ctx: Context) -> list[tuple[str, str]]:
    """(source, translation) pairs to compare: a plural entry's forms against the msgid or
    msgid_plural they translate (one form only: it covers every number, like msgid_plural)."""
    if not entry.msgid_plural:
        return [(entry.msgid, entry.msgstr)]
    forms = [text for _, text in sorted(_forms(entry).items()) if text]
    if len(_forms(entry)) == 1 or ctx.nplurals == 1:
        return [(entry.msgid_plural, text) for text in forms]
    return [(entry.msgid if i == 0 else entry.msgid_plural, text) for i, text in enumerate(forms)]


def _forms(entry: polib.POEntry) -> dict[int, str]:
    return {int(k): v for k, v in entry.msgstr_plural.items()}


def check_numbers(source: str, target: str, ctx: Context) -> list[str]:
    return [
        f"number {q.text!r} ({q.shown}) is not in the translation"
        for q in numbers.missing(source, target, ctx.lang, ctx.source_lang)
    ]


def _any_of(forms: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern for all ``forms`` (as ``_term_pattern`` matches each), longest first."""
    ordered = sorted({f for f in forms if f and f.strip()}, key=len, reverse=True)
    return _alternatives(tuple(ordered)) if ordered else None


@lru_cache(maxsize=16)
def _alternatives(ordered: tuple[str, ...]) -> re.Pattern[str]:
    body = "|".join(_term_body(form) for form in ordered)
    return re.compile(rf"(?<![^\W_])(?:{body})(?![^\W_])", re.IGNORECASE)


def _term_body(text: str) -> str:
    return r"\s+".join(re.escape(part) for part in text.split())


# ``re.IGNORECASE`` matches ASCII letters to these and no other characters (İ and ı to i, ſ
# to s, the Kelvin sign to k): a term matches only where the text has, through this table, the
# term's ASCII words as words.
_ASCII_FOLD = str.maketrans(
    {chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)}
    | {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}
)
_ASCII_WORD = re.compile(r"[a-z0-9]+")


def _ascii_words(text: str) -> set[str]:
    return set(_ASCII_WORD.findall(text.translate(_ASCII_FOLD)))


@dataclass(frozen=True)
class _TermIndex:
    """Glossary terms, longest first, found by their words: a text is searched only for the
    terms all of whose (ASCII) words it has, and each term's pattern is compiled once."""

    ordered: tuple[Term, ...]
    words: tuple[frozenset[str], ...]
    by_word: dict[str, tuple[int, ...]]  # each term under its longest word
    always: tuple[int, ...]  # terms without an ASCII word: always searched

    @classmethod
    def of(cls, glossary: Iterable[Term]) -> _TermIndex:
        ordered = tuple(sorted(glossary, key=lambda t: len(t.en), reverse=True))
        words = tuple(frozenset(_ascii_words(term.en)) for term in ordered)
        by_word: dict[str, list[int]] = {}
        always = []
        for i, term_words in enumerate(words):
            if term_words:
                by_word.setdefault(max(sorted(term_words), key=len), []).append(i)
            else:
                always.append(i)
        return cls(ordered, words, {w: tuple(ids) for w, ids in by_word.items()}, tuple(always))

    def candidates(self, text: str) -> list[tuple[Term, re.Pattern[str]]]:
        """The terms that may be in ``text``, longest first, with their patterns."""
        present = _ascii_words(text)
        found = set(self.always)
        for word in present:
            found.update(i for i in self.by_word.get(word, ()) if self.words[i] <= present)
        return [(self.ordered[i], _term_pattern(self.ordered[i].en)) for i in sorted(found)]


@lru_cache(maxsize=65536)
def _term_pattern(text: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![^\W_]){_term_body(text)}(?![^\W_])", re.IGNORECASE)


def glossary_terms_in(
    source: str, glossary: Iterable[Term], index: _TermIndex | None = None
) -> list[tuple[Term, int, int]]:
    """Glossary terms in a source text, longest first, a shorter term inside a longer one left
    out ("Korea" inside "Asean-Korea Free Trade Area"). ``index``: the glossary's index
    (``Context.term_index``), where the caller has one."""
    index = index if index is not None else _TermIndex.of(glossary)
    taken: list[tuple[int, int]] = []
    found = []
    for term, pattern in index.candidates(source):
        for match in pattern.finditer(source):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            taken.append(match.span())
            found.append((term, match.start(), match.end()))
            break
    return found


def check_glossary(source: str, target: str, ctx: Context) -> list[str]:
    problems = []
    for term, _, _ in glossary_terms_in(source, ctx.glossary, ctx.term_index):
        approved = term.approved(ctx.lang) or next(
            (
                text
                for code, text in term.translations.items()
                if numbers.primary(code) == ctx.script and text
            ),
            None,
        )
        forms = (approved, *term.later.get(ctx.lang, ())) if approved else ()
        if forms and not any(form.casefold() in target.casefold() for form in forms):
            note = f" ({term.note})" if term.note else ""
            problems.append(
                f"{term.en!r}: the approved form {approved!r} is not in the translation{note}"
            )
    return problems


def check_placeholders(source: str, target: str, ctx: Context) -> list[str]:
    problems = []
    left = [s for s in SENTINEL.findall(target) if s not in source]
    if left:
        problems.append(f"MT sentinel left in the translation: {' '.join(left)}")
    for pattern, what in ((URL, "URL"), (EMAIL, "e-mail address")):
        for found in pattern.findall(source):
            if found not in target:
                problems.append(f"{what} {found!r} is not in the translation")
    return problems


def format_directives(text: str, flag: str) -> dict[str, str]:
    """Argument → conversion of each directive (``%s``, ``%1$d``, ``%(name)s``, ``{0}``)."""
    result: dict[str, str] = {}
    sequence = 0
    for match in FORMATS[flag].finditer(text):
        if flag == "python-brace-format":
            if match.group() in ("{{", "}}"):
                continue
            name = match.group("pos")
            if name == "":
                name = str(sequence)
                sequence += 1
            result[name.split(".")[0].split("[")[0]] = "{}"
            continue
        conv = match.group("conv") if flag != "c-format" or not match.group("pri") else None
        if conv == "%":
            continue
        conv = match.group("pri") if conv is None else ("d" if conv == "i" else conv)
        name = match.group("pos")
        if not name:
            sequence += 1
            name = str(sequence)
        result[name] = conv
    return result


def check_formats(entry: polib.POEntry, ctx: Context) -> list[str]:
    """Format directives of each form against the source, where the entry is flagged."""
    problems = []
    for flag in FORMATS:
        if flag not in entry.flags or f"no-{flag}" in entry.flags:
            continue
        wanted = format_directives(entry.msgid, flag)
        if entry.msgid_plural:
            wanted.update(format_directives(entry.msgid_plural, flag))
            forms = sorted(_forms(entry).items())
        else:
            forms = [(None, entry.msgstr)]
        for index, text in forms:
            if not text:
                continue
            got = format_directives(text, flag)
            where = "" if index is None else f" (msgstr[{index}])"
            for name, conv in sorted(got.items()):
                if name not in wanted:
                    problems.append(f"{flag}: {_directive(name, conv)} is not in the source{where}")
                elif wanted[name] != conv:
                    problems.append(
                        f"{flag}: argument {name} is {conv!r} here, {wanted[name]!r} in the "
                        f"source{where}"
                    )
            # A plural form may leave the number out where it covers a single value of n.
            may_omit = entry.msgid_plural and len(forms) > 1
            for name, conv in sorted(wanted.items()):
                if name not in got and not may_omit:
                    problems.append(f"{flag}: {_directive(name, conv)} is missing{where}")
    return problems


def _directive(name: str, conv: str) -> str:
    return f"{{{name}}}" if conv == "{}" else f"argument {name} ({conv})"


def _terminal(text: str) -> str:
    stripped = text.rstrip().rstrip(CLOSERS)
    return stripped[-1:] if stripped else ""


def _openness(text: str) -> tuple[int, int]:
    """How many double quotes and brackets a text leaves open (straight quotes by parity)."""
    quotes = sum(text.count(c) for c in "“「『") - sum(text.count(c) for c in "”」』")
    quotes += text.count('"') % 2
    brackets = sum(text.count(c) for c in "(（[【") - sum(text.count(c) for c in ")）]】")
    return quotes, brackets


def check_punctuation(source: str, target: str, ctx: Context) -> list[str]:
    problems = []
    src_end, tgt_end = _terminal(source), _terminal(target)
    full_width = ctx.script in ("zh", "ja")
    native, foreign = (WIDE_ENDS, ASCII_ENDS) if full_width else (ASCII_ENDS, WIDE_ENDS)
    if src_end in ASCII_ENDS | WIDE_ENDS | EITHER_ENDS:
        if tgt_end in foreign:
            kind = "ASCII" if full_width else "full-width"
            problems.append(
                f"ends with {kind} {tgt_end!r}: {ctx.lang} uses "
                f"{'full-width' if full_width else 'ASCII'} punctuation"
            )
        elif tgt_end not in native | EITHER_ENDS:
            problems.append(f"the source ends with {src_end!r}, the translation does not")
    elif tgt_end in {".", "。"}:
        problems.append("the translation ends a sentence where the source does not")
    if full_width:
        ascii_marks = re.findall(rf"(?<={HAN.pattern})[,;:!?]|[,;:!?](?={HAN.pattern})", target)
        if ascii_marks:
            problems.append(
                f"ASCII {''.join(sorted(set(ascii_marks)))!r} next to Chinese "
                f"characters: use full-width punctuation"
            )
    for what, s, t in zip(("quotes", "brackets"), _openness(source), _openness(target)):
        if s != t:
            problems.append(f"unpaired {what}: the translation leaves {t} open, the source {s}")
    if "  " in target and "  " not in source:
        problems.append("double space")
    if target[:1].isspace() and not source[:1].isspace():
        problems.append("leading whitespace that the source lacks")
    if target[-1:].isspace() and not source[-1:].isspace():
        problems.append("trailing whitespace that the source lacks")
    return problems


def _without_known(text: str, ctx: Context) -> str:
    """``text`` with glossary terms, URLs, e-mail addresses and placeholders blanked out."""
    if ctx.known_terms is not None:
        text = ctx.known_terms.sub(" ", text)
    for pattern, needs in _BLANKED:
        if any(mark in text for mark in needs):  # each pattern needs one of these to match
            text = pattern.sub(" ", text)
    return text


_BLANKED = (
    (URL, ("://", "www.")),
    (EMAIL, ("@",)),
    (C_FORMAT, ("%",)),
    (PYTHON_FORMAT, ("%",)),
    (BRACE_FORMAT, ("{", "}")),
)


def _english_run(text: str) -> str | None:
    """A run of four or more Latin words with at least two in lower case (not a name)."""

    def english(run: list[re.Match[str]]) -> bool:
        return len(run) >= 4 and sum(w.group()[0].islower() for w in run) >= 2

    run: list[re.Match[str]] = []
    for word in LATIN_WORD.finditer(text):
        if run and not re.fullmatch(r"[\s,]+", text[run[-1].end() : word.start()]):
            if english(run):
                break
            run = []
        run.append(word)
    return text[run[0].start() : run[-1].end()] if english(run) else None


def check_untranslated_text(source: str, target: str, ctx: Context) -> list[str]:
    source_words = LATIN_WORD.findall(_without_known(source, ctx))
    lower_words = [w for w in source_words if w[0].islower() and len(w) > 1]
    if target.strip() == source.strip() and len(lower_words) >= 2:
        return ["the translation is the source text"]
    plain = _without_known(target, ctx)
    has_letters = sum(len(w) > 1 for w in source_words) >= 2
    script = {
        "ko": (HANGUL, "Hangul"),
        "zh": (HAN, "Chinese characters"),
        "ja": (KANA, "kana"),
    }.get(ctx.script)
    if script and has_letters and not script[0].search(target):
        return [f"no {script[1]} in the translation"]
    if ctx.script in ("ko", "zh", "ja"):
        run = _english_run(plain)
        if run:
            return [f"English left in the translation: {run!r}"]
    elif ctx.script != "en":
        english = {w.lower() for w in LATIN_WORD.findall(plain)} & ENGLISH_FUNCTION_WORDS
        if len(english) >= 3:
            return [f"looks like English: {', '.join(sorted(english))}"]
    return []


def _tokens(text: str, script: str) -> tuple[list[str], list[str]]:
    """Words (Han characters one by one in Chinese) and the text before each of them."""
    pattern = rf"{CJK_CHAR.pattern}|[^\W_]+" if script in ("zh", "ja") else r"[^\W_]+"
    words, gaps, end = [], [], 0
    for match in re.finditer(pattern, text):
        word = match.group()
        if script == "ko":
            word = KOREAN_PARTICLE.sub("", word) or word  # 협력 협력 협력을: the same word
        words.append(word)
        gaps.append(text[end : match.start()])
        end = match.end()
    return words, gaps


def repeated(text: str, script: str) -> str | None:
    """A unit of 1–6 words (Han characters in Chinese) said three times in a row (spaces or
    commas between), or a long one (3+ words, 4+ characters) twice with only a space between:
    degenerate MT output."""
    words, gaps = _tokens(text, script)
    long_unit = 4 if script in ("zh", "ja") else 3
    joiner = "" if script in ("zh", "ja") else " "
    for size in range(1, 7):
        for i in range(len(words) - size):
            unit = words[i : i + size]
            if all(w.isdigit() for w in unit):
                continue
            times, commas = 1, False
            while words[i + times * size : i + (times + 1) * size] == unit:
                gap = gaps[i + times * size]
                if not re.fullmatch(r"[\s,，、]*", gap):
                    break
                commas = commas or bool(gap.strip())
                times += 1
            if times >= 3 or (times >= 2 and size >= long_unit and not commas):
                return f"{joiner.join(unit)!r} × {times}"
    return None


def check_repetition(source: str, target: str, ctx: Context) -> list[str]:
    found = repeated(target, ctx.script)
    if found and not repeated(source, numbers.primary(ctx.source_lang)):
        return [f"repeated: {found}"]
    return []


def check_length(source: str, target: str, ctx: Context) -> list[str]:
    source, target = (URL.sub("", EMAIL.sub("", text)).strip() for text in (source, target))
    if len(source) < LENGTH_MIN_SOURCE or not target:
        return []
    usual = LENGTH_RATIO.get(ctx.script, 1.0)
    ratio = len(target) / len(source)
    if ratio > usual * LENGTH_BAND or ratio < usual / LENGTH_BAND:
        message = (
            f"the translation is {ratio:.2f}× the source's length (usual for "
            f"{ctx.lang}: about {usual}×)"
        )
        return [message]
    return []


def check_plurals(entry: polib.POEntry, ctx: Context) -> list[str]:
    if not entry.msgid_plural:
        return []
    forms = _forms(entry)
    problems = []
    if ctx.nplurals is not None and len(forms) != ctx.nplurals:
        problems.append(f"{len(forms)} plural forms, Plural-Forms says nplurals={ctx.nplurals}")
    empty = [f"msgstr[{i}]" for i, text in sorted(forms.items()) if not text]
    if empty:
        problems.append(
            f"empty plural form {', '.join(empty)} (msgfmt counts the entry as "
            f"translated; readers would see nothing)"
        )
    return problems


TEXT_CHECKS: dict[str, Callable[[str, str, Context], list[str]]] = {
    "numbers": check_numbers,
    "placeholders": check_placeholders,
    "glossary": check_glossary,
    "punctuation": check_punctuation,
    "untranslated-text": check_untranslated_text,
    "repetition": check_repetition,
    "length": check_length,
}
ENTRY_CHECKS: dict[str, Callable[[polib.POEntry, Context], list[str]]] = {
    "plurals": check_plurals,
    "placeholders": check_formats,
}


def findings(entry: polib.POEntry, ctx: Context) -> list[tuple[str, str]]:
    """(check id, message) for every problem of one translated entry, silencing ignored."""
    found = []
    for name, check in ENTRY_CHECKS.items():
        found += [(name, message) for message in check(entry, ctx)]
    for source, target in text_pairs(entry, ctx):
        for name, check in TEXT_CHECKS.items():
            found += [(name, message) for message in check(source, target, ctx)]
    order = {name: i for i, name in enumerate(CHECK_IDS)}
    seen: set[tuple[str, str]] = set()
    unique = [f for f in found if not (f in seen or seen.add(f))]
    return sorted(unique, key=lambda f: order[f[0]])


def check_catalog(
    po: polib.POFile,
    path: str,
    ctx: Context,
    levels: dict[str, str] | None = None,
    drafts: bool = False,
    quality: bool = True,
    template: polib.POFile | None = None,
) -> FileReport:
    """Counts (against ``template`` where given) and problems of one catalog. Translated
    entries are checked, fuzzy ones too with ``drafts``; a silenced or ``off`` check reports
    nothing; without ``quality``, only counts."""
    levels = levels or severities()
    report = FileReport(path, ctx.lang, count(po, template))
    if not quality:
        return report
    checked = ("translated", "machine", "needs_work") if drafts else ("translated",)
    for entry in active_entries(po):
        if state(entry) in checked:
            problems, quiet = entry_problems(entry, ctx, path, levels)
            report.problems += problems
            report.silenced += quiet
    return report


def entry_problems(
    entry: polib.POEntry, ctx: Context, path: str, levels: dict[str, str]
) -> tuple[list[Problem], int]:
    """The problems of one entry at their severities, and how many its comment silenced."""
    if state(entry) in ("untranslated", "obsolete"):
        return [], 0
    quiet = silenced(entry)
    problems, hushed = [], 0
    line = int(getattr(entry, "linenum", None) or 0)
    for name, message in findings(entry, ctx):
        if levels[name] == "off":
            continue
        if name in quiet:
            hushed += 1
            continue
        problems.append(Problem(name, levels[name], path, line, entry.msgid, message))
    return problems, hushed


def context_for(po: polib.POFile, lang: str, glossary: Iterable[Term] = ()) -> Context:
    from pipeline.catalog import plural_count

    return Context(lang, tuple(glossary), plural_count(po.metadata.get("Plural-Forms", "")))


# ---- files and projects (the I/O edge) ----------------------------------------------------


def language_of(po: polib.POFile, path: Path) -> str:
    """A catalog's language: its ``Language`` header, else its place in the gettext layout
    (``<lang>/LC_MESSAGES/x.po``, ``<lang>/x.po``, ``<lang>.po``), else ``und``."""
    header = (po.metadata.get("Language") or "").strip()
    if header:
        return header
    looks = re.compile(r"^[a-z]{2,3}(?:[_\-][A-Za-z0-9]+)*(?:@\w+)?$")
    parent = path.resolve().parent
    for guess in (
        parent.parent.name if parent.name == "LC_MESSAGES" else "",
        parent.name,
        path.stem,
    ):
        if guess and looks.match(guess):
            return guess
    return "und"


def template_for(path: Path) -> Path | None:
    """The template a PO file given by name belongs to, where the layout tells: ``<doc>.pot``
    above ``<lang>/LC_MESSAGES/<doc>.po`` or beside ``<doc>.po``, else the one ``*.pot`` in
    the file's folder (``po/ko.po`` beside ``po/<domain>.pot``)."""
    folder = path.parent
    candidates = [folder / f"{path.stem}.pot"]
    if folder.name == "LC_MESSAGES":
        candidates.insert(0, folder.parent.parent / f"{path.stem}.pot")
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    pots = list(folder.glob("*.pot")) if path.suffix == ".po" else []
    return pots[0] if len(pots) == 1 else None


def load_files(
    config: Config, files: Iterable[str | Path], langs: Iterable[str] = ()
) -> list[Target]:
    """PO files given by name, each with its language and (where there is one) template."""
    from pipeline import catalog

    langs = list(langs)
    targets = []
    for name in files:
        path = Path(name)
        po = catalog.load(path)
        lang = language_of(po, path)
        if langs and lang not in langs:
            continue
        pot = template_for(path)
        template = catalog.load(pot) if pot is not None and pot != path else None
        targets.append(Target(lang, config.relative(path), po, template))
    return targets


def project_targets(project: Project, languages: Iterable[Language]) -> list[Target]:
    """Every document's catalog in each language, as the project loads them."""
    return [
        Target(c.language, project.config.relative(c.path), c.po, project.template(c.document),
               c.missing)
        for lang in languages
        for c in project.catalogs(lang)
    ]


def check(
    config: Config,
    targets: list[Target],
    min_coverage: float | None = None,
    drafts: bool = False,
    quality: bool = True,
) -> Report:
    """Count and check catalogs (only count them without ``quality``). Fuzzy entries are
    checked too with ``drafts``, or when the project publishes drafts."""
    glossary = load_glossary(config.glossary)
    levels = severities(config)
    drafts = drafts or config.publish_drafts
    thresholds = {lang.code: lang.min_coverage for lang in config.languages}
    languages: dict[str, LanguageReport] = {}
    for target in targets:
        threshold = (
            min_coverage if min_coverage is not None
            else thresholds.get(target.lang, config.min_coverage)
        )
        report = languages.setdefault(target.lang, LanguageReport(target.lang, threshold))
        if target.result is None:
            ctx = context_for(target.po, target.lang, glossary)
            target.result = check_catalog(
                target.po, target.path, ctx, levels, drafts, quality, target.template
            )
            target.result.missing = target.missing
        report.files.append(target.result)
    return Report(languages)


def run_check(
    project: Project,
    languages: list[Language],
    min_coverage: float | None = None,
    drafts: bool = False,
    quality: bool = True,
) -> Report:
    """``l10n check`` on the project's catalogs: a catalog whose bytes, template, glossary
    and check settings are what an earlier run saw is not read again; its counts and problems
    come from the ledger (``pipeline.ledger``)."""
    config = project.config
    ledger = project.ledger("check")
    drafts = drafts or config.publish_drafts
    what = text_digest(repr((sorted(severities(config).items()), drafts, quality)))
    glossary = ledger.digest(config.glossary) if quality else ""
    targets, fresh = [], []
    for lang in languages:
        for doc in project.documents():
            path, template = config.po_path(lang.code, doc), project.template_path(doc)
            if not template.exists():
                raise L10nError("template not found: run `l10n extract` first", template)
            inputs = {"catalog": ledger.digest(path), "template": ledger.digest(template),
                      "glossary": glossary, "what": what}
            fact = ledger.fact(str(path), inputs)
            if fact is not None:
                known = _file_report(fact)
                targets.append(Target(lang.code, known.path, None, None, known.missing, known))
                continue
            loaded = project.catalog(lang, doc)
            target = Target(lang.code, config.relative(path), loaded.po, project.template(doc),
                            loaded.missing)
            targets.append(target)
            fresh.append((str(path), inputs, target))
    report = check(config, targets, min_coverage, drafts, quality)
    for key, inputs, target in fresh:
        ledger.record(key, inputs, **asdict(target.result))
    return report


def _file_report(fact: dict) -> FileReport:
    counts = Counts(**fact["counts"])
    problems = [Problem(**p) for p in fact["problems"]]
    return FileReport(fact["path"], fact["lang"], counts, problems, fact["silenced"],
                      fact["missing"])
