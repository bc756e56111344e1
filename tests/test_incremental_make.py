"""Incremental state never lies, as `make` runs it: after any sequence of the moves that once
fooled make (an article renamed with `mv`, which keeps its times; a PO file put back from an
older copy with its old times; a PO file deleted; a template edited by hand, as a pull request
may; a translator's save; a language taken out of the settings and put back), each followed by
`make`, one of its steps or nothing, the next `make` leaves the templates, catalogs and outputs
byte-identical to a `make` from scratch on the same sources, catalogs and settings."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from conftest import LANGUAGES, pyproject
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_contributed import REPO, needs_make, run_make
from test_incremental import (
    edit_keeping_size_and_times,
    outputs,
    rename_to_other_kind,
    translate_one,
)

pytestmark = needs_make

# one article at the top of the source folder, one in a folder of its own
ARTICLES = {
    "alpha": "Port handles record cargo\n\nThe port handled 4 million containers. Officials expect growth.\n",
    "2026/12/beta": "# Leaders meet\n\nThe *leaders* met in Seoul. They signed 3 agreements.\n",
}
MOVES = (
    "edit",
    "same-size",
    "mv",
    "rename-kind",
    "delete",
    "translate",
    "old-po",
    "delete-po",
    "template-by-hand",
    "drop-language",
)
# what runs after a move: make, one of its steps, or nothing yet
TARGETS = ("all", "extract", "update", "build", None)


def settings_text(dropped: bool) -> str:
    languages = {k: v for k, v in LANGUAGES.items() if not (dropped and k == "zh_Hans")}
    # every language published, however little is translated: every page can go stale
    return pyproject("min_build_coverage = 0\n", languages)


def source_of(root: Path, stem: str) -> Path | None:
    """The article's source, under its name or the name `mv` gave it."""
    for name in (stem, f"{stem}-moved"):
        found = sorted((root / "source").glob(f"{name}.*"))
        if found:
            return found[0]
    return None


def catalog(root: Path, lang: str, path: Path) -> Path:
    relative = path.relative_to(root / "source").with_suffix(".po")
    return root / "locales" / lang / "LC_MESSAGES" / relative


def apply(root: Path, move: str, stem: str, n: int, kept: dict[Path, tuple[bytes, int]]) -> None:
    path = source_of(root, stem)
    if path is None:  # deleted earlier: it comes back
        suffix = ".md" if ARTICLES[stem].startswith("#") else ".txt"
        path = root / "source" / f"{stem}{suffix}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(ARTICLES[stem], encoding="utf-8")
        return
    lang = ("ko", "zh_Hans", "ms")[n % 3]
    po_file = catalog(root, lang, path)
    if move == "edit":
        path.write_text(
            path.read_text(encoding="utf-8").replace("expect", f"expect {n}x"), encoding="utf-8"
        )
    elif move == "same-size":
        edit_keeping_size_and_times(path)
    elif move == "mv":  # `mv` keeps the file's times
        name = path.stem[: -len("-moved")] if path.stem.endswith("-moved") else path.stem + "-moved"
        path.rename(path.with_name(name + path.suffix))
    elif move == "rename-kind":
        rename_to_other_kind(path)
    elif move == "delete" and len([p for p in (root / "source").rglob("*") if p.is_file()]) > 1:
        path.unlink()
    elif move == "translate":
        translate_one(po_file, n)
    elif move == "old-po" and po_file in kept and po_file.is_file():
        # a catalog put back from an older copy (another branch, a backup) with its old times
        data, mtime_ns = kept[po_file]
        po_file.write_bytes(data)
        os.utime(po_file, ns=(mtime_ns, mtime_ns))
    elif move == "delete-po" and po_file.is_file():
        po_file.unlink()
    elif move == "template-by-hand":
        template = (root / "locales" / path.relative_to(root / "source")).with_suffix(".pot")
        if template.is_file():
            template.write_text(
                template.read_text(encoding="utf-8").replace('msgid "The', 'msgid "Teh'),
                encoding="utf-8",
            )
    elif move == "drop-language":
        dropped = "zh_Hans" not in (root / "pyproject.toml").read_text(encoding="utf-8")
        (root / "pyproject.toml").write_text(settings_text(not dropped), encoding="utf-8")


def make(root: Path, target: str | None = "all") -> None:
    if target is None:
        return
    done = run_make(root, target)
    assert done.returncode == 0, (target, done.stdout, done.stderr)


def catalogs(root: Path) -> dict[Path, tuple[bytes, int]]:
    return {
        path: (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted((root / "locales").rglob("*.po"))
    }


def project(root: Path) -> Path:
    (root / "source").mkdir(parents=True)
    shutil.copy(REPO / "Makefile", root / "Makefile")
    (root / "pyproject.toml").write_text(settings_text(False), encoding="utf-8")
    for stem, text in ARTICLES.items():
        suffix = ".md" if text.startswith("#") else ".txt"
        (root / "source" / f"{stem}{suffix}").parent.mkdir(parents=True, exist_ok=True)
        (root / "source" / f"{stem}{suffix}").write_text(text, encoding="utf-8")
    return root


STEPS = st.lists(
    st.tuples(st.sampled_from(MOVES), st.sampled_from(sorted(ARTICLES)), st.sampled_from(TARGETS)),
    min_size=1,
    max_size=4,
)


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=STEPS)
def test_make_after_any_moves_equals_a_make_from_scratch(tmp_path_factory, argos_store, steps):
    root = project(tmp_path_factory.mktemp("make") / "project")
    make(root)
    kept = catalogs(root)  # the catalogs as an older copy has them
    for n, (move, stem, target) in enumerate(steps, 1):
        apply(root, move, stem, n, kept)
        make(root, target)
    make(root)
    assert run_make(root).stdout == "", steps  # and then nothing is left to do
    incremental = outputs(root)

    fresh = root.parent / "fresh"
    fresh.mkdir()
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(root / name, fresh / name)
    shutil.copytree(root / "source", fresh / "source")
    shutil.copytree(root / "locales", fresh / "locales")
    make(fresh)
    scratch = outputs(fresh)
    assert sorted(incremental) == sorted(scratch), steps
    different = [name for name in incremental if incremental[name] != scratch[name]]
    assert different == [], (steps, different)
