"""Argos packages (store, install, validation, index) and the CTranslate2 decoding path.

The package is a real one built by the tests (tests/argos_fixture.py): a SentencePiece model
trained here and a CTranslate2 transformer whose weights copy the input, so every draft must
equal its source exactly, through the real loading and decoding code.
"""

from __future__ import annotations

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

import pytest
from argos_fixture import repackage
from conftest import l10n

from pipeline import masking, mt, packages
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
