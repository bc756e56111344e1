"""What real catalogs lose that a checker can see: whitespace at the ends, accelerators, the
markup of a help catalog, interface labels, number ranges, coded option arguments, file names,
directives glued to CJK text, ``%%`` in unformatted text, an ASCII mark after a placeholder in
Chinese; and what is no problem (commands, code, command syntax, ordinals). The examples are
from real catalogs: ``../shared/pocorpus`` where it has one (read there), the others from
GNU coreutils and tar, GNOME gedit (UI and help), Xfce and Django."""

from __future__ import annotations

import time

import polib
import pytest
from conftest import corpus_params

from pipeline import catalog, checks, keeps, qa


def found(
    msgid: str, msgstr: str, lang: str, flags: tuple[str, ...] = (), comment: str = ""
) -> dict[str, list[str]]:
    entry = polib.POEntry(msgid=msgid, msgstr=msgstr, flags=list(flags), comment=comment)
    result: dict[str, list[str]] = {}
    for name, message in checks.findings(entry, checks.Context(lang)):
        result.setdefault(name, []).append(message)
    return result


def corpus_entry(corpus, name: str, msgid: str) -> polib.POEntry:
    po = catalog.load(corpus / name)
    return next(e for e in po if e.msgid == msgid and not e.obsolete)


def corpus_findings(corpus, name: str, msgid: str) -> dict[str, list[str]]:
    po = catalog.load(corpus / name)
    entry = corpus_entry(corpus, name, msgid)
    ctx = checks.context_for(po, qa.language_of(po, corpus / name))
    result: dict[str, list[str]] = {}
    for check, message in checks.findings(entry, ctx):
        result.setdefault(check, []).append(message)
    return result


# ---- whitespace -------------------------------------------------------------------------


def test_whitespace_lost_at_the_ends_glues_words(corpus):
    problems = corpus_findings(corpus, "ms/GNOME__gnome-calculator__ms.po", " to ")
    assert problems["whitespace"] == [
        "the source starts with ' ', the translation does not",
        "the source ends with ' ', the translation does not",
    ]
    # coreutils' "Verify " in Malay: the file name printed next is glued to the word
    assert found("Verify ", "Tentusah", "ms")["whitespace"] == [
        "the source ends with ' ', the translation does not"
    ]


def test_a_help_texts_trailing_blank_line_lost_or_added_is_reported():
    source = "  -v, --verbose   explain what is being done\n\n"
    lost = found(source, "  -v, --verbose   terangkan apa yang dilakukan\n", "ms")
    assert lost["whitespace"] == ["2 line break(s) at the end of the source, 1 in the translation"]
    added = found("Usage:\n", "Penggunaan:\n\n", "ms")
    assert added["whitespace"] == ["1 line break(s) at the end of the source, 2 in the translation"]


def test_a_full_width_mark_stands_for_the_space_after_it(corpus):
    assert "whitespace" not in corpus_findings(
        corpus, "zh_CN/xfce-mirror__thunar__zh_CN.po", "Size: "
    )
    assert "whitespace" not in found("Name: %s\n", "名称：%s\n", "zh_CN", ("c-format",))


def test_a_lost_space_next_to_a_directive_in_c_format_is_an_error():
    problems = found("%s ", "%s", "ms", ("c-format",))
    assert problems["directive-space"] == [
        "the space after the directive that ends the source is lost"
    ]
    assert checks.CHECK_BY_ID["directive-space"].severity == "error"
    lead = found(" %s", "%s", "zh_CN", ("c-format",))
    assert lead["directive-space"] == [
        "the space before the directive that starts the source is lost"
    ]
    # without the flag, or with the space kept, or a space not next to a directive: no error
    assert "directive-space" not in found("%s ", "%s", "ms")
    assert "directive-space" not in found("%s ", "%s ", "ms", ("c-format",))
    assert "directive-space" not in found("Verify %s: ", "Tentusah %s:", "ms", ("c-format",))


@pytest.mark.parametrize("path", corpus_params())
def test_no_error_level_whitespace_finding_on_the_real_catalogs(corpus, path):
    po = catalog.load(path)
    ctx = checks.context_for(po, qa.language_of(po, path))
    result = qa.check_catalog(po, str(path), ctx)
    assert [p for p in result.problems if p.check == "directive-space"] == []


# ---- accelerators -----------------------------------------------------------------------


def test_a_lost_accelerator_is_reported(corpus):
    problems = corpus_findings(corpus, "zh_CN/xfce-mirror__thunar__zh_CN.po", "Bulk _Rename...")
    assert problems["accelerator"] == [
        "the accelerator '_' of the source is not in the translation"
    ]
    # gedit in Chinese: "Do not _split words over two lines"
    assert "accelerator" in found("Do not _split words over two lines", "不拆分单词", "zh_CN")
    assert "accelerator" in found("Sa&ve As", "다른 이름으로 저장", "ko")
    assert "accelerator" in found("~Open", "Buka", "ms")


@pytest.mark.parametrize(
    ("source", "target", "lang"),
    [
        ("Do not _split words over two lines", "不拆分单词(_S)", "zh_CN"),
        ("_Open", "열기(_O)", "ko"),
        ("T&T Dollar", "特立尼达多巴哥元", "zh_CN"),  # gnome-calculator: a name, no mark
        ("file_name", "nama_fail", "ms"),
        ("~/Documents", "~/文档", "zh_CN"),
        ("Tom &amp; Jerry", "Tom dan Jerry", "ms"),
    ],
)
def test_accelerators_kept_and_marks_that_are_none_pass(source, target, lang):
    assert "accelerator" not in found(source, target, lang)


# ---- markup of help catalogs ------------------------------------------------------------


def test_an_element_the_source_markup_does_not_use_is_reported():
    # gedit's Mallard help in Chinese: DocBook's <guibutton> where the page says <gui>
    problems = found(
        "Click <gui>Save</gui> to keep the file.",
        "单击<guibutton>保存</guibutton>以保留文件。",
        "zh_CN",
    )
    assert problems["tags"] == ["<guibutton> is not an element of the source's markup"]
    assert "tags" not in found("Click <gui>Save</gui>.", "<gui>저장</gui>을 누르세요.", "ko")
    # a word in brackets is no markup (coreutils: "<internal>" → "<dalaman>")
    assert "tags" not in found("<internal>", "<dalaman>", "ms")


def test_an_interface_label_left_in_english_is_reported():
    problems = found(
        "Select <gui>Preferences</gui> from the menu.",
        "从菜单中选择<gui>Preferences</gui>。",
        "zh_CN",
    )
    assert problems["gui-labels"] == ["the label 'Preferences' is left in English"]
    assert "gui-labels" not in found(
        "Select <gui>Preferences</gui> from the menu.", "从菜单中选择<gui>首选项</gui>。", "zh_CN"
    )


# ---- numbers, options, file names -------------------------------------------------------


def test_a_range_changed_is_reported_though_its_ends_appear_elsewhere():
    source = "  %m   month (01..12)\n  %d   day of month (e.g., 01)\n"
    target = "  %m   月份 (00-12)\n  %d   按月计的日期 (例如：01)\n"
    problems = found(source, target, "zh_CN", ("c-format",))
    assert "numbers" not in problems  # 01 and 12 are both there
    assert problems["ranges"] == ["the range '01..12' is not in the translation with both its ends"]
    assert "ranges" not in found(source, target.replace("00-12", "01-12"), "zh_CN")
    assert "ranges" not in found("month (01..12)", "bulan (01..12)", "ms")


def test_a_coded_option_argument_and_a_file_name_changed_are_reported():
    od = found("  -i   same as -t dI, select decimal ints\n", "  -i   sama seperti -t dl\n", "ms")
    assert od["options"] == ["option '-t dI' is not in the translation as it is"]
    django = found(
        "Example: “/about/contact/”. Uses flatpages/default.html by default.",
        "Contoh: “/about/contact/”. Guna defulat.html secara lalai.",
        "ms",
    )
    assert django["options"] == [
        "file name 'flatpages/default.html' is not in the translation as it is"
    ]
    assert "options" not in found("-n lines", "-n baris", "ms")


def test_an_ordinal_chinese_numeral_renders_the_number():
    # coreutils' "NFS version 3" → "NFS 第三版": 第三 is "third", not a numeral inside a word
    assert found("NFS version 3", "NFS 第三版", "zh_CN") == {}
    assert "number-words" in found("instead of 2", "代替二进制", "zh_CN")


# ---- format directives ------------------------------------------------------------------


def test_a_directive_glued_to_cjk_text_is_seen():
    problems = found("Replace the file", "替换文件%s", "zh_CN")
    assert problems["format-added"] == [
        "%s in the translation, though the source has no format directive"
    ]


def test_a_doubled_per_cent_in_unformatted_text_is_reported():
    problems = found("100% complete", "100%% selesai", "ms")
    assert problems["format-added"] == [
        "'%%' in the translation of a text printed without formatting: it shows as '%%'"
    ]
    assert "format-added" not in found("100%% complete", "100%% selesai", "ms", ("c-format",))


# ---- punctuation ------------------------------------------------------------------------


def test_an_ascii_question_mark_after_a_placeholder_in_chinese_is_reported(corpus):
    problems = corpus_findings(
        corpus,
        "zh_CN/xfce-mirror__thunar__zh_CN.po",
        'Are you sure that you want to forget "%s"?',
    )
    assert problems["punctuation"] == ["ends with ASCII '?': zh_CN uses full-width punctuation"]
    assert "punctuation" in found("Replace %s?", "是否替换%s?", "zh_CN", ("c-format",))
    assert "punctuation" not in found("%s?", "%s?", "zh_CN", ("c-format",))


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("  STRING : REGEXP   anchored pattern match", "  字符串:正则表达式   锚定的模式匹配"),
        ("  -COLUMN, --columns=COLUMN\n", "  -列数, --columns=列数\n"),
        ("up ???? days ??:??", "已运行 ???? 天 ??:??"),
        ('"', "「"),
        ("'", "“"),
    ],
)
def test_command_syntax_and_quotation_mark_entries_are_not_punctuation(source, target):
    assert "punctuation" not in found(source, target, "zh_CN")


# ---- untranslated text ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "target", "comment"),
    [
        ("sudo gedit", "sudo gedit", ""),
        ("et (expandtab)", "et (expandtab)", "(itstool) path: item/p/code"),
        (
            "<code>set tabstop=4 and expandtab</code>",
            "<code>set tabstop=4 and expandtab</code>",
            "",
        ),
        (
            "Run <code>gedit --new-window with the file</code> now.",
            "<code>gedit --new-window with the file</code>를 지금 실행하세요.",
            "",
        ),
    ],
)
def test_commands_and_code_of_help_catalogs_may_stay_in_english(source, target, comment):
    assert "untranslated-text" not in found(source, target, "ko", comment=comment)


def test_a_stray_english_function_word_in_a_korean_sentence_is_reported():
    problems = found("Copy the files and folders", "파일 and 폴더를 복사합니다", "ko")
    assert problems["untranslated-text"] == ["English word left in the translation: 'and'"]
    # a program's name or a term of the trade may stay ("tar", "toctree")
    assert "untranslated-text" not in found(
        "This does not look like a tar archive", "tar 아카이브가 아닌 것 같습니다", "ko"
    )


# ---- linear time ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "make",
    [
        lambda n: "%" + " " * n + "x",
        lambda n: "<gui>" * n,
        lambda n: "<a " + "b" * n,
        lambda n: "1-" * n,
        lambda n: "_a" * n,
        lambda n: "파일 a" * n,
        lambda n: "a/" * n + ".html",
    ],
)
def test_the_new_checks_take_linear_time_on_hostile_text(make):
    def run(text: str) -> None:
        entry = polib.POEntry(msgid=text, msgstr=text + " ", flags=["c-format"])
        checks.findings(entry, checks.Context("ko"))
        keeps.without_code(text)

    def timed(text: str) -> float:
        start = time.perf_counter()
        run(text)
        return time.perf_counter() - start

    small, large = make(2_000), make(16_000)
    run(small)
    # each size timed five times in turn, the least of each kept: a machine busy with other
    # work slows both alike (timed one after the other, a burst of it once made 8 times the
    # text look 27 times as slow; alone, 8.8)
    pairs = [(timed(small), timed(large)) for _ in range(5)]
    once = min(small for small, _ in pairs)
    assert min(large for _, large in pairs) < max(once, 1e-4) * 24


@pytest.mark.parametrize(
    ("name", "msgid", "word"),
    [
        ("ms/Distrotech__coreutils__ms.po", "multiple -l or -t options specified", "or"),
        (
            "ms/JaydeepDebnath__django_basics__admin-django.po",
            "Deleting the selected %(objects_name)s would result in deleting related objects, "
            "but your account doesn't have permission to delete the following types of objects:",
            "to",
        ),
    ],
)
def test_a_stray_english_function_word_in_malay_is_reported(corpus, name, msgid, word):
    problems = corpus_findings(corpus, name, msgid)
    assert problems["untranslated-text"] == [f"English word left in the translation: {word!r}"]


def test_a_malay_translation_keeping_names_and_code_has_no_stray_word():
    assert "untranslated-text" not in found(
        "cannot combine signal with -l or -t", "tak boleh gabungkan isyarat dengan -l atau -t", "ms"
    )
    assert "untranslated-text" not in found("Tom and Jerry", "Tom and Jerry", "ms")


def test_a_doubled_full_width_comma_is_reported(corpus):
    problems = corpus_findings(
        corpus,
        "zh_CN/xfce-mirror__thunar__zh_CN.po",
        "The format describes the date and time parts to insert into the file name. For example, "
        "%Y will be substituted with the year, %m with the month and %d with the day. See the "
        "documentation of the date utility for additional information.",
    )
    assert problems["punctuation"] == ["'，' doubled"]


def test_a_space_added_before_the_final_line_break_is_reported(corpus):
    problems = corpus_findings(corpus, "ms/Distrotech__coreutils__ms.po", "removed %s\n")
    assert problems["whitespace"] == ["a space before the final line break that the source lacks"]


@pytest.mark.parametrize(
    "msgid",
    [
        "Usage: %s [OPTION]... [FILE]...\n",
        "Usage: %s [OPTION]... FILE1 FILE2\n",
        "Usage: %s [OPTION]... [-] [NAME=VALUE]... [COMMAND [ARG]...]\n",
    ],
)
def test_usage_items_run_together_are_reported(corpus, msgid):
    problems = corpus_findings(corpus, "ms/Distrotech__coreutils__ms.po", msgid)
    assert problems["whitespace"] == [
        "a space between the items of a usage line lost ('...[FILE]')"
    ]
    assert "whitespace" not in corpus_findings(
        corpus, "ms/Distrotech__coreutils__ms.po", "Usage: %s [OPTION]... FILE PATTERN...\n"
    )
