"""Bad input, fuzzed: mutated real PO files and random text never crash the pipeline.

The PO reader either reads a mutated file or raises the project's own error naming the file
and a line in it, never another exception and never a hang; random Unicode text through the
segmenter never crashes and keeps every non-space character (no chrome patterns here, so
nothing is chrome; bullet markers are structure and are the one thing dropped).
"""

from __future__ import annotations

import re
import time
import unicodedata

import pytest
from conftest import CORPUS, corpus_params
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pipeline import pofile
from pipeline.errors import L10nError
from pipeline.segment import BULLET, segment_text

# The small files keep each example fast; one large one brings its variety.
SAMPLES = [
    CORPUS / "ko" / "GNOME__baobab__ko.po",
    CORPUS / "zh_CN" / "JaydeepDebnath__django_basics__admin-djangojs.po",
    CORPUS / "ms" / "JaydeepDebnath__django_basics__admin-django.po",
    CORPUS / "ko" / "Distrotech__tar__ko.po",  # EUC-KR
]
FUZZ = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,
)


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def truncate(data: bytes, at: float) -> bytes:
    return data[: int(len(data) * at)]


def insert(data: bytes, at: float, what: bytes) -> bytes:
    i = int(len(data) * at)
    return data[:i] + what + data[i:]


def duplicate_entry(data: bytes, at: float) -> bytes:
    blocks = data.split(b"\n\n")
    i = min(int(len(blocks) * at), len(blocks) - 1)
    return b"\n\n".join(blocks[: i + 1] + [blocks[i]] + blocks[i + 1 :])


def break_escape(data: bytes, at: float, char: bytes) -> bytes:
    """A backslash followed by ``char`` inside a string on some line."""
    lines = _lines(data)
    candidates = [i for i, line in enumerate(lines) if line.endswith(b'"') and len(line) > 2]
    if not candidates:  # (a file truncated before its first string: nothing to break)
        return data
    i = candidates[int(len(candidates) * at) % len(candidates)]
    lines[i] = lines[i][:-1] + b"\\" + char + b'"'
    return b"\n".join(lines)


def huge_line(data: bytes, at: float, kind: int) -> bytes:
    body = [b'"' + b"x" * 300_000 + b'"', b"#. " + b"y" * 300_000, b"z" * 300_000][kind]
    lines = _lines(data)
    lines.insert(int(len(lines) * at), body)
    return b"\n".join(lines)


def drop_line(data: bytes, at: float) -> bytes:
    lines = _lines(data)
    del lines[int(len(lines) * at) % len(lines)]
    return b"\n".join(lines)


POSITION = st.floats(min_value=0, max_value=1, allow_nan=False)
MUTATION = st.one_of(
    st.builds(lambda at: ("truncate", lambda d: truncate(d, at)), POSITION),
    st.builds(lambda at: ("stray quote", lambda d: insert(d, at, b'"')), POSITION),
    st.builds(
        lambda at, c: ("broken escape", lambda d: break_escape(d, at, c)),
        POSITION,
        st.sampled_from([b"", b"q", b"x", b"xZZ", b"0", b"400", b"\\", b"\xff"]),
    ),
    st.builds(
        lambda at, b: ("invalid bytes", lambda d: insert(d, at, b)),
        POSITION,
        st.binary(min_size=1, max_size=4).filter(lambda b: any(x >= 0x80 for x in b)),
    ),
    st.builds(lambda at: ("duplicate entry", lambda d: duplicate_entry(d, at)), POSITION),
    st.builds(
        lambda at, k: ("huge line", lambda d: huge_line(d, at, k)),
        POSITION,
        st.integers(0, 2),
    ),
    st.builds(lambda at: ("drop line", lambda d: drop_line(d, at)), POSITION),
    st.builds(
        lambda at, b: ("random bytes", lambda d: insert(d, at, b)), POSITION, st.binary(max_size=8)
    ),
)


def check_reads_or_fails_cleanly(data: bytes, name: str) -> None:
    started = time.monotonic()
    try:
        po = pofile.loads(data, name)
    except L10nError as error:
        assert error.path == name
        assert error.line is not None and 1 <= error.line <= data.count(b"\n") + 1, error
        assert error.message and "\n" not in error.message
    else:
        try:
            pofile.encode(po)  # what reads must also write (or refuse with our error)
        except L10nError as error:
            assert error.message
    assert time.monotonic() - started < 5, "took too long: a hang in the making"


@FUZZ
@given(
    sample=st.sampled_from(SAMPLES),
    mutations=st.lists(MUTATION, min_size=1, max_size=3),
)
def test_mutated_corpus_file_reads_or_raises_l10nerror_with_file_and_line(
    corpus, sample, mutations
):
    data = sample.read_bytes()
    for _, mutate in mutations:
        data = mutate(data)
    check_reads_or_fails_cleanly(data, str(sample))


@pytest.mark.parametrize("sample", corpus_params(SAMPLES))
def test_every_truncation_point_of_a_small_file_reads_or_fails_cleanly(corpus, sample):
    data = sample.read_bytes()[:6000]
    for end in range(0, len(data), 97):
        check_reads_or_fails_cleanly(data[:end], str(sample))


# ---- the segmenter ------------------------------------------------------------------------

PROSE = st.lists(
    st.sampled_from(
        [
            "Dr.",
            "Mr. Tan",
            "S. Korea",
            "U.S.",
            "e.g.",
            "Nov. 21",
            "US$4.5 million",
            "“Yes,”",
            "he said.",
            '"Quote."',
            "!",
            "?",
            "...",
            "…",
            "(",
            ")",
            "\n",
            "\n\n",
            "• ",
            "- ",
            "* ",
            "ST PHOTO: X",
            "한국어 문장.",
            "中文。",
            "Ａ",
            "e\u0301",
            "\u00a0",
            "\t",
            " ",
            "word",
            "Word",
            "1.",
            "2",
            "’",
            "‘",
        ]
    ),
    max_size=60,
).map(" ".join)
ANY_TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=300)


def content(text: str) -> str:
    """The characters a reader sees: NFC, no whitespace, no bullet markers."""
    lines = [BULLET.sub("", line, count=1) for line in text.split("\n")]
    return "".join(ch for ch in unicodedata.normalize("NFC", "\n".join(lines)) if not ch.isspace())


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.one_of(PROSE, ANY_TEXT, st.tuples(PROSE, ANY_TEXT).map("".join)))
@example("• a\n• b")
@example("Hello.\u0301 World")
def test_random_text_segments_without_crash_or_lost_characters(text):
    doc = segment_text(text, "fuzz", chrome_patterns=())
    segments = doc.segments(include_chrome=True)
    assert all(s.role != "chrome" for s in segments)
    kept = "".join(ch for s in segments for ch in s.text if not ch.isspace())
    assert kept == content(text)
    assert all(s.text == s.text.strip() and s.text for s in segments)
    assert [s.line for s in segments] == sorted(s.line for s in segments)


def test_bullet_marker_is_the_only_dropped_non_space():
    assert content("• item\n- other") == "itemother"
    assert re.match(BULLET, "• item")
