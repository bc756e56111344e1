"""What a file system monitor saves a run over an archive: ``l10n run extract update translate
build`` (what ``make`` runs) with ``L10N_FSMONITOR=watchman`` and without, in turn, on a
project that ``bench_archive.py --keep DIR`` left (its first ``make`` done):

    .venv/bin/python bench/bench_archive.py --sizes 10000 --folders --no-full-check \
        --stat-only --keep /tmp/k10
    .venv/bin/python bench/bench_monitor.py /tmp/k10/n10000 --rounds 4

Each round runs, with the monitor and then without: nothing changed, an article added, a
sentence edited (each on an article of its own). A run with the monitor is told the files
changed since the last run with it, which include what the runs without it wrote; the first
run with it is given its clock, and looks at every file. Prints a Markdown table, one row a
run: wall and CPU seconds of the command and of its children. Needs ``watchman`` on the
PATH."""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import archive_gen
import bench_archive

COMMAND = ["-m", "pipeline", "run", "extract", "update", "translate", "build"]


def run(work: Path, code: Path, monitor: bool) -> tuple[float, float]:
    """One ``l10n run``, with the monitor or not: its wall and CPU seconds."""
    env = bench_archive.environment(work, code)
    env.pop("L10N_FSMONITOR", None)
    if monitor:
        env["L10N_FSMONITOR"] = "watchman"
    python = str(work / "project" / ".venv" / "bin" / "python")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [python, *COMMAND], cwd=work / "project", env=env, capture_output=True, check=False
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        sys.exit(f"bench_monitor: exit {done.returncode}: {done.stderr.decode()[-2000:]}")
    if monitor and b"L10N_FSMONITOR" in done.stderr:
        sys.exit(f"bench_monitor: the monitor did not answer: {done.stderr.decode()[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("work", type=Path, help="a project kept by bench_archive.py (…/nN)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--code", type=Path, default=Path(__file__).resolve().parents[1])
    args = parser.parse_args()
    if shutil.which("watchman") is None:
        sys.exit("bench_monitor: watchman is not installed (apt-get install watchman)")
    project = args.work / "project"
    size = int(args.work.name.lstrip("n"))
    kept = argparse.Namespace(folders=(project / "source" / "2025").is_dir(), seed=2025)
    seed_text = (args.code / "source" / f"{bench_archive.SEED}.txt").read_text(encoding="utf-8")
    added = size + 1000  # above what bench_archive.py adds
    while bench_archive.article_path(project, added, kept).exists():
        added += 1
    edited = 0

    def add() -> None:
        nonlocal added
        bench_archive.write_article(project, seed_text, added, kept)
        added += 1

    def edit() -> None:
        nonlocal edited
        path = bench_archive.article_path(project, edited, kept)
        text = path.read_text(encoding="utf-8")
        path.write_text(archive_gen.edit_one_sentence(text), encoding="utf-8")
        edited += 1

    run(args.work, args.code, monitor=True)  # the monitor's clock, every file looked at
    print("| round | run | monitor | wall s | CPU s |")
    print("|---|---|---|---|---|")
    for number in range(1, args.rounds + 1):
        for name, change in (
            ("nothing changed", None),
            ("add an article", add),
            ("edit a sentence", edit),
        ):
            for monitor in (True, False):
                if change is not None:
                    change()
                wall, cpu = run(args.work, args.code, monitor)
                shown = "watchman" if monitor else "none"
                print(f"| {number} | {name} | {shown} | {wall:.2f} | {cpu:.2f} |", flush=True)


if __name__ == "__main__":
    main()
