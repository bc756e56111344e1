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
