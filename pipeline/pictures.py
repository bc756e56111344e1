"""Pictures kept with the sources (``source/2026/12/images/port.jpg``, named by an article as
``![The port](images/port.jpg)``): copied into each language's folder of pages at the same
place (``build/ko/2026/12/images/port.jpg``), so that a page's relative address finds its
picture wherever ``build/`` is published, as it does beside the source.

What a build copied is recorded: each picture's file state (size, times, inode) as it was
copied, and the state of each folder it copied into. A build looks at each picture with one
``stat``; one whose state is as recorded, in a folder of copies whose state is too, is not
looked at again (its copy is as the last build left it: a copy deleted or added by hand
changes its folder's state). A picture whose state changed is copied again, whatever its
copy looks like (``cp -p`` writes new bytes of the same size with the old time), and with no
record (a first build, a new version of the program) a copy is made where it is missing or
differs in size or modification time. The copies of pictures gone since are removed (where
there is no record, found by listing the language's folder). A build that fails while
copying removes the copies it had made anew, so that no copy is left that no record
names."""

from __future__ import annotations

import filecmp
import os
import shutil
import stat
import time
from pathlib import Path

from pipeline import files
from pipeline.config import PICTURE_SUFFIXES, Config
from pipeline.ledger import State

_LEDGER = "build pictures"
_KEY = "pictures"
_STEADY_NS = 2_000_000_000  # a state this recent may change again unseen in the same tick


def mirror(
    config: Config, state: State, codes: list[str], dropped: list[str] = ()
) -> tuple[list[Path], list[Path]]:
    """Each picture of the source folder (``Config.pictures``) copied into the folder of
    pages of each language of ``codes`` (``build/<code>/``), where its copy may not be the
    same; the copies of pictures no longer there removed, and every copy in the folders of
    the ``dropped`` languages (no longer in the settings). The files written and removed."""
    current = config.pictures()
    source = str(config.source_dir)
    ledger = state.ledger(_LEDGER, by_file=False)
    before = ledger.load(_KEY) or {}
    known = before.get("sources") if isinstance(before.get("sources"), dict) else None
    copies = before.get("copies") if isinstance(before.get("copies"), dict) else {}
    now = time.time_ns()
    signatures = {rel: _signature(f"{source}/{rel}", now) for rel in current}
    # the pictures by folder, and the folders all of whose pictures are as recorded
    by_folder: dict[str, list[str]] = {}
    for relative in current:
        by_folder.setdefault(relative.rpartition("/")[0], []).append(relative)
    unchanged = {
        folder
        for folder, names in by_folder.items()
        if known is not None
        and all((sig := signatures[n]) is not None and known.get(n) == sig for n in names)
    }
    written: list[Path] = []
    removed: list[Path] = []
    created: list[Path] = []
    record = {code: value for code, value in copies.items() if code not in (*codes, *dropped)}
    try:
        for code in [*codes, *dropped]:
            base = config.build_dir / code
            kept = current if code in codes else []
            had = copies.get(code) if known is not None else None
            if not isinstance(had, dict) or not isinstance(had.get("folders"), dict):
                had = None
            for folder, names in by_folder.items() if kept else ():
                state_now = _folder_state(base, folder, now)
                if folder in unchanged and had is not None:
                    if state_now is not None and had["folders"].get(folder) == state_now:
                        continue  # (its pictures and their copies' folder as recorded)
                for relative in names:
                    signature = signatures[relative]  # (None: too recent to prove the same)
                    same = signature is not None and known is not None
                    same = same and known.get(relative) == signature
                    target = base / relative
                    fresh = not os.path.lexists(target)
                    # changed since it was copied: copied again; too recent to tell: its
                    # bytes compared with the copy's
                    force = had is not None and signature is not None and not same
                    if _copy(config.source_dir / relative, target, force, signature is None):
                        written.append(target)
                        created += [target] if fresh else []
            removed += _remove(base, had, kept)
            later = time.time_ns()
            if code in codes:
                states = {f: _folder_state(base, f, later) for f in by_folder}
                record[code] = {"pictures": kept, "folders": states}
    except BaseException:
        for path in created:  # (no record will name them)
            path.unlink(missing_ok=True)
        raise
    wanted = {"sources": signatures, "copies": record}
    if wanted != {
        k: v for k, v in before.items() if k != "inputs"
    }:  # (a build that copies nothing new writes nothing to the state)
        ledger.record(_KEY, {}, **wanted)
    return written, removed


def _remove(base: Path, had: dict | None, kept: list[str]) -> list[Path]:
    """The copies in ``base`` of pictures not ``kept``, removed, with the folders they leave
    empty below ``base``: those the record names (``had``), or where it names none, those
    found listing ``base``."""
    if had is not None and isinstance(had.get("pictures"), list):
        if had["pictures"] == kept:
            return []  # (the same pictures as the last build: a list compared, not a set)
        given = [p for p in had["pictures"] if isinstance(p, str)]
    elif base.is_dir():  # (every file listed, its suffix compared in any case)
        given = [p for p in files.below(base, ("",)) if p.lower().endswith(PICTURE_SUFFIXES)]
    else:
        given = []
    gone = []
    for relative in sorted(set(given) - set(kept)):
        path = base / relative
        if not path.is_symlink() and path.is_file():
            path.unlink()
            gone.append(path)
    files.remove_empty({f for p in gone for f in p.parents if base in f.parents})
    return gone


def _signature(path: str, now: int) -> list[int] | None:
    """A picture's file state (size, modification and change times, inode), or None where it
    is too recent to prove it unchanged later (it may change again in the same tick)."""
    info = os.stat(path)
    if now - max(info.st_mtime_ns, info.st_ctime_ns) < _STEADY_NS:
        return None
    return [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]


def _folder_state(base: Path, folder: str, now: int) -> list[int] | None:
    """The state of a folder of copies (modification and change times, inode), or None where
    there is none or it is too recent to prove its files unchanged later."""
    try:
        info = os.stat(f"{base}/{folder}" if folder else base)
    except OSError:
        return None
    if now - max(info.st_mtime_ns, info.st_ctime_ns) < _STEADY_NS:
        return None
    return [info.st_mtime_ns, info.st_ctime_ns, info.st_ino]


def _copy(source: Path, target: Path, force: bool = False, by_bytes: bool = False) -> bool:
    """``source`` copied to ``target`` (through a file beside it, put in place whole), unless
    ``target`` is a file of its size and modification time (and, ``by_bytes``, of its bytes)
    and not ``force``; whether it was copied."""
    info = source.stat()
    try:
        there = os.stat(target, follow_symlinks=False)
    except FileNotFoundError:
        there = None
    if not force and there is not None and stat.S_ISREG(there.st_mode):
        if (there.st_size, there.st_mtime_ns) == (info.st_size, info.st_mtime_ns):
            if not by_bytes or filecmp.cmp(source, target, shallow=False):
                return False
    partial = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, partial)
        os.replace(partial, target)
    except OSError as exc:
        raise files.os_error(exc, target, "cannot write") from None
    finally:
        partial.unlink(missing_ok=True)
    return True
