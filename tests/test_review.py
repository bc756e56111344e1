"""`l10n review`: the translators' pages — order, context, escaping, valid HTML, a page per
article with an index, made again only when its inputs change."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from conftest import l10n, l10n_ok, snapshot

from pipeline.state import mt_comment

SOURCE = """\
Leaders meet in Seoul

The deal is worth US$4.5 million. Talks went well.

Exports rose 30 per cent. Imports fell.

Both sides will deepen cooperation. They signed eight agreements.
"""


class Page(HTMLParser):
    """Start tags, and the text of each table row, in document order."""

    def __init__(self, text: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None
        self.open: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in ("meta", "col", "br"):
            self.open.append(tag)
        if tag == "tr":
            self.rows.append([])
        if tag == "td":
            self.cell = []

    def handle_endtag(self, tag):
        assert self.open and self.open[-1] == tag, f"</{tag}> closes <{self.open[-1:]}>"
        self.open.pop()
        if tag == "td" and self.cell is not None:
            self.rows[-1].append("".join(self.cell))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def entry(msgid: str, msgstr: str, line: int, **fields) -> polib.POEntry:
    return polib.POEntry(
        msgid=msgid, msgstr=msgstr, occurrences=[("source/doc.txt", str(line))], **fields
    )


def draft(msgid: str, msgstr: str, line: int, score: float | None) -> polib.POEntry:
    comment = mt_comment("argos", "translate-en_ko", "1.1", msgstr, score)
    return entry(msgid, msgstr, line, flags=["fuzzy"], tcomment=comment)


@pytest.fixture
def project(make_project):
    """Korean only: one article, doc.txt, and its catalog in every state a review shows."""
    root = make_project(languages={"ko": 'argos = "ko"'}, sources={"doc.txt": SOURCE})
    (root / "locales" / "ko" / "LC_MESSAGES").mkdir(parents=True)
    pot = polib.POFile()
    po = polib.POFile()
    po.metadata = {
        "Language": "ko",
        "Content-Type": "text/plain; charset=UTF-8",
        "Plural-Forms": "nplurals=1; plural=0;",
    }
    entries = [
        entry("Leaders meet in Seoul", "정상들 서울에서 회동", 1),
        draft("Talks went well.", "회담은 잘 진행됐다.", 3, 0.9),
        entry("The deal is worth US$4.5 million.", "거래 규모는 45만 달러다.", 3),
        draft("Exports rose 30 per cent.", "수출이 30% 증가했다.", 5, 0.2),
        entry("Imports fell.", "", 5),
        entry("Both sides will deepen cooperation.", '<script>alert(1)</script> " onload="x', 7),
        entry("They signed eight agreements.", "그들은 협정 8건에 서명했다", 7, flags=["fuzzy"]),
        draft("It costs $5.", "6달러가 든다.", 9, None),
    ]
    for e in entries:
        po.append(e)
        pot.append(polib.POEntry(msgid=e.msgid, msgstr="", occurrences=e.occurrences))
    pot.save(str(root / "locales" / "doc.pot"))
    po.save(str(root / "locales" / "ko" / "LC_MESSAGES" / "doc.po"))
    return root


def review(project: Path) -> tuple[str, Page]:
    l10n_ok("review")
    text = (project / "build" / "review" / "ko" / "doc.html").read_text(encoding="utf-8")
    return text, Page(text)


def test_what_needs_a_person_most_comes_first(project):
    _, page = review(project)
    order = [row[1].split("locales/")[0].split("paragraph")[0] for row in page.rows if row]
    assert order == [
        "The deal is worth US$4.5 million.",  # error (numbers)
        "Both sides will deepen cooperation.",  # error (html: a <script> the source lacks)
        "It costs $5.",  # error in an MT draft
        "Exports rose 30 per cent.",  # MT draft, score 0.2
        "Talks went well.",  # MT draft, score 0.9
        "They signed eight agreements.",  # needs work
        "Imports fell.",  # untranslated
        "Leaders meet in Seoul",  # done
    ]
    states = [row[3] for row in page.rows if row]
    assert states == [
        "translated",
        "translated",
        "MT draft",
        "MT draft",
        "MT draft",
        "needs work",
        "untranslated",
        "translated",
    ]
    scores = [row[5] for row in page.rows if row]
    assert scores[2:5] == ["", "0.200", "0.900"]


def test_each_sentence_shows_its_paragraph_with_the_sentence_marked(project):
    text, page = review(project)
    first = page.rows[1]
    assert "The deal is worth US$4.5 million. Talks went well." in first[1]
    assert "<mark>The deal is worth US$4.5 million.</mark> Talks went well." in text
    assert "number '4.5 million' (4,500,000) is not in the translation" in first[4]


def test_hostile_translations_are_shown_as_text(project):
    text, page = review(project)
    assert not any(tag == "script" for tag, _ in page.tags)
    assert not any("onload" in attrs for _, attrs in page.tags)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &quot; onload=&quot;x" in text
    hostile = next(row for row in page.rows if row and row[1].startswith("Both sides"))
    assert hostile[2] == '<script>alert(1)</script> " onload="x'


def test_the_page_is_well_formed_html_with_languages_marked(project):
    text, page = review(project)
    assert text.startswith("<!DOCTYPE html>")
    assert page.open == []  # every element closed in order
    tags = {tag: attrs for tag, attrs in reversed(page.tags)}
    assert tags["html"]["lang"] == "en" and tags["meta"]["charset"] == "utf-8"
    translations = [attrs for tag, attrs in page.tags if attrs.get("class") == "translation"]
    assert translations and all(attrs["lang"] == "ko" for attrs in translations)
    assert "<title>Review: doc — 한국어 (ko)</title>" in text


def test_review_is_byte_stable(project):
    first, _ = review(project)
    path = project / "build" / "review" / "ko" / "doc.html"
    stamp = path.stat().st_mtime_ns
    second, _ = review(project)
    assert first == second and path.stat().st_mtime_ns == stamp


def add_article(project: Path, name: str) -> None:
    """A second article, extracted and updated into every language."""
    (project / "source" / f"{name}.txt").write_text(
        "A second article\n\nIt has one sentence.\n", encoding="utf-8"
    )
    l10n_ok("extract")
    l10n_ok("update")


def test_a_page_per_article_an_index_and_only_changed_pages_made_again(project):
    add_article(project, "other")
    first = l10n_ok("review")  # update left "It costs $5." (not in the source) obsolete
    assert first.output.splitlines() == [
        "build/review/index.html: 2 written, 0 unchanged; 8 segments need a person",
        "written: build/review/ko/doc.html (7 segments, 6 need a person)",
        "written: build/review/ko/other.html (2 segments, 2 need a person)",
    ]
    index = Page((project / "build" / "review" / "index.html").read_text(encoding="utf-8"))
    links = [attrs["href"] for tag, attrs in index.tags if tag == "a"]
    assert links == ["ko/doc.html", "ko/other.html"]
    assert [row[:2] for row in index.rows if row] == [
        ["doc", "6 of 7 need a person, 2 errors"],
        ["other", "2 of 2 need a person"],
    ]
    assert "All articles" in (project / "build/review/ko/other.html").read_text(encoding="utf-8")

    assert l10n_ok("review").output == (
        "build/review/index.html: 0 written, 2 unchanged; 8 segments need a person\n"
    )
    po = project / "locales" / "ko" / "LC_MESSAGES" / "other.po"
    catalog = polib.pofile(str(po))
    for item in catalog:
        item.msgstr = "번역"
    catalog.save()
    again = l10n_ok("review")
    assert again.output.splitlines()[1:] == [
        "written: build/review/ko/other.html (2 segments, 0 need a person)"
    ]
    assert "unchanged: build/review/ko/doc.html" in l10n_ok("review", "--verbose").output


def test_a_catalog_that_cannot_be_read_fails_the_review_with_no_page_written(project):
    """The pages of the catalogs read before the broken one are not put in place either."""
    add_article(project, "zzz")  # (read after doc)
    po = project / "locales" / "ko" / "LC_MESSAGES" / "zzz.po"
    po.write_text(po.read_text(encoding="utf-8") + '\nmsgid "x\nmsgstr ""\n', encoding="utf-8")
    before = snapshot(project)
    refused = l10n("review")
    assert refused.exit_code == 2
    assert refused.output.startswith("l10n: error: ") and "zzz.po:" in refused.output
    assert len(refused.output.splitlines()) == 1
    assert snapshot(project) == before
    assert not (project / "build" / "review").exists()


def test_doc_filter_makes_only_that_article_s_page(project):
    add_article(project, "other")
    result = l10n_ok("review", "--doc", "other")
    assert result.output.splitlines()[1:] == [
        "written: build/review/ko/other.html (2 segments, 2 need a person)"
    ]
    assert not (project / "build" / "review" / "ko" / "doc.html").exists()
    index = (project / "build" / "review" / "index.html").read_text(encoding="utf-8")
    assert "<td>—</td>" in index  # doc has no page yet
    refused = l10n("review", "--doc", "nope")
    assert refused.exit_code == 2
    assert refused.output == "l10n: error: --doc 'nope': no such article (see source/)\n"
    before = snapshot(project)
    refused = l10n("preview", "--doc", "nope")  # (before any browser is looked for)
    assert refused.exit_code == 2
    assert refused.output == "l10n: error: --doc 'nope': no such article (see source/)\n"
    assert snapshot(project) == before


def test_the_page_of_a_deleted_article_is_removed(project):
    add_article(project, "other")
    l10n_ok("review")
    (project / "source" / "other.txt").unlink()
    result = l10n_ok("review")
    assert "removed: build/review/ko/other.html" in result.output
    assert not (project / "build" / "review" / "ko" / "other.html").exists()
