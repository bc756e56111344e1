"""Catalog scale: extract, update, check and save at 1k, 10k and 50k entries, next to GNU
gettext (msgmerge, msgfmt --statistics, msgcat), pybabel update and plain polib on the same
files, in one run. Also the fidelity of polib and babel on the real-world corpus.

    .venv/bin/python bench/bench_catalog.py [--sizes 1000,10000,50000] [--repeat 3]

Catalogs are generated from the corpus (``../shared/pocorpus``): its translated entries,
repeated with a release number in the msgid to reach the size. The template for ``update``
is the catalog's msgids edited as a release edits them: 10% changed slightly, 5% removed, 5%
added. Times are the best of ``--repeat`` runs (one run for the quadratic merges from 10k
entries on), wall clock, on whatever machine runs this.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import polib  # noqa: E402

from pipeline import catalog, pofile, state  # noqa: E402
from pipeline.segment import Block, Document  # noqa: E402

CORPUS = REPO.parent / "shared" / "pocorpus"


def corpus_entries() -> list[polib.POEntry]:
    """Every translated (not fuzzy), active, non-plural entry of the corpus, once."""
    seen, entries = set(), []
    for path in sorted(CORPUS.glob("*/*.po")):
        for entry in pofile.load(path):
            key = (entry.msgctxt, entry.msgid)
            if entry.obsolete or entry.msgid_plural or not entry.msgstr or key in seen:
                continue
            if "fuzzy" in entry.flags:  # msgfmt checks only what is translated
                continue
            seen.add(key)
            entries.append(entry)
    return entries


def mark(msgid: str, text: str) -> str:
    """``msgid`` with ``text`` added before its trailing newlines (msgfmt checks those)."""
    core = msgid.rstrip("\n")
    return core + text + msgid[len(core) :]


def shifted(text: str, places: int) -> str:
    """``text`` with every ASCII letter moved ``places`` along the alphabet: the same lengths
    and shape, but other words (so other 4-grams) than the original."""

    def move(char: str) -> str:
        for first in ("a", "A"):
            offset = ord(char) - ord(first)
            if 0 <= offset < 26:
                return chr(ord(first) + (offset + places) % 26)
        return char

    return "".join(move(c) for c in text)


def generate(source: list[polib.POEntry], size: int, seed: int = 1, distinct: bool = False):
    """(translated PO, edited template, Document of the template's msgids) with ``size``
    entries.

    The corpus is repeated as releases. By default a release's msgids are the corpus msgids
    with " (release N)" added, so each msgid has more near-duplicates the larger the catalog
    (fuzzy matching then grows quadratically for any msgmerge-compatible tool). With
    ``distinct``, each release has its letters shifted instead: the number of near-duplicates
    a msgid has stays the same at every size, as in a catalog that grows with new text.
    """
    rng = random.Random(seed)
    po = polib.POFile()
    po.metadata = {
        "Project-Id-Version": f"bench {size}",
        "POT-Creation-Date": "2025-01-01 00:00+0000",
        "PO-Revision-Date": "2025-01-02 00:00+0000",
        "Language": "ko",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=1; plural=0;",
    }
    seen: set[tuple[str | None, str]] = set()
    for i in range(size):
        base = source[i % len(source)]
        release = i // len(source)
        if release == 0:
            msgid = base.msgid
        elif distinct and (base.msgctxt, shifted(base.msgid, release)) not in seen:
            msgid = shifted(base.msgid, release)
        else:
            msgid = mark(base.msgid, f" (release {release})")
        seen.add((base.msgctxt, msgid))
        po.append(
            polib.POEntry(
                msgctxt=base.msgctxt,
                msgid=msgid,
                msgstr=base.msgstr,
                occurrences=[(f"src/file{i % 97}.c", str(i))],
                flags=["fuzzy"] if i % 10 == 3 else [],
            )
        )
    msgids = []
    for entry in po:
        roll = rng.random()
        if roll < 0.05:
            continue  # removed
        msgid = mark(entry.msgid, " again") if roll < 0.15 else entry.msgid
        msgids.append((entry.msgctxt, msgid))
        if roll > 0.95:
            msgids.append((None, f"New sentence {len(msgids)} about {entry.msgid[:30]}"))
    pot = polib.POFile()
    pot.metadata = {k: v for k, v in po.metadata.items() if k not in ("Language", "Plural-Forms")}
    for number, (ctx, msgid) in enumerate(msgids):
        pot.append(polib.POEntry(msgctxt=ctx, msgid=msgid, occurrences=[("src/a.c", str(number))]))
    blocks = tuple(
        Block("paragraph", n + 1, msgid, (msgid,)) for n, (_, msgid) in enumerate(msgids)
    )
    return po, pot, Document("bench", blocks)


def best(function, repeat: int, setup=None) -> float:
    times = []
    for _ in range(repeat):
        if setup is not None:
            setup()
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return min(times)


def run(command: list, ok: tuple[int, ...] = (0,), **kwargs) -> None:
    """Run ``command`` quietly; an exit status outside ``ok`` is an error."""
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    status = subprocess.run(command, **quiet, **kwargs).returncode
    if status not in ok:
        raise SystemExit(f"{' '.join(map(str, command))}: exit status {status}")


def project_for(work: Path, size: int, pot_path: Path) -> tuple[Path, Path]:
    """A project whose one template is ``pot_path`` (language ko), for timing the
    ``l10n update`` command as msgmerge is timed: a process from start to exit.
    (project folder, where its ko PO file goes)"""
    project = work / f"project-{size}"
    target = project / "locales" / "ko" / "LC_MESSAGES" / "bench.po"
    target.parent.mkdir(parents=True, exist_ok=True)
    (project / "pyproject.toml").write_text(
        '[tool.l10n]\n[tool.l10n.languages]\nko = { argos = "ko" }\n', encoding="utf-8"
    )
    shutil.copy(pot_path, project / "locales" / "bench.pot")
    return project, target


def bench_size(
    source,
    size: int,
    repeat: int,
    work: Path,
    merges: bool = True,
    distinct: bool = False,
    pybabel: bool = True,
) -> dict[str, float]:
    po, pot, doc = generate(source, size, distinct=distinct)
    po_path, pot_path = work / f"ko-{size}.po", work / f"t-{size}.pot"
    pofile.save(po, po_path)
    pofile.save(pot, pot_path)
    del po, pot  # the timed code reads the files: no need to keep 2·size entries alive here
    out = work / "out.po"
    results: dict[str, float] = {}

    def extract():
        template = catalog.extract(doc, "source/bench.txt", "bench", "2025-01-01 00:00+0000")
        out.unlink(missing_ok=True)
        pofile.save(template, out)

    def update():
        merged = catalog.merge(pofile.load(pot_path), pofile.load(po_path), "ko")
        out.unlink(missing_ok=True)
        pofile.save(merged, out)

    def check():
        catalog_ = pofile.load(po_path)
        counts = {name: 0 for name in (*state.STATES, "obsolete")}
        for entry in catalog_:
            counts[state.state(entry)] += 1
        return counts

    loaded = pofile.load(po_path)

    def save():
        out.unlink(missing_ok=True)
        pofile.save(loaded, out)

    results["l10n extract"] = best(extract, repeat)
    # On the default data the merges are quadratic (fuzzy matching): one run each from 10k
    # entries on.
    slow = repeat if size < 10000 or distinct else 1
    project, target = project_for(work, size, pot_path)
    l10n = [sys.executable, "-m", "pipeline"]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    if merges:
        command = [*l10n, "update", "--lang", "ko"]
        results["l10n update (command)"] = best(
            lambda: run(command, cwd=project, env=env),
            slow,
            setup=lambda: shutil.copy(po_path, target),  # the PO as it was before the merge
        )
        results["update in-process"] = best(update, slow)
    # Exit status 1 is a verdict (90% coverage is below the 100% required), not a failure.
    coverage = [*l10n, "check", "--coverage-only", po_path]
    results["l10n check --coverage-only"] = best(
        lambda: run(coverage, ok=(0, 1), cwd=project, env=env), repeat
    )
    quality = [*l10n, "check", po_path]
    results["l10n check (all checks)"] = best(
        lambda: run(quality, ok=(0, 1), cwd=project, env=env), repeat
    )
    results["state count in-process"] = best(check, repeat)
    results["l10n save"] = best(save, repeat)
    results["load only"] = best(lambda: pofile.load(po_path), repeat)

    msgmerge = ["msgmerge", "--previous", "--quiet", "-o", out, po_path, pot_path]
    if merges:
        results["msgmerge --previous"] = best(lambda: run(msgmerge), slow)
    msgfmt = ["msgfmt", "--statistics", "-o", "/dev/null", po_path]
    results["msgfmt --statistics"] = best(lambda: run(msgfmt), repeat)
    results["msgcat (load+save)"] = best(lambda: run(["msgcat", "-o", out, po_path]), repeat)
    # pybabel update is quadratic and slow (about 5 minutes at 10k here): not run above 10k.
    if (
        merges
        and pybabel
        and size <= 10000
        and (shutil.which("pybabel") or (REPO / ".venv/bin/pybabel").exists())
    ):
        local = REPO / ".venv/bin/pybabel"
        pybabel = str(local) if local.exists() else "pybabel"

        def babel_update():
            shutil.copy(po_path, out)
            run([pybabel, "update", "--previous", "-i", pot_path, "-o", out, "-l", "ko"])

        results["pybabel update"] = best(babel_update, slow)

    def polib_load_save():
        polib.pofile(str(po_path)).save(str(out))

    def polib_merge():
        old = polib.pofile(str(po_path))
        old.merge(polib.pofile(str(pot_path)))
        old.save(str(out))

    results["polib load+save"] = best(polib_load_save, repeat)
    if merges:
        results["polib merge+save"] = best(polib_merge, repeat)
    return results


def fidelity() -> list[str]:
    """How many corpus files polib, babel and pofile bring back byte-identical, and equal
    after ``msgcat --no-wrap`` on both sides (nothing lost)."""
    from babel.messages.pofile import read_po, write_po

    def normal(data: bytes) -> bytes:
        return subprocess.run(["msgcat", "--no-wrap", "-"], input=data, capture_output=True).stdout

    def with_polib(path: Path) -> bytes:
        po = polib.pofile(str(path), wrapwidth=79)
        return str(po).encode(po.encoding)

    def with_babel(path: Path) -> bytes:
        import warnings

        with open(path, "rb") as handle, warnings.catch_warnings():
            warnings.simplefilter("ignore")
            cat = read_po(handle)
        buffer = io.BytesIO()
        write_po(buffer, cat, width=79, include_previous=True)
        return buffer.getvalue()

    def with_pofile(path: Path) -> bytes:
        return pofile.encode(pofile.load(path))

    files = sorted(CORPUS.glob("*/*.po"))
    lines = [f"corpus: {len(files)} files"]
    writers = (("polib", with_polib), ("babel", with_babel), ("pipeline.pofile", with_pofile))
    for name, writer in writers:
        identical = lossless = 0
        for path in files:
            original = path.read_bytes()
            try:
                data = writer(path)
            except Exception as exc:  # a library that cannot read the file scores nothing
                print(f"  {name} failed on {path.name}: {exc!r}", file=sys.stderr)
                continue
            identical += data == original
            lossless += normal(data) == normal(original)
        count = len(files)
        lines.append(f"{name:16} byte-identical {identical}/{count}, lossless {lossless}/{count}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--no-merges", action="store_true", help="Skip update, msgmerge and pybabel (slow)."
    )
    parser.add_argument(
        "--distinct",
        action="store_true",
        help="Releases of the corpus with other words, not near-duplicates (see generate).",
    )
    parser.add_argument("--no-pybabel", action="store_true", help="Skip pybabel update.")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    source = corpus_entries()
    if not source:
        sys.exit(f"bench_catalog: no PO corpus at {CORPUS} (see README.md)")
    print(f"{len(source)} distinct translated corpus entries")
    table: dict[str, dict[int, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            repeat = args.repeat
            results = bench_size(
                source,
                size,
                repeat,
                Path(tmp),
                not args.no_merges,
                args.distinct,
                not args.no_pybabel,
            )
            for name, seconds in results.items():
                table.setdefault(name, {})[size] = seconds
            print(f"  {size} entries done", file=sys.stderr)
    header = f"| {'operation':28} | " + " | ".join(f"{s:>8}" for s in sizes) + " |"
    if len(sizes) >= 2:
        header += f" {sizes[-2] // 1000}k→{sizes[-1] // 1000}k |"
    print(header)
    rule = "|" + "-" * 30 + "|" + "|".join("-" * 10 for _ in sizes) + "|"
    print(rule + ("---------|" if len(sizes) >= 2 else ""))
    for name, by_size in table.items():
        cells = [f"{by_size[s]:7.3f}s" if s in by_size else "not run" for s in sizes]
        row = f"| {name:28} | " + " | ".join(f"{c:>8}" for c in cells) + " |"
        if len(sizes) >= 2 and sizes[-1] in by_size and sizes[-2] in by_size:
            row += f" {by_size[sizes[-1]] / by_size[sizes[-2]]:6.2f}× |"
        elif len(sizes) >= 2:
            row += "       |"
        print(row)
    largest = sizes[-1]
    reference = table["msgfmt --statistics"][largest]
    for name in ("l10n check --coverage-only", "l10n check (all checks)"):
        if name in table:
            ratio = table[name][largest] / reference
            print(f"{name} at {largest}: {ratio:.2f}× msgfmt --statistics")
    print("\n".join(fidelity()))


if __name__ == "__main__":
    main()
