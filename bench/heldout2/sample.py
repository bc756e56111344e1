"""The entries a reader judges, drawn before the checker is run on the catalogs.

    .venv/bin/python bench/heldout2/sample.py --po DIR [--seed 41] > entries.txt

For each catalog (``DIR/<lang>/<project>.po``): 30 entries drawn at random from the translated
ones (non-fuzzy, non-obsolete, in file order), then 20 more drawn at random from the other
translated entries whose source has something a rule looks at: whitespace at an end, an
accelerator (``_x``, ``&x``), markup, a format directive, quotation marks, or a final colon.
Printed as text to read: catalog, line of the ``msgid``, flags, context, source, translation.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from pipeline import catalog  # noqa: E402

RANDOM, FEATURED = 30, 20
FEATURE = re.compile(r"^\s|\s$|(?:^|[\s(])[_&][^\W_]|<[A-Za-z/]|%|\{|[\"“'‘]|:$")


def translated(po) -> list:
    return [e for e in po if not e.obsolete and "fuzzy" not in e.flags and e.translated()]


def sample(path: Path, seed: int) -> list:
    entries = translated(catalog.load(path))
    rng = random.Random(f"{seed}:{path.parent.name}/{path.name}")
    chosen = rng.sample(entries, min(RANDOM, len(entries)))
    rest = [e for e in entries if e not in chosen and FEATURE.search(e.msgid)]
    chosen += rng.sample(rest, min(FEATURED, len(rest)))
    return sorted(chosen, key=lambda e: e.linenum)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--po", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=41)
    args = parser.parse_args()
    for path in sorted(args.po.glob("*/*.po")):
        name = f"{path.parent.name}/{path.name}"
        for entry in sample(path, args.seed):
            plural = entry.msgid_plural
            texts = (
                [entry.msgstr]
                if not plural
                else [v for _, v in sorted(entry.msgstr_plural.items())]
            )
            print(f"=== {name}:{entry.linenum} {','.join(entry.flags)}")
            if entry.msgctxt:
                print(f"ctx: {entry.msgctxt!r}")
            if entry.comment:
                print(f"#.: {entry.comment[:200]!r}")
            print(f"id:  {entry.msgid!r}")
            if plural:
                print(f"idp: {plural!r}")
            for text in texts:
                print(f"str: {text!r}")


if __name__ == "__main__":
    main()
