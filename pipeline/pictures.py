"""Pictures kept with the sources (``source/2026/12/images/port.jpg``, named by an article as
``![The port](images/port.jpg)``): copied into each language's folder of pages at the same
place (``build/ko/2026/12/images/port.jpg``), so that a page's relative address finds its
picture wherever ``build/`` is published, as it does beside the source.

A picture is copied where its copy is missing or differs from it in size or modification
time (the copy keeps the source's time), and the copies of pictures gone from the source
folder since the last build are removed: the pictures each language's folder was given are
recorded (a ledger row a language), and where there is no record (a first build, a new
version of the program) the language's folder is listed instead."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from pipeline import files
from pipeline.config import PICTURE_SUFFIXES, Config
from pipeline.ledger import State

_LEDGER = "build pictures"


def mirror(
    config: Config, state: State, codes: list[str], dropped: list[str] = ()
) -> tuple[list[Path], list[Path]]:
    """Each picture of the source folder (``Config.pictures``) copied into the folder of
    pages of each language of ``codes`` (``build/<code>/``), where its copy is not the same;
    the copies of pictures no longer there removed, and every copy in the folders of the
    ``dropped`` languages (no longer in the settings). The files written and removed."""
    current = config.pictures()
    ledger = state.ledger(_LEDGER, by_file=False)
    written: list[Path] = []
    removed: list[Path] = []
    for code in [*codes, *dropped]:
        base = config.build_dir / code
        kept = current if code in codes else []
        wanted = set(kept)
        for relative in kept:
            if _copy(config.source_dir / relative, base / relative):
                written.append(base / relative)
        before = ledger.load(code)
        if before is not None and isinstance(before.get("pictures"), list):
            given = [p for p in before["pictures"] if isinstance(p, str)]
        elif base.is_dir():  # (every file listed, its suffix compared in any case)
            given = [p for p in files.below(base, ("",)) if p.lower().endswith(PICTURE_SUFFIXES)]
        else:
            given = []
        gone = []
        for relative in sorted(set(given) - wanted):
            path = base / relative
            if not path.is_symlink() and path.is_file():
                path.unlink()
                gone.append(path)
        # the folders they leave empty, up to the language's own (kept, as the build keeps it)
        files.remove_empty({f for p in gone for f in p.parents if base in f.parents})
        removed += gone
        if before is None or before.get("pictures") != kept:  # (a run that copies nothing
            ledger.record(code, {}, pictures=kept)  # new writes nothing to the state)
    return written, removed


def _copy(source: Path, target: Path) -> bool:
    """``source`` copied to ``target`` (through a file beside it, put in place whole), unless
    ``target`` is a file of its size and modification time; whether it was copied."""
    info = source.stat()
    try:
        there = os.stat(target, follow_symlinks=False)
    except FileNotFoundError:
        there = None
    if there is not None and (there.st_size, there.st_mtime_ns) == (
        info.st_size,
        info.st_mtime_ns,
    ):
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
