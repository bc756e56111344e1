"""The PO writer on news text: our load + save next to GNU ``msgcat``'s, as processes.

    .venv/bin/python bench/bench_writer.py [--entries 6000] [--langs ko,zh,ms] [--runs 7]
    .venv/bin/python bench/bench_writer.py --corpus [--runs 5]

Generates a catalog of long news sentences: English msgids of 20 to 40 words (curly quotes,
figures, en dashes, apostrophes), msgstrs filled with Korean (Hangul), Chinese (Han and CJK
punctuation) or Malay-like text, references and extracted comments as ``l10n extract`` writes
them. The catalog is put into GNU layout by ``msgcat`` first (as a project's files are), then
both commands load it and write it back:

  ours:   python -c 'load(IN); write encode(po) to OUT'   (interpreter start-up included)
  msgcat: msgcat -o OUT IN

alternately, one warm-up each, then ``--runs`` pairs; wall and CPU (user + sys) seconds of each
finished process, min and median, and the ratio ours / msgcat (of the minima, and the median of
the pair-by-pair ratios). Before timing, the script checks that our output is byte-identical
to msgcat's. With ``--corpus`` the same is done on every file of ``../shared/pocorpus`` (as
they are: some are not in GNU layout, so there only the files that are are compared byte for
byte). Then the same work inside one process, where interpreter start-up and imports do not
count: ``load`` and ``encode``, the minimum of ``--runs``. ``--code DIR`` times another
checkout's ``pipeline`` (an older commit, say) against the same files.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "pocorpus"
CODE = REPO  # whose ``pipeline`` is timed (--code)

LOAD_SAVE = (
    "import sys; sys.path.insert(0, sys.argv[1]); from pipeline import pofile; "
    "po = pofile.load(sys.argv[2]); open(sys.argv[3], 'wb').write(pofile.encode(po))"
)

# ---- the generated catalog ------------------------------------------------------------------

WORDS = (
    "the government said on tuesday that its plan to expand trade and investment links with "
    "regional partners would create jobs for workers in shipping manufacturing and digital "
    "services while ministers warned that rising costs energy prices and supply chain risks "
    "remained a concern for small businesses households and investors across the region as "
    "officials agreed to review the agreement next year after talks in seoul singapore and "
    "jakarta on security cooperation climate finance green hydrogen semiconductors and "
    "artificial intelligence governance"
).split()
NAMES = [
    "Lawrence Wong",
    "Lee Jae Myung",
    "Vivian Balakrishnan",
    "Gan Kim Yong",
    "Anwar Ibrahim",
    "Asean",
    "Korea Trade-Investment Promotion Agency",
    "Changi",
    "Busan",
    "Temasek",
]
MALAY = (
    "kerajaan berkata pada hari selasa bahawa rancangan untuk meluaskan hubungan perdagangan "
    "dan pelaburan dengan rakan serantau akan mewujudkan pekerjaan bagi pekerja dalam sektor "
    "perkapalan pembuatan serta perkhidmatan digital manakala menteri memberi amaran bahawa "
    "kos yang meningkat harga tenaga dan risiko rantaian bekalan kekal membimbangkan"
).split()
HAN = (
    "新加坡与韩国同意在贸易可持续发展和国防科技等多个领域加强合作两国将双边关系提升为战略伙伴"
    "关系并签署了八项协议总理表示政府计划扩大区域投资创造就业机会能源价格供应链风险仍然令人担忧"
)


def _figure(rng: random.Random) -> str:
    return rng.choice(
        [
            f"{rng.randint(2, 99)} per cent",
            f"US${rng.randint(1, 9)}.{rng.randint(1, 9)} billion",
            f"{rng.randint(1, 999):,},{rng.randint(0, 999):03d}",
            str(rng.randint(1990, 2030)),
            f"{rng.randint(1, 30)} Nov",
            f"S${rng.randint(10, 900)} million",
        ]
    )


def english(rng: random.Random) -> str:
    """A news sentence of 20 to 40 words."""
    words = []
    for _ in range(rng.randint(20, 40)):
        roll = rng.random()
        if roll < 0.06:
            words.append(_figure(rng))
        elif roll < 0.10:
            words.append(rng.choice(NAMES))
        elif roll < 0.12:
            words.append("–")
        else:
            words.append(rng.choice(WORDS))
    if rng.random() < 0.4:  # a quotation
        i = rng.randrange(len(words) - 4)
        words[i] = "“" + words[i]
        words[i + 3] = words[i + 3] + ",”"
    if rng.random() < 0.3:
        i = rng.randrange(len(words))
        words[i] = words[i] + "’s"
    if rng.random() < 0.2:
        i = rng.randrange(len(words) - 3)
        words[i] = "(" + words[i]
        words[i + 2] = words[i + 2] + ")"
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def korean(rng: random.Random, length: int) -> str:
    out: list[str] = []
    while sum(map(len, out)) < length:
        roll = rng.random()
        if roll < 0.05:
            out.append(f"{rng.randint(1, 999)}억 달러")
        elif roll < 0.08:
            out.append("“" + "".join(chr(rng.randint(0xAC00, 0xD7A3)) for _ in range(3)) + "”")
        else:
            word = "".join(chr(rng.randint(0xAC00, 0xD7A3)) for _ in range(rng.randint(1, 5)))
            out.append(word + rng.choice(["", "", "", "", ",", "·한국"]))
    return " ".join(out) + "."


def chinese(rng: random.Random, length: int) -> str:
    out: list[str] = []
    while sum(map(len, out)) < length:
        roll = rng.random()
        if roll < 0.08:
            out.append(f"{rng.randint(1, 99)}.{rng.randint(0, 9)}%")
        elif roll < 0.14:
            out.append("“" + "".join(rng.choice(HAN) for _ in range(4)) + "”")
        elif roll < 0.17:
            out.append("（" + rng.choice(NAMES) + "）")
        elif roll < 0.19:
            out.append("——")
        else:
            out.append("".join(rng.choice(HAN) for _ in range(rng.randint(2, 9))))
            out.append(rng.choice(["", "", "，", "、", "。"]))
    return "".join(out).rstrip("，、。") + "。"


def malay(rng: random.Random, length: int) -> str:
    out: list[str] = []
    while sum(map(len, out)) + len(out) < length:
        roll = rng.random()
        out.append(
            _figure(rng) if roll < 0.05 else rng.choice(NAMES) if roll < 0.1 else rng.choice(MALAY)
        )
    text = " ".join(out)
    return text[0].upper() + text[1:] + "."


def translation(rng: random.Random, lang: str, source: str) -> str:
    if lang == "ko":
        return korean(rng, len(source) // 2)
    if lang == "zh":
        return chinese(rng, len(source) // 3)
    return malay(rng, int(len(source) * 1.15))


def catalog_text(entries: int, lang: str, seed: int = 12) -> str:
    """A PO file of ``entries`` news sentences translated into ``lang`` (ko, zh, ms)."""
    rng = random.Random(f"{seed}-{lang}")
    parts = [
        'msgid ""\nmsgstr ""\n"Project-Id-Version: news\\n"\n"Language: '
        + lang
        + '\\n"\n"MIME-Version: 1.0\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n"Content-Transfer-Encoding: 8bit\\n"\n'
    ]
    seen = set()
    while len(seen) < entries:
        source = english(rng)
        if source in seen:
            continue
        seen.add(source)
        article = f"source/article-{len(seen) // 44:04d}.txt:{len(seen) % 44 + 1}"
        comment = "#. paragraph\n" if rng.random() < 0.8 else "#. list-item\n"
        fuzzy = "#, fuzzy\n" if rng.random() < 0.05 else ""
        msgid = _quoted(source)
        msgstr = _quoted(translation(rng, lang, source))
        parts.append(f"\n{comment}#: {article}\n{fuzzy}msgid {msgid}\nmsgstr {msgstr}\n")
    return "".join(parts)


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# ---- timing ---------------------------------------------------------------------------------


def run_once(command: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + sys of the finished process) of one run."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    error = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    if process.returncode != 0:
        raise SystemExit(f"{command[0]} failed ({process.returncode}): {error.strip()[:300]}")
    return wall, usage.ru_utime + usage.ru_stime


def compare(ours: list[str], theirs: list[str], runs: int) -> dict[str, list[float]]:
    """Alternate the two commands: one warm-up each, then ``runs`` pairs."""
    run_once(ours)
    run_once(theirs)
    times: dict[str, list[float]] = {"ours wall": [], "ours cpu": [], "gnu wall": [], "gnu cpu": []}
    for _ in range(runs):
        for name, command in (("ours", ours), ("gnu", theirs)):
            wall, cpu = run_once(command)
            times[f"{name} wall"].append(wall)
            times[f"{name} cpu"].append(cpu)
    return times


def report(label: str, times: dict[str, list[float]]) -> None:
    def cell(values: list[float]) -> str:
        return f"{min(values):6.3f} / {statistics.median(values):6.3f}"

    for kind in ("wall", "cpu"):
        ours, gnu = times[f"ours {kind}"], times[f"gnu {kind}"]
        pairs = [a / b for a, b in zip(ours, gnu) if b > 0]
        ratio = min(ours) / min(gnu) if min(gnu) > 0 else float("inf")
        median_ratio = statistics.median(pairs) if pairs else float("inf")
        print(
            f"{label:38} {kind:4}  ours {cell(ours)}  msgcat {cell(gnu)}  "
            f"ratio {ratio:5.2f} (pairs median {median_ratio:5.2f})"
        )


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def ours_command(source: Path, target: Path) -> list[str]:
    return [sys.executable, "-c", LOAD_SAVE, str(CODE), str(source), str(target)]


def msgcat_output(source: Path, target: Path) -> bytes:
    subprocess.run(["msgcat", "-o", str(target), str(source)], check=True)
    return target.read_bytes()


def in_process(path: Path, repeat: int) -> tuple[float, float]:
    """Load and save to bytes inside this process: the minimum of ``repeat`` runs of each."""
    if str(CODE) not in sys.path:
        sys.path.insert(0, str(CODE))
    from pipeline import pofile

    load = save = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        po = pofile.load(path)
        t1 = time.perf_counter()
        pofile.encode(po)
        t2 = time.perf_counter()
        load, save = min(load, t1 - t0), min(save, t2 - t1)
    return load, save


def bench_generated(args: argparse.Namespace, work: Path) -> int:
    failures = 0
    for lang in args.langs.split(","):
        raw = work / f"raw-{lang}.po"
        raw.write_text(catalog_text(args.entries, lang), encoding="utf-8")
        source = work / f"news-{lang}.po"
        msgcat_output(raw, source)  # GNU layout, as a project's files are
        ours_out, gnu_out = work / f"ours-{lang}.po", work / f"gnu-{lang}.po"
        subprocess.run(ours_command(source, ours_out), check=True)
        same = ours_out.read_bytes() == msgcat_output(source, gnu_out)
        failures += not same
        size = source.stat().st_size
        print(
            f"{lang}: {args.entries} entries, {size / 1e6:.1f} MB, "
            f"output byte-identical to msgcat: {same}"
        )
        report(
            f"  load + save, {lang}",
            compare(
                ours_command(source, ours_out),
                ["msgcat", "-o", str(gnu_out), str(source)],
                args.runs,
            ),
        )
        load, save = in_process(source, args.runs)
        print(f"    in process (min): load {load:.3f} s, save {save:.3f} s")
    return failures


def bench_corpus(args: argparse.Namespace, work: Path) -> int:
    failures = 0
    files = sorted(CORPUS.glob("*/*.po"))
    if not files:
        raise SystemExit(f"no PO files in {CORPUS}")
    total: dict[str, list[float]] = {}
    loads = saves = 0.0
    for path in files:
        ours_out, gnu_out = work / "ours.po", work / "gnu.po"
        subprocess.run(ours_command(path, ours_out), check=True)
        gnu = msgcat_output(path, gnu_out)
        in_layout = gnu == path.read_bytes()
        same = ours_out.read_bytes() == gnu
        if in_layout and not same:
            failures += 1
        note = "identical" if same else ("DIFFERS" if in_layout else "differs (not GNU layout)")
        times = compare(
            ours_command(path, ours_out), ["msgcat", "-o", str(gnu_out), str(path)], args.runs
        )
        for key, values in times.items():
            total.setdefault(key, [0.0] * len(values))
            total[key] = [a + b for a, b in zip(total[key], values)]
        load, save = in_process(path, args.runs)
        loads, saves = loads + load, saves + save
        print(f"{path.parent.name}/{path.name}: {path.stat().st_size / 1e3:.0f} kB, {note}")
        report("  load + save", times)
        print(f"    in process (min): load {load:.4f} s, save {save:.4f} s")
    report("all corpus files (sum per run)", total)
    gnu = min(total["gnu cpu"])
    print(
        f"in process, all files: load {loads:.3f} s + save {saves:.3f} s = "
        f"{loads + saves:.3f} s; / msgcat processes' cpu {gnu:.3f} s = "
        f"{(loads + saves) / gnu:.2f}"
    )
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entries", type=int, default=6000, help="entries per catalog")
    parser.add_argument("--langs", default="ko,zh,ms", help="msgstr languages: ko, zh, ms")
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each command")
    parser.add_argument("--corpus", action="store_true", help="the PO corpus instead")
    parser.add_argument(
        "--code",
        type=Path,
        default=REPO,
        help="the checkout whose pipeline is timed (default: this)",
    )
    parser.add_argument("--keep", type=Path, help="write the generated catalogs here")
    args = parser.parse_args()
    global CODE
    CODE = args.code.resolve()
    if shutil.which("msgcat") is None:
        raise SystemExit("msgcat not found: install GNU gettext (apt-get install gettext)")
    print(
        f"{os.cpu_count()} CPUs, load average {load_average()}; seconds as min / median of the runs"
    )
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        failures = bench_corpus(args, work) if args.corpus else bench_generated(args, work)
    print(f"load average after: {load_average()}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
