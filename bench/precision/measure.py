"""Precision of `l10n check` on the real-world PO corpus, against findings judged by hand.

    .venv/bin/python bench/precision/measure.py [--corpus DIR] [--list] [--sample N --seed S]

``judged.csv`` (beside this script) holds findings a localisation reviewer read and judged:
``real`` (a reviewer would fix it), ``debatable`` (worth a look, a matter of style) or
``false`` (nothing to fix), with the reason. Sample ``before`` was drawn from what the checks
reported before they were tuned; ``after`` is a fresh sample of what they report now, drawn
from findings that ``before`` did not judge; ``fresh`` is every finding that neither had judged
once the checks for whitespace, accelerators, markup, ranges and stray words were added.

A finding is matched to a judgement by file, line (the entry's ``msgid`` line) and check. For
each check the script prints how many judged-false findings are still reported, how many
judged-real ones are still found, and, over the current findings (entry × check) with a
judgement, the share that is real and real-or-debatable, per severity. ``--list`` prints every
current finding; ``--sample N`` draws N current findings that have no judgement yet, as CSV rows to
judge. The corpus is read where it is (``../shared/pocorpus`` next to the repository, or
``--corpus``); nothing of it is copied.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from pipeline import catalog, qa  # noqa: E402
from pipeline.checks import CHECK_IDS, context_for, severities  # noqa: E402

JUDGED = Path(__file__).with_name("judged.csv")
FIELDS = ["sample", "file", "line", "check", "severity", "verdict", "msgid", "message", "reason"]
VERDICTS = ("real", "debatable", "false")


def corpus_findings(corpus: Path) -> list[dict[str, str]]:
    """Every problem `l10n check FILE` reports on each corpus file (no glossary: the corpus is
    software, not news), with the file relative to the corpus."""
    found = []
    for path in sorted(corpus.glob("*/*.po")):
        po = catalog.load(path)
        ctx = context_for(po, qa.language_of(po, path), ())
        result = qa.check_catalog(po, path.relative_to(corpus).as_posix(), ctx, severities())
        for p in result.problems:
            found.append(
                {
                    "file": p.file,
                    "line": str(p.line),
                    "check": p.check,
                    "severity": p.severity,
                    "msgid": p.msgid,
                    "message": p.message,
                }
            )
    return found


def key(row: dict[str, str]) -> tuple[str, str, str]:
    return row["file"], row["line"], row["check"]


def load_judged(path: Path = JUDGED) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["verdict"] not in VERDICTS:
            raise SystemExit(f"{path}: verdict {row['verdict']!r} is not one of {VERDICTS}")
    return rows


def share(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "-"


def report(found: list[dict[str, str]], judged: list[dict[str, str]]) -> str:
    now = {key(f) for f in found}
    # A key judged twice (two findings of one check on one entry) counts once: its best verdict.
    rank = {v: i for i, v in enumerate(VERDICTS)}
    verdict: dict[tuple[str, str, str], str] = {}
    sample_of: dict[tuple[str, str, str], str] = {}
    for row in judged:
        k = key(row)
        if k not in verdict or rank[row["verdict"]] < rank[verdict[k]]:
            verdict[k] = row["verdict"]
        sample_of.setdefault(k, row["sample"])
    lines = [f"current findings: {len(found)} ({dict(Counter(f['severity'] for f in found))})", ""]
    lines.append(
        f"{'check':<18} {'now':>5}  {'false still':>11}  {'real found':>10}  "
        f"{'judged now':>10}  {'real':>5}  {'real|deb':>8}"
    )
    per_check = defaultdict(list)
    for f in found:
        per_check[f["check"]].append(f)
    for check in CHECK_IDS:
        judged_keys = [k for k in verdict if k[2] == check]
        false_keys = [k for k in judged_keys if verdict[k] == "false"]
        real_keys = [k for k in judged_keys if verdict[k] == "real"]
        current = {key(f) for f in per_check[check]}
        scored = [verdict[k] for k in current if k in verdict]
        lines.append(
            f"{check:<18} {len(per_check[check]):>5}  "
            f"{sum(k in now for k in false_keys):>4} / {len(false_keys):<4}  "
            f"{sum(k in now for k in real_keys):>3} / {len(real_keys):<4}  "
            f"{len(scored):>10}  {share(scored.count('real'), len(scored)):>5}  "
            f"{share(len(scored) - scored.count('false'), len(scored)):>8}"
        )
    lines.append("")
    severity_of = {key(f): f["severity"] for f in found}
    for sample in ("before", "after", "fresh", None):
        for severity in ("error", "warning"):
            scored = [
                verdict[k]
                for k, level in severity_of.items()
                if level == severity and k in verdict and (sample is None or sample_of[k] == sample)
            ]
            name = "all judged" if sample is None else f"sample {sample}"
            lines.append(
                f"{severity:<8} precision now, {name:<13}: {len(scored):>4} judged, "
                f"real {share(scored.count('real'), len(scored)):>4}, real or debatable "
                f"{share(len(scored) - scored.count('false'), len(scored)):>4}"
            )
    unjudged = sum(k not in verdict for k in severity_of)
    lines.append(f"\nentries × checks reported now without a judgement: {unjudged}")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "pocorpus")
    parser.add_argument("--list", action="store_true", help="print every current finding")
    parser.add_argument("--sample", type=int, default=0, help="draw N unjudged findings")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if not any(args.corpus.glob("*/*.po")):
        raise SystemExit(f"{args.corpus}: no PO corpus there (give --corpus DIR)")
    found = corpus_findings(args.corpus)
    judged = load_judged() if JUDGED.exists() else []
    if args.list or args.sample:
        rows = found
        if args.sample:
            known = {key(j) for j in judged}
            fresh = [f for f in found if key(f) not in known]
            rows = random.Random(args.seed).sample(fresh, min(args.sample, len(fresh)))
        writer = csv.DictWriter(sys.stdout, FIELDS, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "sample": "after", "verdict": "", "reason": ""})
        return
    sys.stdout.write(report(found, judged))


if __name__ == "__main__":
    main()
