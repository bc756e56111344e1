"""Run ``l10n ARGS`` in this process and write its peak resident memory in bytes to ``OUT``:

    python bench/peak_rss.py OUT ARGS...

The peak is the kernel's high-water mark of this process's memory since it started
(``VmHWM`` in ``/proc/self/status``; Linux only). Not ``ru_maxrss``: Linux carries that
across ``exec`` from the process that forked, so a child of a large parent (a benchmark that
holds its inputs, a test runner) reports at least the parent's size.
"""

from __future__ import annotations

import atexit
import sys
from pathlib import Path


def peak_bytes() -> int:
    """This process's peak resident memory so far, in bytes."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise OSError("no VmHWM in /proc/self/status")


if __name__ == "__main__":
    out = Path(sys.argv[1])
    atexit.register(lambda: out.write_text(str(peak_bytes())))
    sys.argv = ["l10n", *sys.argv[2:]]
    from pipeline.cli import main

    main()
