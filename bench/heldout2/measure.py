"""Recall and precision of `l10n check` on six catalogs it was not written on (README.md).

    .venv/bin/python bench/heldout2/measure.py --po DIR [--missed] [--unjudged]
    .venv/bin/python bench/heldout2/measure.py --po DIR --earlier DIR5

``DIR`` holds the catalogs as ``<lang>/<project>.po`` (README.md says where each comes from;
none is kept here). Each catalog is checked alone, as ``l10n check --format json FILE`` checks
it outside a project (no glossary). Then:

- recall: of the problems a reader listed in ``problems.csv`` (written before the checker was
  run), those within a rule's reach and judged real, the share the checker reports on their
  entry with the check the problem belongs to (any check, where no check is named), per kind;
- precision: the current findings matched (file, line, check, message) with the judgements of
  ``findings_judged.csv``, per severity, per check and per catalog. Findings with no judgement
  are counted apart (``--unjudged`` lists them): a changed check is judged again before a
  figure is quoted.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from pipeline import catalog, qa  # noqa: E402
from pipeline.checks import context_for, severities  # noqa: E402

HERE = Path(__file__).parent
XNEC2C = "ms/xnec2c.po"  # its untranslated-text findings were judged on a sample


def findings(po_dir: Path) -> list[dict[str, str]]:
    """Every finding on each catalog, checked alone."""
    found = []
    for path in sorted(po_dir.glob("*/*.po")):
        name = f"{path.parent.name}/{path.name}"
        po = catalog.load(path)
        ctx = context_for(po, qa.language_of(po, path), ())
        for p in qa.check_catalog(po, name, ctx, severities()).problems:
            found.append(
                {
                    "file": name,
                    "line": str(p.line),
                    "check": p.check,
                    "severity": p.severity,
                    "message": p.message,
                    "msgid": p.msgid,
                }
            )
    return found


def share(part: int, whole: int) -> str:
    return f"{part}/{whole} = {100 * part / whole:.1f}%" if whole else "–"


def recall(found: list[dict[str, str]], missed: bool) -> None:
    problems = list(csv.DictReader((HERE / "problems.csv").open(encoding="utf-8")))
    checks_at = defaultdict(set)
    for f in found:
        checks_at[(f["file"], f["line"])].add(f["check"])
    per_kind: dict[str, Counter] = defaultdict(Counter)
    for p in problems:
        if p["in_reach"] != "yes" or p["verdict"] != "real":
            continue
        at = checks_at[(p["file"], p["line"])]
        hit = p["expected_check"] in at if p["expected_check"] else bool(at)
        per_kind[p["kind"]]["read"] += 1
        per_kind[p["kind"]]["found"] += hit
        if missed and not hit:
            print(f"missed: {p['file']}:{p['line']} {p['kind']}: {p['note']}")
    total = sum((c for c in per_kind.values()), Counter())
    print("\nRecall: problems within reach, judged real (problems.csv)\n")
    print("| kind | listed | found |")
    print("|---|---|---|")
    for kind, c in sorted(per_kind.items(), key=lambda kv: -kv[1]["read"]):
        print(f"| {kind} | {c['read']} | {c['found']} |")
    print(f"| **all** | {total['read']} | **{share(total['found'], total['read'])}** |")
    out_of_reach = sum(p["in_reach"] == "no" and p["verdict"] == "real" for p in problems)
    debatable = sum(p["verdict"] == "debatable" for p in problems)
    print(
        f"\nNot counted: {out_of_reach} real problems out of a rule's reach (meaning, "
        f"spelling) and {debatable} debatable ones."
    )


def precision(found: list[dict[str, str]], unjudged: bool) -> None:
    judged = {
        (j["file"], j["line"], j["check"], j["message"]): j
        for j in csv.DictReader((HERE / "findings_judged.csv").open(encoding="utf-8"))
    }
    by: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    sampled = 0
    for f in found:
        j = judged.get((f["file"], f["line"], f["check"], f["message"]))
        on_sample = f["file"] == XNEC2C and f["check"] == "untranslated-text"
        sampled += on_sample
        verdict = j["verdict"] if j else "unjudged"
        if verdict == "unjudged" and on_sample:
            verdict = "not drawn"
        if unjudged and verdict == "unjudged":
            print(f"unjudged: {f['file']}:{f['line']} {f['check']}: {f['message']}")
        group = "xnec2c sample" if on_sample else "every other finding"
        by[(f["severity"], group)][verdict] += 1
        by[(f["severity"], f["check"], group)][verdict] += 1
    columns = ("real", "debatable", "false", "not drawn", "unjudged")
    print("\nPrecision: findings judged (findings_judged.csv)\n")
    print(
        "| severity | findings | reported | "
        + " | ".join(columns)
        + " | real | real or debatable |"
    )
    print("|---" * (len(columns) + 5) + "|")
    for key in sorted(k for k in by if len(k) == 2):
        c = by[key]
        judged_n = c["real"] + c["debatable"] + c["false"]
        cells = " | ".join(str(c[v]) for v in columns)
        print(
            f"| {key[0]} | {key[1]} | {sum(c.values())} | {cells} | "
            f"{share(c['real'], judged_n)} | {share(c['real'] + c['debatable'], judged_n)} |"
        )
    print("\n| severity | check | findings | reported | " + " | ".join(columns) + " |")
    print("|---" * (len(columns) + 4) + "|")
    for key in sorted(k for k in by if len(k) == 3):
        c = by[key]
        cells = " | ".join(str(c[v]) for v in columns)
        print(f"| {key[0]} | `{key[1]}` | {key[2]} | {sum(c.values())} | {cells} |")
    print(f"\n(xnec2c: {sampled} untranslated-text findings, 40 of them judged at random.)")


def earlier(po_dir: Path) -> None:
    """Recall on the problems of ``bench/heldout/judged.csv`` (five catalogs read before the
    rules for them were written, so no longer held out), ``po_dir`` holding those catalogs as
    ``<name>.po``: a problem counts as found when its entry (matched by msgid, the first 80
    characters where the file cut it) has a finding."""
    rows = csv.DictReader((HERE.parent / "heldout" / "judged.csv").open(encoding="utf-8"))
    wanted = [
        r
        for r in rows
        if r["kind"].startswith("recall") and r["in_reach"] == "yes" and r["verdict"] == "real"
    ]
    reported: dict[str, set[str]] = {}
    for name in sorted({r["file"] for r in wanted}):
        path = po_dir / name
        po = catalog.load(path)
        ctx = context_for(po, qa.language_of(po, path), ())
        reported[name] = {p.msgid for p in qa.check_catalog(po, name, ctx, severities()).problems}
    found = 0
    for r in wanted:
        msgid = r["msgid"].replace("\\n", "\n")  # the file keeps 80 characters of a msgid
        hit = any(
            m == msgid or (len(msgid) >= 80 and m.startswith(msgid)) for m in reported[r["file"]]
        )
        found += hit
        if not hit:
            print(f"earlier set, missed: {r['file']} {r['kind']}: {r['note']}")
    print(f"earlier set (bench/heldout): {share(found, len(wanted))} of the problems in reach")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--po", type=Path, required=True, help="folder of <lang>/<project>.po")
    parser.add_argument("--missed", action="store_true", help="list the problems not found")
    parser.add_argument("--unjudged", action="store_true", help="list findings not judged")
    parser.add_argument("--earlier", type=Path, help="folder of bench/heldout's five catalogs")
    args = parser.parse_args()
    if args.earlier:
        earlier(args.earlier)
        return
    if not sorted(args.po.glob("*/*.po")):
        sys.exit(f"{args.po}: no <lang>/<project>.po catalogs")
    found = findings(args.po)
    print(f"{len(found)} findings on {len(sorted(args.po.glob('*/*.po')))} catalogs")
    recall(found, args.missed)
    precision(found, args.unjudged)


if __name__ == "__main__":
    main()
