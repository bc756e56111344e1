"""The review pages for translators: ``build/review/<lang>/<doc>.html``, one per article and
language, and ``build/review/index.html`` listing them with what needs a person.

Every segment side by side (source | translation | state | problems | MT score), what needs a
person most first: entries with errors, then machine drafts from the lowest score up, then
entries that need work, untranslated ones, ones with warnings, and finally the finished ones.
Each source sentence shows its paragraph as context. Everything from a catalog or a source
file is untrusted text and is escaped.
"""

from __future__ import annotations

import html
from urllib.parse import quote
from importlib.resources import files as resources
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import product
from pathlib import Path

import polib

from pipeline import checks, qa
from pipeline.config import Config, Language, relative_root, settings_digest
from pipeline.errors import L10nError
from pipeline.files import below, remove_empty
from pipeline.glossary import load_glossary
from pipeline.languages import bcp47, language_name
from pipeline.percent import floor_percent
from pipeline.project import Catalog, Project
from pipeline.report import counted
from pipeline.segment import TAG
from pipeline.state import active_entries, provenance, state


@dataclass
class Item:
    """One segment as the review page shows it."""

    file: str
    line: int
    order: int  # position in its catalog
    msgid: str
    translation: str
    state: str
    problems: list[qa.Problem] = field(default_factory=list)
    score: float | None = None
    context: str | None = None  # the source paragraph the sentence comes from


def priority(item: Item) -> tuple:
    """Sort key: errors, MT drafts (lowest score first, unscored after), needs work,
    untranslated, warnings, done; source order within each group."""
    if any(p.severity == "error" for p in item.problems):
        group = 0
    elif item.state == "machine":
        group = 1
    elif item.state == "needs_work":
        group = 2
    elif item.state == "untranslated":
        group = 3
    elif item.problems:
        group = 4
    else:
        group = 5
    score = item.score if group == 1 and item.score is not None else float("inf")
    return (group, score, item.file, item.order)


def needs_person(item: Item) -> bool:
    """An error, an MT draft, a fuzzy or an empty entry: someone has to act on it."""
    return priority(item)[0] < 4


def translation_text(entry: polib.POEntry) -> str:
    if not entry.msgid_plural:
        return entry.msgstr
    forms = sorted((int(k), v) for k, v in entry.msgstr_plural.items())
    return "\n".join(f"[{i}] {text}" for i, text in forms)


# A source article is a few KB; a reference to anything larger is not read.
MAX_SOURCE_BYTES = 16 << 20


class Paragraphs:
    """Source paragraphs by (reference, line), read once per source file.

    References come from catalogs, which are contributed files: one is followed only to a
    regular file inside the project's source directory, of bounded size; any other
    (``/etc/passwd``, ``../../secret``, ``/dev/zero``, a link out of the folder) gives no
    context."""

    def __init__(self, config: Config):
        self.config = config
        self.cache: dict[str, dict[int, str]] = {}
        try:
            self.sources = config.source_dir.resolve()
        except (OSError, RuntimeError):
            self.sources = None

    def source_file(self, reference: str) -> Path | None:
        """The source file ``reference`` names, when it is one this page may read."""
        import os
        import stat

        if not reference or "\x00" in reference or self.sources is None:
            return None
        relative = Path(reference)
        if relative.is_absolute() or ".." in relative.parts:
            return None
        try:
            path = (self.config.root / relative).resolve(strict=True)
            path.relative_to(self.sources)
            info = os.stat(path)
        except (OSError, ValueError, RuntimeError):
            return None
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_SOURCE_BYTES:
            return None
        return path

    def _read(self, reference: str) -> dict[int, str]:
        from pipeline.segment import decode
        from pipeline.sources import parse_source

        path = self.source_file(reference)
        if path is None:
            return {}
        try:
            with open(path, "rb") as handle:
                data = handle.read(MAX_SOURCE_BYTES + 1)
            if len(data) > MAX_SOURCE_BYTES:
                return {}
            config = self.config
            doc = parse_source(
                decode(data, path), path, config.chrome_patterns, config.label_patterns
            )
        except (OSError, L10nError):
            return {}
        return {b.line: b.text for b in doc.blocks}

    def find(self, entry: polib.POEntry) -> str | None:
        for reference, line in entry.occurrences:
            if reference not in self.cache:
                self.cache[reference] = self._read(reference)
            try:
                text = self.cache[reference].get(int(line))
            except ValueError:
                text = None
            if text:
                return text
        return None


def items(
    config: Config,
    catalogs: list[Catalog],
    paragraphs: Paragraphs | None = None,
    memo: object = None,
) -> list[Item]:
    """Every active entry of one language's catalogs (as ``Project.catalogs`` loads them),
    checked (drafts included), in review order."""
    glossary = load_glossary(config.glossary)
    levels = checks.severities(config)
    paragraphs = paragraphs or Paragraphs(config)
    result = []
    for loaded in catalogs:
        po = loaded.po
        where = config.relative(loaded.path)
        ctx = checks.context_for(po, loaded.language, glossary, memo)
        for order, entry in enumerate(active_entries(po)):
            problems, _ = qa.entry_problems(entry, ctx, where, levels)
            origin = provenance(entry)
            result.append(
                Item(
                    file=where,
                    line=int(getattr(entry, "linenum", None) or 0),
                    order=order,
                    msgid=entry.msgid,
                    translation=translation_text(entry),
                    state=state(entry),
                    problems=problems,
                    score=origin.score if origin else None,
                    context=paragraphs.find(entry),
                )
            )
    return sorted(result, key=priority)


STATE_LABELS = {
    "translated": "translated",
    "machine": "MT draft",
    "needs_work": "needs work",
    "untranslated": "untranslated",
}

STYLE = "\n" + resources("pipeline").joinpath("review.css").read_text(encoding="utf-8")
# Inline markup tags (<1>, </1>, <2/>) stand apart from the words around them.
STYLE += (
    ".tag { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .8em;"
    " color: #0a58a8; background: #e8f0fb; border-radius: .25rem; padding: 0 .2em; }\n"
)


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _tagged(text: str) -> str:
    """Escaped ``text`` with each inline markup tag in its own ``<span class="tag">``."""
    out, at = [], 0
    for match in TAG.finditer(text):
        out += [_e(text[at : match.start()]), f'<span class="tag">{_e(match.group())}</span>']
        at = match.end()
    return "".join(out) + _e(text[at:])


def _context(item: Item) -> str:
    if not item.context or item.context.strip() == item.msgid.strip():
        return ""
    before, found, after = item.context.partition(item.msgid)
    body = _e(before) + f"<mark>{_e(found)}</mark>" + _e(after) if found else _e(item.context)
    return f'<details><summary>paragraph</summary><p lang="en">{body}</p></details>'


def render(
    lang: str, entries: list[Item], counts: qa.Counts | None = None, doc: str | None = None
) -> str:
    """The whole page as a string (deterministic: no dates); ``doc``: the article it shows."""
    tag = _e(bcp47(lang))
    name = language_name(lang)
    article = f"{doc} — " if doc else ""
    title = f"Review: {article}{name} ({lang})"
    errors = sum(1 for i in entries for p in i.problems if p.severity == "error")
    warnings = sum(1 for i in entries for p in i.problems if p.severity != "error")
    by_state = {s: sum(1 for i in entries if i.state == s) for s in STATE_LABELS}
    summary = ", ".join(f"{n} {STATE_LABELS[s]}" for s, n in by_state.items())
    coverage = f"{floor_percent(counts.coverage)} reviewed; " if counts is not None else ""
    rows = []
    for number, item in enumerate(entries, start=1):
        problems = "".join(
            f'<li class="{_e(p.severity)}"><b>{_e(p.check)}</b> ({_e(p.severity)}): '
            f"{_e(p.message)}</li>"
            for p in item.problems
        )
        translation = (
            f'<td class="translation" lang="{tag}">{_tagged(item.translation)}</td>'
            if item.translation.strip("[]0123456789 \n")
            else '<td class="translation empty">(empty)</td>'
        )
        score = f"{item.score:.3f}" if item.score is not None else ""
        rows.append(
            f'<tr class="{_e(item.state)}" id="s{number}">'
            f"<td>{number}</td>"
            f'<td lang="en">{_tagged(item.msgid)}'
            f'<div class="where">{_e(item.file)}:{item.line}</div>'
            f"{_context(item)}</td>"
            f"{translation}"
            f'<td class="state">{_e(STATE_LABELS.get(item.state, item.state))}</td>'
            f"<td>{f'<ul class=problems>{problems}</ul>' if problems else ''}</td>"
            f"<td>{score}</td></tr>"
        )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f'<h1>Review: {_e(article)}<span lang="{tag}">{_e(name)}</span> ({_e(lang)})</h1>\n'
        + (f'<p><a href="{_e(relative_root(doc))}index.html">All articles</a></p>\n' if doc else "")
        + f'<p class="summary">{coverage}{len(entries)} segments: {_e(summary)}; '
        f"{counted(errors, 'error')}, {counted(warnings, 'warning')}. "
        "What needs a person most comes first.</p>\n"
        '<table>\n<colgroup><col class="n"><col><col><col class="state"><col>'
        '<col class="score"></colgroup>\n'
        "<thead><tr><th>#</th><th>Source</th><th>Translation</th><th>State</th>"
        "<th>Problems</th><th>MT score</th></tr></thead>\n<tbody>\n"
        + "\n".join(rows)
        + "\n</tbody>\n</table>\n</body>\n</html>\n"
    )


@dataclass(frozen=True)
class ReviewFact:
    """What ``review`` knows of a page it made: the page's digest, and its counts (segments,
    those that need a person, those with an error)."""

    page: str
    counts: list[int]


@dataclass(frozen=True)
class ReviewPage:
    """One article's review page in one language, and what it holds."""

    lang: str
    doc: str
    path: Path
    segments: int
    todo: int  # segments that need a person
    errors: int
    written: bool  # made this run (False: as the last run left it)


@dataclass
class Review:
    """What ``l10n review`` did: the article pages (made or kept), those removed, the index."""

    pages: list[ReviewPage]
    removed: list[Path]
    index: Path


def page_path(config: Config, lang: str, doc: str) -> Path:
    return config.build_dir / "review" / lang / f"{doc}.html"


def run_review(
    project: Project,
    languages: list[Language],
    docs: Sequence[str] = (),
    progress: Callable[[int, int], None] | None = None,
) -> Review:
    """``l10n review``: a page per article and language (only the ``docs`` named, else every
    one) and the index of every page. A page whose inputs (catalog, template, source, glossary,
    check settings) are what the last run saw, and whose file is as it wrote it, is not made
    again; pages of articles that no longer exist are removed. ``progress(done, total)`` is
    told before each page. The pages are staged and put in place once every one is made:
    a catalog that cannot be read fails the run with nothing changed."""
    from pipeline import files

    config = project.config
    project.check_named(docs)
    known = project.documents()
    step = project.step("review", ReviewFact, by_file=False)  # items: "<lang> <document>"
    ledger = step.ledger
    sources = (
        {config.document_name(path): path for path in config.sources()}
        if config.source_dir.is_dir()
        else {}
    )
    shared = {
        "glossary": ledger.digest(config.glossary),
        "settings": settings_digest(config, "review"),
    }
    paragraphs = Paragraphs(config)
    pages: list[ReviewPage] = []
    made = []  # (page, its staged file or None where it holds the same, inputs)
    total = len(languages) * len(docs or known)
    with files.Staging(config.state_folder()) as staging:
        for lang, doc in product(languages, docs or known):
            if progress is not None:
                progress(len(pages), total)
            path = page_path(config, lang.code, doc)
            inputs = {
                **shared,
                "catalog": ledger.digest(config.po_path(lang.code, doc)),
                "template": ledger.digest(project.template_path(doc)),
                "source": ledger.digest(sources[doc]) if doc in sources else "",
            }
            fact = step.known(f"{lang.code} {doc}", inputs)
            if fact is not None and ledger.digest(path) == fact.page:
                pages.append(ReviewPage(lang.code, doc, path, *fact.counts, written=False))
                continue
            catalog = project.catalog(lang, doc)
            entries = items(config, [catalog], paragraphs, project.memo())
            counts = qa.Counts(
                entries=len(entries),
                translated=sum(1 for i in entries if i.state == "translated"),
            )
            data = render(lang.code, entries, counts, doc).encode("utf-8")
            staged = None if files.holds(path, data) else staging.put(data)
            errors = sum(1 for i in entries if any(p.severity == "error" for p in i.problems))
            found = (len(entries), sum(1 for i in entries if needs_person(i)), errors)
            pages.append(ReviewPage(lang.code, doc, path, *found, written=True))
            made.append((pages[-1], staged, inputs))
        for page, staged, inputs in made:  # (every page made: now put in place)
            if staged is not None:
                page.path.parent.mkdir(parents=True, exist_ok=True)
                files.install(staged, page.path)
            found = [page.segments, page.todo, page.errors]
            fact = ReviewFact(ledger.digest(page.path), found)
            step.learn(f"{page.lang} {page.doc}", inputs, fact)
    removed = _remove_stale(config, set(known))
    index = config.build_dir / "review" / "index.html"
    files.write_text(index, render_index(config, known, _all_pages(config, ledger, known)))
    return Review(pages, removed, index)


def _all_pages(config: Config, ledger, documents: list[str]) -> dict[tuple[str, str], tuple]:
    """(lang, doc) → (segments, todo, errors) of every page a run has made, for the index."""
    found = {}
    for lang in config.languages:
        for doc in documents:
            fact = ledger.facts.get(f"{lang.code} {doc}")
            if fact is not None and page_path(config, lang.code, doc).exists():
                found[(lang.code, doc)] = tuple(fact["counts"])
    return found


def _remove_stale(config: Config, documents: set[str]) -> list[Path]:
    """Remove the review pages of articles that no longer exist, and the one-page-per-language
    pages earlier versions wrote (``build/review/<lang>.html``)."""
    removed = []
    folder = config.build_dir / "review"
    for lang in config.languages:
        if (folder / f"{lang.code}.html").is_file():
            (folder / f"{lang.code}.html").unlink()
            removed.append(folder / f"{lang.code}.html")
        pages = folder / lang.code
        emptied = set()
        for path in sorted(pages / relative for relative in below(pages, (".html",))):
            if config.document_name(path, pages) not in documents:
                path.unlink()
                removed.append(path)
                emptied.update(path.parents[: len(path.relative_to(pages).parts) - 1])
        remove_empty(emptied)
    return removed


def render_index(config: Config, documents: list[str], pages: dict[tuple[str, str], tuple]) -> str:
    """``build/review/index.html``: a row per article, a cell per language with its segments
    that need a person (errors first) linking to the page; ``—`` where none is made yet."""
    codes = [lang.code for lang in config.languages]
    head = "".join(
        f'<th><span lang="{_e(bcp47(c))}">{_e(language_name(c))}</span> ({_e(c)})</th>'
        for c in codes
    )
    rows = []
    for doc in documents:
        cells = []
        for code in codes:
            known = pages.get((code, doc))
            if known is None:
                cells.append("<td>—</td>")
                continue
            segments, todo, errors = known
            label = f"{todo} of {segments} need a person" if todo else f"{segments} done"
            label += f", {counted(errors, 'error')}" if errors else ""
            css = "error" if errors else "todo" if todo else "done"
            href = _e(quote(f"{code}/{doc}.html"))
            cells.append(f'<td class="{css}"><a href="{href}">{_e(label)}</a></td>')
        rows.append(f"<tr><td>{_e(doc)}</td>{''.join(cells)}</tr>")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>Review: every article</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        "<h1>Review: every article</h1>\n"
        '<p class="summary">Each cell links to the article\'s page in that language, what '
        "needs a person most first.</p>\n"
        f"<table>\n<thead><tr><th>Article</th>{head}</tr></thead>\n<tbody>\n"
        + "\n".join(rows)
        + "\n</tbody>\n</table>\n</body>\n</html>\n"
    )
