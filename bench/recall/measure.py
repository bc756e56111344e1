"""Recall of `l10n check` on the real-world PO corpus: of the problems a reviewer found by
reading the catalogs, the share the checks report.

    .venv/bin/python bench/recall/measure.py [--corpus DIR] [--missed]

``problems.csv`` (beside this script) holds problems found by reading translated entries of
``../shared/pocorpus``: file, line (the entry's ``msgid`` line), kind, whether a checker could
see it (``reach``: ``yes``, or ``no`` for meaning, spelling and consistency errors that no rule
sees), the check expected to report it, how the entry came to be read (``how``: ``sample``, a
random sample of 14 translated entries per file; or the feature of the source that had every
such entry read: ``ends`` (whitespace at an end), ``accelerator``, ``markup``, ``per-cent``,
``option-argument``) and the problem. A problem counts as found when the expected check
reports the entry. ``--missed`` lists those within reach that are not.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROBLEMS = HERE / "problems.csv"


def _precision():
    """The precision benchmark's script, whose ``corpus_findings`` runs the checks."""
    spec = importlib.util.spec_from_file_location(
        "precision_measure", HERE.parent / "precision" / "measure.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load(path: Path = PROBLEMS) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def found_keys(corpus: Path) -> set[tuple[str, str, str]]:
    """(file, line, check) of every finding the checks report on the corpus."""
    return {(f["file"], f["line"], f["check"]) for f in _precision().corpus_findings(corpus)}


def recall(problems: list[dict[str, str]], found: set[tuple[str, str, str]]) -> str:
    """The table: per kind, problems read, within reach, found."""
    kinds: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for row in problems:
        counts = kinds[row["kind"]]
        counts[0] += 1
        if row["reach"] == "yes":
            counts[1] += 1
            counts[2] += (row["file"], row["line"], row["check"]) in found
    lines = [f"{'kind':20} {'read':>5} {'in reach':>9} {'found':>6} {'share':>6}"]
    total = [0, 0, 0]
    for kind, (read, reach, hit) in sorted(kinds.items()):
        share = f"{hit / reach:.0%}" if reach else "-"
        lines.append(f"{kind:20} {read:5} {reach:9} {hit:6} {share:>6}")
        total = [total[0] + read, total[1] + reach, total[2] + hit]
    lines.append(
        f"{'all':20} {total[0]:5} {total[1]:9} {total[2]:6} {total[2] / total[1]:6.0%}"
        if total[1]
        else "no problem within reach"
    )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=HERE.parents[2] / "shared" / "pocorpus")
    parser.add_argument("--missed", action="store_true", help="list problems in reach not found")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        raise SystemExit(f"corpus not found: {args.corpus}")
    problems = load()
    found = found_keys(args.corpus)
    if args.missed:
        for row in problems:
            if row["reach"] == "yes" and (row["file"], row["line"], row["check"]) not in found:
                print(f"{row['file']}:{row['line']} [{row['check']}] {row['problem']}")
        return 0
    print(recall(problems, found), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
