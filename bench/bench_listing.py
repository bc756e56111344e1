"""Listing an archive's sources: ``Config.sources()`` on N empty source files, all in one
folder and filed in folders (1,000 to a month folder, 12 months to a year): CPU seconds
(user and system, so that other work on the machine counts less), best of three.

    .venv/bin/python bench/bench_listing.py [--n 100000] [--code CHECKOUT]

``--code`` lists with another checkout's pipeline (one that lists a single folder finds
nothing in the foldered tree, and says so).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def make_tree(root: Path, n: int, folders: bool) -> Path:
    """A project of ``n`` empty ``.txt`` sources; its root."""
    (root / "source").mkdir(parents=True)
    (root / "pyproject.toml").write_text("[tool.l10n]\n", encoding="utf-8")
    for index in range(n):
        folder = root / "source"
        if folders:
            folder = folder / f"{2000 + index // 12000}" / f"{(index // 1000) % 12 + 1:02d}"
            folder.mkdir(parents=True, exist_ok=True)
        (folder / f"article-{index:06d}.txt").touch()
    return root


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--code", type=Path, default=REPO, help="checkout whose code lists")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(args.code.resolve()))
    from pipeline.config import load_config

    with tempfile.TemporaryDirectory(prefix="bench-listing-") as tmp:
        for folders in (False, True):
            root = make_tree(Path(tmp) / ("folders" if folders else "flat"), args.n, folders)
            best, found = float("inf"), 0
            for _ in range(3):
                config = load_config(root)  # (its listing is kept: a new one each time)
                start = time.process_time()
                found = len(config.sources())
                best = min(best, time.process_time() - start)
            layout = "in folders" if folders else "in one folder"
            print(f"{args.n} sources {layout}: {found} listed in {best:.2f} CPU s (best of 3)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
