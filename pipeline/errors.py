"""The one exception type for problems a user can cause."""

from __future__ import annotations

import re
from pathlib import Path

# What must not reach a terminal or a log raw: control characters (a newline would make a
# second line, an escape sequence would drive the terminal) and the bidirectional controls
# that make a name read otherwise than it is.
UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` with every control character written as an escape (``\\n``, ``\\u202e``)."""
    return UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class L10nError(Exception):
    """Bad input: carries the file (and line, where there is one) it is about.

    The CLI turns it into one line, ``file:line: message``, and exit status 2.
    """

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line

    def __reduce__(self):
        # raised in a worker process (``pipeline.parallel``), it reaches the command whole
        return (type(self), (self.message, self.path, self.line))

    def __str__(self) -> str:
        where = printable(self.path or "")
        if where and self.line:
            where = f"{where}:{self.line}"
        message = printable(self.message)
        return f"{where}: {message}" if where else message
