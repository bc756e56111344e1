"""What must not be translated (inline markup tags ``<1>``/``</1>``/``<2/>``, inline code with
its tags, URLs, e-mail addresses, glossary terms with an approved translation) is replaced by
sentinels ``{0}``, ``{1}``… before decoding and put back after; a draft that lost or
duplicated a sentinel, or whose tags no longer pair up as the source's do, is refused, never
written broken. One repair is made, where it is unambiguous: a tag pair that wrapped exactly
one glossary term in the source and was lost or broken around it is put back around that
term's translation."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pipeline import patterns
from pipeline.segment import TAG, tag_problem

# URLs and e-mail addresses as the placeholder check reads them (pipeline.patterns).
URL = patterns.URL.pattern
EMAIL = patterns.EMAIL.pattern
_SENTINEL = patterns.SENTINEL
_IN_WORD = patterns.IN_WORD


@dataclass(frozen=True)
class Masked:
    """Source text with sentinels, and what each sentinel stands for in the target text."""

    text: str
    slots: tuple[tuple[str, str], ...] = ()
    source: str = ""  # the unmasked source, whose tags the draft's must match
    # (open, term, close) sentinels of a tag pair around exactly one glossary term
    wraps: tuple[tuple[str, str, str], ...] = ()


def masker(terms: Sequence[tuple[str, str]]) -> Callable[[str], Masked]:
    """A function masking URLs, e-mail addresses and the glossary ``terms`` (en, approved)."""
    approved = {en: target for en, target in terms if en and target}
    words = sorted(approved, key=len, reverse=True)
    alternatives = [URL, EMAIL]
    if words:
        # A whole word, never part of a hyphenated compound ("Vice-President", "Korea-based").
        alternatives.append(
            rf"(?<!{_IN_WORD})(?:" + "|".join(map(re.escape, words)) + rf")(?!{_IN_WORD})"
        )
    pattern = re.compile("|".join(f"({a})" for a in alternatives))

    def mask(text: str, code: frozenset[int] = frozenset()) -> Masked:
        """``text`` masked; the tag pairs numbered in ``code`` (inline code) are masked whole,
        their words with them."""
        slots: list[tuple[str, str]] = []
        counter = 0
        in_text = set(_SENTINEL.findall(text))  # sentinels must not clash with these
        terms: set[str] = set()

        def sentinel(match: re.Match | str) -> str:
            nonlocal counter
            while f"{{{counter}}}" in in_text:
                counter += 1
            token = f"{{{counter}}}"
            counter += 1
            found = match if isinstance(match, str) else match.group(0)
            if not isinstance(match, str) and match.re is pattern and match.lastindex == 3:
                terms.add(token)
                found = approved.get(found, found)
            slots.append((token, found))
            return token

        has_tags = TAG.search(text) is not None
        if not has_tags:
            return Masked(pattern.sub(sentinel, text), tuple(slots))
        # Tags first, so that a URL or term is found between tags and never takes one in.
        pieces, at = [], 0
        unclosed: set[str] = set()  # code tags with no end tag after them: looked for once
        for match in TAG.finditer(text):
            if match.start() < at:
                continue  # inside a code span masked whole
            end = 0 if match.group(2) in unclosed else _code_end(text, match, code)
            if not end and int(match.group(2)) in code and not match.group(1):
                unclosed.add(match.group(2))
            pieces += [pattern.sub(sentinel, text[at : match.start()])]
            pieces += [sentinel(text[match.start() : end] if end else match)]
            at = end or match.end()
        masked = "".join(pieces) + pattern.sub(sentinel, text[at:])
        return Masked(masked, tuple(slots), text, _wraps(masked, dict(slots), terms))

    return mask


_CODE_TAG = re.compile(r"^<([1-9][0-9]{0,2})>: code$", re.MULTILINE)


def code_tags(comment: str) -> frozenset[int]:
    """The numbers of the tags an entry's extracted comment describes as inline code
    (``<1>: code``)."""
    return frozenset(int(n) for n in _CODE_TAG.findall(comment or ""))


def _code_end(text: str, match: re.Match, code: frozenset[int]) -> int:
    """Where the code span that ``match`` opens ends (after its closing tag); 0 when it opens
    none."""
    if match.group(1) or match.group(3) or int(match.group(2)) not in code:
        return 0
    close = text.find(f"</{match.group(2)}>", match.end())
    return close + len(match.group(2)) + 3 if close >= 0 else 0


def _wraps(masked: str, values: dict[str, str], terms: set[str]) -> tuple:
    """The tag pairs that wrap exactly one glossary term: ``{o}{t}{c}`` in the masked text."""
    found = []
    for match in re.finditer(r"(\{\d+\})(\{\d+\})(\{\d+\})", masked):
        opening, term, closing = match.groups()
        start, end = TAG.fullmatch(values.get(opening, "")), TAG.fullmatch(values.get(closing, ""))
        if (
            term in terms
            and start
            and end
            and not start.group(1)
            and not start.group(3)
            and end.group(1)
            and end.group(2) == start.group(2)
        ):
            found.append((opening, term, closing))
    return tuple(found)


def unmask(output: str, masked: Masked) -> str:
    """Put back what the sentinels stand for; ValueError when one was lost or duplicated, or
    the tags do not pair up as the source's (after the one unambiguous repair)."""
    text = _unmask(output, masked)
    if not masked.source:
        return text
    problem = tag_problem(masked.source, text)
    if problem is None:
        return text
    repaired = _repair(output, masked)
    if repaired is not None:
        return repaired
    raise ValueError(f"markup: {problem}")


def _repair(output: str, masked: Masked) -> str | None:
    """The draft with each tag pair that wrapped one glossary term put back around it (the
    term's sentinel there once); None when that does not give tags matching the source's."""
    if not masked.wraps:
        return None
    for opening, term, closing in masked.wraps:
        if output.count(term) != 1:
            return None
        output = output.replace(opening, "").replace(closing, "")
        output = output.replace(term, opening + term + closing)
    try:
        text = _unmask(output, masked)
    except ValueError:
        return None
    text = re.sub(r" {2,}", " ", text).strip()  # where a lost tag's sentinel stood
    return text if tag_problem(masked.source, text) is None else None


def _unmask(output: str, masked: Masked) -> str:
    expected = Counter(_SENTINEL.findall(masked.text))
    found = Counter(_SENTINEL.findall(output))
    if found != expected:
        repaired = _repair(output, masked) if masked.source else None
        if repaired is not None:
            return repaired
        lost = sorted(set(expected) - set(found))
        extra = sorted(s for s in found if found[s] > expected.get(s, 0))
        what = [f"lost {', '.join(lost)}"] if lost else []
        what += [f"unexpected {', '.join(extra)}"] if extra else []
        raise ValueError("placeholder " + "; ".join(what) if what else "placeholders changed")
    values = dict(masked.slots)
    return _SENTINEL.sub(lambda m: values.get(m.group(), m.group()), output)
