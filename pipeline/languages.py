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
