"""Languages as pages and reports name them: BCP 47 tag, own name, direction, sentence spacing,
all from babel's CLDR data."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pipeline.errors import L10nError

# Languages written without a space between sentences.
NO_SENTENCE_SPACE = frozenset({"zh", "ja", "yue", "wuu", "lzh"})


def bcp47(code: str) -> str:
    """The BCP 47 tag of a gettext locale, for ``lang`` and ``hreflang``: ``zh_Hans`` →
    ``zh-Hans``."""
    return code.replace("_", "-").split("@")[0]


def language_name(code: str) -> str:
    """The language's name in itself (``한국어``), or the code where CLDR does not know it."""
    try:
        return language_info(code).name
    except L10nError:
        return code


@dataclass(frozen=True)
class LanguageInfo:
    """How a language is written and named: from babel's CLDR data, not from code."""

    code: str  # gettext locale, as in locales/<code>/: zh_Hans
    tag: str  # BCP 47, for lang and hreflang: zh-Hans
    name: str  # its own name in its own script: 中文 (简体)
    direction: str  # "ltr" or "rtl"
    sentence_space: str  # what goes between two sentences: " " or ""


@lru_cache(maxsize=None)
def language_info(code: str) -> LanguageInfo:
    """Names, BCP 47 tag, direction and sentence spacing of gettext locale ``code``."""
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError) as exc:
        raise L10nError(f"unknown language {code!r}: {exc}") from None
    direction = "rtl" if locale.character_order == "right-to-left" else "ltr"
    space = "" if locale.language in NO_SENTENCE_SPACE else " "
    tag = bcp47(code)
    return LanguageInfo(code, tag, locale.display_name or code, direction, space)


# gettext's script modifiers (``sr@latin``) as the CLDR scripts they name.
SCRIPT_MODIFIERS = {"latin": "Latn", "cyrillic": "Cyrl", "arabic": "Arab", "devanagari": "Deva"}


@dataclass(frozen=True)
class Subtags:
    """A locale as CLDR's likely subtags complete it: ``zh_CN`` and ``zh_Hans`` are both
    ``zh-Hans-CN``; ``named_region`` says whether the code itself named the region."""

    language: str
    script: str
    region: str
    variant: str
    named_region: bool


@lru_cache(maxsize=None)
def subtags(code: str) -> Subtags:
    """The language, script and region of gettext locale or BCP 47 tag ``code``, completed
    with CLDR's likely subtags (``ms`` → ``ms-Latn-MY``, ``zh_TW`` → ``zh-Hant-TW``); a code
    CLDR cannot read is kept as it is written, as its own language."""
    from babel.core import get_global, parse_locale

    base, _, modifier = code.strip().partition("@")
    base = base.split(".")[0].replace("-", "_")
    try:
        language, region, script, variant = parse_locale(base)
    except ValueError:
        return Subtags(code.strip().lower(), "", "", modifier, False)
    language = get_global("language_aliases").get(language, language)
    script = script or SCRIPT_MODIFIERS.get(modifier.lower(), "")
    variant = variant or ("" if modifier.lower() in SCRIPT_MODIFIERS else modifier)
    likely = get_global("likely_subtags")
    for key in (
        f"{language}_{script}_{region}" if script and region else "",
        f"{language}_{region}" if region else "",
        f"{language}_{script}" if script else "",
        language,
    ):
        if key in likely:
            _, full_region, full_script, _ = parse_locale(likely[key])
            script, fill = script or full_script or "", region or full_region or ""
            return Subtags(language, script, fill, variant or "", bool(region))
    return Subtags(language, script or "", region or "", variant or "", bool(region))


def same_language(a: str, b: str) -> bool:
    """Whether locales ``a`` and ``b`` name one language as CLDR reads them: the same
    language and script, and the same region where both name one (``zh_Hans`` = ``zh_CN``,
    ``zh_Hant`` = ``zh_TW``, ``ms`` = ``ms_MY``, ``sr@latin`` = ``sr_Latn``; ``zh_CN`` ≠
    ``zh_TW``, ``pt_BR`` ≠ ``pt_PT``)."""
    x, y = subtags(a), subtags(b)
    if (x.language, x.script, x.variant) != (y.language, y.script, y.variant):
        return False
    return x.region == y.region or not (x.named_region and y.named_region)
