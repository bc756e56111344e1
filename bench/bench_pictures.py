"""What pictures kept with the sources cost a build that has nothing to do: a project of one
article and N pictures in the month folders of ten years (``source/YYYY/MM/images/``),
Korean and Malay configured; built once (every picture copied into ``build/en``,
``build/ko`` and ``build/ms``), then ``l10n build`` with nothing changed, timed as a whole
process, ``--rounds`` times; and the same for the project without its pictures.

    .venv/bin/python bench/bench_pictures.py [--pictures 100080] [--rounds 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYPROJECT = """[tool.l10n]
source_dir = "source"
[tool.l10n.languages]
ko = { argos = "ko" }
ms = { argos = "ms" }
"""
ARTICLE = "# A story about the port\n\nThe port handled a record number of containers last year.\n"


def make(root: Path, pictures: int) -> None:
    """The project: its settings, its article and ``pictures`` small JPEG files in 120 folders."""
    (root / "source").mkdir(parents=True)
    (root / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (root / "source" / "a.md").write_text(ARTICLE, encoding="utf-8")
    folders = [f"{year}/{month:02d}" for year in range(2016, 2026) for month in range(1, 13)]
    for number in range(pictures):
        folder = root / "source" / folders[number % len(folders)] / "images"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"p{number}.jpg").write_bytes(b"\xff\xd8\xff" + number.to_bytes(4, "big"))


def l10n(root: Path, *args: str) -> tuple[float, float, str]:
    """One ``l10n`` process in ``root``: its wall and CPU seconds and its first line."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", *args], cwd=root, capture_output=True, text=True
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        sys.exit(f"l10n {' '.join(args)} failed: {done.stderr.strip()}")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu, (done.stdout.splitlines() or [""])[0]


def measure(root: Path, rounds: int) -> list[tuple[float, float, str]]:
    for step in ("extract", "update", "build"):
        l10n(root, step)
    time.sleep(2.5)  # (past the two seconds in which a picture's state proves nothing)
    l10n(root, "build")  # records the pictures' states as steady
    return [l10n(root, "build") for _ in range(rounds)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pictures", type=int, default=100_080)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="build the projects here, and keep them")
    args = parser.parse_args()
    os.environ["PYTHONPATH"] = str(REPO)
    with tempfile.TemporaryDirectory(prefix="bench-pictures-") as folder:
        base = args.keep or Path(folder)
        print("| project | no-op `l10n build`: wall s | CPU s | first line |")
        print("|---|---|---|---|")
        for name, count in (("with pictures", args.pictures), ("without", 0)):
            root = base / name.replace(" ", "-")
            make(root, count)
            for wall, cpu, line in measure(root, args.rounds):
                print(f"| {count:,} pictures | {wall:.2f} | {cpu:.2f} | `{line[:60]}` |")


if __name__ == "__main__":
    main()
