"""``l10n translate``: fill PO files with machine drafts, never touching a person's work.

Per language: read every PO file, remember the sentences people translated, collect the
entries to draft (untranslated ones; with ``refresh`` also unreviewed machine drafts), then
draft each from, in this order, a person's translation of the same sentence in another file,
the translation memory, or the model, which is loaded once and decodes every remaining
sentence of every document in length-sorted batches. Drafts are ``fuzzy`` with an ``MT:``
provenance comment (see :mod:`pipeline.state`); translated and needs-work entries are never
changed. Heavy libraries are imported only when something has to be decoded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import polib

from pipeline import catalog, mt, pofile, project
from pipeline.config import Config, Language
from pipeline.errors import L10nError
from pipeline.glossary import load_glossary
from pipeline.memory import Memory, default_dir
from pipeline.state import mt_comment, provenance, set_provenance, state

Progress = Callable[[str, int, int], None]  # (language, segments done, segments to decode)
MEMORY_ENGINE = "memory"


@dataclass
class Failure:
    path: str
    msgid: str
    reason: str


@dataclass
class Report:
    """What ``translate`` did (or, in a dry run, would do) for one language."""

    lang: str
    model_pair: str = ""  # en → ko, in the model's language codes
    package: str | None = None
    instructions: list[str] = field(default_factory=list)  # set when no model is installed
    pending: int = 0
    decoded: int = 0
    remembered: int = 0
    from_people: int = 0
    skipped: int = 0
    failed: list[Failure] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    conflicts: list[Path] = field(default_factory=list)  # changed by someone while we ran
    interrupted: bool = False

    @property
    def drafted(self) -> int:
        return self.decoded + self.remembered + self.from_people


@dataclass
class _Pending:
    path: Path
    entry: polib.POEntry
    masked: mt.Masked | None = None


def _key(entry: polib.POEntry) -> str:
    return f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid


def _wanted(entry: polib.POEntry, refresh: bool) -> bool:
    if entry.obsolete or not entry.msgid or entry.msgid_plural:
        return False
    current = state(entry)
    return current == "untranslated" or (refresh and current == "machine")


def _set_draft(entry: polib.POEntry, text: str, comment: str) -> None:
    entry.msgstr = text
    if "fuzzy" not in entry.flags:
        entry.flags.insert(0, "fuzzy")
    set_provenance(entry, comment)


def _catalogs(config: Config, lang: Language) -> list[tuple[Path, polib.POFile]]:
    found = []
    for pot in project.templates(config):
        path = config.po_path(lang.code, pot.stem)
        if not path.exists():
            raise L10nError("PO file not found: run `l10n update` first", path)
        found.append((path, catalog.load(path)))
    return found


def _save(docs: list[tuple[Path, polib.POFile]], report: Report):
    """Write the catalogs that changed, except one a person saved since it was read (an editor
    open on it): that one is left as it is and reported; its drafts wait in the memory."""
    for path, po in docs:
        try:
            if catalog.save(po, path, base=po.digest):
                report.written.append(path)
        except pofile.ChangedMeanwhile:
            report.conflicts.append(path)


def translate(
    config: Config,
    languages: list[Language],
    settings: mt.Settings | None = None,
    refresh: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
    store: Path | None = None,
) -> list[Report]:
    """Draft the pending entries of each language's PO files; one report per language.

    All input (PO files, glossary, package store) is read before anything is written. On
    Ctrl-C the language being decoded keeps every finished batch (memory and PO files are
    written) and KeyboardInterrupt is raised again with ``reports`` attached.
    """
    settings = settings or mt.Settings()
    catalogs = {lang.code: _catalogs(config, lang) for lang in languages}
    terms = load_glossary(config.glossary)
    packages, _ = mt.installed(store)
    reports: list[Report] = []
    with Memory(default_dir(config), readonly=dry_run) as memory:
        for lang in languages:
            approved = [(t.en, t.approved(lang.code)) for t in terms if t.approved(lang.code)]
            package = mt.find_package(config.source_language, lang.argos, packages)
            pair = f"{config.source_language} → {lang.argos}"
            report = Report(lang.code, pair, package.label() if package else None)
            reports.append(report)
            try:
                _translate_language(
                    config,
                    lang,
                    catalogs[lang.code],
                    package,
                    approved,
                    memory,
                    settings,
                    refresh,
                    dry_run,
                    progress,
                    report,
                )
            except KeyboardInterrupt as exc:
                exc.reports = reports  # type: ignore[attr-defined]
                raise
    return reports


def _translate_language(
    config: Config,
    lang: Language,
    docs: list[tuple[Path, polib.POFile]],
    package: mt.Package | None,
    terms: list[tuple[str, str]],
    memory: Memory,
    settings: mt.Settings,
    refresh: bool,
    dry_run: bool,
    progress: Progress | None,
    report: Report,
) -> None:
    origins = {path: config.relative(path) for path, _ in docs}
    memory.record_people(
        lang.code,
        [
            (_key(e), e.msgstr, origins[path])
            for path, po in docs
            for e in po
            if e.msgid and not e.msgid_plural and state(e) == "translated"
        ],
    )
    pending = [_Pending(path, e) for path, po in docs for e in po if _wanted(e, refresh)]
    report.pending = len(pending)

    machine: list[_Pending] = []
    for item in pending:
        match = memory.person_match(lang.code, _key(item.entry), origins[item.path])
        if match is None:
            machine.append(item)
            continue
        report.from_people += 1
        origin = match.origin.replace(" ", "%20")
        _set_draft(
            item.entry, match.target, mt_comment(MEMORY_ENGINE, origin, "person", match.target)
        )

    if package is None:
        report.skipped = len(machine)
        report.instructions = mt.install_instructions(config.source_language, lang.argos)
    else:
        mask = mt.masker(terms)
        for item in machine:
            item.masked = mask(item.entry.msgid)
        drafts: dict[str, mt.Draft] = {
            source: mt.Draft(s.target, s.score, s.problem)
            for source, s in memory.drafts(
                package.code, settings.memory_key(package.version), [i.masked.text for i in machine]
            ).items()
        }
        remembered = set(drafts)
        todo = list(dict.fromkeys(i.masked.text for i in machine if i.masked.text not in drafts))
        if todo and not dry_run:
            _decode(package, settings, todo, drafts, memory, lang.code, progress, report)
        for item in machine:
            draft = drafts.get(item.masked.text)
            if draft is None:
                if dry_run:
                    report.decoded += 1
                else:
                    report.skipped += 1  # interrupted before its batch
                continue
            _apply(item, draft, package, report, item.masked.text in remembered)

    if not dry_run:
        _save(docs, report)
    if report.interrupted:
        raise KeyboardInterrupt


def _decode(package, settings, todo, drafts, memory, lang, progress, report) -> None:
    """Decode ``todo`` into ``drafts``, saving each batch to the memory as it finishes."""
    translator = mt.Translator(package, settings)
    done = 0
    if progress:
        progress(lang, 0, len(todo))

    def on_batch(indices: list[int], results: list[mt.Draft]) -> None:
        nonlocal done
        batch = [(todo[i], d.text, d.score, d.problem) for i, d in zip(indices, results)]
        memory.store_drafts(package.code, settings.memory_key(package.version), batch)
        drafts.update({todo[i]: d for i, d in zip(indices, results)})
        done += len(indices)
        if progress:
            progress(lang, done, len(todo))

    try:
        translator.translate(todo, on_batch)
    except KeyboardInterrupt:
        report.interrupted = True


def _apply(
    item: _Pending, draft: mt.Draft, package: mt.Package, report: Report, remembered: bool
) -> None:
    path, entry = str(item.path), item.entry
    if draft.problem:
        report.failed.append(Failure(path, entry.msgid, draft.problem))
        return
    try:
        text = mt.unmask(draft.text, item.masked)
    except ValueError as exc:
        report.failed.append(Failure(path, entry.msgid, str(exc)))
        return
    if not text.strip():
        report.failed.append(Failure(path, entry.msgid, "empty draft"))
        return
    if remembered:
        report.remembered += 1
    else:
        report.decoded += 1
    comment = mt_comment(mt.ENGINE, package.code, package.version, text, draft.score)
    before = provenance(entry)
    if (
        entry.msgstr == text
        and state(entry) == "machine"
        and before is not None
        and (before.engine, before.package, before.version)
        == (mt.ENGINE, package.code, package.version)
    ):
        return  # the same draft from the same model: leave the entry (and the file) alone
    _set_draft(entry, text, comment)


def summary(report: Report, dry_run: bool = False) -> list[str]:
    """Lines for the end-of-run summary of one language."""
    head = f"{report.lang} ({report.package or 'no model'}): "
    if not report.pending:
        head += "nothing to draft"
    elif dry_run:
        head += (
            f"{report.pending} to draft: {report.from_people} from people's translations, "
            f"{report.remembered} from memory, {report.decoded} to decode"
            + (f", {report.skipped} without a model" if report.skipped else "")
        )
    else:
        head += (
            f"{report.drafted} drafted ({report.decoded} decoded, {report.remembered} from "
            f"memory, {report.from_people} from people's translations), "
            f"{report.skipped} skipped, {len(report.failed)} failed"
        )
    lines = [head]
    if report.instructions:
        lines.append(f"  no {report.model_pair} model installed; to install one:")
        lines += [f"    {line}" for line in report.instructions]
    for path in report.conflicts:
        lines.append(f"  not written: {path} changed while translating; run again")
    for failure in report.failed:
        lines.append(f"  failed: {failure.path}: {failure.msgid[:60]!r}: {failure.reason}")
    return lines
