"""What `make` runs: each step when its stamp is missing or one of its inputs changed since,
the inputs found by `find` in the folders the settings name, and nothing when nothing did."""

from __future__ import annotations

import os
import re
import time

from test_contributed import SEED, make_project, needs_make, run_make

pytestmark = needs_make


def steps_run(result) -> list[str]:
    """The pipeline steps a make run started, in order: the steps of its `l10n run` lines."""
    steps = []
    for line in result.stdout.splitlines():
        words = line.split()
        if "run" in words and "--stamps" in words:
            steps += words[words.index("--stamps") + 2 :]
    return steps


def later(path) -> None:
    """Make ``path`` look modified after every stamp of the last run."""
    time.sleep(0.05)
    os.utime(path)


def test_a_second_make_runs_nothing(tmp_path):
    root = make_project(tmp_path / "p", [])
    first = run_make(root)
    assert first.returncode == 0, first.stderr
    assert steps_run(first) == ["extract", "update", "translate", "build"]
    assert run_make(root).stdout == ""


def test_a_catalog_saved_by_a_translator_is_merged_and_built(tmp_path):
    root = make_project(tmp_path / "p", [])
    assert run_make(root).returncode == 0
    later(root / "locales" / "ko" / "LC_MESSAGES" / f"{SEED.stem}.po")
    assert steps_run(run_make(root)) == ["update", "translate", "build"]
    assert run_make(root).stdout == ""


def test_a_deleted_catalog_is_made_again_by_the_next_make(tmp_path):
    # a deleted file is in no listing: its folder's change is what says it
    root = make_project(tmp_path / "p", [])
    assert run_make(root).returncode == 0
    catalog = root / "locales" / "ko" / "LC_MESSAGES" / f"{SEED.stem}.po"
    catalog.unlink()
    done = run_make(root)
    assert done.returncode == 0, done.stderr
    assert steps_run(done) == ["update", "translate", "build"]
    assert catalog.is_file()
    assert run_make(root).stdout == ""


def test_a_template_changed_by_hand_is_made_again_from_its_source(tmp_path):
    root = make_project(tmp_path / "p", [])
    assert run_make(root).returncode == 0
    template = root / "locales" / f"{SEED.stem}.pot"
    made = template.read_bytes()
    template.write_bytes(made.replace(b"Singapore", b"Sinagpore"))
    later(template)
    again = run_make(root)
    assert steps_run(again)[:1] == ["extract"]
    # made again from the source; its creation date is now's (a minute may have passed)
    dated = re.compile(rb'"POT-Creation-Date: [^"]*"')
    assert dated.sub(b"", template.read_bytes()) == dated.sub(b"", made)


def test_a_renamed_article_builds_under_its_new_name(tmp_path):
    root = make_project(tmp_path / "p", [])
    assert run_make(root).returncode == 0
    (root / "source" / SEED.name).rename(root / "source" / "renamed.txt")  # mtime kept
    done = run_make(root)
    assert done.returncode == 0, done.stderr
    assert (root / "build" / "en" / "renamed.html").is_file()
    assert not (root / "build" / "en" / f"{SEED.stem}.html").exists()
    assert run_make(root).stdout == ""


def test_a_picture_added_beside_the_sources_is_copied_by_the_next_make(tmp_path):
    root = make_project(tmp_path / "p", [])
    assert run_make(root).returncode == 0
    (root / "source" / "cranes.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    done = run_make(root)
    assert done.returncode == 0, done.stderr
    assert steps_run(done)[-1] == "build"  # (a change in the source folder: every step)
    assert (root / "build" / "ko" / "cranes.png").read_bytes() == b"\x89PNG\r\n\x1a\n"
    assert run_make(root).stdout == ""


def test_an_edit_written_back_with_its_old_times_is_built(tmp_path):
    # `cp -p`, `rsync -a` and `tar -x` write a file's bytes and then its old modification time:
    # only its change time says it changed
    root = make_project(tmp_path / "p", [])
    assert run_make(root).returncode == 0
    source = root / "source" / SEED.name
    info = source.stat()
    text = source.read_text(encoding="utf-8")
    assert "Singapore" in text
    time.sleep(0.05)
    source.write_text(text.replace("Singapore", "Sinagpore"), encoding="utf-8")
    os.utime(source, ns=(info.st_atime_ns, info.st_mtime_ns))
    done = run_make(root)
    assert done.returncode == 0, done.stderr
    assert steps_run(done) == ["extract", "update", "translate", "build"]
    assert "Sinagpore" in (root / "build" / "en" / f"{SEED.stem}.txt").read_text(encoding="utf-8")
    assert run_make(root).stdout == ""


def test_a_step_that_fails_is_run_again_by_the_next_make(tmp_path):
    root = make_project(tmp_path / "p", [])
    bad = root / "source" / "bad.md"
    bad.write_text("no title here\n", encoding="utf-8")
    assert run_make(root).returncode != 0
    assert not (root / "build" / ".stamps" / "extract").exists()
    bad.unlink()
    done = run_make(root)
    assert done.returncode == 0, done.stderr
    assert steps_run(done) == ["extract", "update", "translate", "build"]


def test_make_review_writes_the_pages_and_then_only_what_changed(tmp_path):
    root = make_project(tmp_path / "p", [])
    first = run_make(root, "review")
    assert first.returncode == 0, first.stderr
    assert steps_run(first) == ["extract", "update", "translate", "review"]
    assert (root / "build" / "review" / "ko" / f"{SEED.stem}.html").is_file()
    assert run_make(root, "review").stdout == ""
    later(root / "locales" / "ko" / "LC_MESSAGES" / f"{SEED.stem}.po")
    again = run_make(root, "review")
    assert steps_run(again) == ["update", "translate", "review"]


def test_make_runs_the_steps_in_one_process_each_stamped_as_it_ends(tmp_path):
    root = make_project(tmp_path / "p", [])
    first = run_make(root)
    assert first.returncode == 0, first.stderr
    assert len([line for line in first.stdout.splitlines() if " run " in line]) == 1
    stamps = root / "build" / ".stamps"
    times = [(stamps / step).stat().st_mtime_ns for step in ("translate", "build")]
    assert times[0] < times[1]
    # a catalog a translator saves while `build` runs is newer than the translate stamp, not
    # the build one: the next make merges it
    catalog = root / "locales" / "ko" / "LC_MESSAGES" / f"{SEED.stem}.po"
    middle = sum(times) // 2
    os.utime(catalog, ns=(middle, middle))
    assert steps_run(run_make(root)) == ["update", "translate", "build"]


def test_a_step_that_fails_after_others_is_where_the_next_make_starts(tmp_path):
    root = make_project(tmp_path / "p", [])
    catalog = root / "locales" / "ko" / "LC_MESSAGES" / f"{SEED.stem}.po"
    catalog.parent.mkdir(parents=True, exist_ok=True)
    catalog.write_text('msgid "x"\nmsgstr "y\n', encoding="utf-8")  # an unclosed string
    failed = run_make(root)
    assert failed.returncode != 0
    assert steps_run(failed) == ["extract", "update", "translate", "build"]
    assert "l10n: error:" in failed.stderr and "Traceback" not in failed.stderr
    stamps = root / "build" / ".stamps"
    assert sorted(p.name for p in stamps.iterdir()) == ["extract"]
    catalog.unlink()
    done = run_make(root)
    assert done.returncode == 0, done.stderr
    assert steps_run(done) == ["update", "translate", "build"]
    assert run_make(root).stdout == ""


def test_make_j_runs_each_step_once_for_two_targets(tmp_path):
    root = make_project(tmp_path / "p", [])
    done = run_make(root, "-j2", "build", "review")
    assert done.returncode == 0, done.stderr
    assert steps_run(done) == ["extract", "update", "translate", "build", "review"]
