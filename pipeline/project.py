"""The project's documents and catalogs: one owner for listing, loading and saving them.

- **Documents** are the project's source files, ``source/<doc>.txt``, ``.md`` (Markdown) or
  ``.html`` (a saved article page), in the source folder or a folder below it, named by their
  path there without the suffix (``Config.document_name``: ``source/2026/12/slug.md`` is
  ``2026/12/slug``). A project without a source directory (a checkout of catalogs only, as a
  translation team may keep) has its templates, ``locales/**/*.pot``, as its documents.
- A document's **template** is ``locales/<doc>.pot`` (``l10n extract`` writes it).
- **A missing PO file** is loaded as the catalog ``l10n update`` would create: the document's
  template merged for the language, every entry untranslated (an empty catalog when there is
  no template yet either), marked ``missing``. What a stage does with it is the stage's to say:
  ``update`` creates it, ``translate`` asks for ``update`` first, ``check`` counts it as
  untranslated and reports it missing, ``review`` lists its entries, ``build`` builds the
  document from the source with a warning.
- Everything a command reads is read before anything is written, and ``save`` writes only
  catalogs a stage changed, each only over the bytes that were read: a translator's save made
  while the command ran is kept and reported as a conflict.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import polib

from pipeline import catalog, files, fsmonitor, parallel, pofile
from pipeline.config import (
    SOURCE_SUFFIXES,
    Config,
    Language,
    check_new_name,
    settings_digest,
)
from pipeline.errors import L10nError
from pipeline.ledger import Groups, Ledger, Memo, State, Step, machine_key
from pipeline.segment import Document, decode, read_source, segment_text


@dataclass(eq=False)
class Catalog:
    """One document's PO file in one language, as read (or as it would be created)."""

    document: str
    language: str
    path: Path
    po: polib.POFile | None  # None: not read, known from the ledger to be up to date
    base: str  # digest of the bytes read; files.ABSENT for a missing file
    missing: bool = False
    changed: bool = False  # set by a stage that changed ``po``
    entries: int = 0  # when ``po`` is not here: how many entries it has
    # Made by a worker process (``pipeline.parallel``): the new bytes wait in a staging file,
    # ``made`` their digest; ``counts`` (``qa.Counts``) of the catalog as it is then.
    staged: Path | None = None
    made: str = ""
    counts: object = None

    def __len__(self) -> int:
        return len(self.po) if self.po is not None else self.entries


@dataclass
class Saved:
    """What ``Project.save`` did: catalogs written, left as they were, and not written because
    someone saved them while the command ran."""

    catalogs: list[Catalog] = field(default_factory=list)  # all of them, in the order given
    written: list[Catalog] = field(default_factory=list)
    unchanged: list[Catalog] = field(default_factory=list)
    conflicts: list[Catalog] = field(default_factory=list)
    unsaved: list[Catalog] = field(default_factory=list)  # not reached: Ctrl-C while saving
    kept: int = 0  # unchanged, and not among ``catalogs``: known so by a group of them
    removed: list[Path] = field(default_factory=list)  # templates whose source is gone


class Project:
    """A project's documents, templates and catalogs, read through one set of rules."""

    def __init__(self, config: Config):
        self.config = config
        self._templates: dict[str, polib.POFile] = {}
        self._state: State | None = None
        self._documents: list[str] | None = None

    def state(self) -> State:
        """The project's state database (``pipeline.ledger``), opened on first use."""
        if self._state is None:
            config = self.config
            key = machine_key(config.cache_folder())
            self._state = State(config.state_folder(), config.root, key)
            folders = [config.source_dir, config.locales_dir, config.build_dir]
            self._state.monitor = fsmonitor.configured(
                config.root,
                config.relative(config.state_folder()),
                list(map(config.relative, folders)),
            )
        return self._state

    def memo(self) -> Memo:
        """Results kept across runs and commands (``pipeline.ledger.Memo``)."""
        return self.state().memo

    def ledger(self, command: str, by_file: bool = True) -> Ledger:
        """What ``command`` recorded in earlier runs (see ``pipeline.ledger``); ``by_file``:
        its items are named by a file."""
        return self.state().ledger(command, by_file)

    def step(self, command: str, kind: type, by_file: bool = True, **convert) -> Step:
        """``command``'s cache policy (``pipeline.ledger.Step``), its facts of type ``kind``
        (``by_file``: its items are named by a file, see ``ledger``)."""
        return Step(self.ledger(command, by_file), kind, **convert)

    def remember(self) -> None:
        """Write what the commands run on this project learnt, for the next run. Called once
        a command has succeeded: a command that fails changes nothing, its ledger included."""
        if self._state is not None:
            self._state.save()

    # ---- documents ----------------------------------------------------------------------

    def sources(self, given: tuple[str, ...] | list[str] = ()) -> list[Path]:
        """The given source files, or every document's source; none at all is an error."""
        paths = [self._source(Path(p)) for p in given] or self.config.sources()
        if not paths:
            raise L10nError("no source documents (*.txt, *.md, *.html)", self.config.source_dir)
        return paths

    def _source(self, path: Path) -> Path:
        """A source named on the command line: a .txt, .md or .html file in the source
        folder or a folder below it (a template made of any other file would belong to no
        document)."""
        folder = Path(os.path.abspath(self.config.source_dir))
        if not path.exists():
            raise L10nError("file not found", path)
        inside = Path(os.path.abspath(path)).parent.is_relative_to(folder)
        if path.suffix not in SOURCE_SUFFIXES or not inside:
            raise L10nError(
                f"not a source document: sources are {', '.join(SOURCE_SUFFIXES)} files in "
                f"{self.config.relative(folder)}/",
                path,
            )
        self.config.check_name(path, self.config.document_name(path))
        return path

    def documents(self) -> list[str]:
        """Every document's name (``Config.document_name``), sorted: the sources', or the
        templates' without a source directory; listed once a command (a command writes
        neither)."""
        if self._documents is None:
            if self.config.source_dir.is_dir():
                found = list(self.config.source_listing())
            else:
                found = self.config.templates()
            self._documents = found
        return list(self._documents)

    def check_named(self, names: Sequence[str]) -> None:
        """A one-line error for the first of ``names`` (``--doc``) that is no document."""
        known = set(self.documents()) if names else set()
        unknown = [name for name in names if name not in known]
        if unknown:
            raise L10nError(f"--doc {unknown[0]!r}: no such article (see source/)")

    def read_documents(
        self, given: tuple[str, ...] | list[str] = ()
    ) -> list[tuple[Path, Document]]:
        """The given sources (default: all), each with its document; a source with no
        translatable text is an error."""
        documents = []
        for path in self.sources(given):
            doc = _read_document(path, self.config.chrome_patterns, self.config.label_patterns)
            doc = replace(doc, name=self.config.document_name(path))
            if not doc.segments():
                raise L10nError("no translatable text (only site chrome)", path)
            documents.append((path, doc))
        return documents

    # ---- templates and catalogs ---------------------------------------------------------

    def template_path(self, document: str) -> Path:
        return self.config.pot_path(document)

    def template(self, document: str) -> polib.POFile:
        """The document's template, read once; a missing one is an error (run extract)."""
        if document not in self._templates:
            path = self.template_path(document)
            if not path.exists():
                raise L10nError("template not found: run `l10n extract` first", path)
            self._templates[document] = catalog.load(path)
        return self._templates[document]

    def templates(self) -> dict[str, polib.POFile]:
        """Every document's template; no documents at all is an error (run extract)."""
        documents = self.documents()
        if not documents:
            raise L10nError(
                "no templates (*.pot): run `l10n extract` first", self.config.locales_dir
            )
        return {doc: self.template(doc) for doc in documents}

    def catalog(self, lang: Language | str, document: str, template: bool = True) -> Catalog:
        """The document's PO file in ``lang``; a missing one as described in the module's
        docstring. ``template=False``: a missing template is not an error (build)."""
        code = lang if isinstance(lang, str) else lang.code
        path = self.config.po_path(code, document)
        if path.exists():
            po = catalog.load(path)
            loaded = Catalog(document, code, path, po, po.digest)
        else:
            if template or self.template_path(document).exists():
                pot = self.template(document)
            else:
                pot = polib.POFile(wrapwidth=79)
            merged = catalog.merge(pot, None, code)
            loaded = Catalog(document, code, path, merged, files.ABSENT, True)
        return loaded

    def catalogs(self, lang: Language | str, template: bool = True) -> list[Catalog]:
        """Every document's catalog in ``lang``, read before anything is written."""
        documents = self.documents() if not template else list(self.templates())
        return [self.catalog(lang, doc, template) for doc in documents]

    def still_merged(self, written: list[Catalog], read_as: dict[int, str]) -> None:
        """Catalogs a stage wrote (drafts, not new entries) are as merged with their template
        as they were when read: where the memo knew the bytes read as merged, it learns the
        bytes written are too, so the next ``update`` does not merge them again."""
        for item in written:
            template = self.state().digest(self.template_path(item.document))
            if merged_entries(self.memo(), template, read_as.get(id(item), "")) is not None:
                remember_merged(self.memo(), template, item.base, len(item))

    def save(self, catalogs: list[Catalog]) -> Saved:
        """Write each catalog a stage changed, only if its bytes differ and only over what was
        read; the others are not even serialised. Ctrl-C while saving stops after the file
        being written (each is written whole or not at all); the ones not reached are
        ``unsaved``, for the caller to report."""
        saved = Saved(list(catalogs))
        staged = [item.staged for item in catalogs if item.staged is not None]
        if staged:
            files.settle(staged[0])  # every staged catalog on disk before one goes in place
        try:
            for item in catalogs:
                self._save_one(item, saved)
        except KeyboardInterrupt:
            done = {id(c) for c in saved.written + saved.unchanged + saved.conflicts}
            saved.unsaved = [c for c in catalogs if id(c) not in done and c.changed]
        return saved

    def _save_one(self, item: Catalog, saved: Saved) -> None:
        """Write one catalog if a stage changed it (see ``save``)."""
        if item.staged is not None:
            try:
                files.install(item.staged, item.path, item.base)
            except files.ChangedMeanwhile:
                saved.conflicts.append(item)
                return
            item.base, item.staged, item.changed, item.missing = item.made, None, False, False
            saved.written.append(item)
            return
        if not item.changed or item.po is None:
            saved.unchanged.append(item)
            return
        data = pofile.encode(item.po)
        try:
            wrote = files.write_bytes(item.path, data, item.base)
        except files.ChangedMeanwhile:
            saved.conflicts.append(item)
            return
        # the file now holds what ``po`` says: a later reader may trust its digest
        item.base, item.changed, item.missing = files.digest(data), False, False
        (saved.written if wrote else saved.unchanged).append(item)


# ---- what is known of a catalog's bytes, whichever command learnt it -----------------------
#
# Pure facts about contents, in the memo (``pipeline.ledger.Memo``): keyed by the digests of a
# template and a catalog, true wherever those bytes are found, so any command that learns one
# may tell it without writing another command's ledger.


def merged_entries(memo: Memo, template: str, catalog: str) -> int | None:
    """How many entries a catalog of these bytes has, where they are known to be merged with
    the template of these bytes (``update`` would leave them as they are); else None."""
    found = memo.get(f"merged:{template}:{catalog}")
    return found if isinstance(found, int) else None


def remember_merged(memo: Memo, template: str, catalog: str, entries: int) -> None:
    memo.put(f"merged:{template}:{catalog}", entries)


# ---- the stages that only make catalogs ---------------------------------------------------


def extract(project: Project, documents: list[tuple[Path, Document]]) -> list[Catalog]:
    """Each document's template as a Catalog (``language`` empty), ``changed`` when it differs
    from the one on disk. An unchanged template keeps its creation date, so nothing churns."""
    config = project.config
    result = []
    for source, doc in documents:
        path = config.pot_path(doc.name)
        reference = config.relative(source)
        old = catalog.load(path) if path.exists() else None
        pot = None
        if old is not None:
            pot = catalog.extract(
                doc, reference, config.project_name, old.metadata.get("POT-Creation-Date", "")
            )
            if files.digest(pofile.encode(pot)) != old.digest:
                pot = None
        if pot is None:
            pot = catalog.extract(doc, reference, config.project_name, catalog.now_stamp())
        base = old.digest if old is not None else files.ABSENT
        result.append(Catalog(doc.name, "", path, pot, base, old is None, changed=True))
    return result


def update(
    catalogs: list[Catalog],
    templates: dict[str, polib.POFile],
    progress: Callable[[int], None] | None = None,
) -> list[Catalog]:
    """Each catalog merged with its document's template (msgmerge semantics, see
    ``catalog.merge``); the merged catalogs keep what was read as their base. ``progress(n)``
    is told how many are merged, before each."""
    merged = []
    for item in catalogs:
        if progress is not None:
            progress(len(merged))
        if item.missing and item.po is not None:
            po = item.po  # loaded as the template merged for the language: not merged twice
        else:
            po = catalog.merge(templates[item.document], item.po, item.language)
        merged.append(
            Catalog(
                item.document, item.language, item.path, po, item.base, item.missing, changed=True
            )
        )
    return merged


# ---- the commands that only make catalogs, costing what changed -----------------------------


@dataclass(frozen=True)
class TemplateFact:
    """What ``extract`` knows of a template it made: how many entries it has."""

    entries: int


@dataclass(frozen=True)
class MergedFact:
    """What ``update`` knows of a catalog it merged: how many entries it has."""

    entries: int


def _extract_inputs(ledger: Ledger, source: Path, template: Path, settings: str) -> dict:
    """What a template is made from: its source's bytes and kind (the same bytes as ``.md`` and
    as ``.txt`` are different documents), the template as written, the segmenting settings."""
    return {
        "source": ledger.digest(source),
        "kind": source.suffix,
        "template": ledger.digest(template),
        "settings": settings,
    }


def run_extract(
    project: Project,
    given: tuple[str, ...] | list[str] = (),
    progress: Callable[[int, int], None] | None = None,
    jobs: int = 1,
    itemised: bool = False,
) -> Saved:
    """``l10n extract``: the templates of the given sources (default: all) that are not up to
    date with their source and the settings; the others are neither segmented nor written.
    The stale ones are segmented one at a time, in up to ``jobs`` processes, their templates
    staged and put in place when all are made. ``progress(done, total)`` is told after each
    source segmented. Templates known unchanged by a group of them are counted in
    ``Saved.kept``, not listed, unless ``itemised``."""
    config = project.config
    step = project.step("extract", TemplateFact)
    ledger = step.ledger
    settings = settings_digest(config, "extract")
    fresh: list[Catalog] = []
    stale: list[Path] = []
    # the templates by group (``ledger.Groups``), where every source is asked for: a
    # template's files are itself and its source; a group none of whose files changed is
    # taken whole (but for ``itemised``), and no path of its sources is made
    if given:
        listed = [str(path) for path in project.sources(given)]
        names = [config.document_name(Path(path)) for path in listed]
    else:
        listing = config.source_listing()
        if not listing:
            project.sources()  # (the error)
        names, folder = list(listing), str(config.source_dir)
        listed = [f"{folder}/{relative}" for relative in listing.values()]
    gone = [] if given else templates_gone(config, names)
    relatives = [ledger.item(path) for path in listed]
    keys = [config.pot_key(name) for name in names]
    source_of = dict(zip(keys, relatives))

    def owners(key: str) -> tuple[str | None, ...]:
        stem = config.stem_of(key, config.source_key)
        return (key, None if stem is None else config.pot_key(stem))

    groups = Groups(
        step,
        {"settings": settings},
        lambda item, _: [source_of[item]],
        owners=owners,
        suffixes=(".pot",),
    )
    trusted = {}
    if not given:
        whole = None if itemised else lambda totals: True
        trusted = groups.trusted(keys, lambda _, inputs, fact: (inputs, fact), whole)
    kept = groups.kept
    for where, name, key in zip(listed, names, keys):
        if key in kept:
            continue
        path = Path(where)
        target = config.pot_path(name)
        if key in trusted:
            inputs, fact = trusted[key]
            fresh.append(Catalog(name, "", target, None, inputs["template"], entries=fact.entries))
            continue
        inputs = _extract_inputs(ledger, path, target, settings)
        fact = step.known(str(target), inputs)
        if fact is None:
            stale.append(path)
        else:
            fresh.append(Catalog(name, "", target, None, inputs["template"], entries=fact.entries))
    with files.Staging(config.state_folder()) as staging:
        work = functools.partial(_extract_one, config, staging)
        made = []
        for item in parallel.ordered(work, stale, jobs):
            made.append(item)
            if progress is not None:
                progress(len(made), len(stale))
        saved = project.save(made)
    sources = {config.document_name(path): path for path in stale}
    for item in made:
        if item not in saved.conflicts:
            inputs = _extract_inputs(ledger, sources[item.document], item.path, settings)
            step.learn(str(item.path), inputs, TemplateFact(len(item)))
    saved.catalogs = fresh + saved.catalogs
    saved.unchanged = fresh + saved.unchanged
    saved.kept = len(kept)
    if not given:
        groups.learn(keys)
    else:
        groups.forget_learnt()
    if gone and not saved.conflicts and not saved.unsaved:
        for path in gone:
            path.unlink(missing_ok=True)
            ledger.drop(str(path))
        saved.removed = gone
    return saved


def move_document(config: Config, old: str, new: str) -> list[tuple[Path, Path]]:
    """``l10n mv OLD NEW``: an article's files renamed together, so that its translators' work
    follows it: its source (where it is still under the old name; after a ``git mv`` only the
    rest moves), its template, and its catalog in every language's folder of ``locales/``.
    Everything is looked at before anything moves: a catalog already under the new name (a
    translator's work, or the pipeline's drafts if it ran since the rename) is an error, never
    overwritten, and so is a name that is no article's; a move that fails (a file made
    read-only) puts back the ones made before it. The moves made, in order."""
    _check_old_name(config, old)
    check_new_name(new, "the new name")
    if old == new:
        raise L10nError(f"{old!r} and {new!r} are the same name")
    listing = config.source_listing() if config.source_dir.is_dir() else {}
    moves: list[tuple[Path, Path]] = []
    if old in listing:
        if new in listing:
            there = config.source_dir / listing[new]
            raise L10nError("already an article of the new name; not moved", there)
        source = config.source_dir / listing[old]
        moves.append((source, config.source_dir / f"{new}{source.suffix}"))
    config.check_name(config.source_dir / f"{new}.md", new)
    template, target = config.pot_path(old), config.pot_path(new)
    if template.is_file() and not target.exists():
        moves.append((template, target))  # (one there is made again from its source anyway)
    taken = []
    for folder in sorted(p for p in config.locales_dir.glob("*/LC_MESSAGES") if p.is_dir()):
        catalog = Path(f"{folder}/{old}.po")
        if not catalog.is_file():
            continue
        target = Path(f"{folder}/{new}.po")
        if target.exists():
            taken.append(target)
        moves.append((catalog, target))
    if taken:
        more = f" (and {len(taken) - 1} more)" if len(taken) > 1 else ""
        raise L10nError(
            f"already a catalog of the new name{more}, a translator's work or drafts made since "
            "the rename: move or delete it first; nothing was moved",
            taken[0],
        )
    if not moves:
        raise L10nError(f"{old!r}: no article of that name (no source, template or catalog)")
    for _, target in moves:  # a file where a folder of the new name must be
        for folder in target.parents:
            if folder.exists() or folder.is_symlink():
                if not folder.is_dir():
                    raise L10nError(
                        "a file where the new name needs a folder; nothing was moved", folder
                    )
                break
    done: list[tuple[Path, Path]] = []
    try:
        for source, target in moves:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.rename(source, target)
            done.append((source, target))
    except OSError as exc:
        stuck = []
        for moved, target in reversed(done):
            try:
                os.rename(target, moved)
            except OSError:
                stuck.append(target)
        said = "nothing was moved" if not stuck else f"{len(stuck)} left moved ({stuck[0]}…)"
        raise files.os_error(exc, source, f"cannot move; {said}") from None
    return moves


def pictures_left(config: Config, moves: list[tuple[Path, Path]]) -> list[str]:
    """The pictures a moved source names by a relative address (a figure's, or one inline, as
    the source is read for extract) that are beside its old place and not its new one
    (``images/port.jpg`` in ``source/2026/12/``, the article moved to ``2026/11``): its page
    would show none of them until they are moved too. A source that cannot be read names
    none."""
    project, left = Project(config), []
    for old, new in moves:
        if new.suffix not in SOURCE_SUFFIXES or old.parent == new.parent:
            continue  # (a template or a catalog; or the same folder)
        try:
            [(_, doc)] = project.read_documents([new])
        except L10nError:
            continue
        named = [block.image for block in doc.blocks]
        named += [t.target for b in doc.blocks for tags in b.tags for t in tags if t.kind == "img"]
        for target in filter(None, named):
            if re.match(r"[a-z][a-z0-9+.-]*:|/|#", target, re.IGNORECASE):
                continue  # (an address of its own: a site's, a page's part)
            here, there = f"{old.parent}/{target}", f"{new.parent}/{target}"
            if os.path.isfile(here) and not os.path.lexists(there):  # (no error: a name
                left.append(config.relative(Path(here)))  # too long is no picture of it)
    return sorted(set(left))


def _check_old_name(config: Config, old: str) -> None:
    """An article's name as the build names it (``2026/12/slug``): no path of a file, and
    nothing that leads out of the project."""
    parts = old.split("/")
    if not old or old.startswith("/") or any(p in ("", ".", "..") for p in parts):
        raise L10nError(f"{old!r}: not an article's name (such as 2026/12/slug)")
    source = f"{config.source_key}/" if config.source_key else "./"
    if old.startswith(source) or old.endswith(SOURCE_SUFFIXES):
        raise L10nError(
            f"{old!r}: give the article's name, without {source} and the suffix "
            "(as the build names it: 2026/12/slug)"
        )


_SUFFIXES = b"(?:" + b"|".join(re.escape(s.encode()) for s in SOURCE_SUFFIXES) + b")"


def templates_gone(config: Config, names: list[str]) -> list[Path]:
    """The templates in the locales folder that ``extract`` made of a source no longer among
    ``names`` (every source's): the article was deleted or renamed. ``extract`` over every
    source removes them, so that a checkout of catalogs only no longer counts the article; its
    catalogs are the translators' work and stay. A template is taken for extract's where its
    references name its own document's source (``#: source/2026/12/old.md:3``); another
    ``.pot`` kept in the folder (a site's own strings) is left alone. A listing of the
    templates (0.1 s at 100,000), and a read of each without a source."""
    listed = set(names)
    folder = config.source_key
    prefix = f"{folder}/" if folder else ""
    gone = []
    for name in config.templates():
        if name in listed:
            continue
        path = config.pot_path(name)
        made = re.compile(
            rb"^#:(?:.* )? ?" + re.escape(f"{prefix}{name}".encode()) + _SUFFIXES + rb":\d",
            re.MULTILINE,
        )
        try:
            if made.search(files.read_bytes(path)):
                gone.append(path)
        except L10nError:
            continue  # (unreadable: not removed)
    return gone


def _extract_one(config: Config, staging: files.Staging, source: Path) -> Catalog:
    """One source segmented and its template made: staged where it differs from the one on
    disk (the catalog carries no ``po``, only its entry count)."""
    project = Project(config)
    [item] = extract(project, project.read_documents([source]))
    return _staged(item, staging)


def _staged(item: Catalog, staging: files.Staging, counts: object = None) -> Catalog:
    """A catalog a worker made, light enough to send back: its bytes staged where they
    differ from what was read."""
    data = pofile.encode(item.po)
    made = files.digest(data)
    staged = staging.put(data) if made != item.base else None
    return Catalog(
        item.document,
        item.language,
        item.path,
        None,
        item.base,
        item.missing and staged is not None,
        changed=staged is not None,
        entries=len(item.po),
        staged=staged,
        made=made,
        counts=counts,
    )


def run_update(
    project: Project,
    languages: list[Language],
    progress: Callable[[int, int], None] | None = None,
    jobs: int = 1,
    itemised: bool = False,
) -> Saved:
    """``l10n update``: merge each catalog whose template or own bytes changed since it was
    last merged (or that does not exist yet); the others are not even read. The stale ones
    are merged a document at a time (its template read once for every language), in up to
    ``jobs`` processes, staged and put in place when all are merged. ``progress(done,
    total)`` is told as catalogs are looked at, then as the stale ones are merged. Catalogs
    known unchanged by a group of them are counted in ``Saved.kept``, not listed, unless
    ``itemised``."""
    step = project.step("update", MergedFact)
    ledger = step.ledger
    documents = project.documents()
    if not documents:
        raise L10nError(
            "no templates (*.pot): run `l10n extract` first", project.config.locales_dir
        )
    order: list[Catalog | tuple[str, str]] = []
    stale: dict[str, list[str]] = {}  # document → the languages to merge it in
    count = len(languages) * len(documents)
    config = project.config
    every = {lang.code for lang in languages} == {lang.code for lang in config.languages}
    # the catalogs by group (``ledger.Groups``), where every language is merged; a group none
    # of whose files changed is taken whole (but for ``itemised``)
    keys, groups = _update_groups(step, config, languages, documents)
    catalogs = list(keys.values())
    trusted = {}
    if every:
        whole = None if itemised else lambda totals: True
        trusted = groups.trusted(catalogs, lambda _, inputs, fact: (inputs, fact), whole)
    kept = groups.kept
    count -= len(kept)
    for lang in languages:
        # the language's folder of catalogs: a path made from it is parsed once, not whole
        folder = config.po_path(lang.code, "x").parent
        for doc in documents:
            key = keys[(lang.code, doc)]
            if key in kept:
                continue
            if progress is not None:
                progress(len(order), count + count)  # merging: at most as many again
            if key in trusted:
                inputs, fact = trusted[key]
                base, path = inputs["catalog"], folder / f"{doc}.po"
                order.append(Catalog(doc, lang.code, path, None, base, entries=fact.entries))
                continue
            inputs = _update_inputs(project, ledger, lang.code, doc)
            fact = step.known(key, inputs)
            entries = fact.entries if fact is not None else None
            if entries is None:
                entries = merged_entries(project.memo(), inputs["template"], inputs["catalog"])
                if entries is not None:  # told by another command: known here from now on
                    step.learn(key, inputs, MergedFact(entries))
            if entries is not None:
                base, path = inputs["catalog"], project.config.po_path(lang.code, doc)
                order.append(Catalog(doc, lang.code, path, None, base, entries=entries))
                continue
            order.append((lang.code, doc))
            stale.setdefault(doc, []).append(lang.code)
    merged: dict[tuple[str, str], Catalog] = {}
    total = sum(map(len, stale.values()))
    with files.Staging(project.config.state_folder()) as staging:
        work = functools.partial(_merge_one, project.config, staging)
        for made in parallel.ordered(work, stale.items(), jobs):
            merged.update({(item.language, item.document): item for item in made})
            if progress is not None:
                progress(count + len(merged), count + total)
        saved = project.save([merged.get(c, c) if isinstance(c, tuple) else c for c in order])
    for item in merged.values():
        if item not in saved.conflicts:
            inputs = _update_inputs(project, ledger, item.language, item.document)
            step.learn(str(item.path), inputs, MergedFact(len(item)))
            remember_merged(project.memo(), inputs["template"], inputs["catalog"], len(item))
    saved.kept = len(kept)
    if every:
        groups.learn(catalogs)
    else:
        groups.forget_learnt()
    return saved


def _update_groups(
    step: Step, config: Config, languages: list[Language], documents: list[str]
) -> tuple[dict[tuple[str, str], str], Groups]:
    """The catalogs of ``documents`` in ``languages``, (language, document) → the catalog's key,
    and ``update``'s groups of them: a catalog's files are itself and its template."""
    keys = {
        (lang.code, doc): config.po_key(lang.code, doc) for lang in languages for doc in documents
    }
    pots = {doc: config.pot_key(doc) for _, doc in keys}
    template = {key: pots[doc] for (_, doc), key in keys.items()}
    codes = [lang.code for lang in config.languages]

    def owners(key: str) -> list[str]:
        stem = config.stem_of(key, config.relative(config.locales_dir), ".pot")
        return [key] + ([] if stem is None else [config.po_key(code, stem) for code in codes])

    groups = Groups(step, {}, lambda item, _: [template[item]], owners=owners, suffixes=(".po",))
    return keys, groups


def settle_update(project: Project, written: list[Path]) -> None:
    """``update``'s groups of catalogs recorded again after another step rewrote some of them
    (``translate``'s drafts, which leave a catalog as merged as it was, and tell the memo so:
    ``Project.still_merged``). Else the next ``update`` would find those groups' files changed
    and ask about every catalog of them, one by one: after the first ``translate`` of an
    archive, nearly every catalog. Each catalog of a group written is asked about as
    ``update`` asks (its inputs digested, its fact or the memo's); a group is recorded where
    each is known merged. Costs the groups written, not the archive; where the catalogs are
    not every language's, or a template is missing, it records nothing (``update`` will)."""
    config = project.config
    documents = project.documents()
    if not written or not documents:
        return
    step = project.step("update", MergedFact)
    keys, groups = _update_groups(step, config, config.languages, documents)
    catalogs = list(keys.values())
    wanted = {config.relative(path) for path in written}
    if not wanted <= set(catalogs):
        return
    which = {key: pair for pair, key in keys.items()}
    members = groups.of_items(catalogs, wanted)
    for key in (key for items in members.values() for key in items):
        lang, doc = which[key]
        try:
            inputs = _update_inputs(project, step.ledger, lang, doc)
        except L10nError:
            return
        if step.known(key, inputs) is None:
            entries = merged_entries(project.memo(), inputs["template"], inputs["catalog"])
            if entries is not None:
                step.learn(key, inputs, MergedFact(entries))
    groups.learn(catalogs, only=set(members))


def _merge_one(
    config: Config, staging: files.Staging, stale: tuple[str, list[str]]
) -> list[Catalog]:
    """One document's catalogs in the given languages merged with its template (read once),
    each staged where its bytes change, with its counts (``qa.count``)."""
    from pipeline import qa

    document, languages = stale
    project = Project(config)
    template = project.template(document)
    made = []
    for lang in languages:
        [item] = update([project.catalog(lang, document)], {document: template})
        made.append(_staged(item, staging, qa.count(item.po, template)))
    return made


def _update_inputs(project: Project, ledger: Ledger, lang: str, document: str) -> dict:
    template = ledger.digest(project.config.pot_key(document))
    if template == files.ABSENT:
        path = project.template_path(document)
        raise L10nError("template not found: run `l10n extract` first", path)
    return {"template": template, "catalog": ledger.digest(project.config.po_key(lang, document))}


def _read_document(
    path: Path, chrome_patterns: tuple[str, ...], label_patterns: tuple[str, ...]
) -> Document:
    """``pipeline.sources.read_document``, which is loaded only for a Markdown source or a
    saved page: a plain-text source is segmented without it (where no bytecode is cached,
    compiling that module, most of it the reading of HTML pages, takes more memory than a
    small text source's whole run)."""
    if Path(path).suffix.lower() in (".md", ".html", ".htm"):
        from pipeline.sources import read_document

        return read_document(path, chrome_patterns, label_patterns)
    text = decode(read_source(path), path)  # the bytes are let go before the text is parsed
    return segment_text(text, Path(path).stem, chrome_patterns, label_patterns)
