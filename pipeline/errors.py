"""The one exception type for problems a user can cause."""

from __future__ import annotations

from pathlib import Path


class L10nError(Exception):
    """Bad input: carries the file (and line, where there is one) it is about.

    The CLI turns it into one line, ``file:line: message``, and exit status 2.
    """

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        where = self.path or ""
        if where and self.line:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}" if where else self.message
