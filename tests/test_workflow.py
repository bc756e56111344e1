"""extract and update, through the command line, on a project built in tmp_path."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from conftest import SEED, STEM, l10n, l10n_ok, po_path, snapshot

from pipeline import catalog


def outputs(root: Path) -> dict[str, bytes]:
    """What the commands write: every file but the sources."""
    return snapshot(root, exclude=("source",))


def translate_all(path: Path, prefix: str) -> polib.POFile:
    po = polib.pofile(str(path))
    for entry in po:
        entry.msgstr = f"{prefix} {entry.msgid}"
    po.save()
    return po


def edit_source(root: Path, old: str, new: str) -> None:
    path = root / "source" / SEED.name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_extract_writes_one_entry_per_distinct_sentence_in_source_order(project):
    assert l10n("extract").exit_code == 0
    pot = polib.pofile(str(project / "locales" / f"{STEM}.pot"))
    assert pot[0].msgid.startswith("Singapore and S. Korea launch")
    assert pot[0].comment == "title"
    caption = pot[1]
    assert caption.comment == "caption"
    assert caption.occurrences == [
        (f"source/{SEED.name}", "5"),
        (f"source/{SEED.name}", "7"),
    ]
    assert len({e.msgid for e in pot}) == len(pot) == 45
    # in source order, but for the AI-summary label, which goes above the key points
    label = next(i for i, e in enumerate(pot) if e.msgid == "AI generated")
    assert pot[label].comment == "label" and pot[label + 1].msgid.startswith("Singapore and")
    lines = [int(e.occurrences[0][1]) for i, e in enumerate(pot) if i != label]
    assert lines == sorted(lines)
    assert not any("Sign up now" in e.msgid or "Follow topic" in e.msgid for e in pot)


def test_rerunning_extract_and_update_leaves_every_file_byte_identical(project):
    l10n_ok("extract")
    l10n_ok("update")
    before = outputs(project)
    assert len([k for k in before if k.endswith(".po")]) == 3
    result = l10n_ok("extract")
    assert result.output == "0 written, 1 unchanged\n"
    l10n_ok("update")
    assert outputs(project) == before


def test_update_says_what_changed_relative_to_the_project_and_verbose_lists_the_rest(project):
    l10n_ok("extract")
    first = l10n_ok("update")
    assert first.output.splitlines()[0] == "3 updated, 0 unchanged"
    assert f"updated: locales/ko/LC_MESSAGES/{STEM}.po (" in first.output
    assert str(project) not in first.output
    edit_source(project, "Both sides will also exchange", "Both sides will also share")
    l10n_ok("extract")
    quiet = l10n_ok("update", "--lang", "ko", "--lang", "ms")
    assert quiet.output.splitlines()[0] == "2 updated, 0 unchanged"
    again = l10n_ok("update")
    assert again.output == "1 updated, 2 unchanged\n" + again.output.split("\n", 1)[1]
    assert again.output.count("\n") == 2 and "updated: locales/zh_Hans/" in again.output
    verbose = l10n_ok("update", "--verbose")
    head, *rest = verbose.output.splitlines()
    assert head == "0 updated, 3 unchanged"
    assert [line.split(" (")[0] for line in rest] == [
        f"unchanged: locales/{lang}/LC_MESSAGES/{STEM}.po" for lang in ("ko", "zh_Hans", "ms")
    ]


def test_update_sets_language_headers_from_cldr(project):
    l10n_ok("extract")
    l10n_ok("update", "--lang", "zh_Hans")
    po = polib.pofile(str(po_path(project, "zh_Hans")))
    assert po.metadata["Language"] == "zh_Hans"
    assert po.metadata["Plural-Forms"] == "nplurals=1; plural=0;"
    assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert po.metadata["Project-Id-Version"]
    assert not po_path(project, "ko").exists()


def test_translated_entries_survive_extract_and_update_unchanged(project):
    l10n_ok("extract")
    l10n_ok("update")
    translate_all(po_path(project, "ko"), "번역:")
    edit_source(project, "Both sides will also exchange", "Both sides will also share")
    l10n_ok("extract")
    l10n_ok("update")
    po = polib.pofile(str(po_path(project, "ko")))
    kept = [e for e in po if not e.fuzzy and not e.obsolete]
    assert len(kept) == 44
    assert all(e.msgstr == f"번역: {e.msgid}" and not e.previous_msgid for e in kept)
    before = po_path(project, "ko").read_bytes()
    l10n_ok("extract")
    l10n_ok("update")
    assert po_path(project, "ko").read_bytes() == before


def test_update_keeps_a_translation_saved_while_it_merged(project, monkeypatch):
    l10n_ok("extract")
    l10n_ok("update")
    path = po_path(project, "ko")
    real = catalog.merge

    def translator_saves_meanwhile(pot, old, lang):
        if lang == "ko":  # an editor saves the file after update read it
            po = polib.pofile(str(path))
            po[0].msgstr = "번역가가 방금 저장한 제목"
            po.save()
        return real(pot, old, lang)

    monkeypatch.setattr(catalog, "merge", translator_saves_meanwhile)
    edit_source(project, "Both sides will also exchange", "Both sides will also share")
    l10n_ok("extract")
    result = l10n("update")
    assert result.exit_code == 2
    assert result.output.strip().endswith(
        "changed by another program while this command ran; not written (run it again)"
    )
    assert str(path) in result.output or "ko/LC_MESSAGES" in result.output
    assert polib.pofile(str(path))[0].msgstr == "번역가가 방금 저장한 제목"
    monkeypatch.setattr(catalog, "merge", real)
    assert l10n("update").exit_code == 0  # run again: merged over the translator's save
    po = polib.pofile(str(path))
    assert po[0].msgstr == "번역가가 방금 저장한 제목"
    assert any("Both sides will also share" in e.msgid for e in po)  # the new template's


def test_changed_sentence_keeps_old_translation_as_fuzzy_with_previous_msgid(project):
    l10n_ok("extract")
    l10n_ok("update")
    translate_all(po_path(project, "ms"), "MS:")
    old = "As strategic partners, the countries will also work together to promote regional peace and prosperity."
    new = "As strategic partners, the two countries will also work together to promote regional peace and prosperity."
    edit_source(project, old, new)
    l10n_ok("extract")
    l10n_ok("update")
    po = polib.pofile(str(po_path(project, "ms")))
    entry = po.find(new)
    assert entry.fuzzy
    assert entry.msgstr == f"MS: {old}"
    assert entry.previous_msgid == old
    assert po.find(old) is None
    assert not any(e.obsolete and e.msgid == old for e in po)
    others = [e for e in po.translated_entries()]
    assert len(others) == 44


def test_deleted_sentence_becomes_obsolete_and_returns_translated_when_restored(project):
    l10n_ok("extract")
    l10n_ok("update")
    translate_all(po_path(project, "ko"), "KO:")
    sentence = "“Today, our partnership is stronger than ever.”"
    edit_source(project, sentence + "\n", "\n")
    l10n_ok("extract")
    l10n_ok("update")
    po = polib.pofile(str(po_path(project, "ko")))
    gone = [e for e in po.obsolete_entries() if e.msgid == sentence]
    assert len(gone) == 1 and gone[0].msgstr == f"KO: {sentence}"
    assert po.find(sentence) is None
    edit_source(project, "he said.\n\n\n\nOne key", f"he said.\n\n{sentence}\n\nOne key")
    l10n_ok("extract")
    l10n_ok("update")
    po = polib.pofile(str(po_path(project, "ko")))
    back = po.find(sentence)
    assert back is not None and not back.fuzzy and back.msgstr == f"KO: {sentence}"
    assert not po.obsolete_entries()


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext (msgfmt) not installed")
def test_every_written_catalog_passes_msgfmt_check(project):
    l10n_ok("extract")
    l10n_ok("update")
    translate_all(po_path(project, "ko"), "KO:")
    edit_source(project, "Both sides will also exchange", "Both sides will also share")
    l10n_ok("extract")
    l10n_ok("update")
    files = list((project / "locales").rglob("*.po*"))
    assert len(files) == 4
    for path in files:
        check = subprocess.run(
            ["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True
        )
        assert check.returncode == 0, check.stderr


def assert_user_error(result, *words: str) -> None:
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert "Traceback" not in result.output
    for word in words:
        assert word in lines[0]


def test_non_utf8_source_is_refused_with_file_and_line_and_writes_nothing(project):
    l10n_ok("extract")
    before = outputs(project)
    (project / "source" / "other.txt").write_bytes(b"Title\n\nIt cost \xa35.\n")
    assert_user_error(l10n("extract"), "other.txt:3", "UTF-8")
    assert outputs(project) == before


def test_empty_source_is_refused(project):
    (project / "source" / "empty.txt").write_text("\n", encoding="utf-8")
    assert_user_error(l10n("extract"), "empty.txt", "empty")
    assert not (project / "locales").exists()


def test_missing_source_directory_is_refused(project):
    shutil.rmtree(project / "source")
    assert_user_error(l10n("extract"), "source")


def test_po_syntax_error_is_refused_with_line_and_nothing_written(project):
    l10n_ok("extract")
    l10n_ok("update")
    path = po_path(project, "ms")
    text = path.read_text(encoding="utf-8").replace(
        'msgstr ""\n\n#. caption', 'msgstr "broken\n\n#. caption', 1
    )
    path.write_text(text, encoding="utf-8")
    edit_source(project, "Both sides will also exchange", "Both sides will also share")
    l10n_ok("extract")
    before = outputs(project)
    assert_user_error(l10n("update"), f"{STEM}.po:")
    assert outputs(project) == before


def test_unknown_language_is_refused(project):
    l10n_ok("extract")
    assert_user_error(l10n("update", "--lang", "xx"), "xx")
    assert not (project / "locales" / "ko").exists()


def test_update_without_templates_says_to_extract_first(project):
    assert_user_error(l10n("update"), "extract")


def test_run_chains_the_steps_with_the_outputs_of_each_command_run_alone(make_project):
    def made(root: Path) -> dict[str, bytes]:
        """Every file the steps wrote (not their ledgers or stamps), dates taken out."""
        files = snapshot(root, (".l10n", ".stamps"))
        return {
            name: re.sub(rb'"POT-Creation-Date: [^"]*"', b"", data) for name, data in files.items()
        }

    alone = make_project("alone")
    for step in ("extract", "update", "translate", "build"):
        l10n_ok(step)
    chained = make_project("chained")
    l10n_ok("run", "--stamps", "build/.stamps", "extract", "update", "translate", "build")
    assert made(chained) == made(alone)
    assert f"build/en/{STEM}.html" in made(alone) and f"locales/{STEM}.pot" in made(alone)
    stamps = chained / "build" / ".stamps"
    assert sorted(p.name for p in stamps.iterdir()) == ["build", "extract", "translate", "update"]


def test_run_takes_the_steps_in_the_pipelines_order_only(project):
    for steps in (("build", "extract"), ("update", "update"), ("publish",)):
        result = l10n("run", *steps)
        assert result.exit_code == 2
        assert len(result.output.strip().splitlines()) == 1, result.output
    assert not (project / "locales" / f"{STEM}.pot").exists()
