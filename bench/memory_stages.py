"""Where the memory of one `l10n import` or `l10n extract` goes, stage by stage.

Writes one input of bench/inputs_gen.py to a fresh project, then runs the command there in a
process of its own that notes, around each stage, its resident memory (VmRSS) and its peak
so far (VmHWM): reading and decoding the source, parsing the page, trafilatura's own passes
(its cleaning copy of the tree, its main extractor, the readability fallback it runs on a
copy of the page, its output), the rest of the import, segmenting, the template, its bytes.
A stage's "raised the peak by" is what it added to the most the process had held before. A
stage run more than once (trafilatura's, on a page given to it in parts) is one row: "×N",
the memory before its first run and after its last, and what its runs added to the peak in all.

    .venv/bin/python bench/memory_stages.py import "paragraph page" 2     # 2 MB
    .venv/bin/python bench/memory_stages.py extract "unique text" 2
"""

from __future__ import annotations

import argparse
import functools
import os
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
MB = 1_000_000


def status() -> tuple[float, float]:
    """(resident, peak) memory of this process, in MB."""
    values = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(("VmRSS:", "VmHWM:")):
            values[line[:5]] = int(line.split()[1]) * 1024 / MB
    return values["VmRSS"], values["VmHWM"]


ROWS: dict[
    str, list[float]
] = {}  # label → [calls, rss before, rss after, peak before, after, raised]


def traced(module, name: str, label: str) -> None:
    """Note ``module.name``'s memory on each call (nothing when the name is not there)."""
    function = getattr(module, name, None)
    if function is None:
        return

    @functools.wraps(function)
    def call(*args, **kwargs):
        rss, peak = status()
        try:
            return function(*args, **kwargs)
        finally:
            after, high = status()
            row = ROWS.setdefault(label, [0, rss, after, peak, high, 0.0])
            row[0] += 1
            row[2], row[4] = after, high
            row[5] += high - peak

    setattr(module, name, call)


def table() -> str:
    """The stages' rows, in the order they first ended."""
    lines = []
    for label, (calls, rss, after, peak, high, raised) in ROWS.items():
        name = f"{label} (×{calls})" if calls > 1 else label
        lines.append(
            f"| {name} | {rss:.0f} → {after:.0f} | {peak:.0f} → {high:.0f} | {raised:.0f} |"
        )
    return "".join(f"{line}\n" for line in lines)


def child(args: list[str]) -> None:
    """In the project: trace the stages, then run ``l10n ARGS``."""
    import trafilatura
    import trafilatura.core as core
    import trafilatura.external as external

    from pipeline import catalog, cli, pofile, segment, sources

    stages = [
        (segment, "read_source", "read the source"),
        (sources, "read_source", "read the source"),
        (segment, "decode", "decode it"),
        (sources, "decode", "decode it"),
        (sources, "_parse_page", "parse the page"),
        (core, "_prepare_tree", "trafilatura: cleaning copy"),
        (core, "extract_content", "trafilatura: main extractor"),
        (external, "try_readability", "trafilatura: readability fallback"),
        (core, "determine_returnstring", "trafilatura: output"),
        (trafilatura, "bare_extraction", "trafilatura: a run, less its output"),
        (sources, "_extracted", "trafilatura: a run, read back"),
        (sources, "_extracted_in_parts", "trafilatura, on the page in parts, in all"),
        (sources, "html_to_markdown", "the page as Markdown, in all"),
        (sources, "markdown_document", "segment the Markdown"),
        (sources, "segment_text", "segment the text"),
        (catalog, "extract", "the template's entries"),
        (pofile, "encode", "the template's bytes"),
    ]
    for module, name, label in stages:
        traced(module, name, label)
    rss, peak = status()
    os.write(2, f"| start (interpreter, imports) | {rss:.0f} | {peak:.0f} | |\n".encode())
    try:
        cli.main(args, standalone_mode=False)
    except Exception as exc:  # a refusal (the article too long to import): said, then the end
        os.write(2, f"{table()}| ({type(exc).__name__}: {exc}) | | | |\n".encode())
    else:
        os.write(2, table().encode())
    finally:
        rss, peak = status()
        os.write(2, f"| end | {rss:.0f} | {peak:.0f} | |\n".encode())


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2:])
        return
    sys.path.insert(0, str(BENCH))
    import inputs_gen

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["import", "extract"])
    parser.add_argument("shape", choices=list(inputs_gen.SHAPES))
    parser.add_argument("size", type=float, help="the input's size in MB")
    args = parser.parse_args()
    command, shape, size = args.command, args.shape, int(args.size * MB)

    suffix, make = inputs_gen.SHAPES[shape]
    with tempfile.TemporaryDirectory(prefix="bench-stages-") as folder:
        root = Path(folder)
        (root / "pyproject.toml").write_text(
            '[project]\nname = "bench"\n\n[tool.l10n.languages]\nko = { argos = "ko" }\n'
        )
        data = make(size).encode("utf-8")
        if command == "import":
            (root / f"page{suffix}").write_bytes(data)
            command_args = ["import", f"page{suffix}", "--name", "page"]
        else:
            (root / "source").mkdir()
            (root / "source" / f"page{suffix}").write_bytes(data)
            command_args = ["extract", f"source/page{suffix}"]
        print(f"`l10n {command}`, {shape}, {len(data) / MB:.2f} MB\n")
        print("| stage | RSS MB, before → after | peak MB, before → after | raised the peak by |")
        print("|---|---|---|---|", flush=True)
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        argv = [sys.executable, __file__, "--child", *command_args]
        done = subprocess.run(argv, cwd=root, env=env, capture_output=True, text=True)
        print(done.stderr, end="")
        if done.returncode:
            print(f"(exit {done.returncode})")


if __name__ == "__main__":
    main()
