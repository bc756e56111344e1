"""The checks on what real catalogs hold: what a reviewer would not call a problem is not
reported (lists the program splits, code, names, numbers as words, …), and what they missed is
(format directives added, number ranges, option lists, spacing, an added colon)."""

from __future__ import annotations

import shutil
import subprocess

import polib
import pytest

from pipeline import checks, keeps


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


# ---- problems missed on catalogs the checks were not written on ----------------------------


def test_an_english_function_word_beside_a_placeholder_in_malay():
    # GNU diffutils in Malay: "and", "by" left among placeholders
    written = [
        ("Written by %s and %s.\n", "Ditulis oleh %s and %s.\n", "and"),
        ("Written by %s, %s, and %s.\n", "Ditulis oleh %s, %s, and %s.\n", "and"),
        ("Written by %s, %s, %s,\nand %s.\n", "Ditulis oleh by %s, %s, %s,\nand %s.\n", "by"),
    ]
    for source, target, word in written:
        assert found(source, target, "ms", flags=("c-format",)) == {
            "untranslated-text": [f"English word left in the translation: {word!r}"]
        }
    # GNU coreutils and Django admin in Malay: the same words translated
    translated = [
        ("The strings compared were %s and %s.", "Rentetan dibandingkan adalah %s dan %s."),
        ("%s and %s are the same file", "%s dan %s adalah fail yang sama"),
        ("cannot move %s to %s", "tak dapat pindahkan %s ke %s"),
        ("Written by %s.\n", "Ditulis oleh %s.\n"),
        (
            "Please enter the correct %(username)s and password for a staff account. Note "
            "that both fields may be case-sensitive.",
            "Sila masukkan %(username)s dan kata-laluan bagi akaun staf. Kedua-dua medan "
            "berkemungkinan kes-sensitif.",
        ),
    ]
    for source, target in translated:
        assert found(source, target, "ms") == {}


def test_a_copied_sentence_with_placeholders_is_untranslated():
    # Django's core catalog in Korean: two messages copied as they are
    for text in ("Invalid page (%(page_number)s): %(message)s", "Index of %(directory)s"):
        assert found(text, text, "ko", flags=("python-format",)) == {
            "untranslated-text": ["the translation is the source text"]
        }
    # Thunar in Chinese: a file name kept; GNOME Calculator: a name with a year
    assert found("Example.txt", "Example.txt", "zh_CN") == {}
    assert found("© 1986–%d The Calculator authors", "© 1986–%d The Calculator authors", "ko") == {}
    # into Malay a short copy may be the translation: a capitalised first word is not counted
    assert found("Index of %(directory)s", "Index of %(directory)s", "ms") == {}


def test_an_everyday_english_word_left_in_korean():
    # Django's core catalog in Korean
    assert found(
        "(Hidden field %(name)s) %(error)s",
        "(%(name)s  hidden 필드) %(error)s",
        "ko",
        flags=("python-format",),
    )["english-words"] == ["English word left in the translation: 'hidden'"]
    assert found(
        "'%(value)s' value has the correct format (YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ]) but it "
        "is an invalid date/time.",
        "'%(value)s' 값은 맞는 포맷이지만 (YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ]) 유효하지 않은 "
        "date/time입니다.",
        "ko",
        flags=("python-format",),
    ) == {"english-words": ["English word left in the translation: 'date/time'"]}
    assert checks.severities()["english-words"] == "warning"


QUIET_ENGLISH = [
    # Sphinx in Korean: a term of the trade, syntax
    ("ko", "document isn't included in any toctree", "문서가 어느 toctree에도 포함되어 있지 않음"),
    (
        "ko",
        "-D option argument must be in the form name=value",
        "-D 옵션 인수는 name=value 형식이어야 합니다",
    ),
    # Thunar in Chinese: a program the source names, file names
    (
        "zh_CN",
        "The format describes the date and time parts to insert into the file name. For example, "
        "%Y will be substituted with the year, %m with the month and %d with the day. See the "
        "documentation of the date utility for additional information.",
        "描述插入文件名中的日期和时间部分的格式。比如，会用年替换 %Y，会用月替换 %m，，会用日替换 %d。"
        "参看 date 工具的文档获取详情。",
    ),
    (
        "zh_CN",
        "If enabled, letter case must match the pattern.\nExamp* would match Example.txt and not "
        "example.txt",
        "如果启用，字母大小写必须与模式匹配。\nExamp* 将匹配 Example.txt 而不是 example.txt",
    ),
]


@pytest.mark.parametrize("lang,source,target", QUIET_ENGLISH)
def test_terms_programs_and_code_are_no_english_left(lang, source, target):
    assert "english-words" not in found(source, target, lang)


def catalog_of(lang: str, pairs: list[tuple[str, str]]) -> checks.Context:
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": lang}
    for msgid, msgstr in pairs:
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    return checks.context_for(po, lang)


# Labels of xfce4-panel's Chinese catalog: most end with "：".
XFCE_LABELS = [
    ("Profiles:", "配置："),
    ("M_ode:", "模式(_O)："),
    ("O_utput:", "输出(_U)："),
    ("L_ength (pixels):", "长度(像素)(_E)："),
    ("_Style:", "样式(_S)："),
    ("Si_ze:", "大小(_S):"),
    ("Fixed icon _size (pixels):", "固定图标大小(像素)(_S):"),
    ("_Help", "帮助(_H)"),
]


def test_an_ascii_colon_among_labels_that_end_with_a_full_width_one():
    ctx = catalog_of("zh_CN", XFCE_LABELS)
    assert ctx.label_colon == "："
    source, target = "Fixed icon _size (pixels):", "固定图标大小(像素)(_S):"
    assert checks.check_punctuation(source, target, ctx) == [
        "ends with ASCII ':' where this catalog's labels end with '：'"
    ]
    # reported once: after a Chinese character the colon is wrong in any catalog
    assert checks.check_punctuation("Si_ze:", "大小(_S):", ctx) == [
        "ends with ASCII ':': zh_CN uses full-width punctuation"
    ]
    # Alone, or among labels that end with ":" (Thunar's), the colon after ")" is left alone.
    assert checks.check_punctuation(source, target, checks.Context("zh_CN")) == []
    thunar = [
        ("_Access:", "访问(_A):"),
        ("Gro_up:", "群组(_U):"),
        ("_Format:", "格式(_F):"),
        ("_Name:", "名称(_N):"),
        ("_Pattern:", "类型(_P):"),
        ("Fixed icon _size (pixels):", "固定图标大小(像素)(_S):"),
    ]
    ctx = catalog_of("zh_CN", thunar)
    assert ctx.label_colon == ":"
    assert checks.check_punctuation(source, target, ctx) == []


XFCE_HELP = (
    "The format describes the date and time parts to insert into the panel. For example, %Y "
    "will be substituted with the year, %m with the month and %d with the day. Similarly, "
    "&lt;b&gt;&lt;/b&gt; tags will make the text bold. See the &quot;Help&quot; page for "
    "additional information.",
    "此格式描述要插入面板的日期和时间的部分。比如，用年替换 %Y ，同样用月和天替换 %m 和 %d 。同样， "
    "&lt;b&gt;&lt;/b&gt; 标记将使文本变为粗体。请在 &quot;Help&quot;页面中参看额外信息。",
)


def test_a_quoted_label_the_catalog_translates_is_not_left_in_english():
    ctx = catalog_of("zh_CN", XFCE_LABELS)
    assert keeps.check_gui_labels(*XFCE_HELP, ctx) == [
        "the label 'Help' is left in English (this catalog translates it as '帮助')"
    ]
    # a catalog without the label: nothing to compare with
    assert keeps.check_gui_labels(*XFCE_HELP, checks.Context("zh_CN")) == []
    # Sphinx in Korean: a quoted lower-case word is a value, though the catalog has "index"
    sphinx = catalog_of("ko", [("index", "색인"), ("Index", "색인")])
    source = (
        'Normally, this is "index", but if your "index"\ndocument is a custom template, you can '
        "also set this to another filename."
    )
    target = (
        '일반적으로 이 값은 "index" 이지만, "index" 문서가\n사용자 정의 템플릿일 경우 이를 다른 파일 '
        "이름으로 설정할 수도 있습니다."
    )
    assert keeps.check_gui_labels(source, target, sphinx) == []


class DictMemo(dict):
    def put(self, key, value):
        self[key] = value


def test_the_memo_keys_an_entry_by_the_catalog_labels_its_source_quotes():
    entry = polib.POEntry(msgid=XFCE_HELP[0], msgstr=XFCE_HELP[1])
    memo = DictMemo()
    po = polib.POFile()
    po.metadata = {"Language": "zh_CN"}
    before = checks.findings(entry, checks.context_for(po, "zh_CN", memo=memo))
    po.append(polib.POEntry(msgid="_Help", msgstr="帮助(_H)"))
    after = checks.findings(entry, checks.context_for(po, "zh_CN", memo=memo))
    assert "gui-labels" not in dict(before) and "gui-labels" in dict(after)
    # ... and by the catalog's label colon
    label = polib.POEntry(msgid="Fixed icon _size (pixels):", msgstr="固定图标大小(像素)(_S):")
    assert checks.findings(label, checks.context_for(po, "zh_CN", memo=memo)) == []
    for msgid, msgstr in XFCE_LABELS[:5]:
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    assert [n for n, _ in checks.findings(label, checks.context_for(po, "zh_CN", memo=memo))] == [
        "punctuation"
    ]


def test_an_accelerator_inside_a_number_does_not_split_it():
    # geeqie in Korean
    assert found("Rotate 1_80°", "180° 회전하기(_8)", "ko") == {}
    assert "numbers" in found("Rotate 1_80°", "18° 회전하기(_8)", "ko")


def test_a_qt_or_wx_mnemonic_after_chinese_is_not_the_text_end():
    # Aegisub in Chinese: the mark is there, before "(&S)"
    for source, target in (
        ("&Start!", "开始！(&S)"),
        ("&Import from script...", "从脚本中导入…(&I)"),
        ("C&ustom...", "自定义…(&U)"),
    ):
        assert found(source, target, "zh_CN") == {}
    # Aegisub: a label whose colon is lost is still reported
    assert list(found("Max. line length:", "最大行长度", "zh_CN")) == ["punctuation"]


def test_a_korean_particle_attaches_to_the_word_printed_before_it():
    # geeqie in Korean
    assert found(" is not a folder\n", "은(는) 폴더가 아닙니다\n", "ko") == {}
    assert found(" is not a file\n", "은(는) 파일이 아닙니다\n", "ko") == {}
    # the space lost before a word is still reported
    assert "whitespace" in found(" is not a folder\n", "폴더가 아닙니다\n", "ko")


def test_a_file_name_copied_is_not_untranslated():
    # geeqie in Korean; Aegisub's copied label still is (zh_CN)
    assert found("new.desktop", "new.desktop", "ko") == {}
    assert found("Automatic karaoke lead-in", "Automatic karaoke lead-in", "zh_CN") == {
        "untranslated-text": ["the translation is the source text"]
    }


def test_a_text_with_no_digit_is_read_as_the_patterns_read_it(corpus, monkeypatch):
    """The numbers check skips its patterns for a text with no digit (most of an article's):
    over every entry of the real catalogs, and their translations in each language, the
    numbers found, and what the check says, are those found with every pattern run."""
    from pipeline import numbers

    pairs = []
    for path in sorted(corpus.glob("*/*.po")):
        lang = path.parent.name
        pairs += [(e.msgid, e.msgstr, lang) for e in polib.pofile(str(path)) if e.msgstr]
    pairs += [
        (s, t, lang)
        for s, t in [("Two million", "2백만"), ("십만 명", "x")]
        for lang in ("ko", "ms")
    ]

    def read(pairs: list) -> list:
        return [
            (
                numbers.quantities(s),
                numbers.values(t, lang),
                numbers.judge(s, t, lang),
                numbers.values(s, lang),  # (the source read as the language: scale words alone)
            )
            for s, t, lang in pairs
        ]

    skipped = read(pairs)
    monkeypatch.setattr(numbers, "_numberless", lambda text, lang: False)
    assert skipped == read(pairs)
    assert sum(not numbers._DIGIT.search(s) for s, _, _ in pairs) > 1000  # (the gate was tried)
