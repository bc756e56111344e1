"""What the tests share: the project a test works in, the ``l10n`` command, the PO corpus, and a
small real Argos package with an isolated package store and no internet."""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

import argos_fixture
import pytest
from click.testing import CliRunner

from pipeline.cli import main

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "source" / "singapore-south-korea-partnership.txt"
STEM = SEED.stem

# ---- the project ----------------------------------------------------------------------------

PYPROJECT = """\
[project]
name = "news"

[tool.l10n]
{settings}
[tool.l10n.languages]
{languages}
"""
# Language code → the inside of its inline table in [tool.l10n.languages].
LANGUAGES = {"ko": 'argos = "ko"', "zh_Hans": 'argos = "zh"', "ms": 'argos = "ms"'}


def pyproject(settings: str = "", languages: dict[str, str] = LANGUAGES) -> str:
    """``PYPROJECT`` with ``settings`` under [tool.l10n] and one line per language."""
    table = "".join(f"{code} = {{ {spec} }}\n" for code, spec in languages.items())
    return PYPROJECT.format(settings=settings, languages=table)


@pytest.fixture
def make_project(tmp_path, monkeypatch):
    """A factory of projects: ``make_project(root="project", *, settings="",
    languages=LANGUAGES, sources=None, glossary=None, chdir=True)``.

    ``root`` is relative to tmp_path (an absolute path is used as it is). ``sources`` maps file
    names in source/ (``2026/12/x.txt``: in folders) to their text (str or bytes); None is the
    seed article, ``{}`` no source folder at all. ``glossary`` is the text of
    locales/glossary.csv. With ``chdir`` the test then runs inside the project."""

    def make(
        root: str | Path = "project",
        *,
        settings: str = "",
        languages: dict[str, str] = LANGUAGES,
        sources: dict[str, str | bytes] | None = None,
        glossary: str | None = None,
        chdir: bool = True,
    ) -> Path:
        root = tmp_path / root
        root.mkdir(parents=True, exist_ok=True)
        (root / "pyproject.toml").write_text(pyproject(settings, languages), encoding="utf-8")
        if sources is None:
            sources = {SEED.name: SEED.read_bytes()}
        for name, text in sources.items():
            path = root / "source" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
        if glossary is not None:
            (root / "locales").mkdir(exist_ok=True)
            (root / "locales" / "glossary.csv").write_text(glossary, encoding="utf-8")
        if chdir:
            monkeypatch.chdir(root)
        return root

    return make


@pytest.fixture
def project(make_project) -> Path:
    """tmp_path/project, the current directory: pyproject.toml for ko, zh_Hans and ms, and the
    seed article in source/. A test module that needs more overrides this fixture and calls
    ``make_project`` with its variant."""
    return make_project()


def l10n(*args: str):
    """``l10n ARGS`` in the current directory; the click result. Exceptions propagate (a crash
    is a crash, never an exit status that a test might expect)."""
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def l10n_ok(*args: str):
    """``l10n ARGS``, which must exit 0; the click result."""
    result = l10n(*args)
    assert result.exit_code == 0, result.output
    return result


def po_path(root: Path, lang: str = "ko", stem: str = STEM) -> Path:
    return root / "locales" / lang / "LC_MESSAGES" / f"{stem}.po"


def snapshot(root: Path, exclude: tuple[str, ...] = ()) -> dict[str, bytes]:
    """Every file under ``root`` (but those under a folder named in ``exclude``) → its bytes."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not set(p.relative_to(root).parts) & set(exclude)
    }


# ---- the PO corpus --------------------------------------------------------------------------

# Real-world PO files in shared/pocorpus beside the repository (never copied into it).
CORPUS = REPO.parent / "shared" / "pocorpus"
CORPUS_FILES = sorted(CORPUS.glob("*/*.po"))
CORPUS_ABSENT = f"PO corpus not found at {CORPUS}"
# Set by .ci/run: there a missing corpus fails the corpus tests instead of skipping them.
REQUIRE_CORPUS = "L10N_REQUIRE_CORPUS"


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The corpus folder. Every test that reads the corpus asks for this fixture: where the
    folder is absent the test is skipped, saying where it looked, or fails where
    L10N_REQUIRE_CORPUS=1. Where the folder is there, nothing is skipped: a file that a test
    names and that is missing is an error."""
    if not CORPUS.is_dir():
        if os.environ.get(REQUIRE_CORPUS) == "1":
            pytest.fail(f"{CORPUS_ABSENT}, and {REQUIRE_CORPUS}=1 requires it", pytrace=False)
        pytest.skip(CORPUS_ABSENT)
    return CORPUS


def corpus_params(files: list[Path] | None = None) -> list:
    """Parameters, one per corpus file (id ``lang/name``), for a test that asks for the
    ``corpus`` fixture. Where the corpus is absent: one parameter None, so that the test is
    collected and the fixture skips it (or fails it) with the reason."""
    files = CORPUS_FILES if files is None else files
    if not CORPUS.is_dir():
        return [pytest.param(None, id="no-corpus")]
    return [pytest.param(p, id=f"{p.parent.name}/{p.name}") for p in files]


def pytest_terminal_summary(terminalreporter):
    skipped = [
        report
        for report in terminalreporter.stats.get("skipped", [])
        if CORPUS_ABSENT in str(report.longrepr)
    ]
    if skipped:
        terminalreporter.write_line(
            f"{len(skipped)} corpus tests skipped: {CORPUS_ABSENT} "
            f"(set {REQUIRE_CORPUS}=1 to make that a failure)",
            yellow=True,
            bold=True,
        )


# ---- Argos packages and the network ---------------------------------------------------------


@pytest.fixture(scope="session")
def argos_package(tmp_path_factory) -> Path:
    """An en → ko copy-model package file (``translate-en_ko-1_0.argosmodel``), built once per
    test session in about a second; its tokenizer is trained on the seed article too."""
    corpus = argos_fixture.CORPUS + SEED.read_text(encoding="utf-8")
    return argos_fixture.build_package(tmp_path_factory.mktemp("argos"), corpus=corpus)


@pytest.fixture(scope="session")
def kind_package(tmp_path_factory):
    """``kind_package(kind, to_code="ms")``: a copy-model package file of that kind
    (``argos_fixture.KINDS``, ``BROKEN_KINDS``), built once per test session; its tokenizer
    knows the seed article and the canary sentences."""
    from pipeline import canary

    corpus = "\n".join([argos_fixture.CORPUS, SEED.read_text(encoding="utf-8"), *canary.SENTENCES])
    built: dict[tuple[str, str], Path] = {}

    def build(kind: str, to_code: str = "ms") -> Path:
        if (kind, to_code) not in built:
            folder = tmp_path_factory.mktemp(kind)
            built[kind, to_code] = argos_fixture.build_package(
                folder, to_code=to_code, corpus=corpus, kind=kind
            )
        return built[kind, to_code]

    return build


def closed_port() -> int:
    """A loopback port nothing listens on: connecting is refused at once."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def no_internet(monkeypatch):
    """Any connection except to loopback fails at once, so no test can reach the internet."""
    real_connect = socket.socket.connect

    def connect(self, address):
        host = address[0] if isinstance(address, tuple) else address
        if host not in ("127.0.0.1", "::1", "localhost"):
            raise OSError(f"network disabled in tests (tried {address})")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)


@pytest.fixture(autouse=True)
def one_process(monkeypatch):
    """Commands work in one process unless a test asks for more (tests/test_parallel.py):
    counting what a command parses, or replacing a function, sees only this process."""
    monkeypatch.setenv("L10N_JOBS", "1")


@pytest.fixture
def rows_asked(monkeypatch) -> list[str]:
    """The commands whose ledger rows a run asks for by item (``ledger.Ledger._row``), from now
    on: a stage that trusts its groups asks for their rows, not its items'."""
    from pipeline import ledger

    asked: list[str] = []
    real = ledger.Ledger._row

    def row(self, item, alone=False):
        asked.append(self.command)
        return real(self, item, alone)

    monkeypatch.setattr(ledger.Ledger, "_row", row)
    return asked


@pytest.fixture
def argos_store(tmp_path, monkeypatch, no_internet) -> Path:
    """An empty Argos package store in tmp_path; memory, config and index isolated too."""
    store = tmp_path / "argos-packages"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(store))
    for name in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", f"http://127.0.0.1:{closed_port()}/")
    return store


def built_files(root: Path) -> list[Path]:
    """The files under ``root/build`` a command wrote as output: not the commands' ledgers
    (``build/.l10n``, a cache)."""
    build = root / "build"
    return [p for p in sorted(build.rglob("*")) if p.is_file() and ".l10n" not in p.parts]


@pytest.fixture
def bench_articles_run(monkeypatch, capsys):
    """``bench/bench_articles.py`` run in this process on a folder: (exit message or "",
    what it printed)."""
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parents[1] / "bench"))
    import bench_articles

    def run(folder: Path, *args: str) -> tuple[str, str]:
        monkeypatch.setattr(sys, "argv", ["bench_articles.py", str(folder), *args])
        try:
            bench_articles.main()
        except SystemExit as done:
            return str(done.code), capsys.readouterr().out
        return "", capsys.readouterr().out

    return run


# ---- a file system monitor ------------------------------------------------------------------

# Set by .ci/run: there a missing Watchman fails the monitor's tests instead of skipping them.
REQUIRE_WATCHMAN = "L10N_REQUIRE_WATCHMAN"


@pytest.fixture(scope="session")
def watchman_server(tmp_path_factory):
    """The socket of a Watchman server of the test session's own (started here, shut down at
    the end), for ``L10N_FSMONITOR=watchman``; where ``watchman`` is not installed the test is
    skipped, or fails where L10N_REQUIRE_WATCHMAN=1."""
    import shutil
    import subprocess

    program = shutil.which("watchman")
    if program is None:
        absent = "watchman is not installed (Debian: apt-get install watchman)"
        if os.environ.get(REQUIRE_WATCHMAN) == "1":
            pytest.fail(f"{absent}, and {REQUIRE_WATCHMAN}=1 requires it", pytrace=False)
        pytest.skip(absent)
    folder = tmp_path_factory.mktemp("watchman")
    sock = folder / "sock"
    own = [
        f"--sockname={sock}",
        f"--statefile={folder / 'state'}",
        f"--logfile={folder / 'log'}",
        f"--pidfile={folder / 'pid'}",
        "--no-save-state",
    ]
    subprocess.run([program, *own, "watch-list"], check=True, capture_output=True, timeout=60)
    yield sock
    subprocess.run([program, f"--sockname={sock}", "shutdown-server"], capture_output=True)


@pytest.fixture
def fsmonitor(watchman_server, monkeypatch) -> Path:
    """The commands run in this test ask the session's Watchman server what changed."""
    monkeypatch.setenv("L10N_FSMONITOR", "watchman")
    monkeypatch.setenv("WATCHMAN_SOCK", str(watchman_server))
    return watchman_server
