"""Atomic, locked file writing, for every file the pipeline writes.

A write goes to a temporary file in the same folder, is flushed to disk, and renamed over the
target: an interrupted run leaves the old file or the new one, never half of one. Writers in
one folder take a lock on it, so parallel runs never interleave. A file whose bytes would not
change is not written (its mtime stays). A read-change-write passes the digest of what it read
as ``base`` and never overwrites what someone else saved in between.
"""

from __future__ import annotations

import contextlib
import fcntl
import glob
import hashlib
import os
import tempfile
from pathlib import Path

from pipeline.errors import L10nError

ABSENT = "absent"  # the digest of a file that did not exist


class ChangedMeanwhile(L10nError):
    """The file is not what the command read: another program (an editor) saved it since."""

    def __init__(self, path: str | Path):
        super().__init__(
            "changed by another program while this command ran; not written (run it again)",
            path,
        )


def digest(data: bytes | None) -> str:
    """A fingerprint of a file's bytes (``ABSENT`` for a file that does not exist)."""
    return ABSENT if data is None else hashlib.blake2b(data, digest_size=16).hexdigest()


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


def write_bytes(path: str | Path, data: bytes, base: str | None = None) -> bool:
    """Write ``data`` atomically (temp file + rename) if it differs; True when written.

    With ``base`` (the ``digest`` of what was read), the file must still hold exactly that,
    checked under the lock, or nothing is written and ``ChangedMeanwhile`` is raised: a
    read-change-write never overwrites what someone saved in between."""
    path = Path(path)
    with locked(path):
        # Temp files are only made under this lock: any left now is from a killed writer.
        for stale in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
            with contextlib.suppress(OSError):
                stale.unlink()
        current = path.read_bytes() if path.exists() else None
        if base is not None and digest(current) != base:
            raise ChangedMeanwhile(path)
        if current == data:
            return False
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
            os.chmod(tmp, mode)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    return True


def write_text(path: str | Path, text: str) -> bool:
    """Write ``text`` atomically in UTF-8 if it differs; True when written."""
    return write_bytes(path, text.encode("utf-8"))
