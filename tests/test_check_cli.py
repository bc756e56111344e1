"""`l10n check` through the command line: exit statuses, output formats, badges, start-up cost,
and the Makefile / CI wiring."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import polib
import pytest
from conftest import LANGUAGES, REPO, l10n, l10n_ok

from heavy import run_probe

LANGS = tuple(LANGUAGES)
SENTENCES = [
    "Singapore and South Korea upgraded ties.",
    "The deal is worth US$4.5 million.",
    "Exports rose 30 per cent.",
    "PM Lawrence Wong arrived in Seoul.",
]
GOOD = {
    "ko": [
        "싱가포르와 한국이 관계를 격상했다.",
        "거래 규모는 450만 달러다.",
        "수출이 30% 증가했다.",
        "로런스 웡 총리가 서울에 도착했다.",
    ],
    "zh_Hans": [
        "新加坡与韩国提升了关系。",
        "该交易价值450万美元。",
        "出口增长30%。",
        "黄循财总理抵达首尔。",
    ],
    "ms": [
        "Singapura dan Korea Selatan menaik taraf hubungan.",
        "Perjanjian itu bernilai US$4.5 juta.",
        "Eksport meningkat 30 peratus.",
        "PM Lawrence Wong tiba di Seoul.",
    ],
}
GLOSSARY = "en,ko,zh_Hans,ms,note\nLawrence Wong,로런스 웡,黄循财,Lawrence Wong,PM of Singapore\n"


def write_po(root: Path, lang: str, translations: list[str], fuzzy: tuple[int, ...] = ()) -> Path:
    po = polib.POFile(wrapwidth=79)
    po.metadata = {
        "Language": lang,
        "Content-Type": "text/plain; charset=UTF-8",
        "Plural-Forms": "nplurals=1; plural=0;",
    }
    for number, (source, target) in enumerate(zip(SENTENCES, translations)):
        entry = polib.POEntry(
            msgid=source, msgstr=target, occurrences=[("source/doc.txt", str(number * 2 + 1))]
        )
        if number in fuzzy:
            entry.flags.append("fuzzy")
        po.append(entry)
    path = root / "locales" / lang / "LC_MESSAGES" / "doc.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(path))
    return path


@pytest.fixture
def project(make_project):
    """A finished project: every sentence translated well in ko, zh_Hans and ms; 100% coverage
    required, 50% for ms. Only the catalogs: no source folder."""
    root = make_project(
        settings="min_coverage = 100",
        languages={**LANGUAGES, "ms": 'argos = "ms", min_coverage = 50'},
        sources={},
        glossary=GLOSSARY,
    )
    pot = polib.POFile()
    for source in SENTENCES:
        pot.append(polib.POEntry(msgid=source, msgstr=""))
    pot.save(str(root / "locales" / "doc.pot"))
    for lang in LANGS:
        write_po(root, lang, GOOD[lang])
    return root


def test_a_finished_project_passes(project):
    result = l10n("check")
    assert result.exit_code == 0, result.output
    for lang in LANGS:
        assert re.search(
            rf"^{lang}\s+4\s+4\s+0\s+0\s+0\s+100%\s+\S+%\s+0\s+ok$", result.output, re.MULTILINE
        )
    assert "\x1b[" not in result.output  # no colour when not on a terminal


def test_a_language_below_its_threshold_fails_with_status_1(project):
    write_po(project, "ko", GOOD["ko"][:3] + [""])
    result = l10n("check")
    assert result.exit_code == 1
    assert re.search(
        r"^ko: .*FAIL: coverage 75% is below the required 100%", result.output, re.MULTILINE
    )
    assert re.search(r"^zh_Hans: .* ok$", result.output, re.MULTILINE)


def test_per_language_thresholds_and_the_command_line_override(project):
    write_po(project, "ms", GOOD["ms"][:2] + ["", ""])  # 50%: ms requires 50
    assert l10n("check", "--lang", "ms").exit_code == 0
    assert l10n("check", "--lang", "ms", "--min-coverage", "60").exit_code == 1
    write_po(project, "ko", GOOD["ko"][:2] + ["", ""])
    assert l10n("check", "--min-coverage", "50").exit_code == 0


def test_fuzzy_entries_do_not_count_as_translated(project):
    write_po(project, "zh_Hans", GOOD["zh_Hans"], fuzzy=(1,))
    result = l10n("check", "--lang", "zh_Hans", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.output)["languages"]["zh_Hans"]
    assert (data["translated"], data["fuzzy"], data["needs_work"], data["coverage"]) == (
        3,
        1,
        1,
        75.0,
    )


def test_an_error_level_problem_fails_even_at_full_coverage(project):
    write_po(project, "ko", GOOD["ko"][:1] + ["거래 규모는 45만 달러다."] + GOOD["ko"][2:])
    result = l10n("check", "--lang", "ko")
    assert result.exit_code == 1
    assert re.search(
        r"doc\.po:\d+: error \[numbers\] number '4\.5 million' \(4,500,000\)", result.output
    )
    assert "FAIL: 1 error-level problem" in result.output


def test_coverage_only_counts_and_skips_the_quality_checks(project):
    write_po(project, "ko", GOOD["ko"][:1] + ["거래 규모는 45만 달러다."] + GOOD["ko"][2:])
    result = l10n("check", "--lang", "ko", "--coverage-only")
    assert result.exit_code == 0, result.output  # the wrong number is not looked at
    assert "[numbers]" not in result.output
    assert re.search(r"^ko\s+4\s+4\s+0\s+0\s+0\s+100%", result.output, re.MULTILINE)
    # the wrong number was not looked for: no "0 errors" in any format
    assert "ko: quality not checked (--coverage-only) — ok" in result.output
    assert "0 errors" not in result.output
    github = l10n("check", "--lang", "ko", "--coverage-only", "--format", "github").output
    assert github.endswith("ko: 100% (4/4), quality not checked (--coverage-only) — ok\n")
    data = json.loads(l10n("check", "--lang", "ko", "--coverage-only", "--format", "json").output)
    assert data["quality_checked"] is False and data["languages"]["ko"]["problems"] == []
    assert json.loads(l10n("check", "--lang", "ko", "--format", "json").output)["quality_checked"]
    write_po(project, "ko", GOOD["ko"][:3] + [""])
    result = l10n("check", "--lang", "ko", "--coverage-only")
    assert result.exit_code == 1
    assert "FAIL: coverage 75% is below the required 100%" in result.output


def test_a_warning_is_reported_but_does_not_fail(project):
    write_po(project, "ms", GOOD["ms"][:3] + ["PM Laurence Wong tiba di Seoul."])
    result = l10n("check", "--lang", "ms")
    assert result.exit_code == 0
    assert (
        "warning [glossary] 'Lawrence Wong': the approved form 'Lawrence Wong' is not in "
        "the translation (PM of Singapore)"
    ) in result.output


def test_a_silenced_error_passes_and_is_counted(project):
    path = write_po(project, "ko", GOOD["ko"][:1] + ["거래 규모는 45만 달러다."] + GOOD["ko"][2:])
    po = polib.pofile(str(path))
    po[1].tcomment = "l10n: ignore numbers -- the figure was corrected by the desk"
    po.save()
    result = l10n("check", "--lang", "ko", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)["languages"]["ko"]
    assert data["problems"] == [] and data["silenced"] == 1


def test_bad_input_is_status_2_with_file_and_line(project):
    path = project / "locales" / "ko" / "LC_MESSAGES" / "doc.po"
    path.write_text(path.read_text(encoding="utf-8") + '\nmsgid "unterminated\n', encoding="utf-8")
    for args, error in (
        ([], r"\S*doc\.po:\d+: .+"),
        (["missing.po"], r"missing\.po: file not found"),
        (["--lang", "xx"], r"unknown language 'xx' .+"),
    ):
        result = l10n("check", *args)
        assert result.exit_code == 2, args
        assert re.fullmatch(rf"l10n: error: {error}\n", result.output), result.output


def test_a_template_is_status_2_and_a_folder_is_a_language_only_where_cldr_knows_it(
    project, tmp_path
):
    """A template holds no translation: a gate given one would check nothing. An empty file
    is an empty catalog (0%, as msgfmt reads it), of no language its folder ("bad") names."""
    template = project / "locales" / "doc.pot"
    result = l10n("check", str(template))
    assert result.exit_code == 2
    assert result.output == (
        "l10n: error: locales/doc.pot: a template, not a catalog: check its languages' .po files\n"
    )
    empty = tmp_path / "bad" / "empty.po"
    empty.parent.mkdir()
    empty.write_bytes(b"")
    result = l10n("check", str(empty), "--format", "json")
    assert result.exit_code == 1
    assert list(json.loads(result.output)["languages"]) == ["und"]


def test_json_shape(project):
    write_po(project, "ko", GOOD["ko"][:1] + ["거래 규모는 45만 달러다.", "", ""])
    data = json.loads(l10n("check", "--format", "json").output)
    assert set(data) == {"ok", "quality_checked", "languages", "unchecked"}
    assert data["ok"] is False and data["unchecked"] == []
    assert list(data["languages"]) == list(LANGS)
    ko = data["languages"]["ko"]
    for key in (
        "entries",
        "translated",
        "fuzzy",
        "machine",
        "needs_work",
        "untranslated",
        "obsolete",
        "coverage",
        "words",
        "problems",
    ):
        assert key in ko
    assert (ko["entries"], ko["translated"], ko["untranslated"], ko["coverage"]) == (4, 2, 2, 50.0)
    assert ko["words"]["total"] == 24 and ko["words"]["untranslated"] == 11
    assert ko["problems"] == [
        {
            "check": "numbers",
            "severity": "error",
            "file": "locales/ko/LC_MESSAGES/doc.po",
            "line": ko["problems"][0]["line"],
            "msgid": "The deal is worth US$4.5 million.",
            "message": "number '4.5 million' (4,500,000) is not in the translation",
        }
    ]
    assert ko["problems"][0]["line"] > 0


def test_github_format_prints_workflow_annotations(project):
    write_po(project, "ko", GOOD["ko"][:1] + ["거래 규모는 45만 달러다.", "", ""])
    result = l10n("check", "--format", "github")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert re.fullmatch(
        r"::error file=locales/ko/LC_MESSAGES/doc\.po,line=\d+,title=l10n numbers::"
        r"number '4\.5 million' \(4,500,000\) is not in the translation",
        lines[0],
    )
    assert (
        "::error file=locales/ko/LC_MESSAGES/doc.po,title=l10n coverage::ko: coverage 50%25 "
        "is below the required 100%25 (this file: 50%25)"
    ) in lines
    assert any(line.startswith("ko: 50% (2/4), 1 error, 0 warnings — FAIL") for line in lines)


def test_catalogs_of_a_language_the_settings_do_not_name_are_said_not_checked(project):
    """A translator's French, which nobody added to the settings: ``check`` does not pass
    over it in silence, in any format; it is not checked, so the verdict is the others'."""
    write_po(project, "fr", ["Singapour et la Corée du Sud ont renforcé leurs liens."])
    (project / "locales" / "2026" / "LC_MESSAGES").mkdir(parents=True)  # (no language's)
    (project / "locales" / "2026" / "x.pot").write_text("", encoding="utf-8")
    note = (
        "not checked: locales/fr/ holds catalogs of a language that [tool.l10n] languages does "
        "not name"
    )
    result = l10n("check")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == note
    data = json.loads(l10n("check", "--format", "json").output)
    assert data["unchecked"] == ["locales/fr/"] and list(data["languages"]) == list(LANGS)
    github = l10n("check", "--format", "github").output.splitlines()
    assert github[-1] == f"::warning title=l10n languages::{note}"  # (a folder: no file)
    assert note not in l10n("check", "--lang", "ko").output  # (asked for one language)


def test_badges_are_svg_one_per_language(project, tmp_path):
    write_po(project, "ms", GOOD["ms"][:1] + ["", "", ""])
    result = l10n("check", "--badges", "build/badges")
    assert result.exit_code == 1
    for lang, percent in (("ko", "100%"), ("zh_Hans", "100%"), ("ms", "25%")):
        root = ET.parse(project / "build" / "badges" / f"{lang}.svg").getroot()
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
        assert f"translated {lang}" in texts and percent in texts
    ms = ET.parse(project / "build" / "badges" / "ms.svg").getroot()
    fills = {r.get("fill") for r in ms.iter("{http://www.w3.org/2000/svg}rect")}
    assert "#e05d44" in fills  # red: far below the threshold


def test_any_po_files_can_be_checked_by_path(project, corpus):
    files = [
        str(corpus / "ko" / "GNOME__baobab__ko.po"),
        str(corpus / "ko" / "Distrotech__tar__ko.po"),
    ]
    result = l10n("check", *files, "--format", "json")
    data = json.loads(result.output)
    assert result.exit_code == 1  # tar is 48/550 translated
    ko = data["languages"]["ko"]
    assert [f["translated"] for f in ko["files"]] == [78, 48]
    assert (ko["entries"], ko["fuzzy"], ko["untranslated"]) == (628, 116, 386)
    assert l10n("check", files[0], "--format", "json").exit_code == 0
    nothing = l10n("check", *files, "--lang", "ms", "--format", "json")
    assert nothing.exit_code == 2  # a gate that checked nothing does not pass
    assert nothing.output.startswith("l10n: error: --lang ms matched no catalog (")
    assert nothing.output.count("\n") == 1 and "GNOME__baobab__ko.po is ko" in nothing.output


@pytest.mark.parametrize(
    ("asked", "name", "header"),
    [
        ("zh_Hans", "zh_CN/GNOME__gnome-calculator__zh_CN.po", "zh_CN"),
        ("zh-Hans-CN", "zh_CN/xfce-mirror__thunar__zh_CN.po", "zh_CN"),
        ("zh", "zh_CN/JaydeepDebnath__django_basics__admin-djangojs.po", "zh_CN"),
        ("ms_MY", "ms/GNOME__gnome-calculator__ms.po", "ms"),
        ("ko_KR", "ko/GNOME__baobab__ko.po", "ko"),
    ],
)
def test_lang_matches_catalogs_as_cldr_reads_locales(project, corpus, asked, name, header):
    result = l10n("check", str(corpus / name), "--lang", asked, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    data = json.loads(result.output)
    assert list(data["languages"]) == [header]
    assert data["languages"][header]["files"][0]["file"].endswith(name.split("/")[1])


@pytest.mark.parametrize(
    ("asked", "name"),
    [
        ("zh_Hant", "zh_CN/GNOME__gnome-calculator__zh_CN.po"),
        ("zh_TW", "zh_CN/JaydeepDebnath__django_basics__admin-djangojs.po"),
        ("ko", "ms/Distrotech__coreutils__ms.po"),
    ],
)
def test_lang_matching_no_catalog_is_status_2_saying_what_matched_nothing(
    project, corpus, asked, name
):
    result = l10n("check", str(corpus / name), "--lang", asked)
    assert result.exit_code == 2
    assert re.fullmatch(rf"l10n: error: --lang {asked} matched no catalog \(.+\)\n", result.output)


def test_every_lang_asked_must_match_a_catalog(project, corpus):
    files = [str(corpus / "ko" / "GNOME__baobab__ko.po")]
    result = l10n("check", *files, "--lang", "ko", "--lang", "zh_Hans")
    assert result.exit_code == 2
    assert "--lang zh_Hans matched no catalog" in result.output


def test_project_language_is_selected_by_an_equivalent_locale(project):
    data = json.loads(l10n("check", "--lang", "zh_CN", "--format", "json").output)
    assert list(data["languages"]) == ["zh_Hans"]
    result = l10n("check", "--lang", "zh_TW")
    assert result.exit_code == 2 and "unknown language 'zh_TW'" in result.output


def test_project_with_no_language_checks_nothing_and_fails(make_project):
    make_project(languages={})
    l10n_ok("extract")
    result = l10n("check")
    assert result.exit_code == 2
    assert result.output == (
        "l10n: error: nothing to check: no catalog in the project or among the files given\n"
    )


def test_check_starts_without_loading_the_mt_libraries(project):
    status, loaded, stderr = run_probe(["check", "--format", "json"], project)
    assert status == 0, stderr
    assert loaded == []


@pytest.mark.skipif(shutil.which("make") is None, reason="make not installed")
def test_make_check_installs_the_venv_first_and_runs_l10n_check(tmp_path):
    venv = tmp_path / "venv"
    result = subprocess.run(
        ["make", "-n", "check", f"VENV={venv}"],
        check=False,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    install = next(i for i, line in enumerate(lines) if "pip install" in line)
    check = next(i for i, line in enumerate(lines) if line.strip() == f"{venv}/bin/l10n check")
    assert install < check


def test_ci_runs_make_check_after_the_tests():
    steps = [line.strip() for line in (REPO / ".ci" / "run").read_text().splitlines()]
    assert steps.index("make check") > steps.index("make test")


def test_text_output_is_coloured_only_when_asked(project):
    from pipeline import qa, report
    from pipeline.config import load_config
    from pipeline.project import Project

    config = load_config(project)
    result = qa.check(config, qa.project_targets(Project(config), config.languages))
    assert "\x1b[" in report.render_text(result, color=True)
    assert "\x1b[" not in report.render_text(result, color=False)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    piped = subprocess.run(
        [sys.executable, "-m", "pipeline", "check"],
        check=False,
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert piped.returncode == 0 and "\x1b[" not in piped.stdout


def test_tokenizer_debris_pasted_into_a_translation_fails_the_check(project):
    pasted = GOOD["ms"][:2] + ["Eksport▁meningkat 30 peratus."] + GOOD["ms"][3:]
    write_po(project, "ms", pasted)
    result = l10n("check", "--lang", "ms")
    assert result.exit_code == 1
    assert re.search(
        r"doc\.po:\d+: error \[tokenizer-debris\] tokenizer debris in the translation: ▁",
        result.output,
    )


def test_errors_only_lists_the_errors_and_leaves_the_warnings_out(project):
    write_po(project, "ms", GOOD["ms"][:3] + ["PM Laurence Wong tiba di Seoul."])
    write_po(project, "ko", GOOD["ko"][:1] + ["거래 규모는 45만 달러다."] + GOOD["ko"][2:])
    everything = l10n("check")
    assert "[glossary]" in everything.output and "[numbers]" in everything.output
    errors = l10n("check", "--errors-only")
    assert errors.exit_code == 1
    assert "[numbers]" in errors.output and "[glossary]" not in errors.output
    assert "ms: 0 errors, 1 warning — ok" in errors.output  # still counted in the verdict


def test_the_text_report_of_a_large_archive_fits_100_columns_and_lists_files_short():
    from pipeline import qa, report

    def file(number: int, translated: int) -> qa.FileResult:
        path = f"locales/zh_Hans/LC_MESSAGES/{'a-rather-long-article-name-' * 3}{number}.po"
        counts = qa.Counts(entries=120, translated=translated, untranslated=120 - translated)
        counts.words = {"total": 1200, "translated": 10 * translated}
        return qa.FileResult(path, "zh_Hans", counts)

    files = [file(n, 120 if n % 3 else 60) for n in range(300)]  # 100 of them short
    result = qa.CheckResult({"zh_Hans": qa.LanguageResult("zh_Hans", 90.0, files)})
    text = report.render_text(result)
    lines = text.splitlines()
    assert max(map(len, lines)) <= 100, max(lines, key=len)
    assert "zh_Hans: 100 of 300 files short:" in lines
    short = [line for line in lines if line.startswith("  locales/") or line.startswith("  loc")]
    assert len(short) == report.FILES_SHOWN
    assert short[0].endswith("0.po: 50.0% (60 of 120; 60 untranslated)")
    assert "  … and 90 more (--verbose lists them)" in lines
    verbose = report.render_text(result, verbose=True).splitlines()
    assert sum(1 for line in verbose if ".po: " in line) == 300
    assert max(map(len, verbose)) <= 100


def test_output_cut_short_by_a_closed_pipe_ends_quietly(tmp_path):
    article = tmp_path / "long.txt"
    paragraphs = "".join(f"\nSentence {n} is here. Another follows it.\n" for n in range(20000))
    article.write_text("A long article\n" + paragraphs, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    reader = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "segment", str(article)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert reader.stdout.readline().split() == [b"1", b"title", b"A", b"long", b"article"]
    reader.stdout.close()  # as `| head -1` does
    _, err = reader.communicate(timeout=60)
    assert err == b""
    assert reader.returncode == 141


def test_ci_without_the_corpus_stops_first_with_one_line(tmp_path):
    clone = tmp_path / "clone"
    (clone / ".ci").mkdir(parents=True)
    shutil.copy(REPO / ".ci" / "run", clone / ".ci" / "run")
    result = subprocess.run(
        ["bash", str(clone / ".ci" / "run")], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        "ci: the PO corpus is not at ../shared/pocorpus, beside the checkout (see README.md)\n"
    )


def test_a_check_tells_its_progress_through_reading_and_checking(project):
    from pipeline import qa
    from pipeline.config import load_config
    from pipeline.project import Project

    config = load_config()
    told = []
    qa.run_check(Project(config), list(config.languages), progress=lambda *a: told.append(a))
    assert told[0] == (0, 6) and told[-1] == (6, 6)  # 3 catalogs read, then 3 checked
    assert [done for done, _ in told] == sorted(done for done, _ in told)


def test_many_warnings_are_listed_up_to_a_limit_and_every_error_always():
    from pipeline import qa, report

    def problem(n: int, severity: str) -> qa.Problem:
        return qa.Problem("length", severity, "ko.po", n, f"sentence {n}", "too long")

    found = [problem(n, "warning") for n in range(120)] + [problem(999, "error")]
    counts = qa.Counts(entries=121, translated=121)
    result = qa.CheckResult(
        {"ko": qa.LanguageResult("ko", 0.0, [qa.FileResult("ko.po", "ko", counts, found)])}
    )
    quiet = report.render_text(result)
    assert quiet.count(": warning [length]") == report.WARNINGS_SHOWN
    assert "ko.po:999: error [length] too long" in quiet
    assert f"… and {120 - report.WARNINGS_SHOWN} more warnings (--verbose lists them)" in quiet
    assert "ko: 1 error, 120 warnings — FAIL: 1 error-level problem" in quiet
    assert report.render_text(result, verbose=True).count(": warning [length]") == 120
    errors = report.render_text(result, errors_only=True)
    assert ": warning" not in errors and "more warnings" not in errors and ": error" in errors
