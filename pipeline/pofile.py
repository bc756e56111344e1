"""PO files read and written losslessly, in GNU gettext's canonical format, and the
``l10n format`` command. polib is the data model, but reading (``pipeline.poread``) and writing
(``pipeline.powrite``) are ours: polib rewraps comments and breaks lines where GNU does not, so
files that translators' tools (Poedit, msgmerge, Weblate) wrote would churn on every save."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import polib

from pipeline.files import digest, write_bytes
from pipeline.poread import load, loads, parse_metadata, without_gc
from pipeline.powrite import canonical_flags, charset_of, dumps, encode, save, wrap_string

__all__ = [
    "canonical_flags",
    "charset_of",
    "dumps",
    "encode",
    "format_files",
    "load",
    "loads",
    "save",
    "to_utf8",
    "without_gc",
    "wrap_string",
]


# ---- canonical formatting (``l10n format``) ----------------------------------------------


def to_utf8(po: polib.POFile) -> None:
    """Declare and write the catalog in UTF-8 (its text is already Unicode)."""
    po.metadata["Content-Type"] = (
        re.sub(r"charset=[^\s;]+", "charset=UTF-8", po.metadata.get("Content-Type", ""))
        or "text/plain; charset=UTF-8"
    )
    header = getattr(po, "header_entry", None)
    if header is not None:
        header.msgstr = re.sub(
            r"(Content-Type:[^\n]*?charset=)[^\s;]+", r"\g<1>UTF-8", header.msgstr
        )
        if parse_metadata(header.msgstr) == po.metadata:
            po.header_metadata = dict(po.metadata)
    po.encoding = "UTF-8"


def format_files(
    paths: list[str | Path],
    check: bool = False,
    utf8: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[list[Path], int]:
    """Rewrite each PO file in canonical GNU layout; the files that changed (or would, with
    ``check``), and how many files were read (one named twice, ``FILE ./FILE``, is one).
    Every file is read before any is written, so bad input changes nothing.
    ``progress(done, total)`` is told the files read so far, before each."""
    plans = []
    seen: set[Path] = set()
    for done, path in enumerate(map(Path, paths)):
        if progress is not None:
            progress(done, len(paths))  # files read so far
        try:
            same = path.resolve()
        except (OSError, RuntimeError):
            same = path
        if same in seen:
            continue  # one file named twice (FILE ./FILE) is formatted once
        seen.add(same)
        po = load(path)
        if utf8:
            to_utf8(po)
        plans.append((path, encode(po), po.digest))
    changed = [path for path, data, base in plans if digest(data) != base]
    if not check:
        for path, data, base in plans:
            write_bytes(path, data, base)
    return changed, len(plans)
