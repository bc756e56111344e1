"""Segmentation of the seed article and of the rules it is built on."""

from __future__ import annotations

import json

import pytest
from conftest import SEED, l10n

from pipeline.config import DEFAULT_CHROME, DEFAULT_LABELS
from pipeline.errors import L10nError
from pipeline.segment import decode, segment_text, split_sentences
from pipeline.sources import read_document


@pytest.fixture(scope="module")
def seed():
    return read_document(SEED, DEFAULT_CHROME, DEFAULT_LABELS)


def texts(doc):
    return [s.text for s in doc.segments()]


def test_scraped_link_fragments_are_rejoined_into_one_sentence(seed):
    segments = texts(seed)
    assert (
        "At a press conference following the launch, PM Wong noted that the upgrade of ties "
        "comes at a significant time, with Singapore and South Korea celebrating 50 years of "
        "diplomatic relations." in segments
    )
    assert (
        "They are also breaking new ground in emerging domains, and Singapore welcomes South "
        "Korea’s accession to the Digital Economic Partnership Agreement (Depa), said PM Wong."
        in segments
    )
    assert "In 2024, South Korea joined as its fourth member." in segments
    apec = [s for s in segments if "Apec Economic Leaders’ Meeting" in s]
    assert len(apec) == 1 and apec[0].startswith("The visit to Seoul was PM Wong’s first")
    assert apec[0].endswith("from Oct 31 to Nov 1.")


def test_no_segment_starts_inside_abbreviations_dates_or_quotes(seed):
    for text in texts(seed):
        assert not text.startswith(("Korea launch", "1,", "1 ", "”", "he said", "he added"))
    assert texts(seed)[0] == (
        "Singapore and S. Korea launch strategic partnership to deepen economic links, "
        "defence cooperation"
    )
    assert (
        "“We transformed our economies – each charting our own path, but always working "
        "closely together for mutual benefit,” he said." in texts(seed)
    )


def test_site_chrome_is_recognised_and_not_extracted(seed):
    all_segments = seed.segments(include_chrome=True)
    chrome = [s.text for s in all_segments if s.role == "chrome"]
    assert chrome == [
        "Sign up now: Get ST's newsletters delivered to your inbox",
        "Follow topic:",
        "See more on",
    ]
    assert not any(t in texts(seed) for t in chrome)


def test_the_ai_summary_disclosure_is_a_label_above_the_key_points(seed):
    roles = [(b.role, b.text[:20]) for b in seed.blocks if b.role != "chrome"]
    at = roles.index(("label", "AI generated"))
    assert [role for role, _ in roles[at : at + 4]] == ["label"] + ["list-item"] * 3
    assert roles[at + 4][0] == "paragraph"


def test_a_label_before_a_list_stays_and_one_after_moves_up():
    before = segment_text(
        "Title\n\nAI generated\n  • one.\n  • two.\n\nText.\n", "x", label_patterns=DEFAULT_LABELS
    )
    after = segment_text(
        "Title\n\n  • one.\n  • two.\n\nAI generated\n\nText.\n", "x", label_patterns=DEFAULT_LABELS
    )
    for doc in (before, after):
        assert [b.role for b in doc.blocks] == [
            "title",
            "label",
            "list-item",
            "list-item",
            "paragraph",
        ]
    alone = segment_text(
        "Title\n\nAI generated\n\nText follows.\n", "x", label_patterns=DEFAULT_LABELS
    )
    assert [b.role for b in alone.blocks] == ["title", "label", "paragraph"]


def test_roles_of_the_seed_article(seed):
    roles = {s.text: s.role for s in seed.segments()}
    caption = (
        "PM Lawrence Wong (left) and South Korean President Lee Jae Myung jointly launched a "
        "strategic partnership between the two countries in Seoul."
    )
    assert roles[caption] == "caption"
    assert [s.role for s in seed.segments() if s.text == caption] == ["caption", "caption"]
    assert roles["ST PHOTO: CHONG JUN LIANG"] == "credit"
    assert roles[texts(seed)[0]] == "title"
    items = [s for s in seed.segments() if s.role == "list-item"]
    assert len(items) == 3 and items[0].line == 12
    assert roles["“Today, our partnership is stronger than ever.”"] == "paragraph"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Dr. Tan met Mr. Lee. They talked.", ["Dr. Tan met Mr. Lee.", "They talked."]),
        (
            "It opened on Nov. 21 in the U.S. and e.g. Seoul. Then it closed.",
            ["It opened on Nov. 21 in the U.S. and e.g. Seoul.", "Then it closed."],
        ),
        ("He paid US$4.5 million. It was 2026.", ["He paid US$4.5 million.", "It was 2026."]),
        ("Is it? Yes! 2026 is here.", ["Is it?", "Yes!", "2026 is here."]),
        (
            "He said: “We won. We will win again.” Then he left.",
            ["He said: “We won. We will win again.”", "Then he left."],
        ),
        ("“It is a good day.” Mr Lee said.", ["“It is a good day.” Mr Lee said."]),
        ("It rose. “Good,” he said.", ["It rose.", "“Good,” he said."]),
        ("S. Korea and N. Korea met.", ["S. Korea and N. Korea met."]),
    ],
)
def test_sentence_rules(text, expected):
    assert split_sentences(text) == expected


def test_cleaning_normalises_line_ends_bom_nfc_and_spaces():
    text = decode("\ufeffTitle\r\n\r\nCafe\u0301  is   open.\rIt is.\n".encode("utf-8"))
    doc = segment_text(text, "x")
    assert texts(doc) == ["Title", "Café is open.", "It is."]
    assert doc.segments()[1].line == 3


def test_bullets_are_list_items_of_their_own():
    doc = segment_text("Title\n\nIntro:\n  • one thing.\n  - two things.\n* three.\n", "x")
    assert [(s.role, s.text) for s in doc.segments()] == [
        ("title", "Title"),
        ("paragraph", "Intro:"),
        ("list-item", "one thing."),
        ("list-item", "two things."),
        ("list-item", "three."),
    ]


def test_non_utf8_source_is_an_error_with_its_line(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"Title\n\nCaf\xe9 here.\n")
    with pytest.raises(L10nError) as info:
        read_document(path)
    assert info.value.line == 3 and "UTF-8" in info.value.message


def test_empty_source_is_an_error(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("  \n\n", encoding="utf-8")
    with pytest.raises(L10nError, match="empty"):
        read_document(path)


def test_segment_command_prints_json_with_text_role_line_block():
    result = l10n("segment", str(SEED), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data[0] == {
        "text": texts(read_document(SEED, DEFAULT_CHROME))[0],
        "role": "title",
        "line": 1,
        "block": 0,
        "index": 0,
    }
    assert {"text", "role", "line", "block"} <= set(data[5])
    assert all(item["role"] != "chrome" for item in data)


def test_fragments_rejoin_until_a_sentence_ends_even_behind_closing_marks():
    text = (
        "Title\n\nIt grew with\n\n)\n\ncelebrating it\n\n.\n\nand more.\n\n"
        "It grew (see\n\nthe report.)\n\n”\n\nthen more.\n"
    )
    assert [(s.role, s.text) for s in segment_text(text, "x").segments()] == [
        ("title", "Title"),
        ("paragraph", "It grew with) celebrating it."),
        ("paragraph", "and more."),
        ("paragraph", "It grew (see the report.)"),
        ("paragraph", "” then more."),
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Wait... What?! Yes.", ["Wait...", "What?!", "Yes."]),
        ("He left.... She stayed.", ["He left....", "She stayed."]),
        ("“It is. It was.” Then. “Go.” Yes.", ["“It is. It was.”", "Then.", "“Go.”", "Yes."]),
        (
            'He said "Go. Now." We went. "Why?" Because.',
            ['He said "Go. Now."', "We went.", '"Why?"', "Because."],
        ),
        ("Gen. Mr. Dr. Tan left. Then.", ["Gen. Mr. Dr. Tan left.", "Then."]),
        # a straight quote left open runs on into the next paragraph, as a curly one does
        (
            'Then he left. He said: "We will build it. It will take years.',
            ["Then he left.", 'He said: "We will build it. It will take years.'],
        ),
        (
            '"We will," he said. "It will take years. Nobody else will.',
            ['"We will," he said.', '"It will take years. Nobody else will.'],
        ),
        # one that opens nothing (inches, a stray closing mark) keeps nothing together
        ('It was a 12" pizza. Then it was gone.', ['It was a 12" pizza.', "Then it was gone."]),
        ('It rained." Then it stopped. Again.', ['It rained."', "Then it stopped.", "Again."]),
        ("T", ["T"]),
        ('"', ['"']),
    ],
)
def test_runs_of_marks_abbreviations_and_quotes(text, expected):
    assert split_sentences(text) == expected


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x07", "\x0c"])
def test_control_characters_in_a_source_are_an_error_with_line_and_column(tmp_path, char):
    path = tmp_path / "bad.txt"
    path.write_bytes(f"Title\r\n\r\nIt is{char}here.\n".encode())
    with pytest.raises(L10nError) as info:
        read_document(path)
    assert info.value.line == 3
    assert f"U+{ord(char):04X} at column 6" in info.value.message


def test_tabs_and_line_ends_are_not_control_characters_to_refuse():
    doc = segment_text(decode(b"Title\r\n\r\nIt\tis\rhere.\n"), "x")
    assert texts(doc) == ["Title", "It is here."]


def test_segment_command_refuses_a_nul_byte_in_one_line_with_status_2(tmp_path):
    path = tmp_path / "nul.txt"
    path.write_bytes(b"Title\n\nA NUL\x00 here.\n")
    result = l10n("segment", str(path))
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0
    assert f"{path}:3: control character U+0000 at column 6" in result.output
