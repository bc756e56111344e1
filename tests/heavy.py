"""Run an ``l10n`` command in a fresh interpreter and list the heavy MT (and Ray) modules it
loaded."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

HEAVY = ("argostranslate", "ctranslate2", "sentencepiece", "torch", "stanza", "spacy", "ray")

_PROBE = """\
import sys
from pipeline.cli import main
status = 0
try:
    main({args!r})
except SystemExit as exit:
    status = exit.code or 0
heavy = {heavy!r}
print('LOADED', sorted({{m.split('.')[0] for m in sys.modules}} & set(heavy)))
print('STATUS', status)
"""


def run_probe(args: list[str], cwd: Path) -> tuple[int, list[str], str]:
    """(exit status, heavy modules loaded, stderr) of ``l10n ARGS`` run in ``cwd``."""
    done = subprocess.run(
        [sys.executable, "-c", _PROBE.format(args=args, heavy=HEAVY)],
        check=False,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )
    lines = dict(line.split(" ", 1) for line in done.stdout.splitlines() if " " in line)
    assert "STATUS" in lines, done.stderr
    return int(lines["STATUS"]), ast.literal_eval(lines["LOADED"]), done.stderr
