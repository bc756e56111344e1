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

import contextlib
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import polib

from pipeline import files, masking, mt, packages, patterns
from pipeline.config import Config, Language, without_suffix
from pipeline.errors import L10nError
from pipeline.glossary import load_glossary
from pipeline.ledger import Groups, Step
from pipeline.memory import Memory, project_memory
from pipeline.project import Catalog, Project, Saved
from pipeline.state import mt_comment, provenance, set_provenance, state

Progress = Callable[[str, int, int], None]  # (language, segments done, segments to decode)
MEMORY_ENGINE = "memory"


@dataclass
class Failure:
    path: str
    msgid: str
    reason: str


@dataclass
class Drafting:
    """What ``translate`` did (or, in a dry run, would do) for one language."""

    lang: str
    model_pair: str = ""  # en → ko, in the model's language codes
    package: str | None = None
    instructions: list[str] = field(default_factory=list)  # set when no model is installed
    pending: int = 0
    decoded: int = 0  # entries filled by the model (a sentence may fill several)
    sentences: int = 0  # distinct sentences decoded (in a dry run: to decode)
    device: str = ""  # where the model decoded: "cpu, 1×8 threads", "cuda"
    remembered: int = 0
    from_people: int = 0
    skipped: int = 0
    same: int = 0  # redrafted (``refresh``) to the text they had: left alone, not counted drafted
    failed: list[Failure] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    conflicts: list[Path] = field(default_factory=list)  # changed by someone while we ran
    unsaved: list[Path] = field(default_factory=list)  # not reached: Ctrl-C while saving
    interrupted: bool = False

    @property
    def drafted(self) -> int:
        return self.decoded + self.remembered + self.from_people

    def add(self, part: Drafting) -> None:
        """Count in what drafting another part of the same language did."""
        for name in ("pending", "decoded", "sentences", "remembered", "from_people", "skipped"):
            setattr(self, name, getattr(self, name) + getattr(part, name))
        self.same += part.same
        self.failed += part.failed
        self.instructions = self.instructions or part.instructions
        self.device = self.device or part.device
        self.interrupted = self.interrupted or part.interrupted


@dataclass
class _Pending:
    catalog: Catalog
    entry: polib.POEntry
    masked: masking.Masked | None = None


@dataclass(frozen=True)
class DraftFact:
    """What ``translate`` knows of a catalog it read, as its file now is: how many entries
    wait for a draft and which sentences (``_waiting_key``), the model it had (None: none),
    and the people's memory then (which one, and its latest change)."""

    pending: int
    waiting: list[str]
    package: str | None
    generation: str
    people_time: float

    @classmethod
    def of(cls, waits: list[str], package: str | None, people: tuple[str, float]) -> DraftFact:
        """The fact of a catalog waiting for ``waits`` (``_waits``), with this model and the
        people's memory in this state (``Memory.people_state``)."""
        return cls(len(waits), [_waiting_key(k) for k in waits], package, *people)


def _waits(po: polib.POFile) -> list[str]:
    """The sentences a catalog waits for: its entries a draft could fill."""
    return [_key(e) for e in po if _wanted(e, refresh=False)]


def _key(entry: polib.POEntry) -> str:
    return f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid


def _wanted(entry: polib.POEntry, refresh: bool) -> bool:
    if entry.obsolete or not entry.msgid or entry.msgid_plural:
        return False
    current = state(entry)
    return current == "untranslated" or (refresh and current == "machine")


def _set_draft(job: _Pending, text: str, comment: str) -> None:
    entry = job.entry
    entry.msgstr = text
    if "fuzzy" not in entry.flags:
        entry.flags.insert(0, "fuzzy")
    set_provenance(entry, comment)
    job.catalog.changed = True


class Interrupted(KeyboardInterrupt):
    """Ctrl-C while decoding: what each language got so far. Every finished batch is in the
    memory and in the catalogs (marked changed), so saving them keeps the work."""

    def __init__(self, reports: list[Drafting]):
        super().__init__()
        self.reports = reports


TranslatorFactory = Callable[[packages.Package, mt.Settings], "mt.Translator"]


@dataclass
class _Run:
    """What drafting one language needs besides its catalogs."""

    config: Config
    memory: Memory
    settings: mt.Settings
    refresh: bool
    dry_run: bool
    progress: Progress | None
    translator: TranslatorFactory


def translate(
    config: Config,
    catalogs: dict[str, list[Catalog]],
    settings: mt.Settings | None = None,
    refresh: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
    store: Path | None = None,
    translator: TranslatorFactory | None = None,
    memory: Memory | None = None,
    installed: list[packages.Package] | None = None,
) -> list[Drafting]:
    """Draft the pending entries of each language's catalogs (``{code: catalogs}``, as
    ``Project.catalogs`` loads them) in place; one report per language.

    A catalog that got a draft is marked ``changed``; saving is the caller's. The glossary
    and the package store are read before anything is decoded. ``translator`` makes the
    decoder for a package (default ``mt.Translator``); ``memory``: an open translation
    memory (default: the project's, opened here); ``installed``: the packages of the store, if
    the caller has read it already. On Ctrl-C, raises ``Interrupted`` with the reports so far.
    """
    for items in catalogs.values():
        for item in items:
            if item.missing:
                raise L10nError("PO file not found: run `l10n update` first", item.path)
    settings = settings or mt.Settings()
    terms = load_glossary(config.glossary)
    found = installed if installed is not None else packages.installed(store)[0]
    reports: list[Drafting] = []
    with contextlib.ExitStack() as stack:
        if memory is None:
            memory = stack.enter_context(project_memory(config, readonly=dry_run))
        run = _Run(
            config, memory, settings, refresh, dry_run, progress, translator or mt.Translator
        )
        for code, items in catalogs.items():
            lang = config.language(code)
            approved = [(t.en, t.approved(code)) for t in terms if t.approved(code)]
            model = packages.model_for(config.source_language, lang, found)
            report = Drafting(code, model.pair, model.package.label() if model.package else None)
            reports.append(report)
            _translate_language(run, lang, items, model, approved, report)
            if report.interrupted:
                raise Interrupted(reports)
    return reports


def _remember_people(run: _Run, lang: Language, items: list[Catalog]) -> dict[Path, str]:
    """Record the people's translations of these catalogs in the memory; their origins."""
    origins = {item.path: run.config.relative(item.path) for item in items}
    run.memory.record_people(lang.code, people(items, origins), origins.values())
    return origins


def people(items: list[Catalog], origins: dict[Path, str]) -> list[tuple[str, str, str]]:
    """(source key, translation, origin) of every entry a person translated in ``items``."""
    return [
        (_key(e), e.msgstr, origins[item.path])
        for item in items
        for e in item.po
        if e.msgid and not e.msgid_plural and state(e) == "translated"
    ]


def _translate_language(
    run: _Run,
    lang: Language,
    items: list[Catalog],
    model: packages.Model,
    terms: list[tuple[str, str]],
    report: Drafting,
) -> None:
    origins = _remember_people(run, lang, items)
    pending = [_Pending(item, e) for item in items for e in item.po if _wanted(e, run.refresh)]
    report.pending = len(pending)

    machine: list[_Pending] = []
    for job in pending:
        match = run.memory.person_match(lang.code, _key(job.entry), origins[job.catalog.path])
        if match is None:
            machine.append(job)
            continue
        report.from_people += 1
        origin = match.origin.replace(" ", "%20")
        comment = mt_comment(MEMORY_ENGINE, origin, "person", match.target)
        _set_draft(job, match.target, comment)

    if model.package is None:
        report.skipped = len(machine)
        report.instructions = model.instructions
    elif machine:
        _draft_by_machine(run, lang, machine, model.package, terms, report)


def _draft_by_machine(
    run: _Run,
    lang: Language,
    machine: list[_Pending],
    package: packages.Package,
    terms: list[tuple[str, str]],
    report: Drafting,
) -> None:
    """Drafts from the memory, else decoded: each distinct masked text once."""
    mask = masking.masker(terms)
    for job in machine:
        job.masked = mask(job.entry.msgid, masking.code_tags(job.entry.comment))
    key = run.settings.memory_key(package.version)
    stored = run.memory.drafts(package.code, key, [j.masked.text for j in machine])
    drafts = {source: mt.Draft(s.target, s.score, s.problem) for source, s in stored.items()}
    remembered = set(drafts)
    todo = list(dict.fromkeys(j.masked.text for j in machine if j.masked.text not in drafts))
    if run.dry_run:
        report.sentences = len(todo)
    elif todo:
        _decode(run, package, todo, drafts, lang.code, report)
    for job in machine:
        draft = drafts.get(job.masked.text)
        if draft is None:
            if run.dry_run:
                report.decoded += 1
            else:
                report.skipped += 1  # interrupted before its batch
            continue
        _apply(job, draft, package, report, job.masked.text in remembered)


def _decode(run: _Run, package, todo, drafts, lang, report) -> None:
    """Decode ``todo`` into ``drafts``, saving each batch to the memory as it finishes."""
    translator = run.translator(package, run.settings)
    device = getattr(translator, "device", None)
    if device:
        inter, intra = getattr(translator, "threads", (1, 1))
        report.device = f"{device}, {inter}×{intra} threads" if device == "cpu" else device
    key = run.settings.memory_key(package.version)
    done = 0
    if run.progress:
        run.progress(lang, 0, len(todo))

    def on_batch(indices: list[int], results: list[mt.Draft]) -> None:
        nonlocal done
        batch = [(todo[i], d.text, d.score, d.problem) for i, d in zip(indices, results)]
        run.memory.store_drafts(package.code, key, batch)
        drafts.update({todo[i]: d for i, d in zip(indices, results)})
        done += len(indices)
        report.sentences += len(indices)
        if run.progress:
            run.progress(lang, done, len(todo))

    try:
        translator.translate(todo, on_batch)
    except KeyboardInterrupt:
        report.interrupted = True


def _apply(
    item: _Pending, draft: mt.Draft, package: packages.Package, report: Drafting, remembered: bool
) -> None:
    path, entry = str(item.catalog.path), item.entry
    if draft.problem:
        report.failed.append(Failure(path, entry.msgid, draft.problem))
        return
    try:
        text = masking.unmask(draft.text, item.masked)
    except ValueError as exc:
        report.failed.append(Failure(path, entry.msgid, str(exc)))
        return
    if not text.strip():
        report.failed.append(Failure(path, entry.msgid, "empty draft"))
        return
    left = patterns.debris(text, entry.msgid)
    if left:  # a tokenizer the package does not match: no draft rather than a garbled one
        report.failed.append(Failure(path, entry.msgid, f"tokenizer debris: {' '.join(left)}"))
        return
    comment = mt_comment(mt.ENGINE, package.code, package.version, text, draft.score)
    before = provenance(entry)
    if (
        entry.msgstr == text
        and state(entry) == "machine"
        and before is not None
        and (before.engine, before.package, before.version)
        == (mt.ENGINE, package.code, package.version)
    ):
        report.same += 1
        return  # the same draft from the same model: leave the entry (and the file) alone
    if remembered:
        report.remembered += 1
    else:
        report.decoded += 1
    _set_draft(item, text, comment)


# ---- the command: costing what changed --------------------------------------------------

# Catalogs of one language read and drafted at once: a run over an archive holds this many
# documents' entries, not the archive's (a first run of 10,000 articles held gigabytes).
CHUNK = 400


def run_translate(
    project: Project,
    languages: list[Language],
    settings: mt.Settings | None = None,
    refresh: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
    store: Path | None = None,
    translator: TranslatorFactory | None = None,
) -> list[Drafting]:
    """``l10n translate``: draft, then save, the catalogs that may get a draft.

    A catalog whose bytes are what the last run left is not read when the ledger knows it has
    nothing to draft, or that only a model could draft it and there is still none (and no
    person has translated anything since). The others are read ``CHUNK`` at a time: each chunk
    drafted, saved and forgotten before the next is read. Where there is more than one chunk,
    every one of them is read once first for its people's translations, so that a sentence a
    person translated in any of them is offered to all, and only those a draft can then reach
    are read again (``_to_draft``). Each language's counts go to the memo
    (``qa.remember_counts``) as its catalogs are saved. On Ctrl-C what was drafted is saved
    and ``Interrupted`` raised."""
    config = project.config
    step = project.step("translate", DraftFact)
    found, _ = packages.installed(store)
    decoder = _Reused(translator or mt.Translator)
    reports: list[Drafting] = []
    # the catalogs by group (``ledger.Groups``) where every language is asked for: a
    # catalog's one file is itself; a group none of whose catalogs changed is taken whole,
    # with what its facts add up to by language (``_totals``), unless that is not enough
    documents = project.documents()
    keys_of = {
        lang.code: [config.po_key(lang.code, doc) for doc in documents] for lang in languages
    }
    keys = [key for lang in languages for key in keys_of[lang.code]]
    every = {lang.code for lang in languages} == {lang.code for lang in config.languages}
    groups = Groups(
        step,
        {},
        lambda item, body: [],
        owners=lambda key: (key,),
        totals=_totals(config),
        suffixes=(".po",),
    )
    trusted = {}
    if every and not refresh:
        trusted = groups.trusted(keys, _taken, _whole)
    with project_memory(config, readonly=dry_run) as memory:
        plans = []  # every language looked at (a missing PO file refused) before any is drafted
        for lang in languages:
            model = packages.model_for(config.source_language, lang, found)
            chosen = _to_draft(
                project, step, memory, lang, model, refresh, trusted, groups, keys_of[lang.code]
            )
            plans.append((lang, model, *chosen))
        for lang, model, documents, kept, waiting in plans:
            label = model.package.label() if model.package else None
            report = Drafting(lang.code, model.pair, label)
            reports.append(report)
            chunks = [documents[i : i + CHUNK] for i in range(0, len(documents), CHUNK)]
            for chunk in chunks or [[]]:
                loaded = [
                    kept.pop(doc) if doc in kept else project.catalog(lang, doc) for doc in chunk
                ]
                interrupted = False
                try:
                    [part] = translate(
                        config,
                        {lang.code: loaded},
                        settings,
                        refresh,
                        dry_run,
                        progress,
                        store,
                        decoder,
                        memory,
                        installed=found,
                    )
                except Interrupted as exc:
                    [part], interrupted = exc.reports, True
                report.add(part)
                if not dry_run:
                    _save(project, step, memory, loaded, report)
                if interrupted or report.unsaved:
                    raise Interrupted(reports)
            report.pending += waiting
            report.skipped += waiting
    if every and not dry_run:
        groups.learn(keys)
    elif not dry_run:
        groups.forget_learnt()
    return reports


class _Reused:
    """A translator factory that makes one translator for a package and keeps the last one:
    the chunks of a language share one loaded model."""

    def __init__(self, factory: TranslatorFactory):
        self.factory = factory
        self.last: tuple[tuple, object] | None = None

    def __call__(self, package: packages.Package, settings: mt.Settings):
        key = (package.code, package.version, str(package.path), settings)
        if self.last is None or self.last[0] != key:
            self.last = None  # one model in memory at a time
            self.last = (key, self.factory(package, settings))
        return self.last[1]


def _save(project: Project, step: Step, memory: Memory, loaded: list[Catalog], report: Drafting):
    """Save a chunk's catalogs, tell the memo what is known of them and record what each still
    has pending."""
    from pipeline import qa

    read_as = {id(c): c.base for c in loaded}
    saved = project.save(loaded)
    project.still_merged(saved.written, read_as)
    record_saved([report], saved)
    qa.remember_counts(project, saved.written)  # so that check --coverage-only reads none
    _remember(step, memory, loaded, saved, [report])


def _totals(config: Config) -> Callable[[list[tuple[str, dict]]], dict]:
    """What a group of catalogs' facts add up to, by language (``ledger.Groups``): the
    people's memories they were recorded with, how many entries they wait for, and, of those
    that wait for some, the earliest people's time recorded and whether one had a model."""
    folder = config.relative(config.locales_dir) + "/"

    def totals(facts: list[tuple[str, dict]]) -> dict:
        found: dict[str, dict] = {}
        for item, body in facts:
            code = item[len(folder) :].split("/", 1)[0]
            total = found.setdefault(
                code, {"generations": [], "pending": 0, "oldest": None, "package": False}
            )
            if body["generation"] not in total["generations"]:
                total["generations"].append(body["generation"])
            if body["pending"]:
                total["pending"] += body["pending"]
                oldest = total["oldest"]
                time = body["people_time"]
                total["oldest"] = time if oldest is None else min(oldest, time)
                total["package"] = total["package"] or body["package"] is not None
        return found

    return totals


def _taken(item: str, inputs: dict, fact: DraftFact) -> tuple[dict, DraftFact]:
    """What ``_to_draft`` takes of a catalog a group of them knows."""
    return inputs, fact


def _whole(totals: dict) -> bool:
    """Whether a group's totals can stand for its catalogs (``_to_draft`` then asks whether
    they do in each language)."""
    return all(
        isinstance(total, dict)
        and isinstance(total.get("generations"), list)
        and isinstance(total.get("pending"), int)
        for total in totals.values()
    )


def _to_draft(
    project: Project,
    step: Step,
    memory: Memory,
    lang: Language,
    model: packages.Model,
    refresh: bool,
    trusted: dict[str, tuple[dict, DraftFact]],
    groups: Groups | None = None,
    keys: list[str] | None = None,
) -> tuple[list[str], dict[str, Catalog], int]:
    """The documents whose catalogs in ``lang`` are to be read and drafted (a missing one is
    an error: run update), those of them kept as read, and how many pending entries the others
    have (known from the ledger: only a model could draft them, and there is none).

    The catalogs that changed are read first, ``CHUNK`` at a time, for their people's
    translations, which the memory then offers to every catalog (the unchanged ones waiting
    for such a sentence are read again); where they are no more than a chunk, they are kept
    for drafting rather than read twice. Where they are more, only those that may get a draft
    are read again (some entry pending, and a model installed or a person's translation of
    one of their pending sentences in the memory); what the others wait for is recorded from
    the first reading. A catalog in ``trusted`` is taken with its fact, unread, and one of a
    group taken whole (``groups``) is counted by the group's totals where those tell that
    it is waiting for nothing a draft can give now (else the group is looked at item by
    item). ``keys``: the catalogs' keys, in the documents' order (made once for every step of
    a run: an archive's are 100,000 a language)."""
    config = project.config
    if keys is None:
        keys = [config.po_key(lang.code, doc) for doc in project.documents()]
    # A fact recorded with another people's memory (a new one: the first run, or after `make
    # clean` or a deleted file) is not trusted: its catalog's translations are not in this one
    generation, _ = memory.people_state(lang.code)
    whole = groups.whole if groups is not None else {}
    for group in [g for g, totals in whole.items() if lang.code in totals]:
        if whole[group][lang.code]["generations"] != [generation]:
            trusted.update(groups.expand(group, _taken))
    counted = groups.kept if groups is not None else set()
    changed, unchanged = [], []
    for doc, key in zip(project.documents(), keys):
        if key in counted:
            continue
        if key in trusted and trusted[key][1].generation == generation:
            unchanged.append((doc, trusted[key][1]))
            continue
        digest = step.ledger.digest(key)
        if digest == files.ABSENT:
            raise L10nError(
                "PO file not found: run `l10n update` first", config.po_path(lang.code, doc)
            )
        fact = None if refresh else step.known(key, {"catalog": digest})
        if fact is not None and fact.generation != generation:
            fact = None
        (unchanged if fact else changed).append((doc, fact))
    kept: dict[str, Catalog] = {}
    read: dict[str, tuple[str, list[str]]] = {}  # document → (digest, sentences it waits for)
    for start in range(0, len(changed), CHUNK):
        loaded = [project.catalog(lang, doc) for doc, _ in changed[start : start + CHUNK]]
        origins = {item.path: config.relative(item.path) for item in loaded}
        memory.record_people(lang.code, people(loaded, origins), origins.values())
        if len(changed) <= CHUNK:
            kept = {item.document: item for item in loaded}
        elif not refresh:
            for item in loaded:
                read[item.document] = (item.base, _waits(item.po))
    memory.forget_origins(lang.code, keys)
    label = model.package.label() if model.package else None
    waiting = 0
    if whole:  # now that the changed catalogs' people's translations are in the memory
        read_again = False
        _, latest = memory.people_state(lang.code)
        folder = config.relative(config.po_path(lang.code, "x").parent) + "/"
        for group in [g for g, totals in whole.items() if lang.code in totals]:
            total = whole[group][lang.code]
            oldest = total["oldest"]
            if not total["pending"]:
                continue
            if label is None and not total["package"] and oldest is not None and oldest >= latest:
                waiting += total["pending"]
                continue
            members, read_again = groups.members(group), True
            found = groups.expand(group, _taken)
            trusted.update(found)
            for key in members:
                if key.startswith(folder):
                    doc = without_suffix(key[len(folder) :])
                    if key in found:
                        unchanged.append((doc, found[key][1]))
                    else:  # (its items' row could not be read: the catalog is read again)
                        changed.append((doc, None))
        if read_again:  # in the documents' order, as without groups
            order = {doc: number for number, doc in enumerate(project.documents())}
            changed.sort(key=lambda pair: order[pair[0]])
            unchanged.sort(key=lambda pair: order[pair[0]])
    reread = set(_still_waiting(memory, lang, label, unchanged))
    waiting += sum(fact.pending for doc, fact in unchanged if doc not in reread)
    settled = _nothing_to_draft(config, step, memory, lang, label, read) if read else set()
    waiting += sum(len(read[doc][1]) for doc in settled)
    documents = [doc for doc, _ in changed if doc not in settled]
    return documents + [doc for doc, _ in unchanged if doc in reread], kept, waiting


def _nothing_to_draft(
    config: Config, step: Step, memory: Memory, lang: Language, label: str | None, read: dict
) -> set[str]:
    """Of the catalogs read for their people's translations (``read``: document → its digest
    and the sentences it waits for), those no draft can reach now: nothing pending, or no
    model and no person's translation of a pending sentence. Their facts are recorded here, as
    ``_remember`` would after drafting them."""
    known = memory.people_sources(lang.code) if label is None else set()
    people = memory.people_state(lang.code)
    settled = set()
    for doc, (digest, waits) in read.items():
        if waits and (label is not None or not known.isdisjoint(waits)):
            continue
        settled.add(doc)
        fact = DraftFact.of(waits, label, people)
        step.learn(config.po_key(lang.code, doc), {"catalog": digest}, fact)
    return settled


def _still_waiting(memory: Memory, lang: Language, label: str | None, unchanged) -> list[str]:
    """The unchanged catalogs that may now get a draft: some pending, and a model installed
    since (or another one), or a person has since translated one of their pending sentences
    in another file."""
    _, latest = memory.people_state(lang.code)
    pending = [(doc, fact) for doc, fact in unchanged if fact.pending]
    oldest = min((fact.people_time for _, fact in pending), default=latest)
    # what people translated since the oldest fact was recorded (usually nothing), and when
    news = {
        _waiting_key(source): when
        for source, when in (
            memory.people_since(lang.code, oldest) if oldest < latest else {}
        ).items()
    }
    reread = []
    for doc, fact in pending:
        if (
            label is not None
            or fact.package is not None
            or (news and any(news.get(k, 0.0) > fact.people_time for k in fact.waiting))
        ):
            reread.append(doc)
    return reread


def _waiting_key(source: str) -> str:
    """How a translate fact names a sentence it waits for: a short digest, so that the facts
    of an archive stay small (a false match costs one catalog read, never a wrong draft)."""
    return hashlib.blake2b(source.encode("utf-8"), digest_size=6).hexdigest()


def _remember(step: Step, memory: Memory, catalogs: list[Catalog], saved: Saved, reports) -> None:
    """Record what each catalog read this run still has pending, as it now is on disk."""
    labels = {report.lang: report.package for report in reports}
    states = {lang: memory.people_state(lang) for lang in labels}
    for item in catalogs:
        # not one that holds drafts its file does not (someone saved meanwhile, or Ctrl-C)
        if item.changed or item in saved.conflicts or item.language not in labels:
            continue
        fact = DraftFact.of(_waits(item.po), labels[item.language], states[item.language])
        step.learn(str(item.path), {"catalog": step.ledger.digest(item.path)}, fact)


def record_saved(reports: list[Drafting], saved: Saved) -> None:
    """Note in each language's report which of its catalogs were written, and which were not
    because someone saved them meanwhile (their drafts wait in the memory)."""
    by_lang = {report.lang: report for report in reports}
    for item in saved.written:
        by_lang[item.language].written.append(item.path)
    for item in saved.conflicts:
        by_lang[item.language].conflicts.append(item.path)
    for item in saved.unsaved:
        by_lang[item.language].unsaved.append(item.path)


def summary(report: Drafting, dry_run: bool = False, verbose: bool = False) -> list[str]:
    """Lines for the end-of-run summary of one language; how to install a missing model in
    one line (in full with ``verbose``)."""
    head = f"{report.lang} ({report.package or 'no model'}): "
    if not report.pending:
        head += "nothing to draft"
    elif dry_run:
        head += (
            f"{report.pending} to draft: {report.from_people} from people's translations, "
            f"{report.remembered} from memory, {report.decoded} from the model "
            f"({_sentences(report.sentences)} to decode)"
            + (f", {report.skipped} without a model" if report.skipped else "")
        )
    else:
        head += (
            f"{report.drafted} drafted ({report.decoded} from the model, {report.remembered} "
            f"from memory, {report.from_people} from people's translations), "
            f"{report.skipped} skipped, {len(report.failed)} failed"
            + (f", {report.same} redrafted unchanged" if report.same else "")
            + f"; {_sentences(report.sentences)} decoded"
            + (f" on {report.device}" if report.device else "")
        )
    lines = [head]
    if report.instructions and verbose:
        lines.append(f"  no {report.model_pair} model installed; to install one:")
        lines += [f"    {line}" for line in report.instructions]
    elif report.instructions:
        lines.append(
            f"  no {report.model_pair} model installed (l10n translate --verbose says how to "
            "install one)"
        )
    for path in report.conflicts:
        lines.append(f"  not written: {path} changed while translating; run again")
    for path in report.unsaved:
        lines.append(f"  not written: {path} (interrupted); run again, the drafts are kept")
    for failure in report.failed:
        lines.append(f"  failed: {failure.path}: {failure.msgid[:60]!r}: {failure.reason}")
    return lines


def _sentences(n: int) -> str:
    return f"{n} sentence{'s' * (n != 1)}"
