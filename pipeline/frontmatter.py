"""Front matter of a Markdown post: the ``---`` YAML or ``+++`` TOML block that Hugo, Jekyll
and Zola posts start with, read for its plain fields (title, description, date, author…).

Only top-level scalar fields are read from YAML (``key: value``, quoted or not); lists and
nested maps are skipped, never evaluated, so a hostile block costs one pass over its lines.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from pipeline.errors import L10nError

FENCES = {"---": ("---", "..."), "+++": ("+++",)}
_YAML_FIELD = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")


def split_front_matter(
    text: str, path: str | Path = "<input>"
) -> tuple[dict[str, tuple[str, int]], str]:
    """The front matter's fields (name → (value, 1-based line)) and the text with the front
    matter's lines left blank, so that the body keeps its line numbers. Text without front
    matter comes back unchanged, with no fields."""
    fields, body = front_matter(text, path)
    if not body:
        return fields, text
    at = -1
    for _ in range(body):
        at = text.find("\n", at + 1)
    return fields, "\n" * body + ("" if at < 0 else text[at + 1 :])


def front_matter(text: str, path: str | Path = "<input>") -> tuple[dict[str, tuple[str, int]], int]:
    """The front matter's fields (as ``split_front_matter`` gives them) and the 0-based line
    its body starts on (0: no front matter), read a line at a time: a post's text is neither
    split into lines nor copied."""
    at = text.find("\n")
    opening = (text if at < 0 else text[:at]).strip()
    if opening not in FENCES or at < 0:
        return {}, 0
    block: list[str] = []
    while True:
        start, at = at + 1, text.find("\n", at + 1)
        line = text[start:] if at < 0 else text[start:at]
        if line.strip() in FENCES[opening]:
            break
        if at < 0:
            return {}, 0
        block.append(line)
    fields = _toml(block, path) if opening == "+++" else _yaml(block)
    return fields, len(block) + 2


def _toml(block: list[str], path: str | Path) -> dict[str, tuple[str, int]]:
    """The top-level scalar fields of a TOML block (its first line is line 2 of the file)."""
    try:
        data = tomllib.loads("\n".join(block))
    except tomllib.TOMLDecodeError as exc:
        raise L10nError(f"front matter is not valid TOML ({exc})", path, 1) from None
    fields = {}
    for key, value in data.items():
        if isinstance(value, (str, int, float)) or hasattr(value, "isoformat"):
            line = next((n for n, x in enumerate(block, 2) if x.lstrip().startswith(key)), 1)
            fields[key.lower()] = (str(value), line)
    return fields


def _yaml(block: list[str]) -> dict[str, tuple[str, int]]:
    """The top-level ``key: value`` fields of a YAML block, quotes taken off."""
    fields = {}
    for number, line in enumerate(block, 2):
        match = _YAML_FIELD.match(line)
        if not match or not match.group(2) or match.group(2)[0] in "[{|>&*!#":
            continue
        fields[match.group(1).lower()] = (_unquoted(match.group(2)), number)
    return fields


def _unquoted(value: str) -> str:
    """A YAML scalar without its quotes (``''`` in single quotes is one quote) or comment."""
    if len(value) > 1 and value[0] == value[-1] == "'":
        return value[1:-1].replace("''", "'")
    if len(value) > 1 and value[0] == value[-1] == '"':
        return re.sub(r'\\(["\\/])', r"\1", value[1:-1])
    return re.sub(r"\s+#.*$", "", value)
