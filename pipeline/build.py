"""Localised outputs: each article in each language as text, Markdown and an HTML page, the
compiled ``.mo`` catalogs, and ``build/index.html`` listing every document and language.

The build re-segments the source with the same segmenter as ``extract`` and looks each sentence
up in the language's catalog (``pipeline.article``), then renders it (``pipeline.render``).
``plan`` renders every output in memory from catalogs the ``Project`` has read; only then does
``apply`` write the files whose bytes changed and remove stale ones. So a bad PO file leaves
``build/`` as it was, and building twice gives byte-identical files that are not rewritten.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polib

from pipeline import files
from pipeline.article import Article, localise, original
from pipeline.config import Config, Language
from pipeline.languages import LanguageInfo, language_info
from pipeline.project import Catalog
from pipeline.render import (
    IndexEntry,
    Link,
    PageStatus,
    render_html,
    render_index,
    render_markdown,
    render_text,
)
from pipeline.segment import Document

FORMATS = ("txt", "md", "html")


# ---- .mo ------------------------------------------------------------------------------------


def compile_mo(po: polib.POFile) -> bytes:
    """The catalog compiled as GNU ``msgfmt`` does by default: fuzzy, untranslated and obsolete
    entries left out, the header kept, keys sorted."""
    return po.to_binary()


# ---- plan and write -------------------------------------------------------------------------


@dataclass
class BuildPlan:
    """Everything a build will do, computed before anything is written."""

    files: dict[Path, bytes] = field(default_factory=dict)
    remove: list[Path] = field(default_factory=list)
    pages: list[PageStatus] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class BuildResult:
    written: list[Path]
    unchanged: list[Path]
    removed: list[Path]
    pages: list[PageStatus]
    warnings: list[str]


def output_path(config: Config, code: str, stem: str, fmt: str) -> Path:
    """Where a format of a document in a language goes (``fmt`` "mo" for the catalog)."""
    if fmt == "mo":
        return config.build_dir / "locale" / code / "LC_MESSAGES" / f"{stem}.mo"
    return config.build_dir / code / f"{stem}.{fmt}"


def plan(
    config: Config,
    documents: list[tuple[Path, Document]],
    catalogs: dict[str, list[Catalog]],
    languages: list[Language],
    formats: tuple[str, ...] = FORMATS,
) -> BuildPlan:
    """Render every output in memory from the documents and every configured language's
    catalogs (in the documents' order), as ``Project`` loads them.

    All configured languages are needed (the index and the language switchers list every
    published language); only ``languages`` are written or removed.
    """
    formats = tuple(f for f in FORMATS if f in formats) or FORMATS
    source = language_info(config.source_language)
    selected = {lang.code for lang in languages}
    result = BuildPlan()
    index: list[IndexEntry] = []
    for number, (path, doc) in enumerate(documents):
        versions = [
            _translate(config, doc, path, lang, source, catalogs[lang.code][number])
            for lang in config.languages
        ]
        published = [source] + [v.status.language for v in versions if v.status.published]
        links = [Link(lang, f"../{lang.code}/{doc.name}.html") for lang in published]
        english = original(doc, source)
        for fmt in formats:
            target = output_path(config, source.code, doc.name, fmt)
            result.files[target] = _render(english, fmt, links)
        for version in versions:
            if version.status.language.code in selected:
                _plan_version(config, result, doc.name, version, formats, links)
        statuses = tuple(v.status for v in versions)
        index.append(IndexEntry(doc.name, english.title, source, statuses))
    stems = [doc.name for _, doc in documents]
    result.remove += _orphans(config, [source.code, *sorted(selected)], stems)
    title = f"{config.project_name}: articles in every language"
    result.files[config.build_dir / "index.html"] = render_index(index, formats, title).encode()
    result.remove = [p for p in dict.fromkeys(result.remove) if p not in result.files]
    return result


def _plan_version(
    config: Config,
    result: BuildPlan,
    stem: str,
    version: _Version,
    formats: tuple[str, ...],
    links: list[Link],
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
        result.files[output_path(config, code, stem, fmt)] = _render(version.article, fmt, links)
    if version.catalog is not None:
        result.files[output_path(config, code, stem, "mo")] = compile_mo(version.catalog)


@dataclass(frozen=True)
class _Version:
    """A document in one language: its article, its catalog and what to tell the user."""

    status: PageStatus
    article: Article
    catalog: polib.POFile | None
    warnings: tuple[str, ...]


def _translate(
    config: Config,
    doc: Document,
    path: Path,
    lang: Language,
    source: LanguageInfo,
    loaded: Catalog,
) -> _Version:
    """``doc`` localised with its catalog in ``lang`` (a missing one: a warning)."""
    po_path = loaded.path
    po = None if loaded.missing else loaded.po
    info = language_info(lang.code)
    article = localise(doc, po, info, source, config.fallback, config.publish_drafts)
    warnings = []
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
    status = PageStatus(
        stem=doc.name,
        language=info,
        coverage=article.coverage,
        publishable=article.publishable,
        threshold=lang.min_build_coverage,
        catalog=po_path if po is not None else None,
        fallbacks=article.fallbacks,
        segments=article.segments,
    )
    return _Version(status, article, po, tuple(warnings))


def _render(article: Article, fmt: str, links: list[Link]) -> bytes:
    if fmt == "txt":
        return render_text(article).encode("utf-8")
    if fmt == "md":
        return render_markdown(article).encode("utf-8")
    return render_html(article, links).encode("utf-8")


def _orphans(config: Config, codes: list[str], stems: list[str]) -> list[Path]:
    """Outputs of documents that no longer have a source: stale, so removed."""
    known = set(stems)
    found: list[Path] = []
    for code in codes:
        folder = config.build_dir / code
        if folder.is_dir():
            found += [
                p
                for p in sorted(folder.iterdir())
                if p.suffix[1:] in FORMATS and p.stem not in known and p.is_file()
            ]
        mo_folder = config.build_dir / "locale" / code / "LC_MESSAGES"
        if mo_folder.is_dir():
            found += [p for p in sorted(mo_folder.glob("*.mo")) if p.stem not in known]
    return found


def apply(result: BuildPlan) -> BuildResult:
    """Write the planned files (only those whose bytes differ) and remove stale outputs."""
    written, unchanged, removed = [], [], []
    for path, data in result.files.items():
        changed = files.write_bytes(path, data)
        (written if changed else unchanged).append(path)
    for path in result.remove:
        if path.exists():
            path.unlink()
            removed.append(path)
    return BuildResult(written, unchanged, removed, result.pages, result.warnings)


def describe(page: PageStatus) -> str:
    """One line for the build's report: built (and how much fell back) or not, and why."""
    where = f"{page.language.code}/{page.stem}"
    done = f"{page.publishable:.1f}% translated"
    if not page.published:
        return f"not built: {where}: {done}, below the {page.threshold:g}% needed"
    if page.fallbacks:
        return f"built: {where}: {done}, {page.fallbacks} of {page.segments} sentences fall back"
    return f"built: {where}: {done}"
