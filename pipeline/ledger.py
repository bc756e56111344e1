"""What a command remembers between runs, so that a run costs what changed, not what exists.

Each command keeps a ledger: for each item it worked on (a template, a catalog, a page), the
digests of the inputs it read and what it found or made (a template's entry count, a
catalog's pending drafts, a page's outputs). A later run trusts a fact only when every input
digest and the pipeline's own code (and the versions of the libraries that shape its outputs)
are the same as when it was recorded, so a stale, lost or hand-edited ledger costs work, never
a wrong result; ``make clean`` (removing ``build/``) forgets it all.

The ledgers live in one SQLite database, ``build/.l10n/state.sqlite``, one row per item and
per file seen, keyed by paths relative to the project (a moved checkout or a restored CI cache
keeps them). A run reads the rows of the items it asks about and writes the rows that changed,
in one transaction: its cost follows the change, not the archive. A stage that runs over an
archive keeps its facts a group of items at a time as well (``Groups``): a group whose files
are all as recorded is trusted with one row, not a row and a digest an item.

Digests are of file contents (blake2b, as for the saves); a file whose size, modification and
change times and inode are what was seen last is not read again to digest it, as git does with
its index. The change time catches a copy that keeps an old modification time (``cp -p``,
``rsync -a``), and a file modified less than two seconds before it was seen is read again
("racily clean": a same-size edit in the same clock tick would look unchanged).

Every row is signed (keyed BLAKE2b, a MAC) with a key this machine keeps outside the checkout,
in the cache folder: rows that came with a contribution (a forced ``build/.l10n`` in a pull request,
claiming a catalog is translated) are not this machine's, and are ignored.
"""

from __future__ import annotations

import array
import contextlib
import dataclasses
import hashlib
import hmac
import json
import os
import sqlite3
import stat
import time
import zlib
from collections.abc import Callable, Iterable
from functools import cache
from importlib import metadata
from importlib.resources import files as resources
from pathlib import Path
from typing import Generic, TypeVar

from pipeline import files
from pipeline.fsmonitor import Changes, Watchman

F = TypeVar("F")  # a stage's fact
DATABASE = "state.sqlite"
# The libraries whose versions can change what a stage writes: a new release is new code.
SHAPING_LIBRARIES = (
    "babel",
    "polib",
    "markdown-it-py",
    "trafilatura",
    "lxml",
    "rapidfuzz",
    "ctranslate2",
    "sentencepiece",
    "argos-translate-lt",
    "sacremoses",
)
CLOCK = "clock"  # a file touched at each save: the file system's own "now"


@cache
def code_version() -> str:
    """A digest of the pipeline's own code and resources: a fact recorded by other code is not
    trusted."""
    digest = hashlib.blake2b(digest_size=16)
    package = resources("pipeline")
    for item in sorted(package.iterdir(), key=lambda p: p.name):
        if item.name.endswith((".py", ".css")):
            digest.update(item.name.encode() + b"\0" + item.read_bytes())
    for name in SHAPING_LIBRARIES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{name}={version}\0".encode())
    return digest.hexdigest()


def text_digest(text: str) -> str:
    """A digest of settings or other values, as they are written in a fact's inputs."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def machine_key(folder: Path) -> bytes:
    """This machine's key for signing ledgers, made on first use in ``folder`` (readable by
    its owner only). Where none can be kept, a key for this process only: its ledgers are
    then never trusted again, which costs work, not correctness."""
    path = Path(folder) / "ledger.key"
    with contextlib.suppress(OSError):
        key = path.read_bytes()
        if len(key) == 32:
            return key
    key = os.urandom(32)
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(key)
    with contextlib.suppress(OSError):
        kept = path.read_bytes()  # another process may have made it first
        if len(kept) == 32:
            return kept
    return key


def _signature(info: os.stat_result) -> str:
    """What ``State.digest`` compares of a file before reading it: size, times, inode."""
    return f"{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}:{info.st_ino}"


def _racy(signature: str, now: int | None) -> bool:
    """Whether a file's times prove nothing: modified no earlier than the file system's "now"
    when it was seen (or that "now" unknown), so a same-size edit in the same tick is unseen."""
    return now is None or int(signature.split(":")[1]) >= now


def _sign(key: bytes, *parts: str) -> str:
    """A row's signature: keyed BLAKE2b, a MAC as HMAC-SHA256 is, at a third of the cost (a
    build of 10,000 articles checks 170,000 rows)."""
    message = "\0".join(parts).encode("utf-8")
    return hashlib.blake2b(message, key=key, digest_size=32).hexdigest()


SCHEMA = """
CREATE TABLE IF NOT EXISTS facts (
    command TEXT NOT NULL, item TEXT NOT NULL, code TEXT NOT NULL, body TEXT NOT NULL,
    sig TEXT NOT NULL, PRIMARY KEY (command, item)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS memo (
    key TEXT PRIMARY KEY, body TEXT NOT NULL, sig TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS seen (
    path TEXT PRIMARY KEY, stat TEXT NOT NULL, digest TEXT NOT NULL, sig TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
"""


class State:
    """The database of every command's ledger for one project, opened on first use. Where it
    cannot be opened or written (a read-only checkout, a link, a broken file), the commands run
    as if nothing had been recorded: a lost cache costs work, never a result."""

    def __init__(self, folder: Path, root: Path, key: bytes):
        self.path = Path(folder) / DATABASE
        self.root = Path(os.path.abspath(root))
        self.key = key
        self.code = code_version()
        self._db: sqlite3.Connection | None = None
        self._opened = False
        self.ledgers: dict[str, Ledger] = {}
        self._prefix = str(self.root) + os.sep
        self._keys: dict[str, str] = {}  # a path as given → as the database keys it
        self.seen: dict[str, tuple[str, str] | None] = {}  # relative path → (stat, digest)
        self.changed_seen: dict[str, tuple[str, str] | None] = {}
        # Files whose bytes are what was seen, with other times (a moved checkout, a restored
        # cache, a ``touch``): written so that the next run need not read them again (but
        # for those seen racy: see ``save``).
        self.refreshed: dict[str, tuple[str, str]] = {}
        self._stored: dict[str, tuple[str, str] | None] = {}  # rows as the database has them
        self._read_folders: set[str] = set()
        self._now: int | None = None  # the file system's "now", once ``steady`` asked it
        self._seen_rows: dict[str, tuple[str, str] | None] = {}  # read, not yet asked for
        # Rows read one by one, not a folder or a command at a time: a run that trusts groups
        # of items (``Groups``) asks about few of them.
        self.by_item = False
        self.suspects: set[str] = set()  # files that may be gone: their rows go if they are
        self.memo = Memo(self)
        # what tells a stage's groups which files changed (``pipeline.fsmonitor``); None: a
        # ``stat`` of each file tells
        self.monitor: Watchman | None = None
        # (command, item) → (its row's text as the run read it, or None; the text to write
        # instead where the row is no longer that when the run saves)
        self.conditions: dict[tuple[str, str], tuple[str | None, str]] = {}

    def ledger(self, command: str, by_file: bool = True) -> Ledger:
        if command not in self.ledgers:
            self.ledgers[command] = Ledger(self, command, by_file)
        return self.ledgers[command]

    def _gone(self) -> tuple[list[tuple[str, str]], list[str]]:
        """Rows of files that no longer exist (a deleted or renamed document), among those
        this run read and did not ask about: facts of items named by a file (``Ledger``'s
        ``by_file``), and what was seen of files. Only rows already read are looked at, so
        forgetting costs a run what it read, not the archive."""
        facts = [
            (ledger.command, item)
            for ledger in self.ledgers.values()
            if ledger.by_file and ledger._rows
            for item in ledger._rows
            if not self._names_a_file(item)
        ]
        facts += [
            (ledger.command, item) for ledger in self.ledgers.values() for item in ledger.dropped
        ]
        facts += [
            (ledger.command, item)
            for ledger in self.ledgers.values()
            for item in ledger.suspects
            if not self._names_a_file(item)
        ]
        seen = [path for path in self._seen_rows if not os.path.lexists(self.full(path))]
        seen += [
            path
            for path in self.suspects
            if self._stored.get(path) is not None and not os.path.lexists(self.full(path))
        ]
        return facts, seen

    def _as_read(self, db: sqlite3.Connection, facts: list[tuple]) -> list[tuple]:
        """``facts`` to write, where each conditional row (``conditions``) is still as the run
        read it; else that row's text instead (in the save's transaction: another run's save
        comes wholly before this one or wholly after)."""
        instead = {}
        for (command, item), (read, other) in self.conditions.items():
            query = "SELECT code, body FROM facts WHERE command = ? AND item = ?"
            row = db.execute(query, (command, item)).fetchone()
            if (row[1] if row is not None and row[0] == self.code else None) != read:
                instead[(command, item)] = other
        return [(c, i, instead.get((c, i), body)) for c, i, body in facts]

    def _prune(self, db: sqlite3.Connection) -> bool:
        """Forget, the first time this version of the code writes, what other versions
        recorded: their facts and memo are never trusted by this one (``code_version``), and
        would otherwise stay in the database for good. True when rows were deleted."""
        row = db.execute("SELECT value FROM meta WHERE key = 'code'").fetchone()
        if row is not None and row[0] == self.code:
            return False
        db.execute("INSERT OR REPLACE INTO meta VALUES ('code', ?)", (self.code,))
        facts = db.execute("DELETE FROM facts WHERE code != ?", (self.code,)).rowcount
        # the memo's keys start with the code's version and a colon (``Memo._key``)
        outside = (self.code + ":", self.code + ";")
        memo = db.execute("DELETE FROM memo WHERE key < ? OR key >= ?", outside).rowcount
        return facts + memo > 0

    @staticmethod
    def _shrink(db: sqlite3.Connection) -> None:
        """Give the pages pruning freed back to the file system: at once where the database
        frees them as it goes (``auto_vacuum``), else by rewriting it once with that setting."""
        with contextlib.suppress(sqlite3.Error):
            if db.execute("PRAGMA auto_vacuum").fetchone()[0] == 2:
                db.executescript("PRAGMA incremental_vacuum;")  # run to its end
            else:
                db.execute("PRAGMA auto_vacuum=INCREMENTAL")
                db.execute("VACUUM")

    def _names_a_file(self, item: str) -> bool:
        """Whether an item's file is there: the item is a path, or a path and a word
        (``<catalog> <settings digest>``)."""
        return any(
            os.path.lexists(self.full(path))
            for path in dict.fromkeys((item, item.rsplit(" ", 1)[0]))
        )

    def full(self, key: str) -> str:
        """A file's path from its key in the database."""
        return key if os.path.isabs(key) else self._prefix + key

    def relative(self, path: str | Path) -> str:
        """A path as the database keys it: relative to the project, else absolute."""
        name = os.fspath(path)
        key = self._keys.get(name)
        if key is None:
            absolute = os.path.abspath(name)
            if absolute.startswith(self._prefix):
                key = absolute[len(self._prefix) :]
            else:
                key = absolute
            self._keys[name] = key
        return key

    def db(self, create: bool = False) -> sqlite3.Connection | None:
        """The database; made only to be written (``create``): a run that reads, or fails,
        leaves no database behind."""
        if self._db is None and (not self._opened or create):
            self._opened = True
            if create or self.path.is_file():
                self._db = self._connect()
        return self._db

    def _connect(self) -> sqlite3.Connection | None:
        with contextlib.suppress(OSError, sqlite3.Error):
            if self.path.is_symlink() or (self.path.exists() and not self.path.is_file()):
                return None
            self.path.parent.mkdir(parents=True, exist_ok=True)
            new = not self.path.exists()
            db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            # A rollback journal, not WAL: a run that only reads leaves the folder as it was.
            db.execute("PRAGMA synchronous=NORMAL")
            if new:  # pages freed by pruning go back to the file system (``_shrink``)
                db.execute("PRAGMA auto_vacuum=INCREMENTAL")
            db.executescript(SCHEMA)
            return db
        return None

    def query(self, sql: str, args: tuple) -> tuple | None:
        db = self.db()
        if db is None:
            return None
        try:
            return db.execute(sql, args).fetchone()
        except sqlite3.Error:
            return None

    def signature(self, key: str) -> str | None:
        """A regular file's size, times and inode, as ``digest`` compares them (None: no such
        file, or not a regular one); ``key`` as the database keys it."""
        try:
            info = os.stat(self.full(key))
        except OSError:
            return None
        if not stat.S_ISREG(info.st_mode):
            return None
        return _signature(info)

    def seen_state(self, key: str) -> str | None:
        """The state (``signature``) a file had when this run digested it, else None."""
        seen = self.seen.get(key)
        return None if seen is None else seen[0]

    def steady(self, signature: str | None) -> bool:
        """Whether a signature proves a file unchanged later: taken before the file system's
        "now" (not "racily clean", see ``save``)."""
        if signature is None:
            return False
        if self._now is None:
            self._now = self._clock()
        return not _racy(signature, self._now)

    def digest(self, path: Path | str) -> str:
        """The digest of a file's bytes (``files.ABSENT`` when there is none); a relative
        path is the project's (as the database keys it)."""
        if isinstance(path, str) and path[:1] != "/" and not os.path.isabs(path):
            key, path = path, self._prefix + path
        else:
            key = self.relative(path)
        try:
            info = os.stat(path)
        except FileNotFoundError:
            if self._known(key) is not None:
                self.changed_seen[key] = None
            self.seen[key] = None
            return files.ABSENT
        known = self.seen[key] if key in self.seen else self._known(key)
        signature = _signature(info)
        if known is not None and known[0] == signature and stat.S_ISREG(info.st_mode):
            return known[1]
        value = files.file_digest(path)
        self.seen[key] = (signature, value)
        if known is not None and known[1] == value:
            self.refreshed[key] = (signature, value)
        else:
            self.changed_seen[key] = (signature, value)
        return value

    def rows(self, sql: str, args: tuple) -> list[tuple]:
        """Every row a query gives (none where the database cannot be read)."""
        db = self.db()
        if db is None:
            return []
        try:
            return db.execute(sql, args).fetchall()
        except sqlite3.Error:
            return []

    def _read_seen(self, key: str) -> None:
        """The stored rows of a file's folder, read in one query the first time one of its
        files is asked for (a run that looks at one file of an archive's folder looks at all
        of them), and checked: each row kept is this machine's (``_seen_rows``)."""
        query = "SELECT path, stat, digest, sig FROM seen WHERE "
        folder = key.rpartition("/")[0]
        if not folder or self.by_item:  # alone (the settings; a run that trusts groups)
            found = self.rows(query + "path = ?", (key,))
        elif folder not in self._read_folders:
            self._read_folders.add(folder)
            # "0" follows "/": the range holds every path below the folder, of which its own
            found = self.rows(query + "path >= ? AND path < ?", (folder + "/", folder + "0"))
            found = [row for row in found if "/" not in row[0][len(folder) + 1 :]]
        else:
            return
        key_, compare = self.key, hmac.compare_digest
        self._seen_rows.update(
            (path, (stat_, digest) if compare(sig, _sign(key_, path, stat_, digest)) else None)
            for path, stat_, digest, sig in found
        )

    def _known(self, key: str) -> tuple[str, str] | None:
        """What was seen of a file (its signature and digest) by an earlier run, else None."""
        if key not in self.seen:
            if key not in self._seen_rows:
                self._read_seen(key)
            self.seen[key] = self._stored[key] = self._seen_rows.pop(key, None)
        return self.seen[key]

    def _clock(self) -> int | None:
        """The file system's time now, as it stamps files (its granularity included): a file
        seen with a modification time this late may still change in the same tick unseen."""
        marker = self.path.parent / CLOCK
        with contextlib.suppress(OSError):
            if not marker.is_symlink():
                marker.parent.mkdir(parents=True, exist_ok=True)
                marker.touch()
                return os.stat(marker).st_mtime_ns
        return None

    def save(self) -> None:
        """Write every changed row in one transaction. A database that cannot be written is
        only a lost cache: the command's own result stands."""
        facts = [
            (ledger.command, item, body)
            for ledger in self.ledgers.values()
            for item, body in ledger.changed.items()
        ]
        # a file seen racy last time is read again until other news are written with it, so
        # that a run that learnt nothing writes nothing (not even the clock)
        refreshed = {
            path: row
            for path, row in self.refreshed.items()
            if (stored := self._stored.get(path)) is not None and stored[0] != "racy"
        }
        changed_seen = {**refreshed, **self.changed_seen}
        now = self._clock() if changed_seen else None
        for path, row in changed_seen.items():
            if row is not None and _racy(row[0], now):
                changed_seen[path] = ("racy", row[1])  # its times prove nothing
        gone_facts, gone_seen = self._gone()
        changed_seen.update(dict.fromkeys(gone_seen))
        dropped = self.memo.dropped
        if not facts and not changed_seen and not self.memo.new and not gone_facts and not dropped:
            return
        db = self.db(create=True)
        if db is None:
            return
        pruned = False
        with contextlib.suppress(sqlite3.Error):
            db.execute("BEGIN IMMEDIATE")
            try:
                pruned = self._prune(db)
                facts = self._as_read(db, facts)
                db.executemany("DELETE FROM memo WHERE key = ?", [(k,) for k in dropped])
                for path, row in changed_seen.items():
                    if row is None:
                        db.execute("DELETE FROM seen WHERE path = ?", (path,))
                    else:
                        sig = _sign(self.key, path, *row)
                        db.execute(
                            "INSERT OR REPLACE INTO seen VALUES (?, ?, ?, ?)", (path, *row, sig)
                        )
                for key, body in self.memo.new.items():
                    sig = _sign(self.key, key, body)
                    db.execute("INSERT OR REPLACE INTO memo VALUES (?, ?, ?)", (key, body, sig))
                db.executemany("DELETE FROM facts WHERE command = ? AND item = ?", gone_facts)
                for command, item, body in facts:
                    sig = _sign(self.key, command, item, self.code, body)
                    db.execute(
                        "INSERT OR REPLACE INTO facts VALUES (?, ?, ?, ?, ?)",
                        (command, item, self.code, body, sig),
                    )
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        if pruned:
            self._shrink(db)
        self.conditions.clear()
        self.changed_seen.clear()
        self.refreshed.clear()
        self.memo.written()
        dropped.clear()
        for path in gone_seen:
            self._seen_rows.pop(path, None)
            self._stored[path] = None
        self.suspects.clear()
        for ledger in self.ledgers.values():
            ledger.changed.clear()
            for command, item in gone_facts:
                if command == ledger.command and ledger._rows is not None:
                    ledger._rows.pop(item, None)
            ledger.dropped.clear()
            ledger.suspects.clear()


# The state each process has opened, by (process, folder): a worker process opens its own.
_OPENED: dict[tuple[int, str], State] = {}


class StateHandle:
    """How a worker process (``pipeline.parallel``) reaches the project's state: ``open()``
    gives the command's own ``State`` in the command's process, and in a worker a ``State`` of
    its own, for reading (what a worker learns goes back to the command, which writes it)."""

    def __init__(self, state: State):
        self.folder, self.root, self.key = state.path.parent, state.root, state.key
        _OPENED[(os.getpid(), str(self.folder))] = state

    def open(self) -> State:
        where = (os.getpid(), str(self.folder))
        if where not in _OPENED:
            _OPENED.clear()  # inherited from the command's process: not this one's
            _OPENED[where] = State(self.folder, self.root, self.key)
        return _OPENED[where]


MEMO_BATCH = 20_000  # results a long run keeps before writing them (``Memo.spill``)
MEMO_BATCH_BYTES = 16 * 2**20  # or their size, put by this process (a catalog's problems)


class Memo:
    """Results of pure functions of their key (a check's findings for an entry), kept across
    runs and commands: ``get(key)`` (None when unknown) and ``put(key, value)``; values are
    JSON. Keys carry the code's version, so a new version of the code asks anew."""

    def __init__(self, state: State):
        self.state = state
        self.new: dict[str, str] = {}
        self.given: dict[str, str] = {}  # new ones handed over by ``take_new``
        self.dropped: set[str] = set()  # keys to delete: results no longer asked for
        self._put = 0  # bytes put since the last write
        # kinds of key asked for (``entry:…``, ``merged:…``: a key's part before its first
        # colon), each with whether the database held one of this code's when first asked
        # (since this process last wrote): a cold run asks for none of the many it cannot find
        self._held: dict[str, bool] = {}

    def spill(self) -> None:
        """Write the results put so far once there are many (a cold check of an archive puts
        millions): they are true whatever becomes of the run, unlike a ledger's facts, so a
        long run need not hold them all until it succeeds."""
        if len(self.new) < MEMO_BATCH and self._put < MEMO_BATCH_BYTES:
            return
        db = self.state.db(create=True)
        if db is None:
            return
        rows = [(key, body, _sign(self.state.key, key, body)) for key, body in self.new.items()]
        with contextlib.suppress(sqlite3.Error):
            db.execute("BEGIN IMMEDIATE")
            try:
                db.executemany("INSERT OR REPLACE INTO memo VALUES (?, ?, ?)", rows)
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
            self.written()

    def written(self) -> None:
        """What was put is in the database now: nothing is waiting to be written (and the
        database holds kinds of key it did not)."""
        self.new.clear()
        self._put = 0
        self._held.clear()

    def take_new(self) -> dict[str, str]:
        """The results put since the last call, for the process that writes them (a worker
        hands them to the command). At most ``MEMO_BATCH`` of the latest stay known here, as
        the command may not have written them yet; older ones are let go (a worker renders an
        archive's documents, whose entries' findings are millions), and asked for again are
        read from the database or worked out again: the same result either way."""
        new, self.new = self.new, {}
        if len(self.given) + len(new) > MEMO_BATCH:
            self.given.clear()
        self.given.update(new)
        return new

    def _key(self, key: str) -> str:
        return f"{self.state.code}:{key}"

    def get(self, key: str):
        key = self._key(key)
        body = self.new.get(key) or self.given.get(key)
        if body is not None:
            return json.loads(body)
        if not self._holds(key):
            return None
        row = self.state.query("SELECT body, sig FROM memo WHERE key = ?", (key,))
        if row is None or not hmac.compare_digest(row[1], _sign(self.state.key, key, row[0])):
            return None
        with contextlib.suppress(ValueError):
            return json.loads(row[0])
        return None

    def _holds(self, key: str) -> bool:
        """Whether the database may hold ``key`` (a full key): it held a key of its kind when
        this process first asked for one. A result another process writes later is worked out
        again here, the same either way (a worker of a cold build, which can find none of its
        entries' findings, asked the database for each of them)."""
        colon = key.find(":", len(self.state.code) + 1)
        if colon < 0:
            return True  # (a key of no kind)
        kind = key[: colon + 1]  # "<code>:entry:"
        held = self._held.get(kind)
        if held is None:
            found = self.state.query(
                "SELECT 1 FROM memo WHERE key >= ? AND key < ? LIMIT 1", (kind, kind[:-1] + ";")
            )
            held = self._held[kind] = found is not None
        return held

    def put(self, key: str, value) -> None:
        body = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        key = self._key(key)
        self.new[key] = body
        self.dropped.discard(key)
        self._put += len(body)

    def drop(self, key: str) -> None:
        """Forget a result no command will ask for again (written by ``State.save``): a
        catalog's problems once the catalog has changed."""
        key = self._key(key)
        self.new.pop(key, None)
        self.given.pop(key, None)
        self.dropped.add(key)


class Facts:
    """A ledger's facts by item, read from the database one item at a time."""

    def __init__(self, ledger: Ledger):
        self.ledger = ledger

    def get(self, item: str, default: dict | None = None) -> dict | None:
        found = self.ledger.load(item)
        return default if found is None else found


class Ledger:
    """One command's facts: read an item at a time, written by ``State.save``. Its items are
    named by a file (``locales/x.pot``, ``locales/ko/LC_MESSAGES/x.po 3fa…``) unless
    ``by_file`` is false: a fact of a file that is gone is forgotten (``State._gone``)."""

    def __init__(self, state: State, command: str, by_file: bool = True):
        self.state = state
        self.command = command
        self.by_file = by_file
        self.cache: dict[str, str | None] = {}  # item → its fact's text, checked
        self.changed: dict[str, str] = {}  # item → body to write
        self.facts = Facts(self)
        self._rows: dict[str, tuple] | None = None  # read, not yet asked for
        self.dropped: set[str] = set()  # items whose facts to delete (``drop``)
        self.suspects: set[str] = set()  # items whose file may be gone: their facts go if so

    def read(self) -> None:
        """Read the command's rows, in one query (a run asks about every item it may work
        on); those not asked for by the end of the run are forgotten where their file is gone
        (``State._gone``)."""
        if self._rows is None:
            self._rows = {
                row[0]: row[1:]
                for row in self.state.rows(
                    "SELECT item, code, body, sig FROM facts WHERE command = ?", (self.command,)
                )
            }

    def stored(self) -> list[str]:
        """The items the command has rows for: their keys alone, unchecked."""
        query = "SELECT item FROM facts WHERE command = ?"
        return [item for (item,) in self.state.rows(query, (self.command,))]

    def _row(self, item: str, alone: bool = False) -> tuple | None:
        """The stored row of an item, the command's rows read the first time one is asked
        (alone where the state reads rows by item, or ``alone`` is asked)."""
        if self._rows is None and (self.state.by_item or alone):
            found = self.state.rows(
                "SELECT code, body, sig FROM facts WHERE command = ? AND item = ?",
                (self.command, item),
            )
            return found[0] if found else None
        self.read()
        return self._rows.pop(item, None)

    def drop(self, item: str) -> None:
        """Forget an item's fact (written by ``State.save``)."""
        item = self.item(item)
        self.cache.pop(item, None)
        self.changed.pop(item, None)
        self.dropped.add(item)

    def load(self, key: str, alone: bool = False) -> dict | None:
        """The fact recorded for ``key`` (a new dict each time), else None. What is kept is
        the row's text, checked once: an archive's facts decoded at once would hold several
        times their size."""
        body = self.text(key, alone)
        if body is None:
            return None
        try:
            found = json.loads(body)
        except ValueError:
            found = None
        return found if isinstance(found, dict) else None

    def text(self, key: str, alone: bool = False) -> str | None:
        """The text of the fact recorded for ``key``, if it is this code's and this machine's;
        ``alone``: its row read by itself, not with the command's others."""
        item = self.item(key)
        if item not in self.cache:
            state = self.state
            row = self._row(item, alone)
            body = None
            if row is not None and row[0] == state.code:
                expected = _sign(state.key, self.command, item, row[0], row[1])
                if hmac.compare_digest(row[2], expected):
                    body = row[1]
            self.cache[item] = body
        return self.cache[item]

    def item(self, key: str) -> str:
        """An item's key relative to the project: ``/abs/locales/x.pot`` → ``locales/x.pot``
        (a key may carry words after its path: ``<catalog> counts``)."""
        root = self.state._prefix  # (the root's path and a separator, made once)
        return key[len(root) :] if key.startswith(root) else key

    def digest(self, path: Path) -> str:
        """The digest of a file's bytes (``files.ABSENT`` when there is none)."""
        return self.state.digest(path)

    def fact(self, key: str, inputs: dict) -> dict | None:
        """What was recorded for ``key`` from exactly these ``inputs``, else None."""
        fact = self.load(key)
        if fact is None or fact.get("inputs") != inputs:
            return None
        return fact

    def record(self, key: str, inputs: dict, **found) -> None:
        item = self.item(key)
        self.dropped.discard(item)
        self.cache[item] = self.changed[item] = self.body(inputs, **found)

    # A fact too big to decode whenever its head is asked about (a group's items, a folder's
    # lines of the index) is kept in a ledger of its own, in a row named by its head: the two
    # rows are recorded together, and told apart from rows of other runs by a random token.

    def record_part(self, key: str, **found) -> str:
        """Record ``key``'s part (``found``); the token that its head keeps to name it."""
        token = os.urandom(8).hex()
        self.record(key, {"head": token}, **found)
        return token

    def part(self, key: str, token: object) -> dict | None:
        """``key``'s part, where it is the one the head's ``token`` names, else None."""
        fact = self.load(key, alone=True)
        return fact if fact is not None and fact.get("inputs") == {"head": token} else None

    def has_part(self, key: str, token: object) -> bool:
        """Whether ``key``'s part is the one ``token`` names, its text not decoded."""
        text = self.text(key, alone=True)
        prefix = self.body({"head": token})[:-1] + ","
        return bool(token) and text is not None and text.startswith(prefix)

    @staticmethod
    def body(inputs: dict, **found) -> str:
        """A fact's text as it is stored. ASCII: a str holding one character past Latin-1 (a
        language's name in the build's index lines) takes two or four bytes a character, and
        a cold run holds every fact it learnt until it saves (100,000 documents' at the end
        of a first build)."""
        return json.dumps({"inputs": inputs, **found}, separators=(",", ":"))


class Step(Generic[F]):
    """One stage's cache policy, the same for every stage: reuse what was found from exactly
    these inputs, else compute it and learn the fact. A stage declares its inputs (a dict of
    digests, made the same way when it asks and when it learns) and its fact's type, a
    dataclass (``kind``); a stored fact of another shape (an older version's) is not trusted.
    ``load``/``dump`` convert a fact whose fields are not plain JSON values (default: the
    dataclass's fields as they are)."""

    def __init__(
        self,
        ledger: Ledger,
        kind: type[F],
        load: Callable[[dict], F] | None = None,
        dump: Callable[[F], dict] | None = None,
    ):
        self.ledger = ledger
        self.kind = kind
        self._load = load or (lambda body: kind(**body))
        self._dump = dump or dataclasses.asdict
        self.inputs: dict[str, dict] = {}  # item → its inputs as this run last made them

    def known(self, item: str, inputs: dict) -> F | None:
        """The fact recorded for ``item`` from exactly these ``inputs``, else None."""
        self.inputs[self.ledger.item(item)] = inputs
        body = self.ledger.fact(item, inputs)
        return None if body is None else self.load(body)

    def load(self, body: dict) -> F | None:
        """A fact from its stored body; None where it was recorded in another shape (costs
        work, never a wrong answer)."""
        try:
            return self._load({k: v for k, v in body.items() if k != "inputs"})
        except (TypeError, KeyError, ValueError):
            return None

    def learn(self, item: str, inputs: dict, fact: F) -> None:
        """Record what was found for ``item`` from ``inputs`` (written by ``State.save``)."""
        self.inputs[self.ledger.item(item)] = inputs
        self.ledger.record(item, inputs, **self._dump(fact))


GROUPS = 256  # how many groups a stage's items fall in, at least (``Groups``)
# how many items a group holds, about: an archive past GROUPS × GROUP_ITEMS × 2 items has its
# groups doubled, so that a change costs a group of this size, whatever the archive's
GROUP_ITEMS = 40
MONITOR = "monitor"  # the row of a stage's groups that holds the file system monitor's clock
LAYOUT = "layout"  # the row of a stage's groups that holds how many there are
_UNREAD = object()  # (a run that did not read the groups)
# A run reads rows one by one where fewer than one item in BY_ITEM is outside the groups it
# trusts (``Groups.trusted``); 0: always.
BY_ITEM = 8


class Groups(Generic[F]):
    """A stage's facts kept a group of items at a time as well, for a run over an archive to
    cost its groups, not its items. An item falls in one of ``count`` groups by a hash of its
    name, so a new or renamed item disturbs one group, whichever folder it is in; ``count`` is
    ``GROUPS``, doubled as often as it takes for a group to hold about ``GROUP_ITEMS`` items
    (kept in the ``layout`` row, and changed only where the items outgrow it twice over, or
    shrink to a quarter: then every group is recorded again). A group's
    fact holds each item's fact, as the stage's ledger has it, and one digest of the states
    (size, times, inode) of every file those facts were made from and made: the item's own
    file and what ``files(item, body)`` names (its template, its outputs).

    A run that finds every one of those files in the state recorded trusts the group's facts
    with a ``stat`` a file and one row a group, where an item's own fact costs a row, a
    signature check and the digests of its inputs: the group was recorded only when each of
    its facts was what the stage trusts (inputs digested this run, outputs as written), from
    file states not "racily clean" (``State.steady``), so a file changed since shows in its
    state, as it does to ``State.digest``. Any other run asks item by item, as without groups,
    and records the group again for the next one.

    A group is kept in two rows: its head (the digests of its items' names and of their
    files' states, the token of its other row, and the stage's ``totals`` of its facts) and
    its items' facts. Where the file system monitor tells which files changed, and the stage
    can tell whose files a path is (``owners``: the items a file may be one of the files
    of), a group none of whose files changed is taken whole, from its head alone: the stage
    adds up its totals and does not look at its items (``whole``), so that a run costs the
    groups that changed, not the archive's facts. A group is recorded as one to take whole
    only where every one of its files is found among its owners' (else it is looked at file
    by file, as a group with a link is)."""

    def __init__(
        self,
        step: Step[F],
        shared: dict,
        files: Callable[[str, dict], list[str]],
        slim: Callable[[dict], dict] = lambda body: body,
        owners: Callable[[str], Iterable[str | None]] | None = None,
        totals: Callable[[list[tuple[str, dict]]], dict] = lambda facts: {},
        suffixes: tuple[str, ...] = (),
    ):
        self.step = step
        self.state = step.ledger.state
        self.ledger = self.state.ledger(step.ledger.command + " groups", by_file=False)
        self.items = self.state.ledger(step.ledger.command + " group items", by_file=False)
        self.shared = shared  # inputs every item shares (the settings), as the stage made them
        self.files = files
        # an item's fact as the group keeps it: without what only the item's own row needs
        # (the build's digests of its outputs), so that a group costs less to read
        self.slim = slim
        self.owners = owners
        self.totals = totals  # what the stage adds up of a group's (item, fact) pairs
        # how every item's name ends (``x.pot``): a path changed that ends so and is not
        # listed may be an item gone (``trusted``); () where the stage does not tell
        self.suffixes = suffixes
        self.count: int | None = None  # how many groups this run's items fall in (``layout``)
        self._layout: int | None = None  # and how many were recorded
        self.whole: dict[str, dict] = {}  # the groups taken whole this run: their totals
        self.kept: set[str] = set()  # and their items
        self._heads: dict[str, tuple] = {}  # a group taken whole → (items, changed, head)
        self._trusted: set[str] = set()  # the groups trusted this run
        self._split: tuple[list[str], int, dict[str, list[str]]] | None = None
        self._monitor: Changes | None = None  # the file system monitor's answer this run
        self._read: object = _UNREAD  # the clock's row as this run read it (its text)
        self._kept: dict = {}  # and what it holds
        self._linked_folders: dict[str, bool] = {}  # folder → reached through a link
        self._real_root = os.path.realpath(self.state.root)

    @staticmethod
    def of(item: str, count: int | None = None) -> str:
        """The group an item (as the ledger keys it) falls in, of ``count`` (default
        ``GROUPS``)."""
        return f"{zlib.crc32(item.encode('utf-8')) % (count or GROUPS):02x}"

    def group(self, item: str) -> str:
        """The group an item falls in, of this run's groups (``layout``)."""
        return self.of(item, self.count)

    def layout(self, items: int | None = None) -> int:
        """How many groups there are: as recorded, unless ``items`` (the items listed now)
        outgrew them twice over or shrank to a quarter of what they hold."""
        if self.count is None:
            kept = self.ledger.load(LAYOUT) or {}
            recorded = kept.get("count")
            self._layout = recorded if isinstance(recorded, int) and recorded > 0 else None
            count = self._layout or GROUPS
            if items is not None:
                wanted = GROUPS
                while wanted * GROUP_ITEMS < items:
                    wanted *= 2
                held = items / count
                if self._layout is None or held > 2 * GROUP_ITEMS or held < GROUP_ITEMS / 4:
                    count = wanted
                count = max(count, GROUPS)
            self.count = count
        return self.count

    def split(self, items: list[str]) -> dict[str, list[str]]:
        """The items by group, each group's in the order given (the last list split is not
        split again: a run asks which groups it trusts, then learns the same items)."""
        if self._split is not None and self._split[0] is items and self._split[1] == len(items):
            return self._split[2]
        groups: dict[str, list[str]] = {}
        count = self.layout(len(items))
        names = [f"{number:02x}" for number in range(count)]  # (as ``of`` names them)
        crc32 = zlib.crc32
        for item in items:  # (``of``, unrolled: an archive's 100,000 items, in every stage)
            name = names[crc32(item.encode("utf-8")) % count]
            found = groups.get(name)
            if found is None:
                groups[name] = [item]
            else:
                found.append(item)
        self._split = (items, len(items), groups)
        return groups

    def trusted(
        self,
        items: list[str],
        take: Callable[[str, dict, F], object],
        whole: Callable[[dict], bool] | None = None,
    ) -> dict:
        """``take(item, inputs, fact)`` of each item of the groups recorded with exactly these
        items whose files are all in the states recorded, by item (a group's facts are let go
        once taken: an archive's are many). With ``whole``, a group none of whose files the
        monitor saw change, and whose totals ``whole(totals)`` accepts, is taken whole instead
        (``self.whole``, ``self.kept``): none of its items is in what is returned. The groups
        recorded that no item falls in any more are forgotten."""
        taken: dict = {}
        self.ledger.read()
        self.layout(len(items))
        changed = self._changed()
        touched = self._touched(changed) if whole is not None else None
        if touched is None:  # every group's items are to be read: read at once
            self.items.read()
        for group, members in self.split(items).items():
            head = self.ledger.fact(group, self.shared)
            if head is None:
                continue
            if touched is not None and self._whole(group, members, head, touched, whole):
                self._trusted.add(group)
                self.whole[group] = head["totals"]
                self.kept.update(members)
                self._heads[group] = (members, changed, head)
                continue
            known = self._known(group, members, changed, head)
            if known is not None:
                self._trusted.add(group)
                taken.update((item, take(item, *known[item])) for item in members)
        for group in list(self.ledger._rows):  # not asked for: no item listed falls in it
            self._drop(group)
        # Where the run asks about the items of a few groups, their rows and those of their
        # files are read one by one; else (a first run, new settings) a command or a folder
        # at a time, and the facts of items gone are found among what was read and not asked
        # for (``State._gone``).
        known = len(taken) + len(self.kept)
        self.state.by_item = BY_ITEM * (len(items) - known) < len(items) or not BY_ITEM
        if self.state.by_item:
            if changed is None or not self.suffixes:
                self._suspect_gone(items)
            else:  # an item gone is a file gone, or renamed, since the clock: changed
                listed = self.split(items)
                for path in changed:
                    if path.endswith(self.suffixes) and path not in listed.get(
                        self.group(path), ()
                    ):
                        self._suspect(path)
        return taken

    def _suspect_gone(self, items: list[str]) -> None:
        """The stage's items that have a fact and are not listed now (a deleted or renamed
        document), found from the keys of its rows alone (a row's key proves nothing, and
        only makes its item a suspect): their facts, and what was seen of their own files,
        are forgotten at the end of the run where the files are gone (``State._gone``)."""
        listed = set(items)
        for item in self.step.ledger.stored():
            if item not in listed:
                self._suspect(item)

    def _suspect(self, item: str) -> None:
        """An item that may be gone (``_suspect_gone``)."""
        self.step.ledger.suspects.add(item)
        self.state.suspects.add(item)
        self.state._known(item)  # its row, if there is one, read

    def of_items(self, items: list[str], some: set[str]) -> dict[str, list[str]]:
        """The groups ``some`` of ``items`` fall in, with their items, for a run that records
        those groups again and no others (``learn``'s ``only``): after another stage wrote
        their files, the stage asks about each of their items and records them, so that its
        next run finds them as recorded. Empty where the groups are to be laid out anew (the
        items outgrew them: the stage's next run records every one). Rows are read one by one
        where the groups hold few of the items, as ``trusted`` reads them."""
        self.state.by_item = True  # (the layout's row and the clock's, alone)
        split = self.split(items)
        self._read_clock()
        if self.count != self._layout:
            return {}
        found = {group: split[group] for group in {self.group(item) for item in some}}
        asked = sum(map(len, found.values()))
        self.state.by_item = BY_ITEM * asked < len(items) or not BY_ITEM
        return found

    def _read_clock(self) -> None:
        """The monitor's clock as recorded with the groups (``_changed``)."""
        rows = self.ledger._rows  # (code, body, signature), as another run left it
        row = rows.get(MONITOR) if rows is not None else self.ledger._row(MONITOR, alone=True)
        self._read = row[1] if row is not None and row[0] == self.state.code else None
        self._kept = self.ledger.load(MONITOR) or {}

    def _changed(self) -> frozenset[str] | None:
        """The files changed since the stage's last full run, as the file system monitor saw
        them (``pipeline.fsmonitor``); None where there is no monitor or it cannot tell. Its
        clock now is recorded with the groups (``learn``), for the next run to ask since: a
        group is recorded only from states seen after it, so a change made after the group's
        files were seen is among the files changed since, whatever it did to their times."""
        self._read_clock()
        monitor = self.state.monitor
        if monitor is None:
            return None
        kept = self._kept
        self._monitor = monitor.changes(kept.get("clock"), str(kept.get("watch", "")))
        return None if self._monitor is None else self._monitor.files

    def _touched(self, changed: frozenset[str] | None) -> set[str] | None:
        """The groups an item of which may have a file among those changed (by ``owners``);
        None where that is not known (no monitor, or a stage that cannot tell)."""
        if changed is None or self.owners is None:
            return None
        owners, of = self.owners, self.group
        return {of(item) for path in changed for item in owners(path) if item is not None}

    def _whole(
        self,
        group: str,
        members: list[str],
        head: dict,
        touched: set[str],
        whole: Callable[[dict], bool],
    ) -> bool:
        """Whether a group can be taken whole: recorded with exactly these items, each of its
        files found among its owners' and none of them changed, and its totals accepted."""
        totals = head.get("totals")
        return (
            group not in touched
            and head.get("links") is False
            and head.get("owned") is True
            and head.get("names") == names_digest(members)
            and isinstance(totals, dict)
            and whole(totals)
        )

    def members(self, group: str) -> list[str]:
        """The items of a group taken whole."""
        return self._heads[group][0]

    def expand(self, group: str, take: Callable[[str, dict, F], object]) -> dict:
        """A group taken whole looked at item by item after all (its totals are not enough
        for the stage): ``take(item, inputs, fact)`` of each item, as ``trusted`` gives them;
        its items are no longer ``kept``. Empty where its items' row cannot be read: the
        stage then asks about each item."""
        members, changed, head = self._heads.pop(group)
        del self.whole[group]
        self.kept.difference_update(members)
        known = self._known(group, members, changed, head)
        if known is None:
            self._trusted.discard(group)
            return {}
        return {item: take(item, *known[item]) for item in members}

    def _drop(self, group: str) -> None:
        """Forget a group: both its rows."""
        self.ledger.drop(group)
        self.items.drop(group)

    def _known(
        self, group: str, items: list[str], changed: frozenset[str] | None, head: dict
    ) -> dict[str, tuple[dict, F]] | None:
        if head.get("names") != names_digest(items):
            return None
        found = self.items.part(group, head.get("items"))
        if found is None:
            return None  # (not the row recorded with this head)
        bodies = found.get("items")
        if not isinstance(bodies, dict) or list(bodies) != items:
            return None
        # a group with a file reached by another name is looked at file by file: the monitor
        # names the path written, not the file's other names
        linked = head.get("links", True)
        if changed is None or linked or not self._unchanged(items, bodies, changed):
            if not self._as_recorded(items, bodies, head.get("states")):
                return None
            if changed is not None and not linked and self._linked_now(items, bodies):
                return None  # (a link put in since, a folder moved and linked back: found by
                # the monitor, as each of the paths changed; the group is recorded again)
        known = {}
        for item, body in bodies.items():
            fact = self.step.load(body)
            if fact is None:
                return None
            known[item] = (body.get("inputs"), fact)
        return known

    def _unchanged(self, items: list[str], bodies: dict, changed: frozenset[str]) -> bool:
        """Whether none of the files of a group's items is among those the monitor saw change
        (the group was seen as recorded at the stage's last full run, or recorded then)."""
        if not changed:
            return True
        files = self.files
        return not any(
            key in changed for item in items for key in (item, *files(item, bodies[item]))
        )

    def _linked_now(self, items: list[str], bodies: dict) -> bool:
        """Whether a file of a group is reached by another name now (``_linked``)."""
        files = self.files
        return any(
            self._linked(key) for item in items for key in (item, *files(item, bodies[item]))
        )

    def _as_recorded(self, items: list[str], bodies: dict, recorded: object) -> bool:
        """Whether every file of a group's items is in the state the group recorded (a
        ``stat`` each)."""
        # each file's state as ``State.signature`` has it, in numbers: an archive's files are
        # many; a path relative to the project's folder, opened once, is looked up from there
        states, files, regular = array.array("q"), self.files, stat.S_ISREG
        prefix, keys = self.state._prefix, []
        with _folder(self.state.root) as root:
            for item in items:
                named = (item, *files(item, bodies[item]))
                keys += named
                for key in named:
                    try:
                        info = os.stat(key if root is not None else prefix + key, dir_fd=root)
                    except OSError:
                        states.extend(_NO_FILE)
                        continue
                    if regular(info.st_mode):
                        states.extend(
                            (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
                        )
                    else:
                        states.extend(_NO_FILE)
        return _states_digest(keys, states) == recorded

    def learn(
        self,
        items: list[str],
        states: Callable[[str, dict], list[str | None]] | None = None,
        only: set[str] | None = None,
    ) -> None:
        """Record each group of ``items`` that was not trusted, if every item's fact is what
        this run trusted or learnt (from its ``inputs`` as the stage made them this run) and
        the file states its fact holds are known: ``states(item, body)``, one for the item's
        own file and one for each file ``files`` names, each as seen when it was digested or
        written (None: unknown, or racy, and the group is left for a later run to record);
        by default, each as this run digested it (``State.seen_state``). A trusted group one
        of whose facts the stage learnt anew (a catalog read again) is forgotten, for the next
        run to ask item by item and record again, and so is a group not trusted and not
        recorded: every group the ledger keeps was seen as recorded, or recorded, in this
        run, after the file system monitor's clock that is recorded with them. With
        ``only``, only those groups (``of_items``), and the clock kept as it was read."""
        if self._read is _UNREAD:  # the groups were not read first (``translate --refresh``)
            self.forget_learnt()
            return
        if states is None:
            states = self._digested
        changed = self.step.ledger.changed
        wrote = False
        split = self.split(items)
        touched = {self.group(item) for item in changed}  # (the groups of the facts learnt)
        for group, members in split.items():
            if only is not None and group not in only:
                continue
            if group in self._trusted:
                if group in touched and any(item in changed for item in members):
                    self._drop(group)
                continue
            fact = self._recorded(members, states)
            if fact is not None:
                fact["items"] = self.items.record_part(group, items=fact.pop("items"))
                self.ledger.record(group, self.shared, **fact)
                wrote = True
            elif self.ledger.cache.get(group) is not None:  # its row, not as it was seen
                self._drop(group)
        if wrote and self.count != self._layout:  # the groups recorded are of this many
            self.ledger.record(LAYOUT, {}, count=self.count)
        # The clock moves on where files changed since the last one (a run that found none
        # learnt nothing, and writes nothing); a run that records groups without a monitor
        # keeps the clock it read, which is older than all it saw.
        monitor = self._monitor
        if monitor is not None and (monitor.files is None or monitor.files):
            clock = {"clock": monitor.clock, "watch": monitor.watch}
        elif wrote:
            clock = {"clock": self._kept.get("clock"), "watch": self._kept.get("watch", "")}
        else:
            return
        # Recorded only if no other run of the stage recorded its groups since this one read
        # them (two runs side by side: one may keep groups it saw before the other's clock);
        # else no clock is kept, and the next run looks at every file (``State.save``).
        run = os.urandom(8).hex()  # (each run's row its own, to be told apart)
        self.ledger.record(MONITOR, {}, **clock, run=run)
        instead = self.ledger.body({}, clock=None, watch="", run=run)
        self.state.conditions[(self.ledger.command, MONITOR)] = (self._read, instead)

    def _recorded(
        self, members: list[str], states: Callable[[str, dict], list[str | None]]
    ) -> dict | None:
        """A group's fact (its items' facts, the digest of their names and of their files'
        states, whether one of the files is a link, whether each file is found among its
        owners', the stage's totals), where each item's fact is what this run trusted or
        learnt and each state is known and steady; else None."""
        bodies, keys, recorded, facts = {}, [], array.array("q"), []
        owned = self.owners is not None
        for item in members:
            body = self.step.ledger.load(item)
            if body is None or body.get("inputs") != self.step.inputs.get(item):
                return None
            seen = states(item, body)
            if not all(_steady_state(self.state, state) for state in seen):
                return None
            named = (item, *self.files(item, body))
            if len(seen) != len(named):
                return None
            keys += named
            bodies[item] = self.slim(body)
            facts.append((item, body))
            owned = owned and all(item in self.owners(key) for key in named)
            for state in seen:
                recorded.extend(map(int, state.split(":")))
        links = any(map(self._linked, keys))
        return {
            "items": bodies,
            "names": names_digest(members),
            "states": _states_digest(keys, recorded),
            "links": links,
            "owned": owned,
            "totals": self.totals(facts),
        }

    def _linked(self, key: str) -> bool:
        """Whether a file is reached by another name than its own: a link, a file of several
        names (a hard link), or one in a folder reached through a link. A file monitor names
        the path that was written, so such a file is looked at with a ``stat`` each run."""
        try:
            info = os.lstat(self.state._prefix + key)
        except OSError:
            return False  # not there: its state says so
        if stat.S_ISLNK(info.st_mode) or info.st_nlink > 1:
            return True
        folder = os.path.dirname(key)
        if folder not in self._linked_folders:
            real = os.path.realpath(os.path.join(self.state.root, folder))
            expected = os.path.join(self._real_root, folder) if folder else self._real_root
            self._linked_folders[folder] = real != expected
        return self._linked_folders[folder]

    def _digested(self, item: str, body: dict) -> list[str | None]:
        """The states of an item's files as this run digested them."""
        return [self.state.seen_state(key) for key in (item, *self.files(item, body))]

    def forget_learnt(self) -> None:
        """Forget the group of each item whose fact the stage learnt this run: a partial run
        (some languages, some sources) records no group, and a group's copy of a fact learnt
        anew is not to be trusted."""
        self.layout()
        for item in self.step.ledger.changed:
            self._drop(self.group(item))


class Folders:
    """Folders a stage lists, kept by their states: a file added to, removed from or renamed
    in a folder changes the folder's times, so a run that finds each folder as recorded knows
    that the files in them are the ones they held then, without listing them (the build's
    output folders, for outputs no document makes any more: 1.1 million at 100,000 articles).
    A folder that is not there is recorded as such.

    A state is recorded as seen before the folder was listed (as git's untracked cache
    does), and only where the file system's clock had already moved past it when it was
    seen: a change made later, even in the same clock tick, shows as another state."""

    KEY = "folders"

    def __init__(self, state: State, name: str, shared: dict):
        self.state = state
        self.ledger = state.ledger(name, by_file=False)
        self.shared = shared  # what the folders' contents follow (the settings)
        self.recorded: dict[str, list[int] | None] = {}  # as found by ``unchanged``

    def unchanged(self) -> bool:
        """Whether every folder recorded is in the state recorded (then ``recorded`` holds
        them); else they are to be listed."""
        found = self.ledger.fact(self.KEY, self.shared)
        recorded = found.get("states") if found is not None else None
        if not isinstance(recorded, dict):
            return False
        for key, known in recorded.items():
            if self.state_of(key) != known:
                return False
        self.recorded = recorded
        return True

    def settled(self, keys: Iterable[str], ticks: int = 100) -> dict | None:
        """The states of the folders ``keys`` (paths relative to the project), each seen
        after the clock moved past it (waiting for the tick, up to ``ticks`` milliseconds):
        list them after this, and record these states if what they hold is as it should be.
        None where the clock did not move past them (set back) or cannot be read."""
        keys = sorted(set(keys))
        for _ in range(ticks):
            now = self.state._clock()  # before the states: a change after them is later
            if now is None:
                return None
            states = {key: self.state_of(key) for key in keys}
            if all(known is None or max(known[:2]) < now for known in states.values()):
                return states
            time.sleep(0.001)
        return None

    def record(self, states: dict[str, list[int] | None]) -> None:
        """Record these states (``settled``, or as ``unchanged`` found them)."""
        if states != self.recorded:
            self.ledger.record(self.KEY, self.shared, states=states)

    def state_of(self, key: str) -> list[int] | None:
        """A folder's state: modification and change times, inode; None if it is not one."""
        try:
            info = os.stat(self.state._prefix + key)
        except OSError:
            return None
        if not stat.S_ISDIR(info.st_mode):
            return None
        return [info.st_mtime_ns, info.st_ctime_ns, info.st_ino]


def _steady_state(state: State, signature: str | None) -> bool:
    """Whether a file's signature is one (not unknown, not a row marked racy) that proves it
    unchanged later (``State.steady``)."""
    return signature is not None and signature.count(":") == 3 and state.steady(signature)


_NO_FILE = (-1, -1, -1, -1)  # the state of a file that is not there, or not a regular one


def names_digest(items: list[str]) -> str:
    """One digest of names, in order (a group's items, ``Groups``; a folder's documents,
    ``pipeline.indexrows``)."""
    return text_digest("\0".join(items))


def _states_digest(keys: list[str], states: array.array) -> str:
    """One digest of a group's files (``Groups``): their paths (the same bytes under another
    name, ``x.md`` renamed ``x.txt``, are another document) and their states, four numbers
    each."""
    digest = hashlib.blake2b("\0".join(keys).encode("utf-8"), digest_size=16)
    digest.update(states.tobytes())
    return digest.hexdigest()


@contextlib.contextmanager
def _folder(path: Path):
    """A folder opened for looking paths up from it (``dir_fd``); where the platform cannot,
    None, and paths relative to it are then looked up from the current folder: made absolute
    first (``Groups._known``)."""
    if os.stat in os.supports_dir_fd:
        fd = os.open(path, os.O_RDONLY)
        try:
            yield fd
        finally:
            os.close(fd)
    else:
        yield None
