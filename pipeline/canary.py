"""The canary: a few fixed English sentences a package translates before it is installed
(``l10n models install``) or when asked (``l10n models list --verify``).

A package is refused when a draft is empty, degenerate (a word or phrase repeated, or the
length limit reached: ``mt.degenerate``), holds tokenizer debris (``patterns.DEBRIS``: a
tokenizer that does not match the model, ``mainstre@@``-style garbage), or is not written
mostly in the target language's script (CLDR's likely script for the language: Hangul for
``ko``, Han for ``zh``, Latin for ``ms``). The script check counts letters only, so digits,
punctuation and kept names do not decide it; a language CLDR does not know is not judged on
script.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from pipeline import patterns
from pipeline.packages import Package

SENTENCES = (
    "The government said on Monday that it would build more homes for young families.",
    "Prices rose by 3 per cent last year, the central bank said.",
    "The two countries agreed to work together on clean energy and trade.",
)
# Name and words of the Unicode character names of scripts (ISO 15924) whose English name is
# not such a word; Korean and Japanese are written in more than one.
SCRIPT_WORDS = {
    "Kore": ("Hangul", ("HANGUL", "CJK")),
    "Jpan": ("Japanese", ("HIRAGANA", "KATAKANA", "CJK")),
    "Hans": ("Han", ("CJK",)),
    "Hant": ("Han", ("CJK",)),
    "Hani": ("Han", ("CJK",)),
    "Hang": ("Hangul", ("HANGUL",)),
}
# Argos codes that are not language codes CLDR knows: zt is Traditional Chinese.
ARGOS_SCRIPTS = {"zt": "Hant"}
# The share of a draft's letters that must be in the target script.
MIN_SCRIPT_SHARE = 0.5


@lru_cache(maxsize=None)
def target_script(code: str) -> tuple[str, tuple[str, ...]] | None:
    """(script name, words of its characters' Unicode names) for an Argos language code,
    from CLDR's likely subtags; None where CLDR does not know the language."""
    from babel import Locale
    from babel.core import get_global

    script = ARGOS_SCRIPTS.get(code)
    if script is None:
        likely = get_global("likely_subtags").get(code.lower().replace("-", "_"))
        parts = likely.split("_") if likely else []
        script = next((p for p in parts[1:] if len(p) == 4), None)
    if script is None:
        return None
    if script in SCRIPT_WORDS:
        return SCRIPT_WORDS[script]
    name = Locale("en").scripts.get(script, script)
    return name, (name.split()[0].upper(),)


def script_share(text: str, words: Sequence[str]) -> float:
    """The share of the letters of ``text`` whose Unicode names have one of ``words``
    (1.0 for text without letters)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 1.0
    inside = sum(1 for c in letters if set(unicodedata.name(c, "").split()) & set(words))
    return inside / len(letters)


def judge(source: str, draft: str, problem: str | None, to_code: str) -> str | None:
    """Why the draft ``draft`` of canary sentence ``source`` is not a translation, or None."""
    if problem:
        return problem
    if not draft.strip():
        return "empty output"
    left = patterns.debris(draft, source)
    if left:
        return f"tokenizer debris in the output: {' '.join(left)}"
    script = target_script(to_code)
    if script and script_share(draft, script[1]) < MIN_SCRIPT_SHARE:
        return f"output not in {script[0]} script ({to_code})"
    return None


def problem(package: Package) -> str | None:
    """Why ``package`` fails the canary (one line, with the sentence and its draft), or None.
    Decodes with the default settings, as ``l10n translate`` does."""
    from pipeline import mt

    drafts = mt.Translator(package).translate(list(SENTENCES))
    for source, draft in zip(SENTENCES, drafts):
        reason = judge(source, draft.text, draft.problem, package.to_code)
        if reason:
            shown = draft.text if len(draft.text) <= 80 else draft.text[:77] + "…"
            return f"canary failed: {reason} ({source!r} → {shown!r})"
    return None
