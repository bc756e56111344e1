"""What must not be translated (URLs, e-mail addresses, glossary terms with an approved
translation) is replaced by sentinels ``{0}``, ``{1}``… before decoding and put back after;
a draft that lost or duplicated a sentinel is refused, never written broken."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pipeline import patterns

# URLs and e-mail addresses as the placeholder check reads them (pipeline.patterns).
URL = patterns.URL.pattern
EMAIL = patterns.EMAIL.pattern
_SENTINEL = patterns.SENTINEL


@dataclass(frozen=True)
class Masked:
    """Source text with sentinels, and what each sentinel stands for in the target text."""

    text: str
    slots: tuple[tuple[str, str], ...] = ()


def masker(terms: Sequence[tuple[str, str]]) -> Callable[[str], Masked]:
    """A function masking URLs, e-mail addresses and the glossary ``terms`` (en, approved)."""
    approved = {en: target for en, target in terms if en and target}
    words = sorted(approved, key=len, reverse=True)
    alternatives = [URL, EMAIL]
    if words:
        alternatives.append(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)")
    pattern = re.compile("|".join(f"({a})" for a in alternatives))

    def mask(text: str) -> Masked:
        slots: list[tuple[str, str]] = []
        counter = 0
        in_text = set(_SENTINEL.findall(text))  # sentinels must not clash with these

        def sentinel(match: re.Match) -> str:
            nonlocal counter
            while f"{{{counter}}}" in in_text:
                counter += 1
            token = f"{{{counter}}}"
            counter += 1
            found = match.group(0)
            slots.append((token, approved.get(found, found) if match.lastindex == 3 else found))
            return token

        return Masked(pattern.sub(sentinel, text), tuple(slots))

    return mask


def unmask(output: str, masked: Masked) -> str:
    """Put back what the sentinels stand for; ValueError when one was lost or duplicated."""
    expected = Counter(_SENTINEL.findall(masked.text))
    found = Counter(_SENTINEL.findall(output))
    if found != expected:
        lost = sorted(set(expected) - set(found))
        extra = sorted(s for s in found if found[s] > expected.get(s, 0))
        what = [f"lost {', '.join(lost)}"] if lost else []
        what += [f"unexpected {', '.join(extra)}"] if extra else []
        raise ValueError("placeholder " + "; ".join(what) if what else "placeholders changed")
    values = dict(masked.slots)
    return _SENTINEL.sub(lambda m: values.get(m.group(), m.group()), output)
