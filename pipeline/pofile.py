"""PO file I/O: parse with errors that name file and line, write atomically under a lock."""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import tempfile
from pathlib import Path

import polib

from pipeline.errors import L10nError


def load(path: str | Path) -> polib.POFile:
    """Parse a PO/POT file; a syntax or encoding error becomes an L10nError with its line."""
    path = Path(path)
    if not path.is_file():
        raise L10nError("file not found", path)
    try:
        return polib.pofile(str(path), wrapwidth=79)
    except (OSError, ValueError, UnicodeDecodeError, IndexError, KeyError) as exc:
        message = str(exc)
        match = re.search(r"line (\d+)", message)
        line = int(match.group(1)) if match else None
        message = re.sub(r"\s*\(line \d+\)", "", message).replace(f" {path}", "")
        raise L10nError(message.strip() or "cannot parse PO file", path, line) from None


def dumps(po: polib.POFile) -> str:
    """The text of a catalog, as it is written to disk."""
    return str(po).rstrip("\n") + "\n"


@contextlib.contextmanager
def locked(path: Path):
    """An exclusive lock on ``path``'s directory, so parallel runs never interleave writes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path.parent, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def write_text(path: str | Path, text: str, encoding: str = "utf-8") -> bool:
    """Write ``text`` atomically (temp file + rename) if it differs; True when written."""
    path = Path(path)
    data = text.encode(encoding)
    with locked(path):
        if path.exists() and path.read_bytes() == data:
            return False
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            if path.exists():
                os.chmod(tmp, path.stat().st_mode & 0o777)
            else:
                os.chmod(tmp, 0o644)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    return True


def save(po: polib.POFile, path: str | Path) -> bool:
    """Write a catalog atomically, only when its text changes; True when written."""
    return write_text(path, dumps(po), po.encoding or "utf-8")
