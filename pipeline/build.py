"""Localised outputs: each article in each language as text, Markdown and an HTML page, the
compiled ``.mo`` catalogs, and ``build/index.html`` listing every document and language.

The build re-segments the source with the same segmenter as ``extract`` and looks each sentence
up in the language's catalog (``pipeline.article``), then renders it (``pipeline.render``).
``plan_document`` renders one document's outputs into a staging folder (``Staging``), keeping
only their digests; only when every document is rendered does ``apply`` put the files whose
bytes changed in place and remove stale ones. So a bad PO file leaves ``build/`` as it was,
building twice gives byte-identical files that are not rewritten, and memory holds one
document at a time (per process: documents render in parallel, ``pipeline.parallel``).
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import polib

from pipeline import files, parallel, pictures
from pipeline.article import Article, localise, original, publishable_text
from pipeline.checks import context_for, severities
from pipeline.config import (
    SOURCE_SUFFIXES,
    Config,
    Language,
    relative_root,
    settings_digest,
    valid_language_code,
    without_suffix,
)
from pipeline.errors import L10nError
from pipeline.glossary import Term, load_glossary
from pipeline.indexrows import IndexRows
from pipeline.languages import LanguageInfo, language_info
from pipeline.ledger import Folders, Groups, StateHandle, Step
from pipeline.percent import floor_percent
from pipeline.project import Catalog, Project
from pipeline.qa import Problem, entry_problems
from pipeline.render import (
    IndexEntry,
    index_entry,
    Link,
    PageStatus,
    page_href,
    render_html,
    render_index,
    render_markdown,
    render_text,
)
from pipeline.segment import Document
from pipeline.state import active_entries

FORMATS = ("txt", "md", "html")


# ---- .mo ------------------------------------------------------------------------------------


def compile_mo(po: polib.POFile, withheld: frozenset[str] = frozenset()) -> bytes:
    """The catalog compiled as GNU ``msgfmt`` does by default: fuzzy, untranslated and obsolete
    entries left out, the header kept, keys sorted; the ``withheld`` msgids left out too."""
    if not withheld:
        return po.to_binary()
    kept = polib.POFile(encoding=po.encoding)
    kept.metadata = po.metadata
    kept.extend(e for e in po if e.msgid not in withheld)
    return kept.to_binary()


# ---- the error gate -------------------------------------------------------------------------


@dataclass(frozen=True)
class Gate:
    """What decides that a translation must not be published: the checks of ``l10n check``
    at the project's severities, with its glossary."""

    levels: dict[str, str]
    glossary: tuple[Term, ...]
    memo: object = None  # findings kept across commands (``Project.memo``)

    @property
    def errors(self) -> frozenset[str]:
        """The checks that can withhold a translation: those at error level (the others
        are not run by the build)."""
        return frozenset(name for name, level in self.levels.items() if level == "error")

    @classmethod
    def of(cls, config: Config, memo: object = None) -> Gate:
        return cls(severities(config), tuple(load_glossary(config.glossary)), memo)


def withheld(
    po: polib.POFile, lang: str, path: str, gate: Gate, publish_drafts: bool
) -> dict[str, Problem]:
    """The entries of a catalog a page would show whose translation has an error-level
    finding, by msgid (each with its first such problem): they are not published."""
    ctx = context_for(po, lang, gate.glossary, gate.memo)
    found: dict[str, Problem] = {}
    errors_only = gate.errors
    for entry in active_entries(po):
        if publishable_text(entry, publish_drafts) is None:
            continue
        problems, _ = entry_problems(entry, ctx, path, gate.levels, errors_only)
        errors = [p for p in problems if p.severity == "error"]
        if errors:
            found[entry.msgid] = errors[0]
    return found


def withheld_warning(problem: Problem, where: str) -> str:
    """The build's line for a translation it did not publish: which, where and why."""
    msgid = problem.msgid if len(problem.msgid) <= 60 else problem.msgid[:59] + "…"
    return (
        f"{problem.file}:{problem.line}: not published in {where}, shown in English "
        f"({problem.check}: {problem.message}): {msgid!r}"
    )


# ---- plan and write -------------------------------------------------------------------------


@dataclass(frozen=True)
class Output:
    """A file a build makes: the digest of its bytes, and where they wait to be put in place
    (None: the file holds them already)."""

    digest: str
    staged: Path | None


@dataclass
class BuildPlan:
    """Everything a build will do, known before anything is put in place."""

    files: dict[Path, Output] = field(default_factory=dict)
    remove: list[Path] = field(default_factory=list)
    pages: list[PageStatus] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    kept: int = 0  # outputs up to date, known from the ledger
    known_pages: list[PageStatus] = field(default_factory=list)  # of ``pages``: from the ledger
    fresh_warnings: list[str] = field(default_factory=list)  # of ``warnings``: of those read
    emptied: list[Path] = field(default_factory=list)  # folders of ``remove``: gone if empty
    # pages of documents taken whole with their groups (``ledger.Groups``), not listed in
    # ``pages``: how many, built, built with fallbacks, and their translations withheld
    counted: dict[str, int] = field(default_factory=dict)

    def add(self, other: BuildPlan) -> None:
        self.files.update(other.files)
        self.remove += other.remove
        self.pages += other.pages
        self.warnings += other.warnings
        self.fresh_warnings += other.warnings
        self.kept += other.kept


@dataclass
class BuildResult:
    written: list[Path]
    unchanged: int  # outputs that were already as they should be
    removed: list[Path]
    pages: list[PageStatus]
    warnings: list[str]
    rendered: list[PageStatus] = field(default_factory=list)  # the pages made this run
    fresh_warnings: list[str] = field(default_factory=list)  # said of the documents read
    counted: dict[str, int] = field(default_factory=dict)  # pages not in ``pages`` (BuildPlan)


def summary(result: BuildResult) -> str:
    """The build's first line: files written, unchanged and removed, then pages built (and how
    many of them fall back to English) and not built."""
    pages, counted = result.pages, result.counted
    built = sum(1 for p in pages if p.published) + counted.get("built", 0)
    partial = sum(1 for p in pages if p.published and p.fallbacks) + counted.get("partial", 0)
    held = sum(p.withheld for p in pages) + counted.get("withheld", 0)
    count = len(pages) + counted.get("pages", 0)
    line = (
        f"{len(result.written)} written, {result.unchanged} unchanged, "
        f"{len(result.removed)} removed; {built} pages built"
        f" ({partial} with English fallback), {count - built} not built"
    )
    if held:
        line += f"; {held} translation{'s' * (held != 1)} withheld for errors"
    return line


def output_path(config: Config, code: str, stem: str, fmt: str) -> Path:
    """Where a format of a document in a language goes (``fmt`` "mo" for the catalog)."""
    if fmt == "mo":
        return config.build_dir / "locale" / code / "LC_MESSAGES" / f"{stem}.mo"
    return config.build_dir / code / f"{stem}.{fmt}"


def plan_document(
    config: Config,
    path: Path,
    doc: Document,
    catalogs: list[Catalog],
    selected: set[str],
    formats: tuple[str, ...],
    gate: Gate,
    staging: files.Staging,
) -> tuple[BuildPlan, IndexEntry]:
    """One document's outputs in every selected language (``catalogs``: one per configured
    language), staged, and its line of the index."""
    source = language_info(config.source_language)
    result = BuildPlan()
    versions = [
        _translate(config, doc, path, lang, source, loaded, gate)
        for lang, loaded in zip(config.languages, catalogs)
    ]
    published = [source] + [v.status.language for v in versions if v.status.published]
    up = relative_root(doc.name)
    links = [Link(lang, page_href(lang.code, doc.name, "html", up)) for lang in published]
    english = original(doc, source)
    for fmt in formats:
        target = output_path(config, source.code, doc.name, fmt)
        result.files[target] = _stage(staging, target, _render(english, fmt, links))
    for version in versions:
        if version.status.language.code in selected:
            _plan_version(config, result, doc.name, version, formats, links, staging)
    statuses = tuple(v.status for v in versions)
    return result, IndexEntry(doc.name, english.title, source, statuses)


def finish(
    config: Config,
    result: BuildPlan,
    index: list[IndexEntry],
    stems: list[str],
    selected: set[str],
    formats: tuple[str, ...],
    staging: files.Staging,
    gone: list[Path] | None = None,
    listed: list[str] | None = None,
    rows: IndexRows | None = None,
) -> None:
    """Add the index page and the removal of stale outputs to a plan: ``gone``, where known
    (``_outputs_gone``), else those found listing the output folders (each added to
    ``listed``). With ``rows``, the index's folders as they were found (``IndexRows``): a
    quiet folder's page is kept, and ``index`` holds the documents not kept."""
    codes = [config.source_language, *sorted(selected)]
    result.remove += gone if gone is not None else _orphans(config, codes, stems, listed)
    if selected == {lang.code for lang in config.languages}:
        result.remove += _orphans(config, _dropped_languages(config), [])
    _plan_index(config, result, index, formats, staging, rows)
    result.remove = [p for p in dict.fromkeys(result.remove) if p not in result.files]
    result.emptied = _emptied(config, result.remove)


def _plan_index(
    config: Config,
    result: BuildPlan,
    index: list[IndexEntry],
    formats: tuple[str, ...],
    staging: files.Staging,
    rows: IndexRows | None = None,
) -> None:
    """Add the index to a plan: ``build/index.html`` lists the documents at the top of the
    source folder and each folder of documents, whose own page, ``build/index/<folder>/
    index.html``, lists the documents in it (a decade's archive in month folders: pages of
    a month's articles, not one of 100,000). A folder's page no folder needs any more goes.
    With ``rows``, a quiet folder's page is kept as it is (``IndexRows``)."""
    title = f"{config.project_name}: articles in every language"
    if rows is None:
        rows = IndexRows.unrecorded([entry.stem for entry in index])
    rows.pages(index, formats, rows.rendered, rows.expand)
    folders = rows.folders
    top = [line for _, line, _ in folders[""].docs] if "" in folders else []
    summaries = [rows.summary(folder) for name, folder in folders.items() if name]
    summaries.sort(key=lambda summary: summary.name.split("/"))
    page = config.build_dir / "index.html"
    result.files[page] = _stage(
        staging, page, render_index(top, formats, title, summaries).encode()
    )
    for name, folder in folders.items():
        if not name:
            continue
        if folder.quiet:
            result.kept += 1  # its page as the last build wrote it
            continue
        page = _folder_index_path(config, name)
        lines = [line for _, line, _ in folder.docs]
        html = render_index(lines, formats, f"{config.project_name}: {name}", folder=name)
        result.files[page] = _stage(staging, page, html.encode())
    pages = config.build_dir / "index"
    if pages.is_dir():
        result.remove += [
            pages / relative
            for relative in files.below(pages, (".html",))
            if relative.rpartition("/")[0] not in folders or not relative.endswith("/index.html")
        ]


def _folder_index_path(config: Config, folder: str) -> Path:
    """Where a folder's page of the index goes: ``build/index/<folder>/index.html``."""
    return config.build_dir / "index" / folder / "index.html"


def _plan_version(
    config: Config,
    result: BuildPlan,
    stem: str,
    version: _Version,
    formats: tuple[str, ...],
    links: list[Link],
    staging: files.Staging,
) -> None:
    """Add one language's outputs of a document to the plan (or their removal, when the
    language is not published)."""
    code = version.status.language.code
    result.pages.append(version.status)
    result.warnings += version.warnings
    if not version.status.published:
        result.remove += [output_path(config, code, stem, f) for f in (*FORMATS, "mo")]
        return
    for fmt in formats:
        target = output_path(config, code, stem, fmt)
        result.files[target] = _stage(staging, target, _render(version.article, fmt, links))
    if version.catalog is not None:
        target = output_path(config, code, stem, "mo")
        mo = compile_mo(version.catalog, version.withheld)
        result.files[target] = _stage(staging, target, mo)


@dataclass(frozen=True)
class _Version:
    """A document in one language: its article, its catalog and what to tell the user."""

    status: PageStatus
    article: Article
    catalog: polib.POFile | None
    warnings: tuple[str, ...]
    withheld: frozenset[str] = frozenset()


def _translate(
    config: Config,
    doc: Document,
    path: Path,
    lang: Language,
    source: LanguageInfo,
    loaded: Catalog,
    gate: Gate,
) -> _Version:
    """``doc`` localised with its catalog in ``lang`` (a missing one: a warning); a translation
    with an error-level finding is not published (a warning says which and why)."""
    po_path = loaded.path
    po = None if loaded.missing else loaded.po
    info = language_info(lang.code)
    errors = {}
    if po is not None:
        errors = withheld(po, lang.code, config.relative(po_path), gate, config.publish_drafts)
    held = frozenset(errors)
    article = localise(doc, po, info, source, config.fallback, config.publish_drafts, held)
    where = f"{lang.code}/{doc.name}"
    status = PageStatus(
        stem=doc.name,
        language=info,
        coverage=article.coverage,
        publishable=article.publishable,
        threshold=lang.min_build_coverage,
        catalog=config.relative(po_path) if po is not None else None,
        fallbacks=article.fallbacks,
        segments=article.segments,
        withheld=len(held),
    )
    # (a page not built shows no sentence: its "not built" line counts those withheld)
    shown = errors.values() if status.published else ()
    warnings = [withheld_warning(problem, where) for problem in shown]
    if po is None:
        warnings.append(
            f"{config.relative(po_path)}: not found; {lang.code} is built from the source "
            "(0% translated)"
        )
    else:
        missing = {s.text for s in doc.segments()} - {e.msgid for e in po if not e.obsolete}
        if missing:
            warnings.append(
                f"{config.relative(po_path)}: {len(missing)} sentences of "
                f"{config.relative(path)} are not in the catalog (run `l10n update`)"
            )
    return _Version(status, article, po, tuple(warnings), held)


def _stage(staging: files.Staging, target: Path, data: bytes) -> Output:
    """``data`` for ``target``: staged, unless ``target`` holds it already."""
    if files.holds(target, data):
        return Output(files.digest(data), None)
    return Output(files.digest(data), staging.put(data))


def _render(article: Article, fmt: str, links: list[Link]) -> bytes:
    if fmt == "txt":
        return render_text(article).encode("utf-8")
    if fmt == "md":
        return render_markdown(article).encode("utf-8")
    return render_html(article, links).encode("utf-8")


def _output_folders(config: Config, codes: list[str]) -> list[tuple[Path, tuple[str, ...]]]:
    """The folders a language's outputs go in (and below them), each with its suffixes."""
    return [
        (folder, suffixes)
        for code in codes
        for folder, suffixes in (
            (config.build_dir / code, tuple(f".{fmt}" for fmt in FORMATS)),
            (config.build_dir / "locale" / code / "LC_MESSAGES", (".mo",)),
        )
    ]


def _orphans(
    config: Config, codes: list[str], stems: list[str], walked: list[str] | None = None
) -> list[Path]:
    """Outputs of documents that no longer have a source, in the language folders and the
    folders below them: stale, so removed. Each folder listed is added to ``walked``."""
    known = set(stems)
    found: list[Path] = []
    for folder, suffixes in _output_folders(config, codes):
        if folder.is_dir():
            found += [
                folder / relative
                for relative in files.below(folder, suffixes, walked)
                if without_suffix(relative) not in known and (folder / relative).is_file()
            ]
    return sorted(found)


def _outputs_gone(
    config: Config, step: Step, folders: Folders, codes: list[str], stems: list[str]
) -> list[Path] | None:
    """``_orphans`` without listing the output folders, where none changed since the last
    full build recorded them (``ledger.Folders``): then the files in them are that build's
    outputs, and the stale ones are those of its documents gone since, which the groups of
    documents found (``Ledger.suspects``, each a document's source; a suspect whose document
    is still made, from a source of another kind, leaves its outputs). None where the folders
    are to be listed."""
    state = step.ledger.state
    if not state.by_item or not folders.unchanged():
        return None
    known = set(stems)
    gone = set()
    for item in step.ledger.suspects:
        with contextlib.suppress(ValueError):  # a key that is no source's
            name = config.document_name(state.root / item)
            if name not in known:
                gone.add(name)
    found = [
        output_path(config, code, name, fmt)
        for name in gone
        for code in codes
        for fmt in (*FORMATS, "mo")
    ]
    return sorted(path for path in found if path.is_file())


def _record_folders(
    config: Config,
    folders: Folders,
    codes: list[str],
    stems: list[str],
    listed: list[str] | None,
    made: list[Path],
) -> None:
    """Record the output folders as this full build left them (``ledger.Folders``): each
    language's own, there or not, and every folder below them. Those it ``listed`` (where it
    did) and those it wrote or removed outputs in are listed again, each after its state is
    seen, and recorded only if every output in them is a document's (``stems``) and every
    folder in them is one of those recorded; the others keep the states the build found them
    in at its start. Where one is not as it should be, nothing is recorded: the next build
    lists them all."""
    relative = folders.state.relative
    tops = _output_folders(config, codes)
    again = {top for top, _ in tops} if listed is not None else set()
    again.update(Path(folder) for folder in listed or ())
    for path in made:  # the folders of the outputs written or removed, up to a language's own
        for top, _ in tops:
            if top in path.parents:
                again.update(path.parents[: path.parents.index(top) + 1])
    keys = {relative(folder): folder for folder in again}
    kept = {key: state for key, state in folders.recorded.items() if key not in keys}
    every = set(kept) | set(keys)
    states = folders.settled(keys)
    if states is None:
        return
    known = set(stems)
    for key, folder in keys.items():
        if states[key] is None:
            continue
        top, suffixes = next((t, x) for t, x in tops if t == folder or t in folder.parents)
        below = folder.relative_to(top).as_posix()
        prefix = "" if below == "." else below + "/"
        with os.scandir(folder) as entries:
            for entry in entries:  # an archive's flat folder holds 30,000 outputs
                if entry.is_dir(follow_symlinks=False):
                    if relative(entry.path) not in every:
                        return
                elif entry.name.endswith(suffixes):
                    if prefix + without_suffix(entry.name) not in known:
                        return
    folders.record({**kept, **states})


def _emptied(config: Config, removed: list[Path]) -> list[Path]:
    """The folders of document names (``build/<lang>/2026/12``) that ``removed`` outputs are
    in, to be removed once nothing else is left in them; a language's own folder is kept, as
    it always was."""
    folders = set()
    for path in removed:
        parts = path.relative_to(config.build_dir).parts
        # locale/<lang>/LC_MESSAGES/<name>.mo, <lang>/<name>.<format>, index/<folder>/index.html
        depth = 4 if parts[0] == "locale" else 2
        folders.update(path.parents[: len(parts) - depth])
    return sorted(folders)


def _dropped_languages(config: Config) -> list[str]:
    """Languages the build folder has pages of that the settings no longer name: their
    pages are stale (a language taken out of the settings is no longer published)."""
    kept = {config.source_language, *(lang.code for lang in config.languages)}
    found = set()
    for folder in (config.build_dir, config.build_dir / "locale"):
        if folder.is_dir():
            found |= {
                p.name
                for p in folder.iterdir()
                if p.is_dir() and not p.is_symlink() and valid_language_code(p.name)
            }
    return sorted(found - kept)


def apply(result: BuildPlan) -> BuildResult:
    """Put the staged files in place (those whose bytes differ) and remove stale outputs."""
    written, unchanged, removed = [], result.kept, []
    for path, output in result.files.items():
        if output.staged is None:
            unchanged += 1
        else:
            files.install(output.staged, path)
            written.append(path)
    for path in result.remove:
        if path.exists():
            path.unlink()
            removed.append(path)
    files.remove_empty(result.emptied)
    known = set(map(id, result.known_pages))
    rendered = [p for p in result.pages if id(p) not in known]
    fresh = result.fresh_warnings
    return BuildResult(
        written, unchanged, removed, result.pages, result.warnings, rendered, fresh, result.counted
    )


def describe(page: PageStatus) -> str:
    """One line for the build's report: built (and how much fell back) or not, and why."""
    where = f"{page.language.code}/{page.stem}"
    done = f"{floor_percent(page.publishable)} translated"
    held = f", {page.withheld} withheld for errors" if page.withheld else ""
    if not page.published:
        return f"not built: {where}: {done}, below the {page.threshold:g}% needed{held}"
    if page.fallbacks:
        falls = f"{page.fallbacks} of {page.segments} sentences fall back"
        return f"built: {where}: {done}, {falls}{held}"
    return f"built: {where}: {done}"


# ---- the command: costing what changed --------------------------------------------------


def run_build(
    project: Project,
    languages: list[Language],
    formats: tuple[str, ...] = FORMATS,
    progress: Callable[[int, int], None] | None = None,
    jobs: int = 1,
    itemised: bool = False,
) -> BuildResult:
    """``l10n build``: render the documents whose source, catalogs or settings changed since
    the last full build (or whose outputs are not as it left them); the others are not read.
    The index is made anew from every document's status. A build of some languages or
    formats only renders everything it is asked for and records nothing.

    The documents to render are rendered one at a time, in up to ``jobs`` processes
    (``pipeline.parallel``), into a staging folder; only when every one of them is made are
    the changed files put in place, so a bad catalog leaves ``build/`` as it was, and memory
    holds one document per process, not the archive. ``progress(done, total)`` is told as
    documents are looked at, then as they are rendered. Documents known built as they are
    by a group of them taken whole are counted (``BuildResult.counted``), not listed, and
    their folders' pages of the index kept, unless ``itemised``."""
    config = project.config
    formats = tuple(f for f in FORMATS if f in formats) or FORMATS
    selected = {lang.code for lang in languages}
    full = selected == {lang.code for lang in config.languages} and formats == FORMATS
    step = project.step("build", BuildFact)
    ledger = step.ledger
    settings = settings_digest(config, "build")
    result, index = BuildPlan(), []
    stale: list[tuple[int, Path, dict]] = []
    listing = config.source_listing()  # each source by its document's name
    if not listing:
        project.sources()  # (the error)
    folder = str(config.source_dir)
    names = list(listing)
    sources = [f"{folder}/{relative}" for relative in listing.values()]  # (as ``sources()``)
    items = [ledger.item(source) for source in sources]
    stems = dict(zip(items, names))
    groups = _groups(config, step, settings, stems) if full else None
    rows = IndexRows(step.ledger.state, settings, config.project_name) if full else None
    trusted, kept = {}, set()
    if groups is not None:  # the documents whose group's files are as recorded
        take = functools.partial(_taken, config, stems)
        trusted = groups.trusted(items, take, None if itemised else _whole)
        kept = groups.kept
        # the index's folders: a document kept whose line the index's rows do not hold has
        # its group read after all
        item_of = dict(zip(names, items))
        page_state = functools.partial(_page_state, config, step.ledger.state)
        missing = rows.find(names, lambda name: item_of[name] in kept, page_state)
        for group in dict.fromkeys(groups.group(item_of[name]) for name in missing):
            if group in groups.whole:
                trusted.update(groups.expand(group, take))
    for number, source in enumerate(sources):
        if progress is not None:
            progress(number, 2 * len(sources))
        name = names[number]
        if items[number] in kept:
            continue
        if items[number] in trusted:
            index.append(_add(result, trusted.pop(items[number])))
            continue
        path = Path(source)  # (made only for a document looked at)
        inputs = {
            "source": ledger.digest(path),
            "settings": settings,
            "glossary": ledger.digest(config.glossary),
        }
        for lang in config.languages:
            inputs[lang.code] = ledger.digest(config.po_key(lang.code, name))
        fact = step.known(str(path), inputs) if full else None
        if fact is not None and _outputs_intact(config, step, str(path), inputs, fact, name):
            index.append(_known(config, fact, name, result))
            continue
        stale.append((len(index), path, inputs))
        index.append(None)  # its place, filled when it is rendered
    memo = project.memo()
    with files.Staging(config.state_folder()) as staging:
        how = _Rendering(config, selected, formats, Gate.of(config), StateHandle(project.state()))
        work = functools.partial(_render_stale, how, staging)
        made = parallel.ordered(work, [path for _, path, _ in stale], jobs)
        fresh = []
        for done, ((place, path, inputs), (part, entry, new)) in enumerate(zip(stale, made)):
            if progress is not None:
                progress(len(sources) + done, len(sources) + len(stale))
            memo.new.update(new)
            memo.spill()
            result.add(part)
            index[place] = entry
            fresh.append((path, inputs, part, entry))
        codes = [config.source_language, *sorted(selected)]
        folders = Folders(step.ledger.state, "build folders", {"settings": settings})
        gone = _outputs_gone(config, step, folders, codes, names) if groups else None
        listed: list[str] = []
        if rows is not None:  # the index's folders: a page made again from their lines
            rows.rendered = {entry.stem for *_, entry in fresh}
            rows.expand = functools.partial(
                _expand, config, step, groups, take, result, stems, item_of
            )
        finish(config, result, index, names, selected, formats, staging, gone, listed, rows)
        if groups is not None:
            _count_whole(result, groups.whole)
        done = apply(result)
        gone = _dropped_languages(config) if full else []
        copied, uncopied = pictures.mirror(config, step.ledger.state, codes, gone)
        done.written += copied
        done.removed += uncopied
    done.rendered = _worth_telling(config, done)
    if full:  # a partial build's outputs are not all a document's: nothing to trust later
        _record(config, step, fresh)
        _record_groups(config, groups, items)
        rows.record(functools.partial(_page_state, config, step.ledger.state, steady=True))
        if gone is None or done.written or done.removed:
            made = [*done.written, *done.removed]
            _record_folders(
                config, folders, codes, names, None if gone is not None else listed, made
            )
    return done


def _expand(
    config: Config,
    step: Step,
    groups: Groups,
    take: Callable,
    result: BuildPlan,
    stems: dict[str, str],
    item_of: dict[str, str],
    names: list[str],
) -> list[IndexEntry]:
    """The entries of documents kept whose lines the index does not hold: their groups read
    after all, each document added to the plan (a group whose items cannot be read: each
    document's own fact, as recorded with it)."""
    entries = []
    for group in dict.fromkeys(groups.group(item_of[name]) for name in names):
        if group not in groups.whole:
            continue
        members = groups.members(group)
        found = groups.expand(group, take)
        for item in members:
            if item in found:
                entries.append(_add(result, found[item]))
                continue
            fact = step.load(step.ledger.load(item) or {})
            if fact is None:
                raise L10nError("the build's state is damaged: run the build again", item)
            entries.append(_add(result, _entry(config, fact, stems[item])))
    return entries


def _taken(config: Config, stems: dict[str, str], item: str, _: dict, fact: BuildFact):
    """What the build takes of a document a group of them knows (``_entry``)."""
    return _entry(config, fact, stems[item])


def _whole(totals: dict) -> bool:
    """Whether a group's totals can stand for its documents (``_group_totals``)."""
    return all(isinstance(totals.get(key), int) for key in _TOTALS)


_TOTALS = ("outputs", "pages", "built", "partial", "withheld")


def _group_totals(facts: list[tuple[str, dict]]) -> dict:
    """What a group of documents' facts add up to: their outputs, and their pages, built,
    built with fallbacks and translations withheld, as the build's summary counts them."""
    totals = dict.fromkeys(_TOTALS, 0)
    for _, body in facts:
        totals["outputs"] += len(body["outputs"])
        for page in body["pages"]:
            status = _status_from_fact("", page)
            totals["pages"] += 1
            totals["built"] += status.published
            totals["partial"] += status.published and bool(status.fallbacks)
            totals["withheld"] += status.withheld
    return totals


def _count_whole(result: BuildPlan, whole: dict[str, dict]) -> None:
    """Add the totals of the groups taken whole to a plan: their outputs are kept, their
    pages counted."""
    for totals in whole.values():
        result.kept += totals["outputs"]
        for key in _TOTALS[1:]:
            result.counted[key] = result.counted.get(key, 0) + totals[key]


def _page_state(config: Config, state, folder: str, steady: bool = False) -> str | None:
    """The state of a folder's page of the index now (``State.signature``); with
    ``steady``, None where it proves nothing of a later change (``State.steady``)."""
    signature = state.signature(state.relative(_folder_index_path(config, folder)))
    return signature if not steady or state.steady(signature) else None


def _groups(config: Config, step: Step, settings: str, stems: dict[str, str]) -> Groups:
    """The build's facts by group of documents (``ledger.Groups``): a document's files are
    its source (``stems``: each source's document), its catalogs and its outputs; the
    glossary, which every document reads, is among the inputs every group shares, by its
    state. A path of one of those is the file of the document of its name (``owners``)."""
    codes = [lang.code for lang in config.languages]
    glossary = step.ledger.state.signature(step.ledger.state.relative(config.glossary))
    locales, build = config.relative(config.locales_dir), config.build_key
    places = [(config.source_key, "")]
    places += [(f"{locales}/{code}/LC_MESSAGES", ".po") for code in codes]
    places += [(f"{build}/locale/{code}/LC_MESSAGES", ".mo") for code in codes]
    places += [(f"{build}/{code}", "") for code in (config.source_language, *codes)]
    item_of: dict[str, str] = {}

    def owners(key: str) -> tuple[str, ...]:
        if not item_of:
            item_of.update((stem, item) for item, stem in stems.items())
        for folder, suffix in places:
            stem = config.stem_of(key, folder, suffix)
            if stem is not None and stem in item_of:
                return key, item_of[stem]
        return (key,)

    def named(item: str, body: dict) -> list[str]:
        stem = stems[item]
        made = []
        for name in body["outputs"]:
            code, _, fmt = name.rpartition(".")
            made.append(output_key(config, code, stem, fmt))
        return [config.po_key(code, stem) for code in codes] + made

    def slim(body: dict) -> dict:  # what the trusted take (``_entry``): the outputs' names
        outputs = {name: [] for name in body["outputs"]}
        return {**{k: v for k, v in body.items() if k != "inputs"}, "outputs": outputs}

    shared = {"settings": settings, "glossary": glossary or ""}
    return Groups(
        step, shared, named, slim, owners=owners, totals=_group_totals, suffixes=SOURCE_SUFFIXES
    )


def _record_groups(config: Config, groups: Groups, items: list[str]) -> None:
    """Record the groups of documents for the next run (``Groups.learn``), where their files'
    states prove the facts: the source and catalogs as digested this run, the outputs as the
    facts recorded them."""
    state = groups.state
    glossary = groups.shared["glossary"]
    if glossary and not state.steady(glossary):
        return  # the glossary may change in the same tick unseen: nothing to trust next time

    def states(item: str, body: dict) -> list[str | None]:
        named = groups.files(item, body)
        seen = [state.seen_state(key) for key in (item, *named[: len(config.languages)])]
        return seen + [kept or None for _, kept in body["outputs"].values()]

    groups.learn(items, states)


@dataclass(frozen=True)
class BuildFact:
    """What a full ``build`` knows of a document it rendered: its outputs, each named by its
    language and format (``ko.html``, ``ko.mo``; ``output_key``) with its digest and its file
    state then (``""`` where that proves nothing), its title, its pages' statuses, its
    warnings and its lines of the index."""

    outputs: dict[str, list[str]]  # "<lang>.<format>" → [digest, file state or ""]
    title: str
    pages: list[dict]
    warnings: list
    index: str


@dataclass(frozen=True)
class _Rendering:
    """What rendering one document needs, the same in every worker process."""

    config: Config
    selected: set[str]
    formats: tuple[str, ...]
    gate: Gate
    state: StateHandle  # for the findings memo


def _render_stale(
    how: _Rendering, staging: files.Staging, path: Path
) -> tuple[BuildPlan, IndexEntry, dict[str, str]]:
    """One document read, localised and rendered into ``staging``: its part of the plan, its
    line of the index, and the findings the memo learnt meanwhile."""
    project = Project(how.config)
    [(_, doc)] = project.read_documents([path])
    loaded = [project.catalog(lang, doc.name, template=False) for lang in how.config.languages]
    memo = how.state.open().memo
    gate = dataclasses.replace(how.gate, memo=memo)
    part, entry = plan_document(
        how.config, path, doc, loaded, how.selected, how.formats, gate, staging
    )
    return part, entry, memo.take_new()


def _worth_telling(config: Config, result: BuildResult) -> list[PageStatus]:
    """Of the pages made this run, those not built and those whose files were written or
    removed: what a quiet build lists."""
    touched = {*result.written, *result.removed}
    return [
        page
        for page in result.rendered
        if not page.published
        or any(
            output_path(config, page.language.code, page.stem, fmt) in touched
            for fmt in (*FORMATS, "mo")
        )
    ]


def output_key(config: Config, code: str, stem: str, fmt: str) -> str:
    """``output_path`` relative to the project, as the state keys files (made as a string:
    a build of an archive asks for every output's)."""
    build = config.build_key
    if fmt == "mo":
        return f"{build}/locale/{code}/LC_MESSAGES/{stem}.mo"
    return f"{build}/{code}/{stem}.{fmt}"


def _record(config: Config, step: Step, fresh: list) -> None:
    """What the build made of each document it rendered, and the outputs' file states."""
    state = step.ledger.state
    for path, inputs, part, entry in fresh:
        outputs = {}
        for target, output in part.files.items():
            # named by language and format (the document is the fact's item):
            # build/<lang>/<name>.<format>, build/locale/<lang>/LC_MESSAGES/<name>.mo
            fmt = target.suffix[1:]
            code = target.relative_to(config.build_dir).parts[1 if fmt == "mo" else 0]
            # its file state now, so that the next run need only look at it
            signature = state.signature(output_key(config, code, entry.stem, fmt))
            outputs[f"{code}.{fmt}"] = [output.digest, signature if state.steady(signature) else ""]
        fact = BuildFact(
            outputs,
            entry.title,
            [_status_fact(s) for s in entry.pages],
            part.warnings,
            index_entry(entry, FORMATS),  # a full build's: the only one recorded
        )
        step.learn(str(path), inputs, fact)


def _outputs_intact(
    config: Config, step: Step, item: str, inputs: dict, fact: BuildFact, stem: str
) -> bool:
    """Whether a document's outputs hold what the build wrote: each as it was then (size,
    times, inode), or else with the bytes it wrote, in which case their states now are
    recorded (a moved checkout, a restored cache: read once, not on every run)."""
    state, now = step.ledger.state, {}
    for name, (digest, seen) in fact.outputs.items():
        code, _, fmt = name.rpartition(".")
        key = output_key(config, code, stem, fmt)
        signature = state.signature(key)
        if signature is not None and seen == signature:
            continue
        try:
            if signature is None or files.file_digest(state.full(key)) != digest:
                return False
        except (L10nError, OSError):  # not a file to read: not what the build wrote
            return False
        now[name] = [digest, signature if state.steady(signature) else ""]
    if now:
        step.learn(item, inputs, dataclasses.replace(fact, outputs={**fact.outputs, **now}))
    return True


def _known(config: Config, fact: BuildFact, stem: str, result: BuildPlan) -> IndexEntry:
    """A document the ledger knows to be built as it is: its statuses and warnings go to the
    plan, its outputs are kept."""
    return _add(result, _entry(config, fact, stem))


def _entry(config: Config, fact: BuildFact, stem: str) -> tuple[IndexEntry, list, int]:
    """What the plan takes of a document built as it is: its line of the index (with its
    pages' statuses), its warnings and how many outputs it keeps."""
    pages = tuple(_status_from_fact(stem, page) for page in fact.pages)
    source = language_info(config.source_language)
    return IndexEntry(stem, fact.title, source, pages, fact.index), fact.warnings, len(fact.outputs)


def _add(result: BuildPlan, known: tuple[IndexEntry, list, int]) -> IndexEntry:
    entry, warnings, kept = known
    result.pages += entry.pages
    result.warnings += warnings
    result.kept += kept
    result.known_pages += entry.pages
    return entry


def _status_fact(status: PageStatus) -> dict:
    return {
        "language": status.language.code,
        "coverage": status.coverage,
        "publishable": status.publishable,
        "threshold": status.threshold,
        "catalog": status.catalog,
        "fallbacks": status.fallbacks,
        "segments": status.segments,
        "withheld": status.withheld,
    }


def _status_from_fact(stem: str, fact: dict) -> PageStatus:
    return PageStatus(
        stem,
        language_info(fact["language"]),
        fact["coverage"],
        fact["publishable"],
        fact["threshold"],
        fact["catalog"],
        fact["fallbacks"],
        fact["segments"],
        fact.get("withheld", 0),
    )
