"""A new version of the code meets a project's state database: how long the first save takes
to delete the old version's facts and memo and give their pages back, and the database's
size before and after. Run on a copy, so the project's own database is left as it is.

    .venv/bin/python bench/bench_prune.py PROJECT/build/.l10n/state.sqlite

(a kept bench project's, e.g. ``bench_archive.py --keep /tmp/k10``'s after its steps)."""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("database", type=Path, help="a project's build/.l10n/state.sqlite")
    args = parser.parse_args(argv)
    if not args.database.is_file():
        parser.error(f"{args.database}: no such file")
    sys.path.insert(0, str(REPO))
    from pipeline import ledger

    with tempfile.TemporaryDirectory(dir=args.database.parent.parent) as temp:
        folder = Path(temp) / ".l10n"
        folder.mkdir()
        copy = folder / ledger.DATABASE
        shutil.copyfile(args.database, copy)
        before = copy.stat().st_size
        ledger.code_version = lambda: "a-version-no-row-has"  # every row another version's
        state = ledger.State(folder, Path(temp), b"k" * 32)
        state.memo.put("bench", 1)
        start = time.perf_counter()
        state.save()
        took = time.perf_counter() - start
        after = copy.stat().st_size
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    sizes = f"{before / 2**20:,.1f} MB -> {after / 2**20:,.1f} MB"
    print(f"{sizes} in {took:.1f} s, peak {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
