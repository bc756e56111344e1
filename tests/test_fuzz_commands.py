"""Every command against fuzzed input: PO files, settings and model packages.

The promise under test, for each command: it succeeds (exit 0, or 1 for a `check` that
fails its thresholds), or it prints one line on stderr and exits 2 having changed nothing on
disk. Examples are bounded so the file runs in seconds.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import tempfile
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.cli import main

pytestmark = pytest.mark.filterwarnings("ignore:Duplicate name:UserWarning")

PYPROJECT = """\
[project]
name = "news"

[tool.l10n]
{extra}
[tool.l10n.languages]
{languages}
"""
SOURCE = """\
Leaders meet in Seoul

The deal is worth US$4.5 million. Talks went well.

• Exports rose 30 per cent.
"""
COMMANDS = [
    ["check"],
    ["check", "--drafts", "--format", "json"],
    ["check", "--badges", "badges"],
    ["review"],
    ["build"],
    ["update"],
    ["format", "locales/ko/LC_MESSAGES/doc.po"],
    ["extract"],
]
FUZZ = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    """A project with one article, its template and a Korean PO file."""
    root = tmp_path_factory.mktemp("base") / "project"
    (root / "source").mkdir(parents=True)
    (root / "pyproject.toml").write_text(
        PYPROJECT.format(extra="", languages='ko = { argos = "ko" }'), encoding="utf-8"
    )
    (root / "source" / "doc.txt").write_text(SOURCE, encoding="utf-8")
    with working_in(root):
        for command in (["extract"], ["update"]):
            assert CliRunner().invoke(main, command).exit_code == 0
    return root


@contextlib.contextmanager
def working_in(folder: Path):
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


@contextlib.contextmanager
def copy_of(base: Path):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        shutil.copytree(base, root, symlinks=True)
        with working_in(root):
            yield root


def snapshot(root: Path) -> dict[str, bytes | None]:
    found: dict[str, bytes | None] = {}
    for path in sorted(root.rglob("*")):
        key = str(path.relative_to(root))
        found[key] = path.read_bytes() if path.is_file() and not path.is_symlink() else None
    return found


def keeps_the_promise(root: Path, command: list[str]) -> None:
    before = snapshot(root)
    result = CliRunner().invoke(main, command)
    ok_codes = (0, 1) if command[0] == "check" else (0,)
    if result.exit_code in ok_codes:
        return
    assert result.exit_code == 2, (command, result.exit_code, result.output, result.exception)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("l10n: error: "), (command, result.stderr)
    assert snapshot(root) == before, command


# ---- PO syntax ----------------------------------------------------------------------------

PIECES = [
    'msgid "', 'msgstr "', "msgstr[0] ", "msgstr[99999999999999999999] ", "msgid_plural ",
    "msgctxt ", '"', "\\", "\\x", "\\0", "\\n", "\n", "\n\n", "#: ", "#, fuzzy", "#| msgid ",
    "#~ ", "#. ", "# ", "\x00", "\x1b[2J", "\u2068", "\u2069", ":²", ":" + "9" * 5000,
    "charset=base64", "charset=rot13", "charset=EUC-KR", "nplurals=3000000", "Language: ../x",
    "Language: ko", "Plural-Forms: nplurals=2; plural=n>1;", "/etc/passwd:1", "../../x:1",
    "\r", "\ufeff", "%(", "%s", "{0}", "é", "한국", "\xff",
]  # fmt: skip


@st.composite
def mutated_po(draw) -> bytes:
    text = draw(st.sampled_from([TEMPLATE_PO]))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        how = draw(st.sampled_from(["insert", "delete", "duplicate"]))
        if how == "insert":
            text = text[:at] + draw(st.sampled_from(PIECES)) + text[at:]
        elif how == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 40)) :]
        else:
            text = text[:at] + text[at : at + 80] + text[at:]
    encoding = draw(st.sampled_from(["utf-8", "latin-1", "utf-16"]))
    return text.encode(encoding, "replace")


TEMPLATE_PO = ""  # the base project's ko PO file, read once the fixture has made it


@pytest.fixture(scope="module", autouse=True)
def template_po(base):
    global TEMPLATE_PO
    TEMPLATE_PO = (base / "locales" / "ko" / "LC_MESSAGES" / "doc.po").read_text("utf-8")
    TEMPLATE_PO = TEMPLATE_PO.replace('msgstr ""\n\n', 'msgstr "번역"\n\n', 1)


@FUZZ
@given(data=mutated_po(), command=st.sampled_from(COMMANDS), target=st.sampled_from(["po", "pot"]))
def test_every_command_on_a_mutated_po_file(base, data, command, target):
    with copy_of(base) as root:
        path = (
            root / "locales" / "ko" / "LC_MESSAGES" / "doc.po"
            if target == "po"
            else root / "locales" / "doc.pot"
        )
        path.write_bytes(data)
        keeps_the_promise(root, command)


@FUZZ
@given(data=mutated_po())
def test_check_in_file_mode_on_a_mutated_po_file(base, data):
    with copy_of(base) as root:
        (root / "contrib.po").write_bytes(data)
        keeps_the_promise(root, ["check", "--badges", "badges", "contrib.po"])


# ---- settings -----------------------------------------------------------------------------

KEYS = [
    "min_coverage", "min_build_coverage", "publish_drafts", "fallback", "source_language",
    "source_dir", "locales_dir", "build_dir", "glossary", "cache_dir", "chrome_patterns",
    "checks",
]  # fmt: skip
TOML_VALUES = st.one_of(
    st.booleans(),
    st.integers(-(10**30), 10**30).map(str),
    st.sampled_from(["nan", "inf", "-inf", "1e400", "150.0", "50.5"]),
    st.text(max_size=12).map(json.dumps),
    st.sampled_from(
        [
            '"false"',
            '"/tmp/x"',
            '"../x"',
            '"("',
            '"[a-"',
            "[5]",
            '["x", 1]',
            "{}",
            "{ a = 1 }",
            '{ ko = "fatal" }',
            '{ length = "off" }',
            "[]",
            '""',
        ]
    ),
).map(lambda v: str(v).lower() if isinstance(v, bool) else v)
LANGUAGES = st.sampled_from([
    'ko = { argos = "ko" }', 'ko = "ko"', "ko = 5", '"/tmp/x" = { argos = "ko" }',
    '"../x" = "ko"', 'ko = { argos = "../ko" }', 'ko = { min_coverage = "90" }',
    'ko = { min_coverage = 90, min_build_coverage = true }', '"" = {}', '"ko\\u0000" = {}',
    'zh_Hans = "zh"\nms = {}', '"sr@latin" = "sr"',
])  # fmt: skip


@FUZZ
@given(
    values=st.dictionaries(st.sampled_from(KEYS), TOML_VALUES, max_size=3),
    languages=LANGUAGES,
    command=st.sampled_from(COMMANDS + [["models", "list"]]),
)
def test_every_command_with_fuzzed_settings(base, values, languages, command):
    extra = "\n".join(f"{key} = {value}" for key, value in values.items())
    with copy_of(base) as root:
        text = PYPROJECT.format(extra=extra, languages=languages)
        (root / "pyproject.toml").write_text(text, encoding="utf-8")
        keeps_the_promise(root, command)


@FUZZ
@given(data=st.binary(max_size=200), command=st.sampled_from(COMMANDS))
def test_every_command_with_a_broken_pyproject(base, data, command):
    with copy_of(base) as root:
        (root / "pyproject.toml").write_bytes(b"[tool.l10n]\n" + data)
        keeps_the_promise(root, command)


# ---- model packages -----------------------------------------------------------------------

MEMBER_NAMES = st.sampled_from([
    "pkg/", "pkg/metadata.json", "pkg/model/model.bin", "pkg/sentencepiece.model", "pkg/x",
    "pkg/x/y", "pkg/../escape", "/abs", "other/metadata.json", "pkg/model/", "C:/x",
    "pkg\\evil", ".hidden/metadata.json", "translate-en_zh-1_9/metadata.json",
])  # fmt: skip
METADATA = st.one_of(
    st.just(b'{"type": "translate", "from_code": "en", "to_code": "ko"}'),
    st.just(b'{"from_code": "en", "to_code": "zh", "package_version": "1.9"}'),
    st.sampled_from([b"[]", b"{", b"\xff", b"null", b'{"from_code": 5}', b'{"type": "x"}']),
    st.binary(max_size=50),
)


@st.composite
def packages(draw) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in draw(st.lists(MEMBER_NAMES, min_size=1, max_size=6)):
            if name.endswith("metadata.json"):
                body = draw(METADATA)
            else:
                body = draw(st.binary(max_size=64))
            zf.writestr(name, b"" if name.endswith("/") else body)
    data = buffer.getvalue()
    if draw(st.booleans()):  # damage a byte
        at = draw(st.integers(0, len(data) - 1))
        data = data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1 :]
    return data


@FUZZ
@given(data=packages())
def test_models_install_on_a_fuzzed_package(base, argos_store, data):
    with copy_of(base) as root:
        package = root / "p.argosmodel"
        package.write_bytes(data)
        store_before = snapshot(argos_store) if argos_store.exists() else {}
        before = snapshot(root)
        result = CliRunner().invoke(main, ["models", "install", str(package)])
        if result.exit_code == 0:
            return  # an installable package, by chance: fine
        assert result.exit_code == 2, (result.output, result.exception)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("l10n: error: "), result.stderr
        assert snapshot(root) == before
        after = snapshot(argos_store) if argos_store.exists() else {}
        assert after == store_before
        scratch = [p for p in argos_store.parent.iterdir() if p.name.startswith(".l10n-install")]
        assert scratch == []
