"""Sources with markup: Markdown (CommonMark, read with markdown-it-py) and saved HTML pages
(the article found by trafilatura, then read as Markdown).

A Markdown source maps onto the roles of a plain-text one: its first level-1 heading (or the
title in its front matter, ``pipeline.frontmatter``) is the title, a front matter's
description its standfirst, other headings are subheads of their own level (or labels, where
a label pattern matches them), paragraphs and block quotes are paragraphs, list items are
list items, and a paragraph that is only an image is a figure: the image's alternative text is
its caption and its title (``![caption](photo.jpg "ST PHOTO: NAME")``), or a paragraph after it
that reads as a credit, its credit. Links, emphasis, strong, inline code, line breaks and inline
images become numbered tags in the sentences (``pipeline.segment.marked_block``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from itertools import count, islice
from pathlib import Path

from pipeline.commonmark import Mark, code_span, joined
from pipeline.errors import L10nError
from pipeline.frontmatter import front_matter, split_front_matter
from pipeline.segment import (
    CREDIT,
    MAX_TEXT_BYTES,
    Block,
    Document,
    Inline,
    Tag,
    _labels_above_lists,
    decode,
    marked_block,
    read_source,
    segment_text,
)

_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_COMMENT = re.compile(r"\s*<!--.*?-->\s*", re.DOTALL)


def markdown_document(
    text: str,
    name: str,
    path: str | Path = "<input>",
    chrome_patterns: tuple[str, ...] = (),
    label_patterns: tuple[str, ...] = (),
) -> Document:
    """A Markdown source as a Document; one without a level-1 heading is an error.

    One pass over markdown-it's token stream, a branch per kind of token: kept in one
    function so that the containers open at each token (lists, quotes, headings) are read in
    one place."""
    fields, tokens, parse_inline = _markdown_blocks(text, path)
    chrome = [re.compile(p) for p in chrome_patterns]
    labels = [re.compile(p) for p in label_patterns]
    front = _front_blocks(fields)
    blocks: list[Block] = [b for b in front if b.role == "title"]
    titled = bool(blocks)
    context: list[str] = []  # the open containers: "list", "quote"
    lists: list[list[int]] = []  # the open lists, each [its next number] (0: a bullet list)
    number = 0  # of the list item open (its first block takes it)
    heading = ""
    for at, token in enumerate(tokens):
        tokens[at] = None  # (each token let go once read: the blocks are made beside them)
        kind = token.type
        line = token.map[0] + 1 if token.map else 1
        if kind in ("bullet_list_open", "ordered_list_open"):
            context.append("list")
            ordered = kind == "ordered_list_open"
            lists.append([int(token.attrGet("start") or 1) if ordered else 0])
        elif kind in ("bullet_list_close", "ordered_list_close", "blockquote_close"):
            context.pop()
            if kind != "blockquote_close":
                lists.pop()
        elif kind == "list_item_open":
            number = lists[-1][0]
            lists[-1][0] += bool(number)
        elif kind == "blockquote_open":
            context.append("quote")
        elif kind == "heading_open":
            heading = token.tag
        elif kind == "heading_close":
            heading = ""
        elif kind in ("fence", "code_block"):
            raise L10nError("a code block is not article text (not supported)", path, line)
        elif kind == "html_block":
            if _COMMENT.fullmatch(token.content):
                continue
            raise L10nError("a raw HTML block is not supported in a Markdown source", path, line)
        elif kind == "inline":
            parse_inline(token)
            if heading:
                block = _heading(heading, titled, line, _inline(token.children or []), labels)
                titled = titled or (block is not None and block.role == "title")
                blocks += [block] if block else []
                continue
            figure = _figure(token.children or [], line)
            if figure:
                blocks += figure
                continue
            inline = _inline(token.children or [])
            plain = inline.plain
            if "list" in context:
                role = "list-item"
            elif any(p.fullmatch(plain) for p in labels):
                role = "label"
            elif any(p.fullmatch(plain) for p in chrome):
                role = "chrome"
            elif CREDIT.match(plain):
                role = "credit"
            else:
                role = "paragraph"
            block = marked_block(role, line, inline, role not in ("chrome", "credit", "label"))
            if block is not None and role == "list-item":
                block = replace(block, level=len(lists), number=number)
                number = 0  # (a second paragraph of the item is not numbered again)
            blocks += [block] if block else []
        del token
    if not titled:
        raise L10nError(
            "no title: a Markdown source needs a level-1 heading (# Title) or a title in its "
            "front matter",
            path,
        )
    at = next(i for i, b in enumerate(blocks) if b.role == "title") + 1
    blocks[at:at] = [b for b in front if b.role == "standfirst"]  # right below the title
    meta = tuple((f, " ".join(fields[f][0].split())) for f in META_FIELDS if f in fields)
    return Document(name, tuple(_labels_above_lists(blocks)), meta)


def _markdown_blocks(text: str, path: str | Path):
    """The front matter's fields, markdown-it's CommonMark tokens of the rest of ``text``, and
    what parses an ``inline`` token's children. The tokens are what ``MarkdownIt.parse`` gives
    of the text with its front matter's lines left blank (``split_front_matter``), once each
    inline token is passed to the function (markdown-it's core rules after the block rule,
    ``inline`` and ``text_join``, are applied to it then). Each block's inline content is
    parsed when it is reached, then let go, so that the inline tokens of the whole text
    (several times its size) are never all held; the blocks are read from the line after
    the front matter, where markdown-it's first core rule (``normalize``: line ends and NUL
    characters) would change nothing, so the text is not copied either."""
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock
    from markdown_it.rules_core import StateCore, text_join

    md = MarkdownIt("commonmark")
    if md.core.ruler.get_active_rules() != ["normalize", "block", "inline", "text_join"]:
        fields, text = split_front_matter(text, path)  # (another markdown-it: all at once)
        return fields, md.parse(text), lambda token: None
    env: dict = {}
    if "\r" in text or "\0" in text:
        fields, text = split_front_matter(text, path)
        md.disable("inline")
        state = StateCore(text, md, env)
        del text
        md.core.process(state)
        tokens = state.tokens
    else:
        fields, first = front_matter(text, path)
        tokens = []
        if text:  # (as ``md.block.parse``, from the body's first line)
            state = StateBlock(text, md, env, tokens)
            md.block.tokenize(state, first, state.lineMax)

    def inline(token) -> None:
        token.children = []
        md.inline.parse(token.content, md, env, token.children)
        text_join(StateCore("", md, env, [token]))

    return fields, tokens, inline


STANDFIRST_FIELDS = ("subtitle", "description", "summary")
META_FIELDS = ("author", "date", "url")


def _front_blocks(fields: dict[str, tuple[str, int]]) -> list[Block]:
    """The title and standfirst a post's front matter gives (``title``; ``subtitle``,
    ``description`` or ``summary``)."""
    blocks = []
    wanted = [("title", "title")]
    wanted += [("standfirst", next((f for f in STANDFIRST_FIELDS if f in fields), ""))]
    for role, field in wanted:
        if field not in fields:
            continue
        value, line = fields[field]
        inline = Inline()
        inline.text(value)
        block = marked_block(role, line, inline)
        blocks += [block] if block else []
    return blocks


def _heading(tag: str, titled: bool, line: int, inline: Inline, labels) -> Block | None:
    """A heading: the first level-1 heading is the title, one that matches a label pattern is
    a label, any other a subhead of its own level (a later level-1 heading is level 2)."""
    if tag == "h1" and not titled:
        return marked_block("title", line, inline)
    role = "label" if any(p.fullmatch(inline.plain) for p in labels) else "subhead"
    block = marked_block(role, line, inline, False)
    if block is None or role == "label":
        return block
    return replace(block, level=max(2, int(tag[1:])))


_EMPHASIS_HTML = re.compile(r"<(/?)(em|strong)>")


def _inline(children) -> Inline:
    """Inline tokens as text and tags: links, emphasis (CommonMark's, or ``<em>`` and
    ``<strong>`` written where ``*`` would not parse), code, breaks and images."""
    inline = Inline()
    opened: list[int] = []
    html: list[tuple[int, str, int]] = []  # (tag id, kind, depth of ``opened``) of <em>, <strong>
    for child in children:
        emphasis = _EMPHASIS_HTML.fullmatch(child.content) if child.type == "html_inline" else None
        if emphasis:
            _html_emphasis(inline, opened, html, emphasis)
            continue
        kind = child.type
        if kind == "text":
            inline.text(child.content)
        elif kind == "softbreak":
            inline.text(" ")
        elif kind == "hardbreak":
            inline.single(Tag("br"))
            inline.text(" ")
        elif kind == "code_inline":
            tag = inline.open(Tag("code"))
            inline.text(child.content)
            inline.close(tag)
        elif kind in ("em_open", "strong_open"):
            opened.append(inline.open(Tag(kind[:-5])))
        elif kind == "link_open":
            href = child.attrs.get("href", "")
            opened.append(inline.open(Tag("a", str(href), str(child.attrs.get("rel", "") or ""))))
        elif kind in ("em_close", "strong_close", "link_close"):
            inline.close(opened.pop())
        elif kind == "image":
            inline.single(Tag("img", str(child.attrs.get("src", "")), alt=child.content))
        elif kind == "html_inline" and _BREAK.fullmatch(child.content.strip()):
            inline.single(Tag("br"))
            inline.text(" ")
        # Other raw inline HTML (<span>, <a …>) is left out; the words around it are kept.
    for tag_id in reversed(opened):  # what a source left open closes at the block's end
        inline.close(tag_id)
    return inline


def _html_emphasis(inline: Inline, opened: list[int], html: list, match: re.Match) -> None:
    """An ``<em>`` or ``<strong>`` (or its end tag) in Markdown: opened as a tag, closed where
    it was the last tag opened; an end tag that closes nothing open is left out."""
    kind = match.group(2)
    if not match.group(1):
        opened.append(inline.open(Tag(kind)))
        html.append((opened[-1], kind, len(opened)))
    elif html and html[-1][1] == kind and html[-1][2] == len(opened):
        inline.close(opened.pop())
        html.pop()


def _alt_text(image) -> str:
    """An image's alternative text as it reads: its escapes and entities resolved
    ("Jane Tan \\| Getty Images": "Jane Tan | Getty Images"), which the token's raw
    ``content`` keeps."""
    if not image.children:
        return image.content
    parts = [" " if c.type in ("softbreak", "hardbreak") else c.content for c in image.children]
    return "".join(parts)


def _figure(children, line: int) -> list[Block] | None:
    """A paragraph that is only images: each image's caption (alt text) and credit (title)."""
    images = [c for c in children if c.type == "image"]
    rest = [c for c in children if c.type not in ("image", "softbreak", "hardbreak")]
    if not images or any(c.type != "text" or c.content.strip() for c in rest):
        return None
    blocks: list[Block] = []
    for image in images:
        caption = Inline()
        caption.text(_alt_text(image))
        credit = Inline()
        credit.text(str(image.attrs.get("title", "") or ""))
        own = [
            block
            for block in (
                marked_block("caption", line, caption),
                marked_block("credit", line, credit, False),
            )
            if block
        ]
        if own:
            own[0] = replace(own[0], image=str(image.attrs.get("src", "") or ""))
        blocks += own
    return blocks


# ---- saved HTML pages -------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>&#~|!])")
_MD_START = re.compile(r"^([-+=>]|\d+(?=[.)]))")
# An XML declaration before the page: the text is UTF-8 already, and lxml refuses a string
# that declares an encoding. It ends at its first ">", closed as it should be ("?>") or not (a
# page saved with its head garbled: `<?xml version="1.0" encoding="ilashack, …" />`).
_XML_PROLOG = re.compile(r"^\s*<\?xml\b[^>]*>")
_MAX_DEPTH = 255  # libxml2's limit for elements inside elements (without XML_PARSE_HUGE)
# trafilatura's XPath queries take time quadratic in the number of elements (20,000: about 3 s
# on one core); real article pages have 1,000 to 3,000.
MAX_PAGE_ELEMENTS = 20_000


def html_to_markdown(
    page: str | None, path: str | Path = "<input>", url: str = ""
) -> tuple[str, dict[str, str]]:
    """The article of a saved HTML page as Markdown (title, standfirst, key points, figures
    with caption and credit, body; links and emphasis kept), and the ``rel`` of each link
    target that has one. The article is found by trafilatura; a page without one is an error.
    ``url`` is where the page came from (``l10n import --url``), for its relative links.
    ``page`` None: the page is read from ``path`` here, and its text let go once parsed.
    The memory its trees took is handed back to the system once they are let go
    (``release_memory``): what is read next, the Markdown, is made of objects of other sizes."""
    try:
        return _html_to_markdown(page, path, url)
    finally:
        release_memory()


def release_memory() -> None:
    """Hand the memory that this process has freed back to the system (glibc's
    ``malloc_trim``: the pages of freed memory among the ones in use; nothing elsewhere)."""
    global _malloc_trim
    if _malloc_trim is None:
        import ctypes
        import ctypes.util

        try:
            _malloc_trim = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
        except (OSError, AttributeError):
            _malloc_trim = False
    if _malloc_trim:
        _malloc_trim(0)


_malloc_trim = None


def _html_to_markdown(page: str | None, path: str | Path, url: str) -> tuple[str, dict[str, str]]:
    """``html_to_markdown``. (Longer than most: trafilatura's output and the page's own
    figures are read side by side, and splitting them would pass both trees around.)"""
    from lxml import html

    from pipeline import pagetext

    if page is None:
        page = decode(read_source(path, saved_page=True), path)
    tree = _parse_page(_XML_PROLOG.sub("", page, count=1), path)
    page = None  # (let go here where it was read here; a caller's stays the caller's)
    text_bytes = _text_bytes(tree)
    if text_bytes > MAX_TEXT_BYTES:  # before the extractor's copies of the page
        raise L10nError(_TOO_LONG.format(what="its text", kind="an article"), path)
    _prepare(tree, url)
    if text_bytes > _PARTED_ABOVE:
        main = _extracted_in_parts(tree)
    else:
        main = _extracted(html.tostring(tree, encoding="unicode"))
    _unwrap_divs(main)
    if text_bytes <= _PARTED_ABOVE and _lost_in_a_layout_table(main):
        tree, main = _layout_tables_read(tree, main)
    if main is None or not [e for e in main if e.tag in ("p", "list", "quote")]:
        raise L10nError("no article found in the page (no main text)", path)
    _add_chunks(tree, main)
    _restore_subheads(tree, main)
    _add_embedded_posts(tree, main)
    pagetext.add_tables(tree, main)
    pagetext.add_gaps(tree, main)
    pagetext.add_labelled_lists(tree, main)
    _lift_dek(tree, main)
    placed = _image_captions(tree)  # (captions by their place below a picture)
    captions = _caption_keys(tree, placed)  # (before the figures are read: that takes
    figures = _article_figures(tree, main, placed)  # credits out)
    widgets = _widget_keys(tree, main)
    rels = {
        str(a.get("href")): " ".join(str(a.get("rel")).split())
        for a in tree.iter("a")
        if a.get("href") and a.get("rel")
    }
    title = _headline(tree, main, url)
    if not title:
        raise L10nError("no title found in the page", path)
    headline, dek = _page_dek(tree, main, title)
    if headline and key_text(title) not in key_text(headline):  # (an <h1>: a kicker, the title)
        title = headline
    if dek is not None:  # the extractor's copy of it, if it took one, is not article text
        wanted = key_text(_plain(dek))
        for element in [
            e for e in main if e.tag in ("p", "head") and key_text(_plain(e)) == wanted
        ]:
            main.remove(element)
    lines: list[str] = ["# " + _MD_SPECIAL.sub(r"\\\1", title)]
    shown = {key_text(f[1]) for placed in figures.values() for f in placed}
    elsewhere = _not_the_article(main, kickers(tree, title)) | _comments(main)
    elsewhere |= _author_notes(main, elsewhere)
    elsewhere |= _closing_run(main, elsewhere)
    elsewhere |= _caption_repeats(main, figures)
    elsewhere |= _outside_the_article(tree, main)
    fields = _page_fields(tree, main, url, title)
    if dek is not None:
        fields = {
            "description": _plain(dek),
            **{k: v for k, v in fields.items() if k != "description"},
        }
    credits = [_plain(main[at]) for at in sorted(elsewhere) if CREDITS.match(_plain(main[at]))]
    if credits:
        fields["credits"] = " ".join(credits)
    front = _front_matter(fields)
    shaped = [at for at, e in enumerate(main) if e.tag == "p" and _body_paragraph(e)] or [0]
    for at, element in enumerate(main):
        tag = element.tag
        lines += [_md_figure(*figure) for figure in figures.pop(element, [])]
        if key_text(_plain(element)) in shown:
            continue  # a figure's caption, placed with its figure
        if tag == "p" and _title_repeat(_plain(element), title):
            continue  # the headline, read from the page as a paragraph
        if at in elsewhere or (tag in ("p", "head") and BOILERPLATE.search(_plain(element))):
            continue
        among = shaped[0] < at < shaped[-1]  # (among the story's paragraphs)
        if tag == "p" and _navigation_bar(element, among) and _prefix_key(element) not in captions:
            continue  # (a picture's credit may be set as a bar: "Jane Tan | Bloomberg | Getty")
        if tag in ("p", "list") and _advertisement(element):
            continue
        if _prefix_key(element) in widgets:
            continue
        if tag == "head":
            text = _md_inline_xml(element)
            if text and _plain(element) != title:
                lines.append("#" * _head_level(element) + " " + text)
        elif tag == "p" and _prefix_key(element) in captions:
            lines.append(_md_figure("", _plain(element), ""))  # a caption, not a paragraph
        elif tag == "p" and _bold_subhead(main, at):
            lines.append("## " + _MD_SPECIAL.sub(r"\\\1", _plain(element)))
        elif tag == "p":
            text = _md_inline_xml(element)
            if text:
                lines.append(_md_start(text))
        elif tag == "list" and all(_prefix_key(i) in captions for i in element.iter("item")):
            lines += [_md_figure("", _plain(item), "") for item in element.iter("item")]
        elif tag == "list":

            def kept(item) -> bool:
                return not BOILERPLATE.search(_plain(item)) and _prefix_key(item) not in widgets

            lines.append("\n".join(_md_list(element, kept)))
        elif tag == "quote":
            text = _md_inline_xml(element)
            if text:
                lines.append("> " + _md_start(text))
    lines += [_md_figure(*figure) for figure in figures.pop(None, [])]
    del tree, main, element  # (the page's trees let go before its Markdown is joined)
    release_memory()
    markdown = _joined_markdown(front, lines)
    if markdown is None:
        raise L10nError(_TOO_LONG.format(what="its article", kind="a Markdown source"), path)
    return markdown, rels


_BOLD_SUBHEAD_WORDS = 12  # the most words of a subhead set as a paragraph in bold


def _bold_subhead(main, at: int) -> bool:
    """Is the paragraph at ``at`` a subhead set as a paragraph all in bold ("<p><strong>Water
    woes</strong></p>"): a short line that ends no sentence, between paragraphs of the
    article (one before it, and one or a list right after it)?"""
    element = main[at]
    text = _plain(element)
    if not text or len(text.split()) > _BOLD_SUBHEAD_WORDS or re.search(r"[.!?:;,…]$", text):
        return False
    bold = "".join("".join(hi.itertext()) for hi in element.iter("hi") if hi.get("rend") == "#b")
    if " ".join(bold.split()) != text or next(element.iter("ref"), None) is not None:
        return False  # (a link in bold is a promo, or the link would be lost)
    before = [e for e in main[:at] if e.tag == "p"]
    return bool(before) and at + 1 < len(main) and main[at + 1].tag in ("p", "list")


def _title_repeat(text: str, title: str) -> bool:
    """Is an extracted paragraph the headline, alone or in a bar that names the page's section
    after it (a sticky title: "Cannabis Use Disorder is Rising … | Health")?"""
    if text == title:
        return True
    rest = text[len(title) :] if text.startswith(title) else ""
    return bool(re.fullmatch(r"\s*[|·•»-]\s*[\w&'’ ]{1,30}", rest))


def _joined_markdown(front: str, lines: list[str]) -> str | None:
    """``front`` then the non-empty ``lines``, a blank line between them, as one string made
    once (an article's Markdown is held once, not again as its body or its bytes); None where
    it would be larger than a Markdown source may be. ``lines`` is emptied."""
    lines[:] = [line for line in lines if line]
    size = len(front.encode("utf-8")) + 1 + 2 * max(len(lines) - 1, 0)
    size += sum(len(line) if line.isascii() else len(line.encode("utf-8")) for line in lines)
    if size > MAX_TEXT_BYTES:
        lines.clear()
        return None
    if lines:
        lines[0] = front + lines[0]
        lines[-1] += "\n"
    else:
        lines.append(front + "\n")
    markdown = "\n\n".join(lines)
    lines.clear()
    return markdown


_SHORT_BLOCK = 200  # letters: a block of fewer is a line (a sidebar's), not a story's text


def _lost_in_a_layout_table(main) -> bool:
    """Does the extracted text look like a page's lines rather than its story: none, or fewer
    than ``_ARTICLE_PARAGRAPHS`` paragraphs of the article's shape and every block shorter
    than ``_SHORT_BLOCK`` letters, or one block (the extractor's last resort, the page's text
    run into one: navigation, headline and story)? (The extractor deletes every table before
    it looks for the article, as its tables are left out: a story laid out in one is lost,
    and a sidebar's lines are taken for it.)"""
    blocks = [] if main is None else list(main)
    shaped = [e for e in blocks if e.tag == "p" and _body_paragraph(e)]
    short = all(_key_letters(e) < _SHORT_BLOCK for e in blocks)
    return (len(shaped) < _ARTICLE_PARAGRAPHS and short) or len(blocks) == 1


def _layout_tables_read(tree, main):
    """The page and its extracted text read again with its tables of layout (as
    ``pagetext.data_table`` tells them from tables of data, which stay tables) made ``div``s,
    where the article was lost in one (``_lost_in_a_layout_table``): taken where its
    paragraphs of the article's shape hold more letters than the whole of the first reading
    (half as many, where that reading was one block: the page's text run into one)."""
    import copy

    from lxml import html

    from pipeline import pagetext

    if all(pagetext.data_table(t) for t in tree.iter("table")):
        return tree, main
    again = copy.deepcopy(tree)
    layout = [t for t in again.iter("table") if not pagetext.data_table(t)]
    parts = [
        e
        for t in layout
        for e in t.iter("tbody", "thead", "tfoot", "tr", "td", "th", "caption")
        if next(e.iterancestors("table"), None) is t
    ]
    for element in [*layout, *parts]:
        element.tag = "div"
    found = _extracted(html.tostring(again, encoding="unicode"))
    if found is None:
        return tree, main
    _unwrap_divs(found)
    before = 0 if main is None else sum(_key_letters(e) for e in main)
    if main is not None and len(main) == 1:
        before //= 2
    shaped = sum(_key_letters(e) for e in found if e.tag == "p" and _body_paragraph(e))
    return (again, found) if shaped > before else (tree, main)


def _extracted(page: str):
    """The ``main`` element of trafilatura's XML of ``page``'s article (None where it finds
    none): what ``trafilatura.extract`` returns, read, without the fingerprint of the text that
    ``extract`` adds to its XML (made of a list of the text's words: some 12 bytes a byte) and
    with the readability fallback run only where trafilatura's rule could choose it
    (``_fallback_needless``). Each of trafilatura's results is let go once it is read."""
    import trafilatura
    from lxml import etree
    from trafilatura.core import determine_returnstring
    from trafilatura.settings import Extractor

    _skip_needless_fallback()
    options = Extractor(
        output_format="xml",
        comments=False,
        formatting=True,
        links=True,
        images=True,
        tables=False,
    )
    document = trafilatura.bare_extraction(page, options=options)
    xml = determine_returnstring(document, options) if document is not None else None
    del document
    _forget_texts()
    if not xml:
        return None
    data = xml.encode("utf-8")
    del xml
    return etree.fromstring(data).find("main")


# A page of more text than this is given to trafilatura in parts of about ``_PART_TEXT``
# characters of its article's container each (its memory grows at some 15 bytes a byte of
# text it is given); real articles are around 100 KB of text.
_PARTED_ABOVE = 256 * 1024
_PART_TEXT = 64 * 1024
_CONTAINER_SHARE = 0.95
_RUN_KEPT = 0.9
_PARAGRAPH_TAGS = frozenset("p h1 h2 h3 h4 h5 h6 blockquote ul ol".split())


def _extracted_in_parts(tree):
    """``_extracted`` of the page in parts, where it is a long run of paragraphs: the element
    that holds its text (each of its ancestors holds more than half of its own text in it), if
    it holds nearly all of it (``_CONTAINER_SHARE``), in children that are paragraphs, headings,
    lists or quotes, is given to trafilatura a run of those at a time, the page before it with
    the first run, the page after it with the last (the ``<head>`` with each); the parts'
    ``main`` elements are read as one. Where trafilatura leaves out more than a little of a
    run's text (``_RUN_KEPT``), whose choices on a part are then not its choices on the page,
    the page is given whole after all. The page's tree is as it was after."""
    from lxml import html

    container = tree
    while True:
        sizes = [(_text_length(child), child) for child in container if isinstance(child.tag, str)]
        if not sizes or 2 * max(size for size, _ in sizes) <= _text_length(container):
            break
        container = max(sizes, key=lambda pair: pair[0])[1]
    total = _text_length(container)
    in_paragraphs = sum(_text_length(c) for c in container if c.tag in _PARAGRAPH_TAGS)
    runs: list[list] = [[]]
    if total >= _CONTAINER_SHARE * _text_length(tree) and in_paragraphs >= _CONTAINER_SHARE * total:
        part = total / max(round(total / _PART_TEXT), 1)  # (runs of about the same size)
        size = len(container.text or "")
        for child in container:
            length = _text_length(child) + len(child.tail or "")
            if runs[-1] and size + length / 2 > part:
                runs.append([])
                size = 0
            runs[-1].append(child)
            size += length
    if len(runs) == 1:
        return _extracted(html.tostring(tree, encoding="unicode"))
    path = [container, *container.iterancestors()]
    children = {parent: list(parent) for parent in path}
    text = container.text
    main = None
    try:
        for number, run in enumerate(runs):
            first, last = number == 0, number == len(runs) - 1
            for parent in path[1:]:
                on_path = next(c for c in children[parent] if c in path)
                at = children[parent].index(on_path)
                kept = [
                    child
                    for index, child in enumerate(children[parent])
                    if index == at
                    or (index < at and (first or child.tag == "head"))
                    or (index > at and last)
                ]
                _set_children(parent, kept)
            _set_children(container, run)
            container.text = text if first else None
            found = _extracted(html.tostring(tree, encoding="unicode"))
            wanted = sum(_letters(child) + _letters(child.tail) for child in run)
            if found is None or _letters(found) < _RUN_KEPT * wanted:
                main = None
                break
            if main is None:
                main = found
            else:
                main.extend(list(found))
    finally:
        for parent in path:
            _set_children(parent, children[parent])
        container.text = text
    if main is None:
        return _extracted(html.tostring(tree, encoding="unicode"))
    return main


def _letters(text) -> int:
    """The characters other than white space of a text, or of an element's text (its
    children's tails in, its own tail not)."""
    if text is None:
        return 0
    if isinstance(text, str):
        return sum(map(len, text.split()))
    if not isinstance(text.tag, str):
        return 0
    return sum(_letters(piece) for piece in text.itertext())


def _set_children(parent, children: list) -> None:
    """Make ``children`` (with their tails) all of ``parent``'s children, in this order."""
    for child in list(parent):
        parent.remove(child)
    parent.extend(children)


def _text_length(element) -> int:
    """The characters of ``element``'s text (its children's tails in, its own tail not; none
    in a comment)."""
    if not isinstance(element.tag, str):
        return 0
    return sum(len(piece) for piece in element.itertext())


def _forget_texts() -> None:
    """Empty trafilatura's caches of the texts it trimmed and cleaned (``trim``,
    ``line_processing``: the last 1,024 of each, the whole text of the article among them),
    which would hold them to the end of the process; what they return is the same without."""
    from trafilatura import utils

    for function in (utils.trim, utils.line_processing):
        getattr(function, "cache_clear", lambda: None)()


def _skip_needless_fallback() -> None:
    """Have trafilatura run its readability fallback only where its rule could choose it
    (installed once; every extraction comes out the same, see ``_fallback_needless``). Only
    for trafilatura 2.3, whose rule that is: another version's is to be read again first."""
    import functools

    import trafilatura
    import trafilatura.core as core

    original = core.compare_extraction
    if getattr(original, "skips_needless_fallback", False):
        return
    if not trafilatura.__version__.startswith("2.3."):
        return

    @functools.wraps(original)
    def compare(*args, **kwargs):
        if len(args) == 5 and not kwargs:  # (cleaned tree, raw tree, body, text, options)
            cleaned_tree, raw_tree, body, text, options = args
            if _fallback_needless(raw_tree, body, text, options):
                from lxml.html import Element

                # no text for readability: trafilatura's own extraction is kept
                args = (cleaned_tree, Element("div"), body, text, options)
        return original(*args, **kwargs)

    compare.skips_needless_fallback = True  # type: ignore[attr-defined]
    core.compare_extraction = compare


def _fallback_needless(raw_tree, body, text: str, options) -> bool:
    """Could trafilatura not choose readability's text over ``text``, its own extraction
    (``body``) from ``raw_tree``, whatever readability finds? Readability's text is made of the
    page's text (pieces moved or dropped, "VIDEO" added in each video frame), so it is at most
    the length of all of the page's text; trafilatura (``external._prefer_readability``)
    prefers it only where it is more than twice its own, where its own has no paragraph text
    or more tables than paragraphs, or in recall mode."""
    if options.focus == "recall" or not text:
        return False
    if not body.xpath(".//p//text()") or len(body.findall(".//table")) > len(body.findall(".//p")):
        return False
    most = 0
    for element in raw_tree.iter():
        most += len(element.text or "") + len(element.tail or "")
        if element.tag == "iframe":
            most += len("VIDEO")
    return most <= 2 * len(text)


_XML_INLINE = frozenset("hi ref lb code".split())  # the extractor's inline elements
_XML_BLOCKS = frozenset("p head list item quote".split())  # and its blocks


def _unwrap_divs(main) -> None:
    """The extractor's ``div`` elements in ``main`` replaced by what they hold, in order: where
    its own rules find no article, its fallback (readability's algorithm) gives the text as
    ``<div>`` around the paragraphs, a ``div`` in a ``div``, or as a table of one cell a row
    (a page laid out in a table), which is read as ``div`` elements too. A ``div`` that holds
    text and inline elements only is a paragraph, as is text between a ``div``'s blocks or
    after a block of ``main``."""
    from lxml import etree

    if main is None:
        return
    for table in list(main.iter("table")):
        rows = [row for row in table if row.tag == "row"]
        if len(rows) == len(table) and all(
            len(row.findall("cell")) == len(row) <= 1 for row in rows
        ):
            for part in (table, *rows, *(cell for row in rows for cell in row)):
                part.tag = "div"
    if not any(c.tag == "div" or (c.tail or "").strip() for c in main):
        return
    flat: list = []

    def loose(text: str | None) -> None:
        if text and text.strip():
            paragraph = etree.Element("p")
            paragraph.text = text
            flat.append(paragraph)

    def expand(div) -> None:
        if all(child.tag in _XML_INLINE for child in div):
            if "".join(div.itertext()).strip():
                div.tag = "p"
                div.tail = None
                flat.append(div)
            return
        loose(div.text)
        place(list(div))

    def place(children: list) -> None:
        for child in children:
            tail, child.tail = child.tail, None
            if child.tag == "div":
                expand(child)
            else:
                flat.append(child)
            loose(tail)  # (text the extractor left after a block: "<head>…</head>Welcome …")

    place(list(main))
    for child in list(main):
        main.remove(child)
    main.extend(flat)


_CHUNK_LEVELS = 5  # how far above the article's first paragraph its container is looked for
_CHUNK_BLOCKS = ("p", "h2", "h3", "h4")
# the class of a container of an article's text (not a grid's column: "span12", "row")
_CHUNK_CLASS = re.compile(r"body|content|article|text|story|entry|post", re.IGNORECASE)


def _add_chunks(tree, main) -> None:
    """The rest of an article that the page splits into chunks (its text in two or more
    containers of the same tag and class, as deep in the page, a class that names a body or
    content, with advertisements between them), added to ``main`` where the extractor kept only the
    first: the paragraphs, subheads and lists of each other chunk that holds a paragraph of
    the article's shape (``_body_paragraph``) and that ``main`` lacks, each after the block
    it follows in the page."""
    page = by_prefix_key(tree.iter(*_CHUNK_BLOCKS))
    kept = {_prefix_key(e) for e in main}
    first = next(
        (
            page[k][0]
            for e in main
            if e.tag == "p" and _body_paragraph(e) and (k := _prefix_key(e)) in page
        ),
        None,
    )
    if first is None or first.getparent() is None:
        return
    container = first.getparent()
    chunks = [container]
    depth = sum(1 for _ in container.iterancestors())
    for level, above in enumerate(container.iterancestors()):
        if level == _CHUNK_LEVELS:
            break
        chunks = [  # (as deep in the page as the first: a comment's is deeper)
            e
            for e in above.iter(container.tag)
            if e.get("class") == container.get("class")
            and sum(1 for _ in e.iterancestors()) == depth
        ]
        if len(chunks) > 1:
            break
    if len(chunks) < 2 or not _CHUNK_CLASS.search(container.get("class") or ""):
        return
    order = {e: at for at, e in enumerate(tree.iter())}
    added = []
    for chunk in chunks:
        if chunk is container or not any(_body_paragraph(e) for e in chunk.iter("p")):
            continue
        for element in chunk.iter(*_CHUNK_BLOCKS, "ul", "ol"):
            inside = (a.tag in ("ul", "ol") for a in element.iterancestors() if a is not chunk)
            if any(inside) or element.tag in ("ul", "ol") and not len(element):
                continue
            found = _prefix_key(element)
            if found and found not in kept:
                kept.add(found)
                added.append((order[element], _xml_block(element)))
    _insert_in_order(main, page, order, added)


_SUBHEAD_WORDS = 20  # the most words of a subhead read back from the page
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def _restore_subheads(tree, main) -> None:
    """The page's subheads (``h2`` to ``h4``) that the extractor gave as paragraphs (the
    heading's text inside a ``<b>`` or a ``<div>``, a block editor's heading): a paragraph of
    ``main`` whose whole text is a subhead's of the page, and no paragraph's of the page, is
    made a heading of that subhead's level."""
    levels: dict[str, set[int]] = {}
    for head in tree.iter("h2", "h3", "h4"):
        text = _plain_html(head)
        if key_text(text) and len(text.split()) <= _SUBHEAD_WORDS:
            levels.setdefault(key_text(text), set()).add(int(head.tag[1]))
    if not levels:
        return
    paragraphs = {  # (the page's own, not a heading's text made a paragraph)
        key_text(_plain_html(p))
        for p in tree.iter("p")
        if not any(a.tag in _HEADINGS for a in p.iterancestors())
    }
    for element in main:
        text = key_text(_plain(element)) if element.tag == "p" else ""
        found = levels.get(text, set())
        if len(found) == 1 and text not in paragraphs:
            element.tag = "head"
            element.set("rend", f"h{found.pop()}")


def _insert_in_order(main, page: dict[str, list], order: dict, added: list) -> None:
    """Each of ``added`` ((its place in the page, an element of the extractor's XML)) put
    into ``main`` after the block of ``main`` nearest before it in the page (``page``: the
    page's blocks by ``_prefix_key``; ``order``: each element's place)."""
    if not added:
        return
    placed = [(order[page[k][0]], e) for e in main if (k := _prefix_key(e)) in page]
    for at, element in sorted(added, key=lambda pair: pair[0]):
        before = [(o, e) for o, e in placed if o < at]
        nearest = max(before, key=lambda pair: pair[0])[1] if before else None
        where = list(main).index(nearest) + 1 if before else 0
        main.insert(where, element)
        placed.append((at, element))


_EMBEDDED_POST = re.compile(r"(?:^|\s)twitter-tweet(?:$|\s)")


def _add_embedded_posts(tree, main) -> None:
    """The posts embedded in the article (a ``blockquote`` of class ``twitter-tweet``: the
    post's text, its author and date), which the extractor leaves out, added to ``main`` as
    quotes where they are in the page, unless ``main`` holds one whole. A post is the
    article's where it sits in the region of the extracted text (``_region``); one in a
    sidebar is not."""
    posts = [b for b in tree.iter("blockquote") if _EMBEDDED_POST.search(b.get("class") or "")]
    if not posts:
        return
    page = by_prefix_key(tree.iter(*_BLOCK_TAGS))
    region = _region([page[k][0] for e in main if (k := _prefix_key(e)) in page])
    if region is None:
        return
    kept = {_prefix_key(e): e for e in main}
    order = {e: at for at, e in enumerate(tree.iter())}
    added = []
    for post in posts:
        if not any(a is region for a in post.iterancestors()):
            continue
        found = kept.get(_prefix_key(post))
        if found is not None and _key_text_in(key_text(_plain_html(post)), found):
            continue  # (kept whole: not a paragraph that quotes the post's first words)
        quote = _xml_block(post)
        quote.tag = "quote"
        added.append((order[post], quote))
    _insert_in_order(main, page, order, added)


def _plain_html(element) -> str:
    """The text of a page's element."""
    return "".join(element.itertext())


_XML_HI = {"em": "#i", "i": "#i", "strong": "#b", "b": "#b", "u": "#u"}


def _xml_block(element):
    """A page's paragraph, subhead, list or quoted post as the extractor writes one: ``p``,
    ``head`` or ``list`` of ``item``, with ``ref`` (links), ``hi`` (emphasis) and ``lb`` (line
    breaks); other markup inside is read for its text."""
    from lxml import etree

    if element.tag in ("ul", "ol"):
        out = etree.Element("list", rend=element.tag)
        for item in element.iter("li"):
            copy_item = _xml_block(item)
            copy_item.tag = "item"
            out.append(copy_item)
        return out
    if element.tag in ("p", "li", "blockquote"):
        out = etree.Element("p")
    else:
        out = etree.Element("head", rend=element.tag)

    def add(target, text: str | None) -> None:
        if not text:
            return
        if len(target):
            target[-1].tail = (target[-1].tail or "") + text
        else:
            target.text = (target.text or "") + text

    def copy(source, target) -> None:
        add(target, source.text)
        for child in source:
            if not isinstance(child.tag, str):
                add(target, child.tail)
                continue
            if child.tag == "br":
                etree.SubElement(target, "lb")
            elif child.tag == "a" and child.get("href"):
                copy(child, etree.SubElement(target, "ref", target=str(child.get("href"))))
            elif child.tag in _XML_HI:
                copy(child, etree.SubElement(target, "hi", rend=_XML_HI[child.tag]))
            elif child.tag in ("p", "div") and (
                child.getnext() is not None or (child.tail or "").strip()
            ):
                copy(child, target)  # a block inside (a post's text above its author): a break
                etree.SubElement(target, "lb")
            elif child.tag not in ("script", "style"):
                copy(child, target)
            add(target, child.tail)

    copy(element, out)
    return out


# A page's article is at most what a Markdown source may be.
_TOO_LONG = "{what} is larger than 2 MiB, the most {kind} may be"


def _text_bytes(tree) -> int:
    """The size in UTF-8 of the page's text outside scripts and styles, each run of white space
    counted as one space: what any article found in the page is a part of."""
    total = 0
    for element in tree.iter():
        if element.text and element.tag not in ("script", "style"):
            total += len(" ".join(element.text.split()).encode("utf-8"))
        if element.tail:
            total += len(" ".join(element.tail.split()).encode("utf-8"))
    return total


def _author_notes(main, left_out: set[int]) -> set[int]:
    """The positions (in ``main``) of the paragraphs at the end of the extracted text that
    are notes on the author (``AUTHOR_NOTE``), before what is ``left_out`` already."""
    notes = set()
    for at in range(len(main) - 1, -1, -1):
        element = main[at]
        if element.tag not in ("p", "list", "quote", "head") or at in left_out:
            continue
        if _boilerplate(element) or not _plain(element):
            continue
        one_item = element.tag == "list" and len(list(element.iter("item"))) == 1
        if element.tag != "p" and not one_item or not AUTHOR_NOTE.match(_plain(element)):
            break  # (a note set as a list of one item: "- – additional reporting by …")
        notes.add(at)
    return notes


def _closing_run(main, left_out: set[int]) -> set[int]:
    """The positions (in ``main``) of what follows the article's last words at the end of the
    extracted text: headings that no text of the article follows (a sign-up box's "Thanks for
    signing up!", a promo's title), lists of links to other stories (each item led by its
    link), the short line above them that names them ("Our Latest Stories"), and paragraphs of the
    ``BOILERPLATE`` or closing-note (``AUTHOR_NOTE``) shapes and links among them."""
    run: list[int] = []  # from the end up
    below = ""  # the kind of block the run holds right below this one
    for at in range(len(main) - 1, -1, -1):
        element = main[at]
        if element.tag not in ("p", "list", "quote", "head") or at in left_out:
            continue
        text = _plain(element)
        named = below in ("list", "head") and len(text.split()) <= 5
        if element.tag == "head" or not key_text(text):  # (or "...")
            pass
        elif element.tag == "list":
            items = list(element.iter("item"))
            if not items or not all(_link_led(item) for item in items):
                break
        elif element.tag != "p":
            break
        elif not (
            _boilerplate(element)
            or related_link(element)
            or AUTHOR_NOTE.match(text)
            or (named and not re.search(r"[.!?…]$", text))
        ):
            # a sentence of the article that ends with a colon introduces the lists right
            # below it ("Here's the TL;DR version of signing up:"): they are the article's
            if text.rstrip().endswith(":"):
                while run and main[run[-1]].tag == "list":
                    run.pop()
            break
        run.append(at)
        below = element.tag
    return set(run)


# The line that opens readers' comments below a story ("Comments (3), Blocked Comments (0):",
# "Total Comments: 1", "2 comments Post a comment", "Have your say Read comments", "Most
# Recent Reader Comments:", "What Do You Think? Post Your Comment:", "There are currently no
# comments for this entry.")
COMMENTS = re.compile(
    r"^(?=.{0,80}$)(?:(?:\d+|total|user|readers?['’]?|recent|most recent|your|post (?:a|your)"
    r"|add (?:a|your)|leave a|read|view|show|all|blocked)\s+)*comments?"
    r"(?:\s*(?:\(\d+\)|[:\-–]\s*\d*|,)|\s+(?:on|for|about) this (?:story|article|entry|post)"
    r"|\s+(?:post|add|leave|read|view|show|blocked)(?: a| your)? comments?(?: \(\d+\))?)*"
    r"\s*[:.]?$"
    r"|^(?=.{0,80}$)(?:have your say|what do you think\?|add your comment)"
    r"|^[-–\s]*there (?:are|is) (?:currently )?no comments\b"
    r"|^comments (?:are|have been) (?:closed|moderated)\b",
    re.IGNORECASE,
)
_COMMENTS_AFTER = 3  # the fewest paragraphs of the story above its comments


def _comments(main) -> set[int]:
    """The positions (in ``main``) of readers' comments: from the line that opens them
    (``COMMENTS``), below ``_COMMENTS_AFTER`` paragraphs of the story or more, to the end."""
    told = 0
    for at, element in enumerate(main):
        if element.tag == "p" and _body_paragraph(element):
            told += 1
        elif told >= _COMMENTS_AFTER and COMMENTS.search(_plain(element)):
            return set(range(at, len(main)))
    return set()


_ARTICLE_SHARE = 0.9  # the least share of the article's text its container holds
_ARTICLE_PARAGRAPHS = 3  # the fewest paragraphs of the article's shape that tell its container
_HEADER_WORDS = 8  # above the article, a line outside it of fewer words is the page's


def _outside_the_article(tree, main) -> set[int]:
    """The positions (in ``main``) of the blocks below the article's last block, and of the
    lines of fewer than ``_HEADER_WORDS`` words and lists above its first paragraph, that the
    page has only outside the article's container: the innermost element of the page around
    the article's paragraphs (``_article_run``) that holds ``_ARTICLE_SHARE`` of their letters
    and the first of them; an element of the same tag and class is the article's too (a chunk
    of it after an advertisement), and so, below the story, is the ``<article>`` that holds
    the container (a list article's items below its introduction's own wrapper). What the
    extractor takes from a page's sidebar and footer below the story (teasers, classified
    advertisements, a quiz, a copyright line) or from its header above it (a promo, the
    site's name, a bar of tabs) is then left out, whatever its words; a standfirst or a lede
    set apart above the story is kept. A block is found in the
    page by the start of its text (in any element shown: a teaser may be a ``span``); one
    found nowhere (text the extractor joined) is kept, and so is every block where the
    container is the page's ``<body>``, does not hold the first paragraph (a short story above
    a long footer), or fewer than ``_ARTICLE_PARAGRAPHS`` paragraphs tell it."""
    shown = (e for e in tree.iter() if isinstance(e.tag, str) and e.tag not in _NOT_SHOWN)
    found = by_prefix_key(shown)
    seen = [found.get(_prefix_key(block), []) if block.tag in _WRITTEN else [] for block in main]
    body = _article_run(
        main, [at for at, b in enumerate(main) if b.tag == "p" and seen[at] and _body_paragraph(b)]
    )
    held: dict = {}  # each element of the page: the letters of the article's paragraphs in it
    total = 0
    for at in body:
        letters = _key_letters(main[at])
        total += letters
        for above in {a for e in seen[at] for a in (e, *e.iterancestors())}:
            held[above] = held.get(above, 0) + letters
    if len(body) < _ARTICLE_PARAGRAPHS:
        return set()
    blocks_in: dict = {}  # each element of the page: how many extracted blocks it holds
    for elements in seen:
        for above in {a for e in elements for a in (e, *e.iterancestors())}:
            blocks_in[above] = blocks_in.get(above, 0) + 1
    # an element that holds one block alone (a paragraph holding most of the text) is not the
    # article's container, which holds its other blocks too
    holding = [
        e for e, n in held.items() if n >= _ARTICLE_SHARE * total and blocks_in.get(e, 0) > 1
    ]
    if not holding:
        return set()
    container = max(holding, key=lambda e: sum(1 for _ in e.iterancestors()))
    chunk = (container.tag, container.get("class")) if container.get("class") else None
    # below the story, what the page marks as the article (``<article>``, an element whose
    # ``itemprop`` names the article's body) is the article's, all of it: the items of a list
    # article below its introduction's own wrapper
    marked = next((a for a in (container, *container.iterancestors()) if _marked_article(a)), None)

    def outside(elements: list, wide: bool = False) -> bool:
        return bool(elements) and not any(
            a is container or (a.tag, a.get("class")) == chunk or wide and a is marked
            for e in elements
            for a in (e, *e.iterancestors())
        )

    if container.tag in ("body", "html") or outside(seen[body[0]]):
        return set()
    last = max(at for at, elements in enumerate(seen) if elements and not outside(elements, True))
    return {
        at
        for at, elements in enumerate(seen)
        if at > last
        and outside(elements, True)
        or at < body[0]
        and outside(elements)
        and (main[at].tag == "list" or len(_plain(main[at]).split()) < _HEADER_WORDS)
    }


def _marked_article(element) -> bool:
    """Does the page mark ``element`` as the article: an ``<article>``, or an element whose
    ``itemprop`` names the article's body (schema.org's ``articleBody``)?"""
    return element.tag == "article" or "articlebody" in (element.get("itemprop") or "").lower()


def _article_run(main, body: list[int]) -> list[int]:
    """The paragraphs of ``body`` (positions in ``main`` of paragraphs of the article's shape)
    that are the article's: those in the run of blocks of ``main`` whose letters of them, less
    the letters of its paragraphs of other shapes, are the most. A sidebar's promos that end a
    sentence, as the story's paragraphs do, are parted from the story by the page's short
    lines between (a subhead, a list, a quote, a table's row or a paragraph of the article's
    shape not found in the page parts nothing). Where the run has fewer than
    ``_ARTICLE_PARAGRAPHS`` of them, all of ``body``."""
    paragraphs = set(body)
    best, start, score, run = 0, 0, 0, (0, -1)
    for at, block in enumerate(main):
        if at in paragraphs:
            score += _key_letters(block)
        elif block.tag == "p" and block.get("rend") != "row" and not _body_paragraph(block):
            score -= _key_letters(block)
        if score <= 0:
            score, start = 0, at + 1
        elif score > best:
            best, run = score, (start, at)
    kept = [at for at in body if run[0] <= at <= run[1]]
    return kept if len(kept) >= _ARTICLE_PARAGRAPHS else body


def _link_led(item) -> bool:
    """Is an item of an extracted list a link to a story: does it start with a link, as a
    headline that links to one does ("[Gronk, Serena perform with Laker Girls](…) Gronk may
    have found …"), or are a quarter or more of its letters linked ("How Facebook [gets the
    First Amendment backward](…)")?"""
    links = [r for r in item.iter("ref") if (r.get("target") or "").strip()]
    if not links:
        return False
    text = key_text(_plain(item))
    linked = sum(_key_letters(r) for r in links)
    return text.startswith(key_text(_plain(links[0]))) or 4 * linked >= len(text)


_CAPTION_PART = 8  # the fewest letters of a paragraph that is read as part of a caption


def _caption_repeats(main, figures: dict) -> set[int]:
    """The positions (in ``main``) of paragraphs right before or after a placed figure that
    repeat its caption or credit (the extractor keeps a caption's text as paragraphs too:
    "Ellen Fetter and Margaret Hamilton were …", then "Olena Shmahalo/Quanta Magazine")."""
    repeats: set[int] = set()
    position = {id(e): at for at, e in enumerate(main)}
    for block, placed in figures.items():
        told = [key_text(f"{caption} {credit}") for _, caption, credit in placed]
        at = position.get(id(block), len(main)) if block is not None else len(main)
        for step, start in ((1, at), (-1, at - 1)):
            k = start
            while 0 <= k < len(main) and main[k].tag in ("p", "graphic"):
                if main[k].tag == "graphic":  # (the extractor's copy of an image)
                    k += step
                    continue
                found = key_text(_plain(main[k]))
                if len(found) < _CAPTION_PART or not any(found in t for t in told):
                    break
                repeats.add(k)
                k += step
    return repeats


def _not_the_article(main, above: set[str]) -> set[int]:
    """The positions (in ``main``) of extracted blocks that are the page's, not the
    article's: links to other stories (``related_link``), a list of other stories at the end
    (``_story_list``), and above the article's first paragraph: a heading that links to
    another page (a promo, a section), a heading of ``above`` (``kickers``), and the byline
    (the author is in the front matter)."""
    out = {at for at, e in enumerate(main) if e.tag == "p" and related_link(e)}
    out |= {at for at, e in enumerate(main) if e.tag == "list" and _link_list(e)}
    out |= _story_list(main)
    for at, element in enumerate(main[:-1]):  # a link to a story under its list's name
        if (
            element.tag == "head"
            and _READ_MORE.match(_plain(element))
            and main[at + 1].tag in ("p", "head")
            and related_link(main[at + 1])
        ):
            out |= {at, at + 1}
    for at, element in enumerate(main):
        if element.tag == "p" and _body_paragraph(element):
            break
        if element.tag == "head" and (_teaser_heading(element) or _prefix_key(element) in above):
            out.add(at)
        texts = [_plain(e) for e in element.iter("item")] or [_plain(element)]
        if element.tag in ("p", "list") and all(
            BYLINE.match(t) or BOILERPLATE.search(t) for t in texts
        ):
            out.add(at)
    return out


# The name of a link to another story ("Read more", "Related:"), as a heading above it.
_READ_MORE = re.compile(
    r"(?:read more|related(?: stories| articles| content)?|see also|also read|more on this)"
    r"\s*:?$",
    re.IGNORECASE,
)


def _link_list(element) -> bool:
    """Is an extracted list two or more links to other stories, each item (with words: an
    item that is only a picture does not count) only a link shaped as a headline
    (``related_link``), or three or more headlines each with its picture (a list of teasers
    whose links the extractor lost)?"""
    items = [item for item in element.iter("item") if key_text(_plain(item))]
    if len(items) >= 2 and all(related_link(item) for item in items):
        return True
    return len(items) >= 3 and all(_teaser_item(item) for item in items)


def _teaser_item(item) -> bool:
    """Is a list's item a story's headline beside its picture: a picture, and a line of
    words shaped as a headline (no sentence that ends in a full stop)?"""
    text = _plain(item)
    return (
        next(item.iter("graphic"), None) is not None
        and len(text.split()) <= _TEASER_WORDS
        and not text.rstrip("\"”’')]").endswith(".")
    )


_TEASER_WORDS = 30  # the most words of a teaser's headline


_DESCRIPTION = ("og:description", "description", "twitter:description")


def _lift_dek(tree, main) -> None:
    """Take out of ``main`` the heading above the article's first paragraph that is the
    page's description (its ``og:description``, or ``description``): the standfirst set
    under the headline ("One member of the Browns' defense didn't hold back …"), which the
    front matter then gives as the standfirst, not a subhead of the article."""
    from html import unescape

    found = tree.xpath(
        "//meta[@property=$a or @name=$a or @property=$b or @name=$b]/@content",
        a=_DESCRIPTION[0],
        b=_DESCRIPTION[1],
    )
    wanted = {key_text(unescape(str(value))) for value in found} - {""}
    for element in list(main):
        if element.tag == "p" and _body_paragraph(element):
            return
        if element.tag == "head" and key_text(_plain(element)) in wanted:
            element.getparent().remove(element)
            return


# The words of a class, id or ``itemprop`` that name a standfirst ("dek" in American
# newsrooms): ``c-entry-summary p-dek``, ``post__deck``, ``ArticleDek_root``,
# ``headline__subtitle``, ``Article__Headline__Desc``, ``data-gu-name="standfirst"``. Not
# "intro" or "lede": the story's first paragraph, set large (``story-intro``). A picture's
# caption is named a description too (``itemprop="caption description"``): not one.
_DEK_WORDS = frozenset(
    """dek deck standfirst subtitle subheading subhead subhed subheadline abstract desc
    description summary strapline excerpt""".split()
)
_NAME_WORDS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")
_DEK_MOST_WORDS = 80


def _dek_named(element) -> bool:
    """Does an element's class, id, ``itemprop`` or a short ``data-`` value name it a
    standfirst (``_DEK_WORDS``, or "sub" and "title", "head"…: ``sub-title``)?"""
    names = [str(element.get(a) or "") for a in ("class", "id", "itemprop")]
    names += [str(v) for k, v in element.attrib.items() if k.startswith("data-") and len(v) <= 40]
    words = {w.lower() for w in _NAME_WORDS.findall(" ".join(names))}
    if words & {"caption", "credit"} or element.tag in ("figure", "figcaption"):
        return False
    return bool(words & _DEK_WORDS) or (
        "sub" in words and bool(words & {"title", "head", "heading", "headline"})
    )


_DEK_PAST = 8  # how many elements past the article's start a standfirst it took may be


def _page_dek(tree, main, headline: str) -> tuple[str, object]:
    """The headline and the standfirst the page shows under it: the first element after the
    headline's element that its name calls a standfirst (``_dek_named``), before the
    article's text (``_above_article``) or the extractor's first block, if that is the
    standfirst's text, of three to ``_DEK_MOST_WORDS`` words (fewer than one in four with a
    digit: not a market ticker), in no link, list or figure, and with no ``<h1>`` between.
    The headline's element is the one whose text is ``headline`` (as ``_headline`` found it),
    where a standfirst follows it; else the ``<h1>`` nearest above the article's text, where
    one follows it: a headline and its standfirst set together are the article's, whatever
    the page's ``<title>`` says (a title written for search engines: "Stephen Jones following
    in shadow cast by father Jerry - Sports Illustrated" over "A Breath of Fresh Heir: …").
    ("", None) where there is no standfirst: a page's description (``og:description``) is
    often written for search engines and social media, and this is the one the reader sees."""
    above = _above_article(tree, main)
    if not above:
        return "", None
    wanted = key_text(headline)
    h1 = [i for i, e in enumerate(above) if e.tag == "h1" and not _logo(e) and _heading_text(e)]
    starts = [i for i, e in enumerate(above) if key_text(_heading_text(e)) == wanted] + h1[-1:]
    shown = list(islice(_shown_elements(tree), len(above) + _DEK_PAST))
    # the extractor's first block of text (past the headline, which it may take as well)
    heads = {key_text(_heading_text(above[i])) for i in h1[-1:]}
    first = next(
        (
            e
            for e in main
            if e.tag in _WRITTEN
            and len(_plain(e).split()) >= 3
            and key_text(_plain(e)) not in heads
        ),
        None,
    )
    taken = key_text(_plain(first)) if first is not None else ""
    for start in dict.fromkeys(starts):
        title = _heading_text(above[start])
        for at in range(start + 1, len(shown)):
            element = shown[at]
            if element.tag == "h1":
                break
            if not _dek_named(element):
                continue
            text = _plain(element)
            words = text.split()
            if (
                3 <= len(words) <= _DEK_MOST_WORDS
                and 4 * sum(any(c.isdigit() for c in w) for w in words) < len(words)
                and key_text(text) != key_text(title)
                and next(element.iter("h1"), None) is None
                and not any(
                    a.tag in ("a", "li", "figure") for a in (element, *element.iterancestors())
                )
                and (at < len(above) or key_text(text) == taken)
            ):
                return title, element
    return "", None


_CAPTION_NAME = re.compile(r"(?:^|[\s_-])(?:caption|credit)(?:$|[\s_-])|[a-z](?:Caption|Credit)\b")
_CAPTION_WORDS = 80  # the most words of a caption (a class so named around more is not one)


def _caption_keys(tree, placed: dict) -> set[str]:
    """The ``_prefix_key`` of each caption of the page (a ``figcaption``, or an element whose
    class names a caption or a picture's credit) and of the blocks inside one, where no block
    elsewhere (other than one around the caption, which starts with it) has it: an extracted
    paragraph with one of these is a picture's caption, not article text. ``placed``: the
    captions by their place (``_image_captions``)."""

    def caption(element) -> bool:
        named = element.tag == "figcaption" or _CAPTION_NAME.search(element.get("class") or "")
        named = named or element in placed
        return bool(named) and len(" ".join(element.itertext()).split()) <= _CAPTION_WORDS

    keys, elsewhere = set(), set()
    for element in tree.iter():
        if isinstance(element.tag, str) and caption(element):
            keys.add(_prefix_key(element))
            keys |= {_prefix_key(e) for e in element.iter(*_BLOCK_TAGS)}
    keys.discard("")
    for element in tree.iter(*_BLOCK_TAGS) if keys else ():
        found = _prefix_key(element)
        if found not in keys or any(caption(a) for a in (element, *element.iterancestors())):
            continue
        if not any(caption(e) and _prefix_key(e) == found for e in element.iterdescendants()):
            elsewhere.add(found)
    return keys - elsewhere


_CAPTION_AFTER = frozenset("p div span".split())  # the blocks that are a caption by their place


def _image_captions(tree) -> dict:
    """The elements that are a picture's caption by their place, each with its picture's
    ``<img>``: the block right after what holds only an image (no text), where the block's
    text is the image's ``alt`` text, is all in italics (``<p><img …></p><p><em>Light a Wish
    by OGE Group</em></p>``) or reads as a credit ("Illustration by Mike Nudelman")."""
    texted = set()  # the elements with text inside (found once, from each text up)
    for element in tree.iter():
        for start, text in ((element, element.text), (element.getparent(), element.tail)):
            if not isinstance(element.tag, str) and start is element:
                continue  # (a comment's own text is not shown)
            while start is not None and start not in texted and (text or "").strip():
                texted.add(start)
                start = start.getparent()
    found, seen, tops = {}, set(), {}  # (tops: the holder found above an element)
    for image in tree.iter("img"):
        holder, below = image, []
        while (up := holder.getparent()) is not None and up not in texted:
            if up in tops:
                holder = tops[up]
                break
            below.append(up)
            holder = up
        tops.update((e, holder) for e in below)
        if holder in seen or (holder.tail or "").strip():
            continue  # (seen, or a picture inside a paragraph's text)
        seen.add(holder)
        after = holder.getnext()
        while after is not None and after not in texted:
            after = after.getnext()
        if after is None or after.tag not in _CAPTION_AFTER:
            continue
        text = key_text(" ".join(after.itertext()))
        italic = key_text(" ".join(t for e in after.iter("em", "i") for t in e.itertext()))
        line = " ".join(" ".join(after.itertext()).split())
        if text and (
            text in (key_text(image.get("alt") or ""), italic) or _CREDIT_LINE.match(line)
        ):
            found.setdefault(after, image)
    return found


# A picture's credit set as a line of its own ("Illustration by Mike Nudelman", "Photo:
# Reuters", "Courtesy G4"): a caption by its place below a picture, and its credit.
_CREDIT_LINE = re.compile(
    r"(?:(?:Illustration|Photo(?:graph)?|Image|Picture|Graphic|Video)s?(?: by|\s*:)"
    r"|Courtesy(?: of)?|(?:Credit|Source)\s*:)\s+\S[^.!?]{0,80}$"
)


def kickers(tree, headline: str) -> set[str]:
    """The headings right above the page's headline (its ``<h1>``, in the same header), as
    ``_prefix_key`` values: a section's or a series' name over the headline ("Biz & IT —"),
    not a subhead of the article."""
    wanted = key_text(headline)
    h1 = next((h for h in tree.iter("h1") if wanted and key_text(_plain(h)) == wanted), None)
    if h1 is None:
        return set()
    top = h1
    for _ in range(2):  # out of a wrapper that holds only the headline
        parent = top.getparent()
        if parent is None or len([c for c in parent if isinstance(c.tag, str)]) > 1:
            break
        top = parent
    return {
        _prefix_key(heading)
        for sibling in top.itersiblings(preceding=True)
        if isinstance(sibling.tag, str)
        for heading in sibling.iter("h2", "h3", "h4", "h5", "h6")
    }


def related_link(element, link: str = "ref", target: str = "target") -> bool:
    """Is a paragraph (of the extractor's XML, or with ``link="a", target="href"`` of a page)
    only a link to a page, shaped as a headline (not a sentence ending in a full stop)? That is
    a link to another story ("Five things we learned from the interview"), or to the rest of
    this one ("Continue reading the main story"), not a sentence of the article."""
    links = [e for e in element.iter(link) if (e.get(target) or "").strip()]
    text = _plain(element)
    if len(links) != 1 or not key_text(text) or key_text(_plain(links[0])) != key_text(text):
        return False
    return not text.rstrip("\"”’')]").endswith(".")


_BAR_LINKS = 4  # the fewest links of a line that is a site's navigation
# an item of a line of a site's sections (``_NAVIGATION_LINE``): up to six words (the last, a
# headline, up to 14) not ending a sentence; a word is anything but a separator or a space, so
# that the pattern reads a line one way only (no backtracking over a long one)
_BAR_WORD, _CRUMB_WORD = r"[^|•·\s]+", r"[^>»›\s]+"
_BAR_ITEM, _LAST_BAR_ITEM = (rf"{_BAR_WORD}(?:\s{_BAR_WORD}){{0,{n}}}(?<![.!?])" for n in (5, 13))
_CRUMB, _LAST_CRUMB = (rf"{_CRUMB_WORD}(?:\s{_CRUMB_WORD}){{0,{n}}}(?<![.!?])" for n in (5, 13))
_NAVIGATION_LINE = re.compile(
    rf"[|•·»\s]*(?:{_BAR_ITEM}\s*[|•·]\s*){{2,}}{_LAST_BAR_ITEM}[|•·\s]*"
    rf"|\|\s*{_BAR_ITEM}\s*\|\s*{_LAST_BAR_ITEM}[|\s]*"  # (two items, led by a bar)
    rf"|(?:You are here\s*:\s*)?(?:{_CRUMB}\s*[>»›]\s*){{2,}}{_LAST_CRUMB}",
    re.IGNORECASE,
)


# a link through an advertising network's click counter ("…/adclick/CID=…", DoubleClick's,
# Google's "/aclk?", "/pagead/"): an advertisement's, never an article's (a shop's own link,
# an affiliate's, is not one of these)
_AD_CLICK = re.compile(
    r"(?i)^(?:https?:)?//[^/?#]*(?:doubleclick\.net|googleadservices\.com|googlesyndication\.com)"
    r"|^(?:https?:)?//[^/?#]*/(?:[^?#]*/)?(?:adclick|adlink|aclk|pagead)(?:[/?=]|$)"
)
_AD_WORDS = 40  # the most words of a text advertisement


def _advertisement(element) -> bool:
    """Is ``element`` (a paragraph or a list of the extractor's) a text advertisement: short
    (``_AD_WORDS`` words at most), opening with a link, each of its links through an
    advertising network's click counter (``_AD_CLICK``) ("Compare Home Loans Buying a new
    family home; find the best rates on …")? A story's sentence with such a link inside it
    ("tickets are on sale from Ticketmaster") is not one."""
    refs = list(element.iter("ref"))
    if not refs or not all(_AD_CLICK.search(str(ref.get("target") or "")) for ref in refs):
        return False
    text = _plain(element)
    return len(text.split()) <= _AD_WORDS and text.startswith(_plain(refs[0]))


def _navigation_bar(element, among: bool = False) -> bool:
    """Is an extracted paragraph a site's navigation: a bar of links ("Home Football
    Premiership Championship …"), ``_BAR_LINKS`` links or more and no words outside them, or a
    line of the site's sections or a breadcrumb, linked or not ("Home | Breaking News |
    Shopping | Archives", "News: ePaper | Front Page | …", "Football • Formula 1 • Golf",
    "TheStar.com | Sports | John McHale, 86: Expos' first president", "Home > Headlines > …"):
    three items or more set apart by bars, bullets or arrows (two, where a bar leads them:
    "| Britain's No.1 quality newspaper website | Make us your homepage"), each of a few
    words, none ending a sentence? Such a line ``among`` the story's paragraphs is the story's
    (a product's specifications, "Price: $499 | Battery: 10 hours | Weight: 1.2 kg", a
    recipe's line, the day's scores), as is a table's row (``pagetext.add_tables``: its cells
    parted by bars)."""
    if not among and element.get("rend") != "row" and _NAVIGATION_LINE.fullmatch(_plain(element)):
        return True
    links = [e for e in element.iter("ref") if (e.get("target") or "").strip()]
    if len(links) < _BAR_LINKS:
        return False
    inside = sum(_key_letters(link) for link in links)
    return inside == _key_letters(element)


def _teaser_heading(element) -> bool:
    """Is an extracted heading mostly a link to a page (another story's headline, a promo)?"""
    if element.tag != "head":
        return False
    text = key_text(_plain(element))
    linked = sum(
        _key_letters(r)
        for r in element.iter("ref")
        if re.match(r"https?://", r.get("target") or "")
    )
    return bool(text) and 2 * linked >= len(text)


def _story_list(main) -> set[int]:
    """The positions of a list of other stories that ends the extracted text: two or more
    headings that link to them (``_teaser_heading``), each with at most one short paragraph
    (its summary) after it, and the heading or short line that names the list ("Related
    Stories", "Other Opinion Columns"). Links, promos and empty paragraphs among them go
    with them."""
    blocks = [at for at, e in enumerate(main) if e.tag in ("p", "head", "list", "quote")]
    run: set[int] = set()
    teasers = 0
    k = len(blocks) - 1
    while k >= 0:
        element = main[blocks[k]]
        words = len(_plain(element).split())
        after_teaser = k > 0 and _teaser_heading(main[blocks[k - 1]])
        if _teaser_heading(element):
            teasers += 1
        elif element.tag != "p":
            break
        elif not (related_link(element) or _boilerplate(element) or not words):
            if not after_teaser or words > _SUMMARY_WORDS:
                break
        run.add(blocks[k])
        k -= 1
    if teasers < 2:
        return set()
    if k >= 0 and _list_name(main[blocks[k]]):
        run.add(blocks[k])
    return run


def _list_name(element) -> bool:
    """Is an extracted block the name of a list of links: a heading without a link, or a short
    line without a sentence's end ("Related Stories")?"""
    text = _plain(element)
    if element.tag == "head":
        return not any(r.get("target") for r in element.iter("ref"))
    return element.tag == "p" and 0 < len(text.split()) <= 5 and not re.search(r"[.!?]$", text)


def _body_paragraph(element) -> bool:
    """Does an extracted paragraph read as article text: eight words or more, ending a
    sentence?"""
    text = _plain(element).rstrip("\"”’')")
    return len(text.split()) >= 8 and text.endswith((".", "!", "?"))


def _boilerplate(element) -> bool:
    """Is an extracted paragraph, or every item of a list, of a ``BOILERPLATE`` shape?"""
    texts = [_plain(i) for i in element.iter("item")] if element.tag == "list" else []
    texts = texts or [_plain(element)]
    return element.tag in ("p", "list") and all(BOILERPLATE.search(t) for t in texts)


def _page_fields(tree, main, given: str = "", headline: str = "") -> dict[str, str]:
    """What the page says of itself, for a post's front matter: its description (the
    standfirst, unless the body has it already; where the page names none, its ``_intro``),
    URL, author and date of publication."""
    from html import unescape

    first = {
        "description": ("og:description", "description", "twitter:description"),
        "author": ("author", "article:author", "byl"),
        "date": ("article:published_time", "date", "pubdate", "og:published_time"),
    }
    fields = {}
    for name, keys in first.items():
        for wanted in keys:
            found = tree.xpath("//meta[@property=$k or @name=$k]/@content", k=wanted)
            # unescaped once more: sites escape twice ("&amp;quot;"), no one means it
            value = " ".join(unescape(str(found[0])).split()) if found else ""
            if value and not re.match(r"https?://", value):
                fields[name] = re.sub(r"^By\s+", "", value) if name == "author" else value
                break
    if "description" not in fields:
        intro = _intro(tree, main, headline)
        if intro:
            fields["description"] = intro
    elif _key_text_in(key_text(fields["description"]), main):
        fields.pop("description")
    url = page_url(tree, given)
    if url:
        fields["url"] = url
    return fields


_WRITTEN = frozenset("p head list quote".split())  # the extractor's blocks that are written


def _intro(tree, main, headline: str) -> str:
    """The sentence (eight words or more, ending in a full stop) set apart right above the
    article's text, nearer it than any other text (``_lead_headings``), that is not the
    ``headline`` and is in none of the extractor's written blocks: the story's first
    sentence in bold, which the extractor leaves out. Else ""."""
    shown = _lead_blocks(tree, main, any_block=True)
    if not shown:
        return ""
    text = shown[0][0]
    if (
        len(text.split()) < 8
        or not _SENTENCE_END.search(text)
        or key_text(text) == key_text(headline)
        or any(_key_text_in(key_text(text), e) for e in main if e.tag in _WRITTEN)
    ):
        return ""
    return text


def key_text(text: str) -> str:
    """Text for comparing: letters and digits only, case folded."""
    return _NOT_ALNUM.sub("", text.casefold())


def _key_letters(element) -> int:
    """The letters and digits of an extracted block's text (``key_text``): its length, as the
    import's rules weigh blocks."""
    return len(key_text(_plain(element)))


_NOT_ALNUM = re.compile(r"[\W_]+")  # (what ``str.isalnum`` is not, character for character)


def _key_text_in(wanted: str, element) -> bool:
    """Is ``wanted`` (a ``key_text``) in the ``key_text`` of ``element``'s text? Read a piece
    of text at a time, never the whole text (an article's) joined and copied."""
    if not wanted:
        return True
    kept = ""  # the end of the key text so far, where ``wanted`` may begin
    for piece in element.itertext():
        window = kept + key_text(piece)
        if wanted in window:
            return True
        kept = window[max(len(window) - len(wanted) + 1, 0) :]
    return False


def _front_matter(fields: dict[str, str]) -> str:
    """``fields`` as a YAML front matter block (double-quoted values), or nothing."""
    if not fields:
        return ""
    quoted = {k: v.replace("\\", "\\\\").replace('"', '\\"') for k, v in fields.items()}
    return "---\n" + "".join(f'{k}: "{v}"\n' for k, v in quoted.items()) + "---\n\n"


_INLINE = frozenset(
    """a abbr b bdi bdo br cite code data dfn em i kbd mark q s samp small span strong sub sup
    time u var wbr""".split()
)
# Elements that are blocks of a page.
_BLOCKS = frozenset(
    """address article aside blockquote center dd div dl dt fieldset figcaption figure footer
    form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table ul""".split()
)
_TITLE_SEPARATOR = re.compile(
    r"\s+(?:[|\-–—»·:>/@]|::|--)\s+|(?<=\w)_(?=[A-Z])"
    r"|(?:(?<=\.com)|(?<=\.net)|(?<=\.org)|(?<=\.co\.uk)):\s+"  # "NDTV.com: Headline"
)


def _prepare(tree, url: str = "") -> None:
    """The page made ready for the extractor: links and images absolute (against ``<base>``,
    ``url`` where one is given, else the canonical URL or ``og:url``), text set without
    ``<p>`` made into paragraphs (``pagetext.runs_as_paragraphs``), a ``div`` of inline
    content only read as a paragraph (the extractor cuts one at each child; one with a block
    inside an inline element, a ``<div>`` in a ``<span>``, is not one), emphasis inside a
    link dropped (the extractor drops such a link), links around blocks (cards of other
    stories) left out, runs of one emphasis split by an editor joined
    (``_join_split_emphasis``), line breaks and bold type drawn by a style sheet read as
    such (``_styled_as_html``)."""
    from lxml import etree

    from pipeline import pagetext

    base = page_url(tree, url)
    if base:
        tree.make_links_absolute(base, resolve_base_href=False, handle_failures="ignore")
    _drop_story_cards(tree)
    _styled_as_html(tree)
    pagetext.runs_as_paragraphs(tree)
    for div in list(tree.iter("div")):
        children = [c for c in div if isinstance(c.tag, str)]
        if not all(c.tag in _INLINE for c in children) or not div.text_content().strip():
            continue
        if not any(isinstance(e.tag, str) and e.tag in _BLOCKS for e in div.iterdescendants()):
            div.tag = "p"
    for link in tree.iter("a"):
        etree.strip_tags(link, "em", "i", "b", "strong", "u", "span")
    _join_split_emphasis(tree)
    _spaces_kept_between_inline(tree)
    for paragraph in tree.iter("p"):
        if _CHROME_ID.search(paragraph.get("id") or "") and _prose(paragraph):
            del paragraph.attrib["id"]


# The ids for which the extractor leaves out a paragraph (trafilatura's OVERALL_DISCARD_XPATH,
# its tokens as it tests them: case counts), and some sites give each paragraph a random id
# (Vox's "NavzzU": a film's whole review was lost): a paragraph of prose with such an id
# (``_prose``) has it taken off before the extractor reads the page (an id that names the
# article, "articleBody", is the extractor's sign of the story, and stays).
_CHROME_ID = re.compile(
    r"^shar|social|viral|newsletter|syndication|tags|sidebar|banner|bread-?crumb|button|author"
    r"|^(?:jp-|dpsp-content)|bmdh|[Ff]ooter|[Ss]hare|[Nn]av|menu|related|message-container"
    r"|premium|^ad-|cookie"
)
_PROSE_WORDS = 30  # the fewest words of a paragraph of prose
_PROSE_LINKED = 0.2  # the most of its characters that are links' words


def _prose(paragraph) -> bool:
    """Is ``paragraph`` (a page's ``<p>``) prose: a paragraph of the article's shape
    (``_body_paragraph``) of ``_PROSE_WORDS`` words or more, little of it linked (a footer of
    links ending in "All rights reserved." is not)?"""
    text = _plain(paragraph)
    linked = sum(len(_plain(a)) for a in paragraph.iter("a"))
    return (
        len(text.split()) >= _PROSE_WORDS
        and linked <= _PROSE_LINKED * len(text)
        and _body_paragraph(paragraph)
    )


_EMPHASIS = ("b", "strong", "em", "i", "u")


def _styled_as_html(tree) -> None:
    """Read a ``<span>`` whose class is ``br`` (and that holds nothing) as a line break, and
    one whose class is ``strong`` as bold type, as the site's style sheet draws them: the
    Times of India sets its subheads as ``<span class="strong">`` between two ``<span
    class="id-r-component br">``, and the subhead ran on into the paragraph after it with
    no space ("Kaimur Hillsin Sidhi district")."""
    for span in tree.iter("span"):
        classes = (span.get("class") or "").split()
        if "br" in classes and len(span) == 0 and not (span.text or "").strip():
            span.tag, span.text = "br", None
        elif "strong" in classes:
            span.tag = "strong"


def _spaces_kept_between_inline(tree) -> None:
    """Move the space after an inline element (``<em>is currently</em> <a>streaming</a>``,
    ``<strong><a>was sacked</a> </strong>last night``) into it, after its last word: the
    extractor drops a tail of spaces only, and the words ran together ("currentlystreaming on
    Netflix", a real page's every line of links; "sackedlast night").
    An inline element of spaces only (``means<em> </em>predictable``), which the extractor
    drops with its spaces, is made its spaces."""
    spaced = tuple(_INLINE - {"br", "wbr"})  # (inline elements that hold text)
    for element in list(tree.iter(*spaced)):
        text = element.text or ""
        if len(element) == 0 and text and text.isspace() and element.getparent() is not None:
            element.drop_tag()
    for element in tree.iter(*spaced):
        tail = element.tail
        if not tail or not tail.isspace():
            continue
        words = [t for t in element.xpath(".//text()") if t.strip()]
        if not words:
            continue
        last = words[-1]  # (the element's last text with words, its own or a tail inside it)
        owner, attribute = last.getparent(), "tail" if last.is_tail else "text"
        setattr(owner, attribute, getattr(owner, attribute) + tail)
        element.tail = None


def _join_split_emphasis(tree) -> None:
    """Join each run of emphasis elements of one tag with nothing between them into one
    (an editor's markup: ``<strong>The g</strong><strong>ov</strong><strong>ernment</strong>``):
    the extractor keeps each apart, so a bold subhead was read as pieces parted by spaces
    ("The g ov ernment") and words in a paragraph written ``**bo****ld**``, which CommonMark
    publishes with its asterisks."""
    for element in list(tree.iter(*_EMPHASIS)):
        if element.getparent() is None:
            continue  # (joined into the one before it)
        following = element.getnext()
        while following is not None and following.tag == element.tag and not element.tail:
            if len(element):
                last = element[-1]
                last.tail = (last.tail or "") + (following.text or "")
            else:
                element.text = (element.text or "") + (following.text or "")
            element.extend(list(following))
            element.tail = following.tail
            element.getparent().remove(following)
            following = element.getnext()


_CARD_BLOCKS = frozenset("div p h2 h3 h4 h5 h6 ul ol li section article blockquote".split())
_CARD_HEADINGS = frozenset("h2 h3 h4 h5 h6".split())


def _drop_story_cards(tree) -> None:
    """Leave out each link that holds blocks of text: a card that links to another story
    (its headline, date, summary, picture), never the article's own text. A link around the
    page's headline (``<h1>``), or a figure without a heading beside it, is kept."""
    cards = []
    for link in tree.iter("a"):
        inside = {e.tag for e in link.iterdescendants() if isinstance(e.tag, str)}
        pictured = inside & {"figure", "figcaption"} and not inside & _CARD_HEADINGS
        if inside & _CARD_BLOCKS and "h1" not in inside and not pictured:
            if link.text_content().strip():
                cards.append(link)
    for card in cards:  # (one inside another goes with it)
        card.drop_tree()


# The class or id of a page's part that is no article's text: a photo gallery or slide show, a
# video player (and its menus), share buttons, lists of other stories, promos and sidebars.
_WIDGET = re.compile(
    r"gallery|slide-?show|carousel|video-?js|\bvjs-|player|share|social|related|recirc"
    r"|widget|promo|newsletter|sidebar|outbrain|taboola|zergnet|most-?(?:read|popular)"
    # a content system's label of a field ("Episode Teaser Image:", Drupal's ``field-label``)
    r"|\bstream|(?<![\w-])field(?:-|__)label(?![\w-])",
    re.IGNORECASE,
)
_CARD_WORDS = 50  # the most words of an ``<aside>`` in the article that is a card or promo


# five lowercase words or more joined by hyphens, as a heading's text is made an anchor (not
# a framework's id: "ctl00_ContentModule_46348_DayportPlayer")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+){4,}")


def _id_name(element) -> str:
    """An element's ``id`` as a name of what it is, or "" where the id is a slug of its
    text (a slide's or a section's heading made an anchor: "zendaya-promoted-dune-part-two-
    in-london-1", which no widget is named by, whatever words it holds)."""
    value = element.get("id") or ""
    return "" if _SLUG.fullmatch(value) else value


def _widget_keys(tree, main) -> set[str]:
    """The ``_prefix_key`` of each block of the page's widgets, and of no block elsewhere.
    A widget is a part of the page that its markup names as one (``_WIDGET``: a photo gallery, a
    video player's menus, share buttons, lists of other stories, promos), or a short
    ``<aside>`` that links to another page (a card of another story, a deals promo). A part
    that holds the page's ``<h1>`` or the article's first paragraph (the extractor's first
    ``_body_paragraph`` outside such parts, else its first, else, where it has none, its first
    paragraph: a song's lines), or more than half of its paragraphs, is the article's,
    whatever its name (a wrapper named for its share buttons, a column named as a widget
    below a standfirst that is not), and so is each part of the same tag and class as such a
    part (the article's column in chunks, advertisements between them). (The extractor is
    given the whole page: what it finds depends on all of it.)"""
    named = set()  # (the elements themselves: lxml keeps one proxy while it is held)
    for element in tree.iter("div", "section", "aside", "ul", "ol", "li", "nav", "figure", "p"):
        names = f"{element.get('class') or ''} {_id_name(element)}"
        if element.tag == "aside" and not _WIDGET.search(names):
            linked = any((a.get("href") or "").strip() for a in element.iter("a"))
            if not linked or len(" ".join(element.itertext()).split()) > _CARD_WORDS:
                continue
        elif not _WIDGET.search(names):
            continue
        named.add(element)
    if not named:
        return set()
    blocks = by_prefix_key(tree.iter(*_BLOCK_TAGS, "div"))

    def in_named(element) -> bool:
        return any(e in named for e in (element, *element.iterancestors()))

    # the extractor's paragraphs, and the items of its lists that read as article text (a
    # slide show's slides, each a heading and its paragraph, where the article is one)
    items = [i for e in main if e.tag == "list" for i in e.iter("item") if _body_paragraph(i)]
    extracted = [p for p in main if p.tag == "p"] + items
    shown = [(p, blocks[k]) for p in extracted if (k := _prefix_key(p)) in blocks]
    # paragraphs of the article's shape, where it has any (else any: a song's lines)
    found = [f for p, f in shown if _body_paragraph(p)] or [f for _, f in shown]
    # the first outside named parts, else the first (the article's column may be named
    # for the sidebar beside it)
    lead = next((f for f in found if not all(in_named(e) for e in f)), found[0] if found else [])
    anchors = [*tree.iter("h1"), *lead]
    protected = {a for anchor in anchors for a in (anchor, *anchor.iterancestors())}
    holds: dict = {}  # named parts: how many of the article's paragraphs each holds
    for first in (f[0] for f in found):
        for above in (first, *first.iterancestors()):
            if above in named:
                holds[above] = holds.get(above, 0) + 1
    protected |= {part for part, held in holds.items() if 2 * held > len(found)}
    # the article's column named as a widget, split into chunks by advertisements: each
    # chunk of the same tag and class is the article's too
    columns = {(e.tag, e.get("class")) for e in named & protected if e.get("class")}
    widgets = {e for e in named - protected if (e.tag, e.get("class")) not in columns}
    keys, elsewhere = set(), set()
    for element in tree.iter(*_BLOCK_TAGS):
        inside = any(e in widgets for e in (element, *element.iterancestors()))
        (keys if inside else elsewhere).add(_prefix_key(element))
    posts = {  # an embedded post is quoted by the article, whatever its wrapper is named
        _prefix_key(b)
        for b in tree.iter("blockquote")
        if _EMBEDDED_POST.search(b.get("class") or "")
    }
    return keys - elsewhere - posts - {""}


def web_address(url: str) -> str:
    """``url`` if it is an absolute web address (``http://`` or ``https://`` and a host),
    else a user error."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
    except ValueError:
        parts = None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise L10nError(f"--url {url!r}: give the page's address, as https://example.com/story")
    if re.search(r"\s", url):
        raise L10nError(f"--url {url!r}: an address has no spaces")
    return url


def relative_links(markdown: str) -> list[str]:
    """The targets of the links and images in ``markdown`` that are relative to the address
    of the page they came from (``/news/story``, ``../img/a.jpg``): they lead nowhere where
    the article is published. In-page anchors (``#notes``) are not counted."""
    from markdown_it import MarkdownIt

    parser, found, start = MarkdownIt("commonmark"), [], 0
    # a block at a time, and only those with a link: the tokens of a long article at once
    # would hold several times its size
    for end in (*(m.start() for m in re.finditer(r"\n\n", markdown)), len(markdown)):
        block, start = markdown[start:end], end
        if "](" not in block:
            continue
        for token in parser.parse(block):
            for child in token.children or ():
                target = child.attrGet("href") if child.type == "link_open" else None
                if child.type == "image":
                    target = child.attrGet("src")
                if isinstance(target, str) and target and not target.startswith(("#", "//")):
                    if not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", target):
                        found.append(target)
    return found


def page_url(tree, given: str = "") -> str:
    """The page's own absolute URL: ``<base href>`` (read against the URL below when
    relative), the URL ``given`` (where the page came from: ``l10n import --url``),
    ``<link rel="canonical">`` or ``og:url``; empty when the page names none and none is
    given."""
    from urllib.parse import urljoin

    found = given
    for xpath in ('//link[@rel="canonical"]/@href', '//meta[@property="og:url"]/@content'):
        values = [str(v).strip() for v in tree.xpath(xpath) if str(v).strip()]
        if not found and values and re.match(r"https?://", values[0]):
            found = values[0]
    base = [str(v).strip() for v in tree.xpath("//base/@href") if str(v).strip()]
    if base:
        joined = urljoin(found, base[0])
        return joined if re.match(r"https?://", joined) else found
    return found


def _plain(element) -> str:
    """An element's words, whitespace runs as one space; a line break (``<lb/>``, ``<br>``)
    is a space ("DON'T MISS<lb/>Plague …": "DON'T MISS Plague …")."""
    if next(element.iter("lb", "br"), None) is None:
        return " ".join("".join(element.itertext()).split())
    out: list[str] = []

    def walk(node) -> None:
        if node.tag in ("lb", "br"):
            out.append(" ")
        elif isinstance(node.tag, str) and node.text:
            out.append(node.text)
        for child in node:
            walk(child)
            out.append(child.tail or "")

    walk(element)
    return " ".join("".join(out).split())


_META_CONTENT = "//meta[@property=$k or @name=$k]/@content"
# a class or id of a headline: "headline", "title", "heading", "articleheader", "storyhead"
_HEADLINE_NAME = re.compile(
    r"headline|title|heading|(?:article|story|news|post|entry)[-_]?head", re.IGNORECASE
)
# a class or id of the line over or under a headline, not of the headline: "subheadline",
# "overtitle", "sub_head" (a byline, a dek, a kicker)
_BESIDE_HEADLINE = re.compile(r"(?:sub|over|super|pre)[-_]?(?:head|title)", re.IGNORECASE)
# a class or id of a section's name: "litSectionName", "section-name" (not "section-heading":
# a site's name for its story's headline)
_SECTION_NAME = re.compile(r"section[-_]?name", re.IGNORECASE)
_HEADLINE_WORDS = 40  # the most words of a headline
_HEADLINE_SHARE = 0.5  # the least share of the title's story part a heading it names has
# a link to a site's front page (a logo's): its path is "/" or an index page
_HOME = re.compile(r"^(?:(?:https?:)?//[^/?#]+/?|/)(?:(?:index|default|home)\.\w+)?(?:[?#]|$)")
# a dateline set as a heading: a year with a month's name or a time ("Tuesday 8th January
# 2008", "04:52 PM PST on Friday, January 18, 2008", "15 Jan, 2008, 1202 hrs IST")
_DATED = re.compile(  # (anchored: each look ahead reads the text once, not once a position)
    r"(?s)^(?=.*\b(?:19|20)\d\d\b)(?=.*(?:\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    r"[a-z]*\b|\b\d{1,2}:\d\d\b))"
)
# a line that credits a news agency or service, a byline without "By" ("THE CANADIAN PRESS",
# "Murray McCormick, Canwest News Service; Regina Leader-Post")
_AGENCY = re.compile(
    r"^(?:[^.!?,;]{1,60}[,;]\s*)?(?:the\s+)?[\w.'’&-]*\s*(?:associated press|canadian press"
    r"|press association|news services?|wire services?|press trust of india|agence france.presse"
    r"|united press international|(?:yonhap|xinhua|kyodo) news agency)(?:\s*[,;][^.!?]{0,60})?$",
    re.IGNORECASE,
)
_LEAD_WORDS = 3  # the fewest words of a heading that is taken over a title that names none
_LETTER = re.compile(r"[^\W\d_]")


def _words(text: str) -> int:
    """The words of ``text``: its parts between spaces that hold a letter or a digit ("|
    Print |" is one word, "OddsPreview.com" one)."""
    return sum(1 for part in text.split() if re.search(r"\w", part))


_LABEL_WORDS = 3  # the most words of a line in capitals that is a section's label
# the heading of the page's navigation, hidden but for screen readers ("bbc.co.uk Navigation")
_REGION_HEADING = re.compile(r"(?i)(?:\S+\s+){0,2}navigation$")


def _label(text: str, named: list[str]) -> bool:
    """Is ``text`` a section's label in capitals that the page's title names, never a
    headline ("SPORTS PLUS" under the title "Bangkok Post : SPORTS PLUS", "NEWS ARTICLE",
    "TOP STORIES")? (A headline in capitals the title does not name, "OBAMA WINS IOWA" under
    the paper's name, is a headline.)"""
    if len(text.split()) > _LABEL_WORDS or text.upper() != text or text == text.lower():
        return False
    return any(key_text(text) in key_text(title) for title in named)


# (an iframe's text is shown only by a browser without frames: an ad's fallback link)
_NOT_SHOWN = frozenset("head title script style noscript template iframe".split())


def _above_article(tree, main) -> list | None:
    """The page's shown elements that begin above the article's text, in the page's order:
    above the first place where the page's text (its elements' texts and tails, read as
    ``key_text``, a block's text that follows a headline in the same cell as much as an
    element's own) begins with the first words of the extractor's first paragraph that can
    open the article (``_opening``; else its first body paragraph; else, the whole story in
    one block, its first of ``_RUN_SENTENCES`` sentences or more). A place in a list or a
    link is a teaser of the story (a ticker), passed over for the next; where there are only
    teasers, the first. None where the article's start is not found."""
    paragraphs = [e for e in main if e.tag == "p"]
    first = next((e for e in paragraphs if _opening(e)), None)
    first = first if first is not None else next(filter(_body_paragraph, paragraphs), None)
    if first is None:  # the whole story in one block, ending in a credit ("- Sapa")
        first = next((e for e in paragraphs if _sentences(_plain(e)) >= _RUN_SENTENCES), None)
    want = _prefix_key(first) if first is not None else ""
    if len(want) < 20:
        return None
    begun = 0  # the elements begun so far
    teaser = None
    pending: list[tuple[str, int, object]] = []  # texts so far that may begin ``want``
    for element, text, tail in _reading(tree):
        if text is None:
            begun += 1
            continue
        key = key_text(text)
        if not key:
            continue
        # (the element whose own text this is is not above it; one whose tail it is, is)
        above, holder = (begun, element.getparent()) if tail else (begun - 1, element)
        kept = []
        for so_far, at, owner in [*pending, ("", above, holder)]:
            so_far += key
            if so_far.startswith(want):
                if not any(a.tag in ("li", "a") for a in (owner, *owner.iterancestors())):
                    return list(islice(_shown_elements(tree), at))
                teaser = at if teaser is None else teaser
            elif want.startswith(so_far):
                kept.append((so_far, at, owner))
        pending = kept
    return list(islice(_shown_elements(tree), teaser)) if teaser is not None else None


def _reading(tree):
    """The page's shown elements and texts in reading order: (element, None, False) where an
    element begins, (element, its text, False), and (element, its tail, True) after it."""
    root = tree.getroot() if hasattr(tree, "getroot") else tree

    def walk(node):
        yield node, None, False
        if node.text:
            yield node, node.text, False
        for child in node:
            if isinstance(child.tag, str) and child.tag not in _NOT_SHOWN:
                yield from walk(child)
            if child.tail:
                yield child, child.tail, True

    yield from walk(root)


def _shown_elements(tree):
    """The page's shown elements in reading order (``_reading``)."""
    return (element for element, text, _ in _reading(tree) if text is None)


_RUN_SENTENCES = 3  # the fewest sentences of a block that holds a whole story


def _sentences(text: str) -> int:
    """How many sentences ``text`` holds: ends of sentences followed by a capital."""
    return len(re.findall(r"[.!?][\"”’')]*\s+[\"“‘']?[A-Z]", text))


def _opening(element) -> bool:
    """Can an extracted paragraph open the article: a body paragraph (``_body_paragraph``) that
    does not end in an ellipsis (a teaser of another story, cut short: "... killing seven
    students...") and is not of a ``BOILERPLATE`` shape (a copyright line)?"""
    text = _plain(element)
    return (
        _body_paragraph(element)
        and not text.rstrip("\"”’')").endswith(("...", "…"))
        and not BOILERPLATE.search(text)
    )


def _headline_named(element) -> bool:
    """Is ``element`` a wire's ``<headline>``, or does its class or id name a headline
    (``_HEADLINE_NAME``), not the line over
    or under one (``_BESIDE_HEADLINE``: ``<span class="subheadline">``, ``<div
    class="article_overtitle">``)?"""
    if element.tag == "headline":  # (a wire's tag, copied into the page with its story)
        return True
    names = f"{element.get('class') or ''} {element.get('id') or ''}"
    return bool(_HEADLINE_NAME.search(_BESIDE_HEADLINE.sub(" ", names)))


def _section_named(element) -> bool:
    """Does ``element``'s class or id name it a section's name, not a story's headline
    (``<h1 id="litSectionName">Local Sports Wire</h1>``)?"""
    return bool(_SECTION_NAME.search(f"{element.get('class') or ''} {element.get('id') or ''}"))


def _lead_headings(tree, main, any_block: bool = False) -> list[str]:
    """The page's headings above the article's text (``_above_article``), nearest first:
    ``<h1>`` to ``<h6>`` and the elements whose class or id names a headline, a title or the
    article's head (``_headline_named``: ``<p class="headline">``, ``<td
    class="articleheader">``, 2008's markup), of two to ``_HEADLINE_WORDS`` words, read
    without a dateline of their own (``_heading_text``). Bylines, an agency's credit
    (``_AGENCY``), datelines (``_DATED``), the page's description (a dek) and a logo (a link
    to the site's front page) are not headings. With ``any_block``, any element that holds
    text of its own and no link, and is not inside a link or a list to choose from (a
    ``<select>``'s options), is taken as a heading (a page with no title and no heading:
    ``<b>``, ``<div>``)."""
    return [text for text, _, _ in _lead_blocks(tree, main, any_block)]


def _lead_blocks(
    tree, main, any_block: bool = False, host: frozenset | None = None
) -> list[tuple[str, bool, object]]:
    """``_lead_headings``, each with whether it is a heading (not only a block of text), and
    its element. ``host``: the site's names by its host (``_host_names``; else read from the
    page's own URL)."""
    above = _above_article(tree, main)
    if not above:
        return []
    described = {key_text(str(v)) for k in _DESCRIPTION for v in tree.xpath(_META_CONTENT, k=k)}
    # (a description that is the title's story part is the headline again, not a dek)
    host = _host_names(page_url(tree)) if host is None else host
    described -= {key_text(_story_part(title, host)) for title in _titles(tree)}
    found: list[tuple[str, bool, object]] = []
    for element in above:
        heading = element.tag in ("h1", "h2", "h3", "h4", "h5", "h6") or _headline_named(element)
        shown = (
            any_block
            and (element.text or "").strip()
            and next(element.iter("a"), None) is None
            and not any(a.tag in ("a", "select") for a in element.iterancestors())
        )
        if shown or heading:
            text = _heading_text(element)
            if 2 <= len(text.split()) <= _HEADLINE_WORDS and not (
                BYLINE.match(text)
                or _AGENCY.match(text)
                or BOILERPLATE.search(text)
                or key_text(text) in described
                or _logo(element)
                or _section_named(element)
                or _DATED.search(text)
            ):
                found.append((text, heading, element))
    return found[::-1]


def _heading_text(element) -> str:
    """An element's words, less its scripts and styles and less a dateline (``_DATED``) set in
    an element of its own inside it: "Wurz joins Honda as test driver <span>Thursday, 10,
    January, 2008, 09:14</span>" reads "Wurz joins Honda as test driver"."""
    dated = {
        inner
        for inner in element.iterdescendants()
        if isinstance(inner.tag, str) and _DATED.search(_plain(inner))
    }
    words = []
    for piece in element.xpath(".//text()[not(ancestor::script or ancestor::style)]"):
        owner = piece.getparent().getparent() if piece.is_tail else piece.getparent()
        while owner is not element and owner not in dated:
            owner = owner.getparent()
        if owner is element:
            words.append(piece)
    return " ".join(" ".join(words).split())


def _logo(element) -> bool:
    """Is ``element`` (a heading) a link to the site's front page: its logo?"""
    return any(_HOME.search(str(a.get("href") or "").strip()) for a in element.iter("a"))


def _headline(tree, main, url: str = "") -> str:
    """The article's headline, the first of: the heading or the text above the article's that
    the page's title (``og:title`` or ``<title>``) names (``_named_lead``); the page's
    ``<h1>`` that it names (``_named_h1``); a heading anywhere that is the title's story part
    (``_title_heading``); the heading or the line nearest above the article's text where the
    title, sharing no word with it, names the site (``_unnamed_lead``); the title without the
    site's name ("Headline | Site"); the first ``<h1>`` (above the article's text, where its
    start is found: not a gallery's below it); the extractor's first heading of two words
    or more (not a section's name, "News"); the text nearest above the article's (a page
    with no title and no heading) that is not a sentence (a standfirst) or beside a picture
    (a caption). ``url``: where the page came from (its host names the site)."""
    named = _titles(tree)
    host = _host_names(page_url(tree, url))
    blocks = [
        (text, heading, element)
        for text, heading, element in _lead_blocks(tree, main, any_block=True, host=host)
        if _words(text) > 1
        and not (_label(text, named) or _DAY.match(text) or _REGION_HEADING.match(text))
    ]
    sites = frozenset(
        key_text(str(v)) for v in tree.xpath('//meta[@property="og:site_name"]/@content')
    ) - {""}
    found = (
        _named_lead(named, blocks, sites, host)
        or _named_h1(tree, named)
        or _title_heading(tree, named)
        or _unnamed_lead(named, blocks)
    )
    if found:
        return found
    nearest = _nearest_h1(tree, main, named)
    if nearest:
        return nearest
    if named:
        return _DANGLING.sub("", _story_part(named[0]))
    if blocks:  # the <h1> above the article's text that is farthest from it
        first = next((t for t, _, e in reversed(blocks) if e.tag == "h1"), "")
    else:  # (where the article's start is not found, the page's first)
        first = next((h for h in (_plain(h1) for h1 in tree.iter("h1") if not _logo(h1)) if h), "")
    if first:
        return first
    head = next((e for e in main if e.tag == "head" and _words(_plain(e)) > 1), None)
    if head is not None:  # (not of one word: a section's name, "News")
        return _plain(head)
    # a print page of 2008: no title, no heading
    lines = [t for t, _, e in blocks if not (_SENTENCE_END.search(t) or _beside_picture(e))]
    return lines[0] if lines else blocks[0][0] if blocks else ""


def _titles(tree) -> list[str]:
    """The page's titles: its ``og:title`` and its ``<title>``, spaces made single."""
    named = [str(v) for v in tree.xpath('//meta[@property="og:title"]/@content')]
    named += [_plain(t) for t in tree.iter("title")]
    return [" ".join(n.split()) for n in named if n.strip()]


def _story_part(meta: str, site: frozenset = frozenset()) -> str:
    """A title's story part: its longest (split at ``_TITLE_SEPARATOR``: "Headline | Site");
    where that is not the title's first part and begins with the site's name (``site``,
    ``key_text`` names: the host's, ``_host_names``, or ``og:site_name``), the longest of
    the others ("'Bucket List' Tops Box Office - Starpulse Entertainment News Blog" of
    www.starpulse.com; never "Kansas City teacher wins award | … | The Kansas City Star",
    the title's first part)."""
    parts = _TITLE_SEPARATOR.split(meta)
    longest = max(parts, key=len)
    if longest is parts[0] or not site or not _names_site(longest, site):
        return longest
    return max((p for p in parts if p is not longest), key=len, default=longest)


def _names_site(part: str, site: frozenset) -> bool:
    """Does ``part`` begin with one of the site's names, in whole words, after a leading
    "The" ("Starpulse Entertainment …" of ``starpulse``; "The Economic Times" of
    ``economictimes``; not "Japan …" of ``ap``)?"""
    words = re.findall(r"[^\W_]+", part.casefold())
    for start in (0, 1) if words[:1] == ["the"] else (0,):
        joined = ""
        for word in words[start:]:
            joined += word
            if joined in site:
                return True
    return False


_DOMAIN_LABELS = frozenset("www com net org co gov edu ac news".split())


def _host_names(url: str) -> frozenset:
    """The names a page's host gives its site, as ``key_text``: its labels of four letters or
    more other than ``www`` and the domains above the site's ("starpulse" of
    www.starpulse.com; "foxsports" of www.foxsports.com.au); none without a URL."""
    from urllib.parse import urlsplit

    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return frozenset()
    labels = host.split(".")[:-1]  # (the top-level domain is no name)
    return frozenset(
        key
        for key in (key_text(label) for label in labels)
        if len(key) >= 4 and key not in _DOMAIN_LABELS
    )


_H1_WORDS = 4  # the fewest words of an ``<h1>`` taken for the headline over the page's title


def _nearest_h1(tree, main, named: list[str]) -> str:
    """The ``<h1>`` nearest above the article's text, of ``_H1_WORDS`` words or more, that is
    not a logo: the headline the article is set under, where the page's title is worded
    otherwise (written for search engines: "Amazon Alexa: 6 Can't-Miss Gadgets Powered by the
    Digital Assistant | Fortune.com" over "Here Are 6 Can't-Miss Gadgets Powered by Amazon's
    Alexa Assistant"); where it holds the title's story part (its longest) and more (a
    section's name: "Local News | …"), that part. Else ""."""
    above = _above_article(tree, main) or []
    for element in reversed(above):
        if element.tag == "h1" and not (_logo(element) or _section_named(element)):
            text = _heading_text(element)
            if len(text.split()) < _H1_WORDS:
                return ""
            for meta in named:
                story = _story_part(meta)
                if len(story.split()) > 1 and _beside_separator(text, story):
                    return story
            return text
    return ""


def _beside_separator(text: str, part: str) -> bool:
    """Does ``text`` hold ``part`` with the rest beside it joined by a separator ("Local News
    | Headline") or in brackets after it ("Headline (14/01/2008)"), not run on as more of one
    sentence ("Headline, Says Her …")?"""
    text, part = " ".join(text.split()), " ".join(part.split())
    at = text.find(part)
    if at < 0 or not part:
        return False
    before, after = text[:at], text[at + len(part) :]
    return (not before or bool(_JOINED.match(before[::-1]))) and (
        not after or bool(_JOINED.match(after) or re.match(r"\s*[(\[]", after))
    )


def _named_lead(
    named: list[str], blocks: list, sites: frozenset = frozenset(), host: frozenset = frozenset()
) -> str:
    """The heading above the article's text (of ``_lead_blocks``) that is the title's story
    part (``_story_part``, told the site's names: its ``host``'s and ``sites``); else the
    heading nearest the text that is one of the title's parts (a box's heading that is the
    site's name, "Kansas City Business Journal", may be nearer than the story's ``<h1>``,
    and a slide's heading than the slide show's), else that the title names loosely
    (``_title_names``); else the text nearest above the article's that the title so names
    or that begins or ends the title
    (``_title_joins``), where that text is nearer than any heading (farther, only one of
    the title's parts) and is not the site's name alone (``sites``: its ``og:site_name``);
    else ""."""
    lead = [text for text, heading, _ in blocks if heading]
    for meta in named:  # the title's story part, before its other parts (a box's, a slide's)
        story = key_text(_story_part(meta, host | sites))
        for heading in lead:
            if key_text(heading) == story:
                return heading
    for loosely in (False, True):  # a part of the title before a heading it names loosely
        for meta in named:
            for heading in lead:
                if _title_names(meta, heading, loosely):
                    return heading
    near = True  # (nearer the article's text than any heading)
    for text, heading, _ in blocks if named else ():
        near = near and not heading
        for meta in named:
            if key_text(text) in sites:
                continue  # the site's name alone (a picture's credit: "( The Daily )")
            if _title_names(meta, text, loosely=near) or near and _title_joins(meta, text):
                return text
    return ""


def _named_h1(tree, named: list[str]) -> str:
    """The page's first ``<h1>`` that a title names: its words are in the title (of one word,
    only as one of its parts: not "On-Line" of "Brandon Sun Online"); never a logo or a part
    of the title other than its first and its longest (the site's name: "Headline - Site").
    Else ""."""
    headings = [
        h
        for h in (_plain(h1) for h1 in tree.iter("h1") if not (_logo(h1) or _section_named(h1)))
        if h
    ]
    for meta in named:
        parts = _TITLE_SEPARATOR.split(meta)
        site = {key_text(p) for p in parts[1:] if p != max(parts, key=len)}
        for heading in headings:
            found = key_text(heading)
            if found and found in key_text(meta) and found not in site:
                if len(heading.split()) > 1 or found in {key_text(p) for p in parts}:
                    return heading
    return ""


def _unnamed_lead(named: list[str], blocks: list) -> str:
    """The heading nearest above the article's text (where there is none and the page has a
    title, the line of text nearest above it that is not a sentence, a caption or figures
    only: past the story's first sentence in bold, a picture's caption and a date and time
    in figures, "20080109 15:24"), an ``<h1>`` or of
    ``_LEAD_WORDS`` words or more (or any, on a page with no title), where the title shares
    no word with it: such a title is the site's name or a section's ("Latest News"), or is
    garbled ("BBC SPORTi library-->"); or where the title ends in a separator with nothing
    after it (``_DANGLING``: "National Rail Enquiries -", the site's name alone). Else ""."""
    lead = [(text, element) for text, heading, element in blocks if heading]
    told = [n for n in named if not _DANGLING.search(n)]  # (one that names the site only)
    titled = {w for n in told for w in re.findall(r"\w{4,}", n.casefold())}
    if any(
        element.tag == "h1" and len(set(re.findall(r"\w{4,}", text.casefold())) & titled) > 1
        for text, element in lead
    ):
        return ""  # the title is worded as an <h1> above the article is: the story's, not a site's
    nearest = lead[0] if lead else None
    if not lead and named:  # no heading: the line of text nearest above
        nearest = next(
            (
                (text, element)
                for text, _, element in blocks
                if _LETTER.search(text)
                and not (_SENTENCE_END.search(text) or _beside_picture(element))
            ),
            None,
        )
    if nearest is None:
        return ""
    text, element = nearest
    if len(text.split()) >= _LEAD_WORDS or element.tag == "h1" or not named:
        words = set(re.findall(r"\w{4,}", text.casefold()))
        if not words & titled:
            return text
    return ""


_SENTENCE_END = re.compile(r"\.[\"'”’)]*$")  # a line that ends a sentence: a standfirst
# a title that ends in a separator with nothing after it: the site's name, the story's part
# left empty ("National Rail Enquiries -")
_DANGLING = re.compile(r"\s[-–—|:»·/]\s*$")


def _beside_picture(element) -> bool:
    """Is ``element`` beside a picture (its parent holds an ``<img>`` that is not an icon,
    ``_icon``): a caption?"""
    parent = element.getparent()
    return parent is not None and any(not _icon(img) for img in parent.iter("img"))


_ICON_PIXELS = 32  # the most pixels high of an icon (a video's or a printer's button)


def _icon(img) -> bool:
    """Is ``img`` an icon, not a picture: the buttons of an image map (``usemap``), or an
    image set ``_ICON_PIXELS`` high or less ("video_icon.gif", 15 pixels high)?"""
    height = re.match(r"\s*(\d+)\s*(?:px)?\s*$", str(img.get("height") or ""))
    return bool(img.get("usemap")) or (height is not None and int(height[1]) <= _ICON_PIXELS)


def _title_names(meta: str, text: str, loosely: bool = True) -> bool:
    """Does the title ``meta`` name ``text`` as the story's headline: as one of its parts
    (split at ``_TITLE_SEPARATOR``: "Headline_English_Site", "site.com -- Headline")? Or,
    ``loosely``, as half or more of its longest part, or as a text that holds that part and
    is in the title? (A site's or a section's name far above the article is named loosely
    too: "News Update Service" of "The Hindu News Update Service".)"""
    parts = _TITLE_SEPARATOR.split(meta)
    found, story = key_text(text), key_text(max(parts, key=len))
    if found in {key_text(p) for p in parts}:
        return True
    return loosely and (
        found in story
        and len(found) >= _HEADLINE_SHARE * len(story)
        or (story in found and found in key_text(meta))
    )


_JOINED = re.compile(r"\s*[-–—:|>»/_]")  # what joins a title's parts, spaced or not


def _title_joins(meta: str, text: str) -> bool:
    """Does the title ``meta`` begin or end with ``text``, joined to the rest by a separator
    that ``_TITLE_SEPARATOR`` does not split at ("Headline- Section-Site", "Site, Region
    News: Headline")?"""
    meta, text = " ".join(meta.split()), " ".join(text.split())
    if not key_text(text) or len(text) >= len(meta):
        return False
    if meta.startswith(text):
        return bool(_JOINED.match(meta[len(text) :]))
    return meta.endswith(text) and bool(_JOINED.match(meta[: -len(text)][::-1]))


def _title_heading(tree, named: list[str]) -> str:
    """A heading anywhere on the page (``<h1>`` to ``<h6>``, an element whose class or id names
    a headline), of ``_LEAD_WORDS`` words or more and not a logo, whose words are the whole of
    a title's story part (its longest part), else "". The page names its headline twice, as
    its title and as a heading: a heading above the article's text that the title does not
    name is another story's (the latest stories listed between the headline and the text)."""
    stories = {key_text(_story_part(meta)) for meta in named}
    stories.discard("")
    for element in tree.iter() if stories else ():
        if not isinstance(element.tag, str) or not (
            element.tag in ("h1", "h2", "h3", "h4", "h5", "h6") or _headline_named(element)
        ):
            continue
        text = _plain(element)
        if (
            key_text(text) in stories
            and len(text.split()) >= _LEAD_WORDS
            and not (_logo(element) or _section_named(element))
            and not any(a.tag in _NOT_SHOWN for a in element.iterancestors())
        ):
            return text
    return ""


def _head_level(head) -> int:
    """The level of one of the extractor's headings (``rend="h3"``: 3), at least 2."""
    match = re.fullmatch(r"h([1-6])", head.get("rend", ""))
    return max(2, int(match.group(1))) if match else 2


_TITLE_OPEN = re.compile(r"<title\b[^>]*>", re.IGNORECASE)
_TITLE_CLOSE = re.compile(r"</title\s*>", re.IGNORECASE)


def _parse_page(page: str, path: str | Path):
    """The page's element tree. A page nested deeper than the parser goes (libxml2 stops at
    256 elements and drops the rest) is refused, never read in part. A ``<title>`` that is
    never closed (a page saved with part of its head lost) ends where its line does, or at the
    first ``<`` if sooner: read to its close, as the parser would, it is all of the page."""
    from lxml import etree, html

    opened = _TITLE_OPEN.search(page)
    if opened is not None and not _TITLE_CLOSE.search(page, opened.end()):
        ends = [
            at for at in (page.find("<", opened.end()), page.find("\n", opened.end())) if at >= 0
        ]
        stop = min(ends, default=len(page))
        page = page[:stop] + "</title>" + page[stop:]
    page = _HTML_CLOSED.sub(r"\1>", page, count=1)
    parser = html.HTMLParser()
    try:
        tree = html.fromstring(page, parser=parser)
    except (etree.ParserError, ValueError):
        raise L10nError("not an HTML page (nothing to parse)", path) from None
    elements = sum(1 for _ in tree.iter())
    if elements > MAX_PAGE_ELEMENTS:
        raise L10nError(
            f"{elements:,} elements: a page of more than {MAX_PAGE_ELEMENTS:,} is refused "
            "(too slow to search for its article)",
            path,
        )
    for error in parser.error_log:
        if error.type_name == "ERR_RESOURCE_LIMIT" or "Excessive depth" in error.message:
            raise L10nError(
                f"elements nested more than {_MAX_DEPTH} deep: the page is refused rather "
                "than read in part",
                path,
                error.line,
            )
    _body_out_of_head(tree)
    _empty_inert(tree)
    return tree


# The page's ``<html>`` tag written closed (``<html … />``: a page saved with its first lines
# garbled, a logo's tag run into it): a browser ignores the slash; the parser ends the document
# there, and the whole page is lost.
_HTML_CLOSED = re.compile(r"^(\s*(?:<![^>]*>\s*)*<html\b[^>]*?)/\s*>", re.IGNORECASE)

# What a page's ``<head>`` holds; any other element starts the body, as a browser reads it.
_HEAD_ELEMENTS = frozenset(
    "base basefont bgsound link meta noframes noscript script style template title".split()
)


def _body_out_of_head(tree) -> None:
    """Move to the body the elements the parser left in the page's ``<head>`` from the first
    that a head cannot hold: an unknown tag there (a garbled ``<mbox>`` where the page's
    ``<body>`` was lost) keeps the rest of the page inside the head, where the extractor never
    looks; a browser closes the head at it and shows the rest as the body."""
    from lxml import etree

    head = tree.find("head") if tree.tag == "html" else None
    if head is None:
        return
    children = list(head)
    first = next(
        (
            at
            for at, e in enumerate(children)
            if isinstance(e.tag, str) and e.tag not in _HEAD_ELEMENTS
        ),
        None,
    )
    if first is None:
        return
    body = tree.find("body")
    if body is None:
        body = etree.Element("body")
        head.addnext(body)
    if body.text:  # (the body's own first text, after what is moved before it)
        last = children[-1]
        last.tail, body.text = (last.tail or "") + body.text, None
    for element in reversed(children[first:]):
        body.insert(0, element)


# Attributes of an inline SVG's elements that a reader of the page may look at (the extractor's
# and its fallbacks' patterns on class, id, style, role, aria-* and data-*); the rest (path data,
# transforms, coordinates) is drawing only.
_SVG_KEPT = frozenset("class id style role hidden itemprop href xlink:href".split())


def _empty_inert(tree) -> None:
    """Empty what no reader of the page looks at, before the page is serialised for the
    extractor (which parses and copies it several times over): the code of scripts, other than
    JSON-LD (the extractor reads an article's text there when it finds none in the page), style
    sheets, comments, and the drawing attributes of inline SVG. On large pages these are most of
    the bytes. The elements stay, so the page's structure and element count are as parsed."""
    from lxml import etree

    for comment in tree.iter(etree.Comment):
        comment.text = ""
    for element in tree.iter("script", "style"):
        if element.get("type") != "application/ld+json":
            element.text = None
    for svg in tree.iter("svg"):
        for element in svg.iter(etree.Element):
            drawn = [
                name
                for name in element.attrib
                if name not in _SVG_KEPT and not name.startswith(("aria-", "data-"))
            ]
            for name in drawn:
                del element.attrib[name]


def _md_start(text: str) -> str:
    """``text`` as the start of a line that stays a paragraph (no list, heading or quote)."""
    match = _MD_START.match(text)
    if not match:
        return text
    if match.group(1).isdigit():
        return text[: match.end()] + "\\" + text[match.end() :]
    return "\\" + text


def _md_list(element, kept, indent: str = "") -> list[str]:
    """A list of trafilatura's XML as Markdown lines: ``1.``, ``2.`` where the page numbers
    its items (``<list rend="ol">``), else ``-``; a list inside an item indented under the
    item's text (where the item is not written, left out or wordless, in its place); the
    items ``kept`` tells, each judged on its own."""
    import copy

    lines: list[str] = []
    number = 0
    for item in element.iterchildren("item"):
        inner = [child for child in item if child.tag == "list"]
        text = ""
        if kept(item):
            own = item
            if inner:  # (the item's own words: a copy without the lists inside it)
                own = copy.deepcopy(item)
                for child in [c for c in own if c.tag == "list"]:
                    _drop_keeping_tail(child)
            text = _md_inline_xml(own)
        under = indent  # (a list inside an item not written: at the item's own place)
        if text:
            number += 1
            marker = f"{number}. " if element.get("rend") == "ol" else "- "
            lines.append(f"{indent}{marker}{_md_start(text)}")
            under = indent + " " * len(marker)
        for child in inner:
            lines += _md_list(child, kept, under)
    return lines


def _drop_keeping_tail(element) -> None:
    """Take ``element`` (a block) out of its parent, its tail text kept where it was, after a
    space ("text<list>…</list>more": "text more", as a minified page has it)."""
    parent, tail = element.getparent(), " " + (element.tail or "")  # (a block: a space)
    before = element.getprevious()
    if before is not None:
        before.tail = (before.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)


def _md_inline_xml(element) -> str:
    """An element of trafilatura's XML (``hi``, ``ref``, ``code``, ``lb``) as CommonMark that
    parses back to the same inline tree (``pipeline.commonmark``). Line breaks at its start
    or end are left out (a block of line breaks only is no text: a line of ``<br>`` alone
    would be read as raw HTML)."""
    text = " ".join(joined(_md_tokens_xml(element, count())).split())
    return _EDGE_BREAKS.sub("", text)


_EDGE_BREAKS = re.compile(r"^(?:<br>\s*)+|(?:\s*<br>)+$")


def _md_tokens_xml(element, pairs) -> list:
    """An element's content as CommonMark text and emphasis marks; the space at the edge of
    an emphasised run stays outside its delimiters."""
    out: list = [_MD_SPECIAL.sub(r"\\\1", element.text or "")]
    for child in element:
        inner = _md_tokens_xml(child, pairs)
        words = "".join(t for t in inner if isinstance(t, str))
        rend = child.get("rend", "")
        lead = words[: len(words) - len(words.lstrip())] and " "
        trail = words[len(words.rstrip()) :] and " "
        if child.tag == "lb":
            out.append("<br>")
        elif child.tag == "ref" and _followable(child.get("target")) and words.strip():
            target = re.sub(r"[\s()<>\\]", lambda m: f"%{ord(m.group()):02X}", child.get("target"))
            out += [lead, f"[{' '.join(joined(inner).split())}]({target})", trail]
        elif child.tag == "hi" and words.strip() and rend in ("#i", "#b", "#u"):
            kind, pair = "strong" if rend == "#b" else "em", next(pairs)
            out += [lead, Mark(kind, False, pair), *_stripped(inner), Mark(kind, True, pair), trail]
        elif (child.tag == "code" or rend == "#t") and words.strip():
            out += [lead, code_span("".join(child.itertext()).strip()), trail]
        elif child.tag in _XML_BLOCKS:
            out += [" ", *inner, " "]  # (a paragraph in a quote or an item: not run on)
        else:
            out += inner
        out.append(_MD_SPECIAL.sub(r"\\\1", child.tail or ""))
    return out


_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)
_WEB_SCHEME = re.compile(r"^(?:https?|mailto):", re.IGNORECASE)


def _followable(target: str | None) -> bool:
    """Is a link's target one a reader can follow from the article: a web or mail address (or
    a relative one), not a script ("javascript:void(0)") or a mistyped scheme ("ttps://…"),
    whose words are kept without the link?"""
    target = (target or "").strip()
    return bool(target) and (not _SCHEME.match(target) or bool(_WEB_SCHEME.match(target)))


def _stripped(tokens: list) -> list:
    """``tokens`` without the whitespace at either end of its text."""
    text = [i for i, t in enumerate(tokens) if isinstance(t, str) and t.strip()]
    rest = list(tokens)
    if text:
        rest[: text[0]] = [t for t in rest[: text[0]] if not isinstance(t, str)]
        text = [i for i, t in enumerate(rest) if isinstance(t, str) and t.strip()]
        rest[text[0]] = rest[text[0]].lstrip()
        rest[text[-1]] = rest[text[-1]].rstrip()
        rest[text[-1] + 1 :] = [t for t in rest[text[-1] + 1 :] if not isinstance(t, str)]
    return rest


# Paragraphs of the common shapes that sites put inside an article's body: links to other
# stories, newsletter and subscription promos, author contact lines, policy notes. The rest is
# for a project's ``chrome_patterns``.
_MONTH_NAME = (
    "(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_ORDINAL = r"(?:st|nd|rd|th)?"  # ("January 6th, 2008")
_DATE = rf"(?:\d{{1,2}}{_ORDINAL} {_MONTH_NAME} \d{{4}}|{_MONTH_NAME} \d{{1,2}}{_ORDINAL}, \d{{4}})"
_TIME = r"\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s+[a-z]{2,4})?"
# a day's date with no year, the whole line ("Tuesday January 15", "Sunday, 20 Jan."): a
# headline is never one (a month's name whole or cut short, not "Saturday Mayhem")
_DAY = re.compile(
    rf"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+(?:\d{{1,2}}{_ORDINAL}\s+)?"
    rf"(?:{_MONTH_NAME}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"
    rf"(?:\s+\d{{1,2}}{_ORDINAL})?$",
    re.IGNORECASE,
)
_SHORT_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?"
_WEEKDAY = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?"
# one part of a dateline: a date (with its weekday), a time, or how long ago
_STAMP = (
    rf"(?:(?:{_WEEKDAY}\s*,?\s+)?(?:\d{{1,2}} {_SHORT_MONTH},? \d{{4}}"
    rf"|{_SHORT_MONTH} \d{{1,2}}[,.]? \d{{4}}"  # ("January 18. 2008")
    rf"|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}})"
    rf"|(?:at\s+)?{_TIME}|\d+ (?:minutes?|hours?|days?) ago)"
)
_STAMP_LABEL = (
    r"(?:(?:first |last |page )?(?:published|updated?|posted|modified)(?: online)?(?: on| at)?:?)"
)
# one of a story's tools, as a bar of links names it ("Printer Friendly Page", "E-mail this
# story", "Read Comments (11)", "Digg", "Report this post")
_TOOL = (
    r"(?:(?:article |story )?(?:(?:easy )?print(?:er)?(?:[ -]friendly)?"
    r"(?: version| this| page| view)?"
    r"|printable|single[ -]page(?: view)?|rate(?: this)?|share(?: this)? \(\d+\)"
    r"|e?-?mail(?: this)?|send(?: this)?(?: (?:article|story|page))?(?: to (?:a )?friends?)?"
    r"(?: by e-?mail)?|share(?: this)?|save(?: this)?"
    r"|(?:e-?mail|send) a friend|printable version|top|back|contact us"
    r"|post (?:this (?:story|article) )?to:?|fark|nowpublic|yahoo!? buzz"
    r"|(?:read |post (?:a )?|add (?:a )?|view )?(?:\(\d+\) )?comments?(?: \(\d+\))?"
    r"|discuss(?: this)?"
    r"|bookmark(?: this| with:?)?|digg(?: this| it)?|del\.?icio\.?us|reddit|facebook|stumbleupon"
    r"|newsvine|technorati|furl|(?:subscribe to (?:[\w&]+ ){0,3})?rss(?: feeds?)?|reprints?"
    r"|syndication|(?:text|font) size(?: \w+)?"
    r"|larger|smaller|increase|decrease|report (?:this post|abuse|typo)|quote|permalink"
    r"|trackback|licen[cs]e"
    r"|most (?:e-?mailed|popular)|popular pages|subscribe|register|sign[ -]?in|log[ -]?in"
    r"|search|newsletters?|recommend(?: this)?)"
    r"(?: (?:story|article|page))?(?: to (?:a )?friend)?)"
)


class _Shapes:
    """A pattern of many alternatives, most of them anchored at the start of the text, that is
    only asked whether it is found (``search``, true or None). Searched as one pattern, every
    alternative is tried at every position of a paragraph (``BOILERPLATE``: 0.65 µs a
    character); here those anchored (``^``, ``(?-i:^``) are tried once, at the start, and only
    the others at every position. The alternatives are the pattern's top-level ones: it has
    no groups to number and no references to them."""

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern = pattern
        branches = _top_branches(pattern)
        anchored = [b for b in branches if b.startswith(("^", "(?-i:^"))]
        floating = [b for b in branches if not b.startswith(("^", "(?-i:^"))]
        self._anchored = re.compile("|".join(anchored) or "(?!)", flags)
        self._floating = re.compile("|".join(floating) or "(?!)", flags)

    def search(self, text: str) -> re.Match | None:
        return self._anchored.match(text) or self._floating.search(text)


def _top_branches(pattern: str) -> list[str]:
    """A pattern's top-level alternatives: split at each ``|`` outside groups and character
    classes (and not escaped)."""
    branches, depth, in_class, start, at = [], 0, False, 0, 0
    while at < len(pattern):
        char = pattern[at]
        if char == "\\":
            at += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            at += pattern[at + 1 : at + 2] == "^"
            at += pattern[at + 1 : at + 2] == "]"  # a "]" first is one of the class
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            branches.append(pattern[start:at])
            start = at + 1
        at += 1
    return [*branches, pattern[start:]]


BOILERPLATE = _Shapes(
    r"^(?:Read more|READ MORE|Read next|MORE|Related|RELATED|See also|Also read|Watch|WATCH)\s*:"
    # a video's promo ("WATCH | Palestinians react to …:"), a player that failed ("We apologize,
    # but this video has failed to load.", "Try refreshing your browser, or tap here to see …")
    r"|^(?:WATCH|LISTEN)\s*\|"
    r"|^We apologi[sz]e, but this video has failed to load\b"
    r"|^Try refreshing your browser\b[^.!?]{0,80}\bvideos?\b"
    r"|^Next on\b.*›"
    r"|^(?:Sign up|Subscribe)\b.*\b(?:newsletters?|inbox|alerts|(?:news )?e-?mails)\b"
    r"|^Contact [A-Z][\w.'’ -]{1,60} at \S+@\S+\.?$"
    r"|^Our Standards:|^Submit (?:a|your) letter\b|^Now Streaming\b|\bView Graphic$"
    r"|^From the section\b|^A version of this article appears in print\b"
    r"|(?-i:\b(?:Donate|Subscribe|Give|Join) (?:Now|Today))!?$"  # a button's words
    # share buttons ("Copy Link Facebook Twitter Reddit"), a story's tags ("Topics: uber, …"),
    # a promo for the site's forum ("Head over to the … Community to find answers.")
    r"|^(?:(?:share(?: on| this| via)?|copy link|e-?mail|print|comments?|facebook|twitter|x"
    r"|reddit|flipboard|pocket|linkedin|pinterest|whatsapp|tumblr|messenger|tweet|pin it)"
    r"[\s,|·•]*){3,}$"
    r"|^(?:Topics|Tags|Tagged(?: as| with)?|Keywords|Filed under|About the authors?)\s*:"
    # an account's prompt ("Register now for free, or sign in with any of these services:")
    r"|^Register (?:now )?(?:for free)?,? or (?:sign|log) in with\b[^.!?]{0,40}:?$"
    # a feed's formats, a reader's account ("Delivery formats: RSS, Atom, Javascript & Email",
    # "You are not currently logged in. Click here to Login/Register"), a page's hint
    # ("Scroll down to read more:"), a promo for the paper or its headlines ("Want more? Get
    # home delivery now.", "Click here to get News24 headlines on your Facebook profile.")
    r"|^Delivery formats\s*:\s*(?:RSS|Atom)\b"
    # a tool to set the text's size ("text size: T T Your Company September 20, 2011")
    r"|(?-i:^(?:[Tt]ext|[Ff]ont) [Ss]ize\s*:?\s*(?:[-+AT](?:\s+|$)){1,3})"
    # the Associated Press's line above its links, a link named alone ("On the Net:", "Rose
    # Parade: http://…"), an archive's wall ("The full article contains 335 words and appears
    # in …", "Your account has been frozen."), a line that names more of the site ("More
    # Nation & World headlines...", "• See More Photos")
    r"|^On the (?:Net|Web|Internet)\s*:?$|^(?=.{0,200}$)[^.!?:]{1,60}:\s*https?://\S+$"
    r"|^The full (?:article|text|story) contains \d[\d,]* words\b"
    r"|^Your account has been (?:frozen|suspended|locked)\b"
    r"|^[•·»\s]*(?:See )?More (?:[\w&'’]+ ){0,3}(?:news|headlines|stories|photos|videos"
    r"|columnists)(?:\.\.\.|…)?$"
    # … or ends a bar of links ("Paul Finebaum Tommy Hicks • More Columnists", "NewsFlash
    # Home | More Golf News", "Entertainment Videos • More"), the next story ("Next: …", "»
    # Next in Entertainment: …"), a link to more ("Read More About The Case"), a promo that
    # is a link alone ("CLICK HERE to Capture The World in HD")
    r"|^(?=.{0,160}$)[^.!?]{1,120}\s[•·|»]\s*More\b[^.!?•·|]{0,30}$"
    r"|^[»>\s]*Next(?: in [^:.!?]{1,30})?:\s[^.!?]{1,100}$"
    r"|^(?=.{0,60}$)Read more about\b[^.!?]*$|^(?=.{0,120}$)Click here (?:to|for)\b[^.!?]*[.!]?$"
    # the Associated Press's notice, a call for readers' comments ("Have a view on this
    # story? Send us your feedback!", "To have your say on this or any other issue visit …",
    # "We welcome your comments on this story.", "Discuss this story on the … message
    # board"), an advertisement's or a poll's label ("Please support local business!", "The
    # Australian's Online Poll")
    r"|^(?=.{0,400}$)(?:.*\b)?This material may not be published, broadcast, rewritten,? or"
    r" redistributed\b"
    r"|^[•·\s]*(?:Have a view on this (?:story|article)\?|To have your say on this\b"
    r"|We welcome your comments on this (?:story|article)\b"
    r"|Discuss this (?:story|article) (?:on|in|at)\b)"
    r"|^Please support (?:our )?(?:local )?(?:business(?:es)?|advertisers|sponsors)[.!]?$"
    r"|^(?=.{0,60}$)(?:[\w'’.&-]+ ){0,4}(?:online|daily|weekly|quick|readers?['’]?) poll\s*:?$"
    r"|^(?=.{0,120}$)You are not (?:currently )?(?:logged|signed) in\b"
    r"|^Scroll down to (?:read|see|continue)\b[^.!?]{0,20}:?$"
    r"|^(?=.{0,120}$)(?:Want more\?\s*)?Get home delivery\b"
    r"|^Click here to get [^.!?]{1,40}\b(?:headlines|news|updates) (?:on|in|to) your\b"
    r"[^.!?]{0,30}[.!]?$"
    r"|^(?:[^.!?]{0,80}\?\s+)?(?:(?:Head|Go|Come) over to|(?:Visit|Join) our)\b[^.!?]{0,60}"
    r"\b(?:community|forums?)\b[^.!?]{0,60}[.!]?$"
    # a date alone, or the time of publication ("CNNMoney (New York) First published
    # February 1, 2016: 1:28 AM ET", "April 5, 2018 | 6:00 PM")
    rf"|^(?:[^.!?]{{0,40}}\b(?:published|updated|posted):?\s+(?:on\s+)?)?{_DATE}"
    rf"(?:\s*[|:,·-]?\s*(?:at\s+)?{_TIME})?(?:\s*[|·•]\s*{_TOOL})*$"  # ("… | Permalink")
    # a dateline of dates, times and when the story was updated, in any order ("November 19,
    # 2019 / 12:21 AM / Updated 14 hours ago", "UPDATED: Tue., Nov. 19, 2019", "5:45 AM PST
    # 11/19/2019 by Jane Tan")
    rf"|^(?:{_STAMP_LABEL}[\s–-]*)?(?:{_STAMP}[\s/|·•,-]*(?:{_STAMP_LABEL}\s*)?)+"
    r"(?:by [A-Z][\w.'’ -]{1,40})?$"
    # a newsletter's sign-up box ("Get the day's top headlines delivered to your inbox …",
    # "You have been successfully subscribed!", "Please check the opt-in box …")
    r"|^(?=.{0,240}$)(?:.*\byour inbox\b.*\b(?:sign(?:ing)? up|subscrib\w*|newsletters?)\b"
    r"|.*\b(?:sign(?:ing)? up|subscrib\w*|newsletters?)\b.*\byour inbox\b"
    r"|.*\b(?:delivered|straight|right|directly) (?:to|in|into) your inbox\b"
    r"|(?:.*[.!?]\s+)?(?:Get|Let|Have|Sign|Subscribe)\b[^.!?]{0,80}\byour inbox\b"
    r"|(?:.*[.!?]\s+)?(?:Click here to |Please )?(?:Sign up|Subscribe)\b[^.!?]{0,80}"
    r"\bnewsletters?\b"
    r"|.*\b(?:successfully subscribed|problem subscribing you|opt-in box)\b"
    r"|(?-i:Subscribe (?:to|now|today)\b))"
    # a line that names a list of other stories ("You may also like...", "Most read in world
    # news", "Our Latest Stories"), or a link to one ("Related post: …", "SEE MORE: …")
    r"|^(?:You (?:may|might) also like|Our latest stories|Recommended for you"
    r"|Related (?:stories|articles|posts|coverage)"
    r"|(?:[\w\"“”]{1,30} )?Popular (?:articles?|stories|posts)|Trending (?:now|stories|articles)"
    r"|(?:\w{1,10} )?Access ranking"
    r"|Most (?:read|popular|viewed)(?: stories| articles)?(?: (?:in|on|from) [^.!?]{1,30})?)"
    r"(?:\s*(?:\.\.\.|…|:))?$"
    r"|^\[?(?:Related(?: post| story| article| video| content| coverage)?|(?:see|read|watch) more"
    r"|don'?t miss|also)\s*:|(?-i:^DON['’]?T MISS\b)"
    # a call to follow the site or share the story ("Follow Newsbeat on Instagram, Facebook,
    # Twitter and YouTube.", "Like this story? Share it with a friend!", "If you enjoyed this
    # article, …")
    r"|(?-i:^Follow (?:us|@\w+|[A-Z][\w'’.-]*(?: [A-Z&][\w'’.-]*){0,4})\b)[^.!?]{0,40}"
    r"\bon (?:Twitter|Facebook|Instagram|YouTube|LinkedIn)\b[^!?]{0,300}$"
    r"|^(?:Like|Enjoy(?:ed)?|Liked|Did you (?:enjoy|like)) this (?:story|article)\?"
    r"|^If you (?:enjoyed|liked) (?:this|reading)\b"
    # a page's message to the reader ("An error has occurred, please try again later.")
    r"|^(?:An error has occurred|Something went wrong)\b[^.!?]{0,40}[.!]?\s*(?:Please try again"
    r"[^.!?]{0,20}[.!]?)?$|^We(?:'|’)ve detected (?:that )?you(?:(?:'|’)re| are) (?:on|using)\b"
    # how to reach the author ("Write to Jane Tan at jane@…"), to listen ("Listen to Newsbeat
    # live at 12:45 …", "Listen: https://…")
    r"|^(?:Write to|E-?mail|Contact|Reach|To contact)\b[^!?]{0,100}\bat\s+(?:\S+@\S+|https?://)"
    r"|^Listen (?:to\b[^.!?]{1,40}\b)?(?:live|back|again)\b|^Listen\s*:\s*https?://"
    # a copyright line ("Copyright ©2019 Dow Jones & Company, Inc. All Rights Reserved.",
    # "© Jane Tan"), a print edition's notice
    r"|^(?:copyright\b|©)(?=[^.!?]{0,100}(?:\.\s*all rights reserved\.?)?$)"
    # … or one with more after it, a short block that names a year's copyright or reserves
    # all rights ("Copyright © 2008, The Hindu. Republication or redissemination …",
    # "Copyright ©1995-2008 CNET Networks, Inc. All rights reserved. Top of page")
    r"|^(?=.{0,400}$)(?:.*(?:©|\bcopyright\b)\s*(?:©\s*)?(?:19|20)\d\d\b"
    r"|.*(?<![a-z])all rights reserved\b)"
    # a bar of the story's tools ("Article E-Mail :: Comment :: Syndication :: Printer
    # Friendly Page", "Story Tools: E-MAIL | PRINT | Text Size", "Quote | Report this post")
    rf"|^[|·•»\s]*(?:(?:story|article|page) tools\s*:?\s*)?"
    rf"(?:{_TOOL}(?:\s*(?:[|:·•»\[\]()/,-]|::)\s*|\s+|$)){{2,}}$"
    rf"|^{_TOOL}$"
    # a picture's or a page's own buttons and notes ("Click photo to enlarge", "story continues
    # below"), a call for readers' news ("When news happens: send photos, videos & tip-offs
    # to …"), a promo for the site's other stories ("also on Reuters Video: …")
    r"|^(?:click (?:on )?(?:the )?(?:photo|image|picture) to enlarge|view larger (?:image|photo)"
    r"|(?:advertisement(?:\s+[\w-]{1,30})?\s*)?story continues below"
    r"(?:\s*this advertisement has not loaded yet\b[^.!?]{0,60})?)\.?$"
    # an advertisement's label left where its slot was ("Advertisement", "ADVERTISEMENT -
    # scroll to continue", "Article continues below advertisement")
    r"|^advertisement(?:\s*[-–:]?\s*(?:scroll|continue)\b[^.!?]{0,30})?$"
    r"|^(?:the )?(?:article|story) continues (?:below|after) (?:this )?(?:advertisement|ad)\.?$"
    # the end of the article, a label over its parts, its sharing bar ("End of Article",
    # "Article content", "Share this articleComments"),
    # a sign-up box's thanks, its fine print ("By providing your email address, you have read
    # and agree to …"), a marker the page leaves ("after newsletter promotion")
    r"|^end of (?:the )?(?:article|story)$|^article content$"
    r"|^share this (?:article|story)\s*(?:comments?)?[.!]?$"
    r"|^Thanks? (?:you )?for (?:signing up|subscribing)[.!]?$"
    r"|^(?=.{0,300}$)By (?:providing|entering|submitting) your e-?mail\b"
    r"|^(?:after|skip past) newsletter promotion$"
    # a call for readers' stories ("Got a story? Get in touch with our news team by emailing us
    # at …", "Do you have a story to tell? Email: …", "• Email: …"), a promo for more of the
    # site ("For more stories like this, check our news page.", "Our website is the place for
    # the latest breaking news, …", "Add us as a preferred source on Google")
    r"|^(?=.{0,240}$)(?:[^.!?]{0,80}\?\s*)?(?:Get in touch|E-?mail(?: us)?|Tell us)\b"
    r"[^!?]{0,80}\S@\S"
    r"|^[•·*\s-]*E-?mail\s*:\s*[^\s@]+@\S+$"
    r"|^For more (?:stories|news|articles) like this\b[^.!?]{0,60}[.!]?$"
    r"|^(?=.{0,300}$)Our (?:web)?site is (?:the|your) (?:place|destination|home|source) for\b"
    r"|\bpreferred source on Google\b|^Add [^.!?]{1,40} to your Google News feed\b"
    r"|^Follow [^.!?]{1,40} on Google News\b"
    # a call to comment, a list of videos, a line of the page's labels without their dates
    # ("Join the conversation", "Latest Videos From", "Published on •Updated"), a picture's
    # credit alone ("Image: Jane Tan")
    # a byline that names when it was posted ("Jane Tan5 hours ago", "Jane Tan|Published"), a
    # section's name and the date ("Politics / January 11, 2024"), a carousel's hint ("swipe
    # left below to view more authors"), a promo for news on the reader's phone
    r"|(?-i:^[A-Z][A-Za-z'’.-]+(?: [A-Z][A-Za-z'’.-]+){1,3})"
    r"(?:\s*\d+ (?:minutes?|hours?|days?) ago|\s*[|·•]\s*(?:published|updated|posted))$"
    rf"|^[\w&'’ ]{{1,30}}\s*[/|·•]\s*{_DATE}$"
    r"|^\W*swipe (?:left|right)(?: below)? to (?:view|see) more\b"
    r"|^Get (?:the )?latest [^.!?]{1,60} (?:to|on) your (?:phone|mobile)\b[^.!?]{0,30}[.!]?$"
    # a sign-up box's name and its fine print ("Get daily National news", "… special offers
    # from us and our partners. You can check out at any time."), a live blog's note ("Follow
    # along with the latest updates below."), a disclaimer of an opinion ("Opinions expressed
    # are solely those of the author …")
    r"|^Get (?:the )?(?:daily|weekly|breaking)\b[^.!?]{0,30}\bnews(?:letters?)?$"
    r"|^(?=.{0,300}$).*\bfrom us and our (?:partners|affiliates)\b.*"
    r"\b(?:unsubscribe|check out|opt out) at any time\b"
    r"|^Follow (?:along with )?(?:the|our) (?:latest|live) (?:updates|coverage)\b[^.!?]{0,30}"
    r"[.!]?$"
    r"|^(?=.{0,600}$)(?:the )?(?:views|opinions) expressed (?:here |in this \w+ )?are "
    r"(?:(?:solely|entirely|only) (?:those|the views) of the (?:author|writer)s?\b"
    r"|(?:the )?(?:author|writer)s?['’]s? own\b)"
    r"|^Join the (?:conversation|discussion|debate)[.!]?$|^Latest videos? from\b[^.!?]{0,40}$"
    rf"|^(?:{_STAMP_LABEL}[\s•·|,]*){{1,3}}$"
    r"|^(?:Image|Photo|Picture)s?(?: credit)?\s*:\s*[A-Z][\w.'’ -]{1,60}$"
    # a browser's or an account's wall ("Thank you for visiting nature.com. You are using a
    # browser version with limited support …", "… Log in or create an account to continue")
    r"|^Thank you for visiting \S{1,40}\s+You are using a browser version\b"
    r"|^(?=.{0,200}$)(?:[^.!?]{0,60}\?\s*)?(?:log in|sign in|register) or create an? "
    r"(?:free )?account to (?:continue|read)\b"
    r"|^when (?:you see )?news happen\w*\s*:|(?-i:^(?:also on|Also On|ALSO ON) [A-Z])"
    r"|\bfor your personal,? non-commercial use only\b"
    # a wire service's slug ("AP-US--Trump-Impeachment, 4th Ld-Writethru"), a story's tags
    # without a colon ("Tags Kristi Noem South Dakota")
    r"|(?-i:^[A-Z]{2}-[A-Z]{2,}--[\w-]+(?:, \d+\w{2} Ld-Writethru)?$)"
    r"|(?-i:^Tags [A-Z])[^.!?]{0,200}$"
    # a disclosure of the site's affiliate links ("If you buy something through this post, IGN
    # may get a share of the sale.", "We may receive compensation when you click on links to
    # those products.", "Advertising disclosure: …")
    r"|^(?=.{0,400}$)(?=.*\b(?:links?|this (?:post|article|story|page)|partners|buying)\b)"
    r".*\b(?:may|might|could) (?:receive|earn|get) (?:us )?(?:a |an )?(?:small )?(?:(?:affiliate )?"
    r"commissions?|compensation|share of (?:the )?(?:sales?|revenue))\b"
    r"|^(?:note:\s*)?(?:the )?(?:advertising|advertiser|affiliate) (?:disclosure|disclaimer)\b"
    # a call for letters ("We want to hear what you think about this article. Submit a letter
    # to the editor …", "The Times is committed to publishing a diversity of letters to the
    # editor. We’d like to hear what you think …")
    r"|^(?=.{0,400}$)(?:.*\bletters? to the editor\b.*\b(?:what you think|letters@)"
    r"|We(?:['’]d| would)? (?:like|love|want) to hear (?:what you think|from you)\b)"
    # a subscription wall's notice, a subscription's or an app's promo ("To view the full
    # story, please subscribe to …", "If you’re seeing this message but you’re already a
    # subscriber, …", "Get Motor Cycle Monthly delivered through your letterbox every month.",
    # "For the latest stories … download the Nationnews apps for iOS and Android")
    r"|^(?=.{0,300}$)(?:To (?:view|read|continue reading|access) (?:the full|this|the rest)\b"
    r"[^.!?]{0,40}\b(?:subscribe|subscription|log in|sign in|register(?:ed)?)\b"
    r"|If you(?:['’]re| are) (?:seeing this message|already a subscriber)\b"
    r"|Get [^.!?]{1,60} delivered (?:to|through) your (?:letterbox|door(?:step)?|home)\b"
    r"|(?:For\b[^.!?]{0,60}\b)?(?:download|get)\b[^.!?]{0,60}\b(?:our|the) [^.!?]{0,40}"
    r"\bapps?\b[^.!?]*[.!]?$)"
    # a newsletter's promo that ends in its button ("Never miss the latest news by signing up
    # to our newsletter today!", "Do you want to be informed of …? Sign up here")
    r"|^(?=.{0,240}$)[^.!?]{0,120}\bsign(?:ing)? up (?:to|for) (?:our|the) ?[^.!?]{0,40}"
    r"newsletters?\b|^(?=.{0,240}$).*\b(?:sign up|subscribe|register) here[.!]?$"
    # a note on readers' comments or the page's sharing ("Post Comment (+)", "Note: we are
    # temporarily moderating all comments …", "This article has been sent to")
    r"|^(?:post|add|leave|write) (?:a |your )?comments?\s*(?:\(\+\)|\+)?$"
    r"|^(?:note:\s*)?(?:we are|we['’]re) (?:temporarily )?moderating (?:all )?comments\b"
    r"|^This (?:article|story|page) has been (?:sent|e-?mailed|shared) to\b"
    r"|^This feature is (?:temporarily |currently )?unavailable\b"
    # a subscription's promo, whatever it says after its first words ("Get access to India's
    # fastest growing financial subscriptions service Moneycontrol Pro for as little as …")
    r"|^(?=.{0,600}$)(?:Get|Enjoy|Unlock) (?:unlimited |full |premium |digital )?access\b"
    r"[^.!?]{0,80}\b(?:subscri\w*|membership)\b"
    # a comment box's own messages ("- there are currently no comments for this story -",
    # "Please enable JavaScript to view the comments", "Thanks for your comments - this
    # feedback is now closed")
    r"|^[-–\s]*there (?:are|is) (?:currently )?no comments\b[^.!?]{0,40}[.!]?[-–\s]*$"
    r"|^(?:please )?(?:enable|turn on|activate) javascript (?:to|in|for)\b[^.!?]{0,100}[.!]?$"
    r"|^(?:have your say|what do you think\?)\s*(?:read (?:the )?comments?(?: \(\d+\))?)?[.!]?$"
    r"|^(?=.{0,160}$)(?:thanks?(?: you)? for your comments?\b.*"
    r"|.*\b(?:comments?|feedback) (?:is|are) (?:now )?closed)[.!]?$"
    # a line of the page's facts: when it was released, its category ("News date : 04/21/2022
    # Category : Press Releases", "January 13, 2020 at 08:45 AM | categories:", "Release
    # Date:"), which page of the story this is ("Page 1 of 1"), a link back up ("Back to top")
    rf"|^(?:{_STAMP}[\s|·•,]*+)*(?:(?:(?:news |release |publication |last )?(?:date|modified)"
    rf"|categor(?:y|ies)|posted in)\s*+:\s*+(?:{_STAMP}|[\w&'’-]++(?: [\w&'’-]++){{0,5}})?"
    r"[\s|·•,]*+)+$"
    r"|^Page:? \(?\d+\)? of \d+(?:\s*-\s*[\d/]+)?$|^(?:back to top|top of page)$"
    r"|^(?:continued\W*|page\W*)?(?:\d++\s*+(?:[|·]\s*+)?){1,12}(?:next|continue)\b\W*$"
    # a list's name ("Related to this story:", "More from Sports"), a call to share the story
    # ("Submit to: Digg", "Bookmark/Search this post with:")
    r"|^Related to this (?:story|article)\s*:?$|(?-i:^More from [A-Z][\w&'’]*(?: [\w&'’]+){0,2}$)"
    r"|^(?:submit|post|share|bookmark)\b[^.!?:]{0,30}"
    r"\b(?:to|with|on|via)\s*:"
    # a player's or a page's notice of what it needs ("this media player requires Flash player
    # version 6 or greater"), a call to send comments ("E-mail comments to jane@…")
    r"|^(?:this (?:media |video )?(?:player|video|content)|you (?:will )?need"
    r"|to (?:view|watch|play|see) this)\b[^.!?]{0,60}\b(?:flash|javascript)\b"
    r"|^(?:e-?mail|send) (?:your )?(?:comments|questions|feedback|tips)\b[^.!?]{0,40}"
    r"\bto\s+\S+@\S+"
    # a page's links to skip to its parts, its search box ("Welcome to PerthNow. Skip to:
    # Search Box …", "enhanced by Google", "Search for more stories on this topic on …"), a
    # short call to sign up ("Sign up for StreetInsider Free!")
    r"|^(?:.{0,60}?[.!]\s+)?Skip to(?::|\s+(?:the )?(?:main )?(?:content|navigation|search))"
    r"|^(?:enhanced|powered) by (?:Google|Bing)$"
    r"|^(?:(?:Search|Browse) (?:for )?more (?:stories|articles|news)|Find more (?:stories|articles"
    r"|news) (?:on|about|in))\b[^.!?]{0,80}[.!]?(?:\s*click here[.!]?)?$"
    r"|^Sign up (?:for|to|now|today|here)\b(?:\s+\S+){0,4}\s*[.!]?$"
    # a disclaimer of what others wrote ("The BBC is not responsible for the content of
    # external internet sites", "The views expressed in the articles are not necessarily
    # those of …")
    r"|^(?=.{0,300}$).*\bnot (?:be )?responsible for the content of (?:any )?external\b"
    r"|^(?=.{0,300}$)(?:the )?(?:views|opinions) expressed (?:in|on|by)\b[^.!?]{0,80}"
    r"\bnot necessarily\b"
    # a link to more of a section, a call to follow the site's feeds ("More Sports News click
    # here", "Get latest headlines via RSS feeds")
    r"|^More [^.!?]{1,40} click here[.!]?$"
    r"|^Get (?:the )?latest (?:headlines|news|stories)\b[^.!?]{0,40}\b(?:RSS|feeds?)\b[^.!?]{0,20}"
    r"[.!]?$",
    re.IGNORECASE,
)
# A note on the author that ends an article ("Jane Tan is a reporter for The Daily…"), left
# out only at the end, where it cannot be a sentence of the story.
AUTHOR_NOTE = re.compile(
    r"^(?:[A-Z][\w.'’ -]{2,50}(?: \([^()]{1,60}\))?|I) (?:is|was|has been|am) "
    r"(?:a|an|the|[A-Z][\w.&'’-]*['’]s) [^.]{0,80}\b"
    r"(?i:reporter|correspondent|editor|writer|columnist|contributor|journalist|curator"
    r"|researcher|professor|lecturer|producer|photographer)\b"
    # a name ("Nelson D. Schwartz has covered economics since 2012.")
    r"|^(?:[A-Z][\w'’-]*\.? ){1,3}[A-Z][\w'’-]+ (?:has covered|covers|has written about) "
    # who reported it (``CREDITS``)
    r"|^\(?(?:Additional )?[Rr]eporting by\b"
    r"|^(?:[^.!?]{0,120}\breported from\b[^.!?]{0,120}\.\s+)?"
    r"[^.!?]{0,200}\bcontributed (?:reporting|to this (?:report|story|article))\b"
    # who else worked on it, named alone ("Abigail Williams and Beomsu Jo contributed.")
    r"|^(?:[A-Z][\w.'’-]*,? (?:and )?){2,12}contributed\.$"
    # how to reach the author or follow the site ("Write to Jane Tan at jane@…", "Have a tip?",
    # "Follow AP's full coverage of …", "More AP NBA: https://…"), the sources, a citation
    r"|^(?:Write to|E-?mail|Contact|Reach)\b[^!?]{0,100}\bat\s+(?:\S+@\S+|https?://)"
    r"|^Have a (?:news )?tip\?"
    r"|^Follow\b[^.!?]{0,120}(?:\bon (?:Twitter|Facebook|Instagram|YouTube)|\bcoverage\b"
    r"|\bat https?://)"
    r"|^More [^.:]{1,40}: https?://"
    r"|^(?:SOURCE|Source)s?:\s*[^.!?]{1,60}$"
    r"|^This (?:document|article|material) is subject to copyright\b|^Citation:\s"
    r"|^(?:This (?:article|story) was )?(?:[Oo]riginally|[Ff]irst) published (?:on|in|at|by)\b"
    # who else reported it ("With files from The Associated Press", "– additional reporting by")
    r"|^[-–—\s]*\(?(?:[Ww]ith (?:additional )?(?:reporting|reports|files)|[Aa]dditional reporting)"
    r" (?:by|from)\b"
)
# Who reported the story, at its end ("(Reporting by Jane Tan; Editing by …)", "Keith Bradsher
# contributed reporting from Hong Kong.", "Associated Press writers … contributed to this
# report."): credits, as the byline is, kept in the front matter (``credits``), not the body.
CREDITS = re.compile(
    r"^\(?(?:Additional )?[Rr]eporting by\b"
    r"|^(?:[^.!?]{0,120}\breported from\b[^.!?]{0,120}\.\s+)?"
    r"[^.!?]{0,200}\bcontributed (?:reporting|to this (?:report|story|article))\b"
    # who else worked on it, named alone ("Abigail Williams and Beomsu Jo contributed.")
    r"|^(?:[A-Z][\w.'’-]*,? (?:and )?){2,12}contributed\.$"
    r"|^[-–—\s]*\(?(?:[Ww]ith (?:additional )?(?:reporting|reports|files)|[Aa]dditional reporting)"
    r" (?:by|from)\b"
)
# The byline above an article ("By Jane Tan, Senior Reporter"): not a sentence of the story.
BYLINE = re.compile(
    r"^(?:(?:[Bb]y|BY|Posted by|(?:Medically )?[Rr]eviewed by):?\s+|From:\s+)"
    r"[A-Z].{0,150}(?<![.!?])$"
)
_SUMMARY_WORDS = 60  # the most words a story's summary in a list of stories has
_BLOCK_TAGS = frozenset("p li h1 h2 h3 h4 h5 h6 blockquote".split())
_KEY_LENGTH = 40  # letters and digits that find an extracted block in the page
_CAPTION_CLASS = re.compile(r"(?:^|[\s_-])caption(?:$|[\s_-])|caption-text", re.IGNORECASE)
_HIDDEN = re.compile(
    r"off-?screen|visually-?hidden|element-invisible|sr-only|screen-?reader", re.IGNORECASE
)
# An image's file name, which is no caption ("WEB18-Facebook-1160x768.jpg").
_FILE_NAME = re.compile(r"\S+\.(?:jpe?g|png|gif|webp|svg|avif)", re.IGNORECASE)


def _article_figures(tree, main, below: dict) -> dict:
    """The article's figures with a caption, each placed before the extracted block that
    follows it in the page (key None: after the last): ``{block: [(src, caption, credit)]}``.
    A figure is a ``<figure>`` with a ``<figcaption>``, or an element whose class names a
    caption next to an image, or a caption by its place below one (``below``, from
    ``_image_captions``). It is the article's where it sits in the ``<article>`` around the
    extracted text (or in the text's own container, where there is no ``<article>``): one in
    the page's header is kept, a promo beside the article is not."""
    found: dict[str, tuple[int, object]] = {}  # key of a page block → (order, element)
    figures = []
    for order, element in enumerate(tree.iter()):
        if element.tag in _BLOCK_TAGS:
            found.setdefault(_prefix_key(element), (order, element))
        if (
            element.tag == "figure"
            or _CAPTION_CLASS.search(element.get("class") or "")
            or element in below
        ):
            figures.append((order, element))
    placed = [(found[k], block) for block in main if (k := _prefix_key(block)) in found]
    region = _region([element for (_, element), _ in placed])
    if region is None:
        return {}
    by_order = sorted((at, number) for number, ((at, _), _) in enumerate(placed))
    result: dict = {}
    for order, figure in figures:
        described = _page_figure(figure, below.get(figure))
        if described is None or not any(a is region for a in figure.iterancestors()):
            continue
        later = bisect_right(by_order, (order, len(placed)))
        after = placed[by_order[later][1]][1] if later < len(by_order) else None
        result.setdefault(after, []).append(described)
    return result


def _prefix_key(element) -> str:
    """The first letters and digits of an element's text (read no further than needed: a
    piece is read a slice at a time, as a paragraph may be long)."""
    out: list[str] = []
    for piece in element.itertext():
        start = 0
        while start < len(piece) and len(out) < _KEY_LENGTH:
            part = piece[start : start + 2 * _KEY_LENGTH]  # (casefold is a letter's own)
            start += len(part)
            out += [c for c in part.casefold() if c.isalnum()]
        if len(out) >= _KEY_LENGTH:
            break
    return "".join(out[:_KEY_LENGTH])


def by_prefix_key(elements) -> dict[str, list]:
    """Elements of a page by ``_prefix_key``, each key's in the page's order: how an
    extracted block is found in the page."""
    found: dict[str, list] = {}
    for element in elements:
        found.setdefault(_prefix_key(element), []).append(element)
    return found


def _region(elements: list):
    """The ``<article>`` around ``elements`` (the page's blocks the extractor kept), or the
    innermost element that holds them all; None when there are none."""
    if not elements:
        return None
    chain = [elements[0], *elements[0].iterancestors()]
    depth = {id(e): i for i, e in enumerate(chain)}
    deepest = 0
    for element in elements[1:]:
        at = next((depth[id(a)] for a in [element, *element.iterancestors()] if id(a) in depth))
        deepest = max(deepest, at)
    common = chain[deepest:]
    return next((a for a in common if a.tag == "article"), common[0])


def _page_figure(figure, image=None) -> tuple[str, str, str] | None:
    """A page ``<figure>``, or a caption outside one, as (image source, caption, credit);
    None without a caption or credit (or, outside a figure, without an image beside it, or inside a
    figure, which is read as a whole). ``image``: the caption's picture, where its place
    tells (``_image_captions``); else a figure's first, or the first beside the caption. The
    credit is an element of the caption whose class or ``itemprop`` names a credit or
    copyright holder, or the caption's last part that reads as one."""
    if figure.tag == "figure":
        caption, around = next(figure.iter("figcaption"), None), figure
    elif figure.tag == "figcaption" or any(a.tag == "figure" for a in figure.iterancestors()):
        return None
    else:
        caption, around = figure, (image if image is not None else _beside_image(figure))
    if caption is None or around is None:
        return None
    image = image if image is not None else next(around.iter("img"), None)
    src = ""
    for key in ("src", "data-src"):
        found = str(image.get(key) or "").strip() if image is not None else ""
        # a placeholder drawn in the page ("data:image/svg+xml,…") until the picture loads
        src = src or ("" if found.lower().startswith("data:") else found)
    for hidden in [e for e in caption.iter() if _HIDDEN.search(e.get("class") or "")]:
        hidden.drop_tree()  # "Media caption", "Image": labels for screen readers only
    credit = ""
    for element in caption.iter():
        names = f"{element.get('class') or ''} {element.get('itemprop') or ''}".lower()
        if element is not caption and ("credit" in names or "copyright" in names):
            credit = " ".join(" ".join(element.itertext()).split())  # "Credit" in a span
            credit = re.sub(r"^(?:Credit|Photo|Image)\b\s*:?\s*", "", credit)
            element.drop_tree()
            break
    text = " ".join(caption.text_content().split())
    text = "" if _FILE_NAME.fullmatch(text) else text
    if not credit and _CREDIT_LINE.match(text):
        credit, text = text, ""  # (a credit alone: "Illustration by Mike Nudelman")
    if not credit:
        match = re.search(r"(?:^|(?<=[.!?]) )((?:[A-Z][A-Z&.'\- ]*\s)?PHOTOS?\s*:.*)$", text)
        if match:
            credit, text = match.group(1), text[: match.start()].strip()
    return (src, text, credit) if text or credit else None


def _beside_image(caption):
    """The element up to two levels above ``caption`` that holds an image, or None."""
    for level, element in enumerate(caption.iterancestors()):
        if level == 2:
            return None
        if next(element.iter("img"), None) is not None:
            return element
    return None


def _md_figure(src: str, caption: str, credit: str) -> str:
    """A figure as a Markdown image alone in its paragraph: caption as the alternative text,
    credit as the title."""
    target = re.sub(r"[\s()<>\\]", lambda m: f"%{ord(m.group()):02X}", src) or "<>"
    title = f' "{credit.replace(chr(34), chr(39))}"' if credit else ""
    alt = _MD_SPECIAL.sub(r"\\\1", caption)
    return f"![{alt}]({target}{title})"


def html_document(
    text: str | None,
    name: str,
    path: str | Path = "<input>",
    chrome_patterns: tuple[str, ...] = (),
    label_patterns: tuple[str, ...] = (),
    url: str = "",
) -> Document:
    """A saved HTML page's article as a Document (read as its Markdown, ``rel`` kept); ``url``
    is where the page came from, as ``html_to_markdown`` reads it; the page is read from
    ``path`` where ``text`` is None."""
    markdown, rels = html_to_markdown(text, path, url)
    doc = markdown_document(markdown, name, path, chrome_patterns, label_patterns)
    del markdown
    release_memory()  # (what reading the Markdown took, handed back before what follows)
    if not rels:
        return doc
    blocks = []
    for block in doc.blocks:
        tags = tuple(
            tuple(
                replace(tag, rel=rels.get(tag.target, "")) if tag.kind == "a" else tag
                for tag in sentence
            )
            for sentence in block.tags
        )
        blocks.append(replace(block, tags=tags))
    return Document(doc.name, tuple(blocks), doc.meta)


# ---- any source ------------------------------------------------------------------------------


def read_document(
    path: Path, chrome_patterns: tuple[str, ...] = (), label_patterns: tuple[str, ...] = ()
) -> Document:
    """Read and segment a source file (``.txt``, ``.md`` or ``.html``); unreadable, non-UTF-8
    or empty files are user errors."""
    if Path(path).suffix.lower() in (".html", ".htm"):  # (its text let go once parsed)
        return html_document(None, Path(path).stem, path, chrome_patterns, label_patterns)
    text = decode(read_source(path), path)  # the bytes are let go before the text is parsed
    return parse_source(text, Path(path), chrome_patterns, label_patterns)


def parse_source(
    text: str,
    path: Path,
    chrome_patterns: tuple[str, ...] = (),
    label_patterns: tuple[str, ...] = (),
) -> Document:
    """Decoded source text as a Document, read by the kind its suffix names: plain text,
    Markdown or a saved HTML page."""
    suffix = Path(path).suffix.lower()
    if suffix == ".md":
        return markdown_document(text, Path(path).stem, path, chrome_patterns, label_patterns)
    if suffix in (".html", ".htm"):
        return html_document(text, Path(path).stem, path, chrome_patterns, label_patterns)
    return segment_text(text, Path(path).stem, chrome_patterns, label_patterns)
