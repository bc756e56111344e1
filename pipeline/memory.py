"""Translation memory: two SQLite files.

- Machine drafts (``mt``), in the cache folder (the XDG cache by default), shared by every
  project on the machine: machine output keyed by (package code, package version, masked
  source text), with the model's score and, for output that failed the degenerate check, the
  problem. A re-run finds every draft here and loads no model; a changed sentence misses and
  costs one segment. Each batch of drafts is committed as soon as it is decoded, so an
  interrupted run keeps what it paid for.
- People's translations (``people``), in the project's state folder (``build/.l10n``):
  sentences a person translated (reviewed, non-fuzzy entries), per language and PO file, so
  the same sentence in another document can be offered as a draft. They are the project's
  catalogs' own, kept where its other state is: a moved checkout keeps them, ``make clean``
  forgets them (the next run reads the catalogs again), and no other project's run can
  forget them.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pipeline.config import Config
from pipeline.errors import L10nError

FILENAME = "memory.sqlite3"  # machine drafts, in the cache folder: every project's
PEOPLE_FILENAME = "people.sqlite3"  # a project's people's translations, in its state folder
LATEST_KEPT = 100_000  # sentences whose latest people's translations a run keeps at once
MT_SCHEMA = """
CREATE TABLE IF NOT EXISTS {schema}.mt (
    package TEXT NOT NULL,
    version TEXT NOT NULL,
    source  TEXT NOT NULL,
    target  TEXT NOT NULL,
    score   REAL,
    problem TEXT,
    PRIMARY KEY (package, version, source)
);
"""
# People's translations: each sentence and each PO file kept once, by number, and a row of
# numbers each (a language, a sentence, a file): the indexes that find a sentence's latest
# translations and a file's sentences hold numbers, not each sentence's text again. An
# archive's memory holds every sentence of every article three times (a language each).
_PEOPLE_TABLES = (
    "CREATE TABLE IF NOT EXISTS sentence (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE)",
    "CREATE TABLE IF NOT EXISTS origin (id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE)",
    """CREATE TABLE IF NOT EXISTS people (
    lang     TEXT NOT NULL,
    sentence INTEGER NOT NULL REFERENCES sentence (id),
    origin   INTEGER NOT NULL REFERENCES origin (id),
    target   TEXT NOT NULL,
    updated  REAL NOT NULL,
    UNIQUE (lang, sentence, origin)
)""",
    "CREATE INDEX IF NOT EXISTS people_by_origin ON people (lang, origin, sentence)",
    # "what changed since": a run asks it of an archive's memory without reading all of it
    "CREATE INDEX IF NOT EXISTS people_by_time ON people (lang, updated)",
    "CREATE INDEX IF NOT EXISTS people_updated ON people (updated)",
    # a sentence's latest people's translations, found without sorting all of them: a
    # sentence of every article (a label, a credit line) is translated in thousands of files
    "CREATE INDEX IF NOT EXISTS people_latest ON people (sentence, lang, updated DESC, origin)",
)
PEOPLE_SCHEMA = (
    "".join(statement + ";\n" for statement in _PEOPLE_TABLES)
    + """-- the rows as text (language, sentence, PO file), as they are recorded
CREATE VIEW IF NOT EXISTS person (lang, source, origin, target, updated) AS
    SELECT p.lang, s.text, o.path, p.target, p.updated
    FROM people p JOIN sentence s ON s.id = p.sentence JOIN origin o ON o.id = p.origin;
CREATE TRIGGER IF NOT EXISTS person_insert INSTEAD OF INSERT ON person BEGIN
    INSERT OR IGNORE INTO sentence (text) VALUES (NEW.source);
    INSERT OR IGNORE INTO origin (path) VALUES (NEW.origin);
    INSERT INTO people VALUES (
        NEW.lang,
        (SELECT id FROM sentence WHERE text = NEW.source),
        (SELECT id FROM origin WHERE path = NEW.origin),
        NEW.target,
        NEW.updated
    ) ON CONFLICT (lang, sentence, origin) DO UPDATE SET target = excluded.target,
        updated = excluded.updated WHERE target != excluded.target;
END;
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT OR IGNORE INTO meta VALUES ('generation', lower(hex(randomblob(16))));
"""
)


# More rows recorded since than this, and every file is looked at: finding them would read
# more than the files' index does.
SINCE_ROWS = 100_000


def _origins_seen(value: str | None) -> dict | None:
    """What ``forget_origins`` kept of a language (``since``, ``folders``), or None where it
    kept nothing this code reads (a memory from before, a value written by hand)."""
    try:
        seen = json.loads(value) if value else None
    except ValueError:
        return None
    if not isinstance(seen, dict) or not isinstance(seen.get("folders"), dict):
        return None
    since = seen.get("since")
    if not isinstance(since, list) or len(since) != 3:
        return None
    return seen


def project_memory(config: Config, readonly: bool = False) -> Memory:
    """The memory of a project's run: the machine drafts in the cache folder, the people's
    translations in the project's state folder."""
    return Memory(config.cache_folder(), readonly, people=config.state_folder())


def _holds_people(db: sqlite3.Connection) -> bool:
    """Does this machine drafts' file hold people's translations (an earlier version's)?"""
    found = db.execute("SELECT 1 FROM sqlite_master WHERE name IN ('person', 'people')")
    return found.fetchone() is not None


@dataclass(frozen=True)
class Stored:
    """A machine draft from the memory."""

    target: str
    score: float | None
    problem: str | None


@dataclass(frozen=True)
class PersonMatch:
    """A person's translation of the same sentence in another PO file."""

    target: str
    origin: str


class Memory:
    """The translation memory: machine drafts in ``folder`` (the cache folder, which every
    project on the machine shares: a draft is the model's, whoever asked for it), and the
    people's translations of one project in ``people`` (its state folder; default:
    ``folder``). ``readonly`` opens nothing that is not there and writes nothing."""

    def __init__(
        self, folder: str | Path, readonly: bool = False, people: str | Path | None = None
    ):
        self.path = Path(folder) / FILENAME
        self.people_path = Path(people if people is not None else folder) / PEOPLE_FILENAME
        self.readonly = readonly
        self._recorded: set[tuple[str, str]] = set()  # (language, PO file) recorded in full
        # (language, sentence) → its two latest people's translations (target, origin), as
        # asked this run: a sentence common to many articles is looked up once, not once per
        # catalog (forgotten at each change to the people's translations)
        self._latest: dict[tuple[str, str], list[tuple[str, str]]] = {}
        # what opening the people's file makes, taken away if the drafts' file fails
        made = [f for f in (self.people_path, *self.people_path.parents) if not f.exists()]
        # the people's translations are made from the catalogs: a damaged file can go
        self.db = self._opened(self.people_path, self._open_people, "; delete it, ")
        try:
            self._opened(self.path, self._attach_machine)
        except L10nError:
            self.db.close()
            if made and not readonly:  # (a failed run leaves nothing behind)
                self.people_path.unlink(missing_ok=True)
                for folder in made[1:]:
                    folder.rmdir()
            raise

    @staticmethod
    def _opened(path: Path, how, remedy: str = "") -> sqlite3.Connection:
        """``how()``, and a first query: a damaged file fails here, not in the middle of a
        run, with a one-line error naming it (and ``remedy``)."""
        try:
            db = how()
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return db
        except (OSError, sqlite3.Error) as exc:
            hint = f"{remedy}the next run reads the catalogs again" if remedy else ""
            raise L10nError(f"cannot open the translation memory ({exc}{hint})", path) from None

    def _open_people(self) -> sqlite3.Connection:
        path = self.people_path  # (in the checkout: a contribution may have put a link there)
        if path.is_symlink() or (path.exists() and not path.is_file()):
            raise OSError("a link or not a regular file")
        if self.readonly and not path.exists():
            db = sqlite3.connect(":memory:", uri=True)
            db.executescript(PEOPLE_SCHEMA)
        elif self.readonly:
            db = sqlite3.connect(self._uri(path, "ro"), uri=True, timeout=30)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self._uri(path), uri=True, timeout=30)
            db.executescript(PEOPLE_SCHEMA)
        return db

    def _attach_machine(self) -> sqlite3.Connection:
        """The machine drafts' file, attached to the people's as ``machine``."""
        if self.readonly and not self.path.exists():
            self.db.execute("ATTACH DATABASE ':memory:' AS machine")
        elif self.readonly:
            self.db.execute("ATTACH DATABASE ? AS machine", (self._uri(self.path, "ro"),))
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._slim()
            self.db.execute("ATTACH DATABASE ? AS machine", (self._uri(self.path),))
        if not self.readonly or not self.path.exists():
            self.db.executescript(MT_SCHEMA.format(schema="machine"))
        return self.db

    @staticmethod
    def _uri(path: Path, mode: str | None = None) -> str:
        return path.resolve().as_uri() + (f"?mode={mode}" if mode else "")

    def _slim(self) -> None:
        """An earlier version kept every project's people's translations in the cache
        folder's file, beside the machine drafts (12.8 GB at 100,000 articles; one project's
        run forgot another's): its drafts are copied into a new file, which takes its place.
        The copy needs only the drafts' room; the earlier file is held for writing meanwhile,
        so no other run's drafts are lost. The people's translations need no copy: each
        project's first run reads its catalogs again (``pipeline.translate``)."""
        if not self.path.exists():
            return
        earlier = sqlite3.connect(self._uri(self.path), uri=True, timeout=30, isolation_level=None)
        made = self.path.with_name(self.path.name + ".new")
        try:
            if not _holds_people(earlier):
                return
            earlier.execute("BEGIN IMMEDIATE")
            if not _holds_people(earlier):  # (slimmed meanwhile by another process)
                return
            made.unlink(missing_ok=True)
            new = sqlite3.connect(self._uri(made), uri=True, isolation_level=None)
            try:
                new.executescript(MT_SCHEMA.format(schema="main"))
                new.execute("ATTACH DATABASE ? AS earlier", (self._uri(self.path, "ro"),))
                new.execute("BEGIN")
                new.execute("INSERT OR REPLACE INTO main.mt SELECT * FROM earlier.mt")
                new.execute("COMMIT")
                new.execute("DETACH DATABASE earlier")
            finally:
                new.close()
            os.replace(made, self.path)
        finally:
            if earlier.in_transaction:
                earlier.execute("ROLLBACK")
            earlier.close()
            made.unlink(missing_ok=True)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Memory:  # noqa: PYI034
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def drafts(self, package: str, version: str, sources: Iterable[str]) -> dict[str, Stored]:
        """The stored machine drafts among ``sources`` for one package version."""
        found: dict[str, Stored] = {}
        unique = list(dict.fromkeys(sources))
        for start in range(0, len(unique), 500):
            chunk = unique[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(
                f"SELECT source, target, score, problem FROM machine.mt "
                f"WHERE package = ? AND version = ? AND source IN ({marks})",
                (package, version, *chunk),
            )
            for source, target, score, problem in rows:
                found[source] = Stored(target, score, problem)
        return found

    def store_drafts(
        self, package: str, version: str, items: Iterable[tuple[str, str, float | None, str | None]]
    ) -> None:
        """Save (source, target, score, problem) drafts and commit."""
        if self.readonly:
            return
        with self.db:
            self.db.executemany(
                "INSERT OR REPLACE INTO machine.mt VALUES (?, ?, ?, ?, ?, ?)",
                [(package, version, s, t, score, p) for s, t, score, p in items],
            )

    def record_people(
        self, lang: str, items: Iterable[tuple[str, str, str]], origins: Iterable[str] = ()
    ) -> None:
        """Remember (source, target, origin) translations made by people; commit. For each
        of ``origins`` (PO files read in full), what it no longer holds is forgotten."""
        if self.readonly:
            return
        # a file read in full is recorded once per run, however many stages pass it here
        origins = [o for o in dict.fromkeys(origins) if (lang, o) not in self._recorded]
        items = [i for i in items if (lang, i[2]) not in self._recorded]
        kept: dict[str, set[str]] = {origin: set() for origin in origins}
        for source, _, origin in items:
            if origin in kept:
                kept[origin].add(source)
        self._latest.clear()
        self.db.execute("BEGIN IMMEDIATE")  # (the stamp read and issued in one transaction)
        try:
            now = self._stamp() if items else 0.0
            for origin, sources in kept.items():
                known = self.db.execute(
                    "SELECT p.origin, p.sentence, s.text FROM people p "
                    "JOIN sentence s ON s.id = p.sentence "
                    "WHERE p.lang = ? AND p.origin = (SELECT id FROM origin WHERE path = ?)",
                    (lang, origin),
                ).fetchall()
                gone = [(lang, o, sentence) for o, sentence, text in known if text not in sources]
                self.db.executemany(
                    "DELETE FROM people WHERE lang = ? AND origin = ? AND sentence = ?", gone
                )
                self._forget_sentences(sentence for _, _, sentence in gone)
            self._insert_people(lang, items, now)
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self._recorded.update((lang, origin) for origin in origins)

    def _insert_people(self, lang: str, items: list[tuple[str, str, str]], now: float) -> None:
        """Insert (source, target, origin) rows as the ``person`` view's trigger does (each
        sentence and file kept once, a row updated only where its translation changed), a
        statement for all the rows rather than the trigger's five a row: an archive's first
        run records every catalog's translations, and this takes about half the time. The
        staged rows go with the transaction, whether it commits or not."""
        db = self.db
        db.execute("CREATE TEMP TABLE IF NOT EXISTS staged (source TEXT, origin TEXT, target TEXT)")
        db.executemany("INSERT INTO temp.staged VALUES (?, ?, ?)", [(s, o, t) for s, t, o in items])
        db.execute("INSERT OR IGNORE INTO sentence (text) SELECT source FROM temp.staged")
        db.execute("INSERT OR IGNORE INTO origin (path) SELECT origin FROM temp.staged")
        db.execute(
            "INSERT INTO people SELECT ?, s.id, o.id, st.target, ? FROM temp.staged st "
            "JOIN sentence s ON s.text = st.source JOIN origin o ON o.path = st.origin "
            "ORDER BY st.rowid "
            "ON CONFLICT (lang, sentence, origin) DO UPDATE SET target = excluded.target, "
            "updated = excluded.updated WHERE target != excluded.target",
            (lang, now),
        )
        db.execute("DELETE FROM temp.staged")

    def _stamp(self) -> float:
        """A stamp for what is recorded now, later than every one issued before, whatever the
        clock says (after a run with the clock set ahead, what people translate later must
        still read as newer; ``forget_origins`` finds what was recorded since by it). The
        latest issued is kept in ``meta``: the row that had it may have been deleted since.
        Called in the transaction that records with it."""
        (latest,) = self.db.execute("SELECT max(updated) FROM people").fetchone()
        row = self.db.execute("SELECT value FROM meta WHERE key = 'stamp'").fetchone()
        try:
            issued = float(row[0]) if row else 0.0
        except ValueError:
            issued = 0.0
        now = max(time.time(), max(latest or 0.0, issued) + 0.001)
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('stamp', ?)", (repr(now),))
        return now

    def _forget_sentences(self, ids: Iterable[int]) -> None:
        """Forget the sentences among ``ids`` that no people's translation holds any more
        (each found by a seek): a memory keeps the sentences of its rows, not every sentence
        ever translated."""
        self.db.executemany(
            "DELETE FROM sentence WHERE id = ?1 AND NOT EXISTS "
            "(SELECT 1 FROM people WHERE sentence = ?1)",
            [(i,) for i in dict.fromkeys(ids)],
        )

    def forget_origins(self, lang: str, keep: Iterable[str]) -> None:
        """Forget the people's translations of PO files not in ``keep`` (deleted articles).
        What was seen last time for ``lang`` is kept (``meta``): a digest of the whole list and
        of its paths in each folder, and the point ``_since`` (the latest stamp, the latest row
        and its key), found by seeks. Only files that may be gone are looked at: those under a
        folder whose list changed, and those a translation was recorded or changed from since
        (``_candidates``; not a trigger on every row recorded, which would make recording four
        times slower). Every file is looked at (an archive's are 100,000 a language) where
        nothing was kept, a list's folder is the project's own, or the point did not only move
        forward (``_moved_on``)."""
        if self.readonly:
            return
        keep = list(keep)
        whole_list = hashlib.blake2b("\n".join(keep).encode("utf-8"), digest_size=16).hexdigest()
        key = f"origins:{lang}"
        # read and written in one transaction: what another process records is before it
        # (and seen) or after it (and changes the mark)
        self.db.execute("BEGIN IMMEDIATE")
        try:
            row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
            seen = _origins_seen(row[0] if row else None)
            since = self._since(lang)
            same = seen is not None and seen["since"] == since and seen.get("list") == whole_list
            folders: dict[str, list[str]] = {}
            for path in [] if same else keep:  # (the list as it was: no folder is looked at)
                folders.setdefault(path.rpartition("/")[0], []).append(path)
            digests = {
                folder: hashlib.blake2b(
                    "\n".join(paths).encode("utf-8"), digest_size=16
                ).hexdigest()
                for folder, paths in folders.items()
            }
            if not same and (seen is None or seen["since"] != since or seen["folders"] != digests):
                old = seen["folders"] if seen is not None else {}
                changed = {f for f in {*old, *digests} if old.get(f) != digests.get(f)}
                whole = seen is None or "" in changed or not self._moved_on(seen["since"], since)
                candidates = (
                    self._origin_ids(lang)
                    if whole
                    else self._candidates(lang, sorted(changed), seen["since"])
                )
                kept = {path for paths in folders.values() for path in paths}
                gone = [(o, path) for o, path in candidates if path not in kept]
                self._latest.clear()
                for origin, _ in gone:
                    sentences = self.db.execute(
                        "SELECT sentence FROM people WHERE lang = ? AND origin = ?",
                        (lang, origin),
                    ).fetchall()
                    self.db.execute(
                        "DELETE FROM people WHERE lang = ? AND origin = ?", (lang, origin)
                    )
                    self._forget_sentences(sentence for (sentence,) in sentences)
                # after the deletes: the latest row or stamp may have been among them
            if not same:  # (the whole list's digest, and each folder's)
                since = self._since(lang)
                value = json.dumps({"since": since, "list": whole_list, "folders": digests})
                self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def _since(self, lang: str) -> list:
        """``forget_origins``'s point in the memory's history: the language's latest stamp, the
        latest row and that row's key (``_row_key``)."""
        _, latest = self.people_state(lang)
        (last,) = self.db.execute("SELECT max(rowid) FROM people").fetchone()
        return [latest, last or 0, self._row_key(last or 0)]

    def _moved_on(self, before: list, now: list) -> bool:
        """Whether the memory's point (``_since``) moved only forward, and by no more than
        ``SINCE_ROWS`` rows, the latest row then being there still: where it was deleted
        since, a row recorded after may have had a number below it (SQLite gives a new row
        the number after the latest), and every file is looked at. Where it is there, every
        row recorded since has a later number, whatever its stamp."""
        try:
            return (
                now[0] >= before[0]
                and before[1] <= now[1] <= before[1] + SINCE_ROWS
                and (before[1] == 0 or self._row_key(before[1]) == before[2])
            )
        except TypeError:
            return False

    def _row_key(self, rowid: object) -> list | None:
        """The row ``rowid``'s (language, sentence, file), or None where there is none."""
        if not isinstance(rowid, int) or rowid <= 0:
            return None
        row = self.db.execute(
            "SELECT lang, sentence, origin FROM people WHERE rowid = ?", (rowid,)
        ).fetchone()
        return list(row) if row else None

    def _candidates(self, lang: str, folders: list[str], since: list) -> list[tuple[int, str]]:
        """The files (number, path) some person's translation into ``lang`` came from that
        are under one of ``folders`` or were recorded from after ``since``."""
        found: dict[int, str] = {}
        for folder in folders:
            rows = self.db.execute(
                "SELECT o.id, o.path FROM origin o WHERE o.path >= ? AND o.path < ? AND EXISTS"
                " (SELECT 1 FROM people p WHERE p.lang = ? AND p.origin = o.id)",
                (folder + "/", folder + "0", lang),  # ("0" follows "/")
            )
            found.update(rows.fetchall())
        latest, last = since[0], since[1]
        rows = self.db.execute(
            "SELECT DISTINCT p.origin, o.path FROM people p JOIN origin o ON o.id = p.origin"
            " WHERE p.rowid > ?2 AND +p.lang = ?1"  # (by rowid: "+" keeps the index out)
            " UNION SELECT DISTINCT p.origin, o.path FROM people p"
            " JOIN origin o ON o.id = p.origin WHERE p.lang = ?1 AND p.updated > ?3",
            (lang, last, latest),
        )
        found.update(rows.fetchall())
        return sorted(found.items())

    def _origins(self, lang: str) -> list[str]:
        """Every PO file some person's translation into ``lang`` came from, by path."""
        return sorted(path for _, path in self._origin_ids(lang))

    def _origin_ids(self, lang: str) -> list[tuple[int, str]]:
        """Every PO file some person's translation into ``lang`` came from, (number, path).
        Read one origin at a time from the index on (lang, origin), each found by a seek past
        the last, so that the cost follows the files (10,000 of an archive), not their
        sentences (a million); ``SELECT DISTINCT`` walks every sentence."""
        rows = self.db.execute(
            "WITH RECURSIVE o(origin) AS ("
            " SELECT (SELECT min(origin) FROM people WHERE lang = ?1)"
            " UNION ALL"
            " SELECT (SELECT min(origin) FROM people WHERE lang = ?1 AND origin > o.origin)"
            " FROM o WHERE o.origin IS NOT NULL"
            ") SELECT o.origin, origin.path FROM o JOIN origin ON origin.id = o.origin",
            (lang,),
        )
        return rows.fetchall()

    def people_state(self, lang: str) -> tuple[str, float]:
        """(which memory this is, when a people's translation of ``lang`` last changed): what a
        ledger records so that a later run can ask what is new since (``people_since``)."""
        try:
            generation = self.db.execute(
                "SELECT value FROM meta WHERE key = 'generation'"
            ).fetchone()
        except sqlite3.OperationalError:  # a memory from before, opened read-only
            generation = None
        (latest,) = self.db.execute(
            "SELECT max(updated) FROM people WHERE lang = ?", (lang,)
        ).fetchone()
        return (generation[0] if generation else "", latest or 0.0)

    def people_sources(self, lang: str) -> set[str]:
        """Every sentence some person translated into ``lang``."""
        rows = self.db.execute(
            "SELECT s.text FROM sentence s WHERE EXISTS "
            "(SELECT 1 FROM people p WHERE p.sentence = s.id AND p.lang = ?)",
            (lang,),
        )
        return {source for (source,) in rows}

    def people_since(self, lang: str, when: float) -> dict[str, float]:
        """Sources whose people's translation changed after ``when``, and when."""
        rows = self.db.execute(
            "SELECT s.text, max(p.updated) FROM people p JOIN sentence s ON s.id = p.sentence "
            "WHERE p.lang = ? AND p.updated > ? GROUP BY p.sentence",
            (lang, when),
        )
        return dict(rows)

    def person_match(self, lang: str, source: str, exclude_origin: str) -> PersonMatch | None:
        """The most recent person translation of ``source`` from another file, if any: of
        the sentence's two latest (each from another file), the first not from
        ``exclude_origin``."""
        latest = self._latest.get((lang, source))
        if latest is None:
            if len(self._latest) >= LATEST_KEPT:
                self._latest.clear()
            latest = self._latest[(lang, source)] = self._two_latest(lang, source)
        for target, origin in latest:
            if origin != exclude_origin:
                return PersonMatch(target, origin)
        return None

    def _two_latest(self, lang: str, source: str) -> list[tuple[str, str]]:
        """A sentence's two latest people's translations (target, file): the latest first and,
        of those recorded at the same time, the file the memory knew first (a run records its
        files in the order of their paths). Two rows read by a seek, however many files have
        the sentence (a label of every article: thousands)."""
        return self.db.execute(
            "SELECT p.target, o.path FROM people p JOIN origin o ON o.id = p.origin "
            "WHERE p.sentence = (SELECT id FROM sentence WHERE text = ?2) AND p.lang = ?1 "
            "ORDER BY p.updated DESC, p.origin LIMIT 2",
            (lang, source),
        ).fetchall()
