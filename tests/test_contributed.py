"""Files a contributor brings: their names, what they link to, what they are, and translations
that show nothing. A contribution is data; nothing in it may run, reach outside the checkout,
exhaust the machine, or pass a check by showing nothing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import test_hostile
from test_hostile import SOURCE, l10n, one_line_error, snapshot

from pipeline import checks

REPO = Path(__file__).resolve().parents[1]
# One article, its template and a Korean catalog: the hostile-input suite's project.
project = test_hostile.project
SEED = REPO / "source" / "singapore-south-korea-partnership.txt"

# Names that once ran a command (`;`, backquotes, `$(…)`) or stopped make (space, `:`, `'`,
# `(`, `&`, `\`, `$`, `#`, `%`, `*`, `?`, `=`), and a few that are merely unusual.
HOSTILE_NAMES = (
    "z;touch PWNED1 #",
    "$(touch PWNED2)",
    "a`touch PWNED3`b",
    "it's (x) & a:b \\c",
    "dollar$HOME",
    "100% sure",
    "star*",
    "what?",
    "#hash",
    "a=b",
    "-rf",
    "space  and\u00a0nbsp",
    "한국어 기사",
    "|touch PWNED4",
)


# ---- make ------------------------------------------------------------------------------------


def make_project(root: Path, names: list[str]) -> Path:
    """A copy of this repository's project files (Makefile, settings, constraints) with the
    seed article, and one source and one Korean catalog for each name."""
    root.mkdir(parents=True)
    for name in ("Makefile", "pyproject.toml", "constraints.txt"):
        shutil.copy(REPO / name, root / name)
    (root / "source").mkdir()
    shutil.copy(SEED, root / "source" / SEED.name)
    for name in names:
        (root / "source" / f"{name}.txt").write_text(SOURCE, encoding="utf-8")
    catalogs = root / "locales" / "ko" / "LC_MESSAGES"
    catalogs.mkdir(parents=True)
    for name in names:
        (catalogs / f"{name} orphan;touch PWNED5.po").write_text(
            'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n', encoding="utf-8"
        )
    return root


MAKE_VARIABLES = (
    "MAKEFLAGS",
    "MFLAGS",
    "MAKELEVEL",
    "MAKEOVERRIDES",
    "MAKE_TERMOUT",
    "MAKE_TERMERR",
)


def run_make(root: Path, *targets: str) -> subprocess.CompletedProcess:
    """``make`` in ``root`` with this interpreter's pipeline as ``l10n`` and no install step
    (and nothing of a make this test runs under: its flags and level)."""
    env = {k: v for k, v in os.environ.items() if k not in MAKE_VARIABLES}
    env["PYTHONPATH"] = str(REPO)
    return subprocess.run(
        [
            "make",
            *targets,
            "INSTALL=",
            f"PYTHON={sys.executable}",
            f"L10N={sys.executable} -m pipeline",
        ],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def ran_anything(root: Path) -> list[str]:
    return [p.name for p in root.parent.rglob("PWNED*")] + [
        p.name for p in Path.cwd().glob("PWNED*")
    ]


needs_make = pytest.mark.skipif(shutil.which("make") is None, reason="make not installed")


@needs_make
def test_make_builds_every_document_and_runs_no_command_its_name_spells(tmp_path):
    root = make_project(tmp_path / "p", list(HOSTILE_NAMES))
    done = run_make(root)
    assert done.returncode == 0, done.stderr
    assert ran_anything(root) == []
    for name in HOSTILE_NAMES:
        assert (root / "locales" / f"{name}.pot").is_file(), name
        assert (root / "locales" / "ko" / "LC_MESSAGES" / f"{name}.po").is_file(), name
        assert (root / "build" / "en" / f"{name}.html").is_file(), name
    # A second make has nothing to do; a new hostile source is picked up by the next one.
    assert run_make(root).stdout == ""
    (root / "source" / "new;touch PWNED6.txt").write_text(SOURCE, encoding="utf-8")
    again = run_make(root)
    assert again.returncode == 0, again.stderr
    assert (root / "locales" / "new;touch PWNED6.pot").is_file()
    assert ran_anything(root) == []


@needs_make
def test_make_check_with_a_hostile_catalog_name_runs_no_command(tmp_path):
    root = make_project(tmp_path / "p", ["z;touch PWNED7 #"])
    done = run_make(root, "check")
    assert done.returncode == 2  # nothing is translated: the gate fails, as it should
    assert "FAIL: coverage 0% is below the required 100%" in done.stdout
    assert ran_anything(root) == []


@needs_make
@pytest.mark.parametrize("name", ["new\nline", "tab\there", "esc\x1b[31m", "bidi\u202etxt.exe"])
def test_a_name_with_a_control_character_stops_make_with_one_line(tmp_path, name):
    root = make_project(tmp_path / "p", [])
    (root / "source" / f"{name}.txt").write_text(SOURCE, encoding="utf-8")
    done = run_make(root)
    assert done.returncode != 0
    errors = [line for line in done.stderr.splitlines() if line.startswith("l10n: error:")]
    assert errors == [
        f"l10n: error: source/{name.encode('unicode_escape').decode()}.txt: "
        "a control character in the file name; rename the file"
    ]
    assert not (root / "locales").joinpath(f"{name}.pot").exists()
    assert not list((root / "locales").glob("*.pot"))  # nothing written at all


NAME_CHARS = st.sampled_from(list(" ;&|`$()'\"\\:#%*?=<>!~{}[],@^+-_.") + list("abcXYZ한中"))


@needs_make
@settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    names=st.lists(
        st.text(NAME_CHARS, min_size=1, max_size=12).filter(
            lambda s: s.strip(".") and not s.startswith(".") and "/" not in s
        ),
        min_size=1,
        max_size=6,
        unique_by=str.casefold,
    )
)
def test_make_and_the_commands_take_any_file_name_as_data(tmp_path_factory, names):
    root = make_project(tmp_path_factory.mktemp("fuzz") / "p", names)
    done = run_make(root)
    assert done.returncode == 0, (names, done.stderr)
    assert ran_anything(root) == []
    for name in names:
        assert (
            (root / "build" / "en" / f"{name}.txt")
            .read_text(encoding="utf-8")
            .startswith("Leaders meet in Seoul")
        ), name


@needs_make
def test_make_watches_the_folders_the_settings_name(tmp_path):
    root = make_project(tmp_path / "p", [])
    settings = (root / "pyproject.toml").read_text()
    settings = settings.replace('source_dir = "source"', 'source_dir = "articles"')
    settings = settings.replace('build_dir = "build"', 'build_dir = "public"')
    (root / "pyproject.toml").write_text(settings)
    (root / "source").rename(root / "articles")
    assert run_make(root).returncode == 0
    assert (root / "public" / "en" / f"{SEED.stem}.txt").is_file()
    assert not (root / "build").exists()
    assert run_make(root).stdout == ""
    (root / "articles" / "new.txt").write_text(SOURCE, encoding="utf-8")
    assert run_make(root).returncode == 0
    assert (root / "public" / "en" / "new.txt").is_file()


@needs_make
def test_a_folder_make_cannot_hold_is_one_line_from_make(tmp_path):
    root = make_project(tmp_path / "p", [])
    settings = (root / "pyproject.toml").read_text()
    (root / "pyproject.toml").write_text(settings.replace('dir = "source"', 'dir = "my articles"'))
    done = run_make(root)
    assert done.returncode == 2
    assert "source_dir = 'my articles': the Makefile needs letters, digits" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_a_settings_edit_reruns_the_pipeline_not_the_installer(tmp_path):
    """An offline machine cannot reinstall: editing [tool.l10n] must not call pip."""
    root = tmp_path / "p"
    root.mkdir()
    for name in ("Makefile", "pyproject.toml", "constraints.txt"):
        shutil.copy(REPO / name, root / name)
    (root / "venv" / "bin").mkdir(parents=True)
    (root / "venv" / "bin" / "python").symlink_to(sys.executable)
    stamp = root / "venv" / ".installed-mt"

    def install() -> str:
        done = subprocess.run(
            ["make", "venv/.installed-mt", "VENV=venv", "PIP_INSTALL=echo PIP-INSTALL"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=60,
            env={k: v for k, v in os.environ.items() if k not in MAKE_VARIABLES},
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert "PIP-INSTALL" in install()  # a new venv: installed
    assert stamp.is_file()
    pyproject = root / "pyproject.toml"
    settings_only = pyproject.read_text().replace("min_coverage = 100", "min_coverage = 90")
    assert settings_only != pyproject.read_text()
    os.utime(stamp, (0, 0))
    pyproject.write_text(settings_only)
    assert "PIP-INSTALL" not in install()  # settings edited: not reinstalled
    assert stamp.stat().st_mtime > pyproject.stat().st_mtime - 1
    assert "up to date" in install()  # and make knows it is done
    pyproject.write_text(settings_only.replace('"click>=8.1"', '"click>=8.2"'))
    assert "PIP-INSTALL" in install()  # a dependency edited: reinstalled


# ---- what a contributed file is ------------------------------------------------------------


def catalog(root: Path) -> Path:
    return root / "locales" / "ko" / "LC_MESSAGES" / "doc.po"


def test_a_catalog_that_links_out_of_the_checkout_is_not_read(project, tmp_path, monkeypatch):
    secret = tmp_path / "environ"
    secret.write_bytes(b"MY_CI_SECRET=hunter2\0PATH=/usr/bin\0")
    monkeypatch.setenv("MY_CI_SECRET", "hunter2")
    catalog(project).unlink()
    catalog(project).symlink_to(secret)
    for command in (["check"], ["build"], ["update"], ["check", str(catalog(project))]):
        before = snapshot(project)
        line = one_line_error(l10n(*command))
        assert "a link to a file outside the project; not read" in line, command
        assert "hunter2" not in line and "SECRET" not in line
        assert snapshot(project) == before
    assert catalog(project).is_symlink()  # left as it was


def test_proc_environ_as_a_catalog_is_refused_without_quoting_it(project, monkeypatch):
    monkeypatch.setenv("MY_CI_SECRET", "hunter2")
    catalog(project).unlink()
    catalog(project).symlink_to("/proc/self/environ")
    line = one_line_error(l10n("check"))
    assert "not read" in line and "hunter2" not in line


def test_a_link_inside_the_checkout_is_followed(project):
    real = project / "locales" / "ko" / "real.po"
    catalog(project).rename(real)
    catalog(project).symlink_to(real)
    assert l10n("check", "--format", "json").exit_code == 1  # read: untranslated, not refused


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_a_device_named_as_a_catalog_or_a_source_is_refused_before_reading(project, device):
    """Named on the command line, a file outside the project is read, but only a file."""
    assert "a device, not a file; not read" in one_line_error(l10n("check", device))
    assert "a device, not a file; not read" in one_line_error(l10n("segment", device))
    assert "a device, not a file; not read" in one_line_error(l10n("format", device))


def test_a_fifo_as_a_catalog_is_refused_without_waiting_for_a_writer(project):
    catalog(project).unlink()
    os.mkfifo(catalog(project))
    assert "a FIFO, not a file; not read" in one_line_error(l10n("check"))


def test_a_catalog_larger_than_the_bound_is_refused_unread(project, monkeypatch):
    from pipeline import files

    monkeypatch.setattr(files, "MAX_FILE_BYTES", 1000)
    monkeypatch.setattr(files.read_bytes, "__defaults__", (1000,))
    with catalog(project).open("ab") as handle:
        handle.write(b"#" * 2000 + b"\n")
    assert "larger than 1000 bytes; not read" in one_line_error(l10n("check"))


@pytest.mark.parametrize("target", ["/dev/zero", "outside"])
def test_a_state_database_that_is_a_link_is_ignored(project, tmp_path, target):
    assert l10n("check").exit_code == 1
    state = project / "build" / ".l10n" / "state.sqlite"
    assert state.is_file()
    outside = tmp_path / "outside"
    state.rename(outside)
    state.symlink_to(outside if target == "outside" else target)
    before = outside.read_bytes()
    result = l10n("check", "--format", "json")
    assert result.exit_code == 1 and '"untranslated"' in result.output
    assert outside.read_bytes() == before  # neither read nor written through the link
    assert state.is_symlink()


def test_a_syntax_error_quotes_a_short_escaped_excerpt(project):
    catalog(project).write_bytes(
        b'msgid ""\nmsgstr ""\n\nSECRET=0123456789abcdefghijklmnopqrstuvwxyz\x1b[2J\n'
    )
    line = one_line_error(l10n("check"))
    assert "unexpected 'SECRET=0123456789abcdefg'" in line
    assert "\x1b" not in line


# ---- names a command is given --------------------------------------------------------------


def test_a_source_that_is_not_there_is_named_as_not_found(project, tmp_path):
    assert one_line_error(l10n("extract", "source/missing.txt")) == (
        "l10n: error: source/missing.txt: file not found"
    )
    settings = project / "pyproject.toml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace("[tool.l10n]", '[tool.l10n]\nsource_dir = "pyproject.toml"'))
    assert one_line_error(l10n("extract")) == (
        "l10n: error: pyproject.toml: source directory not a folder"
    )
    settings.write_text(text, encoding="utf-8")
    folder = tmp_path / "pack.argosmodel"
    folder.mkdir()
    assert one_line_error(l10n("models", "install", str(folder))) == (
        f"l10n: error: {folder}: a folder, not a package file"
    )


@pytest.mark.parametrize("given", ["pyproject.toml", "README.txt", "source/../notes.txt"])
def test_extract_takes_only_the_project_sources(project, given):
    (project / "README.txt").write_text(SOURCE, encoding="utf-8")
    (project / "notes.txt").write_text(SOURCE, encoding="utf-8")
    before = snapshot(project)
    line = one_line_error(l10n("extract", given))
    assert "not a source document: sources are .txt, .md, .html files in source/" in line
    assert snapshot(project) == before
    assert not (project / "locales" / "pyproject.pot").exists()


def test_a_source_name_with_a_newline_writes_nothing(project):
    (project / "source" / 'x\n#: injected.txt:1\nmsgid "evil".txt').write_text(SOURCE)
    before = snapshot(project)
    line = one_line_error(l10n("extract"))
    assert "x\\n#: injected.txt:1\\nmsgid" in line  # escaped: one line
    assert snapshot(project) == before


# ---- translations that show nothing, or more than text --------------------------------------


def translate_all(root: Path, text: str) -> None:
    po = polib.pofile(str(catalog(root)))
    for entry in po:
        entry.msgstr = text
        entry.flags = [f for f in entry.flags if f != "fuzzy"]
    po.save(str(catalog(root)))


@pytest.mark.parametrize("blank", ["\u200b", "\u200b\u200c\u2060", " \u3164 ", "\u00ad", "\u202e"])
def test_a_translation_that_shows_nothing_is_untranslated(project, blank):
    translate_all(project, blank)
    result = l10n("check", "--format", "json")
    assert result.exit_code == 1
    assert '"translated": 0' in result.output.replace(" ", "").replace(
        '"translated":0', '"translated": 0'
    )
    build = l10n("build")
    assert build.exit_code == 0
    assert not (project / "build" / "ko" / "doc.txt").exists()  # 0% translated: not published


def test_a_bidi_override_is_an_error_and_an_isolate_only_in_a_left_to_right_language():
    ko, ar = checks.Context("ko"), checks.Context("ar")
    assert checks.check_invisible("abc", "a\u202ebc", ko) == [
        "bidirectional control U+202E that the source does not have"
    ]
    assert checks.check_invisible("abc", "a\u202ebc", ar) != []
    assert checks.check_invisible("abc", "\u2067abc\u2069", ko) != []
    assert checks.check_invisible("abc", "\u2067abc\u2069", ar) == []
    assert checks.check_invisible("a\u202eb", "a\u202eb", ko) == []  # the source has it


@pytest.mark.parametrize(
    "hostile",
    [
        '<img src=x onerror="alert(1)">',
        "<script>alert(1)</script>",
        '<a href="javascript:alert(1)">보기</a>',
        "<svg onload=alert(1)>",
        "JavaScript:alert(1)",
    ],
)
def test_raw_html_in_a_translation_fails_check(project, hostile):
    translate_all(project, f"번역 {hostile} 1 US$4.5 million 30")
    result = l10n("check", "--format", "json")
    assert result.exit_code == 1
    assert '"check": "html"' in result.output


def test_markup_the_source_has_or_that_is_not_html_is_left_alone():
    ko = checks.Context("ko")
    assert checks.check_html("Press <Enter> to go", "<Enter> 키를 누르세요", ko) == []
    assert checks.check_html("Mail <a@b.org>", "메일 <a@b.org>", ko) == []
    assert checks.check_html("Use <b>bold</b>", "<b>굵게</b> 사용", ko) == []
    assert checks.check_html("A <1>link</1>", "<1>링크</1>", ko) == []
