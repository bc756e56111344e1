"""Sources with markup: Markdown (CommonMark, read with markdown-it-py) and saved HTML pages
(the article found by trafilatura, then read as Markdown).

A Markdown source maps onto the roles of a plain-text one: its first level-1 heading is the
title, other headings are labels, paragraphs and block quotes are paragraphs, list items are
list items, and a paragraph that is only an image is a figure: the image's alternative text is
its caption and its title (``![caption](photo.jpg "ST PHOTO: NAME")``), or a paragraph after it
that reads as a credit, its credit. Links, emphasis, strong, inline code, line breaks and inline
images become numbered tags in the sentences (``pipeline.segment.marked_block``).
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from pipeline.errors import L10nError
from pipeline.segment import CREDIT, Block, Document, Inline, Tag, _labels_above_lists
from pipeline.segment import marked_block

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
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(text)
    chrome = [re.compile(p) for p in chrome_patterns]
    labels = [re.compile(p) for p in label_patterns]
    blocks: list[Block] = []
    titled = False
    context: list[str] = []  # the open containers: "list", "quote"
    heading = ""
    for number, token in enumerate(tokens):
        kind = token.type
        line = token.map[0] + 1 if token.map else 1
        if kind in ("bullet_list_open", "ordered_list_open"):
            context.append("list")
        elif kind in ("bullet_list_close", "ordered_list_close", "blockquote_close"):
            context.pop()
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
            if heading:
                role = "title" if heading == "h1" and not titled else "label"
                titled = titled or role == "title"
                block = marked_block(role, line, _inline(token.children or []), role == "title")
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
            blocks += [block] if block else []
        del number
    if not titled:
        raise L10nError("no title: a Markdown source needs a level-1 heading (# Title)", path)
    return Document(name, tuple(_labels_above_lists(blocks)))


def _inline(children) -> Inline:
    inline = Inline()
    opened: list[int] = []
    for child in children:
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
    return inline


def _figure(children, line: int) -> list[Block] | None:
    """A paragraph that is only images: each image's caption (alt text) and credit (title)."""
    images = [c for c in children if c.type == "image"]
    rest = [c for c in children if c.type not in ("image", "softbreak", "hardbreak")]
    if not images or any(c.type != "text" or c.content.strip() for c in rest):
        return None
    blocks: list[Block] = []
    for image in images:
        caption = Inline()
        caption.text(image.content)
        credit = Inline()
        credit.text(str(image.attrs.get("title", "") or ""))
        for block in (
            marked_block("caption", line, caption),
            marked_block("credit", line, credit, False),
        ):
            if block:
                blocks.append(block)
    return blocks


# ---- saved HTML pages -------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>&#~|!])")
_MD_START = re.compile(r"^([-+=>]|\d+(?=[.)]))")
# An XML declaration before the page: the text is UTF-8 already, and lxml refuses a string
# that declares an encoding.
_XML_PROLOG = re.compile(r"^\s*<\?xml\b[^>]*\?>")
_MAX_DEPTH = 255  # libxml2's limit for elements inside elements (without XML_PARSE_HUGE)
# trafilatura's XPath queries take time quadratic in the number of elements (20,000: about 3 s
# on one core); real article pages have 1,000 to 3,000.
MAX_PAGE_ELEMENTS = 20_000


def html_to_markdown(page: str, path: str | Path = "<input>") -> tuple[str, dict[str, str]]:
    """The article of a saved HTML page as Markdown (title, standfirst, key points, figures
    with caption and credit, body; links and emphasis kept), and the ``rel`` of each link
    target that has one. The article is found by trafilatura; a page without one is an error.
    (Longer than most: trafilatura's output and the page's own figures are read side by
    side, and splitting them would pass both trees around.)"""
    import trafilatura
    from lxml import etree

    page = _XML_PROLOG.sub("", page, count=1)
    tree = _parse_page(page, path)
    xml = trafilatura.extract(
        page,
        output_format="xml",
        include_links=True,
        include_formatting=True,
        include_images=True,
        include_comments=False,
        include_tables=False,
    )
    main = etree.fromstring(xml.encode("utf-8")).find("main") if xml else None
    if main is None or not [e for e in main if e.tag in ("p", "list", "quote")]:
        raise L10nError("no article found in the page (no main text)", path)
    captions = _figures(tree)
    rels = {
        str(a.get("href")): " ".join(str(a.get("rel")).split())
        for a in tree.iter("a")
        if a.get("href") and a.get("rel")
    }
    lines: list[str] = []
    titled = False
    for element in main:
        tag = element.tag
        if tag == "head":
            text = _md_inline_xml(element)
            if text:
                lines.append(("# " if not titled else "## ") + text)
                titled = True
        elif tag == "p":
            text = _md_inline_xml(element)
            if text:
                lines.append(_md_start(text))
        elif tag == "list":
            items = [_md_inline_xml(item) for item in element.iter("item")]
            lines.append("\n".join(f"- {_md_start(t)}" for t in items if t))
        elif tag == "quote":
            text = _md_inline_xml(element)
            if text:
                lines.append("> " + _md_start(text))
        elif tag == "graphic":
            lines.append(_md_figure(element, captions))
    if not titled:
        meta = trafilatura.extract_metadata(page)
        title = " ".join((meta.title if meta and meta.title else "").split())
        if not title:
            raise L10nError("no title found in the page", path)
        lines.insert(0, "# " + _MD_SPECIAL.sub(r"\\\1", title))
    return "\n\n".join(line for line in lines if line) + "\n", rels


def _parse_page(page: str, path: str | Path):
    """The page's element tree. A page nested deeper than the parser goes (libxml2 stops at
    256 elements and drops the rest) is refused, never read in part."""
    from lxml import etree, html

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
    return tree


def _md_start(text: str) -> str:
    """``text`` as the start of a line that stays a paragraph (no list, heading or quote)."""
    match = _MD_START.match(text)
    if not match:
        return text
    if match.group(1).isdigit():
        return text[: match.end()] + "\\" + text[match.end() :]
    return "\\" + text


def _md_inline_xml(element) -> str:
    """An element of trafilatura's XML (``hi``, ``ref``, ``code``, ``lb``) as CommonMark."""
    out = [_MD_SPECIAL.sub(r"\\\1", element.text or "")]
    for child in element:
        inner = _md_inline_xml(child)
        core = inner.strip()
        rend = child.get("rend", "")
        if child.tag == "lb":
            out.append("<br>")
        elif child.tag == "ref" and child.get("target") and core:
            target = re.sub(r"[\s()<>\\]", lambda m: f"%{ord(m.group()):02X}", child.get("target"))
            out.append(f"[{core}]({target})")
        elif child.tag == "hi" and core and rend in ("#i", "#b", "#t", "#u"):
            mark = {"#i": "*", "#b": "**", "#u": "*"}.get(rend)
            if mark:
                out.append(f"{mark}{core}{mark}")
            else:
                out.append(f"`{''.join(child.itertext()).strip()}`")
        elif child.tag == "code" and core:
            out.append(f"`{''.join(child.itertext()).strip()}`")
        else:
            out.append(inner)
        out.append(_MD_SPECIAL.sub(r"\\\1", child.tail or ""))
    return " ".join("".join(out).split())


def _figures(tree) -> dict[str, tuple[str, str]]:
    """Image source → (caption, credit) from the page's ``<figure>``s: the credit is an element
    of the caption whose class names a credit, or the caption's last part that reads as one."""
    found: dict[str, tuple[str, str]] = {}
    for figure in tree.iter("figure"):
        image = next(figure.iter("img"), None)
        caption = next(figure.iter("figcaption"), None)
        if image is None or caption is None:
            continue
        credit = ""
        for element in caption.iter():
            if "credit" in (element.get("class") or "").lower() and element is not caption:
                credit = " ".join(element.text_content().split())
                element.drop_tree()
                break
        text = " ".join(caption.text_content().split())
        if not credit:
            match = re.search(r"(?:^|(?<=[.!?]) )((?:[A-Z][A-Z&.'\- ]*\s)?PHOTOS?\s*:.*)$", text)
            if match:
                credit, text = match.group(1), text[: match.start()].strip()
        for key in ("src", "data-src"):
            if image.get(key):
                found[str(image.get(key))] = (text or str(image.get("alt") or ""), credit)
    return found


def _md_figure(graphic, captions: dict[str, tuple[str, str]]) -> str:
    src = graphic.get("src", "")
    if not src:
        return ""
    caption, credit = captions.get(src, (" ".join(graphic.get("alt", "").split()), ""))
    if not caption:
        return ""
    target = re.sub(r"[\s()<>\\]", lambda m: f"%{ord(m.group()):02X}", src)
    title = f' "{credit.replace(chr(34), chr(39))}"' if credit else ""
    alt = _MD_SPECIAL.sub(r"\\\1", caption)
    return f"![{alt}]({target}{title})"


def html_document(
    text: str,
    name: str,
    path: str | Path = "<input>",
    chrome_patterns: tuple[str, ...] = (),
    label_patterns: tuple[str, ...] = (),
) -> Document:
    """A saved HTML page's article as a Document (read as its Markdown, ``rel`` kept)."""
    markdown, rels = html_to_markdown(text, path)
    doc = markdown_document(markdown, name, path, chrome_patterns, label_patterns)
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
    return Document(doc.name, tuple(blocks))
