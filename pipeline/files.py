"""Atomic, locked file writing, for every file the pipeline writes.

A write goes to a temporary file in the same folder, is flushed to disk, and renamed over the
target: an interrupted run leaves the old file or the new one, never half of one. Writers in
one folder take a lock on it, so parallel runs never interleave. A file whose bytes would not
change is not written (its mtime stays). A read-change-write passes the digest of what it read
as ``base`` and never overwrites what someone else saved in between.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import itertools
import os
import shutil
import stat
from collections.abc import Iterable
from pathlib import Path

from pipeline.errors import L10nError

ABSENT = "absent"  # the digest of a file that did not exist
MIB = 1024 * 1024
# The most a project file (source, template, catalog, glossary, settings) may hold: far above
# any article or catalog, far below what would exhaust the machine.
MAX_FILE_BYTES = 64 * MIB

# The project whose files are read: a link inside it that leads out of it is refused.
_project: tuple[Path, Path] | None = None


def confine_to(root: str | Path) -> None:
    """Refuse, from now on, to read a file inside ``root`` that is a link to one outside it."""
    global _project
    _project = (Path(os.path.abspath(root)), Path(os.path.realpath(root)))


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a device"),
        (stat.S_ISBLK, "a device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "not a regular file"


def read_bytes(path: str | Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a file the pipeline reads as data, read safely: a link from inside the
    project to outside it, a device, a FIFO or a socket is refused before anything is read,
    and so is a file of more than ``limit`` bytes. Refusals are ``L10nError``s; a missing or
    unreadable file raises the ``OSError`` as ``open`` does."""
    handle, size = _open_safely(path)
    with handle:
        data = b""
        if size <= limit:
            # as big a buffer as the file (a read of ``limit`` bytes would take that much
            # memory for a moment), then the rest of a file that grew meanwhile
            data = handle.read(size + 1)
            if len(data) > size:
                data += handle.read(limit + 1 - len(data))
        if size > limit or len(data) > limit:
            raise _too_large(path, limit)
    return data


def file_digest(path: str | Path, limit: int = MAX_FILE_BYTES) -> str:
    """``digest(read_bytes(path, limit))``, the file read a block at a time rather than held
    whole (the same refusals)."""
    handle, size = _open_safely(path)
    hashed = hashlib.blake2b(digest_size=16)
    with handle:
        read = 0
        while size <= limit and read <= limit and (block := handle.read(2**16)):
            hashed.update(block)
            read += len(block)
    if size > limit or read > limit:
        raise _too_large(path, limit)
    return hashed.hexdigest()


def _open_safely(path: str | Path):
    """A file opened for reading as ``read_bytes`` reads it (links out of the project and what
    is not a file refused), and its size."""
    path = Path(path)
    if _project is not None:
        inside, real_root = _project
        if Path(os.path.abspath(path)).is_relative_to(inside):
            if not Path(os.path.realpath(path)).is_relative_to(real_root):
                raise L10nError("a link to a file outside the project; not read", path)
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise L10nError(f"{_kind(info.st_mode)}, not a file; not read", path)
    return open(fd, "rb"), info.st_size


def _too_large(path: str | Path, limit: int) -> TooLarge:
    bound = f"{limit // MIB} MiB" if limit >= MIB else f"{limit} bytes"
    return TooLarge(f"larger than {bound}; not read", path)


class TooLarge(L10nError):
    """A file larger than the most the pipeline reads of its kind."""


class ChangedMeanwhile(L10nError):
    """The file is not what the command read: another program (an editor) saved it since."""

    def __init__(self, path: str | Path):
        super().__init__(
            "changed by another program while this command ran; not written (run it again)",
            path,
        )

    def __reduce__(self):
        return (type(self), (self.path,))


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
    """Write ``data`` atomically (temp file + rename) if it differs; True when written. The
    folders on the way are made when missing (``build/ko/2026/12/``).

    With ``base`` (the ``digest`` of what was read), the file must still hold exactly that,
    checked under the lock, or nothing is written and ``ChangedMeanwhile`` is raised: a
    read-change-write never overwrites what someone saved in between. The check is made
    again after the new bytes are on disk, right before the rename, so the window left for
    an editor's save is the rename itself. A file system error (read-only, full, a name too
    long) is an ``L10nError`` naming the file."""
    path = Path(path)
    try:
        return _write_bytes(path, data, base)
    except OSError as exc:
        raise os_error(exc, path, "cannot write") from None


def os_error(exc: OSError, path: str | Path, doing: str) -> L10nError:
    """A file system error as the project's one-line error about ``path``."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    return L10nError(f"{doing}: {reason}", path)


def _signature(path: Path) -> tuple[int, int, int, int] | None:
    """What tells cheaply whether a file was replaced or rewritten: inode, device, size, mtime."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    return (info.st_ino, info.st_dev, info.st_size, info.st_mtime_ns)


def _tmp_stem(path: Path) -> str:
    """The temporary file's name stem: the file's name, cut so that ``.<stem>.tmp`` stays
    within the 255 bytes a file name may have."""
    return path.name.encode("utf-8", "surrogateescape")[:200].decode("utf-8", "ignore")


def _write_bytes(path: Path, data: bytes, base: str | None) -> bool:
    with locked(path):
        # The temp file is only made under this lock, so one name per file will do, and one
        # there now is a killed writer's (not looked for among the folder's files: a
        # folder of an archive's 10,000 catalogs would be listed at each save).
        tmp = path.parent / f".{_tmp_stem(path)}.tmp"
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        signature = _signature(path)
        current = _current(path) if signature is not None else None
        if base is not None and digest(current) != base:
            raise ChangedMeanwhile(path)
        if current == data:
            return False
        fd = _create(tmp)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            mode = path.stat().st_mode & 0o777 if signature is not None else 0o644
            os.chmod(tmp, mode)
            if base is not None and _signature(path) != signature:
                # Saved by someone while the new bytes were written: theirs stays.
                now = _current(path) if path.exists() else None
                if digest(now) != base:
                    raise ChangedMeanwhile(path)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    return True


def _current(path: Path) -> bytes | None:
    """What a file about to be replaced holds, for the comparison with what is written; a
    link out of the project, a device or a file too large to read counts as different."""
    try:
        return read_bytes(path, limit=4 * MAX_FILE_BYTES)
    except L10nError:
        return None


def below(folder: Path, suffixes: tuple[str, ...], walked: list[str] | None = None) -> list[str]:
    """The files in ``folder`` and the folders below it whose names end with one of
    ``suffixes``, as paths relative to ``folder`` with ``/`` between folders, in no particular
    order; links to folders are not followed (outputs the pipeline wrote are never behind
    one). Strings, not paths: an archive's outputs are hundreds of thousands. Each folder
    listed is added to ``walked`` (as ``os.walk`` names it)."""
    found = []
    top = os.fspath(folder)
    for here, folders, names in os.walk(top):
        if walked is not None:
            walked.append(here)
        folders[:] = [f for f in folders if not os.path.islink(os.path.join(here, f))]
        prefix = "" if here == top else here[len(top) + 1 :].replace(os.sep, "/") + "/"
        found += [prefix + name for name in names if name.endswith(suffixes)]
    return found


def remove_empty(folders: Iterable[Path]) -> None:
    """Remove each of ``folders`` that is empty, deepest first (so a folder left holding
    only emptied folders goes too); a folder that still holds something stays."""
    for folder in sorted(set(folders), key=lambda p: (-len(p.parts), p)):
        try:
            os.rmdir(folder)
        except FileNotFoundError:
            pass
        except OSError as exc:
            if exc.errno not in (errno.ENOTEMPTY, errno.EEXIST, errno.ENOTDIR):
                raise os_error(exc, folder, "cannot remove") from None


def write_text(path: str | Path, text: str) -> bool:
    """Write ``text`` atomically in UTF-8 if it differs; True when written."""
    return write_bytes(path, text.encode("utf-8"))


# ---- staged outputs: written aside, put in place together (``pipeline.build``) ------------


def holds(path: Path, data: bytes) -> bool:
    """Whether ``path`` is a file that holds exactly ``data`` (its size is looked at first)."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    if not stat.S_ISREG(info.st_mode) or info.st_size != len(data):
        return False
    return _current(path) == data


def settle(path: Path) -> None:
    """Put on disk every file written so far on ``path``'s file system, in one flush
    (``syncfs``; ``sync`` where there is none): staged catalogs are made durable before they
    replace a translator's file at the cost of one flush, not one a file (an archive's
    first ``update`` stages 30,000)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        os.sync()
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        if getattr(libc, "syncfs", None) is None or libc.syncfs(fd) != 0:
            os.sync()
    except OSError:
        os.sync()
    finally:
        os.close(fd)


def write_new(path: Path, data: bytes) -> None:
    """Write a new file of the command's own (a staged one): no lock, not flushed to disk
    (``settle`` does that for all of them at once)."""
    try:
        with os.fdopen(_create(path), "wb") as handle:
            handle.write(data)
    except OSError as exc:
        raise os_error(exc, path, "cannot write") from None


def _create(path: Path) -> int:
    """A new file, open for writing: it must not exist yet."""
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)


def install(staged: Path, path: Path, base: str | None = None) -> None:
    """Put a staged file in place of ``path`` (a rename: readers see the old file or the new
    one, never a part), keeping the mode the old one had. With ``base``, as ``write_bytes``:
    ``path`` must still hold what was read, or ``ChangedMeanwhile`` is raised and it stays."""
    try:
        with locked(path):
            if base is not None and digest(_current(path) if path.exists() else None) != base:
                raise ChangedMeanwhile(path)
            with contextlib.suppress(FileNotFoundError):
                info = os.lstat(path)
                if stat.S_ISREG(info.st_mode):
                    os.chmod(staged, info.st_mode & 0o777)
            os.replace(staged, path)
            return
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise os_error(exc, path, "cannot write") from None
    # staged on another file system (build/ elsewhere than the catalogs): copied instead
    write_bytes(path, read_bytes(staged, limit=4 * MAX_FILE_BYTES), base)
    with contextlib.suppress(OSError):
        os.unlink(staged)


_STAGED = itertools.count()  # this process's staged files (its number names them)


class Staging:
    """Where a command's new files wait until all of them are made: a folder of its own in
    ``parent`` (``build/.l10n``), removed at the end whatever happens, so a command that
    fails half-way puts nothing in place. Folders left by a command that was killed are
    removed by the next one. Worker processes (``pipeline.parallel``) stage into it too."""

    def __init__(self, parent: Path):
        self.parent = Path(parent)
        self.folder = self.parent / f"staging-{os.getpid()}"
        self.absent: list[Path] = []  # its parent folders that do not exist yet, deepest first

    def __enter__(self) -> Staging:
        folder = self.parent
        while not folder.exists() and folder != folder.parent:
            self.absent.append(folder)
            folder = folder.parent
        if self.parent.is_dir():
            for left in self.parent.glob("staging-*"):
                if not _running(left.name.removeprefix("staging-")):
                    remove_tree(left)
        remove_tree(self.folder)
        return self

    def __exit__(self, *exc) -> None:
        remove_tree(self.folder)
        for folder in self.absent:  # made for it alone (a failed command leaves nothing)
            with contextlib.suppress(OSError):
                folder.rmdir()

    def put(self, data: bytes) -> Path:
        """A new staged file holding ``data`` (on disk once ``settle`` is called: a catalog
        is, before it is put in place)."""
        if not self.folder.is_dir():
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise os_error(exc, self.folder, "cannot write") from None
        staged = self.folder / f"{os.getpid()}-{next(_STAGED)}"
        write_new(staged, data)
        return staged


def _running(pid: str) -> bool:
    """Whether a process of this number runs (a staging folder's owner)."""
    if not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's: running
    return True


def remove_tree(folder: Path) -> None:
    """Remove a folder of the command's own and everything in it (a link: the link only)."""
    if folder.is_symlink() or folder.is_file():
        folder.unlink()
    elif folder.is_dir():
        shutil.rmtree(folder, ignore_errors=True)
