"""Fuzzy-match agreement of `l10n update` with `msgmerge --previous` on the real-world corpus,
for the test's edit seed and five more (not part of `make test`, which runs the first only).

    .venv/bin/python bench/merge_agreement.py [--seeds 6]

For each corpus file a template is made from its own msgids, edited as
``tests/test_merge_corpus.py`` edits them (seed offset by 1000·k), and merged by both tools;
an entry counts when it is fuzzy with a translation in either tool's output, and agrees when
msgstr, fuzzy flag and ``#|`` previous msgctxt/msgid are the same.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "tests"), str(REPO)]

import conftest  # noqa: E402
import test_merge_corpus as corpus  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, default=6)
    args = parser.parse_args()
    if not conftest.CORPUS_FILES:
        sys.exit(f"merge_agreement: {conftest.CORPUS_ABSENT} (see README.md)")
    edited_template = corpus.edited_template
    for k in range(args.seeds):
        corpus.edited_template = lambda old, seed, k=k: edited_template(old, seed + 1000 * k)
        total = same = 0
        for path in conftest.CORPUS_FILES:
            with tempfile.TemporaryDirectory() as work:
                counted, agreed = corpus.agreement(corpus.merge_both(path, Path(work)))
            total, same = total + counted, same + agreed
        print(f"seed offset {1000 * k:5}: {same}/{total} agree ({same / total:.2%})", flush=True)


if __name__ == "__main__":
    main()
