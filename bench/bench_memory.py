"""The people's translations in the translation memory: how long recording an archive's takes,
how large the file grows, and what finding a sentence's latest translations and forgetting
deleted articles cost.

    .venv/bin/python bench/bench_memory.py [--files 10000] [--sentences 100] [--code CHECKOUT]
        [--keep FOLDER]

Records ``--files`` PO files of ``--sentences`` reviewed entries each, as ``l10n translate``
records a first run's (one language, one call a file), into a fresh memory: nine sentences in
ten are the file's own (news: each article's sentences are its own), one in ten is shared by
every file (a credit line, a label). Then looks up the latest translations of 20,000 sentences
(``person_match``), and forgets one file in a hundred (``forget_origins``). ``--code`` runs a
checkout's ``pipeline.memory`` instead of this one (another version, measured the same way:
the size is of the memory's files together); ``--keep`` leaves the memory in a folder.
"""

from __future__ import annotations

import argparse
import importlib
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=10_000, help="PO files (10000)")
    parser.add_argument("--sentences", type=int, default=100, help="entries a file (100)")
    parser.add_argument("--code", type=Path, default=REPO, help="checkout whose code to run")
    parser.add_argument("--keep", type=Path, help="folder to leave the memory in")
    args = parser.parse_args()
    if args.files < 100 or args.sentences < 10:
        sys.exit("give --files 100 or more and --sentences 10 or more")
    if not (args.code / "pipeline" / "memory.py").is_file():
        sys.exit(f"{args.code}: no pipeline/memory.py (give a checkout of this project)")
    sys.path.insert(0, str(args.code))
    memory = importlib.import_module("pipeline.memory")
    if args.keep:
        if any(args.keep.glob("*.sqlite3")):
            sys.exit(f"{args.keep}: holds a memory already")
        args.keep.mkdir(parents=True, exist_ok=True)
        run(memory, args.keep, args.files, args.sentences)
        return
    folder = Path(tempfile.mkdtemp(prefix="bench-memory-"))
    try:
        run(memory, folder, args.files, args.sentences)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def sentence(n: int) -> str:
    return f"Sentence {n} of the archive, as long as a sentence of news is, give or take a word."


def origin(f: int) -> str:
    return f"locales/ko/LC_MESSAGES/{2016 + f % 10}/{f % 12 + 1:02}/story-{f:06}.po"


def run(memory, folder: Path, files: int, per_file: int) -> None:
    shared = per_file // 10
    started = time.perf_counter()
    with memory.Memory(folder) as store:
        for f in range(files):
            own = [sentence(files * 10 + f * per_file + n) for n in range(per_file - shared)]
            texts = own + [sentence(n) for n in range(shared)]
            rows = [(text, f"번역 {f} {n}", origin(f)) for n, text in enumerate(texts)]
            store.record_people("ko", rows, [origin(f)])
    recorded = time.perf_counter() - started
    size = sum(path.stat().st_size for path in folder.glob("*.sqlite3"))
    with memory.Memory(folder) as store:
        started = time.perf_counter()
        for k in range(20_000):
            f = k * 7919 % files
            wanted = sentence(k % shared) if k % 2 else sentence(files * 10 + f * per_file)
            store.person_match("ko", wanted, "none.po")
        looked = time.perf_counter() - started
    keep = [origin(f) for f in range(files) if f % 100]
    with memory.Memory(folder) as store:
        started = time.perf_counter()
        store.forget_origins("ko", keep)
        forgot = time.perf_counter() - started
    rows = files * per_file
    print(f"code: {os.path.abspath(sys.path[0])}")
    print(f"recorded {rows:,} people's translations ({files:,} files): {recorded:.1f} s")
    print(f"memory file: {size / 1e6:,.0f} MB ({size / rows:,.0f} bytes a translation)")
    print(f"20,000 sentences' latest translations: {looked:.2f} s")
    print(f"{files // 100:,} files forgotten of {files:,}: {forgot:.2f} s")


if __name__ == "__main__":
    main()
