"""Incremental state never lies: after any sequence of edits, each followed by the pipeline's
commands (some partial), the outputs are byte-identical to a run from scratch on the same
inputs. The moves include the ones that once fooled the ledgers: a source renamed to another
kind with the same bytes, an edit of the same size written back with its old times (`cp -p`),
an edit stamped an hour back or ahead (a clock set wrong), a partial build, a translator's
save (of a sentence two articles share, too: drafted into the other's catalog), a deleted
article. The commands run one by one, or as `make` runs them (`l10n run`)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import polib
from conftest import l10n, pyproject
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import ledger
from pipeline.cli import main  # noqa: F401  (the commands run in this process)

# one article at the top of the source folder, two in folders of their own (each listed on
# its folder's page of the index, which goes with the folder's last article)
ARTICLES = {
    "alpha": "Port handles record cargo\n\nThe port handled 4 million containers. Officials expect growth.\n\nMore details will follow.\n",
    "2026/12/beta": "# Leaders meet\n\nThe *leaders* met in Seoul. They signed 3 agreements.\n\nMore details will follow.\n",
    "2025/01/gamma": "Rain expected\n\nHeavy rain is expected on Monday. Schools will stay open.\n",
}
# a sentence of two articles: translated in one article's catalog, drafted into the other's
SHARED = "More details will follow."
MOVES = (
    "add",
    "edit",
    "same-size",
    "clock-back",
    "clock-ahead",
    "delete",
    "rename-kind",
    "translate",
    "translate-shared",
    "partial-build",
)


def run(*commands: list[str]) -> None:
    for command in commands:
        result = l10n(*command)
        assert result.exit_code in (0, 1), (command, result.output, result.exception)


FULL = (["extract"], ["update"], ["translate"], ["build"])
# the same steps as `make` runs them: in one process, which records update's groups of the
# catalogs translate drafted into again at its end (``settle_update``)
AS_MAKE = (["run", "extract", "update", "translate", "build"],)


def outputs(root: Path) -> dict[str, bytes]:
    """What the commands made or keep: templates, catalogs and the built files (not the state,
    the stamps, or the .mo files' header dates, which are the catalogs' own)."""
    found = {}
    for folder in ("locales", "build"):
        for path in sorted((root / folder).rglob("*")):
            parts = path.relative_to(root).parts
            if path.is_file() and ".l10n" not in parts and ".stamps" not in parts:
                found[str(path.relative_to(root))] = path.read_bytes()
    return found


def source_of(root: Path, stem: str) -> Path | None:
    found = [p for p in (root / "source").glob(f"{stem}.*")]
    return found[0] if found else None


def apply(root: Path, move: str, stem: str, n: int) -> None:
    path = source_of(root, stem)
    if path is None:
        suffix = ".md" if ARTICLES[stem].startswith("#") else ".txt"
        (root / "source" / f"{stem}{suffix}").parent.mkdir(parents=True, exist_ok=True)
        (root / "source" / f"{stem}{suffix}").write_text(ARTICLES[stem], encoding="utf-8")
    elif move == "add":
        pass  # there already
    elif move == "edit":
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("expect", f"expect {n}x"), encoding="utf-8")
    elif move == "same-size":
        edit_keeping_size_and_times(path)
    elif move in ("clock-back", "clock-ahead"):  # an edit stamped by a clock set wrong
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("expect", f"expect {n}y"), encoding="utf-8")
        info = path.stat()
        skew = 3600 * 10**9 * (1 if move == "clock-ahead" else -1)
        os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + skew))
    elif move == "delete" and len([p for p in (root / "source").rglob("*") if p.is_file()]) > 1:
        path.unlink()
    elif move == "rename-kind":
        rename_to_other_kind(path)
    elif move == "translate":
        lang = ("ko", "zh_Hans", "ms")[n % 3]
        translate_one(root / "locales" / lang / "LC_MESSAGES" / f"{stem}.po", n)
    elif move == "translate-shared":  # drafted into the other article's catalog by translate
        lang = ("ko", "zh_Hans", "ms")[n % 3]
        translate_one(root / "locales" / lang / "LC_MESSAGES" / f"{stem}.po", n, SHARED)
    elif move == "partial-build":
        run(["build", "--lang", "ko"], ["build", "--format", "html"])


def edit_keeping_size_and_times(path: Path) -> None:
    """An edit of the same size written back with the file's old times, as `cp -p` leaves it."""
    info = path.stat()
    text = path.read_text(encoding="utf-8")
    swapped = text.replace("The", "THE", 1) if "The" in text else text.replace("THE", "The", 1)
    path.write_text(swapped, encoding="utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))


def rename_to_other_kind(path: Path) -> None:
    """``x.md`` to ``x.txt`` with the same bytes, or ``x.txt`` to ``x.md`` (given a title)."""
    other = ".txt" if path.suffix == ".md" else ".md"
    text = path.read_text(encoding="utf-8")
    if other == ".md" and not text.startswith("#"):
        text = "# " + text
    path.unlink()
    path.with_suffix(other).write_text(text, encoding="utf-8")


def translate_one(po_file: Path, n: int, msgid: str | None = None) -> None:
    """A translator's save: the first untranslated entry of ``po_file`` translated (the one of
    ``msgid``, where given)."""
    if po_file.is_file():
        po = polib.pofile(str(po_file))
        for entry in po:
            if entry.msgid and not entry.msgstr and msgid in (None, entry.msgid):
                entry.msgstr = f"번역 {n}: {entry.msgid}"
                break
        po.save(str(po_file))


EDITS = st.lists(
    st.tuples(st.sampled_from(MOVES), st.sampled_from(sorted(ARTICLES))), min_size=1, max_size=6
)
RUNS = st.lists(st.booleans(), min_size=6, max_size=6)  # whether the commands run after each
HEALTH = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]


@settings(max_examples=40, deadline=None, suppress_health_check=HEALTH)
@given(steps=EDITS, commands_after=RUNS, by_item=st.booleans(), as_make=st.booleans())
def test_incremental_outputs_equal_a_run_from_scratch(
    tmp_path_factory, argos_store, monkeypatch, steps, commands_after, by_item, as_make
):
    equal_to_a_run_from_scratch(
        tmp_path_factory, monkeypatch, steps, commands_after, by_item, as_make
    )


@settings(max_examples=20, deadline=None, suppress_health_check=HEALTH)
@given(steps=EDITS, commands_after=RUNS, by_item=st.booleans(), as_make=st.booleans())
def test_incremental_outputs_equal_a_run_from_scratch_with_a_file_system_monitor(
    tmp_path_factory, argos_store, fsmonitor, monkeypatch, steps, commands_after, by_item, as_make
):
    # the stages asking Watchman what changed since their last full run (tests/test_fsmonitor.py)
    equal_to_a_run_from_scratch(
        tmp_path_factory, monkeypatch, steps, commands_after, by_item, as_make
    )


def equal_to_a_run_from_scratch(
    tmp_path_factory, monkeypatch, steps, commands_after, by_item, as_make=False
):
    # two groups of documents (``ledger.Groups``): a group trusted whole, or asked about
    # document by document where one of its documents changed
    monkeypatch.setattr(ledger, "GROUPS", 2)
    # rows read one by one, as where most of an archive's groups are trusted: documents gone
    # are found from the rows' keys, and the build's output folders are not listed unless
    # they changed (``ledger.Folders``)
    monkeypatch.setattr(ledger, "BY_ITEM", 0 if by_item else 8)
    root = tmp_path_factory.mktemp("inc") / "project"
    (root / "source").mkdir(parents=True)
    # every language published, however little is translated: every page can go stale
    (root / "pyproject.toml").write_text(pyproject("min_build_coverage = 0\n"), encoding="utf-8")
    for stem in ("alpha", "2026/12/beta"):
        apply(root, "add", stem, 0)
    monkeypatch.chdir(root)
    steps_run = AS_MAKE if as_make else FULL
    run(*steps_run)
    for n, ((move, stem), run_now) in enumerate(zip(steps, commands_after), 1):
        apply(root, move, stem, n)
        if run_now:  # edits may pile up between runs, or not
            run(*steps_run)
    run(*steps_run)
    incremental = outputs(root)

    fresh = root.parent / "fresh"
    fresh.mkdir()
    shutil.copy(root / "pyproject.toml", fresh / "pyproject.toml")
    shutil.copytree(root / "source", fresh / "source")
    shutil.copytree(root / "locales", fresh / "locales")
    monkeypatch.chdir(fresh)
    run(*FULL)
    scratch = outputs(fresh)
    assert sorted(incremental) == sorted(scratch), steps
    different = [name for name in incremental if incremental[name] != scratch[name]]
    assert different == [], (steps, different)
