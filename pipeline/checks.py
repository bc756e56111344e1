"""The quality checks of one translated entry: each has a stable id and a default severity
and only reports, never changes a file (``docs/translators.md`` lists them).

A translator silences a check for one entry with a translator comment (it survives msgmerge
and every PO editor; unknown ``#,`` flags do not)::

    # l10n: ignore numbers, glossary -- "two" is written as a word in Korean
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import polib

from pipeline import english, keeps, numbers, patterns
from pipeline.config import Config
from pipeline.errors import L10nError, printable
from pipeline.glossary import Term
from pipeline.segment import tag_problem


@dataclass(frozen=True)
class Check:
    """A check, declared once (``CHECKS``): the dispatch of ``findings``, the severities, the
    ids a translator comment may silence and the tables of the docs all come from here."""

    id: str
    severity: str  # "error" fails `l10n check`; "warning" is reported only
    summary: str
    run: Callable[..., list[str]]
    applies: str = "text"  # "text": each (source, translation) pair; "entry": the whole entry
    spared: frozenset[str] = frozenset()  # kinds of entries it does not judge (ENTRY_KINDS)


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
    r"(?:(?:hh|h|ll|l|L|q|j|z|Z|t|I)?(?P<conv>[diouxXeEfFgGaAcCsSpn%])|<(?P<pri>PRI\w+)>)"
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
    # Where findings already made are kept (``pipeline.ledger.Memo``): check, build and review
    # judge the same entries, each in its own process.
    memo: object = field(default=None, compare=False, repr=False)
    # What the catalog's other entries show (``context_for``): how its labels end, where most
    # end alike ("：" or ":"), and its short labels with their translations ("Help" → "帮助"),
    # by which a label the source quotes is looked up (``quoted_labels``; the memo keys an
    # entry by the ones its source quotes).
    label_colon: str | None = None
    labels: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def memo_key(self) -> str:
        """What besides an entry its findings depend on: the language, plural count,
        glossary and the catalog's label colon (the code and its libraries are the memo's to
        key)."""
        context = repr(
            (self.lang, self.glossary, self.nplurals, self.source_lang, self.label_colon)
        )
        return hashlib.blake2b(context.encode("utf-8"), digest_size=16).hexdigest()

    @property
    def script(self) -> str:
        return numbers.primary(self.lang)

    @cached_property
    def direction(self) -> str:
        """ "ltr" or "rtl", as CLDR writes the language (left to right where it is unknown)."""
        from pipeline.languages import language_info

        try:
            return language_info(self.lang).direction
        except L10nError:
            return "ltr"

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
    source, target = _without_directives(_joined(source)), _without_directives(target)
    return [
        f"number {q.text!r} ({q.shown}) is not in the translation"
        for q in numbers.judge(source, target, ctx.lang, ctx.source_lang)[0]
    ]


def check_number_words(source: str, target: str, ctx: Context) -> list[str]:
    """A number the translation has only as a Chinese numeral inside a word (二进制 for 2)."""
    source, target = _without_directives(_joined(source)), _without_directives(target)
    return [
        f"number {q.text!r} ({q.shown}) is in the translation only as a numeral inside a word"
        for q in numbers.judge(source, target, ctx.lang, ctx.source_lang)[1]
    ]


# A label's accelerator mark between two digits ("Rotate 1_80°"): one number, 180.
_MARK_IN_NUMBER = re.compile(r"(?<=\d)[_&](?=\d)")


def _joined(source: str) -> str:
    """``source`` with the accelerator mark that splits a number taken out."""
    found = _MARK_IN_NUMBER.search(source) if ("_" in source or "&" in source) else None
    if found and source.count(found.group()) == 1:
        return source[: found.start()] + source[found.end() :]
    return source


# A format directive with a digit in it ("%1$s", "%.0f", "%02d", "%(n)5d"): its digits are
# no number of the text.
_DIRECTIVE_DIGITS = re.compile(
    r"%(?:\d+\$)?[-+ #0']*\d*(?:\.\d+)?(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGaAcsSp]"
    r"|%(?:\d+\$)?<PRI\w+>|%\([^()]*\)[-+ #0]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]"
    # numbered placeholders of Qt, KDE and xfce ("twenty five to %1"), not the number 1
    r"|%\d+(?![\d.,])"
)


def _without_directives(text: str) -> str:
    return _DIRECTIVE_DIGITS.sub(" ", text) if "%" in text else text


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
    edge = patterns.IN_WORD
    return re.compile(rf"(?<!{edge}){_term_body(text)}(?!{edge})", re.IGNORECASE)


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


def check_tokenizer_debris(source: str, target: str, ctx: Context) -> list[str]:
    """What a model's tokenizer left undecoded (``patterns.DEBRIS``), whoever pasted it."""
    left = patterns.debris(target, source)
    return [f"tokenizer debris in the translation: {' '.join(left)}"] if left else []


def check_markup(source: str, target: str, ctx: Context) -> list[str]:
    """The numbered tags of a sentence with inline markup: each of the source's once in the
    translation, no other, pairs opened before they close and not crossing, ``<n/>`` kept
    self-closing (``pipeline.segment.tag_problem``). Tags may move and pairs be reordered."""
    problem = tag_problem(source, target)
    return [problem] if problem else []


# An HTML start or end tag (numbered tags, ``<1>``, start with a digit and are not HTML) of
# an element of the HTML standard: ``<name@example.org>`` or ``<Enter>`` is text.
HTML_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9:-]{0,40})(?=[\s/>])[^<>]{0,500}>")
HTML_ELEMENTS = frozenset(
    """a abbr address area article aside audio b base bdi bdo blockquote body br button canvas
    caption cite code col colgroup data datalist dd del details dfn dialog div dl dt em embed
    fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr
    html i iframe img input ins kbd label legend li link main map mark math menu meta meter nav
    noscript object ol optgroup option output p param picture pre progress q rp rt ruby s samp
    script search section select slot small source span strong style sub summary sup svg table
    tbody td template textarea tfoot th thead time title tr track u ul var video wbr""".split()
)
SCRIPT_URL = re.compile(r"\b(?:javascript|vbscript)\s*:|\bdata\s*:\s*text/html", re.IGNORECASE)


def check_html(source: str, target: str, ctx: Context) -> list[str]:
    """HTML the translation adds: a tag whose name the source does not use, or a script URL.
    Every output of the pipeline escapes it, but a ``.mo`` carries it to any program that
    shows translations as HTML, where it would run."""
    names = {match.group(1).lower() for match in HTML_TAG.finditer(source)}
    added = [
        match.group()
        for match in HTML_TAG.finditer(target)
        if match.group(1).lower() in HTML_ELEMENTS - names
    ]
    problems = []
    if added:
        problems.append(f"HTML the source does not have: {printable(added[0][:60])!r}")
    if SCRIPT_URL.search(target) and not SCRIPT_URL.search(source):
        problems.append("a script URL (javascript:) the source does not have")
    return problems


# Bidirectional controls. An override (U+202D, U+202E) makes text read otherwise than it is
# stored; embeddings and isolates are how right-to-left text holds left-to-right words.
BIDI_OVERRIDE = re.compile("[\u202d\u202e]")
BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")


def check_invisible(source: str, target: str, ctx: Context) -> list[str]:
    """Bidirectional controls that the source does not have: overrides in any language,
    embeddings and isolates in a left-to-right one. (A translation that shows nothing at all
    counts as untranslated: ``pipeline.state``.)"""
    pattern = BIDI_CONTROL if ctx.direction == "ltr" else BIDI_OVERRIDE
    added = sorted(set(pattern.findall(target)) - set(source))
    if not added:
        return []
    codes = ", ".join(f"U+{ord(char):04X}" for char in added)
    return [f"bidirectional control {codes} that the source does not have"]


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


# A directive as a translator would add one ("%s", "%d", "%1$s", "%(name)s"), not a per cent
# sign in running text ("100% dari", "50 %"): no space flag, not after a digit or a letter.
# A directive glued to a CJK character ("文件%s") is one: only an ASCII letter or digit before
# the sign makes it running text.
ADDED_DIRECTIVE = re.compile(
    r"(?<![A-Za-z0-9_%])%(?:\d+\$)?[-#0+']*\d*(?:\.\d+)?(?:hh|h|ll|l|j|z|t)?[sdiuxXfFgGeEc]"
    r"(?![A-Za-z])|(?<![A-Za-z0-9_%])%(?:\d+\$)?<PRI\w+>|(?<!%)%\([\w.]+\)[sdifr]"
)


def check_format_added(entry: polib.POEntry, ctx: Context) -> list[str]:
    """A format directive in a translation whose source has none, where the entry has no
    format flag: the program may print the text with no argument for it (with a flag,
    ``placeholders`` reports it as an error, as ``msgfmt -c`` does)."""
    if any(flag in entry.flags for flag in FORMATS):
        return []
    sources = entry.msgid + (entry.msgid_plural or "")
    if "%" in sources and ADDED_DIRECTIVE.search(sources):
        return []
    texts = [entry.msgstr] if not entry.msgid_plural else list(_forms(entry).values())
    added = sorted(
        {m.group() for text in texts if "%" in text for m in ADDED_DIRECTIVE.finditer(text)}
    )
    problems = []
    if added:
        problems.append(
            f"{' '.join(added)} in the translation, though the source has no format directive"
        )
    if "%%" not in sources and any("%%" in text for text in texts):
        problems.append(
            "'%%' in the translation of a text printed without formatting: it shows as '%%'"
        )
    return problems


# Literal lists of values ("{ascii,ebcdic,ibm}", "[yes|no]") and long options ("--userspec"):
# what a user types, so the translation keeps them as they are.
VALUE_LIST = re.compile(r"\{[\w.+-]+(?:,[\w.+-]+)+\}|\[[\w.+-]+(?:\|[\w.+-]+)+\]")
LONG_OPTION = re.compile(r"(?<![\w-])--[a-z][a-z0-9-]*(?![\w-])")


# A short option with a coded argument ("-t dI", "-t x2"; not "-n lines"), and a file name
# with a folder or a known extension ("flatpages/default.html", "setup.cfg").
SHORT_OPTION_ARG = re.compile(r"(?<![\w-])-[A-Za-z] [a-z]*[A-Z0-9][A-Za-z0-9]{0,3}(?![\w-])")
FILE_NAME = re.compile(
    r"(?<![\w/.~-])(?:[\w.-]+/)+[\w-]+\.[A-Za-z]{1,5}(?![\w/])"
    r"|(?<![\w/.~-])[\w-]+\.(?:html?|txt|py|po|pot|mo|cfg|conf|ini|desktop|css|js|json|xml|yaml|yml"
    r"|toml|csv|png|svg|sh|tar|gz|zip)(?![\w/.])"
)


def check_options(source: str, target: str, ctx: Context) -> list[str]:
    problems = []
    plain_source = (
        URL.sub(" ", EMAIL.sub(" ", source)) if ("/" in source or "@" in source) else source
    )
    for pattern, what in (
        (VALUE_LIST, "value list"),
        (LONG_OPTION, "option"),
        (SHORT_OPTION_ARG, "option"),
        (FILE_NAME, "file name"),
    ):
        if pattern is LONG_OPTION and "--" not in source:
            continue
        if pattern is FILE_NAME:
            if "." not in source:
                continue
            for found in dict.fromkeys(pattern.findall(plain_source)):
                if found not in target:
                    problems.append(f"{what} {found!r} is not in the translation as it is")
            continue
        for found in dict.fromkeys(pattern.findall(source)):
            if not re.search(rf"(?<![A-Za-z0-9_-]){re.escape(found)}(?![A-Za-z0-9_-])", target):
                problems.append(f"{what} {found!r} is not in the translation as it is")
    return problems


def _terminal(text: str) -> str:
    stripped = text.rstrip().rstrip(CLOSERS)
    if stripped.endswith("..."):
        return "…"  # an ellipsis, written with three full stops in UI text of every script
    return stripped[-1:] if stripped else ""


# A full stop that belongs to an abbreviation ("6 a.m.", "(alt.)", "etc.", a text that is one
# abbreviated word: "Jan.", "Sept.", "Fig.") ends no sentence.
ABBREVIATION_END = re.compile(
    r"(?:\b[A-Za-z]\.){2,}$|\b(?:etc|alt|approx|incl|e\.g|i\.e|vs|cf|min|max|sec|no)\.$"
    r"|^[A-Za-z]{1,4}\.$",
    re.IGNORECASE,
)
# What stands where a text could be a list the program splits: items with no space after the
# separator ("kilometer,kilometers,km,kms", desktop keywords "calculation;arithmetic;").
LIST = re.compile(r"[^\s,;](?:[^,;\n]*[^\s,;])?(?:(?P<sep>[,;])[^\s,;](?:[^,;\n]*[^\s,;])?)+[,;]?")
# Syntax inside a text that keeps its ASCII marks in any script: markup tags and entities,
# options with their values ("--userspec=用户:组"), URLs, paths, key names in brackets.
CODE = re.compile(
    r"<[^<>\n]*>|&[#\w]+;|(?<![\w-])--?[^\W\d_][\w-]*(?:=\S*)?|(?<!\S)[\w.+-]*://\S*"
    r"|\[[^\[\]\s]{1,3}\]|(?<![\w?])(?:\d\d?|\?\?):(?:\d\d|\?\?)(?![\w?])"
)
# A mnemonic after a Chinese label ("访问(_A):", "开始！(&S)") is not text.
MNEMONIC = re.compile(r"[(（][_&]\w[)）]")  # GTK's (_A), and Qt's and wx's (&A)


def is_list(source: str) -> bool:
    """A list the program splits on an ASCII comma or semicolon: no space after a separator,
    short items, one separator throughout."""
    match = LIST.fullmatch(source.strip())
    if not match:
        return False
    separators = set(re.findall(r"[,;]", source))
    items = [i for i in re.split(r"[,;]", source) if i.strip()]
    return len(separators) == 1 and all(len(i.split()) <= 4 for i in items)


def _openness(text: str) -> tuple[int, int]:
    """How many double quotes and brackets a text leaves open (straight quotes by parity)."""
    quotes = sum(text.count(c) for c in "“「『") - sum(text.count(c) for c in "”」』")
    quotes += text.count('"') % 2
    brackets = sum(text.count(c) for c in "(（[【") - sum(text.count(c) for c in ")）]】")
    return quotes, brackets


def check_punctuation(source: str, target: str, ctx: Context) -> list[str]:
    """End marks, added colons, ASCII marks among CJK, unpaired brackets and spacing of one
    text pair (``docs/checks.md``). Kept as one function so that one problem is reported
    once: each rule sees what the ones before it found."""
    if is_list(source):
        return _list_separators(source, target)
    problems = []
    full_width = ctx.script in ("zh", "ja")
    # Marks inside markup, options, URLs and key names are syntax, not punctuation.
    plain_source = CODE.sub(" ", source)
    plain = MNEMONIC.sub("", CODE.sub(" ", target)) if full_width else CODE.sub(" ", target)
    src_end, tgt_end = _terminal(plain_source), _terminal(plain)
    if src_end == "." and ABBREVIATION_END.search(plain_source.rstrip().rstrip(CLOSERS)[-40:]):
        src_end = tgt_end = ""  # "(alt.)", "6 a.m.": how the translation ends is its own
    native, foreign = (WIDE_ENDS, ASCII_ENDS) if full_width else (ASCII_ENDS, WIDE_ENDS)
    ascii_end = False
    if src_end in ASCII_ENDS | WIDE_ENDS | EITHER_ENDS:
        if tgt_end in foreign and (not full_width or _after_cjk(plain)):
            ascii_end = full_width
            kind = "ASCII" if full_width else "full-width"
            problems.append(
                f"ends with {kind} {tgt_end!r}: {ctx.lang} uses "
                f"{'full-width' if full_width else 'ASCII'} punctuation"
            )
        elif (
            full_width
            and src_end == tgt_end == ":"
            and ctx.label_colon == "："
            and CJK_CHAR.search(plain)
        ):
            ascii_end = True  # "固定图标大小(像素)(_S):" among siblings ending "大小(_S)："
            problems.append("ends with ASCII ':' where this catalog's labels end with '：'")
        elif tgt_end not in native | foreign | EITHER_ENDS:
            problems.append(f"the source ends with {src_end!r}, the translation does not")
    elif tgt_end in {":", "："}:
        problems.append("the translation adds a colon the source does not have")
    elif (
        tgt_end in {".", "。"}
        and not (ctx.script == "ko" and _korean_sentence(plain))
        and not re.search(r"[.!?] +[A-Z]", plain_source)  # prose: its last stop left out
    ):
        problems.append("the translation ends a sentence where the source does not")
    if full_width:
        body = plain.rstrip().rstrip(CLOSERS)[:-1] if ascii_end else plain
        ascii_marks = re.findall(rf"(?<={HAN.pattern})[,;:!?]|[,;:!?](?={HAN.pattern})", body)
        operators = set(re.findall(r"(?<= )[,;:!?](?= )", plain_source))  # expr's " : "
        ascii_marks = [mark for mark in ascii_marks if mark not in operators]
        if ascii_marks:
            problems.append(
                f"ASCII {''.join(sorted(set(ascii_marks)))!r} next to Chinese "
                f"characters: use full-width punctuation"
            )
    else:
        coded = CODE.sub("_", target)  # code is no space
        spaced = re.findall(r"(?<=\w) +([,.;:!?])(?=\s|$)", coded)
        spaced = [m for m in spaced if not re.search(rf"\w +{re.escape(m)}(?:\s|$)", plain_source)]
        if spaced:
            problems.append(f"a space before {''.join(dict.fromkeys(spaced))!r}")
    quote_marks = len(source.strip()) <= 2  # an entry that is a quotation mark: "“" → "「"
    for what, s, t in zip(("quotes", "brackets"), _openness(source), _openness(target)):
        if s != t and not quote_marks:
            problems.append(f"unpaired {what}: the translation leaves {t} open, the source {s}")
    if re.search(r"\S {2,}\S", target) and "  " not in source:
        problems.append("double space")
    doubled = re.search(r"([，。、；：,;])\1", plain)
    if doubled and doubled.group() not in source:
        problems.append(f"{doubled.group(1)!r} doubled")
    if target[:1].isspace() and not source[:1].isspace():
        problems.append("leading whitespace that the source lacks")
    if target[-1:].isspace() and not source[-1:].isspace():
        problems.append("trailing whitespace that the source lacks")
    return problems


def _after_cjk(text: str) -> bool:
    """Whether the marks that end ``text`` follow a CJK character (spaces between), or a
    placeholder or quotation that does: "文件.", "吗 ?" and "替换%s?" do; "(alt.)", "[!]",
    "1, 2, 3, ..." do not."""
    body = text.rstrip().rstrip(CLOSERS).rstrip(".!?:;…").rstrip()
    placeholder = END_PLACEHOLDER.search(body) if body[-1:] in "sdu}\"'”’" else None
    if placeholder and placeholder.start():
        body = body[: placeholder.start()].rstrip()
    return bool(body) and bool(CJK_CHAR.match(body[-1]) or body[-1] in "」』）】》")


# A format directive or a quoted name at the end of a text ("%s", "%(name)s", "{0}", "'%s'").
END_PLACEHOLDER = re.compile(
    r"(?:[\"“'‘]?(?:%(?:\d+\$)?[-#0+]*\d*(?:l|ll|z)?[sdu]|%\([\w.]{1,40}\)[sd]|\{\w{0,40}\})[\"”'’]?)$"
)


def _korean_sentence(text: str) -> bool:
    """A Korean sentence in the polite forms of UI text (…니다., …시오., …요.) takes its full
    stop, where the English message has none."""
    return re.search(r"(?:니다|시오|요)\.$", text.rstrip().rstrip(CLOSERS)) is not None


def _list_separators(source: str, target: str) -> list[str]:
    """A list the program splits keeps its ASCII separator."""
    separator = ";" if ";" in source else ","
    wide = sorted({c for c in target if c in "，、；"})
    if wide and separator not in target.replace(" ", ""):
        return [f"a list split on {separator!r}: {''.join(wide)!r} does not separate its items"]
    if wide:
        return [f"a list split on {separator!r}: {''.join(wide)!r} between items"]
    return []


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


# Words that make a run of Latin words English prose rather than a list of names, values or
# keywords.
PROSE_WORDS = ENGLISH_FUNCTION_WORDS | {
    "a",
    "an",
    "to",
    "in",
    "on",
    "be",
    "not",
    "it",
    "you",
    "your",
    "can",
    "or",
    "by",
    "as",
    "if",
    "then",
    "there",
    "their",
    "should",
    "would",
    "could",
    "must",
    "into",
    "than",
}


def _english_run(text: str) -> str | None:
    """A run of four or more Latin words with at least two in lower case (not a name) and an
    English function word (not a list of values or keywords)."""

    def english(run: list[re.Match[str]]) -> bool:
        return (
            len(run) >= 4
            and sum(w.group()[0].islower() and len(w.group()) > 1 for w in run) >= 2
            and any(w.group().lower() in PROSE_WORDS for w in run)
        )

    run: list[re.Match[str]] = []
    for word in LATIN_WORD.finditer(text):
        if run and not re.fullmatch(r"[\s,]+", text[run[-1].end() : word.start()]):
            if english(run):
                break
            run = []
        run.append(word)
    return text[run[0].start() : run[-1].end()] if english(run) else None


def _kept_from_source(target: str, source: str) -> str:
    """``target`` without what a translation keeps from its source: code (markup, options,
    paths), quoted text and names (words the source capitalises, "iPod") found in the source."""
    target = CODE.sub(" ", target)
    quotes = re.findall(r"[\"“'‘`]([^\"“”'‘’`\n]{1,60})[\"”'’`]", source)
    for quoted in dict.fromkeys(quotes[:20]):  # a text quotes a few things, not thousands
        if quoted.strip() and quoted in target:
            target = target.replace(quoted, " ")
    names = {w for w in LATIN_WORD.findall(source) if not w.islower()}
    if names:
        target = LATIN_WORD.sub(lambda m: " " if m.group() in names else m.group(), target)
    return target


def _plain_words(words: list[str]) -> list[str]:
    """Lower-case words of two letters or more (not names, symbols or "iPod")."""
    return [w for w in words if len(w) > 1 and w.islower()]


# A command line a help text shows (``sudo gedit``, ``$ ls -l``): kept as it is.
COMMAND_LINE = re.compile(r"(?:sudo|\$|#)[ \t]+[\w./~-]+(?:[ \t]+\S+){0,8}")
# An English function word standing alone between Korean or Chinese words ("파일 and 폴더").
_CJK_WORD = "[\\uac00-\\ud7af\\u4e00-\\u9fff]"
STRAY_WORD = re.compile(rf"(?:(?<={_CJK_WORD} )|(?<={_CJK_WORD}))([a-z]{{3,}})(?= ?{_CJK_WORD})")


def check_untranslated_text(source: str, target: str, ctx: Context) -> list[str]:
    if COMMAND_LINE.fullmatch(source.strip()) or FILE_NAME.fullmatch(source.strip()):
        return []  # a command line or a file name ("new.desktop") is kept as it is
    source, target = keeps.without_code(source), keeps.without_code(target)
    plain_source = _without_known(CODE.sub(" ", source), ctx)
    source_words = LATIN_WORD.findall(plain_source)
    lower_words = _plain_words(source_words)
    if ctx.script in ("ko", "zh", "ja"):
        # A sentence's first word is capitalised as the sentence's, not as a name's: "Index of
        # %(directory)s" has two words to translate (into Latin-script languages a short copy
        # may be the translation: "Format data").
        lower_words += _sentence_initial(plain_source)
    if target.strip() == source.strip() and len(lower_words) >= 2:
        return ["the translation is the source text"]
    kept = _kept_from_source(target, source)
    plain = _without_known(kept, ctx)
    has_letters = len(lower_words) >= 2
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
        # a function word: a name or a term of the trade ("tar", "toctree") may stay
        stray = [w for w in STRAY_WORD.findall(plain) if w in lower_words and w in PROSE_WORDS]
        if stray:
            return [f"English word left in the translation: {stray[0]!r}"]
    elif ctx.script != "en":
        english = {w.lower() for w in LATIN_WORD.findall(plain)} & ENGLISH_FUNCTION_WORDS
        if len(english) >= 3:
            return [f"looks like English: {', '.join(sorted(english))}"]
        if ctx.script in MALAY:
            marked = _without_known(_DIRECTIVE_MARK.sub(f" {_PLACE} ", kept), ctx)
            stray = _stray_function_word(marked, source_words)
            if stray:
                return [f"English word left in the translation: {stray!r}"]
    return []


# An English word, or words joined by a slash ("date/time"), standing next to Hangul or Han
# (glued, or one space between).
_LATIN_COMPOUND = rf"{LATIN_WORD.pattern}(?:/{LATIN_WORD.pattern})*"
# Not part of code ("name=value", "example.txt", "a_b", "$HOME").
_CODE_BEFORE = r"(?<![A-Za-z0-9_/'’=.@$\\-])"
_CODE_AFTER = r"(?![A-Za-z0-9_=.@/\\-])"
_BESIDE_CJK = re.compile(
    rf"(?<={_CJK_WORD})[ ]?{_CODE_BEFORE}({_LATIN_COMPOUND}){_CODE_AFTER}"
    rf"|{_CODE_BEFORE}({_LATIN_COMPOUND}){_CODE_AFTER}(?=[ ]?{_CJK_WORD})"
)
# A word the source names as a program ("the date utility"): a name, kept as it is.
_PROGRAM = re.compile(r"\b([a-z]+)\s+(?:utility|command|program|tool)\b")


def check_english_words(source: str, target: str, ctx: Context) -> list[str]:
    """An everyday English word of the source (``pipeline.english``) left beside Korean or
    Chinese words of a translation ("hidden 필드", "date/time입니다"): not a name (the source
    does not capitalise it, or the translation lowers it), nor code, nor quoted."""
    if ctx.script not in ("ko", "zh", "ja") or not LATIN_WORD.search(target):
        return []
    wanted = {w.lower() for w in LATIN_WORD.findall(source)} & english.EVERYDAY_WORDS
    lowered = target.lower()
    if not any(word in lowered for word in wanted) or COMMAND_LINE.fullmatch(source.strip()):
        return []  # most texts end here: no word of the list is in both
    wanted -= set(_PROGRAM.findall(source))
    source, target = keeps.without_code(source), keeps.without_code(target)
    plain = _without_known(_kept_from_source(target, source), ctx)
    if _english_run(plain):
        return []  # untranslated-text reports the run
    left = []
    for match in _BESIDE_CJK.finditer(plain):
        compound = match.group(1) or match.group(2)
        words = compound.split("/")
        if any(w.lower() in wanted and not w.isupper() for w in words):
            left.append(compound)
    return [f"English word left in the translation: {w!r}" for w in dict.fromkeys(left)]


# The first word of a sentence, capitalised as such ("Invalid page", "Index of"): at the
# text's start or after a full stop, question or exclamation mark.
SENTENCE_INITIAL = re.compile(r"(?:^[\s\"'“‘(\[]*|(?<=[.!?])\s+)([A-Z][a-z]+)(?=[\s,;:!?)]|$)")


def _sentence_initial(text: str) -> list[str]:
    return [m.group(1).lower() for m in SENTENCE_INITIAL.finditer(text)]


# Languages with no word spelt like these English function words: one standing between two
# words of the translation ("kebenaran to membuang", "-l or -t dinyatakan"), or beside a
# placeholder ("Ditulis oleh %s and %s", "Ditulis oleh by %s"), is English left.
MALAY = frozenset({"ms", "id"})
STRAY_FUNCTION_WORDS = frozenset(
    {"and", "or", "the", "of", "to", "with", "for", "from", "is", "by"}
)
# Where a Malay translation has a format directive, the stray-word rule sees this mark: a
# value the program prints, standing in the translated text.
_PLACE = "\u2063"  # INVISIBLE SEPARATOR: no word, no glossary term, no directive
_DIRECTIVE_MARK = re.compile(
    "|".join(re.sub(r"\(\?P<\w+>", "(?:", p.pattern) for p in (C_FORMAT, PYTHON_FORMAT))
)


def _stray_function_word(plain: str, source_words: list[str]) -> str | None:
    """An English function word of the source left between two words of a Malay translation
    or placeholders, where one of them is a translated word (a word the source does not have)
    or a placeholder, and the translation has a translated word."""
    words = list(re.finditer(rf"{LATIN_WORD.pattern}|{_PLACE}", plain))
    known = set(source_words)
    if not any(w.group() not in known and w.group() != _PLACE for w in words):
        return None  # nothing is translated: a copy, or a name

    def translated(word: str) -> bool:
        return word == _PLACE or word not in known

    for i, word in enumerate(words):
        if word.group() not in STRAY_FUNCTION_WORDS or word.group() not in known:
            continue
        beside = [
            w.group()
            for w in (words[i - 1] if i else None, words[i + 1] if i + 1 < len(words) else None)
            if w
        ]
        if len(beside) == 2 and any(translated(w) for w in beside):
            return word.group()
    return None


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
            if not all(re.fullmatch(r"[ \t]*", g) for g in gaps[i + 1 : i + size]):
                continue  # a unit is one stretch of text, not words across marks or lines
            times, commas = 1, False
            while words[i + times * size : i + (times + 1) * size] == unit:
                inner = gaps[i + times * size + 1 : i + (times + 1) * size]
                gap = gaps[i + times * size]
                if not re.fullmatch(r"[ \t,，、]*", gap) or any(g.strip() for g in inner):
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


def _measured(text: str, kept: set[str]) -> str:
    """The text whose length is compared: no URLs, e-mail addresses, markup, options, format
    directives, nor the Latin words both texts share (names, values, code)."""
    text = CODE.sub("", URL.sub("", EMAIL.sub("", text)))
    if "%" in text:
        text = _DIRECTIVE_DIGITS.sub("", text.replace("%%", ""))
    if kept:
        text = LATIN_WORD.sub(lambda m: "" if m.group() in kept else m.group(), text)
    return re.sub(r"\s+", " ", text).strip()


def check_length(source: str, target: str, ctx: Context) -> list[str]:
    kept = set(LATIN_WORD.findall(source)) & set(LATIN_WORD.findall(target))
    if ctx.script not in ("zh", "ja", "ko"):
        kept = set()  # in a Latin script, shared words are the translation itself
    source, target = _measured(source, kept), _measured(target, kept)
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


# Entries whose text a check cannot judge: the translator credits (names, addresses, a layout
# of its own), proper names (an extracted comment says so: the name may stay as it is), and
# lists the program splits ("kilometer,kilometers,km,kms": aliases kept on purpose, repeated
# where the language has one form for several, separators that are syntax).
CREDITS = frozenset({"translator-credits", "translator_credits", "TRANSLATORS", "Translators"})
PROPER_NAME = re.compile(
    r"proper name|product name|brand name|(?:do not|don't|not to) translate|name of the (?:"
    r"program|application|author|person)",
    re.IGNORECASE,
)
ENTRY_KINDS = {
    "credits": "the translator credits (names, addresses, a layout of their own)",
    "name": 'an entry whose extracted comment says it is a proper name ("do not translate")',
    "list": "a list the program splits (kilometer,kilometers,km,kms; a;b;c;)",
    "code": "the text of a code element of a help page (itstool's path ends in code, cmd, "
    "screen, …)",
}


def entry_kinds(entry: polib.POEntry) -> set[str]:
    """What an entry is, where that decides which checks can judge it (``Check.spared``)."""
    kinds = set()
    if entry.comment and keeps.ITSTOOL_CODE.search(entry.comment):
        kinds.add("code")
    if entry.msgid in CREDITS:
        kinds.add("credits")
    if entry.comment and PROPER_NAME.search(entry.comment):
        kinds.add("name")
    if is_list(entry.msgid):
        kinds.add("list")
    return kinds


def findings(
    entry: polib.POEntry, ctx: Context, only: frozenset[str] | None = None
) -> list[tuple[str, str]]:
    """(check id, message) for every problem of one translated entry (of the checks ``only``
    names, where given), silencing ignored; from ``ctx.memo`` where an earlier run judged
    the same entry in the same context."""
    if ctx.memo is None:
        return _findings(entry, ctx, only)
    checks = ":" + ",".join(sorted(only)) if only is not None else ""
    key = "entry:" + _entry_key(entry, ctx) + checks
    known = ctx.memo.get(key)
    if known is not None:
        return [(name, message) for name, message in known]
    found = _findings(entry, ctx, only)
    ctx.memo.put(key, found)
    return found


def _entry_key(entry: polib.POEntry, ctx: Context) -> str:
    """Every field of an entry a check may read, and the context: the memo's key."""
    forms = sorted((str(k), v) for k, v in (entry.msgstr_plural or {}).items())
    fields = [
        ctx.memo_key,
        entry.msgctxt,
        entry.msgid,
        entry.msgid_plural,
        entry.msgstr,
        forms,
        sorted(entry.flags),
        entry.comment,
        entry.tcomment,
        [list(o) for o in entry.occurrences],
        entry.previous_msgid,
        quoted_labels(entry.msgid + "\n" + (entry.msgid_plural or ""), ctx),
    ]
    data = json.dumps(fields, ensure_ascii=False, default=str).encode("utf-8")
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _findings(
    entry: polib.POEntry, ctx: Context, only: frozenset[str] | None
) -> list[tuple[str, str]]:
    found = []
    kinds = entry_kinds(entry)
    pairs = text_pairs(entry, ctx)
    for check in CHECKS:
        if check.spared & kinds or (only is not None and check.id not in only):
            continue
        if check.applies == "entry":
            found += [(check.id, message) for message in check.run(entry, ctx)]
        else:
            for source, target in pairs:
                found += [(check.id, message) for message in check.run(source, target, ctx)]
    seen: set[tuple[str, str]] = set()
    return [f for f in found if not (f in seen or seen.add(f))]


def context_for(
    po: polib.POFile, lang: str, glossary: Iterable[Term] = (), memo: object = None
) -> Context:
    from pipeline.catalog import plural_count

    nplurals = plural_count(po.metadata.get("Plural-Forms", ""))
    colon, labels = _siblings(po, lang)
    return Context(lang, tuple(glossary), nplurals, memo=memo, label_colon=colon, labels=labels)


# A catalog whose labels ("Size:") end with one colon this often, of this many at least, has
# a style: a label that ends with the other colon stands out among its siblings.
LABEL_STYLE_SHARE = 2 / 3
LABEL_STYLE_MIN = 5
# A label of the catalog that a text may quote: a few words, no directive or markup.
_LABEL = re.compile(r"[_&~]?[^\W\d_][\w&~ '’.-]{0,38}[:：]?(?:…|\.\.\.)?")


def _siblings(po: polib.POFile, lang: str) -> tuple[str | None, dict[str, str]]:
    """What a Chinese, Japanese or Korean catalog's translated entries show as a whole: the
    colon most of its labels end with (Chinese and Japanese), and its short labels with their
    translations (the mnemonic, accelerator and final colon or ellipsis left out)."""
    script = numbers.primary(lang)
    if script not in ("zh", "ja", "ko"):
        return None, {}
    own = {"ko": HANGUL, "zh": HAN, "ja": KANA}[script]
    colons = {"：": 0, ":": 0}
    labels: dict[str, str] = {}
    for entry in po:
        if entry.obsolete or "fuzzy" in entry.flags or not entry.msgstr or entry.msgid_plural:
            continue
        source, target = entry.msgid.strip(), entry.msgstr.strip()
        if source.endswith(":") and target[-1:] in colons:
            colons[target[-1]] += 1
        if _LABEL.fullmatch(source) and len(source.split()) <= 4:
            key, value = label_text(source), label_text(target)
            if key and own.search(value) and key not in labels:
                labels[key] = value
    colon = None
    total = sum(colons.values())
    if script != "ko" and total >= LABEL_STYLE_MIN:
        colon = max(colons, key=lambda c: colons[c])
        colon = colon if colons[colon] >= LABEL_STYLE_SHARE * total else None
    return colon, labels


def label_text(text: str) -> str:
    """A label as a text quotes it: without its mnemonic ("(_H)"), accelerator mark, final
    colon or ellipsis ("_Help", "帮助(_H)", "Si_ze:" → "Help", "帮助", "Size")."""
    text = MNEMONIC.sub("", text.strip())
    mark = keeps.accelerator(text)
    if mark:
        text = text.replace(mark, "", 1)
    return re.sub(r"(?:[:：]|…|\.\.\.)$", "", text).strip()


# A label a text quotes: "Help", “Help”, 'Help', &quot;Help&quot;.
QUOTED = re.compile(r"&quot;([^&<>\n]{1,40})&quot;|[\"“'‘]([^\"“”'‘’<>\n]{1,40})[\"”'’]")


def quoted_labels(source: str, ctx: Context) -> list[tuple[str, str]]:
    """The catalog's labels (and their translations) that ``source`` quotes."""
    if not ctx.labels or not QUOTE_MARK.search(source):
        return []
    found = (m.group(1) or m.group(2) for m in QUOTED.finditer(source))
    return [(q, ctx.labels[q]) for q in dict.fromkeys(found) if q in ctx.labels]


QUOTE_MARK = re.compile("[\"“'‘]|&quot;")


def check_placeholders_entry(entry: polib.POEntry, ctx: Context) -> list[str]:
    """Format directives where the entry is flagged, then MT sentinels, URLs and e-mails of
    each text pair."""
    found = check_formats(entry, ctx)
    for source, target in text_pairs(entry, ctx):
        found += check_placeholders(source, target, ctx)
    return found


_PROSE = frozenset({"credits", "name", "list", "code"})

# Every check, once, in the order problems are reported.
CHECKS: tuple[Check, ...] = (
    Check(
        "numbers",
        "error",
        "every number of the source is in the translation (locale-aware)",
        check_numbers,
    ),
    Check(
        "placeholders",
        "error",
        "no MT sentinels left; format directives match where flagged; URLs and e-mails kept",
        check_placeholders_entry,
        "entry",
    ),
    Check(
        "plurals",
        "error",
        "no empty plural form; as many forms as Plural-Forms says",
        check_plurals,
        "entry",
    ),
    Check(
        "markup",
        "error",
        "the inline tags of the source (<1>…</1>, <2/>) each once, paired and nested",
        check_markup,
    ),
    Check(
        "html",
        "error",
        "no HTML tag or script URL (javascript:) that the source does not have",
        check_html,
        spared=frozenset({"credits"}),
    ),
    Check(
        "invisible",
        "error",
        "no bidirectional override (U+202E), nor embedding or isolate in a left-to-right language,"
        " that the source does not have",
        check_invisible,
    ),
    Check(
        "tokenizer-debris",
        "error",
        "no tokenizer debris (▁, ⁇, <unk>, <0xE2>, @@ joiners, >>cmn_Hans<<) the source lacks",
        check_tokenizer_debris,
    ),
    Check(
        "directive-space",
        "error",
        "in a c-format text, the space between a directive and the text's end kept (' %s', '%s ')",
        keeps.check_directive_space,
        "entry",
    ),
    Check(
        "glossary",
        "warning",
        "a glossary term is rendered by its approved translation",
        check_glossary,
    ),
    Check(
        "punctuation",
        "warning",
        "terminal punctuation of the target script, paired quotes, no stray spaces",
        check_punctuation,
        spared=frozenset({"credits", "code"}),
    ),
    Check(
        "untranslated-text",
        "warning",
        "not a copy of the source, in the target script, no long English runs",
        check_untranslated_text,
        spared=_PROSE,
    ),
    Check(
        "english-words",
        "warning",
        "no everyday English word of the source left beside Korean, Chinese or Japanese words",
        check_english_words,
        spared=_PROSE,
    ),
    Check(
        "repetition",
        "warning",
        "no word or phrase repeated as the source does not",
        check_repetition,
        spared=frozenset({"credits", "list", "code"}),
    ),
    Check(
        "length",
        "warning",
        "length within the usual ratio for the language pair",
        check_length,
        spared=_PROSE,
    ),
    Check(
        "number-words",
        "warning",
        "a number of the source found only as a numeral inside a word (二 in 二进制 for 2)",
        check_number_words,
    ),
    Check(
        "format-added",
        "warning",
        "a format directive (%s, %d) added where the source has none and no format flag",
        check_format_added,
        "entry",
    ),
    Check(
        "options",
        "warning",
        "command-line options, their coded arguments (-t dI), literal value lists"
        " ({ascii,ebcdic}) and file names kept verbatim",
        check_options,
        spared=frozenset({"credits"}),
    ),
    Check(
        "whitespace",
        "warning",
        "whitespace at the ends of the source kept; line breaks there neither lost nor added",
        keeps.check_whitespace,
        spared=frozenset({"credits"}),
    ),
    Check(
        "accelerator",
        "warning",
        "a label's accelerator (_Save, &Save, ~Save) kept",
        keeps.check_accelerator,
        spared=frozenset({"credits"}),
    ),
    Check(
        "tags",
        "warning",
        "no element the source's markup does not use (<guibutton> where it says <gui>)",
        keeps.check_tags,
        spared=frozenset({"credits"}),
    ),
    Check(
        "gui-labels",
        "warning",
        "interface labels inside <gui> translated, not left in English",
        keeps.check_gui_labels,
        spared=frozenset({"credits", "name", "code"}),
    ),
    Check(
        "ranges",
        "warning",
        "each number range of the source (01..12) in the translation with both its ends",
        keeps.check_ranges,
    ),
)
CHECK_IDS = tuple(c.id for c in CHECKS)
CHECK_BY_ID = {c.id: c for c in CHECKS}


def spared_table() -> str:
    """The Markdown table of which checks each kind of entry is spared, as the docs show it."""
    rows = ["| entry | not judged for |", "|---|---|"]
    for kind, what in ENTRY_KINDS.items():
        names = ", ".join(f"`{c.id}`" for c in CHECKS if kind in c.spared)
        rows.append(f"| {what} | {names} |")
    return "\n".join(rows) + "\n"
