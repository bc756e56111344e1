"""URLs and e-mail addresses: the MT masker and the placeholder check read them alike."""

from __future__ import annotations

import re

import pytest

from pipeline import checks, masking
from pipeline.patterns import EMAIL, URL

CTX = checks.Context("ko")

# (sentence, the URLs and addresses in it, as both places must read them)
CASES = [
    (
        "See https://en.wikipedia.org/wiki/Seoul_(city) for more.",
        ["https://en.wikipedia.org/wiki/Seoul_(city)"],
    ),
    ("It is online (see https://example.com/a).", ["https://example.com/a"]),
    ("It is at https://example.com/a.", ["https://example.com/a"]),
    (
        "(https://en.wikipedia.org/wiki/Seoul_(city)), and www.straitstimes.com.",
        ["https://en.wikipedia.org/wiki/Seoul_(city)", "www.straitstimes.com"],
    ),
    (
        "Read https://x.com/a_(b)_c/d.html; then https://x.com/?q=1&r=2!",
        ["https://x.com/a_(b)_c/d.html", "https://x.com/?q=1&r=2"],
    ),
    (
        "Quoted: 'https://example.com/it's' and “http://example.com/b”.",
        ["https://example.com/it's", "http://example.com/b"],
    ),
    ("An open paren: http://example.com/a(b and more.", ["http://example.com/a"]),
    (
        "[http://example.com/list] and {http://example.com/set}",
        ["http://example.com/list", "http://example.com/set"],
    ),
    (
        "Write to kim.lee+news@st.com.sg, or desk@example.com.",
        ["kim.lee+news@st.com.sg", "desk@example.com"],
    ),
    ("Not addresses: a@b.c, 1.1.1@x.co1, user@localhost.", []),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_the_masker_protects_what_the_check_looks_for(text, expected):
    masked = masking.masker([])(text)
    protected = [value for _, value in masked.slots]
    assert protected == expected
    found = URL.findall(text) + EMAIL.findall(text)
    assert sorted(found) == sorted(expected)
    # A translation that dropped them all: the check names exactly what the masker protected.
    dropped = re.sub(r"\{\d+\}", "·", masked.text)
    problems = checks.check_placeholders(text, dropped, CTX)
    named = [
        re.fullmatch(r"(?:URL|e-mail address) (.+) is not in the translation", p) for p in problems
    ]
    assert all(named), problems
    assert sorted(m.group(1) for m in named) == sorted(repr(value) for value in expected)
    # The masker's round trip puts back exactly what the check wants to find.
    assert checks.check_placeholders(text, masking.unmask(masked.text, masked), CTX) == []


def test_a_url_in_chinese_text_ends_at_full_width_punctuation():
    text = "访问https://example.com/首尔。"
    assert URL.findall(text) == ["https://example.com/首尔"]
    assert [value for _, value in masking.masker([])(text).slots] == ["https://example.com/首尔"]


def test_an_address_next_to_a_korean_particle_is_the_address_only():
    assert EMAIL.findall("문의는kim@example.com으로") == ["kim@example.com"]


def test_sentinels_skip_those_in_the_text_and_unmask_puts_each_back_once():
    text = "Item {0} at https://example.com/{1}/a and www.example.org"
    masked = masking.masker([])(text)
    assert masked.text == "Item {0} at {2} and {3}"
    assert masking.unmask("{3}, {2}: {0}", masked) == (
        "www.example.org, https://example.com/{1}/a: {0}"
    )
