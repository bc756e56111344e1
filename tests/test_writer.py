"""The PO writer on long news sentences and CJK text: byte for byte what GNU msgcat writes,
and the quick line breaking (only the characters near each line's end classified) the same as
libunistring's state machine run over every character."""

from __future__ import annotations

import random
import shutil
import subprocess

import polib
import pytest

from pipeline import gnuwrap, pofile

needs_msgcat = pytest.mark.skipif(shutil.which("msgcat") is None, reason="GNU msgcat not installed")

WORDS = (
    "the government said on tuesday its plan to expand trade and investment links with regional "
    "partners would create jobs in shipping and digital services while ministers warned rising "
    "costs remained a concern e-commerce cross-border"
).split()
KOREAN = (
    "싱가포르와 한국은 무역 지속 가능성 국방 기술 등 다양한 분야에서 더욱 긴밀히 협력하기로 "
    "합의했으며 양국 관계를 전략적 동반자 관계로 격상했다 총리 대통령 서울 협정"
).split()
HAN = "新加坡与韩国同意在贸易可持续发展和国防科技等多个领域加强合作两国将双边关系提升为战略伙伴签署了八项协议"


def english(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(3, 40))]
    for _ in range(rng.randint(0, 4)):
        i = rng.randrange(len(words))
        words[i] = rng.choice(
            [
                f"“{words[i]}”",
                f"{words[i]}’s",
                "–",
                f"{rng.randint(1, 99999):,}",
                "US$2.4",
                f"({words[i]})",
                f'"{words[i]}"',
                f"{words[i]}/{rng.choice(WORDS)}",
                "50%",
                f"{words[i]}\\n",
                f"{words[i]}\t",
            ]
        )
    return " ".join(words) + rng.choice([".", "", "\n", ":\n", "\nnext line"])


def korean(rng: random.Random, syllables: bool) -> str:
    out = []
    for _ in range(rng.randint(2, 30)):
        if syllables and rng.random() < 0.5:  # any Hangul syllable, not only common ones
            out.append("".join(chr(rng.randint(0xAC00, 0xD7A3)) for _ in range(rng.randint(1, 4))))
        else:
            out.append(rng.choice(KOREAN) + rng.choice(["", "", ",", "·", "“", "”", "(AI)"]))
        if rng.random() < 0.1:
            out.append(f"{rng.randint(1, 999)}억 달러")
    return " ".join(out) + rng.choice(["", ".", "…", "다.\n"])


def chinese(rng: random.Random) -> str:
    out = []
    for _ in range(rng.randint(1, 25)):
        out.append("".join(rng.choice(HAN) for _ in range(rng.randint(1, 8))))
        out.append(
            rng.choice(
                [
                    "",
                    "，",
                    "、",
                    "。",
                    "“",
                    "”",
                    "（",
                    "）",
                    "——",
                    "：",
                    "ＡＩ",
                    " 25% ",
                    "《",
                    "》",
                    "…",
                ]
            )
        )
    return "".join(out)


def catalog(rng: random.Random, entries: int, charset: str = "UTF-8") -> polib.POFile:
    po = polib.POFile()
    po.metadata = {"Content-Type": f"text/plain; charset={charset}"}
    seen = set()

    def sentence() -> str:
        text = english(rng)
        return text if charset == "UTF-8" else text.replace("–", "-")  # none in EUC-KR

    for number in range(entries):
        msgid = f"{sentence()} {number}"
        if msgid in seen:
            continue
        seen.add(msgid)
        roll = rng.random()
        if charset == "UTF-8":
            msgstr = korean(rng, True) if roll < 0.4 else chinese(rng) if roll < 0.7 else sentence()
        else:
            msgstr = korean(rng, False)
        entry = polib.POEntry(msgid=msgid, msgstr=msgstr)
        if rng.random() < 0.15:
            entry.msgctxt = sentence()[:30]
        if rng.random() < 0.15:
            entry.previous_msgid = sentence()
            entry.flags = ["fuzzy"]
        po.append(entry)
    return po


def msgcat(data: bytes) -> bytes:
    result = subprocess.run(["msgcat", "-"], input=data, capture_output=True, check=True)
    return result.stdout


@needs_msgcat
@pytest.mark.parametrize("seed", [1, 2])
def test_long_sentences_and_cjk_text_are_written_as_msgcat_writes_them(seed):
    data = pofile.encode(catalog(random.Random(seed), 300))
    lines = data.decode().splitlines()
    assert sum(line.startswith('"') for line in lines) > 300  # long strings really wrapped
    assert msgcat(data) == data
    # And from a layout GNU did not write (nothing wrapped): what msgcat makes of it.
    unwrapped = msgcat_no_wrap(data)
    assert unwrapped != data
    assert pofile.encode(pofile.loads(unwrapped)) == msgcat(unwrapped)


def msgcat_no_wrap(data: bytes) -> bytes:
    result = subprocess.run(
        ["msgcat", "--no-wrap", "-"], input=data, capture_output=True, check=True
    )
    return result.stdout


@needs_msgcat
def test_korean_in_euc_kr_wraps_with_the_widths_of_cjk_charsets():
    data = pofile.encode(catalog(random.Random(3), 150, charset="EUC-KR"))
    assert msgcat(data) == data


def test_quick_line_breaks_agree_with_the_state_machine_on_every_character():
    rng = random.Random(11)
    alphabet = list("ab  -,.()/%$\\\"'1?!:;\t") + list("한국어中文。，「」（）—–“”’…·±αé")
    alphabet += ["\u00a0", "\u3000", "ＡＩ", "\U00020000", "\u0e01", "\u00ad", "\u2060"]
    stateful = ["\u200b", "\u0301", "\u200d", "\u2028", "\U0001f1e6", "\u05d0", "\n", "\x01"]
    for case in range(2000):
        chars = [rng.choice(alphabet) for _ in range(rng.randint(1, 90))]
        if case % 5 == 0:
            chars[rng.randrange(len(chars))] = rng.choice(stateful)
        text = "".join(chars)
        fixed = {i for i in range(len(text)) if rng.random() < 0.05}
        width, start = rng.randint(3, 40), rng.randint(0, 45)
        for cjk in (False, True):
            expected = gnuwrap._width_breaks_by_state(
                text, width, start, [i in fixed for i in range(len(text))], cjk
            )
            breaks = gnuwrap.line_breaks(text, width, start, fixed, cjk)
            assert breaks == [i for i, brk in enumerate(expected) if brk], (text, width, start)


def test_columns_count_wide_characters_twice_and_control_characters_not_at_all():
    gnuwrap.text_columns("한a中，")  # seen before: a character not seen is still looked up
    assert gnuwrap.text_columns("abc") is None
    assert gnuwrap.text_columns("a “b” – c") is None  # one column each outside CJK charsets
    assert gnuwrap.text_columns("a “b”", cjk=True) == [0, 1, 2, 4, 5, 7]
    assert gnuwrap.text_columns("한a中\x01，") == [0, 2, 3, 5, 5, 7]
    assert gnuwrap.text_columns("\U00020000x") == [0, 2, 3]


def test_width_table_of_the_bmp_is_char_width_for_every_code_point():
    for cjk in (False, True):
        table = gnuwrap._bmp_widths(cjk)
        expected = [max(gnuwrap.char_width(chr(code), cjk), 0) for code in range(0x10000)]
        assert list(table) == expected
