"""Benchmark: ``l10n translate``'s decoding path against raw CTranslate2 and one call per segment.

Builds (once, cached in build/bench/) an Argos package of a real model's size: 6 encoder and
6 decoder layers, d_model 512, FFN 2048, 8 heads, int8 weights, a 32k vocabulary (a
SentencePiece model trained on the English docstrings of Python's standard library, its
vocabulary padded with unused tokens to 32,000 where the text holds fewer pieces). Its weights
are the copy model of tests/argos_fixture.py (the compute of any model this shape, and drafts
as long as their sources, as translations roughly are). Then, on the same segments, times:

  (a) pipeline.translate.run_translate(): PO files in, memory, masking, batched decoding, PO out
      (an empty memory, model loading included);
  (b) one Translator.translate_batch() call over pre-tokenised input, same settings, on a model
      already warmed up: the limit (--cold adds (b'): the same on a freshly loaded model, which
      is what (a), one command run, pays);
  (c) one translate_batch() call per segment, tokenising each: what naive Argos use does.

Run:  .venv/bin/python bench/bench_mt.py [--segments 400] [--repeat 4]
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import random
import re
import shutil
import statistics
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

import polib

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests")]

import argos_fixture  # noqa: E402

from pipeline import catalog, mt, packages  # noqa: E402
from pipeline.config import load_config  # noqa: E402
from pipeline.project import Project  # noqa: E402
from pipeline.translate import run_translate  # noqa: E402

SHAPE = {"d_model": 512, "num_heads": 8, "num_layers": 6, "ffn_dim": 2048, "random_ffn": True}
VOCABULARY = 32000


def stdlib_text() -> str:
    """Every docstring of the standard library (about 1.8 MB of English)."""
    root = Path(sysconfig.get_paths()["stdlib"])
    docs = []
    for path in sorted(root.rglob("*.py")):
        if "test" in path.parts or "site-packages" in path.parts:
            continue
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except (SyntaxError, UnicodeDecodeError, ValueError):
            continue
        kinds = (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)
        docs += [ast.get_docstring(n) or "" for n in ast.walk(tree) if isinstance(n, kinds)]
    return "\n".join(d for d in docs if d)


def prose_sentences(text: str) -> list[str]:
    """Sentences of 10–45 words that read as prose (no code), in a fixed order."""
    found = []
    for para in re.split(r"\n\s*\n", text):
        para = re.sub(r"\s+", " ", para)
        for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", para):
            if (
                10 <= len(s.split()) <= 45
                and re.fullmatch(r"[A-Z][A-Za-z0-9 ,;:'\-.\"()/]+[a-z)]\.", s)
                and not re.search(r"[=_`<>{}\[\]]|\.\w+\(|\(\)", s)
            ):
                found.append(s)
    return list(dict.fromkeys(found))


def build(workdir: Path) -> tuple[Path, list[str]]:
    """The bench package file and the candidate segments (cached in ``workdir``)."""
    archive = workdir / "translate-en_ko-9_0.argosmodel"
    segments_file = workdir / "segments.json"
    if archive.exists() and segments_file.exists():
        return archive, json.loads(segments_file.read_text())
    workdir.mkdir(parents=True, exist_ok=True)
    start = time.monotonic()
    text = stdlib_text()
    segments = prose_sentences(text)
    seed = (REPO / "source" / "singapore-south-korea-partnership.txt").read_text()
    corpus = argos_fixture.CORPUS + seed + text
    archive = argos_fixture.build_package(
        workdir, "en", "ko", "9.0", vocab_size=VOCABULARY, corpus=corpus,
        vocabulary_size=VOCABULARY, **SHAPE,
    )  # fmt: skip
    segments_file.write_text(json.dumps(segments))
    print(f"built {archive.name} in {time.monotonic() - start:.0f} s", file=sys.stderr)
    return archive, segments


def make_project(root: Path, segments: list[str]) -> None:
    """A project whose one PO file (ko) holds ``segments``, untranslated."""
    (root / "locales" / "ko" / "LC_MESSAGES").mkdir(parents=True)
    (root / "pyproject.toml").write_text(
        '[project]\nname = "bench"\n[tool.l10n]\ncache_dir = "cache"\n'
        '[tool.l10n.languages]\nko = { argos = "ko" }\n'
    )
    pot = polib.POFile(wrapwidth=79)
    pot.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    for i, s in enumerate(segments):
        pot.append(polib.POEntry(msgid=s, msgstr="", occurrences=[("bench.txt", str(i + 1))]))
    catalog.save(pot, root / "locales" / "bench.pot")
    catalog.save(catalog.merge(pot, None, "ko"), root / "locales/ko/LC_MESSAGES/bench.po")


def run_ours(segments: list[str], store: Path, settings: mt.Settings) -> float:
    """(a): seconds for translate() on a fresh project and an empty memory."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        make_project(root, segments)
        project = Project(load_config(root))
        start = time.perf_counter()
        [report] = run_translate(project, list(project.config.languages), settings, store=store)
        elapsed = time.perf_counter() - start
        po = catalog.load(root / "locales/ko/LC_MESSAGES/bench.po")
        drafts = {e.msgid: e.msgstr for e in po if e.msgid}
    assert report.decoded == len(segments) and not report.failed, report
    assert all(drafts[s] == s for s in segments), "copy model drafts differ from sources"
    return elapsed


def decode_kwargs(settings: mt.Settings, longest: int) -> dict:
    return {
        "max_batch_size": settings.batch_tokens,
        "batch_type": "tokens",
        "beam_size": settings.beam_size,
        "length_penalty": settings.length_penalty,
        "max_decoding_length": mt.max_decoding_length(longest),
        "max_input_length": settings.max_input_length,
        "replace_unknowns": True,
        "return_scores": True,
    }


def run_raw(translator: mt.Translator, tokens: list[list[str]], settings) -> tuple[float, int]:
    """(b): seconds for one translate_batch call on pre-tokenised input; target tokens."""
    kwargs = decode_kwargs(settings, max(map(len, tokens)))
    start = time.perf_counter()
    results = translator.model.translate_batch(tokens, **kwargs)
    elapsed = time.perf_counter() - start
    return elapsed, sum(len(r.hypotheses[0]) for r in results)


def run_one_by_one(translator: mt.Translator, segments: list[str], settings) -> float:
    """(c): seconds for tokenise + translate_batch([one]) + detokenise, per segment."""
    sp = translator.tokenizer
    start = time.perf_counter()
    for text in segments:
        tokens = sp.encode(text, out_type=str)
        [result] = translator.model.translate_batch(
            [tokens], **decode_kwargs(settings, len(tokens))
        )
        sp.decode_pieces(result.hypotheses[0])
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--segments", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=4, help="runs of (a) and (b), interleaved")
    parser.add_argument("--batch-size", type=int, default=mt.Settings.batch_tokens)
    parser.add_argument("--beam-size", type=int, default=mt.Settings.beam_size)
    parser.add_argument("--threads", type=int, default=0, help="0: every available core")
    parser.add_argument("--workdir", type=Path, default=REPO / "build" / "bench")
    parser.add_argument("--skip-one-by-one", action="store_true")
    parser.add_argument(
        "--cold", action="store_true", help="also time (b) on a freshly loaded model, as (a) runs"
    )
    args = parser.parse_args()

    archive, candidates = build(args.workdir)
    rng = random.Random(2025)
    segments = rng.sample(candidates, min(args.segments, len(candidates)))
    settings = mt.Settings(
        beam_size=args.beam_size, batch_tokens=args.batch_size, intra_threads=args.threads
    )
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store"
        os.environ["ARGOS_PACKAGES_DIR"] = str(store)
        package, _ = packages.install_file(archive, store)
        start = time.perf_counter()
        translator = mt.Translator(package, settings)
        load = time.perf_counter() - start
        tokens = translator.encode(segments)
        source_tokens = sum(map(len, tokens))
        translator.model.translate_batch(tokens[:8], **decode_kwargs(settings, 64))  # warm up

        ours, raw, cold = [], [], []
        target_tokens = 0
        for run in range(args.repeat):  # alternate the order: a shared machine drifts
            if run % 2:
                ours.append(run_ours(segments, store, settings))
            seconds, target_tokens = run_raw(translator, tokens, settings)
            raw.append(seconds)
            if not run % 2:
                ours.append(run_ours(segments, store, settings))
            if args.cold:
                start = time.perf_counter()
                fresh = mt.Translator(package, settings)
                run_raw(fresh, tokens, settings)
                cold.append(time.perf_counter() - start)
                del fresh
        naive = None if args.skip_one_by_one else run_one_by_one(translator, segments, settings)
        shutil.rmtree(store, ignore_errors=True)

    def line(name: str, seconds: float) -> str:
        return (
            f"{name:<36} {seconds:8.2f} s {len(segments) / seconds:9.1f} seg/s "
            f"{target_tokens / seconds:9.1f} target tok/s"
        )

    print(
        f"model: 6+6 layers, d=512, FFN 2048, 8 heads, int8, vocabulary {VOCABULARY}; "
        f"{mt.cores() if not args.threads else args.threads} threads, "
        f"beam {settings.beam_size}, batch {settings.batch_tokens} tokens"
    )
    print(
        f"{len(segments)} segments, {source_tokens} source tokens, {target_tokens} target "
        f"tokens; model load {load:.2f} s"
    )
    print(line("(a) l10n translate path (best)", min(ours)))
    print(line("(b) raw translate_batch (best)", min(raw)))
    if cold:
        print(line("(b') raw, freshly loaded model (best)", min(cold)))
    if naive is not None:
        print(line("(c) one call per segment", naive))
    print(f"runs (a): {', '.join(f'{s:.2f}' for s in ours)} s")
    print(f"runs (b): {', '.join(f'{s:.2f}' for s in raw)} s")
    if cold:
        print(f"runs (b'): {', '.join(f'{s:.2f}' for s in cold)} s (load + first call)")
    paired = [a / b for a, b in zip(ours, raw)]  # each (a) next to its own (b) run
    medians = statistics.median(ours) / statistics.median(raw)
    print(
        f"(a)/(b) time: best {min(ours) / min(raw):.3f}, median {medians:.3f}, "
        f"median of paired runs {statistics.median(paired):.3f}"
    )
    if naive is not None:
        print(
            f"(c)/(a) time: {naive / min(ours):.2f}x (best (a)), "
            f"{naive / statistics.median(ours):.2f}x (median (a))"
        )


if __name__ == "__main__":
    main()
