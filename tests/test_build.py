"""`l10n build`: text, Markdown and HTML pages, .mo catalogs and the index, from a small project
made in tmp_path: a short article, pact.txt, and its complete catalogs (the project's own
catalogs are being translated by someone else)."""

from __future__ import annotations

import contextlib
import gettext
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from conftest import LANGUAGES, built_files, l10n

from heavy import run_probe

from pipeline import build, checks, render
from pipeline.languages import language_info

SOURCE = """\
Seoul and Singapore sign a green shipping pact

Sign up now: Get ST's newsletters delivered to your inbox

The leaders met in Seoul on Monday.

The leaders met in Seoul on Monday.

ST PHOTO: JANE DOE

Follow topic:
  • Both sides signed eight agreements.
  • Trade will grow.

SEOUL – The two countries agreed to work together. They will share data.

“We are partners,” he said.
"""

TRANSLATIONS = {
    "ko": {
        "Seoul and Singapore sign a green shipping pact": "서울과 싱가포르, 녹색 해운 협정 체결",
        "The leaders met in Seoul on Monday.": "두 정상은 월요일 서울에서 만났다.",
        "ST PHOTO: JANE DOE": "사진: 스트레이츠타임스 제인 도",
        "Both sides signed eight agreements.": "양측은 협정 8건에 서명했다.",
        "Trade will grow.": "교역이 늘어날 것이다.",
        "SEOUL – The two countries agreed to work together.": "서울 – 양국은 협력하기로 했다.",
        "They will share data.": "양국은 데이터를 공유한다.",
        "“We are partners,” he said.": "“우리는 동반자”라고 그는 말했다.",
    },
    "zh_Hans": {
        "Seoul and Singapore sign a green shipping pact": "首尔与新加坡签署绿色航运协定",
        "The leaders met in Seoul on Monday.": "两国领导人周一在首尔会面。",
        "ST PHOTO: JANE DOE": "海峡时报摄影：简·多伊",
        "Both sides signed eight agreements.": "双方签署了八项协议。",
        "Trade will grow.": "贸易将会增长。",
        "SEOUL – The two countries agreed to work together.": "首尔讯——两国同意合作。",
        "They will share data.": "两国将共享数据。",
        "“We are partners,” he said.": "他说：“我们是伙伴。”",
    },
    "ms": {
        "Seoul and Singapore sign a green shipping pact": "Seoul dan Singapura meterai pakatan perkapalan hijau",
        "The leaders met in Seoul on Monday.": "Kedua-dua pemimpin bertemu di Seoul pada Isnin.",
        "ST PHOTO: JANE DOE": "FOTO ST: JANE DOE",
        "Both sides signed eight agreements.": "Kedua-dua pihak menandatangani lapan perjanjian.",
        "Trade will grow.": "Perdagangan akan berkembang.",
        "SEOUL – The two countries agreed to work together.": "SEOUL – Kedua-dua negara bersetuju bekerjasama.",
        "They will share data.": "Mereka akan berkongsi data.",
        "“We are partners,” he said.": "“Kami rakan kongsi,” katanya.",
    },
}
STEM = "pact"
LANGS = ("ko", "zh_Hans", "ms")


def write_po(root: Path, lang: str, translations: dict[str, str], fuzzy: tuple[str, ...] = ()):
    """locales/<lang>/LC_MESSAGES/pact.po with every source sentence; ``translations`` filled
    in (those in ``fuzzy`` flagged fuzzy)."""
    po = polib.POFile(wrapwidth=79)
    po.metadata = {
        "Project-Id-Version": "demo pact",
        "PO-Revision-Date": "2026-11-02 09:30+0000",
        "Language": lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=1; plural=0;",
    }
    for msgid in TRANSLATIONS["ko"]:
        entry = polib.POEntry(msgid=msgid, msgstr=translations.get(msgid, ""))
        if msgid in fuzzy:
            entry.flags.append("fuzzy")
        po.append(entry)
    path = root / "locales" / lang / "LC_MESSAGES" / f"{STEM}.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(path))
    return path


def make_article(
    make_project,
    root: str | Path = "project",
    settings: str = "",
    translated: tuple[str, ...] = LANGS,
    languages: dict[str, str] = LANGUAGES,
) -> Path:
    """A project (``make_project`` is the conftest fixture) with the article as its one source
    and complete catalogs for the ``translated`` languages."""
    root = make_project(
        root, settings=settings, languages=languages, sources={f"{STEM}.txt": SOURCE}
    )
    for lang in translated:
        write_po(root, lang, TRANSLATIONS[lang])
    return root


def run_l10n(root: Path, *args: str, status: int = 0):
    """``l10n ARGS`` inside ``root``, which must exit with ``status``; the click result."""
    with contextlib.chdir(root):
        result = l10n(*args)
    assert result.exit_code == status, result.output
    return result


def run_build(root: Path, *args: str, status: int = 0):
    return run_l10n(root, "build", *args, status=status)


def out(root: Path, lang: str, fmt: str) -> Path:
    return root / "build" / lang / f"{STEM}.{fmt}"


class Tree(HTMLParser):
    """A strict little DOM: elements with attributes and text; unclosed or misnested tags and
    a second root element are errors."""

    VOID = frozenset({"meta", "link", "br", "img", "hr", "input", "source", "wbr"})

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.root = {"tag": "#document", "attrs": {}, "children": [], "text": ""}
        self.stack = [self.root]
        self.doctype = None
        self.feed(text)
        self.close()
        assert len(self.stack) == 1, f"unclosed: {[e['tag'] for e in self.stack[1:]]}"

    def handle_decl(self, decl):
        self.doctype = decl

    def handle_starttag(self, tag, attrs):
        element = {"tag": tag, "attrs": dict(attrs), "children": [], "text": ""}
        self.stack[-1]["children"].append(element)
        if tag not in self.VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        assert tag not in self.VOID, f"end tag for void element {tag}"
        assert self.stack[-1]["tag"] == tag, f"</{tag}> closes <{self.stack[-1]['tag']}>"
        self.stack.pop()

    def handle_data(self, data):
        self.stack[-1]["children"].append(data)

    # queries
    def all(self, tag=None, element=None, **attrs):
        element = element or self.root
        found = []
        for child in element["children"]:
            if isinstance(child, dict):
                if (tag is None or child["tag"] == tag) and all(
                    child["attrs"].get(k.rstrip("_").replace("_", "-")) == v
                    for k, v in attrs.items()
                ):
                    found.append(child)
                found += self.all(tag, child, **attrs)
        return found

    def one(self, tag, element=None, **attrs):
        found = self.all(tag, element, **attrs)
        assert len(found) == 1, f"{len(found)} <{tag} {attrs}>"
        return found[0]

    @staticmethod
    def text(element) -> str:
        return "".join(c if isinstance(c, str) else Tree.text(c) for c in element["children"])


def page(root: Path, lang: str) -> Tree:
    return Tree(out(root, lang, "html").read_text(encoding="utf-8"))


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """The build's outputs (not the commands' ledgers) → their bytes and modification times."""
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".l10n" not in p.parts
    }


# ---- formats --------------------------------------------------------------------------------


def test_text_keeps_structure_and_joins_sentences_as_each_language_does(make_project):
    root = make_article(make_project)
    run_build(root)

    ko = out(root, "ko", "txt").read_text(encoding="utf-8")
    assert ko == (
        "서울과 싱가포르, 녹색 해운 협정 체결\n\n"
        "두 정상은 월요일 서울에서 만났다.\n\n"
        "사진: 스트레이츠타임스 제인 도\n\n"
        "• 양측은 협정 8건에 서명했다.\n"
        "• 교역이 늘어날 것이다.\n\n"
        "서울 – 양국은 협력하기로 했다. 양국은 데이터를 공유한다.\n\n"
        "“우리는 동반자”라고 그는 말했다.\n"
    )
    zh = out(root, "zh_Hans", "txt").read_text(encoding="utf-8")
    assert "首尔讯——两国同意合作。两国将共享数据。\n" in zh  # no space between sentences
    ms = out(root, "ms", "txt").read_text(encoding="utf-8")
    assert "SEOUL – Kedua-dua negara bersetuju bekerjasama. Mereka akan berkongsi data.\n" in ms
    en = out(root, "en", "txt").read_text(encoding="utf-8")
    assert en.startswith("Seoul and Singapore sign a green shipping pact\n\n")
    assert "Sign up now" not in en and "Follow topic" not in en  # site chrome is not content
    assert en.count("The leaders met in Seoul on Monday.") == 1  # repeated alt-text caption


def test_markdown_has_heading_list_and_emphasised_caption(make_project):
    root = make_article(make_project)
    run_build(root)
    md = out(root, "ko", "md").read_text(encoding="utf-8")
    lines = md.split("\n")
    assert lines[0] == "# 서울과 싱가포르, 녹색 해운 협정 체결"
    assert "*두 정상은 월요일 서울에서 만났다.*" in lines
    assert "- 양측은 협정 8건에 서명했다.\n- 교역이 늘어날 것이다.\n\n" in md

    markdown_it = pytest.importorskip("markdown_it", reason="markdown-it-py renders CommonMark")
    html = Tree(markdown_it.MarkdownIt("commonmark").render(md))
    assert Tree.text(html.one("h1")) == "서울과 싱가포르, 녹색 해운 협정 체결"
    assert [Tree.text(li) for li in html.all("li")] == [
        "양측은 협정 8건에 서명했다.",
        "교역이 늘어날 것이다.",
    ]
    assert Tree.text(html.one("em")) == "두 정상은 월요일 서울에서 만났다."


def test_html_page_is_complete_html5_with_alternates_and_switcher(make_project):
    root = make_article(make_project)
    run_build(root)
    html = page(root, "zh_Hans")
    assert html.doctype == "DOCTYPE html"
    document = html.one("html")
    assert document["attrs"] == {"lang": "zh-Hans", "dir": "ltr"}
    head = html.one("head")
    assert head["children"][0] != "" and html.all("meta")[0]["attrs"] == {"charset": "utf-8"}
    assert Tree.text(html.one("title")) == "首尔与新加坡签署绿色航运协定"
    alternates = {
        link["attrs"]["hreflang"]: link["attrs"]["href"]
        for link in html.all("link", rel="alternate")
    }
    assert alternates == {
        "x-default": f"../en/{STEM}.html",
        "en": f"../en/{STEM}.html",
        "ko": f"../ko/{STEM}.html",
        "zh-Hans": f"../zh_Hans/{STEM}.html",
        "ms": f"../ms/{STEM}.html",
    }
    nav = html.one("nav")
    names = {
        Tree.text(e): e["attrs"].get("lang")
        for e in html.all(None, nav)
        if e["tag"] in ("a", "span")
    }
    assert names["한국어"] == "ko" and names["中文 (简体)"] == "zh-Hans"
    assert names["Melayu"] == "ms" and names["English"] == "en"
    current = html.one("span", nav, aria_current="page")
    assert Tree.text(current) == "中文 (简体)"
    assert not html.all("script") and not html.all("link", rel="stylesheet")  # self-contained
    css = Tree.text(html.one("style"))
    assert '"Noto Sans CJK SC"' in css and '"Noto Sans CJK KR"' in css
    assert "@media" in css and "max-width" in css
    article = html.one("article")
    assert Tree.text(html.one("h1", article)) == "首尔与新加坡签署绿色航运协定"
    assert [Tree.text(li) for li in html.all("li", html.one("ul", article))] == [
        "双方签署了八项协议。",
        "贸易将会增长。",
    ]
    figcaption = html.one("figcaption")
    assert Tree.text(html.one("p", figcaption, class_="caption")) == "两国领导人周一在首尔会面。"
    assert Tree.text(html.one("p", figcaption, class_="credit")) == "海峡时报摄影：简·多伊"
    assert not html.all(None, article, lang="en")  # fully translated: nothing marked English
    assert not html.all("p", class_="notice")
    footer = Tree.text(html.one("footer"))
    assert "2026年11月2日" in footer  # PO-Revision-Date, formatted by babel for zh_Hans


def test_hostile_translations_are_shown_as_text(make_project):
    # the renderer is the last defence: the checks that would withhold these are turned off
    off = "".join(f'{name} = "off"\n' for name in ("html", "placeholders", "markup"))
    root = make_article(make_project, settings=f"[tool.l10n.checks]\n{off}")
    hostile = dict(TRANSLATIONS["ko"])
    hostile["Seoul and Singapore sign a green shipping pact"] = "<script>alert(1)</script>"
    hostile["Trade will grow."] = '" onload="alert(2)'
    hostile["They will share data."] = "<img src=x onerror=alert(3)> *강조* [링크](http://x) &amp;"
    hostile["ST PHOTO: JANE DOE"] = "# heading\n\n- list"
    write_po(root, "ko", hostile)
    run_build(root)

    html = page(root, "ko")
    assert not html.all("script") and not html.all("img")
    for element in html.all():
        assert not any(name.startswith("on") for name in element["attrs"]), element
    assert Tree.text(html.one("h1")) == "<script>alert(1)</script>"
    assert Tree.text(html.one("title")) == "<script>alert(1)</script>"
    assert '" onload="alert(2)' in [Tree.text(li) for li in html.all("li")]
    assert "<img src=x onerror=alert(3)> *강조* [링크](http://x) &amp;" in Tree.text(
        html.one("article")
    )

    md = out(root, "ko", "md").read_text(encoding="utf-8")
    markdown_it = pytest.importorskip("markdown_it", reason="markdown-it-py renders CommonMark")
    tokens = markdown_it.MarkdownIt("commonmark").parse(md)
    kinds = [t.type for t in tokens] + [c.type for t in tokens for c in t.children or ()]
    assert not set(kinds) & {"html_block", "html_inline", "link_open", "image"}
    assert kinds.count("em_open") == 1  # the caption's, not the translator's *강조*
    rendered = Tree(markdown_it.MarkdownIt("commonmark").render(md))
    assert Tree.text(rendered.one("h1")) == "<script>alert(1)</script>"
    assert len(rendered.all("h1")) == 1 and len(rendered.all("ul")) == 1
    assert "<img src=x onerror=alert(3)> *강조* [링크](http://x) &amp;" in Tree.text(rendered.root)
    assert "# heading - list" in Tree.text(rendered.root)  # a line break is not structure


def test_markdown_escape_leaves_nothing_for_commonmark_to_interpret():
    markdown_it = pytest.importorskip("markdown_it", reason="markdown-it-py renders CommonMark")
    for text in [
        "1. first",
        "2) second",
        "- dash",
        "+ plus",
        "> quote",
        "# hash",
        "=== x",
        "a_b_c *d* `e` <f> &copy; \\ [g]: h ~~i~~ | j",
    ]:
        rendered = Tree(markdown_it.MarkdownIt("commonmark").render(render.markdown_escape(text)))
        assert [e["tag"] for e in rendered.all()] == ["p"], text
        assert Tree.text(rendered.root).strip() == text


# ---- fallback and threshold -----------------------------------------------------------------


def test_untranslated_and_fuzzy_sentences_show_english_marked_and_counted(make_project):
    root = make_article(make_project, settings="min_build_coverage = 75\n")
    partial = dict(TRANSLATIONS["ko"])
    del partial["They will share data."]
    write_po(root, "ko", partial, fuzzy=("Trade will grow.",))
    result = run_build(root)
    assert "built: ko/pact: 75.0% translated, 2 of 8 sentences fall back" in result.output

    html = page(root, "ko")
    english = [Tree.text(e) for e in html.all("span", html.one("article"), lang="en")]
    assert english == ["Trade will grow.", "They will share data."]
    notice = html.one("p", class_="notice")
    assert Tree.text(notice) == "이 기사의 25%는 아직 번역되지 않아 영어로 표시됩니다."  # 2 of 8
    paragraph = next(p for p in html.all("p") if "양국은 협력하기로" in Tree.text(p))
    assert Tree.text(paragraph) == "서울 – 양국은 협력하기로 했다. They will share data."
    assert "• Trade will grow.\n" in out(root, "ko", "txt").read_text(encoding="utf-8")


def test_translation_with_an_error_finding_is_not_published_and_the_build_says_why(make_project):
    root = make_article(make_project, settings="min_build_coverage = 75\n")
    wrong = dict(TRANSLATIONS["ko"])
    wrong["Trade will grow."] = "교역이 <b>늘어날</b> 것이다."  # markup the source lacks
    write_po(root, "ko", wrong)
    result = run_build(root)

    assert "built: ko/pact: 87.5% translated, 1 of 8 sentences fall back, 1 withheld" in (
        result.output
    )
    warning = next(line for line in result.output.splitlines() if "not published" in line)
    assert warning.startswith(f"l10n: warning: locales/ko/LC_MESSAGES/{STEM}.po:")
    assert "(html: " in warning and warning.endswith("'Trade will grow.'")
    html = page(root, "ko")
    english = [Tree.text(e) for e in html.all("span", html.one("article"), lang="en")]
    assert english == ["Trade will grow."]
    assert "늘어날" not in out(root, "ko", "txt").read_text(encoding="utf-8")
    mo = root / "build" / "locale" / "ko" / "LC_MESSAGES" / f"{STEM}.mo"
    with mo.open("rb") as stream:
        catalog = gettext.GNUTranslations(stream)
    assert catalog.gettext("Trade will grow.") == "Trade will grow."
    assert catalog.gettext("They will share data.") == "양국은 데이터를 공유한다."

    again = run_build(root)  # known from the ledger: counted; --verbose says it again
    assert again.output.endswith("; 1 translation withheld for errors\n")
    assert warning in run_build(root, "--verbose").output

    write_po(root, "ko", TRANSLATIONS["ko"])  # fixed: published
    fixed = run_build(root)
    assert "not published" not in fixed.output
    assert "교역이 늘어날 것이다." in out(root, "ko", "txt").read_text(encoding="utf-8")


def test_a_build_lists_the_first_warnings_and_says_how_many_more(make_project):
    root = make_article(make_project, settings="min_build_coverage = 0\n")
    many = {msgid: f"{text} <b>x</b>" for msgid, text in TRANSLATIONS["ko"].items()}  # 8 withheld
    write_po(root, "ko", many)
    with pytest.MonkeyPatch.context() as patch:
        from pipeline import cli

        patch.setattr(cli, "BUILD_WARNINGS_SHOWN", 3)
        quiet = run_build(root, "--verbose")
        assert quiet.output.count("not published in ko/pact") == 8  # --verbose: every one
        write_po(root, "ko", {k: v + " " for k, v in many.items()})
        quiet = run_build(root)
    assert quiet.output.count("not published in ko/pact") == 3
    assert "l10n: … and 5 more warnings (--verbose lists them)" in quiet.output


def test_a_page_not_built_names_no_sentence_as_shown_in_english(make_project):
    """Below its threshold the page is not built: it shows no sentence, English or not, and
    its one line says how many translations were withheld."""
    root = make_article(make_project)
    many = {msgid: f"{text} <b>x</b>" for msgid, text in TRANSLATIONS["ko"].items()}
    write_po(root, "ko", many)
    result = run_build(root, "--verbose")
    assert "not published in ko/pact" not in result.output
    assert "not built: ko/pact: 0.0% translated, below the 80% needed, 8 withheld for errors" in (
        result.output
    )


def test_a_wrong_number_in_a_reviewed_translation_is_withheld():
    po = polib.POFile()
    po.metadata = {"Plural-Forms": "nplurals=1; plural=0;"}
    po.append(polib.POEntry(msgid="They held 200 workshops.", msgstr="워크숍을 100회 열었다."))
    po.append(polib.POEntry(msgid="It rained.", msgstr="비가 왔다."))
    po.append(polib.POEntry(msgid="It held 3 talks.", msgstr="회담 2회", flags=["fuzzy"]))
    gate = build.Gate(checks.severities(), ())
    found = build.withheld(po, "ko", "ko.po", gate, publish_drafts=False)
    assert list(found) == ["They held 200 workshops."]  # a fuzzy draft is not published anyway
    assert found["They held 200 workshops."].check == "numbers"
    with_drafts = build.withheld(po, "ko", "ko.po", gate, publish_drafts=True)
    assert list(with_drafts) == ["They held 200 workshops.", "It held 3 talks."]


def test_a_check_set_to_warning_does_not_withhold_a_translation(make_project):
    root = make_article(make_project, settings='[tool.l10n.checks]\nhtml = "warning"\n')
    wrong = dict(TRANSLATIONS["ko"])
    wrong["Trade will grow."] = "교역이 <b>늘어날</b> 것이다."
    write_po(root, "ko", wrong)
    result = run_build(root)
    assert "not published" not in result.output
    assert "교역이 <b>늘어날</b> 것이다." in out(root, "ko", "txt").read_text(encoding="utf-8")


def test_chinese_puts_a_space_only_next_to_an_english_fallback(make_project):
    root = make_article(make_project, settings="min_build_coverage = 50\n")
    partial = dict(TRANSLATIONS["zh_Hans"])
    del partial["SEOUL – The two countries agreed to work together."]
    write_po(root, "zh_Hans", partial)
    run_build(root)
    text = out(root, "zh_Hans", "txt").read_text(encoding="utf-8")
    assert "SEOUL – The two countries agreed to work together. 两国将共享数据。\n" in text
    notice = Tree.text(page(root, "zh_Hans").one("p", class_="notice"))
    assert notice == "本文有13%尚未翻译，以英语显示。"  # 1 of 8, rounded up


def test_publish_drafts_shows_fuzzy_drafts_of_the_same_english(make_project):
    root = make_article(make_project, settings="publish_drafts = true\n")
    write_po(root, "ko", TRANSLATIONS["ko"], fuzzy=("Trade will grow.",))
    run_build(root)
    html = page(root, "ko")
    assert "교역이 늘어날 것이다." in [Tree.text(li) for li in html.all("li")]
    assert not html.all("span", html.one("article"), lang="en")


def test_fallback_omit_leaves_untranslated_sentences_out(make_project):
    root = make_article(make_project, settings='fallback = "omit"\nmin_build_coverage = 50\n')
    partial = dict(TRANSLATIONS["ms"])
    del partial["Trade will grow."]
    del partial["Seoul and Singapore sign a green shipping pact"]
    write_po(root, "ms", partial)
    run_build(root)
    html = page(root, "ms")
    assert [Tree.text(li) for li in html.all("li")[-1:]] == [
        "Kedua-dua pihak menandatangani lapan perjanjian."
    ]
    assert "Trade will grow." not in out(root, "ms", "txt").read_text(encoding="utf-8")
    # a page needs a title: the English one, marked as such
    h1 = html.one("h1")
    assert h1["children"][0]["attrs"] == {"lang": "en"}
    assert Tree.text(html.one("p", class_="notice")).startswith("25% daripada artikel ini")


def test_language_below_threshold_is_not_built_and_its_stale_outputs_removed(make_project):
    root = make_article(make_project)
    run_build(root)
    assert out(root, "ms", "html").exists()
    mo = root / "build" / "locale" / "ms" / "LC_MESSAGES" / f"{STEM}.mo"
    assert mo.exists()

    few = {k: v for k, v in list(TRANSLATIONS["ms"].items())[:5]}  # 5 of 8: 62.5%
    write_po(root, "ms", few)
    result = run_build(root)
    assert "not built: ms/pact: 62.5% translated, below the 80% needed" in result.output
    for fmt in build.FORMATS:
        assert not out(root, "ms", fmt).exists()
        assert f"removed: build/ms/{STEM}.{fmt}" in result.output
    assert not mo.exists()
    assert out(root, "ko", "html").exists()

    index = Tree((root / "build" / "index.html").read_text(encoding="utf-8"))
    row = next(li for li in index.all("li", class_="language") if "Melayu" in Tree.text(li))
    assert "62% translated" in Tree.text(row) and "not published: needs 80%" in Tree.text(row)
    assert not index.all("a", row)
    ko_page = page(root, "ko")
    assert "ms" not in {link["attrs"]["hreflang"] for link in ko_page.all("link")}


def test_per_language_threshold_from_config(make_project):
    root = make_article(
        make_project,
        settings="min_build_coverage = 100\n",
        languages={**LANGUAGES, "ms": 'argos = "ms", min_build_coverage = 50'},
    )
    few = {k: v for k, v in list(TRANSLATIONS["ms"].items())[:5]}
    write_po(root, "ms", few)
    write_po(root, "ko", dict(list(TRANSLATIONS["ko"].items())[:7]))
    run_build(root)
    assert out(root, "ms", "html").exists()
    assert not out(root, "ko", "html").exists()


def test_missing_po_builds_from_source_with_a_warning(make_project):
    root = make_article(make_project, translated=("ko", "zh_Hans"))
    result = run_build(root)
    assert f"warning: locales/ms/LC_MESSAGES/{STEM}.po: not found" in result.output
    assert "not built: ms/pact: 0.0% translated" in result.output
    assert not out(root, "ms", "html").exists()

    root2 = make_article(make_project, "zero", "min_build_coverage = 0\n", translated=())
    result = run_build(root2)
    assert "not found" in result.output
    html = page(root2, "ms")
    assert html.one("html")["attrs"]["lang"] == "ms"
    assert "100% daripada artikel ini" in Tree.text(html.one("p", class_="notice"))
    assert not (root2 / "build" / "locale" / "ms").exists()  # no catalog, nothing to compile


def test_only_the_selected_languages_and_formats_are_written(make_project):
    root = make_article(make_project)
    result = run_build(root, "--lang", "ko", "--format", "html")
    assert out(root, "ko", "html").exists() and not out(root, "ko", "md").exists()
    assert not (root / "build" / "zh_Hans").exists()
    assert out(root, "en", "html").exists() and not out(root, "en", "txt").exists()
    # the switcher still lists every published language
    assert "ms" in {link["attrs"]["hreflang"] for link in page(root, "ko").all("link")}
    result = run_build(root, "--lang", "xx", status=2)
    assert "unknown language 'xx'" in result.output


def test_outputs_of_a_removed_source_are_removed(make_project):
    root = make_article(make_project)
    (root / "source" / "old.txt").write_text("Old news\n\nIt happened.\n", encoding="utf-8")
    run_build(root)
    assert (root / "build" / "en" / "old.html").exists()
    (root / "source" / "old.txt").unlink()
    result = run_build(root)
    assert "removed: build/en/old.html" in result.output
    assert not (root / "build" / "en" / "old.md").exists()
    assert "old.html" not in (root / "build" / "index.html").read_text(encoding="utf-8")


# ---- index ----------------------------------------------------------------------------------


def test_index_names_each_language_in_its_own_script_with_a_coverage_bar(make_project):
    root = make_article(make_project)
    write_po(root, "ko", dict(list(TRANSLATIONS["ko"].items())[:7]))  # 7 of 8
    run_build(root)
    index = Tree((root / "build" / "index.html").read_text(encoding="utf-8"))
    assert index.one("html")["attrs"]["lang"] == "en"
    rows = {}
    for li in index.all("li", class_="language"):
        name = index.all("span", li)[1]
        rows[Tree.text(name)] = (name["attrs"]["lang"], li)
    assert list(rows) == ["English", "한국어", "中文 (简体)", "Melayu"]
    assert [lang for lang, _ in rows.values()] == ["en", "ko", "zh-Hans", "ms"]
    _, ko = rows["한국어"]
    assert "87% translated" in Tree.text(ko)  # 87.5 rounded down
    fill = next(s for s in index.all("span", ko) if "fill" in s["attrs"].get("class", ""))
    assert fill["attrs"]["style"] == "width:87.5%"
    links = {a["attrs"]["href"] for a in index.all("a", ko)}
    assert links == {f"ko/{STEM}.html", f"ko/{STEM}.md", f"ko/{STEM}.txt"}
    for href in links:
        assert (root / "build" / href).is_file()


# ---- .mo ------------------------------------------------------------------------------------


def test_mo_loads_with_gettext_and_leaves_fuzzy_entries_out(make_project):
    root = make_article(make_project)
    write_po(root, "ko", TRANSLATIONS["ko"], fuzzy=("Trade will grow.",))
    run_build(root)
    mo = root / "build" / "locale" / "ko" / "LC_MESSAGES" / f"{STEM}.mo"
    with mo.open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)
    assert catalog.gettext("They will share data.") == "양국은 데이터를 공유한다."
    assert catalog.gettext("Trade will grow.") == "Trade will grow."  # fuzzy: not compiled
    assert catalog.info()["language"] == "ko"
    found = gettext.translation(STEM, root / "build" / "locale", languages=["ko"])
    assert found.gettext("Trade will grow.") == "Trade will grow."
    assert (
        found.gettext("The leaders met in Seoul on Monday.") == "두 정상은 월요일 서울에서 만났다."
    )


# ---- determinism and bad input --------------------------------------------------------------


def test_a_rebuild_with_nothing_changed_prints_one_summary_line(make_project):
    root = make_article(make_project, settings="min_build_coverage = 75\n")
    write_po(root, "ko", dict(list(TRANSLATIONS["ko"].items())[:6]))  # 2 of 8 fall back
    first = run_build(root)
    assert first.output.splitlines()[0] == (
        "build/index.html: 16 written, 0 unchanged, 0 removed; "
        "3 pages built (1 with English fallback), 0 not built"
    )
    assert "built: zh_Hans/pact: 100% translated" in first.output
    again = run_build(root)
    assert again.output == (
        "build/index.html: 0 written, 16 unchanged, 0 removed; "
        "3 pages built (1 with English fallback), 0 not built\n"
    )
    verbose = run_build(root, "-v").output.splitlines()
    assert verbose[1:] == [
        "built: ko/pact: 75.0% translated, 2 of 8 sentences fall back",
        "built: zh_Hans/pact: 100% translated",
        "built: ms/pact: 100% translated",
    ]
    write_po(root, "ms", dict(list(TRANSLATIONS["ms"].items())[:5]))  # below: removed
    changed = run_build(root).output.splitlines()  # the others' language switchers change too
    assert changed[1:4] == [
        "built: ko/pact: 75.0% translated, 2 of 8 sentences fall back",
        "built: zh_Hans/pact: 100% translated",
        "not built: ms/pact: 62.5% translated, below the 75% needed",
    ]
    assert "removed: build/ms/pact.txt" in changed


def test_rebuild_is_byte_identical_and_rewrites_nothing(make_project):
    root = make_article(make_project)
    run_build(root)
    before = snapshot(root / "build")
    assert len(before) == 4 * 3 + 3 + 1  # 4 languages × 3 formats, 3 .mo, the index
    result = run_build(root)
    assert "0 written, 16 unchanged, 0 removed" in result.output
    assert snapshot(root / "build") == before  # same bytes, same modification times

    copy = make_article(make_project, "copy")
    run_build(copy)
    assert {k: v[0] for k, v in snapshot(copy / "build").items()} == {
        k: v[0] for k, v in before.items()
    }


def test_bad_po_fails_with_file_and_line_and_changes_nothing(make_project):
    root = make_article(make_project)
    run_build(root)
    before = snapshot(root / "build")
    write_po(root, "ko", {})  # would remove the Korean pages if it were read…
    zh = root / "locales" / "zh_Hans" / "LC_MESSAGES" / f"{STEM}.po"
    lines = zh.read_text(encoding="utf-8").split("\n")
    bad_line = next(i for i, line in enumerate(lines) if line.startswith("msgstr") and i > 12)
    lines[bad_line] = 'msgstr "unterminated'
    zh.write_text("\n".join(lines), encoding="utf-8")
    result = run_build(root, status=2)
    assert re.search(
        rf"l10n: error: .*locales/zh_Hans/LC_MESSAGES/{STEM}.po:{bad_line + 1}: ", result.output
    ), result.output
    assert snapshot(root / "build") == before

    fresh = make_article(make_project, "fresh")
    (fresh / "locales" / "ms" / "LC_MESSAGES" / f"{STEM}.po").write_text('msgid "x\n')
    run_build(fresh, status=2)
    assert built_files(fresh) == []


def test_language_facts_come_from_babel():
    ko, zh, ms, ar = (language_info(c) for c in ("ko", "zh_Hans", "ms", "ar"))
    assert (ko.tag, ko.name, ko.direction, ko.sentence_space) == ("ko", "한국어", "ltr", " ")
    assert (zh.tag, zh.name, zh.sentence_space) == ("zh-Hans", "中文 (简体)", "")
    assert (ms.tag, ms.name) == ("ms", "Melayu")
    assert ar.direction == "rtl"


def test_rtl_page_marks_english_fallback_left_to_right(make_project):
    languages = {"ko": LANGUAGES["ko"], "zh_Hans": LANGUAGES["zh_Hans"], "ar": ""}
    root = make_article(
        make_project, settings="min_build_coverage = 0\n", translated=(), languages=languages
    )
    run_build(root)
    html = page(root, "ar")
    assert html.one("html")["attrs"] == {"lang": "ar", "dir": "rtl"}
    assert html.one("h1")["children"][0]["attrs"] == {"lang": "en", "dir": "ltr"}
    # no Arabic wording is built in: the notice is English, says so, and runs left to right
    assert html.one("p", class_="notice")["children"][0]["attrs"] == {"lang": "en", "dir": "ltr"}
    built = out(root, "ar", "html").read_text(encoding="utf-8")
    assert '<span lang="en" dir="ltr">All languages</span>' in built
    write_po(root, "ar", {})  # (revised 2026-11-02, nothing translated)
    run_build(root)
    built = out(root, "ar", "html").read_text(encoding="utf-8")  # its date in English too
    assert '<p><span lang="en" dir="ltr">Translation updated November 2, 2026</span></p>' in built


def test_an_english_notice_writes_its_percent_in_english(make_project):
    """No German wording is built in: the notice is English, its number too ("100%", not
    German's "100 %")."""
    languages = {"ko": LANGUAGES["ko"], "de": ""}
    root = make_article(
        make_project, settings="min_build_coverage = 0\n", translated=(), languages=languages
    )
    run_build(root)
    notice = Tree.text(page(root, "de").one("p", class_="notice"))
    assert notice.startswith("100% of this article is not translated yet"), notice


def test_build_does_not_import_the_machine_translation_libraries(make_project):
    root = make_article(make_project)
    status, loaded, stderr = run_probe(["build"], root)
    assert status == 0, stderr
    assert loaded == []
    assert out(root, "ko", "html").exists()


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU msgfmt not installed")
def test_mo_holds_what_gnu_msgfmt_compiles(make_project, tmp_path):
    root = make_article(make_project, settings="min_build_coverage = 50\n")
    partial = dict(TRANSLATIONS["zh_Hans"])
    del partial["Trade will grow."]
    po = write_po(root, "zh_Hans", partial, fuzzy=("They will share data.",))
    obsolete = polib.pofile(str(po))
    obsolete.append(polib.POEntry(msgid="Gone.", msgstr="走了。", obsolete=True))
    obsolete.save(str(po))
    run_build(root)
    reference = tmp_path / "reference.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(reference), str(po)], check=True)

    def messages(path: Path) -> dict:
        with path.open("rb") as handle:
            return gettext.GNUTranslations(handle)._catalog

    ours = messages(root / "build" / "locale" / "zh_Hans" / "LC_MESSAGES" / f"{STEM}.mo")
    assert ours == messages(reference)
    assert "They will share data." not in ours and "Gone." not in ours


def test_build_status_line_never_rounds_a_short_language_up_to_100():
    status = render.PageStatus("long", language_info("ko"), 99.95, 99.95, 100.0, None, 1, 2000)
    assert build.describe(status) == "not built: ko/long: 99.9% translated, below the 100% needed"


def test_bare_urls_and_addresses_in_a_text_source_are_links_in_the_pages(make_project):
    root = make_project(
        sources={
            "notice.txt": "Readers write in\n\n"
            "Read the rules at https://example.org/rules_(2026) or www.example.org/faq. "
            "Write to letters@example.org, not to <script>.\n"
        }
    )
    for command in ("extract", "update", "build"):
        assert l10n(command).exit_code == 0
    page = (root / "build" / "en" / "notice.html").read_text(encoding="utf-8")
    assert '<a href="https://example.org/rules_(2026)">https://example.org/rules_(2026)</a>' in page
    assert '<a href="https://www.example.org/faq">www.example.org/faq</a>.' in page
    assert '<a href="mailto:letters@example.org">letters@example.org</a>,' in page
    assert "&lt;script&gt;" in page and "<script>" not in page
    text = (root / "build" / "en" / "notice.txt").read_text(encoding="utf-8")
    assert "https://example.org/rules_(2026)" in text and "<a " not in text


def test_a_url_inside_a_link_or_code_is_not_linked_again(make_project):
    root = make_project(
        sources={
            "post.md": "# Post\n\nSee [https://a.example](https://b.example) and `https://c.example`.\n"
        }
    )
    for command in ("extract", "update", "build"):
        assert l10n(command).exit_code == 0
    page = (root / "build" / "en" / "post.html").read_text(encoding="utf-8")
    assert '<a href="https://b.example">https://a.example</a>' in page
    assert "<code>https://c.example</code>" in page
    assert 'href="https://a.example"' not in page and 'href="https://c.example"' not in page
