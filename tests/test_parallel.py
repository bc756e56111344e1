"""A cold run over many documents uses every core and writes what a serial run writes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polib
import pytest
from conftest import l10n, l10n_ok, po_path, snapshot
from test_archive import article

from pipeline import ledger, parallel

STORIES = 12


@pytest.fixture
def workers(monkeypatch) -> list[int]:
    """How many processes each ``parallel.ordered`` run used."""
    used: list[int] = []
    real = parallel.workers_for

    def counting(count: int, jobs: int) -> int:
        used.append(real(count, jobs))
        return used[-1]

    monkeypatch.setattr(parallel, "workers_for", counting)
    return used


@pytest.fixture
def archive(make_project, argos_store, monkeypatch, tmp_path) -> Path:
    """Twelve articles extracted and merged; some translated, one with an error-level
    finding (a tokenizer's debris), so that the build withholds something."""
    root = make_project(sources={f"story-{n:02}.txt": article(n) for n in range(STORIES)})
    l10n_ok("extract")
    l10n_ok("update")
    for n in range(0, STORIES, 2):
        for lang in ("ko", "zh_Hans", "ms"):
            path = po_path(root, lang, f"story-{n:02}")
            po = polib.pofile(str(path))
            for entry in po:
                entry.msgstr = f"[{lang}] {entry.msgid}"
            if lang == "ko" and n == 4:
                po[1].msgstr = po[1].msgstr.replace(" ", " ▁", 1)
            po.save(str(path))
    return root


def outputs(root: Path) -> dict[str, bytes]:
    return snapshot(root / "build", exclude=(".l10n",))


def run_in(root: Path, monkeypatch, *args: str):
    monkeypatch.chdir(root)
    return l10n(*args)


def test_build_and_check_on_two_processes_write_what_one_writes(
    archive, tmp_path, monkeypatch, workers
):
    serial = archive
    twin = tmp_path / "twin"
    shutil.copytree(serial, twin, symlinks=True)
    one = run_in(serial, monkeypatch, "-j", "1", "build")
    assert one.exit_code == 0, one.output
    two = run_in(twin, monkeypatch, "-j", "2", "build")
    assert two.exit_code == 0, two.output
    assert workers == [1, 2]  # the second build really ran on two processes
    assert one.output.replace(str(serial), "") == two.output.replace(str(twin), "")
    assert "withheld" in one.output
    assert outputs(serial) == outputs(twin)
    assert len(outputs(serial)) > 4 * STORIES
    workers.clear()
    checks = []
    monkeypatch.setattr(ledger, "MEMO_BATCH", 5)  # findings written as they come, many times
    for root, jobs in ((serial, "1"), (twin, "2")):
        result = run_in(root, monkeypatch, "-j", jobs, "check", "--format", "json")
        assert result.exit_code == 1, result.output  # the error and the untranslated ones
        checks.append(json.loads(result.output))
    assert workers == [1, 2]
    assert checks[0] == checks[1]
    errors = [
        p
        for lang in checks[0]["languages"].values()
        for p in lang["problems"]
        if p["severity"] == "error"
    ]
    assert [(e["file"], e["check"]) for e in errors] == [
        ("locales/ko/LC_MESSAGES/story-04.po", "tokenizer-debris")
    ]


def test_what_a_renderer_keeps_of_the_findings_it_handed_over_is_bounded(
    archive, tmp_path, monkeypatch
):
    # A worker keeps the findings it hands to the command only until about a batch of them
    # is written: an archive's are millions, and kept they grew a worker to gigabytes.
    twin = tmp_path / "twin"
    shutil.copytree(archive, twin, symlinks=True)
    assert run_in(twin, monkeypatch, "-j", "1", "build").exit_code == 0
    kept: list[tuple[int, int]] = []  # (findings kept, handed over) at each document
    real = ledger.Memo.take_new

    def take_new(self):
        new = real(self)
        kept.append((len(self.given), len(new)))
        return new

    monkeypatch.setattr(ledger.Memo, "take_new", take_new)
    monkeypatch.setattr(ledger, "MEMO_BATCH", 5)
    result = run_in(archive, monkeypatch, "-j", "1", "build")
    assert result.exit_code == 0, result.output
    assert len(kept) == STORIES
    assert sum(handed for _, handed in kept) > 3 * 5  # more than a few batches in all
    assert all(given <= max(5, handed) for given, handed in kept)
    assert outputs(archive) == outputs(twin)


def test_a_second_parallel_build_reads_nothing_and_writes_nothing(archive, monkeypatch, workers):
    run_in(archive, monkeypatch, "-j", "2", "build")
    before = {p: p.stat().st_mtime_ns for p in (archive / "build").rglob("*") if p.is_file()}
    before = {p: t for p, t in before.items() if ".l10n" not in p.parts}
    again = run_in(archive, monkeypatch, "-j", "2", "build")
    assert again.exit_code == 0, again.output
    assert again.output.startswith("build/index.html: 0 written, 109 unchanged")
    after = {p: p.stat().st_mtime_ns for p in before}
    assert before == after
    assert workers == [2]  # the second had nothing to render: no worker started


def test_a_bad_catalog_in_a_worker_is_one_line_and_build_is_left_as_it_was(
    archive, monkeypatch, workers
):
    assert run_in(archive, monkeypatch, "-j", "2", "build").exit_code == 0
    before = outputs(archive)
    bad = po_path(archive, "ms", "story-07")
    bad.write_text(bad.read_text(encoding="utf-8") + '\nmsgid "broken\n', encoding="utf-8")
    for n in range(STORIES):  # every document to render again, so the workers are used
        source = archive / "source" / f"story-{n:02}.txt"
        source.write_text(source.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    serial = run_in(archive, monkeypatch, "-j", "1", "build")
    result = run_in(archive, monkeypatch, "-j", "2", "build")
    assert (serial.exit_code, result.exit_code) == (2, 2)
    assert workers[-2:] == [1, 2]
    assert result.output == serial.output  # the first bad file, as one process says it
    [line] = result.output.strip().splitlines()
    assert line.startswith("l10n: error: locales/ms/LC_MESSAGES/story-07.po:41: ")
    assert outputs(archive) == before
    assert not list((archive / "build" / ".l10n").glob("staging-*"))


def test_few_documents_stay_in_one_process():
    assert parallel.workers_for(7, 2) == 1
    assert parallel.workers_for(8, 2) == 2
    assert parallel.workers_for(1000, 1) == 1
    assert parallel.workers_for(1000, 64) == 64


def test_jobs_come_from_the_option_then_the_environment(monkeypatch):
    monkeypatch.setenv("L10N_JOBS", "3")
    assert parallel.default_jobs() == 3
    monkeypatch.setenv("L10N_JOBS", "none")
    assert parallel.default_jobs() == parallel.available_cores()
    result = l10n("-j", "0", "check")
    assert result.exit_code == 2 and "0 is not in the range" in result.output


def test_extract_and_update_on_two_processes_write_what_one_writes(
    make_project, argos_store, tmp_path, monkeypatch, workers
):
    from pipeline import catalog

    monkeypatch.setattr(catalog, "now_stamp", lambda: "2026-12-05 09:00+0000")
    serial = make_project(sources={f"story-{n:02}.txt": article(n) for n in range(STORIES)})
    twin = tmp_path / "twin"
    shutil.copytree(serial, twin, symlinks=True)
    for root, jobs in ((serial, "1"), (twin, "2")):
        for command in ("extract", "update"):
            result = run_in(root, monkeypatch, "-j", jobs, command)
            assert result.exit_code == 0, result.output
    assert workers == [1, 1, 2, 2]
    locales = [snapshot(root / "locales") for root in (serial, twin)]
    assert locales[0] == locales[1]
    assert len(locales[0]) == STORIES * 4  # the templates and three languages' catalogs
    # what the workers counted is remembered, so a coverage-only check reads no catalog
    parsed = []
    real = catalog.load
    monkeypatch.setattr(catalog, "load", lambda path: parsed.append(path) or real(path))
    result = run_in(twin, monkeypatch, "-j", "1", "check", "--coverage-only")
    assert result.exit_code == 1 and "FAIL" in result.output  # nothing is translated
    assert parsed == []
