"""Pictures kept with the sources (``source/2026/12/images/port.jpg``, named by an article as
``![The port](images/port.jpg)``): copied into each language's folder of pages at the same
place (``build/ko/2026/12/images/port.jpg``), so that a page's relative address finds its
picture wherever ``build/`` is published, as it does beside the source.

Two records are kept. **What was copied where**, a file of the state folder
(``pictures.json``: each language's pictures) written before any copy is made (what it held,
and what is to be copied) and again when the copies are done: whatever stops a build midway
(an error, Ctrl-C, a kill), the next one knows every copy that may be in ``build/`` and
removes those of pictures gone. Where the file is lost, a language's folder is listed
instead (a language no longer in the settings is then left alone: its folder may not be
the build's). **What each copy was made from**, a ledger row (the state of each picture as
copied into each language, and of each folder of copies): a build looks at each picture with
one ``stat``, and a folder whose pictures and whose copies' folder are as recorded is passed
over. A picture whose state changed is copied again whatever its copy looks like (``cp -p``
writes new bytes of the old size and time); one changed in the last two seconds, whose state
proves nothing yet, and every picture where the row is lost, is compared with its copy byte
by byte where size and time agree. Losing either record costs work, never a wrong copy. A
copy edited in place in ``build/`` (its folder's state unchanged) stays until its picture
changes."""

from __future__ import annotations

import filecmp
import json
import os
import shutil
import stat
import tempfile
import time
from pathlib import Path

from pipeline import files
from pipeline.config import PICTURE_SUFFIXES, Config
from pipeline.errors import L10nError
from pipeline.ledger import State

_LEDGER = "build pictures"
_KEY = "pictures"
_JOURNAL = "pictures.json"
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
    journal_path = config.state_folder() / _JOURNAL
    journal = _read_journal(journal_path)
    ledger = state.ledger(_LEDGER, by_file=False)
    before = {k: v for k, v in (ledger.load(_KEY) or {}).items() if k != "inputs"}
    shared = before.get("sources") if isinstance(before.get("sources"), dict) else None
    languages = before.get("languages") if isinstance(before.get("languages"), dict) else {}
    now = time.time_ns()
    signatures = {rel: _signature(f"{source}/{rel}", now) for rel in current}
    by_folder: dict[str, list[str]] = {}
    for relative in current:
        by_folder.setdefault(relative.rpartition("/")[0], []).append(relative)
    # before any copy: every copy that may be in build/ once this run stops, wherever it does
    pending = dict(journal or {})
    for code in codes:
        pending[code] = sorted({*pending.get(code, ()), *current})
    if pending != journal:
        _write_journal(journal_path, pending)
    written: list[Path] = []
    removed: list[Path] = []
    created: list[Path] = []
    matching: dict[int, set[str]] = {}  # a record's pictures' states → the folders they match
    done = {code: value for code, value in (journal or {}).items() if code not in dropped}
    recorded: dict[str, dict] = {}
    try:
        for code in codes:
            base = config.build_dir / code
            had = _recorded(languages.get(code), shared)
            if had is not None and id(had[0]) not in matching:
                matching[id(had[0])] = _matching(by_folder, signatures, had[0])
            same = matching[id(had[0])] if had is not None else set()
            for folder, names in by_folder.items():
                state_now = _folder_state(base, folder, now)
                if folder in same and state_now is not None and had[1].get(folder) == state_now:
                    continue  # (its pictures, and their copies' folder, as recorded)
                for relative in names:
                    then = had[0].get(relative) if had is not None else None
                    target = base / relative
                    fresh = not os.path.lexists(target)
                    if _copy_again(
                        config.source_dir / relative, target, signatures[relative], then
                    ):
                        written.append(target)
                        created += [target] if fresh else []
            given = journal.get(code) if journal is not None else None
            removed += _remove(base, given, current)
            later = time.time_ns()
            recorded[code] = {"folders": {f: _folder_state(base, f, later) for f in by_folder}}
            done[code] = current
        for code in dropped:  # (only what the record says was copied: the folder is not ours)
            given = journal.get(code) if journal is not None else []
            removed += _remove(config.build_dir / code, given or [], [])
    except BaseException:
        for path in created:  # (the journal names them: removed if the next run keeps none)
            path.unlink(missing_ok=True)
        raise
    if done != pending:
        _write_journal(journal_path, done)
    # the languages this run did not copy into keep their record, with the pictures' states
    # they were copied from (where those were the last run's, written into their own)
    for code, entry in languages.items():
        if code not in recorded and code not in dropped and isinstance(entry, dict):
            own = isinstance(entry.get("sources"), dict) or shared is None
            recorded[code] = entry if own else {**entry, "sources": shared}
    record = {"sources": signatures, "languages": recorded}
    if record != before:  # (a build that copies nothing new writes nothing to the state)
        ledger.record(_KEY, {}, **record)
    return written, removed


def _matching(by_folder: dict[str, list[str]], signatures: dict, sources: dict) -> set[str]:
    """The folders all of whose pictures are in the state ``sources`` recorded (and old
    enough for that to prove them unchanged)."""
    return {
        folder
        for folder, names in by_folder.items()
        if all((sig := signatures[n]) is not None and sources.get(n) == sig for n in names)
    }


def _copy_again(source: Path, target: Path, now: list | None, then: object) -> bool:
    """``source`` copied to ``target`` as its states tell (``now``; ``then``, as recorded when
    it was last copied; None where unknown or too recent to prove anything): copied again
    where it changed since, whatever the copy looks like; compared with its copy byte by
    byte where either is unknown; else copied where its copy differs in size or time."""
    force = now is not None and then is not None and then != now
    return _copy(source, target, force, by_bytes=now is None or then is None)


def _recorded(entry: object, shared: dict | None) -> tuple[dict, dict] | None:
    """A language's record: the pictures' states its copies were made from (its own, or the
    last run's) and its folders of copies' states; None where there is none."""
    if not isinstance(entry, dict) or not isinstance(entry.get("folders"), dict):
        return None
    sources = entry.get("sources") if isinstance(entry.get("sources"), dict) else shared
    return (sources, entry["folders"]) if isinstance(sources, dict) else None


def _read_journal(path: Path) -> dict[str, list[str]] | None:
    """What ``pictures.json`` says was copied into each language's folder, or None where it
    is missing or not of this shape."""
    try:
        found = json.loads(files.read_bytes(path))
    except (L10nError, OSError, ValueError):
        return None
    if not isinstance(found, dict):
        return None
    return {
        code: [p for p in names if isinstance(p, str)]
        for code, names in found.items()
        if isinstance(code, str) and isinstance(names, list)
    }


def _write_journal(path: Path, journal: dict[str, list[str]]) -> None:
    files.write_bytes(path, json.dumps(journal, sort_keys=True).encode("utf-8"))


def _remove(base: Path, given: list[str] | None, kept: list[str]) -> list[Path]:
    """The copies in ``base`` of pictures not ``kept``, removed, with the folders they leave
    empty below ``base``: those ``given`` (what the journal says may be there), or where it
    names none, those found listing ``base``."""
    if given is not None and given == kept:
        return []  # (the same pictures as the last build: a list compared, not a set)
    if given is None:  # (every file listed, its suffix compared in any case)
        found = files.below(base, ("",)) if base.is_dir() else []
        given = [p for p in found if p.lower().endswith(PICTURE_SUFFIXES)]
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
    partial = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, partial = tempfile.mkstemp(dir=target.parent, prefix=".l10n-", suffix=".part")
        os.close(handle)
        shutil.copy2(source, partial)
        os.replace(partial, target)
    except OSError as exc:
        raise files.os_error(exc, target, "cannot write") from None
    finally:
        if partial is not None:
            Path(partial).unlink(missing_ok=True)
    return True
