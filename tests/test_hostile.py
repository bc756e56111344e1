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

from pipeline import pofile
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
    page = (project / "build" / "review" / "ko.html").read_text(encoding="utf-8")
    assert "SECRET-OUTSIDE" not in page and "root:" not in page


def test_review_does_not_follow_a_link_out_of_the_sources(project, tmp_path):
    (tmp_path / "outside.txt").write_text("SECRET-OUTSIDE\n", encoding="utf-8")
    (project / "source" / "link.txt").symlink_to(tmp_path / "outside.txt")
    po = ko_po(project)
    text = po.read_text(encoding="utf-8").replace("#: source/doc.txt:3", "#: source/link.txt:1")
    po.write_text(text, encoding="utf-8")
    assert l10n("review").exit_code == 0
    page = (project / "build" / "review" / "ko.html").read_text(encoding="utf-8")
    assert "SECRET-OUTSIDE" not in page


def test_review_still_shows_the_paragraph_of_a_real_source(project):
    assert l10n("review").exit_code == 0
    page = (project / "build" / "review" / "ko.html").read_text(encoding="utf-8")
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
    settings(project, "", "ko = {}\nzh_Hans = \"zh\"\npt-BR = \"pt\"\n\"sr_RS@latin\" = \"sr\"")
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


def test_publish_drafts_string_false_does_not_publish(project):
    settings(project, 'publish_drafts = "false"')
    line = one_line_error(l10n("build"))
    assert "publish_drafts: expected true or false, not 'false'" in line
    assert not (project / "build").exists()


def test_a_pyproject_that_is_not_utf8(project):
    (project / "pyproject.toml").write_bytes(b'[tool.l10n]\nsource_dir = "s\xe9"\n')
    assert "not UTF-8" in one_line_error(l10n("check"))
