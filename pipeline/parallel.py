"""Work over many independent items (documents, catalogs) on every core, in order.

A cold run over an archive (the first ``make``, a new check setting, a new pipeline version)
segments, merges, checks and renders thousands of documents, each on its own: ``ordered``
hands them to worker processes and gives the results back in the items' order, so a parallel
run writes the same bytes as a serial one and reports in the same order.

- **How many workers**: ``jobs`` (the ``--jobs`` option, ``L10N_JOBS``), by default the
  cores this process may use. A run with few items stays in the process: starting workers
  costs more than it saves.
- **Workers are forked** from the command's process: they start in milliseconds with the
  settings, the modules and the confinement rules (``pipeline.files``) already loaded, and
  nothing has to be pickled but the items and the results. A worker opens what it needs
  (files, the state database for reading) itself; the parent keeps the only writer.
- **Errors** raised in a worker (an ``L10nError`` about a bad catalog) come back to the
  parent as raised there, for the first failing item in order; the items not yet started are
  cancelled. Ctrl-C stops the workers too.
- **Memory** stays that of one item per worker plus the results: a worker returns what the
  parent records (counts, findings, digests), never the catalogs or pages themselves.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

ENVIRONMENT = "L10N_JOBS"
# Below this many items per worker, the run stays in one process.
MIN_ITEMS_PER_WORKER = 4


def available_cores() -> int:
    """The cores this process may run on (its affinity, not the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def default_jobs() -> int:
    """``L10N_JOBS`` where set to a positive number, else every available core."""
    value = os.environ.get(ENVIRONMENT, "").strip()
    if value.isdigit() and int(value) > 0:
        return int(value)
    return available_cores()


def workers_for(count: int, jobs: int) -> int:
    """How many processes ``count`` items are worth with ``jobs`` allowed (1: this one)."""
    workers = max(1, min(jobs, count // MIN_ITEMS_PER_WORKER))
    if workers == 1:
        return 1
    import multiprocessing  # only where workers may start: a run that costs what changed

    return workers if "fork" in multiprocessing.get_all_start_methods() else 1


def ordered(
    work: Callable[[Item], Result], items: Iterable[Item], jobs: int = 1
) -> Iterator[Result]:
    """``work(item)`` for each item, in the items' order: in this process, or in up to
    ``jobs`` forked workers when there are enough items. ``work`` must be a module-level
    function (or a ``functools.partial`` of one) and its results picklable."""
    items = list(items)
    workers = workers_for(len(items), jobs)
    if workers == 1:
        for item in items:
            yield work(item)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # Chunks small enough that the workers end together, large enough to keep the pipes quiet.
    chunk = max(1, min(64, len(items) // (workers * 8)))
    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_worker)
    try:
        yield from pool.map(work, items, chunksize=chunk)
    except (Exception, KeyboardInterrupt):
        # an error or a Ctrl-C: stop what is running now too
        processes = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _worker() -> None:
    """A worker leaves Ctrl-C to the command's process, which stops it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
