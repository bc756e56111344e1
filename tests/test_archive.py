"""A growing archive: each command costs what changed, not what exists.

Measured as work, not time: which files a run writes (bytes and modification times), and how
many catalogs it parses."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path

import polib
import pytest
from conftest import l10n, l10n_ok, po_path, snapshot

from pipeline import catalog, files, packages
from pipeline.ledger import MONITOR, Groups

GLOSSARY = "en,ko,zh_Hans,ms,note\n"


def article(number: int) -> str:
    return (
        f"Port handles record {number} million containers\n\n"
        f"The port of Tanjong Pagar handled {number} million containers last year. "
        "Officials expect growth to continue.\n\n"
        f"Shipping lines added {number + 2} new routes to the region.\n\n"
        "The figures were released on Monday.\n"
    )


@pytest.fixture
def archive(make_project, argos_store):
    """Three articles, extracted, updated, drafted (no model) and built."""
    root = make_project(
        sources={f"story-{n}.txt": article(n) for n in (1, 2, 3)}, glossary=GLOSSARY
    )
    run_all()
    return root


def run_all() -> None:
    for command in ("extract", "update", "translate", "build"):
        l10n_ok(command)


def state(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file of the project but the ledgers → (bytes, mtime)."""
    files = snapshot(root, exclude=(".l10n",))
    return {k: (v, (root / k).stat().st_mtime_ns) for k, v in files.items()}


def translate_all(root: Path, lang: str, stem: str, prefix: str) -> Path:
    """A translator's work on a whole catalog: every entry ``prefix`` + its msgid."""
    path = po_path(root, lang, stem)
    po = polib.pofile(str(path))
    for entry in po:
        entry.msgstr = prefix + entry.msgid
    po.save(str(path))
    return path


def changed(before: dict, after: dict) -> set[str]:
    return {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}


@pytest.fixture
def parses(monkeypatch) -> list[str]:
    """The PO and POT files parsed from now on."""
    seen: list[str] = []
    real = catalog.load

    def counting(path):
        seen.append(Path(path).name)
        return real(path)

    monkeypatch.setattr(catalog, "load", counting)
    return seen


def test_a_second_run_writes_nothing_and_parses_no_catalog(archive, parses):
    before = state(archive)
    run_all()
    assert changed(before, state(archive)) == set()
    assert parses == []


def test_adding_an_article_writes_only_its_own_files_and_the_index(archive, parses):
    before = state(archive)
    (archive / "source" / "story-4.txt").write_text(article(4), encoding="utf-8")
    run_all()
    written = changed(before, state(archive))
    assert written == {
        "source/story-4.txt",
        "locales/story-4.pot",
        *(f"locales/{lang}/LC_MESSAGES/story-4.po" for lang in ("ko", "zh_Hans", "ms")),
        *(f"build/{lang}/story-4.{fmt}" for lang in ("en",) for fmt in ("txt", "md", "html")),
        "build/index.html",
    }
    # the new article's template and its three catalogs, each parsed where it is used
    assert set(parses) == {"story-4.pot", "story-4.po"}


def test_editing_a_sentence_changes_only_that_articles_catalogs(archive):
    path = translate_all(archive, "ms", "story-2", "MS: ")
    run_all()
    before = state(archive)
    source = archive / "source" / "story-2.txt"
    source.write_text(source.read_text().replace("new routes", "fresh routes"), encoding="utf-8")
    run_all()
    written = changed(before, state(archive))
    assert {w for w in written if w.startswith("locales/")} == {
        "locales/story-2.pot",
        *(f"locales/{lang}/LC_MESSAGES/story-2.po" for lang in ("ko", "zh_Hans", "ms")),
    }
    assert {w for w in written if w.startswith("build/")} <= {
        *(f"build/{lang}/story-2.{fmt}" for lang in ("en", "ms") for fmt in ("txt", "md", "html")),
        "build/locale/ms/LC_MESSAGES/story-2.mo",
        "build/index.html",
    }
    edited = polib.pofile(str(path)).find("Shipping lines added 4 fresh routes to the region.")
    assert "fuzzy" in edited.flags
    assert edited.previous_msgid == "Shipping lines added 4 new routes to the region."
    assert edited.msgstr == "MS: Shipping lines added 4 new routes to the region."


def test_a_translators_save_is_merged_again_though_the_template_did_not_change(archive):
    path = po_path(archive, "ko", "story-1")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"Language: ko\\n"\n', ""), encoding="utf-8")  # a header lost
    l10n_ok("update")
    assert '"Language: ko\\n"' in path.read_text(encoding="utf-8")


def test_the_people_memory_sees_a_translation_made_in_another_article_since(archive, argos_package):
    path = po_path(archive, "ko", "story-1")
    po = polib.pofile(str(path))
    po.find("The figures were released on Monday.").msgstr = "수치는 월요일에 발표됐다."
    po.save(str(path))
    result = l10n_ok("translate", "--lang", "ko")
    assert "2 from people's translations" in result.stdout
    for n in (2, 3):
        entry = polib.pofile(str(po_path(archive, "ko", f"story-{n}"))).find(
            "The figures were released on Monday."
        )
        assert entry.msgstr == "수치는 월요일에 발표됐다." and "fuzzy" in entry.flags
    packages.install_file(argos_package)  # a model now: the pending entries are read and drafted
    result = l10n_ok("translate", "--lang", "ko")
    assert "0 skipped, 0 failed" in result.stdout and "nothing to draft" not in result.stdout


def test_a_deleted_articles_outputs_and_memory_rows_go_away(archive):
    path = translate_all(archive, "ko", "story-3", "번역: ")
    run_all()
    memory = archive / "build" / ".l10n" / "people.sqlite3"

    def origins() -> set[str]:
        with sqlite3.connect(memory) as db:
            return {o for (o,) in db.execute("SELECT DISTINCT origin FROM person")}

    assert origins() == {"locales/ko/LC_MESSAGES/story-3.po"}
    (archive / "source" / "story-3.txt").unlink()
    run_all()
    assert not list((archive / "build").rglob("story-3.*"))
    assert origins() == set()
    assert path.exists()  # the translators' catalog itself is kept


def test_a_deleted_articles_template_goes_and_its_catalogs_stay(archive, make_project):
    """A template is made from its source: with the source gone, ``extract`` over every source
    removes it (a checkout of catalogs only would still count the article), and keeps each
    language's catalog, the translators' work."""
    path = translate_all(archive, "ko", "story-3", "번역: ")
    work = path.read_bytes()
    template = archive / "locales" / "story-3.pot"
    # a template of the site's own strings, which extract did not make, is left alone
    own = archive / "locales" / "site" / "ui.pot"
    own.parent.mkdir()
    own.write_text('msgid ""\nmsgstr ""\n\n#: theme/footer.html:3\nmsgid "Subscribe"\nmsgstr ""\n')
    (archive / "source" / "story-3.txt").unlink()
    named = l10n_ok("extract", "source/story-1.txt")  # one source named: nothing else is looked at
    assert template.is_file() and "removed" not in named.stdout
    result = l10n_ok("extract")
    assert result.stdout.splitlines() == [
        "0 written, 2 unchanged, 1 removed",
        "removed: locales/story-3.pot (its source is gone; its catalogs "
        "locales/*/LC_MESSAGES/story-3.po stay)",
    ]
    assert not template.exists() and own.is_file()
    assert path.read_bytes() == work
    assert l10n_ok("extract").stdout == "0 written, 2 unchanged\n"
    own.unlink()
    run_all()
    assert path.read_bytes() == work
    # a checkout of the catalogs alone counts the two articles left
    catalogs = make_project("catalogs", sources={})
    shutil.copytree(archive / "locales", catalogs / "locales")
    report = json.loads(l10n("check", "--coverage-only", "--format", "json").stdout)
    assert [f["file"] for f in report["languages"]["ko"]["files"]] == [
        f"locales/ko/LC_MESSAGES/story-{n}.po" for n in (1, 2)
    ]


def test_a_renamed_articles_translations_follow_its_catalog_moved_by_hand(archive):
    """The rename docs/design.md tells: the source renamed and the pipeline run, then the
    old name's catalog moved over the one it made: the translators' work is merged into the
    new name's template and published."""
    translate_all(archive, "ko", "story-3", "번역: ")
    (archive / "source" / "story-3.txt").rename(archive / "source" / "renamed.txt")
    run_all()
    assert not (archive / "locales" / "story-3.pot").exists()
    po_path(archive, "ko", "story-3").replace(po_path(archive, "ko", "renamed"))
    run_all()
    po = polib.pofile(str(po_path(archive, "ko", "renamed")))
    assert po.percent_translated() == 100 and not po.fuzzy_entries()
    assert po[0].occurrences == [("source/renamed.txt", "1")]
    page = (archive / "build" / "ko" / "renamed.txt").read_text(encoding="utf-8")
    assert "번역: The figures were released on Monday." in page


@pytest.mark.parametrize("source_moved", [False, True])
def test_l10n_mv_renames_an_article_with_its_translations(archive, source_moved):
    """``l10n mv``: the source (unless a ``git mv`` moved it already), the template and every
    language's catalog renamed together; the next run publishes the translators' work under
    the new name and removes the old pages."""
    translate_all(archive, "ko", "story-3", "번역: ")
    if source_moved:
        (archive / "source" / "story-3.txt").rename(archive / "source" / "renamed.txt")
    result = l10n_ok("mv", "story-3", "renamed")
    moved = [
        *([] if source_moved else ["source/story-3.txt -> source/renamed.txt"]),
        "locales/story-3.pot -> locales/renamed.pot",
        *(
            f"locales/{lang}/LC_MESSAGES/story-3.po -> locales/{lang}/LC_MESSAGES/renamed.po"
            for lang in ("ko", "ms", "zh_Hans")
        ),
    ]
    assert result.stdout.splitlines() == [
        f"{len(moved)} moved; run make to build 'renamed'",
        *(f"moved: {line}" for line in moved),
    ]
    run_all()
    po = polib.pofile(str(po_path(archive, "ko", "renamed")))
    assert po.percent_translated() == 100 and not po.fuzzy_entries()
    assert po[0].occurrences == [("source/renamed.txt", "1")]
    page = (archive / "build" / "ko" / "renamed.txt").read_text(encoding="utf-8")
    assert "번역: The figures were released on Monday." in page
    assert not list((archive / "build").rglob("story-3.*"))
    assert not list((archive / "locales").rglob("story-3.*"))


def test_l10n_mv_moves_nothing_where_a_catalog_of_the_new_name_is_there(archive):
    translate_all(archive, "ko", "story-3", "번역: ")
    before = state(archive)
    result = l10n("mv", "story-3", "story-2")
    assert result.exit_code == 2
    assert (
        result.output
        == "l10n: error: source/story-2.txt: already an article of the new name; not moved\n"
    )
    for lang in ("ms", "ko"):
        (archive / "locales" / lang / "LC_MESSAGES" / "x.po").write_bytes(b"")
    result = l10n("mv", "story-3", "x")
    assert result.exit_code == 2
    assert result.output.startswith(
        "l10n: error: locales/ko/LC_MESSAGES/x.po: already a catalog of the new name (and 1 more)"
    )
    assert l10n("mv", "nothing", "x").output == (
        "l10n: error: 'nothing': no article of that name (no source, template or catalog)\n"
    )
    for lang in ("ms", "ko"):
        (archive / "locales" / lang / "LC_MESSAGES" / "x.po").unlink()
    assert state(archive) == before


@pytest.mark.parametrize(
    ("old", "new", "error"),
    [
        ("story-3", "/tmp/x", "the new name '/tmp/x': letters, digits, '.', '_' and '-' only"),
        ("story-3", "x/", "the new name 'x/': letters, digits"),
        ("story-3", "", "the new name '': give the article a name"),
        ("story-3", ".x", "the new name '.x': letters, digits"),
        ("story-3", "a//b", "the new name 'a//b': letters, digits"),
        ("story-3", "ko/x", "source/ko/x.md: the folder 'ko' has the name of a configured"),
        ("../../x", "y", "'../../x': not an article's name (such as 2026/12/slug)"),
        ("/etc/x", "y", "'/etc/x': not an article's name"),
        ("source/story-3.txt", "y", "'source/story-3.txt': give the article's name, without"),
        ("story-3", "story-3", "'story-3' and 'story-3' are the same name"),
        ("story-3", "x.md", "the new name 'x.md': give the name without its suffix ('x')"),
    ],
)
def test_l10n_mv_refuses_names_that_are_no_articles(archive, old, new, error):
    before = state(archive)
    result = l10n("mv", old, new)
    assert result.exit_code == 2 and result.output.startswith(f"l10n: error: {error}")
    assert len(result.output.splitlines()) == 1 and state(archive) == before


def test_l10n_mv_moves_nothing_where_a_file_is_in_the_way_of_a_folder(archive):
    (archive / "locales" / "zh_Hans" / "LC_MESSAGES" / "z").write_bytes(b"")
    before = state(archive)
    result = l10n("mv", "story-3", "z/x")
    assert result.exit_code == 2
    assert result.output == (
        "l10n: error: locales/zh_Hans/LC_MESSAGES/z: a file where the new name needs a folder; "
        "nothing was moved\n"
    )
    assert state(archive) == before


def test_l10n_mv_puts_back_what_it_moved_where_a_move_fails(archive, monkeypatch):
    import errno

    from pipeline import project

    real, calls = os.rename, []

    def rename(source, target):
        calls.append(source)
        if len(calls) == 3:  # (the first catalog: a full disk, a file made read-only)
            raise OSError(errno.EACCES, "Permission denied")
        real(source, target)

    monkeypatch.setattr(project.os, "rename", rename)
    before = state(archive)
    result = l10n("mv", "story-3", "renamed")
    assert result.exit_code == 2
    assert result.output == (
        "l10n: error: locales/ko/LC_MESSAGES/story-3.po: cannot move; nothing was moved: "
        "Permission denied\n"
    )
    assert state(archive) == before


def test_l10n_mv_says_which_pictures_an_article_moved_to_another_folder_leaves(make_project):
    article = (
        "# Cranes\n\nThe port is busy today.\n\n![Cranes](images/cranes.png)\n\n"
        f"![A name too long for a file]({'a' * 300}.png)\n"
    )
    make_project(sources={"2026/12/cranes.md": article, "2026/12/images/cranes.png": b"png"})
    assert l10n_ok("mv", "2026/12/cranes", "2026/11/cranes").stdout.splitlines()[-1] == (
        "note: source/2026/12/images/cranes.png is named by the article and stays where it "
        "was: move it too"
    )
    assert "note:" not in l10n_ok("mv", "2026/11/cranes", "2026/12/cranes").stdout


@pytest.mark.parametrize("groups", [256, 1])
def test_the_state_forgets_the_files_of_a_deleted_article(archive, groups, monkeypatch):
    from pipeline import ledger

    # one group of documents each, or all in one (``ledger.Groups``), recorded
    monkeypatch.setattr(ledger, "GROUPS", groups)
    run_all()
    run_all()

    def rows() -> set[str]:
        with sqlite3.connect(archive / "build" / ".l10n" / "state.sqlite") as db:
            facts = {i.split(" ")[0] for (i,) in db.execute("SELECT item FROM facts")}
            return facts | {p for (p,) in db.execute("SELECT path FROM seen")}

    assert {"source/story-3.txt", "locales/story-3.pot"} <= rows()
    (archive / "source" / "story-3.txt").unlink()
    (archive / "locales" / "story-3.pot").unlink()
    run_all()
    left = {row for row in rows() if "story-3" in row}
    # the catalogs a translator wrote stay, and so does what is known of them
    assert left == {f"locales/{lang}/LC_MESSAGES/story-3.po" for lang in ("ko", "zh_Hans", "ms")}


def test_the_counts_translate_tells_are_those_against_the_template(archive, parses):
    """``translate`` counts the catalogs it saves for a coverage-only check; one merged with
    its template is counted alone, without reading the template: the counts are those a
    count against the template gives, and a coverage-only check reads no catalog after it."""
    from dataclasses import asdict

    from pipeline import qa
    from pipeline.config import load_config
    from pipeline.project import Project

    translate_all(archive, "ko", "story-1", "사람: ")  # a person's, offered to the others
    l10n_ok("update")
    parses.clear()
    assert "4 drafted" in l10n_ok("translate", "--lang", "ko").stdout
    assert parses == ["story-1.po", "story-2.po", "story-3.po"]  # no template
    project = Project(load_config(archive))
    state, memo = project.state(), project.memo()
    for n in (1, 2, 3):
        path = po_path(archive, "ko", f"story-{n}")
        template = archive / "locales" / f"story-{n}.pot"
        key = qa.counts_key(state.digest(template), files.file_digest(path))
        told = memo.get(key)
        assert told is not None and told["translated"] + told["machine"] > 0
        assert told == asdict(qa.count(polib.pofile(str(path)), polib.pofile(str(template))))
    parses.clear()
    l10n_ok("check", "--coverage-only", "--min-coverage", "0")
    assert parses == []


def test_coverage_only_check_after_make_reads_no_catalog(archive, parses):
    result = l10n_ok("check", "--coverage-only", "--min-coverage", "0")
    assert parses == []
    assert result.stdout.count("— ok") == 3
    path = po_path(archive, "ms", "story-1")
    path.write_text("# a translator's note\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    l10n_ok("check", "--coverage-only", "--min-coverage", "0")
    assert parses == ["story-1.po", "story-1.pot"]  # only the file a translator changed


def test_a_translation_in_one_article_rereads_only_catalogs_waiting_for_that_sentence(
    make_project, argos_store, parses
):
    sources = {f"story-{n}.txt": article(n) for n in (1, 2, 3)}
    sources["other.txt"] = "Weather turns wet\n\nRain is expected all week.\n"
    root = make_project(sources=sources, glossary=GLOSSARY)
    run_all()
    path = po_path(root, "ko", "story-1")
    po = polib.pofile(str(path))
    po.find("The figures were released on Monday.").msgstr = "수치는 월요일에 발표됐다."
    po.save(str(path))
    parses.clear()
    l10n_ok("translate", "--lang", "ko")
    # story-1 changed; story-2 and 3 wait for that sentence; other.po does not have it
    assert sorted(p for p in parses if p.endswith(".po")) == [
        "story-1.po",
        "story-2.po",
        "story-3.po",
    ]


def test_a_ledger_this_machine_did_not_sign_is_not_trusted(archive, parses):
    import hashlib
    import json
    import sqlite3

    # a contribution carries a state claiming every catalog is translated
    db = sqlite3.connect(archive / "build" / ".l10n" / "state.sqlite")
    items = db.execute("SELECT item FROM facts WHERE command = 'update'").fetchall()
    assert len(items) == 9
    assert all(not item.startswith("/") for (item,) in items)  # keyed relative to the project
    rows = db.execute("SELECT key, body FROM memo WHERE key LIKE '%:counts:%'").fetchall()
    assert len(rows) == 9
    key = b"another machine's key".ljust(32)
    for name, body in rows:
        counts = json.loads(body)
        counts["translated"], counts["untranslated"] = counts["entries"], 0
        forged = json.dumps(counts)
        message = "\0".join((name, forged)).encode()
        signature = hashlib.blake2b(message, key=key, digest_size=32).hexdigest()
        db.execute("UPDATE memo SET body = ?, sig = ? WHERE key = ?", (forged, signature, name))
    db.commit()
    db.close()
    result = l10n("check", "--coverage-only")
    assert result.exit_code == 1 and "FAIL" in result.stdout
    assert len([p for p in parses if p.endswith(".po")]) == 9  # read, not taken on trust


def test_update_does_not_merge_again_the_catalogs_translate_drafted_into(
    make_project, argos_store, parses
):
    root = make_project(sources={f"story-{n}.txt": article(n) for n in (1, 2)})
    l10n_ok("extract")
    l10n_ok("update")
    path = po_path(root, "ko", "story-1")
    po = polib.pofile(str(path))
    po.find("The figures were released on Monday.").msgstr = "수치는 월요일에 발표됐다."
    po.save(str(path))
    l10n_ok("update")  # the translator's save is merged (it changed the file)
    l10n_ok("translate", "--lang", "ko")  # story-2 gets the person's translation as a draft
    parses.clear()
    l10n_ok("update")
    assert parses == []  # story-2's draft did not make it stale for update


def test_a_second_full_check_reads_no_catalog(archive, parses):
    first = l10n("check")
    assert len([p for p in parses if p.endswith(".po")]) == 9
    parses.clear()
    again = l10n("check")
    assert parses == [] and again.stdout == first.stdout and again.exit_code == first.exit_code


# ---- the state database -------------------------------------------------------------------


def database_rows(root: Path) -> dict[tuple[str, str], str]:
    db = sqlite3.connect(root / "build" / ".l10n" / "state.sqlite")
    try:
        return {(c, i): s for c, i, s in db.execute("SELECT command, item, sig FROM facts")}
    finally:
        db.close()


def test_a_build_trusts_groups_of_documents_whose_files_are_as_recorded(
    archive, monkeypatch, request
):
    from pipeline import ledger

    monkeypatch.setattr(ledger, "GROUPS", 2)  # three documents: a group holds two or more
    run_all()  # the groups are recorded once the files the build wrote are steady
    run_all()
    asked = request.getfixturevalue("rows_asked")  # counted from here on
    before = state(archive)
    l10n_ok("build")
    assert "build" not in asked and "build groups" in asked  # no document's own row asked
    assert state(archive) == before
    # an output edited by hand (its size kept) is made again, its group asked about
    page = archive / "build" / "en" / "story-2.txt"
    page.write_bytes(page.read_bytes().replace(b"e", b"E"))
    asked.clear()
    l10n_ok("build")
    assert "build" in asked
    after = state(archive)
    assert {k for k in after if after[k] != before[k]} == {"build/en/story-2.txt"}
    assert page.read_bytes() == before["build/en/story-2.txt"][0]


@pytest.mark.parametrize("by_item", [8, 0], ids=["rows-at-once", "rows-one-by-one"])
def test_update_after_a_run_that_drafted_asks_about_no_catalog_alone(
    archive, argos_package, monkeypatch, by_item, request
):
    """`run` records update's groups of the catalogs translate drafted into (still merged:
    the memo knows it), so that the next update, the one that adds an article after an
    archive's first make, does not ask about each catalog of every group drafted into."""
    from pipeline import ledger

    monkeypatch.setattr(ledger, "GROUPS", 2)  # nine catalogs: a group holds several
    monkeypatch.setattr(ledger, "BY_ITEM", by_item)  # 0: rows read one by one (few written)
    # every file written long before the file system's "now": none is "racily clean", so
    # that a group is recorded in the run that writes its files (a test runs in one tick)
    monkeypatch.setattr(ledger.State, "_clock", lambda self: 2**62)
    packages.install_file(argos_package)  # an en → ko model: three ko catalogs drafted
    drafted = l10n_ok("run", "update", "translate")
    assert drafted.stdout.count("  updated: ") == 3
    asked = request.getfixturevalue("rows_asked")  # counted from here on
    before = state(archive)
    l10n_ok("update")
    assert "update groups" in asked and "update" not in asked  # no catalog's own row asked
    assert state(archive) == before
    # a translator's save after it is merged as ever: its group asked about, item by item
    asked.clear()
    saved = translate_all(archive, "zh_Hans", "story-2", "译 ")
    l10n_ok("update")
    assert "update" in asked
    assert "译 " in saved.read_text(encoding="utf-8")


def test_a_group_is_trusted_only_with_the_same_files_in_the_same_states(tmp_path):
    import os
    from dataclasses import dataclass

    from pipeline import ledger

    @dataclass(frozen=True)
    class Made:
        n: int

    (tmp_path / "a.txt").write_text("one")
    os.link(tmp_path / "a.txt", tmp_path / "a.md")  # another name, the very same state
    (tmp_path / "a.pot").write_text("made")
    os.utime(tmp_path / "a.txt", ns=(0, 10**9))  # long before the file system's "now"
    os.utime(tmp_path / "a.pot", ns=(0, 10**9))
    source = {"a.pot": "a.txt"}

    def run(learn: bool) -> dict:
        state = ledger.State(tmp_path / "db", tmp_path, b"k" * 32)
        step = ledger.Step(state.ledger("extract"), Made)
        groups = ledger.Groups(step, {}, lambda item, _: [source[item]])
        trusted = groups.trusted(["a.pot"], lambda _, inputs, fact: fact)
        if learn:
            inputs = {"source": state.digest(source["a.pot"]), "template": state.digest("a.pot")}
            step.learn("a.pot", inputs, Made(3))
            groups.learn(
                ["a.pot"], lambda item, _: [state.seen_state(k) for k in (item, source[item])]
            )
            state.save()
        return trusted

    assert run(learn=True) == {}
    assert run(learn=False) == {"a.pot": Made(3)}
    source["a.pot"] = "a.md"  # the source renamed to another kind, its bytes and state kept
    assert run(learn=False) == {}
    source["a.pot"] = "a.txt"
    (tmp_path / "a.pot").write_text("MADE")  # the same size, written back with its old time
    os.utime(tmp_path / "a.pot", ns=(0, 10**9))
    assert run(learn=False) == {}


def test_a_group_whose_fact_a_partial_run_learnt_anew_is_not_trusted(tmp_path):
    import os
    from dataclasses import dataclass

    from pipeline import ledger

    @dataclass(frozen=True)
    class Waits:
        n: int

    (tmp_path / "a.po").write_text("catalog")
    os.utime(tmp_path / "a.po", ns=(0, 10**9))  # long before the file system's "now"

    def run(fact: Waits | None, every: bool = True) -> dict:
        state = ledger.State(tmp_path / "db", tmp_path, b"k" * 32)
        step = ledger.Step(state.ledger("translate"), Waits)
        groups = ledger.Groups(step, {}, lambda item, _: [])
        trusted = groups.trusted(["a.po"], lambda _, inputs, fact: fact) if every else {}
        if "a.po" not in trusted:  # asked on its own
            step.known("a.po", {"catalog": state.digest("a.po")})
        if fact is not None:  # learnt anew from the same bytes (the people's memory moved on)
            step.learn("a.po", {"catalog": state.digest("a.po")}, fact)
        if every:
            groups.learn(["a.po"], lambda item, _: [state.seen_state(item)])
        else:
            groups.forget_learnt()
        state.save()
        return trusted

    run(Waits(3))
    assert run(None) == {"a.po": Waits(3)}
    run(Waits(1), every=False)  # `translate --lang ko`: records no group
    assert run(None) == {}  # asked item by item, and recorded again
    assert run(None) == {"a.po": Waits(1)}
    assert run(Waits(2)) == {"a.po": Waits(1)}  # a full run that learns it anew, trusted
    assert run(None) == {}  # its group was forgotten, not trusted with the fact before
    assert run(None) == {"a.po": Waits(2)}


def test_a_moved_checkout_keeps_what_its_commands_learnt(archive, tmp_path, parses, monkeypatch):
    import shutil

    moved = tmp_path / "elsewhere" / "checkout"
    shutil.copytree(archive, moved, symlinks=True)
    monkeypatch.chdir(moved)
    result = l10n("check", "--coverage-only")
    assert result.exit_code == 1
    assert parses == []  # every count trusted from the copied database
    assert all(not item.startswith("/") for _, item in database_rows(moved))


def test_a_moved_checkout_reads_its_files_once_not_on_every_run(archive, tmp_path, monkeypatch):
    import shutil

    from pipeline import files

    moved = tmp_path / "elsewhere" / "checkout"
    shutil.copytree(archive, moved, symlinks=True)  # new inodes and change times
    monkeypatch.chdir(moved)
    read: list[str] = []

    def counting(real):
        def read_it(path, *args, **kwargs):
            read.append(Path(path).name)
            return real(path, *args, **kwargs)

        return read_it

    for reader in ("read_bytes", "file_digest"):  # to use, to digest
        monkeypatch.setattr(files, reader, counting(getattr(files, reader)))
    run_all()
    assert "story-1.po" in read  # digested again: its times are not the ones seen
    read.clear()
    run_all()
    # none of the documents' files (the settings, the glossary and the index are read)
    assert [name for name in read if "story" in name] == []


def test_a_run_that_learns_nothing_writes_nothing_and_an_edit_rewrites_its_rows_only(archive):
    database = archive / "build" / ".l10n" / "state.sqlite"
    run_all()  # files the first run wrote in its last clock tick are seen again once
    before, rows = database.read_bytes(), database_rows(archive)
    run_all()
    assert database.read_bytes() == before
    source = archive / "source" / "story-2.txt"
    source.write_text(source.read_text().replace("4 new routes", "5 new routes"))
    run_all()
    after = database_rows(archive)
    changed_items = {key for key in after if after[key] != rows.get(key)}
    # the document's rows, the rows of the groups they fall in (``ledger.Groups``), and the
    # states of the output folders its new outputs were written in (``ledger.Folders``)
    own = {(c, i) for c, i in changed_items if "story-2" in i}
    groups = {(f"{c} groups", Groups.of(i.split(" ")[0])) for c, i in own}
    # and the row each stage that recorded a group keeps its clock in (``Groups.learn``)
    groups |= {(command, MONITOR) for command, _ in groups}
    # and each group's row of its items' facts
    groups |= {(f"{c} group items", Groups.of(i.split(" ")[0])) for c, i in own}
    assert own and changed_items - own <= groups | {("build folders", "folders")}


def test_a_same_size_edit_with_an_old_modification_time_is_seen(archive, parses):
    import os

    path = po_path(archive, "ko", "story-1")
    text = path.read_text(encoding="utf-8")
    stat = path.stat()
    # the same length, written back with the old times (as `cp -p` and `rsync -a` do)
    edited = text.replace("# ko translation", "# KO translation", 1)
    assert edited != text and len(edited.encode()) == len(text.encode())
    path.write_text(edited, encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size and path.stat().st_mtime_ns == stat.st_mtime_ns
    l10n("check", "--coverage-only")
    assert sorted(parses) == ["story-1.po", "story-1.pot"]  # its change time gave it away


def test_a_new_version_of_a_library_that_shapes_outputs_invalidates_every_fact(monkeypatch):
    from importlib import metadata

    from pipeline import ledger

    ledger.code_version.cache_clear()
    before = ledger.code_version()
    real = metadata.version
    monkeypatch.setattr(metadata, "version", lambda name: "99.0" if name == "babel" else real(name))
    ledger.code_version.cache_clear()
    try:
        assert ledger.code_version() != before
    finally:
        monkeypatch.undo()
        ledger.code_version.cache_clear()
    assert ledger.code_version() == before


def test_a_source_renamed_to_another_kind_with_the_same_bytes_is_extracted_again(make_project):
    root = make_project(sources={"post.md": "# Title\n\nSome *emphasis* here.\n"})
    l10n_ok("extract")
    template = root / "locales" / "post.pot"
    assert "<1>emphasis</1>" in template.read_text(encoding="utf-8")
    (root / "source" / "post.md").rename(root / "source" / "post.txt")
    l10n_ok("extract")
    text = template.read_text(encoding="utf-8")
    assert "Some *emphasis* here." in text and "<1>" not in text


def test_extract_tells_its_progress_over_the_sources_it_segments(make_project):
    from pipeline.config import load_config
    from pipeline.project import Project, run_extract

    root = make_project(sources={f"story-{n}.txt": article(n) for n in (1, 2, 3)})
    told: list[tuple[int, int]] = []
    project = Project(load_config(root))
    run_extract(project, (), lambda done, total: told.append((done, total)))
    project.remember()
    assert told == [(1, 3), (2, 3), (3, 3)]
    told.clear()
    (root / "source" / "story-2.txt").write_text(article(22), encoding="utf-8")
    run_extract(Project(load_config(root)), (), lambda done, total: told.append((done, total)))
    assert told == [(1, 1)]  # only what changed is segmented


def test_check_build_and_review_judge_each_entry_once(archive, monkeypatch):
    from pipeline import checks

    translate_all(archive, "ko", "story-1", "번역 ")
    calls: list[str] = []
    real = checks._findings

    def counting(entry, ctx, only):
        calls.append(entry.msgid)
        return real(entry, ctx, only)

    monkeypatch.setattr(checks, "_findings", counting)
    assert l10n("review").exit_code == 0
    judged = len(calls)
    assert judged > 0
    calls.clear()
    assert l10n("check").exit_code == 1  # other catalogs are untranslated
    assert calls == []  # every finding from review's run
    l10n_ok("build")  # the build runs only the error-level checks: judged apart, once
    assert sorted(calls) == sorted(
        e.msgid for e in polib.pofile(str(po_path(archive, "ko", "story-1"))) if e.msgid
    )
    calls.clear()
    for output in (archive / "build" / "ko").glob("story-1.*"):
        output.unlink()  # the page is made again ...
    l10n_ok("build")
    assert (archive / "build" / "en" / "story-1.html").is_file()
    assert calls == []  # ... from the findings already made


def test_a_cold_check_asks_the_memo_once_for_findings_it_has_none_of(archive, monkeypatch):
    """The memo holds no entry's findings yet: a check asks once whether it holds any, not
    once for each entry; once it holds some, a check asks for each entry it judges, and finds
    those of the entries a translator did not change."""
    from pipeline import checks
    from pipeline.ledger import State

    translate_all(archive, "ko", "story-1", "번역 ")
    asked: list[str] = []
    real_query, real_findings = State.query, checks._findings

    def query(self, sql, args):
        if "FROM memo" in sql and args[0].split(":")[1] == "entry":
            asked.append("probe" if "key >= ?" in sql else "entry")
        return real_query(self, sql, args)

    judged: list[str] = []

    def findings(entry, ctx, only):
        judged.append(entry.msgid)
        return real_findings(entry, ctx, only)

    monkeypatch.setattr(State, "query", query)
    monkeypatch.setattr(checks, "_findings", findings)
    assert l10n("--jobs", "1", "check").exit_code == 1  # other catalogs are untranslated
    assert asked == ["probe"] and len(judged) == 5
    asked.clear(), judged.clear()
    path = po_path(archive, "ko", "story-1")
    po = polib.pofile(str(path))
    po[1].msgstr = "다시 " + po[1].msgstr  # a translator's edit: the others' findings are kept
    po.save(str(path))
    assert l10n("--jobs", "1", "check").exit_code == 1
    assert judged == [po[1].msgid] and asked == ["probe"] + ["entry"] * 5


@pytest.mark.parametrize("partial", [["--lang", "ko"], ["--format", "html"]])
def test_a_partial_build_leaves_nothing_stale_for_the_next_full_build(archive, partial):
    zh = translate_all(archive, "zh_Hans", "story-1", "译文 ")
    l10n_ok("build", *partial)
    l10n_ok("build")
    for suffix in ("txt", "md", "html"):
        page = archive / "build" / "zh_Hans" / f"story-1.{suffix}"
        assert "译文" in page.read_text(encoding="utf-8"), (partial, suffix)
    assert zh.is_file()


def test_a_language_taken_out_of_the_settings_is_no_longer_published(archive):
    translate_all(archive, "ms", "story-1", "terjemahan ")
    l10n_ok("build")
    assert (archive / "build" / "ms" / "story-1.html").is_file()
    assert (archive / "build" / "locale" / "ms" / "LC_MESSAGES" / "story-1.mo").is_file()
    settings = archive / "pyproject.toml"
    settings.write_text(settings.read_text().replace('ms = { argos = "ms" }\n', ""))
    l10n_ok("build")
    assert not list((archive / "build" / "ms").glob("story-*"))
    assert not (archive / "build" / "locale" / "ms" / "LC_MESSAGES" / "story-1.mo").exists()
    assert "/ms/" not in (archive / "build" / "index.html").read_text(encoding="utf-8")
    assert (archive / "build" / "en" / "story-1.html").is_file()


def test_the_people_memory_sees_what_was_translated_after_the_clock_ran_ahead(
    tmp_path, monkeypatch
):
    import time

    from pipeline.memory import Memory

    real = time.time()
    memory = Memory(tmp_path)
    monkeypatch.setattr(time, "time", lambda: real + 3600)  # the clock an hour ahead, once
    memory.record_people("ko", [("Hello.", "안녕하세요.", "a.po")], ["a.po"])
    _, seen = memory.people_state("ko")
    monkeypatch.setattr(time, "time", lambda: real)  # set right again
    memory.record_people("ko", [("Goodbye.", "안녕히 가세요.", "b.po")], ["b.po"])
    assert "Goodbye." in memory.people_since("ko", seen)
    memory.close()


def test_the_memory_forgets_the_people_of_deleted_files_only(tmp_path):
    from pipeline.memory import Memory

    memory = Memory(tmp_path)
    for lang in ("ko", "ms"):
        for origin in ("a.po", "b.po", "c.po", "d.po"):
            rows = [(f"{origin} {n}.", f"{lang} {n}", origin) for n in range(3)]
            memory.record_people(lang, rows, [origin])
    memory.forget_origins("ko", ["a.po", "c.po"])
    assert memory._origins("ko") == ["a.po", "c.po"]
    assert memory._origins("ms") == ["a.po", "b.po", "c.po", "d.po"]  # another language's
    assert memory.people_sources("ko") == {f"{o} {n}." for o in ("a.po", "c.po") for n in range(3)}
    memory.forget_origins("ko", [])
    assert memory._origins("ko") == [] and memory.people_sources("ko") == set()
    memory.close()


def test_the_memory_reads_its_origins_only_when_some_may_be_gone(tmp_path, monkeypatch):
    import sqlite3

    from pipeline import memory
    from pipeline.memory import Memory

    read: list[str] = []  # the languages whose files were looked at, some or all
    every, some = Memory._origin_ids, Memory._candidates
    monkeypatch.setattr(
        Memory, "_origin_ids", lambda self, lang: read.append(lang) or every(self, lang)
    )
    monkeypatch.setattr(
        Memory, "_candidates", lambda self, lang, *a: read.append(lang) or some(self, lang, *a)
    )

    def run(*steps) -> list[str]:  # a process of its own: a Memory opened and closed
        read.clear()
        memory = Memory(tmp_path)
        for step in steps:
            step(memory)
        memory.close()
        return read[:]

    def record(lang, *rows):
        return lambda m: m.record_people(lang, list(rows), sorted({r[2] for r in rows}))

    def forget(lang, *keep):
        return lambda m: m.forget_origins(lang, list(keep))

    one, two = ("One.", "하나.", "a.po"), ("Two.", "둘.", "b.po")
    assert run(record("ko", one, two), forget("ko", "a.po", "b.po")) == ["ko"]
    # the same list, nothing recorded anew: nothing read, in any language's own right
    assert run(forget("ko", "a.po", "b.po"), forget("ms", "a.po", "b.po")) == ["ms"]
    assert run(forget("ko", "a.po", "b.po"), forget("ms", "a.po", "b.po")) == []
    # a translation changed in a file the memory has: looked at once (its stamp is new)
    assert run(record("ko", ("One.", "하나!", "a.po"), two), forget("ko", "a.po", "b.po")) == ["ko"]
    assert run(forget("ko", "a.po", "b.po")) == []
    # one recorded anew (another project's file, a file given by path) is looked at, and
    # forgotten though the list is the same
    assert run(record("ko", ("Three.", "셋.", "c.po")), forget("ko", "a.po", "b.po")) == ["ko"]
    assert real_origins(tmp_path) == ["a.po", "b.po"]
    # so is a row written by code that knows nothing of the list, with a stamp of the past
    db = sqlite3.connect(tmp_path / memory.PEOPLE_FILENAME)
    with db:
        db.execute("INSERT INTO person VALUES ('ko', 'Four.', 'd.po', '넷.', 1.0)")
    db.close()
    assert run(forget("ko", "a.po", "b.po")) == ["ko"]
    assert real_origins(tmp_path) == ["a.po", "b.po"]
    # a deleted article: a list of its own, read, and its file forgotten
    assert run(forget("ko", "a.po")) == ["ko"] and real_origins(tmp_path) == ["a.po"]


def test_the_memory_looks_at_the_files_of_the_folders_whose_list_changed(tmp_path, monkeypatch):
    """An archive in folders: a file gone is looked for among the files of the folders whose
    list changed and the files recorded from since, not among every file."""
    from pipeline.memory import Memory

    every: list[str] = []
    looked: list[list[str]] = []
    real_every, real_some = Memory._origin_ids, Memory._candidates
    monkeypatch.setattr(
        Memory, "_origin_ids", lambda self, lang: every.append(lang) or real_every(self, lang)
    )

    def some(self, lang, folders, since):
        found = real_some(self, lang, folders, since)
        looked.append(sorted(path for _, path in found))
        return found

    monkeypatch.setattr(Memory, "_candidates", some)
    files = {f"{month}/{name}.po" for month in ("01", "02", "03") for name in ("a", "b")}
    with Memory(tmp_path) as memory:
        for path in sorted(files):
            memory.record_people("ko", [(f"{path}.", f"{path} 번역.", path)], [path])
        memory.forget_origins("ko", sorted(files))  # the first time: every file
        assert every == ["ko"] and looked == []
        memory.forget_origins("ko", sorted(files - {"02/b.po"}))  # an article deleted
        assert looked == [["02/a.po", "02/b.po"]]  # (its folder's files, and no other)
        assert real_origins_of(memory) == sorted(files - {"02/b.po"})
        # a translation recorded from a file not listed (another project's, a path given
        # by hand): forgotten, though no folder's list changed
        memory.record_people("ko", [("Stray.", "길 잃은.", "04/c.po")], ["04/c.po"])
        memory.forget_origins("ko", sorted(files - {"02/b.po"}))
        assert looked[-1] == ["04/c.po"]
        assert real_origins_of(memory) == sorted(files - {"02/b.po"})
        # a folder gone whole, one moved in: both looked at
        kept = sorted(files - {"02/b.po", "03/a.po", "03/b.po"})
        memory.forget_origins("ko", kept)
        assert looked[-1] == ["03/a.po", "03/b.po"] and real_origins_of(memory) == kept
        looked.clear()
        memory.forget_origins("ko", kept)  # nothing changed: nothing looked at
        assert looked == [] and every == ["ko"]


def test_a_file_recorded_from_after_the_clock_was_put_right_is_still_looked_at(
    tmp_path, monkeypatch
):
    """A run with the clock ahead, then the clock put right: the latest row (and stamp) is
    deleted, and a translation recorded from a file not listed must still read as recorded
    since the memory last looked, though a later row moves the point forward again."""
    import time

    from pipeline.memory import Memory

    clock = [5000.0]
    monkeypatch.setattr(time, "time", lambda: clock[0])
    keep = ["x/a.po"]
    with Memory(tmp_path) as memory:
        memory.record_people("ko", [("One.", "하나.", "x/a.po")], ["x/a.po"])
        memory.forget_origins("ko", keep)
    clock[0] = 1000.0
    with Memory(tmp_path) as memory:
        memory.record_people("ko", [], ["x/a.po"])  # "One." no longer in x/a.po
        memory.record_people("ko", [("Stray.", "길 잃은.", "y/stray.po")], [])
    clock[0] = 6000.0
    with Memory(tmp_path) as memory:
        memory.record_people("ko", [("Two.", "둘.", "x/a.po")], ["x/a.po"])
        memory.forget_origins("ko", keep)
        assert real_origins_of(memory) == keep


def test_a_row_deleted_by_other_code_makes_the_memory_look_at_every_file(tmp_path):
    """The latest row deleted by code that knows nothing of the list (the point kept moves
    back) and one written after it with a stamp of the past: every file is looked at."""
    from pipeline.memory import Memory

    with Memory(tmp_path) as memory:
        memory.record_people("ko", [("One.", "하나.", "x/a.po")], ["x/a.po"])
        memory.record_people("ko", [("Two.", "둘.", "x/b.po")], ["x/b.po"])
        memory.forget_origins("ko", ["x/a.po", "x/b.po"])
        with memory.db:
            memory.db.execute("DELETE FROM people WHERE rowid = (SELECT max(rowid) FROM people)")
            memory.db.execute("INSERT INTO person VALUES ('ko', 'Old.', 'y/old.po', '옛.', 1.0)")
        memory.forget_origins("ko", ["x/a.po", "x/b.po"])
        assert real_origins_of(memory) == ["x/a.po"]


def test_a_row_numbered_again_by_other_code_makes_the_memory_look_at_every_file(tmp_path):
    """The latest row (not the latest stamp) deleted by other code, and a row of a file not
    listed written with its number and a stamp of the past: told by the row's key."""
    from pipeline.memory import Memory

    keep = ["x/a.po", "x/b.po"]
    with Memory(tmp_path) as memory:
        memory.record_people("ko", [("One.", "하나.", "x/a.po")], ["x/a.po"])
        memory.record_people("ko", [("Two.", "둘.", "x/b.po")], ["x/b.po"])
    with Memory(tmp_path) as memory:  # a later run: the first row gets the latest stamp
        memory.record_people("ko", [("One.", "하나!", "x/a.po")], ["x/a.po"])
        memory.forget_origins("ko", keep)
        with memory.db:
            memory.db.execute("DELETE FROM people WHERE rowid = (SELECT max(rowid) FROM people)")
            memory.db.execute("INSERT INTO person VALUES ('ko', 'Old.', 'y/old.po', '옛.', 1.0)")
        memory.forget_origins("ko", keep)
        assert real_origins_of(memory) == ["x/a.po"]


def test_a_stamp_is_later_than_every_one_issued_though_its_row_was_deleted(tmp_path, monkeypatch):
    """With the clock ahead once, then put right, and the row of the latest stamp deleted: what
    is recorded next still reads as newer than that stamp (``people_since``)."""
    import time

    from pipeline.memory import Memory

    clock = [5000.0]
    monkeypatch.setattr(time, "time", lambda: clock[0])
    with Memory(tmp_path) as memory:
        memory.record_people("ko", [("One.", "하나.", "x/a.po")], ["x/a.po"])
    clock[0] = 1000.0
    with Memory(tmp_path) as memory:
        memory.record_people("ko", [], ["x/a.po"])  # "One." no longer in x/a.po
    with Memory(tmp_path) as memory:
        memory.record_people("ko", [("Two.", "둘.", "x/a.po")], ["x/a.po"])
        assert "Two." in memory.people_since("ko", 5000.0)


def real_origins_of(memory) -> list[str]:
    return sorted(
        o for (o,) in memory.db.execute("SELECT DISTINCT origin FROM person WHERE lang = 'ko'")
    )


def real_origins(folder) -> list[str]:
    from pipeline.memory import Memory

    with Memory(folder) as memory:
        return [
            o
            for (o,) in memory.db.execute(
                "SELECT DISTINCT origin FROM person WHERE lang = 'ko' ORDER BY origin"
            )
        ]


def test_translate_reads_an_archive_in_chunks_with_the_bytes_of_one_pass(
    make_project, argos_store, parses, monkeypatch, tmp_path
):
    from pipeline import translate

    sources = {f"story-{n}.txt": article(n) for n in range(1, 8)}
    root = make_project(sources=sources, glossary=GLOSSARY)
    for command in ("extract", "update"):
        l10n_ok(command)
    # a person's translation in the last catalog is offered to every one before it
    path = po_path(root, "ko", "story-7")
    po = polib.pofile(str(path))
    po.find("The figures were released on Monday.").msgstr = "수치는 월요일에 발표됐다."
    po.save(str(path))
    import shutil

    whole = tmp_path / "whole"
    shutil.copytree(root, whole, symlinks=True)
    monkeypatch.setattr(translate, "CHUNK", 3)
    parses.clear()
    chunked = l10n_ok("translate")
    # seven catalogs a language read for their people (three chunks); then read again only
    # those a draft can reach: the six ko catalogs waiting for that person's sentence
    from collections import Counter

    read = Counter(p for p in parses if p.endswith(".po"))
    assert read == {**{f"story-{n}.po": 3 + 1 for n in range(1, 7)}, "story-7.po": 3}
    assert "ko (no model): 6 drafted" in chunked.stdout
    monkeypatch.setattr(translate, "CHUNK", 100)
    monkeypatch.chdir(whole)
    assert l10n_ok("translate").stdout == chunked.stdout.replace(str(root), str(whole))
    assert snapshot(whole, exclude=(".l10n",)) == snapshot(root, exclude=(".l10n",))


def test_an_output_changed_or_deleted_by_hand_is_made_again(archive, parses):
    import os

    page, text = archive / "build" / "en" / "story-1.html", archive / "build" / "en" / "story-2.txt"
    built = page.read_bytes()
    info = page.stat()
    page.write_bytes(built.replace(b"<html", b"<HTML", 1))  # the same size, the old times
    os.utime(page, ns=(info.st_atime_ns, info.st_mtime_ns))
    text.unlink()
    l10n_ok("build")
    assert page.read_bytes() == built and text.exists()
    assert sorted(p for p in parses if p.endswith(".po")) == [
        f"story-{n}.po" for n in (1, 1, 1, 2, 2, 2)
    ]  # those two documents made again, and no other


def test_a_step_reuses_a_fact_only_from_the_same_inputs_and_of_its_own_shape(tmp_path):
    from dataclasses import dataclass

    from pipeline.ledger import State, Step

    @dataclass(frozen=True)
    class Counted:
        entries: int

    @dataclass(frozen=True)
    class Titled:  # a later version's fact of the same stage
        entries: int
        title: str

    key = b"k" * 32
    state = State(tmp_path / ".l10n", tmp_path, key)
    Step(state.ledger("extract"), Counted).learn("locales/a.pot", {"source": "1"}, Counted(3))
    state.save()
    again = State(tmp_path / ".l10n", tmp_path, key).ledger("extract")
    assert Step(again, Titled).known("locales/a.pot", {"source": "1"}) is None
    step = Step(again, Counted)
    assert step.known("locales/a.pot", {"source": "1"}) == Counted(3)
    assert step.known("locales/a.pot", {"source": "2"}) is None


def memo_asked(monkeypatch, prefix: str) -> list[str]:
    """The memo's keys starting with ``prefix`` that commands ask for from now on."""
    from pipeline import ledger

    asked: list[str] = []
    real = ledger.Memo.get

    def spy(self, key):
        if key.startswith(prefix):
            asked.append(key)
        return real(self, key)

    monkeypatch.setattr(ledger.Memo, "get", spy)
    return asked


def test_a_warm_check_reads_the_problems_only_of_the_catalogs_it_lists(archive, monkeypatch):
    from pipeline import report

    translate_all(archive, "ko", "story-1", "")  # copies of the English: 5 warnings each
    translate_all(archive, "ms", "story-2", "")
    monkeypatch.setattr(report, "WARNINGS_SHOWN", 3)  # only some of ko/story-1's listed
    cold = l10n("check")
    cold_json = l10n("check", "--format", "json")
    assert "… and 7 more warnings" in cold.stdout and cold.exit_code == 1
    read = memo_asked(monkeypatch, "findings:")
    warm = l10n("check")
    assert warm.stdout == cold.stdout and warm.exit_code == cold.exit_code
    ko = files.digest(po_path(archive, "ko", "story-1").read_bytes())
    assert len(read) == 1 and read[0].startswith(f"findings:{ko}:")  # not ms/story-2's
    read.clear()
    assert l10n("check", "--format", "json").stdout == cold_json.stdout
    assert len(read) == 9  # JSON lists every problem: every catalog's are read


def test_the_lost_problems_of_a_catalog_are_found_again(archive):
    translate_all(archive, "ko", "story-1", "")
    cold = l10n("check")
    database = archive / "build" / ".l10n" / "state.sqlite"
    db = sqlite3.connect(database)
    with db:
        gone = db.execute("DELETE FROM memo WHERE key LIKE '%:findings:%'").rowcount
    db.close()
    assert gone == 9
    again = l10n("check")
    assert again.stdout == cold.stdout and again.exit_code == cold.exit_code
    db = sqlite3.connect(database)
    (back,) = db.execute("SELECT count(*) FROM memo WHERE key LIKE '%:findings:%'").fetchone()
    db.close()
    assert back == 1  # only the catalog whose problems the report lists was checked again


def test_update_merges_a_new_articles_catalogs_once_each(archive, monkeypatch):
    (archive / "source" / "story-4.txt").write_text(article(4), encoding="utf-8")
    l10n_ok("extract")
    merged: list[str] = []
    real = catalog.merge

    def counting(pot, old, lang):
        merged.append(lang)
        return real(pot, old, lang)

    monkeypatch.setattr(catalog, "merge", counting)
    l10n_ok("update")
    assert sorted(merged) == ["ko", "ms", "zh_Hans"]
    assert all(po_path(archive, lang, "story-4").is_file() for lang in ("ko", "ms", "zh_Hans"))


def findings_rows(root: Path) -> list[str]:
    db = sqlite3.connect(root / "build" / ".l10n" / "state.sqlite")
    try:
        return [key for (key,) in db.execute("SELECT key FROM memo WHERE key LIKE '%:findings:%'")]
    finally:
        db.close()


def test_a_catalog_checked_again_leaves_no_problems_of_its_old_bytes_behind(archive):
    translate_all(archive, "ko", "story-1", "")
    l10n("check")
    before = findings_rows(archive)
    assert len(before) == 9
    ko = files.digest(po_path(archive, "ko", "story-1").read_bytes())
    translate_all(archive, "ko", "story-1", "번역 ")
    edited = l10n("check")
    after = findings_rows(archive)
    assert len(after) == 9  # the edited catalog's row replaced, not added
    assert not any(f":findings:{ko}:" in key for key in after)
    assert l10n("check").stdout == edited.stdout  # and a warm check reads the new one


@pytest.mark.parametrize("made_before", [False, True], ids=["new", "without auto_vacuum"])
def test_a_new_version_of_the_code_forgets_what_the_old_one_recorded(
    tmp_path, monkeypatch, made_before
):
    from dataclasses import dataclass

    from pipeline import ledger
    from pipeline.ledger import State, Step

    @dataclass(frozen=True)
    class Counted:
        entries: int

    key = b"k" * 32
    if made_before:  # as the release before this setting made it
        (tmp_path / ".l10n").mkdir()
        made = sqlite3.connect(tmp_path / ".l10n" / "state.sqlite")
        made.executescript(ledger.SCHEMA)
        assert made.execute("PRAGMA auto_vacuum").fetchone() == (0,)
        made.close()
    monkeypatch.setattr(ledger, "code_version", lambda: "old")
    state = State(tmp_path / ".l10n", tmp_path, key)
    step = Step(state.ledger("extract"), Counted)
    for n in range(2000):
        step.learn(f"locales/a{n}.pot", {"source": str(n)}, Counted(n))
        state.memo.put(f"counts:{n}", "x" * 200)
    state.save()
    database = tmp_path / ".l10n" / "state.sqlite"
    grown = database.stat().st_size

    monkeypatch.setattr(ledger, "code_version", lambda: "new")
    state = State(tmp_path / ".l10n", tmp_path, key)
    Step(state.ledger("extract"), Counted).learn("locales/b.pot", {"source": "b"}, Counted(1))
    state.memo.put("counts:b", 1)
    state.save()
    db = sqlite3.connect(database)
    try:
        assert db.execute("SELECT item, code FROM facts").fetchall() == [("locales/b.pot", "new")]
        assert db.execute("SELECT key FROM memo").fetchall() == [("new:counts:b",)]
    finally:
        db.close()
    assert database.stat().st_size < grown / 4  # the freed pages given back
    again = State(tmp_path / ".l10n", tmp_path, key)
    assert Step(again.ledger("extract"), Counted).known("locales/b.pot", {"source": "b"})
    assert again.memo.get("counts:b") == 1


def test_update_learns_what_the_memo_knew_of_catalogs_drafted_since(archive, monkeypatch):
    translate_all(archive, "ko", "story-1", "번역 ")  # people's translations of shared sentences
    l10n_ok("update")
    l10n_ok("translate")  # drafts them into story-2's and story-3's catalogs, merged as they were
    drafted = [po_path(archive, "ko", f"story-{n}").read_text("utf-8") for n in (2, 3)]
    assert all("번역 Officials expect growth to continue." in text for text in drafted)
    asked = memo_asked(monkeypatch, "merged:")
    l10n_ok("update")
    assert len(asked) == 2  # the memo tells update those bytes are merged ...
    asked.clear()
    l10n_ok("update")
    assert asked == []  # ... once: its own ledger knows them from then on


EARLIER_MEMORY = """
CREATE TABLE mt (package TEXT NOT NULL, version TEXT NOT NULL, source TEXT NOT NULL,
    target TEXT NOT NULL, score REAL, problem TEXT, PRIMARY KEY (package, version, source));
CREATE TABLE person (lang TEXT NOT NULL, source TEXT NOT NULL, origin TEXT NOT NULL,
    target TEXT NOT NULL, updated REAL NOT NULL, PRIMARY KEY (lang, source, origin));
CREATE INDEX person_by_origin ON person (lang, origin, source);
CREATE INDEX person_by_time ON person (lang, updated);
CREATE INDEX person_updated ON person (updated);
CREATE INDEX person_latest ON person (source, lang, updated DESC, origin);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO meta VALUES ('generation', 'g1');
"""


def test_an_earlier_versions_memory_keeps_its_machine_drafts_and_drops_the_people(tmp_path):
    """An earlier version kept every project's people's translations in the cache folder's
    file (as rows of text, three indexes of text): the first run that opens it to write keeps
    its machine drafts in a file of their own, and the people's translations go (each project
    records its own again from its catalogs). A preview (read-only) reads its drafts and
    changes nothing."""
    import sqlite3

    from pipeline.memory import FILENAME, Memory

    cache, state = tmp_path / "cache", tmp_path / "state"
    cache.mkdir()
    path = cache / FILENAME
    rows = [
        ("ko", f"Sentence {n} of the story.", "locales/a.po", f"번역 {n}", 1.0) for n in range(300)
    ]
    db = sqlite3.connect(path)
    db.executescript(EARLIER_MEMORY)
    db.executemany("INSERT INTO person VALUES (?, ?, ?, ?, ?)", rows)
    db.execute("INSERT INTO mt VALUES ('en_ko', '1', 'Hello.', '안녕.', -0.5, NULL)")
    db.commit()
    db.close()
    before = path.read_bytes()
    with Memory(cache, readonly=True, people=state) as memory:
        assert memory.drafts("en_ko", "1", ["Hello."])["Hello."].target == "안녕."
        assert memory.person_match("ko", rows[0][1], "none.po") is None
    assert path.read_bytes() == before and not state.exists()
    with Memory(cache, people=state) as memory:
        assert memory.drafts("en_ko", "1", ["Hello."])["Hello."].target == "안녕."
        assert memory.person_match("ko", rows[0][1], "none.po") is None
    db = sqlite3.connect(path)
    names = {name for (name,) in db.execute("SELECT name FROM sqlite_master")}
    db.close()
    assert "person" not in names and "mt" in names
    assert path.stat().st_size < len(before) / 4
    assert sorted(p.name for p in cache.iterdir()) == [FILENAME]  # nothing left beside it


def test_the_memory_forgets_the_sentences_no_translation_holds(tmp_path):
    from pipeline.memory import Memory

    def run(step) -> set[str]:  # a run: a Memory opened, used and closed
        with Memory(tmp_path) as memory:
            step(memory)
            return {t for (t,) in memory.db.execute("SELECT text FROM sentence")}

    run(
        lambda m: m.record_people(
            "ko", [("One.", "하나.", "a.po"), ("Two.", "둘.", "a.po")], ["a.po"]
        )
    )
    run(lambda m: m.record_people("ko", [("Two.", "둘!", "b.po")], ["b.po"]))
    # "Two." gone from a.po: b.po still has it
    assert run(lambda m: m.record_people("ko", [("One.", "하나.", "a.po")], ["a.po"])) == {
        "One.",
        "Two.",
    }
    assert run(lambda m: m.forget_origins("ko", ["a.po"])) == {"One."}  # b.po deleted


def test_the_memory_records_rows_as_its_person_views_trigger_does(tmp_path):
    """``record_people`` inserts a run's rows in one statement; other code writes through the
    ``person`` view's trigger: the same rows, stamps and numbers either way (a sentence or file
    kept once, a row's stamp moved only where its translation changed)."""
    import random

    from pipeline.memory import Memory

    rng = random.Random(7)
    runs = []
    for _ in range(4):
        rows = {}
        for origin in rng.sample([f"{n % 3}/{n}.po" for n in range(8)], 5):
            for n in rng.sample(range(12), 6):  # sentences shared by files
                rows[(f"Sentence {n}.", origin)] = rng.choice(["하나.", "둘.", "셋."])
        runs.append([(source, target, origin) for (source, origin), target in rows.items()])

    def dump(memory: Memory) -> list:
        return memory.db.execute(
            "SELECT p.*, s.text, o.path FROM people p JOIN sentence s ON s.id = p.sentence "
            "JOIN origin o ON o.id = p.origin ORDER BY p.rowid"
        ).fetchall()

    one, other = Memory(tmp_path / "one"), Memory(tmp_path / "other")
    for number, rows in enumerate(runs, 1):
        one.record_people("ko", rows)
        with other.db:
            other.db.executemany(
                "INSERT INTO person VALUES ('ko', ?, ?, ?, ?)",
                [(s, o, t, float(number)) for s, t, o in rows],
            )
        one.db.execute("UPDATE people SET updated = ? WHERE updated > 1000", (float(number),))
        one.db.commit()
        assert dump(one) == dump(other)
    assert len({row[4] for row in dump(one)}) > 1  # (some rows kept an earlier stamp)
    one.close()
    other.close()


def test_a_sentence_every_file_has_costs_its_latest_translations_not_all_of_them(tmp_path):
    """A label or a credit line is in every article: its people's translations are as many as
    the archive's files, and a run asks for the latest two of each new catalog's sentences."""
    from pipeline.memory import Memory

    def cost(files: int) -> tuple[object, int]:
        memory = Memory(tmp_path / str(files))
        rows = [("AI generated", f"AI 생성 {n:05}", f"{n:05}.po") for n in range(files)]
        memory.record_people("ko", rows, [origin for _, _, origin in rows])
        memory.record_people("ko", [("AI generated", "인공지능 생성", "late.po")], ["late.po"])
        steps = []
        memory.db.set_progress_handler(lambda: steps.append(1), 100)  # every 100 instructions
        found = memory.person_match("ko", "AI generated", "late.po")
        memory.close()
        return found, len(steps)

    few, few_steps = cost(10)
    many, many_steps = cost(3000)
    # the latest from another file, ties broken by the file the memory knew first (here the
    # first by name), however many there are
    assert few.target == "AI 생성 00000" and few.origin == "00000.po"
    assert many.target == "AI 생성 00000" and many.origin == "00000.po"
    assert many_steps <= few_steps + 2


def test_a_build_lists_its_output_folders_only_when_they_changed(make_project, monkeypatch):
    # twelve articles: a deleted one leaves the groups of the others trusted (``Groups``)
    root = make_project(sources={f"story-{n}.txt": article(n) for n in range(1, 13)})
    run_all()
    listed: list[str] = []
    real = files.below

    def listing(folder, *args):
        listed.append(Path(folder).relative_to(root).as_posix())
        return real(folder, *args)

    monkeypatch.setattr(files, "below", listing)
    (root / "source" / "story-5.txt").unlink()
    # a source renamed to another kind: its document is still made, under the same name
    (root / "source" / "story-6.txt").unlink()
    (root / "source" / "story-6.md").write_text("# " + article(6), encoding="utf-8")
    run_all()
    assert listed == []
    assert not list((root / "build").rglob("story-5.*"))
    assert (root / "build" / "en" / "story-6.html").is_file()
    # a file put in an output folder by hand changes the folder: the build lists it
    stray = root / "build" / "en" / "story-99.html"
    stray.write_text("<p>stray</p>\n", encoding="utf-8")
    l10n_ok("build")
    assert "build/en" in listed and not stray.exists()
    listed.clear()
    l10n_ok("build")
    assert listed == []


def test_a_file_put_in_an_output_folder_while_a_build_runs_is_found_by_the_next(
    make_project, monkeypatch
):
    from pipeline import build

    root = make_project(sources={f"story-{n}.txt": article(n) for n in range(1, 13)})
    run_all()
    source = root / "source" / "story-3.txt"
    source.write_text(source.read_text().replace("3 million", "30 million"))
    # after the build looked at its folders and before it records them: one file in a folder
    # it writes in, one in a folder it does not
    strays = [root / "build" / "en" / "story-98.html", root / "build" / "ko" / "story-97.txt"]
    real = build.apply

    def meanwhile(plan):
        done = real(plan)
        for stray in strays:
            stray.parent.mkdir(parents=True, exist_ok=True)
            stray.write_text("stray\n", encoding="utf-8")
        return done

    monkeypatch.setattr(build, "apply", meanwhile)
    run_all()
    assert all(stray.exists() for stray in strays)
    monkeypatch.setattr(build, "apply", real)
    l10n_ok("build")
    assert not any(stray.exists() for stray in strays)
