"""Argos packages (store, install, validation, index) and the CTranslate2 decoding path.

The package is a real one built by the tests (tests/argos_fixture.py): a SentencePiece model
trained here and a CTranslate2 transformer whose weights copy the input, so every draft must
equal its source exactly, through the real loading and decoding code.
"""

from __future__ import annotations

import dataclasses

import http.server
import json
import os
import re
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import argos_fixture
import polib
import pytest
from argos_fixture import repackage
from conftest import l10n, l10n_ok, po_path

from pipeline import canary, masking, mt, packages, patterns, tokenizers
from pipeline.errors import L10nError

pytestmark = pytest.mark.usefixtures("argos_store")

SENTENCES = [
    "Singapore and South Korea have agreed to work more closely.",
    "Yet South Korea and Singapore pressed on and emerged as “Asian Tigers”, he added.",
    "Write to news@example.com or visit https://www.example.com/news/2025/11/01/story_id now.",
    "The quick brown fox jumps over the lazy dog.",
    "US$4.5 million",
    "snake_case_name and a_b keep their underscores",
    (
        "When both sides established relations in 1975, the global economy was still "
        "recovering from deep turbulence, and the strategic partnership has eight agreements, "
        "including a pact to establish a green and digital shipping corridor."
    ),
    "Hi.",
]


def scratch_left(store: Path) -> list[str]:
    return [p.name for p in store.parent.iterdir() if p.name.startswith(".l10n-")]


# ---- the store ---------------------------------------------------------------------------


@pytest.mark.parametrize("packages_dir", [None, "custom-store"])
def test_package_store_is_where_argostranslate_looks(tmp_path, monkeypatch, packages_dir):
    if packages_dir is None:
        monkeypatch.delenv("ARGOS_PACKAGES_DIR")
    else:
        monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / packages_dir))
    code = "import argostranslate.settings as s; print(s.package_data_dir)"
    theirs = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=os.environ
    ).stdout.strip()
    assert Path(theirs) == packages.package_store()
    assert str(tmp_path) in theirs  # the isolated XDG dirs, not the real home


def test_installed_package_is_listed_by_us_and_by_argostranslate(argos_package, argos_store):
    package, replaced = packages.install_file(argos_package)
    assert (package.code, package.version, package.from_code, package.to_code) == (
        "translate-en_ko",
        "1.0",
        "en",
        "ko",
    )
    assert replaced == []
    assert package.path == argos_store / "translate-en_ko-1_0"
    found, broken = packages.installed()
    assert found == [package] and broken == []

    import argostranslate.package

    theirs = argostranslate.package.get_installed_packages(path=[argos_store])
    assert [(p.from_code, p.to_code, p.package_version) for p in theirs] == [("en", "ko", "1.0")]
    assert scratch_left(argos_store) == []


def test_newer_version_replaces_the_old_install(argos_package, argos_store, tmp_path):
    packages.install_file(argos_package)
    again, replaced = packages.install_file(argos_package)  # reinstalling the same file
    assert replaced == [again.path] and again.path.is_dir()
    newer = repackage(
        argos_package,
        tmp_path / "new.argosmodel",
        top="translate-en_ko-1_1",
        metadata={"package_version": "1.1"},
    )
    package, replaced = packages.install_file(newer)
    assert package.version == "1.1"
    assert replaced == [argos_store / "translate-en_ko-1_0"]
    assert [p.path.name for p in packages.installed()[0]] == ["translate-en_ko-1_1"]


def test_newest_version_wins_when_two_are_installed(argos_package, argos_store, tmp_path):
    packages.install_file(argos_package)
    # argospm does not replace older versions; copy one in by hand as it would leave it.
    other = repackage(
        argos_package, tmp_path / "o.argosmodel", top="old", metadata={"package_version": "0.9"}
    )
    with zipfile.ZipFile(other) as zf:
        zf.extractall(argos_store)
    assert packages.find_package("en", "ko").version == "1.0"
    assert packages.find_package("en", "zh") is None


def test_broken_folder_in_store_is_reported_and_skipped(argos_package, argos_store):
    packages.install_file(argos_package)
    (argos_store / "leftover").mkdir()
    (argos_store / "bad-json").mkdir()
    (argos_store / "bad-json" / "metadata.json").write_text("{nope")
    found, broken = packages.installed()
    assert [p.code for p in found] == ["translate-en_ko"]
    assert {b.path.name: b.reason.split(" (")[0] for b in broken} == {
        "leftover": "no metadata.json",
        "bad-json": "unreadable metadata.json",
    }
    result = l10n("models", "list")
    assert result.exit_code == 0
    assert "translate-en_ko    1.0" in result.stdout
    assert "skipped" in result.stderr and "leftover: no metadata.json" in result.stderr


def test_remove_deletes_the_package_folder(argos_package, argos_store):
    packages.install_file(argos_package)
    result = l10n("models", "remove", "translate-en_ko")
    assert result.exit_code == 0, result.output
    assert list(argos_store.iterdir()) == []
    result = l10n("models", "remove", "translate-en_ko")
    assert result.exit_code == 2
    assert "no installed package 'translate-en_ko'" in result.stderr


# ---- validating package files ------------------------------------------------------------


def _symlink_member(zf: zipfile.ZipFile) -> None:
    info = zipfile.ZipInfo("translate-en_ko-1_0/link")
    info.external_attr = 0o120777 << 16
    zf.writestr(info, "/etc/passwd")


BAD = {
    "no model dir": ({"drop": ("model",)}, "no CTranslate2 model"),
    "no tokenizer": (
        {"drop": ("sentencepiece.model",)},
        "no tokenizer (translate-en_ko-1_0/sentencepiece.model or translate-en_ko-1_0/bpe.model)",
    ),
    "no metadata": ({"drop": ("metadata.json",)}, "no translate-en_ko-1_0/metadata.json"),
    "no to_code": ({"metadata": {"to_code": None}}, "metadata.json has no to_code"),
    "two top folders": ({"add": {"other/file.txt": b"x"}}, "expected one top-level folder"),
    "dot-dot": ({"add": {"translate-en_ko-1_0/../../evil.txt": b"x"}}, "outside the package"),
    "absolute": ({"add": {"/tmp/evil.txt": b"x"}}, "absolute"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_package_file_is_refused_and_nothing_is_installed(
    case, argos_package, argos_store, tmp_path
):
    changes, message = BAD[case]
    bad = repackage(argos_package, tmp_path / "bad.argosmodel", **changes)
    result = l10n("models", "install", str(bad))
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert not argos_store.exists() or list(argos_store.iterdir()) == []


def test_symlink_member_is_refused(argos_package, argos_store, tmp_path):
    bad = repackage(argos_package, tmp_path / "bad.argosmodel")
    with zipfile.ZipFile(bad, "a") as zf:
        _symlink_member(zf)
    with pytest.raises(L10nError, match="symbolic link"):
        packages.install_file(bad)
    assert not argos_store.exists() or list(argos_store.iterdir()) == []


def test_a_package_that_unpacks_too_large_is_refused_before_unpacking(
    argos_package, argos_store, monkeypatch
):
    size = sum(info.file_size for info in zipfile.ZipFile(argos_package).infolist())
    monkeypatch.setattr(packages, "MAX_UNPACKED", size - 1)
    with pytest.raises(L10nError, match=r"refused: unpacks to .* GiB, more than a translation"):
        packages.install_file(argos_package)
    assert not argos_store.exists() or list(argos_store.iterdir()) == []
    monkeypatch.setattr(packages, "MAX_UNPACKED", size)
    assert packages.install_file(argos_package)[0].code == "translate-en_ko"


def test_not_a_zip_and_corrupt_zip_are_refused(argos_package, argos_store, tmp_path):
    text = tmp_path / "notes.argosmodel"
    text.write_text("hello")
    with pytest.raises(L10nError, match="not a zip archive"):
        packages.install_file(text)
    corrupt = tmp_path / "corrupt.argosmodel"
    data = bytearray(argos_package.read_bytes())
    offset = data.index(b"shared_vocabulary") + 200  # inside a stored member's data
    data[offset] ^= 0xFF
    corrupt.write_bytes(bytes(data))
    with pytest.raises(L10nError, match="CRC|corrupt"):
        packages.install_file(corrupt)
    assert not argos_store.exists() or list(argos_store.iterdir()) == []
    assert scratch_left(argos_store) == []


def test_install_checks_every_file_before_installing_any(argos_package, argos_store, tmp_path):
    bad = repackage(argos_package, tmp_path / "bad.argosmodel", drop=("model",))
    result = l10n("models", "install", str(argos_package), str(bad))
    assert result.exit_code == 2
    assert result.stderr.startswith("l10n: error: ") and "no CTranslate2 model" in result.stderr
    assert not argos_store.exists() or list(argos_store.iterdir()) == []


# ---- the Argos index ---------------------------------------------------------------------


def test_index_offline_fails_fast_with_what_to_fetch():
    start = time.monotonic()
    result = l10n(
        "models", "install", "--index", "translate-en_ko", "translate-en_zh", "translate-en_ms"
    )
    elapsed = time.monotonic() - start
    assert result.exit_code == 2
    assert elapsed < 5
    err = result.stderr
    assert err.startswith("l10n: error: cannot reach the Argos package index")
    assert "Traceback" not in err
    for code, version, filename in [
        ("translate-en_ko", "1.1", "translate-en_ko-1_1.argosmodel"),
        ("translate-en_zh", "1.9", "translate-en_zh-1_9.argosmodel"),
        ("translate-en_ms", "1.9", "translate-en_ms-1_9.argosmodel"),
    ]:
        assert f"download {code} {version}" in err
        assert f"l10n models install {filename}" in err
    assert "--index" not in err  # not the command that has just failed


def test_index_download_installs_when_the_index_is_reachable(
    argos_package, argos_store, monkeypatch
):
    files = {"/index.json": None, "/translate-en_ko-1_0.argosmodel": argos_package.read_bytes()}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = files.get(self.path)
            self.send_response(200 if body else 404)
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    files["/index.json"] = json.dumps(
        [
            {
                "type": "translate",
                "from_code": "en",
                "to_code": "ko",
                "package_version": "1.0",
                "links": [f"{base}/translate-en_ko-1_0.argosmodel"],
            }
        ]
    ).encode()
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", base + "/")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        result = l10n("models", "install", "--no-canary", "--index", "translate-en_ko")
    finally:
        server.shutdown()
    assert result.exit_code == 0, result.output
    assert "installed translate-en_ko 1.0" in result.stdout
    assert packages.find_package("en", "ko").path == argos_store / "translate-en_ko-1_0"


# ---- masking -----------------------------------------------------------------------------


def test_urls_emails_and_glossary_terms_are_masked_and_restored():
    mask = masking.masker([("Lawrence Wong", "로런스 웡"), ("Wong", "웡"), ("Seoul", "서울")])
    text = "Lawrence Wong wrote to pm@gov.sg from Seoul: see https://x.sg/a_b?c=1. Wong agreed."
    masked = mask(text)
    assert masked.text == "{0} wrote to {1} from {2}: see {3}. {4} agreed."
    assert masking.unmask(masked.text, masked) == (
        "로런스 웡 wrote to pm@gov.sg from 서울: see https://x.sg/a_b?c=1. 웡 agreed."
    )


def test_sentinels_skip_numbers_the_text_already_uses():
    masked = masking.masker([])("Item {0} is at www.example.com")
    assert masked.text == "Item {0} is at {1}"
    assert masking.unmask("Artikel {0} ada di {1}", masked) == "Artikel {0} ada di www.example.com"


def test_glossary_terms_match_whole_words_only():
    masked = masking.masker([("Korea", "한국")])("Koreans in South Korea")
    assert masked.text == "Koreans in South {0}"


@pytest.mark.parametrize(
    "output, problem",
    [
        ("see", "lost {0}"),
        ("see {0} {0}", "unexpected {0}"),
        ("see {0} {7}", "unexpected {7}"),
    ],
)
def test_a_lost_or_extra_sentinel_is_refused(output, problem):
    masked = masking.masker([])("see https://example.com")
    with pytest.raises(ValueError, match=re.escape(problem)):
        masking.unmask(output, masked)


# ---- runaway output ----------------------------------------------------------------------


def test_degenerate_output_is_recognised():
    src = ["▁The", "▁talks", "▁went", "▁well", "."]
    assert mt.degenerate(src, ["▁회담", "은", "▁잘", "▁진행", "됐다", "."], 20) is None
    loop = ["▁회담", "은", "▁잘", "▁잘", "▁잘", "▁잘", "▁잘"]
    assert "repeats '잘' 5 times" in mt.degenerate(src, loop, 50)
    phrase = ["▁a", "▁b", "▁c", "▁a", "▁b", "▁c", "▁a", "▁b", "▁c", "▁a", "▁b", "▁c"]
    assert "4 times" in mt.degenerate(src, phrase, 50)
    assert "length limit" in mt.degenerate(src, ["▁x", "▁y"] * 10, 20)
    # Repetition the source has too, and runs of digits, are normal.
    chant = ["▁ha", "▁ha", "▁ha", "▁ha", "▁ha"]
    assert mt.degenerate(chant, chant, 50) is None
    assert mt.degenerate(src, ["▁1", "0", "0", "0", "0", "0", "0"], 50) is None


def test_batches_respect_the_token_budget_and_cover_every_text():
    lengths = [5, 50, 3, 12, 12, 7, 400, 1]
    groups = mt.batches(lengths, 40)
    flat = [i for g in groups for i in g]
    assert sorted(flat) == list(range(len(lengths)))
    assert [lengths[i] for i in flat] == sorted(lengths, reverse=True)
    for group in groups:
        assert len(group) == 1 or sum(lengths[i] for i in group) <= 40
    assert [[lengths[i] for i in g] for g in groups] == [[400], [50], [12, 12, 7, 5, 3, 1]]


# ---- decoding ----------------------------------------------------------------------------


@pytest.fixture
def translator(argos_package):
    package, _ = packages.install_file(argos_package)
    return mt.Translator(package, mt.Settings(intra_threads=1))


def test_copy_model_drafts_equal_their_sources(translator):
    drafts = translator.translate(SENTENCES)
    assert [d.text for d in drafts] == SENTENCES
    assert all(d.problem is None for d in drafts)


def test_batched_results_equal_one_by_one_in_the_input_order(translator):
    texts = SENTENCES * 3 + [s.upper() for s in SENTENCES]
    seen_batches = []
    batched = translator.translate(texts, lambda idx, drafts: seen_batches.append(idx))
    alone = [translator.translate([t])[0] for t in texts]
    assert [d.text for d in batched] == [d.text for d in alone]
    assert [d.text for d in batched] == texts
    assert len(seen_batches) < len(texts)  # really batched
    assert sorted(i for b in seen_batches for i in b) == list(range(len(texts)))


def test_small_token_budget_gives_the_same_drafts(translator):
    small = mt.Translator(translator.package, mt.Settings(batch_tokens=16, intra_threads=1))
    assert [d.text for d in small.translate(SENTENCES)] == SENTENCES


def test_too_long_input_is_refused_not_truncated(translator):
    short = mt.Translator(translator.package, mt.Settings(max_input_length=8, intra_threads=1))
    drafts = short.translate(["Hi.", SENTENCES[6]])
    assert drafts[0].text == "Hi." and drafts[0].problem is None
    assert "too long" in drafts[1].problem


def test_a_sentence_longer_than_the_models_positions_is_refused_not_a_crash(translator):
    """The copy model has a table of 512 positions, fewer than the 1,024 tokens a source may
    have: a longer sentence gets no draft, and the sentences in its batch are drafted."""
    assert translator.positions == 512
    long = "trade and defence technology with Singapore and South Korea " * 40
    assert 512 < len(translator.encode([long])[0]) < 1024
    drafts = translator.translate(["Hi.", long.strip(), SENTENCES[0]])
    assert [d.text for d in drafts[::2]] == ["Hi.", SENTENCES[0]]
    assert "too long" in drafts[1].problem and not drafts[1].text


def test_a_batch_the_model_fails_on_is_decoded_one_by_one(translator):
    """Where CTranslate2 raises on a batch, each text is decoded alone: one it fails on alone
    gets no draft, with the model's reason, and the others are drafted."""
    real = translator.translate_tokens

    def fails_on_long(batch, repetition_controls=False):
        if any(len(tokens) > 20 for tokens in batch):
            raise RuntimeError("No position encodings are defined for positions >= 20")
        return real(batch, repetition_controls)

    translator.translate_tokens = fails_on_long
    texts = ["Hi.", SENTENCES[6], SENTENCES[0]]
    assert len(translator.encode([SENTENCES[6]])[0]) > 20
    drafts = translator.translate(texts)
    assert [d.text for d in drafts] == ["Hi.", "", SENTENCES[0]]
    assert drafts[1].problem == (
        "the model failed on it: No position encodings are defined for positions >= 20"
    )


def test_the_longest_source_the_models_positions_take_is_drafted_whole(translator):
    """511 tokens and the end token fill the copy model's 512 positions: drafted, all of it
    (its draft is 511 tokens too); 512 are one too many."""
    word = translator.encode(["and"])[0]
    assert len(word) == 1
    fits, over = word * 511, word * 512
    real = translator.encode
    translator.encode = lambda texts: [fits if t == "fits" else over for t in texts]
    drafts = translator.translate(["fits", "over"])
    translator.encode = real
    assert drafts[0].problem is None and drafts[0].text.split() == ["and"] * 511
    assert drafts[1].problem == "sentence too long for the model (512 tokens)"


def test_a_model_that_fails_on_every_sentence_stops_the_run(translator):
    """Out of memory on every batch and every sentence alone: one error, not a run that
    ends well having drafted nothing."""

    def fails(batch, repetition_controls=False):
        raise RuntimeError("CUDA failed with error out of memory")

    translator.translate_tokens = fails
    with pytest.raises(L10nError, match="^the model failed: CUDA failed with error out of"):
        translator.translate(SENTENCES[:3])


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[:20],  # cut short
        lambda data: (5).to_bytes(4, "little") + data[4:],  # another layout
        lambda data: b"",
    ],
)
def test_a_model_file_this_cannot_read_has_no_known_positions(translator, tmp_path, damage):
    """The limit is then the pipeline's own (1,024 tokens), and a batch CTranslate2 fails on
    is decoded one by one."""
    assert translator.package.model_positions() == 512
    data = (translator.package.model_dir / "model.bin").read_bytes()
    (tmp_path / "p" / "model").mkdir(parents=True)
    (tmp_path / "p" / "model" / "model.bin").write_bytes(damage(data))
    package = dataclasses.replace(translator.package, path=tmp_path / "p")
    assert package.model_positions() is None


def _looping(translator, loop_with_controls: bool):
    real = translator.translate_tokens
    calls = []

    def fake(batch, repetition_controls=False):
        calls.append(repetition_controls)
        results = real(batch, repetition_controls)
        if repetition_controls and not loop_with_controls:
            return results
        return [(tokens[:2] + ["▁so"] * 9, score) for tokens, score in results]

    translator.translate_tokens = fake
    return calls


def test_degenerate_draft_is_decoded_again_under_repetition_controls(translator):
    calls = _looping(translator, loop_with_controls=False)
    texts = [SENTENCES[0], SENTENCES[3], SENTENCES[7]]  # no repeated 4-grams of their own
    drafts = translator.translate(texts)
    assert calls == [False, True]
    assert [d.text for d in drafts] == texts
    assert all(d.problem is None for d in drafts)


def test_draft_still_degenerate_after_the_retry_is_flagged(translator):
    _looping(translator, loop_with_controls=True)
    drafts = translator.translate(SENTENCES[:1])
    assert "repeats 'so' 9 times" in drafts[0].problem


def test_batches_decoded_at_once_give_the_same_drafts_in_the_same_order(translator):
    texts = [f"Talks number {n} in Seoul went well." for n in range(12)]
    one = mt.Translator(translator.package, mt.Settings(batch_tokens=16, intra_threads=1))
    two = mt.Translator(
        translator.package, mt.Settings(batch_tokens=16, inter_threads=2, intra_threads=1)
    )
    assert two.threads == (2, 1)
    batches = []
    drafts = two.translate(texts, on_batch=lambda indices, done: batches.append(indices))
    assert len(batches) > 1 and sorted(i for b in batches for i in b) == list(range(12))
    assert [d.text for d in drafts] == [d.text for d in one.translate(texts)] == texts


def test_the_device_is_the_cpu_where_ctranslate2_sees_no_gpu(translator, monkeypatch):
    monkeypatch.delenv("ARGOS_DEVICE_TYPE", raising=False)
    import ctranslate2

    expected = "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"
    assert mt.resolve_device("auto") == expected == translator.device
    assert mt.resolve_device("cpu") == "cpu"
    monkeypatch.setenv("ARGOS_DEVICE_TYPE", "cpu")
    assert mt.resolve_device("auto") == "cpu"


def test_a_bad_file_among_several_installs_none_of_them(argos_package, argos_store, tmp_path):
    from argos_fixture import repackage

    good = repackage(argos_package, tmp_path / "good.argosmodel", top="translate-en_ko-1_0")
    # passes inspection (every member is there), fails only once unpacked: its tokenizer
    bad = repackage(
        argos_package,
        tmp_path / "bad.argosmodel",
        top="translate-en_ms-1_0",
        metadata={"to_code": "ms"},
        drop=("sentencepiece.model",),
        add={"translate-en_ms-1_0/sentencepiece.model": b"not a model"},
    )
    with pytest.raises(L10nError, match="unreadable sentencepiece.model"):
        packages.install_files([good, bad])
    assert not argos_store.exists() or list(argos_store.iterdir()) == []
    assert not list(argos_store.parent.glob(".l10n-install-*"))  # no scratch left behind
    done = packages.install_files([good])
    assert [p.code for p, _ in done] == ["translate-en_ko"]


# ---- the kinds of package: decoding what each emits -------------------------------------


def fullwidth_text(text: str) -> str:
    """What the target-vocabulary copy model writes for ``text``: its ASCII letters
    full-width, everything else as it is."""
    return "".join(argos_fixture.fullwidth(c) if c.isascii() else c for c in text)


def test_pieces_the_sentencepiece_model_does_not_know_are_text(argos_package, argos_store):
    package, _ = packages.install_file(argos_package)
    sp = tokenizers.load(package.tokenizer, "en", "ko")
    assert sp.known("▁and") and not sp.known("▁ＡＩ")
    pieces = ["▁and", "▁ＡＩ", "▁ｇｅｎｅｒａｔｅｄ", "_", "id", "▁", "<0xE2>", "<0x82>", "<0xAC>"]
    assert sp.decode(pieces + ["5", "</s>", "<pad>"]) == "and ＡＩ ｇｅｎｅｒａｔｅｄ_id €5"
    assert sp.decode(["▁ＡＩ", "▁and", "▁{", "0", "}"]) == " ＡＩ and {0}"
    assert tokenizers.unknown_text(["<0xE2>", "<0x82>"]) == "\ufffd"  # a cut sequence


def test_separate_target_vocabulary_is_decoded_without_debris(kind_package, argos_store):
    package, _ = packages.install_file(kind_package("target-vocabulary"))
    translator = mt.Translator(package, mt.Settings(intra_threads=1))
    tokens = translator.translate_tokens(translator.encode(SENTENCES))
    # the bug this reproduces: sentencepiece passes the pieces it does not know through
    raw = [translator.tokenizer.processor.decode_pieces(out) for out, _ in tokens]
    assert sum(text.count("▁") for text in raw) > 20
    drafts = translator.translate(SENTENCES)
    assert [d.text for d in drafts] == [fullwidth_text(s) for s in SENTENCES]
    assert "ｓｎａｋｅ_ｃａｓｅ_ｎａｍｅ" in drafts[5].text  # underscores survive


def test_bpe_package_drafts_through_moses_and_bpe(kind_package, argos_store):
    package, _ = packages.install_file(kind_package("bpe"))
    assert package.tokenizer_kind == "bpe" and package.tokenizer.name == "bpe.model"
    translator = mt.Translator(package, mt.Settings(intra_threads=1))
    tokens = translator.encode(["They build homes and things."])[0]
    assert {"and", "th@@", "in@@"} <= set(tokens)  # subwords from the codes file
    drafts = translator.translate(SENTENCES)
    assert all(d.problem is None and not patterns.debris(d.text) for d in drafts)
    # Moses normalises quotes (“Asian Tigers”, → "Asian Tigers,"); these come back exactly
    assert [drafts[i].text for i in (0, 3, 7)] == [SENTENCES[i] for i in (0, 3, 7)]


@pytest.mark.parametrize("kind", ["bos", "prefix"])
def test_what_the_model_asks_for_is_honoured(kind, kind_package, argos_store):
    package, _ = packages.install_file(kind_package(kind))
    config = package.model_config()
    if kind == "bos":  # CTranslate2 puts >>zsm_Latn<< before every source
        assert config["add_source_bos"] and config["bos_token"] == argos_fixture.BOS_TOKEN
        assert config["decoder_start_token"] == "</s>"
        assert package.describe() == "sentencepiece, bos >>zsm_Latn<<"
    else:  # the prefix is forced as the first target token and taken off the draft
        assert package.target_prefix == argos_fixture.TARGET_PREFIX
        assert package.describe() == "sentencepiece, prefix __zsm_Latn__"
    translator = mt.Translator(package, mt.Settings(intra_threads=1))
    assert [d.text for d in translator.translate(SENTENCES)] == SENTENCES
    short = mt.Translator(package, mt.Settings(max_input_length=12, intra_threads=1))
    limit = 12 - (2 if kind == "bos" else 1)
    lengths = [len(t) for t in short.encode(SENTENCES)]
    problems = [d.problem for d in short.translate(SENTENCES)]
    assert [p is not None for p in problems] == [n > limit for n in lengths]


def test_stanza_and_minisbd_folders_are_ignored(kind_package, argos_store, tmp_path):
    archive = kind_package("shared")
    top = zipfile.ZipFile(archive).namelist()[0].split("/")[0]
    extra = {f"{top}/stanza/en/tokenize.pt": b"x", f"{top}/minisbd/model.bin": b"y"}
    result = l10n("models", "install", str(repackage(archive, tmp_path / "s.zip", add=extra)))
    assert result.exit_code == 0, result.output
    package = packages.find_package("en", "ms")
    assert (package.path / "stanza").is_dir()
    assert mt.Translator(package).translate(SENTENCES[:1])[0].text == SENTENCES[0]


@pytest.mark.parametrize("kind", argos_fixture.KINDS)
def test_each_kind_installs_passes_the_canary_and_drafts_the_seed_cleanly(
    kind, kind_package, make_project, argos_store
):
    make_project(languages={"ms": 'argos = "ms"'})
    l10n_ok("extract")
    l10n_ok("update")
    installed = l10n_ok("models", "install", str(kind_package(kind)))
    assert "installed translate-en_ms 1.0" in installed.stdout
    listed = l10n_ok("models", "list", "--verify").stdout
    assert ("bpe" if kind == "bpe" else "sentencepiece") in listed
    assert "canary passed" in listed
    result = l10n_ok("translate", "--lang", "ms")
    assert "0 failed" in result.stdout, result.stdout
    po = [e for e in polib.pofile(str(po_path(Path.cwd(), "ms"))) if e.msgid]
    assert len(po) > 30
    for entry in po:
        assert entry.msgstr.strip() and "fuzzy" in entry.flags
        assert patterns.debris(entry.msgstr, entry.msgid) == []
        if kind in ("shared", "bos", "prefix"):
            assert entry.msgstr == entry.msgid
        elif kind == "target-vocabulary":
            assert entry.msgstr == fullwidth_text(entry.msgid)
    checked = l10n("check", "--drafts", "--lang", "ms")
    assert "tokenizer-debris" not in checked.output


# ---- the canary --------------------------------------------------------------------------


def _refusal(archive: Path) -> str:
    result = l10n("models", "install", str(archive))
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    return result.stderr


@pytest.mark.parametrize(
    "kind, to_code, reason",
    [
        ("echoes-bos", "ms", "tokenizer debris in the output: >>zsm_Latn<<"),
        ("blind", "ms", "draft ran to the length limit"),
        ("shared", "ko", "output not in Hangul script (ko)"),
        ("shared", "zh", "output not in Han script (zh)"),
    ],
)
def test_a_package_that_fails_the_canary_is_refused_at_install(
    kind, to_code, reason, kind_package, argos_store
):
    line = _refusal(kind_package(kind, to_code))
    assert "refused: canary failed: " + reason in line
    assert not argos_store.exists() or list(argos_store.iterdir()) == []
    assert scratch_left(argos_store) == []


def test_models_list_verify_reports_each_package_and_fails_on_one(
    kind_package, argos_package, argos_store
):
    l10n_ok("models", "install", str(kind_package("bpe")))
    l10n_ok("models", "install", "--no-canary", str(argos_package))  # English into ko
    plain = l10n_ok("models", "list").stdout
    assert re.search(r"translate-en_ms +1\.0 +en → ms +bpe ", plain)
    assert re.search(r"translate-en_ko +1\.0 +en → ko +sentencepiece ", plain)
    assert "canary" not in plain
    result = l10n("models", "list", "--verify")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    after = {
        line.split()[0]: lines[i + 1]
        for i, line in enumerate(lines)
        if line.startswith("  translate-")
    }
    assert after["translate-en_ko"].strip().startswith("canary failed: output not in Hangul")
    assert after["translate-en_ms"].strip() == "canary passed"


@pytest.mark.parametrize(
    "draft, problem, to_code, reason",
    [
        ("Harga naik 3 peratus tahun lalu.", None, "ms", None),
        ("물가는 작년에 3% 올랐다고 AI 보고서가 밝혔다.", None, "ko", None),
        ("", None, "ms", "empty output"),
        ("Harga naik ▁3 peratus", None, "ms", "tokenizer debris in the output: ▁"),
        ("Harga mainstre@@ am naik", None, "ms", "tokenizer debris in the output: @@"),
        ("harga mainstre@@", None, "ms", "tokenizer debris in the output: @@"),
        ("<unk> naik <0xE2>", None, "ms", "tokenizer debris in the output: <unk> <0xE2>"),
        ("naik", "draft repeats 'naik' 9 times", "ms", "draft repeats 'naik' 9 times"),
        ("Prices rose by 3 per cent.", None, "ko", "output not in Hangul script (ko)"),
        ("Цены выросли на 3%.", None, "ru", None),
        ("Prices rose.", None, "ru", "output not in Cyrillic script (ru)"),
        ("Prices rose.", None, "xx", None),  # a language CLDR does not know: not judged
    ],
)
def test_canary_judgement(draft, problem, to_code, reason):
    assert canary.judge(canary.SENTENCES[1], draft, problem, to_code) == reason


def test_a_draft_with_tokenizer_debris_is_never_written(kind_package, make_project, argos_store):
    make_project(languages={"ms": 'argos = "ms"'})
    l10n_ok("extract")
    l10n_ok("update")
    l10n_ok("models", "install", "--no-canary", str(kind_package("echoes-bos")))
    result = l10n_ok("translate", "--lang", "ms")
    assert "0 drafted" in result.stdout
    assert "tokenizer debris: >>zsm_Latn<<" in result.stdout
    po = polib.pofile(str(po_path(Path.cwd(), "ms")))
    assert all(not e.msgstr for e in po if e.msgid)


def test_bad_bpe_codes_file_is_refused_in_one_line(kind_package, argos_store, tmp_path):
    archive = kind_package("bpe")
    top = zipfile.ZipFile(archive).namelist()[0].split("/")[0]
    bad = repackage(
        archive,
        tmp_path / "bad.argosmodel",
        drop=("bpe.model",),
        add={f"{top}/bpe.model": b"#version: 0.2\nt h e\n"},
    )
    line = _refusal(bad)
    assert "not a package: unreadable bpe.model (Error: invalid line 2" in line


# ---- without the mt extra ----------------------------------------------------------------

_WITHOUT_MT = """\
import sys
for name in ("argostranslate", "ctranslate2", "sentencepiece", "sacremoses"):
    sys.modules[name] = None  # as if the mt extra were not installed
from pipeline.cli import main
main({args!r})
"""


@pytest.mark.parametrize("command", ["install", "translate"])
def test_without_the_mt_extra_a_command_says_which_extra_in_one_line(
    command, kind_package, make_project, argos_store
):
    root = make_project(languages={"ms": 'argos = "ms"'})
    if command == "install":
        args = ["models", "install", str(kind_package("shared"))]
    else:
        packages.install_file(kind_package("shared"))
        l10n_ok("extract")
        l10n_ok("update")
        args = ["translate", "--lang", "ms"]
    done = subprocess.run(
        [sys.executable, "-c", _WITHOUT_MT.format(args=args)],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(packages.__file__).parents[1])},
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith("l10n: error: machine translation needs the mt extra")
    assert "pip install '.[mt]'" in done.stderr


def test_models_list_loads_no_mt_library(kind_package, argos_store, project):
    from heavy import run_probe

    packages.install_file(kind_package("bpe"))
    status, loaded, stderr = run_probe(["models", "list"], project)
    assert status == 0, stderr
    assert loaded == []
