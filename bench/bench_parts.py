"""A long page given to trafilatura in parts against the same page given whole.

An import gives trafilatura a page of more than ``pipeline.sources._PARTED_ABOVE`` of text in
parts when nearly all of that text is one element's run of paragraphs (``_extracted_in_parts``),
so that its memory is a part's, not the page's. No real article page is that long, so this
makes long pages of real ones: each saved page's article container (the element the import
would cut) has its children repeated until it holds ``--text`` KB of text (within the page
limits: 20,000 elements, 2 MiB of text), and the page is imported whole and in parts. It
counts the pages that are cut into parts, those given whole after all (a part lost too much
of its text), and those whose Markdown then differs from the whole page's; with ``--show``
it lists the lines that differ.

    .venv/bin/python bench/bench_parts.py FOLDER... [--text 300] [--show]

A FOLDER holds one folder a page with ``source.html`` (``../shared/realpages``, Readability's
``test/test-pages``) or, as Zyte's article extraction benchmark, ``html/*.html.gz``.
"""

from __future__ import annotations

import argparse
import copy
import difflib
import gzip
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipeline import sources  # noqa: E402
from pipeline.errors import L10nError  # noqa: E402


def pages(folder: Path) -> list[Path]:
    return sorted(folder.glob("*/source.html")) + sorted(folder.glob("html/*.html.gz"))


def page_text(path: Path) -> str:
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return sources._XML_PROLOG.sub("", data.decode("utf-8", errors="replace"), count=1)


def container(tree):
    """The element the import would cut (as ``_extracted_in_parts`` finds it)."""
    found = tree
    while True:
        sizes = [(sources._text_length(c), c) for c in found if isinstance(c.tag, str)]
        if not sizes or 2 * max(size for size, _ in sizes) <= sources._text_length(found):
            return found
        found = max(sizes, key=lambda pair: pair[0])[1]


def lengthened(path: Path, text: int) -> str | None:
    """The page with its container's children repeated to ``text`` characters of text; None
    where it cannot be (no page, too little text, over the limits)."""
    from lxml import html

    try:
        tree = sources._parse_page(page_text(path), path)
    except L10nError:
        return None
    element = container(tree)
    size = sources._text_length(element)
    if size < 2000:
        return None
    times = -(-text // size)
    grown = sum(1 for _ in element.iter()) * (times - 1)
    if sum(1 for _ in tree.iter()) + grown >= sources.MAX_PAGE_ELEMENTS:
        return None
    if sources._text_bytes(tree) * times > sources.MAX_TEXT_BYTES:
        return None
    children = list(element)
    for _ in range(times - 1):
        element.extend(copy.deepcopy(child) for child in children)
    return html.tostring(tree, encoding="unicode")


def imported(page: str, parted: bool) -> tuple[str, list[int]]:
    """The page's Markdown (or its refusal), and the size of each page trafilatura was given."""
    runs: list[int] = []
    extracted, above = sources._extracted, sources._PARTED_ABOVE
    sources._extracted = lambda part: runs.append(len(part)) or extracted(part)
    sources._PARTED_ABOVE = above if parted else sources.MAX_TEXT_BYTES
    try:
        return sources.html_to_markdown(page)[0], runs
    except L10nError as error:
        return f"refused: {error}", runs
    finally:
        sources._extracted, sources._PARTED_ABOVE = extracted, above


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--text", type=int, default=300, help="KB of text to grow to (300)")
    parser.add_argument("--show", action="store_true", help="list the lines that differ")
    args = parser.parse_args()
    tried = cut = whole = differ = 0
    for folder in args.folders:
        for path in pages(folder):
            page = lengthened(path, args.text * 1000)
            if page is None:
                continue
            tried += 1
            parted, runs = imported(page, True)
            if len(runs) < 2:
                continue
            cut += 1
            if runs[-1] > max(runs[:-1]) * 2:  # (the last page given is the whole page)
                whole += 1
                continue
            given = imported(page, False)[0]
            if given == parted:
                continue
            differ += 1
            lines = difflib.unified_diff(given.splitlines(), parted.splitlines(), n=0)
            changed = [line for line in lines if line[:1] in "+-" and line[:3] not in "+++---"]
            print(f"differs: {path} ({len(changed)} lines)")
            for line in changed[:6] if args.show else []:
                print(f"    {line[:140]}")
    print(
        f"pages lengthened: {tried}; cut into parts: {cut}; given whole after all: {whole}; "
        f"Markdown differs: {differ}"
    )


if __name__ == "__main__":
    main()
