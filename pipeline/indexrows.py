"""The build's index kept by folder, so that a build whose groups of documents are taken whole
(``ledger.Groups``) makes again only the index pages of the folders that changed.

A folder's page of the index (``build/index/<folder>/index.html``) lists each of its documents
with a line made from the document's fact; the main page lists the documents at the top of the
source folder and a summary of each folder. A full build records, for each folder, two rows
in the ledger ``build index``: its head (digests of its documents' names and of their lines,
the token of its other row, its summary and the state of its page as written) and its lines
(each document's lines of the index and which of its languages are published); they are
written only where they changed. A later build keeps a folder's page as it is where the
folder holds the same documents, its page is in the state recorded and none of its documents
was made again this run: it neither reads the folder's lines nor makes its page again. The
lines kept are those of the facts the build trusts, as every build that makes a document
again writes its folder's rows. Another folder's page is made again from the lines kept of
its documents that were not made again and the lines of those that were.

Partial builds (some languages or formats) record no rows: they change no document's fact,
and a page they wrote is not in the state recorded, so the next full build makes it again."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from pipeline.languages import language_info
from pipeline.ledger import Ledger, State, names_digest
from pipeline.render import FolderSummary, IndexEntry, index_entry

LEDGER = "build index"
LINES = "build index lines"

# A document as its folder's page lists it: its name, its lines of the index, and each of its
# languages' codes with whether it is published (in the order of its pages).
Doc = tuple[str, str, list]


@dataclass
class Folder:
    """A folder's documents, as a build finds them."""

    name: str
    names: list[str]  # its documents, in the listing's order
    head: dict | None = None  # its head as recorded (for these settings)
    lines: dict | None = None  # its lines as recorded, where they were read
    quiet: bool = False  # its page is kept as it is (``find``, ``pages``)
    intact: bool = False  # its documents and its page as recorded
    docs: list[Doc] = field(default_factory=list)  # as listed this run, once known


class IndexRows:
    """The index's rows of one full build (see the module's text)."""

    def __init__(self, state: State, settings: str, title: str):
        self.state = state
        self.heads: Ledger = state.ledger(LEDGER, by_file=False)
        self.rows: Ledger = state.ledger(LINES, by_file=False)
        # what the pages are made from besides the lines: the build's settings and the
        # project's name (the pages' titles)
        self.inputs = {"settings": settings, "title": title}
        self.folders: dict[str, Folder] = {}
        self.rendered: set[str] = set()  # the documents made this run (``pages``)
        # the entries of documents kept whose lines are not known (``pages``)
        self.expand: Callable[[list[str]], list[IndexEntry]] | None = None

    @classmethod
    def unrecorded(cls, names: list[str]) -> IndexRows:
        """The folders of the documents ``names``, none of them recorded (a partial build's
        index: every line from the documents' entries)."""
        rows = cls.__new__(cls)
        rows.folders, rows.rendered, rows.expand = {}, set(), None
        for name in names:
            folder = name.rpartition("/")[0]
            if folder not in rows.folders:
                rows.folders[folder] = Folder(folder, [])
            rows.folders[folder].names.append(name)
        return rows

    def find(
        self, names: list[str], kept: Callable[[str], bool], page_state: Callable[[str], str | None]
    ) -> list[str]:
        """Read the heads of the folders of the documents ``names`` (every document listed,
        in order). A folder with the documents recorded, whose page is in the state recorded
        (``page_state(folder)``: its state now), is intact; one all of whose documents are
        also ``kept`` (in groups taken whole) is quiet: its page is kept as it is. Of the
        folders not intact, whose pages are made again, read the lines as well: the
        documents kept whose lines are not known that way are returned, for their groups to
        be read before the build looks at its documents."""
        folders: dict[str, list[str]] = {}
        for name in names:
            folders.setdefault(name.rpartition("/")[0], []).append(name)
        self.heads.read()
        missing = []
        for name, members in folders.items():
            folder = self.folders[name] = Folder(name, members)
            head = folder.head = self.heads.fact(name, self.inputs)
            folder.intact = (
                head is not None
                and head.get("names") == names_digest(members)
                and name != ""  # (the main page is made every time)
                and isinstance(head.get("summary"), list)
                and head.get("page") is not None
                and head["page"] == page_state(name)
            )
            folder.quiet = folder.intact and all(map(kept, members))
            if folder.intact:
                continue
            held = [m for m in members if kept(m)]
            if held:  # (where none is kept, every line is made from the documents' facts)
                folder.lines = self._lines(name, head)
                known = folder.lines or {}
                missing += [m for m in held if m not in known]
        return missing

    def _kept_lines(self, folder: Folder, token: str | None) -> bool:
        """Whether a folder's lines' row is the one its head names (read this run, or its
        text begins with the head's token)."""
        if folder.lines is not None:
            return True
        return self.rows.has_part(folder.name, token)

    def _lines(self, name: str, head: dict | None) -> dict | None:
        """A folder's lines, where its head names them."""
        if head is None:
            return None
        found = self.rows.part(name, head.get("lines"))
        if found is None:
            return None
        docs = found.get("docs")
        return docs if isinstance(docs, dict) else None

    def pages(
        self,
        fresh: list[IndexEntry],
        formats: tuple[str, ...],
        rendered: set[str] = frozenset(),
        expand: Callable[[list[str]], list[IndexEntry]] | None = None,
    ) -> None:
        """Each folder's documents as listed (``Folder.docs``), but for the quiet ones: the
        lines of ``fresh`` (the documents not kept), and the recorded lines of the others.
        An intact folder none of whose documents was ``rendered`` this run is quiet too: the
        lines of its documents are those recorded (a folder's lines are written by every
        build that changes one). Of a kept document whose line is not known, ``expand``
        gives the entry."""
        made = {entry.stem: entry for entry in fresh}
        for folder in self.folders.values():
            if folder.quiet:
                continue
            if folder.intact:
                if not any(name in rendered for name in folder.names):
                    folder.quiet = True
                    continue
                folder.lines = self._lines(folder.name, folder.head)
            known = folder.lines or {}
            missing = [name for name in folder.names if name not in made and name not in known]
            if missing:
                made.update((entry.stem, entry) for entry in expand(missing))
            for name in folder.names:
                entry = made.get(name)
                if entry is None:
                    line, published = known[name]
                else:
                    line = entry.html or index_entry(entry, formats)
                    published = [[page.language.code, page.published] for page in entry.pages]
                folder.docs.append((name, line, published))

    def summary(self, folder: Folder) -> FolderSummary:
        """A folder's line of the main page: how many documents it holds, and how many of
        them each language publishes."""
        if folder.quiet:
            documents, published = folder.head["summary"]
        else:
            counts: dict[str, int] = {}
            for _, _, languages in folder.docs:
                for code, done in languages:
                    counts[code] = counts.get(code, 0) + bool(done)
            documents, published = len(folder.docs), list(counts.items())
        return FolderSummary(
            folder.name, documents, tuple((language_info(code), n) for code, n in published)
        )

    def record(self, page_state: Callable[[str], str | None]) -> None:
        """After the build's files are in place: the rows of every folder not quiet, each
        with the state of its page now (None where it proves nothing: the page is made again
        next time); the rows of folders gone are forgotten."""
        for folder in self.folders.values():
            if folder.quiet:
                continue
            summary = self.summary(folder)
            head = {
                "names": names_digest(folder.names),
                "docs": _docs_digest(folder.docs),
                "page": page_state(folder.name) if folder.name else None,
                "summary": [summary.documents, [[lang.code, n] for lang, n in summary.published]],
            }
            # written only where they changed: a build that changed nothing writes nothing
            old = folder.head or {}
            if old.get("docs") != head["docs"] or not self._kept_lines(folder, old.get("lines")):
                docs = {name: [line, published] for name, line, published in folder.docs}
                head["lines"] = self.rows.record_part(folder.name, docs=docs)
            else:
                head["lines"] = old["lines"]
            if self.heads.cache.get(folder.name) != Ledger.body(self.inputs, **head):
                self.heads.record(folder.name, self.inputs, **head)
        # the rows of folders no document is in any more (their heads not asked about)
        self.heads.read()
        for name in list(self.heads._rows or {}):
            if name not in self.folders:
                self.heads.drop(name)
                self.rows.drop(name)


def _docs_digest(docs: list[Doc]) -> str:
    """One digest of a folder's documents as its page lists them."""
    digest = hashlib.blake2b(digest_size=16)
    for name, line, published in docs:
        digest.update(f"{name}\0{line}\0{published!r}\0".encode())
    return digest.hexdigest()
