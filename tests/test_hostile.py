"""Hostile and broken input: each case once made a command escape its folders, read what it
must not, give a wrong answer or crash with a traceback. Every command must answer bad input
with one line on stderr and exit status 2, and change nothing."""

from __future__ import annotations

import errno
import json
import os
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import built_files

from pipeline import files, pofile
from pipeline.cli import main
from pipeline.errors import L10nError

PYPROJECT = """\
[project]
name = "news"

[tool.l10n]
{extra}
[tool.l10n.languages]
ko = {{ argos = "ko" }}
"""
SOURCE = """\
Leaders meet in Seoul

The deal is worth US$4.5 million. Talks went well.

Exports rose 30 per cent.
"""


def l10n(*args: str):
    return CliRunner().invoke(main, list(args))


def one_line_error(result) -> str:
    """The command failed as promised: status 2, one line on stderr, no traceback."""
    assert result.exit_code == 2, (result.exit_code, result.output, result.exception)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("l10n: error: "), result.stderr
    return lines[0]


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project with one article, its template and a Korean PO file."""
    root = tmp_path / "project"
    (root / "source").mkdir(parents=True)
    (root / "pyproject.toml").write_text(PYPROJECT.format(extra=""), encoding="utf-8")
    (root / "source" / "doc.txt").write_text(SOURCE, encoding="utf-8")
    monkeypatch.chdir(root)
    assert l10n("extract").exit_code == 0
    assert l10n("update").exit_code == 0
    return root


def ko_po(root: Path) -> Path:
    return root / "locales" / "ko" / "LC_MESSAGES" / "doc.po"


def settings(root: Path, extra: str, languages: str = 'ko = { argos = "ko" }') -> None:
    text = f'[project]\nname = "news"\n\n[tool.l10n]\n{extra}\n[tool.l10n.languages]\n{languages}\n'
    (root / "pyproject.toml").write_text(text, encoding="utf-8")


# ---- 1. a PO file's Language header never names a file ----------------------------------


def test_badges_are_not_named_by_a_hostile_language_header(project, tmp_path):
    po = ko_po(project)
    target = tmp_path / "PWNED"
    text = po.read_text(encoding="utf-8").replace(
        "Language: ko", f"Language: ../../../../../../../..{target}"
    )
    hostile = project / "contrib.po"
    hostile.write_text(text, encoding="utf-8")
    result = l10n("check", "--badges", "badges", str(hostile))
    assert "not a language code" in one_line_error(result)
    assert not target.with_suffix(".svg").exists()
    assert not list(tmp_path.rglob("*.svg"))


# ---- 2. review follows #: references only into the project's sources -------------------


@pytest.mark.parametrize(
    "reference", ["/etc/passwd:1", "../outside.txt:1", "source/../../outside.txt:1", "/dev/zero:1"]
)
def test_review_reads_no_file_outside_the_sources(project, tmp_path, reference):
    (tmp_path / "outside.txt").write_text("SECRET-OUTSIDE\n\nmore\n", encoding="utf-8")
    po = ko_po(project)
    text = po.read_text(encoding="utf-8").replace("#: source/doc.txt:3", f"#: {reference}")
    po.write_text(text, encoding="utf-8")
    result = l10n("review")
    assert result.exit_code == 0, result.output
    page = (project / "build" / "review" / "ko" / "doc.html").read_text(encoding="utf-8")
    assert "SECRET-OUTSIDE" not in page and "root:" not in page


def test_review_does_not_follow_a_link_out_of_the_sources(project, tmp_path):
    (tmp_path / "outside.txt").write_text("SECRET-OUTSIDE\n", encoding="utf-8")
    (project / "source" / "link.dat").symlink_to(tmp_path / "outside.txt")
    po = ko_po(project)
    text = po.read_text(encoding="utf-8").replace("#: source/doc.txt:3", "#: source/link.dat:1")
    po.write_text(text, encoding="utf-8")
    assert l10n("review").exit_code == 0
    page = (project / "build" / "review" / "ko" / "doc.html").read_text(encoding="utf-8")
    assert "SECRET-OUTSIDE" not in page


def test_review_still_shows_the_paragraph_of_a_real_source(project):
    assert l10n("review").exit_code == 0
    page = (project / "build" / "review" / "ko" / "doc.html").read_text(encoding="utf-8")
    assert "The deal is worth US$4.5 million. <mark>Talks went well.</mark>" in page


# ---- 3. language codes in the settings are validated when read ---------------------------


@pytest.mark.parametrize(
    "languages",
    [
        '"/tmp/x" = { argos = "ko" }',
        '"../x" = { argos = "ko" }',
        '"ko/../../x" = { argos = "ko" }',
        '"" = { argos = "ko" }',
        'ko = { argos = "../ko" }',
    ],
)
@pytest.mark.parametrize("command", [["review"], ["check", "--badges", "b"], ["update"]])
def test_a_language_code_that_is_a_path_is_refused(project, tmp_path, languages, command):
    settings(project, "", languages)
    before = snapshot(tmp_path)
    line = one_line_error(l10n(*command))
    assert "pyproject.toml" in line
    assert snapshot(tmp_path) == before


def test_ordinary_language_codes_are_accepted(project):
    settings(project, "", 'ko = {}\nzh_Hans = "zh"\npt-BR = "pt"\n"sr_RS@latin" = "sr"')
    assert l10n("models", "list").exit_code == 0


# ---- 6 and 8. every setting has a type -----------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "key"),
    [
        ('publish_drafts = "false"', "publish_drafts"),
        ('min_coverage = "abc"', "min_coverage"),
        ("min_coverage = 150", "min_coverage"),
        ("min_coverage = nan", "min_coverage"),
        ("chrome_patterns = [5]", "chrome_patterns"),
        ('chrome_patterns = "x"', "chrome_patterns"),
        ("build_dir = 5", "build_dir"),
        ("source_dir = []", "source_dir"),
        ("source_language = 7", "source_language"),
        ("fallback = 1", "fallback"),
        ("checks = 3", "checks"),
        ("cache_dir = true", "cache_dir"),
        ('glossary = ""', "glossary"),
        ("languages = 5", "languages"),
    ],
)
def test_a_setting_of_the_wrong_type_is_one_line_naming_it(project, extra, key):
    if key == "languages":
        (project / "pyproject.toml").write_text(f"[tool.l10n]\n{extra}\n", encoding="utf-8")
    else:
        settings(project, extra)
    before = snapshot(project)
    line = one_line_error(l10n("check"))
    assert key in line and "pyproject.toml" in line
    assert snapshot(project) == before


def test_a_language_threshold_of_the_wrong_type(project):
    settings(project, "", 'ko = { argos = "ko", min_coverage = "90" }')
    assert "min_coverage" in one_line_error(l10n("check"))
    settings(project, "", "ko = { argos = 5 }")
    assert "argos" in one_line_error(l10n("check"))


@pytest.mark.parametrize(
    ("extra", "languages", "message"),
    [
        (
            'label_patternz = ["x"]',
            'ko = { argos = "ko" }',
            "[tool.l10n] 'label_patternz': unknown key (did you mean 'label_patterns'?)",
        ),
        ('colour = "red"', 'ko = { argos = "ko" }', "[tool.l10n] 'colour': unknown key (known: "),
        (
            "",
            'ko = { argos = "ko", min_coverge = 90 }',
            "[tool.l10n.languages.ko] 'min_coverge': unknown key (did you mean 'min_coverage'?)",
        ),
    ],
)
def test_a_misspelt_or_unknown_setting_is_an_error_not_ignored(project, extra, languages, message):
    settings(project, extra, languages)
    before = snapshot(project)
    line = one_line_error(l10n("check"))
    assert line.startswith(f"l10n: error: pyproject.toml: {message}")
    assert snapshot(project) == before


@pytest.mark.parametrize(
    ("extra", "key"),
    [
        ('source_dir = "build/src"', "source_dir"),
        ('locales_dir = "out/po"\nbuild_dir = "out"', "locales_dir"),
    ],
)
def test_a_folder_of_sources_or_catalogs_inside_the_build_folder_is_refused(project, extra, key):
    """The build removes what it did not make in its folder (a dropped language's pages,
    pictures gone): sources or catalogs there would be lost."""
    settings(project, extra)
    before = snapshot(project)
    assert one_line_error(l10n("build")) == (
        f"l10n: error: pyproject.toml: [tool.l10n] {key} is inside build_dir, whose files the "
        "build makes and removes: keep them apart"
    )
    assert snapshot(project) == before


def test_models_list_with_bad_settings_prints_the_error_alone(project):
    settings(project, "", '"x y" = {}')
    result = l10n("models", "list")
    assert result.exit_code == 2
    assert result.output.startswith("l10n: error: pyproject.toml: [tool.l10n.languages] 'x y'")
    assert len(result.output.splitlines()) == 1


def test_a_glossary_the_settings_name_that_is_not_there_is_an_error(project):
    """The default glossary may be absent (a project without one); one the settings name is
    meant to be read: a misspelt name would turn the glossary's checks and drafts off."""
    settings(project, 'glossary = "locales/glosary.csv"')
    line = one_line_error(l10n("check"))
    assert line == (
        "l10n: error: pyproject.toml: [tool.l10n] glossary: no such file: locales/glosary.csv"
    )
    (project / "locales" / "glosary.csv").write_text("en,ko,note\n", encoding="utf-8")
    assert not l10n("check").output.startswith("l10n: error:")
    settings(project, 'glossary = "./locales/glossary.csv"')  # the default path, absent
    assert not (project / "locales" / "glossary.csv").exists()
    assert not l10n("check").output.startswith("l10n: error:")


def test_publish_drafts_string_false_does_not_publish(project):
    settings(project, 'publish_drafts = "false"')
    line = one_line_error(l10n("build"))
    assert "publish_drafts: expected true or false, not 'false'" in line
    assert built_files(project) == []


def test_a_pyproject_that_is_not_utf8(project):
    (project / "pyproject.toml").write_bytes(b'[tool.l10n]\nsource_dir = "s\xe9"\n')
    assert "not UTF-8" in one_line_error(l10n("check"))


# ---- 4, 10 and the folder name: model packages ---------------------------------------------


def _bomb(tmp_path: Path, argos_package: Path, metadata_size: int) -> Path:
    """The test package with a metadata.json that unpacks to ``metadata_size`` bytes
    (mostly spaces, so it compresses to almost nothing)."""
    from argos_fixture import repackage

    meta = json.dumps({"type": "translate", "from_code": "en", "to_code": "ko"}).encode()
    bomb = repackage(argos_package, tmp_path / "bomb.argosmodel", drop=("metadata.json",))
    with zipfile.ZipFile(bomb) as zf:
        top = zf.namelist()[0].split("/")[0]
    with zipfile.ZipFile(bomb, "a", zipfile.ZIP_DEFLATED) as zf:
        with zf.open(f"{top}/metadata.json", "w", force_zip64=True) as out:
            out.write(meta)
            chunk = b" " * (1 << 20)
            for _ in range(metadata_size >> 20):
                out.write(chunk)
    return bomb


def test_a_metadata_bomb_is_refused_before_it_is_read(
    argos_package, argos_store, tmp_path, monkeypatch
):
    from pipeline import packages

    bomb = _bomb(tmp_path, argos_package, 64 << 20)
    assert bomb.stat().st_size < 2 << 20
    read = []
    real_read = zipfile.ZipExtFile.read

    def counting_read(self, n=-1):
        data = real_read(self, n)
        read.append(len(data))
        return data

    monkeypatch.setattr(zipfile.ZipExtFile, "read", counting_read)
    line = one_line_error(l10n("models", "install", str(bomb)))
    assert "metadata.json" in line
    assert max(read, default=0) <= packages.MAX_METADATA + 1
    assert not argos_store.exists() or list(argos_store.iterdir()) == []


def test_a_package_whose_members_collide_is_refused_at_inspection(
    argos_package, argos_store, tmp_path
):
    from argos_fixture import repackage

    with zipfile.ZipFile(argos_package) as zf:
        top = zf.namelist()[0].split("/")[0]
    bad = repackage(
        argos_package,
        tmp_path / "bad.argosmodel",
        add={f"{top}/x": b"file", f"{top}/x/inner": b"under a file"},
    )
    good = tmp_path / "good.argosmodel"
    good.write_bytes(argos_package.read_bytes())
    line = one_line_error(l10n("models", "install", str(good), str(bad)))
    assert "both a file and a folder" in line
    assert not argos_store.exists() or list(argos_store.iterdir()) == []  # the good one neither


def test_a_package_named_for_another_package_does_not_replace_it(
    argos_package, argos_store, tmp_path
):
    from argos_fixture import repackage

    from pipeline import packages

    zh = repackage(
        argos_package,
        tmp_path / "zh.argosmodel",
        top="translate-en_zh-1_9",
        metadata={"to_code": "zh", "package_version": "1.9"},
    )
    assert l10n("models", "install", "--no-canary", str(zh)).exit_code == 0
    liar = repackage(argos_package, tmp_path / "liar.argosmodel", top="translate-en_zh-1_9")
    assert "another package" in one_line_error(l10n("models", "install", str(liar)))
    assert packages.find_package("en", "zh").version == "1.9"
    # A folder name that says nothing is still refused from replacing another package.
    with zipfile.ZipFile(argos_store / "translate-en_zh-1_9" / "marker", "w"):
        pass
    neutral = repackage(argos_package, tmp_path / "n.argosmodel", top="translate-en_zh-1_9x")
    assert "another package" in one_line_error(l10n("models", "install", str(neutral)))


@pytest.mark.parametrize(
    "body",
    [
        b"5",
        b'{"a": 1}',
        b"[1, null, {}]",
        b'[{"from_code": "en", "to_code": "ko", "links": 5}]',
        b'[{"from_code": "en", "to_code": "ko", "links": [5, "file:///etc/passwd", "::"]}]',
    ],
)
def test_a_malformed_index_is_one_line(argos_store, monkeypatch, body):
    import http.server
    import threading

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", f"http://127.0.0.1:{server.server_address[1]}/")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        result = l10n("models", "install", "--index", "translate-en_ko")
    finally:
        server.shutdown()
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("l10n: error: ")
    assert not argos_store.exists() or list(argos_store.iterdir()) == []


# ---- 7. file system errors ---------------------------------------------------------------


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EACCES])
@pytest.mark.parametrize(
    "command", [["extract"], ["update"], ["build"], ["review"], ["check", "--badges", "b"]]
)
def test_a_file_system_error_while_writing_is_one_line(project, monkeypatch, code, command):
    (project / "source" / "doc.txt").write_text(SOURCE + "\nA new sentence.\n", encoding="utf-8")
    if command == ["update"]:
        assert l10n("extract").exit_code == 0  # something for update to write
    before = snapshot(project)

    def failing(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(files, "_create", failing)  # every new file: temp or staged
    line = one_line_error(l10n(*command))
    assert os.strerror(code) in line
    assert snapshot(project) == before


def test_long_names_work_and_too_long_ones_are_one_line(project):
    stem = "x" * 245  # the longest names a file system takes are 255 bytes
    (project / "source" / f"{stem}.txt").write_text("Title\n\nText here.\n", encoding="utf-8")
    assert l10n("extract").exit_code == 0
    assert (project / "locales" / f"{stem}.pot").is_file()
    before = snapshot(project)
    line = one_line_error(l10n("check", "--badges", "b" * 300))
    assert "too long" in line
    assert snapshot(project) == before


def test_a_read_only_package_store_is_one_line(argos_package, argos_store, monkeypatch):
    def failing(*args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(argos_store))

    monkeypatch.setattr(os, "mkdir", failing)
    line = one_line_error(l10n("models", "install", str(argos_package)))
    assert "Read-only file system" in line


# ---- 9. PO files: charsets that are not charsets, numbers that are not numbers -------------

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset={charset}\\n"\n\n'


@pytest.mark.parametrize(
    "charset", ["base64", "rot13", "hex", "zlib", "bz2", "uu", "quopri", "undefined", "rot_13"]
)
def test_a_codec_that_is_not_a_charset_is_refused(tmp_path, charset):
    path = tmp_path / "x.po"
    path.write_text(HEADER.format(charset=charset) + 'msgid "a"\nmsgstr "b"\n', encoding="utf-8")
    with pytest.raises(L10nError, match="unknown charset"):
        pofile.load(path)
    line = one_line_error(l10n("format", str(path)))
    assert "x.po:3" in line


@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        ("doc.txt:²", ("doc.txt:²", "")),
        ("doc.txt:٣", ("doc.txt:٣", "")),
        ("doc.txt:" + "9" * 5000, ("doc.txt", "9" * 5000)),
        ("doc.txt:007", ("doc.txt", "7")),
    ],
)
def test_odd_line_numbers_in_references(tmp_path, reference, expected):
    text = HEADER.format(charset="UTF-8") + f'#: {reference}\nmsgid "a"\nmsgstr "b"\n'
    po = pofile.loads(text.encode())
    assert po[0].occurrences == [expected]
    again = pofile.loads(pofile.encode(po))
    assert again[0].occurrences == [expected]


def test_a_huge_msgstr_index_is_a_syntax_error():
    text = HEADER.format(charset="UTF-8") + (
        'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\nmsgstr[' + "1" * 5000 + '] "y"\n'
    )
    with pytest.raises(L10nError, match="out of order"):
        pofile.loads(text.encode())


@pytest.mark.parametrize("count", ["3000000", "1" * 5000])
def test_a_template_with_absurd_nplurals_is_refused(project, count):
    pot = project / "locales" / "doc.pot"
    text = pot.read_text(encoding="utf-8").replace(
        '"Content-Transfer-Encoding: 8bit\\n"',
        f'"Content-Transfer-Encoding: 8bit\\n"\n"Plural-Forms: nplurals={count}; plural=0;\\n"',
    )
    text += '\n#: source/doc.txt:9\nmsgid "one apple"\nmsgid_plural "apples"\nmsgstr[0] ""\n'
    pot.write_text(text, encoding="utf-8")
    ko_po(project).unlink()
    before = snapshot(project)
    assert "nplurals" in one_line_error(l10n("update"))
    assert snapshot(project) == before


def test_a_scale_word_chain_past_any_number_does_not_crash():
    from pipeline import numbers

    assert numbers.missing("5 dollars", "5" + "亿" * 100000 + "元", "zh")
    assert numbers.quantities("1" + "만" * 300000, "ko") == []


# ---- 9 and 14. the glossary ---------------------------------------------------------------


def test_a_glossary_that_is_a_directory(project):
    (project / "locales" / "glossary.csv").mkdir()
    assert "glossary.csv" in one_line_error(l10n("check"))


def test_a_glossary_field_over_the_csv_limit(project):
    (project / "locales" / "glossary.csv").write_text(
        "en,ko\nx," + "a" * 200_000 + "\n", encoding="utf-8"
    )
    assert "glossary.csv:2" in one_line_error(l10n("check"))


def test_an_unterminated_quote_in_the_glossary_is_reported_with_its_line(project):
    rows = "".join(f"Term{i},T{i},n\n" for i in range(28))
    text = "en,ko,note\n" + rows.replace("Term5,T5,n", 'Term5,"T5,n')
    (project / "locales" / "glossary.csv").write_text(text, encoding="utf-8")
    line = one_line_error(l10n("check"))
    assert "glossary.csv:7" in line and "quote" in line


def test_a_glossary_row_numbers_are_lines(tmp_path):
    from pipeline.glossary import load_glossary

    path = tmp_path / "g.csv"
    path.write_text("en,ko\n\nA,가\n\nB,나\n", encoding="utf-8")
    assert [t.line for t in load_glossary(path)] == [3, 5]


# ---- 15. an editor's save during the write is kept -----------------------------------------


def test_an_editors_save_during_the_write_is_not_overwritten(tmp_path, monkeypatch):
    path = tmp_path / "ko.po"
    path.write_bytes(b"old\n")
    base = files.digest(b"old\n")
    real_fsync = os.fsync

    def editor_saves(fd):
        real_fsync(fd)
        path.write_bytes(b"the translator's save\n")

    monkeypatch.setattr(files.os, "fsync", editor_saves)
    with pytest.raises(files.ChangedMeanwhile):
        files.write_bytes(path, b"ours\n", base)
    assert path.read_bytes() == b"the translator's save\n"
    assert [p.name for p in tmp_path.iterdir()] == ["ko.po"]


# ---- 16. smaller ones ----------------------------------------------------------------------


def test_format_of_one_file_named_twice(project):
    po = ko_po(project)
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgid "Exports', 'msgid ""\n"Exports'), encoding="utf-8")
    os.chdir(po.parent)
    result = l10n("format", "doc.po", "./doc.po", str(po))
    assert result.exit_code == 0, result.output
    assert result.output == "1 reformatted, 0 unchanged\nreformatted: doc.po\n"
    assert po.read_text(encoding="utf-8") == text


def test_min_coverage_nan_is_refused(project):
    result = l10n("check", "--min-coverage", "nan", "--format", "json")
    assert result.exit_code == 2
    assert "NaN" not in result.stdout


def test_beam_size_has_an_upper_bound(project):
    result = l10n("translate", "--beam-size", "5000", "--dry-run")
    assert result.exit_code == 2 and "beam-size" in result.output


def test_control_characters_of_a_msgid_do_not_reach_the_terminal(project):
    po = ko_po(project)
    text = po.read_text(encoding="utf-8").replace(
        'msgid "Exports rose 30 per cent."\nmsgstr ""',
        'msgid "Exports \\033]0;pwned\\007 rose 30 per cent."\nmsgstr "수출 \\033[2J"',
    )
    po.write_text(text, encoding="utf-8")
    result = l10n("check", "--drafts")
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "\\x1b" in result.output


@pytest.mark.parametrize("charset", ["UTF-8", "GB18030"])
def test_references_with_spaces_are_written_as_gnu_does_and_read_back(charset):
    po = pofile.loads(HEADER.format(charset=charset).encode() + b'msgid "a"\nmsgstr "b"\n')
    po[0].occurrences = [("source/my article.txt", "12"), ("b.txt", "3"), ("a b", "")]
    data = pofile.encode(po)
    line = data.decode(charset).splitlines()[3]
    assert line == "#: \u2068source/my article.txt\u2069:12 b.txt:3 \u2068a b\u2069"
    assert pofile.loads(data)[0].occurrences == po[0].occurrences


def test_a_source_with_a_space_in_its_name_keeps_its_references(project):
    (project / "source" / "my article.txt").write_text("Title here\n\nBody.\n", encoding="utf-8")
    assert l10n("extract").exit_code == 0
    pot = pofile.load(project / "locales" / "my article.pot")
    assert pot[0].occurrences == [("source/my article.txt", "1")]
    assert l10n("update").exit_code == 0
    assert l10n("review").exit_code == 0
    page = (project / "build" / "review" / "ko" / "my article.html").read_text(encoding="utf-8")
    assert "source/my article.txt" not in page or "Title here" in page
    index = (project / "build" / "review" / "index.html").read_text(encoding="utf-8")
    assert 'href="ko/my%20article.html"' in index


@pytest.mark.parametrize(
    "args, expected",
    [
        (["check", "--min-coverage", "nan"], "'--min-coverage': nan is not a percentage"),
        (["translate", "--beam-size", "5000"], "'--beam-size': 5000 is not in the range"),
        (["nosuch"], "No such command 'nosuch'"),
        (["models", "install"], "Missing argument"),
        (["run"], "Choose from: extract, update, translate, build, review"),
    ],
)
def test_a_bad_option_or_argument_is_one_line_too(project, args, expected):
    before = snapshot(project)
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    [line] = result.output.strip().splitlines()
    assert line.startswith("l10n: error: ") and expected in line and "--help)" in line
    assert snapshot(project) == before


def test_links_over_sentence_ends_join_only_the_sentences_they_cross():
    from pipeline.sources import markdown_document

    text = "# T\n\nA [b. C](u) d. E [f. G](v) h. I j. K [l. M](w) [n. O](x) p. Q.\n"
    doc = markdown_document(text, "x")
    assert [s.text for s in doc.segments()][1:] == [
        "A <1>b. C</1> d.",
        "E <1>f. G</1> h.",
        "I j.",
        "K <1>l. M</1> <2>n. O</2> p.",
        "Q.",
    ]
    assert [t.target for t in doc.segments()[4].tags] == ["w", "x"]


HOSTILE_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Tags in text</title></head><body>
<main><article><h1>Tags in text</h1>
{body}
<p>Officials said the pact would cut costs for small firms across the region, and make trade
in services easier for companies of every size, the ministry said on Monday.</p>
<p>More details will be published by the ministry later this month, officials said in a
statement to reporters in the capital.</p>
</article></main></body></html>
"""


def built_page(root: Path, name: str, body: str) -> str:
    """``body`` as the source ``name`` in a fresh project, built; the English HTML page."""
    (root / "source").mkdir(parents=True)
    settings(root, "")
    (root / "source" / name).write_text(body, encoding="utf-8")
    os.chdir(root)
    for command in ("extract", "update", "build"):
        result = l10n(command)
        assert result.exit_code == 0, result.output
    return (root / "build" / "en" / Path(name).with_suffix(".html")).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("doc.md", "# Tags\n\nType \\<1\\>here\\</1\\> or [click](https://a.example/).\n"),
        ("doc.txt", "Tags\n\nType <1>here</1> or click.\n"),
        (
            "doc.html",
            HOSTILE_PAGE.format(
                body=(
                    '<p>Type &lt;1&gt;here&lt;/1&gt; or <a href="https://a.example/">click</a> today'
                    " to read the rest of the story.</p>"
                )
            ),
        ),
    ],
    ids=["markdown", "text", "page"],
)
def test_text_that_reads_as_a_tag_stays_text(tmp_path, monkeypatch, name, body):
    monkeypatch.chdir(tmp_path)
    html = built_page(tmp_path / "p", name, body)
    assert "Type &lt;1&gt;here&lt;/1&gt; or " in html
    assert '<a href="https://a.example/">here' not in html
    pot = (tmp_path / "p" / "locales" / "doc.pot").read_text(encoding="utf-8")
    assert "Type <\\\\1>here<\\\\/1> or " in pot  # escaped in the catalog: not a tag to keep


def test_escaped_tags_round_trip_whatever_their_backslashes():
    from pipeline.segment import escape_tags, unescape_tags

    for text in ("<1>", "</12>", "<3/>", "<\\1>", "<\\\\/1>", "<0>", "<1000>", "a<1>b</1>c"):
        assert unescape_tags(escape_tags(text)) == text
    assert escape_tags("<0> <1000> <a>") == "<0> <1000> <a>"


def deep_page(depth: int) -> str:
    """A page whose second paragraph is inside ``depth`` nested elements, a third after it."""
    deep = (
        "<div>" * depth + "<p>The deep paragraph is part of the article too.</p>" + "</div>" * depth
    )
    return HOSTILE_PAGE.format(body="<p>First comes a paragraph of ordinary text.</p>\n" + deep)


def test_a_page_nested_too_deep_is_refused_not_cut_short(project):
    (project / "deep.html").write_text(deep_page(300), encoding="utf-8")
    before = snapshot(project)
    line = one_line_error(l10n("import", "deep.html"))
    assert "deep.html:5: elements nested more than 255 deep" in line
    assert snapshot(project) == before
    (project / "source" / "deep.html").write_text(deep_page(300), encoding="utf-8")
    assert "nested more than 255 deep" in one_line_error(l10n("extract"))


def test_a_page_nested_as_deep_as_the_parser_goes_is_read_whole(project):
    (project / "deep.html").write_text(deep_page(240), encoding="utf-8")
    assert l10n("import", "deep.html").exit_code == 0
    text = (project / "source" / "deep.md").read_text(encoding="utf-8")
    assert "The deep paragraph is part" in text and "Officials said the pact" in text


def test_a_page_with_an_xml_declaration_is_an_html_page(project):
    page = '<?xml version="1.0" encoding="UTF-8"?>\n' + HOSTILE_PAGE.format(body="")
    (project / "xhtml.html").write_text(page, encoding="utf-8")
    result = l10n("import", "xhtml.html")
    assert result.exit_code == 0, result.output
    text = (project / "source" / "xhtml.md").read_text(encoding="utf-8")
    assert text.startswith("# Tags in text\n\nOfficials said the pact")


def test_document_names_with_url_characters_link_to_their_files(project):
    import re
    from urllib.parse import unquote

    for name in ("a#b", "c?d", "e%41f", "g h"):
        (project / "source" / f"{name}.txt").write_text(SOURCE, encoding="utf-8")
    for command in ("extract", "update", "build"):
        assert l10n(command).exit_code == 0
    index = (project / "build" / "index.html").read_text(encoding="utf-8")
    page = (project / "build" / "en" / "a#b.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'href="([^"]+)"', index) + re.findall(r'href="(\.\./[^"]+)"', page)
    assert 'href="en/a%23b.html"' in index and 'href="en/c%3Fd.html"' in index
    assert 'href="en/e%2541f.html"' in index and 'href="en/g%20h.html"' in index
    assert '<link rel="alternate" hreflang="en" href="../en/a%23b.html">' in page
    for href in hrefs:
        assert not {"#", "?"} & set(href), href
        base = project / "build" / ("en" if href.startswith("..") else "")
        assert (base / unquote(href)).resolve().is_file(), href


def test_a_space_after_an_inline_image_is_kept():
    from pipeline.sources import markdown_document

    doc = markdown_document("# T\n\nSee ![map](m.png) here and ![a](b.png)there.\n", "x")
    assert doc.segments()[1].text == "See <1/> here and <2/>there."
    assert doc.blocks[1].text == "See here and there."


def test_a_page_of_too_many_elements_is_refused_before_it_is_searched(project, monkeypatch):
    import trafilatura

    from pipeline import sources

    searched = []
    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *a, **k: searched.append(1))
    paragraphs = "<p>A paragraph.</p>" * sources.MAX_PAGE_ELEMENTS
    (project / "big.html").write_text(HOSTILE_PAGE.format(body=paragraphs), encoding="utf-8")
    line = one_line_error(l10n("import", "big.html"))
    assert "big.html: 20,0" in line and "a page of more than 20,000 is refused" in line
    assert searched == []


def test_sources_over_their_size_limit_are_refused_unread(project):
    from pipeline.segment import MAX_PAGE_BYTES, MAX_TEXT_BYTES

    before = snapshot(project)
    (project / "huge.html").write_bytes(b"<p>" + b" " * MAX_PAGE_BYTES)
    line = one_line_error(l10n("import", "huge.html"))
    assert line.endswith("huge.html: larger than 10 MiB, the most a saved page may be")
    assert snapshot(project) == {**before, "huge.html": (project / "huge.html").read_bytes()}
    (project / "source" / "long.txt").write_bytes(b"Title\n\n" + b"Words. " * (MAX_TEXT_BYTES // 7))
    line = one_line_error(l10n("extract"))
    assert line.endswith("long.txt: larger than 2 MiB, the most a text or Markdown source may be")
    (project / "source" / "long.txt").write_bytes(b"Title\n\n" + b"Words. " * (MAX_TEXT_BYTES // 8))
    assert l10n("extract").exit_code == 0


def test_a_page_of_more_text_than_an_article_may_be_is_refused_before_it_is_searched(
    project, monkeypatch
):
    """A page whose text (outside scripts and styles) is over 2 MiB: refused by `import` and by
    `extract` of a page source alike, before the extractor copies the page; nothing written."""
    import trafilatura

    from pipeline.segment import MAX_TEXT_BYTES

    searched = []
    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *a, **k: searched.append(1))
    sentence = "The ministry said the new rules would take effect next year in every port. "
    paragraphs = f"<p>{sentence * 40}</p>\n" * (MAX_TEXT_BYTES // (len(sentence) * 40) + 1)
    page = HOSTILE_PAGE.format(body=paragraphs).encode("utf-8")
    (project / "long.html").write_bytes(page)
    before = snapshot(project)
    line = one_line_error(l10n("import", "long.html"))
    assert line.endswith("long.html: its text is larger than 2 MiB, the most an article may be")
    (project / "source" / "long.html").write_bytes(page)
    before = snapshot(project)
    line = one_line_error(l10n("extract"))
    assert line.endswith("long.html: its text is larger than 2 MiB, the most an article may be")
    assert snapshot(project) == before and searched == []


def test_an_article_over_2_mib_as_markdown_is_refused_by_import_and_extract(project):
    """Text under 2 MiB whose links make the article's Markdown longer than a Markdown source
    may be: `import` and `extract` of the page refuse it the same way, and write nothing."""
    target = "https://example.com/" + "a" * 250
    paragraphs = "".join(
        f"<p>Paragraph {p}: "
        + " ".join(
            f'officials said on Monday that the <a href="{target}/{p}/{n}">rules</a> would apply'
            for n in range(10)
        )
        + ".</p>\n"
        for p in range(900)  # distinct: the extractor drops a paragraph seen before
    )
    page = HOSTILE_PAGE.format(body=paragraphs).encode("utf-8")
    (project / "linked.html").write_bytes(page)
    before = snapshot(project)
    line = one_line_error(l10n("import", "linked.html"))
    end = "its article is larger than 2 MiB, the most a Markdown source may be"
    assert line.endswith(f"linked.html: {end}")
    assert snapshot(project) == before
    (project / "source" / "linked.html").write_bytes(page)
    before = snapshot(project)
    assert one_line_error(l10n("extract")).endswith(f"linked.html: {end}")
    assert snapshot(project) == before
