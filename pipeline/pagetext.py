"""The text of a saved page's article that the extractor (trafilatura) leaves out or runs
together, read from the page: text set without ``<p>`` made into paragraphs before extraction,
and after it, tables of data and the subheads and lists among the paragraphs it gathered.
Apart from ``pipeline.sources`` so that only the import of an HTML page loads them: where no
bytecode is cached, compiling a module takes memory in proportion to its source, a peak that
every command loading it would show."""

from __future__ import annotations

from pipeline.sources import (
    _BLOCK_TAGS,
    _INLINE,
    _body_paragraph,
    _headline_named,
    _insert_in_order,
    _link_led,
    _plain,
    _plain_html,
    _prefix_key,
    _region,
    _teaser_heading,
    _xml_block,
    by_prefix_key,
    key_text,
)

# Text set without ``<p>``: the elements that may hold an article's paragraphs as loose text
# (a ``<td>``, a ``<div>``, a ``<span>`` or ``<font>`` used as a block), the elements that are
# part of such a paragraph, and those inside which nothing is rewritten.
_RUN_BLOCKS = frozenset("div td th li dd section article main center form blockquote".split())
_RUN_INLINE_HOLDERS = frozenset("span font".split())
_PHRASING = _INLINE | frozenset("font img big tt strike nobr acronym ins del label".split())
_RUN_INSIDE = frozenset("p h1 h2 h3 h4 h5 h6 pre a button select textarea title head".split())
_RUN_WORDS = 10  # the fewest loose words of an element whose runs are made paragraphs


def runs_as_paragraphs(tree) -> None:
    """Text that a page sets without ``<p>``, as many pages of the 2000s do (the story's text
    in a table's cell, a ``<div>`` or a ``<span>``, paragraphs parted by two line breaks or by
    other blocks), made into paragraphs, as Readability does (``_replaceBrs``, and phrasing
    content put into paragraphs): the extractor reads paragraphs, and loose text in a cell or
    among blocks it leaves out or cuts. Each run of text and inline elements between two or
    more ``<br>`` in a row, or between blocks, becomes a ``<p>``; a single ``<br>`` stays a
    line break, but for one under an element named a headline that opens the element's
    first run (``<b class="Headline">``, the story's headline over its text,
    ``_headline_over``): that element stays out of the paragraph. Only an element with
    ``_RUN_WORDS`` loose words or more, parted so, is rewritten. A ``<span>`` or ``<font>``
    that holds such runs is read as a block, or, where it goes on a line of text of its
    block (a dateline before it, "LOS ANGELES (UPI) -- "), as a part of its block, so that
    the line and its first run are one paragraph, as shown."""

    def loose(element) -> list[str]:
        return [element.text or ""] + [c.tail or "" for c in element]

    def parted(element) -> bool:
        """Are ``element``'s loose text runs parted by a block or two line breaks?"""
        breaks = 0
        for child in element:
            if not isinstance(child.tag, str):
                continue
            if child.tag not in _PHRASING:
                return True
            breaks = breaks + 1 if child.tag == "br" else 0
            if breaks >= 2:
                return True
            if (child.tail or "").strip():
                breaks = 0
        return False

    def holds_runs(element) -> bool:
        if len(" ".join(loose(element)).split()) < _RUN_WORDS or not parted(element):
            return False
        return not any(a.tag in _RUN_INSIDE for a in element.iterancestors())

    for element in [e for e in tree.iter(*_RUN_INLINE_HOLDERS) if holds_runs(e)]:
        before = element.getprevious()
        line = (before.tail if before is not None else element.getparent().text) or ""
        if line.strip() and element.getparent().tag in _RUN_BLOCKS:
            element.drop_tag()  # (its first run goes on a line of its block's)
        else:
            element.tag = "div"
    for holder in [e for e in tree.iter(*_RUN_BLOCKS) if holds_runs(e)]:
        _make_paragraphs(holder)


def _make_paragraphs(holder) -> None:
    """``_runs_as_paragraphs`` for one element: its content rebuilt, each run of loose text and
    inline elements in a ``<p>`` of its own, the ``<br>`` elements that part them left out."""
    from lxml import etree

    items: list = [holder.text]  # text, then each child and its tail, in order
    holder.text = None
    for child in list(holder):
        tail, child.tail = child.tail, None
        holder.remove(child)
        items += [child, tail]
    parting: set[int] = set()  # the positions of line breaks two or more in a row
    row: list[int] = []
    for at, item in enumerate(items + ["end"]):
        if isinstance(item, str) and not item.strip() or item is None:
            continue
        if not isinstance(item, str) and item.tag == "br":
            row.append(at)
            continue
        if not isinstance(item, str) and not isinstance(item.tag, str):
            continue  # (a comment)
        if len(row) >= 2:
            parting.update(row)
        row = []
    run = None  # the paragraph being filled
    begun = False  # whether a run has been begun (a headline opens the holder, before any)

    def place(text: str) -> None:
        target = run if run is not None else holder
        if len(target):
            target[-1].tail = (target[-1].tail or "") + text
        else:
            target.text = (target.text or "") + text

    for at, item in enumerate(items):
        if item is None or isinstance(item, str):
            if item and run is None and item.strip():
                run, begun = etree.SubElement(holder, "p"), True
            if item:
                place(item)
        elif at in parting:
            run = None  # (the line breaks that part two paragraphs are left out)
        elif isinstance(item.tag, str) and item.tag not in _PHRASING:
            run = None
            holder.append(item)
        elif run is None and not begun and _headline_over(items, at):
            holder.append(item)  # (the story's headline over its first run: not of its text)
        else:
            if run is None and isinstance(item.tag, str) and "".join(item.itertext()).strip():
                run, begun = etree.SubElement(holder, "p"), True
            (run if run is not None else holder).append(item)


def _headline_over(items: list, at: int) -> bool:
    """Is ``items[at]`` (of ``_make_paragraphs``) an element named a headline (``<b
    class="Headline">``) with a line break after it before any text: the story's headline
    over its text, not a title named inside a sentence (``<i class="title">Moby Dick</i> is
    …``)?"""
    item = items[at]
    if isinstance(item, str) or item is None or not isinstance(item.tag, str):
        return False
    if not _headline_named(item):
        return False
    for after in items[at + 1 :]:
        if after is None or isinstance(after, str):
            if after and after.strip():
                return False
        elif isinstance(after.tag, str):
            if after.tag == "br":
                return True
            if "".join(after.itertext()).strip():
                return False  # (an element with no text, a printer's icon, is passed over)
    return False


_GAP_BLOCKS = frozenset("ul ol h2 h3 h4 h5 h6".split())
_LABEL_WORDS = 5  # the most words of a line that names the list below it ("Story highlights")


def add_labelled_lists(tree, main) -> None:
    """The list that a short line the extractor kept names, and that it left out: a line of
    ``main`` of ``_LABEL_WORDS`` words or fewer that ends no sentence ("STORY HIGHLIGHTS",
    "Key points:"), not followed in ``main`` by a list, whose element in the page (the first
    that holds that text as its own, alone in up to two elements around it) is followed right
    away by a list (``<ul>``, ``<ol>``) of two items or more. It is added after the line, where
    the extractor left the line alone above the story's text. A list with an item led by a
    link is another story's, not added. One pass over the page, however many lines."""
    wanted = {}
    for at, line in enumerate(main):
        text = _plain(line)
        if line.tag not in ("p", "head") or not text or len(text.split()) > _LABEL_WORDS:
            continue
        if text[-1] in ".!?;,…" or (at + 1 < len(main) and main[at + 1].tag == "list"):
            continue
        wanted.setdefault(key_text(text), line)
    if not wanted or next(tree.iter("ul", "ol"), None) is None:
        return
    holders = {}  # each wanted text → the first page element that holds it as its own text
    for element in tree.iter():
        if isinstance(element.tag, str) and element.text and element.tag not in _NOT_TEXT:
            text = key_text(element.text)
            if text in wanted and text not in holders:
                holders[text] = element
    keys = {_prefix_key(e) for e in main}
    for text, holder in holders.items():
        found = _list_after(holder, text)
        if found is None or _prefix_key(found) in keys:
            continue
        block = _xml_block(found)
        items = list(block.iter("item"))
        if len(items) < 2 or any(_link_led(item) for item in items):
            continue
        keys.add(_prefix_key(found))
        wanted[text].addnext(block)  # (after the line: no search of ``main``)


_NOT_TEXT = frozenset("title script style noscript option".split())


def _list_after(holder, text: str):
    """The list right after ``holder`` (an element whose own text is ``text``), or after one
    of the two elements around it that hold that text alone; None where another element, or
    text, comes first."""
    here = holder
    for _ in range(3):
        if key_text(here.text_content()) != text or (here.tail or "").strip():
            return None
        after = here.getnext()
        while after is not None and not isinstance(after.tag, str):
            after = after.getnext()  # (a comment)
        if after is not None:
            return after if after.tag in ("ul", "ol") else None
        here = here.getparent()
        if here is None:
            return None
    return None


def add_gaps(tree, main) -> None:
    """The lists and subheads among the article's paragraphs that the extractor left out
    (where its own rules find no container, it gathers the page's paragraphs and nothing
    else), added to ``main`` where they are in the page: a list or subhead that sits between
    two of the extracted paragraphs in their element (their sibling), or a list right after
    the last of them where that one ends with a colon ("Key Features:"). A subhead that links
    to another page, or a list with an item led by a link, is another story's, not added."""
    beside = (e.getparent() for e in tree.iter(*_GAP_BLOCKS) if e.getparent() is not None)
    if not any(len(parent.findall("p")) >= 2 for parent in beside):
        return  # (no list or subhead beside paragraphs: nothing to look for)
    page = by_prefix_key(tree.iter(*_BLOCK_TAGS))
    keys = {_prefix_key(e) for e in main}
    found = [page[k][0] for e in main if e.tag == "p" and (k := _prefix_key(e)) in page]
    parents: dict = {}
    for element in found:
        if element.tag == "p" and element.getparent() is not None:
            parents.setdefault(element.getparent(), set()).add(element)
    order = {e: at for at, e in enumerate(tree.iter())}
    added = []
    for parent, kept in parents.items():
        if len(kept) < 2:
            continue
        children = [c for c in parent if isinstance(c.tag, str)]
        at = [i for i, c in enumerate(children) if c in kept]
        gap = children[at[0] + 1 : at[-1]]
        last = children[at[-1]]
        if at[-1] + 1 < len(children) and _plain_html(last).strip().endswith(":"):
            gap.append(children[at[-1] + 1])
        for element in gap:
            if element.tag not in _GAP_BLOCKS or _prefix_key(element) in keys:
                continue
            block = _xml_block(element)
            items = list(block.iter("item"))
            if _teaser_heading(block) or (block.tag == "list" and not items):
                continue
            if any(_link_led(item) for item in items):
                continue  # (links to other stories)
            keys.add(_prefix_key(element))
            added.append((order[element], block))
    _insert_in_order(main, page, order, added)


def add_tables(tree, main) -> None:
    """The tables of data among the article's paragraphs (a player's statistics, a list of
    fees, a stock table), which the extractor leaves out with every table (its tables are
    mostly a page's layout), added to ``main`` where they are in the page: each row a
    paragraph, its cells parted by " | ". A table of data is one as Readability tells
    (``data_table``) that sits after the extracted text's first paragraph of the article's
    shape and before its last, in the region of the extracted text (``_region``)."""
    tables = [t for t in tree.iter("table") if data_table(t)]
    tables = [t for t in tables if not any(a in tables for a in t.iterancestors("table"))]
    if not tables:
        return
    page = by_prefix_key(tree.iter(*_BLOCK_TAGS))
    order = {e: at for at, e in enumerate(tree.iter())}
    kept = [page[k][0] for e in main if (k := _prefix_key(e)) in page]
    body = [order[page[k][0]] for e in main if _body_paragraph(e) and (k := _prefix_key(e)) in page]
    region = _region(kept)
    if len(body) < 2 or region is None:
        return
    keys = {_prefix_key(e) for e in main}
    added = []
    for table in tables:
        inside = any(a is region for a in table.iterancestors())
        if not inside or not min(body) < order[table] < max(body) or _links_or_form(table):
            continue
        for row in _table_rows(table):
            paragraph = _xml_row(row)
            if paragraph is not None and _prefix_key(paragraph) not in keys:
                added.append((order[row], paragraph))
    _insert_in_order(main, page, order, added)


def _links_or_form(table) -> bool:
    """Is ``table`` mostly links (half its letters or more: other stories' headlines, a
    schedule of links), or a form's?"""
    if any(True for _ in table.iter("input", "select", "textarea", "form")):
        return True
    linked = sum(len(key_text(_plain_html(a))) for a in table.iter("a") if a.get("href"))
    return 2 * linked >= len(key_text(_plain_html(table)))


def _table_rows(table) -> list:
    """The rows of ``table``, not of a table inside it."""
    rows = []
    for child in table:
        if child.tag in ("thead", "tbody", "tfoot"):
            rows += [row for row in child if row.tag == "tr"]
        elif child.tag == "tr":
            rows.append(child)
    return rows


def _xml_row(row):
    """A table's row as a paragraph of the extractor's XML (``rend="row"``), its cells parted
    by " | " (None where it has no text)."""
    from lxml import etree

    cells = [_xml_block(c) for c in row if c.tag in ("td", "th")]
    cells = [c for c in cells if "".join(c.itertext()).strip()]
    if not cells:
        return None
    out = etree.Element("p", rend="row")
    for number, cell in enumerate(cells):
        if number:
            if len(out):
                out[-1].tail = (out[-1].tail or "") + " | "
            else:
                out.text = (out.text or "") + " | "
        if len(out):
            out[-1].tail = (out[-1].tail or "") + (cell.text or "")
        else:
            out.text = (out.text or "") + (cell.text or "")
        out.extend(list(cell))
    return out


_DATA_TABLE_PARTS = ("col", "colgroup", "tfoot", "thead", "th")


def data_table(table) -> bool:
    """Is ``table`` a table of data, not of a page's layout? As Readability tells
    (``_isDataTable``): one with a summary, a caption, header cells, column groups, a header
    or a footer is; one marked ``role="presentation"``, one with a table inside it, and one
    of one row or one column is not; of the others, one of ten rows or more, more than four
    columns or more than ten cells is."""
    if table.get("role") == "presentation" or table.get("datatable") == "0":
        return False
    if table.get("summary"):
        return True
    caption = table.find(".//caption")
    if caption is not None and "".join(caption.itertext()).strip():
        return True
    if any(True for _ in table.iterdescendants(*_DATA_TABLE_PARTS)):
        return True
    if any(True for _ in table.iterdescendants("table")):
        return False
    rows = _table_rows(table)
    columns = max((sum(_span(c) for c in r if c.tag in ("td", "th")) for r in rows), default=0)
    if len(rows) <= 1 or columns <= 1:
        return False
    return len(rows) >= 10 or columns > 4 or len(rows) * columns > 10


def _span(cell) -> int:
    """The columns a table's cell spans."""
    span = (cell.get("colspan") or "1").strip()
    return int(span) if span.isdigit() and 0 < int(span) < 1000 else 1
