"""Compare what two archives kept by bench/bench_archive.py (``--keep DIR``) hold: templates,
catalogs, pages, compiled catalogs and the index.

Without ``--folders``, every file must have the same bytes, but for the dates of extraction
and creation in the catalogs' headers (the time each run made them). With ``--folders`` the
second archive was made with ``bench_archive.py --folders``: its names lose their ``YYYY/MM/``
folders, catalogs are compared entry by entry (references without the folders; which of the
articles that share a translation the memory cites follows the listing's order, so that
citation is left out), compiled catalogs by their translations (their headers name the
document), pages with each link written as the file it leads to, and the index as its set of
documents (their order follows the names; the second archive's are on its folders' pages,
``build/index/YYYY/MM/index.html``, which are read with its ``build/index.html``).

    .venv/bin/python bench/bench_archive.py --sizes 300 --keep /tmp/flat
    .venv/bin/python bench/bench_archive.py --sizes 300 --folders --keep /tmp/folders
    .venv/bin/python bench/compare_archives.py --folders \\
        /tmp/flat/n300/project /tmp/folders/n300/project

Exit status 0 when every file matches, 1 otherwise.
"""

from __future__ import annotations

import argparse
import gettext
import html
import re
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import polib

FOLDERS = re.compile(r"(^|[ /])[0-9]{4}/[0-9]{2}/")
DATES = re.compile(rb'"(POT-Creation|PO-Revision)-Date: [^"]*\\n"\n')
CITATION = re.compile(r"MT: memory \S+ person")


def unfoldered(name: str) -> str:
    """``name`` without the documents' ``YYYY/MM/`` folders."""
    return FOLDERS.sub(r"\1", name)


def outputs(root: Path, flatten: bool) -> dict[str, Path]:
    """The archive's made files (not its sources, settings, ledgers or make's stamps) by
    their path, without the documents' folders when ``flatten``."""
    found = {}
    for folder in ("locales", "build"):
        for path in sorted((root / folder).rglob("*")):
            relative = path.relative_to(root).as_posix()
            if not path.is_file() or {".l10n", ".stamps"} & set(path.parts):
                continue
            if flatten and relative.startswith("build/index/"):
                continue  # the folders' pages of the index: read with build/index.html
            found[unfoldered(relative) if flatten else relative] = path
    return found


def entries(path: Path) -> list[tuple]:
    """A catalog's entries, the documents' folders taken out of their references and the
    memory's citation left out."""
    return [
        (
            e.msgid,
            e.msgid_plural,
            e.msgstr,
            sorted(e.msgstr_plural.items()),
            e.msgctxt,
            sorted(e.flags),
            e.comment,
            CITATION.sub("MT: memory * person", e.tcomment),
            e.previous_msgid,
            e.obsolete,
            [(unfoldered(f), line) for f, line in e.occurrences],
        )
        for e in polib.pofile(str(path))
    ]


def translations(path: Path) -> dict:
    """A compiled catalog's translations, its header aside."""
    with open(path, "rb") as handle:
        catalog = gettext.GNUTranslations(handle)._catalog
    return {key: value for key, value in catalog.items() if key != ""}


def linked(page: Path, build: Path) -> str:
    """The page with each link into the build written as the file it leads to, relative to
    the build folder and without the documents' folders (a folder's page of the index read
    as the index)."""

    def target(match: re.Match) -> str:
        link = html.unescape(match.group(2))
        if urlsplit(link).scheme or link.startswith("#"):
            return match.group(0)
        path = (page.parent / unquote(link)).resolve().relative_to(build.resolve()).as_posix()
        if path.startswith("index/"):  # a folder's page of the index: a flat archive's index
            path = "index.html"
        return f'{match.group(1)}="@{unfoldered(path)}"'

    return re.sub(r'(href|src)="([^"]*)"', target, page.read_text(encoding="utf-8"))


def index_documents(page: Path, build: Path, folders: bool = False) -> tuple[str, list[str]]:
    """The index: its head, and its documents' entries as a sorted list, with those of its
    folders' pages where ``folders``."""
    pages = sorted((build / "index").rglob("index.html")) if folders else []
    head, _, rest = linked(page, build).partition('<ul class="documents">')
    found = []
    for text in [rest, *(linked(one, build) for one in pages)]:
        found += re.findall(r'<li class="document">.*?</ul>\n</li>', text, re.S)
    return head, sorted(found)


def same(one: Path, two: Path, name: str, roots: tuple[Path, Path], folders: bool) -> bool:
    """Whether two files of the archives match (see the module's docstring)."""
    if not folders:
        if name.endswith((".po", ".pot")):
            return DATES.sub(b"", one.read_bytes()) == DATES.sub(b"", two.read_bytes())
        if name.endswith(".mo"):
            return translations(one) == translations(two)
        return one.read_bytes() == two.read_bytes()
    if name.endswith((".po", ".pot")):
        return entries(one) == entries(two)
    if name.endswith(".mo"):
        return translations(one) == translations(two)
    if name == "build/index.html":
        first = index_documents(one, roots[0] / "build")
        return first == index_documents(two, roots[1] / "build", folders=True)
    if name.endswith(".html"):
        return linked(one, roots[0] / "build") == linked(two, roots[1] / "build")
    return one.read_bytes() == two.read_bytes()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("first", type=Path, help="an archive's project folder")
    parser.add_argument("second", type=Path, help="the other's")
    parser.add_argument("--folders", action="store_true", help="the second is in folders")
    args = parser.parse_args(argv)
    one, two = outputs(args.first, False), outputs(args.second, args.folders)
    differ = [
        name
        for name in sorted(one.keys() & two.keys())
        if not same(one[name], two[name], name, (args.first, args.second), args.folders)
    ]
    only = sorted(one.keys() ^ two.keys())
    print(
        f"{len(one)} and {len(two)} files; {len(one.keys() & two.keys()) - len(differ)} match, "
        f"{len(differ)} differ, {len(only)} in one archive only"
    )
    for name in (differ + only)[:20]:
        print(f"  {name}")
    return 1 if differ or only else 0


if __name__ == "__main__":
    sys.exit(main())
