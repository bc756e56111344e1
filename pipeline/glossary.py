"""The project glossary: approved translations of names and terms (``locales/glossary.csv``)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import files
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
    language (``ms: Encik; zh_Hans: 黄总理``).

    Glossary rows are contributed text: a row that is not one line of CSV (an unterminated
    quote would swallow the rows after it), a field over the CSV module's limit, a file that
    is not a regular file or not UTF-8 is an error naming the line."""
    path = Path(path)
    if not path.exists():
        return []
    if not path.is_file():
        raise L10nError("glossary is not a regular file", path)
    try:
        text = files.read_bytes(path).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise L10nError("glossary is not UTF-8", path) from None
    except OSError as exc:
        raise L10nError(f"cannot read: {exc.strerror}", path) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[tuple[int, list[str], int]] = []  # (first line, cells, last line)
    try:
        for row in reader:
            start = (rows[-1][2] if rows else 0) + 1
            if reader.line_num > start and any("\n" in cell or "\r" in cell for cell in row):
                raise L10nError(
                    "quoted field runs over several lines (a quote is not closed)", path, start
                )
            rows.append((start, row, reader.line_num))
    except csv.Error as exc:
        raise L10nError(f"bad CSV: {exc}", path, reader.line_num) from None
    if not rows or not rows[0][1] or rows[0][1][0].strip() != "en":
        raise L10nError("glossary must start with a header row whose first column is 'en'", path, 1)
    names = [h.strip() for h in rows[0][1]]
    terms = []
    for number, row, _ in rows[1:]:
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
