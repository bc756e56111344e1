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
    """A Markdown source as a Document; one without a level-1 heading is an error."""
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
