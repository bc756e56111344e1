"""Emphasis written as CommonMark that reads back as emphasis.

``*`` and ``**`` are emphasis only where CommonMark's flanking rules allow: ``**33%**of`` is
not (a closing run after punctuation must be followed by space or punctuation), and the
asterisks would be published. A writer gives its inline content as text and ``Mark``s; each
pair whose delimiters CommonMark would not read as emphasis is written as inline HTML
(``<strong>33%</strong>of``), which the Markdown reader takes back as the same tag.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

DELIMITER = {"em": "*", "strong": "**"}


@dataclass(frozen=True)
class Mark:
    """Where an emphasis pair (``em`` or ``strong``) opens or closes; ``pair`` tells pairs
    apart."""

    kind: str
    closing: bool
    pair: int


def code_span(code: str) -> str:
    """``code`` as a CommonMark code span that reads back as exactly ``code``: a fence longer
    than any run of backticks in it, padded where it starts or ends with one."""
    fence = "`" * (max((len(r) for r in re.findall("`+", code)), default=0) + 1)
    pad = " " if code.startswith("`") or code.endswith("`") else ""
    return f"{fence}{pad}{code}{pad}{fence}"


def joined(tokens: list[str | Mark]) -> str:
    """Text and marks as CommonMark: each pair as ``*``/``**`` where that parses back as the
    same emphasis, as ``<em>``/``<strong>`` where it would not."""
    html = {t.pair for i, t in enumerate(tokens) if isinstance(t, Mark) and not _flanks(tokens, i)}
    out = []
    for token in tokens:
        if not isinstance(token, Mark):
            out.append(token)
        elif token.pair in html:
            out.append(f"<{'/' if token.closing else ''}{token.kind}>")
        else:
            out.append(DELIMITER[token.kind])
    return "".join(out)


def _flanks(tokens: list[str | Mark], at: int) -> bool:
    """Would CommonMark read the mark at ``at`` as opening (or closing) emphasis?"""
    mark = tokens[at]
    assert isinstance(mark, Mark)
    before, after = _neighbour(tokens, at, -1), _neighbour(tokens, at, 1)
    if not mark.closing and at and isinstance(tokens[at - 1], Mark) and tokens[at - 1].closing:
        return False  # "*a**b*": a run right after a closing one would join it
    if mark.closing:
        return not _space(before) and (not _punct(before) or _space(after) or _punct(after))
    return not _space(after) and (not _punct(after) or _space(before) or _punct(before))


def _neighbour(tokens: list[str | Mark], at: int, step: int) -> str | None:
    """The character next to the mark at ``at`` (a neighbouring mark reads as ``*``; None at
    either end of the line)."""
    i = at + step
    while 0 <= i < len(tokens):
        token = tokens[i]
        if isinstance(token, Mark):
            return "*"
        if token:
            return token[-1] if step < 0 else token[0]
        i += step
    return None


def _space(char: str | None) -> bool:
    return char is None or char.isspace()


def _punct(char: str | None) -> bool:
    return char is not None and unicodedata.category(char)[0] in "PS"
