"""The project glossary: approved translations of names and terms (``locales/glossary.csv``)."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import L10nError


@dataclass(frozen=True)
class Term:
    en: str
    translations: dict[str, str] = field(default_factory=dict)
    note: str = ""
    line: int = 0
    later: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def approved(self, lang: str) -> str | None:
        """The approved translation for ``lang``, or None when the glossary gives none."""
        return self.translations.get(lang) or None


def _later_forms(cell: str, path: Path, number: int) -> dict[str, tuple[str, ...]]:
    """``ms: Encik; zh_Hans: 黄总理 | 黄循财`` → {language: forms}."""
    forms: dict[str, tuple[str, ...]] = {}
    for item in filter(str.strip, cell.split(";")):
        lang, colon, rest = item.partition(":")
        found = tuple(f.strip() for f in rest.split("|") if f.strip())
        if not colon or not lang.strip() or not found:
            wanted = "'lang: form | form; lang: form'"
            raise L10nError(f"'later' must read {wanted}, not {item.strip()!r}", path, number)
        forms[lang.strip()] = found
    return forms


def load_glossary(path: str | Path) -> list[Term]:
    """Terms from a CSV with columns ``en,<lang>…,note[,later]``; a missing file is an empty
    glossary. ``later``: forms a later mention may use instead of the approved one, per
    language (``ms: Encik; zh_Hans: 黄总理``)."""
    path = Path(path)
    if not path.exists():
        return []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise L10nError("glossary is not UTF-8", path) from None
    rows = csv.reader(text.splitlines())
    header = next(rows, None)
    if not header or header[0].strip() != "en":
        raise L10nError("glossary must start with a header row whose first column is 'en'", path, 1)
    names = [h.strip() for h in header]
    terms = []
    for number, row in enumerate(rows, start=2):
        if not row or not any(cell.strip() for cell in row):
            continue
        if len(row) > len(names):
            raise L10nError(f"{len(row)} columns, header has {len(names)}", path, number)
        cells = dict(zip(names, (cell.strip() for cell in row)))
        if not cells.get("en"):
            raise L10nError("empty 'en' term", path, number)
        translations = {k: v for k, v in cells.items() if k not in ("en", "note", "later") and v}
        later = _later_forms(cells.get("later", ""), path, number)
        terms.append(Term(cells["en"], translations, cells.get("note", ""), number, later))
    return terms
