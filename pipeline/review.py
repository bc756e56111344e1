"""The review page for translators: ``build/review/<lang>.html``.

Every segment side by side (source | translation | state | problems | MT score), what needs a
person most first: entries with errors, then machine drafts from the lowest score up, then
entries that need work, untranslated ones, ones with warnings, and finally the finished ones.
Each source sentence shows its paragraph as context. Everything from a catalog or a source
file is untrusted text and is escaped.
"""

from __future__ import annotations

import html
from importlib.resources import files as resources
from dataclasses import dataclass, field
from pathlib import Path

import polib

from pipeline import checks, qa
from pipeline.config import Config
from pipeline.errors import L10nError
from pipeline.glossary import load_glossary
from pipeline.languages import bcp47, language_name
from pipeline.project import Catalog
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
    config: Config, catalogs: list[Catalog], paragraphs: Paragraphs | None = None
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
        ctx = checks.context_for(po, loaded.language, glossary)
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


def render(lang: str, entries: list[Item], counts: qa.Counts | None = None) -> str:
    """The whole page as a string (deterministic: no dates)."""
    tag = _e(bcp47(lang))
    name = language_name(lang)
    title = f"Review: {name} ({lang})"
    errors = sum(1 for i in entries for p in i.problems if p.severity == "error")
    warnings = sum(1 for i in entries for p in i.problems if p.severity != "error")
    by_state = {s: sum(1 for i in entries if i.state == s) for s in STATE_LABELS}
    summary = ", ".join(f"{n} {STATE_LABELS[s]}" for s, n in by_state.items())
    coverage = f"{counts.coverage:.1f}% reviewed; " if counts is not None else ""
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
        f'<h1>Review: <span lang="{tag}">{_e(name)}</span> ({_e(lang)})</h1>\n'
        f'<p class="summary">{coverage}{len(entries)} segments: {_e(summary)}; '
        f"{counted(errors, 'error')}, {counted(warnings, 'warning')}. "
        "What needs a person most comes first.</p>\n"
        '<table>\n<colgroup><col class="n"><col><col><col class="state"><col>'
        '<col class="score"></colgroup>\n'
        "<thead><tr><th>#</th><th>Source</th><th>Translation</th><th>State</th>"
        "<th>Problems</th><th>MT score</th></tr></thead>\n<tbody>\n"
        + "\n".join(rows)
        + "\n</tbody>\n</table>\n</body>\n</html>\n"
    )


def write(config: Config, catalogs: dict[str, list[Catalog]]) -> list[tuple[Path, list[Item]]]:
    """Write ``build/review/<lang>.html`` for each language's catalogs (``{code: catalogs}``),
    only when its content changes."""
    from pipeline.files import write_text

    paragraphs = Paragraphs(config)
    pages = []
    for code, loaded in catalogs.items():
        entries = items(config, loaded, paragraphs)
        counts = qa.Counts(
            entries=len(entries), translated=sum(1 for i in entries if i.state == "translated")
        )
        pages.append(
            (
                config.build_dir / "review" / f"{code}.html",
                render(code, entries, counts),
                entries,
            )
        )
    for path, text, _ in pages:
        write_text(path, text)
    return [(path, entries) for path, _, entries in pages]
