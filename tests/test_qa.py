"""Counting (against GNU msgfmt), each quality check on right and wrong translations in Korean,
Chinese and Malay, locale-aware numbers, and silencing."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from conftest import corpus_params

from pipeline import catalog, checks, numbers, qa
from pipeline.errors import L10nError
from pipeline.glossary import Term
from pipeline.state import mt_comment

needs_msgfmt = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU msgfmt not installed")

GLOSSARY = (
    Term("Lawrence Wong", {"ko": "로런스 웡", "zh_Hans": "黄循财", "ms": "Lawrence Wong"}),
    Term("Seoul", {"ko": "서울", "zh_Hans": "首尔", "ms": "Seoul"}),
    Term("Korea", {"ko": "한국", "zh_Hans": "韩国", "ms": "Korea"}),
    Term(
        "Asean-Korea Free Trade Area",
        {
            "ko": "아세안-한국 자유무역지대",
            "zh_Hans": "东盟-韩国自由贸易区",
            "ms": "Kawasan Perdagangan Bebas Asean-Korea",
        },
    ),
)
NPLURALS = {"ko": 1, "zh_Hans": 1, "ms": 1}


def msgfmt_statistics(path: Path) -> dict[str, int]:
    result = subprocess.run(
        ["msgfmt", "--statistics", "-o", os.devnull, str(path)],
        check=False,
        capture_output=True,
        text=True,
        env={**os.environ, "LC_ALL": "C", "LANGUAGE": ""},
    )
    assert result.returncode == 0, result.stderr
    counts = {"translated": 0, "fuzzy": 0, "untranslated": 0}
    for number, kind in re.findall(r"(\d+) (translated|fuzzy|untranslated)", result.stderr):
        counts[kind] = int(number)
    return counts


def ours(counts: qa.Counts) -> dict[str, int]:
    return {
        "translated": counts.translated,
        "fuzzy": counts.fuzzy,
        "untranslated": counts.untranslated,
    }


def problems(source: str, target: str, lang: str, **fields) -> dict[str, list[str]]:
    """check id → messages for one translated entry."""
    entry = polib.POEntry(msgid=source, msgstr=target, **fields)
    ctx = checks.Context(lang, GLOSSARY, NPLURALS[lang])
    found: dict[str, list[str]] = {}
    for name, message in checks.findings(entry, ctx):
        found.setdefault(name, []).append(message)
    return found


# ---- counting -----------------------------------------------------------------------------


@needs_msgfmt
@pytest.mark.parametrize("path", corpus_params())
def test_counts_equal_msgfmt_statistics_on_real_catalogs(corpus, path):
    counts = qa.count(catalog.load(path))
    assert ours(counts) == msgfmt_statistics(path)
    assert counts.entries == counts.translated + counts.fuzzy + counts.untranslated


def test_euc_kr_catalog_is_decoded_and_counted(corpus):
    po = catalog.load(corpus / "ko" / "Distrotech__tar__ko.po")
    counts = qa.count(po)
    assert counts.obsolete == 99
    assert any("시스템 오류" in e.msgstr for e in po)  # decoded from EUC-KR, not mojibake


EDGE_CASES = """\
# a fuzzy header does not count
#, fuzzy
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

#, fuzzy
msgid "fuzzy but empty"
msgstr ""

msgctxt "menu"
msgid "Open"
msgstr "Buka"

msgid "one file"
msgid_plural "%d files"
msgstr[0] "satu fail"
msgstr[1] ""

#, fuzzy
msgid "one day"
msgid_plural "%d days"
msgstr[0] ""
msgstr[1] "%d hari"

#, fuzzy
msgid "Old text"
msgstr "Teks lama"

#~ msgid "gone"
#~ msgstr "hilang"
"""


@needs_msgfmt
def test_edge_cases_count_as_msgfmt_does(tmp_path):
    path = tmp_path / "edge.po"
    path.write_text(EDGE_CASES, encoding="utf-8")
    counts = qa.count(catalog.load(path))
    assert (
        ours(counts) == msgfmt_statistics(path) == {"translated": 2, "fuzzy": 1, "untranslated": 2}
    )
    assert (counts.entries, counts.obsolete, counts.needs_work) == (5, 1, 1)


def test_machine_drafts_and_needs_work_are_told_apart():
    draft = polib.POEntry(
        msgid="Hello.",
        msgstr="안녕하세요.",
        flags=["fuzzy"],
        tcomment=mt_comment("argos", "translate-en_ko", "1.1", "안녕하세요."),
    )
    edited = polib.POEntry(
        msgid="Bye.",
        msgstr="안녕히 가세요.",
        flags=["fuzzy"],
        tcomment=mt_comment("argos", "translate-en_ko", "1.1", "잘 가."),
    )
    counts = qa.count([draft, edited, polib.POEntry(msgid="x", msgstr="")])
    assert (counts.machine, counts.needs_work, counts.fuzzy, counts.untranslated) == (1, 1, 2, 1)
    assert counts.coverage == 0


def test_words_count_han_characters_one_each_and_plural_entries_once():
    assert qa.source_words("Singapore's 50-year ties, 3,400 jobs") == 5
    assert qa.source_words("新加坡 and Korea") == 5
    plural = polib.POEntry(
        msgid="one big file", msgid_plural="many big files", msgstr_plural={0: "x"}
    )
    counts = qa.count([plural])
    assert counts.entries == counts.translated == 1
    assert counts.words["total"] == counts.words["translated"] == 6


def test_coverage_threshold_is_exact_and_shown_rounded_down():
    counts = qa.Counts(entries=3, translated=2)
    assert counts.meets(66.66) and not counts.meets(66.67)
    from pipeline.report import shown

    assert shown(99.999) == 99.99


def test_a_failing_coverage_never_reads_as_100_percent_in_the_table():
    from pipeline import report

    counts = qa.Counts(entries=2000, translated=1999)
    result = qa.CheckResult(
        {"ko": qa.LanguageResult("ko", 100.0, [qa.FileResult("ko.po", "ko", counts)])}
    )
    row = next(line for line in report.render_text(result).splitlines() if line.startswith("ko "))
    assert "99.9%" in row and "100.0%" not in row and row.endswith("FAIL")
    assert "coverage 99.95% is below the required 100%" in report.render_text(result)


@pytest.mark.parametrize(
    "value, text",
    [
        (100.0, "100%"),
        (99.95, "99.9%"),
        (99.9999, "99.9%"),
        (87.5, "87.5%"),
        (100 * 57 / 100, "57.0%"),
        (0.04, "0.0%"),
    ],
)
def test_percentages_are_printed_rounded_down(value, text):
    from pipeline.percent import floor_percent

    assert floor_percent(value) == text


# ---- numbers ------------------------------------------------------------------------------

SAME_NUMBERS = [
    ("ko", "The deal is worth US$4.5 million.", "거래 규모는 450만 달러다."),
    ("zh_Hans", "The deal is worth US$4.5 million.", "该交易价值450万美元。"),
    ("ms", "The deal is worth US$4.5 million.", "Perjanjian itu bernilai US$4.5 juta."),
    ("ko", "Exports rose 30 per cent.", "수출이 30% 증가했다."),
    ("zh_Hans", "Exports rose 30 per cent.", "出口增长30%。"),
    ("zh_Hans", "Exports rose 30 per cent.", "出口增长百分之三十。"),
    ("ms", "Exports rose 30 per cent.", "Eksport meningkat 30 peratus."),
    ("ko", "It hired 3,400 workers.", "근로자 3400명을 고용했다."),
    ("ko", "It hired 3,400 workers.", "근로자 3천400명을 고용했다."),
    ("zh_Hans", "It hired 3,400 workers.", "该公司雇用了３４００名工人。"),
    ("ms", "It hired 3,400 workers.", "Ia mengambil 3,400 pekerja."),
    ("ko", "On Nov 1, they met.", "11월 1일 두 사람이 만났다."),
    ("zh_Hans", "On Nov 1, they met.", "11月1日，两人会面。"),
    ("ms", "On Nov 1, they met.", "Pada 1 Nov, mereka bertemu."),
    ("zh_Hans", "On Nov 1, they met.", "十一月一日，两人会面。"),
    ("ko", "It costs S$1.2 billion.", "비용은 12억 싱가포르달러다."),
    ("zh_Hans", "It costs S$1.2bn.", "耗资12亿新元。"),
    ("ms", "It costs S$1.2 billion.", "Kosnya S$1.2 bilion."),
    ("ko", "About 450 million people.", "약 4억 5천만 명."),
    ("zh_Hans", "About 450 million people.", "约4.5亿人。"),
    ("ko", "Relations began in 1975.", "수교는 １９７５년에 시작됐다."),
    ("zh_Hans", "The talks start at 3.30pm.", "会谈于下午3时30分开始。"),
    ("ko", "Nothing numeric here.", "여기에는 숫자가 없다 2026."),
]


@pytest.mark.parametrize("lang,source,target", SAME_NUMBERS)
def test_numbers_rendered_in_the_target_locale_pass(lang, source, target):
    assert "numbers" not in problems(source, target, lang)


WRONG_NUMBERS = [
    ("ko", "It costs $5.", "6달러가 든다.", "5"),
    ("zh_Hans", "It costs $5.", "花费6美元。", "5"),
    ("ms", "It costs $5.", "Harganya $6.", "5"),
    ("ko", "The deal is worth US$4.5 million.", "거래 규모는 45만 달러다.", "4.5 million"),
    ("zh_Hans", "The deal is worth US$4.5 million.", "该交易价值45万美元。", "4.5 million"),
    (
        "ms",
        "The deal is worth US$4.5 million.",
        "Perjanjian itu bernilai US$4.5 ribu.",
        "4.5 million",
    ),
    ("ko", "It hired 3,400 workers.", "근로자 340명을 고용했다.", "3,400"),
    ("zh_Hans", "It hired 3,400 workers.", "该公司雇用了３４０名工人。", "3,400"),
    # Malay groups digits with a comma (CLDR): "3.400" reads as three point four.
    ("ms", "It hired 3,400 workers.", "Ia mengambil 3.400 pekerja.", "3,400"),
    ("ko", "Exports rose 30 per cent.", "수출이 3% 증가했다.", "30"),
    # Korean and Chinese number their months: "Nov" must come out as 11.
    ("ko", "On Nov 1, they met.", "12월 1일 두 사람이 만났다.", "Nov"),
    ("zh_Hans", "They met on 31 October.", "两人于11月31日会面。", "October"),
]


@pytest.mark.parametrize("lang,source,target,missing", WRONG_NUMBERS)
def test_a_changed_or_missing_number_is_an_error(lang, source, target, missing):
    found = problems(source, target, lang)
    assert len(found["numbers"]) == 1
    assert f"'{missing}'" in found["numbers"][0]


def test_number_values_across_scripts():
    assert numbers.values("4억 5천만", "ko") >= {numbers.Decimal(450_000_000)}
    assert numbers.values("1.2万亿", "zh_Hans") == {numbers.Decimal("1.2e12")}
    assert numbers.values("一九七五年", "zh_Hans") == {numbers.Decimal(1975)}
    assert numbers.values("만나서 만들었다", "ko") == set()  # scale words alone are not numbers
    assert numbers.values("RM4.5 bilion", "ms") == {numbers.Decimal("4.5e9")}


def test_locale_symbols_come_from_cldr():
    # German writes 4,5 Mio. and groups with dots: the same digits mean something else.
    assert numbers.symbols("de") == (",", ".")
    assert numbers.values("3.400", "de") == {numbers.Decimal(3400)}
    assert numbers.values("3.400", "ms") == {numbers.Decimal("3.4")}


# ---- the other checks: a wrong and a right translation in each language --------------------

CASES = [
    # (check, lang, source, bad translation, good translation)
    (
        "glossary",
        "ko",
        "PM Lawrence Wong arrived in Seoul.",
        "로렌스 웡 총리가 서울에 도착했다.",
        "로런스 웡 총리가 서울에 도착했다.",
    ),
    (
        "glossary",
        "zh_Hans",
        "PM Lawrence Wong arrived in Seoul.",
        "黄循才总理抵达首尔。",
        "黄循财总理抵达首尔。",
    ),
    (
        "glossary",
        "ms",
        "PM Lawrence Wong arrived in Seoul.",
        "PM Laurence Wong tiba di Seoul.",
        "PM Lawrence Wong tiba di Seoul.",
    ),
    ("placeholders", "ko", "PM Wong arrived.", "⟦0⟧ 총리가 도착했다.", "웡 총리가 도착했다."),
    (
        "placeholders",
        "ms",
        "PM Wong arrived in Seoul.",
        "PM {1} tiba di Seoul.",
        "PM Wong tiba di Seoul.",
    ),
    (
        "placeholders",
        "zh_Hans",
        "Read more at https://www.straitstimes.com/asia.",
        "详情请见 https://www.straitstimes.com/。",
        "详情请见 https://www.straitstimes.com/asia。",
    ),
    (
        "placeholders",
        "ms",
        "Write to news@example.com today.",
        "Tulis kepada berita@example.com hari ini.",
        "Tulis kepada news@example.com hari ini.",
    ),
    ("punctuation", "ko", "He arrived in Seoul.", "그는 서울에 도착했다", "그는 서울에 도착했다."),
    ("punctuation", "zh_Hans", "He arrived in Seoul.", "他抵达首尔.", "他抵达首尔。"),
    ("punctuation", "ms", "He arrived in Seoul.", "Dia tiba di  Seoul.", "Dia tiba di Seoul."),
    (
        "punctuation",
        "ko",
        "“Today, our partnership is stronger than ever.”",
        "“오늘날 우리의 동반자 관계는 그 어느 때보다 굳건하다.",
        "“오늘날 우리의 동반자 관계는 그 어느 때보다 굳건하다.”",
    ),
    ("punctuation", "zh_Hans", "We met, and we talked.", "我们见面,并交谈。", "我们见面，并交谈。"),
    ("punctuation", "ms", "He arrived.", " Dia tiba.", "Dia tiba."),
    (
        "untranslated-text",
        "ko",
        "The two sides will launch a joint project.",
        "The two sides will launch a joint project.",
        "양측은 공동 프로젝트를 시작할 것이다.",
    ),
    (
        "untranslated-text",
        "ko",
        "The two sides will launch a joint project.",
        "양측은 will launch a joint project 할 것이다.",
        "양측은 Asean-Korea Free Trade Area 안에서 공동 프로젝트를 시작할 것이다.",
    ),
    (
        "untranslated-text",
        "zh_Hans",
        "The two sides will launch a joint project.",
        "양측은 공동 프로젝트를 시작할 것이다.",
        "双方将启动一个联合项目。",
    ),
    (
        "untranslated-text",
        "ms",
        "The two sides will launch a joint project.",
        "The two sides will launch a joint project.",
        "Kedua-dua pihak akan melancarkan projek.",
    ),
    (
        "untranslated-text",
        "ms",
        "The two sides will launch a joint project with the fund.",
        "Kedua-dua pihak will launch the project with the fund.",
        "Kedua-dua pihak akan melancarkan projek bersama dana itu.",
    ),
    (
        "repetition",
        "ko",
        "Both sides will deepen cooperation.",
        "양측은 협력 협력 협력을 강화할 것이다.",
        "양측은 협력을 강화할 것이다.",
    ),
    (
        "repetition",
        "zh_Hans",
        "Both sides will deepen cooperation.",
        "双方将深化合作合作合作。",
        "双方将深化合作。",
    ),
    (
        "repetition",
        "ms",
        "Both sides will deepen cooperation between the countries.",
        "Kedua-dua pihak akan memperdalam kerjasama antara negara antara negara antara negara.",
        "Kedua-dua pihak akan memperdalam kerjasama antara negara-negara itu.",
    ),
    (
        "length",
        "ko",
        "The strategic partnership has eight agreements in all.",
        "8건.",
        "전략적 동반자 관계에는 모두 8건의 협정이 포함된다.",
    ),
    (
        "length",
        "zh_Hans",
        "The strategic partnership has eight agreements.",
        "这一战略伙伴关系共包括八项协议，其中包括绿色与数字航运走廊等多个领域的合作安排以及其他许多方面的安排和内容说明。",
        "该战略伙伴关系包括八项协议。",
    ),
    (
        "length",
        "ms",
        "The strategic partnership has eight agreements.",
        "Perkongsian.",
        "Perkongsian strategik itu mempunyai lapan perjanjian.",
    ),
]


@pytest.mark.parametrize("check,lang,source,bad,good", CASES)
def test_check_finds_the_bad_translation_and_passes_the_good_one(check, lang, source, bad, good):
    assert check in problems(source, bad, lang), f"{check} missed {bad!r}"
    assert problems(source, good, lang) == {}, f"false positive on {good!r}"


def test_a_short_glossary_term_inside_a_longer_one_is_not_asked_for_separately():
    source = "They will upgrade the Asean-Korea Free Trade Area."
    assert "glossary" not in problems(
        source, "그들은 아세안-한국 자유무역지대를 격상할 것이다.", "ko"
    )
    found = problems(source, "그들은 아세안-코리아 자유무역지대를 격상할 것이다.", "ko")
    assert len(found["glossary"]) == 1 and "Asean-Korea Free Trade Area" in found["glossary"][0]


@pytest.mark.parametrize(
    "lang,good,bad",
    [
        ("ko", "협정 %(count)d건", "협정 %(number)d건"),
        ("zh_Hans", "%(count)d项协议", "%(count)s项协议"),
        ("ms", "%(count)d perjanjian", "perjanjian"),
    ],
)
def test_python_format_directives_must_match_where_flagged(lang, good, bad):
    source = "%(count)d agreements"
    assert problems(source, good, lang, flags=["python-format"]) == {}
    assert "placeholders" in problems(source, bad, lang, flags=["python-format"])
    assert "placeholders" not in problems(source, bad, lang, flags=["no-python-format"])


def test_c_format_allows_reordering_with_positions():
    source = "Copied %s to %s (%d bytes)"
    assert "placeholders" not in problems(
        source, "%2$s에 %1$s 복사 (%3$d바이트)", "ko", flags=["c-format"]
    )
    assert "placeholders" in problems(source, "%s에 %s 복사 (%s바이트)", "ko", flags=["c-format"])


@pytest.mark.parametrize("lang", ["ko", "zh_Hans", "ms"])
def test_plural_entries_with_an_empty_form_or_wrong_form_count_are_errors(lang):
    def plural(forms: dict[int, str], nplurals: int) -> dict[str, list[str]]:
        entry = polib.POEntry(
            msgid="%d agreement", msgid_plural="%d agreements", msgstr_plural=forms
        )
        ctx = checks.Context(lang, (), nplurals)
        return {name: [] for name, _ in checks.findings(entry, ctx)}

    assert "plurals" not in plural({0: "%d x"}, 1)
    assert "plurals" in plural({0: "%d x", 1: "%d y"}, 1)
    assert "plurals" in plural({0: "%d x", 1: ""}, 2)
    assert "plurals" not in plural({0: "%d x", 1: "%d y"}, 2)


def test_every_check_has_a_stable_id_and_a_severity():
    assert checks.CHECK_IDS == (
        "numbers",
        "placeholders",
        "plurals",
        "markup",
        "html",
        "invisible",
        "tokenizer-debris",
        "directive-space",
        "glossary",
        "punctuation",
        "untranslated-text",
        "english-words",
        "repetition",
        "length",
        "number-words",
        "format-added",
        "options",
        "whitespace",
        "accelerator",
        "tags",
        "gui-labels",
        "ranges",
    )
    assert {c.id: c.severity for c in checks.CHECKS} == {
        "numbers": "error",
        "placeholders": "error",
        "plurals": "error",
        "markup": "error",
        "html": "error",
        "invisible": "error",
        "tokenizer-debris": "error",
        "directive-space": "error",
        "glossary": "warning",
        "punctuation": "warning",
        "untranslated-text": "warning",
        "english-words": "warning",
        "repetition": "warning",
        "length": "warning",
        "number-words": "warning",
        "format-added": "warning",
        "options": "warning",
        "whitespace": "warning",
        "accelerator": "warning",
        "tags": "warning",
        "gui-labels": "warning",
        "ranges": "warning",
    }


# ---- silencing ----------------------------------------------------------------------------


def catalog_with(entries: list[polib.POEntry]) -> polib.POFile:
    po = polib.POFile()
    po.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Language": "ko",
        "Plural-Forms": "nplurals=1; plural=0;",
    }
    for entry in entries:
        po.append(entry)
    return po


def test_a_translator_comment_silences_the_named_checks_of_its_entry_only():
    source, target = "It costs $5", "6달러가 든다."  # a number and a punctuation problem
    quiet = polib.POEntry(
        msgid=source, msgstr=target, tcomment="l10n: ignore numbers -- the price changed since"
    )
    loud = polib.POEntry(msgid=source + ".", msgstr=target.rstrip("."))
    report = qa.check_catalog(catalog_with([quiet, loud]), "x.po", checks.Context("ko"))
    found = sorted((p.msgid, p.check) for p in report.problems)
    assert found == [
        (source, "punctuation"),
        (source + ".", "numbers"),
        (source + ".", "punctuation"),
    ]
    assert report.silenced == 1


def test_ignore_all_silences_every_check_and_other_comment_lines_are_kept_apart():
    entry = polib.POEntry(
        msgid="It costs $5.",
        msgstr="6달러가 든다",
        tcomment="Checked with the desk.\nl10n: ignore all",
    )
    report = qa.check_catalog(catalog_with([entry]), "x.po", checks.Context("ko"))
    assert report.problems == [] and report.silenced == 2
    assert checks.silenced(polib.POEntry(tcomment="l10n: ignore numbers, lenght")) == {"numbers"}
    assert checks.silenced(polib.POEntry(tcomment="ignore numbers")) == set()


@needs_msgfmt
def test_the_silencing_comment_survives_msgmerge_where_a_custom_flag_does_not(tmp_path):
    po = tmp_path / "ko.po"
    pot = tmp_path / "doc.pot"
    header = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    po.write_text(
        header + "# l10n: ignore numbers\n#, no-numbers-check\n"
        'msgid "It costs $5."\nmsgstr "6달러가 든다."\n',
        encoding="utf-8",
    )
    pot.write_text(header + 'msgid "It costs $5."\nmsgstr ""\n', encoding="utf-8")
    merged = subprocess.run(
        ["msgmerge", "-q", str(po), str(pot)], capture_output=True, text=True, check=True
    ).stdout
    assert "# l10n: ignore numbers" in merged
    assert "no-numbers-check" not in merged
    entry = polib.pofile(merged).find("It costs $5.")
    assert checks.silenced(entry) == {"numbers"}


def test_drafts_are_checked_only_when_asked():
    draft = polib.POEntry(
        msgid="It costs $5.",
        msgstr="6달러가 든다.",
        flags=["fuzzy"],
        tcomment=mt_comment("argos", "translate-en_ko", "1.1", "6달러가 든다."),
    )
    po = catalog_with([draft])
    assert qa.check_catalog(po, "x.po", checks.Context("ko")).problems == []
    found = qa.check_catalog(po, "x.po", checks.Context("ko"), drafts=True).problems
    assert [p.check for p in found] == ["numbers"]


def test_severities_can_be_changed_or_turned_off_per_project(tmp_path):
    from pipeline.config import load_config

    (tmp_path / "pyproject.toml").write_text(
        '[tool.l10n]\n[tool.l10n.checks]\nglossary = "error"\nlength = "off"\n', encoding="utf-8"
    )
    levels = checks.severities(load_config(tmp_path))
    assert levels["glossary"] == "error" and levels["length"] == "off"
    assert levels["numbers"] == "error"
    (tmp_path / "pyproject.toml").write_text(
        '[tool.l10n]\n[tool.l10n.checks]\nnumber = "error"\n', encoding="utf-8"
    )
    with pytest.raises(L10nError, match="number"):
        checks.severities(load_config(tmp_path))


def test_a_later_mention_may_use_the_glossary_s_later_form(tmp_path):
    from pipeline.glossary import load_glossary

    glossary = tmp_path / "glossary.csv"
    glossary.write_text(
        "en,ko,zh_Hans,ms,note,later\nPM,총리,总理,Perdana Menteri,title,ms: Encik\n",
        encoding="utf-8",
    )
    ctx = checks.Context("ms", tuple(load_glossary(glossary)))
    assert checks.check_glossary("PM Wong said.", "kata Encik Wong.", ctx) == []
    assert checks.check_glossary("PM Wong said.", "kata Perdana Menteri Wong.", ctx) == []
    [problem] = checks.check_glossary("PM Wong said.", "kata Wong.", ctx)
    assert "'Perdana Menteri' is not in the translation" in problem


def test_a_malformed_later_cell_is_a_one_line_error_with_its_line(tmp_path):
    from pipeline.glossary import load_glossary

    glossary = tmp_path / "glossary.csv"
    glossary.write_text("en,ms,note,later\nPM,Perdana Menteri,,Encik\n", encoding="utf-8")
    with pytest.raises(L10nError) as caught:
        load_glossary(glossary)
    assert str(caught.value).startswith(f"{glossary}:2: 'later' must read")


def test_digits_of_every_script_read_as_ascii():
    """Each of Unicode's decimal digits (category Nd: Arabic-Indic, Devanagari, full-width…)
    is the ASCII digit of its value; full-width separators between digits become ./,."""
    import sys
    import unicodedata

    digits = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isdecimal()]
    assert len(digits) > 600
    for digit in digits:
        assert numbers.normalise_digits(f"가{digit}") == f"가{unicodedata.decimal(digit)}"
    assert numbers.normalise_digits("３．５％，１，０００") == "3.5％，1,000"
    assert numbers.normalise_digits("٣٫٥ و ١٬٠٠٠") == "3٫5 و 1٬000"
