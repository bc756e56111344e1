"""Project settings from ``[tool.l10n]`` in ``pyproject.toml``."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import L10nError

DEFAULT_CHROME = (
    r"^Sign up now:.*",
    r"^Follow topic:?$",
    r"^AI generated$",
    r"^See more on.*",
)


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
    project_name: str = "l10n-pipeline"
    # Coverage `l10n check` requires of a PO file whose language is not configured.
    min_coverage: float = 100.0
    # [tool.l10n.checks]: check id → severity ("error", "warning", "off").
    checks: dict = field(default_factory=dict)

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
        """Every source document, ``source/*.txt``, sorted by name."""
        if not self.source_dir.is_dir():
            raise L10nError("source directory not found", self.source_dir)
        return sorted(self.source_dir.glob("*.txt"))

    def pot_path(self, stem: str) -> Path:
        return self.locales_dir / f"{stem}.pot"

    def po_path(self, lang: str, stem: str) -> Path:
        return self.locales_dir / lang / "LC_MESSAGES" / f"{stem}.po"

    def relative(self, path: Path) -> str:
        """``path`` as written in references: relative to the project root, with slashes."""
        try:
            return Path(path).resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return Path(path).as_posix()


def find_root(start: Path | None = None) -> Path:
    """The nearest directory at or above ``start`` whose pyproject.toml has ``[tool.l10n]``."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "[tool.l10n" in pyproject.read_text(encoding="utf-8"):
            return folder
    return here


def load_config(root: Path | None = None) -> Config:
    """Read ``[tool.l10n]`` from ``root/pyproject.toml``; defaults where it is absent."""
    root = find_root(root)
    pyproject = root / "pyproject.toml"
    settings: dict = {}
    name = root.name
    if pyproject.is_file():
        try:
            data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise L10nError(f"invalid TOML: {exc}", pyproject) from None
        settings = data.get("tool", {}).get("l10n", {})
        name = data.get("project", {}).get("name", name)
    return _from_settings(root, settings, name, pyproject)


def _from_settings(root: Path, s: dict, name: str, pyproject: Path) -> Config:
    min_cov = float(s.get("min_coverage", 100))
    min_build = float(s.get("min_build_coverage", 80))
    languages = []
    for code, spec in s.get("languages", {"ko": {}, "zh_Hans": {"argos": "zh"}, "ms": {}}).items():
        if isinstance(spec, str):
            spec = {"argos": spec}
        if not isinstance(spec, dict):
            raise L10nError(f"[tool.l10n.languages] {code}: expected a table", pyproject)
        languages.append(
            Language(
                code=code,
                argos=spec.get("argos", code.split("_")[0]),
                min_coverage=float(spec.get("min_coverage", min_cov)),
                min_build_coverage=float(spec.get("min_build_coverage", min_build)),
            )
        )
    patterns = tuple(s.get("chrome_patterns", DEFAULT_CHROME))
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise L10nError(f"chrome pattern {pattern!r}: {exc}", pyproject) from None
    fallback = s.get("fallback", "source")
    if fallback not in ("source", "omit"):
        raise L10nError(f"fallback must be 'source' or 'omit', not {fallback!r}", pyproject)
    cache = s.get("cache_dir")
    return Config(
        root=root,
        source_language=s.get("source_language", "en"),
        languages=tuple(languages),
        source_dir=root / s.get("source_dir", "source"),
        locales_dir=root / s.get("locales_dir", "locales"),
        build_dir=root / s.get("build_dir", "build"),
        glossary=root / s.get("glossary", "locales/glossary.csv"),
        cache_dir=(root / cache) if cache else None,
        fallback=fallback,
        publish_drafts=bool(s.get("publish_drafts", False)),
        chrome_patterns=patterns,
        project_name=name,
        min_coverage=min_cov,
        checks=s.get("checks", {}),
    )
