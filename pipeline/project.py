"""Project-level steps: extract every source, update every language's catalogs.

Each step reads and checks all of its input before it writes anything, so bad input changes
nothing, and writes a file only when its content changes, so re-running is byte-stable.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline import catalog, pofile
from pipeline.config import Config, Language
from pipeline.errors import L10nError
from pipeline.segment import read_document


@dataclass(frozen=True)
class Written:
    path: Path
    changed: bool
    entries: int


def source_paths(config: Config, given: tuple[str, ...] | list[str] = ()) -> list[Path]:
    """The given source files, or every ``source/*.txt``; none at all is an error."""
    paths = [Path(p) for p in given] or config.sources()
    if not paths:
        raise L10nError("no source documents (*.txt)", config.source_dir)
    return paths


def extract(config: Config, given: tuple[str, ...] | list[str] = ()) -> list[Written]:
    """Write ``locales/<stem>.pot`` for each source document."""
    docs = [
        (path, read_document(path, config.chrome_patterns)) for path in source_paths(config, given)
    ]
    for path, doc in docs:
        if not doc.segments():
            raise L10nError("no translatable text (only site chrome)", path)
    results = []
    for path, doc in docs:
        target = config.pot_path(doc.name)
        reference = config.relative(path)
        pot = None
        if target.exists():
            # Same entries as before: keep the old creation date, so nothing changes.
            old_date = catalog.load(target).metadata.get("POT-Creation-Date", "")
            pot = catalog.extract(doc, reference, config.project_name, old_date)
            if catalog.dumps(pot) != target.read_text(encoding="utf-8"):
                pot = None
        if pot is None:
            pot = catalog.extract(doc, reference, config.project_name, catalog.now_stamp())
        changed = catalog.save(pot, target)
        results.append(Written(target, changed, len(pot)))
    return results


def templates(config: Config) -> list[Path]:
    """Every POT file of the project; none is an error (run extract first)."""
    pots = sorted(config.locales_dir.glob("*.pot")) if config.locales_dir.is_dir() else []
    if not pots:
        raise L10nError("no templates (*.pot): run `l10n extract` first", config.locales_dir)
    return pots


def update(config: Config, languages: list[Language]) -> list[Written]:
    """Create or merge ``locales/<lang>/LC_MESSAGES/<stem>.po`` from each template."""
    plans = []
    for pot_path in templates(config):
        pot = catalog.load(pot_path)
        for lang in languages:
            target = config.po_path(lang.code, pot_path.stem)
            old = catalog.read_optional(target)
            merged = catalog.merge(pot, old, lang.code)
            # Saved only over what was read: an editor's save during the merge is kept.
            base = old.digest if old is not None else pofile.ABSENT
            plans.append((target, merged, base))
    return [Written(t, catalog.save(po, t, base), len(po)) for t, po, base in plans]
