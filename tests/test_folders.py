"""An archive in folders: sources in folders below source/ (``source/2026/12/a.txt``), the
document named by its path there (``2026/12/a``), and every file made of it in the same
folders: templates, catalogs, pages, ``.mo`` catalogs and review pages, linked so that every
link resolves from the deeper folders."""

from __future__ import annotations

import gettext
import html
import importlib.util
import json
import os
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import polib
import pytest
from conftest import l10n, l10n_ok
from test_archive import article
from test_contributed import needs_make, run_make
from test_hostile import one_line_error

from pipeline import browser, packages

# the archive comparison's own reading of a page's links (bench/compare_archives.py)
_spec = importlib.util.spec_from_file_location(
    "compare_archives", Path(__file__).resolve().parents[1] / "bench" / "compare_archives.py"
)
compare_archives = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(compare_archives)

REPO = Path(__file__).resolve().parents[1]
# The same three articles, flat and in folders: a text source, a Markdown one with a link.
MARKDOWN = (
    "# Ferry links reopen across the strait\n\n"
    "The [port authority](https://port.example/news) said the ferries run again. "
    "Passengers *welcomed* the news on Monday.\n\n"
    "The figures were released on Monday.\n"
)
FLAT = {"a.txt": article(1), "b.md": MARKDOWN, "c.txt": article(3)}
FOLDERS = {"2026/12/a.txt": article(1), "2026/12/b.md": MARKDOWN, "2025/01/c.txt": article(3)}
NAMES = ["2025/01/c", "2026/12/a", "2026/12/b"]
# Korean is reviewed (from the copy model's drafts), Chinese published below any threshold
# (English fallback), Malay not published.
LANGUAGES = {
    "ko": 'argos = "ko"',
    "zh_Hans": 'argos = "zh", min_build_coverage = 0',
    "ms": 'argos = "ms"',
}


def files_under(root: Path, folder: str) -> set[str]:
    """Every file below ``root/folder`` (the ledgers aside), relative to ``root``."""
    return {
        p.relative_to(root).as_posix()
        for p in (root / folder).rglob("*")
        if p.is_file() and ".l10n" not in p.parts
    }


def review_drafts(root: Path, lang: str = "ko") -> int:
    """A translator accepts every machine draft of ``lang``: the fuzzy flag removed. Returns
    how many entries were accepted."""
    accepted = 0
    for path in sorted((root / "locales" / lang / "LC_MESSAGES").rglob("*.po")):
        po = polib.pofile(str(path))
        for entry in po:
            if "fuzzy" in entry.flags and entry.msgstr:
                entry.flags.remove("fuzzy")
                accepted += 1
        po.save()
    return accepted


@pytest.fixture
def pipeline_run(make_project, argos_store, argos_package):
    """``pipeline_run(sources)``: a project of ``sources`` taken through extract, update,
    translate (the en→ko copy model), a translator's review of the Korean drafts, check, build
    and review; its root."""
    packages.install_file(argos_package)

    def run(sources: dict[str, str], root: str = "project") -> Path:
        project = make_project(root, sources=sources, languages=LANGUAGES)
        l10n_ok("extract")
        l10n_ok("update")
        drafted = l10n_ok("translate", "--lang", "ko")
        assert "0 failed" in drafted.output
        assert review_drafts(project) > 0
        checked = l10n("check", "--format", "json")
        assert checked.exit_code == 1  # Chinese and Malay are not translated
        project.joinpath("check.json").write_text(checked.stdout, encoding="utf-8")
        l10n_ok("build")
        l10n_ok("review")
        return project

    return run


# ---- the mirrored layout ------------------------------------------------------------------


def test_every_stage_writes_in_the_folders_of_the_source(pipeline_run):
    root = pipeline_run(FOLDERS)
    assert files_under(root, "locales") == {
        *(f"locales/{name}.pot" for name in NAMES),
        *(f"locales/{lang}/LC_MESSAGES/{name}.po" for lang in LANGUAGES for name in NAMES),
    }
    assert files_under(root, "build") - files_under(root, "build/review") == {
        "build/index.html",
        "build/index/2025/01/index.html",
        "build/index/2026/12/index.html",
        *(
            f"build/{lang}/{name}.{fmt}"
            for lang in ("en", "ko", "zh_Hans")
            for name in NAMES
            for fmt in ("html", "md", "txt")
        ),
        *(
            f"build/locale/{lang}/LC_MESSAGES/{name}.mo"
            for lang in ("ko", "zh_Hans")
            for name in NAMES
        ),
    }
    assert files_under(root, "build/review") == {
        "build/review/index.html",
        *(f"build/review/{lang}/{name}.html" for lang in LANGUAGES for name in NAMES),
    }
    pot = polib.pofile(str(root / "locales" / "2026" / "12" / "a.pot"))
    assert pot[0].occurrences == [("source/2026/12/a.txt", "1")]
    report = json.loads((root / "check.json").read_text(encoding="utf-8"))
    assert [f["file"] for f in report["languages"]["ko"]["files"]] == [
        f"locales/ko/LC_MESSAGES/{name}.po" for name in NAMES
    ]
    assert report["languages"]["ko"]["ok"] is True


def test_the_commands_name_documents_by_their_path_below_the_source_folder(make_project):
    make_project(sources=FOLDERS, languages={"ko": 'argos = "ko", min_build_coverage = 0'})
    assert "written: locales/2026/12/b.pot (" in l10n_ok("extract").output
    l10n_ok("update")
    built = l10n_ok("build", "--verbose").output
    assert "built: ko/2026/12/b: 0.0% translated, 4 of 4 sentences fall back" in built
    reviewed = l10n_ok("review", "--doc", "2026/12/b").output
    assert reviewed.splitlines()[1:] == [
        "written: build/review/ko/2026/12/b.html (4 segments, 4 need a person)"
    ]
    assert "no such article" in one_line_error(l10n("review", "--doc", "b"))


# ---- links ---------------------------------------------------------------------------------


def local_links(page: Path) -> list[str]:
    """The page's links and sources that lead to a file of the build (not another site, not a
    fragment of the page itself), decoded as a browser would."""
    found = re.findall(r'(?:href|src)="([^"]*)"', page.read_text(encoding="utf-8"))
    links = [html.unescape(value) for value in found]
    return [link for link in links if not urlsplit(link).scheme and not link.startswith("#")]


def test_every_link_of_every_page_resolves_from_its_folder(pipeline_run):
    root = pipeline_run(FOLDERS)
    build = root / "build"
    pages = sorted(build.rglob("*.html"))
    # the index, its two folders' pages, en/ko/zh pages, the review index, review pages
    assert len(pages) == 1 + 2 + 3 * 3 + 1 + 3 * 3
    for page in pages:
        links = local_links(page)
        assert links, page  # every page links somewhere in the build
        for link in links:
            target = (page.parent / unquote(link)).resolve()
            assert target.is_file(), (page.relative_to(root).as_posix(), link)
    index = (build / "index.html").read_text(encoding="utf-8")
    assert 'href="index/2025/01/index.html"' in index and 'href="index/2026/12/index.html"' in index
    assert "ko/2026" not in index  # the folders' articles are on the folders' pages
    month = (build / "index" / "2026" / "12" / "index.html").read_text(encoding="utf-8")
    assert (
        'href="../../../ko/2026/12/a.html"' in month and 'href="../../../en/2026/12/b.md"' in month
    )
    assert '<a href="../../../index.html">All articles</a>' in month and "2025/01/c" not in month
    page = (build / "ko" / "2026" / "12" / "a.html").read_text(encoding="utf-8")
    assert (
        '<link rel="alternate" hreflang="zh-Hans" href="../../../zh_Hans/2026/12/a.html">' in page
    )
    assert 'href="../../../index/2026/12/index.html"' in page  # the index's page that lists it
    assert 'href="ms/' not in page  # not published
    review = (build / "review" / "ko" / "2026" / "12" / "a.html").read_text(encoding="utf-8")
    assert '<a href="../../../index.html">All articles</a>' in review
    assert 'href="ko/2026/12/a.html"' in (build / "review" / "index.html").read_text("utf-8")


def test_a_flat_and_a_foldered_project_build_the_same_pages_but_for_their_links(pipeline_run):
    flat, folders = pipeline_run(FLAT, "flat"), pipeline_run(FOLDERS, "folders")
    flat_name = {name: name.rsplit("/", 1)[1] for name in NAMES}
    compared = 0
    for lang in ("en", "ko", "zh_Hans"):
        for name, short in flat_name.items():
            for fmt in ("txt", "md"):
                one = (flat / "build" / lang / f"{short}.{fmt}").read_bytes()
                assert (folders / "build" / lang / f"{name}.{fmt}").read_bytes() == one
            flat_page = flat / "build" / lang / f"{short}.html"
            page = folders / "build" / lang / f"{name}.html"
            assert compare_archives.linked(page, folders / "build") == compare_archives.linked(
                flat_page, flat / "build"
            )
            assert page.read_bytes() != flat_page.read_bytes()  # the links do differ
            compared += 1
            if lang != "en":
                mo = f"locale/{lang}/LC_MESSAGES"
                one = messages(flat / "build" / mo / f"{short}.mo")
                assert messages(folders / "build" / mo / f"{name}.mo") == one
    assert compared == 9


def messages(path: Path) -> dict:
    """A compiled catalog's translations, its header (which names the document) aside."""
    with open(path, "rb") as handle:
        catalog = gettext.GNUTranslations(handle)._catalog
    return {k: v for k, v in catalog.items() if k != ""}


# ---- removal -------------------------------------------------------------------------------


def test_a_removed_article_takes_its_outputs_and_emptied_folders_with_it(make_project):
    root = make_project(sources=FOLDERS, languages={"ko": 'argos = "ko", min_build_coverage = 0'})
    for command in ("extract", "update", "build", "review"):
        l10n_ok(command)
    (root / "source" / "2025" / "01" / "c.txt").unlink()
    built = l10n_ok("build").output.splitlines()
    assert [line for line in built if line.startswith("removed:")] == [
        f"removed: build/{path}"
        for path in (
            "en/2025/01/c.html",
            "en/2025/01/c.md",
            "en/2025/01/c.txt",
            "ko/2025/01/c.html",
            "ko/2025/01/c.md",
            "ko/2025/01/c.txt",
            "locale/ko/LC_MESSAGES/2025/01/c.mo",
            "index/2025/01/index.html",  # its folder's page of the index: it was the last
        )
    ]
    reviewed = l10n_ok("review").output
    assert "removed: build/review/ko/2025/01/c.html" in reviewed
    for folder in ("en", "ko", "locale/ko/LC_MESSAGES", "review/ko", "index"):
        assert not (root / "build" / folder / "2025").exists(), folder
        assert (root / "build" / folder / "2026" / "12").is_dir(), folder
    assert not [p for p in (root / "build").rglob("c.*")]
    # the article's catalogs are the translators' and stay
    assert (root / "locales" / "ko" / "LC_MESSAGES" / "2025" / "01" / "c.po").is_file()


def test_the_index_has_a_page_a_folder_that_goes_with_its_last_article(make_project):
    root = make_project(
        sources={**FOLDERS, "d.txt": article(4)},
        languages={"ko": 'argos = "ko", min_build_coverage = 0', "ms": 'argos = "ms"'},
    )
    for command in ("extract", "update", "build"):
        l10n_ok(command)
    build = root / "build"
    index = (build / "index.html").read_text(encoding="utf-8")
    assert 'href="en/d.html"' in index  # an article at the top stays on the main page
    folders = re.findall(r'<a href="index/([^"]+)/index.html">([^<]+)</a>', index)
    assert folders == [("2025/01", "2025/01"), ("2026/12", "2026/12")]
    twelve = index[index.index("2026/12</a>") :]
    assert "2 articles" in twelve
    assert re.search(r">ko</span></span>\n<span class=\"status\">2 of 2 published<", twelve)
    assert re.search(r">ms</span></span>\n<span class=\"status\">0 of 2 published<", twelve)
    stray = build / "index" / "2026" / "old.html"
    stray.write_text("left by hand", encoding="utf-8")
    (root / "source" / "2025" / "01" / "c.txt").unlink()
    built = l10n_ok("build").output
    assert "removed: build/index/2025/01/index.html" in built
    assert "removed: build/index/2026/old.html" in built
    assert sorted(p.relative_to(build).as_posix() for p in (build / "index").rglob("*")) == [
        "index/2026",
        "index/2026/12",
        "index/2026/12/index.html",
    ]
    assert "2025/01" not in (build / "index.html").read_text(encoding="utf-8")


def test_an_unpublished_language_leaves_no_empty_folders(make_project):
    root = make_project(sources=FOLDERS, languages={"ko": 'argos = "ko", min_build_coverage = 0'})
    for command in ("extract", "update", "build"):
        l10n_ok(command)
    settings = root / "pyproject.toml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace(
            "min_build_coverage = 0", "min_build_coverage = 80"
        ),
        encoding="utf-8",
    )
    assert "removed: build/ko/2026/12/a.html" in l10n_ok("build").output
    assert [p.name for p in (root / "build" / "ko").iterdir()] == []  # the language's own stays
    assert [p.name for p in (root / "build" / "locale" / "ko" / "LC_MESSAGES").iterdir()] == []


# ---- names -------------------------------------------------------------------------------


def test_two_sources_of_one_document_in_a_folder_are_an_error(make_project):
    root = make_project(sources={"2026/12/a.txt": article(1), "2026/12/a.md": MARKDOWN})
    line = one_line_error(l10n("extract"))
    assert line == (
        "l10n: error: source: two sources for document '2026/12/a': 2026/12/a.md "
        "and 2026/12/a.txt (keep one)"
    )
    assert not (root / "locales").exists()


@pytest.mark.parametrize("folder", ["ko", "zh_Hans", "KO"])
def test_a_folder_named_as_a_configured_language_is_refused(make_project, folder):
    root = make_project(sources={f"{folder}/a.txt": article(1), "b.txt": article(2)})
    line = one_line_error(l10n("extract"))
    source = f"source/{folder}/a.txt"
    code = folder if folder != "KO" else "ko"
    assert line == (
        f"l10n: error: {source}: the folder '{folder}' has the name of a configured language, "
        f"whose catalogs are in locales/{code}/; rename the folder"
    )
    assert not (root / "locales").exists()


def test_folders_named_as_the_build_folders_own_do_not_collide_with_them(make_project):
    names = ["en/x", "locale/y", "review/z"]
    root = make_project(
        sources={f"{name}.txt": article(n) for n, name in enumerate(names)},
        languages={"ko": 'argos = "ko", min_build_coverage = 0'},
    )
    for command in ("extract", "update", "build", "review"):
        l10n_ok(command)
    for name in names:
        assert (root / "build" / "en" / f"{name}.html").is_file()
        assert (root / "build" / "ko" / f"{name}.html").is_file()
        assert (root / "build" / "locale" / "ko" / "LC_MESSAGES" / f"{name}.mo").is_file()
        assert (root / "build" / "review" / "ko" / f"{name}.html").is_file()
    index = (root / "build" / "review" / "index.html").read_text(encoding="utf-8")
    assert index.count("<tr><td>") == 3
    assert "removed:" not in l10n_ok("build").output + l10n_ok("review").output


def test_hidden_folders_are_not_read_and_links_to_folders_are_refused(make_project):
    root = make_project(sources={"2026/a.txt": article(1), ".drafts/b.txt": article(2)})
    assert l10n_ok("extract").output.splitlines()[0] == "1 written, 0 unchanged"
    assert not (root / "locales" / ".drafts").exists()
    line = one_line_error(l10n("extract", "source/.drafts/b.txt"))
    assert line == (
        "l10n: error: source/.drafts/b.txt: in a hidden folder (.drafts); sources there are "
        "not read"
    )
    os.symlink(root / "source" / "2026", root / "source" / "latest")
    line = one_line_error(l10n("extract"))
    assert line == (
        "l10n: error: source/latest: a link to a folder; not followed (move the "
        "folder here instead)"
    )


def test_a_control_character_in_a_folder_name_is_refused(make_project):
    root = make_project(sources={"a\x1bb/c.txt": article(1)})
    line = one_line_error(l10n("extract"))
    assert "a control character in the file name; rename the file" in line
    assert not (root / "locales").exists()


def test_a_file_name_that_is_not_utf8_is_refused(make_project):
    """A name's bytes that do not decode (Latin-1 "café", ``caf\\xe9.txt``) cannot be written
    into a template's references: refused with one line, in a folder's name too."""
    root = make_project(sources={"a.txt": article(1)})
    for made in (b"caf\xe9.txt", b"2026\xff/b.txt"):
        path = os.path.join(os.fsencode(root / "source"), made)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as file:
            file.write(article(2).encode("utf-8"))
        line = one_line_error(l10n("extract"))
        assert "a file name that is not UTF-8; rename the file" in line
        assert not (root / "locales").exists()
        os.remove(path)


def test_a_source_named_on_the_command_line_may_be_in_a_folder(make_project):
    root = make_project(sources=FOLDERS)
    assert l10n_ok("extract", "source/2026/12/b.md").output == (
        "1 written, 0 unchanged\nwritten: locales/2026/12/b.pot (4 entries)\n"
    )
    assert files_under(root, "locales") == {"locales/2026/12/b.pot"}
    outside = root / "elsewhere" / "b.md"
    outside.parent.mkdir()
    outside.write_text(MARKDOWN, encoding="utf-8")
    assert "not a source document" in one_line_error(l10n("extract", "elsewhere/b.md"))


# ---- catalogs alone, and files named on the command line ---------------------------------


def test_a_checkout_of_catalogs_only_finds_the_templates_in_folders(make_project, tmp_path):
    make_project(sources=FOLDERS)
    l10n_ok("extract")
    l10n_ok("update")
    catalogs = make_project("catalogs", sources={})
    shutil.copytree(tmp_path / "project" / "locales", catalogs / "locales")
    report = json.loads(l10n("check", "--coverage-only", "--format", "json").stdout)
    assert [f["file"] for f in report["languages"]["ms"]["files"]] == [
        f"locales/ms/LC_MESSAGES/{name}.po" for name in NAMES
    ]


def test_a_catalog_in_a_folder_named_on_the_command_line_finds_its_template(make_project):
    root = make_project(sources=FOLDERS)
    l10n_ok("extract")
    l10n_ok("update")
    path = root / "locales" / "ko" / "LC_MESSAGES" / "2026" / "12" / "a.po"
    po = polib.pofile(str(path))
    del po.metadata["Language"]
    po[:] = []  # lost every entry: the template's still count
    po.save()
    result = l10n("check", "--coverage-only", "--format", "json", str(path))
    report = json.loads(result.stdout)
    assert list(report["languages"]) == ["ko"]
    template = polib.pofile(str(root / "locales" / "2026" / "12" / "a.pot"))
    assert report["languages"]["ko"]["entries"] == len(template) == 5
    assert report["languages"]["ko"]["untranslated"] == 5


# ---- import ---------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html><html><head><title>Ferries run again</title></head><body><article>
<h1>Ferries run again</h1><p>The port authority said the ferries run again on Monday.</p>
<p>Passengers welcomed the news, officials said on Monday afternoon.</p>
</article></body></html>"""


def test_import_with_a_name_in_folders_writes_the_source_there(make_project):
    root = make_project(sources={})
    (root / "page.html").write_text(PAGE, encoding="utf-8")
    assert l10n_ok("import", "page.html", "--name", "2026/12/ferries").output == (
        "written: source/2026/12/ferries.md\n"
    )
    assert (
        (root / "source" / "2026" / "12" / "ferries.md")
        .read_text("utf-8")
        .startswith("# Ferries run again\n")
    )
    again = one_line_error(l10n("import", "page.html", "--name", "2026/12/ferries"))
    assert again.endswith("a source of this name exists already (see --name)")
    assert l10n_ok("extract").output.endswith("written: locales/2026/12/ferries.pot (3 entries)\n")


@pytest.mark.parametrize(
    "name, message",
    [
        ("../up", "letters, digits, '.', '_' and '-' only, in parts separated by '/'"),
        ("2026//x", "letters, digits, '.', '_' and '-' only, in parts separated by '/'"),
        ("/abs", "letters, digits, '.', '_' and '-' only, in parts separated by '/'"),
        ("2026/.x", "letters, digits, '.', '_' and '-' only, in parts separated by '/'"),
        ("ko/x", "the folder 'ko' has the name of a configured language"),
    ],
)
def test_import_refuses_a_name_whose_folders_are_not_plain_names(make_project, name, message):
    root = make_project(sources={})
    (root / "page.html").write_text(PAGE, encoding="utf-8")
    assert message in one_line_error(l10n("import", "page.html", "--name", name))
    assert not (root / "source").exists()


LINKED = """<!DOCTYPE html><html><head><title>Ferries run again</title></head><body><article>
<h1>Ferries run again</h1><p>The port authority said the <a href="/ports/dover">ferries</a> run
again on Monday.</p><p>Passengers welcomed the news, <a href="../officials.html">officials</a>
said on Monday afternoon.</p></article></body></html>"""


def test_import_with_the_pages_url_makes_its_relative_links_absolute(make_project):
    """A page that names no address of its own (no canonical link, no ``og:url``) keeps its
    relative links unless the user says where it came from."""
    root = make_project(sources={})
    (root / "page.html").write_text(LINKED, encoding="utf-8")
    url = "https://news.example.com/2026/12/ferries.html"
    assert l10n_ok("import", "page.html", "--url", url).stderr == ""  # every link absolute
    text = (root / "source" / "page.md").read_text("utf-8")
    assert "](https://news.example.com/ports/dover)" in text
    assert "](https://news.example.com/2026/officials.html)" in text
    assert f'url: "{url}"' in text
    plain = l10n_ok("import", "page.html", "--name", "plain")
    assert "](/ports/dover)" in (root / "source" / "plain.md").read_text("utf-8")
    assert plain.stdout == "written: source/plain.md\n"
    assert plain.stderr == (
        "l10n: warning: source/plain.md: 2 links are relative to the page's address "
        "(/ports/dover, …), which the page does not name, so they lead nowhere once published; "
        "to make them absolute, delete the source and import the page again with --url URL\n"
    )


@pytest.mark.parametrize(
    "url", ["news.example.com/story", "ftp://example.com/a", "https://", "https://a b.com/x"]
)
def test_import_refuses_a_url_that_is_not_a_web_address(make_project, url):
    root = make_project(sources={})
    (root / "page.html").write_text(LINKED, encoding="utf-8")
    assert f"--url {url!r}: " in one_line_error(l10n("import", "page.html", "--url", url))
    assert not (root / "source").exists()


# ---- screenshots ----------------------------------------------------------------------------


def test_the_pages_to_screenshot_include_those_in_folders_and_not_the_review_pages(tmp_path):
    build = tmp_path / "build"
    pages = ("index", "index/2026/12/index", "en/a", "ko/2026/12/a", "review/index")
    for page in (*pages, "review/ko/2026/12/a"):
        (build / f"{page}.html").parent.mkdir(parents=True, exist_ok=True)
        (build / f"{page}.html").write_text("<p>", encoding="utf-8")
    found = [p.relative_to(build).as_posix() for p in browser.pages(build)]
    assert found == [
        "index.html",
        "en/a.html",
        "index/2026/12/index.html",
        "ko/2026/12/a.html",
        "review/index.html",
    ]
    assert browser._selected(Path("ko/2026/12/a"), ("ko",), ("2026/12/a",))
    assert not browser._selected(Path("ko/2026/12/a"), (), ("a",))
    # a folder's page of the index is taken with the index: when no page is named
    assert browser._selected(Path("index/2026/12/index"), (), ())
    assert not browser._selected(Path("index/2026/12/index"), ("ko",), ())
    assert not browser._selected(Path("index/2026/12/index"), (), ("2026/12/index",))


# ---- make -------------------------------------------------------------------------------------


@needs_make
def test_make_builds_an_archive_in_folders_and_follows_changes_in_them(tmp_path):
    root = tmp_path / "p"
    root.mkdir()
    for name in ("Makefile", "pyproject.toml", "constraints.txt"):
        shutil.copy(REPO / name, root / name)
    for name, text in FOLDERS.items():
        (root / "source" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "source" / name).write_text(text, encoding="utf-8")
    first = run_make(root)
    assert first.returncode == 0, first.stderr
    for name in NAMES:
        assert (root / "build" / "en" / f"{name}.html").is_file()
        assert (root / "locales" / "ko" / "LC_MESSAGES" / f"{name}.po").is_file()
    assert run_make(root).stdout == ""
    (root / "source" / "2025" / "01" / "c.txt").unlink()  # only its folder's time changes
    second = run_make(root)
    assert second.returncode == 0, second.stderr
    assert "removed: build/en/2025/01/c.html" in second.stdout
    assert not (root / "build" / "en" / "2025").exists()
    article_d = root / "source" / "2026" / "12" / "d.txt"
    article_d.write_text(article(4), encoding="utf-8")
    assert run_make(root).returncode == 0
    assert (root / "build" / "en" / "2026" / "12" / "d.html").is_file()
    assert run_make(root).stdout == ""


def test_folder_names_with_url_characters_link_to_their_files(make_project):
    root = make_project(
        sources={"a#b/c d.txt": article(1), "x?y/z%41.txt": article(2)},
        languages={"ko": 'argos = "ko", min_build_coverage = 0'},
    )
    for command in ("extract", "update", "build"):
        l10n_ok(command)
    index = (root / "build" / "index.html").read_text(encoding="utf-8")
    assert 'href="index/a%23b/index.html"' in index and 'href="index/x%3Fy/index.html"' in index
    folder = (root / "build" / "index" / "a#b" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../ko/a%23b/c%20d.html"' in folder
    pages = sorted((root / "build").rglob("*.html"))
    assert len(pages) == 7  # the index, its two folders' pages, two articles in two languages
    for page in pages:
        for link in local_links(page):
            assert not {"#", "?"} & set(link), link
            assert (page.parent / unquote(link)).resolve().is_file(), (page, link)


def test_worker_processes_write_in_the_documents_folders(make_project):
    sources = {f"20{25 + n % 2}/0{1 + n % 3}/s{n}.txt": article(n) for n in range(10)}
    root = make_project(sources=sources, languages={"ko": 'argos = "ko", min_build_coverage = 0'})
    for command in ("extract", "update", "check", "build"):
        result = l10n("--jobs", "2", command, "--coverage-only" if command == "check" else "-v")
        assert result.exit_code in ((0, 1) if command == "check" else (0,)), result.output
    names = [name.removesuffix(".txt") for name in sources]
    assert files_under(root, "locales") == {
        *(f"locales/{name}.pot" for name in names),
        *(f"locales/ko/LC_MESSAGES/{name}.po" for name in names),
    }
    for name in names:
        page = root / "build" / "ko" / f"{name}.html"
        assert len(local_links(page)) == 5  # 3 alternates (x-default, en, ko), en, the index
        assert all((page.parent / unquote(link)).resolve().is_file() for link in local_links(page))
