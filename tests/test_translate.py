"""``l10n translate`` on a project in tmp_path, with the copy-model package from conftest.

The copy model's draft of a sentence is the sentence itself with glossary terms replaced by
their approved translation, so every assertion below is on exact content.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from conftest import SEED, STEM, l10n, l10n_ok, po_path, snapshot

from pipeline import catalog, mt, packages
from pipeline import translate as drafting
from pipeline.config import load_config
from pipeline.project import Project
from pipeline.state import provenance, state, text_hash

GLOSSARY = "en,ko,zh_Hans,ms,note\nLawrence Wong,로런스 웡,黄循财,,\nSeoul,서울,首尔,,\n"
CAPTION = (
    "PM Lawrence Wong (left) and South Korean President Lee Jae Myung jointly launched a "
    "strategic partnership between the two countries in Seoul."
)

pytestmark = pytest.mark.usefixtures("argos_store")


@pytest.fixture
def project(make_project):
    """The seed project with a glossary, extracted and updated: every entry untranslated."""
    root = make_project(glossary=GLOSSARY)
    l10n_ok("extract")
    l10n_ok("update")
    return root


@pytest.fixture
def ko_model(argos_package):
    return packages.install_file(argos_package)[0]


def entries(path: Path) -> dict[str, polib.POEntry]:
    return {e.msgid: e for e in polib.pofile(str(path)) if e.msgid and not e.obsolete}


def expected_draft(msgid: str, lang: str = "ko") -> str:
    terms = {"ko": [("Lawrence Wong", "로런스 웡"), ("Seoul", "서울")]}[lang]
    for en, target in terms:
        msgid = msgid.replace(en, target)
    return msgid


# ---- drafting ----------------------------------------------------------------------------


def test_untranslated_entries_become_fuzzy_machine_drafts_with_provenance(project, ko_model):
    result = l10n("translate", "--lang", "ko")
    assert result.exit_code == 0, result.output
    po = entries(po_path(project))
    assert len(po) > 30
    for msgid, entry in po.items():
        assert entry.msgstr == expected_draft(msgid)
        assert "fuzzy" in entry.flags
        assert state(entry) == "machine"
        origin = provenance(entry)
        assert (origin.engine, origin.package, origin.version) == (
            "argos",
            "translate-en_ko",
            "1.0",
        )
        assert origin.sha == text_hash(entry.msgstr)
        assert origin.score is not None
    caption = po[CAPTION]
    assert caption.msgstr.startswith("PM 로런스 웡 (left)") and caption.msgstr.endswith("in 서울.")
    assert caption.tcomment.startswith("MT: argos translate-en_ko 1.0 sha=")
    n = len(po)
    assert (
        f"ko (translate-en_ko 1.0): {n} drafted ({n} from the model, 0 from memory" in result.stdout
    )
    assert f"0 failed; {n} sentences decoded on cpu, 1×" in result.stdout
    check = subprocess.run(
        ["msgfmt", "--check", "-o", os.devnull, str(po_path(project))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stderr


def test_provenance_survives_update(project, ko_model):
    l10n_ok("translate", "--lang", "ko")
    before = po_path(project).read_bytes()
    assert l10n("update").exit_code == 0
    assert po_path(project).read_bytes() == before


def test_person_work_and_needs_work_entries_are_never_changed(project, ko_model):
    path = po_path(project)
    po = polib.pofile(str(path))
    active = [e for e in po if e.msgid]
    active[0].msgstr = "사람이 번역한 제목"  # translated by a person
    active[1].msgstr = "원문이 바뀐 번역"  # needs work after a source change
    active[1].flags = ["fuzzy"]
    active[1].previous_msgid = "An older English sentence."
    active[2].msgstr = "손으로 표시한 초안"  # fuzzy by hand, no MT comment
    active[2].flags = ["fuzzy"]
    catalog.save(po, path)
    kept = {e.msgid: str(e) for e in active[:3]}
    for args in (["translate"], ["translate", "--refresh"]):
        assert l10n(*args).exit_code == 0
        after = entries(path)
        for msgid, text in kept.items():
            assert str(after[msgid]) == text
        assert [state(after[m]) for m in kept] == ["translated", "needs_work", "needs_work"]


def test_refresh_redoes_only_unreviewed_machine_drafts(project, ko_model):
    path = po_path(project)
    l10n_ok("translate", "--lang", "ko")
    po = polib.pofile(str(path))
    edited = next(e for e in po if e.msgid == CAPTION)
    edited.msgstr = (
        "로런스 웡 총리(왼쪽)와 이재명 대통령이 서울에서 전략적 동반자 관계를 출범시켰다."
    )
    catalog.save(po, path)  # a person edited the draft but kept it fuzzy: needs work now
    (project / "locales" / "glossary.csv").write_text(
        GLOSSARY + "strategic partnership,전략적 동반자 관계,,,\n"
    )

    before = path.read_bytes()
    assert l10n("translate", "--lang", "ko").exit_code == 0
    assert path.read_bytes() == before  # without --refresh drafts stay as they are

    result = l10n("translate", "--lang", "ko", "--refresh")
    assert result.exit_code == 0, result.output
    after = entries(path)
    assert after[CAPTION].msgstr == edited.msgstr
    title = next(m for m in after if m.startswith("Singapore and S. Korea launch"))
    assert "전략적 동반자 관계" in after[title].msgstr
    assert state(after[title]) == "machine"


def test_a_refresh_that_changes_nothing_says_so_and_writes_nothing(project, ko_model):
    l10n_ok("translate", "--lang", "ko")
    before = po_path(project).read_bytes()
    n = len(entries(po_path(project)))
    result = l10n_ok("translate", "--lang", "ko", "--refresh")
    assert "0 drafted (0 from the model, 0 from memory, 0 from people's translations)" in (
        result.stdout
    )
    assert f"{n} redrafted unchanged" in result.stdout and "updated:" not in result.stdout
    assert po_path(project).read_bytes() == before


def test_rerun_finds_everything_in_memory_and_loads_no_model(project, ko_model, make_project):
    l10n_ok("translate", "--lang", "ko")
    # Nothing pending: nothing changes.
    before = snapshot(project)
    again = l10n_ok("translate", "--lang", "ko")
    assert "ko (translate-en_ko 1.0): nothing to draft" in again.stdout
    assert snapshot(project) == before
    # A second project with the same sentences: every draft comes from the memory, and the
    # command imports neither ctranslate2 nor sentencepiece (-X importtime lists imports).
    other = make_project("other", glossary=GLOSSARY, chdir=False)
    for args in (["extract"], ["update"]):
        assert (
            subprocess.run(
                [sys.executable, "-m", "pipeline", *args], cwd=other, check=False
            ).returncode
            == 0
        )
    run = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "pipeline", "translate", "--lang", "ko"],
        cwd=other,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    n = len(entries(po_path(other)))
    assert f"{n} drafted (0 from the model, {n} from memory" in run.stdout
    imported = {line.split("|")[-1].strip() for line in run.stderr.splitlines() if "|" in line}
    assert not imported & {"ctranslate2", "sentencepiece", "argostranslate", "torch", "ray"}

    def drafts(path):  # the two projects were extracted at different times: compare entries
        return [(e.msgid, e.msgstr, e.flags, e.tcomment) for e in entries(path).values()]

    assert drafts(po_path(other)) == drafts(po_path(project))


def test_drafts_decoded_with_another_beam_size_are_not_taken_from_the_memory(project, ko_model):
    l10n_ok("translate", "--lang", "ko", "--beam-size", "1")
    n = len(entries(po_path(project)))
    # the fake model's drafts are the same at every beam size: redrafted unchanged
    result = l10n_ok("translate", "--lang", "ko", "--refresh")  # the default beam, 4
    assert f"{n} redrafted unchanged; {n} sentences decoded" in result.stdout
    result = l10n_ok("translate", "--lang", "ko", "--refresh", "--beam-size", "1")
    assert f"{n} redrafted unchanged; 0 sentences decoded" in result.stdout


def test_a_new_sentence_costs_one_segment(project, ko_model):
    l10n_ok("translate", "--lang", "ko")
    source = project / "source" / SEED.name
    source.write_text("The talks in Seoul ended on Nov 2.\n\n" + source.read_text())
    l10n_ok("extract")
    l10n_ok("update")
    result = l10n_ok("translate", "--lang", "ko")
    assert "ko (translate-en_ko 1.0): 1 drafted (1 from the model, 0 from memory" in result.stdout
    assert entries(po_path(project))["The talks in Seoul ended on Nov 2."].msgstr == (
        "The talks in 서울 ended on Nov 2."
    )


def test_batch_size_does_not_change_any_draft(project, ko_model, make_project, monkeypatch):
    other = make_project("other", glossary=GLOSSARY, chdir=False)
    shutil.copytree(project / "locales", other / "locales", dirs_exist_ok=True)
    l10n_ok("translate", "--lang", "ko", "--batch-size", "8")
    monkeypatch.chdir(other)
    shutil.rmtree(Path(os.environ["XDG_CACHE_HOME"]))  # no memory: decode again
    l10n_ok("translate", "--lang", "ko", "--batch-size", "100000")
    assert po_path(other).read_bytes() == po_path(project).read_bytes()


# ---- people's translations in other documents --------------------------------------------


def second_document(project: Path) -> str:
    text = f"Talks in Seoul\n\n{CAPTION}\n\nA sentence only this article has.\n"
    (project / "source" / "talks.txt").write_text(text)
    l10n_ok("extract")
    l10n_ok("update")
    return "talks"


@pytest.mark.parametrize("with_model", [True, False])
def test_a_person_translation_is_offered_in_other_documents(project, argos_package, with_model):
    if with_model:
        packages.install_file(argos_package)
    path = po_path(project)
    po = polib.pofile(str(path))
    person = "로런스 웡 총리(왼쪽)와 이재명 대통령이 서울에서 전략적 동반자 관계를 출범시켰다."
    po.find(CAPTION).msgstr = person
    catalog.save(po, path)
    stem = second_document(project)
    result = l10n("translate", "--lang", "ko")
    assert result.exit_code == 0
    entry = entries(po_path(project, "ko", stem))[CAPTION]
    assert entry.msgstr == person
    assert "fuzzy" in entry.flags and state(entry) == "machine"
    assert entry.tcomment.startswith(
        f"MT: memory locales/ko/LC_MESSAGES/{STEM}.po person sha={text_hash(person)}"
    )
    assert str(entries(path)[CAPTION]) == str(po.find(CAPTION))  # the original is untouched
    assert "1 from people's translations" in result.stdout


def translated_caption(project: Path) -> str:
    """The seed's caption translated by a person, and recorded by a run of translate."""
    path = po_path(project)
    po = polib.pofile(str(path))
    person = "로런스 웡 총리(왼쪽)와 이재명 대통령이 서울에서 전략적 동반자 관계를 출범시켰다."
    po.find(CAPTION).msgstr = person
    catalog.save(po, path)
    l10n_ok("translate", "--lang", "ko")
    return person


def test_another_project_neither_gets_nor_forgets_a_projects_people_translations(
    project, make_project, monkeypatch
):
    """Projects on one machine share the cache folder (machine drafts are the model's); the
    people's translations are each project's own, kept in its state folder: a run in another
    project, whose catalogs are other files, offers none of them and forgets none."""
    person = translated_caption(project)
    other = make_project("other", sources={"other.txt": f"Elsewhere\n\n{CAPTION}\n"})
    l10n_ok("extract")
    l10n_ok("update")
    l10n_ok("translate", "--lang", "ko")
    assert entries(po_path(other, "ko", "other"))[CAPTION].msgstr == ""
    monkeypatch.chdir(project)
    stem = second_document(project)
    result = l10n_ok("translate", "--lang", "ko")
    assert entries(po_path(project, "ko", stem))[CAPTION].msgstr == person
    assert "1 from people's translations" in result.stdout


def test_a_lost_people_memory_is_made_again_from_the_catalogs(project):
    """Deleting the people's memory (or ``make clean``) costs a reading of every catalog,
    never a translation offered no more: the next run records them all again."""
    person = translated_caption(project)
    (project / "build" / ".l10n" / "people.sqlite3").unlink()
    stem = second_document(project)
    result = l10n_ok("translate", "--lang", "ko")
    assert entries(po_path(project, "ko", stem))[CAPTION].msgstr == person
    assert "1 from people's translations" in result.stdout


def test_a_damaged_memory_file_is_a_one_line_error_that_leaves_nothing_behind(project):
    """A damaged people's file is named, with what to do (it is made from the catalogs);
    a damaged machine drafts' file is named, and the run leaves no people's file."""
    import os

    cache = Path(os.environ["XDG_CACHE_HOME"]) / "l10n-pipeline"
    cache.mkdir(parents=True, exist_ok=True)
    (cache / "memory.sqlite3").write_bytes(b"not a database, but long enough to look at")
    result = l10n("translate", "--lang", "ko")
    assert result.exit_code == 2
    assert "memory.sqlite3: cannot open the translation memory" in result.output
    people = project / "build" / ".l10n" / "people.sqlite3"
    assert not people.exists()
    (cache / "memory.sqlite3").unlink()
    people.write_bytes(b"not a database, but long enough to look at")
    result = l10n("translate", "--lang", "ko")
    assert result.exit_code == 2
    assert (
        "people.sqlite3: cannot open the translation memory (file is not a database; delete it, the next run reads the catalogs again)"
        in result.output
    )
    assert len(result.output.strip().splitlines()) == 1


# ---- failures ----------------------------------------------------------------------------


def drafted_in_ko(root: Path, translator=None) -> str:
    """Draft the project's Korean catalogs through the library with ``translator`` (a
    factory of decoders), save them as the command does; the summary's lines."""
    project = Project(load_config(root))
    catalogs = {"ko": project.catalogs("ko")}
    reports = drafting.translate(project.config, catalogs, translator=translator)
    drafting.record_saved(reports, project.save(catalogs["ko"]))
    return "\n".join(drafting.summary(reports[0]))


class LosesSentinels(mt.Translator):
    """The model drops the sentinel that stands for a glossary term."""

    def decode(self, tokens):
        return super().decode(tokens).replace("{0}", "")


class RepeatsAWord(mt.Translator):
    """The model loops on the credit line: "ST ST ST …"."""

    def translate_tokens(self, batch, repetition_controls=False):
        results = super().translate_tokens(batch, repetition_controls)
        return [(["▁ST"] * 12 if tokens[0] == "▁ST" else tokens, s) for tokens, s in results]


def test_a_draft_that_lost_a_sentinel_is_reported_not_written(project, ko_model):
    summary = drafted_in_ko(project, LosesSentinels)
    po = entries(po_path(project))
    caption = po[CAPTION]
    assert caption.msgstr == "" and state(caption) == "untranslated"
    assert "failed: " in summary and "placeholder lost {0}" in summary
    plain = next(m for m in po if "Lawrence" not in m and "Seoul" not in m)
    assert po[plain].msgstr == plain  # sentences without sentinels are drafted


def test_degenerate_draft_is_reported_not_written(project, ko_model):
    summary = drafted_in_ko(project, RepeatsAWord)
    assert "'ST PHOTO: CHONG JUN LIANG': draft repeats 'ST' 12 times" in summary
    assert entries(po_path(project))["ST PHOTO: CHONG JUN LIANG"].msgstr == ""
    # Remembered as a failure: a re-run with a sound model reports it again without decoding.
    again = l10n("translate", "--lang", "ko")
    assert (
        "0 from the model, 0 from memory, 0 from people's translations), 0 skipped, 1 failed"
        in again.stdout
    )


def test_missing_model_is_reported_and_other_languages_proceed(project, ko_model):
    result = l10n("translate")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "zh_Hans (no model): 0 drafted" in out
    assert "  no en → zh model installed (l10n translate --verbose says how to install one)" in out
    assert "argos-net.com" not in out  # the advice in full only when asked
    out = l10n_ok("translate", "--verbose").stdout
    assert (
        "download translate-en_zh 1.9: https://argos-net.com/v1/translate-en_zh-1_9.argosmodel"
        in out
    )
    assert "l10n models install translate-en_zh-1_9.argosmodel" in out
    assert "l10n models install translate-en_ms-1_9.argosmodel" in out
    assert all(state(e) == "machine" for e in entries(po_path(project)).values())
    assert all(e.msgstr == "" for e in entries(po_path(project, "zh_Hans")).values())
    strict = l10n("translate", "--strict")
    assert strict.exit_code == 1  # a crash raises: catch_exceptions=False
    assert "no en → zh model installed" in strict.stdout
    assert "ko (translate-en_ko 1.0): nothing to draft" in strict.stdout


def test_no_models_at_all_exits_0_and_changes_nothing(project):
    before = snapshot(project, exclude=(".l10n",))
    result = l10n("translate")
    assert result.exit_code == 0
    # only the command's ledger (a cache under build/) is new
    assert snapshot(project, exclude=(".l10n",)) == before
    assert result.stdout.count("model installed (l10n translate --verbose says how") == 3
    assert len(result.stdout.splitlines()) == 6  # a line per language and one of advice
    again = l10n_ok("translate")  # the ledger knows: no catalog is read again
    assert again.stdout.count("0 drafted") == 3 and again.stdout.count("45 skipped") == 3
    assert snapshot(project, exclude=(".l10n",)) == before


def test_dry_run_changes_nothing_and_writes_no_memory(project, ko_model):
    before = snapshot(project)
    result = l10n("translate", "--dry-run")
    assert result.exit_code == 0
    n = len(entries(po_path(project)))
    assert (
        f"ko (translate-en_ko 1.0): {n} to draft: 0 from people's translations, 0 from memory, {n} from the model ({n} sentences to decode)"
        in result.stdout
    )
    assert snapshot(project) == before
    assert not list(Path(os.environ["XDG_CACHE_HOME"]).rglob("*.sqlite3"))


def test_ctrl_c_keeps_finished_batches_and_a_rerun_resumes(project, ko_model, monkeypatch):
    real = mt.Translator.translate_tokens
    calls = []

    def interrupted(self, batch, repetition_controls=False):
        calls.append(len(batch))
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(self, batch, repetition_controls)

    monkeypatch.setattr(mt.Translator, "translate_tokens", interrupted)
    result = l10n("translate", "--lang", "ko", "--batch-size", "64")
    assert result.exit_code == 130
    assert "interrupted" in result.stderr
    done = sum(calls[:2])
    drafted = [e for e in entries(po_path(project)).values() if e.msgstr]
    assert len(drafted) == done > 0
    assert all(state(e) == "machine" for e in drafted)
    monkeypatch.setattr(mt.Translator, "translate_tokens", real)
    again = l10n("translate", "--lang", "ko", "--batch-size", "64")
    total = len(entries(po_path(project)))
    assert f"{total - done} drafted ({total - done} from the model, 0 from memory" in again.stdout
    assert all(e.msgstr == expected_draft(m) for m, e in entries(po_path(project)).items())


def test_memory_lives_in_the_configured_cache_dir(make_project, ko_model):
    root = make_project(settings='cache_dir = "tm-cache"', glossary=GLOSSARY)
    l10n_ok("extract")
    l10n_ok("update")
    l10n_ok("translate", "--lang", "ko")
    with sqlite3.connect(root / "tm-cache" / "memory.sqlite3") as db:
        rows = db.execute("SELECT package, version, count(*) FROM mt GROUP BY 1, 2").fetchall()
    assert rows == [("translate-en_ko", "1.0", len(entries(po_path(root))))]


def test_the_command_modules_import_no_heavy_library():
    code = (
        "import sys, pipeline.cli, pipeline.mt, pipeline.memory, pipeline.translate\n"
        "import pipeline.cluster\n"
        "heavy = {'ctranslate2', 'sentencepiece', 'argostranslate', 'torch', 'ray'}\n"
        "heavy &= set(sys.modules)\n"
        "print(sorted(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_refresh_after_a_model_upgrade_redrafts_with_the_new_version(
    project, argos_package, tmp_path
):
    from argos_fixture import repackage

    packages.install_file(argos_package)
    l10n_ok("translate", "--lang", "ko")
    newer = repackage(
        argos_package,
        tmp_path / "new.argosmodel",
        top="translate-en_ko-1_1",
        metadata={"package_version": "1.1"},
    )
    assert l10n("models", "install", "--no-canary", str(newer)).exit_code == 0
    before = po_path(project).read_bytes()
    assert "nothing to draft" in l10n_ok("translate", "--lang", "ko").stdout
    assert po_path(project).read_bytes() == before
    result = l10n_ok("translate", "--lang", "ko", "--refresh")
    n = len(entries(po_path(project)))
    assert (
        f"ko (translate-en_ko 1.1): {n} drafted ({n} from the model, 0 from memory" in result.stdout
    )
    assert all(provenance(e).version == "1.1" for e in entries(po_path(project)).values())


class TranslatorSavesMeanwhile(mt.Translator):
    """While the model decodes, a translator saves the Korean catalog in an editor."""

    def translate_tokens(self, batch, repetition_controls=False):
        path = po_path(Path.cwd())
        po = polib.pofile(str(path))
        po.find(CAPTION).msgstr = "번역가가 방금 저장한 번역"
        catalog.save(po, path)
        return super().translate_tokens(batch, repetition_controls)


def test_a_po_file_saved_by_someone_meanwhile_is_not_overwritten(project, ko_model):
    path = po_path(project)
    summary = drafted_in_ko(project, TranslatorSavesMeanwhile)
    assert f"not written: {path} changed while translating; run again" in summary
    saved = entries(path)
    assert saved[CAPTION].msgstr == "번역가가 방금 저장한 번역"
    assert sum(1 for e in saved.values() if e.msgstr) == 1
    again = l10n_ok("translate", "--lang", "ko")  # the drafts wait in the memory
    assert "0 from the model" in again.stdout and "0 failed" in again.stdout
    assert entries(path)[CAPTION].msgstr == "번역가가 방금 저장한 번역"


def test_run_does_not_stamp_a_translate_that_left_a_catalog_saved_meanwhile(
    project, ko_model, monkeypatch
):
    # make runs `l10n run --stamps`: a stamp of translate newer than the translator's save would
    # leave the saved catalog without its drafts until something else changed
    stamps = project / "build" / ".stamps"
    stamps.mkdir(parents=True)
    (stamps / "translate").touch()  # an earlier make's
    decoder = mt.Translator
    monkeypatch.setattr(mt, "Translator", TranslatorSavesMeanwhile)
    result = l10n_ok("run", "--stamps", str(stamps), "translate", "build")
    assert "changed while translating; run again" in result.stdout
    assert sorted(p.name for p in stamps.iterdir()) == ["build"]
    monkeypatch.setattr(mt, "Translator", decoder)
    l10n_ok("run", "--stamps", str(stamps), "update", "translate")  # as the next make runs
    assert sorted(p.name for p in stamps.iterdir()) == ["build", "translate", "update"]


def test_an_unusable_memory_is_a_one_line_error(project, ko_model, monkeypatch, tmp_path):
    cache = tmp_path / "cache-file"
    cache.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    result = l10n("translate", "--lang", "ko")
    assert result.exit_code == 2
    assert result.stderr.startswith("l10n: error: ") and "translation memory" in result.stderr
    assert result.stderr.count("\n") == 1


def test_a_bad_compute_type_is_a_one_line_error(project, ko_model):
    result = l10n("translate", "--lang", "ko", "--compute-type", "int3")
    assert result.exit_code == 2
    assert result.stderr.startswith("l10n: error: ") and "cannot load the model" in result.stderr


def test_device_and_threads_reach_the_decoder_and_the_summary(project, ko_model):
    import ctranslate2

    result = l10n_ok(
        "translate",
        "--lang",
        "ko",
        "--device",
        "cpu",
        "--inter-threads",
        "2",
        "--intra-threads",
        "1",
        "--batch-size",
        "64",
    )
    assert "sentences decoded on cpu, 2×1 threads" in result.stdout
    if ctranslate2.get_cuda_device_count() == 0:
        # a beam size the memory has no drafts for: the model has to be loaded, on a GPU
        again = l10n(
            "translate", "--lang", "ko", "--device", "cuda", "--refresh", "--beam-size", "2"
        )
        assert again.exit_code == 2
        [line] = again.stderr.strip().splitlines()
        assert line.startswith("l10n: error: ") and "cannot load the model" in line


def test_nothing_to_draft_leaves_a_crlf_file_with_a_bom_as_it_is(project, ko_model):
    l10n_ok("translate", "--lang", "ko")  # every entry drafted
    path = po_path(project)
    edited = b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n")
    path.write_bytes(edited)  # as an editor on another system saved it
    result = l10n_ok("translate", "--lang", "ko")
    assert "nothing to draft" in result.stdout and "updated:" not in result.stdout
    assert path.read_bytes() == edited


def test_a_memory_that_fails_to_open_makes_no_folder(tmp_path):
    from pipeline.errors import L10nError
    from pipeline.memory import FILENAME, Memory

    (tmp_path / FILENAME).write_bytes(b"not a database, but long enough to look at")
    with pytest.raises(L10nError, match="cannot open the translation memory"):
        Memory(tmp_path, people=tmp_path / "build" / ".l10n")
    assert sorted(p.name for p in tmp_path.iterdir()) == [FILENAME]


def test_a_people_memory_that_is_a_link_is_refused_not_followed(tmp_path):
    """The people's file lies in the checkout, where a contribution could put a link to a
    file elsewhere: it is refused, and the file it names is neither made nor written."""
    from pipeline.errors import L10nError
    from pipeline.memory import PEOPLE_FILENAME, Memory

    state = tmp_path / "state"
    state.mkdir()
    (state / PEOPLE_FILENAME).symlink_to(tmp_path / "elsewhere.sqlite3")
    with pytest.raises(L10nError, match="a link or not a regular file"):
        Memory(tmp_path / "cache", people=state)
    assert not (tmp_path / "elsewhere.sqlite3").exists()


def test_a_people_memory_that_came_with_a_contribution_offers_nothing_of_its_own(project):
    """A people's file of another generation (one a pull request forced into build/.l10n)
    is filled again from the catalogs before any draft is offered: its rows for files the
    project does not have go, and its rows for the project's files say what they say."""
    from pipeline.memory import Memory

    person = translated_caption(project)  # the project's own memory, its facts signed here
    state = project / "build" / ".l10n"
    (state / "people.sqlite3").unlink()
    with Memory(project / "elsewhere", people=state) as forged:
        forged.record_people(
            "ko",
            [
                (CAPTION, "위조된 번역", "locales/ko/LC_MESSAGES/planted.po"),
                (CAPTION, "위조된 번역 둘", f"locales/ko/LC_MESSAGES/{STEM}.po"),
            ],
        )
    stem = second_document(project)
    result = l10n_ok("translate", "--lang", "ko")
    assert entries(po_path(project, "ko", stem))[CAPTION].msgstr == person
    assert "1 from people's translations" in result.stdout
