"""Coverage statistics and the quality check of catalogs: counts, problems, reports.

Counting follows ``msgfmt --statistics``: an active entry (not the header, not obsolete) is
``untranslated`` when its msgstr (a plural entry's first form) is empty, ``fuzzy`` when it has
the flag, ``translated`` otherwise; fuzzy entries are split into unreviewed machine drafts and
``needs_work`` (``pipeline.state``). The checks themselves are in ``pipeline.checks``.
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, astuple, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import polib

from pipeline.checks import (
    CJK_CHAR,
    WORD,
    Context,
    context_for,
    findings,
    severities,
    silenced,
)
from pipeline.config import Config, Language, settings_digest
from pipeline.errors import L10nError
from pipeline.glossary import load_glossary
from pipeline.languages import same_language
from pipeline import files, parallel
from pipeline.ledger import StateHandle, text_digest
from pipeline.state import active_entries, state

if TYPE_CHECKING:
    from pipeline.project import Catalog, Project


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
class FileResult:
    """One catalog's counts and problems. A result known from an earlier run holds how many
    errors and warnings it found (``tally``) and how to read its problems (``reader``), read
    only when asked for: a report lists every error but only the first warnings."""

    path: str
    lang: str
    counts: Counts
    found: list[Problem] = field(default_factory=list)
    silenced: int = 0
    missing: bool = False  # no PO file yet: the template's entries count as untranslated
    tally: tuple[int, int] | None = None  # (errors, warnings) while ``found`` is not read
    reader: Callable[[], list[Problem]] | None = field(default=None, repr=False, compare=False)

    @property
    def problems(self) -> list[Problem]:
        if self.reader is not None:
            self.found, self.reader, self.tally = self.reader(), None, None
        return self.found

    @property
    def errors(self) -> int:
        if self.tally is not None:
            return self.tally[0]
        return sum(1 for p in self.found if p.severity == "error")

    @property
    def warnings(self) -> int:
        if self.tally is not None:
            return self.tally[1]
        return len(self.found) - self.errors


@dataclass
class Target:
    """A catalog to check: its language, its path as reported, its template where known."""

    lang: str
    path: str
    po: polib.POFile | None  # None when ``result`` is known already
    template: polib.POFile | None = None
    missing: bool = False
    result: FileResult | None = None  # set by ``check`` (or known from the ledger)


@dataclass
class LanguageResult:
    lang: str
    min_coverage: float
    files: list[FileResult] = field(default_factory=list)

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
        return sum(report.errors for report in self.files)

    @property
    def warnings(self) -> int:
        return sum(report.warnings for report in self.files)

    @property
    def silenced(self) -> int:
        return sum(report.silenced for report in self.files)

    @property
    def ok(self) -> bool:
        return self.counts.meets(self.min_coverage) and not self.errors


@dataclass
class CheckResult:
    languages: dict[str, LanguageResult]
    quality: bool = True  # whether the quality checks ran (not ``--coverage-only``)
    # folders of catalogs (``locales/fr/``) of languages the settings do not name: not checked
    unchecked: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(report.ok for report in self.languages.values())


def unconfigured_catalogs(config: Config) -> list[str]:
    """The folders of ``locales/`` that hold a language's catalogs (``fr/LC_MESSAGES/``, a
    language CLDR knows) of a language the settings do not name, as paths relative to the
    project: a language a translator started and nobody configured, or one taken out of the
    settings. ``check`` names them, as it does not check them."""
    if not config.locales_dir.is_dir():
        return []
    known = {lang.code for lang in config.languages}
    return sorted(
        f"{config.relative(entry)}/"
        for entry in config.locales_dir.iterdir()
        if entry.name not in known
        and (entry / "LC_MESSAGES").is_dir()
        and _known_language(entry.name)
    )


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


def check_catalog(
    po: polib.POFile,
    path: str,
    ctx: Context,
    levels: dict[str, str] | None = None,
    drafts: bool = False,
    quality: bool = True,
    template: polib.POFile | None = None,
) -> FileResult:
    """Counts (against ``template`` where given) and problems of one catalog. Translated
    entries are checked, fuzzy ones too with ``drafts``; a silenced or ``off`` check reports
    nothing; without ``quality``, only counts."""
    levels = levels or severities()
    report = FileResult(path, ctx.lang, count(po, template))
    if not quality:
        return report
    checked = ("translated", "machine", "needs_work") if drafts else ("translated",)
    for entry in active_entries(po):
        if state(entry) in checked:
            problems, quiet = entry_problems(entry, ctx, path, levels)
            report.found += problems
            report.silenced += quiet
    return report


def entry_problems(
    entry: polib.POEntry,
    ctx: Context,
    path: str,
    levels: dict[str, str],
    only: frozenset[str] | None = None,
) -> tuple[list[Problem], int]:
    """The problems of one entry at their severities (of the checks ``only`` names, where
    given), and how many its comment silenced."""
    if state(entry) in ("untranslated", "obsolete"):
        return [], 0
    quiet = silenced(entry)
    problems, hushed = [], 0
    line = int(getattr(entry, "linenum", None) or 0)
    for name, message in findings(entry, ctx, only):
        if levels[name] == "off":
            continue
        if name in quiet:
            hushed += 1
            continue
        problems.append(Problem(name, levels[name], path, line, entry.msgid, message))
    return problems, hushed


# ---- files and projects (the I/O edge) ----------------------------------------------------


def _messages_folder(path: Path) -> Path | None:
    """The nearest ``LC_MESSAGES`` folder a catalog is in (``<lang>/LC_MESSAGES/2026/12/x.po``:
    a document name with folders), if any."""
    return next((p for p in path.parents if p.name == "LC_MESSAGES"), None)


def language_of(po: polib.POFile, path: Path) -> str:
    """A catalog's language: its ``Language`` header, else its place in the gettext layout
    (``<lang>/LC_MESSAGES/x.po``, ``<lang>/LC_MESSAGES/2026/x.po``, ``<lang>/x.po``,
    ``<lang>.po``), else ``und``."""
    header = (po.metadata.get("Language") or "").strip()
    if header:
        return header
    looks = re.compile(r"^[a-z]{2,3}(?:[_\-][A-Za-z0-9]+)*(?:@\w+)?$")
    parent = path.resolve().parent
    messages = _messages_folder(path.resolve())
    for guess in (
        messages.parent.name if messages is not None else "",
        parent.name,
        path.stem,
    ):
        if guess and looks.match(guess) and _known_language(guess):
            return guess
    return "und"


def _known_language(code: str) -> bool:
    """Is ``code`` a language CLDR knows (``ko``, ``pt_BR``), not a folder's name that only
    looks like one (``bad``, ``tmp``)?"""
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(code.split("@")[0].replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return False
    return True


def template_for(path: Path) -> Path | None:
    """The template a PO file given by name belongs to, where the layout tells: ``<doc>.pot``
    above ``<lang>/LC_MESSAGES/<doc>.po`` (``<doc>`` may have folders: ``2026/12/slug``) or
    beside ``<doc>.po``, else the one ``*.pot`` in the file's folder (``po/ko.po`` beside
    ``po/<domain>.pot``)."""
    folder = path.parent
    candidates = [folder / f"{path.stem}.pot"]
    messages = _messages_folder(path)
    if messages is not None:
        name = path.relative_to(messages).with_suffix(".pot")
        candidates.insert(0, messages.parent.parent / name)
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
    targets, seen = [], []
    for name in files:
        path = Path(name)
        if path.suffix.lower() == ".pot":
            raise L10nError("a template, not a catalog: check its languages' .po files", path)
        po = catalog.load(path)
        lang = language_of(po, path)
        seen.append(f"{config.relative(path)} is {lang}")
        if langs and not any(same_language(wanted, lang) for wanted in langs):
            continue
        pot = template_for(path)
        template = catalog.load(pot) if pot is not None and pot != path else None
        targets.append(Target(lang, config.relative(path), po, template))
    for wanted in langs:
        if not any(same_language(wanted, target.lang) for target in targets):
            raise L10nError(f"--lang {wanted} matched no catalog ({'; '.join(seen)})")
    return targets


def select_languages(config: Config, langs: Iterable[str]) -> list[Language]:
    """The configured languages that ``langs`` name, as CLDR matches locales (``--lang zh_CN``
    selects a project's ``zh_Hans``); all of them where ``langs`` is empty. A code that names
    none is a user error."""
    langs = list(langs)
    if not langs:
        return list(config.languages)
    chosen: list[Language] = []
    for code in langs:
        found = [lang for lang in config.languages if same_language(code, lang.code)]
        exact = [lang for lang in found if lang.code == code]
        if not found:
            known = ", ".join(lang.code for lang in config.languages) or "none"
            raise L10nError(f"unknown language {code!r} (configured: {known})")
        chosen += [lang for lang in exact or found if lang not in chosen]
    return chosen


def project_targets(project: Project, languages: Iterable[Language]) -> list[Target]:
    """Every document's catalog in each language, as the project loads them."""
    return [
        Target(
            c.language,
            project.config.relative(c.path),
            c.po,
            project.template(c.document),
            c.missing,
        )
        for lang in languages
        for c in project.catalogs(lang)
    ]


def check(
    config: Config,
    targets: list[Target],
    min_coverage: float | None = None,
    drafts: bool = False,
    quality: bool = True,
    progress: Callable[[int, int], None] | None = None,
    memo: object = None,
) -> CheckResult:
    """Count and check catalogs (only count them without ``quality``); findings already
    made for an entry come from ``memo`` (``Project.memo``) where given. Fuzzy entries are
    checked too with ``drafts``, or when the project publishes drafts. ``progress(done,
    total)`` is told after each catalog."""
    glossary = load_glossary(config.glossary)
    levels = severities(config)
    drafts = drafts or config.publish_drafts
    if not targets:
        raise L10nError("nothing to check: no catalog in the project or among the files given")
    languages: dict[str, LanguageResult] = {}
    for done, target in enumerate(targets, 1):
        threshold = min_coverage if min_coverage is not None else threshold_for(config, target.lang)
        report = languages.setdefault(target.lang, LanguageResult(target.lang, threshold))
        if target.result is None:
            ctx = context_for(target.po, target.lang, glossary, memo)
            target.result = check_catalog(
                target.po, target.path, ctx, levels, drafts, quality, target.template
            )
            target.result.missing = target.missing
        report.files.append(target.result)
        if progress is not None:
            progress(done, len(targets))
    return CheckResult(languages, quality)


def threshold_for(config: Config, lang: str) -> float:
    """The coverage a catalog in ``lang`` must reach: its configured language's (the one
    written alike, else one CLDR reads as the same: ``zh_CN`` for ``zh_Hans``), else the
    project's."""
    configured = {item.code: item.min_coverage for item in config.languages}
    if lang in configured:
        return configured[lang]
    same = [value for code, value in configured.items() if same_language(code, lang)]
    return same[0] if same else config.min_coverage


def run_check(
    project: Project,
    languages: list[Language],
    min_coverage: float | None = None,
    drafts: bool = False,
    quality: bool = True,
    progress: Callable[[int, int], None] | None = None,
    jobs: int = 1,
) -> CheckResult:
    """``l10n check`` on the project's catalogs: a catalog whose bytes, template, glossary
    and check settings are what an earlier run saw is not read again; its counts and problems
    come from the ledger (``pipeline.ledger``). The others are read and checked one at a time,
    in up to ``jobs`` processes (``pipeline.parallel``), and only their results are kept.
    ``progress(done, total)`` is told as catalogs are looked at, then as they are checked."""
    config = project.config
    # Counts and problems are facts of the bytes (catalog, template, glossary, settings):
    # the memo's, which update and translate tell counts to too (``remember_counts``), and
    # which a long run writes as it goes. The check's own fact of a catalog is small (its
    # counts and how many errors and warnings): a warm run reads it for every catalog, and
    # the problems only of the catalogs its report lists.
    step = project.step("check", FileResult, load=_file_report, dump=_file_fact)
    ledger = step.ledger
    memo = project.memo()
    drafts = drafts or config.publish_drafts
    shaping = settings_digest(config, "check")
    what = text_digest(repr((shaping, drafts)))
    glossary = ledger.digest(config.glossary) if quality else ""
    how = _Checking(
        project.config,
        tuple(load_glossary(config.glossary)) if quality else (),
        severities(config),
        drafts,
        quality,
        StateHandle(project.state()) if quality else None,
    )

    def learn(key: str, inputs: dict, result: FileResult, item: _Stale) -> None:
        """Record a result, and leave it holding only how to read its problems again."""
        memo.put(counts_key(inputs["template"], inputs["catalog"]), asdict(result.counts))
        if not quality:
            return
        before = ledger.load(key)  # the catalog as last checked: its problems are stale now
        if before is not None and isinstance(before.get("inputs"), dict):
            with contextlib.suppress(KeyError):
                if before["inputs"] != inputs:
                    memo.drop(findings_key(before["inputs"]))
        step.learn(key, inputs, result)
        memo.put(findings_key(inputs), [astuple(p) for p in result.found])
        result.tally = (result.errors, result.warnings)
        result.found, result.reader = [], functools.partial(read, key, inputs, item)

    def read(key: str, inputs: dict, item: _Stale) -> list[Problem]:
        """A catalog's problems: from the memo, else found again (a lost or foreign row
        costs work, never a wrong report)."""
        rows = memo.get(findings_key(inputs))
        with contextlib.suppress(TypeError, ValueError):
            if isinstance(rows, list):
                return [Problem(*row) for row in rows]
        result, new = _check_stale(how, item)
        memo.new.update(new)
        problems = result.found
        learn(key, inputs, result, item)
        return problems

    targets: list[Target] = []
    stale: list[tuple[str, dict, Target, _Stale]] = []
    documents = project.documents()
    total = 2 * len(languages) * len(documents)
    for lang in languages:
        for doc in documents:
            if progress is not None:
                progress(len(targets), total)
            path = config.po_path(lang.code, doc)
            template = ledger.digest(config.pot_key(doc))
            if template == files.ABSENT:
                path = project.template_path(doc)
                raise L10nError("template not found: run `l10n extract` first", path)
            inputs = {
                "catalog": ledger.digest(config.po_key(lang.code, doc)),
                "template": template,
                "glossary": glossary,
                "what": what,
            }
            key, item = f"{path} {what}", _Stale(lang.code, doc)
            known = step.known(key, inputs) if quality else None
            if known is not None:
                known.reader = functools.partial(read, key, inputs, item)
            if not quality:
                counted = memo.get(counts_key(inputs["template"], inputs["catalog"]))
                if isinstance(counted, dict):
                    missing = inputs["catalog"] == files.ABSENT
                    known = FileResult(config.relative(path), lang.code, Counts(**counted))
                    known.missing = missing
            if known is not None:
                targets.append(Target(lang.code, known.path, None, None, known.missing, known))
                continue
            target = Target(lang.code, config.relative(path), None)
            targets.append(target)
            stale.append((key, inputs, target, item))
    work = functools.partial(_check_stale, how)
    results = parallel.ordered(work, [item for *_, item in stale], jobs)
    for done, ((key, inputs, target, item), (result, new)) in enumerate(zip(stale, results), 1):
        target.result = result
        memo.new.update(new)
        learn(key, inputs, result, item)
        memo.spill()
        if progress is not None:
            progress(total // 2 + done, total // 2 + len(stale))
    return check(config, targets, min_coverage, drafts, quality, None, memo if quality else None)


@dataclass(frozen=True)
class _Stale:
    """A catalog ``run_check`` has to read and check: by language and document."""

    lang: str
    document: str


@dataclass(frozen=True)
class _Checking:
    """What checking one catalog needs, the same in every worker process."""

    config: Config
    glossary: tuple
    levels: dict[str, str]
    drafts: bool
    quality: bool
    state: StateHandle | None  # for the findings memo; None: counts only


def _check_stale(how: _Checking, item: _Stale) -> tuple[FileResult, dict[str, str]]:
    """One catalog read, counted and checked (as ``Project`` reads it: a missing one as
    ``update`` would create it): its result, and the findings the memo learnt meanwhile."""
    from pipeline.project import Project

    project = Project(how.config)
    loaded = project.catalog(item.lang, item.document)
    memo = how.state.open().memo if how.state is not None else None
    ctx = context_for(loaded.po, item.lang, how.glossary, memo)
    path = how.config.relative(loaded.path)
    template = project.template(item.document)
    result = check_catalog(loaded.po, path, ctx, how.levels, how.drafts, how.quality, template)
    result.missing = loaded.missing
    return result, memo.take_new() if memo is not None else {}


def remember_counts(project: Project, catalogs: list[Catalog]) -> None:
    """Tell the memo the counts of catalogs another command has just read or written, as a
    coverage-only check would count them: ``l10n check --coverage-only`` after ``make`` then
    reads no catalog at all. Counts are a fact of the catalog's and the template's bytes
    (``counts_key``), so no command writes another's ledger."""
    from pipeline.project import merged_entries

    memo = project.memo()
    for item in catalogs:
        # only a catalog that holds what its file holds (not one changed and not saved)
        known = item.po is not None or item.counts is not None
        if not known or not item.language or item.missing or item.changed:
            continue
        template = project.state().digest(project.template_path(item.document))
        counts = item.counts
        if counts is None and merged_entries(memo, template, item.base) is not None:
            # merged with its template (its messages are the template's): counted alone,
            # as against the template, which is not read (an archive's are many)
            counts = count(item.po)
        elif counts is None:
            counts = count(item.po, project.template(item.document))
        memo.put(counts_key(template, item.base), asdict(counts))


def findings_key(inputs: dict) -> str:
    """The memo's key for the problems a check finds in a catalog: a fact of its bytes, its
    template's and glossary's, and the check's settings."""
    parts = (inputs["catalog"], inputs["template"], inputs["glossary"], inputs["what"])
    return "findings:" + ":".join(parts)


def counts_key(template: str, catalog: str) -> str:
    """The memo's key for the counts of a catalog of these bytes against this template."""
    return f"counts:{template}:{catalog}"


def _file_fact(result: FileResult) -> dict:
    """A check's fact of a catalog: all but its problems (the memo's, ``findings_key``)."""
    return {
        "path": result.path,
        "lang": result.lang,
        "counts": asdict(result.counts),
        "silenced": result.silenced,
        "missing": result.missing,
        "tally": [result.errors, result.warnings],
    }


def _file_report(fact: dict) -> FileResult:
    errors, warnings = fact["tally"]
    return FileResult(
        fact["path"],
        fact["lang"],
        Counts(**fact["counts"]),
        [],
        fact["silenced"],
        fact["missing"],
        (int(errors), int(warnings)),
    )
