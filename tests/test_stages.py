"""The stages as a library, without click: the Project loads and saves the catalogs, each stage
is a function over loaded catalogs (as sqlite-utils tests its API besides its CLI)."""

from __future__ import annotations

import polib
import pytest
from conftest import STEM, built_files, l10n_ok, po_path

from pipeline import build, files, mt, packages, pofile, qa, review
from pipeline import translate as drafting
from pipeline.config import load_config
from pipeline.project import Project, extract, update


def open_project(root) -> Project:
    return Project(load_config(root))


def extracted(root) -> Project:
    """A project whose templates are written; no PO file yet."""
    project = open_project(root)
    project.save(extract(project, project.read_documents()))
    return open_project(root)


def updated(root) -> Project:
    project = extracted(root)
    catalogs = [c for lang in project.config.languages for c in project.catalogs(lang)]
    saved = project.save(update(catalogs, project.templates()))
    assert not saved.conflicts
    return open_project(root)


def test_documents_are_the_source_files_by_name(make_project):
    root = make_project(sources={"b.txt": "Second\n\nIt is.\n", "a.txt": "First\n\nIt was.\n"})
    assert open_project(root).documents() == ["a", "b"]


def test_without_a_source_folder_the_templates_are_the_documents(make_project):
    root = make_project()
    extracted(root)
    (root / "source" / f"{STEM}.txt").unlink()
    (root / "source").rmdir()
    assert open_project(root).documents() == [STEM]


def test_a_missing_po_file_is_loaded_as_update_would_create_it(make_project):
    project = extracted(make_project())
    loaded = project.catalog("ko", STEM)
    assert loaded.missing and loaded.base == files.ABSENT and not loaded.path.exists()
    assert loaded.po.metadata["Language"] == "ko"
    assert len(loaded.po) == 45 and not any(e.msgstr for e in loaded.po)


def test_catalog_stages_ask_for_extract_when_a_template_is_missing(make_project):
    project = open_project(make_project())
    with pytest.raises(Exception, match="run `l10n extract` first"):
        project.catalogs("ko")
    # build does not need templates: a document without one is built from its source
    assert project.catalog("ko", STEM, template=False).missing


def test_save_writes_only_catalogs_a_stage_changed(make_project, monkeypatch):
    root = make_project()
    project = updated(root)
    path = po_path(root, "ko")
    before = path.stat().st_mtime_ns
    loaded = project.catalogs("ko")

    def no_serialising(po):
        raise AssertionError("an unchanged catalog was serialised")

    monkeypatch.setattr(pofile, "encode", no_serialising)
    saved = project.save(loaded)
    assert saved.unchanged == loaded and not saved.written
    assert path.stat().st_mtime_ns == before


def test_a_second_update_writes_nothing(make_project):
    root = make_project()
    project = updated(root)
    mtimes = {p: p.stat().st_mtime_ns for p in (root / "locales").rglob("*.po")}
    saved = project.save(update(project.catalogs("ko"), project.templates()))
    assert [c.path for c in saved.unchanged] == [po_path(root, "ko")] and not saved.written
    assert {p: p.stat().st_mtime_ns for p in mtimes} == mtimes


def test_update_writes_a_catalog_in_another_charset_in_utf8_as_msgmerge_does(make_project):
    """A translator's catalog in EUC-KR, merged with a UTF-8 template, comes back in UTF-8
    with every translation (GNU msgmerge 0.21 converts it so too: a new sentence may hold
    what EUC-KR cannot); ``l10n format`` alone keeps a file's own charset."""
    root = make_project(sources={"doc.txt": "A title\n\nThe first sentence.\n"})
    l10n_ok("extract")
    l10n_ok("update", "--lang", "ko")
    po = po_path(root, "ko", "doc")
    text = po.read_text(encoding="utf-8").replace("charset=UTF-8", "charset=EUC-KR")
    text = text.replace(
        'msgid "The first sentence."\nmsgstr ""', 'msgid "The first sentence."\nmsgstr "첫 문장."'
    )
    po.write_bytes(text.encode("euc-kr"))
    assert l10n_ok("format", "--check", str(po)).exit_code == 0  # (its own charset: as it is)
    (root / "source" / "doc.txt").write_text(
        "A title\n\nThe first sentence. Café 😀 follows.\n", encoding="utf-8"
    )
    l10n_ok("extract")
    l10n_ok("update", "--lang", "ko")
    written = po.read_text(encoding="utf-8")
    assert "charset=UTF-8" in written and 'msgstr "첫 문장."' in written
    assert 'msgid "Café 😀 follows."' in written


def test_save_keeps_what_a_translator_saved_after_the_catalog_was_read(make_project):
    root = make_project()
    project = updated(root)
    loaded = project.catalogs("ko")
    loaded[0].po[1].msgstr = "stage's change"
    loaded[0].changed = True
    edited = po_path(root, "ko").read_bytes().replace(b'msgstr ""', b'msgstr "by hand"', 2)
    po_path(root, "ko").write_bytes(edited)
    saved = project.save(loaded)
    assert saved.conflicts == loaded and not saved.written
    assert po_path(root, "ko").read_bytes() == edited


def test_check_counts_a_catalog_against_its_template(make_project):
    root = make_project()
    project = updated(root)
    path = po_path(root, "ms")
    po = polib.pofile(str(path))
    for entry in po:
        entry.msgstr = "diterjemah"
    for entry in list(po)[:20]:
        po.remove(entry)  # a contributed file that lost 20 of the template's 45 entries
    po.save(str(path))
    path_zh = po_path(root, "zh_Hans")
    path_zh.write_bytes(b"")  # an empty file
    report = qa.check(
        project.config, qa.project_targets(project, project.config.languages), quality=False
    )
    assert report.languages["ms"].counts.entries == 45
    assert report.languages["ms"].counts.translated == 25
    assert report.languages["zh_Hans"].counts.translated == 0
    assert report.languages["zh_Hans"].counts.coverage == 0.0
    assert not report.ok
    # given by name, the file finds its template in the gettext layout too
    by_name = qa.check(project.config, qa.load_files(project.config, [path]), quality=False)
    assert by_name.languages["ms"].counts.entries == 45


def test_an_empty_catalog_without_a_template_is_zero_percent(tmp_path):
    empty = tmp_path / "ko.po"
    empty.write_bytes(b"")
    config = load_config(tmp_path)
    report = qa.check(config, qa.load_files(config, [empty]), min_coverage=90, quality=False)
    assert report.languages["ko"].counts.coverage == 0.0 and not report.ok


def test_publish_drafts_checks_drafts_in_the_library_too(make_project):
    root = make_project(settings="publish_drafts = true")
    project = updated(root)
    path = po_path(root, "ko")
    po = polib.pofile(str(path))
    [draft] = [e for e in po if "in 1975" in e.msgid]
    draft.msgstr, draft.flags = "1976년에 양측이 수교했을 때 세계 경제는 회복 중이었다.", ["fuzzy"]
    po.save(str(path))
    targets = qa.project_targets(project, [project.config.language("ko")])
    found = qa.check(project.config, targets).languages["ko"].problems
    assert [p.check for p in found if p.msgid == draft.msgid] == ["numbers"]


class Uppercase:
    """A translator for tests: each text in upper case, in one batch; records what it saw."""

    seen: list[str] = []

    def __init__(self, package: packages.Package, settings: mt.Settings):
        self.package = package

    def translate(self, texts, on_batch=None):
        drafts = [mt.Draft(text.upper(), -0.5) for text in texts]
        Uppercase.seen += list(texts)
        if on_batch:
            on_batch(list(range(len(texts))), drafts)
        return drafts


def test_translate_drafts_loaded_catalogs_with_the_translator_it_is_given(
    make_project, argos_store, argos_package
):
    packages.install_file(argos_package)
    root = make_project(languages={"ko": 'argos = "ko"'})
    project = updated(root)
    catalogs = {"ko": project.catalogs("ko")}
    Uppercase.seen = []
    [report] = drafting.translate(project.config, catalogs, translator=Uppercase)
    assert report.decoded == 45 and not report.failed
    assert len(Uppercase.seen) == len(set(Uppercase.seen)) == 45  # each sentence decoded once
    assert catalogs["ko"][0].changed and not po_path(root, "ko").read_text().count("fuzzy")
    entries = [e for e in catalogs["ko"][0].po if e.msgid]
    assert all(e.msgstr == e.msgid.upper() and "fuzzy" in e.flags for e in entries)
    saved = project.save(catalogs["ko"])
    assert saved.written == catalogs["ko"]


def test_translate_refuses_a_catalog_update_has_not_created(make_project):
    project = extracted(make_project(languages={"ko": 'argos = "ko"'}))
    with pytest.raises(Exception, match="run `l10n update` first"):
        drafting.translate(project.config, {"ko": project.catalogs("ko")})


def test_review_lists_every_entry_of_loaded_catalogs_missing_ones_too(make_project):
    project = extracted(make_project())
    items = review.items(project.config, project.catalogs("ms"))
    assert len(items) == 45 and {i.state for i in items} == {"untranslated"}


def test_build_plan_stages_every_output_and_puts_nothing_in_place(make_project):
    root = make_project()
    project = updated(root)
    config = project.config
    gate = build.Gate.of(config)
    selected = {lang.code for lang in config.languages}
    [(path, doc)] = project.read_documents()
    loaded = [project.catalog(lang, doc.name, template=False) for lang in config.languages]
    with files.Staging(config.build_dir / ".l10n") as staging:
        plan, entry = build.plan_document(
            config, path, doc, loaded, selected, build.FORMATS, gate, staging
        )
        page = plan.files[config.build_dir / "en" / f"{STEM}.html"]
        assert page.staged.parent == staging.folder and page.staged.is_file()
        assert built_files(root) == []
    assert not staging.folder.exists()
    assert {page.language.code for page in plan.pages} == {"ko", "zh_Hans", "ms"}
    assert not any(page.published for page in plan.pages)  # nothing translated yet
    assert entry.stem == STEM


def ctrl_c_at_the_second_write(monkeypatch) -> list:
    """Ctrl-C arrives as the second file is about to be written (or a staged one put in
    place); the paths written to."""
    real, real_install, calls = files.write_bytes, files.install, []

    def interrupted_after_one(path, data, base=None):
        calls.append(path)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(path, data, base)

    def install_interrupted_after_one(staged, path, base=None):
        calls.append(path)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real_install(staged, path, base)

    monkeypatch.setattr(files, "write_bytes", interrupted_after_one)
    monkeypatch.setattr(files, "install", install_interrupted_after_one)
    return calls


def test_ctrl_c_while_saving_writes_each_file_whole_and_reports_the_rest(make_project, monkeypatch):
    root = make_project()
    project = extracted(root)
    catalogs = [project.catalog(lang, STEM) for lang in project.config.languages]
    merged = update(catalogs, project.templates())
    calls = ctrl_c_at_the_second_write(monkeypatch)
    saved = project.save(merged)
    assert [c.path for c in saved.written] == [calls[0]]
    assert [c.path for c in saved.unsaved] == [c.path for c in merged[1:]]
    assert not merged[1].path.exists() and not merged[2].path.exists()


def test_update_interrupted_while_saving_says_so_and_exits_130(make_project, monkeypatch):
    from conftest import l10n

    root = make_project()
    extracted(root)
    ctrl_c_at_the_second_write(monkeypatch)
    result = l10n("update")
    assert result.exit_code == 130
    assert "interrupted while saving: 2 files not written; run it again" in result.output
