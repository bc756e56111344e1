"""The article of a page is trafilatura's own extraction of it, whether or not its readability
fallback runs: the fallback runs only where trafilatura's rule could choose its text."""

from __future__ import annotations

import pytest
from lxml import etree

from pipeline import sources

PARAGRAPH = (
    "The council said on Tuesday that the new rules on harbour fees would take effect next "
    "year, after a review of the costs to ships."
)
PARAGRAPHS = "".join(f"<p>{n} {PARAGRAPH}</p>" for n in range(12))
HEAD = "<html><head><title>Harbour fees</title></head><body><nav><a href='/'>Home</a></nav>"
# the article is most of the page's text: readability's text could not be chosen
ARTICLE_PAGE = f"{HEAD}<article><h1>Harbour fees</h1>{PARAGRAPHS}</article></body></html>"
# the article in a layout table, which trafilatura's own extractor leaves out (no tables):
# readability's text is chosen
TABLE_PAGE = (
    f"{HEAD}<p>A short line above the table, which is all the extractor finds.</p>"
    f"<table><tr><td>{PARAGRAPHS}</td></tr></table></body></html>"
)


def trafilaturas_main(page: str) -> bytes:
    """``main`` of ``trafilatura.extract``'s XML of ``page``, with the options of an import."""
    import trafilatura

    xml = trafilatura.extract(
        page,
        output_format="xml",
        include_links=True,
        include_formatting=True,
        include_images=True,
        include_comments=False,
        include_tables=False,
    )
    return etree.tostring(etree.fromstring(xml.encode("utf-8")).find("main"))


@pytest.mark.parametrize(
    ("page", "fallback_reads_the_page"), [(ARTICLE_PAGE, False), (TABLE_PAGE, True)]
)
def test_the_article_is_trafilaturas_and_its_fallback_runs_only_where_it_could_be_chosen(
    monkeypatch, page, fallback_reads_the_page
):
    import trafilatura.core as core
    import trafilatura.external as external

    read = []
    readability = external.try_readability
    monkeypatch.setattr(
        external,
        "try_readability",
        lambda tree: read.append(tree.text_content()) or readability(tree),
    )
    found = etree.tostring(sources._extracted(page))
    assert len(read) == 1 and bool(read[0].strip()) is fallback_reads_the_page
    # trafilatura as it is, its fallback run on every page
    monkeypatch.setattr(core, "compare_extraction", core.compare_extraction.__wrapped__)
    read.clear()
    assert found == trafilaturas_main(page)
    assert len(read) == 1 and read[0].strip()
    assert PARAGRAPH in found.decode("utf-8")  # (in the table: readability's text, chosen)


def test_key_text_is_found_in_an_elements_text_across_its_pieces():
    """``_key_text_in`` reads an article's text a piece at a time: it says what looking in all
    of its text joined would say, wherever the words fall between pieces."""
    import random

    rng = random.Random(7)
    words = ["Ab", "c-D", "é", "x", "  ", "Ünï", "42", "_", "q.", "Straße"]
    for _ in range(300):
        parts = [rng.choice(words) for _ in range(rng.randint(1, 8))]
        markup = "".join(f"<em>{p}</em>" if rng.random() < 0.4 else p for p in parts)
        element = etree.fromstring(f"<p>{markup}</p>")
        whole = sources.key_text("".join(element.itertext()))
        for wanted in {whole, whole[1:], whole[:-1], whole[2:5], "ab", "zz", whole + "a", ""}:
            assert sources._key_text_in(wanted, element) is (wanted in whole)
    assert sources.key_text("Straße, É_x 4²") == "strasseéx4²"


def test_an_articles_markdown_is_refused_one_byte_over_the_limit_and_kept_at_it(monkeypatch):
    """The Markdown's size in UTF-8 is counted from its lines, before they are joined."""
    front, lines = '---\ndescription: "Ça va"\n---\n\n', ["# Tïtle", "", "A line.", "“Quoted.”"]
    joined = front + "# Tïtle\n\nA line.\n\n“Quoted.”\n"
    monkeypatch.setattr(sources, "MAX_TEXT_BYTES", len(joined.encode("utf-8")))
    assert sources._joined_markdown(front, list(lines)) == joined
    monkeypatch.setattr(sources, "MAX_TEXT_BYTES", len(joined.encode("utf-8")) - 1)
    assert sources._joined_markdown(front, list(lines)) is None


def long_page(paragraphs: int, tag: str = "p") -> str:
    """A page whose article is a long run of distinct paragraphs (``tag``), a few linked or
    emphasised, a figure two thirds of the way, beside a site's navigation and footer."""
    body = "".join(
        f"<{tag}>({n}) {PARAGRAPH} The {'<em>second</em>' if n % 7 == 0 else 'second'} "
        f"review, number {n}, is due in {n % 12 + 1} months"
        f"{f' (<a href=/n/{n}>story</a>)' if n % 10 == 0 else ''}.</{tag}>\n"
        for n in range(paragraphs)
    )
    figure = (
        '<figure><img src="/photos/port.jpg" alt=""><figcaption>The port at dawn. '
        '<span class="credit">PHOTO: THE DAILY</span></figcaption></figure>\n'
    )
    at = body.index(f"<{tag}>({paragraphs * 2 // 3})")
    body = body[:at] + figure + body[at:]
    return (
        '<html><head><title>Harbour fees | The Daily</title><link rel="canonical" '
        'href="https://news.example.com/harbour"></head><body><nav><a href="/">Home</a> '
        '<a href="/world">World</a></nav><article><h1>Harbour fees</h1>'
        f"{body}</article><footer><p>Copyright The Daily.</p></footer></body></html>"
    )


def runs(monkeypatch) -> list[int]:
    """How many times trafilatura runs, a list the import adds to."""
    count: list[int] = []
    extracted = sources._extracted
    monkeypatch.setattr(sources, "_extracted", lambda page: count.append(1) or extracted(page))
    return count


def test_a_page_of_more_text_than_any_article_is_given_to_trafilatura_in_parts(monkeypatch):
    """Over 256 KB of text, a run of paragraphs (the element that holds nearly all of the
    page's text) is given to trafilatura a part at a time; the article comes out as the whole
    page gives it, and the page's tree (read again for figures, widgets, the headline) is as it
    was."""
    page = long_page(1600)
    assert sources._PARTED_ABOVE < len(page) < 2 * sources._PARTED_ABOVE
    count = runs(monkeypatch)
    parted = sources.html_to_markdown(page)
    assert len(count) == 5  # (300 KB of text, in parts of about 64 KB)
    monkeypatch.setattr(sources, "_PARTED_ABOVE", sources.MAX_TEXT_BYTES)
    count.clear()
    assert sources.html_to_markdown(page) == parted and len(count) == 1
    assert (
        parted[0].count("(1599) ") == 1 and "[story](https://news.example.com/n/1590)" in parted[0]
    )
    figure = '![The port at dawn.](https://news.example.com/photos/port.jpg "PHOTO: THE DAILY")'
    assert f"{figure}\n\n(1066) " in parted[0]


def test_a_long_page_whose_text_is_not_a_run_of_paragraphs_is_given_whole(monkeypatch):
    """Parts are made only of an element whose children are paragraphs (headings, lists,
    quotes) holding nearly all of the page's text: here its text is in ``section`` elements."""
    count = runs(monkeypatch)
    sources.html_to_markdown(long_page(1600, tag="section"))
    assert len(count) == 1


def test_a_long_page_is_given_whole_where_trafilatura_leaves_out_a_parts_text(monkeypatch):
    """Where trafilatura leaves out much of a part's run of paragraphs (here a run of them
    named as related stories), its choices on the part are not its choices on the page: the
    page is given whole after all, and the article is the whole page's."""
    page = long_page(1600)
    related = "".join(
        f'<p class="related-stories">Another story, number {n}, of the day in the port and '
        "harbour area, told at length with more words.</p>\n"
        for n in range(900)
    )
    at = page.index("<p>(900)")
    page = page[:at] + related + page[at:]
    given: list[int] = []
    extracted = sources._extracted
    monkeypatch.setattr(
        sources, "_extracted", lambda part: given.append(len(part)) or extracted(part)
    )
    found = sources.html_to_markdown(page)
    assert len(given) > 1 and given[-1] > 0.9 * len(page) > max(given[:-1])
    monkeypatch.setattr(sources, "_PARTED_ABOVE", sources.MAX_TEXT_BYTES)
    assert sources.html_to_markdown(page) == found
