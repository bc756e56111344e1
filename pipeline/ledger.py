"""What a command remembers between runs, so that a run costs what changed, not what exists.

Each command keeps a ledger, ``build/.l10n/<command>.json``: for each file it worked on, the
digests of the inputs it read and what it found or made (a template's entry count, a catalog's
pending drafts, a page's outputs). A later run trusts a fact only when every input digest and
the pipeline's own code are the same as when it was recorded, so a stale, lost or hand-edited
ledger costs work, never a wrong result; ``make clean`` (removing ``build/``) forgets it all.

Digests are of file contents (blake2b, as for the saves); a file whose size and modification
time are what the ledger saw last is not read again to digest it, as git does with its index.

A ledger is signed (HMAC-SHA256) with a key this machine keeps outside the checkout, in the
cache folder: a ledger that came with a contribution (a forced ``build/.l10n`` in a pull
request, claiming a catalog is translated) is not this machine's, and is ignored.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
from functools import cache
from importlib.resources import files as resources
from pathlib import Path

from pipeline import files
from pipeline.errors import L10nError

# A ledger larger than this is not read (a lost cache, not an error): no archive's needs it.
LEDGER_LIMIT = 1024 * files.MIB


@cache
def code_version() -> str:
    """A digest of the pipeline's own code and resources: a fact recorded by other code is not
    trusted."""
    digest = hashlib.blake2b(digest_size=16)
    package = resources("pipeline")
    for item in sorted(package.iterdir(), key=lambda p: p.name):
        if item.name.endswith((".py", ".css")):
            digest.update(item.name.encode() + b"\0" + item.read_bytes())
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


def _signature(key: bytes, body: bytes) -> str:
    return hmac.new(key, body, hashlib.sha256).hexdigest()


class Ledger:
    """One command's facts, read at the start and written (atomically) by ``save``."""

    def __init__(self, folder: Path, command: str, key: bytes):
        self.path = Path(folder) / f"{command}.json"
        self.key = key
        self.facts: dict[str, dict] = {}
        self.seen: dict[str, list] = {}  # path → [size, mtime_ns, digest]
        self.changed = False
        with contextlib.suppress(
            OSError, ValueError, TypeError, AttributeError, KeyError, L10nError
        ):
            data = files.read_bytes(self.path, limit=LEDGER_LIMIT)
            signature, _, body = data.partition(b"\n")
            if hmac.compare_digest(signature.decode("ascii"), _signature(key, body)):
                data = json.loads(body)
                if data.get("code") == code_version():
                    self.facts = dict(data["facts"])
                    self.seen = dict(data["seen"])

    def digest(self, path: Path) -> str:
        """The digest of a file's bytes (``files.ABSENT`` when there is none)."""
        key = str(path)
        try:
            stat = os.stat(path)
        except FileNotFoundError:
            return files.ABSENT
        known = self.seen.get(key)
        if known and known[:2] == [stat.st_size, stat.st_mtime_ns]:
            return known[2]
        value = files.digest(files.read_bytes(path))
        self.seen[key] = [stat.st_size, stat.st_mtime_ns, value]
        self.changed = True
        return value

    def fact(self, key: str, inputs: dict) -> dict | None:
        """What was recorded for ``key`` from exactly these ``inputs``, else None."""
        fact = self.facts.get(key)
        if fact is None or fact.get("inputs") != inputs:
            return None
        return fact

    def record(self, key: str, inputs: dict, **found) -> None:
        self.facts[key] = {"inputs": inputs, **found}
        self.changed = True

    def save(self) -> None:
        """Write the ledger if it changed. A ledger that cannot be written (a read-only
        checkout in CI) is only a lost cache: the command's own result stands."""
        if not self.changed:
            return
        self.seen = {k: v for k, v in self.seen.items() if os.path.exists(k)}
        data = {"code": code_version(), "facts": self.facts, "seen": self.seen}
        with contextlib.suppress(OSError, L10nError):
            body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            files.write_bytes(self.path, _signature(self.key, body).encode("ascii") + b"\n" + body)
        self.changed = False
