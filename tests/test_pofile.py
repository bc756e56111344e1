"""The PO reader and writer: lossless, GNU-formatted, atomic; ``l10n format``."""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import polib
import pytest
from conftest import CORPUS_FILES, REPO, corpus_params, l10n
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pipeline import files, gnuwrap, pofile
from pipeline.errors import L10nError

PROJECT_FILES = sorted((REPO / "locales").glob("**/*.po*"))
needs_msgcat = pytest.mark.skipif(shutil.which("msgcat") is None, reason="GNU msgcat not installed")
HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'


def msgcat(data: bytes, *options: str) -> bytes:
    """msgcat's output (--force-po: a catalog with only a header is written too)."""
    command = ["msgcat", "--force-po", *options, "-"]
    result = subprocess.run(command, input=data, capture_output=True)
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout


def written(path: Path) -> bytes:
    """What ``l10n format`` writes for ``path``."""
    return pofile.encode(pofile.load(path))


# ---- lossless and GNU-formatted -----------------------------------------------------------


@needs_msgcat
@pytest.mark.parametrize("path", corpus_params())
def test_corpus_round_trip_loses_nothing_msgcat_sees(corpus, path):
    original = path.read_bytes()
    assert msgcat(written(path), "--no-wrap") == msgcat(original, "--no-wrap")


@needs_msgcat
@pytest.mark.parametrize("path", corpus_params())
def test_written_corpus_file_is_a_msgcat_fixed_point(corpus, path):
    data = written(path)
    assert msgcat(data) == data


@needs_msgcat
@pytest.mark.parametrize("path", PROJECT_FILES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_written_project_file_is_a_msgcat_fixed_point(path):
    data = written(path)
    assert msgcat(data) == data


@needs_msgcat
@pytest.mark.parametrize("path", corpus_params())
def test_written_file_is_what_msgcat_writes_so_gnu_layout_comes_back_byte_identical(corpus, path):
    # For a file already in GNU layout, msgcat's output is the file itself, byte for byte.
    assert written(path) == msgcat(path.read_bytes())


@needs_msgcat
def test_six_of_the_ten_corpus_files_are_in_gnu_layout_and_come_back_byte_identical(corpus):
    """The README's figures for pipeline.pofile: byte-identical 6 / 10 (all the files that
    were already in GNU layout), lossless 10 / 10 (the round-trip test above, per file)."""
    assert len(CORPUS_FILES) == 10
    in_gnu_layout = [p for p in CORPUS_FILES if msgcat(p.read_bytes()) == p.read_bytes()]
    identical = [p for p in CORPUS_FILES if written(p) == p.read_bytes()]
    assert len(in_gnu_layout) == 6
    assert identical == in_gnu_layout


@needs_msgcat
def test_long_hangul_and_han_lines_wrap_where_gnu_wraps(tmp_path):
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    korean = (
        "싱가포르와 한국은 무역, 지속 가능성, 국방 기술 등 다양한 분야에서 더욱 긴밀히 "
        "협력하기로 합의했으며, 양국 관계를 전략적 동반자 관계로 격상했다."
    )
    chinese = (
        "新加坡与韩国同意在贸易、可持续发展和国防科技等多个领域加强合作，"
        "两国将双边关系提升为战略伙伴关系，并签署了八项协议。"
    )
    po.append(polib.POEntry(msgid="Korean " * 14, msgstr=korean * 2))
    po.append(polib.POEntry(msgid="Chinese " * 12, msgstr=chinese * 2))
    mixed = f'“{korean}” (ST) — {chinese} 100% "OK"\n두 번째 줄'
    po.append(polib.POEntry(msgid="Mixed", msgstr=mixed))
    data = pofile.encode(po)
    lines = data.decode().splitlines()
    assert max(gnuwrap.text_width(line) for line in lines) <= 79
    assert sum(line.startswith('"') for line in lines) >= 8  # it really wrapped
    assert msgcat(data) == data


@needs_msgcat
def test_euc_kr_file_wraps_with_gnu_widths_for_cjk_charsets():
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=EUC-KR"}
    # In EUC-KR, GNU counts "·", "±" and Greek letters as two columns.
    po.append(polib.POEntry(msgid="x", msgstr="값 ± 오차 · α β γ 는 " * 8))
    data = pofile.encode(po)
    assert msgcat(data) == data


def test_every_comment_kind_previous_fields_and_obsolete_entries_survive(tmp_path):
    text = (
        "# Header comment\n#, fuzzy\n"
        + HEADER
        + '"Plural-Forms: nplurals=2; plural=n != 1;\\n"\n"odd header line\\n"\n\n'
        "#  translator, two spaces\n#\n#. extracted\n#: src/a.c:1 src/b.c:22\n"
        "#, fuzzy, c-format\n"
        '#| msgctxt "old context"\n#| msgid "Old %d file"\n#| msgid_plural "Old %d files"\n'
        'msgctxt "context"\nmsgid "%d file"\nmsgid_plural "%d files"\n'
        'msgstr[0] "%d 파일"\nmsgstr[1] "%d 파일들"\n\n'
        "# gone\n#, fuzzy\n"
        '#~| msgctxt "was"\n#~| msgid "Previous"\n#~ msgctxt "ctx"\n#~ msgid "Obsolete"\n'
        '#~ msgstr "폐기"\n'
    )
    path = tmp_path / "all.po"
    path.write_text(text, encoding="utf-8")
    po = pofile.load(path)
    entry, obsolete = po[0], po[1]
    assert po.header == "Header comment" and po.metadata_is_fuzzy
    assert entry.tcomment == " translator, two spaces\n" and entry.comment == "extracted"
    assert entry.occurrences == [("src/a.c", "1"), ("src/b.c", "22")]
    assert entry.flags == ["fuzzy", "c-format"]
    assert (entry.previous_msgctxt, entry.previous_msgid) == ("old context", "Old %d file")
    assert entry.previous_msgid_plural == "Old %d files"
    assert entry.msgstr_plural == {0: "%d 파일", 1: "%d 파일들"}
    assert obsolete.obsolete and obsolete.msgctxt == "ctx" and obsolete.msgstr == "폐기"
    assert (obsolete.previous_msgctxt, obsolete.previous_msgid) == ("was", "Previous")
    assert pofile.dumps(po) == text


def test_changed_metadata_rewrites_only_that_header_line(tmp_path):
    path = tmp_path / "h.po"
    path.write_text(
        HEADER + '"X-Custom: keep me\\n"\n"Language: ko\\n"\n"odd line\\n"\n', encoding="utf-8"
    )
    po = pofile.load(path)
    po.metadata["Language"] = "ko_KR"
    po.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
    assert pofile.dumps(po) == (
        HEADER + '"X-Custom: keep me\\n"\n"Language: ko_KR\\n"\n"odd line\\n"\n'
        '"Plural-Forms: nplurals=1; plural=0;\\n"\n'
    )


def test_euc_kr_file_is_read_as_korean_and_written_back_in_euc_kr(tmp_path, corpus):
    source = corpus / "ko" / "Distrotech__tar__ko.po"
    po = pofile.load(source)
    assert pofile.charset_of(po) == "EUC-KR"
    assert any("아카이브" in e.msgstr for e in po)
    target = tmp_path / "tar.po"
    pofile.save(po, target)
    assert target.read_bytes() == source.read_bytes()


@needs_msgcat
def test_format_to_utf8_converts_charset_and_header_only_when_asked(tmp_path, corpus):
    source = corpus / "ko" / "Distrotech__tar__ko.po"
    target = tmp_path / "tar.po"
    shutil.copy(source, target)
    target.chmod(0o644)
    assert pofile.format_files([target]) == ([], 1)
    assert target.read_bytes() == source.read_bytes()
    assert pofile.format_files([target], utf8=True) == ([target], 1)
    text = target.read_text(encoding="utf-8")
    assert '"Content-Type: text/plain; charset=UTF-8\\n"' in text
    assert msgcat(target.read_bytes(), "--no-wrap") == msgcat(
        source.read_bytes(), "--no-wrap", "--to-code=UTF-8"
    )


def test_gnu_conventions_untranslated_is_not_fuzzy_and_empty_obsolete_is_dropped():
    po = polib.POFile()
    po.append(polib.POEntry(msgid="a", msgstr="", flags=["fuzzy"]))
    po.append(polib.POEntry(msgid="b", msgstr="", obsolete=True))
    po.append(polib.POEntry(msgid="c", msgstr="C", obsolete=True, flags=["fuzzy"]))
    assert pofile.dumps(po) == 'msgid "a"\nmsgstr ""\n\n#, fuzzy\n#~ msgid "c"\n#~ msgstr "C"\n'


def test_flags_are_written_in_gnu_order_and_unknown_flags_kept():
    flags, wrap = pofile.canonical_flags(
        ["python-format", "no-wrap", "my-tool-flag", "fuzzy", "range: 0..9", "c-format"]
    )
    assert flags == ["fuzzy", "c-format", "python-format", "range: 0..9", "no-wrap", "my-tool-flag"]
    assert wrap is False


def test_no_wrap_entry_keeps_long_lines_but_splits_at_newlines():
    lines = pofile.wrap_string("", "msgstr", "word " * 30 + "\nnext", wrap=False)
    assert lines == ['msgstr ""', '"' + "word " * 30 + '\\n"', '"next"']


# ---- the line breaking algorithm, against the library GNU uses ----------------------------


def _libunistring():
    name = ctypes.util.find_library("unistring")
    if not name:
        return None
    try:
        lib = ctypes.CDLL(name)
        lib.libunistring_unilbrkprop  # noqa: B018  (1.0's internal table must be there)
    except (OSError, AttributeError):
        return None
    return lib


def test_line_break_tables_match_installed_libunistring():
    lib = _libunistring()
    if lib is None:
        pytest.skip("libunistring with 1.0's table layout not installed")
    generated = gnuwrap._libunistring_tables()
    from pipeline import gnuwrap_tables

    for name, text in generated.items():
        assert getattr(gnuwrap_tables, name).split() == text.split(), name


def test_break_positions_match_libunistring_on_random_text():
    lib = _libunistring()
    if lib is None:
        pytest.skip("libunistring with 1.0's table layout not installed")
    rng = random.Random(7)
    alphabet = list("ab  -,.()/%$\\\"'1?!") + list("한국어中文。，「」（）—–“”’…·±αé")
    alphabet += [
        "\u200b",
        "\u0301",
        "\u200d",
        "\u00a0",
        "\u2028",
        "\U0001f600",
        "\U0001f1e6",
        "\u05d0",
    ]
    for _ in range(1500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 50)))
        fixed = [rng.random() < 0.1 for _ in text]
        width, start = rng.randint(4, 30), rng.randint(0, 10)
        for cjk, encoding in ((False, b"UTF-8"), (True, b"EUC-KR")):
            raw = text.encode("utf-8")
            overrides = bytearray(len(raw))  # UC_BREAK_UNDEFINED = 0, PROHIBITED = 1
            starts, offset = [], 0
            for char, is_fixed in zip(text, fixed):
                starts.append(offset)
                overrides[offset] = 1 if is_fixed else 0
                offset += len(char.encode("utf-8"))
            out = ctypes.create_string_buffer(len(raw))
            lib.u8_width_linebreaks_v2(
                raw, ctypes.c_size_t(len(raw)), width, start, 0, bytes(overrides), encoding, out
            )
            expected = [out.raw[i] == 2 for i in starts]  # UC_BREAK_POSSIBLE = 2
            assert gnuwrap.width_breaks(text, width, start, fixed, cjk) == expected, text


# ---- random catalogs ----------------------------------------------------------------------

TEXT = st.text(
    alphabet=st.sampled_from(
        list("abcdefgh     ,.-/()%\"\\\t\n:;!?'")
        + list("한국어문장中文字符串。，「」")
        + ["é", "—", "\u00a0"]
    ),
    max_size=160,
)
ENTRY = st.builds(
    lambda msgid, msgstr, ctx, prev, obsolete, fuzzy: (msgid, msgstr, ctx, prev, obsolete, fuzzy),
    TEXT,
    TEXT,
    st.none() | TEXT,
    st.none() | TEXT,
    st.booleans(),
    st.booleans(),
)


@needs_msgcat
@settings(
    max_examples=15, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.lists(ENTRY, min_size=1, max_size=25))
@example([("", "", None, None, True, False)])  # only a header is left to write
def test_random_catalogs_are_written_as_msgcat_fixed_points_and_read_back(entries):
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    seen = set()
    for number, (msgid, msgstr, ctx, prev, obsolete, fuzzy) in enumerate(entries):
        msgid = f"{msgid}{number}"
        if (ctx, msgid) in seen:
            continue
        seen.add((ctx, msgid))
        po.append(
            polib.POEntry(
                msgid=msgid,
                msgstr=msgstr,
                msgctxt=ctx,
                previous_msgid=prev,
                obsolete=obsolete,
                flags=["fuzzy"] if fuzzy else [],
            )
        )
    data = pofile.encode(po)
    assert msgcat(data) == data
    # Read back: the same entries, obsolete ones last, untranslated obsolete ones dropped.
    expected = [e for e in po if not e.obsolete] + [e for e in po if e.obsolete and e.msgstr]
    fields = lambda e: (e.msgctxt, e.msgid, e.msgstr, e.obsolete, e.previous_msgid)  # noqa: E731
    assert [fields(e) for e in pofile.loads(data)] == [fields(e) for e in expected]


# ---- bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('msgid "a"\nmsgstr "b\n', 2, "unterminated string"),
        ('msgid "a"\nmsgstr "\\q"\n', 2, "invalid escape"),
        ('msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', 4, "duplicate message definition"),
        ('msgid "a"\n\nmsgid "b"\nmsgstr "c"\n', 3, "msgid without msgstr"),
        ('msgid "a"\nmsgstr "b"\nbogus "c"\n', 3, "syntax error"),
        ('msgid "a"\nmsgid_plural "as"\nmsgstr[1] "x"\n', 3, "out of order"),
        ('msgid\nmsgstr "b"\n', 1, "keyword without a string"),
        ('msgid "a"\nmsgstr "b"\n"c"\nmsgid "a2"\nmsgstr ""\n#| msgid "x"\n', 6, "#| previous"),
    ],
)
def test_bad_input_is_an_error_naming_file_and_line(tmp_path, text, line, message):
    path = tmp_path / "bad.po"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(L10nError) as caught:
        pofile.load(path)
    assert caught.value.path == str(path)
    assert caught.value.line == line
    assert message in caught.value.message


def test_invalid_utf8_and_unknown_charset_are_errors_with_lines(tmp_path):
    path = tmp_path / "bad.po"
    path.write_bytes((HEADER + '\nmsgid "a"\nmsgstr "\xff"\n').encode("latin-1"))
    with pytest.raises(L10nError) as caught:
        pofile.load(path)
    assert caught.value.line == 6 and "UTF-8" in caught.value.message
    path.write_bytes(HEADER.replace("UTF-8", "KLINGON-1").encode())
    with pytest.raises(L10nError, match="unknown charset") as caught:
        pofile.load(path)
    assert caught.value.line == 3


# ---- l10n format --------------------------------------------------------------------------

UNFORMATTED = (
    HEADER
    + '\nmsgid "A sentence long enough that msgcat wraps it at seventy-nine columns, surely."\n'
    'msgstr "Ayat"\n'
)


def test_format_check_reports_and_changes_nothing_then_format_fixes(tmp_path):
    path = tmp_path / "a.po"
    path.write_text(UNFORMATTED, encoding="utf-8")
    result = l10n("format", "--check", str(path))
    assert result.exit_code == 1 and f"would reformat: {path}" in result.output
    assert path.read_text(encoding="utf-8") == UNFORMATTED
    result = l10n("format", str(path))
    assert result.exit_code == 0 and f"reformatted: {path}" in result.output
    assert path.read_text(encoding="utf-8") != UNFORMATTED
    assert 'msgid ""\n"A sentence long enough' in path.read_text(encoding="utf-8")
    again = l10n("format", "--check", str(path))
    assert again.exit_code == 0 and again.output == "0 would be reformatted, 1 unchanged\n"


def test_format_with_one_bad_file_is_exit_2_and_touches_no_file(tmp_path):
    good, bad = tmp_path / "good.po", tmp_path / "bad.po"
    good.write_text(UNFORMATTED, encoding="utf-8")
    bad.write_text('msgid "a"\nmsgstr "b\n', encoding="utf-8")
    result = l10n("format", str(good), str(bad))
    assert result.exit_code == 2
    assert f"{bad}:2: unterminated string" in result.output
    assert good.read_text(encoding="utf-8") == UNFORMATTED


def test_pre_commit_hook_runs_format_check():
    hooks = (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "entry: l10n format --check" in hooks and "\\.pot?$" in hooks


# ---- atomic, locked writes ----------------------------------------------------------------


def _big_catalog(marker: str, entries: int = 4000) -> polib.POFile:
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "X-Writer": marker}
    for i in range(entries):
        msgid = f"Sentence number {i} of the article."
        po.append(polib.POEntry(msgid=msgid, msgstr=f"{marker} {i}"))
    return po


def _save_forever(path: str, marker: str) -> None:
    po = _big_catalog(marker)
    flip = False
    while True:
        po.metadata["X-Round"] = str(flip)
        flip = not flip
        pofile.save(po, path)


def test_kill_during_writes_leaves_a_complete_old_or_new_file(tmp_path):
    path = tmp_path / "messages.po"
    pofile.save(_big_catalog("first"), path)
    context = multiprocessing.get_context("fork")
    for attempt in range(3):
        writer = context.Process(target=_save_forever, args=(str(path), f"w{attempt}"))
        writer.start()
        time.sleep(0.3 + 0.1 * attempt)
        os.kill(writer.pid, signal.SIGKILL)
        writer.join()
        po = pofile.load(path)
        assert len(po) == 4000
        assert po[-1].msgstr.endswith(" 3999")


def _hold_lock(path: str, seconds: float, ready) -> None:
    with files.locked(Path(path)):
        ready.set()
        time.sleep(seconds)


def test_save_waits_for_another_process_holding_the_lock(tmp_path):
    path = tmp_path / "messages.po"
    context = multiprocessing.get_context("fork")
    ready = context.Event()
    holder = context.Process(target=_hold_lock, args=(str(path), 0.6, ready))
    holder.start()
    assert ready.wait(10)
    started = time.monotonic()
    pofile.save(_big_catalog("late", 10), path)
    waited = time.monotonic() - started
    holder.join()
    assert waited >= 0.4
    assert pofile.load(path).metadata["X-Writer"] == "late"


def test_concurrent_saves_of_different_catalogs_leave_one_valid_file(tmp_path):
    path = tmp_path / "messages.po"
    context = multiprocessing.get_context("fork")
    writers = [
        context.Process(target=pofile.save, args=(_big_catalog(m, 3000), str(path))) for m in "xyz"
    ]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=60)
        assert writer.exitcode == 0
    po = pofile.load(path)
    assert po.metadata["X-Writer"] in "xyz" and len(po) == 3000
    assert [p.name for p in tmp_path.iterdir()] == ["messages.po"]  # no temporary left


def test_unchanged_catalog_is_not_rewritten(tmp_path):
    path = tmp_path / "m.po"
    po = _big_catalog("m", 10)
    assert pofile.save(po, path) is True
    before = path.stat().st_mtime_ns
    time.sleep(0.01)
    assert pofile.save(pofile.load(path), path) is False
    assert path.stat().st_mtime_ns == before


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__, "-q"]))


def test_a_save_over_a_file_changed_since_it_was_read_is_refused(tmp_path):
    path = tmp_path / "ko.po"
    path.write_bytes(b'msgid "a"\nmsgstr "one"\n')
    po = pofile.load(path)
    po[0].msgstr = "two"
    path.write_bytes(b'msgid "a"\nmsgstr "an editor saved this"\n')  # meanwhile
    with pytest.raises(files.ChangedMeanwhile) as caught:
        pofile.save(po, path, base=po.digest)
    assert str(caught.value).startswith(f"{path}: changed by another program")
    assert path.read_bytes() == b'msgid "a"\nmsgstr "an editor saved this"\n'
    path.write_bytes(b'msgid "a"\nmsgstr "one"\n')  # back as it was read: the save goes on
    assert pofile.save(po, path, base=po.digest)
    assert pofile.load(path)[0].msgstr == "two"
    fresh = tmp_path / "new.po"
    fresh.write_bytes(b"")  # created by someone after the command found no file
    with pytest.raises(files.ChangedMeanwhile):
        pofile.save(po, fresh, base=files.ABSENT)
    assert fresh.read_bytes() == b""


def test_temp_file_of_a_killed_writer_is_cleared_by_the_next_write(tmp_path):
    path = tmp_path / "messages.po"
    pofile.save(_big_catalog("first", 3), path)
    stale = tmp_path / ".messages.po.tmp"
    stale.write_bytes(b"half a catalog")
    other = tmp_path / ".other.po.tmp"
    other.write_bytes(b"another file's")
    pofile.save(_big_catalog("first", 3), path)
    assert not stale.exists()
    assert other.exists()
    assert pofile.load(path).metadata["X-Writer"] == "first"


def test_a_save_does_not_list_the_folder_it_writes_into(tmp_path, monkeypatch):
    """An archive's catalogs share a folder per language: a save that listed the folder
    (to clear a killed writer's temp file) would cost the archive's size, at every save."""
    import pathlib

    path = tmp_path / "messages.po"
    pofile.save(_big_catalog("first", 3), path)

    def listing(*args, **kwargs):
        raise AssertionError("the folder was listed")

    monkeypatch.setattr(os, "scandir", listing)
    monkeypatch.setattr(os, "listdir", listing)
    monkeypatch.setattr(pathlib.Path, "glob", listing)
    pofile.save(_big_catalog("second", 3), path)
    assert pofile.load(path).metadata["X-Writer"] == "second"
