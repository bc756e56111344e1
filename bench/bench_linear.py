"""Memory and time of `l10n import` and `l10n extract` against the size of their input.

Each command runs as a process of its own, in a fresh project, on inputs of the shapes of
bench/inputs_gen.py: a news page padded with scripts, styles, SVG icons and JSON (what most
pages of several megabytes are), a page whose article is a long run of real paragraphs, a text
source of distinct sentences, and one of a sentence repeated. Sizes are in bytes of the input
file (1 MB = 1,000,000 bytes); text sources stop at 2 MB, the most a text source may be.

For each run: exit status, wall and CPU seconds (user and system), peak RSS (the process's
own high-water mark, read by bench/peak_rss.py), and the margin: the peak less the same
command's peak on the smallest input of its shape (the interpreter, the imports and a page of
about 20 KB), divided by the input's size, so "3.0" means three bytes of memory for each byte
of input.

    .venv/bin/python bench/bench_linear.py [--sizes 1,2,5,10] [--shapes "padded page,..."]
        [--commands import,extract] [--runs 1]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import inputs_gen  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
MB = 1_000_000
TEXT_LIMIT = 2 * MB  # under the 2 MiB a text source may be
BASE_SIZE = 10_000  # the smallest input of each shape, for the baseline
PYPROJECT = """[project]
name = "bench"

[tool.l10n.languages]
ko = { argos = "ko" }
zh_Hans = { argos = "zh" }
ms = { argos = "ms" }
"""
# What each command leaves to look at: its output, in the project.
WRITTEN = {
    "import": "source/page.md",
    "extract": "locales/page.pot",
    "update": "locales/ko/LC_MESSAGES/page.po",
    "build": "build/en/page.html",
}


def run(args: list[str], cwd: Path) -> dict:
    """``l10n ARGS`` in ``cwd`` as a process of its own: exit status, wall and CPU seconds,
    peak RSS in MB (bench/peak_rss.py)."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    peak = cwd / ".peak"
    argv = [sys.executable, str(REPO / "bench" / "peak_rss.py"), str(peak), *args]
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        out.seek(0)
        said = out.read().decode("utf-8", "replace").strip()
    return {
        "rc": os.waitstatus_to_exitcode(status),
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "rss": int(peak.read_text()) / MB,
        "out": said,
    }


def measure(command: str, suffix: str, text: str) -> dict:
    """One run of ``command`` on ``text`` in a fresh project (for ``update`` and ``build``, the
    steps before it run first, not measured); with the digest of what it wrote."""
    with tempfile.TemporaryDirectory(prefix="bench-linear-") as folder:
        root = Path(folder)
        (root / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
        data = text.encode("utf-8")
        if command == "import":
            (root / f"page{suffix}").write_bytes(data)
            result = run(["import", f"page{suffix}", "--name", "page"], root)
        else:
            (root / "source").mkdir()
            (root / "source" / f"page{suffix}").write_bytes(data)
            steps = ["extract", "update", "build"]
            for step in steps[: steps.index(command)]:
                run([step], root)
            result = run([command], root)
        written = root / WRITTEN[command]
        result["size"] = len(data)
        made = written.read_bytes() if written.exists() else b""
        made = re.sub(rb'"POT-Creation-Date: [^"]*"\n', b"", made)  # the minute it ran
        result["digest"] = hashlib.sha256(made).hexdigest()[:12] if made else "-"
        return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,2,5,10", help="input sizes in MB")
    parser.add_argument("--shapes", default=",".join(inputs_gen.SHAPES))
    parser.add_argument("--commands", default="import,extract", help="and update, build")
    parser.add_argument("--runs", type=int, default=1, help="runs per input (the least peak)")
    args = parser.parse_args()
    sizes = [int(float(s) * MB) for s in args.sizes.split(",")]
    print(
        "| command | shape | input MB | exit | wall s | CPU s | peak RSS MB | margin MB "
        "| margin ÷ input | output |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for command in args.commands.split(","):
        for shape in args.shapes.split(","):
            suffix, make = inputs_gen.SHAPES[shape]
            if command == "import" and suffix != ".html":
                continue  # import reads saved pages only
            if command in ("update", "build") and suffix == ".html":
                continue  # the same after extract as a text source's
            shape_sizes = sorted({min(s, TEXT_LIMIT) if suffix == ".txt" else s for s in sizes})
            base = None
            for size in [BASE_SIZE, *shape_sizes]:
                text = make(size)
                runs = [measure(command, suffix, text) for _ in range(args.runs)]
                best = min(runs, key=lambda r: r["rss"])
                best["wall"] = min(r["wall"] for r in runs)
                best["cpu"] = min(r["cpu"] for r in runs)
                if base is None:
                    base = best
                margin = best["rss"] - base["rss"]
                ratio = f"{margin * MB / best['size']:.1f}" if size != BASE_SIZE else "(base)"
                note = best["digest"] if best["rc"] == 0 else best["out"].splitlines()[-1][:70]
                print(
                    f"| {command} | {shape} | {best['size'] / MB:.2f} | {best['rc']} "
                    f"| {best['wall']:.2f} | {best['cpu']:.2f} | {best['rss']:.0f} | {margin:.0f} "
                    f"| {ratio} "
                    f"| {note} |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
