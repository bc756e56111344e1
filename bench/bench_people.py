"""Recording people's translations in the memory: every row of a project's
``people.sqlite3`` (one a benchmark run left, e.g. ``bench_archive.py --keep``) recorded again
into an empty memory, 400 PO files a call, as ``translate``'s first run records them; wall
seconds, each of ``--rounds`` runs.

    .venv/bin/python bench/bench_people.py /tmp/k10/n10000/project/build/.l10n/people.sqlite3 \\
        [--code CHECKOUT] [--rounds 2]

``--code`` records with another checkout's pipeline.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CALL = 400  # PO files a call: ``translate.CHUNK``


def rows_by_file(path: Path) -> dict[tuple[str, str], list[tuple[str, str, str]]]:
    """(language, PO file) → its (source, target, origin) rows, files in path order."""
    db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    found: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    for lang, source, target, origin in db.execute(
        "SELECT p.lang, s.text, p.target, o.path FROM people p "
        "JOIN sentence s ON s.id = p.sentence JOIN origin o ON o.id = p.origin "
        "ORDER BY p.lang, o.path, p.rowid"
    ):
        found.setdefault((lang, origin), []).append((source, target, origin))
    db.close()
    return found


def record(memory_class, folder: Path, by_file: dict) -> float:
    """Wall seconds to record every row into a new memory in ``folder``."""
    memory = memory_class(folder)
    keys = list(by_file)
    start = time.perf_counter()
    for first in range(0, len(keys), CALL):
        part = keys[first : first + CALL]
        for lang in dict.fromkeys(lang for lang, _ in part):
            files = [origin for code, origin in part if code == lang]
            rows = [row for code, origin in part if code == lang for row in by_file[code, origin]]
            memory.record_people(lang, rows, files)
    seconds = time.perf_counter() - start
    memory.close()
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("people", type=Path, help="a people.sqlite3 to read the rows of")
    parser.add_argument("--code", type=Path, default=REPO, help="checkout whose code records")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args(argv)
    if not args.people.is_file():
        parser.error(f"{args.people}: no such file")
    sys.path.insert(0, str(args.code.resolve()))
    from pipeline.memory import Memory

    by_file = rows_by_file(args.people)
    total = sum(len(rows) for rows in by_file.values())
    print(f"{total} rows of {len(by_file)} PO files, code {args.code}")
    for round_ in range(args.rounds):
        folder = Path(tempfile.mkdtemp(prefix="bench_people_"))
        try:
            print(f"round {round_ + 1}: {record(Memory, folder, by_file):.1f} s", flush=True)
        finally:
            shutil.rmtree(folder)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
