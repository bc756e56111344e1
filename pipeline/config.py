"""Project settings from ``[tool.l10n]`` in ``pyproject.toml``."""

from __future__ import annotations

import functools
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import files
from pipeline.errors import UNPRINTABLE, L10nError

# The kinds of source document: plain text, Markdown, a saved HTML page.
SOURCE_SUFFIXES = (".txt", ".md", ".html")
# Pictures kept with the sources, copied beside the pages (``pipeline.pictures``): the kinds a
# browser shows, in any case (``PHOTO.JPG``, as cameras name them; ``Photo.Jpeg``).
PICTURE_SUFFIXES = (".avif", ".gif", ".jpeg", ".jpg", ".png", ".svg", ".webp")
DEFAULT_CHROME = (
    r"^Sign up now:.*",
    r"^Follow topic:?$",
    r"^See more on.*",
)
# Labels a page shows its readers above the list they belong to: a disclosure such as
# "AI generated" over an AI-written summary is translated, never dropped as chrome.
DEFAULT_LABELS = (r"^AI generated$",)


@dataclass(frozen=True)
class Language:
    """A target language: the pipeline's code (a gettext locale) and the MT model's code."""

    code: str
    argos: str
    min_coverage: float
    min_build_coverage: float


@dataclass(frozen=True)
class Config:
    root: Path
    source_language: str = "en"
    languages: tuple[Language, ...] = ()
    source_dir: Path = Path("source")
    locales_dir: Path = Path("locales")
    build_dir: Path = Path("build")
    glossary: Path = Path("locales/glossary.csv")
    cache_dir: Path | None = None
    fallback: str = "source"
    publish_drafts: bool = False
    chrome_patterns: tuple[str, ...] = DEFAULT_CHROME
    label_patterns: tuple[str, ...] = DEFAULT_LABELS
    project_name: str = "l10n-pipeline"
    # Coverage `l10n check` requires of a PO file whose language is not configured.
    min_coverage: float = 100.0
    # [tool.l10n.checks]: check id → severity ("error", "warning", "off").
    checks: dict = field(default_factory=dict)
    # [tool.l10n.ray]: `l10n translate` decodes on a Ray cluster (docs/cluster.md):
    # {"address": str or None, "workers": int, "cpus": int}; None: in its own process.
    ray: dict | None = None

    def language(self, code: str) -> Language:
        """The configured language ``code``; an unknown code is a user error."""
        for lang in self.languages:
            if lang.code == code:
                return lang
        known = ", ".join(lang.code for lang in self.languages)
        raise L10nError(f"unknown language {code!r} (configured: {known})")

    def select(self, codes: tuple[str, ...] | list[str] | None) -> list[Language]:
        """The languages named by ``codes`` (all configured ones when empty)."""
        if not codes:
            return list(self.languages)
        return [self.language(code) for code in codes]

    def sources(self) -> list[Path]:
        """Every source document, ``source/<doc>.txt``, ``.md`` or ``.html``, in the source
        folder or any folder below it (``source/2026/12/<doc>.md``), sorted; two sources of one
        document (``a.txt`` and ``a.md``) are an error, and so is a name ``check_name``
        refuses. Hidden folders (``.git``) are not read; a link to a folder is an error."""
        folder = str(self.source_dir)
        return [Path(f"{folder}/{relative}") for relative in self.source_listing().values()]

    def source_listing(self) -> dict[str, str]:
        """Each source's path relative to the source folder by its document's name, in the
        order of ``sources`` (the names and paths as strings: an archive lists 100,000).
        Listed once for these settings: a command reads them once, and so does a run of
        steps (``l10n run``), which writes no source (0.7 CPU s for 100,000 with their paths)."""
        return dict(self._source_listing)

    @functools.cached_property
    def _source_listing(self) -> dict[str, str]:
        if not self.source_dir.is_dir():
            found = "not a folder" if self.source_dir.exists() else "not found"
            raise L10nError(f"source directory {found}", self.source_dir)
        own = (self.locales_dir, self.build_dir)
        found = _walk(self.source_dir, SOURCE_SUFFIXES, own)
        # as paths sort, part by part: the separator before every character a name may hold
        found.sort(key=lambda relative: relative.replace("/", "\0"))
        listing: dict[str, str] = {}
        folders: set[str] = set()  # (a folder's checks are its own: made once a folder)
        for relative in found:
            name = without_suffix(relative)
            folder = name.rpartition("/")[0]
            if UNPRINTABLE.search(name) or (folder and folder not in folders) or not name.isascii():
                self.check_name(self.source_dir / relative, name)  # (they need the path)
                folders.add(folder)
            if name in listing:
                raise L10nError(
                    f"two sources for document {name!r}: {listing[name]} and {relative} (keep one)",
                    self.source_dir,
                )
            listing[name] = relative
        return listing

    def pictures(self) -> list[str]:
        """Every picture file (``PICTURE_SUFFIXES``) in the source folder and the folders
        below it, as paths relative to it, sorted; hidden folders, the project's own folders
        and links are passed over (a link could lead out of the project). Listed once for
        these settings, as the sources are."""
        return list(self._pictures)

    @functools.cached_property
    def _pictures(self) -> list[str]:
        if not self.source_dir.is_dir():
            return []
        own = (self.locales_dir, self.build_dir)
        found = _walk(self.source_dir, PICTURE_SUFFIXES, own, casefold=True, files_only=True)
        for name in found:  # (named in the build's lines, as a source's name is)
            if not name.isascii() or UNPRINTABLE.search(name):
                check_document_name(self.source_dir / name, name)
        return sorted(found)

    def templates(self) -> list[str]:
        """Every template's document name, sorted: ``locales/<doc>.pot`` at any depth, but
        not in a configured language's folder (its catalogs' place) nor a hidden one."""
        if not self.locales_dir.is_dir():
            return []
        own = [self.locales_dir / code for code in self.reserved_names()]
        found = _walk(self.locales_dir, (".pot",), (*own, self.build_dir))
        return sorted(without_suffix(relative) for relative in found)

    def document_name(self, path: Path, folder: Path | None = None) -> str:
        """A document's name from one of its files: the path below ``folder`` (default: the
        source folder) without its suffix, with ``/`` between folders
        (``source/2026/12/slug.md`` → ``2026/12/slug``; ``source/slug.txt`` → ``slug``)."""
        base = self._source_prefix if folder is None else os.path.abspath(folder) + os.sep
        full = os.fspath(path)
        if not full.startswith(base) or "/." in full or "//" in full:  # not as listed
            full = os.path.abspath(full)
        if not full.startswith(base):
            raise ValueError(f"{full!r} is not in {base!r}")
        return without_suffix(full[len(base) :].replace(os.sep, "/"))

    def reserved_names(self) -> tuple[str, ...]:
        """Names a document's first folder may not have: the configured languages' codes,
        whose folders in ``locales/`` hold their catalogs."""
        return tuple(lang.code for lang in self.languages)

    def check_name(self, path: Path, name: str) -> None:
        """Refuse a document name (``name``, from the source ``path``) that cannot be written
        into templates, file names and links (``check_document_name``), or whose template
        would land in a language's catalog folder (``locales/ko/…``), or that lies in a
        hidden folder (the listing does not read those)."""
        check_document_name(path, name)
        folders = name.split("/")[:-1]
        reserved = {code.casefold(): code for code in self.reserved_names()}
        if folders and folders[0].casefold() in reserved:
            code = reserved[folders[0].casefold()]
            raise L10nError(
                f"the folder {folders[0]!r} has the name of a configured language, whose "
                f"catalogs are in {self.relative(self.locales_dir / code)}/; rename the folder",
                path,
            )
        hidden = [part for part in folders if part.startswith(".")]
        if hidden:
            raise L10nError(f"in a hidden folder ({hidden[0]}); sources there are not read", path)

    @functools.cached_property
    def _source_prefix(self) -> str:
        return os.path.abspath(self.source_dir) + os.sep

    @functools.cached_property
    def _locales_key(self) -> str:
        return self.relative(self.locales_dir)

    @functools.cached_property
    def build_key(self) -> str:
        """The build folder relative to the project, as the state keys files."""
        return self.relative(self.build_dir)

    @functools.cached_property
    def source_key(self) -> str:
        """The source folder relative to the project, as the state keys files ("" for the
        project's own folder)."""
        key = self.relative(self.source_dir)
        return "" if key == "." else key

    def stem_of(self, key: str, folder: str, suffix: str = "") -> str | None:
        """The document a file under ``folder`` ("": the project's) is one of the files of,
        from its path as the state keys it (``source/2026/12/x.md`` in ``source``:
        ``2026/12/x``), where it ends with ``suffix``; else None. String operations: what the
        file system monitor names is looked up by it (``ledger.Groups``)."""
        prefix = f"{folder}/" if folder else ""
        if not key.startswith(prefix) or not key.endswith(suffix):
            return None
        return without_suffix(key[len(prefix) :])

    def pot_key(self, stem: str) -> str:
        """A template's path relative to the project, as the state keys it (``pot_path``)."""
        return f"{self._locales_key}/{stem}.pot"

    def po_key(self, lang: str, stem: str) -> str:
        """A catalog's path relative to the project, as the state keys it (``po_path``)."""
        return f"{self._locales_key}/{lang}/LC_MESSAGES/{stem}.po"

    def pot_path(self, stem: str) -> Path:
        return Path(f"{self.locales_dir}/{stem}.pot")  # one parse: an archive asks 10,000 times

    def po_path(self, lang: str, stem: str) -> Path:
        return Path(f"{self.locales_dir}/{lang}/LC_MESSAGES/{stem}.po")

    def state_folder(self) -> Path:
        """Where a project's runs keep what they learnt (``build/.l10n``): the state
        database, the people's translations, staged writes."""
        return self.build_dir / ".l10n"

    def cache_folder(self) -> Path:
        """Where the machine drafts' memory and the ledgers' key live: ``cache_dir`` from the
        settings, else ``$XDG_CACHE_HOME/l10n-pipeline`` (outside the checkout)."""
        if self.cache_dir is not None:
            return Path(self.cache_dir)
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        return Path(base) / "l10n-pipeline"

    def relative(self, path: Path) -> str:
        """``path`` as written in references: relative to the project root, with slashes."""
        base = os.path.abspath(self.root) + os.sep
        full = os.path.abspath(path)
        if full.startswith(base):  # the common case, without resolving links on every call
            return full[len(base) :].replace(os.sep, "/")
        try:
            return Path(path).resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return Path(path).as_posix()


# A gettext locale or BCP 47 tag: "ko", "zh_Hans", "pt-BR", "sr@latin". Language codes name
# folders and files (locales/<code>/, build/<code>/, badges), so nothing else is accepted.
LANGUAGE_CODE = re.compile(r"[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*(?:@[A-Za-z0-9]+)?")


def check_document_name(path: Path, name: str | None = None) -> None:
    """A document's name is written into templates (``#:`` lines), file names and links: one
    with a control character (a newline would start a new line in the template) or a
    bidirectional control (a name that reads otherwise than it is), in any of its folders, is
    refused. ``name``: the document's name (default: the file's name)."""
    text = path.name if name is None else name
    if UNPRINTABLE.search(text):
        raise L10nError("a control character in the file name; rename the file", path)
    try:  # (a name's bytes that are not UTF-8 come as surrogates: no template can hold them)
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise L10nError("a file name that is not UTF-8; rename the file", path) from None


def check_new_name(name: str, option: str) -> None:
    """A name given to a new article (``import --name``, ``mv``'s new name): letters, digits,
    ``.``, ``_`` and ``-``, in parts separated by ``/``, each starting with a letter or digit
    and not ending with a dot, so that it is the same name in every file system, URL and
    shell. ``option`` names what gave it, for the error."""
    if not name:
        raise L10nError(f"{option} '': give the article a name (letters, digits, '.', '_', '-')")
    if name.lower().endswith(SOURCE_SUFFIXES):
        raise L10nError(
            f"{option} {name!r}: give the name without its suffix ({name.rpartition('.')[0]!r})"
        )
    for part in name.split("/"):
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}", part) or part.endswith("."):
            raise L10nError(
                f"{option} {name!r}: letters, digits, '.', '_' and '-' only, in parts "
                "separated by '/'"
            )


def relative_root(name: str) -> str:
    """The relative URL, from a page ``<lang>/<name>.html``, of the folder that holds the
    language folders: one ``../`` for the language folder and one for each folder of the
    document's name (``2026/12/slug`` → ``../../../``)."""
    return "../" * (name.count("/") + 1)


def without_suffix(relative: str) -> str:
    """A relative path with ``/`` separators, without the suffix of its file name (as pathlib
    sees one: not a leading dot). String operations, not pathlib: a listing names 100,000
    files."""
    start = relative.rfind("/") + 1
    dot = relative.rfind(".", start)
    return relative[:dot] if 0 < dot - start < len(relative) - start - 1 else relative


def _walk(
    folder: Path,
    suffixes: tuple[str, ...],
    skip: tuple[Path, ...] = (),
    casefold: bool = False,
    files_only: bool = False,
) -> list[str]:
    """The files (and links) in ``folder`` and the folders below it whose names end with one
    of ``suffixes`` (with ``casefold``, in any case; with ``files_only``, files of their own:
    no link, folder or pipe, as the listing tells without a ``stat``), as paths relative to
    ``folder`` with ``/`` separators, in no particular order; hidden folders and the folders
    in ``skip`` are not entered, and a link to a folder is an error (following one could list
    a document twice, or leave the project)."""
    skipped = {os.path.abspath(p) for p in skip}
    found: list[str] = []
    pending = [(os.path.abspath(folder), "")]
    while pending:
        here, prefix = pending.pop()
        try:
            entries = list(os.scandir(here))
        except OSError as exc:
            raise files.os_error(exc, here, "cannot list") from None
        for entry in entries:
            if (entry.name.lower() if casefold else entry.name).endswith(suffixes):
                if not files_only or entry.is_file(follow_symlinks=False):
                    found.append(prefix + entry.name)
            elif entry.is_dir(follow_symlinks=False):
                if not entry.name.startswith(".") and entry.path not in skipped:
                    pending.append((entry.path, f"{prefix}{entry.name}/"))
            elif entry.is_symlink() and entry.is_dir():
                raise L10nError(
                    "a link to a folder; not followed (move the folder here instead)",
                    Path(folder) / (prefix + entry.name),
                )
    return found


def valid_language_code(code: object) -> bool:
    """Whether ``code`` is a language code safe to use in a file name."""
    return isinstance(code, str) and LANGUAGE_CODE.fullmatch(code) is not None


def find_root(start: Path | None = None) -> Path:
    """The nearest directory at or above ``start`` whose pyproject.toml has ``[tool.l10n]``."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        pyproject = folder / "pyproject.toml"
        try:
            if pyproject.is_file() and b"[tool.l10n" in files.read_bytes(pyproject):
                return folder
        except OSError as exc:
            raise L10nError(f"cannot read: {exc.strerror}", pyproject) from None
    return here


def load_config(root: Path | None = None) -> Config:
    """Read ``[tool.l10n]`` from ``root/pyproject.toml``; defaults where it is absent."""
    root = find_root(root)
    files.confine_to(root)
    pyproject = root / "pyproject.toml"
    settings: dict = {}
    name = root.name
    if pyproject.is_file():
        try:
            data = tomllib.loads(files.read_bytes(pyproject).decode("utf-8"))
        except OSError as exc:
            raise L10nError(f"cannot read: {exc.strerror}", pyproject) from None
        except UnicodeDecodeError as exc:
            raise L10nError(f"not UTF-8 (byte {exc.start})", pyproject) from None
        except tomllib.TOMLDecodeError as exc:
            raise L10nError(f"invalid TOML: {exc}", pyproject) from None
        tool = data.get("tool", {})
        settings = tool.get("l10n", {}) if isinstance(tool, dict) else {}
        if not isinstance(settings, dict):
            raise L10nError("[tool.l10n] must be a table", pyproject)
        project = data.get("project", {})
        if isinstance(project, dict) and isinstance(project.get("name"), str):
            name = project["name"]
    return _from_settings(root, settings, name, pyproject)


_TYPE_NAMES = {
    bool: "true or false",
    str: "a string",
    dict: "a table",
    list: "a list",
    int: "a whole number",
}


class _Settings:
    """Typed access to one table of settings; a wrong type is a one-line error naming the key,
    and so is a key the project never asks for (``known_only``)."""

    def __init__(self, table: dict, where: str, pyproject: Path):
        self.table, self.where, self.pyproject = table, where, pyproject
        self.asked: dict[str, None] = {}  # the keys read, in order

    def known_only(self) -> None:
        """A one-line error for the first key of the table that was never read, a misspelt
        one (ignored, its setting would silently stay at the default), with the key it is
        nearest to where one is near."""
        import difflib

        unknown = sorted(str(key) for key in set(self.table) - set(self.asked))
        if unknown:
            near = difflib.get_close_matches(unknown[0], list(self.asked), n=1)
            hint = f"did you mean {near[0]!r}?" if near else f"known: {', '.join(self.asked)}"
            raise L10nError(
                f"{self.where} {_shown(unknown[0])}: unknown key ({hint})", self.pyproject
            )

    def fail(self, key: str, expected: str, value: object) -> L10nError:
        return L10nError(
            f"{self.where} {key}: expected {expected}, not {_shown(value)}", self.pyproject
        )

    def get(self, key: str, kind: type, default):
        self.asked[key] = None
        if key not in self.table:
            return default
        value = self.table[key]
        if kind is bool and isinstance(value, bool):
            return value
        if kind is not bool and isinstance(value, kind) and not isinstance(value, bool):
            return value
        raise self.fail(key, _TYPE_NAMES[kind], value)

    def percent(self, key: str, default: float) -> float:
        self.asked[key] = None
        value = self.table.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(key, "a number from 0 to 100", value)
        if not 0 <= value <= 100:  # also refuses nan
            raise self.fail(key, "a number from 0 to 100", value)
        return float(value)

    def path(self, key: str, default: str) -> str:
        value = self.get(key, str, default)
        if not value or "\x00" in value:
            raise self.fail(key, "a path", value)
        return value


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:59] + "…"


# The glossary where the settings name none, which a project may not have (no terms yet); one
# the settings name elsewhere must be there (a misspelt name would turn its checks off).
DEFAULT_GLOSSARY = "locales/glossary.csv"


def _from_settings(root: Path, s: dict, name: str, pyproject: Path) -> Config:
    settings = _Settings(s, "[tool.l10n]", pyproject)
    min_cov = settings.percent("min_coverage", 100)
    min_build = settings.percent("min_build_coverage", 80)
    source_language = settings.get("source_language", str, "en")
    if not valid_language_code(source_language):
        raise settings.fail("source_language", "a language code such as 'en'", source_language)
    languages = _languages(settings, pyproject, min_cov, min_build)
    patterns = _patterns(settings, "chrome_patterns", DEFAULT_CHROME, pyproject)
    labels = _patterns(settings, "label_patterns", DEFAULT_LABELS, pyproject)
    fallback = settings.get("fallback", str, "source")
    if fallback not in ("source", "omit"):
        raise L10nError(f"fallback must be 'source' or 'omit', not {fallback!r}", pyproject)
    cache = settings.get("cache_dir", str, None)
    if cache is not None:
        cache = settings.path("cache_dir", cache)
    glossary = settings.path("glossary", DEFAULT_GLOSSARY)
    named = os.path.normpath(glossary) != os.path.normpath(DEFAULT_GLOSSARY)
    if named and not (root / glossary).exists():  # (meant to be read)
        raise L10nError(f"[tool.l10n] glossary: no such file: {glossary}", pyproject)
    config = Config(
        root=root,
        source_language=source_language,
        languages=tuple(languages),
        source_dir=root / settings.path("source_dir", "source"),
        locales_dir=root / settings.path("locales_dir", "locales"),
        build_dir=root / settings.path("build_dir", "build"),
        glossary=root / glossary,
        cache_dir=(root / cache) if cache else None,
        fallback=fallback,
        publish_drafts=settings.get("publish_drafts", bool, False),
        chrome_patterns=patterns,
        label_patterns=labels,
        project_name=name,
        min_coverage=min_cov,
        checks=settings.get("checks", dict, {}),
        ray=_ray(settings, pyproject),
    )
    settings.known_only()  # (every key read: any other is misspelt)
    build = os.path.abspath(config.build_dir)
    for key in ("source_dir", "locales_dir"):
        folder = os.path.abspath(getattr(config, key))
        if folder == build or folder.startswith(build + os.sep):
            raise L10nError(
                f"[tool.l10n] {key} is inside build_dir, whose files the build makes and "
                "removes: keep them apart",
                pyproject,
            )
    return config


RAY_KEYS = {"address": (str, ""), "workers": (int, 0), "cpus": (int, 1)}


def _ray(settings: _Settings, pyproject: Path) -> dict | None:
    """``[tool.l10n.ray]``: ``address`` (as ``ray.init`` takes it; "" or absent: $RAY_ADDRESS,
    else the cluster this machine runs, else a new local one), ``workers`` (0: as many as
    the cluster has room for), ``cpus`` (CPU threads per worker); None where there is none."""
    spec = settings.get("ray", dict, None)
    if spec is None:
        return None
    table = _Settings(spec, "[tool.l10n.ray]", pyproject)
    values = {key: table.get(key, kind, default) for key, (kind, default) in RAY_KEYS.items()}
    table.known_only()
    if values["workers"] < 0:
        raise table.fail("workers", "a whole number from 0 (as many as fit)", values["workers"])
    if values["cpus"] < 1:
        raise table.fail("cpus", "a whole number from 1", values["cpus"])
    values["address"] = values["address"] or None
    return values


def _patterns(settings: _Settings, key: str, default: tuple[str, ...], pyproject: Path):
    """A list of regular expressions (whole blocks) from the settings, each compiled once to
    check it."""
    patterns = settings.get(key, list, list(default))
    for pattern in patterns:
        if not isinstance(pattern, str):
            raise settings.fail(key, "a list of strings", pattern)
        try:
            re.compile(pattern)
        except (re.error, RecursionError, OverflowError) as exc:
            raise L10nError(f"{key} {pattern!r}: {exc}", pyproject) from None
    return tuple(patterns)


def _languages(
    settings: _Settings, pyproject: Path, min_cov: float, min_build: float
) -> list[Language]:
    """``[tool.l10n.languages]``: each code checked, each table's keys typed."""
    languages = []
    default_languages = {"ko": {}, "zh_Hans": {"argos": "zh"}, "ms": {}}
    for code, spec in settings.get("languages", dict, default_languages).items():
        if not valid_language_code(code):
            raise L10nError(
                f"[tool.l10n.languages] {_shown(code)}: not a language code "
                "(expected a form such as ko, zh_Hans, pt-BR or sr@latin)",
                pyproject,
            )
        if isinstance(spec, str):
            spec = {"argos": spec}
        if not isinstance(spec, dict):
            raise L10nError(f"[tool.l10n.languages] {code}: expected a table", pyproject)
        table = _Settings(spec, f"[tool.l10n.languages.{code}]", pyproject)
        argos = table.get("argos", str, code.split("_")[0].split("-")[0].split("@")[0])
        if not valid_language_code(argos):
            raise table.fail("argos", "a language code such as 'ko'", argos)
        languages.append(
            Language(
                code=code,
                argos=argos,
                min_coverage=table.percent("min_coverage", min_cov),
                min_build_coverage=table.percent("min_build_coverage", min_build),
            )
        )
        table.known_only()
    return languages


def document_slug(text: str) -> str:
    """A document name made from a saved page's file name: accents dropped, every run of
    other characters (spaces, punctuation, other scripts) one ``-``, at most 100 characters;
    ``""`` when nothing usable is left ("Seoul pact (ST).html" → ``Seoul-pact-ST``)."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_text)
    return slug[:100].strip("-._")


# ---- which settings shape what each stage writes ----------------------------------------------

# A stage's facts (``pipeline.ledger``) are trusted only for the settings they were made with:
# these, by stage. Every setting is named here or in NOT_SHAPING, with the reason it shapes
# no stage's facts (tests/test_settings.py holds that), so a new setting cannot be forgotten.
SHAPES: dict[str, tuple[str, ...]] = {
    "extract": ("chrome_patterns", "label_patterns", "project_name"),
    "build": (
        "source_language",
        "languages",
        "fallback",
        "publish_drafts",
        "chrome_patterns",
        "label_patterns",
        "checks",
    ),
    "check": ("checks", "publish_drafts"),
    "review": ("checks", "chrome_patterns", "label_patterns"),
}
NOT_SHAPING: dict[str, str] = {
    "root": "where the project is; facts are keyed relative to it",
    "source_dir": "where the sources are; their contents are the facts' inputs",
    "locales_dir": "where the catalogs are; their contents are the facts' inputs",
    "build_dir": "where the outputs and the facts themselves are",
    "glossary": "a path; the glossary's contents are an input of the stages that read it",
    "cache_dir": "where the machine drafts' memory and the ledgers' key are kept",
    "min_coverage": "a threshold applied to the counts after they are made, never stored",
    "ray": "where drafts are decoded; a cluster decodes the drafts a local run would",
}


def settings_digest(config: Config, stage: str) -> str:
    """A digest of the settings that shape what ``stage`` writes (``SHAPES``)."""
    import hashlib

    values = [(name, getattr(config, name)) for name in SHAPES[stage]]
    text = repr(sorted(values, key=lambda pair: pair[0]))
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


# ---- the folders make watches ----------------------------------------------------------------

# What make can hold in a variable and hand to `find` unquoted.
MAKE_SAFE = re.compile(r"[A-Za-z0-9._/+-]+")


def make_folders(config: Config) -> str:
    """``folders: SOURCE LOCALES BUILD [STORE]``, the folders the settings name (relative to the
    project) and the Argos package store, for the Makefile; a folder whose name make could not
    hold is an error, except the store, which is then not watched (it is outside the project
    and only tells make to re-run ``translate`` after an install)."""
    from pipeline.packages import package_store

    folders = [config.relative(p) for p in (config.source_dir, config.locales_dir)]
    folders.append(config.relative(config.build_dir))
    for key, folder in zip(("source_dir", "locales_dir", "build_dir"), folders):
        if not MAKE_SAFE.fullmatch(folder):
            raise L10nError(
                f"[tool.l10n] {key} = {folder!r}: the Makefile needs letters, digits and "
                "'._/+-' only",
                config.root / "pyproject.toml",
            )
    store = str(package_store())
    return "folders: " + " ".join(folders + ([store] if MAKE_SAFE.fullmatch(store) else []))


if __name__ == "__main__":  # `python -m pipeline.config`: what the Makefile reads
    import sys

    try:
        print(make_folders(load_config()))
    except L10nError as exc:
        print(f"l10n: error: {exc}")
        sys.exit(2)
