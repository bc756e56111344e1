"""Archive scale: what `make` and `l10n check` cost on a project of N articles, step by step.

For each size N (``--sizes``, default 100, 300 and 1,000; ``--full`` adds 3,000) this
generates a project of N articles from the seed article (bench/archive_gen.py: partner
country, names, numbers, dates and wording varied, so most sentences are distinct; chrome,
photo credits and a quoted line or two repeat). The older part of the archive comes with
its translations (``--translated``, default 70% of the articles): where a sentence is the
seed's, the seed's translation; otherwise a placeholder. No model is installed: the package
store and the translation memory are empty folders of the run's own.

Then it runs, each as a process, timed:

  first make       `make` on the fresh project (extract, update, translate, build)
  no-op make       `make` again, nothing changed
  add one article  a new source file, then `make`
  edit a sentence  one sentence of an old (translated) article changed, then `make`
  check --coverage-only, check, then warm check (`l10n check` again: the findings known)
  translate (MT)   only with ``--model PKG.argosmodel``: `l10n translate --lang ko` with that
                   package installed, next to raw CTranslate2 on the same distinct sentences

With ``--folders`` the articles are filed in ``source/YYYY/MM/`` by their date (and so are
their templates, catalogs and outputs); the steps are the same. At 100,000 articles a cold
`check` takes hours and the archive does not fit the page cache: ``--no-full-check`` leaves
out the cold and warm `check`, and ``--stat-only`` counts the files written by their size and
times alone, without reading every file's bytes around each step (no "same bytes" count).
Setting such a project up takes most of an hour: ``--reuse`` takes the one kept under
``--keep`` back to its state before the first `make` (templates, untranslated catalogs,
outputs, state and memory removed, the articles earlier runs added removed and the one they
edited written again; the translated catalogs are kept as the last run left them) and runs
the steps on it. Each step starts once what the steps before it wrote is on disk (``sync``).

It prints a Markdown table: wall time, CPU time (user + system, every process of the step),
peak RSS (the largest single process), the machine's speed just before the step (``REFERENCE``:
the seconds a fixed loop of Python takes, as this machine's speed was seen to vary by 1.8
times within an hour), exit status, and the files the step wrote (new or
changed; "same bytes" counts files rewritten with the bytes they had, make's empty stamps
aside; deleted), by kind.
Where a target applies (2 cores, no model) the table says whether it is met.

The project uses the code and Makefile of the checkout that holds this script (``--code``
to measure another) and the installed environment ``--venv`` (default: the running
interpreter's), through ``make VENV=...``: nothing is installed. Each step has a time limit
(``--timeout``); a step that runs past it is stopped and reported as such.

    .venv/bin/python bench/bench_archive.py [--sizes 100,300] [--full] [--folders] [--keep DIR]
        [--no-full-check] [--stat-only]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import archive_gen  # noqa: E402
import polib  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SEED = "singapore-south-korea-partnership"
# The POT-Creation-Date of the translated PO files: the templates they were merged from are
# older than the ones the first `make` extracts, whenever the benchmark runs.
TRANSLATED_AT = "2025-01-01 00:00+0000"
# Item 7's targets, in seconds: (step, N) -> limit; N None means every size.
TARGETS = {
    ("no-op make", None): 1.0,
    ("add one article", 300): 3.0,
    ("add one article", 1000): 5.0,
    ("edit a sentence", 1000): 3.0,
    ("first make", 300): 30.0,
    ("check --coverage-only", 1000): 5.0,
    # the targets at archive scale
    ("add one article", 10000): 3.0,
    ("edit a sentence", 10000): 3.0,
    ("check --coverage-only", 10000): 5.0,
    ("warm check", 10000): 5.0,
    ("first make", 10000): 600.0,
    ("add one article", 100000): 5.0,
}


@dataclass
class Step:
    """A timed step: its label, its command line, what it changes before it runs (not
    timed), and the exit statuses that count as success (`l10n check` exits 1 when a
    language is not ready, which a partly translated archive is)."""

    label: str
    argv: list[str]
    before: Callable[[], None] | None = None
    ok: tuple[int, ...] = (0,)


FIRST_RUN = ("extract", "update", "translate", "build")  # ``--steps``
# the reference loop: ten million additions, in a process of its own
REFERENCE = "s = 0\nfor i in range(10_000_000):\n    s += i\n"


def reference_seconds() -> float:
    """The machine's speed just now: the wall seconds of the ``REFERENCE`` loop. Two runs'
    figures are comparable where their reference seconds are about the same."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", REFERENCE], check=True)
    return time.perf_counter() - start


def timed(argv: list[str], cwd: Path, env: dict, timeout: float, log: Path) -> dict:
    """Run ``argv`` to its end or to ``timeout`` seconds (then its whole process group is
    killed): wall and CPU seconds, peak RSS of its largest process, exit status."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(
            argv,
            cwd=cwd,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        expired = threading.Event()

        def stop() -> None:
            expired.set()
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:  # it ended meanwhile
                pass

        timer = threading.Timer(timeout, stop)
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)  # usage covers every reaped descendant
        wall = time.perf_counter() - start
        timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "rss_mb": usage.ru_maxrss / 1024,
        "rc": proc.returncode,
        "timed_out": expired.is_set(),
    }


def snapshot(roots: list[Path], digest: bool = True) -> dict[str, tuple[int, int, bytes]]:
    """Every regular file under ``roots`` (links not followed, the venv link left out):
    path → (mtime ns, size, digest of the bytes; empty unless ``digest``)."""
    files = {}
    for root in roots:
        for folder, dirs, names in os.walk(root):
            dirs[:] = [d for d in dirs if d != ".venv"]
            for name in names:
                path = os.path.join(folder, name)
                if os.path.islink(path):
                    continue
                stat = os.stat(path)
                files[path] = (stat.st_mtime_ns, stat.st_size, digest and file_digest(path))
    return files


def file_digest(path: str) -> bytes:
    """The BLAKE2b digest of the file's bytes."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "blake2b").digest()


def kind(path: str) -> str:
    """What a written file is, for the table: po, pot, mo, html, md, txt, memory, stamp…"""
    if "/.stamps/" in path:
        return "stamp"
    if "/cache/" in path or path.endswith("/.l10n/people.sqlite3"):
        return "memory"
    suffix = Path(path).suffix.lstrip(".")
    return suffix or Path(path).name


def compare(before: dict, after: dict, digest: bool = True) -> dict:
    """Files written (new, or changed mtime/bytes), those rewritten with the same bytes
    (None without ``digest``), deleted, and the written ones counted by kind."""
    written = [p for p, v in after.items() if p not in before or before[p][:2] != v[:2]]
    same = [
        p for p in written if p in before and before[p][2] == after[p][2] and kind(p) != "stamp"
    ]
    kinds: dict[str, int] = {}
    for path in written:
        kinds[kind(path)] = kinds.get(kind(path), 0) + 1
    return {
        "written": len(written),
        "same_bytes": len(same) if digest else None,
        "deleted": sum(1 for p in before if p not in after),
        "kinds": dict(sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))),
    }


def log_path(logs: Path, label: str) -> Path:
    """Where a step's output goes: ``logs/<label, as a file name>.log``."""
    return logs / (re.sub(r"[^A-Za-z0-9]+", "_", label).strip("_") + ".log")


def run_step(
    step: Step,
    cwd: Path,
    env: dict,
    timeout: float,
    scanned: list[Path],
    logs: Path,
    digest: bool = True,
) -> dict:
    """Prepare ``step``, run it timed, and count the files it wrote; one result row."""
    if step.before:
        step.before()
    before = snapshot(scanned, digest)
    log = log_path(logs, step.label)
    os.sync()  # what earlier steps wrote is on disk: a step does not pay for their writing
    reference = reference_seconds()
    result = timed(step.argv, cwd, env, timeout, log)
    row = {"step": step.label, **result, **compare(before, snapshot(scanned, digest), digest)}
    row["reference"] = reference
    if not result["timed_out"] and result["rc"] not in step.ok:
        tail = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-3:]
        row["note"] = "FAILED: " + " / ".join(tail)[:200]
    return row


def setup_run(argv: list[str], cwd: Path, env: dict, timeout: float) -> None:
    """An untimed preparation command; a failure stops the benchmark with its output."""
    done = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        output = (done.stdout + done.stderr).strip()[-2000:]
        sys.exit(f"bench_archive: setup step {' '.join(argv[:2])} failed:\n{output}")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100,300,1000", help="comma-separated N")
    parser.add_argument("--full", action="store_true", help="also N = 3000")
    parser.add_argument("--timeout", type=float, default=600, help="seconds per step")
    parser.add_argument("--keep", type=Path, help="build the projects under DIR, keep them")
    parser.add_argument("--code", type=Path, default=REPO, help="checkout whose code runs")
    parser.add_argument("--venv", type=Path, default=Path(sys.prefix), help="installed env")
    parser.add_argument(
        "--translated", type=float, default=0.7, help="share of the articles that come translated"
    )
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--jobs", type=int, default=1, help="make -j")
    parser.add_argument("--model", type=Path, help="an en→ko .argosmodel for the MT step")
    parser.add_argument("--out", type=Path, help="also write the report (Markdown) here")
    parser.add_argument(
        "--folders", action="store_true", help="file the articles in source/YYYY/MM/ by date"
    )
    parser.add_argument(
        "--no-full-check", action="store_true", help="leave out the cold and the warm check"
    )
    parser.add_argument(
        "--stat-only", action="store_true", help="files written by size and times, bytes unread"
    )
    parser.add_argument(
        "--steps",
        action="store_true",
        help="time the first run's commands one by one (extract, update, translate, build), "
        "and nothing after",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="with --keep: the kept projects, back to their state before the first make",
    )
    args = parser.parse_args(argv)
    args.sizes = [int(n) for n in args.sizes.split(",") if n.strip()]
    if args.full and 3000 not in args.sizes:
        args.sizes.append(3000)
    if not (args.venv / "bin" / "l10n").exists():
        parser.error(f"{args.venv}: no bin/l10n (pass --venv, an installed environment)")
    if args.reuse and not args.keep:
        parser.error("--reuse needs --keep DIR (the projects to reuse)")
    if args.model and not args.model.is_file():
        parser.error(f"{args.model}: no such file (bench/bench_mt.py builds one in build/bench/)")
    return args


def environment(work: Path, code: Path) -> dict[str, str]:
    """The steps' environment: this checkout's code, an empty package store and memory."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MAKE", "ARGOS"))}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # a user's Python keeps its compiled modules
    for name in ("argos", "cache", "data"):
        (work / name).mkdir(parents=True, exist_ok=True)
    env.update(
        PYTHONPATH=str(code.resolve()),
        ARGOS_PACKAGES_DIR=str(work / "argos"),
        XDG_CACHE_HOME=str(work / "cache"),
        XDG_DATA_HOME=str(work / "data"),
        # compiled modules cached as an installed package's are, but outside the checkout
        PYTHONPYCACHEPREFIX=str(work / "pycache"),
        # should a Makefile's install rule ever run, it installs nothing
        PIP_NO_INDEX="1",
        PIP_DRY_RUN="1",
    )
    return env


def venv_shim(project: Path, venv: Path) -> Path:
    """``project/.venv``: the installed environment's folders, linked, and install stamps of
    its own, so `make` finds everything installed and never runs pip into ``venv``."""
    shim = project / ".venv"
    shim.mkdir()
    for name in ("bin", "lib", "lib64", "include", "pyvenv.cfg"):
        if (venv / name).exists():
            (shim / name).symlink_to((venv / name).resolve())
    for extra in ("mt", "test", "base"):
        (shim / f".installed-{extra}").touch()
    return shim


def write_project(project: Path, args: argparse.Namespace, n: int) -> None:
    """Sources of articles 0..n-1, the checkout's Makefile, pyproject.toml and glossary."""
    (project / "source").mkdir(parents=True)
    (project / "locales").mkdir()
    for name in ("Makefile", "pyproject.toml", "constraints.txt"):
        shutil.copy2(args.code / name, project / name)
    shutil.copy2(args.code / "locales" / "glossary.csv", project / "locales" / "glossary.csv")
    seed_text = (args.code / "source" / f"{SEED}.txt").read_text(encoding="utf-8")
    for index in range(n):
        write_article(project, seed_text, index, args)


def article_path(project: Path, index: int, args: argparse.Namespace) -> Path:
    """Where article ``index`` is: ``source/<stem>.txt``, or with ``--folders``
    ``source/YYYY/MM/<stem>.txt``."""
    stem = archive_gen.name(index, args.seed)
    folder = archive_gen.folder(index, args.seed) if args.folders else ""
    return project / "source" / folder / f"{stem}.txt"


def write_article(project: Path, seed_text: str, index: int, args: argparse.Namespace) -> Path:
    """Article ``index`` at its ``article_path``."""
    _, text = archive_gen.article(seed_text, index, args.seed)
    path = article_path(project, index, args)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def seed_translations(code: Path, lang: str) -> dict[str, str]:
    """The seed article's reviewed translations into ``lang``: msgid → msgstr."""
    path = code / "locales" / lang / "LC_MESSAGES" / f"{SEED}.po"
    if not path.is_file():
        return {}
    return {
        e.msgid: e.msgstr
        for e in polib.pofile(str(path))
        if e.msgid and e.msgstr and "fuzzy" not in e.flags and not e.obsolete
    }


def fill_translations(project: Path, code: Path, share: float) -> list[Path]:
    """Translate the PO files of the oldest ``share`` of the articles (the lowest numbers,
    article 0 among them) as people would have:
    the seed's translation where the sentence is the seed's, else a placeholder ``[lang] …``.
    Returns the files filled."""
    filled = []
    for po_path in sorted(translated_catalogs(project, share)):
        lang = po_path.relative_to(project / "locales").parts[0]
        known = seed_translations(code, lang)
        po = polib.pofile(str(po_path))
        po.metadata["POT-Creation-Date"] = TRANSLATED_AT  # from an earlier extraction
        for entry in po:
            if entry.msgid and not entry.obsolete and not entry.msgid_plural:
                entry.msgstr = known.get(entry.msgid, f"[{lang}] {entry.msgid}")
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
        po.save()
        filled.append(po_path)
    return filled


def translated_catalogs(project: Path, share: float) -> list[Path]:
    """The PO files ``fill_translations`` filled: those of the oldest ``share`` of the
    articles."""
    stems = sorted((p.stem for p in (project / "source").rglob("*.txt")), key=archive_gen.index)
    keep = set(stems[: round(len(stems) * share)])
    return [path for path in catalogs(project) if path.stem in keep]


def catalogs(project: Path, lang: str = "*") -> list[Path]:
    """The PO files of ``lang`` (default: every language), in folders or not."""
    return list((project / "locales").glob(f"{lang}/LC_MESSAGES/**/*.po"))


def reset_derived(project: Path, work: Path, keep: list[Path]) -> None:
    """Back to what a newsroom's repository holds: sources and the translated PO files;
    no templates, no other PO file, no build, an empty memory. Every file dated an hour
    ago (install stamps a little later), so what the steps change is newer."""
    kept = {p.resolve() for p in keep}
    for path in (project / "locales").rglob("*.pot"):
        path.unlink()
    for path in catalogs(project):
        if path.resolve() not in kept:
            path.unlink()
    shutil.rmtree(project / "build", ignore_errors=True)
    shutil.rmtree(work / "cache", ignore_errors=True)
    (work / "cache").mkdir()
    past = time.time() - 3600
    for folder, dirs, names in os.walk(project):
        dirs[:] = [d for d in dirs if d != ".venv"]
        for name in names:
            os.utime(os.path.join(folder, name), (past, past))
    for stamp in (project / ".venv").glob(".installed-*"):
        os.utime(stamp, (past + 60, past + 60))


def setup(work: Path, args: argparse.Namespace, n: int) -> tuple[Path, dict, list[str]]:
    """A fresh project of ``n`` articles, translations for the older ones (with ``--reuse``,
    the kept one, back to that state); its folder, the steps' environment and the make
    command line."""
    project = work / "project"
    if args.reuse:
        shutil.copy(args.code / "Makefile", project / "Makefile")
        shutil.rmtree(project / ".venv")
        shim = venv_shim(project, args.venv)
        env = environment(work, args.code)
        # the articles the timed steps of earlier runs added go, and the one they edited is
        # written as it was, so that adding and editing change the project again
        wanted = {article_path(project, index, args) for index in range(n)}
        for path in (project / "source").rglob("*.txt"):
            if path not in wanted:
                path.unlink()
        seed_text = (args.code / "source" / f"{SEED}.txt").read_text(encoding="utf-8")
        write_article(project, seed_text, 0, args)
        translated = translated_catalogs(project, args.translated)
    else:
        write_project(project, args, n)
        shim = venv_shim(project, args.venv)
        env = environment(work, args.code)
        l10n = str(shim / "bin" / "l10n")
        for command in ([l10n, "extract"], [l10n, "update"]):
            setup_run(command, project, env, args.timeout)
        translated = fill_translations(project, args.code, args.translated)
        for start in range(0, len(translated), 1000):  # within the system's argument length
            chunk = translated[start : start + 1000]
            setup_run([l10n, "format", *map(str, chunk)], project, env, args.timeout)
    reset_derived(project, work, keep=translated)
    make = ["make", f"VENV={shim}", f"PYTHON={shim / 'bin' / 'python'}", f"-j{args.jobs}"]
    make += [f"--assume-old={stamp}" for stamp in sorted(shim.glob(".installed-*"))]
    return project, env, make


def steps(project: Path, args: argparse.Namespace, n: int, make: list[str]) -> list[Step]:
    """The timed steps, in order, each with what it changes first."""
    l10n = str(project / ".venv" / "bin" / "l10n")
    seed_text = (args.code / "source" / f"{SEED}.txt").read_text(encoding="utf-8")

    def add_article() -> None:
        write_article(project, seed_text, n, args)

    def edit_sentence() -> None:
        path = article_path(project, 0, args)
        path.write_text(
            archive_gen.edit_one_sentence(path.read_text(encoding="utf-8")), encoding="utf-8"
        )

    if args.steps:  # the first run as the four commands make runs, each timed alone
        return [Step(f"first {name}", [l10n, name]) for name in FIRST_RUN]
    timed_steps = [
        Step("first make", make),
        Step("no-op make", make),
        Step("add one article", make, add_article),
        Step("edit a sentence", make, edit_sentence),
        Step("check --coverage-only", [l10n, "check", "--coverage-only"], ok=(0, 1)),
    ]
    if not args.no_full_check:
        timed_steps += [
            Step("check", [l10n, "check"], ok=(0, 1)),
            Step("warm check", [l10n, "check"], ok=(0, 1)),
        ]
    return timed_steps


def run_size(root: Path, args: argparse.Namespace, n: int) -> tuple[list[dict], list[str]]:
    """Every step on a fresh project of ``n`` articles: a result row per step, and the MT
    comparison's lines (with ``--model``)."""
    work = root / f"n{n}"
    start = time.monotonic()
    project, env, make = setup(work, args, n)
    print(f"N={n}: project ready in {time.monotonic() - start:.0f} s", file=sys.stderr)
    scanned = [project, work / "cache", work / "argos"]
    rows = []
    for step in steps(project, args, n, make):
        row = run_step(step, project, env, args.timeout, scanned, work / "logs", not args.stat_only)
        rows.append({"n": n, **row})
        print(f"N={n}: {format_row(rows[-1])}", file=sys.stderr)
    lines = []
    if args.model:
        row, lines = mt_step(project, env, args, scanned, work / "logs")
        rows.append({"n": n, **row})
    return rows, [f"MT at N={n}:", *lines] if lines else []


def pending_sentences(project: Path, lang: str = "ko") -> list[str]:
    """The distinct msgids `translate` has to draft in ``lang``: untranslated somewhere and
    translated (reviewed) nowhere."""
    todo, done = set(), set()
    for path in catalogs(project, lang):
        for entry in polib.pofile(str(path)):
            if not entry.msgid or entry.obsolete:
                continue
            if entry.msgstr and "fuzzy" not in entry.flags:
                done.add(entry.msgid)
            elif not entry.msgstr:
                todo.add(entry.msgid)
    return sorted(todo - done)


def raw_decode(package, sentences: list[str]) -> dict:
    """Raw CTranslate2 (bench/bench_mt.py's settings) on ``sentences``: load and decode
    seconds."""
    import bench_mt
    from pipeline import mt

    settings = mt.Settings()
    start = time.perf_counter()
    translator = mt.Translator(package, settings)
    load = time.perf_counter() - start
    tokens = translator.encode(sentences)
    start = time.perf_counter()
    translator.model.translate_batch(
        tokens, **bench_mt.decode_kwargs(settings, max(map(len, tokens)))
    )
    return {"load": load, "decode": time.perf_counter() - start, "threads": mt.cores()}


def mt_step(
    project: Path, env: dict, args: argparse.Namespace, scanned: list[Path], logs: Path
) -> tuple[dict, list[str]]:
    """`l10n translate --lang ko` with ``--model`` installed, then raw CTranslate2 on the
    same distinct sentences: the step's row and the comparison's lines."""
    sys.path.insert(0, str(args.code.resolve()))
    from pipeline import mt

    package, _ = mt.install_file(args.model, Path(env["ARGOS_PACKAGES_DIR"]))
    sentences = pending_sentences(project)
    l10n = str(project / ".venv" / "bin" / "l10n")
    step = Step("translate --lang ko (model)", [l10n, "translate", "--lang", "ko"])
    row = run_step(step, project, env, args.timeout, scanned, logs)
    log = log_path(logs, step.label)
    output = log.read_text(encoding="utf-8", errors="replace").splitlines()
    summary = [line.strip() for line in output if "decoded" in line or "drafted" in line]
    lines = [
        f"- `l10n translate --lang ko`: {row['wall']:.1f} s for {len(sentences)} "
        f"distinct sentences to draft ({len(sentences) / row['wall']:.1f}/s, model "
        f"loading included); its summary: {' '.join(summary)[:300]}"
    ]
    if sentences:
        raw = raw_decode(package, sentences)
        lines.append(
            f"- raw CTranslate2, same sentences, {raw['threads']} threads: load "
            f"{raw['load']:.1f} s, decode {raw['decode']:.1f} s "
            f"({len(sentences) / raw['decode']:.1f}/s; "
            f"{len(sentences) / (raw['load'] + raw['decode']):.1f}/s with loading)"
        )
    return row, lines


def target_note(step: str, n: int, wall: float) -> str:
    """``≤ T s: met`` / ``≤ T s: missed (×k)`` where a target is set, else empty."""
    limit = TARGETS.get((step, n), TARGETS.get((step, None)))
    if limit is None:
        return ""
    verdict = "met" if wall <= limit else f"missed, {wall / limit:.1f}×"
    return f"≤ {limit:g} s: {verdict}"


def format_row(row: dict) -> str:
    """One table row (Markdown)."""
    status = "timeout" if row["timed_out"] else str(row["rc"])
    kinds = ", ".join(f"{kind} {count}" for kind, count in row["kinds"].items()) or "–"
    cells = [
        str(row["n"]),
        row["step"],
        f"{row['wall']:.2f}",
        f"{row['cpu']:.2f}",
        f"{row['rss_mb']:.0f}",
        f"{row['reference']:.2f}",
        status,
        str(row["written"]),
        "–" if row["same_bytes"] is None else str(row["same_bytes"]),
        str(row["deleted"]),
        kinds,
        row.get("note") or target_note(row["step"], row["n"], row["wall"]),
    ]
    return "| " + " | ".join(cells) + " |"


def machine(code: Path = REPO) -> str:
    """The machine, in one paragraph: CPU, cores, memory, load, Python, the commit of the code
    that ran (``code``, a checkout)."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    commit = subprocess.run(
        ["git", "-C", str(code), "describe", "--always", "--dirty"], capture_output=True, text=True
    ).stdout.strip()
    return (
        f"{cpu}; {os.cpu_count()} CPUs; {memory:.0f} GiB; load average {load}; "
        f"Python {platform.python_version()}; {platform.system()} {platform.release()}; "
        f"code {commit or '?'}"
    )


HEADER = (
    "| N | step | wall s | CPU s | peak RSS MB | reference s | exit | files written | same bytes "
    "| deleted | written by kind | target |\n|" + "---|" * 12
)


def main(argv: list[str] | None = None) -> int:
    """Run every size; print the table (and write it to ``--out``)."""
    args = parse_args(argv)
    layout = "in source/YYYY/MM/ folders" if args.folders else "in one folder"
    report = [f"Machine at start: {machine(args.code)}", "", f"Articles {layout}.", "", HEADER]
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="bench-archive-") as tmp:
        root = args.keep or Path(tmp)
        for n in args.sizes:
            if (root / f"n{n}").exists() and not args.reuse:
                shutil.rmtree(root / f"n{n}")
            rows, lines = run_size(root, args, n)
            report += [format_row(row) for row in rows]
            notes += lines
    report += ["", *notes, "", f"Machine at end: {machine(args.code)}"]
    text = "\n".join(report) + "\n"
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
