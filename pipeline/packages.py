"""Argos Translate packages: the package store, installing (from files or the Argos index),
removing, and which installed model a configured language is drafted with.

Packages live in the Argos package store (the folder ``argospm`` uses, ``ARGOS_PACKAGES_DIR``
honoured). Each is a folder with ``metadata.json``, a CTranslate2 model in ``model/`` and a
tokenizer (``sentencepiece.model`` or ``bpe.model``: ``pipeline.tokenizers``); we read
``metadata.json`` ourselves (``argostranslate.package`` validates
nothing and imports seconds of libraries to install). A package file is untrusted input: see
``docs/security.md`` for how each one is confined.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import struct
import tempfile
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from pipeline.errors import L10nError

DEFAULT_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"
DOWNLOAD_BASE = "https://argos-net.com/v1/"
# The package the Argos index offers for each target language we ship configuration for.
KNOWN_PACKAGES = {"ko": "1.1", "zh": "1.9", "ms": "1.9"}
# The tokenizer files a package may ship, in the order Argos looks for them.
TOKENIZERS = ("sentencepiece.model", "bpe.model")
# Argos packages unpack to a few hundred MB; a file claiming far more is refused before any
# byte is unpacked (a zip bomb would otherwise fill the disk).
MAX_UNPACKED = 4 << 30
# metadata.json is a few hundred bytes; the Argos index a few hundred KB.
MAX_METADATA = 1 << 20
MAX_INDEX = 64 << 20


# ---- the package store -------------------------------------------------------------------


def package_store() -> Path:
    """Where Argos packages are installed, computed as ``argostranslate.settings`` does.

    ``ARGOS_PACKAGES_DIR`` from the environment, else from Argos's ``settings.json``, else
    ``$XDG_DATA_HOME/argos-translate/packages``. Reimplemented here because importing
    ``argostranslate.settings`` creates directories as a side effect.
    """
    home = Path(os.environ["SNAP_USER_DATA"]) if "SNAP" in os.environ else Path.home()
    value = os.environ.get("ARGOS_PACKAGES_DIR")
    if value is None:
        config_dir = Path(os.getenv("XDG_CONFIG_HOME", default=home / ".config"))
        try:
            settings = json.loads((config_dir / "argos-translate" / "settings.json").read_text())
            value = settings.get("ARGOS_PACKAGES_DIR") if isinstance(settings, dict) else None
        except (OSError, ValueError):
            value = None
    if value is None:
        data_dir = Path(os.getenv("XDG_DATA_HOME", default=home / ".local" / "share"))
        value = data_dir / "argos-translate" / "packages"
    return Path(value)


@dataclass(frozen=True)
class Package:
    """An installed translation package."""

    code: str  # argospm's name: translate-en_ko
    version: str
    from_code: str
    to_code: str
    path: Path
    target_prefix: str = ""
    tokenizer_file: str = TOKENIZERS[0]

    @property
    def model_dir(self) -> Path:
        return self.path / "model"

    @property
    def tokenizer(self) -> Path:
        return self.path / self.tokenizer_file

    @property
    def tokenizer_kind(self) -> str:
        """``sentencepiece`` or ``bpe``."""
        return self.tokenizer_file.split(".")[0]

    def model_config(self) -> dict:
        """The CTranslate2 model's ``config.json`` (``add_source_bos``, ``bos_token``,
        ``decoder_start_token``), or {} where it has none."""
        try:
            config = json.loads((self.model_dir / "config.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return config if isinstance(config, dict) else {}

    def model_positions(self) -> int | None:
        """The most positions the model has position encodings for (a table in ``model.bin``:
        learned, or written by its converter), counting the tokens CTranslate2 adds; None
        where the model computes them as it goes or where its file is not one this reads
        (``_model_positions``)."""
        try:
            return _model_positions(self.model_dir / "model.bin")
        except (OSError, struct.error, UnicodeDecodeError):
            return None

    def describe(self) -> str:
        """The tokenizer and what the model asks for: ``sentencepiece, bos >>cmn_Hans<<``."""
        config = self.model_config()
        parts = [self.tokenizer_kind]
        if config.get("add_source_bos"):
            parts.append(f"bos {config.get('bos_token', '<s>')}")
        if self.target_prefix:
            parts.append(f"prefix {self.target_prefix}")
        return ", ".join(parts)

    def label(self) -> str:
        return f"{self.code} {self.version}"


@dataclass(frozen=True)
class Broken:
    """A folder in the store that is not a usable package, and why."""

    path: Path
    reason: str


def package_code(metadata: dict) -> str:
    """argospm's package name: ``<type>-<from>_<to>``."""
    return f"{metadata.get('type') or 'translate'}-{metadata['from_code']}_{metadata['to_code']}"


def check_metadata(data: object) -> str | None:
    """Why a parsed ``metadata.json`` is unusable for translation, or None when it is fine."""
    if not isinstance(data, dict):
        return "metadata.json is not a JSON object"
    for key in ("from_code", "to_code"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            return f"metadata.json has no {key}"
    if data.get("type", "translate") != "translate":
        return f"package type {data.get('type')!r} is not a translation package"
    return None


def read_package(folder: Path) -> Package | Broken:
    """The package in ``folder``, or why it is not one."""
    try:
        data = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Broken(folder, "no metadata.json")
    except (OSError, ValueError) as exc:
        return Broken(folder, f"unreadable metadata.json ({exc})")
    problem = check_metadata(data)
    if problem is None and not (folder / "model" / "model.bin").is_file():
        problem = "no CTranslate2 model (model/model.bin)"
    tokenizer = next((name for name in TOKENIZERS if (folder / name).is_file()), None)
    if problem is None and tokenizer is None:
        problem = f"no tokenizer ({' or '.join(TOKENIZERS)})"
    if problem:
        return Broken(folder, problem)
    return Package(
        code=package_code(data),
        version=str(data.get("package_version") or "0"),
        from_code=data["from_code"],
        to_code=data["to_code"],
        path=folder,
        target_prefix=str(data.get("target_prefix") or ""),
        tokenizer_file=tokenizer or TOKENIZERS[0],
    )


def installed(store: Path | None = None) -> tuple[list[Package], list[Broken]]:
    """Every package in the store, sorted by code, and the folders that are not packages."""
    store = store or package_store()
    packages: list[Package] = []
    broken: list[Broken] = []
    if not store.is_dir():
        return packages, broken
    for folder in sorted(store.iterdir()):
        if folder.name.startswith(".") or not folder.is_dir():
            continue
        found = read_package(folder)
        (packages if isinstance(found, Package) else broken).append(found)
    packages.sort(key=lambda p: (p.code, _version_key(p.version), p.path.name))
    return packages, broken


def _version_key(version: str) -> tuple:
    return tuple(int(part) if part.isdigit() else 0 for part in re.split(r"[._-]", version))


def find_package(
    from_code: str, to_code: str, packages: Sequence[Package] | None = None
) -> Package | None:
    """The newest installed package translating ``from_code`` → ``to_code``."""
    if packages is None:
        packages, _ = installed()
    matches = [p for p in packages if p.from_code == from_code and p.to_code == to_code]
    return max(matches, key=lambda p: _version_key(p.version)) if matches else None


def download_name(from_code: str, to_code: str) -> tuple[str, str | None]:
    """The package code and, where we know it, the version the Argos index offers."""
    version = KNOWN_PACKAGES.get(to_code) if from_code == "en" else None
    return f"translate-{from_code}_{to_code}", version


def install_instructions(from_code: str, to_code: str) -> list[str]:
    """What to do on a connected machine, then here, to install the ``from → to`` model."""
    code, version = download_name(from_code, to_code)
    if version:
        filename = f"{code}-{version.replace('.', '_')}.argosmodel"
        return [
            f"on a machine with internet, download {code} {version}: {DOWNLOAD_BASE}{filename}",
            f"copy it here and run: l10n models install {filename}",
            f"(where this machine can reach the Argos index: l10n models install --index {code})",
        ]
    return [
        (
            f"on a machine with internet, download the {code} package listed in the Argos "
            f"index ({DEFAULT_INDEX}index.json)"
        ),
        f"copy it here and run: l10n models install {code}-<version>.argosmodel",
    ]


@dataclass(frozen=True)
class Model:
    """The model a configured language is drafted with: the newest installed package for the
    pair, or what to do to install one."""

    pair: str  # "en → ko", in the model's language codes
    package: Package | None
    instructions: list[str]


def model_for(source_language: str, lang, packages: Sequence[Package]) -> Model:
    """The model for configured language ``lang`` (a ``config.Language``)."""
    package = find_package(source_language, lang.argos, packages)
    instructions = [] if package else install_instructions(source_language, lang.argos)
    return Model(f"{source_language} → {lang.argos}", package, instructions)


# ---- installing and removing -------------------------------------------------------------


def _member_parts(info: zipfile.ZipInfo, archive: Path) -> tuple[str, ...]:
    """The path components of a zip member, refusing anything that could leave the store."""
    name = info.filename
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise L10nError(f"refused: {name!r} is a symbolic link", archive)
    if mode and stat.S_IFMT(mode) not in (0, stat.S_IFREG, stat.S_IFDIR):
        raise L10nError(f"refused: {name!r} is not a regular file", archive)
    if info.flag_bits & 0x1:
        raise L10nError(f"refused: {name!r} is encrypted", archive)
    if "\\" in name or name.startswith("/") or re.match(r"^[A-Za-z]:", name) or "\x00" in name:
        raise L10nError(f"refused: {name!r} is an absolute or non-portable path", archive)
    parts = tuple(PurePosixPath(name).parts)
    if not parts or any(part in ("..", ".") for part in name.rstrip("/").split("/")):
        raise L10nError(f"refused: {name!r} would land outside the package folder", archive)
    return parts


def inspect_archive(archive: str | Path) -> tuple[str, dict, list[zipfile.ZipInfo]]:
    """Validate a package file; return its top folder, metadata and members.

    A package is a zip with one top-level folder holding ``metadata.json`` (with from/to
    codes), ``model/model.bin`` and a tokenizer (``sentencepiece.model`` or ``bpe.model``);
    a ``stanza/`` or ``minisbd/`` folder is unpacked and not used; no member may be a link, an
    absolute path or climb out with ``..``; the sizes are checked before anything is read.
    (Each member's CRC is checked as it is unpacked.)
    """
    archive = Path(archive)
    if not archive.is_file():
        raise L10nError(
            "a folder, not a package file" if archive.is_dir() else "file not found", archive
        )
    if not zipfile.is_zipfile(archive):
        raise L10nError("not a package: not a zip archive", archive)
    try:
        with zipfile.ZipFile(archive) as zf:
            infos = zf.infolist()
            _check_size(infos, archive)
            top, names = _check_members(infos, archive)
            metadata = _read_metadata(zf, top, archive)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError) as exc:
        raise L10nError(f"corrupt archive ({exc})", archive) from None
    except OSError as exc:
        raise L10nError(f"cannot read: {exc.strerror or exc}", archive) from None
    code = package_code(metadata)
    if re.match(r"[a-z]+-[^-]+_", top) and top != code and not top.startswith(f"{code}-"):
        # The folder becomes the store folder: named after another package, it would
        # replace that one (an en→ko package in translate-en_zh-1_9).
        raise L10nError(
            f"refused: folder {top!r} is named for another package than its metadata.json ({code})",
            archive,
        )
    if f"{top}/model/model.bin" not in names:
        raise L10nError(f"not a package: no CTranslate2 model ({top}/model/model.bin)", archive)
    if not any(f"{top}/{name}" in names for name in TOKENIZERS):
        wanted = " or ".join(f"{top}/{name}" for name in TOKENIZERS)
        raise L10nError(f"not a package: no tokenizer ({wanted})", archive)
    return top, metadata, infos


def _check_size(infos: list[zipfile.ZipInfo], archive: Path) -> None:
    unpacked = sum(info.file_size for info in infos)  # zipfile reads no more than this
    if unpacked > MAX_UNPACKED:
        raise L10nError(
            f"refused: unpacks to {unpacked / 2**30:.1f} GiB, more than a translation "
            f"package does (limit {MAX_UNPACKED / 2**30:.0f} GiB)",
            archive,
        )


def _check_members(infos: list[zipfile.ZipInfo], archive: Path) -> tuple[str, set[str]]:
    """The one top-level folder and every member's path; a member named twice, both a file
    and a folder, or outside one top folder is refused."""
    tops, names, folders = set(), set(), set()
    for info in infos:
        parts = _member_parts(info, archive)
        tops.add(parts[0])
        key = "/".join(parts)
        if key in names and not info.is_dir():
            raise L10nError(f"refused: {info.filename!r} appears twice", archive)
        names.add(key)
        folders.update("/".join(parts[:n]) for n in range(1, len(parts)))
        if info.is_dir():
            folders.add(key)
    files = {"/".join(_member_parts(i, archive)) for i in infos if not i.is_dir()}
    clash = sorted(files & folders)
    if clash:
        raise L10nError(
            f"refused: {clash[0]!r} is both a file and a folder in the package", archive
        )
    if len(tops) != 1:
        listed = ", ".join(sorted(tops)[:5]) or "nothing"
        raise L10nError(f"not a package: expected one top-level folder, found {listed}", archive)
    top = tops.pop()
    if top.startswith(".") or top in files:
        raise L10nError(f"not a package: {top!r} is not a folder name", archive)
    return top, names


def _read_metadata(zf: zipfile.ZipFile, top: str, archive: Path) -> dict:
    """``metadata.json``, read up to its size limit and checked."""
    try:
        info = zf.getinfo(f"{top}/metadata.json")
        if info.file_size > MAX_METADATA:
            raise L10nError(
                f"refused: {top}/metadata.json is {info.file_size} bytes (limit {MAX_METADATA})",
                archive,
            )
        with zf.open(info) as member:
            raw = member.read(MAX_METADATA + 1)
        if len(raw) > MAX_METADATA:
            raise L10nError(f"refused: {top}/metadata.json is too large", archive)
        metadata = json.loads(raw.decode("utf-8"))
    except KeyError:
        raise L10nError(f"not a package: no {top}/metadata.json", archive) from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise L10nError(f"not a package: bad metadata.json ({exc})", archive) from None
    problem = check_metadata(metadata)
    if problem:
        raise L10nError(f"not a package: {problem}", archive)
    return metadata


def _scratch_dir(store: Path) -> Path:
    """A temporary folder on the store's file system but outside the store itself (argospm
    would trip over a folder without metadata.json there)."""
    store.mkdir(parents=True, exist_ok=True)
    try:
        return Path(tempfile.mkdtemp(prefix=".l10n-install-", dir=store.parent))
    except OSError:
        return Path(tempfile.mkdtemp(prefix=".l10n-install-", dir=store))


# Judges an unpacked package before it is installed: why it is refused, or None
# (``pipeline.canary.problem``).
Verify = Callable[[Package], str | None]


def install_file(
    archive: str | Path, store: Path | None = None, verify: Verify | None = None
) -> tuple[Package, list[Path]]:
    """Install one package file; see ``install_files``."""
    return install_files([archive], store, verify)[0]


def install_files(
    archives: Sequence[str | Path], store: Path | None = None, verify: Verify | None = None
) -> list[tuple[Package, list[Path]]]:
    """Install package files into the store; for each, the package and the folders it
    replaced.

    Every file is checked and unpacked into a scratch folder first, its tokenizer loaded and
    the package judged by ``verify`` (the canary); only when all of them are complete and
    pass is each renamed into place, replacing older installs of the same package. So a bad
    file installs none of them. A file system error (read-only store, full disk) is an
    ``L10nError``.
    """
    store = store or package_store()
    staged: list[_Staged] = []
    try:
        for archive in map(Path, archives):
            staged.append(_stage(archive, store))
        for item in staged if verify else ():  # the slow check once every file is sound
            refused = verify(item.package)
            if refused:
                raise L10nError(f"refused: {refused}", item.archive)
        return [_commit(item, store) for item in staged]
    except OSError as exc:
        raise L10nError(f"cannot install: {exc.strerror or exc}", exc.filename or store) from None
    finally:
        for item in staged:
            shutil.rmtree(item.scratch, ignore_errors=True)


@dataclass
class _Staged:
    archive: Path
    scratch: Path  # holds the unpacked package, and what it replaces on its way out
    package: Package


def _stage(archive: Path, store: Path) -> _Staged:
    """Check a package file and unpack it next to the store, ready to be renamed in."""
    top, _, infos = inspect_archive(archive)
    scratch = _scratch_dir(store)
    try:
        needed, free = sum(i.file_size for i in infos), shutil.disk_usage(scratch).free
        if needed > free:
            raise L10nError(
                f"needs {needed / 2**20:.0f} MiB to unpack and {free / 2**20:.0f} MiB are "
                f"free next to {store}",
                archive,
            )
        _unpack(archive, infos, scratch)
        found = read_package(scratch / top)
        if isinstance(found, Broken):
            raise L10nError(f"not a package: {found.reason}", archive)
        _check_tokenizer(found, archive)
        there = read_package(store / top) if (store / top).exists() else None
        if isinstance(there, Package) and there.code != found.code:
            raise L10nError(
                f"refused: {store / top} holds {there.label()}, another package", archive
            )
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    return _Staged(archive, scratch, found)


def _unpack(archive: Path, infos: list[zipfile.ZipInfo], scratch: Path) -> None:
    """Unpack the (inspected) members; a member whose CRC does not check is a corrupt file."""
    try:
        with zipfile.ZipFile(archive) as zf:
            for info in infos:
                target = scratch.joinpath(*PurePosixPath(info.filename).parts)
                if info.is_dir():
                    target.mkdir(parents=True, exist_ok=True)
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                with zf.open(info) as source, open(target, "wb") as sink:
                    shutil.copyfileobj(source, sink, 1 << 20)
    except (zipfile.BadZipFile, EOFError) as exc:
        raise L10nError(f"corrupt archive ({exc})", archive) from None


def _commit(item: _Staged, store: Path) -> tuple[Package, list[Path]]:
    """Rename a staged package into the store; older installs of it leave by a rename too
    (never half-deleted in place) into the scratch folder, removed afterwards."""
    staged = item.package.path
    destination = store / staged.name
    old, _ = installed(store)
    code = item.package.code
    replaced = [p.path for p in old if p.code == code and p.path != destination]
    if destination.exists():
        destination.rename(item.scratch / ".previous")
        replaced.append(destination)
    staged.rename(destination)
    for number, folder in enumerate(p for p in replaced if p != destination):
        folder.rename(item.scratch / f".older-{number}")
    package = read_package(destination)
    assert isinstance(package, Package)
    return package, sorted(set(replaced))


def _check_tokenizer(package: Package, archive: Path) -> None:
    from pipeline import tokenizers

    try:
        tokenizers.load(package.tokenizer, package.from_code, package.to_code)
    except (RuntimeError, OSError, ValueError, UnicodeDecodeError) as exc:
        problem = f"unreadable {package.tokenizer_file} ({exc})"
        raise L10nError(f"not a package: {problem}", archive) from None


def remove(code: str, store: Path | None = None) -> list[Path]:
    """Remove every installed package whose code (``translate-en_ko``) or folder is ``code``."""
    store = store or package_store()
    packages, broken = installed(store)
    doomed = [p.path for p in packages if code in (p.code, p.path.name)]
    doomed += [b.path for b in broken if b.path.name == code]
    if not doomed:
        known = ", ".join(sorted({p.code for p in packages})) or "none"
        raise L10nError(f"no installed package {code!r} (installed: {known})", store)
    for folder in doomed:
        # Rename first, so an interrupted removal never leaves a half package in the store.
        try:
            trash = _scratch_dir(store)
            folder.rename(trash / folder.name)
        except OSError as exc:
            raise L10nError(f"cannot remove: {exc.strerror or exc}", folder) from None
        shutil.rmtree(trash, ignore_errors=True)
    return doomed


class IndexUnreachable(L10nError):
    """The Argos index or a package download could not be reached; carries what to do."""

    def __init__(self, message: str, instructions: list[str]):
        super().__init__(message)
        self.instructions = instructions


def index_url() -> str:
    """The Argos package index, as argostranslate's settings give it."""
    return os.environ.get("ARGOS_PACKAGE_INDEX") or DEFAULT_INDEX


def _fetch(url: str, timeout: float, limit: int = MAX_INDEX) -> bytes:
    """The body at ``url`` (http or https only), at most ``limit`` bytes."""
    if not isinstance(url, str) or not re.match(r"https?://", url, re.IGNORECASE):
        raise OSError(f"not an http(s) address: {str(url)[:80]!r}")
    request = urllib.request.Request(url, headers={"User-Agent": "l10n-pipeline"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(limit + 1)
    except ValueError as exc:  # a malformed address
        raise OSError(str(exc)) from None
    if len(data) > limit:
        raise OSError(f"more than {limit >> 20} MiB")
    return data


def install_from_index(
    codes: Sequence[str],
    store: Path | None = None,
    timeout: float = 10.0,
    verify: Verify | None = None,
) -> list[tuple[Package, list[Path]]]:
    """Download and install ``translate-en_ko``-style packages from the Argos index.

    Offline this fails within ``timeout`` with an :class:`IndexUnreachable` that says which
    file to fetch elsewhere and how to install it (argostranslate's own index code retries
    without end when offline).
    """
    wanted = []
    for code in codes:
        match = re.fullmatch(r"translate-([A-Za-z_]+?)_([A-Za-z]+)", code)
        if not match:
            raise L10nError(f"not a package code: {code!r} (expected e.g. translate-en_ko)")
        wanted.append((code, match.group(1), match.group(2)))

    def unreachable(what: str, exc: Exception) -> IndexUnreachable:
        # the instructions less the one that says to do what just failed
        lines = [
            line
            for _, f, t in wanted
            for line in install_instructions(f, t)
            if "--index" not in line
        ]
        return IndexUnreachable(f"cannot reach {what} ({_reason(exc)})", lines)

    url = index_url().rstrip("/") + "/index.json"
    try:
        index = json.loads(_fetch(url, timeout))
    except (OSError, ValueError) as exc:
        raise unreachable(f"the Argos package index {url}", exc) from None
    if not isinstance(index, list):
        raise L10nError("the Argos package index is not a list of packages", url)
    entries = {package_code(e): e for e in index if isinstance(e, dict) and not check_metadata(e)}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            paths = []
            for code, _, _ in wanted:
                if code not in entries:
                    raise L10nError(f"the Argos index has no package {code!r}")
                path = Path(tmp) / f"{code}.argosmodel"
                path.write_bytes(_download(entries[code], code, timeout, unreachable))
                paths.append(path)
            return install_files(paths, store, verify)  # all downloaded before any installs
    except OSError as exc:
        raise L10nError(f"cannot install: {exc.strerror or exc}", exc.filename) from None


def _download(entry: dict, code: str, timeout: float, unreachable) -> bytes:
    """The package file from the first of the index entry's links that answers."""
    errors: list[Exception] = []
    links = entry.get("links")
    for link in links if isinstance(links, list) else []:
        try:
            return _fetch(link, timeout * 6, MAX_UNPACKED)
        except OSError as exc:
            errors.append(exc)
    raise unreachable(f"the download of {code}", errors[-1] if errors else OSError("no link"))


def _reason(exc: Exception) -> str:
    if isinstance(exc, urllib.error.URLError) and not isinstance(exc, urllib.error.HTTPError):
        exc = exc.reason if isinstance(exc.reason, Exception) else exc
    return str(exc) or type(exc).__name__


_BINARY_VERSION = 6  # the layout of a CTranslate2 ``model.bin`` this reads (CTranslate2 3 and 4)


def _model_positions(path: Path) -> int | None:
    """The fewest rows of the ``…/position_encodings/encodings`` tables of a CTranslate2
    ``model.bin`` (a version-``_BINARY_VERSION`` file: the spec's name and revision, then each
    variable's name, shape, type and bytes), read without its weights; None where it has no
    such table or is of another version."""
    with open(path, "rb") as model:

        def number(kind: str) -> int:
            return struct.unpack(kind, model.read(struct.calcsize(kind)))[0]

        def string() -> str:
            return model.read(number("H"))[:-1].decode("utf-8")

        if number("I") != _BINARY_VERSION:
            return None
        string()  # the spec's name
        number("I")  # its revision
        rows = []
        for _ in range(number("I")):
            name = string()
            shape = [number("I") for _ in range(number("B"))]
            number("B")  # the type
            model.seek(number("I"), 1)
            if name.endswith("position_encodings/encodings") and shape:
                rows.append(shape[0])
        return min(rows, default=None)
