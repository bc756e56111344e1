"""Benchmark: ``l10n translate`` decoding in its own process against decoding on Ray.

The model is the copy model of tests/argos_fixture.py at a real model's size, the package that
bench/bench_mt.py builds (once, cached in build/bench/): 6 + 6 layers, d_model 512, FFN 2048,
8 heads, int8, a 32k vocabulary. Its drafts equal their sources (the compute of any model of
this shape), so every run is checked: each draft must equal its sentence, and every run must
write the same PO file, byte for byte.

On the same sentences, each run on a fresh project with an empty memory
(``pipeline.translate.run_translate``, PO file in and out):

  local N     decoding in this process on N CPU threads;
  ray W×C     on a Ray instance started on this machine, W workers of C CPU threads each.

Ray is started once (outside the timings); a run on Ray pays what every run pays: making its
workers, shipping the model through the object store, each worker loading it. Each run is
timed whole, and from its first batch's drafts to its last (the decoding rate, which start-up
does not blur); the figure on paper for an archive uses the per-worker decoding rate.

Run:  .venv/bin/python bench/bench_cluster.py [--segments 1200] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests"), str(REPO / "bench")]

import bench_mt  # noqa: E402

from pipeline import catalog, cluster, mt, packages  # noqa: E402
from pipeline.config import load_config  # noqa: E402
from pipeline.project import Project  # noqa: E402
from pipeline.translate import run_translate  # noqa: E402

ARTICLES, PER_ARTICLE, LANGUAGES = 100_000, 44, 3  # the archive on paper


class TimedWorker(cluster.Worker):
    """A worker that also says how much CPU time its process has used (all its threads)."""

    def cpu(self) -> float:
        return time.process_time()


def one_run(segments: list[str], store: Path, settings: mt.Settings, workers=None) -> dict:
    """One run_translate on a fresh project: seconds in all, CPU seconds here and in the
    workers, seconds and sentences from the first batch's drafts to the last, the PO file."""
    marks: list[tuple[float, int]] = []

    def progress(lang: str, done: int, total: int) -> None:
        marks.append((time.perf_counter(), done))

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        bench_mt.make_project(root, segments)
        project = Project(load_config(root))
        start, cpu = time.perf_counter(), time.process_time()
        [report] = run_translate(
            project, list(project.config.languages), settings, progress=progress, store=store,
            translator=workers,
        )  # fmt: skip
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
        path = root / "locales/ko/LC_MESSAGES/bench.po"
        written = path.read_bytes()
        drafts = {e.msgid: e.msgstr for e in catalog.load(path) if e.msgid}
    assert report.decoded == len(segments) and not report.failed, report
    assert all(drafts[s] == s for s in segments), "copy model drafts differ from sources"
    (first, done_first), (last, done_last) = marks[1], marks[-1]
    return {
        "whole": elapsed,
        "cpu here": cpu,
        "span": (last - first, done_last - done_first),
        "po": written,
    }


def on_ray(segments, store, settings, spec: cluster.ClusterSettings) -> dict:
    """``one_run`` on workers of its own (made, and their CPU time read, in the run)."""
    import ray

    with cluster.Cluster(spec, worker=TimedWorker) as workers:
        result = one_run(segments, store, settings, workers)
        result["cpu workers"] = sum(ray.get([w.cpu.remote() for w in workers.workers]))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--segments", type=int, default=1200)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each, interleaved")
    parser.add_argument("--batch-size", type=int, default=mt.Settings.batch_tokens)
    parser.add_argument("--workdir", type=Path, default=REPO / "build" / "bench")
    args = parser.parse_args()

    import ray

    archive, candidates = bench_mt.build(args.workdir)
    load_before = os.getloadavg()[0]  # others' work on the machine slows every wall figure
    segments = random.Random(2025).sample(candidates, min(args.segments, len(candidates)))
    cores = mt.cores()
    configs = [("local", cores, 0), ("local", 1, 0)]
    configs += [("ray", 1, 1), ("ray", 1, cores), ("ray", cores, 1)]
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store"
        os.environ["ARGOS_PACKAGES_DIR"] = str(store)
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
        os.environ.setdefault("RAY_AUTH_MODE", "disabled")  # loopback only
        os.environ["TMPDIR"] = tmp  # where the workers unpack the model: removed after
        packages.install_file(archive, store)
        ray.init(
            address="local",
            num_cpus=cores,
            num_gpus=0,
            runtime_env=cluster.runtime_env(),
            include_dashboard=False,
            _node_ip_address="127.0.0.1",
            _temp_dir=str(Path(tmp) / "ray"),
            logging_level="WARNING",
            log_to_driver=False,
        )
        results: dict[tuple, list[dict]] = {c: [] for c in configs}
        try:
            for run in range(args.repeat):  # alternate the order: a shared machine drifts
                for config in configs if run % 2 == 0 else configs[::-1]:
                    kind, a, b = config
                    if kind == "local":
                        settings = mt.Settings(batch_tokens=args.batch_size, intra_threads=a)
                        result = one_run(segments, store, settings)
                    else:
                        settings = mt.Settings(batch_tokens=args.batch_size)
                        spec = cluster.ClusterSettings(workers=a, cpus=b)
                        result = on_ray(segments, store, settings, spec)
                    results[config].append(result)
                    print(f"{config}: {result['whole']:.2f} s", file=sys.stderr)
        finally:
            ray.shutdown()
    outputs = {r["po"] for runs in results.values() for r in runs}
    assert len(outputs) == 1, "a run wrote another PO file"
    report(args, segments, cores, results, load_before)


def report(args, segments, cores, results, load_before) -> None:
    n = len(segments)
    print(f"load average (1 min) before the runs {load_before:.1f}, after {os.getloadavg()[0]:.1f}")
    print(
        f"{n} segments, copy model of bench_mt (6+6 layers, d=512, int8, 32k vocabulary), "
        f"beam {mt.Settings.beam_size}, batch {args.batch_size} tokens, {cores} cores, "
        f"best of {args.repeat}; every run wrote the same PO file"
    )
    print(
        f"{'run':<18} {'whole':>9} {'seg/s':>6} {'decoding':>9} "
        f"{'CPU here':>9} {'workers':>8} {'CPU ms/sentence':>16}"
    )
    per_core = None
    for config, runs in results.items():
        kind, a, b = config
        name = f"local, {a} thread{'s' * (a > 1)}" if kind == "local" else f"ray, {a}×{b} CPU"
        best = min(runs, key=lambda r: r["whole"])
        # One decoder works its batches one after another, so the drafts of its first batch
        # to those of its last time the batches between; with several, some of their work
        # falls before the first mark, so that span would flatter them.
        single = kind == "local" or a == 1
        rate = max(r["span"][1] / r["span"][0] for r in runs if r["span"][0] > 0) if single else 0
        here = min(r["cpu here"] for r in runs)
        there = min((r.get("cpu workers", 0.0) for r in runs), default=0.0)
        print(
            f"{name:<18} {best['whole']:>7.2f} s {n / best['whole']:>6.1f} "
            f"{f'{rate:.1f}/s' if rate else '-':>9} {here:>7.1f} s {there:>6.1f} s "
            f"{1000 * (here + there) / n:>16.1f}   runs: "
            + ", ".join(f"{r['whole']:.2f}" for r in runs)
            + " s"
        )
        if config == ("ray", 1, 1):
            per_core = n / there
    print(
        f"one worker of one CPU thread: {per_core:.1f} sentences per CPU-second of the worker "
        f"(its model loading included), {1e6 / per_core / 3600:.1f} worker-hours per million "
        "sentences"
    )
    sentences = ARTICLES * PER_ARTICLE * LANGUAGES
    for workers in (8, 32, 128):
        hours = sentences / (workers * per_core) / 3600
        print(
            f"on paper: {ARTICLES:,} articles × {PER_ARTICLE} sentences × {LANGUAGES} languages "
            f"= {sentences:,} sentences on {workers} one-CPU workers: {hours:.1f} h"
        )


if __name__ == "__main__":
    main()
