"""Sources with markup: Markdown and saved HTML pages in, numbered tags in the catalogs, links
and emphasis kept through MT, the ``markup`` check and every output format.

A link that spans a sentence boundary is kept whole: the two sentences stay one segment (the
splitter never breaks inside a tag pair), so a translator sees and moves the whole link."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import polib
import pytest
from conftest import l10n, l10n_ok, po_path

from pipeline import checks, masking, packages
from pipeline.article import localise, original
from pipeline.browser import Browser, find_chromium
from pipeline.errors import L10nError
from pipeline.languages import language_info
from pipeline.render import render_html, render_markdown, render_text, safe_target
from pipeline.segment import Document, Inline, Tag, marked_block, tag_problem
from pipeline.sources import html_to_markdown, markdown_document, read_document

BODY = "is long enough for the extractor to keep it, with several more words in it"

ARTICLE = """\
# Singapore joins a *digital* pact

The agreement covers data flows, the [trade ministry](https://www.mti.gov.sg/) said. It was **very *warmly* welcomed** by firms.

![Ministers at the signing](https://example.com/photo.jpg "ST PHOTO: JANE TAN")

AI generated

- Talks took *two years*.
- The text uses `e-invoicing` rules.

Officials said the [pact was signed. It takes effect](https://www.mti.gov.sg/pact) in May.

A [bad link](javascript:alert(1)) and a [data one](data:text/html,x) stay words.
"""

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Singapore joins a digital pact | The Daily</title></head>
<body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news</a></li></ul></nav></header>
<div class="ad" id="ad-top">Advertisement: Buy the best phones now at MegaStore!</div>
<main><article>
<h1>Singapore joins a digital pact</h1>
<p class="standfirst">The agreement covers data flows and e-invoicing.</p>
<p>Sign up now: Get our newsletters delivered to your inbox</p>
<ul class="key-points"><li>Singapore signed the pact on Monday.</li><li>Talks took <em>two years</em>.</li></ul>
<figure><img src="https://example.com/photo.jpg" alt="Ministers"><figcaption>Ministers at the signing. <span class="credit">ST PHOTO: JANE TAN</span></figcaption></figure>
<p>SEOUL – Singapore has joined the <a href="https://www.mti.gov.sg/" rel="nofollow">Digital Economy Agreement</a>, the ministry said on Monday. The deal was <strong>welcomed</strong> by businesses.</p>
<p>Officials said the pact would cut costs for <em>small firms</em> across the region, and make trade in services easier for companies of every size.</p>
<p>More details will be published by the ministry later this month, officials said in a statement.</p>
</article></main>
<aside class="related"><h3>Related stories</h3><ul><li><a href="/x">Ten things to do in Seoul this weekend</a></li></ul></aside>
<div class="ad">Advertisement: Cheap flights to Bali, book today!</div>
<footer><p>Copyright 2025 The Daily. All rights reserved.</p></footer>
</body></html>
"""


def segments(doc):
    return [(s.role, s.text) for s in doc.segments()]


def test_markdown_blocks_take_the_roles_and_inline_markup_becomes_numbered_tags():
    doc = markdown_document(ARTICLE, "a", "a.md", (), (r"^AI generated$",))
    found = segments(doc)
    assert found[0] == ("title", "Singapore joins a <1>digital</1> pact")
    assert (
        "paragraph",
        "The agreement covers data flows, the <1>trade ministry</1> said.",
    ) in found
    # nested: strong around em, numbered in the order they open
    assert ("paragraph", "It was <1>very <2>warmly</2> welcomed</1> by firms.") in found
    assert ("caption", "Ministers at the signing") in found
    assert ("credit", "ST PHOTO: JANE TAN") in found
    assert ("label", "AI generated") in found
    assert ("list-item", "Talks took <1>two years</1>.") in found
    assert ("list-item", "The text uses <1>e-invoicing</1> rules.") in found
    # a link over a sentence boundary keeps both sentences in one segment
    assert (
        "paragraph",
        "Officials said the <1>pact was signed. It takes effect</1> in May.",
    ) in found
    tags = {s.text: s.tags for s in doc.segments()}
    nested = tags["It was <1>very <2>warmly</2> welcomed</1> by firms."]
    assert [t.kind for t in nested] == ["strong", "em"]
    assert tags["The text uses <1>e-invoicing</1> rules."][0].kind == "code"


STEPS = """\
# How to get a pass

Three steps.

1. Register online.
2. Pay the fee.
   - By card.
   - By cash.
3. Collect the pass.

- Open every day.
"""


def test_numbered_and_nested_lists_keep_their_numbers_and_depth_in_every_output():
    """A numbered list stays numbered and a list inside an item stays inside it: flattened
    into one list of bullets, "By card." would read as a step of its own."""
    doc = markdown_document(STEPS, "steps")
    items = [(b.level, b.number, b.text) for b in doc.blocks if b.role == "list-item"]
    assert items == [
        (1, 1, "Register online."),
        (1, 2, "Pay the fee."),
        (2, 0, "By card."),
        (2, 0, "By cash."),
        (1, 3, "Collect the pass."),
        (1, 0, "Open every day."),
    ]
    article = original(doc, language_info("en"))
    markdown = render_markdown(article)
    assert "1. Register online.\n2. Pay the fee.\n   - By card.\n   - By cash.\n3. Coll" in markdown
    again = markdown_document(markdown, "again")  # (it parses back to the same lists)
    assert [(b.level, b.number, b.text) for b in again.blocks if b.role == "list-item"] == items
    assert "2. Pay the fee.\n  • By card.\n  • By cash.\n3. Collect the pass." in (
        render_text(article)
    )
    html = render_html(article, [])
    assert (
        '<ol class="key-points">\n<li>Register online.</li>\n<li>Pay the fee.\n<ul>\n'
        "<li>By card.</li>\n<li>By cash.</li>\n</ul>\n</li>\n<li>Collect the pass.</li>\n"
        '</ol>\n<ul class="key-points">\n<li>Open every day.</li>\n</ul>'
    ) in html


def test_lists_after_a_figure_or_two_inside_one_item_stay_readable_and_numbered():
    """A picture between items ends the lists in Markdown (its items start at the left again,
    never 4 spaces in, which would read as code); two lists inside one item stay in it, so
    the outer list's numbers do not move."""
    text = "# T\n\nText.\n\n10. Ten.\n\n    ![A photo of it](x.png)\n\n    - sub.\n"
    article = original(markdown_document(text, "t"), language_info("en"))
    markdown_document(render_markdown(article), "again")  # (no "code block" error)
    two = "# T\n\nText.\n\n1. A.\n   - a.\n   - b.\n\n   1. x.\n   2. y.\n2. B.\n3. C.\n"
    html = render_html(original(markdown_document(two, "t"), language_info("en")), [])
    assert "<li>A.\n<ul>\n<li>a.</li>\n<li>b.</li>\n</ul>\n<ol>\n<li>x.</li>" in html
    assert "</ol>\n</li>\n<li>B.</li>\n<li>C.</li>\n</ol>" in html


def test_an_imported_pages_numbered_and_nested_lists_are_written_as_such():
    """A page's ``<ol>`` is written ``1.``, ``2.``; a ``<ul>`` inside an item is indented
    under it, its items once (not again among the outer list's words)."""
    page = f"""<html><head><title>Steps to a pass | Daily</title></head><body><article>
<h1>Steps to a pass</h1><p>The city explained how residents can get the new pass, {BODY}.</p>
<ol><li>Register online with your details.</li><li>Pay the fee at any office.<ul>
<li>By card.</li><li>By cash.</li></ul></li><li>Collect the pass a week later.</li></ol>
<p>The pass is valid for a year from the day it is collected, {BODY}.</p></article></body>
</html>"""
    markdown, _ = html_to_markdown(page)
    assert (
        "1. Register online with your details.\n2. Pay the fee at any office.\n"
        "   - By card.\n   - By cash.\n3. Collect the pass a week later."
    ) in markdown
    assert markdown.count("By card.") == 1
    minified = page.replace("</ul></li>", "</ul>then the pass.</li>")
    markdown, _ = html_to_markdown(minified)  # (the words after a list inside an item)
    assert "2. Pay the fee at any office. then the pass.\n   - By card." in markdown
    wordless = page.replace("<li>Pay the fee at any office.<ul>", "<li><ul>")
    markdown, _ = html_to_markdown(wordless)  # (its list in its place: not indented as code)
    assert "1. Register online with your details.\n- By card.\n- By cash.\n2. Collect" in markdown


def test_a_numbered_list_that_starts_elsewhere_or_loses_an_item_keeps_its_numbers():
    doc = markdown_document("# T\n\nText.\n\n4. Four.\n5. Five.\n6. Six.\n", "t")
    article = original(doc, language_info("en"))
    html = render_html(article, [])
    assert '<ol class="key-points" start="4">\n<li>Four.</li>' in html
    shown = dataclasses.replace(article, parts=article.parts[:3] + article.parts[4:])
    assert '<li>Four.</li>\n<li value="6">Six.</li>' in render_html(shown, [])  # (Five. left out)


def test_template_keeps_targets_out_of_the_msgid_in_extracted_comments(make_project):
    make_project(sources={"pact.md": ARTICLE})
    l10n_ok("extract")
    pot = {e.msgid: e for e in polib.pofile("locales/pact.pot")}
    entry = pot["The agreement covers data flows, the <1>trade ministry</1> said."]
    assert "<1>: https://www.mti.gov.sg/" in entry.comment.split("\n")
    assert "<2>: em" in pot["It was <1>very <2>warmly</2> welcomed</1> by firms."].comment
    assert not any("https://" in msgid for msgid in pot)


def test_plain_text_source_and_markdown_source_of_one_name_is_an_error(make_project):
    make_project(sources={"a.txt": "Title\n\nText.\n", "a.md": "# Title\n\nText.\n"})
    result = l10n("extract")
    assert result.exit_code == 2
    assert "two sources for document 'a'" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_tag_problems_are_found():
    source = "A <1>b <2>c</2></1> d<3/>."
    assert tag_problem(source, "<1>b <2>c</2></1> A d<3/>.") is None  # moved: fine
    assert "missing" in tag_problem(source, "A <1>b c</1> d<3/>.")
    assert "extra" in tag_problem(source, "A <1>b <2>c</2></1> d<3/> <4>x</4>.")
    assert "not closed" in tag_problem(source, "A <1>b <2>c</2> d<3/>.")
    assert "misnested" in tag_problem(source, "A <1>b <2>c</1></2> d<3/>.")
    assert "changed" in tag_problem(source, "A <1>b <2>c</2></1> d<3>.")
    assert "twice" in tag_problem(source, "A <1>b <2>c</2></1> d<3/><3/>.")
    assert tag_problem("Plain text.", "Plain text.") is None


def test_markup_check_is_an_error_for_a_planted_tag_error(make_project):
    make_project(sources={"pact.md": ARTICLE})
    l10n_ok("extract")
    l10n_ok("update", "--lang", "ko")
    path = po_path(Path.cwd(), "ko", "pact")
    po = polib.pofile(str(path))
    for entry in po:
        entry.msgstr = entry.msgid
    bad = next(e for e in po if e.msgid.startswith("It was"))
    bad.msgstr = "It was <1>very <2>warmly</1></2> welcomed by firms."
    po.save()
    result = l10n("check", "--lang", "ko")
    assert result.exit_code != 0
    assert "markup" in result.output and "misnested" in result.output
    assert any(c.id == "markup" and c.severity == "error" for c in checks.CHECKS)


def test_outputs_carry_links_and_emphasis_and_drop_hostile_targets():
    doc = markdown_document(ARTICLE, "a", "a.md")
    en = language_info("en")
    page = render_html(original(doc, en), [])
    assert '<a href="https://www.mti.gov.sg/">trade ministry</a>' in page
    assert "<strong>very <em>warmly</em> welcomed</strong>" in page
    assert "<code>e-invoicing</code>" in page
    assert 'href="javascript' not in page and 'href="data' not in page
    # a hostile target that reaches the renderer is its words, never a link
    inline = Inline()
    inline.text("Click ")
    tag = inline.open(Tag("a", "JaVaScRiPt:alert(1)"))
    inline.text("here")
    inline.close(tag)
    inline.text(".")
    hostile = Document("h", (marked_block("title", 1, inline),))
    assert hostile.segments()[0].text == "Click <1>here</1>."
    shown = render_html(original(hostile, en), [])
    assert "Click here." in shown and "alert" not in shown
    markdown = render_markdown(original(doc, en))
    assert "[trade ministry](https://www.mti.gov.sg/)" in markdown
    assert "**very *warmly* welcomed**" in markdown
    text = render_text(original(doc, en))
    assert "the trade ministry said." in text and "<1>" not in text
    for target in ("javascript:alert(1)", " JaVa\tScRiPt:x", "data:text/html,x", "vbscript:x"):
        assert not safe_target(target)
    assert safe_target("https://x.org/") and safe_target("page.html")


def test_translation_with_broken_tags_is_shown_as_words_and_fallbacks_keep_markup():
    doc = markdown_document(ARTICLE, "a", "a.md")
    po = polib.POFile()
    po.append(
        polib.POEntry(
            msgid="The agreement covers data flows, the <1>trade ministry</1> said.",
            msgstr="협정은 데이터 흐름을 다룬다고 <1>통상부</1>가 밝혔다.",
        )
    )
    po.append(
        polib.POEntry(
            msgid="It was <1>very <2>warmly</2> welcomed</1> by firms.",
            msgstr="기업들은 <1>매우 <2>따뜻하게</1> 환영했다.",
        )
    )
    ko, en = language_info("ko"), language_info("en")
    page = render_html(localise(doc, po, ko, en), [])
    assert '<a href="https://www.mti.gov.sg/">통상부</a>' in page
    assert "기업들은 매우 따뜻하게 환영했다." in page  # broken tags: words only
    assert "&lt;1&gt;" not in page and "<1>" not in page
    # a fallback sentence (no translation) keeps its English markup
    assert '<a href="https://www.mti.gov.sg/pact">pact was signed. It takes effect</a>' in page


def test_masking_keeps_tags_and_repairs_a_pair_around_a_glossary_term():
    mask = masking.masker([("Digital Economy Agreement", "디지털 경제 협정")])
    source = "Singapore joined the <1>Digital Economy Agreement</1> at https://x.org/a<2/> today."
    masked = mask(source)
    assert "<1>" not in masked.text and "https://" not in masked.text
    assert masking.unmask(masked.text, masked) == source.replace(
        "Digital Economy Agreement", "디지털 경제 협정"
    )
    opening, term, closing = masked.wraps[0]
    rest = [s for s, _ in masked.slots if s not in (opening, term, closing)]
    lost = f"싱가포르는 오늘 {term}에 가입했다 {' '.join(rest)}"
    assert "<1>디지털 경제 협정</1>" in masking.unmask(lost, masked)
    plain = mask("a <1>b</1> c <2>d</2>")
    tokens = [s for s, _ in plain.slots]
    with pytest.raises(ValueError, match="markup"):
        masking.unmask(f"{tokens[1]} a {tokens[0]} b {tokens[2]} c {tokens[3]}", plain)
    with pytest.raises(ValueError):
        masking.unmask(f"{tokens[0]} a {tokens[1]} b c", plain)


@pytest.mark.usefixtures("argos_store")
def test_mt_through_the_copy_model_keeps_every_tag(make_project, argos_package):
    root = make_project(sources={"pact.md": ARTICLE})
    packages.install_file(argos_package)
    l10n_ok("extract")
    l10n_ok("update", "--lang", "ko")
    result = l10n("translate", "--lang", "ko")
    assert result.exit_code == 0, result.output
    po = polib.pofile(str(po_path(root, "ko", "pact")))
    tagged = [e for e in po if "<1>" in e.msgid]
    assert len(tagged) >= 5
    for entry in tagged:
        assert entry.msgstr, entry.msgid
        assert tag_problem(entry.msgid, entry.msgstr) is None, entry.msgstr


def test_html_page_article_without_chrome_with_links_and_figure(tmp_path):
    markdown, rels = html_to_markdown(PAGE)
    for chrome in ("Home", "World news", "MegaStore", "Related stories", "Ten things", "Copyright"):
        assert chrome not in markdown
    assert markdown.startswith(
        '---\ndescription: "The agreement covers data flows and e-invoicing."\n---\n\n'
        "# Singapore joins a digital pact\n"
    )
    assert "[Digital Economy Agreement](https://www.mti.gov.sg/)" in markdown
    assert (
        '![Ministers at the signing.](https://example.com/photo.jpg "ST PHOTO: JANE TAN")'
        in markdown
    )
    assert rels == {"https://www.mti.gov.sg/": "nofollow"}
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    doc = read_document(path, (r"^Sign up now:.*",))
    found = segments(doc)
    assert ("list-item", "Talks took <1>two years</1>.") in found
    assert ("caption", "Ministers at the signing.") in found
    assert ("credit", "ST PHOTO: JANE TAN") in found
    assert not any("Sign up now" in text for _, text in found)  # chrome_patterns apply
    link = next(s for s in doc.segments() if "Digital Economy" in s.text)
    assert link.tags[0].target == "https://www.mti.gov.sg/" and link.tags[0].rel == "nofollow"
    page = render_html(original(doc, language_info("en")), [])
    assert '<a href="https://www.mti.gov.sg/" rel="nofollow">' in page


def test_import_writes_markdown_source(make_project, tmp_path):
    make_project(sources={})
    page = tmp_path / "saved.html"
    page.write_text(PAGE, encoding="utf-8")
    result = l10n_ok("import", str(page), "--name", "pact")
    assert "source/pact.md" in result.output
    doc = read_document(Path("source/pact.md"))
    assert doc.segments()[0].text == "Singapore joins a digital pact"
    assert l10n("import", str(page), "--name", "pact").exit_code == 2  # exists: unchanged


def test_import_makes_a_name_of_a_saved_page_with_spaces_in_its_file_name(make_project, tmp_path):
    make_project(sources={})
    page = tmp_path / "Singapore joins a digital pact (The Straits Times).html"
    page.write_text(PAGE, encoding="utf-8")
    result = l10n_ok("import", str(page))
    assert result.output == (
        "written: source/Singapore-joins-a-digital-pact-The-Straits-Times.md\n"
    )
    unnameable = tmp_path / "서울.html"
    unnameable.write_text(PAGE, encoding="utf-8")
    refused = l10n("import", str(unnameable))
    assert refused.exit_code == 2 and "give one with --name" in refused.output
    assert l10n("import", str(page), "--name", "bad name").exit_code == 2  # given: checked
    empty = l10n("import", str(page), "--name", "")
    assert empty.exit_code == 2 and empty.output == (
        "l10n: error: --name '': give the article a name (letters, digits, '.', '_', '-')\n"
    )
    assert l10n_ok("import", str(page), "--name", "pact.md").output == "written: source/pact.md\n"


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("bad.md", b"# Title\n\n\xff\xfe text\n", "not valid UTF-8"),
        ("notitle.md", b"Just a paragraph.\n\n- and a list\n", "no title"),
        ("empty.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "no article"),
    ],
)
def test_bad_sources_are_one_line_errors_with_status_2(make_project, name, data, message):
    make_project(sources={name: data})
    before = sorted(p.name for p in Path(".").rglob("*"))
    result = l10n("extract")
    assert result.exit_code == 2
    assert message in result.output and len(result.output.strip().splitlines()) == 1
    assert sorted(p.name for p in Path(".").rglob("*")) == before
    with pytest.raises(L10nError, match=message):
        read_document(Path("source") / name)


@pytest.mark.skipif(find_chromium() is None, reason="Chromium is not installed")
def test_built_pages_have_working_links_in_chromium(make_project):
    root = make_project(sources={"pact.md": ARTICLE}, settings="min_build_coverage = 0\n")
    l10n_ok("extract")
    l10n_ok("update")
    po = polib.pofile(str(po_path(root, "ko", "pact")))
    for entry in po:
        if entry.msgid.startswith("The agreement"):
            entry.msgstr = "협정은 데이터 흐름을 다룬다고 <1>통상부</1>가 밝혔다."
    po.save()
    l10n_ok("build")
    with Browser() as browser:
        for lang in ("en", "ko"):
            browser.open(root / "build" / lang / "pact.html")
            links = browser.evaluate(
                "[...document.querySelectorAll('article a')].map(a => [a.textContent, a.href])"
            )
            assert [
                "trade ministry" if lang == "en" else "통상부",
                "https://www.mti.gov.sg/",
            ] in links
            assert all(not href.startswith(("javascript:", "data:")) for _, href in links)
            emphasis = browser.evaluate("document.querySelector('article strong em').textContent")
            assert emphasis == "warmly"
