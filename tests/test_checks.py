"""The checks on what real catalogs hold: what a reviewer would not call a problem is not
reported (lists the program splits, code, names, numbers as words, …), and what they missed is
(format directives added, number ranges, option lists, spacing, an added colon)."""

from __future__ import annotations

import shutil
import subprocess

import polib
import pytest

from pipeline import checks


def found(
    msgid: str,
    msgstr: str,
    lang: str,
    flags: tuple[str, ...] = (),
    msgctxt: str | None = None,
    comment: str = "",
) -> dict[str, list[str]]:
    entry = polib.POEntry(
        msgid=msgid, msgstr=msgstr, flags=list(flags), msgctxt=msgctxt, comment=comment
    )
    result: dict[str, list[str]] = {}
    for name, message in checks.findings(entry, checks.Context(lang)):
        result.setdefault(name, []).append(message)
    return result


# ---- what is not a problem ----------------------------------------------------------------

LISTS = [
    ("zh_CN", "kilometer,kilometers,km,kms", "千米,千米,km,km"),
    ("ko", "kilometer,kilometers,km,kms", "kilometer,kilometers,km,kms,킬로미터"),
    ("ms", "yard,yards,yd", "ela,ela,ela"),
    ("zh_CN", "kibibyte,kibibytes,KiB", "KiB,KiB,KiB"),
    ("zh_CN", "calculation;arithmetic;scientific;", "calculation;arithmetic;计算;算术;科学;"),
    ("zh_CN", "0,1,2,3,4,5,6,7,8,9,A,B,C,D,E,F", "0,1,2,3,4,5,6,7,8,9,A,B,C,D,E,F"),
]


@pytest.mark.parametrize("lang,source,target", LISTS)
def test_a_list_the_program_splits_is_not_judged_as_text(lang, source, target):
    assert found(source, target, lang, msgctxt="unit-symbols") == {}


def test_a_list_keeps_its_ascii_separators():
    problems = found("meter,meters,m", "米，米，m", "zh_CN", msgctxt="unit-symbols")
    assert list(problems) == ["punctuation"]


CHINESE_SYNTAX = [
    ("Usage: %s [OPTION]... [FILE]...\n", "用法：%s [选项]... [文件]...\n"),
    ("  --userspec=USER:GROUP  specify user and group\n", "  --userspec=用户:组  指定用户和组\n"),
    ("Use &gt; to redirect the output.", "使用 &gt; 重定向输出。"),
    ("1, 2, 3, ...", "1, 2, 3, ..."),
    ("Copying files...", "正在复制文件..."),
    ("Factorial [!]", "阶乘 [!]"),
    ("Switch to Keyboard Mode (alt.)", "切换到键盘模式（alt.）"),
    ("6 a.m.", "上午6点"),
]


@pytest.mark.parametrize("source,target", CHINESE_SYNTAX)
def test_ascii_syntax_in_chinese_text_is_not_punctuation(source, target):
    assert "punctuation" not in found(source, target, "zh_CN")


def test_one_problem_is_reported_once():
    assert found("Size:", "大小:", "zh_CN") == {
        "punctuation": ["ends with ASCII ':': zh_CN uses full-width punctuation"]
    }
    # ... and an ASCII mark inside the text still is, beside the one at its end.
    assert len(found("Size, in bytes:", "大小,字节:", "zh_CN")["punctuation"]) == 2


def test_a_proper_name_may_stay_as_it_is():
    source = "The image editor of the free desktop"
    assert "untranslated-text" in found(source, source + " 편집기", "ko")
    assert "untranslated-text" not in found(
        source, source + " 편집기", "ko", comment="This is a proper name."
    )
    assert found("iPod touch", "iPod touch", "zh_CN") == {}


def test_credits_are_not_judged_as_text():
    credits = "Launchpad Contributions:\n  abuyop https://launchpad.net/~abuyop"
    assert found("translator-credits", credits, "ms") == {}
    assert found("translator-credits", "차영호 <ganadist at gmail dot com>", "ko") == {}


def test_commands_option_values_and_names_from_the_source_are_not_english_left():
    source = "Start in given mode (basic, advanced, financial, programming, keyboard, conversion)"
    target = "지정한 모드에서 시작 (basic, advanced, financial, programming, keyboard, conversion)"
    assert found(source, target, "ko") == {}
    assert (
        found('Run "sudo gedit file" to edit it', '运行 "sudo gedit file" 来编辑它', "zh_CN") == {}
    )
    # English prose left in is still reported.
    assert "untranslated-text" in found(source, "지정한 모드 (start in the given mode)", "ko")


def test_scripts_without_words_to_translate_are_not_asked_for():
    assert found("© 1986–%d The Calculator authors", "© 1986–%d The Calculator authors", "ko") == {}
    assert found("Pi [Ctrl+P]", "Pi [Ctrl+P]", "ko") == {}


def test_length_does_not_count_markup_options_and_kept_words():
    source = "Use <b>--follow-symlinks</b> and <i>--preserve-timestamps</i> for it"
    target = "对其使用 <b>--follow-symlinks</b> 和 <i>--preserve-timestamps</i>"
    assert "length" not in found(source, target, "zh_CN")
    mode = "Start in given mode (basic, advanced, financial, programming, keyboard, conversion)"
    assert "length" not in found(
        mode,
        "以指定模式（basic, advanced, financial, programming, keyboard, conversion）启动",
        "zh",
    )


NUMBER_WORDS = [
    ("ko", "Function “%s” takes 1 argument", "“%s” 함수는 하나의 인자가 필요합니다"),
    ("ko", "Function “%s” takes 1 or 2 arguments", "“%s” 함수는 하나 또는 둘의 인자가 필요합니다"),
    ("ko", "Function “%s” takes at least 2 arguments", "“%s” 함수는 최소 두개 인자가 필요합니다"),
    ("zh_CN", "invalid 2-byte sequence", "无效的双字节序列"),
    ("ms", "takes 2 arguments", "mengambil dua argumen"),
    ("ko", "Base-10 Exponential", "십진 지수"),
    ("zh_CN", "Base-10 Exponential", "十进制指数"),
    ("zh_Hans", "among the top 10 partners", "互为十大贸易伙伴"),
]


@pytest.mark.parametrize("lang,source,target", NUMBER_WORDS)
def test_a_number_written_as_a_word_is_rendered(lang, source, target):
    assert found(source, target, lang) == {}


def test_positional_priumax_directives_are_format_directives():
    source = "%<PRIuMAX> of %<PRIuMAX> bytes"
    good = "%2$<PRIuMAX> 바이트 중 %1$<PRIuMAX>"
    assert found(source, good, "ko", flags=("c-format",)) == {}
    assert "placeholders" in found(source, "%1$<PRIuMAX> 바이트", "ko", flags=("c-format",))


def test_repetition_across_line_breaks_quotes_or_in_the_source_is_not_reported():
    assert "repetition" not in found("yard\nyards\nyd", "ela\nela\nela", "ms")
    source = 'Malformed option, should look like "opt", "-opt args", "--opt args" or "+opt args"'
    target = '잘못된 옵션, "opt", "-opt args", "--opt args", "+opt args"와 같은 형식이어야 합니다'
    assert "repetition" not in found(source, target, "ko")
    assert "repetition" not in found("very very very good", "sangat sangat sangat baik", "ms")
    assert "repetition" in found("very good", "sangat sangat sangat baik", "ms")


# ---- what is a problem ------------------------------------------------------------------


def test_a_format_directive_added_without_a_format_flag_is_a_warning():
    problems = found("invalid number of bytes", "%s: 부적절한 바이트 수", "ko")
    assert list(problems) == ["format-added"]
    assert "%s" in problems["format-added"][0]
    assert checks.severities()["format-added"] == "warning"
    # With the flag, the same is a placeholder error (msgfmt -c rejects it: see below).
    flagged = found("invalid number of bytes", "%s: 부적절한 바이트 수", "ko", flags=("c-format",))
    assert list(flagged) == ["placeholders"]
    # A per cent sign in running text is no directive.
    assert found("complete", "100% selesai", "ms") == {}
    assert found("%s: invalid number", "%s: 부적절한 수", "ko") == {}


RANGES = [
    ("zh_CN", "range 3..9", "范围 3", "9"),
    ("zh_CN", "month (01..12)", "月份 (00-12)", "01"),
    ("ko", "a value from 3-9", "3에서 8 사이의 값", "9"),
]


@pytest.mark.parametrize("lang,source,target,lost", RANGES)
def test_both_ends_of_a_number_range_are_asked_for(lang, source, target, lost):
    problems = found(source, target, lang)
    assert list(problems) == ["numbers"] and f"'{lost}'" in problems["numbers"][0]


@pytest.mark.parametrize(
    "lang,source,target",
    [("zh_CN", "range 3..9", "范围 3..9"), ("zh_CN", "month (01..12)", "月份 (01-12)")],
)
def test_a_range_kept_whole_passes(lang, source, target):
    assert found(source, target, lang) == {}


def test_a_chinese_numeral_inside_a_word_is_no_sure_number():
    problems = found("instead of 2", "代替二进制", "zh_CN")
    assert list(problems) == ["number-words"]
    assert checks.severities()["number-words"] == "warning"
    assert found("instead of 2", "代替两个", "zh_CN") == {}
    assert found("1 file", "一个文件", "zh_CN") == {}
    # 一 inside 一些 ("some") renders no 1: the number is only there as part of a word.
    assert "number-words" in found("1 file", "一些文件", "zh_CN")


def test_literal_value_lists_and_options_are_kept():
    source = "  conv=CONVS  convert the file as per the list {ascii,ebcdic,ibm}\n"
    bad = "  conv=CONVS  按照列表 {ascii、ebcdic、idm} 转换文件\n"
    good = "  conv=CONVS  按照列表 {ascii,ebcdic,ibm} 转换文件\n"
    assert list(found(source, bad, "zh_CN")) == ["options"]
    assert found(source, good, "zh_CN") == {}
    assert "options" in found("use --userspec to set it", "guna --spesifikasi untuk itu", "ms")
    assert "options" not in found("use --userspec to set it", "--userspec를 사용합니다", "ko")
    assert "options" not in found("--Volume Header--\n", "--볼륨 헤더--\n", "ko")


def test_malay_spacing_and_an_added_colon():
    assert found("file not found.", "fail tidak dijumpai .", "ms") == {
        "punctuation": ["a space before '.'"]
    }
    assert found("writing to %s", "Menulis  ke %s", "ms") == {"punctuation": ["double space"]}
    assert found("File name", "Nama fail:", "ms") == {
        "punctuation": ["the translation adds a colon the source does not have"]
    }
    assert found("File name", "파일 이름:", "ko") == {
        "punctuation": ["the translation adds a colon the source does not have"]
    }


def test_a_korean_ui_sentence_takes_its_full_stop():
    source = "Function name can only contain digits, letters and underscores"
    assert found(source, "함수 이름은 숫자, 문자, 밑줄만 사용할 수 있습니다.", "ko") == {}


# ---- placeholder errors are what msgfmt -c rejects -------------------------------------------

FORMAT_CASES = [
    ("c-format", "invalid number of bytes", "%s: 부적절한 바이트 수"),
    ("c-format", "%s: cannot read %d bytes", "%s: %d 바이트를 읽을 수 없음"),
    ("c-format", "%s: cannot read %d bytes", "%s: 바이트를 읽을 수 없음"),
    ("c-format", "%s: cannot read %d bytes", "%2$d 바이트: %1$s 읽기 실패"),
    ("c-format", "%s: cannot read %d bytes", "%s: %s 바이트를 읽을 수 없음"),
    ("c-format", "%<PRIuMAX> of %<PRIuMAX> bytes", "%2$<PRIuMAX> 바이트 중 %1$<PRIuMAX>"),
    ("c-format", "%<PRIuMAX> bytes", "%<PRIuMAX> bait dan %s"),
    ("python-format", "%(count)d items", "%(count)d 项"),
    ("python-format", "%(count)d items", "%(number)d 项"),
    ("python-format", "%(count)d items", "%(count)s 项"),
    ("python-brace-format", "{name} was changed", "{name} berjaya diubah"),
    ("python-brace-format", "{name} was changed", "{nama} berjaya diubah"),
]


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext's msgfmt not installed")
@pytest.mark.parametrize("flag,msgid,msgstr", FORMAT_CASES)
def test_a_placeholder_error_is_one_msgfmt_check_rejects(tmp_path, flag, msgid, msgstr):
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "ko"}
    po.append(polib.POEntry(msgid=msgid, msgstr=msgstr, flags=[flag]))
    path = tmp_path / "x.po"
    po.save(str(path))
    run = subprocess.run(
        ["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True
    )
    ours = "placeholders" in found(msgid, msgstr, "ko", flags=(flag,))
    assert ours == (run.returncode != 0), run.stderr


@pytest.mark.parametrize(
    "source, target, left",
    [
        ("Exports rose.", "Eksport▁meningkat.", "▁"),
        ("Exports rose.", "Eksport ⁇ meningkat.", "⁇"),
        ("Exports rose.", "Eksport <unk> meningkat.", "<unk>"),
        ("Exports rose.", "Eksport mening@@ kat.", "@@"),
        ("Exports rose.", "Eksport meningkat mainstre@@", "@@"),
        ("Exports rose.", "出口<0xE2>增长", "<0xE2>"),
        ("Exports rose.", ">>cmn_Hans<< 出口增长。", ">>cmn_Hans<<"),
    ],
)
def test_tokenizer_debris_is_an_error_whoever_wrote_it(source, target, left):
    assert found(source, target, "ms")["tokenizer-debris"] == [
        f"tokenizer debris in the translation: {left}"
    ]
    assert dict(checks.severities())["tokenizer-debris"] == "error"


def test_debris_the_source_has_too_and_ordinary_text_are_not_debris():
    assert "tokenizer-debris" not in found("The ▁ mark.", "Tanda ▁ itu.", "ms")
    for text in ("a_b@example.com", "snake_case_name", "C@@ is odd? no: C++", "<0x41> is A"):
        assert "tokenizer-debris" not in found(text, text + ".", "ms")


# ---- false findings seen on catalogs the checks were not written on -------------------------


def test_a_numbered_placeholder_is_not_a_number():
    # xfce4-panel's fuzzy clock (zh_CN): %0 is this hour, %1 the next
    zh = checks.Context("zh_CN")
    assert checks.check_numbers("twenty five to %1", "%0 点 35 分", zh) == []
    assert checks.check_numbers("Page %1 of %2", "第 %1 页，共 %2 页", zh) == []
    # a real number next to a percent sign is still a number
    assert checks.check_numbers("It rose 25%, to 3 million", "上升了 20%，达到 300万", zh) != []


def test_a_text_that_is_one_abbreviated_word_keeps_no_sentence_end():
    # Django's month abbreviations (ko)
    ko = checks.Context("ko")
    for source, target in (("Jan.", "1월"), ("Sept.", "9월"), ("Dec.", "12월")):
        assert checks.check_punctuation(source, target, ko) == []
    assert checks.check_punctuation("The file was saved.", "파일이 저장되었습니다", ko) != []


def test_a_glossary_term_inside_a_hyphenated_compound_is_not_judged():
    from pipeline.glossary import Term

    term = Term("President", {"ko": "대통령"})
    ko = checks.Context("ko", (term,))
    assert checks.check_glossary("The Vice-President spoke.", "부통령이 말했다.", ko) == []
    assert checks.check_glossary("The President spoke.", "회장이 말했다.", ko) != []
